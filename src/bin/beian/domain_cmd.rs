//! `beian domain [--json] HOST_OR_URL...`: which name to file for each host or URL.
#![allow(dead_code)]

use std::io::Write;
use std::path::Path;

use beian::domain::{Report, Rules, TldStatus};

/// Runs the `domain` subcommand and returns the exit status: 0 when every input was a host,
/// 1 when any was not, 2 when a data file given on the command line cannot be loaded.
///
/// `psl` replaces the shipped public suffix list; `tlds` replaces the shipped approved-TLD
/// list and is treated as the authoritative, complete list.
pub fn run(json: bool, inputs: &[String], psl: Option<&Path>, tlds: Option<&Path>) -> i32 {
    let owned;
    let rules: &Rules = if psl.is_none() && tlds.is_none() {
        Rules::shared()
    } else {
        match load(psl, tlds) {
            Ok(r) => {
                owned = r;
                &owned
            }
            Err(e) => {
                eprintln!("beian domain: {e}");
                return 2;
            }
        }
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut status = 0;
    for input in inputs {
        let report = Report::new(rules, input);
        if report.error.is_some() {
            status = 1;
        }
        let written = if json {
            serde_json::to_string(&report)
                .map_err(std::io::Error::other)
                .and_then(|s| writeln!(out, "{s}"))
        } else {
            write_human(&mut out, &report)
        };
        if written.is_err() {
            // Closed pipe: stop quietly.
            return status;
        }
    }
    status
}

fn load(psl: Option<&Path>, tlds: Option<&Path>) -> Result<Rules, beian::domain::DataError> {
    let mut b = Rules::builder();
    if let Some(p) = psl {
        b = b.psl_file(p)?;
    }
    if let Some(t) = tlds {
        b = b.approved_tlds_file(t)?;
    }
    b.build()
}

fn or_dash(s: Option<&str>) -> &str {
    s.unwrap_or("-")
}

fn write_human(out: &mut impl Write, r: &Report) -> std::io::Result<()> {
    writeln!(out, "{}", r.input)?;
    if let Some(e) = &r.error {
        writeln!(out, "  error        {e}")?;
        if let Some(zh) = &r.error_zh {
            writeln!(out, "               {zh}")?;
        }
        return writeln!(out);
    }
    let host = or_dash(r.host.as_deref());
    match r.unicode.as_deref() {
        Some(u) if u != host => writeln!(out, "  host         {host} ({u})")?,
        _ => writeln!(
            out,
            "  host         {host} ({})",
            r.kind.unwrap_or("domain")
        )?,
    }
    if r.kind == Some("domain") {
        writeln!(
            out,
            "  registrable  {} (suffix {}, level {})",
            or_dash(r.registrable.as_deref()),
            or_dash(r.suffix.as_deref()),
            r.level.map_or("-".to_string(), |l| l.to_string())
        )?;
        let status = match r.tld_status {
            Some(TldStatus::Approved) => "approved",
            Some(TldStatus::NotApproved) => "not approved",
            Some(TldStatus::Unknown) => "unknown",
            None => "-",
        };
        writeln!(
            out,
            "  tld          {}: {status} [{}]",
            or_dash(r.tld_entry.as_deref().or(r.tld.as_deref())),
            or_dash(r.tld_source.as_deref())
        )?;
        if let Some(p) = &r.platform {
            writeln!(out, "  platform     {} ({})", p.domain, p.provider)?;
        }
    }
    writeln!(out, "  website      {}", or_dash(r.website.as_deref()))?;
    writeln!(out, "  app          {}", or_dash(r.app.as_deref()))?;
    if let (Some(reason), Some(zh)) = (&r.reason, &r.reason_zh) {
        writeln!(out, "  reason       {reason}")?;
        writeln!(out, "               {zh}")?;
    }
    if let Some(e) = &r.explanation {
        writeln!(out, "  => {e}")?;
    }
    writeln!(out)
}
