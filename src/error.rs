//! The error returned for input that is not a filing or licence number.

use std::fmt;

/// Why an input is not a valid number, and where.
///
/// One small `Copy` value: a machine-readable [`ErrorKind`] and the byte offset into the
/// original input of the character the problem was found at. [`Display`](fmt::Display) gives
/// the English message, [`message_zh`](Error::message_zh) the Chinese one.
///
/// ```
/// let err = beian::validate_number("京ICP备1101876号x").unwrap_err();
/// assert_eq!(err.offset(), 19);
/// assert_eq!(err.to_string(), "unexpected character 'x' after the number");
/// assert_eq!(err.message_zh().to_string(), "编号后有多余字符“x”");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{kind}")]
pub struct Error {
    kind: ErrorKind,
    offset: usize,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, offset: usize) -> Error {
        Error { kind, offset }
    }
    /// What is wrong.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }
    /// Byte offset into the input of the character where the problem was found.
    pub fn offset(&self) -> usize {
        self.offset
    }
    /// The message in Chinese, for registration forms.
    pub fn message_zh(&self) -> impl fmt::Display + '_ {
        Zh(self.kind)
    }
}

/// A machine-readable reason; see each variant for its English message.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ErrorKind {
    /// Nothing but white space.
    #[error("empty input")]
    Empty,
    /// A character that cannot stand here.
    #[error("unexpected character '{found}' while parsing {expected}")]
    UnexpectedChar {
        /// The character found.
        found: char,
        /// The part of the number being read.
        expected: Part,
    },
    /// The input ends too early.
    #[error("unexpected end of input while parsing {expected}")]
    UnexpectedEnd {
        /// The part of the number being read.
        expected: Part,
    },
    /// Text after a complete number.
    #[error("unexpected character '{0}' after the number")]
    Trailing(char),
    /// The first character is no province MIIT knows.
    #[error("unknown province character '{0}'")]
    UnknownProvince(char),
    /// A hand-typed variant of a province character (`川` for `蜀`); the fix is `official`.
    #[error("province character '{found}' is a variant, the official character is '{official}'")]
    ProvinceVariant {
        /// The character written.
        found: char,
        /// The character MIIT uses.
        official: char,
    },
    /// `港`, `澳`, `台`: there is no filing regime outside the mainland.
    #[error("'{0}' is not a mainland province, filing numbers exist only in mainland China")]
    NotMainland(char),
    /// A joke prefix (`萌ICP备`).
    #[error("'{0}' marks a joke number, not a real filing")]
    Joke(char),
    /// A digit run of a length that real numbers never have.
    #[error("{part} has {len} digits, expected {expected}")]
    DigitCount {
        /// The part of the number.
        part: Part,
        /// Digits found (at most 99 counted).
        len: u8,
        /// The lengths that occur, in words.
        expected: &'static str,
    },
    /// The year a serial encodes lies in the future.
    #[error("serial year {0} is in the future")]
    FutureYear(u16),
    /// The year a serial encodes lies before filing began (2000).
    #[error("serial year {0} is before filing began in 2000")]
    EarlyYear(u16),
    /// Site number `0`.
    #[error("site number must not be 0")]
    SiteZero,
    /// Site number with a leading zero (`-01`).
    #[error("site number must not start with '0'")]
    SiteLeadingZero,
    /// A service letter other than `A` (app) or `X` (mini program).
    #[error("unknown service letter '{0}' after the site number, expected 'A' or 'X'")]
    UnknownService(char),
    /// A public-security number whose division code is no mainland province.
    #[error("division code {0:02} of the public-security number is no mainland province")]
    UnknownDivision(u8),
}

impl ErrorKind {
    /// A stable snake_case name for the kind (`unexpected_char`), for JSON and logs.
    pub fn code(&self) -> &'static str {
        match self {
            ErrorKind::Empty => "empty",
            ErrorKind::UnexpectedChar { .. } => "unexpected_char",
            ErrorKind::UnexpectedEnd { .. } => "unexpected_end",
            ErrorKind::Trailing(_) => "trailing",
            ErrorKind::UnknownProvince(_) => "unknown_province",
            ErrorKind::ProvinceVariant { .. } => "province_variant",
            ErrorKind::NotMainland(_) => "not_mainland",
            ErrorKind::Joke(_) => "joke",
            ErrorKind::DigitCount { .. } => "digit_count",
            ErrorKind::FutureYear(_) => "future_year",
            ErrorKind::EarlyYear(_) => "early_year",
            ErrorKind::SiteZero => "site_zero",
            ErrorKind::SiteLeadingZero => "site_leading_zero",
            ErrorKind::UnknownService(_) => "unknown_service",
            ErrorKind::UnknownDivision(_) => "unknown_division",
        }
    }
}

/// The part of a number a parser was reading when it failed.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// The first character: a province, `合字`, or a licence category.
    Start,
    /// What follows the province: `ICP`, `公网安备` or a licence category.
    Keyword,
    /// `备` or `证` after `ICP`.
    IcpType,
    /// The serial digits of an ICP number.
    Serial,
    /// A licence category (`B2`, `A1`, ...).
    Category,
    /// The digits of a licence.
    LicenceSerial,
    /// The digits of a public-security filing.
    PsbDigits,
    /// The site number after `-`.
    Site,
}

impl Part {
    fn en(self) -> &'static str {
        match self {
            Part::Start => "province character",
            Part::Keyword => "'ICP', '公网安备' or licence category",
            Part::IcpType => "'备' or '证' after 'ICP'",
            Part::Serial => "serial number",
            Part::Category => "licence category",
            Part::LicenceSerial => "licence number",
            Part::PsbDigits => "public-security number",
            Part::Site => "site number",
        }
    }
    fn zh(self) -> &'static str {
        match self {
            Part::Start => "省份简称",
            Part::Keyword => "“ICP”、“公网安备”或许可证类别",
            Part::IcpType => "“ICP”后的“备”或“证”",
            Part::Serial => "备案序号",
            Part::Category => "许可证类别",
            Part::LicenceSerial => "许可证编号",
            Part::PsbDigits => "公安备案编号",
            Part::Site => "网站序号",
        }
    }
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.en())
    }
}

struct Zh(ErrorKind);

impl fmt::Display for Zh {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            ErrorKind::Empty => write!(f, "输入为空"),
            ErrorKind::UnexpectedChar { found, expected } => {
                write!(f, "解析{}时遇到意外字符“{found}”", expected.zh())
            }
            ErrorKind::UnexpectedEnd { expected } => {
                write!(f, "解析{}时输入意外结束", expected.zh())
            }
            ErrorKind::Trailing(c) => write!(f, "编号后有多余字符“{c}”"),
            ErrorKind::UnknownProvince(c) => write!(f, "未知的省份简称“{c}”"),
            ErrorKind::ProvinceVariant { found, official } => {
                write!(f, "省份简称“{found}”不规范，应为“{official}”")
            }
            ErrorKind::NotMainland(c) => write!(f, "“{c}”不属于中国大陆，没有备案编号"),
            ErrorKind::Joke(c) => write!(f, "“{c}”开头的是玩笑编号，不是真实备案"),
            ErrorKind::DigitCount {
                part,
                len,
                expected,
            } => write!(
                f,
                "{}为{len}位数字，应为{}",
                part.zh(),
                expected_zh(expected)
            ),
            ErrorKind::FutureYear(y) => write!(f, "序号中的年份{y}晚于今年"),
            ErrorKind::EarlyYear(y) => write!(f, "序号中的年份{y}早于2000年备案制度开始"),
            ErrorKind::SiteZero => write!(f, "网站序号不能为0"),
            ErrorKind::SiteLeadingZero => write!(f, "网站序号不能以0开头"),
            ErrorKind::UnknownService(c) => {
                write!(f, "网站序号后的服务字母“{c}”未知，应为“A”或“X”")
            }
            ErrorKind::UnknownDivision(c) => {
                write!(f, "公安备案编号的行政区划代码{c:02}不属于中国大陆省份")
            }
        }
    }
}

/// The expected-length phrases used by the parsers, in Chinese.
fn expected_zh(en: &'static str) -> &'static str {
    match en {
        SERIAL_LENGTHS => "6、7、8或10位",
        CERT_LENGTHS => "6或7位",
        LICENCE_LENGTHS => "8位",
        PSB_LENGTHS => "12至14位",
        SITE_LENGTHS => "1至4位",
        _ => en,
    }
}

pub(crate) const SERIAL_LENGTHS: &str = "6, 7, 8 or 10";
pub(crate) const CERT_LENGTHS: &str = "6 or 7";
pub(crate) const LICENCE_LENGTHS: &str = "8";
pub(crate) const PSB_LENGTHS: &str = "12 to 14";
pub(crate) const SITE_LENGTHS: &str = "1 to 4";
