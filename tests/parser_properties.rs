//! Properties of the parser on arbitrary input: it never panics, it is
//! deterministic, and every span it returns lies inside the text on character
//! boundaries.

mod common;

use cable_lsp::syntax;
use common::check_spans;
use proptest::prelude::*;

/// Pieces of real cables, recombined at random: far likelier to reach the parser's
/// corners than uniform bytes.
fn cable_like() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        " ",
        "\u{a0}",
        ".\u{a0} ",
        ".  9. (SBU) ",
        "(d) 1. (C) ",
        "  ",
        "1. ",
        "11. ",
        "- 13. ",
        "$\\P 1$. ",
        "$\\underline{\\ }^{4}$. ",
        "[2](#). ",
        "[B](#). ",
        "¶B. ",
        "1D. ",
        "A. ",
        "(A) ",
        "B) ",
        "(C) ",
        "(S//NF) ",
        "(C/REL MTCR) ",
        "(SBU) ",
        "(secret//rel germany)",
        "(S // NF) ",
        "(  C  ) ",
        "E.O. 12958:\nDECL: 07/08/2033 TAGS: PREL\n",
        "\nSECRET\n",
        "From  DB/Inbox:  Search Results\n",
        "REF: ",
        "REFS: ",
        "REF A",
        "reftel",
        "septel",
        "para 5",
        "paras 2-3",
        "POC DOC 66",
        "POC 133",
        "STATE 67437",
        "08 STATE 129729",
        "KABUL 936/935",
        "(AND PREVIOUS)",
        "TAGS: ",
        "[MTCRE](#) ",
        "SUBJECT: ",
        "E.O. 12958: DECL: 07/08/2033",
        "Classified By: X. Reason: 1.4 (B), (D).",
        "C O N F I D E N T I A L BERLIN 000896",
        "SECTION 01 OF 03 ",
        "UNCLAS ",
        "P 081544Z JUL 08",
        "FM AMEMBASSY BERLIN",
        "TO RUEHC/SECSTATE WASHDC PRIORITY 1611",
        "INFO ",
        "ZNY CCCCC ZZH",
        "VZCZCXYZ0000",
        "PAGE 02 HARARE 06677 01 OF 03 291400Z",
        "BRASILIA 00001859 002 OF 004",
        "BEGIN GUIDANCE:",
        "END GUIDANCE.",
        "NOTE: ",
        "END NOTE.",
        "(BACKGROUND: ",
        "END BACKGROUND.)",
        "--",
        "TIMKEN JR",
        "NNNN",
        "NNN",
        "BT",
        "#1234",
        "C O N F I D E N T I A L SECTION 01 OF 02 RIO DE JANEIRO\n000329\n",
        "reftel B",
        "(reftel b) ",
        "in reftel a\n",
        "(See Reftel\nC)",
        "REFTELS A AND C",
        "POC DOCS 66, 67 and 70",
        "POC DOC 66 and ",
        "POC DOCS 66,\n",
        "the POC\nDOCS 7 and\n",
        "\nand 133 ",
        "1.4 b&d",
        "REASONS 1.4 BD. ",
        "B,C andD",
        "1.4 b, d 1. (C) ",
        "1.(C) ",
        "lines. 6.(S) ",
        "DEPT FOR WHA/BSC E. O. 12958: DECL: 11/22/2012 ",
        "REF: RIO DE JANEIRO 329; RIO DE JANEIRO 346; ",
        "SIPDIS",
        "Secretary SIPDIS Welch",
        "LIMITED OFFICIAL USE STATE 104455",
        "LIMITED OFFICIAL USE",
        "SECRET//NOFORN ROME 012345",
        "PAGE 02 STATE 104455",
        "para 3 of reftel",
        "REF A para 2",
        "End Cable Text",
        "© Scoop Media",
        "Russia,s",
        " ) ",
        "&watch list8",
        "’",
        "⁸",
        "©",
        "\u{0}",
        "\t",
        "é",
        "𝄞",
        "(",
        ")",
        "[",
        "]",
        "$",
        "¶",
        "<br>",
        "&nbsp;",
        "\u{c2}",
        ".  (",
        "<pre>",
        "</p>",
        "\u{fb01}",
        ".",
        ":",
        "/",
        "&#8217;",
        "\\",
        "XXXXXXXXXXXX",
        "2009",
        "0",
        "STATE 67437",
        "STATE",
        "08 BERLIN 896",
        "RIO DE JANEIRO 12",
        "POC DOC 66",
        "POC\n",
        "REF: A. 08 STATE 2034\n",
        "B. SECSTATE 345\n",
        "SUBJECT: ",
        "7",
        "67437",
    ]);
    prop::collection::vec(piece, 0..120).prop_map(|v| v.concat())
}

proptest! {
    // 2,000 cases each by default; PROPTEST_CASES=100000 for a long run.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(2000),
        ..ProptestConfig::default()
    })]

    #[test]
    fn arbitrary_strings_never_panic(s in "\\PC{0,400}") {
        let a = syntax::parse(&s);
        check_spans(&s, &a);
        prop_assert_eq!(a, syntax::parse(&s));
    }

    #[test]
    fn arbitrary_bytes_decode_and_parse(b in prop::collection::vec(any::<u8>(), 0..600)) {
        let (s, _) = syntax::text::decode(&b);
        let a = syntax::parse(&s);
        check_spans(&s, &a);
    }

    #[test]
    fn cable_like_input_never_panics(s in cable_like()) {
        let a = syntax::parse(&s);
        check_spans(&s, &a);
        prop_assert_eq!(a, syntax::parse(&s));
    }

    #[test]
    fn a_skim_reads_what_the_full_parse_reads(s in cable_like()) {
        skim_agrees(&s);
    }

    #[test]
    fn a_skim_of_any_text_reads_what_the_full_parse_reads(s in "\\PC{0,400}") {
        skim_agrees(&s);
    }
}

/// [`syntax::skim::skim`] gives the full model's header, id, body span, and
/// citations of cables and POC documents.
fn skim_agrees(text: &str) {
    let full = syntax::parse(text);
    let sk = syntax::skim::skim(text);
    assert_eq!(sk.header, full.header, "header of {text:?}");
    assert_eq!(sk.id, full.id, "id of {text:?}");
    assert_eq!(sk.body, full.body.span, "body of {text:?}");
    let want: Vec<_> = (full.citations.iter())
        .filter(|c| {
            matches!(
                c.kind,
                syntax::CitationKind::Cable | syntax::CitationKind::PocDoc
            )
        })
        .cloned()
        .collect();
    assert_eq!(sk.citations, want, "citations of {text:?}");
}

/// The skim of the corpus seeds and of the degenerate inputs agrees too.
#[test]
fn a_skim_of_the_seeds_and_degenerate_inputs_agrees() {
    for (_, text) in common::seeds() {
        skim_agrees(&text);
    }
    for t in [
        "",
        "\n",
        "STATE 12345",
        "SUBJECT: SEE STATE 12345\n\n1. POC\nDOC 7\nNNNN\nSTATE 1",
    ] {
        skim_agrees(t);
    }
    // Citations broken over a line end: the serial or number on the next line.
    let wrapped = "R 081544Z JUL 08\nCONFIDENTIAL BERLIN 000896\nSUBJECT: X\n\n1. (C) SEE STATE\n67437.\nALSO POC\n7.\n08 BERLIN\n896.\n";
    skim_agrees(wrapped);
    let found: Vec<String> = (syntax::skim::skim(wrapped).citations.iter())
        .map(|c| c.id.as_ref().map_or(c.target.clone(), |id| id.to_string()))
        .collect();
    assert_eq!(found, ["08STATE67437", "7", "08BERLIN896"]);
}

/// A block's name after a parenthesis and a no-break space (`(\u{a0}NOTE:`):
/// its span starts at the name, not inside the no-break space.
#[test]
fn a_block_name_after_a_no_break_space_is_spanned_on_characters() {
    let t = "1.4 b, d 1. (C) \n(\u{a0}NOTE: END NOTE.";
    let m = syntax::parse(t);
    check_spans(t, &m);
    let b = m.body.blocks.first().expect("the NOTE block");
    assert_eq!(b.open_span.text(t), "N");
}

/// Large and degenerate inputs finish (linear time: these would take minutes if
/// any step were quadratic). Sizes are kept moderate for debug builds.
#[test]
fn degenerate_inputs_finish() {
    let cases: Vec<String> = vec![
        String::new(),
        "\n".repeat(200_000),
        "x".repeat(2_000_000),
        "REF: ".to_string() + &"A. STATE 1 ".repeat(20_000),
        (1..=20_000).map(|n| format!("{n}. (C) text\n")).collect(),
        "(((((".repeat(100_000),
        "END ".repeat(100_000),
        "A.\n".repeat(100_000),
        "\u{0}".repeat(100_000),
        "BEGIN X:\n".repeat(50_000),
    ];
    for c in &cases {
        let m = syntax::parse(c);
        check_spans(c, &m);
    }
}

/// A line over the limit: citations read in its first part, and a diagnostic
/// that says so; a line under it has none.
#[test]
fn a_very_long_line_is_read_within_a_limit_that_is_reported() {
    let limit = syntax::citations::LONG_LINE;
    let head = "R 082042Z JAN 08\nCONFIDENTIAL STATE 002034\n\n1. (C) See REF A ";
    let long = format!("{head}{}", "word ".repeat(limit / 5 + 10));
    let m = syntax::parse(&long);
    let d: Vec<_> = m
        .diagnostics
        .iter()
        .filter(|d| d.code == "long-line")
        .collect();
    assert_eq!(d.len(), 1, "{:?}", m.diagnostics);
    assert!(
        d[0].message
            .contains("citations are read in its first 256 KB only"),
        "{}",
        d[0].message
    );
    assert!(
        m.citations.iter().any(|c| c.target == "A"),
        "REF A near the start is read"
    );
    let short = syntax::parse(&format!("{head}word word\n"));
    assert!(!short.diagnostics.iter().any(|d| d.code == "long-line"));
    assert!(short.citations.iter().any(|c| c.target == "A"));
}
