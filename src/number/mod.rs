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
mod text;

use std::fmt;
use std::str::FromStr;

pub use province::Province;

pub(crate) use grammar::{Parts, parse};
use text::Text;

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
/// copies only where folding changed them (full-width digits, spaces inside); a copy is kept
/// inside the value, so no number allocates. `Display` prints
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
    serial: Text<'a>,
    site: Option<Text<'a>>,
    service: Option<char>,
}

/// A [`Number`] that owns its text.
pub type OwnedNumber = Number<'static>;

impl<'a> Number<'a> {
    /// Builds a number from parts read from `folded`; `borrow` turns a slice of `folded` into
    /// a slice of the caller's input when the two are equal. Always inlined: out of line, the
    /// clean path of [`validate_number`] pays for a call and for passing the parts in memory.
    #[inline(always)]
    pub(crate) fn from_parts<'s>(
        parts: &Parts<'s>,
        borrow: impl Fn(&'s str) -> Option<&'a str>,
    ) -> Number<'a> {
        let text = |s: &'s str| match borrow(s) {
            Some(b) => Text::Borrowed(b),
            None => Text::copy(s),
        };
        let serial = if parts.serial.len() == 9 && parts.form == Form::TelecomLicence {
            // The old form `2004-0851`.
            Text::copy(&parts.serial.replace('-', ""))
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
            (Form::TelecomLicence, _) | (_, 10) => Some(grammar::year4(self.serial.as_bytes())),
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
            serial: self.serial.into_owned(),
            site: self.site.map(Text::into_owned),
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
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// Whether `s` holds a character [`crate::fold`] changes or drops in plain text: white space
/// it drops (ASCII, NBSP, U+2000 to U+200B, U+3000, U+FEFF), `_` and the dashes U+2010 to
/// U+2015, U+2212, U+FE63, the full-width forms U+FF01 to U+FF5E, `備 號 證 網`, and the
/// control characters and U+FFFD it turns into a break. Read by their UTF-8 forms: eight
/// bytes of plain ASCII at a time, then a character at a time by its lead byte (checked
/// against `fold::step` for every `char` in a unit test).
fn needs_folding(s: &str) -> bool {
    /// The bytes a foldable character can start with.
    static LEADS: [bool; 256] = {
        let mut t = [false; 256];
        let leads = [b'_', 0x7f, 0xc2, 0xe2, 0xe3, 0xe5, 0xe7, 0xe8, 0xef];
        let mut i = 0;
        while i < leads.len() {
            t[leads[i] as usize] = true;
            i += 1;
        }
        // ASCII controls and space (U+0000 stands for itself: it is the break).
        let mut c = 1;
        while c <= 0x20 {
            t[c] = true;
            c += 1;
        }
        t
    };
    let b = s.as_bytes();
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    let folds = |i: usize, x: u8| match x {
        0xc2 => at(i + 1) == 0xa0,
        0xe2..=0xef => matches!(
            (x, at(i + 1), at(i + 2)),
            (0xe2, 0x80, 0x80..=0x8b | 0x90..=0x95)
                | (0xe2, 0x88, 0x92)
                | (0xe3, 0x80, 0x80)
                | (0xe5, 0x82, 0x99)
                | (0xe7, 0xb6, 0xb2)
                | (0xe8, 0x99, 0x9f)
                | (0xe8, 0xad, 0x89)
                | (0xef, 0xb9, 0xa3)
                | (0xef, 0xbb, 0xbf)
                | (0xef, 0xbc, 0x81..=0xbf)
                | (0xef, 0xbd, 0x80..=0x9e)
                | (0xef, 0xbf, 0xbd)
        ),
        _ => true,
    };
    // Runs of ASCII that stands for itself (digits, letters), eight bytes at a time.
    let mut i = 0;
    while let Some(chunk) = b.get(i..i + 8)
        && !LEADS[usize::from(chunk[0])]
    {
        if !plain_ascii8(u64::from_le_bytes(chunk.try_into().unwrap_or_default())) {
            break;
        }
        i += 8;
    }
    // Then a character at a time: by its lead byte, a whole character is skipped.
    while let Some(&x) = b.get(i) {
        if LEADS[usize::from(x)] && folds(i, x) {
            return true;
        }
        i += match x {
            0..=0xbf => 1,
            0xc0..=0xdf => 2,
            0xe0..=0xef => 3,
            _ => 4,
        };
    }
    false
}

/// Whether all eight bytes of `x` are ASCII that folding leaves alone: `!` to `~` but `_`.
#[inline(always)]
fn plain_ascii8(x: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A byte's top bit is set in `less(x, n)` where the byte is below n (n at most 0x80),
    // and possibly above such a byte: so the result is zero exactly when no byte is.
    let less = |x: u64, n: u64| x.wrapping_sub(n * ONES) & !x & HIGH;
    let zero = |x: u64| less(x, 1);
    (x & HIGH) | less(x, 0x21) | zero(x ^ (0x7f * ONES)) | zero(x ^ (b'_' as u64 * ONES)) == 0
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
    // No number starts with an ASCII character other than `A`, `B` (licences) or white space,
    // and folding changes none but `_`: `hello` is decided by its first byte.
    if let Some(&b0) = input.as_bytes().first()
        && b0.is_ascii_graphic()
        && !matches!(b0, b'A' | b'B' | b'_')
    {
        let kind = ErrorKind::UnexpectedChar {
            found: char::from(b0),
            expected: crate::error::Part::Start,
        };
        return Err(Error::new(kind, 0));
    }
    let (start, trimmed) = trim(input);
    // Clean input is read in place.
    let fast = parse(trimmed, false);
    if let Ok(parts) = &fast
        && parts.len == trimmed.len()
    {
        return Ok(Number::from_parts(parts, Some));
    }
    // Stopped at a space: input with spaces between the parts of a number
    // (`京ICP备12032080 号 - 2`) is read in place too. (A space folds, so the test below would
    // not decide such input.)
    let stop = match &fast {
        Ok(parts) => parts.len,
        Err(fail) => fail.at,
    };
    if trimmed.as_bytes().get(stop) == Some(&b' ')
        && let Some(n) = spaced_number(trimmed)
    {
        return Ok(n);
    }
    // Stopped inside the number at a character that is not ASCII (a full-width letter or
    // digit, `備`, `號`): a record that folding makes clean is read straight away, without
    // the test below (which it would pass: folded_record reads only what folding reads whole).
    if stop > 0
        && trimmed.as_bytes().get(stop).is_some_and(|&x| x >= 0x80)
        && let Some(n) = folded_record(trimmed)
    {
        return Ok(n);
    }
    if decided_by_first_char(trimmed, &fast) || !needs_folding(settled(trimmed, &fast)) {
        return Err(unfolded_error(start, trimmed, &fast));
    }
    // A record that folding makes clean, without a folded copy.
    if let Some(n) = folded_record(trimmed) {
        return Ok(n);
    }
    validate_folded(start, trimmed)
}

/// `trimmed` read whole with spaces skipped between the parts of a number (for input where
/// the unfolded parse stopped at a space), if it reads so.
#[inline(never)]
fn spaced_number(trimmed: &str) -> Option<Number<'_>> {
    let parts = grammar::parse_spaced(trimmed).ok()?;
    (parts.len == trimmed.len()).then(|| Number::from_parts(&parts, Some))
}

/// The part of `trimmed` that folding must leave alone for the unfolded parse's failure to
/// stand: from where the parse stopped to a little beyond, where the parser may have looked
/// ahead; to the end when digits were miscounted (folding may join more). What the parse read
/// before it stopped is grammar text (digits, ASCII letters, `备 号 证 公网安备 合字`, a
/// province), which folding never changes, and at most a run of spaces before a record's
/// serial, which folding drops just as the parse skipped it (a run no longer than a gap).
fn settled<'a>(trimmed: &'a str, fast: &Result<Parts<'_>, grammar::Fail>) -> &'a str {
    let (from, to) = match fast {
        Ok(parts) => (parts.len, trimmed.len()),
        Err(fail) if matches!(fail.kind, ErrorKind::DigitCount { .. }) => (fail.at, trimmed.len()),
        Err(fail) => {
            let mut end = (fail.at + 16).min(trimmed.len());
            while !trimmed.is_char_boundary(end) {
                end += 1;
            }
            (fail.at, end)
        }
    };
    trimmed.get(from..to).unwrap_or(trimmed)
}

/// Whether the unfolded parse failed on a first character that folding leaves as it is and
/// that decides alone, so that folding the rest changes nothing: no province (`hello world`),
/// a joke, a place with no filing, a fake province; a variant (`川`) unless what follows
/// could fold into `公网安备` (`川公網安備…`, public-security numbers use `川`). `A`/`B`
/// licences, `合字` and `公安备案号` read further.
fn decided_by_first_char(trimmed: &str, fast: &Result<Parts<'_>, grammar::Fail>) -> bool {
    let Err(fail) = fast else { return false };
    let Some(c) = trimmed.chars().next() else {
        return false;
    };
    if fail.at != 0 || matches!(c, 'A' | 'B' | '合' | '公') {
        return false;
    }
    let rest = &trimmed[c.len_utf8()..];
    let decided = match fail.kind {
        ErrorKind::UnknownProvince(_)
        | ErrorKind::UnexpectedChar { .. }
        | ErrorKind::Joke(_)
        | ErrorKind::NotMainland(_) => true,
        // ASCII that folding leaves alone (`川ICP备`) cannot become `公网安备`.
        ErrorKind::ProvinceVariant { .. }
            if rest
                .as_bytes()
                .first()
                .is_none_or(|&x| x > b' ' && x < 0x7f && x != b'_') =>
        {
            true
        }
        ErrorKind::ProvinceVariant { .. } => match province::lead(c) {
            province::Lead::Fake(_) => true,
            _ => rest
                .chars()
                .next()
                .is_none_or(|next| next != '公' && !needs_folding(&rest[..next.len_utf8()])),
        },
        _ => false,
    };
    decided && !first_char_folds(trimmed, c)
}

/// Whether folding changes `c`, the first character of `s`. Of the characters with lead
/// bytes E4 to E9 (most CJK, every province), folding changes only `備 號 證 網`.
#[inline(always)]
fn first_char_folds(s: &str, c: char) -> bool {
    match s.as_bytes() {
        [0xe5, 0x82, 0x99, ..]
        | [0xe7, 0xb6, 0xb2, ..]
        | [0xe8, 0x99, 0x9f, ..]
        | [0xe8, 0xad, 0x89, ..] => true,
        [0xe4..=0xe9, ..] => false,
        _ => needs_folding(&s[..c.len_utf8()]),
    }
}

/// The unfolded parse's failure as an error at its place in the input.
fn unfolded_error(start: usize, trimmed: &str, fast: &Result<Parts<'_>, grammar::Fail>) -> Error {
    match fast {
        Ok(parts) => Error::new(trailing(trimmed, parts.len), start + parts.len),
        Err(fail) => Error::new(fail.kind, start + fail.at),
    }
}

/// [`validate_number`] by the general grammar alone, the reference its fast paths are tested
/// against: fold, then parse.
#[cfg(test)]
fn validate_general(start: usize, trimmed: &str) -> Result<Number<'_>, Error> {
    validate_folded(start, trimmed)
}

/// An ICP record that folding makes clean (`京ICP备 12032080号-2`, full-width forms,
/// `備 號`), read straight from the raw bytes: white space skipped, full-width ASCII and dashes
/// read as ASCII, no folded copy made. `None` for anything else; every error is left to the
/// general path. The serial and site borrow from the input where it wrote them plainly.
fn folded_record(raw: &str) -> Option<Number<'_>> {
    let b = raw.as_bytes();
    let c = raw.get(..3)?.chars().next()?;
    let province::Lead::Official(province) = province::lead(c) else {
        return None;
    };
    let mut r = PlainReader { b, i: 3 };
    for want in [b'I', b'C', b'P'] {
        (r.next()? == Plain::Ascii(want)).then_some(())?;
    }
    (r.next()? == Plain::Bei).then_some(())?;
    let mut next = r.next();
    if next == Some(Plain::Ascii(b':')) {
        next = r.next();
    }
    let (serial, after) = r.digits(next)?;
    if grammar::serial_error(serial.bytes(b)).is_some() {
        return None;
    }
    let hao = after == Some(Plain::Hao);
    let mut next = if hao { r.next() } else { after };
    let (mut site, mut service) = (None, None);
    if next == Some(Plain::Ascii(b'-')) {
        let first = r.next();
        let (digits, after) = r.digits(first)?;
        if grammar::site_error(digits.bytes(b)).is_some() {
            return None;
        }
        site = Some(digits.text(raw));
        next = after;
        if let Some(Plain::Ascii(letter @ (b'A' | b'X'))) = next {
            next = r.next();
            if matches!(next, Some(Plain::Ascii(c)) if c.is_ascii_alphanumeric()) {
                return None;
            }
            service = Some(letter as char);
        }
        if !hao && next == Some(Plain::Hao) {
            next = r.next();
        }
    }
    // The end: nothing but white space left.
    if next.is_some() || r.i != b.len() {
        return None;
    }
    Some(Number {
        form: Form::IcpRecord,
        province: Some(province),
        foreign: false,
        categories: Categories::default(),
        serial: serial.text(raw),
        site,
        service,
    })
}

/// A character as [`folded_record`] reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Plain {
    Ascii(u8),
    Bei,
    Hao,
    /// Anything else: a number stops here.
    Other,
}

/// A run of digits as [`PlainReader::digits`] reads it: the raw bytes where the input wrote
/// them as one run of ASCII digits, else their ASCII copy (at most 10).
enum Run {
    Plain(std::ops::Range<usize>),
    Copy([u8; 10], usize),
}

impl Run {
    fn bytes<'a>(&'a self, raw: &'a [u8]) -> &'a [u8] {
        match self {
            Run::Plain(r) => &raw[r.clone()],
            Run::Copy(digits, n) => &digits[..*n],
        }
    }

    fn text<'a>(&self, raw: &'a str) -> Text<'a> {
        match self {
            Run::Plain(r) => Text::Borrowed(raw.get(r.clone()).unwrap_or_default()),
            Run::Copy(digits, n) => Text::digits(*digits, *n),
        }
    }
}

/// Reads raw bytes as folding would, for [`folded_record`].
struct PlainReader<'a> {
    b: &'a [u8],
    i: usize,
}

impl PlainReader<'_> {
    /// The next character after white space (`None` at the end, or after a gap folding would
    /// break a number at); the reader stands after it.
    #[inline(always)]
    fn next(&mut self) -> Option<Plain> {
        let b = self.b;
        // Most characters stand for themselves.
        if let Some(&x) = b.get(self.i) {
            if x > b' ' && x < 0x7f && x != b'_' {
                self.i += 1;
                return Some(Plain::Ascii(x));
            }
            // Then full-width digits and capitals.
            if let (0xef, Some(0xbc), Some(&y @ (0x90..=0x99 | 0xa1..=0xba))) =
                (x, b.get(self.i + 1), b.get(self.i + 2))
            {
                self.i += 3;
                return Some(Plain::Ascii(y - 0x60));
            }
        }
        let gap_start = self.i;
        loop {
            let i = self.i;
            let x = *b.get(i)?;
            let (c, len) = match x {
                b' ' | b'\t' | b'\n' | b'\r' | 0x0c => (None, 1),
                b'_' => (Some(Plain::Ascii(b'-')), 1),
                0x21..=0x7e => (Some(Plain::Ascii(x)), 1),
                0xc2 if b.get(i + 1) == Some(&0xa0) => (None, 2),
                0xe0..=0xef => {
                    let c = match (x, b[i + 1], b[i + 2]) {
                        (0xe2, 0x80, 0x80..=0x8b) | (0xe3, 0x80, 0x80) | (0xef, 0xbb, 0xbf) => None,
                        (0xe2, 0x80, 0x90..=0x95) | (0xe2, 0x88, 0x92) | (0xef, 0xb9, 0xa3) => {
                            Some(Plain::Ascii(b'-'))
                        }
                        // Full-width ASCII; its low line reads as `-`.
                        (0xef, 0xbc, 0xbf) => Some(Plain::Ascii(b'-')),
                        (0xef, 0xbc, y @ 0x81..=0xbe) => Some(Plain::Ascii(y - 0x60)),
                        (0xef, 0xbd, y @ 0x80..=0x9e) => Some(Plain::Ascii(y - 0x20)),
                        (0xe5, 0xa4, 0x87) | (0xe5, 0x82, 0x99) => Some(Plain::Bei),
                        (0xe5, 0x8f, 0xb7) | (0xe8, 0x99, 0x9f) => Some(Plain::Hao),
                        _ => Some(Plain::Other),
                    };
                    (c, 3)
                }
                _ => (Some(Plain::Other), 1),
            };
            self.i += len;
            match c {
                Some(c) => return Some(c),
                None if self.i - gap_start > crate::fold::MAX_GAP => return Some(Plain::Other),
                None => {}
            }
        }
    }

    /// A run of digits starting with `first`, and the character after it.
    fn digits(&mut self, first: Option<Plain>) -> Option<(Run, Option<Plain>)> {
        let Some(Plain::Ascii(d @ b'0'..=b'9')) = first else {
            return None;
        };
        let b = self.b;
        // At most 10 digits make a serial, 4 a site number: longer runs are no clean record.
        let mut copy = [0u8; 10];
        copy[0] = d;
        let mut n = 1;
        // Plain: ASCII digits only, with nothing between them.
        let mut plain = b[self.i - 1] == d;
        let start = self.i - if plain { 1 } else { 3 };
        loop {
            let i = self.i;
            let d = match b.get(i..) {
                Some(rest @ [b'0'..=b'9', ..]) => {
                    // A run of ASCII digits: all but its last at once.
                    let run = grammar::digit_run(rest);
                    let last = run - 1;
                    for (to, &from) in copy.get_mut(n..n + last)?.iter_mut().zip(rest) {
                        *to = from;
                    }
                    n += last;
                    self.i += run;
                    rest[last]
                }
                Some(rest @ [0xef, 0xbc, 0x90..=0x99, ..]) => {
                    // A run of full-width digits (EF BC 90 to 99), three bytes at a time.
                    plain = false;
                    for ch in rest.chunks_exact(3) {
                        let &[0xef, 0xbc, y @ 0x90..=0x99] = ch else {
                            break;
                        };
                        *copy.get_mut(n)? = y - 0x60;
                        n += 1;
                        self.i += 3;
                    }
                    continue;
                }
                _ => match self.next() {
                    Some(Plain::Ascii(d @ b'0'..=b'9')) => {
                        plain = false;
                        d
                    }
                    next => {
                        let run = if plain {
                            Run::Plain(start..i)
                        } else {
                            Run::Copy(copy, n)
                        };
                        return Some((run, next));
                    }
                },
            };
            *copy.get_mut(n)? = d;
            n += 1;
        }
    }
}

/// Drops surrounding white space and one final full stop; returns where the rest starts.
fn trim(input: &str) -> (usize, &str) {
    // Most input starts and ends with a byte that no white space (and no full stop) starts or
    // ends: nothing to trim. White space starts with an ASCII control or space, or with C2
    // (U+0085, U+00A0), E1 (U+1680), E2 (U+2000 to U+205F), E3 (U+3000) or EF (U+FEFF); it
    // and `。` end with one of 80-8A, 9F, A0, A8, A9, AF, BF. One table lookup for each end
    // (checked against `trim` for every character in a unit test).
    const fn ends(first: bool) -> [bool; 256] {
        let mut t = [false; 256];
        let mut i = 0;
        while i < 256 {
            let b = i as u8;
            t[i] = if first {
                matches!(b, 0x21..=0x7e | 0xc3..=0xe0 | 0xe4..=0xee | 0xf0..=0xf4)
            } else {
                matches!(b, 0x21..=0x7e | 0x8b..=0xbe)
                    && !matches!(b, b'.' | 0x9f | 0xa0 | 0xa8 | 0xa9 | 0xaf)
            };
            i += 1;
        }
        t
    }
    static CLEAN_START: [bool; 256] = ends(true);
    static CLEAN_END: [bool; 256] = ends(false);
    let b = input.as_bytes();
    if let (Some(&first), Some(&last)) = (b.first(), b.last())
        && CLEAN_START[usize::from(first)] & CLEAN_END[usize::from(last)]
    {
        return (0, input);
    }
    trim_slow(input)
}

/// [`trim`] by reading the characters at both ends.
fn trim_slow(input: &str) -> (usize, &str) {
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
        Ok(parts) => Err(named_error(
            trailing(text, parts.len),
            trimmed,
            start,
            offset(parts.len),
        )),
        Err(fail) => Err(named_error(fail.kind, trimmed, start, offset(fail.at))),
    }
}

/// An error at input offset `at`; where folding put [`crate::fold::BREAK`] for the character
/// there (a control character, U+FFFD, an over-long run of white space), the error names that
/// character as written.
fn named_error(kind: ErrorKind, trimmed: &str, start: usize, at: usize) -> Error {
    let written = || {
        trimmed
            .get(at - start..)
            .and_then(|t| t.chars().next())
            .unwrap_or(crate::fold::BREAK)
    };
    let kind = match kind {
        ErrorKind::UnexpectedChar { found, expected } if found == crate::fold::BREAK => {
            ErrorKind::UnexpectedChar {
                found: written(),
                expected,
            }
        }
        ErrorKind::Trailing(c) if c == crate::fold::BREAK => ErrorKind::Trailing(written()),
        kind => kind,
    };
    Error::new(kind, at)
}

/// Whether `input` is a valid number ([`validate_number`] without the number).
pub fn is_valid(input: &str) -> bool {
    validate_number(input).is_ok()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The tables of `trim`'s fast path: whatever they let pass has nothing to trim.
    #[test]
    fn trim_fast_path_trims_nothing() {
        let mut passed = 0;
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            for s in [format!("{c}号"), format!("京{c}"), format!("{c}")] {
                let (start, t) = trim(&s);
                if (start, t) == (0, s.as_str()) {
                    passed += 1;
                }
                assert_eq!((start, t), trim_slow(&s), "{s:?}");
            }
        }
        assert!(passed > 3_000_000, "{passed}");
    }

    #[test]
    fn first_char_folds_is_needs_folding() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let s = format!("{c}号");
            assert_eq!(
                first_char_folds(&s, c),
                needs_folding(&s[..c.len_utf8()]),
                "{c:?}"
            );
        }
    }

    #[test]
    fn plain_ascii8_is_bytewise() {
        let plain = |b: u8| (0x21..0x7f).contains(&b) && b != b'_';
        let mut x: u64 = 0x0123_4567_89ab_cdef;
        for round in 0..200_000u32 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            // Mostly plain bytes, with one byte set to each value in turn.
            let mut b = x.to_le_bytes().map(|v| 0x21 + v % 0x5e);
            b[(round % 8) as usize] = (round / 8 % 256) as u8;
            if round % 3 == 0 {
                b = x.to_le_bytes();
            }
            let want = b.iter().all(|&v| plain(v));
            assert_eq!(plain_ascii8(u64::from_le_bytes(b)), want, "{b:?}");
        }
    }

    #[test]
    fn needs_folding_is_what_folding_changes() {
        let folds = |c: char| {
            let s = c.to_string();
            crate::fold::step(s.as_bytes(), Markup::Plain)
                != crate::fold::Step::Char(c, c.len_utf8())
        };
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let s = format!("京{c}");
            assert_eq!(needs_folding(&s), folds(c), "{:?}", c);
        }
    }

    /// Spaces between the parts of a number are read in place and give what folding gives:
    /// numbers with spaces inserted anywhere (also runs longer than a gap), other gaps, and
    /// characters dropped, compared with the general path, error offsets included.
    #[test]
    fn spaced_numbers_agree_with_the_general_path() {
        let bases = [
            "京ICP备11018762号-1",
            "粤ICP备2023023087号-1X",
            "浙B2-20080224",
            "京ICP证030173号-1",
            "京公网安备11010502030143号",
            "合字B1.B2-20090059",
            "川ICP备19011193号",
            "京ICP备11018762-2A号",
            "京ICP备:11018762号-12345",
            "浙B2-2004-0851",
        ];
        let extra = [
            " ", "\u{3000}", "\t", "１", "-", "号", "X", "9", "備", "\u{a0}",
        ];
        let mut x: u64 = 0x1234_5678_9abc_def1;
        let (mut spaced_ok, mut errors) = (0, 0);
        for round in 0..100_000u64 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let mut chars: Vec<String> = bases[(x % bases.len() as u64) as usize]
                .chars()
                .map(String::from)
                .collect();
            let mut y = x;
            for k in 0..(x >> 8) % 5 {
                y = y
                    .wrapping_mul(0x9e37_79b9_7f4a_7c15)
                    .wrapping_add(k + round);
                let at = (y >> 20) as usize % (chars.len() + 1);
                match (y >> 50) % 8 {
                    0..=4 => chars.insert(at, " ".repeat(1 + (y >> 10) as usize % 3)),
                    5 => chars.insert(at, extra[(y >> 12) as usize % extra.len()].into()),
                    6 if at < chars.len() => drop(chars.remove(at)),
                    _ => chars.insert(
                        at,
                        " ".repeat(crate::fold::MAX_GAP + (y >> 10) as usize % 3),
                    ),
                }
            }
            let s = chars.concat();
            let (start, trimmed) = trim(&s);
            let fast = validate_number(&s);
            assert_eq!(fast, validate_general(start, trimmed), "{s:?}");
            match fast {
                Ok(_) if trimmed.contains(' ') => spaced_ok += 1,
                Ok(_) => {}
                Err(_) => errors += 1,
            }
        }
        assert!(
            spaced_ok > 10_000 && errors > 10_000,
            "{spaced_ok} {errors}"
        );
        let n = validate_number("京ICP备 12032080 号 - 2").unwrap();
        assert_eq!((n.serial(), n.site()), ("12032080", Some("2")));
        assert!(validate_number("京公网安备 11010502030143号").is_ok());
        // Not between digits: that is for folding to join.
        assert_eq!(
            validate_number("京ICP备1203 2080号").unwrap().serial(),
            "12032080"
        );
    }

    /// Spaces before a record's serial are skipped by the first parse as folding drops them:
    /// up to a gap's length, and not beyond it.
    #[test]
    fn spaces_before_the_serial_read_as_folding_reads_them() {
        let gap = crate::fold::MAX_GAP;
        for n in [1, 2, 3, gap - 1, gap, gap + 1, gap + 2] {
            for (head, tail) in [
                ("京ICP备", "11018762号-1"),
                ("京ICP备:", "2023023087号"),
                ("京ICP备", "1101876号x"),
                ("京ICP备", "x"),
            ] {
                let s = format!("{head}{}{tail}", " ".repeat(n));
                let (start, trimmed) = trim(&s);
                let fast = validate_number(&s);
                assert_eq!(fast, validate_general(start, trimmed), "{n} {head}{tail}");
                if tail.ends_with("号-1") || tail.ends_with('号') {
                    assert_eq!(fast.is_ok(), n <= gap, "{n} {head}{tail}");
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        /// Wherever the fast path answers, the general grammar gives the same number.
        /// Folded input the fast paths read gives what the general path gives.
        #[test]
        fn fast_paths_agree_with_the_grammar(
            s in "[ 京粤蜀川滬\u{3000}]{1,2}[IＩ][ ]?[CＣ][PＰ][ ]?[备備][ \u{a0}]?[0-9０-９ ]{5,12}[号號]?[ ]?([-－—_][ ]?[0-9１]{0,3}[AXＡ]?[号]?)?[ 。.]?"
        ) {
            let (start, trimmed) = trim(&s);
            prop_assert_eq!(validate_number(&s), validate_general(start, trimmed));
        }

        /// Any short text: the same answer, error offsets included.
        #[test]
        fn fast_paths_agree_on_any_text(
            s in "[ a-zAB合公字安备案号京粤川蜀萌ICP备證網号_\u{3000}\u{200b}\u{1}\u{b}\u{fffd}\u{85}\u{feff}０-９ＡＢＩＣＰ0-9.:-]{0,24}"
        ) {
            let (start, trimmed) = trim(&s);
            prop_assert_eq!(validate_number(&s), validate_general(start, trimmed));
        }

    }
}
