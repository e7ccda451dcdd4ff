//! The number model: filing and licence numbers, their parts, and [`validate_number`].
//!
//! # Syntax
//!
//! After folding (white space dropped anywhere; full-width letters, digits and hyphens read
//! as ASCII; `—`, `–`, `_` read as `-`; traditional `備 號 證 網` read as `备 号 证 网`),
//! a number is one of:
//!
//! | form | syntax | example |
//! |---|---|---|
//! | ICP record | `{P}ICP备{serial}[号][-{site}[A\|X]][号]` | `京ICP备11018762号-1` |
//! | ICP licence (ICP证) | `{P}ICP证{6 digits}[号][-{site}]` | `京ICP证030173号` |
//! | telecom licence | `[{P}\|合字]{cats}-{8 digits}[号][-{site}[A\|X]]` | `粤B2-20090059-1626X` |
//! | public security | `{P}公网安备[:]{12-14 digits}[号]`, or `公安备案号{digits}` | `京公网安备11010502030143号` |
//!
//! `{P}` is a province character ([`Province`]); `{cats}` is one or more of `A1 A2 B1 B2`
//! joined by `.`; `{serial}` has 6, 7, 8 or 10 digits; `{site}` is 1 to 4 digits with no
//! leading zero. An ICP证 label around a licence (`京ICP证B2-20171701号`) is read as the
//! licence: the shape of the number decides, not its label. The old licence form
//! `B2-2004-0851` is read as `B2-20040851`.
//!
//! # Checks beyond syntax
//!
//! Facts (rejected): serial lengths other than 6, 7, 8, 10 (ICP备), 6 (ICP证; 7 only for a
//! known placeholder), 8 (licences) and 12 to 14 (public security) occur only in typos and
//! fakes; a year encoded in a 10-digit serial or a licence that lies in the future, or before
//! filing began (2000); site number 0 or with a leading zero; a service letter other than `A`
//! and `X` (the scanner accepts another capital letter with a warning); `港 澳 台` (no filing
//! regime) and joke prefixes (`萌ICP备`).
//!
//! Heuristics (flagged, never rejected): [`Number::is_placeholder`] for the examples that
//! templates ship; [`Warning::PsbCodeMismatch`] when a public-security number's division code
//! and its province character disagree (a cloned footer); the year of a 6, 7 or 8-digit serial
//! is read from its first two digits, a guess with no counter-example seen.

mod grammar;
mod province;

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

pub use province::Province;

pub(crate) use grammar::{Parts, parse};

/// Whether `c` can be the first character of a number read with a province (a province,
/// variant, fake, non-mainland or joke character: the grammar decides the rest).
pub(crate) fn can_lead(c: char) -> bool {
    province::lead(c) != province::Lead::Unknown
}

use crate::error::{Error, ErrorKind};
use crate::fold::{Folded, Markup};

/// The family a number belongs to, by its shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "snake_case")
)]
pub enum Form {
    /// An ICP filing (`京ICP备11018762号`), with or without a site number.
    IcpRecord,
    /// An old ICP licence (`京ICP证030173号`).
    IcpLicence,
    /// A value-added telecom licence (`粤B2-20090059`, `合字B2-…`, `B1.B2-…`).
    TelecomLicence,
    /// A public-security filing (`京公网安备11010502030143号`).
    Psb,
}

impl Form {
    /// `icp_record`, `icp_licence`, `telecom_licence` or `psb`.
    pub fn as_str(self) -> &'static str {
        match self {
            Form::IcpRecord => "icp_record",
            Form::IcpLicence => "icp_licence",
            Form::TelecomLicence => "telecom_licence",
            Form::Psb => "psb",
        }
    }
}

/// What the number identifies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "snake_case")
)]
pub enum Kind {
    /// The filer (主体): no site number.
    Entity,
    /// One of the filer's websites (`-1`).
    Site,
    /// An app (`-2A`).
    App,
    /// A mini program (`-1X`).
    MiniProgram,
    /// Another service letter (only from the lenient scanner; quick apps may use one).
    OtherService,
    /// A public-security filing.
    Psb,
}

impl Kind {
    /// `entity`, `site`, `app`, `mini_program`, `other_service` or `psb`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Entity => "entity",
            Kind::Site => "site",
            Kind::App => "app",
            Kind::MiniProgram => "mini_program",
            Kind::OtherService => "other_service",
            Kind::Psb => "psb",
        }
    }
}

/// The categories of a telecom licence, a set of `A1 A2 B1 B2`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Categories(u8);

impl Categories {
    /// Category A1 (basic telecom-like services).
    pub const A1: Categories = Categories(1);
    /// Category A2.
    pub const A2: Categories = Categories(2);
    /// Category B1.
    pub const B1: Categories = Categories(4);
    /// Category B2: information services, the "ICP licence".
    pub const B2: Categories = Categories(8);

    /// Whether every category of `other` is in `self`.
    pub fn contains(self, other: Categories) -> bool {
        self.0 & other.0 == other.0
    }
    /// Whether there is none (numbers that are no licence).
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

impl fmt::Display for Categories {
    /// Sorted and joined by dots: `A2.B1.B2`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for (bit, name) in [(1, "A1"), (2, "A2"), (4, "B1"), (8, "B2")] {
            if self.0 & bit != 0 {
                if !first {
                    f.write_str(".")?;
                }
                f.write_str(name)?;
                first = false;
            }
        }
        Ok(())
    }
}

/// Something doubtful about a number that is still accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Warning {
    /// Written with a variant province character (`川ICP备` for `蜀ICP备`); scanner only.
    ProvinceVariant,
    /// A public-security number whose division code is not its province's (a cloned footer).
    PsbCodeMismatch,
    /// A service letter other than `A` or `X`; scanner only.
    UnknownService,
}

impl Warning {
    /// `province_variant`, `psb_code_mismatch` or `unknown_service`.
    pub fn as_str(self) -> &'static str {
        match self {
            Warning::ProvinceVariant => "province_variant",
            Warning::PsbCodeMismatch => "psb_code_mismatch",
            Warning::UnknownService => "unknown_service",
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Warning::ProvinceVariant => "written with a variant province character",
            Warning::PsbCodeMismatch => "division code disagrees with the province character",
            Warning::UnknownService => "unknown service letter after the site number",
        })
    }
}

/// A set of [`Warning`]s.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Warnings(u8);

impl Warnings {
    pub(crate) const PROVINCE_VARIANT: Warnings = Warnings(1);
    pub(crate) const PSB_CODE_MISMATCH: Warnings = Warnings(2);
    pub(crate) const UNKNOWN_SERVICE: Warnings = Warnings(4);

    pub(crate) fn insert(&mut self, w: Warnings) {
        self.0 |= w.0;
    }
    /// Whether there is none.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    /// Whether `w` is in the set.
    pub fn contains(self, w: Warning) -> bool {
        self.iter().any(|x| x == w)
    }
    /// The warnings, in a fixed order.
    pub fn iter(self) -> impl Iterator<Item = Warning> {
        [
            (Warnings::PROVINCE_VARIANT, Warning::ProvinceVariant),
            (Warnings::PSB_CODE_MISMATCH, Warning::PsbCodeMismatch),
            (Warnings::UNKNOWN_SERVICE, Warning::UnknownService),
        ]
        .into_iter()
        .filter(move |(bit, _)| self.0 & bit.0 != 0)
        .map(|(_, w)| w)
    }
}

/// A filing or licence number, its parts borrowed from the text it was read from.
///
/// The parts are slices of the input where the input wrote them as plain ASCII digits, and
/// owned only where folding changed them (full-width digits, spaces inside). `Display` prints
/// the canonical text: ASCII digits, `号` present (none after licences), the official province
/// character, categories sorted. [`Number<'static>`](OwnedNumber) is the owned twin, made by
/// [`into_owned`](Number::into_owned) or [`FromStr`].
///
/// ```
/// use beian::{Form, Kind, validate_number};
///
/// let n = validate_number("皖ICP备2023023087号-1X").unwrap();
/// assert_eq!(n.form(), Form::IcpRecord);
/// assert_eq!(n.kind(), Kind::MiniProgram);
/// assert_eq!(n.province().unwrap().name(), "安徽");
/// assert_eq!((n.serial(), n.year(), n.site()), ("2023023087", Some(2023), Some("1")));
/// assert_eq!(n.cdn_digits(), "2023023087");
/// assert_eq!(n.to_string(), "皖ICP备2023023087号-1X");
///
/// let n = validate_number(" 粤ＩＣＰ备 12345678 號 — 3 ").unwrap();
/// assert_eq!(n.to_string(), "粤ICP备12345678号-3");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Number<'a> {
    form: Form,
    province: Option<Province>,
    foreign: bool,
    categories: Categories,
    serial: Cow<'a, str>,
    site: Option<Cow<'a, str>>,
    service: Option<char>,
}

/// A [`Number`] that owns its text.
pub type OwnedNumber = Number<'static>;

impl<'a> Number<'a> {
    /// Builds a number from parts read from `folded`; `borrow` turns a slice of `folded` into
    /// a slice of the caller's input when the two are equal.
    pub(crate) fn from_parts<'s>(
        parts: &Parts<'s>,
        borrow: impl Fn(&'s str) -> Option<&'a str>,
    ) -> Number<'a> {
        let text = |s: &'s str| match borrow(s) {
            Some(b) => Cow::Borrowed(b),
            None => Cow::Owned(s.to_owned()),
        };
        let serial = if parts.serial.len() == 9 && parts.form == Form::TelecomLicence {
            // The old form `2004-0851`.
            Cow::Owned(parts.serial.replace('-', ""))
        } else {
            text(parts.serial)
        };
        Number {
            form: parts.form,
            province: parts.province,
            foreign: parts.foreign,
            categories: parts.categories,
            serial,
            site: parts.site.map(text),
            service: parts.service,
        }
    }

    /// The family.
    pub fn form(&self) -> Form {
        self.form
    }

    /// What it identifies: the filer, a site, an app, a mini program, or a public-security
    /// filing.
    pub fn kind(&self) -> Kind {
        match (self.form, &self.site, self.service) {
            (Form::Psb, _, _) => Kind::Psb,
            (_, None, _) => Kind::Entity,
            (_, Some(_), None) => Kind::Site,
            (_, Some(_), Some('A')) => Kind::App,
            (_, Some(_), Some('X')) => Kind::MiniProgram,
            (_, Some(_), Some(_)) => Kind::OtherService,
        }
    }

    /// The province; `None` for cross-regional and foreign-invested (`合字`) licences.
    pub fn province(&self) -> Option<Province> {
        self.province
    }

    /// Whether this is a foreign-invested licence (`合字B2-…`).
    pub fn is_foreign_invested(&self) -> bool {
        self.foreign
    }

    /// A licence's categories (empty for other forms).
    pub fn categories(&self) -> Categories {
        self.categories
    }

    /// The serial digits: after `ICP备`/`ICP证`, a licence's eight digits, or all the digits
    /// of a public-security number.
    pub fn serial(&self) -> &str {
        &self.serial
    }

    /// The year the serial encodes: the first four digits of a 10-digit serial or a licence;
    /// 2000 plus the first two digits of a 6, 7 or 8-digit serial (a guess, see the module
    /// docs); `None` for public-security numbers.
    pub fn year(&self) -> Option<u16> {
        let d = self.serial.as_bytes();
        let two = || u16::from(d[0] - b'0') * 10 + u16::from(d[1] - b'0');
        match (self.form, d.len()) {
            (Form::Psb, _) => None,
            (Form::TelecomLicence, _) | (_, 10) => Some(grammar::year4(&self.serial)),
            _ => Some(2000 + two()).filter(|&y| y <= grammar::current_year()),
        }
    }

    /// The site number (`1` in `…号-1`), as written.
    pub fn site(&self) -> Option<&str> {
        self.site.as_deref()
    }

    /// The service letter after the site number: `A` for an app, `X` for a mini program.
    pub fn service(&self) -> Option<char> {
        self.service
    }

    /// The digits CDN providers ask for: `京ICP备123456号` gives `123456`, `粤B2-20090059-1`
    /// gives `20090059`, `京ICP证030173号` gives `030173`.
    pub fn cdn_digits(&self) -> &str {
        &self.serial
    }

    /// Whether this is a known placeholder rather than a real number (a heuristic): a serial of
    /// one repeated digit (`00000000`, `88888888`), one digit then a repeated one (`10000000`,
    /// `18888888`), or counting up (`12345678`); a public-security number whose last six
    /// digits, its serial within the police office, are all zero (`11010502000000`); and the
    /// examples templates ship (`京ICP备04000001号`, `京ICP证1000001号`). Every pattern here was
    /// seen as a template default or form hint in the corpus of `tests/corpus/numbers.tsv`.
    pub fn is_placeholder(&self) -> bool {
        let s: &str = &self.serial;
        let b = s.as_bytes();
        let repeated = b[1..].iter().all(|&d| d == b[1]);
        let counting = "1234567890".starts_with(s) || "0123456789".starts_with(s);
        let beijing = self.province.is_some_and(|p| p.code() == 11);
        let example = match self.form {
            Form::IcpRecord => beijing && s == "04000001",
            Form::IcpLicence => s == "1000001",
            Form::Psb => b[b.len() - 6..].iter().all(|&d| d == b'0'),
            Form::TelecomLicence => false,
        };
        repeated || counting || example
    }

    /// What is doubtful about the number itself: a public-security number whose division code
    /// disagrees with its province character, an unknown service letter.
    pub fn warnings(&self) -> Warnings {
        let mut w = Warnings::default();
        if self.form == Form::Psb {
            let b = self.serial.as_bytes();
            let code = (b[0] - b'0') * 10 + (b[1] - b'0');
            if self.province.map(|p| p.code()) != Some(code) {
                w.insert(Warnings::PSB_CODE_MISMATCH);
            }
        }
        if self.kind() == Kind::OtherService {
            w.insert(Warnings::UNKNOWN_SERVICE);
        }
        w
    }

    /// The same number, owning its text.
    pub fn into_owned(self) -> Number<'static> {
        Number {
            serial: Cow::Owned(self.serial.into_owned()),
            site: self.site.map(|s| Cow::Owned(s.into_owned())),
            ..self
        }
    }
}

impl fmt::Display for Number<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let icp = self.province.map(|p| p.icp_char());
        match (self.form, icp) {
            (Form::IcpRecord, Some(p)) => write!(f, "{p}ICP备{}号", self.serial)?,
            (Form::IcpLicence, Some(p)) => write!(f, "{p}ICP证{}号", self.serial)?,
            (Form::Psb, _) => {
                let p = self.province.map_or('?', |p| p.psb_char());
                return write!(f, "{p}公网安备{}号", self.serial);
            }
            _ => {
                if self.foreign {
                    f.write_str("合字")?;
                } else if let Some(p) = icp {
                    write!(f, "{p}")?;
                }
                write!(f, "{}-{}", self.categories, self.serial)?;
            }
        }
        if let Some(site) = &self.site {
            write!(f, "-{site}")?;
            if let Some(letter) = self.service {
                write!(f, "{letter}")?;
            }
        }
        Ok(())
    }
}

impl FromStr for Number<'static> {
    type Err = Error;
    /// [`validate_number`], then [`into_owned`](Number::into_owned).
    fn from_str(s: &str) -> Result<Self, Error> {
        validate_number(s).map(Number::into_owned)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Number<'_> {
    /// As its canonical text.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Number<'static> {
    /// From any text [`validate_number`] accepts.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// Characters [`crate::fold`] changes in plain text, besides those it drops.
fn needs_folding(s: &str) -> bool {
    let folds = |c: char| {
        matches!(c, '_' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe63}'
            | '\u{ff01}'..='\u{ff5e}' | '備' | '號' | '證' | '網')
            || is_space(c)
    };
    // Only characters with these first bytes can fold (ASCII controls, space and `_`; the
    // UTF-8 leads of the white space, dashes, full-width forms and traditional characters
    // above): the others are skipped without decoding.
    s.bytes().enumerate().any(|(i, x)| {
        (x <= b' '
            || x == b'_'
            || matches!(x, 0xc2 | 0xe1 | 0xe2 | 0xe3 | 0xe5 | 0xe7 | 0xe8 | 0xef))
            && s.get(i..).and_then(|t| t.chars().next()).is_some_and(folds)
    })
}

/// Reads the whole of `input` as one number, as a registration form would.
///
/// Accepts surrounding and inner white space (including `U+3000` and NBSP), full-width letters,
/// digits and hyphens, `—`/`_` before the site number, traditional `備 號 證`, a missing `号`,
/// the site number before `号`, and one trailing `.` or `。`. Anything else is an [`Error`]
/// naming what is wrong and the byte offset in `input` where it was found. A province variant
/// (`川ICP备`) is an error whose kind names the official character. The result borrows from
/// `input` (see [`Number`]). See the [module docs](crate::number) for the syntax and checks.
///
/// ```
/// use beian::{ErrorKind, validate_number};
///
/// let err = validate_number("川ICP备19011193号").unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::ProvinceVariant { found: '川', official: '蜀' });
/// assert_eq!(err.to_string(), "province character '川' is a variant, the official character is '蜀'");
/// assert_eq!(err.message_zh().to_string(), "省份简称“川”不规范，应为“蜀”");
/// ```
pub fn validate_number(input: &str) -> Result<Number<'_>, Error> {
    let (start, trimmed) = trim(input);
    match clean_record(trimmed) {
        Some(n) => Ok(n),
        None => validate_general(start, trimmed),
    }
}

/// [`validate_number`] by the general grammar, on trimmed input that starts at `start`.
fn validate_general(start: usize, trimmed: &str) -> Result<Number<'_>, Error> {
    // Clean input is read in place.
    let fast = parse(trimmed, false);
    if let Ok(parts) = &fast {
        if parts.len == trimmed.len() {
            return Ok(Number::from_parts(parts, Some));
        }
    }
    // Folding changes nothing up to the failure (and a little beyond, where the parser may
    // have looked ahead): the folded text would fail the same way.
    let settled = match fast {
        Ok(_) => trimmed,
        Err(fail) if matches!(fail.kind, ErrorKind::DigitCount { .. }) => trimmed,
        Err(fail) => {
            let mut end = (fail.at + 16).min(trimmed.len());
            while !trimmed.is_char_boundary(end) {
                end += 1;
            }
            &trimmed[..end]
        }
    };
    if !needs_folding(settled) {
        let fail = match fast {
            Ok(parts) => trailing(trimmed, parts.len),
            Err(fail) => fail.kind,
        };
        let at = match fast {
            Ok(parts) => parts.len,
            Err(fail) => fail.at,
        };
        return Err(Error::new(fail, start + at));
    }
    validate_folded(start, trimmed)
}

/// The commonest input, an ICP record written cleanly (`{P}ICP备{serial}[号][-{site}[A|X]]`,
/// official province character, ASCII digits), read without the general grammar. Anything
/// else, and every error, is left to [`parse`]; the two agree wherever this one answers
/// (tested on the corpora and by proptest).
fn clean_record(s: &str) -> Option<Number<'_>> {
    let c = s.get(..3)?.chars().next()?;
    let province::Lead::Official(province) = province::lead(c) else {
        return None;
    };
    let rest = s[3..].strip_prefix("ICP备")?;
    let n = rest.bytes().take_while(u8::is_ascii_digit).count();
    let (serial, mut rest) = rest.split_at(n);
    match n {
        6..=8 => {}
        10 => {
            let year = grammar::year4(serial);
            if !(2000..=grammar::current_year()).contains(&year) {
                return None;
            }
        }
        _ => return None,
    }
    let hao = rest.strip_prefix('号');
    rest = hao.unwrap_or(rest);
    let mut site = None;
    let mut service = None;
    if let Some(after) = rest.strip_prefix('-') {
        let m = after.bytes().take_while(u8::is_ascii_digit).count();
        if m == 0 || m > 4 || after.starts_with('0') {
            return None;
        }
        let (digits, after) = after.split_at(m);
        site = Some(Cow::Borrowed(digits));
        rest = after;
        if let Some(after) = rest.strip_prefix(['A', 'X']) {
            service = rest.chars().next();
            rest = after;
        }
        if hao.is_none() {
            rest = rest.strip_prefix('号').unwrap_or(rest);
        }
    }
    rest.is_empty().then_some(Number {
        form: Form::IcpRecord,
        province: Some(province),
        foreign: false,
        categories: Categories::default(),
        serial: Cow::Borrowed(serial),
        site,
        service,
    })
}

/// Drops surrounding white space and one final full stop; returns where the rest starts.
fn trim(input: &str) -> (usize, &str) {
    // Most input starts with a CJK character (lead byte 0xe4 to 0xe9) and ends with an ASCII
    // letter or digit, or 号 (last byte 0xb7): nothing to trim.
    let b = input.as_bytes();
    let clean_start = matches!(b.first(), Some(0xe4..=0xe9 | b'A' | b'B'));
    let clean_end = matches!(b.last(), Some(b'0'..=b'9' | b'A'..=b'Z' | 0xb7));
    if clean_start && clean_end {
        return (0, input);
    }
    let start = input.len() - input.trim_start_matches(is_space).len();
    let trimmed = input[start..].trim_end_matches(is_space);
    let trimmed = trimmed
        .strip_suffix(['.', '。'])
        .filter(|t| !t.is_empty())
        .unwrap_or(trimmed);
    (start, trimmed)
}

fn trailing(s: &str, at: usize) -> ErrorKind {
    ErrorKind::Trailing(s[at..].chars().next().unwrap_or(' '))
}

/// [`validate_number`] for input that needs folding: the parts are owned where folding
/// changed them.
fn validate_folded(start: usize, trimmed: &str) -> Result<Number<'_>, Error> {
    thread_local! {
        static FOLDED: std::cell::RefCell<Folded> = std::cell::RefCell::default();
    }
    FOLDED.with_borrow_mut(|folded| validate_in(folded, start, trimmed))
}

fn validate_in<'a>(
    folded: &mut Folded,
    start: usize,
    trimmed: &'a str,
) -> Result<Number<'a>, Error> {
    folded.fold(trimmed.as_bytes(), 0, trimmed.len(), Markup::Plain);
    let text = folded.text.as_str();
    let offset = |at: usize| start + folded.raw_offset(at, trimmed.len());
    match parse(text, false) {
        Ok(parts) if parts.len == text.len() => {
            let base = text.as_ptr() as usize;
            Ok(Number::from_parts(&parts, |s| {
                let at = s.as_ptr() as usize - base;
                let raw = folded.raw_span(at, at + s.len());
                trimmed.get(raw).filter(|r| *r == s)
            }))
        }
        Ok(parts) => Err(Error::new(trailing(text, parts.len), offset(parts.len))),
        Err(fail) => Err(Error::new(fail.kind, offset(fail.at))),
    }
}

/// Whether `input` is a valid number ([`validate_number`] without the number).
pub fn is_valid(input: &str) -> bool {
    validate_number(input).is_ok()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        /// Wherever the fast path answers, the general grammar gives the same number.
        #[test]
        fn clean_record_agrees_with_the_grammar(
            s in "[京沪粤蜀川滬港萌]ICP备[0-9]{5,11}号?(-[0-9]{0,5}[AXB]?号?)?[号x]?"
        ) {
            if let Some(n) = clean_record(&s) {
                prop_assert_eq!(Ok(n), validate_general(0, &s));
            }
        }
    }
}
