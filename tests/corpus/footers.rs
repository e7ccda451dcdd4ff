//! The labelled footer snippets of `tests/corpus/footers/` and their scoring, shared by
//! `tests/corpus.rs` and `examples/accuracy.rs`.

use std::collections::HashMap;

/// One labelled footer snippet.
pub struct Snippet {
    pub id: String,
    pub text: String,
    pub expect: Vec<String>,
}

pub fn snippets() -> Vec<Snippet> {
    [
        include_str!("footers/part-a.jsonl"),
        include_str!("footers/part-b.jsonl"),
        include_str!("footers/part-c.jsonl"),
    ]
    .concat()
    .lines()
    .filter(|l| !l.trim().is_empty())
    .map(|l| {
        let v: serde_json::Value = serde_json::from_str(l).expect("valid JSON line");
        Snippet {
            id: v["id"].as_str().unwrap_or_default().to_owned(),
            text: v["text"].as_str().expect("text").to_owned(),
            expect: v["expect"]
                .as_array()
                .expect("expect")
                .iter()
                .map(|s| s.as_str().expect("string").to_owned())
                .collect(),
        }
    })
    .collect()
}

/// True positives, false positives, false negatives, by multiset per snippet.
pub fn score(found: &[String], expect: &[String]) -> (usize, usize, usize) {
    let mut want: HashMap<&str, usize> = HashMap::new();
    for e in expect {
        *want.entry(e).or_default() += 1;
    }
    let mut tp = 0;
    for f in found {
        match want.get_mut(f.as_str()) {
            Some(n) if *n > 0 => {
                *n -= 1;
                tp += 1;
            }
            _ => {}
        }
    }
    (tp, found.len() - tp, expect.len() - tp)
}
