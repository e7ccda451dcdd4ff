//! `validate_number` over a mixed set of valid and invalid inputs, side by side with the
//! `regex` crate's anchored `is_match` on an equivalent pattern (a bare yes/no, no parts).
//!
//! `cargo bench --bench parse`: criterion reports time per input (Throughput::Elements).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

#[path = "support/inputs.rs"]
mod inputs;
use inputs::INPUTS;

fn bench(c: &mut Criterion) {
    let re = inputs::regex();
    let mut g = c.benchmark_group("validate");
    g.throughput(Throughput::Elements(INPUTS.len() as u64));
    g.bench_function("beian::validate_number (parts)", |b| {
        b.iter(|| {
            for s in INPUTS {
                let _ = black_box(beian::validate_number(black_box(s)));
            }
        })
    });
    g.bench_function("regex::is_match (yes/no)", |b| {
        b.iter(|| {
            for s in INPUTS {
                black_box(re.is_match(black_box(s)));
            }
        })
    });
    g.finish();
    let mut g = c.benchmark_group("one");
    for &s in INPUTS {
        g.bench_function(s, |b| {
            b.iter(|| black_box(beian::validate_number(black_box(s))))
        });
    }
    g.finish();
    let mut g = c.benchmark_group("one_regex");
    for &s in INPUTS {
        g.bench_function(s, |b| b.iter(|| black_box(re.is_match(black_box(s)))));
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
