//! Incremental reparse against the full parse ("paranoid mode"): random edit
//! sequences on the corpus cables (and on real cables when `../shared` is
//! present) leave a state and a model equal to parsing the final text afresh.

mod common;
use cable_lsp::syntax::incremental::{Edit, ParseState};
use cable_lsp::syntax::parse;
use proptest::prelude::*;

fn corpus() -> Vec<String> {
    // Sorted by text: the saved regression cases index this list.
    let mut v: Vec<String> = common::seeds().into_iter().map(|(_, t)| t).collect();
    v.sort();
    if let Some(shared) = common::shared() {
        // A handful of real cables with sections and page lines.
        for name in [
            "00HARARE6677",
            "06BRASILIA1859",
            "09STATE100153",
            "08BERLIN643",
            "09DOHA214",
            "08BRASILIA1565",
            "09TRIPOLI663",
        ] {
            v.push(
                std::fs::read_to_string(shared.join("cables").join(format!("{name}.txt"))).unwrap(),
            );
        }
    }
    v
}

const INSERTS: &[&str] = &[
    "",
    "x",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "1. (C) ",
    "11. (S//NF) ",
    ".  9. (SBU) ",
    ") 2. (C) ",
    ". ",
    "\u{a0}",
    "A. ",
    "¶B. ",
    "(C) ",
    "REF A",
    "reftel",
    "para 5",
    "POC DOC 66",
    "STATE 67437",
    "END NOTE.",
    "NOTE: ",
    "BEGIN TEXT:",
    "--",
    "PAGE 02 HARARE 06677 01 OF 03 291400Z",
    "BRASILIA 00001859 002 OF 004",
    "C O N F I D E N T I A L SECTION 02 OF 03 HARARE 006677",
    "SUBJECT: ",
    "TAGS: PREL",
    "Classified By: x",
    "NNNN",
    "BT",
    "#1234",
    "SECTION 01 OF 02 RIO DE JANEIRO\n000329",
    "reftel B",
    "POC DOCS 66, 67",
    "1.4 b, d 1. (C) ",
    "those lines. 6.(S) ",
    "REF: ROME 329; ROME 346; ",
    "(\u{a0}NOTE: ",
    "’",
    "⁸",
    "𝄞",
    "TIMKEN JR",
    " ) ",
    "Russia,s",
    "[B](#). ",
    "SIPDIS",
    " SIPDIS ",
    "LIMITED OFFICIAL USE",
    "PAGE 02 STATE 104455",
    " CONFIDENTIAL",
    "INFO LOG-00 NP-00 AID-00 ACQ-00 CEA-01 FM AMEMBASSY HARARE",
    "of reftel",
    "REF B para 2",
    "\\",
    "\\.",
    "**",
    "3\\. (C) ",
    "**SUBJECT:** ",
    "SUBJ ECT: ",
    "Classfied By: ",
    "Classi\u{fb01}ed by ",
    "<br>",
    "<br />",
    "<pre>",
    "</pre>",
    "<p>",
    "> ",
    ">",
    "&nbsp;",
    "\u{c2}\u{a0} ",
    "\u{c2}\u{b6}",
    "\u{c2}",
    "12.  (C) ",
    ".\t(S) ",
    "P 08l544Z JUL O8",
    "C 0 N F I D E N T 1 A L ",
];

/// A char-boundary offset near `frac` of the text.
fn at(text: &str, frac: f64) -> usize {
    let mut i = ((text.len() as f64) * frac) as usize;
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Applies the edits one by one, checking the model against a fresh parse
/// after each (the model is patched in place, so an error would carry on).
/// Returns how many edits patched the model.
fn check(text: &str, ops: &[(f64, u16, usize)]) -> usize {
    let mut text = text.to_string();
    let mut st = ParseState::new(&text);
    let mut patched = 0;
    for &(frac, len, ins) in ops {
        let a = at(&text, frac);
        let mut b = (a + len as usize).min(text.len());
        while !text.is_char_boundary(b) {
            b += 1;
        }
        let new = INSERTS[ins % INSERTS.len()];
        text.replace_range(a..b, new);
        let r = st.edit(
            &text,
            Edit {
                start: a,
                old_end: b,
                new_end: a + new.len(),
            },
        );
        patched += r.patched as usize;
        assert_eq!(
            *st.model(),
            parse(&text),
            "after replacing {a}..{b} by {new:?} (patched: {})",
            r.patched
        );
    }
    let fresh = ParseState::new(&text);
    assert!(
        st == fresh,
        "the incremental state differs from a fresh parse"
    );
    patched
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(300),
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_edits_equal_a_fresh_parse(
        which in 0usize..1000,
        ops in prop::collection::vec((0.0f64..=1.0, 0u16..40, 0usize..100), 1..25),
    ) {
        let texts = corpus();
        check(&texts[which % texts.len()], &ops);
    }
}

#[test]
fn typing_a_paragraph_character_by_character() {
    let texts = corpus();
    let base = &texts[0];
    let mut text = base.clone();
    let mut st = ParseState::new(&text);
    let mut pos = at(&text, 0.5);
    while !text[..pos].ends_with('\n') && pos > 0 {
        pos -= 1;
    }
    for c in "\n7. (S//NF) Per REF B and para 2, the Partners,s view ) new.\n".chars() {
        let s = c.to_string();
        text.insert_str(pos, &s);
        st.edit(
            &text,
            Edit {
                start: pos,
                old_end: pos,
                new_end: pos + s.len(),
            },
        );
        pos += s.len();
        assert_eq!(*st.model(), parse(&text));
    }
}

/// Typing inside a paragraph patches the model (and the result is the fresh
/// parse's): the fast path is taken, not only the fallback.
#[test]
fn typing_inside_paragraphs_patches_the_model() {
    let texts = corpus();
    let mut edits = 0;
    let mut patched = 0;
    for base in &texts {
        // One word typed into the middle of each of a few lines of the body.
        let ops: Vec<(f64, u16, usize)> = (4..9)
            .map(|i| (i as f64 / 10.0, 0, 1)) // "x"
            .collect();
        edits += ops.len();
        patched += check(base, &ops);
    }
    assert!(
        patched * 2 > edits,
        "only {patched} of {edits} edits inside the text patched the model"
    );
}

/// A double-spaced copy (a blank line after every line) is read whole on
/// each edit; edits that make a text double-spaced or stop it being so give
/// the fresh parse's model too.
#[test]
fn edits_of_double_spaced_copies_equal_a_fresh_parse() {
    let texts = corpus();
    let mut told = 0;
    for base in &texts {
        let spaced = base.replace('\n', "\n\n");
        // A copy whose lines mostly had a blank line between them already
        // is not told (nor need be): little spacing, many runs.
        told += cable_lsp::syntax::text::is_double_spaced(&spaced) as usize;
        // Random-looking edits: fractions and inserts from a fixed sequence.
        let ops: Vec<(f64, u16, usize)> = (0..12)
            .map(|k| ((k * 37 % 100) as f64 / 100.0, (k * 7 % 30) as u16, k * 13))
            .collect();
        check(&spaced, &ops);
        // The whole text replaced by its double-spaced copy, and back.
        let mut st = ParseState::new(base);
        for (old, new) in [(base, &spaced), (&spaced, base)] {
            st.edit(
                new,
                Edit {
                    start: 0,
                    old_end: old.len(),
                    new_end: new.len(),
                },
            );
            assert!(st == ParseState::new(new));
        }
    }
    assert!(told > 0, "no double-spaced copy told");
}

/// Each edit (`del` bytes replaced by `ins`) at every offset from `from` to
/// `to` of `base`, on a state parsed from `base`: the model equals a fresh
/// parse of the edited text.
fn every_edit_between(base: &str, from: usize, to: usize, edits: &[(usize, &str)]) {
    for at in from..=to {
        for &(del, ins) in edits {
            let b = (at + del).min(base.len());
            let mut text = base.to_string();
            text.replace_range(at..b, ins);
            let mut st = ParseState::new(base);
            st.edit(
                &text,
                Edit {
                    start: at,
                    old_end: b,
                    new_end: at + ins.len(),
                },
            );
            assert_eq!(*st.model(), parse(&text), "{ins:?} at {at}");
        }
    }
}

/// A banner whose serial is wrapped onto the next line: typing, deleting and
/// breaking lines at every offset of the banner, its serial and the line after
/// them equals a fresh parse.
#[test]
fn edits_around_a_wrapped_banner_serial_equal_a_fresh_parse() {
    let base = "C O N F I D E N T I A L SECTION 01 OF 02 RIO DE JANEIRO\n000329\n\n\
                SIPDIS\n\nE.O. 12958: DECL: 2019/10/26\nTAGS: PREL\nSUBJECT: X\n\n\
                1. (C) See RIO DE JANEIRO 320.\n";
    let end = base.find("SIPDIS").unwrap();
    every_edit_between(base, 0, end, &[(0, "7"), (1, ""), (0, "\n"), (0, " ")]);
    assert_eq!(
        parse(base).id.map(|i| i.to_string()).as_deref(),
        Some("09RIODEJANEIRO329")
    );
}

/// A numbered line that grows to, or shrinks from, a whole paragraph's
/// length (a copy that does not wrap: its unmarked number opens a paragraph
/// there only): typing and deleting across the length equals a fresh parse.
#[test]
fn a_line_growing_to_a_whole_paragraph_equals_a_fresh_parse() {
    let words = "This week we waited. ".repeat(6);
    let base = format!(
        "UNCLAS SECTION 01 OF 03 HARARE 000888\n\nSUBJECT: ZIM NOTES\n\n1. SUMMARY\n\
         Topics of the week: {words}See Harare 885\n8. Prisons... {words}\n\
         XXXXXXXXXXXX\nRAY\n"
    );
    let line = base.find("8. Prisons").unwrap();
    let mut text = base.clone();
    let mut st = ParseState::new(&text);
    let mut seen = [false; 2];
    // Grow the `8.` line a character at a time past the length, then back.
    let at = line + "8. Prisons".len();
    for k in 0..40 {
        text.insert(at, 'x');
        st.edit(
            &text,
            Edit {
                start: at,
                old_end: at,
                new_end: at + 1,
            },
        );
        assert_eq!(
            *st.model(),
            parse(&text),
            "after {} characters typed",
            k + 1
        );
        seen[st.model().body.paragraphs.len().min(2) - 1] = true;
    }
    for k in 0..40 {
        text.remove(at);
        st.edit(
            &text,
            Edit {
                start: at,
                old_end: at + 1,
                new_end: at,
            },
        );
        assert_eq!(
            *st.model(),
            parse(&text),
            "after {} characters deleted",
            k + 1
        );
    }
    assert_eq!(text, base);
    assert_eq!(seen, [true, true], "the length was not crossed: {seen:?}");
}

/// A paragraph's number alone on its line takes the mark opening the next:
/// typing text after the number, and deleting it, equals a fresh parse.
#[test]
fn typing_after_a_number_alone_equals_a_fresh_parse() {
    let base =
        "CONFIDENTIAL STATE 000001\n\nSUBJECT: X\n\n1.\n(C) One.\n\n2.\n(S) Two.\n\nCLINTON\n";
    let at = base.find("2.").unwrap() + 2;
    let mut text = base.to_string();
    let mut st = ParseState::new(&text);
    for (k, c) in " (U) Now.".chars().enumerate() {
        text.insert(at + k, c);
        st.edit(
            &text,
            Edit {
                start: at + k,
                old_end: at + k,
                new_end: at + k + 1,
            },
        );
        assert_eq!(
            *st.model(),
            parse(&text),
            "after {:?}",
            &text[at..at + k + 1]
        );
    }
    for k in (0..9).rev() {
        text.remove(at + k);
        st.edit(
            &text,
            Edit {
                start: at + k,
                old_end: at + k + 1,
                new_end: at + k,
            },
        );
        assert_eq!(*st.model(), parse(&text));
    }
    assert_eq!(text, base);
}

/// A number alone takes the mark past a blank line and a page's break: typing
/// the mark there, and taking the blank and page lines out a character at a
/// time, equals a fresh parse.
#[test]
fn typing_a_mark_past_a_page_break_after_a_number_alone_equals_a_fresh_parse() {
    let base = "CONFIDENTIAL STATE 000001\n\nSUBJECT: X\n\n1.\n(C) One.\n\n2.\n\n\
                PAGE 02 STATE 000001 02 OF 02 081544Z\nTwo.\n\nCLINTON\n";
    let mut text = base.to_string();
    let mut st = ParseState::new(&text);
    let mut step = |text: &mut String, at: usize, del: usize, ins: &str| {
        text.replace_range(at..at + del, ins);
        st.edit(
            text,
            Edit {
                start: at,
                old_end: at + del,
                new_end: at + ins.len(),
            },
        );
        assert_eq!(*st.model(), parse(text), "{text:?}");
        st.model().body.paragraphs[1].marking.is_some()
    };
    let at = base.find("Two.").unwrap();
    let mut marked = Vec::new();
    for (k, c) in "(S) ".char_indices() {
        marked.push(step(&mut text, at + k, 0, &c.to_string()));
    }
    // The page line and the blank line before it go, a character at a time.
    let from = base.find("2.\n").unwrap() + 3;
    for _ in "\nPAGE 02 STATE 000001 02 OF 02 081544Z\n".chars() {
        marked.push(step(&mut text, from, 1, ""));
    }
    assert!(text.contains("2.\n(S) Two."), "{text:?}");
    // `(S` is no mark yet; `(S)` past the break is, and is once the page's
    // line is gone (a piece of it is a line of text, between).
    assert_eq!(marked[..4], [false, false, true, true]);
    assert_eq!(marked.last(), Some(&true));
}

/// A repeated section header's lines are told by the cable's header (a line
/// of it repeated, or a field): typing, deleting and breaking lines at every
/// offset of the second section's header and the text after it equals a
/// fresh parse.
#[test]
fn edits_around_a_repeated_section_header_equal_a_fresh_parse() {
    let base = "C O N F I D E N T I A L SECTION 01 OF 02 HARARE 006677\n\nSIPDIS\n\
                NSC FOR GAYLE SMITH\n\nE.O. 12958: DECL: 11/29/10\nTAGS: PGOV\nSUBJECT: X\n\n\
                1. (C) ONE TWO THREE.\n\
                C O N F I D E N T I A L SECTION 02 OF 02 HARARE 006677\n\nSIPDIS\n\
                NSC FOR GAYLE SMITH\nSEE STATE 12345 FOR MORE.\n\n2. (C) TWO.\n\n3. (C) THREE.\n\nMCDONALD\n";
    let from = base.find("1. (C)").unwrap();
    let to = base.find("\n\n2. (C)").unwrap();
    every_edit_between(
        base,
        from,
        to,
        &[(0, "X"), (1, ""), (0, "\n"), (0, "SIPDIS\n")],
    );
    assert_eq!(parse(base).body.noise.len(), 3);
}

/// A citation read past a page's break depends on the line after the break,
/// up to five lines below its start: editing that line (or the break's)
/// reads the citation again.
#[test]
fn edits_after_a_page_break_inside_a_citation_equal_a_fresh_parse() {
    let base = "CONFIDENTIAL STATE 000001\n\nSUBJECT: X\nREF: A. STATE 1 B. STATE 2\n\n\
                1. (C) One.\n\n2. (C) As noted (REF\nCONFIDENTIAL\n\
                PAGE 02 STATE 000001 02 OF 02 081544Z\n- 2 -\nA), the text goes on.\n\n\
                3. (C) Three.\n\nCLINTON\n";
    let from = base.find("(REF").unwrap();
    let to = base.find("the text").unwrap();
    every_edit_between(base, from, to, &[(1, ""), (0, "X"), (1, "B"), (0, "\n")]);
    let cited: Vec<String> = parse(base)
        .citations
        .iter()
        .map(|c| c.target.clone())
        .collect();
    assert_eq!(cited, ["A"]);
}

/// A copy re-wrapped between a glued paragraph's label and its mark
/// (`... technology. 6.` / `(C) While ...`), and a section's banner cut
/// before its serial (`... SECTION 02 OF 03 HARARE` / `006677`): typing,
/// deleting and breaking lines at every offset around them equals a fresh
/// parse.
#[test]
fn edits_around_a_label_and_a_banner_cut_by_a_line_end_equal_a_fresh_parse() {
    let base = "C O N F I D E N T I A L BRASILIA 000035\n\nSIPDIS\n\n\
                E.O. 12958: DECL: 01/09/2019\nTAGS: PREL\nSUBJECT: X\n\n\
                5. (C) The Army wants helicopters and fire\ncontrol technology. 6.\n\
                (C) While mentioned prominently, see STATE\n12345 for it.\n\n\
                C O N F I D E N T I A L SECTION 02 OF 03 BRASILIA\n000035\n\n\
                7. (C) More text about HARARE 6677.\n";
    let c = parse(base);
    assert_eq!(
        (c.body.paragraphs.iter())
            .map(|p| p.number)
            .collect::<Vec<_>>(),
        [5, 6, 7]
    );
    assert_eq!(
        c.body.paragraphs[1].lead,
        "While mentioned prominently, see STATE"
    );
    // The banner's place and serial cite nothing.
    let cables: Vec<String> = (c.citations.iter())
        .filter_map(|c| c.id.as_ref().map(|i| i.to_string()))
        .collect();
    assert_eq!(cables, ["09STATE12345", "09HARARE6677"]);
    let from = base.find("control").unwrap();
    let to = base.find("7. (C)").unwrap();
    every_edit_between(base, from, to, &[(0, "7"), (1, ""), (0, "\n"), (0, " ")]);
}

/// A number opening a line after a month or `para` at the previous line's
/// end is a date's day or a cited paragraph, not a paragraph
/// (`... on May` / `12. ...`, `... See para.` / `4.`): editing the word
/// before it at every offset equals a fresh parse.
#[test]
fn edits_to_the_word_before_a_wrapped_number_equal_a_fresh_parse() {
    let base = "CONFIDENTIAL STATE 107438\n\nE.O. 12958: DECL: 10/10/2018\n\
                TAGS: PREL\nSUBJECT: X\n\n1. (U) This is an action request. See para.\n\
                4.\n\n2. (C) The official met him on May\n12. He said so.\n\n\
                3. (C) More.\n\n4. (C) Last.\n";
    let c = parse(base);
    assert_eq!(
        (c.body.paragraphs.iter())
            .map(|p| p.number)
            .collect::<Vec<_>>(),
        [1, 2, 3, 4]
    );
    let from = base.find("See para").unwrap();
    let to = base.find("3. (C)").unwrap();
    every_edit_between(base, from, to, &[(1, ""), (0, "X"), (1, "B"), (0, "\n")]);
    // An article's number (`... would weaken Article` / `5.  SecDef ...`).
    let base = "SECRET PARIS 000170\n\nE.O. 12958: DECL: 02/10/2020\nTAGS: PREL\nSUBJECT: X\n\n\
                4. (S//NF) He added that extending the Alliance would weaken Article\n\
                5.  SecDef stated his preference.\n\n5. (S//NF) Morin told SecDef.\n\n\
                6. (S//NF) Last.\n\nRIVKIN\n";
    let numbers: Vec<u32> = (parse(base).body.paragraphs.iter())
        .map(|p| p.number)
        .collect();
    assert_eq!(numbers, [4, 5, 6]);
    let from = base.find("weaken").unwrap();
    let to = base.find("5. (S").unwrap();
    every_edit_between(base, from, to, &[(1, ""), (0, "X"), (0, "\n")]);
}

/// A paragraph's mark cut by a line's end (`2. (S//REL TO USA,` / `FVEY)
/// ...`, a re-wrapped copy) is read whole: editing its two parts and the
/// line end between them at every offset equals a fresh parse.
#[test]
fn edits_around_a_mark_cut_by_a_line_end_equal_a_fresh_parse() {
    let base = "SECRET STATE 063860\n\nE.O. 12958: DECL: 06/26/2034\nTAGS: PTER\nSUBJECT: X\n\n\
                1. (S) One.\n\n2. (S//REL TO USA,\nFVEY) Separate tearline reports.\n\n\
                3. (S) Three.\n\nCLINTON\n";
    let c = parse(base);
    let marks: Vec<Option<String>> = (c.body.paragraphs.iter())
        .map(|p| p.marking.as_ref().map(|m| m.mark.normalized()))
        .collect();
    assert_eq!(marks[1].as_deref(), Some("S//REL USA FVEY"));
    assert_eq!(c.body.paragraphs[1].lead, "Separate tearline reports.");
    let from = base.find("2. (S").unwrap();
    let to = base.find("3. (S)").unwrap();
    every_edit_between(base, from, to, &[(1, ""), (0, "X"), (0, ")"), (0, "\n")]);
}

/// A web page's HTML tags at lines' ends and a block quote's marks (read as
/// spaces): typing, deleting and breaking lines at every offset around them,
/// and typing a tag's `<` or `>`, equals a fresh parse.
#[test]
fn edits_around_html_tags_equal_a_fresh_parse() {
    let base = "<pre>\nCONFIDENTIAL STATE 000001<br>\n\nSUBJECT: TALKS<br>\n<br>\n\
                <p>1. (C) See REF A.</p>\n<p>2. (C) Text<br />\nmore.</p>\n</pre>\n";
    every_edit_between(
        base,
        0,
        base.len(),
        &[
            (0, "<"),
            (0, ">"),
            (1, ""),
            (0, "\n"),
            (0, "X"),
            (0, "<br>"),
        ],
    );
    // A block quote's marks opening the lines.
    let base = "> CONFIDENTIAL STATE 000001\n>\n> SUBJECT: TALKS\n>\n\
                > 1. (C) See REF A.\n> > 2. (C) Text\n>more.\n";
    let edits = [(0, ">"), (0, " "), (1, ""), (0, "\n"), (0, "X")];
    every_edit_between(base, 0, base.len(), &edits);
}

/// A paragraph glued onto a line with two spaces or a tab between its label
/// and its mark (`grow.  12.  (C) ...`): editing at every offset around it
/// equals a fresh parse.
#[test]
fn edits_around_a_glued_paragraph_with_wide_spacing_equal_a_fresh_parse() {
    let base = "CONFIDENTIAL STATE 000001\n\nSUBJECT: TALKS\n\n\
                11. (C) Text to develop and grow.  12.  (C) Reich said.  13.\t(C) On.\n";
    let from = base.find("grow").unwrap();
    every_edit_between(
        base,
        from,
        base.len(),
        &[(0, " "), (1, ""), (0, "\n"), (0, "\t"), (0, "9")],
    );
}
