//! The number grammar, over folded text (see `crate::fold`): nom parsers that return the
//! parts as slices of their input.
//!
//! Two modes: strict, for a form field, where every doubt is an error; lenient, for the
//! scanner, where a province variant or an unknown service letter is accepted with a warning
//! and an optional part that does not parse (`号-0`) is left out instead of failing the number;
//! it also reads labels seen in real footers that a form rejects (`ICP备案` for `ICP备`, a host
//! name in brackets before the serial).

use nom::{IResult, Parser};

use super::province::{Lead, Province, lead};
use super::{Categories, Form, Warnings};
use crate::error::{
    CERT_LENGTHS, ErrorKind, LICENCE_LENGTHS, PSB_LENGTHS, Part, SERIAL_LENGTHS, SITE_LENGTHS,
};

/// A number's parts, as slices of the folded text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Parts<'s> {
    pub form: Form,
    pub province: Option<Province>,
    pub foreign: bool,
    pub categories: Categories,
    /// ASCII digits; for the old licence form, `2004-0851`.
    pub serial: &'s str,
    pub site: Option<&'s str>,
    pub service: Option<char>,
    pub warnings: Warnings,
    /// Bytes of folded text the number takes.
    pub len: usize,
}

/// A failure at byte `at` of the folded text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Fail {
    pub kind: ErrorKind,
    pub at: usize,
}

type Res<'s, T> = Result<(&'s str, T), Fail>;

/// The ASCII digits at the start of `i`, and the rest.
fn digits(i: &str) -> (&str, &str) {
    let n = i
        .bytes()
        .position(|b| !b.is_ascii_digit())
        .unwrap_or(i.len());
    (&i[n..], &i[..n])
}

/// A literal, as a nom parser. nom's own `tag` compares byte by byte through iterators;
/// `strip_prefix` compiles to a fixed-length compare, which matters at 20 ns a number.
fn tag<'s>(t: &'static str) -> impl Fn(&'s str) -> IResult<&'s str, &'s str, ()> {
    move |i: &'s str| {
        let (b, t_b) = (i.as_bytes(), t.as_bytes());
        // Byte by byte over a literal of known length: unrolled, no call to memcmp.
        if b.len() >= t_b.len() && b.iter().zip(t_b).all(|(x, y)| x == y) {
            Ok((&i[t.len()..], &i[..t.len()]))
        } else {
            Err(nom::Err::Error(()))
        }
    }
}

fn lit<'s>(i: &'s str, t: &'static str) -> Option<&'s str> {
    tag(t)(i).ok().map(|(rest, _)| rest)
}

/// The rest after a host name in brackets at the start of `i`: a footer that writes the
/// filed site inside its number (`贵ICP备(shou.org.cn)05052049号-13`, seen in two copies of
/// one footer). The name has a dot and only ASCII letters, digits, dots and hyphens.
fn bracketed_host(i: &str) -> Option<&str> {
    let inner = i.strip_prefix('(')?;
    let end = inner.find(')')?;
    let host = &inner[..end];
    let ok = (3..=253).contains(&host.len())
        && host.contains('.')
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
    ok.then(|| &inner[end + 1..])
}

/// A licence category at the start of `i`: `A1 A2 B1 B2`.
fn category(i: &str) -> Option<(&str, Categories)> {
    let b = i.as_bytes();
    if b.len() < 2 {
        return None;
    }
    let bit = match (b[0], b[1]) {
        (b'A', b'1') => Categories::A1,
        (b'A', b'2') => Categories::A2,
        (b'B', b'1') => Categories::B1,
        (b'B', b'2') => Categories::B2,
        _ => return None,
    };
    Some((&i[2..], bit))
}

fn count(s: &str) -> u8 {
    s.len().min(99) as u8
}

/// The current year, read once from the system clock.
pub(crate) fn current_year() -> u16 {
    static YEAR: std::sync::OnceLock<u16> = std::sync::OnceLock::new();
    *YEAR.get_or_init(|| {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let mut days = secs / 86_400;
        let mut year = 1970u16;
        loop {
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
            let len = if leap { 366 } else { 365 };
            if days < len {
                return year;
            }
            days -= len;
            year += 1;
        }
    })
}

/// Reads one number at the start of folded text `s`.
pub(crate) fn parse(s: &str, lenient: bool) -> Result<Parts<'_>, Fail> {
    match clean_record(s) {
        Some(Ok(parts)) => return Ok(parts),
        // A lenient parse forgives some of these; the grammar decides which.
        Some(Err(fail)) if !lenient => return Err(fail),
        _ => {}
    }
    P { s, lenient }.number()
}

/// What is wrong with the (non-empty) ASCII digits of an ICP备 serial, if anything: a length
/// other than 6, 7, 8 or 10, or a 10-digit serial's year before 2000 or in the future.
pub(crate) fn serial_error(serial: &str) -> Option<ErrorKind> {
    match serial.len() {
        6..=8 => None,
        10 => {
            let year = year4(serial);
            if year < 2000 {
                Some(ErrorKind::EarlyYear(year))
            } else if year > current_year() {
                Some(ErrorKind::FutureYear(year))
            } else {
                None
            }
        }
        _ => Some(ErrorKind::DigitCount {
            part: Part::Serial,
            len: count(serial),
            expected: SERIAL_LENGTHS,
        }),
    }
}

/// What is wrong with the (non-empty) ASCII digits of a site number, if anything: `0`, a
/// leading zero, more than four digits.
pub(crate) fn site_error(site: &str) -> Option<ErrorKind> {
    match site.as_bytes() {
        [b'0'] => Some(ErrorKind::SiteZero),
        [b'0', ..] => Some(ErrorKind::SiteLeadingZero),
        s if s.len() > 4 => Some(ErrorKind::DigitCount {
            part: Part::Site,
            len: count(site),
            expected: SITE_LENGTHS,
        }),
        _ => None,
    }
}

/// The commonest text, an ICP record in plain bytes (`{P}ICP备{serial}[号][-{site}[A|X]]`,
/// ASCII digits), read without the general grammar: what a strict [`parse`] returns, or
/// `None` to leave the text to it. Tested against the grammar by proptest.
pub(crate) fn clean_record(s: &str) -> Option<Result<Parts<'_>, Fail>> {
    let b = s.as_bytes();
    // A three-byte first character, then `ICP备` (E5 A4 87).
    if b.len() < 10 || b[3..9] != *b"ICP\xe5\xa4\x87" {
        return None;
    }
    let c = s.get(..3)?.chars().next().filter(|c| c.len_utf8() == 3)?;
    let fail = |kind, at| Some(Err(Fail { kind, at }));
    let province = match lead(c) {
        Lead::Official(p) => p,
        Lead::Ordinary(p) | Lead::Fake(p) => {
            let official = p.icp_char();
            return fail(ErrorKind::ProvinceVariant { found: c, official }, 0);
        }
        Lead::Joke => return fail(ErrorKind::Joke(c), 0),
        Lead::NotMainland => return fail(ErrorKind::NotMainland(c), 0),
        Lead::Unknown => return None,
    };
    let digits = |mut i: usize| {
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        i
    };
    let end = digits(9);
    let serial = &s[9..end];
    // `备:` and other text: the grammar's.
    if serial.is_empty() {
        return None;
    }
    if let Some(kind) = serial_error(serial) {
        return fail(kind, 9);
    }
    // `号` is E5 8F B7.
    let hao_at = |i: usize| b.get(i..i + 3) == Some(b"\xe5\x8f\xb7");
    let hao = hao_at(end);
    let mut i = if hao { end + 3 } else { end };
    let (mut site, mut service) = (None, None);
    if b.get(i) == Some(&b'-') {
        let start = i + 1;
        let site_end = digits(start);
        if site_end == start {
            return None;
        }
        if let Some(kind) = site_error(&s[start..site_end]) {
            return fail(kind, start);
        }
        site = Some(&s[start..site_end]);
        i = site_end;
        if let Some(&letter @ b'A'..=b'Z') = b.get(i) {
            if !b.get(i + 1).is_some_and(u8::is_ascii_alphanumeric) {
                if !matches!(letter, b'A' | b'X') {
                    return fail(ErrorKind::UnknownService(letter as char), i);
                }
                service = Some(letter as char);
                i += 1;
            }
        }
        if !hao && hao_at(i) {
            i += 3;
        }
    }
    Some(Ok(Parts::icp_record(province, serial, site, service, i)))
}

impl<'s> Parts<'s> {
    /// The parts of an ICP record (`{P}ICP备{serial}号[-{site}[A|X]]`) of `len` bytes.
    pub(crate) fn icp_record(
        province: Province,
        serial: &'s str,
        site: Option<&'s str>,
        service: Option<char>,
        len: usize,
    ) -> Parts<'s> {
        Parts {
            form: Form::IcpRecord,
            province: Some(province),
            foreign: false,
            categories: Categories::default(),
            serial,
            site,
            service,
            warnings: Warnings::default(),
            len,
        }
    }
}

struct P<'s> {
    s: &'s str,
    lenient: bool,
}

impl<'s> P<'s> {
    fn at(&self, rest: &str) -> usize {
        self.s.len() - rest.len()
    }

    fn fail(&self, rest: &str, kind: ErrorKind) -> Fail {
        Fail {
            kind,
            at: self.at(rest),
        }
    }

    fn unexpected(&self, rest: &str, expected: Part) -> Fail {
        let kind = match rest.chars().next() {
            Some(found) => ErrorKind::UnexpectedChar { found, expected },
            None if rest.len() == self.s.len() => ErrorKind::Empty,
            None => ErrorKind::UnexpectedEnd { expected },
        };
        self.fail(rest, kind)
    }

    fn parts(&self, form: Form, serial: &'s str) -> Parts<'s> {
        Parts {
            form,
            province: None,
            foreign: false,
            categories: Categories::default(),
            serial,
            site: None,
            service: None,
            warnings: Warnings::default(),
            len: 0,
        }
    }

    fn number(&self) -> Result<Parts<'s>, Fail> {
        let i = self.s;
        match i.as_bytes().first() {
            Some(b'A' | b'B') => return self.licence(i, None, false, Warnings::default()),
            // 合 and 公 (and 吉 宁 台) start with this UTF-8 byte.
            Some(0xe5) => {
                if let Some(rest) = lit(i, "合字") {
                    return self.licence(rest, None, true, Warnings::default());
                }
                if let Some(rest) = lit(i, "公安备案号") {
                    return self.psb(rest, None);
                }
            }
            _ => {}
        }
        let Some(c) = i.chars().next() else {
            return Err(self.unexpected(i, Part::Start));
        };
        let (province, variant) = match lead(c) {
            Lead::Official(p) => (p, false),
            Lead::Ordinary(p) => (p, true),
            Lead::Fake(p) => {
                let official = p.icp_char();
                return Err(self.fail(i, ErrorKind::ProvinceVariant { found: c, official }));
            }
            Lead::NotMainland => return Err(self.fail(i, ErrorKind::NotMainland(c))),
            Lead::Joke => return Err(self.fail(i, ErrorKind::Joke(c))),
            Lead::Unknown if (c as u32) >= 0x2e80 => {
                return Err(self.fail(i, ErrorKind::UnknownProvince(c)));
            }
            Lead::Unknown => return Err(self.unexpected(i, Part::Start)),
        };
        let rest = &i[c.len_utf8()..];
        if let Some(rest) = lit(rest, "公网安备") {
            // Public-security numbers use the ordinary abbreviations: 川 is no variant here.
            return self.psb(rest, Some(province));
        }
        let mut warnings = Warnings::default();
        if variant {
            if !self.lenient {
                let official = province.icp_char();
                return Err(self.fail(i, ErrorKind::ProvinceVariant { found: c, official }));
            }
            warnings.insert(Warnings::PROVINCE_VARIANT);
        }
        let icp: IResult<&str, &str, ()> =
            nom::branch::alt((tag("ICP"), tag("icp"), tag("Icp"))).parse(rest);
        let after_icp = icp.ok().map(|(rest, _)| rest);
        let Some(after_icp) = after_icp else {
            if category(rest).is_some() {
                return self.licence(rest, Some(province), false, warnings);
            }
            return Err(self.unexpected(rest, Part::Keyword));
        };
        if let Some(rest) = lit(after_icp, "备") {
            // Footers also write the label `ICP备案` before the serial (`皖ICP备案020533号`).
            let rest = match lit(rest, "案") {
                Some(after) if self.lenient => after,
                _ => rest,
            };
            let rest = lit(rest, ":").unwrap_or(rest);
            let rest = if self.lenient {
                bracketed_host(rest).unwrap_or(rest)
            } else {
                rest
            };
            return self.record(rest, province, warnings);
        }
        if let Some(rest) = lit(after_icp, "证") {
            let rest = lit(rest, ":").unwrap_or(rest);
            // A licence in an ICP证 label (`京ICP证B2-20171701号`): the shape decides.
            if category(rest).is_some() {
                return self.licence(rest, Some(province), false, warnings);
            }
            return self.certificate(rest, province, warnings);
        }
        Err(self.unexpected(after_icp, Part::IcpType))
    }

    fn check_year(&self, at: &str, year: u16) -> Result<(), Fail> {
        if year < 2000 {
            return Err(self.fail(at, ErrorKind::EarlyYear(year)));
        }
        if year > current_year() {
            return Err(self.fail(at, ErrorKind::FutureYear(year)));
        }
        Ok(())
    }

    /// `{P}ICP备` seen; serial, 号, site.
    fn record(&self, i: &'s str, province: Province, w: Warnings) -> Result<Parts<'s>, Fail> {
        let (rest, serial) = digits(i);
        if serial.is_empty() {
            return Err(self.unexpected(i, Part::Serial));
        }
        if let Some(kind) = serial_error(serial) {
            return Err(self.fail(i, kind));
        }
        let mut parts = self.parts(Form::IcpRecord, serial);
        parts.province = Some(province);
        parts.warnings = w;
        self.tail(rest, parts)
    }

    /// `{P}ICP证` seen; six digits, 号, site.
    fn certificate(&self, i: &'s str, province: Province, w: Warnings) -> Result<Parts<'s>, Fail> {
        let (rest, serial) = digits(i);
        match serial.len() {
            0 => return Err(self.unexpected(i, Part::Serial)),
            6 | 7 => {}
            _ => {
                let kind = ErrorKind::DigitCount {
                    part: Part::Serial,
                    len: count(serial),
                    expected: CERT_LENGTHS,
                };
                return Err(self.fail(i, kind));
            }
        }
        let mut parts = self.parts(Form::IcpLicence, serial);
        parts.province = Some(province);
        parts.warnings = w;
        self.tail(rest, parts)
    }

    /// Categories, `-`, eight digits (or the old `2004-0851`), 号, site.
    fn licence(
        &self,
        i: &'s str,
        province: Option<Province>,
        foreign: bool,
        w: Warnings,
    ) -> Result<Parts<'s>, Fail> {
        let mut categories = Categories::default();
        let mut rest = i;
        loop {
            let Some((after, bit)) = category(rest) else {
                return Err(self.unexpected(rest, Part::Category));
            };
            categories.0 |= bit.0;
            rest = after;
            match lit(rest, ".") {
                Some(after) if category(after).is_some() => rest = after,
                _ => break,
            }
        }
        let Some(after_dash) = lit(rest, "-") else {
            return Err(self.unexpected(rest, Part::LicenceSerial));
        };
        let (mut rest, first) = digits(after_dash);
        let serial = match first.len() {
            0 => return Err(self.unexpected(after_dash, Part::LicenceSerial)),
            8 => first,
            4 => match lit(rest, "-").map(digits) {
                Some((after, second)) if second.len() == 4 => {
                    rest = after;
                    &after_dash[..9]
                }
                _ => return Err(self.licence_length(after_dash, first)),
            },
            _ => return Err(self.licence_length(after_dash, first)),
        };
        self.check_year(after_dash, year4(serial))?;
        let mut parts = self.parts(Form::TelecomLicence, serial);
        parts.province = province;
        parts.foreign = foreign;
        parts.categories = categories;
        parts.warnings = w;
        self.tail(rest, parts)
    }

    fn licence_length(&self, at: &str, digits: &str) -> Fail {
        let kind = ErrorKind::DigitCount {
            part: Part::LicenceSerial,
            len: count(digits),
            expected: LICENCE_LENGTHS,
        };
        self.fail(at, kind)
    }

    /// `公网安备` or `公安备案号` seen; 12 to 14 digits, 号.
    fn psb(&self, i: &'s str, province: Option<Province>) -> Result<Parts<'s>, Fail> {
        let i = lit(i, ":").unwrap_or(i);
        let (rest, serial) = digits(i);
        match serial.len() {
            0 => return Err(self.unexpected(i, Part::PsbDigits)),
            12..=14 => {}
            _ => {
                let kind = ErrorKind::DigitCount {
                    part: Part::PsbDigits,
                    len: count(serial),
                    expected: PSB_LENGTHS,
                };
                return Err(self.fail(i, kind));
            }
        }
        let b = serial.as_bytes();
        let code = (b[0] - b'0') * 10 + (b[1] - b'0');
        let by_code = Province::from_code(code);
        let mut parts = self.parts(Form::Psb, serial);
        parts.province = match (province, by_code) {
            (Some(p), by_code) => {
                if by_code != Some(p) {
                    parts.warnings.insert(Warnings::PSB_CODE_MISMATCH);
                }
                Some(p)
            }
            (None, Some(p)) => Some(p),
            (None, None) => return Err(self.fail(i, ErrorKind::UnknownDivision(code))),
        };
        let rest = lit(rest, "号").unwrap_or(rest);
        parts.len = self.at(rest);
        Ok(parts)
    }

    /// `号`, then `-site` and a service letter, or the site first and `号` after it.
    fn tail(&self, i: &'s str, mut parts: Parts<'s>) -> Result<Parts<'s>, Fail> {
        let hao = lit(i, "号");
        let mut rest = hao.unwrap_or(i);
        if let Some(after_dash) = lit(rest, "-") {
            match self.site(after_dash, &mut parts) {
                Ok((after, ())) => {
                    rest = after;
                    if hao.is_none() {
                        rest = lit(rest, "号").unwrap_or(rest);
                    }
                }
                Err(fail) if !self.lenient => return Err(fail),
                Err(_) => {}
            }
        }
        parts.len = self.at(rest);
        Ok(parts)
    }

    /// The site number and service letter after `-`.
    fn site(&self, i: &'s str, parts: &mut Parts<'s>) -> Res<'s, ()> {
        let (rest, site) = digits(i);
        if site.is_empty() {
            return Err(self.unexpected(i, Part::Site));
        }
        if let Some(kind) = site_error(site) {
            return Err(self.fail(i, kind));
        }
        let mut rest = rest;
        let mut chars = rest.chars();
        if let Some(letter @ 'A'..='Z') = chars.next() {
            let standalone = !chars.next().is_some_and(|c| c.is_ascii_alphanumeric());
            if standalone {
                if !matches!(letter, 'A' | 'X') {
                    if !self.lenient {
                        return Err(self.fail(rest, ErrorKind::UnknownService(letter)));
                    }
                    parts.warnings.insert(Warnings::UNKNOWN_SERVICE);
                }
                parts.service = Some(letter);
                rest = &rest[1..];
            }
        }
        parts.site = Some(site);
        Ok((rest, ()))
    }
}

/// The year in the first four digits of `serial` (ASCII digits).
pub(crate) fn year4(serial: &str) -> u16 {
    serial
        .bytes()
        .take(4)
        .fold(0u16, |y, d| y * 10 + u16::from(d - b'0'))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(30_000))]

        /// The fast path for clean records answers as the grammar does.
        #[test]
        fn clean_record_agrees_with_the_grammar(
            s in "[京沪粤蜀川贵萌港秦滬A]ICP备[0-9]{0,11}号?(-[0-9]{0,5}[AXBa]?[0-9a号]?号?)?[号x: ]?.?"
        ) {
            if let Some(fast) = clean_record(&s) {
                prop_assert_eq!(fast, P { s: &s, lenient: false }.number());
                if let Ok(parts) = fast {
                    prop_assert_eq!(Ok(parts), P { s: &s, lenient: true }.number());
                }
            }
        }
    }
}
