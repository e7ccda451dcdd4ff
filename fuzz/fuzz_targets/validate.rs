//! `validate_number` on arbitrary text: no panic; an error points at a character of the
//! input; a valid number's canonical text reads back as the same number.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    match beian::validate_number(s) {
        Ok(n) => {
            let canonical = n.to_string();
            let again = beian::validate_number(&canonical).expect("canonical text is valid");
            assert_eq!(again, n, "{s:?} -> {canonical}");
            assert_eq!(again.to_string(), canonical);
            let owned: beian::OwnedNumber = canonical.parse().unwrap();
            assert_eq!(owned, n);
        }
        Err(e) => assert!(s.is_char_boundary(e.offset()), "{s:?}: {}", e.offset()),
    }
});
