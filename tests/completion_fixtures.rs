//! Completion at the analysis layer (no server), on multi-file fixtures: `//-
//! /path` before each cable, `$0` at the cursor.

mod common;

use cable_lsp::analysis::completion::{completions, Completion, MAX_CABLES};
use common::fixture::{cable, corpus3, fixture, Fixture};

/// `label = insert [replaced text] · detail` for each item, in order.
fn show(f: &Fixture, items: &[Completion]) -> Vec<String> {
    let (p, _) = f.cursor.as_ref().unwrap();
    let text = &f.doc(p).text;
    items
        .iter()
        .map(|c| {
            format!(
                "{} = {} [{}] · {}",
                c.label,
                c.insert,
                c.replace.text(text),
                c.detail.as_deref().unwrap_or("")
            )
        })
        .collect()
}

fn complete(src: &str) -> (Fixture, Vec<Completion>, bool) {
    let f = fixture(src);
    let (cx, at) = f.ctx();
    let (items, more) = completions(cx, at);
    (f, items, more)
}

fn labels(items: &[Completion]) -> Vec<&str> {
    items.iter().map(|c| c.label.as_str()).collect()
}

fn one(text: &str) -> String {
    format!("//- /w/a.txt\n{text}")
}

#[test]
fn tags_that_start_with_the_word_typed_but_those_already_there() {
    let src = one("CONFIDENTIAL STATE 000001\n\nTAGS: PREL PG$0\nSUBJECT: X\n\n1. (C) Text.\n");
    let (f, items, more) = complete(&src);
    assert!(!more);
    assert_eq!(
        show(&f, &items),
        ["PGOV = PGOV [PG] · Political Affairs--Government; Internal Governmental Affairs"]
    );
    // A wrapped TAGS field; PREL is there already, PREF is not.
    let src =
        one("CONFIDENTIAL STATE 000001\n\nTAGS: PREL, PGOV,\nPR$0\nSUBJECT: X\n\n1. (C) Text.\n");
    let (_, items, _) = complete(&src);
    let l = labels(&items);
    assert!(l.contains(&"PREF") && !l.contains(&"PREL"), "{l:?}");
    assert!(l.iter().all(|t| t.starts_with("PR")), "{l:?}");
    // After a space, every TAG but those in the field, in order.
    let src = one("CONFIDENTIAL STATE 000001\n\nTAGS: PREL $0\nSUBJECT: X\n");
    let (_, items, _) = complete(&src);
    let l = labels(&items);
    assert!(l.len() > 300 && !l.contains(&"PREL"), "{}", l.len());
    // Inside a word: the rest of it is replaced too.
    let src = one("CONFIDENTIAL STATE 000001\n\nTAGS: PREL PG$0OVX\nSUBJECT: X\n");
    let (f, items, _) = complete(&src);
    assert_eq!(
        show(&f, &items),
        ["PGOV = PGOV [PGOVX] · Political Affairs--Government; Internal Governmental Affairs"]
    );
    assert!(l.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn portion_marks_not_above_the_banner_the_banners_first() {
    let src = one("CONFIDENTIAL STATE 000001\n\nSUBJECT: X\n\n1. (C) Text.\n\n2. ($0\n");
    let (f, items, _) = complete(&src);
    assert_eq!(
        show(&f, &items),
        [
            "(C) = C) [] · CONFIDENTIAL",
            "(C//NF) = C//NF) [] · CONFIDENTIAL, not releasable to foreign nationals",
            "(SBU) = SBU) [] · SENSITIVE BUT UNCLASSIFIED (ranks as UNCLASSIFIED)",
            "(U) = U) [] · UNCLASSIFIED",
            "(U//FOUO) = U//FOUO) [] · UNCLASSIFIED, for official use only",
        ]
    );
    // The parenthesis already closed, part of the mark typed, a sub-paragraph.
    let src = one("SECRET STATE 000001\n\nSUBJECT: X\n\n1. (S) Text.\n\nB. (S$0)\n");
    let (f, items, _) = complete(&src);
    let s = show(&f, &items);
    assert_eq!(s[0], "(S) = S [S] · SECRET");
    assert!(!labels(&items).contains(&"(TS)"));
    // A mark already there, the cursor inside it: the whole mark is replaced.
    let src = one("SECRET STATE 000001\n\nSUBJECT: X\n\n1. (S) Text.\n\n2. ($0C/NF) More.\n");
    let (f, items, _) = complete(&src);
    assert_eq!(show(&f, &items)[0], "(S) = S [C/NF] · SECRET");
    // An unclassified cable: the unclassified marks only; the subject's mark.
    let src = one("UNCLAS STATE 000001\n\nSUBJECT: ($0\n");
    let (_, items, _) = complete(&src);
    assert_eq!(labels(&items), ["(SBU)", "(U)", "(U//FOUO)"]);
    // A LIMITED OFFICIAL USE cable: its own (LOU) first.
    let src = one("LIMITED OFFICIAL USE STATE 104455\n\nSUBJECT: X\n\n1. ($0\n");
    let (_, items, _) = complete(&src);
    assert_eq!(labels(&items), ["(LOU)", "(SBU)", "(U)", "(U//FOUO)"]);
    // Not a label before the parenthesis: nothing.
    let src = one("UNCLAS STATE 000001\n\n1. (U) The minister (the new one$0\n");
    assert!(complete(&src).1.is_empty());
}

#[test]
fn ref_letters_after_ref_in_the_text() {
    let src = corpus3(
        "REF: A. STATE 633\n\nB. STATE 44438",
        "1. (C) As REF $0 reports, the meeting went well.",
    );
    let (f, items, _) = complete(&src);
    assert_eq!(
        show(&f, &items),
        ["A = A [] · STATE 633", "B = B [] · STATE 44438"]
    );
    // The cited cable's subject, when the corpus holds it.
    let doc = items[1].documentation.as_deref().unwrap();
    assert!(doc.contains("RPOC MEETING IN PARIS"), "{doc}");
    let src = corpus3(
        "REF: A. STATE 633\n\nB. STATE 44438",
        "1. (C) As refs b$0 report, the meeting went well.",
    );
    let (f, items, _) = complete(&src);
    assert_eq!(show(&f, &items), ["B = B [b] · STATE 44438"]);
}

#[test]
fn paragraph_numbers_after_para() {
    let src = one(
        "CONFIDENTIAL STATE 000001\n\nSUBJECT: X\n\n1. (C) Talks opened.\n\n2. (C) Talks closed.\n\n3. (C) See para $0\n",
    );
    let (f, items, _) = complete(&src);
    assert_eq!(
        show(&f, &items),
        ["1 = 1 [] · Talks opened.", "2 = 2 [] · Talks closed."]
    );
    let src = one(
        "CONFIDENTIAL STATE 000001\n\nSUBJECT: X\n\n1. (C) A.\n\n2. (C) B.\n\n3. (C) C, per paragraph 2$0\n",
    );
    let (f, items, _) = complete(&src);
    assert_eq!(show(&f, &items), ["2 = 2 [2] · B."]);
}

#[test]
fn cables_of_the_corpus_in_a_ref_item() {
    let src = corpus3("REF: A. STATE 633\n\nB. STATE 44$0", "1. (C) See REF B.");
    let (f, items, more) = complete(&src);
    assert!(!more);
    assert_eq!(
        show(&f, &items),
        ["08 STATE 44438 = 08 STATE 44438 [STATE 44] · RPOC MEETING IN PARIS"]
    );
    // By the origin's first letters; after the heading; a variant of STATE.
    for refs in ["REF: A. BER$0", "REF: BER$0", "REF: A) 08 BERLIN 8$0"] {
        let (f, items, _) = complete(&corpus3(refs, "1. (C) Text."));
        let s = show(&f, &items);
        assert_eq!(s.len(), 1, "{refs}: {s:?}");
        assert!(s[0].starts_with("08 BERLIN 896 = 08 BERLIN 896 ["), "{s:?}");
    }
    let (_, items, _) = complete(&corpus3("REF: A. SECSTATE 4$0", "1. (C) Text."));
    assert_eq!(labels(&items), ["08 STATE 44438"]);
    // A serial written with its leading zeros.
    let (f, items, _) = complete(&corpus3("REF: A. 08 STATE 0044$0", "1. (C) Text."));
    assert_eq!(
        show(&f, &items),
        ["08 STATE 44438 = 08 STATE 44438 [08 STATE 0044] · RPOC MEETING IN PARIS"]
    );
    // Another year than the one typed; the citing cable itself.
    assert!(complete(&corpus3("REF: A. 07 STATE 44$0", "1. (C) Text."))
        .1
        .is_empty());
    assert!(complete(&corpus3("REF: A. STATE 70$0", "1. (C) Text."))
        .1
        .is_empty());
}

#[test]
fn many_cables_are_cut_to_a_page_and_said_to_be_more() {
    let mut src = String::new();
    for n in 1..=(MAX_CABLES + 10) {
        let banner = format!("CONFIDENTIAL BERLIN {:06}", 100 + n);
        src += &format!(
            "//- /w/{n}.txt\n{}",
            cable(
                "011200Z MAY 08",
                &banner,
                "X",
                "REF: STATE 1",
                "1. (C) Text."
            )
        );
    }
    src += &format!(
        "//- /w/new.txt\n{}",
        cable(
            "011200Z MAY 08",
            "CONFIDENTIAL STATE 000009",
            "X",
            "REF: A. BERLIN 1$0",
            "1. (C) Text."
        )
    );
    let (_, items, more) = complete(&src);
    assert_eq!(items.len(), MAX_CABLES);
    assert!(more, "the client is told to ask again as the user types");
    assert!(labels(&items).iter().all(|l| l.starts_with("08 BERLIN 1")));
}

#[test]
fn nothing_in_plain_text() {
    for body in [
        "1. (C) The meeting$0 went well.",
        "1. (C) The $0",
        "1. (C) See REF$0",
        "1. (C) See REFERENCE $0",
    ] {
        let (_, items, more) = complete(&corpus3("REF: A. STATE 633", body));
        assert!(items.is_empty() && !more, "{body}: {:?}", labels(&items));
    }
}

/// At every offset of the five seed cables (each damaged its own way), with
/// every seed in the index: no panic, and each item replaces text on the
/// cursor's line around the cursor.
#[test]
fn every_offset_of_the_seeds_completes_without_panic() {
    let mut src = String::new();
    for (stem, text) in common::seeds() {
        src += &format!("//- /w/{stem}.txt\n{text}");
    }
    let f = fixture(&src);
    let mut offered = 0;
    for (path, doc) in &f.docs {
        let cx = cable_lsp::analysis::navigation::Ctx {
            doc,
            path,
            index: &f.index,
        };
        for at in (0..=doc.text.len()).filter(|&i| doc.text.is_char_boundary(i)) {
            let (items, _) = completions(cx, at);
            for c in &items {
                let r = c.replace;
                assert!(r.start <= at && at <= r.end, "{c:?}");
                assert!(!doc.text[r.start..r.end].contains('\n'), "{c:?}");
                assert!(!c.insert.is_empty() && !c.label.is_empty(), "{c:?}");
            }
            offered += usize::from(!items.is_empty());
        }
    }
    assert_eq!(f.docs.len(), 5);
    assert!(offered > 100, "completions offered at {offered} offsets");
}

#[test]
fn classification_reasons_after_the_section_and_a_parenthesis() {
    let cable = |cb: &str| {
        one(&format!(
            "R 010101Z JAN 09\nCONFIDENTIAL STATE 000001\n\nSUBJECT: X\n\n{cb}\n\n1. (C) Text.\n"
        ))
    };
    let (f, items, _) = complete(&cable("Classified By: A. Smith, reasons 1.4 ($0"));
    let s = show(&f, &items);
    assert_eq!(s.len(), 8, "{s:?}");
    assert_eq!(
        s[0],
        "(a) = a) [] · military plans, weapons systems, or operations"
    );
    assert_eq!(s[7], "(h) = h) [] · weapons of mass destruction");
    // Those given left out, in their case; a reason already closed is replaced.
    let (f, items, _) = complete(&cable("Classified By: A. Smith, Reason: 1.4 (B) and ($0)"));
    let s = show(&f, &items);
    assert_eq!(labels(&items).len(), 7);
    assert!(
        s[1].starts_with("(C) = C [] · intelligence activities"),
        "{s:?}"
    );
    // Before March 2003 the section was 1.5, (a) to (g); a wrapped line.
    let (_, items, _) = complete(&cable("Classified By: A. Smith for\nreasons 1.5 (b), (d$0"));
    assert_eq!(labels(&items), ["(d)"]);
    let (_, items, _) = complete(&cable("Classified By: A. Smith for\nreasons 1.5 ($0"));
    assert_eq!(labels(&items).last(), Some(&"(g)"));
    // Not on the Classified By lines: nothing.
    let src = one("CONFIDENTIAL STATE 000001\n\nSUBJECT: X\n\n1. (C) Under section 1.4 ($0\n");
    assert!(complete(&src).1.is_empty());
}
