//! The inputs of the `validate_number` benchmarks (`parse.rs`, `parse_pairs.rs`) and the
//! regular expression they are compared with.

/// What a registration form sees: mostly clean valid numbers, some typed with spaces or
/// full-width forms, some invalid.
pub const INPUTS: &[&str] = &[
    "京ICP备11018762号",
    "京ICP备11018762号-1",
    "粤ICP备2023023087号-1X",
    "蜀ICP备19011193号-6",
    "滇ICP备2020009854号",
    "沪ICP备16027065号-2",
    "浙B2-20080224",
    "粤B2-20090059-1626X",
    "京ICP证030173号",
    "京公网安备11010502030143号",
    "豫ICP备2026018839号-1",
    "京ICP备 12032080号-2",
    "粤ＩＣＰ备１２３４５６７８号",
    "川ICP备19011193号",
    "京ICP备2022xxxxxx号",
    "京ICP备123456789号",
    "京ICP备11018762号-0",
    "hello world",
    "萌ICP备20205201号",
    "京ICP备11018762号x",
];

/// The same language as an anchored regular expression (ICP record, ICP证, licence, PSB;
/// variants, spaces and full-width forms as in `../shared/bench/baseline.re`).
pub const PATTERN: &str = r"^[\s\u3000]*(?:[京津冀晋蒙辽吉黑沪滬苏浙皖闽赣鲁豫鄂湘粤粵桂琼渝蜀黔滇藏陕陇青宁新川贵云甘](?:[\s\u3000]*(?:ICP|icp|ＩＣＰ)[\s\u3000]*[备備证證][\s\u3000]*(?:[0-9０-９]{6,8}|[0-9０-９]{10})|(?:[AB][12]\.)*[AB][12][-－][0-9]{8}|公网安备[\s\u3000:：]*[0-9]{12,14})|合字(?:[AB][12]\.)*[AB][12][-－][0-9]{8})[\s\u3000]*(?:[号號][\s\u3000]*)?(?:[-－—_][\s\u3000]*[1-9][0-9]{0,3}[AX]?[\s\u3000]*)?(?:[号號])?[\s\u3000]*$";

/// The regex, with a check that it and `validate_number` agree on every input (they differ
/// only on `川…`: the regex accepts the variant character, `validate_number` names the fix),
/// or the comparison means nothing.
pub fn regex() -> regex::Regex {
    let re = regex::Regex::new(PATTERN).expect("the pattern compiles");
    for s in INPUTS {
        assert_eq!(
            re.is_match(s),
            beian::is_valid(s) || s.starts_with('川'),
            "{s}"
        );
    }
    re
}
