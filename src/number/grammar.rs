//! The number grammar, over folded text (see `crate::fold`), returning the parts as slices
//! of its input. `validate_number` also runs it over raw text first, in strict mode, where
//! it skips spaces before a record's serial as folding would drop them.
//!
//! The rules read by byte offset with fixed-length compares and an eight-byte digit test, and
//! are inlined into one function (the README's Performance section gives the figures). nom reads the one rule
//! where a combinator is clearer than offsets, the bracketed host name of lenient reading.
//!
//! Two modes: strict, for a form field, where every doubt is an error; lenient, for the
//! scanner, where a province variant or an unknown service letter is accepted with a warning
//! and an optional part that does not parse (`号-0`) is left out instead of failing the number;
//! it also reads labels seen in real footers that a form rejects (`ICP备案` for `ICP备`, a host
//! name in brackets before the serial).

use nom::Parser;

use super::province::{Lead, Province, lead};
use super::{Categories, Form, Warnings};
use crate::error::{
    CERT_LENGTHS, ErrorKind, LICENCE_LENGTHS, PSB_LENGTHS, Part, SERIAL_LENGTHS, SITE_LENGTHS,
};
use crate::fold::MAX_GAP;

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

/// How many ASCII digits `b` starts with: eight bytes at a time, so that the loop's exit
/// (which a branch predictor cannot guess, serials having several lengths) is taken once.
pub(crate) fn digit_run(b: &[u8]) -> usize {
    let mut n = 0;
    while let Some(chunk) = b.get(n..n + 8) {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        // Digits become 0 to 9; a byte's top bit is then set exactly when it is no digit.
        let a = x ^ 0x3030_3030_3030_3030;
        let over = ((a & 0x7f7f_7f7f_7f7f_7f7f) + 0x7676_7676_7676_7676) | a;
        let other = over & 0x8080_8080_8080_8080;
        if other != 0 {
            return n + (other.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    while b.get(n).is_some_and(u8::is_ascii_digit) {
        n += 1;
    }
    n
}

/// The UTF-8 bytes of `s`, as an array to compare with.
const fn utf8<const N: usize>(s: &str) -> [u8; N] {
    let b = s.as_bytes();
    assert!(b.len() == N);
    let mut out = [0u8; N];
    let mut i = 0;
    while i < N {
        out[i] = b[i];
        i += 1;
    }
    out
}

const HE_ZI: [u8; 6] = utf8("合字");
const GONG_AN_BEI_AN_HAO: [u8; 15] = utf8("公安备案号");
const GONG_WANG_AN_BEI: [u8; 12] = utf8("公网安备");
const BEI: [u8; 3] = utf8("备");
const AN: [u8; 3] = utf8("案");
const ZHENG: [u8; 3] = utf8("证");
const HAO: [u8; 3] = utf8("号");

/// The length of a host name in brackets at the start of `i`: a footer that writes the
/// filed site inside its number (`贵ICP备(shou.org.cn)05052049号-13`, seen in two copies of
/// one footer). The name has a dot and only ASCII letters, digits, dots and hyphens.
fn bracketed_host(i: &str) -> Option<usize> {
    let host_char = |c: char| c.is_ascii_alphanumeric() || c == '.' || c == '-';
    let mut bracketed = nom::sequence::delimited(
        nom::character::complete::char::<&str, ()>('('),
        nom::bytes::complete::take_while_m_n(3, 253, host_char),
        nom::character::complete::char(')'),
    );
    let (rest, host) = bracketed.parse(i).ok()?;
    host.contains('.').then_some(i.len() - rest.len())
}

fn count(n: usize) -> u8 {
    n.min(99) as u8
}

/// A run of `n` digits at `at`, a wrong length for `part`.
#[cold]
fn digit_count(part: Part, n: usize, expected: &'static str, at: usize) -> Fail {
    let kind = ErrorKind::DigitCount {
        part,
        len: count(n),
        expected,
    };
    Fail { kind, at }
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
            let leap =
                (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
            let len = if leap { 366 } else { 365 };
            if days < len {
                return year;
            }
            days -= len;
            year += 1;
        }
    })
}

/// Reads one number at the start of folded text `s` (or of raw text, as `validate_number`'s
/// first parse does: strict mode then skips spaces before a record's serial, see
/// [`P::spaces_then_digit`]; other spaces stop it).
#[inline]
pub(crate) fn parse(s: &str, lenient: bool) -> Result<Parts<'_>, Fail> {
    P {
        s,
        lenient,
        spaced: false,
    }
    .number()
}

/// Reads one number at the start of unfolded text `s` in strict mode, skipping runs of ASCII
/// spaces (at most [`MAX_GAP`] bytes) between the parts of a number: after the province,
/// after `ICP`, after `备` or `证`, before and after `号`, around the hyphen of a site number
/// or a licence serial, after `公网安备`. Spaces are never skipped between two runs of digits
/// or before a service letter, so that what this reads whole reads the same once folding has
/// removed the spaces. Its failures are not meant to stand: folding may let the number read on.
#[inline]
pub(crate) fn parse_spaced(s: &str) -> Result<Parts<'_>, Fail> {
    P {
        s,
        lenient: false,
        spaced: true,
    }
    .number()
}

/// What is wrong with the (non-empty) ASCII digits of an ICP备 serial, if anything: a length
/// other than 6, 7, 8 or 10, or a 10-digit serial's year before 2000 or in the future.
pub(crate) fn serial_error(serial: &[u8]) -> Option<ErrorKind> {
    // 6 to 8 digits, the commonest, in one compare.
    if serial.len().wrapping_sub(6) <= 2 {
        return None;
    }
    match serial.len() {
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
            len: count(serial.len()),
            expected: SERIAL_LENGTHS,
        }),
    }
}

/// What is wrong with the (non-empty) ASCII digits of a site number, if anything: `0`, a
/// leading zero, more than four digits.
pub(crate) fn site_error(site: &[u8]) -> Option<ErrorKind> {
    match site {
        [b'0'] => Some(ErrorKind::SiteZero),
        [b'0', ..] => Some(ErrorKind::SiteLeadingZero),
        s if s.len() > 4 => Some(ErrorKind::DigitCount {
            part: Part::Site,
            len: count(site.len()),
            expected: SITE_LENGTHS,
        }),
        _ => None,
    }
}

impl Default for Parts<'_> {
    fn default() -> Self {
        Parts {
            form: Form::IcpRecord,
            province: None,
            foreign: false,
            categories: Categories::default(),
            serial: "",
            site: None,
            service: None,
            warnings: Warnings::default(),
            len: 0,
        }
    }
}

/// The first character of `s` and its length in bytes; three-byte characters (every
/// province) decoded directly.
#[inline(always)]
fn first_char(s: &str) -> Option<(char, usize)> {
    match *s.as_bytes() {
        [x @ 0xe0..=0xef, y, z, ..] => {
            let c = (u32::from(x & 0x0f) << 12) | (u32::from(y & 0x3f) << 6) | u32::from(z & 0x3f);
            char::from_u32(c).map(|c| (c, 3))
        }
        _ => s.chars().next().map(|c| (c, c.len_utf8())),
    }
}

/// The grammar over `s`, by byte offsets: each rule takes where it starts and the parts read
/// so far, and returns them with the number's length, or the failure.
struct P<'s> {
    s: &'s str,
    lenient: bool,
    /// Whether runs of spaces between parts are skipped (see [`parse_spaced`]).
    spaced: bool,
}

impl<'s> P<'s> {
    /// Whether `t` is at byte `at`.
    #[inline(always)]
    fn is<const N: usize>(&self, at: usize, t: &[u8; N]) -> bool {
        self.s.as_bytes().get(at..at + N).is_some_and(|x| x == t)
    }

    /// Past a run of ASCII spaces at `at` when spaces are skipped (and the run is no longer
    /// than a gap folding removes); else `at`.
    #[inline(always)]
    fn gap(&self, at: usize) -> usize {
        if self.spaced && self.s.as_bytes().get(at) == Some(&b' ') {
            self.spaces(at)
        } else {
            at
        }
    }

    #[cold]
    #[inline(never)]
    fn spaces(&self, at: usize) -> usize {
        let b = self.s.as_bytes();
        let mut j = at;
        while b.get(j) == Some(&b' ') {
            j += 1;
        }
        if j - at > MAX_GAP { at } else { j }
    }

    /// Where the run of ASCII digits from `at` ends.
    #[inline(always)]
    fn digits(&self, at: usize) -> usize {
        at + self.s.as_bytes().get(at..).map_or(0, digit_run)
    }

    /// The text from `from` to `to` (ASCII, so always on character boundaries).
    #[inline(always)]
    fn text(&self, from: usize, to: usize) -> &'s str {
        let (head, _) = self.s.split_at_checked(to).unwrap_or_default();
        head.split_at_checked(from).unwrap_or_default().1
    }

    /// A licence category at `at`: `A1 A2 B1 B2`.
    #[inline(always)]
    fn category(&self, at: usize) -> Option<Categories> {
        match self.s.as_bytes().get(at..at + 2)? {
            b"A1" => Some(Categories::A1),
            b"A2" => Some(Categories::A2),
            b"B1" => Some(Categories::B1),
            b"B2" => Some(Categories::B2),
            _ => None,
        }
    }

    #[cold]
    fn unexpected(&self, at: usize, expected: Part) -> Fail {
        let kind = match self.s.get(at..).and_then(|rest| rest.chars().next()) {
            Some(found) => ErrorKind::UnexpectedChar { found, expected },
            None if at == 0 => ErrorKind::Empty,
            None => ErrorKind::UnexpectedEnd { expected },
        };
        Fail { kind, at }
    }

    #[inline(always)]
    fn number(&self) -> Result<Parts<'s>, Fail> {
        let mut p = Parts::default();
        match self.s.as_bytes().first() {
            Some(b'A' | b'B') => return self.licence(0, p),
            // 合 and 公 (and 吉 宁 台) start with this UTF-8 byte.
            Some(0xe5) => {
                if self.is(0, &HE_ZI) {
                    p.foreign = true;
                    return self.licence(HE_ZI.len(), p);
                }
                if self.is(0, &GONG_AN_BEI_AN_HAO) {
                    return self.psb(GONG_AN_BEI_AN_HAO.len(), p);
                }
            }
            _ => {}
        }
        let Some((c, len)) = first_char(self.s) else {
            return Err(self.unexpected(0, Part::Start));
        };
        let fail = |kind| Err(Fail { kind, at: 0 });
        let (province, variant) = match lead(c) {
            Lead::Official(p) => (p, false),
            Lead::Ordinary(p) => (p, true),
            Lead::Fake(p) => {
                let official = p.icp_char();
                return fail(ErrorKind::ProvinceVariant { found: c, official });
            }
            Lead::NotMainland => return fail(ErrorKind::NotMainland(c)),
            Lead::Joke => return fail(ErrorKind::Joke(c)),
            Lead::Unknown if (c as u32) >= 0x2e80 => return fail(ErrorKind::UnknownProvince(c)),
            Lead::Unknown => return Err(self.unexpected(0, Part::Start)),
        };
        p.province = Some(province);
        let i = self.gap(len);
        let icp = matches!(
            self.s.as_bytes().get(i..i + 3),
            Some(b"ICP" | b"icp" | b"Icp")
        );
        if !icp && self.is(i, &GONG_WANG_AN_BEI) {
            // Public-security numbers use the ordinary abbreviations: 川 is no variant here.
            return self.psb(i + GONG_WANG_AN_BEI.len(), p);
        }
        if variant {
            if !self.lenient {
                let official = province.icp_char();
                return fail(ErrorKind::ProvinceVariant { found: c, official });
            }
            p.warnings.insert(Warnings::PROVINCE_VARIANT);
        }
        if !icp {
            if self.category(i).is_some() {
                return self.licence(i, p);
            }
            return Err(self.unexpected(i, Part::Keyword));
        }
        let i = self.gap(i + 3);
        if self.is(i, &BEI) {
            let mut j = i + BEI.len();
            // Footers also write the label `ICP备案` before the serial (`皖ICP备案020533号`).
            if self.lenient && self.is(j, &AN) {
                j += AN.len();
            }
            j += usize::from(self.is(j, b":"));
            j = self.gap(j);
            if self.lenient {
                j += self.s.get(j..).and_then(bracketed_host).unwrap_or(0);
            }
            return self.record(j, p);
        }
        if self.is(i, &ZHENG) {
            let j = i + ZHENG.len();
            let j = self.gap(j + usize::from(self.is(j, b":")));
            // A licence in an ICP证 label (`京ICP证B2-20171701号`): the shape decides.
            if self.category(j).is_some() {
                return self.licence(j, p);
            }
            return self.certificate(j, p);
        }
        Err(self.unexpected(i, Part::IcpType))
    }

    #[inline(always)]
    fn check_year(&self, at: usize, year: u16) -> Result<(), Fail> {
        if year < 2000 {
            return Err(Fail {
                kind: ErrorKind::EarlyYear(year),
                at,
            });
        }
        if year > current_year() {
            return Err(Fail {
                kind: ErrorKind::FutureYear(year),
                at,
            });
        }
        Ok(())
    }

    /// `{P}ICP备` read; serial, 号, site.
    #[inline(always)]
    fn record(&self, i: usize, mut p: Parts<'s>) -> Result<Parts<'s>, Fail> {
        let (mut i, mut end) = (i, self.digits(i));
        if end == i {
            let Some(j) = self.spaces_then_digit(i) else {
                return Err(self.unexpected(i, Part::Serial));
            };
            (i, end) = (j, self.digits(j));
        }
        p.serial = self.text(i, end);
        // 6 to 8 digits, the commonest, need no further look.
        if (end - i).wrapping_sub(6) > 2
            && let Some(kind) = serial_error(p.serial.as_bytes())
        {
            return Err(Fail { kind, at: i });
        }
        self.tail(end, p)
    }

    /// Past a run of ASCII spaces at `at` that a digit follows, where a record's serial was
    /// expected at `at` (other parts leave spaces to [`parse_spaced`]). Only in the strict reading of raw
    /// text (`validate_number`'s first parse), and only as folding and [`parse_spaced`] skip
    /// them (at most [`MAX_GAP`] bytes), so that `京ICP备 12032080号` is read in one parse.
    /// Out of line: clean input pays nothing for it.
    #[cold]
    #[inline(never)]
    fn spaces_then_digit(&self, at: usize) -> Option<usize> {
        if self.lenient || self.spaced || self.s.as_bytes().get(at) != Some(&b' ') {
            return None;
        }
        let j = self.spaces(at);
        (j != at && self.s.as_bytes().get(j).is_some_and(u8::is_ascii_digit)).then_some(j)
    }

    /// `{P}ICP证` read; six digits, 号, site.
    #[inline(always)]
    fn certificate(&self, i: usize, mut p: Parts<'s>) -> Result<Parts<'s>, Fail> {
        let end = self.digits(i);
        match end - i {
            0 => return Err(self.unexpected(i, Part::Serial)),
            6 | 7 => {}
            n => return Err(digit_count(Part::Serial, n, CERT_LENGTHS, i)),
        }
        p.form = Form::IcpLicence;
        p.serial = self.text(i, end);
        self.tail(end, p)
    }

    /// Categories, `-`, eight digits (or the old `2004-0851`), 号, site.
    #[inline(always)]
    fn licence(&self, i: usize, mut p: Parts<'s>) -> Result<Parts<'s>, Fail> {
        let mut j = i;
        loop {
            let Some(bit) = self.category(j) else {
                return Err(self.unexpected(j, Part::Category));
            };
            p.categories.0 |= bit.0;
            j += 2;
            if self.is(j, b".") && self.category(j + 1).is_some() {
                j += 1;
            } else {
                break;
            }
        }
        let j = self.gap(j);
        if !self.is(j, b"-") {
            return Err(self.unexpected(j, Part::LicenceSerial));
        }
        let d = self.gap(j + 1);
        let first = self.digits(d);
        let end = match first - d {
            0 => return Err(self.unexpected(d, Part::LicenceSerial)),
            8 => first,
            4 if self.is(first, b"-") && self.digits(first + 1) == first + 5 => first + 5,
            n => return Err(digit_count(Part::LicenceSerial, n, LICENCE_LENGTHS, d)),
        };
        p.form = Form::TelecomLicence;
        p.serial = self.text(d, end);
        self.check_year(d, year4(p.serial.as_bytes()))?;
        self.tail(end, p)
    }

    /// `公网安备` or `公安备案号` read; 12 to 14 digits, 号.
    #[inline(always)]
    fn psb(&self, i: usize, mut p: Parts<'s>) -> Result<Parts<'s>, Fail> {
        let i = self.gap(i + usize::from(self.is(i, b":")));
        let end = self.digits(i);
        match end - i {
            0 => return Err(self.unexpected(i, Part::PsbDigits)),
            12..=14 => {}
            n => return Err(digit_count(Part::PsbDigits, n, PSB_LENGTHS, i)),
        }
        p.form = Form::Psb;
        p.serial = self.text(i, end);
        let b = p.serial.as_bytes();
        let code = (b[0] - b'0') * 10 + (b[1] - b'0');
        let by_code = Province::from_code(code);
        p.province = match (p.province, by_code) {
            (Some(q), by_code) => {
                if by_code != Some(q) {
                    p.warnings.insert(Warnings::PSB_CODE_MISMATCH);
                }
                Some(q)
            }
            (None, Some(q)) => Some(q),
            (None, None) => {
                let kind = ErrorKind::UnknownDivision(code);
                return Err(Fail { kind, at: i });
            }
        };
        let h = self.gap(end);
        p.len = if self.is(h, &HAO) { h + HAO.len() } else { end };
        Ok(p)
    }

    /// `号`, then `-site` and a service letter, or the site first and `号` after it.
    #[inline(always)]
    fn tail(&self, i: usize, mut p: Parts<'s>) -> Result<Parts<'s>, Fail> {
        let h = self.gap(i);
        let hao = self.is(h, &HAO);
        let mut end = if hao { h + HAO.len() } else { i };
        let d = self.gap(end);
        if self.is(d, b"-") {
            match self.site(self.gap(d + 1), &mut p) {
                Ok(after) => {
                    end = after;
                    let h = self.gap(end);
                    if !hao && self.is(h, &HAO) {
                        end = h + HAO.len();
                    }
                }
                Err(fail) if !self.lenient => return Err(fail),
                Err(_) => {}
            }
        }
        p.len = end;
        Ok(p)
    }

    /// The site number and service letter after `-`; where they end.
    #[inline(always)]
    fn site(&self, i: usize, p: &mut Parts<'s>) -> Result<usize, Fail> {
        let end = self.digits(i);
        if end == i {
            return Err(self.unexpected(i, Part::Site));
        }
        let site = self.text(i, end);
        if let Some(kind) = site_error(site.as_bytes()) {
            return Err(Fail { kind, at: i });
        }
        let b = self.s.as_bytes();
        let mut rest = end;
        if let Some(&letter @ b'A'..=b'Z') = b.get(end)
            && !b.get(end + 1).is_some_and(u8::is_ascii_alphanumeric)
        {
            if !matches!(letter, b'A' | b'X') {
                if !self.lenient {
                    let kind = ErrorKind::UnknownService(letter as char);
                    return Err(Fail { kind, at: end });
                }
                p.warnings.insert(Warnings::UNKNOWN_SERVICE);
            }
            p.service = Some(letter as char);
            rest += 1;
        }
        p.site = Some(site);
        Ok(rest)
    }
}

/// The year in the first four digits of `serial` (ASCII digits).
pub(crate) fn year4(serial: &[u8]) -> u16 {
    match *serial {
        [a, b, c, d, ..] => {
            let digit = |x: u8| u16::from(x.wrapping_sub(b'0'));
            digit(a) * 1000 + digit(b) * 100 + digit(c) * 10 + digit(d)
        }
        _ => serial
            .iter()
            .fold(0u16, |y, d| y * 10 + u16::from(d - b'0')),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digit_runs() {
        for s in [
            "",
            "1",
            "12345678",
            "123456789",
            "1234567x",
            "12345678901234号",
            "x1",
            "١٢",
        ] {
            let plain = s.bytes().take_while(u8::is_ascii_digit).count();
            assert_eq!(digit_run(s.as_bytes()), plain, "{s}");
        }
        for n in 0..20 {
            for tail in ["", "/", ":", "号", "\u{0}", "\u{ff10}"] {
                let s = format!("{}{tail}9", "7".repeat(n));
                let plain = s.bytes().take_while(u8::is_ascii_digit).count();
                assert_eq!(digit_run(s.as_bytes()), plain, "{s}");
            }
        }
    }
}
