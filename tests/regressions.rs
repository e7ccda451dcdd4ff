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
