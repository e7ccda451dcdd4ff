//! The byte scanner on arbitrary bytes: no panic; spans in bounds, in order, not overlapping
//! and on character boundaries, `raw` their (lossy) text; each canonical number passes `validate_number` (an unknown
//! service letter, which only the lenient scanner accepts, fails with exactly that error);
//! the whole-page scan equals the naive one on small inputs.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut last_end = 0;
    let matches: Vec<_> = beian::scan::find_iter(data).collect();
    for m in &matches {
        assert!(m.span.start >= last_end && m.span.end <= data.len());
        assert!(m.span.start < m.span.end);
        last_end = m.span.end;
        // On character boundaries: the span starts and ends with whole, valid characters (a
        // number starts with a letter or CJK character and ends with a digit, 号 or letter; a
        // tag skipped inside it may hold invalid bytes, and `raw` is then the lossy text).
        let raw = String::from_utf8_lossy(&data[m.span.clone()]);
        assert!(data[m.span.start] & 0xc0 != 0x80);
        assert!(!raw.starts_with('\u{fffd}') && !raw.ends_with('\u{fffd}'), "{raw:?}");
        assert_eq!(raw, m.raw);
        let canonical = m.number.to_string();
        match beian::validate_number(&canonical) {
            Ok(n) => assert_eq!(n, m.number),
            Err(e) => assert_eq!(
                e.kind(),
                beian::ErrorKind::UnknownService(m.number.service().unwrap())
            ),
        }
    }
    if data.len() < 4096 {
        assert_eq!(matches, beian::scan::scan_naive(data));
    }
    // Any charset: no panic, spans in bounds.
    for m in beian::scan::scan_page(data).matches {
        assert!(m.span.start <= m.span.end && m.span.end <= data.len());
    }
});
