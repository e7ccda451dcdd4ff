//! Which domain needs filing: normalise a host or URL, find its registrable domain with the
//! public suffix list, and decide what a website or an app has to file, or why it cannot.
//!
//! # Terms
//!
//! - **Host**: what [`normalize`] returns: a lowercase ASCII (Punycode) domain name without
//!   trailing dot, or an IP address.
//! - **Public suffix**: the longest rule of the ICANN section of the public suffix list (PSL)
//!   that matches the host (`com`, `com.cn`, `公司.cn`). The private section is used only to
//!   recognise platform shared domains.
//! - **Registrable domain**: the public suffix plus one label (`example.com`, `example.com.cn`).
//!   This is what the cloud providers' FAQs call the 顶级域名 or 主域名, and what a website files.
//! - **Level** (defined here once and used everywhere in this crate): the public suffix counts as
//!   level 1 however many labels it has; each label to its left adds one.
//!
//!   | host               | suffix   | level |
//!   |--------------------|----------|-------|
//!   | `com.cn`           | `com.cn` | 1     |
//!   | `a.com.cn`         | `com.cn` | 2 (the registrable domain) |
//!   | `news.a.com.cn`    | `com.cn` | 3     |
//!   | `x.news.a.com.cn`  | `com.cn` | 4 (deepest name an app may file) |
//!   | `x.news.a.com`     | `com`    | 4     |
//!
//! # Rules applied by [`decide`]
//!
//! 1. A website files the registrable domain; that filing covers every name under it.
//! 2. An IP address is its own filing subject (website and app); addresses that are not
//!    publicly routable (private, loopback, link-local, documentation ranges) need no filing.
//! 3. An app may file the name it uses when that name is at most level 4.
//! 4. Cannot be filed: a top-level domain unknown to the PSL (the implicit `*` rule is not
//!    trusted), a host that is itself a public suffix, a host under a provider platform domain
//!    (the shipped platform table, or a PSL private-section suffix), or a suffix that a source
//!    settles as not approved by MIIT. Approval has three states ([`TldStatus`]); "unknown"
//!    is reported, not refused, because the shipped approved list is a partial seed.
//!
//! The shipped data (`data/`) is embedded and parsed once ([`Rules::shared`]); [`Rules::builder`]
//! loads newer files at run time.
//!
//! ```
//! use beian::domain::{FilingIndex, Reason, TldStatus, covers, decide};
//!
//! let d = decide("https://News.例子.中国/index.html").unwrap();
//! assert_eq!(d.host().as_str(), "news.xn--fsqu00a.xn--fiqs8s");
//! assert_eq!(d.registrable(), Some("xn--fsqu00a.xn--fiqs8s"));
//! assert_eq!(d.level(), Some(3));
//! assert_eq!(d.website(), Some("xn--fsqu00a.xn--fiqs8s")); // level 2 covers its subdomains
//! assert_eq!(d.app(), Some("news.xn--fsqu00a.xn--fiqs8s")); // an app may file level 3 or 4
//! assert_eq!(d.tld_approval().unwrap().status, TldStatus::Approved);
//!
//! let d = decide("bucket.oss-cn-hangzhou.aliyuncs.com").unwrap();
//! assert_eq!(d.reason(), Some(Reason::Platform));
//! assert_eq!(decide("example.io").unwrap().reason(), Some(Reason::TldNotApproved));
//! assert_eq!(decide("example.org").unwrap().tld_approval().unwrap().status, TldStatus::Unknown);
//! assert_eq!(decide("ex_ample.com").unwrap_err().to_string(), "invalid character '_' at byte 2");
//! assert!(covers("example.com", "WWW.EXAMPLE.COM."));
//!
//! let mut index = FilingIndex::new();
//! index.insert("example.com", "京ICP备12345678号").unwrap();
//! assert_eq!(index.lookup("https://mail.example.com/").unwrap().value, &"京ICP备12345678号");
//! ```

mod classes;
mod decision;
mod error;
mod host;
mod index;
mod punycode;
mod report;
mod rules;
mod table;

pub use decision::{Decision, Platform, PlatformList, Reason, TldApproval, TldStatus, covers};
pub use error::{DataError, DomainError, DomainErrorKind};
pub use host::{Host, normalize};
pub use index::{FilingIndex, IndexMatch};
pub use report::{PlatformReport, Report};
pub use rules::{
    Rules, RulesBuilder, SHIPPED_APPROVED_TLDS, SHIPPED_PLATFORMS, SHIPPED_PSL,
    SHIPPED_PSL_VERSION, SHIPPED_UNAPPROVED_TLDS, Section, SuffixMatch,
};

/// Decides, with the shipped rules, what `input` (a host, IP address or URL) has to file.
///
/// Shorthand for `Rules::shared().decide(input)`.
pub fn decide(input: &str) -> Result<Decision<'_>, DomainError> {
    Rules::shared().decide(input)
}

/// The registrable domain (ICANN section) of a host or URL, with the shipped rules; `None` for
/// an IP address, a public suffix, or a top-level domain unknown to the PSL.
///
/// ```
/// assert_eq!(beian::domain::registrable_domain("WWW.EXAMPLE.COM.CN").unwrap().as_deref(), Some("example.com.cn"));
/// ```
pub fn registrable_domain(input: &str) -> Result<Option<std::borrow::Cow<'_, str>>, DomainError> {
    let host = normalize(input)?;
    if host.is_ip() {
        return Ok(None);
    }
    let rules = Rules::shared();
    let m = rules.suffix_match(host.as_str());
    if !m.tld_known() {
        return Ok(None);
    }
    let Some(reg) = m.registrable(Section::Icann) else {
        return Ok(None);
    };
    let start = host.as_str().len() - reg.len();
    Ok(Some(match host.into_cow() {
        std::borrow::Cow::Borrowed(b) => std::borrow::Cow::Borrowed(&b[start..]),
        std::borrow::Cow::Owned(o) => std::borrow::Cow::Owned(o[start..].to_owned()),
    }))
}
