//! Snapshots of the five corpus cables' models, reviewed by eye. Update with
//! `UPDATE_EXPECT=1 cargo test --test corpus_snapshots`, then read the diff.

use cable_lsp::syntax::{dump::dump, parse, text::decode};
use expect_test::expect_file;

fn model(name: &str) -> String {
    let path = format!("{}/corpus/{name}.txt", env!("CARGO_MANIFEST_DIR"));
    let (text, _) = decode(&std::fs::read(path).unwrap());
    dump(&text, &parse(&text))
}

#[test]
fn berlin_896() {
    expect_file!["snapshots/08BERLIN896.txt"].assert_eq(&model("08BERLIN896"));
}

#[test]
fn state_70895() {
    expect_file!["snapshots/08STATE70895.txt"].assert_eq(&model("08STATE70895"));
}

#[test]
fn state_17183() {
    expect_file!["snapshots/09STATE17183.txt"].assert_eq(&model("09STATE17183"));
}

#[test]
fn state_2034() {
    expect_file!["snapshots/08STATE2034.txt"].assert_eq(&model("08STATE2034"));
}

#[test]
fn state_103767() {
    expect_file!["snapshots/09STATE103767.txt"].assert_eq(&model("09STATE103767"));
}

/// The readings the issue names, asserted directly as well.
#[test]
fn named_readings() {
    use cable_lsp::syntax::parse;
    let load = |n: &str| {
        let (t, _) = decode(
            &std::fs::read(format!("{}/corpus/{n}.txt", env!("CARGO_MANIFEST_DIR"))).unwrap(),
        );
        parse(&t)
    };
    let c = load("08BERLIN896");
    let nums: Vec<u32> = c.body.paragraphs.iter().map(|p| p.number).collect();
    assert_eq!(nums, [1, 2, 3, 4, 5]);
    assert_eq!(c.body.paragraphs[0].label, "11.");

    let c = load("08STATE70895");
    let nums: Vec<u32> = c.body.paragraphs.iter().map(|p| p.number).collect();
    assert_eq!(nums, [1, 2, 3, 4]);
    let subs: String = c.body.paragraphs[2]
        .subparagraphs
        .iter()
        .map(|s| s.letter)
        .collect();
    assert_eq!(subs, "ABCDEGH");
    let refs = &c.header.references.as_ref().unwrap().items;
    let bullets: String = refs.iter().filter_map(|r| r.bullet).collect();
    assert_eq!(bullets, "ABCD");
    assert_eq!(refs[3].ids[0].to_string(), "08STATE44438");

    let c = load("09STATE103767");
    let nums: Vec<u32> = c.body.paragraphs.iter().map(|p| p.number).collect();
    assert_eq!(nums, [1, 2, 3, 4, 5, 6, 7, 8]);
    assert!(
        c.body.paragraphs[1].recovered,
        "paragraph 2 lost its number"
    );

    let c = load("08STATE2034");
    let nums: Vec<u32> = c.body.paragraphs.iter().map(|p| p.number).collect();
    assert_eq!(nums.first(), Some(&1));
    assert_eq!(nums.last(), Some(&117));
    assert!(nums.contains(&115));
    assert!(
        !nums.contains(&5),
        "paragraph 5 is missing from the scraped copy"
    );
    assert_eq!(nums.len(), 116);
}
