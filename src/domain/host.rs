//! Host normalisation: from whatever people paste to a lowercase ASCII host or an IP address.

use std::borrow::Cow;
use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use idna::uts46::{AsciiDenyList, DnsLength, Hyphens, Uts46};

use super::classes::classify;
use super::error::{DomainError, DomainErrorKind};

/// A normalised host: a lowercase ASCII (A-label) domain name without trailing dot, or an IP
/// address in its canonical text form (IPv6 without brackets, compressed).
///
/// Borrows the input when the input already held the host in normal form (the common case for
/// clean lowercase names, also inside URLs), so normalising it allocates nothing.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Host<'a> {
    ascii: Cow<'a, str>,
    ip: Option<IpAddr>,
}

impl<'a> Host<'a> {
    /// The ASCII form: `xn--fsqu00a.xn--fiqs8s`, `192.0.2.1`, `2001:db8::1`.
    pub fn as_str(&self) -> &str {
        &self.ascii
    }

    /// The IP address, when the host is one.
    pub fn ip(&self) -> Option<IpAddr> {
        self.ip
    }

    /// Whether the host is an IP address.
    pub fn is_ip(&self) -> bool {
        self.ip.is_some()
    }

    /// The Unicode form for display (`例子.中国`); the ASCII form when there is no IDN label.
    pub fn to_unicode(&self) -> Cow<'_, str> {
        if self.ip.is_some() || !has_ace_label(&self.ascii) {
            return Cow::Borrowed(&self.ascii);
        }
        let (s, _) =
            Uts46::new().to_unicode(self.ascii.as_bytes(), AsciiDenyList::STD3, Hyphens::Allow);
        Cow::Owned(s.into_owned())
    }

    /// Whether the ASCII form was borrowed from the input (no allocation was needed).
    pub fn is_borrowed(&self) -> bool {
        matches!(self.ascii, Cow::Borrowed(_))
    }

    pub(crate) fn into_cow(self) -> Cow<'a, str> {
        self.ascii
    }

    /// An owned copy that no longer borrows the input.
    pub fn into_owned(self) -> Host<'static> {
        Host {
            ascii: Cow::Owned(self.ascii.into_owned()),
            ip: self.ip,
        }
    }
}

impl fmt::Display for Host<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.ascii)
    }
}

fn has_ace_label(s: &str) -> bool {
    s.split('.').any(|l| l.starts_with("xn--"))
}

/// Normalises a host name, an IP address or a URL to a [`Host`].
///
/// Accepted: surrounding whitespace (including U+3000), a `scheme://` or `//` prefix, user
/// info (`user:pass@`), a port, a path, query or fragment, upper case, one trailing dot,
/// Unicode (UTS-46 mapping: full-width letters, the full stops `。．｡`) and Punycode, dotted-quad
/// IPv4, bracketed or bare IPv6. Everything else is an error naming the offending character or
/// position.
///
/// ```
/// use beian::domain::normalize;
/// assert_eq!(normalize("https://user@WWW.Example.COM:8443/a?b#c").unwrap().as_str(), "www.example.com");
/// assert_eq!(normalize("例子。中国").unwrap().as_str(), "xn--fsqu00a.xn--fiqs8s");
/// assert_eq!(normalize("[2001:DB8::1]:443").unwrap().as_str(), "2001:db8::1");
/// assert_eq!(normalize("ex_ample.com").unwrap_err().to_string(), "invalid character '_' at byte 2");
/// ```
#[inline]
pub fn normalize(input: &str) -> Result<Host<'_>, DomainError> {
    match fast(input.as_bytes()) {
        Fast::Host { start, end, upper } => {
            let host = &input[start..end];
            Ok(Host {
                ascii: if upper {
                    Cow::Owned(host.to_ascii_lowercase())
                } else {
                    Cow::Borrowed(host)
                },
                ip: None,
            })
        }
        Fast::Ipv4 { start, end, addr } => Ok(Host {
            ascii: Cow::Borrowed(&input[start..end]),
            ip: Some(IpAddr::V4(addr)),
        }),
        Fast::Slow => {
            let quick = if input.is_ascii() {
                ace(input)
            } else {
                cjk(input)
            };
            match quick {
                Some(host) => Ok(host),
                None => slow(input),
            }
        }
    }
}

/// A dotted quad in canonical form (no leading zeros, each part at most 255).
fn canonical_ipv4(b: &[u8]) -> Option<Ipv4Addr> {
    let mut parts = [0u8; 4];
    let mut n = 0;
    for part in b.split(|&c| c == b'.') {
        if n == 4 || part.is_empty() || part.len() > 3 || (part.len() > 1 && part[0] == b'0') {
            return None;
        }
        let mut v = 0u32;
        for &d in part {
            if !d.is_ascii_digit() {
                return None;
            }
            v = v * 10 + u32::from(d - b'0');
        }
        parts[n] = u8::try_from(v).ok()?;
        n += 1;
    }
    (n == 4).then(|| Ipv4Addr::from(parts))
}

/// Fast path for a bare ASCII host with Punycode labels that decode to CJK unified ideographs
/// and letters, digits and hyphens only: decode, check, and re-encode to confirm the label is
/// canonical, without UTS-46. `None` sends the input to the general path.
fn ace(input: &str) -> Option<Host<'_>> {
    let host = input.strip_suffix('.').unwrap_or(input);
    if host.is_empty() || host.len() > 253 {
        return None;
    }
    let mut upper = false;
    let mut any_ace = false;
    let mut points = [0u32; 64];
    for label in host.split('.') {
        let lb = label.as_bytes();
        for &c in lb {
            match c {
                b'a'..=b'z' | b'0'..=b'9' | b'-' => {}
                b'A'..=b'Z' => upper = true,
                _ => return None,
            }
        }
        if lb.len() < 5 || !lb[..4].eq_ignore_ascii_case(b"xn--") {
            continue;
        }
        any_ace = true;
        let n = super::punycode::decode(&lb[4..], &mut points)?;
        let mut wide = false;
        for &c in &points[..n] {
            match char::from_u32(c)? {
                'a'..='z' | '0'..='9' | '-' => {}
                c if is_cjk(c) => wide = true,
                _ => return None,
            }
        }
        if !wide {
            return None;
        }
        // Canonical: encoding the decoded label again gives the label (compared as it is
        // written, without a buffer).
        let want = &lb[4..];
        let mut at = 0;
        let mut same = true;
        super::punycode::encode(&points[..n], |b| {
            same &= want.get(at).is_some_and(|w| w.eq_ignore_ascii_case(&b));
            at += 1;
        });
        if !same || at != want.len() {
            return None;
        }
    }
    if !any_ace {
        return None;
    }
    let ascii = if upper {
        Cow::Owned(host.to_ascii_lowercase())
    } else {
        Cow::Borrowed(host)
    };
    finish(ascii, 0, false).ok().filter(|h| h.ip.is_none())
}

const fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}')
}

/// Fast path for names made only of CJK unified ideographs (U+4E00 to U+9FFF, which UTS-46
/// leaves unchanged and which need no bidi or joiner checks), ASCII letters, digits and
/// hyphens, separated by `.` or the full stops `。．｡`: Punycode-encode each label directly.
/// `None` sends the input to the general (UTS-46) path, which also produces the errors.
fn cjk(input: &str) -> Option<Host<'static>> {
    if input.len() > 253 * 3 || input.is_ascii() {
        return None;
    }
    let mut out = String::with_capacity(input.len() * 2);
    let mut label: [u32; 64] = [0; 64];
    let mut n = 0;
    let mut wide = false;
    let flush = |label: &[u32], wide: bool, out: &mut String| -> Option<()> {
        // A label starting with `xn--` needs Punycode validation by UTS-46.
        if label.len() >= 4 && label[..4] == [0x78, 0x6e, 0x2d, 0x2d] {
            return None;
        }
        if wide {
            out.push_str("xn--");
            super::punycode::encode(label, |b| out.push(char::from(b)));
        } else {
            out.extend(label.iter().map(|&c| c as u8 as char));
        }
        Some(())
    };
    for c in input.chars() {
        let c = match c {
            'a'..='z' | '0'..='9' | '-' => c,
            'A'..='Z' => c.to_ascii_lowercase(),
            '.' | '\u{3002}' | '\u{ff0e}' | '\u{ff61}' => {
                flush(&label[..n], wide, &mut out)?;
                out.push('.');
                n = 0;
                wide = false;
                continue;
            }
            c if is_cjk(c) => {
                wide = true;
                c
            }
            _ => return None,
        };
        if n == label.len() {
            return None;
        }
        label[n] = u32::from(c);
        n += 1;
    }
    flush(&label[..n], wide, &mut out)?;
    if out.ends_with('.') {
        out.pop();
    }
    finish(Cow::Owned(out), 0, false).ok()
}

/// What the fast path found.
#[derive(Debug, PartialEq, Eq)]
enum Fast {
    /// A valid, non-numeric, non-IDN ASCII host at `start..end` (trailing dot excluded).
    Host {
        start: usize,
        end: usize,
        upper: bool,
    },
    /// A dotted-quad IPv4 address in canonical form at `start..end`.
    Ipv4 {
        start: usize,
        end: usize,
        addr: Ipv4Addr,
    },
    /// Anything else: take the general path (which also produces the errors).
    Slow,
}

/// One pass over the input for the common case: an optional `http://`, `https://` or `//`,
/// optional user info of host characters and `@`, an ASCII host of letters, digits, hyphens and dots shorter than 64 bytes, then nothing or a
/// port, path, query or fragment. Labels, hyphens and case are read from byte-class masks
/// ([`classify`]), sixteen bytes at a time. No allocation, no UTS-46.
#[inline]
fn fast(b: &[u8]) -> Fast {
    let mut start = if b.starts_with(b"https://") {
        8
    } else if b.starts_with(b"http://") {
        7
    } else if b.starts_with(b"//") {
        2
    } else {
        0
    };
    let mut c = classify(&b[start..]);
    // The host text runs to the first byte that is not host text; 64 bytes or more of it
    // take the general path.
    let mut n = (!c.host).trailing_zeros() as usize;
    if start + n < b.len() && b[start + n] == b'@' {
        // User info of host characters (`user@`): the host follows it.
        start += n + 1;
        c = classify(&b[start..]);
        n = (!c.host).trailing_zeros() as usize;
    }
    if n == 0 || n >= 64 {
        return Fast::Slow;
    }
    let i = start + n;
    if i < b.len() {
        match b[i] {
            b'/' | b'?' | b'#' => {}
            b':' => {
                let digits_from = i + 1;
                let mut j = digits_from;
                while j < b.len() && b[j].is_ascii_digit() {
                    j += 1;
                }
                let n = j - digits_from;
                // "scheme://": not a port; the general path reads the scheme.
                if n == 0 && b.get(j) == Some(&b'/') {
                    return Fast::Slow;
                }
                if (j < b.len() && !matches!(b[j], b'/' | b'?' | b'#'))
                    || n > 5
                    || (n == 5 && &b[digits_from..j] > b"65535".as_slice())
                {
                    return Fast::Slow;
                }
            }
            _ => return Fast::Slow,
        }
    }
    // One trailing dot is dropped; then every label has a character, and no hyphen at its
    // edges.
    let trailing = c.dot >> (n - 1) & 1 != 0;
    let len = n - usize::from(trailing);
    let Some(labels) = c.labels(len) else {
        return Fast::Slow;
    };
    // No label starting with `xn--` (the Punycode paths read those).
    let mut ace = labels.starts & (labels.hyphen >> 2) & (labels.hyphen >> 3);
    while ace != 0 {
        let at = start + ace.trailing_zeros() as usize;
        if b[at..at + 2].eq_ignore_ascii_case(b"xn") {
            return Fast::Slow;
        }
        ace &= ace - 1;
    }
    // A last label of digits: an IPv4 address, or a numeric top-level domain (an error).
    if labels.last_digits {
        if trailing {
            return Fast::Slow;
        }
        return match canonical_ipv4(&b[start..start + len]) {
            Some(addr) => Fast::Ipv4 {
                start,
                end: start + len,
                addr,
            },
            None => Fast::Slow,
        };
    }
    Fast::Host {
        start,
        end: start + len,
        upper: c.upper & ((1u64 << len) - 1) != 0,
    }
}

fn slow(input: &str) -> Result<Host<'_>, DomainError> {
    let start = input.len() - input.trim_start().len();
    let s = input.trim();
    if s.is_empty() {
        return Err(DomainError::new(DomainErrorKind::Empty, 0));
    }
    let (rest, base) = strip_scheme(s, start)?;
    // The authority ends at the first path, query or fragment delimiter.
    let end = rest
        .bytes()
        .position(|b| matches!(b, b'/' | b'?' | b'#' | b'\\'))
        .unwrap_or(rest.len());
    let authority = &rest[..end];
    let (authority, base) = match authority.rfind('@') {
        Some(at) => (&authority[at + 1..], base + at + 1),
        None => (authority, base),
    };
    if authority.is_empty() {
        return Err(DomainError::new(DomainErrorKind::Empty, base));
    }
    if let Some(inner) = authority.strip_prefix('[') {
        let close = inner
            .find(']')
            .ok_or(DomainError::new(DomainErrorKind::InvalidIpv6, base))?;
        let after = &inner[close + 1..];
        if !after.is_empty() {
            let port = after.strip_prefix(':').ok_or(DomainError::new(
                DomainErrorKind::InvalidPort,
                base + close + 2,
            ))?;
            check_port(port, base + close + 3)?;
        }
        return ipv6(&inner[..close], base + 1);
    }
    let colons = authority.bytes().filter(|&b| b == b':').count();
    if colons >= 2 {
        return ipv6(authority, base);
    }
    let host = match authority.find(':') {
        Some(c) => {
            check_port(&authority[c + 1..], base + c + 1)?;
            &authority[..c]
        }
        None => authority,
    };
    host_name(host, base)
}

fn strip_scheme(s: &str, base: usize) -> Result<(&str, usize), DomainError> {
    if let Some(rest) = s.strip_prefix("//") {
        return Ok((rest, base + 2));
    }
    // Only look for "://" before the first delimiter, so "a.com/x://y" keeps its host.
    let head_end = s
        .bytes()
        .position(|b| matches!(b, b'/' | b'?' | b'#' | b'\\' | b'@'))
        .unwrap_or(s.len());
    let Some(colon) = s[..head_end].find(':') else {
        return Ok((s, base));
    };
    if !s[colon..].starts_with("://") {
        return Ok((s, base));
    }
    let scheme = &s[..colon];
    let valid = scheme
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic())
        && scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'));
    if !valid {
        return Err(DomainError::new(DomainErrorKind::InvalidScheme, base));
    }
    Ok((&s[colon + 3..], base + colon + 3))
}

fn check_port(port: &str, at: usize) -> Result<(), DomainError> {
    // An empty port ("example.com:") is allowed, as in URLs.
    if port.len() > 5 || !port.bytes().all(|b| b.is_ascii_digit()) {
        return Err(DomainError::new(DomainErrorKind::InvalidPort, at));
    }
    if !port.is_empty() && port.parse::<u32>().map_or(true, |p| p > 65535) {
        return Err(DomainError::new(DomainErrorKind::InvalidPort, at));
    }
    Ok(())
}

fn ipv6(text: &str, at: usize) -> Result<Host<'_>, DomainError> {
    let addr: Ipv6Addr = text
        .parse()
        .map_err(|_| DomainError::new(DomainErrorKind::InvalidIpv6, at))?;
    let canonical = addr.to_string();
    let ascii = if canonical == text {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(canonical)
    };
    Ok(Host {
        ascii,
        ip: Some(IpAddr::V6(addr)),
    })
}

/// Byte classes of an ASCII host, gathered in one pass.
struct Scan {
    upper: bool,
    bad: Option<(usize, char)>,
    ace: bool,
}

fn scan_ascii(b: &[u8]) -> Scan {
    let mut sc = Scan {
        upper: false,
        bad: None,
        ace: false,
    };
    let mut label_start = 0;
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'a'..=b'z' | b'0'..=b'9' | b'-' => {}
            b'.' => label_start = i + 1,
            b'A'..=b'Z' => sc.upper = true,
            _ => {
                sc.bad = Some((i, c as char));
                return sc;
            }
        }
        if i == label_start + 3 && !sc.ace {
            let l = &b[label_start..=i];
            sc.ace = l.eq_ignore_ascii_case(b"xn--");
        }
    }
    sc
}

fn host_name(host: &str, base: usize) -> Result<Host<'_>, DomainError> {
    if host.is_empty() {
        return Err(DomainError::new(DomainErrorKind::Empty, base));
    }
    if host.is_ascii() {
        let sc = scan_ascii(host.as_bytes());
        if let Some((i, c)) = sc.bad {
            return Err(DomainError::new(
                DomainErrorKind::InvalidCharacter(c),
                base + i,
            ));
        }
        if !sc.ace {
            let trimmed = host.strip_suffix('.').unwrap_or(host);
            if sc.upper {
                let lower = trimmed.to_ascii_lowercase();
                return finish(Cow::Owned(lower), base, true);
            }
            return finish(Cow::Borrowed(trimmed), base, true);
        }
    } else if let Some((i, c)) = host
        .char_indices()
        .find(|&(_, c)| c.is_ascii() && !(c.is_ascii_alphanumeric() || c == '-' || c == '.'))
    {
        return Err(DomainError::new(
            DomainErrorKind::InvalidCharacter(c),
            base + i,
        ));
    }
    let uts46 = Uts46::new();
    match uts46.to_ascii(
        host.as_bytes(),
        AsciiDenyList::STD3,
        Hyphens::Allow,
        DnsLength::Ignore,
    ) {
        Ok(ascii) => {
            let ascii = match ascii {
                Cow::Borrowed(b) => Cow::Borrowed(b.strip_suffix('.').unwrap_or(b)),
                Cow::Owned(mut o) => {
                    if o.ends_with('.') {
                        o.pop();
                    }
                    Cow::Owned(o)
                }
            };
            finish(ascii, base, false)
        }
        Err(_) => Err(idna_culprit(&uts46, host, base)),
    }
}

/// Finds the first character that UTS-46 rejects on its own, for a precise message.
fn idna_culprit(uts46: &Uts46, host: &str, base: usize) -> DomainError {
    let mut buf = [0u8; 4];
    for (i, c) in host.char_indices() {
        if c.is_ascii() {
            continue;
        }
        let one = c.encode_utf8(&mut buf);
        if uts46
            .to_ascii(
                one.as_bytes(),
                AsciiDenyList::STD3,
                Hyphens::Allow,
                DnsLength::Ignore,
            )
            .is_err()
        {
            return DomainError::new(DomainErrorKind::InvalidCharacter(c), base + i);
        }
    }
    DomainError::new(DomainErrorKind::Idna, base)
}

/// Checks the lowercase ASCII form (labels, lengths, numeric TLD) and recognises IPv4.
/// `exact` says whether offsets in `ascii` are offsets in the input (no UTS-46 mapping).
fn finish(ascii: Cow<'_, str>, base: usize, exact: bool) -> Result<Host<'_>, DomainError> {
    let at = |i: usize| if exact { base + i } else { base };
    let b = ascii.as_bytes();
    // Most names pass on their byte-class masks; the rest are read label by label, which
    // also finds the error and its place.
    if b.len() < 64 && classify(b).labels(b.len()).is_some_and(|l| !l.last_digits) {
        return Ok(Host { ascii, ip: None });
    }
    if b.is_empty() {
        return Err(DomainError::new(DomainErrorKind::Empty, base));
    }
    let last_start = ascii.rfind('.').map_or(0, |d| d + 1);
    let last = &b[last_start..];
    if !last.is_empty() && last.iter().all(u8::is_ascii_digit) {
        return match ascii.parse::<Ipv4Addr>() {
            Ok(v4) => {
                let canonical = v4.to_string();
                let ascii = if canonical == *ascii {
                    ascii
                } else {
                    Cow::Owned(canonical)
                };
                Ok(Host {
                    ascii,
                    ip: Some(IpAddr::V4(v4)),
                })
            }
            Err(_) => Err(DomainError::new(
                DomainErrorKind::NumericTld,
                at(last_start),
            )),
        };
    }
    let mut label_start = 0;
    for i in 0..=b.len() {
        if i == b.len() || b[i] == b'.' {
            let label = &b[label_start..i];
            if label.is_empty() {
                return Err(DomainError::new(
                    DomainErrorKind::EmptyLabel,
                    at(label_start),
                ));
            }
            if label.len() > 63 {
                return Err(DomainError::new(
                    DomainErrorKind::LabelTooLong,
                    at(label_start),
                ));
            }
            if label[0] == b'-' || label[label.len() - 1] == b'-' {
                return Err(DomainError::new(
                    DomainErrorKind::HyphenAtEdge,
                    at(label_start),
                ));
            }
            label_start = i + 1;
        }
    }
    if b.len() > 253 {
        return Err(DomainError::new(DomainErrorKind::NameTooLong, base));
    }
    Ok(Host { ascii, ip: None })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast path and the general path agree on every input the fast path takes.
    #[test]
    fn fast_path_agrees_with_general_path() {
        let alphabet: &[&str] = &[
            "a", "b", "Z", "0", "9", "-", ".", "..", "/", "?", "#", ":", "8080", "65535", "65536",
            "99999", "@", "https://", "http://", "HTTP://", "xn--", "XN--", "1", "255", " ", "例",
            "[", "]", "_", "com", "cn", "\u{3002}",
        ];
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        let mut taken = 0;
        for _ in 0..300_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let n = (x % 9) as usize;
            let mut s = String::new();
            let mut y = x;
            for _ in 0..n {
                s.push_str(alphabet[(y % alphabet.len() as u64) as usize]);
                y /= alphabet.len() as u64;
                if y == 0 {
                    y = x.rotate_left(17);
                }
            }
            if let Fast::Ipv4 { start, end, addr } = fast(s.as_bytes()) {
                let slow =
                    slow(&s).unwrap_or_else(|e| panic!("{s:?}: fast took it, slow says {e}"));
                assert_eq!(slow.as_str(), &s[start..end], "{s:?}");
                assert_eq!(slow.ip(), Some(IpAddr::V4(addr)), "{s:?}");
            }
            if let Fast::Host { start, end, upper } = fast(s.as_bytes()) {
                taken += 1;
                let slow =
                    slow(&s).unwrap_or_else(|e| panic!("{s:?}: fast took it, slow says {e}"));
                assert_eq!(slow.as_str(), s[start..end].to_ascii_lowercase(), "{s:?}");
                assert_eq!(slow.is_borrowed(), !upper, "{s:?}");
                assert!(slow.ip().is_none(), "{s:?}");
            }
        }
        assert!(taken > 1000, "{taken}");
    }

    /// The CJK fast path and UTS-46 agree.
    #[test]
    fn cjk_path_agrees_with_uts46() {
        let alphabet: &[&str] = &[
            "例", "子", "中", "国", "\u{4e00}", "\u{9fff}", "\u{9fa5}", "a", "Z", "0", "-", ".",
            "。", "．", "｡", "xn--", "公司", "..",
        ];
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut taken = 0;
        for _ in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let mut s = String::new();
            let mut y = x;
            for _ in 0..(x % 12) {
                s.push_str(alphabet[(y % alphabet.len() as u64) as usize]);
                y = y / alphabet.len() as u64 + (x >> 40);
            }
            if let Some(h) = cjk(&s) {
                taken += 1;
                let slow =
                    slow(&s).unwrap_or_else(|e| panic!("{s:?}: cjk took it, uts-46 says {e}"));
                assert_eq!(h.as_str(), slow.as_str(), "{s:?}");
            }
        }
        assert!(taken > 1000, "{taken}");
    }

    /// The Punycode fast path and UTS-46 agree, on valid and corrupted ACE labels.
    #[test]
    fn ace_path_agrees_with_uts46() {
        let words = [
            "例子",
            "中国",
            "公司",
            "a例",
            "例-1",
            "食狮",
            "\u{9fff}",
            "\u{4e00}z",
        ];
        let mut x: u64 = 0x1234_5678_9abc_def1;
        let mut taken = 0;
        for _ in 0..100_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let w = words[(x % words.len() as u64) as usize];
            let mut a = idna::domain_to_ascii(w).unwrap();
            // Corrupt some of them.
            match (x >> 8) % 6 {
                0 => a.push('a'),
                1 => {
                    a.pop();
                }
                2 => a = a.to_ascii_uppercase(),
                3 => a.insert(5, '9'),
                _ => {}
            }
            let s = if (x >> 16).is_multiple_of(2) {
                format!("www.{a}.com")
            } else {
                format!("{a}.")
            };
            let fast_answer = ace(&s);
            if let Some(h) = &fast_answer {
                taken += 1;
                let slow =
                    slow(&s).unwrap_or_else(|e| panic!("{s:?}: ace took it, uts-46 says {e}"));
                assert_eq!(h.as_str(), slow.as_str(), "{s:?}");
            }
        }
        assert!(taken > 10_000, "{taken}");
    }

    #[test]
    fn ipv4_fast_path() {
        assert!(matches!(
            fast(b"8.8.8.8"),
            Fast::Ipv4 {
                start: 0,
                end: 7,
                ..
            }
        ));
        assert!(matches!(
            fast(b"http://1.2.3.4:80/"),
            Fast::Ipv4 {
                start: 7,
                end: 14,
                ..
            }
        ));
        for s in ["01.2.3.4", "1.2.3", "1.2.3.256", "1.2.3.4.5", "1.2.3.4."] {
            assert_eq!(fast(s.as_bytes()), Fast::Slow, "{s}");
        }
    }

    #[test]
    fn fast_path_cases() {
        assert!(matches!(
            fast(b"www.example.com"),
            Fast::Host {
                start: 0,
                end: 15,
                upper: false
            }
        ));
        assert!(matches!(
            fast(b"https://a.com:443/x"),
            Fast::Host {
                start: 8,
                end: 13,
                ..
            }
        ));
        assert!(matches!(
            fast(b"a.com."),
            Fast::Host {
                start: 0,
                end: 5,
                ..
            }
        ));
        assert!(matches!(
            fast(b"https://user@a.com:8080/"),
            Fast::Host {
                start: 13,
                end: 18,
                ..
            }
        ));
        for slow_case in [
            "1.2.3.4.",
            "a.com..",
            ".a.com",
            "a..com",
            "-a.com",
            "a-.com",
            "a.123",
            "xn--fsqu00a.cn",
            "a.com:99999",
            "a.com:65536",
            "a.com:8x",
            "u@b@a.com",
            "u:p@a.com",
            "u@",
            "a.com\\x",
            "",
            ".",
            "http://",
            "a.com ",
            " a.com",
            "例子.cn",
            "a_b.com",
        ] {
            assert_eq!(fast(slow_case.as_bytes()), Fast::Slow, "{slow_case:?}");
        }
    }
}
