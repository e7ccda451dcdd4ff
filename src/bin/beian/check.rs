//! `beian check`.

use std::io::Write;

use beian::{Number, Province, validate_number};
use serde_json::{Value, json};

pub fn run(json: bool, inputs: &[String]) -> i32 {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut all_valid = true;
    for input in inputs {
        let result = validate_number(input);
        all_valid &= result.is_ok();
        let text = if json {
            let mut v = match &result {
                Ok(n) => number_json(n),
                Err(_) => json!({ "valid": false }),
            };
            v["input"] = json!(input);
            v["valid"] = json!(result.is_ok());
            if let Err(e) = &result {
                v["error"] = json!({
                    "kind": e.kind().code(),
                    "offset": e.offset(),
                    "message": e.to_string(),
                    "message_zh": e.message_zh().to_string(),
                });
            }
            format!("{v}\n")
        } else {
            match &result {
                Ok(n) => human(input, n),
                Err(e) => {
                    let col = width(&input[..e.offset()]);
                    format!(
                        "{input}: invalid\n  {input}\n  {caret}^ {e}\n  {pad}  {zh}\n",
                        caret = " ".repeat(col),
                        pad = " ".repeat(col),
                        zh = e.message_zh()
                    )
                }
            }
        };
        if out.write_all(text.as_bytes()).is_err() {
            return 1;
        }
    }
    if all_valid { 0 } else { 1 }
}

/// A province as JSON: its characters, name and code.
pub fn province_json(p: Option<Province>) -> Value {
    match p {
        Some(p) => json!({
            "char": p.icp_char().to_string(),
            "psb_char": p.psb_char().to_string(),
            "name": p.name(),
            "code": p.code(),
        }),
        None => Value::Null,
    }
}

/// The parts of a number, as the JSON of `check` and `scan` share them.
pub fn number_json(n: &Number<'_>) -> Value {
    json!({
        "canonical": n.to_string(),
        "kind": n.kind().as_str(),
        "form": n.form().as_str(),
        "province": province_json(n.province()),
        "serial": n.serial(),
        "year": n.year(),
        "site": n.site(),
        "service": n.service().map(String::from),
        "categories": (!n.categories().is_empty()).then(|| n.categories().to_string()),
        "foreign_invested": n.is_foreign_invested(),
        "cdn_digits": n.cdn_digits(),
        "placeholder": n.is_placeholder(),
        "warnings": n.warnings().iter().map(|w| w.as_str()).collect::<Vec<_>>(),
    })
}

fn human(input: &str, n: &Number<'_>) -> String {
    let mut s = format!("{input}: valid\n");
    let mut line = |k: &str, v: String| s.push_str(&format!("  {k:<11}{v}\n"));
    line("canonical", n.to_string());
    line("form", n.form().as_str().into());
    line("kind", n.kind().as_str().into());
    if let Some(p) = n.province() {
        line(
            "province",
            format!("{} {} ({})", p.icp_char(), p.name(), p.code()),
        );
    }
    if !n.categories().is_empty() {
        line("categories", n.categories().to_string());
    }
    let year = n.year().map(|y| format!(" (year {y})")).unwrap_or_default();
    line("serial", format!("{}{year}", n.serial()));
    if let Some(site) = n.site() {
        line("site", site.to_string());
    }
    if let Some(c) = n.service() {
        line("service", c.to_string());
    }
    line("cdn digits", n.cdn_digits().to_string());
    if n.is_placeholder() {
        line(
            "placeholder",
            "yes: a known example, not a real number".into(),
        );
    }
    for w in n.warnings().iter() {
        line("warning", w.to_string());
    }
    s
}

/// Terminal columns of `s`: East Asian wide and full-width characters take two.
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115f
            | 0x2e80..=0x303e
            | 0x3040..=0xa4cf
            | 0xac00..=0xd7a3
            | 0xf900..=0xfaff
            | 0xfe30..=0xfe4f
            | 0xff00..=0xff60
            | 0xffe0..=0xffe6
            | 0x20000..=0x3fffd => 2,
            _ => 1,
        })
        .sum()
}
