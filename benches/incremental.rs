//! Time from an edit to an updated model: incremental reparse against a full
//! reparse, on the 73 KB `08STATE2034` and a synthetic 1 MB cable.
//! Run: `cargo bench --bench incremental`.

use cable_lsp::syntax::incremental::{Edit, ParseState};
use cable_lsp::syntax::{parse, text::decode};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use std::path::PathBuf;

mod common;
use common::big_cable;

fn bench(c: &mut Criterion) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let seed = decode(&std::fs::read(root.join("corpus/08STATE2034.txt")).unwrap()).0;
    let big = big_cable(&seed, 1 << 20);
    let mut g = c.benchmark_group("edit-to-model");
    let cases = [
        ("08STATE2034 (73 KB)", &seed, "x"),
        ("synthetic 1 MB", &big, "x"),
        // A new numbered paragraph changes the structure: the model is
        // assembled again (the lines' facts are still reused).
        (
            "synthetic 1 MB, new paragraph",
            &big,
            "\n\n9. (C) A new paragraph.\n\n",
        ),
    ];
    for (name, text, typed) in cases {
        // Type in the middle of the text (a paragraph is opened at a line's end).
        let mut at = text.len() / 2;
        while !text.is_char_boundary(at) {
            at += 1;
        }
        if typed.starts_with('\n') {
            at += text[at..].find('\n').unwrap_or(0);
        }
        let mut edited = text.clone();
        edited.insert_str(at, typed);
        let edit = Edit {
            start: at,
            old_end: at,
            new_end: at + typed.len(),
        };
        let state = ParseState::new(text);
        g.bench_function(format!("{name}: incremental"), |b| {
            b.iter_batched(
                || state.clone(),
                |mut st| {
                    // The model is brought up to date by the edit.
                    st.edit(&edited, edit);
                    // Dropped after the timing.
                    st
                },
                BatchSize::LargeInput,
            )
        });
        g.bench_function(format!("{name}: full reparse"), |b| {
            b.iter(|| std::hint::black_box(parse(&edited)))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
