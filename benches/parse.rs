//! Parse throughput (MB/s): the sample cables of `../shared/cables/` (or the
//! shipped corpus when `../shared` is absent), the 73 KB `08STATE2034`, and a
//! synthetic 1 MB cable. Run: `cargo bench --bench parse`.

use cable_lsp::syntax::{parse, text::decode};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::path::PathBuf;

fn load_dir(dir: &PathBuf) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
                .map(|e| decode(&std::fs::read(e.path()).unwrap()).0)
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// A large cable made of the 08STATE2034 body repeated, numbered on.
pub fn big_cable(target: usize) -> String {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let seed = decode(&std::fs::read(root.join("corpus/08STATE2034.txt")).unwrap()).0;
    let mut s = String::from("R 082042Z JAN 08\nFM SECSTATE WASHDC\n\nC O N F I D E N T I A L STATE 002034\n\nE.O. 12958: DECL: 01/31/2033\nSUBJECT: A LARGE CABLE\n\n");
    let mut n = 1;
    while s.len() < target {
        s.push_str(&format!(
            "{n}. (C) The Partners discussed item {n} at length, per REF A and para {}.\n",
            n.max(2) - 1
        ));
        s.push_str("Russia said the Regime,s criteria ) as agreed ) were &fine8 and\nthe U.S. disagreed. See STATE 67437.\n\n");
        n += 1;
        if n % 50 == 0 {
            s.push_str(
                &seed[seed.len() / 3..seed.len() / 3 + 2000]
                    .replace(|c: char| c.is_ascii_digit(), "x"),
            );
            s.push_str("\n\n");
        }
    }
    s
}

fn bench(c: &mut Criterion) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../shared/cables");
    let (label, cables) = if shared.is_dir() {
        ("431 sample cables", load_dir(&shared))
    } else {
        ("5 corpus cables", load_dir(&root.join("corpus")))
    };
    let total: usize = cables.iter().map(|c| c.len()).sum();
    let mut g = c.benchmark_group("parse");
    g.throughput(Throughput::Bytes(total as u64));
    g.bench_function(label, |b| {
        b.iter(|| {
            for t in &cables {
                std::hint::black_box(parse(t));
            }
        })
    });
    let seed = decode(&std::fs::read(root.join("corpus/08STATE2034.txt")).unwrap()).0;
    g.throughput(Throughput::Bytes(seed.len() as u64));
    g.bench_function("08STATE2034 (73 KB)", |b| {
        b.iter(|| std::hint::black_box(parse(&seed)))
    });
    let big = big_cable(1 << 20);
    g.throughput(Throughput::Bytes(big.len() as u64));
    g.bench_function("synthetic 1 MB cable", |b| {
        b.iter(|| std::hint::black_box(parse(&big)))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
