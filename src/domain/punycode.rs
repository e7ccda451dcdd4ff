//! Punycode (RFC 3492) encoding, for the fast path of labels made of CJK unified ideographs
//! and lowercase letters, digits and hyphens, which UTS-46 leaves unchanged.

const BASE: u32 = 36;
const T_MIN: u32 = 1;
const T_MAX: u32 = 26;
const SKEW: u32 = 38;
const DAMP: u32 = 700;
const INITIAL_BIAS: u32 = 72;
const INITIAL_N: u32 = 128;

/// `ceil(2^32 / d)` for every divisor the encoder uses (1 to 64), so that `q / d` is
/// `(q * RECIPROCAL[d]) >> 32`: exact for `q < 2^32 / 64 = 2^26`, since the error,
/// `q * (RECIPROCAL[d] - 2^32 / d) / 2^32 < q / 2^32`, stays below `1 / d`.
const RECIPROCAL: [u64; 65] = {
    let mut t = [0u64; 65];
    let mut d = 1;
    while d <= 64 {
        t[d] = (1u64 << 32).div_ceil(d as u64);
        d += 1;
    }
    t
};

/// The largest value the encoder divides (see [`encode`]).
const MAX_DIVIDEND: u32 = 1 << 26;

/// `(q / d, q % d)` for `q < MAX_DIVIDEND` and `1 <= d <= 64`, by a multiplication.
#[inline(always)]
fn div_rem(q: u32, d: u32) -> (u32, u32) {
    debug_assert!(q < MAX_DIVIDEND && (1..=64).contains(&d));
    let quot = ((u64::from(q) * RECIPROCAL[d as usize]) >> 32) as u32;
    (quot, q - quot * d)
}

fn adapt(mut delta: u32, points: u32, first: bool) -> u32 {
    delta /= if first { DAMP } else { 2 };
    delta += if delta < MAX_DIVIDEND && points <= 64 {
        div_rem(delta, points).0
    } else {
        delta / points
    };
    let mut k = 0;
    while delta > ((BASE - T_MIN) * T_MAX) / 2 {
        delta /= BASE - T_MIN;
        k += BASE;
    }
    k + (((BASE - T_MIN + 1) * delta) / (delta + SKEW))
}

fn digit(d: u32) -> u8 {
    match d {
        0..=25 => b'a' + d as u8,
        _ => b'0' + (d - 26) as u8,
    }
}

/// Writes the Punycode form of `label` (without the `xn--` prefix) byte by byte to `out`.
/// The label holds at most 64 code points below U+10000, so every delta is below
/// `0x10000 * 65 + 65 * 65 < MAX_DIVIDEND` and no arithmetic can overflow.
pub(crate) fn encode(label: &[u32], mut out: impl FnMut(u8)) {
    debug_assert!(label.len() <= 64 && label.iter().all(|&c| c < 0x10000));
    let basic = label.iter().filter(|&&c| c < 0x80).count() as u32;
    for &c in label {
        if c < 0x80 {
            out(c as u8);
        }
    }
    if basic > 0 {
        out(b'-');
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
                    let (quot, rem) = div_rem(q - t, BASE - t);
                    out(digit(t + rem));
                    q = quot;
                    k += BASE;
                }
                out(digit(q));
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
        encode(&v, |b| out.push(char::from(b)));
        out
    }

    #[test]
    fn division_by_multiplication_is_exact() {
        for d in 1..=64u32 {
            let mut q = 0u32;
            while q < MAX_DIVIDEND {
                for x in [q, q + 1, q + d - 1, MAX_DIVIDEND - 1 - q] {
                    assert_eq!(div_rem(x, d), (x / d, x % d), "{x} / {d}");
                }
                q += 997;
            }
            // Every multiple of d and its neighbours near the top of the range.
            let mut m = (MAX_DIVIDEND / d) * d;
            for _ in 0..1000 {
                for x in [m, m - 1] {
                    if x < MAX_DIVIDEND {
                        assert_eq!(div_rem(x, d), (x / d, x % d), "{x} / {d}");
                    }
                }
                m -= d;
            }
        }
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
