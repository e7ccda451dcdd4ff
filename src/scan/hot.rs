//! Skipping text that cannot hold a number, before the anchor search by the packed searcher
//! (where the processor has no AVX-512 VBMI; `wide` needs no such help).
//!
//! Every match has an anchor that starts at one of its characters (see the match rules in
//! [`crate::scan`]), and near that anchor a *hot* byte: a non-ASCII byte (a province
//! character, `合`, `安备`, full-width `ＩＣＰ`), `&` (a character reference), `\` (an escape),
//! or a licence category written in ASCII, which the test reads loosely as one of `@ABC` two
//! bytes before `-` or `.` (`B2-`, `A2.`). Either the anchor holds one within its first
//! three bytes (all but `ICP`, `icp`, `Icp` and `I C P`), or it is one of those four, which
//! follow a province character: the hot byte that starts that character lies at most
//! [`REACH`] bytes before the anchor (the character's raw text, then a gap). Text is tested
//! in chunks of [`CHUNK`] bytes, each with the [`OVERLAP`] bytes after it; only the anchors
//! near a hot chunk are searched for. Mostly-ASCII pages have few hot chunks; in Chinese text, where every chunk is hot, a run of
//! [`DENSE`] hot chunks ends the testing and the rest of the range is searched whole.
//!
//! The test is plain Rust written for the compiler to vectorise. On x86-64 it is compiled
//! a second time for AVX2, used where the processor has it (checked once, at run time).

use std::ops::Range;

use crate::fold::{MAX_GAP, MAX_REF};

/// Bytes tested at a time.
pub(crate) const CHUNK: usize = 512;
/// Bytes after a chunk tested with it, so that a hot byte just after the chunk (an anchor's
/// own hot byte lies at most two bytes after its start, as in `A1－`) makes the chunk hot.
const OVERLAP: usize = 32;
/// How far after a hot byte an anchor can start: the longest reference or escape (the
/// character before the anchor), the longest gap, and a margin.
pub(crate) const REACH: usize = MAX_REF + MAX_GAP + 32;

/// Hot chunks in a row after which the rest of the range is searched without testing.
const DENSE: usize = 4;

/// Whether `w` (a chunk and its overlap, and two bytes more) holds a hot byte in its first
/// `CHUNK + OVERLAP` bytes.
#[inline(always)]
fn test(w: &[u8; CHUNK + OVERLAP + 2]) -> bool {
    let mut acc = [0u8; 32];
    for j in 0..(CHUNK + OVERLAP) / 32 {
        let x: &[u8; 32] = w[j * 32..j * 32 + 32].try_into().expect("32 bytes");
        let y: &[u8; 32] = w[j * 32 + 2..j * 32 + 34].try_into().expect("32 bytes");
        for k in 0..32 {
            let b = x[k];
            // `&` and `|`, not `&&` and `||`: no branches, so that the loop vectorises.
            // `@ABC`, then two bytes on `-` or `.` (2D, 2E: the two values that 53 more
            // makes 80 or 81). Not `,` or `/`, which base64 text is full of (`AX/`).
            let licence = ((b & 0xfc) == 0x40) & ((y[k].wrapping_add(0x53) & 0xfe) == 0x80);
            let hot = (b == b'&') | (b == b'\\') | licence;
            acc[k] |= b | 0u8.wrapping_sub(u8::from(hot));
        }
    }
    acc.iter().fold(0, |a, &x| a | x) >= 0x80
}

/// # Safety
///
/// The processor must have AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[allow(unsafe_code)]
unsafe fn test_avx2(w: &[u8; CHUNK + OVERLAP + 2]) -> bool {
    test(w)
}

/// The test for this processor.
fn tester() -> fn(&[u8; CHUNK + OVERLAP + 2]) -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx2") {
            #[allow(unsafe_code)]
            // SAFETY: `test_avx2` only needs AVX2, which the processor has (checked above).
            return |w| unsafe { test_avx2(w) };
        }
    }
    test
}

/// The ranges of `text[from..to]` in which anchors have to be searched for, in order and
/// disjoint: the bytes from each hot chunk to [`REACH`] bytes after it. Chunks start at
/// `from - REACH - CHUNK` (so that a hot byte before `from` is seen); the last chunks, too
/// short to test, count as hot.
pub(crate) fn ranges(text: &[u8], from: usize, to: usize, out: &mut Vec<Range<usize>>) {
    static TEST: std::sync::OnceLock<fn(&[u8; CHUNK + OVERLAP + 2]) -> bool> =
        std::sync::OnceLock::new();
    let test = *TEST.get_or_init(tester);
    out.clear();
    let mut c = from.saturating_sub(REACH + CHUNK);
    let mut run = 0;
    while c < to {
        let hot = match text.get(c..c + CHUNK + OVERLAP + 2) {
            Some(w) => test(w.try_into().expect("window length")),
            None => true,
        };
        if !hot {
            run = 0;
            c += CHUNK;
            continue;
        }
        run += 1;
        // A run of hot chunks (Chinese text): search the rest of the range, untested.
        let end = if run >= DENSE {
            to
        } else {
            (c + CHUNK + REACH).min(to)
        };
        let start = c.max(from);
        match out.last_mut() {
            Some(last) if last.end >= start => last.end = last.end.max(end),
            _ if start < end => out.push(start..end),
            _ => {}
        }
        if end == to {
            break;
        }
        c += CHUNK;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn covered(text: &[u8]) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        ranges(text, 0, text.len(), &mut out);
        out
    }

    #[test]
    fn plain_ascii_is_skipped() {
        let text = "lorem ipsum dolor sit amet, 2024-01-01 v1.2.3 ".repeat(100);
        // Only the end, too short to test, is searched.
        let len = text.len();
        let untested = (0..len)
            .step_by(CHUNK)
            .find(|c| c + CHUNK + OVERLAP + 2 > len)
            .unwrap();
        assert_eq!(covered(text.as_bytes()), vec![untested..len]);
    }

    #[test]
    fn each_kind_of_hot_byte_is_seen() {
        for hot in ["京", "&", "\\", "B2-", "A1.", "C3."] {
            let mut text = "x".repeat(5000);
            text.insert_str(2000, hot);
            let r = covered(text.as_bytes());
            assert!(
                r.iter().any(|r| r.contains(&2000) && r.end >= 2000 + REACH),
                "{hot}: {r:?}"
            );
        }
    }

    #[test]
    fn licence_test_is_exact_on_its_bytes() {
        // `@ABC` then any byte then `-` or `.`; nothing else in ASCII letters, digits and
        // punctuation.
        let mut w = [b'x'; CHUNK + OVERLAP + 2];
        assert!(!test(&w));
        for lead in 0..0x80u8 {
            for after in 0..0x80u8 {
                w[10] = lead;
                w[12] = after;
                let licence = matches!(lead, b'@'..=b'C') && matches!(after, b'-' | b'.');
                let other = matches!(lead, b'&' | b'\\') || matches!(after, b'&' | b'\\');
                assert_eq!(test(&w), licence || other, "{lead:#x} {after:#x}");
            }
        }
    }

    #[test]
    fn the_processor_test_agrees_with_the_plain_one() {
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        let fast = tester();
        let mut hot = 0;
        for _ in 0..20_000 {
            let mut w = [b'x'; CHUNK + OVERLAP + 2];
            for _ in 0..3 {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                // Mostly bytes near the ones the test looks for.
                let b = b"&\\@ABCD,-./0123\x7f\x80\xe5"[(x >> 8) as usize % 18];
                w[(x >> 32) as usize % w.len()] = b;
            }
            assert_eq!(fast(&w), test(&w), "{w:?}");
            hot += usize::from(test(&w));
        }
        assert!(hot > 1000 && hot < 19_000, "{hot}");
    }

    #[test]
    fn a_hot_byte_just_after_a_chunk_marks_it() {
        // An anchor `A1－` whose full-width hyphen starts a new chunk.
        let mut text = "x".repeat(CHUNK * 12);
        text.replace_range(CHUNK * 8 - 2..CHUNK * 8 + 1, "A1－");
        let r = covered(text.as_bytes());
        assert!(r.iter().any(|r| r.contains(&(CHUNK * 8 - 2))), "{r:?}");
    }
}
