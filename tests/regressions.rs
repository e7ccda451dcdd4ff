//! Bugs found by tests and fuzzing, each kept as a named case.

use beian::{ErrorKind, Part, scan, validate_number};

/// The province table's empty slots hold key 0, so U+0000 read as 京 (found by a scanner
/// test comparing the fast scanner with the naive one around an over-long gap, which folds
/// to U+0000).
#[test]
fn nul_is_no_province() {
    let err = validate_number("\0ICP备11018762号").unwrap_err();
    assert_eq!(
        err.kind(),
        ErrorKind::UnexpectedChar {
            found: '\0',
            expected: Part::Start
        }
    );
    let page = format!("x{}B2-20090028", " ".repeat(300));
    let found: Vec<String> = scan::find_iter(page.as_bytes())
        .map(|m| m.number.to_string())
        .collect();
    assert_eq!(found, ["B2-20090028"]);
}

/// A tag with an invalid UTF-8 byte inside a number (found by the scan fuzz target, which
/// wrongly expected every span to be valid UTF-8): the tag is skipped whole, the span starts
/// and ends on character boundaries, and `raw` is the lossy text.
#[test]
fn invalid_byte_inside_a_skipped_tag() {
    let page = b"\xe4\xba\xac<span>ICP</sp\x9fn>\xe5\xa4\x87<span>19054528</span>\xe5\x8f\xb7<span>-1</span>";
    let ms: Vec<_> = scan::find_iter(page).collect();
    assert_eq!(ms.len(), 1);
    assert_eq!(ms[0].number.to_string(), "京ICP备19054528号-1");
    let end = page.len() - "</span>".len();
    assert_eq!(ms[0].span, 0..end);
    assert_eq!(ms[0].raw, String::from_utf8_lossy(&page[..end]));
    assert_eq!(ms, scan::scan_naive(page));
}

/// A stray continuation byte right after a number (found by the scan fuzz target, whose
/// boundary check took the byte after a span for part of it): the span ends after the last
/// whole character.
#[test]
fn stray_continuation_byte_after_a_number() {
    let page = b"&#37122;ICP&#22791;16017614\x84\x01";
    let ms: Vec<_> = scan::find_iter(page).collect();
    assert_eq!(ms.len(), 1);
    assert_eq!(ms[0].number.to_string(), "鄂ICP备16017614号");
    assert_eq!(ms[0].span, 0..27);
    assert_eq!(ms[0].raw, "&#37122;ICP&#22791;16017614");
}

/// GBK pages with the byte 0x80 (`€` in GBK, one byte; two in GB18030) before a number:
/// spans were mapped back by re-encoding and overshot the page (found by the scan fuzz
/// target). They are now mapped by decoding again.
#[test]
fn gbk_euro_byte_before_a_number() {
    let mut page = b"<meta charset=gbk>".to_vec();
    page.extend(std::iter::repeat_n(0x80u8, 40));
    page.extend_from_slice(&encoding_rs::GBK.encode("<p>沪B2-20090003</p>").0);
    let found = scan::scan_page(&page);
    assert_eq!(found.charset, scan::Charset::Gb18030);
    assert_eq!(found.matches.len(), 1);
    let m = &found.matches[0];
    assert_eq!(m.span, 61..74);
    let (text, _) = encoding_rs::GBK.decode_without_bom_handling(&page[m.span.clone()]);
    assert_eq!(text, "沪B2-20090003");
}

/// Found by proptest: a block of `scan_reader` that started at the `<` of `ICP<span>B2-…` lost
/// the `P` before the licence, and reported a bare licence the whole page does not.
#[test]
fn reader_keeps_the_character_before_a_block() {
    let unit = "&#22791;京京<000000公安备案号&#22791;ICP<span>B2-20090059";
    let s = unit.repeat(1 + 40_000 / (unit.len() + 1));
    let whole: Vec<_> = beian::scan::find_iter(s.as_bytes())
        .map(|m| m.span)
        .collect();
    let mut blocks = Vec::new();
    beian::scan::scan_reader(s.as_bytes(), 1, |m| blocks.push(m.span)).unwrap();
    assert_eq!(blocks, whole);
}

/// Found in review: U+200B, which folding drops, was not counted as needing folding, so
/// `京ICP备\u{200b}12345678号` was valid by one path and an error by another.
#[test]
fn zero_width_space_is_white_space_everywhere() {
    for s in [
        "京ICP备\u{200b}12345678号",
        "京\u{200b}ICP备12345678号",
        "\u{200b}京ICP备 12345678号",
    ] {
        assert_eq!(
            validate_number(s).map(|n| n.to_string()),
            Ok("京ICP备12345678号".to_owned()),
            "{s:?}"
        );
    }
}

/// Found in review: a control character or U+FFFD folds to a break; the error names the
/// character as written, whichever path reads it.
#[test]
fn errors_name_the_character_written() {
    for (s, c) in [
        ("\u{1} a", '\u{1}'),
        ("\u{fffd} x", '\u{fffd}'),
        ("\u{7f}京", '\u{7f}'),
    ] {
        let e = validate_number(s).unwrap_err();
        assert_eq!(
            e.kind(),
            ErrorKind::UnexpectedChar {
                found: c,
                expected: Part::Start
            },
            "{s:?}"
        );
        assert_eq!(e.offset(), 0);
    }
    let e = validate_number("京ICP备12345678号\u{1}").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Trailing('\u{1}'));
}
