//! Finding the public-security anchors `安备` and `安備` in one pass.
//!
//! In UTF-8 they are `E5 AE 89 E5 A4 87` and `E5 AE 89 E5 82 99`. A block of text is tested
//! for their second, third and fifth bytes at once (`AE 89 ? A4` or `AE 89 ? 82`: `安` and
//! then a character like `备` or `備`, rare in Chinese text, where `安` alone is common; the
//! second byte rules out `有备`, whose `有` also ends in `89`), and only in the blocks that pass
//! is each `E5` byte checked for an anchor. Like the hot-byte test, it is plain Rust written for the compiler to
//! vectorise, compiled a second time for AVX2 on x86-64.

/// The anchors.
pub(crate) const ANCHORS: [&str; 2] = ["安备", "安備"];
/// Bytes tested at a time.
const BLOCK: usize = 512;
/// Bytes read past a block: an anchor starting in it ends at most five bytes after it.
const LOOK: usize = 5;

/// Whether an anchor may start in the first [`BLOCK`] bytes of `w`.
#[inline(always)]
fn test(w: &[u8; BLOCK + LOOK]) -> bool {
    let mut acc = [0u8; 32];
    for j in 0..BLOCK / 32 {
        let at = |d: usize| -> &[u8; 32] { w[j * 32 + d..j * 32 + d + 32].try_into().expect("32") };
        let (b1, b2, b4) = (at(1), at(2), at(4));
        for k in 0..32 {
            // `&` and `|`, not `&&` and `||`: no branches, so that the loop vectorises.
            let an = (b1[k] == 0xae) & (b2[k] == 0x89);
            acc[k] |= u8::from(an & ((b4[k] == 0xa4) | (b4[k] == 0x82)));
        }
    }
    acc.iter().fold(0, |a, &x| a | x) != 0
}

/// # Safety
///
/// The processor must have AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[allow(unsafe_code)]
unsafe fn test_avx2(w: &[u8; BLOCK + LOOK]) -> bool {
    test(w)
}

/// The test for this processor.
fn tester() -> fn(&[u8; BLOCK + LOOK]) -> bool {
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

/// Calls `found(start, end)` for every anchor that starts in `hay[..limit]`, in order.
pub(crate) fn find(hay: &[u8], limit: usize, mut found: impl FnMut(usize, usize)) {
    static TEST: std::sync::OnceLock<fn(&[u8; BLOCK + LOOK]) -> bool> = std::sync::OnceLock::new();
    let test = *TEST.get_or_init(tester);
    let limit = limit.min(hay.len());
    let mut p = 0;
    while p < limit {
        let end = (p + BLOCK).min(limit);
        let maybe = match hay.get(p..p + BLOCK + LOOK) {
            Some(w) => test(w.try_into().expect("window length")),
            None => true,
        };
        if maybe {
            for q in memchr::memchr_iter(0xe5, &hay[p..end]).map(|q| p + q) {
                if let Some(a) = ANCHORS.iter().find(|a| hay[q..].starts_with(a.as_bytes())) {
                    found(q, q + a.len());
                }
            }
        }
        p = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(hay: &[u8]) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        find(hay, hay.len(), |s, e| out.push((s, e)));
        out
    }

    /// At every offset across two block boundaries, in text full of `安`, with enough text
    /// after it for the vectorised test to run.
    #[test]
    fn finds_both_at_every_offset() {
        for anchor in ANCHORS {
            for at in 0..1100 {
                let before = "安".repeat(at / 3) + &"x".repeat(at % 3);
                let text = format!("{before}{anchor}{}", "安全".repeat(120));
                assert_eq!(all(text.as_bytes()), [(at, at + 6)], "{at}");
                assert!(text.len() > at + BLOCK + LOOK, "{at}");
            }
        }
    }

    #[test]
    fn the_processor_test_agrees_with_the_plain_one() {
        let bytes = [0xe5u8, 0xae, 0x89, 0xa4, 0x87, 0x82, 0x99, 0x9c];
        let mut x = 0x2545_f491_4f6c_dd1du64;
        let fast = tester();
        let mut hits = 0;
        for _ in 0..20_000 {
            let mut w = [0u8; BLOCK + LOOK];
            for b in w.iter_mut() {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                *b = bytes[(x >> 40) as usize % bytes.len()];
            }
            assert_eq!(fast(&w), test(&w));
            hits += usize::from(test(&w));
        }
        assert!(hits > 100 && hits < 19_900, "{hits}");
    }

    #[test]
    fn the_test_passes_an_and_bei_only() {
        let block = |s: &str| -> [u8; BLOCK + LOOK] {
            let mut w = [b'x'; BLOCK + LOOK];
            let text = s.repeat(BLOCK / s.len() + 2);
            w.copy_from_slice(&text.as_bytes()[..BLOCK + LOOK]);
            w
        };
        for yes in ["安备", "x安備", "xx安备"] {
            assert!(test(&block(yes)), "{yes}");
        }
        // `有` ends in the same byte as `安`; `完备` and `安全` are common words.
        for no in ["有备", "x有備", "完备", "安全", "设备"] {
            assert!(!test(&block(no)), "{no}");
        }
    }

    #[test]
    fn agrees_with_memmem() {
        let mut text = "京公网安备11010502030143号 安全 安安备 公網安備 安"
            .repeat(50)
            .into_bytes();
        text.extend_from_slice(&[0xe5, 0xae, 0x89, 0xe5, 0xa4]);
        let mut want: Vec<(usize, usize)> = ANCHORS
            .iter()
            .flat_map(|a| memchr::memmem::find_iter(&text, a.as_bytes()).map(|s| (s, s + 6)))
            .collect();
        want.sort_unstable();
        assert_eq!(all(&text), want);
        // Only starts before the limit.
        let mut out = Vec::new();
        find(&text, want[3].0, |s, e| out.push((s, e)));
        assert_eq!(out, want[..3]);
    }
}
