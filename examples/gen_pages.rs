//! Writes the benchmark corpora as files, for timing the CLI:
//! `cargo run --release --example gen_pages -- DIR MB` writes DIR/ascii/*.html and
//! DIR/chinese/*.html, MB megabytes of each (default 100).

#[path = "../benches/support/pages.rs"]
mod pages;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().unwrap_or_else(|| "target/pages".into()));
    let mb: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(100);
    for (name, pages) in [
        ("ascii", pages::ascii_pages(mb << 20)),
        ("chinese", pages::chinese_pages(mb << 20)),
    ] {
        let sub = dir.join(name);
        std::fs::create_dir_all(&sub)?;
        for (i, p) in pages.iter().enumerate() {
            std::fs::write(sub.join(format!("{i:06}.html")), p)?;
        }
        println!("{}: {} pages", sub.display(), pages.len());
    }
    Ok(())
}
