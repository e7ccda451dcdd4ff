//! Finding every number in web pages, in bulk.
//!
//! Bytes flow one way: [`find_iter`] looks for *anchors* (the keywords every number writes
//! literally: `ICP` in ASCII or full width (or spaced, `I C P`), `公网安备`, `公安备案号`, a
//! licence category before its `-` or `.`) with a multi-pattern prefilter. Where the processor
//! has AVX-512 VBMI, the prefilter (`wide`) reads all of the text at about the speed of memory.
//! Elsewhere it is the packed searcher of `aho-corasick` (Teddy), run only near *hot* bytes
//! (non-ASCII, `&`, `\`, a licence category in ASCII), one of which every match has in its
//! anchor or before it, within a bound: a vectorised test skips the rest of mostly-ASCII
//! pages. Around each anchor it folds a window of the page (tags, character references, `\uXXXX` escapes,
//! white space, full-width forms; see the crate's fold rules below) and runs the lenient number
//! grammar at each place a number can start; each number found is reported once, with its span
//! in the input.
//!
//! # What counts as a match
//!
//! A match is where the lenient grammar ([`crate::number`], lenient mode) reads a number from
//! the folded text, such that the number's raw text has an anchor that starts at one of its
//! first four characters ([`LEAD_CHARS`] before it; not inside a tag between two of them),
//! and (for a licence with no
//! province, and for `云`) the folded
//! character before it is no ASCII letter or digit. Matches do not overlap: the leftmost wins,
//! and the search resumes at its end. The inside of each tag (between its `<` and `>`) is
//! also read this way, as a text of its own, so that numbers in attribute values
//! (`title="京ICP备…"`, `alt`, `label`) are found; a number in text that runs through a tag
//! wins over one inside that tag. [`scan_naive`] computes exactly that by trying the
//! grammar at every character of the whole folded page; the fast scanner is tested against it.
//!
//! Fold rules: white space (ASCII, NBSP, U+2000 to U+200B, U+3000) and `&nbsp;` are gaps; a
//! tag (`<` then a letter, `/`, `!` or `\`, up to the next `>` within 256 bytes, no `<`
//! inside) is a gap; at most 256 bytes of
//! gap may separate two characters of a number; `&#NNNN;`, `&#xHHHH;` and `\uXXXX` stand for
//! their character, as does JavaScript's `\xHH`; full-width forms, dashes and traditional `備 號 證 網` fold as in
//! [`validate_number`](crate::validate_number). Invalid UTF-8 in text ends a number (inside a
//! tag, which is skipped whole, it does not) and never panics.
//!
//! The lenient grammar also reads what real footers write and a form rejects: a province
//! variant (`川ICP备`, with a warning), an unknown service letter (with a warning), the label
//! `ICP备案` for `ICP备`, a host name in brackets before the serial
//! (`贵ICP备(shou.org.cn)05052049号-13`), a site number that does not parse left out.
//!
//! Look-alikes are not reported: `浙D3-…` registrar licences, `京网文〔…〕`, `网信算备…`,
//! `备案主体编号` digits (no anchor), `萌ICP备` and `星云ICP备` jokes, masked numbers
//! (`2022xxxxxx`: the serial is too short).

mod charset;
mod hot;
mod psb;
mod wide;

use std::borrow::Cow;
use std::io::Read;
use std::ops::Range;
use std::sync::OnceLock;

pub use charset::{Charset, detect_charset};

use crate::fold::{BREAK, Folded, MAX_GAP, MAX_REF, MAX_TAG, Markup};
use crate::number::{Number, Parts, Warnings, parse};

/// How many characters of a number may come before its first anchor: three, in
/// `京公网安备` (whose anchor is `安备`) and `合字B2-`.
pub const LEAD_CHARS: usize = 3;

/// Bytes before an anchor folded first; enough for the characters before it in nearly all
/// text. Where it is not, the window is folded again from [`FAR`] bytes back.
const NEAR: usize = 64;
/// Bytes before an anchor that hold `LEAD_CHARS` characters and the one before them, each
/// with its longest gap.
const FAR: usize = (LEAD_CHARS + 1) * (MAX_GAP + MAX_REF) + 16;

/// The keywords every match contains, as written in raw text, searched together (by `wide`
/// where the processor has AVX-512, else by the packed searcher, Teddy): none starts with
/// bytes common in Chinese text.
const ANCHORS: &[&str] = &[
    "ICP",
    "icp",
    "Icp",
    "A1-",
    "A2-",
    "B1-",
    "B2-",
    "A1.",
    "A2.",
    "B1.",
    "B2.",
    "A1－",
    "A2－",
    "B1－",
    "B2－",
    "A1—",
    "A2—",
    "B1—",
    "B2—",
    // `安` as a decimal character reference or an escape before another (`安备` or `安備`
    // encoded, whatever the characters around them are written as).
    "&#23433;&#",
    "\\u5b89\\u",
    "\\u5B89\\u",
    "ＩＣＰ",
    // `ICP` spelt out with spaces, and as numeric character references (both seen in a
    // detector's test table).
    "I C P",
    "&#73;&#67;&#80;",
    "&#x49;&#x43;&#x50;",
];

// The keywords of public-security numbers (`公网安备`, `公網安備`, `公安备案号`), `安备` and
// `安備`, are found by `psb` in one pass, in ranges that hold their first byte: in the Teddy
// searcher, `安`, common in Chinese text, slows it down threefold, and memchr's `memmem` needs
// a pass for each.

/// Longest part of a number the grammar rejects as a whole, in folded bytes, with a margin:
/// a serial (at most 14 digits) or a site number and its suffix. (A host name in brackets,
/// longer, is handled on its own.)
const LONGEST_PART: usize = 40;

/// Anchors are looked for a block at a time.
const BLOCK: usize = 64 * 1024;
/// Longest anchor, in bytes.
const LONGEST_ANCHOR: usize = 40;

struct Anchors {
    teddy: aho_corasick::packed::Searcher,
}

fn anchors() -> &'static Anchors {
    static SEARCHERS: OnceLock<Anchors> = OnceLock::new();
    SEARCHERS.get_or_init(|| Anchors {
        teddy: aho_corasick::packed::Config::new()
            .builder()
            .extend(ANCHORS)
            .build()
            .expect("anchor patterns suit the packed searcher"),
    })
}

impl Anchors {
    /// Start and end of every anchor that starts in `text[from..to]` (without `wide`, only
    /// those near a hot byte, see [`hot`]): every anchor a match can count, and maybe others;
    /// sorted by start.
    fn find(&self, text: &[u8], from: usize, to: usize, out: &mut Vec<(usize, usize)>) {
        out.clear();
        if wide::available() {
            self.find_in(text, from, to, out);
            return;
        }
        let mut ranges = Vec::new();
        hot::ranges(text, from, to, &mut ranges);
        for r in ranges {
            self.find_in(text, r.start, r.end, out);
        }
    }

    /// Appends the start and end of every anchor that starts in `text[from..to]`, sorted by
    /// start: with `wide` in one pass where the processor can, else with the packed searcher
    /// and `psb`, which find the same.
    fn find_in(&self, text: &[u8], from: usize, to: usize, out: &mut Vec<(usize, usize)>) {
        let first = out.len();
        let hay = &text[from..(to + LONGEST_ANCHOR).min(text.len())];
        let limit = to - from;
        if wide::available() {
            wide::find(hay, limit, |start, end| {
                out.push((from + start, from + end))
            });
            return;
        }
        for m in self.teddy.find_iter(hay) {
            if m.start() >= limit {
                break;
            }
            out.push((from + m.start(), from + m.end()));
        }
        // `安` is E5 AE 89 in UTF-8.
        if memchr::memchr(0xe5, &text[from..to]).is_some() {
            psb::find(hay, limit, |start, end| {
                out.push((from + start, from + end))
            });
            out[first..].sort_unstable();
        }
    }
}

/// One number found in a page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match<'h> {
    /// Byte span of the number's raw text in the input (tags and entities included).
    pub span: Range<usize>,
    /// The raw text (decoded to UTF-8 where the page was not; lossy where it was invalid).
    pub raw: Cow<'h, str>,
    /// The number; its parts borrow from the input where it wrote them plainly.
    pub number: Number<'h>,
    /// What is doubtful: a province variant (`川ICP备`), a public-security number whose
    /// division code disagrees with its province, an unknown service letter.
    pub warnings: Warnings,
}

impl Match<'_> {
    /// Whether the number is a known placeholder ([`Number::is_placeholder`]).
    pub fn is_placeholder(&self) -> bool {
        self.number.is_placeholder()
    }

    /// The same match in a text that starts `by` bytes earlier.
    fn shifted(self, by: usize) -> Self {
        Match {
            span: self.span.start + by..self.span.end + by,
            ..self
        }
    }

    /// The same match, owning its text.
    pub fn into_owned(self) -> Match<'static> {
        Match {
            span: self.span,
            raw: Cow::Owned(self.raw.into_owned()),
            number: self.number.into_owned(),
            warnings: self.warnings,
        }
    }
}

/// Finds every number in UTF-8 text (invalid bytes allowed), in order.
///
/// ```
/// let page = "<p>京<span>ICP</span>备<span>19054529</span>号<span>-1</span> \
///             京公网安备&nbsp;11010502030143号</p>";
/// let found: Vec<String> = beian::scan::find_iter(page.as_bytes())
///     .map(|m| m.number.to_string())
///     .collect();
/// assert_eq!(found, ["京ICP备19054529号-1", "京公网安备11010502030143号"]);
/// ```
pub fn find_iter(text: &[u8]) -> FindIter<'_> {
    FindIter::new(text, 0)
}

/// The iterator of [`find_iter`].
pub struct FindIter<'h> {
    text: &'h [u8],
    /// No match starts before this.
    from: usize,
    /// Anchors of the current block, in reverse order.
    pending: Vec<(usize, usize)>,
    /// Where the next block of anchors starts.
    next_block: usize,
    /// Where the last match in text ended: no match in text starts before it.
    end: usize,
    /// Where the last tag whose inside was read ends.
    tag_end: usize,
    /// Matches inside tags, in order, not yet reported.
    in_tags: std::collections::VecDeque<Match<'h>>,
    /// A match in text, reported once no match inside a tag comes before it.
    held: Option<Match<'h>>,
    folded: Folded,
}

impl std::fmt::Debug for FindIter<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FindIter")
            .field("len", &self.text.len())
            .field("end", &self.end)
            .finish_non_exhaustive()
    }
}

impl<'h> FindIter<'h> {
    /// Matches that start at or after `from`, which must be a position where folding can
    /// start (the start of the text, or the end of an earlier match).
    pub(crate) fn new(text: &'h [u8], from: usize) -> FindIter<'h> {
        FindIter {
            text,
            from,
            pending: Vec::new(),
            next_block: from.min(text.len()),
            end: from,
            tag_end: 0,
            in_tags: std::collections::VecDeque::new(),
            held: None,
            folded: Folded::default(),
        }
    }

    /// The next match in text (tags read as gaps). On the way, the inside of each tag that
    /// holds an anchor is read as a text of its own, and its matches are queued.
    fn next_in_text(&mut self) -> InText<'h> {
        loop {
            let Some((a, e)) = self.pending.pop() else {
                if self.next_block >= self.text.len() {
                    return InText::End;
                }
                let from = self.next_block;
                let to = (from + BLOCK).min(self.text.len());
                anchors().find(self.text, from, to, &mut self.pending);
                self.pending.reverse();
                self.next_block = to;
                continue;
            };
            if a < self.end {
                continue;
            }
            // No match in text found from here on starts before `a - SETTLED`: a match inside
            // a tag that ends before that can go out now, so that the queue stays short.
            if self
                .in_tags
                .front()
                .is_some_and(|q| q.span.end + SETTLED < a)
            {
                self.pending.push((a, e));
                return InText::Settled;
            }
            if a >= self.tag_end
                && let Some(inside) = enclosing_tag(self.text, a)
            {
                self.read_tag(inside);
            }
            if let Some(m) = window(self.text, &mut self.folded, self.end, (a, e)) {
                // Only gaps lie between the anchor and a match that starts after it: read the
                // tags among them now, since their anchors are skipped from here on.
                let gaps = a..m.span.start.max(a);
                for q in memchr::memchr_iter(b'<', &self.text[gaps]) {
                    let q = a + q;
                    if q >= self.tag_end
                        && let Some(len) = crate::fold::tag_len(&self.text[q..])
                    {
                        self.read_tag(q + 1..q + len - 1);
                    }
                }
                self.end = m.span.end;
                return InText::Match(m);
            }
        }
    }

    /// Reads the inside of a tag as a text of its own and queues its matches.
    fn read_tag(&mut self, inside: Range<usize>) {
        self.tag_end = inside.end;
        let from = self.from;
        self.in_tags.extend(
            FindIter::new(&self.text[inside.clone()], 0)
                .map(|m| m.shifted(inside.start))
                .filter(|m| m.span.start >= from),
        );
    }
}

impl<'h> Iterator for FindIter<'h> {
    type Item = Match<'h>;

    fn next(&mut self) -> Option<Match<'h>> {
        loop {
            if let Some(held) = &self.held {
                return match self.in_tags.front() {
                    Some(q) if q.span.start < held.span.start => self.in_tags.pop_front(),
                    _ => self.held.take(),
                };
            }
            let m = match self.next_in_text() {
                InText::Match(m) => m,
                InText::Settled | InText::End => return self.in_tags.pop_front(),
            };
            // A number in text that runs through a tag wins over one inside the tag.
            self.in_tags.retain(|q| !overlaps(&q.span, &m.span));
            self.held = Some(m);
        }
    }
}

/// What [`FindIter::next_in_text`] found.
enum InText<'h> {
    /// The next match in text.
    Match(Match<'h>),
    /// The first queued match inside a tag comes before any match in text still to be found.
    Settled,
    /// The end of the text.
    End,
}

/// How far before its anchor a match can start: the window folded back from it
/// ([`FAR`] bytes, a few more, and the tag a fold may start at).
const SETTLED: usize = FAR + MAX_TAG + 64;

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// The inside of the tag (between `<` and `>`) that holds byte `a`, if `a` is in one.
fn enclosing_tag(text: &[u8], a: usize) -> Option<Range<usize>> {
    let back = a.saturating_sub(MAX_TAG);
    let q = back + memchr::memrchr2(b'<', b'>', &text[back..a])?;
    if text[q] != b'<' {
        return None;
    }
    let len = crate::fold::tag_len(&text[q..])?;
    (q + len > a + 1).then_some(q + 1..q + len - 1)
}

/// The nearest position at or before `w` where folding the whole text would start a step:
/// not inside a tag, a character reference, an escape or a UTF-8 sequence.
fn sync_point(text: &[u8], w: usize) -> usize {
    let w = w.min(text.len());
    let back = w.saturating_sub(MAX_TAG);
    // Every `<` starts a step (no tag or reference contains one), and so does whatever
    // follows a `>` (a tag ends at its first `>`).
    if let Some(q) = memchr::memrchr2(b'<', b'>', &text[back..w]) {
        let q = back + q;
        return if text[q] == b'<' { q } else { q + 1 };
    }
    // No tag is open: only a reference or an escape can cover `w`.
    let near = w.saturating_sub(MAX_REF - 1);
    for q in near..w {
        if matches!(text[q], b'&' | b'\\') {
            let len = match crate::fold::step(&text[q..], Markup::Html) {
                crate::fold::Step::Char(_, n) | crate::fold::Step::Gap(n) => n,
            };
            if q + len > w {
                return q;
            }
        }
    }
    let mut w = w;
    while w > 0 && w < text.len() && text[w] & 0xc0 == 0x80 {
        w -= 1;
    }
    w
}

/// Tries the grammar at the [`LEAD_CHARS`] characters before the anchor at `a` and at the
/// character it starts in, folding the text around it; no match starts before `end`.
fn window<'h>(
    text: &'h [u8],
    folded: &mut Folded,
    end: usize,
    anchor: (usize, usize),
) -> Option<Match<'h>> {
    let a = anchor.0;
    for back in [NEAR, FAR] {
        // Fold from a place where folding the whole text would start a step too, and a few
        // bytes before `end`, so that the character before a candidate is seen.
        let from = sync_point(text, a.saturating_sub(back).max(end).saturating_sub(8));
        let mut to = (a + 64).min(text.len());
        // The window of the anchor before often covers this one's start: fold on from it.
        let from = folded.fold_reusing(text, from, to, Markup::Html);
        to = to.max(folded.end());
        let t = folded.first_at_or_after(a);
        let mut first = t;
        let mut before = 0;
        while before < LEAD_CHARS && first > 0 {
            first = folded.prev_char(first);
            before += 1;
        }
        // Were there characters further back that the window did not fold?
        let complete = (before == LEAD_CHARS && first > 0) || from == 0 || from + 8 <= end;
        if !complete && back == NEAR {
            continue;
        }
        let mut i = first;
        while i <= t && i < folded.text.len() {
            let c = folded.text[i..].chars().next().unwrap_or(BREAK);
            if folded.raw_offset(i, to) >= end && can_start(c) {
                let prev = folded.text[..i].chars().next_back();
                loop {
                    let result = parse(&folded.text[i..], true);
                    // How far the parser looked: the end of what it read, and a character or
                    // two of lookahead; after a failure, which it places at the start of the
                    // part it rejects, that part too (a serial cut by the window's end reads
                    // as too short). Fold more when that reaches the end of the window.
                    let reach = match &result {
                        Ok(parts) => i + parts.len + 8,
                        Err(fail) => {
                            let at = &folded.text[i + fail.at..];
                            // A host name in brackets is read whole: while its `)` is not
                            // in the window, the window is too short.
                            if at.starts_with('(') && !at.contains(')') {
                                folded.text.len()
                            } else {
                                i + fail.at + LONGEST_PART
                            }
                        }
                    };
                    if reach >= folded.text.len() && to < text.len() {
                        to = (to + 64).min(text.len());
                        folded.extend(text, to, Markup::Html);
                        continue;
                    }
                    if let Ok(parts) = result
                        && let Some(m) = accept(text, folded, i, &parts, prev, Some(anchor))
                    {
                        return Some(m);
                    }
                    break;
                }
            }
            i += c.len_utf8();
        }
        return None;
    }
    None
}

/// Whether a number can start with `c`: a province or joke character, 合, 公, or a licence
/// category.
fn can_start(c: char) -> bool {
    match c {
        'A' | 'B' | '合' | '公' => true,
        '\u{4e00}'..='\u{9fff}' => crate::number::can_lead(c),
        _ => false,
    }
}

/// Checks a parse at folded offset `i` against the match rules and builds the match;
/// `known` is an anchor found already, looked for again only if it does not count.
fn accept<'h>(
    text: &'h [u8],
    folded: &Folded,
    i: usize,
    parts: &Parts<'_>,
    prev: Option<char>,
    known: Option<(usize, usize)>,
) -> Option<Match<'h>> {
    let first = folded.text[i..].chars().next()?;
    let bare_licence = matches!(first, 'A' | 'B');
    if bare_licence && prev.is_some_and(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    // 星云ICP备 is a joke, not a Yunnan number written with 云.
    if first == '云' && prev == Some('星') {
        return None;
    }
    let span = folded.raw_span(i, i + parts.len);
    // The first anchor starts at one of the number's first four characters.
    let mut q = i;
    for _ in 0..LEAD_CHARS {
        q = folded.text[q..]
            .chars()
            .next()
            .map_or(q, |c| q + c.len_utf8());
    }
    let lead_end = if q < i + parts.len {
        folded.raw_offset(q, span.end)
    } else {
        span.end
    };
    // An anchor counts where it starts at one of those characters: not inside a tag between
    // two of them (`B<i class=icp>2-…`).
    let counts = |&(start, end): &(usize, usize)| {
        let t = folded.first_at_or_after(start);
        end <= span.end && t <= q && folded.raw_offset(t, span.end) == start
    };
    // When the known anchor counts, so does the search: it finds that anchor, or one that
    // overlaps it from before (`&#23433;&#` before `&#73;…`), which then counts too.
    if !known.as_ref().is_some_and(counts) {
        let mut found = Vec::new();
        anchors().find_in(text, span.start, (lead_end + 1).min(text.len()), &mut found);
        if !found.iter().any(counts) {
            return None;
        }
    }
    let raw_bytes = &text[span.clone()];
    // `from_utf8` first: `from_utf8_lossy` reads valid text more slowly.
    let raw = match std::str::from_utf8(raw_bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => String::from_utf8_lossy(raw_bytes),
    };
    let base = folded.text.as_ptr() as usize;
    let number = Number::from_parts(parts, |s| {
        let at = s.as_ptr() as usize - base;
        let r = folded.raw_span(at, at + s.len());
        std::str::from_utf8(&text[r]).ok().filter(|r| *r == s)
    });
    Some(Match {
        span,
        raw,
        number,
        warnings: parts.warnings,
    })
}

/// The reference scanner: folds the whole text and tries the grammar at every character, and
/// does the same inside every tag. Slow (it parses at every position); it defines what
/// [`find_iter`] must return.
pub fn scan_naive(text: &[u8]) -> Vec<Match<'_>> {
    let in_text = naive_in_text(text);
    // The inside of every tag, read as a text of its own; a number in text that runs through
    // a tag wins over one inside it.
    let mut all = in_text.clone();
    for q in memchr::memchr_iter(b'<', text) {
        if let Some(len) = crate::fold::tag_len(&text[q..]) {
            let inside = q + 1..q + len - 1;
            all.extend(
                naive_in_text(&text[inside.clone()])
                    .into_iter()
                    .map(|m| m.shifted(inside.start))
                    .filter(|m| !in_text.iter().any(|t| overlaps(&t.span, &m.span))),
            );
        }
    }
    all.sort_by_key(|m| m.span.start);
    all
}

/// [`scan_naive`] with tags read as gaps only.
fn naive_in_text(text: &[u8]) -> Vec<Match<'_>> {
    let mut folded = Folded::default();
    folded.fold(text, 0, text.len(), Markup::Html);
    let mut out: Vec<Match<'_>> = Vec::new();
    let mut i = 0;
    while i < folded.text.len() {
        let c = folded.text[i..].chars().next().unwrap_or(BREAK);
        if let Ok(parts) = parse(&folded.text[i..], true) {
            let prev = folded.text[..i].chars().next_back();
            if let Some(m) = accept(text, &folded, i, &parts, prev, None) {
                i += parts.len;
                out.push(m);
                continue;
            }
        }
        i += c.len_utf8();
    }
    out
}

/// All numbers in a page of any supported charset, with the charset used.
#[derive(Clone, Debug)]
pub struct Page<'h> {
    /// The charset the page was read as.
    pub charset: Charset,
    /// The numbers, in order; spans are byte offsets into the page as given.
    pub matches: Vec<Match<'h>>,
}

/// Scans a page whose charset is detected ([`detect_charset`]): UTF-8 pages are scanned in
/// place, GBK/GB18030 pages are decoded first and their spans mapped back to the page's bytes.
///
/// ```
/// let (gbk, _, _) = encoding_rs::GBK.encode("<p>粤ICP备2023023087号-1X</p>");
/// let page = beian::scan::scan_page(&gbk);
/// assert_eq!(page.charset, beian::scan::Charset::Gb18030);
/// assert_eq!(page.matches[0].number.to_string(), "粤ICP备2023023087号-1X");
/// assert_eq!(page.matches[0].span, 3..25); // 粤 备 号 take two bytes each in GBK
/// ```
pub fn scan_page(page: &[u8]) -> Page<'_> {
    let charset = detect_charset(page);
    scan_as(page, charset, 0)
}

/// Scans a page in a charset known from elsewhere (an HTTP `Content-Type` header, say).
pub fn scan_page_as(page: &[u8], charset: Charset) -> Page<'_> {
    scan_as(page, charset, 0)
}

/// Scans `page` as `charset`, reporting matches that start at or after byte `from`.
pub(crate) fn scan_as(page: &[u8], charset: Charset, from: usize) -> Page<'_> {
    let matches = match charset {
        Charset::Utf8 => FindIter::new(page, from).collect(),
        Charset::Gb18030 => {
            let decoded = charset::Decoded::new(page);
            let mut map = decoded.mapper();
            let found: Vec<Match<'static>> = find_iter(decoded.text.as_bytes())
                .map(|m| {
                    let span = map.map(m.span.start)..map.map(m.span.end);
                    Match {
                        span,
                        ..m.into_owned()
                    }
                })
                .filter(|m| m.span.start >= from)
                .collect();
            found
        }
    };
    Page { charset, matches }
}

/// Scans any amount of input in blocks of bounded size, calling `f` for each match with
/// spans relative to the start of the input. The charset is detected from the first block.
/// Returns the charset and the number of bytes read.
///
/// Memory stays bounded by about twice `block` whatever the input's size, including one
/// line of gigabytes: blocks overlap by enough that no number is cut or reported twice.
///
/// On a read error (a truncated archive, a failing disk) the matches in the bytes read before
/// it are reported first, then the error is returned. A match that ends within
/// [`CUT_MARGIN`] bytes of the error is left out: the input stops there, so the number may
/// have gone on (`…号-12` cut after `-1`).
pub fn scan_reader<R: Read>(
    mut reader: R,
    block: usize,
    mut f: impl FnMut(Match<'_>),
) -> std::io::Result<(Charset, u64)> {
    let block = block.max(2 * OVERLAP);
    let mut buf: Vec<u8> = Vec::new();
    let mut base: u64 = 0; // offset of buf[0] in the input
    let mut charset = None;
    let mut resume = 0usize; // no match starts before this offset of buf
    let mut eof = false;
    while !eof {
        // Read up to `block` more bytes; the buffer grows only as far as the input goes.
        // On an error, what was read before it is in `buf`: scanned as the last block.
        let (n, failed) = match Read::by_ref(&mut reader)
            .take(block as u64)
            .read_to_end(&mut buf)
        {
            Ok(n) => (n, None),
            Err(e) => (0, Some(e)),
        };
        eof = failed.is_some() || n < block;
        let cs = *charset.get_or_insert_with(|| detect_charset(&buf));
        // Report matches that start before the cut; the rest are found again in the next
        // block, which starts at the cut.
        let cut = if eof {
            buf.len()
        } else {
            cut_point(&buf, buf.len() - OVERLAP)
        };
        // After an error, only matches that could not have gone on.
        let complete = |m: &Match<'_>| failed.is_none() || m.span.end + CUT_MARGIN <= buf.len();
        let mut last_end = resume;
        for m in scan_as(&buf, cs, resume).matches {
            if m.span.start >= cut || !complete(&m) {
                break;
            }
            last_end = m.span.end;
            let span = m.span.clone();
            f(Match {
                span: shift(span, base),
                ..m
            });
        }
        if let Some(e) = failed {
            return Err(e);
        }
        if eof {
            base += buf.len() as u64;
            break;
        }
        // Keep a little text before the cut: a number's first character is checked against
        // the one before it (found by proptest: `ICP<span>B2-…` cut at the `<`).
        let keep = cut_point(&buf, cut.saturating_sub(64));
        buf.drain(..keep);
        base += keep as u64;
        resume = last_end.max(cut) - keep;
    }
    Ok((charset.unwrap_or(Charset::Utf8), base))
}

/// Bytes carried from one block to the next: more than any number's raw text.
const OVERLAP: usize = 16 * 1024;

/// How close to a read error a match may end and still be reported by [`scan_reader`]: the
/// longest gap between two characters of a number, and a reference or escape after it.
pub const CUT_MARGIN: usize = MAX_GAP + MAX_REF + 1;

fn shift(span: Range<usize>, base: u64) -> Range<usize> {
    let b = base as usize;
    span.start + b..span.end + b
}

/// A place at or before `w` where the next block can start: a step boundary for folding and
/// a character boundary in UTF-8 and GBK: at `<` or after `>` (bytes below 0x40, which no
/// multi-byte character of either contains), or, with no tag near, after a space, quote,
/// comma or other byte below 0x40 that no reference or escape contains.
fn cut_point(buf: &[u8], w: usize) -> usize {
    let back = w.saturating_sub(MAX_TAG);
    if let Some(q) = memchr::memrchr2(b'<', b'>', &buf[back..w]) {
        let q = back + q;
        return if buf[q] == b'<' { q } else { q + 1 };
    }
    let safe = |b: u8| b < 0x40 && !matches!(b, b'#' | b'&' | b'0'..=b'9' | b';');
    match buf[back..w].iter().rposition(|&b| safe(b)) {
        Some(q) => back + q + 1,
        None => w,
    }
}
