//! Multi-file fixture tests of definition, references, hover, links, hints and
//! lenses at the analysis layer (no server), in the style of rust-analyzer:
//! several cables in one string, `//- /path` before each, `$0` at the cursor.

mod common;

use cable_lsp::analysis::navigation::{definition, references};
use cable_lsp::analysis::{annotations, hover::hover, workspace_symbols, Document};
use cable_lsp::corpus::{CableRecord, Index};
use common::fixture::{cable, corpus3, fixture, fixture_on_disk};
use std::path::Path;

#[test]
fn ref_item_id_goes_to_the_cited_cables_banner() {
    let f = fixture(&corpus3(
        "REF: A. STATE 633\n\nB. STATE 44$0438",
        "1. (C) See REF B.",
    ));
    let (cx, at) = f.ctx();
    assert_eq!(
        f.show(&definition(cx, at)),
        ["/w/08STATE44438.txt:3:1 CONFIDENTIAL STATE 044438"]
    );
}

#[test]
fn ref_letter_in_text_goes_to_the_ref_item() {
    let f = fixture(&corpus3(
        "REF: A. STATE 633\n\nB. STATE 44438",
        "1. (C) As REF$0 B reports, the meeting went well.",
    ));
    let (cx, at) = f.ctx();
    assert_eq!(
        f.show(&definition(cx, at)),
        ["/w/08STATE70895.txt:13:1 B. STATE 44438"]
    );
}

#[test]
fn para_citation_goes_to_the_paragraph() {
    let f = fixture(&corpus3(
        "REF: A. STATE 633",
        "1. (C) Please see para$0 3.\n\n2. (C) Two.\n\n3. (C) Three.",
    ));
    let (cx, at) = f.ctx();
    let got = f.show(&definition(cx, at));
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].ends_with(" 3."), "{got:?}");
}

#[test]
fn a_paragraph_of_a_cited_cable_goes_to_that_cables_paragraph() {
    // REF A is STATE 44438 (paragraphs 1 and 2, on disk).
    let show = |body: &str| {
        let (dir, f) = fixture_on_disk(&corpus3("REF: A. STATE 44438", body));
        let (cx, at) = f.ctx();
        let root = dir.path().display().to_string();
        let got: Vec<String> = (f.show(&definition(cx, at)).into_iter())
            .map(|s| s.replace(&root, ""))
            .collect();
        let md = hover(cx, at).map(|h| h.markdown.replace(&root, ""));
        (got, md)
    };
    let (got, md) = show("1. (C) As para$0 2 of REF A says, nothing more.");
    assert_eq!(got, ["/w/08STATE44438.txt:17:1 2."]);
    let md = md.unwrap();
    assert!(
        md.starts_with("**para 2** of REF A, not of this cable")
            && md.contains("> 2. (U) Nothing more."),
        "{md}"
    );
    // The cable's number before `para`; a paragraph it lacks: its banner.
    let (got, _) = show("1. (C) STATE 44438 para$0 1 and REF A.");
    assert_eq!(got, ["/w/08STATE44438.txt:15:1 1."]);
    let (got, md) = show("1. (C) See reftel para$0 9.");
    assert_eq!(got, ["/w/08STATE44438.txt:3:1 CONFIDENTIAL STATE 044438"]);
    assert!(md.unwrap().contains("08STATE44438 has no paragraph 9"));
    // Another document: nowhere to go, and said so; not this cable's either.
    let (got, md) = show("1. (C) Listed in paragraph$0 6 of UNSCR 1737; see REF A.");
    assert_eq!(got, Vec::<String>::new());
    assert_eq!(
        md.unwrap(),
        "**para 6** of another document, not of this cable"
    );
    let (got, _) = show("1. (C) See para$0 1 above and REF A.");
    assert_eq!(got.len(), 1);
    assert!(got[0].starts_with("/w/08STATE70895.txt:"), "{got:?}");
}

#[test]
fn a_cited_cables_paragraph_is_read_from_its_open_buffer_before_its_file() {
    let (dir, mut f) = fixture_on_disk(&corpus3(
        "REF: A. STATE 44438",
        "1. (C) As para$0 2 of REF A says, nothing more.",
    ));
    let root = dir.path().display().to_string();
    let cited = dir.path().join("w/08STATE44438.txt");
    // The file on disk is behind the editor's buffer: two lines more before
    // paragraph 2, and other words in it.
    let on_disk =
        (f.doc(&cited).text).replace("2. (U) Nothing more.", "\n\n2. (U) Words saved earlier.");
    std::fs::write(&cited, &on_disk).unwrap();
    let look = |f: &common::fixture::Fixture| {
        let (cx, at) = f.ctx();
        let md = hover(cx, at).unwrap().markdown;
        let targets = definition(cx, at);
        let [cable_lsp::analysis::navigation::Target::There { loc, .. }] = &targets[..] else {
            panic!("{targets:?}");
        };
        (loc.line + 1, md.replace(&root, ""))
    };
    // The index holds the buffer (as the server does while it is open).
    let (line, md) = look(&f);
    assert_eq!(line, 17);
    assert!(md.contains("> 2. (U) Nothing more."), "{md}");
    // The buffer closed: the index holds the file, and reads it.
    let disk = Document::parse(on_disk);
    f.index.insert(CableRecord::of_file(cited.clone(), &disk));
    let (line, md) = look(&f);
    assert_eq!(line, 19);
    assert!(md.contains("> 2. (U) Words saved earlier."), "{md}");
}

#[test]
fn highlights_mark_a_paragraph_or_cable_and_its_uses_here() {
    use cable_lsp::analysis::navigation::highlights;
    let show = |src: &str| {
        let f = fixture(src);
        let (cx, at) = f.ctx();
        (highlights(cx, at).iter())
            .map(|h| {
                format!(
                    "{}{}",
                    if h.declaration { "decl " } else { "" },
                    h.span.text(&cx.doc.text)
                )
            })
            .collect::<Vec<_>>()
    };
    // A paragraph: its label, then each `para 2` of this cable (not REF A's).
    let got = show(&corpus3(
        "REF: A. STATE 44438",
        "1. (C) See para 2; para 2 of REF A differs.\n\n2$0. (C) Two, per para 2.",
    ));
    assert_eq!(got, ["para 2", "decl 2.", "para 2"]);
    // A cable: its REF item's id and the text's mentions of it.
    let got = show(&corpus3(
        "REF: A. STATE 44438",
        "1. (C) STATE 4$04438 and 08 STATE 44438 agree; STATE 633 does not.",
    ));
    assert_eq!(got, ["decl STATE 44438", "STATE 44438", "08 STATE 44438"]);
}

#[test]
fn poc_doc_goes_to_every_mention_in_the_corpus() {
    let f = fixture(&corpus3(
        "REF: A. 2008 MTCR POC DOC 066",
        "1. (C) Per POC$0 DOC 66, the partners agree.",
    ));
    let (cx, at) = f.ctx();
    let got = f.show(&definition(cx, at));
    assert_eq!(got.len(), 3, "{got:?}");
    assert!(
        got.iter().any(|g| g.starts_with("/w/08STATE44438.txt:")),
        "{got:?}"
    );
    assert!(got.iter().any(|g| g.contains("POC DOC 066")), "{got:?}");
}

#[test]
fn references_on_a_banner_list_every_citing_cable() {
    let f = fixture(
        &format!(
            "{}//- /w/08ROME1.txt\n{}",
            corpus3("REF: STATE 633", "1. (C) One."),
            cable(
                "011200Z MAY 08",
                "UNCLASSIFIED ROME 000001",
                "ITALIAN VIEWS",
                "REF: STATE 44438",
                "1. (U) Italy agrees."
            )
        )
        .replace("CONFIDENTIAL STATE 044438", "CONFIDENTIAL STATE 0$044438"),
    );
    let (cx, at) = f.ctx();
    let mut got = f.show(&references(cx, at, false));
    got.sort();
    assert_eq!(
        got,
        [
            "/w/08BERLIN896.txt:11:9 STATE 44438",
            "/w/08ROME1.txt:11:6 STATE 44438"
        ]
    );
    assert_eq!(references(cx, at, true).len(), 3);
}

#[test]
fn references_on_a_ref_item_list_its_uses() {
    let f = fixture(&corpus3(
        "REF: A. STATE 633\n\n$0B. STATE 44438",
        "1. (C) REF B says one thing.\n\n2. (C) REF A another; per REF B, a third.",
    ));
    let (cx, at) = f.ctx();
    let got = f.show(&references(cx, at, false));
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(got.iter().all(|g| g.ends_with("REF B")), "{got:?}");
}

#[test]
fn reftel_stands_for_the_only_ref_item() {
    let f =
        fixture(&corpus3("REF: A. STATE 633", "1. (C) One.").replace("see reftel", "see reftel$0"));
    let (cx, at) = f.ctx();
    let got = f.show(&definition(cx, at));
    assert_eq!(got.len(), 0, "two REF items: reftel is ambiguous: {got:?}");
    let f = fixture(&corpus3("REF: STATE 633", "1. (C) As reftel$0 says."));
    let (cx, at) = f.ctx();
    assert_eq!(
        f.show(&definition(cx, at)),
        ["/w/08STATE70895.txt:11:6 STATE 633"]
    );
}

#[test]
fn hover_on_a_ref_item_shows_the_cited_cable() {
    let f = fixture(&corpus3(
        "REF: A. STATE 6$033\n\nB. STATE 44438",
        "1. (C) See REF B.",
    ));
    let (cx, at) = f.ctx();
    let h = hover(cx, at).unwrap();
    assert!(
        h.markdown.contains("`08STATE633`: not in the corpus"),
        "{}",
        h.markdown
    );

    let f = fixture(&corpus3(
        "REF: A. STATE 633\n\nB. STATE 44438",
        "1. (C) See REF $0B.",
    ));
    let (cx, at) = f.ctx();
    let h = hover(cx, at).unwrap();
    for want in [
        "**REF B**",
        "**08STATE44438** · CONFIDENTIAL",
        "2008-06-10 · STATE",
        "*RPOC MEETING IN PARIS*",
        "> 1. (C) The RPOC met in Paris",
    ] {
        assert!(h.markdown.contains(want), "{want:?} not in\n{}", h.markdown);
    }
}

#[test]
fn hover_on_tags_marks_and_paragraph_citations() {
    let f = fixture(
        &corpus3(
            "REF: STATE 633",
            "1. (C) See para 2.\n\n2. (S//NF) The second paragraph.",
        )
        .replacen("TAGS: MTCRE PARM FR", "TAGS: MTCRE PARM F$0R", 1),
    );
    let (cx, at) = f.ctx();
    assert_eq!(hover(cx, at).unwrap().markdown, "**FR** (geo TAG): France");

    let src = corpus3(
        "REF: STATE 633",
        "1. (C) See para 2.\n\n2. (S//NF$0) The second paragraph.",
    );
    let f = fixture(&src);
    let (cx, at) = f.ctx();
    let md = hover(cx, at).unwrap().markdown;
    assert!(
        md.contains("SECRET") && md.contains("not releasable to foreign nationals"),
        "{md}"
    );
    assert!(md.contains("**above** the banner's CONFIDENTIAL"), "{md}");

    let f = fixture(&corpus3(
        "REF: STATE 633",
        "1. (C) See para$0 2.\n\n2. (C) The second paragraph.",
    ));
    let (cx, at) = f.ctx();
    let md = hover(cx, at).unwrap().markdown;
    assert!(
        md.contains("**¶2**") && md.contains("The second paragraph."),
        "{md}"
    );

    // The Classified By reasons (the corpus3 cables give 1.4 (B), (D)).
    let src = corpus3("REF: STATE 633", "1. (C) Text.").replacen("1.4 (B)", "1.4 ($0B)", 1);
    let f = fixture(&src);
    let (cx, at) = f.ctx();
    assert_eq!(
        hover(cx, at).unwrap().markdown,
        "**Reason 1.4**: classified for\n\n\
         - (b) foreign government information\n\
         - (d) foreign relations or foreign activities of the United States, including confidential sources"
    );
}

#[test]
fn links_hints_and_lenses() {
    let f = fixture(&corpus3(
        "REF: A. STATE 633\n\nB. STATE 44438",
        "1. (C) One. $0",
    ));
    let (cx, _) = f.ctx();
    let links = annotations::document_links(cx);
    assert_eq!(links.len(), 1, "{links:?}");
    assert_eq!(links[0].id, "08STATE44438");
    let hints = annotations::inlay_hints(cx, cable_lsp::syntax::Span::new(0, cx.doc.text.len()));
    assert_eq!(hints.len(), 1);
    assert_eq!(hints[0].label, " RPOC MEETING IN PARIS");
    // 08STATE70895 is cited by BERLIN 896.
    let lens = annotations::code_lenses(cx);
    assert_eq!(lens[0].cited_by, 1, "{lens:?}");
    assert_eq!(
        f.show(&lens[0].citations),
        ["/w/08BERLIN896.txt:11:24 STATE 70895"]
    );
}

#[test]
fn workspace_symbols_match_ids_and_subjects() {
    let f = fixture(&corpus3("REF: STATE 633", "1. (C) One."));
    let hits = workspace_symbols::search(&f.index, "state44438", 10, &|| false);
    assert_eq!(hits[0].record.id.as_deref(), Some("08STATE44438"));
    let hits = workspace_symbols::search(&f.index, "german", 10, &|| false);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].record.id.as_deref(), Some("08BERLIN896"));
    assert!(workspace_symbols::search(&f.index, "state", 10, &|| true).is_empty());
    assert_eq!(
        workspace_symbols::search(&f.index, "", 2, &|| false).len(),
        2
    );
}

#[test]
fn index_updates_equal_a_rebuild() {
    let f = fixture(&corpus3("REF: STATE 633", "1. (C) One."));
    let mut idx = f.index.clone();
    // Change BERLIN 896 to cite nothing, then remove STATE 44438.
    let new = Document::parse(cable(
        "011200Z MAY 08",
        "UNCLASSIFIED BERLIN 000896",
        "GERMAN VIEWS",
        "",
        "1. (U) Nothing.",
    ));
    idx.insert(CableRecord::new("/w/08BERLIN896.txt".into(), &new));
    idx.remove(Path::new("/w/08STATE44438.txt"));
    let mut rebuilt = Index::default();
    rebuilt.insert(CableRecord::new("/w/08BERLIN896.txt".into(), &new));
    let a = f.doc(Path::new("/w/08STATE70895.txt"));
    rebuilt.insert(CableRecord::new("/w/08STATE70895.txt".into(), a));
    assert_eq!(idx.digest(), rebuilt.digest());
    assert_eq!(idx.cited_by_count("08STATE44438"), 0);
}

#[test]
fn duplicate_ids_are_kept() {
    let one = cable(
        "011200Z MAY 08",
        "UNCLASSIFIED ROME 000001",
        "A",
        "",
        "1. (U) x",
    );
    let f = fixture(&format!("//- /a/08ROME1.txt\n{one}//- /b/copy.txt\n{one}"));
    assert_eq!(f.index.by_id("08ROME1").len(), 2);
    assert_eq!(f.index.duplicates().count(), 1);
}

/// One unclassified cable from Paris with file number `n` and `subject`.
fn paris(n: u32, subject: &str) -> String {
    format!(
        "//- /w/09PARIS{n}.txt\n{}",
        cable(
            "021202Z JUL 09",
            &format!("UNCLASSIFIED PARIS {n:06}"),
            subject,
            "",
            "1. (U) Text."
        )
    )
}

fn ids(hits: &[workspace_symbols::SymbolHit]) -> Vec<&str> {
    hits.iter().filter_map(|h| h.record.id.as_deref()).collect()
}

#[test]
fn workspace_symbols_rank_whole_words_before_scattered_ones() {
    let f = fixture(
        &[
            paris(3, "MEETING OF THE MTCR: POINT OF CONTACT"),
            paris(2, "SPOC AND MTCR"),
            paris(1, "MTCR POC MEETING"),
            paris(4, "NOTHING ALIKE"),
        ]
        .concat(),
    );
    // Both words at a word's start, then one inside a word, then the
    // scattered match (p-o-c in "POint of Contact") scored by nucleo.
    let hits = workspace_symbols::search(&f.index, "mtcr poc", 10, &|| false);
    assert_eq!(ids(&hits), ["09PARIS1", "09PARIS2", "09PARIS3"]);
    // Case does not matter; the order of the words does not either.
    let hits = workspace_symbols::search(&f.index, "POC Mtcr", 10, &|| false);
    assert_eq!(ids(&hits), ["09PARIS1", "09PARIS2", "09PARIS3"]);
    // Every word in one text: "paris" is in the ids, "mtcr" in the subjects.
    assert!(workspace_symbols::search(&f.index, "paris mtcr", 10, &|| false).is_empty());
    // A misspelling finds the scattered matches.
    let hits = workspace_symbols::search(&f.index, "metng", 10, &|| false);
    assert_eq!(ids(&hits).len(), 2, "{:?}", ids(&hits));
}

#[test]
fn workspace_symbols_find_words_with_a_typo_after_whole_ones() {
    let f = fixture(
        &[
            paris(1, "BUDGET CRISIS DEEPENS"),
            paris(2, "THE BUDGET CRISES"),
            paris(3, "BUGDET CRISIS (SIC)"),
            paris(4, "BUDGETARY CRISIS"),
            paris(5, "BADGE CRISIS"),
            paris(6, "HUMAN RIGHTS REPORT"),
            paris(7, "MTCR POC"),
        ]
        .concat(),
    );
    let search = |q: &str| {
        let hits = workspace_symbols::search(&f.index, q, 10, &|| false);
        ids(&hits).into_iter().map(String::from).collect::<Vec<_>>()
    };
    // Whole words first, then the fewest typos: a swap, then a swap and a
    // changed letter; "budgetary" is three letters too long, "badge" two
    // typos away.
    assert_eq!(
        search("bugdet crisis"),
        ["09PARIS3", "09PARIS1", "09PARIS2"]
    );
    // The word being typed is compared with words' starts: "bugd", "budg".
    assert_eq!(
        search("crisis bugd"),
        ["09PARIS3", "09PARIS1", "09PARIS4", "09PARIS2"]
    );
    // Abbreviations and a letter left out.
    assert_eq!(search("hmn rghts"), ["09PARIS6"]);
    assert_eq!(search("rprt"), ["09PARIS6"]);
    // Three letters are too few for a typo: "pco" is not "poc".
    assert!(search("pco").is_empty());
    assert_eq!(search("poc"), ["09PARIS7"]);
}

#[test]
fn workspace_symbols_rank_ids_before_subjects_and_then_by_id() {
    let f = fixture(
        &[
            paris(12, "TALKS IN PARIS"),
            paris(11, "PARIS TALKS"),
            format!(
                "//- /w/09BERLIN5.txt\n{}",
                cable(
                    "021202Z JUL 09",
                    "UNCLASSIFIED BERLIN 000005",
                    "PARIS CLUB DEBT",
                    "",
                    "1. (U) Text."
                )
            ),
        ]
        .concat(),
    );
    let hits = workspace_symbols::search(&f.index, "paris", 10, &|| false);
    assert_eq!(ids(&hits), ["09PARIS11", "09PARIS12", "09BERLIN5"]);
    // The empty query lists the first ids.
    let hits = workspace_symbols::search(&f.index, "", 2, &|| false);
    assert_eq!(ids(&hits), ["09BERLIN5", "09PARIS11"]);
    let hits = workspace_symbols::search(&f.index, "talks", 1, &|| false);
    assert_eq!(ids(&hits), ["09PARIS11"]);
}

#[test]
fn workspace_symbols_add_scattered_matches_only_to_a_few_whole_ones() {
    let few = workspace_symbols::FUZZY_BELOW - 1;
    let scattered = paris(999, "BUREAU OF DEBT GETS A REVIEW");
    let corpus = |n: usize| -> String {
        let mut src: String = (1..=n as u32).map(|i| paris(i, "BUDGET TALKS")).collect();
        src.push_str(&scattered);
        src
    };
    let f = fixture(&corpus(few));
    let hits = workspace_symbols::search(&f.index, "budget", 200, &|| false);
    assert_eq!(hits.len(), few + 1);
    assert_eq!(
        ids(&hits).last(),
        Some(&"09PARIS999"),
        "the scattered match comes last"
    );
    let f = fixture(&corpus(few + 1));
    let hits = workspace_symbols::search(&f.index, "budget", 200, &|| false);
    assert_eq!(hits.len(), few + 1, "whole-word matches only");
    assert!(!ids(&hits).contains(&"09PARIS999"));
}
