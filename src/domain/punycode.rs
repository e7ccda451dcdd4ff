//! Punycode (RFC 3492) encoding, for the fast path of labels made of CJK unified ideographs
//! and lowercase letters, digits and hyphens, which UTS-46 leaves unchanged.

const BASE: u32 = 36;
const T_MIN: u32 = 1;
const T_MAX: u32 = 26;
const SKEW: u32 = 38;
const DAMP: u32 = 700;
const INITIAL_BIAS: u32 = 72;
const INITIAL_N: u32 = 128;

fn adapt(mut delta: u32, points: u32, first: bool) -> u32 {
    delta /= if first { DAMP } else { 2 };
    delta += delta / points;
    let mut k = 0;
    while delta > ((BASE - T_MIN) * T_MAX) / 2 {
        delta /= BASE - T_MIN;
        k += BASE;
    }
    k + (((BASE - T_MIN + 1) * delta) / (delta + SKEW))
}

fn digit(d: u32) -> char {
    match d {
        0..=25 => (b'a' + d as u8) as char,
        _ => (b'0' + (d - 26) as u8) as char,
    }
}

/// Appends the Punycode form of `label` (without the `xn--` prefix) to `out`. The label holds
/// fewer than 64 code points below U+10000, so no arithmetic can overflow.
pub(crate) fn encode_into(label: &[u32], out: &mut String) {
    let basic = label.iter().filter(|&&c| c < 0x80).count() as u32;
    for &c in label {
        if c < 0x80 {
            out.push(c as u8 as char);
        }
    }
    if basic > 0 {
        out.push('-');
    }
    let (mut n, mut delta, mut bias, mut h) = (INITIAL_N, 0u32, INITIAL_BIAS, basic);
    let total = label.len() as u32;
    while h < total {
        let m = label.iter().copied().filter(|&c| c >= n).min().unwrap_or(n);
        delta += (m - n) * (h + 1);
        n = m;
        for &c in label {
            if c < n {
                delta += 1;
            }
            if c == n {
                let mut q = delta;
                let mut k = BASE;
                loop {
                    let t = if k <= bias {
                        T_MIN
                    } else if k >= bias + T_MAX {
                        T_MAX
                    } else {
                        k - bias
                    };
                    if q < t {
                        break;
                    }
                    out.push(digit(t + (q - t) % (BASE - t)));
                    q = (q - t) / (BASE - t);
                    k += BASE;
                }
                out.push(digit(q));
                bias = adapt(delta, h + 1, h == basic);
                delta = 0;
                h += 1;
            }
        }
        delta += 1;
        n += 1;
    }
}

fn digit_value(b: u8) -> Option<u32> {
    match b {
        b'a'..=b'z' => Some(u32::from(b - b'a')),
        b'A'..=b'Z' => Some(u32::from(b - b'A')),
        b'0'..=b'9' => Some(u32::from(b - b'0') + 26),
        _ => None,
    }
}

/// Decodes a Punycode label (without `xn--`) into `out`, returning the number of code points.
/// `None` on malformed input, overflow, or more than `out.len()` code points.
pub(crate) fn decode(input: &[u8], out: &mut [u32]) -> Option<usize> {
    let (basic, rest) = match input.iter().rposition(|&b| b == b'-') {
        Some(d) => (&input[..d], &input[d + 1..]),
        None => (&input[..0], input),
    };
    let mut len = 0usize;
    for &b in basic {
        if !b.is_ascii() || len == out.len() {
            return None;
        }
        out[len] = u32::from(b);
        len += 1;
    }
    let (mut n, mut i, mut bias) = (INITIAL_N, 0u32, INITIAL_BIAS);
    let mut pos = 0;
    while pos < rest.len() {
        let old_i = i;
        let mut w = 1u32;
        let mut k = BASE;
        loop {
            let d = digit_value(*rest.get(pos)?)?;
            pos += 1;
            i = i.checked_add(d.checked_mul(w)?)?;
            let t = if k <= bias {
                T_MIN
            } else if k >= bias + T_MAX {
                T_MAX
            } else {
                k - bias
            };
            if d < t {
                break;
            }
            w = w.checked_mul(BASE - t)?;
            k += BASE;
        }
        let points = len as u32 + 1;
        bias = adapt(i - old_i, points, old_i == 0);
        n = n.checked_add(i / points)?;
        i %= points;
        if len == out.len() || n > 0x10ffff {
            return None;
        }
        let at = i as usize;
        out.copy_within(at..len, at + 1);
        out[at] = n;
        len += 1;
        i += 1;
    }
    Some(len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enc(s: &str) -> String {
        let v: Vec<u32> = s.chars().map(u32::from).collect();
        let mut out = String::new();
        encode_into(&v, &mut out);
        out
    }

    #[test]
    fn decode_round_trips() {
        let mut buf = [0u32; 64];
        for s in [
            "例子",
            "中国",
            "3年b組金八先生",
            "他们为什么不说中文",
            "a-例",
            "-例",
        ] {
            let e = enc(s);
            let n = decode(e.as_bytes(), &mut buf).unwrap();
            let back: String = buf[..n]
                .iter()
                .map(|&c| char::from_u32(c).unwrap())
                .collect();
            assert_eq!(back, s);
        }
        assert_eq!(decode(b"zzzzzzzzzzzzzzzzzzzz", &mut buf), None);
        assert_eq!(decode(b"a-\xff", &mut buf), None);
    }

    #[test]
    fn rfc_and_known_labels() {
        assert_eq!(enc("例子"), "fsqu00a");
        assert_eq!(enc("中国"), "fiqs8s");
        assert_eq!(enc("公司"), "55qx5d");
        assert_eq!(enc("食狮"), "85x722f");
        // RFC 3492 7.1 (A) Chinese (simplified).
        assert_eq!(enc("他们为什么不说中文"), "ihqwcrb4cv8a8dqg056pqjye");
        assert_eq!(enc("3年b組金八先生"), "3b-ww4c5e180e575a65lsy2b");
    }
}
