//! Benchmarks of the domain module.
//!
//! Corpus: 100,000 inputs generated deterministically (xorshift64, fixed seed) with this mix:
//!
//! | share | kind | example |
//! |------:|------|---------|
//! | 50 % | clean lowercase ASCII host | `www.kexu17.com.cn` |
//! | 10 % | ASCII host with upper case or a trailing dot | `Mail.Tovi3.COM.` |
//! | 20 % | URL (scheme, sometimes user/port, path, query) | `https://cdn.ra4.net:8443/a/b?x=1` |
//! | 8 % | Unicode IDN, some with `。` full stops | `新闻。例子42.中国` |
//! | 5 % | Punycode (ACE) | `www.xn--fsqu00a.xn--fiqs8s` |
//! | 5 % | provider platform names | `b12.oss-cn-hangzhou.aliyuncs.com` |
//! | 2 % | IPv4 | `203.0.113.7` |
//!
//! Suffixes are drawn from a weighted list (`com`, `cn`, `com.cn`, `net`, `org`, `top`, `io`,
//! `co.uk`, `gd.cn`, `中国`, `公司`, ...).
//!
//! Groups (per-host times: criterion's throughput is elements = hosts):
//! - `domain/decide`: `Rules::decide` (normalise + one rule walk + decision) on every input;
//! - `domain/plain_pipeline`: `idna::domain_to_ascii_cow` + `publicsuffix::List::domain` on the
//!   same raw inputs (fails fast on URLs, so it does less);
//! - `domain/plain_pipeline_bare`: the same on the bare hosts (no URL parts), the fairer pair;
//! - `domain/normalize`: normalisation alone;
//! - `index/lookup`: a million-name `FilingIndex` answering 100k probes.
//!
//! Before the criterion groups, the bench prints the median per-host time (each host timed
//! alone, 16 repetitions), overall and by kind, and the index's build time and memory.
//!
//! Run: `cargo bench --bench domain -- --warm-up-time 1 --measurement-time 3`
//!
//! Figures of the current code are in the README (section "Performance").

use std::hint::black_box;
use std::time::{Duration, Instant};

use beian::domain::{FilingIndex, Rules, SHIPPED_PSL};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use publicsuffix::Psl;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

const SYLLABLES: &[&str] = &[
    "ke", "xu", "to", "vi", "ra", "li", "ming", "hua", "shan", "bo", "yun", "tech", "data", "zhi",
    "net", "wei", "an", "jia", "go", "sun",
];
const PREFIXES: &[&str] = &[
    "",
    "",
    "www.",
    "www.",
    "mail.",
    "cdn.",
    "api.",
    "m.",
    "static.img.",
];
const SUFFIXES: &[&str] = &[
    "com", "com", "com", "com", "cn", "cn", "com.cn", "com.cn", "net", "org", "top", "xyz", "io",
    "net.cn", "gov.cn", "edu.cn", "gd.cn", "co.uk", "de", "jp", "info", "vip", "cc", "tv",
];
const CJK: &[&str] = &[
    "例子", "中文", "测试", "北京", "新闻", "购物", "食狮", "天气",
];
const CJK_SUFFIXES: &[&str] = &["中国", "公司", "网络", "com", "cn", "com.cn"];
const PLATFORMS: &[&str] = &[
    "oss-cn-hangzhou.aliyuncs.com",
    "cos.ap-guangzhou.myqcloud.com",
    "chinacloudsites.cn",
    "chinacloudapp.cn",
    "obs.cn-north-4.myhuaweicloud.com",
    "tos-cn-beijing.volces.com",
    "bj.bcebos.com",
    "s3.cn-north-1.amazonaws.com.cn",
];

fn name(rng: &mut Rng) -> String {
    let n = 1 + rng.below(3);
    let mut s = String::new();
    for _ in 0..n {
        s.push_str(rng.pick(SYLLABLES));
    }
    if rng.below(2) == 0 {
        s.push_str(&rng.below(100).to_string());
    }
    s
}

const KINDS: [&str; 7] = [
    "ascii",
    "upper/dot",
    "url",
    "idn",
    "punycode",
    "platform",
    "ipv4",
];

/// Generated inputs, the bare host inside each, and each input's kind (index into `KINDS`).
fn corpus(n: usize, seed: u64) -> (Vec<String>, Vec<String>, Vec<usize>) {
    let mut rng = Rng(seed);
    let mut inputs = Vec::with_capacity(n);
    let mut bare = Vec::with_capacity(n);
    let mut kinds = Vec::with_capacity(n);
    for _ in 0..n {
        let roll = rng.below(100);
        let host = format!(
            "{}{}.{}",
            rng.pick(PREFIXES),
            name(&mut rng),
            rng.pick(SUFFIXES)
        );
        kinds.push(match roll {
            0..=49 => 0,
            50..=59 => 1,
            60..=79 => 2,
            80..=87 => 3,
            88..=92 => 4,
            93..=97 => 5,
            _ => 6,
        });
        let (input, b) = match roll {
            0..=49 => (host.clone(), host),
            50..=59 => {
                let mut h: String = host
                    .chars()
                    .enumerate()
                    .map(|(i, c)| {
                        if i % 3 == 0 {
                            c.to_ascii_uppercase()
                        } else {
                            c
                        }
                    })
                    .collect();
                if rng.below(2) == 0 {
                    h.push('.');
                }
                (h.clone(), h)
            }
            60..=79 => {
                let scheme = rng.pick(&["https://", "http://", "https://", "//"]);
                let user = if rng.below(10) == 0 { "user@" } else { "" };
                let port = rng.pick(&["", "", "", ":8080", ":8443"]);
                let path = rng.pick(&["/", "/index.html", "/a/b?x=1", "/search?q=beian#top", ""]);
                (format!("{scheme}{user}{host}{port}{path}"), host)
            }
            80..=87 => {
                let dot = if rng.below(3) == 0 { "。" } else { "." };
                let sub = if rng.below(2) == 0 {
                    format!("{}{dot}", rng.pick(CJK))
                } else {
                    String::new()
                };
                let h = format!(
                    "{sub}{}{}{dot}{}",
                    rng.pick(CJK),
                    rng.below(50),
                    rng.pick(CJK_SUFFIXES)
                );
                (h.clone(), h)
            }
            88..=92 => {
                let u = format!(
                    "{}{}.{}",
                    rng.pick(CJK),
                    rng.below(50),
                    rng.pick(CJK_SUFFIXES)
                );
                let ace = idna::domain_to_ascii(&u).expect("generated IDN is valid");
                let h = if rng.below(2) == 0 {
                    format!("www.{ace}")
                } else {
                    ace
                };
                (h.clone(), h)
            }
            93..=97 => {
                let h = format!("b{}.{}", rng.below(1000), rng.pick(PLATFORMS));
                (h.clone(), h)
            }
            _ => {
                let h = format!(
                    "{}.{}.{}.{}",
                    1 + rng.below(222),
                    rng.below(256),
                    rng.below(256),
                    1 + rng.below(254)
                );
                (h.clone(), h)
            }
        };
        inputs.push(input);
        bare.push(b);
    }
    (inputs, bare, kinds)
}

fn plain(list: &publicsuffix::List, input: &str) -> usize {
    match idna::domain_to_ascii_cow(input.as_bytes(), idna::AsciiDenyList::URL) {
        Ok(ascii) => list
            .domain(ascii.as_bytes())
            .map_or(0, |d| d.as_bytes().len()),
        Err(_) => 1,
    }
}

fn decide_one(rules: &Rules, input: &str) -> usize {
    match rules.decide(input) {
        Ok(d) => d.website().map_or(2, str::len),
        Err(_) => 1,
    }
}

/// Time of one call for each host, each host timed over 16 calls.
fn per_host(inputs: &[String], f: impl Fn(&str) -> usize) -> Vec<f64> {
    inputs
        .iter()
        .map(|h| {
            let t = Instant::now();
            for _ in 0..16 {
                black_box(f(black_box(h)));
            }
            t.elapsed().as_nanos() as f64 / 16.0
        })
        .collect()
}

fn median(mut times: Vec<f64>) -> f64 {
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    times[times.len() / 2]
}

fn rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// A million filed names: 85 % registrable domains, 15 % app-level names (level 3 or 4).
fn filed_names(n: usize) -> Vec<String> {
    let mut rng = Rng(0x5eed_f11e);
    (0..n)
        .map(|i| {
            let base = format!(
                "{}{}.{}",
                rng.pick(SYLLABLES),
                i,
                rng.pick(&["com", "cn", "com.cn", "net", "top"])
            );
            match rng.below(100) {
                0..=84 => base,
                85..=94 => format!("app.{base}"),
                _ => format!("x.news.{base}"),
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let rules = Rules::shared();
    let list: publicsuffix::List = SHIPPED_PSL.parse().expect("psl parses");
    let (inputs, bare, kinds) = corpus(100_000, 0x9e37_79b9_7f4a_7c15);

    // Per-host medians, overall and by kind, printed for the README.
    let _ = per_host(&inputs[..10_000], |h| decide_one(rules, h)); // warm up
    let d = per_host(&inputs, |h| decide_one(rules, h));
    let p = per_host(&inputs, |h| plain(&list, h));
    let pb = per_host(&bare, |h| plain(&list, h));
    let (md, mp, mpb) = (median(d.clone()), median(p.clone()), median(pb.clone()));
    eprintln!(
        "per-host median: decide {md:.0} ns, plain pipeline {mp:.0} ns ({:.2}x), plain pipeline on bare hosts {mpb:.0} ns ({:.2}x)",
        mp / md,
        mpb / md
    );
    for (k, name) in KINDS.iter().enumerate() {
        let pick = |v: &[f64]| -> Vec<f64> {
            v.iter()
                .zip(&kinds)
                .filter(|(_, kk)| **kk == k)
                .map(|(t, _)| *t)
                .collect()
        };
        let (a, b, c) = (median(pick(&d)), median(pick(&p)), median(pick(&pb)));
        eprintln!(
            "  {name:10} decide {a:5.0} ns   plain {b:5.0} ns ({:.2}x)   plain on bare host {c:5.0} ns ({:.2}x)",
            b / a,
            c / a
        );
    }

    let mut g = c.benchmark_group("domain");
    g.throughput(Throughput::Elements(inputs.len() as u64));
    g.sample_size(20);
    g.bench_function("decide", |b| {
        b.iter(|| inputs.iter().map(|h| decide_one(rules, h)).sum::<usize>())
    });
    g.bench_function("plain_pipeline", |b| {
        b.iter(|| inputs.iter().map(|h| plain(&list, h)).sum::<usize>())
    });
    g.bench_function("plain_pipeline_bare", |b| {
        b.iter(|| bare.iter().map(|h| plain(&list, h)).sum::<usize>())
    });
    g.bench_function("normalize", |b| {
        b.iter(|| {
            inputs
                .iter()
                .map(|h| beian::domain::normalize(h).map_or(0, |h| h.as_str().len()))
                .sum::<usize>()
        })
    });
    g.finish();

    // The filing index: build time and memory for a million names, then lookups.
    let names = filed_names(1_000_000);
    let rss0 = rss_kib();
    let t = Instant::now();
    let mut index = FilingIndex::new();
    index.reserve(names.len());
    for (i, n) in names.iter().enumerate() {
        index
            .insert(n, i as u32)
            .expect("generated names are hosts");
    }
    let build = t.elapsed();
    let rss1 = rss_kib();
    eprintln!(
        "index: {} names built in {:.0} ms; estimated {:.1} MiB; rss grew {} MiB",
        index.len(),
        build.as_secs_f64() * 1e3,
        index.approx_memory_bytes() as f64 / (1024.0 * 1024.0),
        match (rss0, rss1) {
            (Some(a), Some(b)) => format!("{:.1}", (b.saturating_sub(a)) as f64 / 1024.0),
            _ => "?".into(),
        }
    );
    let mut rng = Rng(42);
    let probes: Vec<String> = (0..100_000)
        .map(|_| {
            let n = &names[rng.below(names.len())];
            match rng.below(4) {
                0 => n.clone(),
                1 => format!("www.{n}"),
                2 => format!("https://cdn.{n}/x.js"),
                _ => format!("nofiling{}.com", rng.below(1_000_000)),
            }
        })
        .collect();
    let hits = probes.iter().filter(|p| index.lookup(p).is_some()).count();
    eprintln!("index: {hits} of {} probes covered", probes.len());
    let mut g = c.benchmark_group("index");
    g.throughput(Throughput::Elements(probes.len() as u64));
    g.sample_size(20);
    g.bench_function("lookup", |b| {
        b.iter(|| probes.iter().filter(|p| index.lookup(p).is_some()).count())
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3));
    targets = bench
}
criterion_main!(benches);
