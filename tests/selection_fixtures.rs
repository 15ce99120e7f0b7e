//! Expand selection at the analysis layer: from the word at the cursor out
//! through the cable's parts to the whole text.

mod common;

use cable_lsp::analysis::selection::selection_ranges;
use common::fixture::{corpus3, fixture};

/// The selections at the cursor, innermost first, as text (the whole text as `*`).
fn show(refs: &str, body: &str) -> Vec<String> {
    let f = fixture(&corpus3(refs, body));
    let (cx, at) = f.ctx();
    let text = &*cx.doc.text;
    (selection_ranges(cx.doc, at).iter())
        .map(|s| {
            if s.start == 0 && s.end == text.len() {
                "*".to_string()
            } else {
                s.text(text).trim_end().to_string()
            }
        })
        .collect()
}

#[test]
fn a_cited_id_in_a_ref_item_widens_to_the_item_the_block_and_the_header() {
    let got = show("REF: A. STATE 633\nB. STATE 44$0438", "1. (C) Text.");
    assert_eq!(got[..3], ["44438", "STATE 44438", "B. STATE 44438"]);
    assert_eq!(got[3], "REF: A. STATE 633\nB. STATE 44438");
    assert!(
        got[4].starts_with("P 021202Z JUL 08") && got[4].contains("Classified By"),
        "{got:?}"
    );
    assert_eq!(got.last().unwrap(), "*");
    assert_eq!(got.len(), 6, "{got:?}");
}

#[test]
fn a_word_in_a_paragraph_widens_to_its_citation_the_paragraph_and_the_body() {
    let got = show(
        "REF: A. STATE 633",
        "1. (C) One.\n\n2. (C) As para$0 1 says,\nover two lines.\n\n3. (U) Three.",
    );
    assert_eq!(
        got,
        [
            "para",
            "para 1",
            "2. (C) As para 1 says,\nover two lines.",
            "1. (C) One.\n\n2. (C) As para 1 says,\nover two lines.\n\n3. (U) Three.",
            "*"
        ]
    );
    // On a mark: the mark, then its paragraph.
    let got = show("REF: A. STATE 633", "1. (C$0) One.");
    assert_eq!(got[..3], ["C", "(C)", "1. (C) One."]);
}

#[test]
fn every_range_holds_the_one_before_it_at_every_offset_of_the_seeds() {
    for (name, text) in common::seeds() {
        let doc = cable_lsp::analysis::Document::parse(text.as_str());
        for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            let got = selection_ranges(&doc, at);
            assert!(
                got[0].start <= at && at <= got[0].end,
                "{name} {at}: {got:?}"
            );
            for w in got.windows(2) {
                assert!(
                    w[1].start <= w[0].start && w[0].end <= w[1].end && w[0] != w[1],
                    "{name} {at}: {got:?}"
                );
            }
            assert_eq!(got.last().map(|s| (s.start, s.end)), Some((0, text.len())));
        }
    }
}
