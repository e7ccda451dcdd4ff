//! The text of a number's part: borrowed from the input, or a copy kept inside the value.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

/// Bytes a copy holds inline; every part the grammar accepts is shorter (a public-security
/// number has at most 14 digits), so a copy never allocates.
const INLINE: usize = 22;

/// A part's text: a slice of the input where the input wrote it plainly, else a copy (of the
/// folded ASCII digits). Compares, hashes and prints as the `str` it holds.
#[derive(Clone)]
pub(crate) enum Text<'a> {
    Borrowed(&'a str),
    Inline {
        len: u8,
        bytes: [u8; INLINE],
    },
    /// Longer text, which the grammar never produces; kept so that a copy is always exact.
    Heap(Box<str>),
}

impl<'a> Text<'a> {
    /// A copy of `s`: inline when it fits.
    pub(crate) fn copy(s: &str) -> Text<'static> {
        if s.len() > INLINE {
            return Text::Heap(s.into());
        }
        let mut bytes = [0u8; INLINE];
        bytes[..s.len()].copy_from_slice(s.as_bytes());
        Text::Inline {
            len: s.len() as u8,
            bytes,
        }
    }

    /// A copy of the first `len` of ten bytes, ASCII digits (the caller's word: bytes that
    /// are not UTF-8 would make [`as_str`](Text::as_str) read as empty, never as text that is
    /// not UTF-8).
    /// The whole array is copied, a fixed size: no call.
    #[inline(always)]
    pub(crate) fn digits(digits: [u8; 10], len: usize) -> Text<'static> {
        let len = len.min(digits.len());
        debug_assert!(digits[..len].iter().all(u8::is_ascii_digit));
        let mut bytes = [0u8; INLINE];
        bytes[..10].copy_from_slice(&digits);
        Text::Inline {
            len: len as u8,
            bytes,
        }
    }

    /// The same text, owned.
    pub(crate) fn into_owned(self) -> Text<'static> {
        match self {
            Text::Borrowed(s) => Text::copy(s),
            Text::Inline { len, bytes } => Text::Inline { len, bytes },
            Text::Heap(s) => Text::Heap(s),
        }
    }

    pub(crate) fn as_str(&self) -> &str {
        match self {
            Text::Borrowed(s) => s,
            // A whole `str` was copied, so the bytes are UTF-8.
            Text::Inline { len, bytes } => {
                std::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or_default()
            }
            Text::Heap(s) => s,
        }
    }
}

impl Deref for Text<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for Text<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text<'_> {}

impl Hash for Text<'_> {
    fn hash<H: Hasher>(&self, h: &mut H) {
        self.as_str().hash(h);
    }
}

impl fmt::Debug for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_hold_the_text() {
        let borrowed = Text::Borrowed("11010502030143");
        let copy = Text::copy("11010502030143");
        assert!(matches!(copy, Text::Inline { len: 14, .. }));
        assert_eq!(copy, borrowed);
        assert_eq!(borrowed.clone().into_owned(), borrowed);
        let long = "1".repeat(30);
        let copy = Text::copy(&long);
        assert!(matches!(copy, Text::Heap(_)));
        assert_eq!(copy.as_str(), long);
        assert_eq!(Text::copy("備案"), Text::Borrowed("備案"));
        assert_eq!(Text::digits(*b"2080123456", 4), Text::Borrowed("2080"));
        assert_eq!(
            Text::digits(*b"1234567890", 10),
            Text::Borrowed("1234567890")
        );
        assert_eq!(format!("{copy:?}"), format!("{long:?}"));
    }
}
