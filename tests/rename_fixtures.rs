//! Rename at the analysis layer: a REF item's letter and a paragraph's number,
//! with their citations; what cannot be renamed says why.

mod common;

use cable_lsp::analysis::diagnostics::apply;
use cable_lsp::analysis::rename::{prepare, rename};
use common::fixture::{corpus3, fixture};

/// The cursor's cable after renaming what is at `$0` to `to`, or the refusal.
fn renamed(src: &str, to: &str) -> Result<String, String> {
    let f = fixture(src);
    let (cx, at) = f.ctx();
    rename(cx, at, to).map(|edits| apply(&cx.doc.text, &edits))
}

fn body_of(text: &str) -> &str {
    &text[text.find("REF:").unwrap()..]
}

#[test]
fn a_ref_letter_is_renamed_in_the_block_and_the_text() {
    let src = corpus3(
        "REF: A. STATE 633\n\nB. STATE 44438",
        "1. (C) Per REF B and ref b, and REF A.\n\n2. (C) As REF$0 B says.",
    );
    let got = renamed(&src, "c").unwrap();
    assert_eq!(
        body_of(&got),
        "REF: A. STATE 633\n\nC. STATE 44438\n\n\
         Classified By: ISN/MTR Director Pam Durham. Reason: 1.4 (B), (D).\n\n\
         1. (C) Per REF C and ref c, and REF A.\n\n2. (C) As REF C says.\n"
    );
    // From the block's bullet too, in its `(B)` form.
    let src = corpus3("REF: (A) STATE 633 ($0B) STATE 44438", "1. (C) Per REF B.");
    let got = renamed(&src, "D").unwrap();
    assert!(got.contains("REF: (A) STATE 633 (D) STATE 44438"), "{got}");
    assert!(got.contains("Per REF D."), "{got}");
}

#[test]
fn a_letter_inside_a_written_range_stays_as_written() {
    // REFS A-C stands for B too, with no letter of its own to rename.
    let src = corpus3(
        "REF: A. STATE 633\n\nB. STATE 44438\n\nC. STATE 65780",
        "1. (C) Per REFS A-C and REF$0 B.",
    );
    let got = renamed(&src, "D").unwrap();
    assert!(got.contains("D. STATE 44438"), "{got}");
    assert!(got.contains("Per REFS A-C and REF D."), "{got}");
    // On the range's last letter, that letter's item.
    let src = src.replace("REF$0 B", "REF B").replace("A-C", "A-$0C");
    let f = fixture(&src);
    let (cx, at) = f.ctx();
    assert_eq!(prepare(cx, at).unwrap().placeholder, "C");
}

#[test]
fn a_paragraph_number_is_renamed_at_its_label_and_its_citations() {
    let src = corpus3(
        "REF: A. STATE 44438",
        "1. (C) See para 2, paras 2-3 and para 2 of REF A.\n\n2$0. (C) Two.\n\n3. (C) Per paragraph 2.",
    );
    let got = renamed(&src, "4").unwrap();
    assert!(
        got.contains("1. (C) See para 4, paras 4-3 and para 2 of REF A.\n\n4. (C) Two.\n\n3. (C) Per paragraph 4."),
        "{got}"
    );
    // From a citation, the same edits.
    let from_citation = src
        .replace("2$0.", "2.")
        .replace("Per paragraph 2", "Per paragraph$0 2");
    assert_eq!(renamed(&from_citation, "4").unwrap(), got);
}

#[test]
fn what_cannot_be_renamed_says_why() {
    let refs = "REF: A. STATE 633\n\nB. STATE 44438";
    let err = |src: &str, to: &str| renamed(src, to).unwrap_err();
    let on_b = corpus3(refs, "1. (C) As REF$0 B says.");
    assert_eq!(
        err(&on_b, "A"),
        "REF A already names `STATE 633`: expected a letter no other REF item has"
    );
    assert!(err(&on_b, "BB").contains("expected one letter, A to Z"));
    let on_label = corpus3(refs, "1$0. (C) Text.");
    assert!(err(&on_label, "0").contains("expected 1 to 999"));
    assert!(err(&on_label, "x").contains("expected 1 to 999"));
    let on_word = corpus3(refs, "1. (C) Te$0xt.");
    assert!(err(&on_word, "2").starts_with("nothing to rename here"));
    // REF C names no item.
    let f = fixture(&corpus3(refs, "1. (C) As REF$0 C says."));
    let (cx, at) = f.ctx();
    assert!(prepare(cx, at)
        .unwrap_err()
        .contains("names no lettered REF item"));
}

#[test]
fn prepare_gives_the_letter_or_digits_under_the_cursor() {
    let f = fixture(&corpus3(
        "REF: A. STATE 633",
        "1. (C) As REF$0 A says.\n\n12. (C) x.",
    ));
    let (cx, at) = f.ctx();
    let r = prepare(cx, at).unwrap();
    assert_eq!(r.placeholder, "A");
    assert_eq!(r.span.text(&cx.doc.text), "A");
    assert!(r.span.start > at, "the letter, not the keyword");
    // The seeds' OCR damage: `- 13.` is paragraph 3; renaming it would need
    // the label repaired first.
    let seed = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/08STATE70895.txt"),
    )
    .unwrap();
    let f = fixture(&format!(
        "//- /w/08STATE70895.txt\n{}",
        seed.replacen("- 13.", "- 1$03.", 1)
    ));
    let (cx, at) = f.ctx();
    assert_eq!(
        prepare(cx, at).unwrap_err(),
        "paragraph 3's label `- 13.` was damaged in the copy: expected its number written plainly to rename it"
    );
}
