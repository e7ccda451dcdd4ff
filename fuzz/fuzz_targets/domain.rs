//! Normaliser and decision on arbitrary input: no panic, the normal form is a fixed point,
//! the decision on the normal form equals the decision on the input, and `covers` agrees.
#![no_main]
use beian::domain::{Rules, covers, normalize};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let rules = Rules::shared();
    let Ok(host) = normalize(input) else {
        assert!(rules.decide(input).is_err());
        return;
    };
    let again = normalize(host.as_str()).expect("normal form normalises");
    assert_eq!(again.as_str(), host.as_str(), "not idempotent: {input:?}");
    let d1 = rules.decide(input).expect("normalised, so decidable");
    let d2 = rules.decide(host.as_str()).expect("normal form decidable");
    assert_eq!(d1.website(), d2.website());
    assert_eq!(d1.app(), d2.app());
    assert_eq!(d1.reason(), d2.reason());
    assert_eq!(d1.registrable(), d2.registrable());
    if let Some(w) = d1.website() {
        assert!(host.as_str().ends_with(w));
        assert!(covers(w, input), "{w} should cover {input:?}");
    }
    let _ = d1.explain();
    let _ = d1.explain_zh();
    let _ = host.to_unicode();
});
