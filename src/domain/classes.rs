//! Byte classes of ASCII host text as bit masks, sixteen bytes at a time: the host fast path
//! reads labels, hyphens and upper case from them, and the rule walk reads label boundaries.

/// Bit `i` of each mask describes byte `i` of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Classes {
    /// Bytes a host name may hold: ASCII letters, digits, `-` and `.`. The first clear bit
    /// is where the host text ends (at the latest, the end of the text or of the mask).
    pub(crate) host: u64,
    pub(crate) upper: u64,
    pub(crate) dot: u64,
    pub(crate) hyphen: u64,
    pub(crate) digit: u64,
}

/// The labels of a name, read from its [`Classes`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Labels {
    /// The first byte of each label.
    pub(crate) starts: u64,
    pub(crate) hyphen: u64,
    /// Whether the last label is all digits.
    pub(crate) last_digits: bool,
}

impl Classes {
    /// The labels of the first `len` bytes read as a name without a trailing dot, when
    /// `0 < len < 64`, every byte is host text, and every label is non-empty with no hyphen
    /// first or last; otherwise `None`.
    #[inline]
    pub(crate) fn labels(&self, len: usize) -> Option<Labels> {
        if len == 0 || len >= 64 {
            return None;
        }
        let name = (1u64 << len) - 1;
        let dots = self.dot & name;
        if self.host & name != name
            || dots & 1 != 0
            || dots & (dots >> 1) != 0
            || dots >> (len - 1) != 0
        {
            return None;
        }
        let starts = ((dots << 1) | 1) & name;
        let ends = ((dots >> 1) | (1 << (len - 1))) & name;
        let hyphen = self.hyphen & name;
        if hyphen & (starts | ends) != 0 {
            return None;
        }
        let last = if dots == 0 {
            name
        } else {
            name & !((2u64 << (63 - dots.leading_zeros())) - 1)
        };
        Some(Labels {
            starts,
            hyphen,
            last_digits: last & !self.digit == 0,
        })
    }
}

/// The classes of one chunk of at most 16 bytes, as 16-bit masks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Chunk {
    host: u32,
    upper: u32,
    dot: u32,
    hyphen: u32,
    digit: u32,
}

impl Chunk {
    fn shr(self, n: u32) -> Chunk {
        Chunk {
            host: self.host >> n,
            upper: self.upper >> n,
            dot: self.dot >> n,
            hyphen: self.hyphen >> n,
            digit: self.digit >> n,
        }
    }
}

/// Classifies `b` from its start, sixteen bytes at a time, until a chunk holds a byte that is
/// not host text or 64 bytes are done. Bits past the classified bytes are clear.
#[inline]
pub(crate) fn classify(b: &[u8]) -> Classes {
    let mut c = Classes::default();
    let end = b.len().min(64);
    let mut off = 0;
    while off < end {
        let (w, shift) = window(b, off, end);
        let k = chunk16(&w).shr(shift);
        c.host |= u64::from(k.host) << off;
        c.upper |= u64::from(k.upper) << off;
        c.dot |= u64::from(k.dot) << off;
        c.hyphen |= u64::from(k.hyphen) << off;
        c.digit |= u64::from(k.digit) << off;
        let n = (end - off).min(16);
        off += n;
        if k.host != (1u32 << n) - 1 {
            break;
        }
    }
    c
}

/// The sixteen bytes of `b` from `off` (`off < end <= b.len()`), zero-padded past `end`, and
/// how many bits their masks are shifted down by.
#[inline(always)]
fn window(b: &[u8], off: usize, end: usize) -> ([u8; 16], u32) {
    let rem = end - off;
    if rem >= 16 {
        (b[off..off + 16].try_into().expect("16 bytes"), 0)
    } else if end >= 16 {
        // The last partial chunk: the sixteen bytes ending at `end`, shifted down.
        (
            b[end - 16..end].try_into().expect("16 bytes"),
            16 - rem as u32,
        )
    } else {
        (short(&b[off..end]), 0)
    }
}

/// A text shorter than sixteen bytes, zero-padded to sixteen, read with overlapping word
/// loads rather than a copy of variable length.
#[inline(always)]
fn short(b: &[u8]) -> [u8; 16] {
    let n = b.len();
    let word = |at: usize| u64::from_le_bytes(b[at..at + 8].try_into().expect("8 bytes"));
    let half = |at: usize| {
        u64::from(u32::from_le_bytes(
            b[at..at + 4].try_into().expect("4 bytes"),
        ))
    };
    // Each second load ends at the text's end; shifting out the bytes it shares with the
    // first load leaves the bytes after the first in place, zeros above.
    let (lo, hi) = if n >= 8 {
        (
            word(0),
            if n > 8 {
                word(n - 8) >> (8 * (16 - n))
            } else {
                0
            },
        )
    } else if n >= 4 {
        (half(0) | ((half(n - 4) >> (8 * (8 - n))) << 32), 0)
    } else {
        let mut lo = 0u64;
        for (i, &c) in b.iter().enumerate() {
            lo |= u64::from(c) << (8 * i);
        }
        (lo, 0)
    };
    let mut out = [0u8; 16];
    out[..8].copy_from_slice(&lo.to_le_bytes());
    out[8..].copy_from_slice(&hi.to_le_bytes());
    out
}

/// The classes of exactly sixteen bytes.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn chunk16(b: &[u8; 16]) -> Chunk {
    use std::arch::x86_64::{
        __m128i, _mm_and_si128, _mm_cmpeq_epi8, _mm_cmpgt_epi8, _mm_cmplt_epi8, _mm_loadu_si128,
        _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
    };
    // SAFETY: SSE2 is part of the x86_64 baseline, so its intrinsics are available; the one
    // load reads the sixteen bytes of `b`, and an unaligned load has no alignment
    // requirement.
    #[allow(unsafe_code)]
    unsafe {
        let v = _mm_loadu_si128(b.as_ptr().cast::<__m128i>());
        // Signed compares: bytes from 0x80 up are negative and fall outside every range.
        let lower = _mm_and_si128(
            _mm_cmpgt_epi8(v, _mm_set1_epi8((b'a' - 1) as i8)),
            _mm_cmplt_epi8(v, _mm_set1_epi8((b'z' + 1) as i8)),
        );
        let upper = _mm_and_si128(
            _mm_cmpgt_epi8(v, _mm_set1_epi8((b'A' - 1) as i8)),
            _mm_cmplt_epi8(v, _mm_set1_epi8((b'Z' + 1) as i8)),
        );
        let digit = _mm_and_si128(
            _mm_cmpgt_epi8(v, _mm_set1_epi8((b'0' - 1) as i8)),
            _mm_cmplt_epi8(v, _mm_set1_epi8((b'9' + 1) as i8)),
        );
        let dot = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'.' as i8));
        let hyphen = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'-' as i8));
        let host = _mm_or_si128(
            _mm_or_si128(_mm_or_si128(lower, upper), digit),
            _mm_or_si128(dot, hyphen),
        );
        Chunk {
            host: _mm_movemask_epi8(host) as u32,
            upper: _mm_movemask_epi8(upper) as u32,
            dot: _mm_movemask_epi8(dot) as u32,
            hyphen: _mm_movemask_epi8(hyphen) as u32,
            digit: _mm_movemask_epi8(digit) as u32,
        }
    }
}

/// The classes of exactly sixteen bytes.
#[cfg(not(target_arch = "x86_64"))]
#[inline(always)]
fn chunk16(b: &[u8; 16]) -> Chunk {
    chunk_bytes(b)
}

/// The dots of exactly sixteen bytes.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn dots16(b: &[u8; 16]) -> u32 {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_set1_epi8,
    };
    // SAFETY: as in `chunk16`: SSE2 is baseline, and the load reads the sixteen bytes of `b`.
    #[allow(unsafe_code)]
    unsafe {
        let v = _mm_loadu_si128(b.as_ptr().cast::<__m128i>());
        _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(b'.' as i8))) as u32
    }
}

/// The dots of exactly sixteen bytes.
#[cfg(not(target_arch = "x86_64"))]
#[inline(always)]
fn dots16(b: &[u8; 16]) -> u32 {
    chunk_bytes(b).dot
}

/// The classes byte by byte (the portable form, and the reference for the vector form).
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn chunk_bytes(b: &[u8]) -> Chunk {
    let mut k = Chunk {
        host: 0,
        upper: 0,
        dot: 0,
        hyphen: 0,
        digit: 0,
    };
    for (i, &c) in b.iter().enumerate() {
        let bit = 1u32 << i;
        let set = |m: &mut u32, yes: bool| {
            if yes {
                *m |= bit;
            }
        };
        set(&mut k.upper, c.is_ascii_uppercase());
        set(&mut k.digit, c.is_ascii_digit());
        set(&mut k.dot, c == b'.');
        set(&mut k.hyphen, c == b'-');
        set(
            &mut k.host,
            c.is_ascii_alphanumeric() || c == b'.' || c == b'-',
        );
    }
    k
}

/// The dots of a host name, found once: a bit mask for names shorter than 64 bytes (most
/// names), a byte scan for longer ones.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Dots<'a> {
    text: &'a [u8],
    mask: Option<u64>,
}

impl<'a> Dots<'a> {
    #[inline]
    pub(crate) fn new(text: &'a [u8]) -> Self {
        let mask = (text.len() < 64).then(|| {
            let mut m = 0u64;
            let mut off = 0;
            while off < text.len() {
                let (w, shift) = window(text, off, text.len());
                m |= u64::from(dots16(&w) >> shift) << off;
                off += 16;
            }
            m
        });
        Dots { text, mask }
    }

    /// The dots before byte `end` (at most the text's length), as a mask.
    #[inline(always)]
    fn below(m: u64, end: usize) -> u64 {
        m & ((1u64 << end) - 1)
    }

    /// The position of the last dot before byte `end`.
    #[inline]
    pub(crate) fn last_before(&self, end: usize) -> Option<usize> {
        match self.mask {
            Some(m) => {
                let b = Self::below(m, end);
                (b != 0).then(|| 63 - b.leading_zeros() as usize)
            }
            None => self.text[..end].iter().rposition(|&c| c == b'.'),
        }
    }

    /// How many dots there are before byte `end`.
    #[inline]
    pub(crate) fn count_before(&self, end: usize) -> usize {
        match self.mask {
            Some(m) => Self::below(m, end).count_ones() as usize,
            None => self.text[..end].iter().filter(|&&c| c == b'.').count(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The classes of `b[..min(len, 64)]` byte by byte, stopping as `classify` does.
    fn reference(b: &[u8]) -> Classes {
        let mut c = Classes::default();
        let end = b.len().min(64);
        let mut off = 0;
        while off < end {
            let n = (end - off).min(16);
            let k = chunk_bytes(&b[off..off + n]);
            c.host |= u64::from(k.host) << off;
            c.upper |= u64::from(k.upper) << off;
            c.dot |= u64::from(k.dot) << off;
            c.hyphen |= u64::from(k.hyphen) << off;
            c.digit |= u64::from(k.digit) << off;
            off += n;
            if k.host != (1u32 << n) - 1 {
                break;
            }
        }
        c
    }

    #[test]
    fn vector_classes_equal_byte_classes() {
        let alphabet = b"azAZ09.-_/:?#@ \x00\x7f\x80\xff`{[@/";
        let mut x: u64 = 0x0123_4567_89ab_cdef;
        for round in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let len = (x % 90) as usize;
            let mut y = x.rotate_left(29);
            let b: Vec<u8> = (0..len)
                .map(|i| {
                    y = y.wrapping_mul(0x9e37_79b9_7f4a_7c15).wrapping_add(i as u64);
                    // Mostly host bytes, so that runs reach past one chunk.
                    if round % 4 != 0 && (y >> 60) < 14 {
                        b"abc0.-Zq"[(y >> 20) as usize % 8]
                    } else if (y >> 58) == 0 {
                        (y >> 8) as u8
                    } else {
                        alphabet[(y >> 24) as usize % alphabet.len()]
                    }
                })
                .collect();
            assert_eq!(classify(&b), reference(&b), "{b:?}");
        }
        for c in 0..=255u8 {
            let b = [c; 16];
            assert_eq!(chunk16(&b), chunk_bytes(&b), "{c:#x}");
        }
    }

    #[test]
    fn labels_of_names() {
        let ok = |s: &str| classify(s.as_bytes()).labels(s.len());
        let l = ok("www.a-b.c0").unwrap();
        assert_eq!(
            (l.starts, l.hyphen, l.last_digits),
            (0b1_0001_0001, 0b10_0000, false)
        );
        assert!(ok("a.b.123").unwrap().last_digits);
        assert!(ok("123").unwrap().last_digits);
        for bad in [
            "", ".a", "a.", "a..b", "-a.b", "a-.b", "a.-b", "a.b-", "a_b", "a b",
        ] {
            assert_eq!(ok(bad), None, "{bad:?}");
        }
        // A prefix of the text is read as the name.
        assert!(classify(b"a.b.").labels(3).is_some());
        assert_eq!(classify(&[b'a'; 64]).labels(64), None);
    }

    #[test]
    fn short_texts_padded() {
        let text: Vec<u8> = (1..=16).collect();
        for n in 0..16 {
            let mut want = [0u8; 16];
            want[..n].copy_from_slice(&text[..n]);
            assert_eq!(short(&text[..n]), want, "{n}");
        }
    }

    #[test]
    fn dots_of_names() {
        let long = format!("{}.b.{}", "a".repeat(61), "c".repeat(9));
        for name in [
            "www.example.com",
            "cn",
            "a.b",
            &long,
            &long[..63],
            &long[..64],
        ] {
            let d = Dots::new(name.as_bytes());
            assert_eq!(d.mask.is_some(), name.len() < 64, "{name}");
            for end in 0..=name.len() {
                let head = &name[..end];
                assert_eq!(d.last_before(end), head.rfind('.'), "{name} {end}");
                assert_eq!(
                    d.count_before(end),
                    head.matches('.').count(),
                    "{name} {end}"
                );
            }
        }
    }
}
