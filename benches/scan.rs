//! Scan throughput over generated pages (see `support/pages.rs`), single core, side by side with:
//! - the regex a user would write: the `regex` crate's `find_iter` with the pattern in
//!   `benches/baseline.re` (it misses tag splits, entities and GBK);
//! - `memchr` searching for a byte that never occurs: the memory-speed limit.
//!
//! `cargo bench --bench scan`; set `BEIAN_BENCH_MB` to change the corpus size (default 24).

#[path = "support/pages.rs"]
mod pages;

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn corpus(pages: Vec<String>) -> Vec<u8> {
    pages.concat().into_bytes()
}

fn bench(c: &mut Criterion) {
    let mb: usize = std::env::var("BEIAN_BENCH_MB")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(24);
    let pattern = include_str!("baseline.re").trim();
    let re = regex::bytes::Regex::new(pattern).expect("baseline pattern compiles");
    let chinese_pages = pages::chinese_pages(mb << 20);
    let gbk: Vec<Vec<u8>> = chinese_pages
        .iter()
        .map(|p| {
            let p = p.replace("charset=\"utf-8\"", "charset=\"gb2312\"");
            encoding_rs::GBK.encode(&p).0.into_owned()
        })
        .collect();
    let gbk_bytes: usize = gbk.iter().map(Vec::len).sum();
    let corpora = [
        ("ascii", corpus(pages::ascii_pages(mb << 20))),
        ("chinese", corpus(chinese_pages)),
    ];
    for (name, text) in &corpora {
        // What each finds, once, for the record.
        let ours = beian::scan::find_iter(text).count();
        let theirs = re.find_iter(text).count();
        eprintln!(
            "{name}: {} bytes, beian finds {ours}, the regex {theirs}",
            text.len()
        );
        let mut g = c.benchmark_group(format!("scan/{name}"));
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.sample_size(10);
        g.bench_function("beian::scan::find_iter", |b| {
            b.iter(|| beian::scan::find_iter(black_box(text)).count())
        });
        g.bench_function("regex find_iter (baseline.re)", |b| {
            b.iter(|| re.find_iter(black_box(text)).count())
        });
        g.bench_function("memchr absent byte", |b| {
            b.iter(|| memchr::memchr(0x01, black_box(text)))
        });
        g.finish();
    }
    let gbk_found: usize = gbk
        .iter()
        .map(|p| beian::scan::scan_page(p).matches.len())
        .sum();
    eprintln!("chinese-gbk: {gbk_bytes} bytes, beian finds {gbk_found}");
    let mut g = c.benchmark_group("scan/chinese-gbk");
    g.throughput(Throughput::Bytes(gbk_bytes as u64));
    g.sample_size(10);
    g.bench_function("beian::scan::scan_page (decode + scan)", |b| {
        b.iter(|| {
            gbk.iter()
                .map(|p| beian::scan::scan_page(black_box(p)).matches.len())
                .sum::<usize>()
        })
    });
    g.bench_function("encoding_rs decode only", |b| {
        b.iter(|| {
            gbk.iter()
                .map(|p| {
                    encoding_rs::GBK
                        .decode_without_bom_handling(black_box(p))
                        .0
                        .len()
                })
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
