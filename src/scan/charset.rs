//! Which charset a page is in, and decoding GBK pages with their offsets kept.

use encoding_rs::{DecoderResult, GB18030};

/// The charsets the scanner reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "snake_case")
)]
pub enum Charset {
    /// UTF-8 (and ASCII); invalid bytes are allowed and end any number they fall in.
    Utf8,
    /// GB18030 and its subsets GBK and GB2312, as browsers read all three.
    Gb18030,
}

impl Charset {
    /// `utf-8` or `gb18030`.
    pub fn as_str(self) -> &'static str {
        match self {
            Charset::Utf8 => "utf-8",
            Charset::Gb18030 => "gb18030",
        }
    }
}

/// How much of a page the charset is detected from.
const SNIFF: usize = 64 * 1024;

/// Detects a page's charset: a byte-order mark; then the bytes, where the first 64 KiB are
/// valid UTF-8 with some non-ASCII text (declarations lie more often than that happens by
/// chance in GBK); then a `<meta charset>` or `http-equiv` declaration in the first 4 KiB;
/// then GB18030 if the first 64 KiB decode as such without error; UTF-8 otherwise.
pub fn detect_charset(page: &[u8]) -> Charset {
    if page.starts_with(b"\xef\xbb\xbf") {
        return Charset::Utf8;
    }
    let head = &page[..page.len().min(SNIFF)];
    let utf8 = match std::str::from_utf8(head) {
        Ok(_) => true,
        // A character cut by the end of the sniffed part is no evidence against UTF-8.
        Err(e) => e.error_len().is_none(),
    };
    if utf8 && !head.is_ascii() {
        return Charset::Utf8;
    }
    if let Some(declared) = declared(&page[..page.len().min(4096)]) {
        return declared;
    }
    if utf8 {
        return Charset::Utf8;
    }
    let mut decoder = GB18030.new_decoder_without_bom_handling();
    let mut out = vec![0u8; decoder.max_utf8_buffer_length(head.len()).unwrap_or(0)];
    let last = head.len() == page.len();
    match decoder.decode_to_utf8_without_replacement(head, &mut out, last) {
        (DecoderResult::InputEmpty, _, _) => Charset::Gb18030,
        _ => Charset::Utf8,
    }
}

/// The charset named by `charset=` in the head of a page, if it is one we read.
fn declared(head: &[u8]) -> Option<Charset> {
    let finder = memchr::memmem::Finder::new(b"charset");
    for at in finder.find_iter(head) {
        let rest = &head[at + 7..];
        let rest = rest.trim_ascii_start();
        let Some(rest) = rest.strip_prefix(b"=") else {
            continue;
        };
        let rest = rest.trim_ascii_start();
        let rest = rest
            .strip_prefix(b"\"")
            .or(rest.strip_prefix(b"'"))
            .unwrap_or(rest);
        let end = rest
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_'))
            .unwrap_or(rest.len());
        let name = rest[..end].to_ascii_lowercase();
        return match &name[..] {
            b"utf-8" | b"utf8" => Some(Charset::Utf8),
            b"gbk" | b"gb2312" | b"gb18030" | b"x-gbk" | b"cp936" | b"gb_2312-80" => {
                Some(Charset::Gb18030)
            }
            _ => None,
        };
    }
    None
}

/// A GB18030 page decoded to UTF-8 (a malformed sequence decoded as U+FFFD), with what is
/// needed to map offsets back.
pub(crate) struct Decoded<'p> {
    page: &'p [u8],
    pub text: String,
    /// `(page offset, text offset)` pairs where decoding can restart with a fresh decoder.
    checkpoints: Vec<(usize, usize)>,
}

/// Input decoded between checkpoints, about.
const CHECKPOINT: usize = 4096;

/// Whether a character boundary always follows `b` in GB18030: a byte that is neither a lead
/// byte nor a trail byte of a two- or four-byte sequence.
fn ends_char(b: u8) -> bool {
    b < 0x30 || (0x3a..0x40).contains(&b)
}

impl<'p> Decoded<'p> {
    pub fn new(page: &'p [u8]) -> Decoded<'p> {
        let mut decoder = GB18030.new_decoder_without_bom_handling();
        let cap = decoder
            .max_utf8_buffer_length_without_replacement(page.len())
            .unwrap_or(0);
        let mut text = String::with_capacity(cap);
        let mut checkpoints = vec![(0, 0)];
        let mut at = 0;
        while at < page.len() {
            // Decode up to just after a byte that ends a character, so that the next piece
            // starts with the decoder's state empty: a checkpoint.
            let mut end = (at + CHECKPOINT).min(page.len());
            if end < page.len()
                && let Some(q) = page[at..end].iter().rposition(|&b| ends_char(b))
            {
                end = at + q + 1;
            }
            let last = end == page.len();
            let mut src = &page[at..end];
            loop {
                let (result, read) =
                    decoder.decode_to_string_without_replacement(src, &mut text, last);
                src = &src[read..];
                match result {
                    DecoderResult::InputEmpty => break,
                    DecoderResult::OutputFull => text.reserve(src.len() * 3 + 16),
                    DecoderResult::Malformed(..) => text.push('\u{fffd}'),
                }
            }
            at = end;
            if !last && ends_char(page[end - 1]) {
                checkpoints.push((at, text.len()));
            }
        }
        Decoded {
            page,
            text,
            checkpoints,
        }
    }

    /// Maps offsets in `text` to offsets in the page.
    pub fn mapper(&self) -> Mapper<'_> {
        Mapper {
            decoded: self,
            scratch: Vec::new(),
        }
    }
}

/// See [`Decoded::mapper`]. It decodes the page again from the checkpoint before each offset
/// asked for, with the same decoder: the page bytes read are the answer. (Counting the GB18030
/// length of the text instead would be wrong for the byte 0x80, which GBK pages use for `€`.)
pub(crate) struct Mapper<'d> {
    decoded: &'d Decoded<'d>,
    scratch: Vec<u8>,
}

impl Mapper<'_> {
    /// The page offset of text offset `to` (a char boundary of the text).
    pub fn map(&mut self, to: usize) -> usize {
        let d = self.decoded;
        let i = d.checkpoints.partition_point(|&(_, t)| t <= to) - 1;
        let (mut page_at, mut text_at) = d.checkpoints[i];
        let mut decoder = GB18030.new_decoder_without_bom_handling();
        let page = d.page;
        while text_at < to {
            // Far from `to`, decode in bulk into a buffer that cannot overshoot it; near it,
            // one input byte at a time, so as to stop exactly there.
            let need = to - text_at;
            let (src_end, dst_len) = if need > 64 {
                (page.len(), need - 32)
            } else {
                ((page_at + 1).min(page.len()), 16)
            };
            let last = src_end == page.len();
            self.scratch.resize(dst_len, 0);
            let (result, read, written) = decoder.decode_to_utf8_without_replacement(
                &page[page_at..src_end],
                &mut self.scratch,
                last,
            );
            page_at += read;
            text_at += written;
            match result {
                DecoderResult::Malformed(..) => text_at += '\u{fffd}'.len_utf8(),
                DecoderResult::InputEmpty if page_at >= page.len() => break,
                DecoderResult::InputEmpty => {}
                DecoderResult::OutputFull if read == 0 && written == 0 => break,
                DecoderResult::OutputFull => {}
            }
        }
        page_at
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects() {
        assert_eq!(detect_charset(b"plain"), Charset::Utf8);
        assert_eq!(detect_charset("京ICP备".as_bytes()), Charset::Utf8);
        let (gbk, _, _) = encoding_rs::GBK.encode("京ICP备");
        assert_eq!(detect_charset(&gbk), Charset::Gb18030);
        assert_eq!(
            detect_charset(
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=GB2312\">"
            ),
            Charset::Gb18030
        );
        assert_eq!(
            detect_charset(b"<meta charset='utf-8'>\xb1\xb8"),
            Charset::Utf8
        );
        // A declaration that lies about a UTF-8 page.
        assert_eq!(
            detect_charset("<meta charset=gbk>京ICP备".as_bytes()),
            Charset::Utf8
        );
        assert_eq!(detect_charset(b"\xff\xfe\x00"), Charset::Utf8);
    }

    #[test]
    fn maps_offsets_back_through_malformed_bytes() {
        let mut page = Vec::new();
        page.extend_from_slice(&encoding_rs::GBK.encode("备案").0);
        page.push(0xff); // malformed
        page.extend_from_slice(b"ab");
        page.extend_from_slice(&encoding_rs::GBK.encode("号").0);
        let d = Decoded::new(&page);
        assert_eq!(d.text, "备案\u{fffd}ab号");
        let mut m = d.mapper();
        assert_eq!(m.map(3), 2);
        assert_eq!(m.map(6), 4);
        assert_eq!(m.map(9), 5);
        assert_eq!(m.map(11), 7);
        assert_eq!(m.map(14), 9);
        assert_eq!(m.map(0), 0);
    }

    #[test]
    fn checkpoints_give_the_same_offsets() {
        let mut html = String::new();
        for i in 0..1500 {
            html.push_str(&format!("<p>第{i}段 粤ICP备{:08}号</p>\n", 12_000_000 + i));
        }
        let (page, _, _) = encoding_rs::GBK.encode(&html);
        let d = Decoded::new(&page);
        assert_eq!(d.text, html);
        assert!(d.checkpoints.len() > 10);
        let mut m = d.mapper();
        let mut expect = 0;
        for (i, c) in html.char_indices().step_by(211) {
            let before = &html[..i];
            expect = encoding_rs::GBK.encode(before).0.len().max(expect);
            assert_eq!(m.map(i), expect, "{i} {c}");
        }
    }

    #[test]
    fn maps_the_euro_byte() {
        // 0x80 is `€` in GBK, one byte; GB18030 encodes `€` in two.
        let page = b"\x80\xb1\xb8ab";
        let d = Decoded::new(page);
        assert_eq!(d.text, "€备ab");
        let mut m = d.mapper();
        assert_eq!(m.map(3), 1);
        assert_eq!(m.map(6), 3);
        assert_eq!(m.map(8), 5);
    }
}
