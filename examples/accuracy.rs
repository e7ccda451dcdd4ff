//! Precision and recall on the labelled footer corpus (`tests/corpus/footers/`), for
//! `beian::scan::find_iter` and for the extractors public tools use, side by side.
//!
//! `cargo run --release --example accuracy` prints a Markdown table (the README's).
//!
//! Each extractor is the tool's own regular expression, quoted from its source (repository,
//! path and commit below), translated to the `regex` crate's syntax only where the engines
//! differ, and applied as the tool applies it (first match or all, on what text, with what
//! clean-up). One liberty, in every extractor's favour: what an extractor returns is read back
//! through `beian`'s own grammar, so `京ICP备11018762` counts as `京ICP备11018762号` and a
//! full-width or spaced match as its canonical text. A returned string that holds no number is
//! a false positive as written.

use regex::Regex;

#[path = "../tests/corpus/footers.rs"]
mod footers;
use footers::{score, snippets};

/// The provinces as go-pkg-spider and commons-spider list them.
const SPIDER_PROVINCES: &str = "京|津|冀|晋|蒙|辽|吉|黑|沪|苏|浙|皖|闽|赣|鲁|豫|鄂|湘|粤|桂|琼|川|蜀|贵|黔|云|滇|渝|藏|陇|甘|陕|秦|青|宁|新";
/// The provinces as VirusDetector lists them (`PROVINCE_PATTERN`).
const VD_PROVINCES: &str = "京|津|沪|渝|冀|豫|云|滇|辽|黑|湘|皖|鲁|新|苏|浙|赣|鄂|桂|甘|陇|晋|蒙|陕|秦|吉|闽|贵|黔|粤|川|蜀|青|藏|琼|宁";

/// An extracted string read back as the number it holds, or as itself when it holds none.
fn canonical(found: &str) -> String {
    beian::scan::find_iter(found.as_bytes())
        .next()
        .map_or_else(|| found.to_owned(), |m| m.number.to_string())
}

fn all(re: &Regex, text: &str) -> Vec<String> {
    re.find_iter(text).map(|m| m.as_str().to_owned()).collect()
}

fn first(re: &Regex, text: &str) -> Vec<String> {
    re.find(text)
        .map(|m| m.as_str().to_owned())
        .into_iter()
        .collect()
}

fn dedup(mut v: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    v.retain(|s| seen.insert(s.clone()));
    v
}

type Extract = Box<dyn Fn(&str) -> Vec<String>>;

/// The extractors, with where each comes from and how it is applied.
fn extractors() -> Vec<(&'static str, Extract)> {
    let re = |p: String| Regex::new(&p).expect("extractor pattern compiles");

    // suosi-inc/go-pkg-spider, extract/icp.go @ 57323a3eac3a54f10f32390dd506a930a130e7b8
    // (RegexIcp, RegexGa, RegexDx; RE2 syntax, used as is). Applied to the body text with white
    // space removed; first match of the ICP pattern, else of the public-security one, else of
    // the licence one. (The tool strips tags first; here the raw snippet stands for the text.)
    let icp = re(format!("(?i)({SPIDER_PROVINCES})ICP(备|证|备案)?[0-9]+"));
    let ga = re(format!("(?i)({SPIDER_PROVINCES})公网安备[0-9]+"));
    let dx = re(format!("(?i)({SPIDER_PROVINCES})B2-[0-9]+"));
    let ws = Regex::new(r"\s").unwrap();
    let go_pkg_spider: Extract = Box::new(move |t| {
        let t = ws.replace_all(t, "");
        [&icp, &ga, &dx]
            .iter()
            .map(|r| first(r, &t))
            .find(|v| !v.is_empty())
            .unwrap_or_default()
    });

    // suosi-inc/commons-spider, src/main/java/com/github/suosi/commons/spider/extract/site/
    // Parse.java @ 000a6241bb3e46d52a91b6da361ac60b3146d046 (Pattern.CASE_INSENSITIVE as (?i);
    // Java's `.` excludes line terminators, as written here). First match on the raw HTML, then
    // tags and spaces removed and the text cut after the first 号.
    let cs = re(format!(
        "(?i)({SPIDER_PROVINCES})ICP(备|证)([^\\n\\r\\x{{85}}\\x{{2028}}\\x{{2029}}]*)号"
    ));
    let tags = Regex::new(r"<[^>]*>").unwrap();
    let commons_spider: Extract = Box::new(move |t| {
        first(&cs, t)
            .into_iter()
            .map(|m| {
                let m = tags.replace_all(&m, "").replace(' ', "");
                match m.find('号') {
                    Some(i) => m[..i + '号'.len_utf8()].to_owned(),
                    None => m,
                }
            })
            .collect()
    });

    // bufsnake/httpx, pkg/utils/main.go (ICPInfo) @ a78544412acb139818b6be240c59b016cd1d0b80.
    // Go's `\W` and `\d` are ASCII-only: written as classes here (Rust's are Unicode). All
    // matches on the raw response, spaces removed, duplicates dropped.
    let hx = Regex::new(
        r"[^0-9A-Za-z_][ ]{0,10}[I公][ ]{0,10}[C网][ ]{0,10}[P安][ ]{0,10}[证备][ ]{0,10}[0-9]+[ ]{0,10}[号\-0-9 ]{0,10}",
    )
    .unwrap();
    let httpx: Extract = Box::new(move |t| {
        dedup(
            all(&hx, t)
                .into_iter()
                .map(|m| m.replace(' ', ""))
                .collect(),
        )
    });

    // Lolitide/VirusDetector, background/icp-utils.js @ 13f35e8d1d25ed2d0d8a60ef62cd969208445ed5
    // (README: MIT). ICP_FULL_REGEX, POLICE_BEIAN_REGEX, ICP_SIMPLE_REGEX, ICP_LICENSE_REGEX
    // (JS without the u flag: `\d` as [0-9]). All matches of the first that finds any, in that
    // order, duplicates dropped. (The tool also drops numbers on a placeholder list; not here.)
    let full = re(format!(
        r"(?i)({VD_PROVINCES})\s*ICP\s*[备证]\s*[0-9]{{6,12}}\s*号(?:\s*-\s*[0-9]+)?"
    ));
    let police = re(format!(r"({VD_PROVINCES})\s*公网安备\s*[0-9]{{10,}}\s*号"));
    let simple = re(format!(
        r"(?i)({VD_PROVINCES})\s*ICP\s*[备证]\s*[0-9]{{6,12}}"
    ));
    let licence = re(format!(
        r"(?i)({VD_PROVINCES})\s*[A-Za-z][0-9]?\s*-\s*[0-9]{{6,}}(?:-[0-9]+)?"
    ));
    let virus_detector: Extract = Box::new(move |t| {
        [&full, &police, &simple, &licence]
            .iter()
            .map(|r| dedup(all(r, t)))
            .find(|v| !v.is_empty())
            .unwrap_or_default()
    });

    // The pattern a user would write (`benches/baseline.re`): all matches.
    let baseline = Regex::new(include_str!("../benches/baseline.re").trim()).unwrap();
    let baseline: Extract = Box::new(move |t| all(&baseline, t));

    let beian: Extract = Box::new(|t| {
        beian::scan::find_iter(t.as_bytes())
            .map(|m| m.number.to_string())
            .collect()
    });
    vec![
        ("beian::scan::find_iter", beian),
        ("`benches/baseline.re`, all matches", baseline),
        ("suosi-inc/go-pkg-spider (`extract/icp.go`)", go_pkg_spider),
        (
            "suosi-inc/commons-spider (`extract/site/Parse.java`)",
            commons_spider,
        ),
        ("bufsnake/httpx (`pkg/utils/main.go`)", httpx),
        (
            "Lolitide/VirusDetector (`background/icp-utils.js`)",
            virus_detector,
        ),
    ]
}

fn main() {
    let corpus = snippets();
    let numbers: usize = corpus.iter().map(|s| s.expect.len()).sum();
    println!(
        "{} snippets, {numbers} numbers, {} snippets without any\n",
        corpus.len(),
        corpus.iter().filter(|s| s.expect.is_empty()).count()
    );
    println!("| extractor | precision | recall | true pos. | false pos. | missed |");
    println!("|---|---:|---:|---:|---:|---:|");
    let mut wrong = Vec::new();
    for (name, extract) in extractors() {
        let (mut tp, mut fp, mut fn_) = (0, 0, 0);
        for s in &corpus {
            let found: Vec<String> = extract(&s.text).iter().map(|m| canonical(m)).collect();
            let (t, f, n) = score(&found, &s.expect);
            tp += t;
            fp += f;
            fn_ += n;
            if f + n > 0 && name.starts_with("beian") {
                wrong.push(s.id.as_str());
            }
        }
        let p = tp as f64 / (tp + fp).max(1) as f64;
        let r = tp as f64 / (tp + fn_).max(1) as f64;
        println!("| {name} | {p:.3} | {r:.3} | {tp} | {fp} | {fn_} |");
    }
    println!("\nsnippets beian gets wrong: {}", wrong.join(" "));
}
