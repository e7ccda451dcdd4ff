//! A flat, owned report of one input, for printing and JSON.

use super::decision::{PlatformList, TldStatus};
use super::rules::Rules;

/// The platform part of a [`Report`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PlatformReport {
    /// The platform's shared domain.
    pub domain: String,
    /// Who operates it.
    pub provider: String,
    /// Where the entry comes from.
    pub source: String,
    /// Which list named it.
    pub list: PlatformList,
}

/// Everything known about one input, flattened: the shape of `beian domain --json`.
///
/// Fields that do not apply are `None` (JSON `null`). For input that is not a host, only
/// `input` and the `error*` fields are set.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Report {
    /// The input as given.
    pub input: String,
    /// The normalised ASCII host.
    pub host: Option<String>,
    /// The host in Unicode for display.
    pub unicode: Option<String>,
    /// `domain`, `ipv4` or `ipv6`.
    pub kind: Option<&'static str>,
    /// The registrable domain (ICANN section of the PSL).
    pub registrable: Option<String>,
    /// The public suffix (ICANN section).
    pub suffix: Option<String>,
    /// The last label.
    pub tld: Option<String>,
    /// The host's level (the registrable domain is level 2).
    pub level: Option<usize>,
    /// `true`, `false`, or `None` when unknown or not applicable.
    pub tld_approved: Option<bool>,
    /// The approval status, `None` when not applicable (IP, unknown TLD).
    pub tld_status: Option<TldStatus>,
    /// The list entry that settled the approval.
    pub tld_entry: Option<String>,
    /// The list (file, section, date) the approval answer comes from.
    pub tld_source: Option<String>,
    /// The provider platform domain the host is under.
    pub platform: Option<PlatformReport>,
    /// The name to file for a website.
    pub website: Option<String>,
    /// The name to file for an app.
    pub app: Option<String>,
    /// Why not (English), when something cannot be filed.
    pub reason: Option<String>,
    /// Why not, machine-readable (`tld_not_approved`, ...).
    pub reason_code: Option<&'static str>,
    /// Why not, in Chinese.
    pub reason_zh: Option<String>,
    /// A one-line explanation in English.
    pub explanation: Option<String>,
    /// Why the input is not a host (English).
    pub error: Option<String>,
    /// Why the input is not a host, machine-readable.
    pub error_code: Option<&'static str>,
    /// Why the input is not a host (Chinese).
    pub error_zh: Option<String>,
}

impl Report {
    /// Decides for `input` with `rules` and flattens the answer.
    pub fn new(rules: &Rules, input: &str) -> Report {
        let mut r = Report {
            input: input.to_owned(),
            host: None,
            unicode: None,
            kind: None,
            registrable: None,
            suffix: None,
            tld: None,
            level: None,
            tld_approved: None,
            tld_status: None,
            tld_entry: None,
            tld_source: None,
            platform: None,
            website: None,
            app: None,
            reason: None,
            reason_code: None,
            reason_zh: None,
            explanation: None,
            error: None,
            error_code: None,
            error_zh: None,
        };
        let d = match rules.decide(input) {
            Ok(d) => d,
            Err(e) => {
                r.error = Some(e.to_string());
                r.error_code = Some(e.code());
                r.error_zh = Some(e.message_zh());
                return r;
            }
        };
        let host = d.host();
        r.host = Some(host.as_str().to_owned());
        r.unicode = Some(host.to_unicode().into_owned());
        r.kind = Some(match host.ip() {
            Some(std::net::IpAddr::V4(_)) => "ipv4",
            Some(std::net::IpAddr::V6(_)) => "ipv6",
            None => "domain",
        });
        r.registrable = d.registrable().map(str::to_owned);
        r.suffix = d.suffix().map(str::to_owned);
        r.tld = d.tld().map(str::to_owned);
        r.level = d.level();
        if let Some(a) = d.tld_approval() {
            r.tld_approved = a.status.as_bool();
            r.tld_status = Some(a.status);
            r.tld_source = Some(a.source.to_owned());
        }
        r.tld_entry = d.tld_approval_entry().map(str::to_owned);
        r.platform = d.platform().map(|p| PlatformReport {
            domain: p.domain.to_owned(),
            provider: p.provider.to_owned(),
            source: p.source.to_owned(),
            list: p.list,
        });
        r.website = d.website().map(str::to_owned);
        r.app = d.app().map(str::to_owned);
        if let Some(reason) = d.reason() {
            r.reason = Some(reason.to_string());
            r.reason_code = Some(reason.code());
            r.reason_zh = Some(reason.message_zh());
        }
        r.explanation = Some(d.explain());
        r
    }
}
