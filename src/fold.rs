//! Folding raw text into the normal form the number grammar reads.
//!
//! Real text writes numbers with white space anywhere, full-width letters, digits and hyphens,
//! dashes and underscores before the site number, traditional characters, and (in HTML) tags,
//! character references and JavaScript `\uXXXX` escapes between or instead of characters. The
//! grammar in [`crate::number`] reads none of that: it reads folded text, in which each of
//! those has been replaced by the character it stands for, or dropped. Folding keeps, for every
//! byte of folded text, the span of raw bytes it came from, so that spans and error offsets
//! always point into the caller's input.
//!
//! Folding is local: what a position folds to depends only on the bytes from that position on.
//! A tag is `<` followed by a letter, `/`, `!` or `\`, up to the next `>` within
//! [`MAX_TAG`] bytes with no `<` before it; anything else is text. The gap between two
//! characters (white space, tags, `&nbsp;`) is at most [`MAX_GAP`] bytes; a longer gap folds to
//! [`BREAK`], which no number contains, so that a number's raw text is bounded.

/// Longest tag read as a gap.
pub(crate) const MAX_TAG: usize = 256;
/// Longest run of gaps between two characters of a number.
pub(crate) const MAX_GAP: usize = 256;
/// Longest character reference or escape (`&#x2F9F4;`, `\u5907`).
pub(crate) const MAX_REF: usize = 10;
/// How far before the start wanted [`Folded::fold_reusing`] keeps folded text.
pub(crate) const REUSE: usize = 4096;
/// Stands for anything that ends a number: an over-long gap, invalid UTF-8.
pub(crate) const BREAK: char = '\u{0}';

/// How much markup to understand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Markup {
    /// A form field: white space and full-width forms only.
    Plain,
    /// A web page: also tags, character references and `\uXXXX` escapes.
    Html,
}

/// One step of the reader: a character standing for `len` raw bytes, or a gap of `len` bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Step {
    Char(char, usize),
    Gap(usize),
}

/// Reads one step at the start of `raw`, which must not be empty.
#[inline]
pub(crate) fn step(raw: &[u8], markup: Markup) -> Step {
    let b = raw[0];
    // Letters, digits and most punctuation stand for themselves: one predictable branch.
    if b > b' ' && b < 0x7f && !matches!(b, b'<' | b'&' | b'\\' | b'_') {
        return Step::Char(b as char, 1);
    }
    if b < 0x80 {
        return match b {
            b' ' | b'\t' | b'\n' | b'\r' | 0x0c => Step::Gap(1),
            b'<' if markup == Markup::Html => match tag_len(raw) {
                Some(n) => Step::Gap(n),
                None => Step::Char('<', 1),
            },
            b'&' if markup == Markup::Html => reference(raw).unwrap_or(Step::Char('&', 1)),
            b'\\' if markup == Markup::Html => match escape(raw) {
                Some((c, n)) => fold_char(c, n),
                None => Step::Char('\\', 1),
            },
            b'_' => Step::Char('-', 1),
            0..=0x1f | 0x7f => Step::Char(BREAK, 1),
            _ => Step::Char(b as char, 1),
        };
    }
    match decode_utf8(raw) {
        Some((c, n)) => fold_char(c, n),
        None => Step::Char(BREAK, 1),
    }
}

/// Folds a decoded character standing for `n` raw bytes.
fn fold_char(c: char, n: usize) -> Step {
    let folded = match c {
        // White space: NBSP, the en/em/thin spaces, zero-width space, ideographic space, BOM.
        '\u{a0}' | '\u{2000}'..='\u{200b}' | '\u{3000}' | '\u{feff}' | ' ' | '\t' | '\n' | '\r' => {
            return Step::Gap(n);
        }
        // Full-width ASCII.
        '\u{ff01}'..='\u{ff5e}' => {
            let a = char::from_u32(c as u32 - 0xfee0).unwrap_or(BREAK);
            if a == '_' { '-' } else { a }
        }
        // Hyphens and dashes: hyphen, non-breaking hyphen, figure dash, en/em dash,
        // horizontal bar, minus sign, small hyphen-minus; underscore.
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe63}' | '_' => '-',
        '備' => '备',
        '號' => '号',
        '證' => '证',
        '網' => '网',
        // Invalid UTF-8 decoded elsewhere, control characters.
        '\u{fffd}' | '\u{0}'..='\u{1f}' => BREAK,
        c => c,
    };
    Step::Char(folded, n)
}

/// Decodes one UTF-8 character at the start of `raw`; `None` for an invalid or truncated
/// sequence (the caller skips one byte).
pub(crate) fn decode_utf8(raw: &[u8]) -> Option<(char, usize)> {
    let cont = |i: usize| {
        raw.get(i)
            .copied()
            .filter(|b| b & 0xc0 == 0x80)
            .map(u32::from)
    };
    let (v, n) = match raw[0] {
        b @ 0xc2..=0xdf => ((u32::from(b) & 0x1f) << 6 | (cont(1)? & 0x3f), 2),
        b @ 0xe0..=0xef => {
            let v = (u32::from(b) & 0x0f) << 12 | (cont(1)? & 0x3f) << 6 | (cont(2)? & 0x3f);
            // Overlong forms and surrogates are invalid.
            if v < 0x800 || (0xd800..0xe000).contains(&v) {
                return None;
            }
            (v, 3)
        }
        b @ 0xf0..=0xf4 => {
            let v = (u32::from(b) & 0x07) << 18
                | (cont(1)? & 0x3f) << 12
                | (cont(2)? & 0x3f) << 6
                | (cont(3)? & 0x3f);
            if !(0x10000..=0x10ffff).contains(&v) {
                return None;
            }
            (v, 4)
        }
        _ => return None,
    };
    char::from_u32(v).map(|c| (c, n))
}

/// Length of a tag at the start of `raw`, if it is one.
pub(crate) fn tag_len(raw: &[u8]) -> Option<usize> {
    let second = *raw.get(1)?;
    if !(second.is_ascii_alphabetic() || matches!(second, b'/' | b'!' | b'\\')) {
        return None;
    }
    let window = &raw[1..raw.len().min(MAX_TAG)];
    let end = memchr::memchr2(b'<', b'>', window)?;
    (window[end] == b'>').then_some(end + 2)
}

/// A character reference at the start of `raw` (which starts with `&`).
fn reference(raw: &[u8]) -> Option<Step> {
    // The commonest reference in footers, before the general reading.
    if raw.starts_with(b"&nbsp;") {
        return Some(Step::Gap(6));
    }
    let window = &raw[..raw.len().min(MAX_REF)];
    let semi = memchr::memchr(b';', window);
    let body = &window[1..semi.unwrap_or(window.len())];
    if let Some(num) = body.strip_prefix(b"#") {
        let semi = semi?;
        let value = match num.first() {
            Some(b'x' | b'X') => parse_radix(&num[1..], 16)?,
            _ => parse_radix(num, 10)?,
        };
        let c = char::from_u32(value)?;
        return Some(fold_char(c, semi + 1));
    }
    // Named references that occur inside numbers; `&nbsp` is often written without `;`.
    const NAMED: [(&[u8], Option<char>); 7] = [
        (b"nbsp", None),
        (b"ensp", None),
        (b"emsp", None),
        (b"thinsp", None),
        (b"mdash", Some('-')),
        (b"ndash", Some('-')),
        (b"hyphen", Some('-')),
    ];
    for (name, c) in NAMED {
        if body.starts_with(name) {
            let len = match semi {
                Some(s) if s == name.len() + 1 => s + 1,
                _ if name == b"nbsp" => 1 + name.len(),
                _ => return None,
            };
            return Some(match c {
                Some(c) => Step::Char(c, len),
                None => Step::Gap(len),
            });
        }
    }
    None
}

/// A JavaScript or JSON `\uXXXX` escape, or a JavaScript `\xHH` escape (`\xA0`, a
/// no-break space, is seen inside numbers), at the start of `raw`.
fn escape(raw: &[u8]) -> Option<(char, usize)> {
    let len = match raw.get(1) {
        Some(b'u') => 6,
        Some(b'x') => 4,
        _ => return None,
    };
    let hex = raw.get(2..len)?;
    let c = char::from_u32(parse_radix(hex, 16)?)?;
    Some((c, len))
}

/// Parses 1 to 7 digits in `radix`; `None` for anything else.
fn parse_radix(digits: &[u8], radix: u32) -> Option<u32> {
    if digits.is_empty() || digits.len() > 7 {
        return None;
    }
    let mut v = 0u32;
    for &d in digits {
        v = v * radix + (d as char).to_digit(radix)?;
    }
    Some(v)
}

/// Folded text with, for each byte of it, the raw span it came from.
#[derive(Debug, Default)]
pub(crate) struct Folded {
    /// The folded text.
    pub text: String,
    /// Raw start and end offsets of the character each byte of `text` belongs to.
    spans: Vec<(u32, u32)>,
    /// Where folding started; where it stopped, and the gap it was in.
    start: usize,
    next: usize,
    gap: usize,
}

impl Folded {
    /// Folds `raw[from..to]`; offsets are into `raw`. `to` is only a bound for starting a step:
    /// a character or gap that starts before `to` is read whole.
    pub fn fold(&mut self, raw: &[u8], from: usize, to: usize, markup: Markup) {
        self.text.clear();
        self.spans.clear();
        self.start = from;
        self.next = from;
        self.gap = 0;
        self.extend(raw, to, markup);
    }

    /// Folded text of the same `raw` that covers `raw[from..to]`: what is folded already, if
    /// it started at or before `from` (no more than [`REUSE`] bytes before) and reaches it,
    /// extended to `to`; else `raw[from..to]` folded afresh. Returns where folding started.
    ///
    /// Both starts being places where folding the whole text starts a step, the two texts are
    /// the same from the first character at or after `from` on. Before it they may differ in a
    /// gap that runs across `from`: counted from the earlier start it may be long enough to
    /// fold to [`BREAK`], which a fresh fold from `from` would not give. A break before a
    /// number's first character changes nothing (no number starts with one; as the character
    /// before a number it is neither a letter, a digit nor `星`).
    pub fn fold_reusing(&mut self, raw: &[u8], from: usize, to: usize, markup: Markup) -> usize {
        let reusable = !self.spans.is_empty()
            && self.start <= from
            && from <= self.next
            && from - self.start <= REUSE;
        if reusable {
            self.extend(raw, to, markup);
        } else {
            self.fold(raw, from, to, markup);
        }
        self.start
    }

    /// Where folding stopped: the raw end of the folded text.
    pub fn end(&self) -> usize {
        self.next
    }

    /// Folds on from where the last [`Folded::fold`] or `extend` stopped, up to `to`: the
    /// same text as folding from the first start to `to` at once.
    pub fn extend(&mut self, raw: &[u8], to: usize, markup: Markup) {
        let want = to.saturating_sub(self.next) + 8;
        self.text.reserve(want);
        self.spans.reserve(want);
        let mut i = self.next;
        let mut gap = self.gap;
        while i < to {
            // Most of a page is ASCII that stands for itself and CJK characters (U+4000 to
            // U+9FFF, lead bytes E4 to E9), which fold to themselves but for four traditional
            // forms: both are read here without `step`.
            let b = raw[i];
            if b > b' ' && b < 0x7f && !matches!(b, b'<' | b'&' | b'\\' | b'_') {
                gap = 0;
                self.text.push(char::from(b));
                self.spans.push((i as u32, i as u32 + 1));
                i += 1;
                continue;
            }
            if let Some(&[x @ 0xe4..=0xe9, y, z]) = raw.get(i..i + 3)
                && (y & 0xc0 == 0x80)
                && (z & 0xc0 == 0x80)
            {
                let c =
                    (u32::from(x & 0x0f) << 12) | (u32::from(y & 0x3f) << 6) | u32::from(z & 0x3f);
                let c = match char::from_u32(c).unwrap_or(BREAK) {
                    '備' => '备',
                    '號' => '号',
                    '證' => '证',
                    '網' => '网',
                    c => c,
                };
                gap = 0;
                self.text.push(c);
                let span = (i as u32, i as u32 + 3);
                self.spans.extend_from_slice(&[span, span, span]);
                i += 3;
                continue;
            }
            match step(&raw[i..], markup) {
                Step::Gap(n) => {
                    gap += n;
                    if gap > MAX_GAP {
                        self.push(BREAK, i, i + n);
                        gap = 0;
                    }
                    i += n;
                }
                Step::Char(c, n) => {
                    gap = 0;
                    self.push(c, i, i + n);
                    i += n;
                }
            }
        }
        self.next = i;
        self.gap = gap;
    }

    #[inline]
    fn push(&mut self, c: char, start: usize, end: usize) {
        let span = (start as u32, end as u32);
        // `String::push` writes short characters without a call to memcpy.
        self.text.push(c);
        for _ in 0..c.len_utf8() {
            self.spans.push(span);
        }
    }

    /// Raw span of folded bytes `start..end` (a non-empty range on char boundaries).
    pub fn raw_span(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        self.spans[start].0 as usize..self.spans[end - 1].1 as usize
    }

    /// The first folded character whose raw text starts at or after raw offset `raw`.
    pub fn first_at_or_after(&self, raw: usize) -> usize {
        // `spans` repeats a character's span for each of its bytes: this is its first byte.
        self.spans.partition_point(|&(s, _)| (s as usize) < raw)
    }

    /// The start of the character before folded byte `at` (> 0, a char boundary).
    pub fn prev_char(&self, at: usize) -> usize {
        let mut i = at - 1;
        while !self.text.is_char_boundary(i) {
            i -= 1;
        }
        i
    }

    /// Raw offset of folded byte `at` (the raw end when `at` is the end of the text).
    pub fn raw_offset(&self, at: usize, raw_end: usize) -> usize {
        self.spans.get(at).map_or(raw_end, |&(s, _)| s as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fold(s: &str, markup: Markup) -> String {
        let mut f = Folded::default();
        f.fold(s.as_bytes(), 0, s.len(), markup);
        f.text
    }

    #[test]
    fn folds_what_footers_write() {
        assert_eq!(
            fold("京ＩＣＰ备 １２３号－１", Markup::Plain),
            "京ICP备123号-1"
        );
        assert_eq!(fold("京ICP備123號—1", Markup::Plain), "京ICP备123号-1");
        assert_eq!(
            fold(
                "京<span>ICP</span>备<span class=\"x\">19</span>号",
                Markup::Html
            ),
            "京ICP备19号"
        );
        assert_eq!(
            fold("&#37122;ICP&#22791;1&#x53f7;", Markup::Html),
            "鄂ICP备1号"
        );
        assert_eq!(fold("\\u8700ICP\\u5907", Markup::Html), "蜀ICP备");
        assert_eq!(fold("\\xA0\\xa0ICP\\x2D\\xZZ", Markup::Html), "ICP-\\xZZ");
        assert_eq!(fold("a&nbsp;&nbsp b&amp;", Markup::Html), "ab&amp;");
        assert_eq!(fold("&mdash;&#12288;&#x20;", Markup::Html), "-");
        assert_eq!(fold("<span>", Markup::Plain), "<span>");
        assert_eq!(fold("a < b", Markup::Html), "a<b");
    }

    #[test]
    fn spans_point_into_raw() {
        let raw = "京 <b>ICP</b>";
        let mut f = Folded::default();
        f.fold(raw.as_bytes(), 0, raw.len(), Markup::Html);
        assert_eq!(f.text, "京ICP");
        assert_eq!(f.raw_span(0, 3), 0..3);
        assert_eq!(f.raw_span(3, 6), 7..10);
    }

    #[test]
    fn long_gaps_break() {
        let raw = format!("京{}ICP", " ".repeat(MAX_GAP + 1));
        assert_eq!(fold(&raw, Markup::Plain), "京\0ICP");
        assert_eq!(fold("\u{1}\u{fffd}", Markup::Plain), "\0\0");
    }

    #[test]
    fn decodes_utf8_like_std() {
        for s in ["é", "京", "𠀀", "\u{10ffff}"] {
            assert_eq!(
                decode_utf8(s.as_bytes()),
                s.chars().next().map(|c| (c, s.len()))
            );
        }
        for bad in [
            &b"\xc0\x80"[..],
            b"\xed\xa0\x80",
            b"\xf4\x90\x80\x80",
            b"\xe4\xb8",
            b"\x80",
        ] {
            assert_eq!(decode_utf8(bad), None, "{bad:?}");
        }
    }
}
