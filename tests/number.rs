//! `validate_number`: accept/reject tables with exact parts, messages and offsets.

use beian::{ErrorKind, Form, Kind, Part, Warning, validate_number};

/// input, canonical, form, kind, province code (0: none), serial, year (0: none), site, service
type Row = (
    &'static str,
    &'static str,
    Form,
    Kind,
    u8,
    &'static str,
    u16,
    &'static str,
    &'static str,
);

const ACCEPT: &[Row] = &[
    // Every example of the spec's families table.
    (
        "京ICP备11018762号",
        "京ICP备11018762号",
        Form::IcpRecord,
        Kind::Entity,
        11,
        "11018762",
        2011,
        "",
        "",
    ),
    (
        "京ICP备123456号-1",
        "京ICP备123456号-1",
        Form::IcpRecord,
        Kind::Site,
        11,
        "123456",
        2012,
        "1",
        "",
    ),
    (
        "京ICP备02000001号-2A",
        "京ICP备02000001号-2A",
        Form::IcpRecord,
        Kind::App,
        11,
        "02000001",
        2002,
        "2",
        "A",
    ),
    (
        "皖ICP备2023023087号-1X",
        "皖ICP备2023023087号-1X",
        Form::IcpRecord,
        Kind::MiniProgram,
        34,
        "2023023087",
        2023,
        "1",
        "X",
    ),
    (
        "粤B2-20090059",
        "粤B2-20090059",
        Form::TelecomLicence,
        Kind::Entity,
        44,
        "20090059",
        2009,
        "",
        "",
    ),
    (
        "合字B2-20190051",
        "合字B2-20190051",
        Form::TelecomLicence,
        Kind::Entity,
        0,
        "20190051",
        2019,
        "",
        "",
    ),
    (
        "B2-20090028",
        "B2-20090028",
        Form::TelecomLicence,
        Kind::Entity,
        0,
        "20090028",
        2009,
        "",
        "",
    ),
    (
        "B1.B2-20150233",
        "B1.B2-20150233",
        Form::TelecomLicence,
        Kind::Entity,
        0,
        "20150233",
        2015,
        "",
        "",
    ),
    (
        "B2-2004-0851",
        "B2-20040851",
        Form::TelecomLicence,
        Kind::Entity,
        0,
        "20040851",
        2004,
        "",
        "",
    ),
    (
        "粤B2-20090059-1",
        "粤B2-20090059-1",
        Form::TelecomLicence,
        Kind::Site,
        44,
        "20090059",
        2009,
        "1",
        "",
    ),
    (
        "粤B2-20090059-1626X",
        "粤B2-20090059-1626X",
        Form::TelecomLicence,
        Kind::MiniProgram,
        44,
        "20090059",
        2009,
        "1626",
        "X",
    ),
    (
        "京ICP证030173号",
        "京ICP证030173号",
        Form::IcpLicence,
        Kind::Entity,
        11,
        "030173",
        2003,
        "",
        "",
    ),
    (
        "京ICP证030173号-1",
        "京ICP证030173号-1",
        Form::IcpLicence,
        Kind::Site,
        11,
        "030173",
        2003,
        "1",
        "",
    ),
    (
        "京公网安备11010502030143号",
        "京公网安备11010502030143号",
        Form::Psb,
        Kind::Psb,
        11,
        "11010502030143",
        0,
        "",
        "",
    ),
    (
        "京公网安备110105000694",
        "京公网安备110105000694号",
        Form::Psb,
        Kind::Psb,
        11,
        "110105000694",
        0,
        "",
        "",
    ),
    (
        "A2.B1.B2-20090003",
        "A2.B1.B2-20090003",
        Form::TelecomLicence,
        Kind::Entity,
        0,
        "20090003",
        2009,
        "",
        "",
    ),
    (
        "沪B2.B1-20090003",
        "沪B1.B2-20090003",
        Form::TelecomLicence,
        Kind::Entity,
        31,
        "20090003",
        2009,
        "",
        "",
    ),
    // Serial lengths.
    (
        "京ICP备030066号",
        "京ICP备030066号",
        Form::IcpRecord,
        Kind::Entity,
        11,
        "030066",
        2003,
        "",
        "",
    ),
    (
        "陕ICP备040096号",
        "陕ICP备040096号",
        Form::IcpRecord,
        Kind::Entity,
        61,
        "040096",
        2004,
        "",
        "",
    ),
    (
        "京ICP备0507962号",
        "京ICP备0507962号",
        Form::IcpRecord,
        Kind::Entity,
        11,
        "0507962",
        2005,
        "",
        "",
    ),
    (
        "蜀ICP备19011193号-6",
        "蜀ICP备19011193号-6",
        Form::IcpRecord,
        Kind::Site,
        51,
        "19011193",
        2019,
        "6",
        "",
    ),
    (
        "滇ICP备2020009854号",
        "滇ICP备2020009854号",
        Form::IcpRecord,
        Kind::Entity,
        53,
        "2020009854",
        2020,
        "",
        "",
    ),
    // How people type and paste.
    (
        "  京ICP备 12032080号-2 ",
        "京ICP备12032080号-2",
        Form::IcpRecord,
        Kind::Site,
        11,
        "12032080",
        2012,
        "2",
        "",
    ),
    (
        "蜀 ICP 备 2024088070 号",
        "蜀ICP备2024088070号",
        Form::IcpRecord,
        Kind::Entity,
        51,
        "2024088070",
        2024,
        "",
        "",
    ),
    (
        "粤ＩＣＰ备１２３４５６７９号－１０",
        "粤ICP备12345679号-10",
        Form::IcpRecord,
        Kind::Site,
        44,
        "12345679",
        2012,
        "10",
        "",
    ),
    (
        "京ICP備19006430號",
        "京ICP备19006430号",
        Form::IcpRecord,
        Kind::Entity,
        11,
        "19006430",
        2019,
        "",
        "",
    ),
    (
        "滬ICP備16027065號-2",
        "沪ICP备16027065号-2",
        Form::IcpRecord,
        Kind::Site,
        31,
        "16027065",
        2016,
        "2",
        "",
    ),
    (
        "新ICP备07002316",
        "新ICP备07002316号",
        Form::IcpRecord,
        Kind::Entity,
        65,
        "07002316",
        2007,
        "",
        "",
    ),
    (
        "滇ICP备09010050-5号",
        "滇ICP备09010050号-5",
        Form::IcpRecord,
        Kind::Site,
        53,
        "09010050",
        2009,
        "5",
        "",
    ),
    (
        "京ICP备11018762号—1",
        "京ICP备11018762号-1",
        Form::IcpRecord,
        Kind::Site,
        11,
        "11018762",
        2011,
        "1",
        "",
    ),
    (
        "京ICP备11018762号_1",
        "京ICP备11018762号-1",
        Form::IcpRecord,
        Kind::Site,
        11,
        "11018762",
        2011,
        "1",
        "",
    ),
    (
        "京ICP备11018762号.",
        "京ICP备11018762号",
        Form::IcpRecord,
        Kind::Entity,
        11,
        "11018762",
        2011,
        "",
        "",
    ),
    (
        "京icp备11018762号",
        "京ICP备11018762号",
        Form::IcpRecord,
        Kind::Entity,
        11,
        "11018762",
        2011,
        "",
        "",
    ),
    (
        "沪公网安备：31010402333815号",
        "沪公网安备31010402333815号",
        Form::Psb,
        Kind::Psb,
        31,
        "31010402333815",
        0,
        "",
        "",
    ),
    (
        "渝公网安备 50019002503055 号",
        "渝公网安备50019002503055号",
        Form::Psb,
        Kind::Psb,
        50,
        "50019002503055",
        0,
        "",
        "",
    ),
    (
        "川公网安备51019002004444号",
        "川公网安备51019002004444号",
        Form::Psb,
        Kind::Psb,
        51,
        "51019002004444",
        0,
        "",
        "",
    ),
    (
        "公安备案号11010502030143",
        "京公网安备11010502030143号",
        Form::Psb,
        Kind::Psb,
        11,
        "11010502030143",
        0,
        "",
        "",
    ),
    // Labels that lie: the shape decides.
    (
        "京ICP证B2-20171701号",
        "京B2-20171701",
        Form::TelecomLicence,
        Kind::Entity,
        11,
        "20171701",
        2017,
        "",
        "",
    ),
];

#[test]
fn accepts_every_real_format_with_its_parts() {
    for &(input, canonical, form, kind, code, serial, year, site, service) in ACCEPT {
        let n = validate_number(input).unwrap_or_else(|e| panic!("{input}: {e}"));
        assert_eq!(n.to_string(), canonical, "{input}");
        assert_eq!(n.form(), form, "{input}");
        assert_eq!(n.kind(), kind, "{input}");
        assert_eq!(n.province().map_or(0, |p| p.code()), code, "{input}");
        assert_eq!(n.serial(), serial, "{input}");
        assert_eq!(n.cdn_digits(), serial, "{input}");
        assert_eq!(n.year().unwrap_or(0), year, "{input}");
        assert_eq!(n.site().unwrap_or(""), site, "{input}");
        assert_eq!(
            n.service().map(String::from).unwrap_or_default(),
            service,
            "{input}"
        );
        let again = validate_number(canonical).unwrap();
        assert_eq!(again, n, "{input}: canonical text reads back equal");
    }
}

#[test]
fn clean_input_is_borrowed() {
    let input = String::from("京ICP备11018762号-1");
    let n = validate_number(&input).unwrap();
    let range = input.as_bytes().as_ptr_range();
    assert!(range.contains(&n.serial().as_ptr()));
    assert!(range.contains(&n.site().unwrap().as_ptr()));
    // Spaces around the digits do not force a copy of them.
    let input = String::from(" 京ICP备 11018762 号 - 1");
    let n = validate_number(&input).unwrap();
    assert!(
        input
            .as_bytes()
            .as_ptr_range()
            .contains(&n.serial().as_ptr())
    );
}

#[test]
fn cdn_digit_form() {
    let cases = [
        ("京ICP备123456号", "123456"),
        ("粤B2-20090059-1", "20090059"),
        ("京ICP证030173号", "030173"),
        ("蜀ICP备2024088070号-3A", "2024088070"),
    ];
    for (input, digits) in cases {
        assert_eq!(validate_number(input).unwrap().cdn_digits(), digits);
    }
}

/// input, kind, offset, English message, Chinese message
const REJECT: &[(&str, ErrorKind, usize, &str, &str)] = &[
    ("", ErrorKind::Empty, 0, "empty input", "输入为空"),
    ("   ", ErrorKind::Empty, 3, "empty input", "输入为空"),
    (
        "川ICP备19011193号",
        ErrorKind::ProvinceVariant {
            found: '川',
            official: '蜀',
        },
        0,
        "province character '川' is a variant, the official character is '蜀'",
        "省份简称“川”不规范，应为“蜀”",
    ),
    (
        " 贵ICP备19011193号",
        ErrorKind::ProvinceVariant {
            found: '贵',
            official: '黔',
        },
        1,
        "province character '贵' is a variant, the official character is '黔'",
        "省份简称“贵”不规范，应为“黔”",
    ),
    (
        "秦ICP备19011193号",
        ErrorKind::ProvinceVariant {
            found: '秦',
            official: '陕',
        },
        0,
        "province character '秦' is a variant, the official character is '陕'",
        "省份简称“秦”不规范，应为“陕”",
    ),
    (
        "港ICP证030173号",
        ErrorKind::NotMainland('港'),
        0,
        "'港' is not a mainland province, filing numbers exist only in mainland China",
        "“港”不属于中国大陆，没有备案编号",
    ),
    (
        "萌ICP备20205201号",
        ErrorKind::Joke('萌'),
        0,
        "'萌' marks a joke number, not a real filing",
        "“萌”开头的是玩笑编号，不是真实备案",
    ),
    (
        "鸡ICP备20205201号",
        ErrorKind::UnknownProvince('鸡'),
        0,
        "unknown province character '鸡'",
        "未知的省份简称“鸡”",
    ),
    (
        "ICP备20205201号",
        ErrorKind::UnexpectedChar {
            found: 'I',
            expected: Part::Start,
        },
        0,
        "unexpected character 'I' while parsing province character",
        "解析省份简称时遇到意外字符“I”",
    ),
    (
        "京ICQ备20205201号",
        ErrorKind::UnexpectedChar {
            found: 'I',
            expected: Part::Keyword,
        },
        3,
        "unexpected character 'I' while parsing 'ICP', '公网安备' or licence category",
        "解析“ICP”、“公网安备”或许可证类别时遇到意外字符“I”",
    ),
    (
        "京ICP案20205201号",
        ErrorKind::UnexpectedChar {
            found: '案',
            expected: Part::IcpType,
        },
        6,
        "unexpected character '案' while parsing '备' or '证' after 'ICP'",
        "解析“ICP”后的“备”或“证”时遇到意外字符“案”",
    ),
    (
        "京ICP备",
        ErrorKind::UnexpectedEnd {
            expected: Part::Serial,
        },
        9,
        "unexpected end of input while parsing serial number",
        "解析备案序号时输入意外结束",
    ),
    (
        "京ICP备2022xxxxxx号",
        ErrorKind::DigitCount {
            part: Part::Serial,
            len: 4,
            expected: "6, 7, 8 or 10",
        },
        9,
        "serial number has 4 digits, expected 6, 7, 8 or 10",
        "备案序号为4位数字，应为6、7、8或10位",
    ),
    (
        "京ICP备123456789号",
        ErrorKind::DigitCount {
            part: Part::Serial,
            len: 9,
            expected: "6, 7, 8 or 10",
        },
        9,
        "serial number has 9 digits, expected 6, 7, 8 or 10",
        "备案序号为9位数字，应为6、7、8或10位",
    ),
    (
        "京ICP备2099000001号",
        ErrorKind::FutureYear(2099),
        9,
        "serial year 2099 is in the future",
        "序号中的年份2099晚于今年",
    ),
    (
        "京ICP备1999000001号",
        ErrorKind::EarlyYear(1999),
        9,
        "serial year 1999 is before filing began in 2000",
        "序号中的年份1999早于2000年备案制度开始",
    ),
    (
        "京ICP备11018762号-0",
        ErrorKind::SiteZero,
        21,
        "site number must not be 0",
        "网站序号不能为0",
    ),
    (
        "京ICP备11018762号-01",
        ErrorKind::SiteLeadingZero,
        21,
        "site number must not start with '0'",
        "网站序号不能以0开头",
    ),
    (
        "京ICP备11018762号-1Q",
        ErrorKind::UnknownService('Q'),
        22,
        "unknown service letter 'Q' after the site number, expected 'A' or 'X'",
        "网站序号后的服务字母“Q”未知，应为“A”或“X”",
    ),
    (
        "京ICP备11018762号-",
        ErrorKind::UnexpectedEnd {
            expected: Part::Site,
        },
        21,
        "unexpected end of input while parsing site number",
        "解析网站序号时输入意外结束",
    ),
    (
        "京ICP备11018762号x",
        ErrorKind::Trailing('x'),
        20,
        "unexpected character 'x' after the number",
        "编号后有多余字符“x”",
    ),
    (
        "京ICP备 11018762 号 x",
        ErrorKind::Trailing('x'),
        23,
        "unexpected character 'x' after the number",
        "编号后有多余字符“x”",
    ),
    (
        "粤B2-2009005",
        ErrorKind::DigitCount {
            part: Part::LicenceSerial,
            len: 7,
            expected: "8",
        },
        6,
        "licence number has 7 digits, expected 8",
        "许可证编号为7位数字，应为8位",
    ),
    (
        "粤B3-20090059",
        ErrorKind::UnexpectedChar {
            found: 'B',
            expected: Part::Keyword,
        },
        3,
        "unexpected character 'B' while parsing 'ICP', '公网安备' or licence category",
        "解析“ICP”、“公网安备”或许可证类别时遇到意外字符“B”",
    ),
    (
        "粤B2 20090059",
        ErrorKind::UnexpectedChar {
            found: '2',
            expected: Part::LicenceSerial,
        },
        6,
        "unexpected character '2' while parsing licence number",
        "解析许可证编号时遇到意外字符“2”",
    ),
    (
        "京公网安备11010502030号",
        ErrorKind::DigitCount {
            part: Part::PsbDigits,
            len: 11,
            expected: "12 to 14",
        },
        15,
        "public-security number has 11 digits, expected 12 to 14",
        "公安备案编号为11位数字，应为12至14位",
    ),
    (
        "京公网安备110105020301431号",
        ErrorKind::DigitCount {
            part: Part::PsbDigits,
            len: 15,
            expected: "12 to 14",
        },
        15,
        "public-security number has 15 digits, expected 12 to 14",
        "公安备案编号为15位数字，应为12至14位",
    ),
    (
        "公安备案号99010502030143",
        ErrorKind::UnknownDivision(99),
        15,
        "division code 99 of the public-security number is no mainland province",
        "公安备案编号的行政区划代码99不属于中国大陆省份",
    ),
    (
        "京ＩＣＰ备１２３号",
        ErrorKind::DigitCount {
            part: Part::Serial,
            len: 3,
            expected: "6, 7, 8 or 10",
        },
        15,
        "serial number has 3 digits, expected 6, 7, 8 or 10",
        "备案序号为3位数字，应为6、7、8或10位",
    ),
];

#[test]
fn rejects_with_exact_kind_offset_and_messages() {
    for &(input, kind, offset, en, zh) in REJECT {
        let err = validate_number(input).expect_err(input);
        assert_eq!(err.kind(), kind, "{input}");
        assert_eq!(err.offset(), offset, "{input}");
        assert_eq!(err.to_string(), en, "{input}");
        assert_eq!(err.message_zh().to_string(), zh, "{input}");
    }
}

#[test]
fn offsets_are_char_boundaries_of_the_input() {
    // The offending character is where the offset says, in the original input.
    for &(input, _, offset, _, _) in REJECT {
        assert!(input.is_char_boundary(offset), "{input}");
    }
}

#[test]
fn placeholders_are_flagged_not_rejected() {
    for p in [
        "京ICP备04000001号",
        "京ICP备12345678号",
        "京ICP备00000000号",
        "粤ICP备88888888号-1",
        "京ICP证1000001号",
        "晋ICP备10000000号-2",
        "京ICP备18888888号-1",
        "京公网安备11010502000000号",
        "黑公网安备5000000000000号",
    ] {
        let n = validate_number(p).unwrap_or_else(|e| panic!("{p}: {e}"));
        assert!(n.is_placeholder(), "{p}");
    }
    for real in [
        "京ICP备11018762号",
        "京公网安备11000002000001号",
        "沪ICP备04000001号",
        "京ICP备10000001号",
        "粤公网安备44030002000001号",
    ] {
        assert!(!validate_number(real).unwrap().is_placeholder(), "{real}");
    }
}

#[test]
fn psb_code_mismatch_is_a_warning() {
    let n = validate_number("浙公网安备 11010802020134号").unwrap();
    assert_eq!(n.province().unwrap().code(), 33);
    assert_eq!(
        n.warnings().iter().collect::<Vec<_>>(),
        [Warning::PsbCodeMismatch]
    );
    assert!(
        validate_number("京公网安备11010802020134号")
            .unwrap()
            .warnings()
            .is_empty()
    );
}

#[test]
fn owned_twin_parses_and_agrees() {
    let owned: beian::OwnedNumber = "粤B2-20090059-1626X".parse().unwrap();
    let borrowed = validate_number("粤B2-20090059-1626X").unwrap();
    assert_eq!(owned, borrowed);
    assert_eq!(owned.to_string(), borrowed.to_string());
    assert!("粤B2-2009".parse::<beian::OwnedNumber>().is_err());
}

#[cfg(feature = "serde")]
#[test]
fn serde_round_trip() {
    let n: beian::OwnedNumber = "京ICP备11018762号-1".parse().unwrap();
    let json = serde_json::to_string(&n).unwrap();
    assert_eq!(json, "\"京ICP备11018762号-1\"");
    let back: beian::OwnedNumber = serde_json::from_str("\"京ICP備11018762號—1\"").unwrap();
    assert_eq!(back, n);
    assert!(serde_json::from_str::<beian::OwnedNumber>("\"京ICP备1号\"").is_err());
}
