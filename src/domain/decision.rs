//! The filing decision for one host.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::error::DomainError;
use super::host::{Host, normalize};
use super::rules::{APPROVED, Rules};

/// Whether a top-level domain (or `.cn` zone) is approved by MIIT for filing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum TldStatus {
    /// On the approved list in use.
    Approved,
    /// Settled as not approved: by the unapproved list, or by absence from a complete list.
    NotApproved,
    /// No list in use settles it (the shipped approved list is partial).
    Unknown,
}

impl TldStatus {
    /// `Some(true)`, `Some(false)` or `None` (unknown).
    pub fn as_bool(self) -> Option<bool> {
        match self {
            TldStatus::Approved => Some(true),
            TldStatus::NotApproved => Some(false),
            TldStatus::Unknown => None,
        }
    }
}

/// The approval status of a host's suffix and where the answer comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TldApproval<'a> {
    /// The status.
    pub status: TldStatus,
    /// The list (file, section, date) that gave the answer; for [`TldStatus::Unknown`], the
    /// approved list that was searched.
    pub source: &'a str,
}

/// Which list named a platform domain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum PlatformList {
    /// The crate's provider platform table (`data/platforms.txt`).
    Platforms,
    /// The private section of the public suffix list.
    PslPrivate,
}

/// A provider platform domain that a host sits under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Platform<'a> {
    /// The platform's shared domain (`chinacloudsites.cn`, `s3.cn-north-1.amazonaws.com.cn`).
    pub domain: &'a str,
    /// Who operates it.
    pub provider: &'a str,
    /// Where the entry comes from.
    pub source: &'a str,
    /// Which list named it.
    pub list: PlatformList,
}

/// Why a name cannot be filed (or, for [`Reason::TooDeepForApp`], cannot be filed by an app).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Reason {
    /// An IP address that is not publicly routable: nothing on the Internet to file.
    NonPublicAddress,
    /// The top-level domain is not in the public suffix list.
    UnknownTld,
    /// The host is itself a public suffix (`com.cn`), not a registrable domain.
    PublicSuffix,
    /// The host is under a provider platform domain that the provider files.
    Platform,
    /// The suffix is settled as not approved by MIIT.
    TldNotApproved,
    /// The host is deeper than level 4, the deepest an app may file; the website answer
    /// (the registrable domain) still applies.
    TooDeepForApp {
        /// The host's level.
        level: usize,
    },
}

impl Reason {
    /// A stable machine-readable name, such as `tld_not_approved`.
    pub fn code(self) -> &'static str {
        match self {
            Reason::NonPublicAddress => "non_public_address",
            Reason::UnknownTld => "unknown_tld",
            Reason::PublicSuffix => "public_suffix",
            Reason::Platform => "platform",
            Reason::TldNotApproved => "tld_not_approved",
            Reason::TooDeepForApp { .. } => "too_deep_for_app",
        }
    }

    /// The message in Chinese.
    pub fn message_zh(self) -> String {
        match self {
            Reason::NonPublicAddress => "不是公网地址，无需备案".into(),
            Reason::UnknownTld => "顶级域不在公共后缀列表中".into(),
            Reason::PublicSuffix => "主机名本身是公共后缀，不是可注册域名".into(),
            Reason::Platform => {
                "属于云服务商平台域名，由服务商备案，客户须使用并备案自己的域名".into()
            }
            Reason::TldNotApproved => "顶级域未经工信部批准，不能备案".into(),
            Reason::TooDeepForApp { level } => {
                format!("是 {level} 级域名，App 最多只能备案到 4 级域名")
            }
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::NonPublicAddress => f.write_str("not a public address, nothing to file"),
            Reason::UnknownTld => f.write_str("top-level domain not in the public suffix list"),
            Reason::PublicSuffix => {
                f.write_str("host is a public suffix, not a registrable domain")
            }
            Reason::Platform => f.write_str(
                "under a provider platform domain filed by the provider; file your own domain",
            ),
            Reason::TldNotApproved => f.write_str("top-level domain not approved by miit"),
            Reason::TooDeepForApp { level } => {
                write!(
                    f,
                    "level {level} is deeper than level 4, the deepest an app may file"
                )
            }
        }
    }
}

/// What a host has to file, for a website and for an app, or why it cannot.
///
/// Names returned by the accessors are slices of the normalised host.
#[derive(Debug, Clone)]
pub struct Decision<'a> {
    host: Host<'a>,
    rules: &'a Rules,
    // Byte offsets into the host (at most 253 bytes long); `NO` when absent.
    suffix: u8,
    registrable: u8,
    tld: u8,
    approval_entry: u8,
    website: u8,
    platform_start: u8,
    /// 0 when absent.
    level: u8,
    app: bool,
    approval: Option<TldStatus>,
    /// Index of the approval source in the rules; `u16::MAX` for the approved list's name.
    approval_source: u16,
    platform_list: Option<PlatformList>,
    platform_index: u32,
    reason: Option<Reason>,
}

const NO: u8 = u8::MAX;

impl PartialEq for Decision<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.host == other.host
            && self.website() == other.website()
            && self.app() == other.app()
            && self.reason == other.reason
            && self.suffix() == other.suffix()
            && self.tld_approval() == other.tld_approval()
            && self.platform() == other.platform()
    }
}

impl Eq for Decision<'_> {}

impl<'a> Decision<'a> {
    /// The normalised host.
    #[inline]
    pub fn host(&self) -> &Host<'a> {
        &self.host
    }

    #[inline]
    fn tail(&self, start: u8) -> Option<&str> {
        if start == NO {
            None
        } else {
            self.host.as_str().get(start as usize..)
        }
    }

    /// The public suffix (ICANN section); for an unknown TLD, the TLD. `None` for an IP.
    pub fn suffix(&self) -> Option<&str> {
        self.tail(self.suffix)
    }

    /// The last label. `None` for an IP.
    pub fn tld(&self) -> Option<&str> {
        self.tail(self.tld)
    }

    /// The registrable domain (ICANN section). `None` for an IP, a public suffix or an
    /// unknown TLD.
    #[inline]
    pub fn registrable(&self) -> Option<&str> {
        self.tail(self.registrable)
    }

    /// The host's level (see the module docs). `None` for an IP or an unknown TLD.
    pub fn level(&self) -> Option<usize> {
        (self.level != 0).then_some(self.level as usize)
    }

    /// Approval of the suffix by MIIT, with its source. `None` for an IP or an unknown TLD.
    pub fn tld_approval(&self) -> Option<TldApproval<'a>> {
        let status = self.approval?;
        let source = if self.approval_source == u16::MAX {
            &*self.rules.approved_name
        } else {
            self.rules.source(self.approval_source)
        };
        Some(TldApproval { status, source })
    }

    /// The list entry that settled the approval (`com.cn`, `cn`, `io`), if any.
    pub fn tld_approval_entry(&self) -> Option<&str> {
        self.tail(self.approval_entry)
    }

    /// The provider platform domain the host is under, if any.
    pub fn platform(&self) -> Option<Platform<'_>> {
        let list = self.platform_list?;
        let domain = self.tail(self.platform_start)?;
        let (provider, source) = match list {
            PlatformList::Platforms => {
                let p = self.rules.platform(self.platform_index)?;
                (&*p.provider, &*p.source)
            }
            PlatformList::PslPrivate => (
                self.rules
                    .org(self.platform_index)
                    .unwrap_or("unknown provider"),
                &*self.rules.psl_name,
            ),
        };
        Some(Platform {
            domain,
            provider,
            source,
            list,
        })
    }

    /// The name to file for a website, or `None` when it cannot be filed (see
    /// [`Decision::reason`]).
    #[inline]
    pub fn website(&self) -> Option<&str> {
        self.tail(self.website)
    }

    /// The name to file for an app, or `None` when it cannot be filed (see
    /// [`Decision::reason`]).
    #[inline]
    pub fn app(&self) -> Option<&str> {
        if self.app {
            Some(self.host.as_str())
        } else {
            None
        }
    }

    /// Why the website (or, when [`Decision::website`] is `Some`, the app) cannot be filed.
    #[inline]
    pub fn reason(&self) -> Option<Reason> {
        self.reason
    }

    /// Whether anything can be filed for this host (a website filing at least).
    pub fn is_fileable(&self) -> bool {
        self.website != NO
    }

    /// A one-line explanation in English, naming the names and sources involved.
    pub fn explain(&self) -> String {
        let host = self.host.as_str();
        match self.reason {
            Some(Reason::NonPublicAddress) => {
                format!("'{host}' is not a public address: nothing reachable to file")
            }
            Some(Reason::UnknownTld) => format!(
                "top-level domain '{}' is not in the public suffix list: cannot be filed",
                self.tld().unwrap_or(host)
            ),
            Some(Reason::PublicSuffix) => {
                format!("'{host}' is a public suffix, not a registrable domain: cannot be filed")
            }
            Some(Reason::Platform) => {
                let p = self.platform();
                let (d, prov) = p.map_or(("", ""), |p| (p.domain, p.provider));
                format!(
                    "'{host}' is under the platform domain '{d}' ({prov}), filed by the provider: \
                     file your own domain instead"
                )
            }
            Some(Reason::TldNotApproved) => format!(
                "suffix '{}' is not approved by miit (source: {}): cannot be filed",
                self.tld_approval_entry().or(self.suffix()).unwrap_or(""),
                self.tld_approval().map_or("", |a| a.source)
            ),
            Some(Reason::TooDeepForApp { level }) => format!(
                "a website files '{}'; '{host}' is level {level}, deeper than level 4, so an app \
                 cannot file it by itself",
                self.website().unwrap_or("")
            ),
            None if self.host.is_ip() => {
                format!("'{host}' is its own filing subject, for a website and for an app")
            }
            None => {
                let mut s = format!(
                    "a website files '{}' (covers its subdomains); an app may file '{host}'",
                    self.website().unwrap_or("")
                );
                if let Some(level) = self.level() {
                    s.push_str(&format!(" (level {level})"));
                }
                if let Some(a) = self
                    .tld_approval()
                    .filter(|a| a.status == TldStatus::Unknown)
                {
                    s.push_str(&format!(
                        "; approval of suffix '{}' is unknown to {}",
                        self.suffix().unwrap_or(""),
                        a.source
                    ));
                }
                s
            }
        }
    }

    /// The explanation in Chinese.
    pub fn explain_zh(&self) -> String {
        let host = self.host.as_str();
        match self.reason {
            Some(Reason::TooDeepForApp { level }) => format!(
                "网站备案 '{}'；'{host}' 是 {level} 级域名，App 最多只能备案到 4 级域名",
                self.website().unwrap_or("")
            ),
            Some(r) => format!("'{host}' {}", r.message_zh()),
            None if self.host.is_ip() => format!("'{host}' 本身即备案对象（网站和 App）"),
            None => {
                let mut s = format!(
                    "网站备案 '{}'（含其下所有子域名）；App 可备案 '{host}'",
                    self.website().unwrap_or("")
                );
                if self.approval == Some(TldStatus::Unknown) {
                    s.push_str("；该后缀是否可备案未知（内置列表不完整）");
                }
                s
            }
        }
    }
}

/// Whether an address is publicly routable (a conservative reading of the IANA special-purpose
/// registries).
fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public_v4(v4);
            }
            let s = v6.segments();
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (s[0] & 0xfe00) == 0xfc00 // unique local
                || (s[0] & 0xffc0) == 0xfe80 // link-local
                || (s[0] == 0x2001 && s[1] == 0x0db8) // documentation
                || v6 == Ipv6Addr::new(0, 0, 0, 0, 0, 0, 0, 1))
        }
    }
}

fn is_public_v4(v4: Ipv4Addr) -> bool {
    let o = v4.octets();
    !(v4.is_private()
        || v4.is_loopback()
        || v4.is_link_local()
        || v4.is_broadcast()
        || v4.is_documentation()
        || v4.is_unspecified()
        || v4.is_multicast()
        || o[0] == 0
        || (o[0] == 100 && (o[1] & 0xc0) == 64) // shared address space
        || (o[0] == 198 && (o[1] & 0xfe) == 18) // benchmarking
        || o[0] >= 240)
}

impl Rules {
    /// Decides what `input` (a host, IP address or URL) has to file under these rules.
    #[inline]
    pub fn decide<'a>(&'a self, input: &'a str) -> Result<Decision<'a>, DomainError> {
        Ok(self.decide_host(normalize(input)?))
    }

    /// Decides for an already normalised host.
    #[inline]
    pub fn decide_host<'a>(&'a self, host: Host<'a>) -> Decision<'a> {
        let mut d = Decision {
            host,
            rules: self,
            suffix: NO,
            registrable: NO,
            tld: NO,
            approval_entry: NO,
            website: NO,
            platform_start: NO,
            level: 0,
            app: false,
            approval: None,
            approval_source: u16::MAX,
            platform_list: None,
            platform_index: 0,
            reason: None,
        };
        if let Some(ip) = d.host.ip() {
            if is_public(ip) {
                d.website = 0;
                d.app = true;
            } else {
                d.reason = Some(Reason::NonPublicAddress);
            }
            return d;
        }
        let w = self.walk(d.host.as_str());
        d.tld = w.tld as u8;
        d.suffix = w.icann as u8;
        if !w.known {
            d.reason = Some(Reason::UnknownTld);
            return d;
        }
        // Level: one plus the labels left of the suffix.
        let mut level = 1u8;
        let mut reg = NO;
        if w.icann > 0 {
            // The labels left of the suffix: one more level for each dot among them, the
            // registrable domain after the last.
            let left = w.icann - 1;
            level = 2 + w.dots.count_before(left) as u8;
            reg = w.dots.last_before(left).map_or(0, |dot| (dot + 1) as u8);
        }
        d.registrable = reg;
        d.level = level;

        // Approval: the longest list entry within the public suffix.
        match w.approval {
            Some((start, flags, src)) => {
                d.approval_entry = start as u8;
                d.approval_source = src;
                d.approval = Some(if flags & APPROVED != 0 {
                    TldStatus::Approved
                } else {
                    TldStatus::NotApproved
                });
            }
            None => {
                d.approval = Some(if self.approved_complete {
                    TldStatus::NotApproved
                } else {
                    TldStatus::Unknown
                });
            }
        }

        // Platform: the curated table first, then the PSL private section.
        if let Some((start, idx)) = w.platform {
            d.platform_start = start as u8;
            d.platform_index = idx;
            d.platform_list = Some(PlatformList::Platforms);
        } else if w.all < w.icann && reg != NO && reg > 0 {
            d.platform_start = w.all as u8;
            d.platform_index = w.org;
            d.platform_list = Some(PlatformList::PslPrivate);
        }

        if w.icann == 0 {
            d.reason = Some(Reason::PublicSuffix);
        } else if d.platform_list.is_some() {
            d.reason = Some(Reason::Platform);
        } else if d.approval == Some(TldStatus::NotApproved) {
            d.reason = Some(Reason::TldNotApproved);
        } else {
            d.website = d.registrable;
            if level <= 4 {
                d.app = true;
            } else {
                d.reason = Some(Reason::TooDeepForApp {
                    level: level as usize,
                });
            }
        }
        d
    }

    /// Whether a filing of `filed` covers `host` under these rules (both are normalised first;
    /// input that is not a host covers nothing).
    ///
    /// A filing of a registrable domain (level 2) covers it and every name under it. A filing
    /// of a deeper name (an app filing of a level 3 or 4 name) covers that name only. An IP
    /// filing covers that address only. Names that cannot be filed cover nothing.
    pub fn covers(&self, filed: &str, host: &str) -> bool {
        let (Ok(f), Ok(h)) = (normalize(filed), normalize(host)) else {
            return false;
        };
        self.covers_hosts(&f, &h)
    }

    pub(crate) fn covers_hosts(&self, filed: &Host<'_>, host: &Host<'_>) -> bool {
        if filed.is_ip() || host.is_ip() {
            return filed.ip() == host.ip() && filed.ip().is_some_and(is_public);
        }
        let (f, h) = (filed.as_str(), host.as_str());
        let d = self.decide_host(Host::clone(filed));
        if d.reason
            .is_some_and(|r| !matches!(r, Reason::TooDeepForApp { .. }))
        {
            return false;
        }
        if f == h {
            return d.level().is_some_and(|l| l <= 4);
        }
        d.level() == Some(2)
            && h.len() > f.len()
            && h.ends_with(f)
            && h.as_bytes()[h.len() - f.len() - 1] == b'.'
    }
}

/// Whether a filing of `filed` covers `host`, with the shipped rules (see [`Rules::covers`]).
///
/// ```
/// use beian::domain::covers;
/// assert!(covers("example.com", "https://mail.example.com/inbox"));
/// assert!(covers("news.a.com", "news.a.com"));
/// assert!(!covers("news.a.com", "x.news.a.com"));
/// assert!(!covers("example.com", "example.com.cn"));
/// ```
pub fn covers(filed: &str, host: &str) -> bool {
    Rules::shared().covers(filed, host)
}
