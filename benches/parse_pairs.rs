//! `validate_number` and the regex of `support/inputs.rs`, timed in alternation: each round
//! times a batch of one, then a batch of the other (the order swapped every round), and the
//! ratio is taken within the round. On a shared machine whose speed drifts from second to
//! second, criterion's two groups run seconds apart and their ratio drifts with it; a ratio
//! of batches a millisecond apart does not.
//!
//! `cargo bench --bench parse_pairs`; `BEIAN_PAIRS_ROUNDS` sets the rounds (default 401).
//! Prints the median time per input of each and the median and quartiles of the ratios, for
//! the mixed set and for each input alone.

#[path = "support/inputs.rs"]
mod inputs;

use std::hint::black_box;
use std::time::{Duration, Instant};

use inputs::INPUTS;

/// Runs `f` `n` times; the time taken.
fn batch(n: u32, f: &mut dyn FnMut()) -> Duration {
    let t = Instant::now();
    for _ in 0..n {
        f();
    }
    t.elapsed()
}

/// How many calls of `f` take about `target`.
fn calibrate(target: Duration, f: &mut dyn FnMut()) -> u32 {
    let mut n = 1u32;
    loop {
        if batch(n, f) >= target / 4 || n >= 1 << 24 {
            let once = batch(n, f).as_secs_f64() / f64::from(n);
            return ((target.as_secs_f64() / once) as u32).max(1);
        }
        n *= 2;
    }
}

fn quantile(v: &mut [f64], q: f64) -> f64 {
    v.sort_by(f64::total_cmp);
    v[((v.len() - 1) as f64 * q).round() as usize]
}

/// Nanoseconds per set for each, and the regex-to-beian ratio of each round.
fn pairs(
    rounds: usize,
    target: Duration,
    ours: &mut dyn FnMut(),
    theirs: &mut dyn FnMut(),
) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
    // Warm up both, then size the batches by `ours`.
    batch(calibrate(Duration::from_millis(50), ours), ours);
    batch(calibrate(Duration::from_millis(50), theirs), theirs);
    let n = calibrate(target, ours);
    let ns = |d: Duration| d.as_secs_f64() * 1e9 / f64::from(n);
    let (mut a, mut b, mut ratio) = (vec![], vec![], vec![]);
    for round in 0..rounds {
        let (x, y) = if round % 2 == 0 {
            let x = batch(n, ours);
            (x, batch(n, theirs))
        } else {
            let y = batch(n, theirs);
            (batch(n, ours), y)
        };
        a.push(ns(x));
        b.push(ns(y));
        ratio.push(ns(y) / ns(x));
    }
    (a, b, ratio)
}

fn main() {
    let rounds: usize = std::env::var("BEIAN_PAIRS_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(401);
    let re = inputs::regex();
    let per = INPUTS.len() as f64;

    let (mut a, mut b, mut r) = pairs(
        rounds,
        Duration::from_millis(2),
        &mut || {
            for s in INPUTS {
                let _ = black_box(beian::validate_number(black_box(s)));
            }
        },
        &mut || {
            for s in INPUTS {
                black_box(re.is_match(black_box(s)));
            }
        },
    );
    println!("mixed set of {} inputs, {rounds} rounds:", INPUTS.len());
    println!(
        "  validate_number (parts)  median {:6.1} ns per input",
        quantile(&mut a, 0.5) / per
    );
    println!(
        "  regex is_match (yes/no)  median {:6.1} ns per input",
        quantile(&mut b, 0.5) / per
    );
    println!(
        "  ratio (regex / validate_number)  median {:.3}, quartiles {:.3} to {:.3}",
        quantile(&mut r, 0.5),
        quantile(&mut r, 0.25),
        quantile(&mut r, 0.75)
    );

    println!("each input alone, {} rounds:", rounds / 4);
    println!("  {:>8} {:>8} {:>6}  input", "beian", "regex", "ratio");
    for &s in INPUTS {
        let (mut a, mut b, mut r) = pairs(
            rounds / 4,
            Duration::from_micros(200),
            &mut || {
                let _ = black_box(beian::validate_number(black_box(s)));
            },
            &mut || {
                black_box(re.is_match(black_box(s)));
            },
        );
        println!(
            "  {:6.1}ns {:6.1}ns {:6.2}  {s}",
            quantile(&mut a, 0.5),
            quantile(&mut b, 0.5),
            quantile(&mut r, 0.5)
        );
    }
}
