//! The public suffix list's official test vectors (`data/psl_test_vectors.txt`, from the same
//! snapshot as `data/public_suffix_list.dat`) run through the crate's normaliser and lookup.
//!
//! The vectors use the whole list (ICANN and private sections) and the implicit `*` rule, so
//! they go through `SuffixMatch::registrable(Section::All)`. Inputs are normalised first
//! (lowercase, UTS-46); expected values are compared in their ASCII form. An input that is not
//! a host (a leading dot) must expect `null`.

use beian::domain::{Rules, Section, normalize};

const VECTORS: &str = include_str!("../data/psl_test_vectors.txt");

/// Parses `checkPublicSuffix('a', 'b');` and `checkPublicSuffix(null, null);` lines.
fn vectors() -> Vec<(Option<String>, Option<String>)> {
    let mut out = Vec::new();
    for line in VECTORS.lines() {
        let line = line.trim();
        let Some(args) = line
            .strip_prefix("checkPublicSuffix(")
            .and_then(|r| r.strip_suffix(");"))
        else {
            continue;
        };
        let (a, b) = args.split_once(", ").expect("two arguments");
        let arg = |s: &str| -> Option<String> {
            if s == "null" {
                None
            } else {
                Some(s.trim_matches('\'').to_owned())
            }
        };
        out.push((arg(a), arg(b)));
    }
    out
}

#[test]
fn official_psl_test_vectors_pass() {
    let rules = Rules::shared();
    let cases = vectors();
    assert!(cases.len() >= 78, "only {} vectors parsed", cases.len());
    let mut failures = Vec::new();
    for (input, expected) in &cases {
        let Some(input) = input else {
            assert!(expected.is_none());
            continue;
        };
        let got = match normalize(input) {
            Ok(host) => {
                assert!(!host.is_ip(), "{input}");
                rules
                    .suffix_match(host.as_str())
                    .registrable(Section::All)
                    .map(str::to_owned)
            }
            Err(_) => None,
        };
        let want = expected.as_ref().map(|e| {
            normalize(e)
                .expect("expected value is a host")
                .as_str()
                .to_owned()
        });
        if got != want {
            failures.push(format!("{input}: got {got:?}, want {want:?}"));
        }
    }
    assert!(failures.is_empty(), "failures:\n{}", failures.join("\n"));
}

#[test]
fn vectors_file_is_the_official_one() {
    assert!(VECTORS.contains("checkPublicSuffix('www.食狮.中国', '食狮.中国');"));
    assert!(VECTORS.contains("checkPublicSuffix('a.b.example.uk.com', 'example.uk.com');"));
}
