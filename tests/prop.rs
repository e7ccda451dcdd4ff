//! Properties: no panics on arbitrary input, canonical text reads back equal, the fast
//! scanner equals the naive one.

use proptest::prelude::*;

use beian::{OwnedNumber, scan, validate_number};

/// Pieces real footers are made of, and pieces that break them.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("京".to_string()),
        Just("川".to_string()),
        Just("粤".to_string()),
        Just("合字".to_string()),
        Just("星".to_string()),
        Just("ICP".to_string()),
        Just("ＩＣＰ".to_string()),
        Just("备".to_string()),
        Just("備".to_string()),
        Just("证".to_string()),
        Just("号".to_string()),
        Just("公网安备".to_string()),
        Just("公安备案号".to_string()),
        Just("B2-".to_string()),
        Just("B1.".to_string()),
        Just("-".to_string()),
        Just("—".to_string()),
        Just("－".to_string()),
        Just("X".to_string()),
        Just("A".to_string()),
        Just(":".to_string()),
        Just(" ".to_string()),
        Just("&nbsp;".to_string()),
        Just("\u{3000}".to_string()),
        Just("<span>".to_string()),
        Just("</span>".to_string()),
        Just("<i x=ICP>".to_string()),
        Just("<img alt=\"".to_string()),
        Just("\">".to_string()),
        Just("<i x=京ICP备12345678号-1>".to_string()),
        Just("<".to_string()),
        Just(">".to_string()),
        Just("&#22791;".to_string()),
        Just("&".to_string()),
        Just("\\u53f7".to_string()),
        Just("１".to_string()),
        "[0-9]{1,14}",
        "[a-z]{1,3}",
        Just("20090059".to_string()),
        Just("11018762".to_string()),
        Just("2023023087".to_string()),
        Just("11010502030143".to_string()),
    ]
}

fn page() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..40).prop_map(|v| v.concat())
}

/// Pages with long runs of ASCII between the pieces, so that the scanner's filter (which skips
/// chunks of ASCII text without a hot byte) has chunks to skip, and gaps near the longest one.
fn long_page() -> impl Strategy<Value = String> {
    let filler = prop_oneof![
        (1usize..900)
            .prop_map(|n| "lorem ipsum, dolor v1.2 sit (2024-01) ".repeat(30)[..n].to_string()),
        (240usize..300).prop_map(|n| " ".repeat(n)),
        (1usize..40).prop_map(|n| format!("<b class=\"{}\">", "x".repeat(n * 5))),
        Just("<i class=\"icp\">".to_string()),
        Just("<i I C P>".to_string()),
    ];
    prop::collection::vec(prop_oneof![3 => piece(), 1 => filler], 0..40).prop_map(|v| v.concat())
}

/// Text biased to CJK, full-width forms, digits and 号.
fn cjk_text() -> impl Strategy<Value = String> {
    "[京沪粤川蜀合字ICPicp备備证号號公网安案-－—_.:：0-9０-９A-Z \u{3000}\u{a0}\u{4e00}-\u{9fff}\u{ff00}-\u{ffef}]{0,40}"
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn validate_never_panics(s in cjk_text()) {
        let _ = validate_number(&s);
    }

    #[test]
    fn validate_never_panics_on_any_text(s in any::<String>()) {
        if let Err(e) = validate_number(&s) {
            prop_assert!(s.is_char_boundary(e.offset()));
        }
    }

    #[test]
    fn canonical_text_reads_back_equal(s in page()) {
        if let Ok(n) = validate_number(&s) {
            let canonical = n.to_string();
            let again = validate_number(&canonical).expect("canonical text is valid");
            prop_assert_eq!(&again, &n);
            prop_assert_eq!(again.to_string(), canonical.clone());
            let owned: OwnedNumber = canonical.parse().unwrap();
            prop_assert_eq!(&owned, &n);
            prop_assert_eq!(n.clone().into_owned(), n);
        }
    }

    #[test]
    fn fast_scanner_equals_naive(s in page()) {
        let fast: Vec<_> = scan::find_iter(s.as_bytes()).collect();
        let naive = scan::scan_naive(s.as_bytes());
        prop_assert_eq!(fast, naive);
    }

    #[test]
    fn scanner_never_panics_on_bytes(b in prop::collection::vec(any::<u8>(), 0..400)) {
        for m in scan::find_iter(&b) {
            prop_assert!(m.span.end <= b.len());
        }
        let _ = scan::scan_page(&b);
    }

    #[test]
    fn every_match_validates(s in page()) {
        for m in scan::find_iter(s.as_bytes()) {
            prop_assert!(s.is_char_boundary(m.span.start) && s.is_char_boundary(m.span.end));
            let canonical = m.number.to_string();
            match validate_number(&canonical) {
                Ok(n) => prop_assert_eq!(n, m.number),
                Err(e) => prop_assert_eq!(e.kind(), beian::ErrorKind::UnknownService(m.number.service().unwrap())),
            }
        }
    }

}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Pages of 40 KiB and more, read in blocks of 32 KiB and more.
    #[test]
    fn reader_equals_whole_page(s in page(), block in 1usize..50_000) {
        let s = s.repeat(1 + 40_000 / (s.len() + 1));
        let whole: Vec<_> = scan::find_iter(s.as_bytes()).map(|m| (m.span, m.number.to_string())).collect();
        let mut blocks = Vec::new();
        scan::scan_reader(s.as_bytes(), block, |m| blocks.push((m.span, m.number.to_string()))).unwrap();
        prop_assert_eq!(blocks, whole);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn fast_scanner_equals_naive_on_long_pages(s in long_page()) {
        let fast: Vec<_> = scan::find_iter(s.as_bytes()).collect();
        let naive = scan::scan_naive(s.as_bytes());
        prop_assert_eq!(fast, naive);
    }
}
