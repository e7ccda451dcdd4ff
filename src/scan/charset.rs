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

/// A GB18030 page decoded to UTF-8, with what is needed to map offsets back.
pub(crate) struct Decoded {
    pub text: String,
    /// Where each malformed sequence stands in `text` (as U+FFFD), and its length in the page.
    malformed: Vec<(usize, usize)>,
}

impl Decoded {
    pub fn new(page: &[u8]) -> Decoded {
        let mut decoder = GB18030.new_decoder_without_bom_handling();
        let cap = decoder
            .max_utf8_buffer_length_without_replacement(page.len())
            .unwrap_or(0);
        let mut text = String::with_capacity(cap);
        let mut malformed = Vec::new();
        let mut src = page;
        loop {
            let (result, read) = decoder.decode_to_string_without_replacement(src, &mut text, true);
            src = &src[read..];
            match result {
                DecoderResult::InputEmpty => break,
                DecoderResult::OutputFull => text.reserve(src.len() * 3 + 16),
                DecoderResult::Malformed(bad, _) => {
                    malformed.push((text.len(), usize::from(bad)));
                    text.push('\u{fffd}');
                }
            }
        }
        // The bytes a malformed report covers were read already; what the decoder counted
        // after them (its second field) was read too, so offsets stay exact.
        Decoded { text, malformed }
    }

    /// Maps offsets in `text` to offsets in the page, for increasing offsets.
    pub fn mapper(&self) -> Mapper<'_> {
        Mapper {
            decoded: self,
            text_at: 0,
            page_at: 0,
            next_bad: 0,
            scratch: Vec::new(),
        }
    }
}

/// See [`Decoded::mapper`].
pub(crate) struct Mapper<'d> {
    decoded: &'d Decoded,
    text_at: usize,
    page_at: usize,
    next_bad: usize,
    scratch: Vec<u8>,
}

impl Mapper<'_> {
    /// The page offset of text offset `to` (a char boundary, not below the last one asked).
    pub fn map(&mut self, to: usize) -> usize {
        if to < self.text_at {
            // Asked out of order: start over.
            self.text_at = 0;
            self.page_at = 0;
            self.next_bad = 0;
        }
        let d = self.decoded;
        while self.text_at < to {
            let bad = d.malformed.get(self.next_bad).copied();
            let seg_end = match bad {
                Some((at, _)) if at < to => at,
                _ => to,
            };
            self.page_at += self.encoded_len(self.text_at, seg_end);
            self.text_at = seg_end;
            if let Some((at, len)) = bad {
                if at == self.text_at && at < to {
                    self.page_at += len;
                    self.text_at += '\u{fffd}'.len_utf8();
                    self.next_bad += 1;
                }
            }
        }
        self.page_at
    }

    /// Length in GB18030 of `text[from..to]`.
    fn encoded_len(&mut self, from: usize, to: usize) -> usize {
        let s = &self.decoded.text[from..to];
        if s.is_ascii() {
            return s.len();
        }
        let mut encoder = GB18030.new_encoder();
        self.scratch.clear();
        self.scratch.resize(s.len() * 2 + 16, 0);
        let (_, _, written, _) = encoder.encode_from_utf8(s, &mut self.scratch, true);
        written
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
}
