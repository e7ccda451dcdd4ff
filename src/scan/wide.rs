//! Finding the anchors 64 bytes at a time, with AVX-512 and its byte permutes (VBMI), where
//! the processor has them.
//!
//! It finds what the packed searcher over [`ANCHORS`] and [`psb::find`] find together, in one
//! pass. Each byte's class is looked up in three 64-entry tables (`vpermb`): as the first,
//! the second and the third byte of a candidate; a position is a candidate where the three
//! share a class. The classes are the first three bytes of the ASCII anchors (`ICP`, `I C`,
//! `B2-`, `&#2`, `\u5`), `89 E5 A4` from inside `安备` (and `89 E5 82`, `安備`), and `BC A9 EF`
//! from inside `ＩＣＰ`. Each candidate is then compared with the anchors. The tables read the
//! low six bits of a byte, so each byte also stands for the three others with those bits (`I`
//! for `89`, `C9` and `09`): a candidate more now and then, which the compare rejects. (With
//! 128-entry tables, `vpermi2b`, there are hardly fewer candidates, and the loop runs a tenth
//! slower.)
//!
//! Matches follow the packed searcher's rule: they do not overlap (`&#23433;&#23433;&#`
//! holds one), the search resuming after each; the public-security anchors, which share no
//! byte with the others, are all reported.

use super::{ANCHORS, psb};

/// The classes of candidates, one bit each.
const ICP: u8 = 1;
const SPACED: u8 = 2;
const LICENCE: u8 = 4;
const REF: u8 = 8;
const ESCAPE: u8 = 16;
/// `89 E5`, then `A4` or `82`: from the last byte of `安` into `备`/`備`; the anchor starts
/// two bytes before the candidate.
const AN: u8 = 32;
/// `BC A9 EF`: from the second byte of `Ｉ` into `Ｃ`; the anchor starts one byte before.
/// (Not `A9 EF BC`, the end of `Ｉ` and the start of `Ｃ`: any character that ends in `A9`
/// before `，` has those.)
const FULL_WIDTH: u8 = 64;

/// Tables by the low six bits of a byte, for the bytes at a candidate and one and two bytes
/// after it: a candidate is where the three share a class.
const fn tables() -> [[u8; 64]; 3] {
    const fn set(mut t: [[u8; 64]; 3], at: usize, bytes: &[u8], class: u8) -> [[u8; 64]; 3] {
        let mut i = 0;
        while i < bytes.len() {
            t[at][(bytes[i] & 0x3f) as usize] |= class;
            i += 1;
        }
        t
    }
    let mut t = [[0u8; 64]; 3];
    // `ICP`, `icp`, `Icp`.
    t = set(t, 0, b"Ii", ICP);
    t = set(t, 1, b"Cc", ICP);
    t = set(t, 2, b"Pp", ICP);
    // `I C P`.
    t = set(t, 0, b"I", SPACED);
    t = set(t, 1, b" ", SPACED);
    t = set(t, 2, b"C", SPACED);
    // `A1-`, `B2.`, `A1－` (EF BC 8D), `B1—` (E2 80 94).
    t = set(t, 0, b"AB", LICENCE);
    t = set(t, 1, b"12", LICENCE);
    t = set(t, 2, b"-.\xef\xe2", LICENCE);
    // `&#23433;&#`, `&#73;&#67;&#80;`, `&#x49;&#x43;&#x50;`.
    t = set(t, 0, b"&", REF);
    t = set(t, 1, b"#", REF);
    t = set(t, 2, b"27x", REF);
    // `\u5b89\u`, `\u5B89\u`.
    t = set(t, 0, b"\\", ESCAPE);
    t = set(t, 1, b"u", ESCAPE);
    t = set(t, 2, b"5", ESCAPE);
    // `安备` (E5 AE 89 E5 A4 87), `安備` (E5 AE 89 E5 82 99).
    t = set(t, 0, b"\x89", AN);
    t = set(t, 1, b"\xe5", AN);
    t = set(t, 2, b"\xa4\x82", AN);
    // `ＩＣＰ` (EF BC A9 EF BC A3 EF BC B0).
    t = set(t, 0, b"\xbc", FULL_WIDTH);
    t = set(t, 1, b"\xa9", FULL_WIDTH);
    t = set(t, 2, b"\xef", FULL_WIDTH);
    t
}

const TABLES: [[u8; 64]; 3] = tables();

/// Whether the processor has what [`find`] needs, checked once; `BEIAN_NO_AVX512` set in the
/// environment says no (the tests run both ways).
pub(crate) fn available() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        static YES: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
        *YES.get_or_init(|| {
            std::env::var_os("BEIAN_NO_AVX512").is_none()
                && std::arch::is_x86_feature_detected!("avx512f")
                && std::arch::is_x86_feature_detected!("avx512bw")
                && std::arch::is_x86_feature_detected!("avx512vbmi")
        })
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// Whether the pair at `c` is a candidate: the test of the vectorised loop, one position at a
/// time (a byte past the end reads as 0).
fn candidate(hay: &[u8], c: usize) -> bool {
    let at = |i: usize| TABLES[i][usize::from(hay.get(c + i).copied().unwrap_or(0) & 0x3f)];
    at(0) & at(1) & at(2) != 0
}

/// The anchor that the candidate at `c` stands for, if any: its start (`c`; `c - 2` for `安备`,
/// `c - 1` for `ＩＣＰ`), its end, and whether it is a public-security one.
#[inline(always)]
fn anchor_at(hay: &[u8], c: usize) -> Option<(usize, usize, bool)> {
    let find = |list: &[&str], s: usize| {
        let rest = &hay[s..];
        list.iter()
            .find(|a| rest.starts_with(a.as_bytes()))
            .map(|a| s + a.len())
    };
    let third = hay.get(c + 2).copied().unwrap_or(0);
    // Most candidates fail on a byte or two (`ICp`, `B1/`, `有备`).
    let ok = match hay[c] {
        0x89 => {
            let s = c.checked_sub(2)?;
            return find(&psb::ANCHORS, s).map(|e| (s, e, true));
        }
        0xbc => {
            let s = c.checked_sub(1)?;
            return find(ANCHORS, s).map(|e| (s, e, false));
        }
        b'I' | b'i' => matches!(third, b'P' | b'p' | b'C'),
        b'A' | b'B' => matches!(third, b'-' | b'.' | 0xef | 0xe2),
        b'&' | b'\\' => true,
        _ => false,
    };
    if !ok {
        return None;
    }
    find(ANCHORS, c).map(|e| (c, e, false))
}

/// Calls `found(start, end)` for every anchor that starts in `hay[..limit]`, in order, as the
/// packed searcher and [`psb::find`] report them (see the module docs). The processor must be
/// [`available`]; anywhere else this reads one byte at a time.
pub(crate) fn find(hay: &[u8], limit: usize, mut found: impl FnMut(usize, usize)) {
    let limit = limit.min(hay.len());
    // No match of the packed searcher starts before this.
    let mut resume = 0;
    let mut each = |c: usize| {
        if let Some((start, end, psb)) = anchor_at(hay, c) {
            if start >= limit {
                return;
            }
            if psb {
                found(start, end);
            } else if start >= resume {
                found(start, end);
                resume = end;
            }
        }
    };
    // The candidate of an anchor that starts at `limit - 1` may be at `limit + 1`.
    let last = (limit + 2).min(hay.len());
    let mut p = 0;
    #[cfg(target_arch = "x86_64")]
    if available() {
        #[allow(unsafe_code)]
        // SAFETY: the processor has AVX-512F, BW and VBMI (checked by `available`).
        {
            p = unsafe { candidates_avx512(hay, last, &mut each) };
        }
    }
    for c in p..last {
        if candidate(hay, c) {
            each(c);
        }
    }
}

/// How far ahead of the loop the text is fetched into the cache.
#[cfg(target_arch = "x86_64")]
const PREFETCH: usize = 2048;

/// Calls `each(s)` for every candidate `s` below `limit`, in order, 64 positions at a time
/// while 66 bytes can be read; returns where it stopped.
///
/// # Safety
///
/// The processor must have AVX-512F, AVX-512BW and AVX-512VBMI.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512bw,avx512vbmi")]
#[allow(unsafe_code)]
unsafe fn candidates_avx512(hay: &[u8], limit: usize, each: &mut impl FnMut(usize)) -> usize {
    use std::arch::x86_64::*;
    // SAFETY: each table is 64 bytes; unaligned loads are allowed.
    let load = |t: &[u8]| unsafe { _mm512_loadu_si512(t.as_ptr().cast()) };
    let (t0, t1, t2) = (load(&TABLES[0]), load(&TABLES[1]), load(&TABLES[2]));
    // The classes the three bytes from each of the 64 positions from `q` share: zero where
    // there is no candidate.
    let classes = |q: *const u8| -> __m512i {
        // SAFETY: the caller reads 66 bytes from `q` within `hay`.
        let at = |i: usize| unsafe { _mm512_loadu_si512(q.add(i).cast()) };
        let class = |t, v| _mm512_permutexvar_epi8(v, t);
        let (c0, c1, c2) = (class(t0, at(0)), class(t1, at(1)), class(t2, at(2)));
        // `c0 & c1 & c2`.
        _mm512_ternarylogic_epi64::<0x80>(c0, c1, c2)
    };
    let mut report = |p: usize, v: __m512i| {
        let mut k = _mm512_test_epi8_mask(v, v);
        while k != 0 {
            let s = p + k.trailing_zeros() as usize;
            if s >= limit {
                return false;
            }
            each(s);
            k &= k - 1;
        }
        true
    };
    let base = hay.as_ptr();
    let mut p = 0;
    // 256 positions a step, 258 bytes read, one branch.
    while p < limit && p + 258 <= hay.len() {
        // Ahead of the hardware's own prefetch, which leaves this loop waiting on memory a
        // quarter of the time. (A prefetch of an address past the end is harmless.)
        _mm_prefetch::<_MM_HINT_T0>(base.wrapping_add(p + PREFETCH).cast());
        _mm_prefetch::<_MM_HINT_T0>(base.wrapping_add(p + PREFETCH + 128).cast());
        // SAFETY: `p + 258 <= hay.len()`.
        let v = unsafe { [0, 64, 128, 192].map(|d| classes(base.add(p + d))) };
        let any = _mm512_or_si512(_mm512_or_si512(v[0], v[1]), _mm512_or_si512(v[2], v[3]));
        if _mm512_test_epi64_mask(any, any) != 0 {
            for (d, v) in v.into_iter().enumerate() {
                if !report(p + 64 * d, v) {
                    return limit;
                }
            }
        }
        p += 256;
    }
    while p < limit && p + 66 <= hay.len() {
        // SAFETY: `p + 66 <= hay.len()`.
        let v = unsafe { classes(base.add(p)) };
        if !report(p, v) {
            return limit;
        }
        p += 64;
    }
    p.min(limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the packed searcher and `psb::find` report together, sorted.
    fn reference(hay: &[u8], limit: usize) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for m in super::super::anchors().teddy.find_iter(hay) {
            if m.start() >= limit {
                break;
            }
            out.push((m.start(), m.end()));
        }
        psb::find(hay, limit, |s, e| out.push((s, e)));
        out.sort_unstable();
        out
    }

    fn wide(hay: &[u8], limit: usize) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        find(hay, limit, |s, e| out.push((s, e)));
        out
    }

    #[test]
    fn every_anchor_is_a_candidate() {
        for a in ANCHORS.iter().chain(&psb::ANCHORS) {
            // `安备` two bytes in, `ＩＣＰ` one.
            let at = match a.as_bytes()[0] {
                0xe5 => 2,
                0xef => 1,
                _ => 0,
            };
            assert!(candidate(a.as_bytes(), at), "{a}");
        }
    }

    #[test]
    fn agrees_with_the_packed_searcher_at_every_offset() {
        for a in ANCHORS.iter().chain(&psb::ANCHORS) {
            // Past two steps of the 256-position loop, and into the 64-position one.
            for at in 0..600 {
                let before = "中".repeat(at / 3) + &"x".repeat(at % 3);
                let text = format!("{before}{a}{}", "文".repeat(at % 7 * 30));
                let hay = text.as_bytes();
                assert_eq!(wide(hay, hay.len()), [(at, at + a.len())], "{a} {at}");
                assert_eq!(wide(hay, hay.len()), reference(hay, hay.len()), "{a} {at}");
            }
        }
    }

    #[test]
    fn agrees_with_the_packed_searcher_on_random_text() {
        // Pieces of anchors and the bytes the tables alias, so that matches overlap and
        // candidates fail.
        let pieces: &[&[u8]] = &[
            b"ICP",
            b"I C",
            b"Ic",
            b"icp",
            b"A1",
            b"B2",
            b"-",
            b".",
            b"&#",
            b"23433;",
            b"&#x49;",
            b"\\u5b89",
            b"\\u",
            "ＩＣＰ".as_bytes(),
            "安备".as_bytes(),
            "安備".as_bytes(),
            "安".as_bytes(),
            "备".as_bytes(),
            "－".as_bytes(),
            "—".as_bytes(),
            b"\xc9\xc3",
            b"\xa6\xa3",
            b"x",
            b" ",
            "中".as_bytes(),
            b"73;&#67;&#80;",
        ];
        let mut x = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let mut found = 0;
        for _ in 0..3000 {
            let mut hay = Vec::new();
            let n = next() as usize % 120;
            for _ in 0..n {
                hay.extend_from_slice(pieces[next() as usize % pieces.len()]);
            }
            for limit in [hay.len(), hay.len() / 2, hay.len().saturating_sub(70)] {
                let want = reference(&hay, limit);
                assert_eq!(
                    wide(&hay, limit),
                    want,
                    "{:?} {limit}",
                    String::from_utf8_lossy(&hay)
                );
                found += want.len();
            }
        }
        assert!(found > 10_000, "{found}");
    }
}
