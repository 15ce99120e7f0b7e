//! Parse throughput (MB/s): the sample cables of `../shared/cables/` (or the
//! shipped corpus when `../shared` is absent), the 73 KB `08STATE2034`, and a
//! synthetic 1 MB cable; and, side by side on the same cables, the skim an
//! index reads them with against the full parse. Run: `cargo bench --bench parse`.

use cable_lsp::syntax::{parse, skim::skim, text::decode};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::path::PathBuf;

mod common;
use common::big_cable;

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
    let big = big_cable(&seed, 1 << 20);
    g.throughput(Throughput::Bytes(big.len() as u64));
    g.bench_function("synthetic 1 MB cable", |b| {
        b.iter(|| std::hint::black_box(parse(&big)))
    });
    g.finish();
    let mut g = c.benchmark_group("index read");
    g.throughput(Throughput::Bytes(total as u64));
    g.bench_function(format!("{label}: skim"), |b| {
        b.iter(|| {
            for t in &cables {
                std::hint::black_box(skim(t));
            }
        })
    });
    g.bench_function(format!("{label}: full parse"), |b| {
        b.iter(|| {
            for t in &cables {
                std::hint::black_box(parse(t));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
