//! The 431 real cables of `../shared/cables/`: every one parses, ids match file
//! names, and banner levels and portion marks agree with the classification facts
//! (every difference listed with the reason).

mod common;
use cable_lsp::syntax::{self, marking::parse_mark, IdSource};
use common::*;
use std::collections::BTreeMap;

#[test]
fn every_cable_parses_deterministically() {
    let Some(all) = cables() else { return };
    assert_eq!(all.len(), 431, "the sample has 431 cables");
    for (stem, text) in &all {
        let a = syntax::parse(text);
        let b = syntax::parse(text);
        assert_eq!(a, b, "{stem}: two parses differ");
        assert!(
            a.header.banner.is_some() || stem == "09NAIROBI2497",
            "{stem}: no banner"
        );
    }
    eprintln!("431 cables parse, deterministically");
}

/// The index reads each cable by skimming it: the record equals the one built
/// from the full parse, on every real cable.
#[test]
fn a_skimmed_record_equals_the_full_parse_record() {
    use cable_lsp::analysis::Document;
    use cable_lsp::corpus::record::CableRecord;
    let Some(all) = cables() else { return };
    let mut cites = 0;
    for (stem, text) in &all {
        let path = std::path::PathBuf::from(format!("/w/{stem}.txt"));
        let full = CableRecord::of_file(path.clone(), &Document::parse(text.as_str()));
        let skimmed = CableRecord::of_skim(path, text);
        assert_eq!(skimmed, full, "{stem}");
        cites += full.cites.len() + full.poc.len();
    }
    assert!(cites > 400, "the real cables cite: {cites}");
    eprintln!("431 skimmed records equal their full-parse records ({cites} citations)");
}

/// Every header field a cable writes at the start of a line before its first
/// paragraph (`E.O. 1...`, `TAGS`, `SUBJECT:`, `REF:`, `Classified By`) is read,
/// in all 431 real cables, whatever stands before it (a printout's preamble, a
/// repeated header behind a date line, a second routing block).
#[test]
fn every_header_field_written_is_read() {
    let Some(all) = cables() else { return };
    let mut missed = Vec::new();
    let mut fields = 0;
    for (stem, text) in &all {
        let c = syntax::parse(text);
        let h = &c.header;
        let end = c
            .body
            .paragraphs
            .first()
            .map_or(text.len(), |p| p.span.start);
        for line in text[..end].lines() {
            let u = line.trim().to_ascii_uppercase();
            let starts = |ps: &[&str]| ps.iter().any(|p| u.starts_with(p));
            for (field, written, read) in [
                (
                    "E.O.",
                    starts(&["E.O. 1", "EO 1", "E.O.1", "E.0. 1"]),
                    h.eo.is_some(),
                ),
                ("TAGS", starts(&["TAGS:", "TAGS "]), h.tags.is_some()),
                ("SUBJECT", starts(&["SUBJECT:"]), h.subject.is_some()),
                (
                    "REF",
                    starts(&["REF:", "REFS:", "REFTEL:", "REF(S):"]),
                    h.references.is_some(),
                ),
                (
                    "Classified By",
                    starts(&["CLASSIFIED BY"]),
                    h.classified_by.is_some(),
                ),
            ] {
                if written {
                    fields += 1;
                    if !read {
                        missed.push(format!("{stem}: {field} ({line:?})"));
                    }
                }
            }
        }
    }
    eprintln!("{fields} header field lines in the real cables, all read");
    assert!(fields > 1500, "{fields}");
    assert!(
        missed.is_empty(),
        "written but not read:\n{}",
        missed.join("\n")
    );
}

/// Cables whose text names another cable than the file: the text wins.
const ID_FROM_TEXT_DIFFERS: &[(&str, &str)] = &[
    ("09CHISINAU694", "the banner reads `S E C R E T ULAANBAATAR 000234`: the archive filed another cable's text under this id"),
    ("88BAGHDAD28", "the banner reads `S e c r e t state 068250` and the DTG year is 88: the archive's id is not the text's"),
];

/// A paragraph's text (as hovers and the outline read it) holds no print
/// noise: no page line, repeated section banner or office distribution list.
#[test]
fn paragraph_texts_read_through_print_noise() {
    use cable_lsp::analysis::{text_of, Document};
    let Some(all) = cables() else { return };
    let mut paragraphs = 0;
    let mut noisy = Vec::new();
    for (stem, text) in &all {
        let doc = Document::parse(text.as_str());
        for p in &doc.cable.body.paragraphs {
            paragraphs += 1;
            let t = text_of(&doc, p.span).to_ascii_uppercase();
            let section = t
                .find("SECTION 0")
                .is_some_and(|i| t[i..].get(..16).is_some_and(|w| w.contains(" OF 0")));
            let page = t
                .match_indices("PAGE 0")
                .any(|(i, _)| t[i + 6..].starts_with(|c: char| c.is_ascii_digit()));
            if section || page || t.contains("LOG-00") {
                noisy.push(format!("{stem} ¶{}", p.number));
            }
        }
    }
    assert!(paragraphs > 4000, "{paragraphs}");
    assert_eq!(noisy, Vec::<String>::new());
    // 00HARARE6677's running title (`... 291401Z OPPOSITION LEADER` after
    // each page 02 line) is left out where it breaks a sentence; the
    // sentence glued onto its page 04 line is text.
    let (_, t) = all.iter().find(|(s, _)| s == "00HARARE6677").unwrap();
    let doc = Document::parse(t.as_str());
    let para = |n: u32| {
        let p = doc
            .cable
            .body
            .paragraphs
            .iter()
            .find(|p| p.number == n)
            .unwrap();
        text_of(&doc, p.span)
    };
    assert!(para(5).contains("THAT LONG, THERE WILL BE"), "{}", para(5));
    assert!(para(9).contains("HE TOLD THE BRITISH TO"), "{}", para(9));
    assert!(
        para(4).contains("COALITION GOVERNMENT. THE GOAL"),
        "{}",
        para(4)
    );
    eprintln!("{paragraphs} paragraphs of the real cables, none holding a page line, section banner or distribution list");
}

#[test]
fn ids_match_file_names() {
    let Some(all) = cables() else { return };
    let mut from_text = 0;
    let mut with_name = 0;
    let mut wrong = Vec::new();
    for (stem, text) in &all {
        let c = syntax::parse(text);
        if c.id.as_ref().map(|i| i.to_string()).as_deref() == Some(stem.as_str())
            && matches!(
                c.header.year_source,
                Some(syntax::YearSource::Dtg | syntax::YearSource::ListedId)
            )
        {
            from_text += 1;
        }
        match c.id_with_file_name(Some(stem)) {
            Some((id, src)) if id.to_string() == *stem => {
                with_name += 1;
                if src == IdSource::FileName {
                    // The text must at least agree where it speaks.
                    if let Some(b) = &c.header.banner {
                        assert!(
                            b.origin.as_ref().is_none_or(|o| *o == id.origin),
                            "{stem}: origin contradicts"
                        );
                    }
                }
            }
            other => wrong.push((stem.clone(), other.map(|x| x.0.to_string()))),
        }
    }
    eprintln!(
        "ids: {from_text} of {} read from the text alone (DTG year, banner origin and serial); {with_name} with the file name where the text has no year",
        all.len()
    );
    for (stem, got) in &wrong {
        let why = ID_FROM_TEXT_DIFFERS
            .iter()
            .find(|x| x.0 == stem)
            .map(|x| x.1);
        assert!(
            why.is_some(),
            "{stem}: id {got:?} differs from the file name, and is not a listed difference"
        );
        eprintln!("  known difference {stem}: read {got:?}: {}", why.unwrap());
    }
    assert_eq!(
        wrong.len(),
        ID_FROM_TEXT_DIFFERS.len(),
        "a listed difference no longer differs"
    );
    assert!(
        with_name * 100 >= all.len() * 99,
        "ids match file names for {with_name} of {}",
        all.len()
    );
    assert!(
        from_text >= 400,
        "ids read from the text alone: {from_text}"
    );
}

fn level_of(s: &str) -> Option<String> {
    let t = s
        .split_whitespace()
        .collect::<String>()
        .to_ascii_uppercase();
    match t.as_str() {
        "CONFIDENTIAL" => Some("C".into()),
        "SECRET" => Some("S".into()),
        "UNCLAS" | "UNCLASSIFIED" => Some("U".into()),
        "TOPSECRET" => Some("TS".into()),
        _ => None,
    }
}

/// Banners the facts file could not read (its regular expressions miss damaged or
/// lower-case spellings) and that we read.
const BANNER_KNOWN: &[(&str, &str)] = &[
    (
        "06MANAGUA1002",
        "`UUNCLAS MANAGUA 001002`: a doubled letter; we read UNCLAS, the facts none",
    ),
    (
        "08BERLIN643",
        "`S e c r e t berlin 000643`: lower-case spaced letters; we read SECRET, the facts none",
    ),
    (
        "09BEIJING1378",
        "`CC O N F I D E N T I A L`: a doubled letter; we read CONFIDENTIAL, the facts none",
    ),
    (
        "10BAGHDAD290",
        "`O N F I D E N T I A L`: a lost letter; we read CONFIDENTIAL, the facts none",
    ),
    (
        "88BAGHDAD28",
        "`S e c r e t state 068250`: lower-case spaced letters; we read SECRET, the facts none",
    ),
];

#[test]
fn banner_levels_agree_with_facts() {
    let Some(all) = cables() else { return };
    let facts = fixture("cables_classification_facts.json").unwrap();
    let facts: BTreeMap<String, serde_json::Value> = facts["cables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["cable_id"].as_str().unwrap().to_string(), c.clone()))
        .collect();
    let mut agree = 0;
    let mut seen_known = 0;
    for (stem, text) in &all {
        let c = syntax::parse(text);
        let ours = c.header.banner.as_ref().map(|b| b.level.code().to_string());
        let theirs = facts[stem]["banner"].as_str().and_then(level_of);
        if ours == theirs {
            agree += 1;
            continue;
        }
        let why = BANNER_KNOWN.iter().find(|x| x.0 == stem);
        assert!(
            why.is_some(),
            "{stem}: banner level ours {ours:?}, facts {theirs:?}"
        );
        seen_known += 1;
    }
    eprintln!(
        "banner levels: {agree} of {} agree with the facts; {seen_known} listed differences",
        all.len()
    );
    assert_eq!(seen_known, BANNER_KNOWN.len());
}

/// Where our paragraph marks differ from the facts file's (found by a regular
/// expression over `N. (X)`), and why.
const LOWER: &str =
    "marks in lower case (`6. (c)`): the facts' expression wants capitals; we read them";
const COMMAS: &str = "REL lists with commas (`(S/REL TO RUSSIA, LATVIA)`, `(S//REL NATO, ISAF)`): the facts' expression stops at the comma and drops the mark; we read it";
const MARKS_KNOWN: &[(&str, &str)] = &[
    ("05LONDON4981", LOWER),
    ("08ANKARA691", LOWER),
    ("08BERLIN643", LOWER),
    ("08STATE103511", COMMAS),
    ("08STATE116943", COMMAS),
    ("09STATE63860", COMMAS),
    ("10KABUL693", COMMAS),
    (
        "09BERLIN1626",
        "the facts take `(Iran)` and `(China)` after paragraph numbers for marks; they are words",
    ),
    (
        "10ROME87",
        "`11.  ( C )`: spaces inside the parentheses; we read the mark, the facts do not",
    ),
];

#[test]
fn paragraph_marks_agree_with_facts() {
    let Some(all) = cables() else { return };
    let facts = fixture("cables_classification_facts.json").unwrap();
    let facts: BTreeMap<String, serde_json::Value> = facts["cables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["cable_id"].as_str().unwrap().to_string(), c.clone()))
        .collect();
    let norm = |s: &str| {
        parse_mark(s)
            .map(|m| m.normalized())
            .unwrap_or_else(|| format!("?{s}"))
    };
    let mut agree = 0;
    let mut marks = 0;
    let mut unexpected = Vec::new();
    let mut seen_known = 0;
    let mut glued = 0;
    for (stem, text) in &all {
        let c = syntax::parse(text);
        // The facts' regular expressions find marks at a line's start; a
        // paragraph that does not start its line (glued onto the line before,
        // `... Brazil.  9. (SBU)`, or after a page header) is read by us,
        // counted apart.
        let at_line_start = |p: &&syntax::Paragraph| {
            let before = &text[..p.label_span.start];
            before[before.rfind('\n').map_or(0, |i| i + 1)..]
                .trim()
                .is_empty()
        };
        glued += c
            .body
            .paragraphs
            .iter()
            .filter(|p| !at_line_start(p))
            .count();
        let ours: Vec<String> = c
            .body
            .paragraphs
            .iter()
            .filter(at_line_start)
            .filter_map(|p| p.marking.as_ref())
            .map(|m| m.mark.normalized())
            .collect();
        let theirs: Vec<String> = facts[stem]["paragraph_marks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| norm(m.as_str().unwrap()))
            .collect();
        marks += theirs.len();
        if ours == theirs {
            agree += 1;
            continue;
        }
        match MARKS_KNOWN.iter().find(|x| x.0 == stem) {
            Some(_) => seen_known += 1,
            None => unexpected.push(format!(
                "{stem}\n    ours:  {}\n    facts: {}",
                ours.join(" "),
                theirs.join(" ")
            )),
        }
    }
    eprintln!("portion marks: {agree} of {} cables agree mark for mark ({marks} marks in the facts); {seen_known} listed differences; {glued} paragraphs glued onto the line before", all.len());
    // Read off the cables: 19 after a sentence's end (`... Brazil.  9.
    // (SBU)`, `REASON: 1.4 (b), (d) 1. (C)`, with no space before the mark in
    // 05BRASILIA1207's `... those lines. 6.(S)` and 08OSLO522's `(d) 1.(C)`),
    // and 00HARARE6677's paragraph 11 after a page header on its printed line
    // (`PAGE 03 HARARE ... 291401Z 11. (C) COMMENT`), read through the page
    // header.
    assert_eq!(glued, 20, "paragraphs that do not start their line");
    assert!(
        unexpected.is_empty(),
        "unlisted differences:\n{}",
        unexpected.join("\n")
    );
    assert_eq!(seen_known, MARKS_KNOWN.len());
}

/// With the 431 real cables indexed together: hover, definition, references
/// and completion at every 7th offset of each (and at every offset of one
/// cable in 20), and the links, hints and lenses of each: nothing panics, and
/// every range answered lies in its text on character boundaries (a hover's
/// around the cursor; a completion's on the cursor's line, around it).
#[test]
fn every_feature_answers_anywhere_in_the_real_cables() {
    use cable_lsp::analysis::diagnostics::apply;
    use cable_lsp::analysis::navigation::{definition, highlights, references, Ctx, Target};
    use cable_lsp::analysis::{annotations, completion, hover, rename, selection, Document};
    use cable_lsp::corpus::{CableRecord, Index};
    use cable_lsp::syntax::Span;
    let Some(all) = cables() else { return };
    let docs: Vec<(std::path::PathBuf, Document)> = (all.iter())
        .map(|(stem, text)| {
            (
                format!("/w/{stem}.txt").into(),
                Document::parse(text.as_str()),
            )
        })
        .collect();
    let mut index = Index::default();
    for (p, d) in &docs {
        index.insert(CableRecord::new(p.clone(), d));
    }
    let ok = |text: &str, s: Span| {
        s.start <= s.end
            && s.end <= text.len()
            && text.is_char_boundary(s.start)
            && text.is_char_boundary(s.end)
    };
    let (mut hovers, mut targets, mut offered, mut asked, mut renamable) = (0, 0, 0, 0, 0);
    for (k, (path, doc)) in docs.iter().enumerate() {
        let cx = Ctx {
            doc,
            path,
            index: &index,
        };
        let text = &*doc.text;
        let step = if k % 20 == 0 { 1 } else { 7 };
        for at in (0..=text.len())
            .step_by(step)
            .filter(|&i| text.is_char_boundary(i))
        {
            asked += 1;
            if let Some(h) = hover::hover(cx, at) {
                assert!(
                    ok(text, h.span) && h.span.touches(at),
                    "{path:?} {at}: {:?}",
                    h.span
                );
                assert!(!h.markdown.is_empty());
                hovers += 1;
            }
            for t in definition(cx, at).iter().chain(&references(cx, at, true)) {
                if let Target::Here(s) = t {
                    assert!(ok(text, *s), "{path:?} {at}: {s:?}");
                }
                targets += 1;
            }
            for h in highlights(cx, at) {
                assert!(ok(text, h.span), "{path:?} {at}: {h:?}");
            }
            // Expand selection: each range holds the cursor and the one before.
            let sel = selection::selection_ranges(doc, at);
            assert!(
                sel[0].touches(at) && ok(text, sel[0]),
                "{path:?} {at}: {sel:?}"
            );
            for w in sel.windows(2) {
                assert!(
                    ok(text, w[1])
                        && w[1].start <= w[0].start
                        && w[0].end <= w[1].end
                        && w[0] != w[1],
                    "{path:?} {at}: {sel:?}"
                );
            }
            assert_eq!(sel.last(), Some(&Span::new(0, text.len())), "{path:?} {at}");
            // Renaming to the name it has changes nothing.
            if let Ok(r) = rename::prepare(cx, at) {
                assert!(
                    ok(text, r.span) && r.span.text(text) == r.placeholder,
                    "{path:?} {at}: {r:?}"
                );
                let edits = rename::rename(cx, at, &r.placeholder)
                    .unwrap_or_else(|e| panic!("{path:?} {at}: {e}"));
                assert_eq!(apply(text, &edits), text, "{path:?} {at}");
                renamable += 1;
            }
            let (items, _) = completion::completions(cx, at);
            for c in &items {
                let r = c.replace;
                assert!(
                    ok(text, r) && r.start <= at && at <= r.end,
                    "{path:?} {at}: {c:?}"
                );
                assert!(!text[r.start..r.end].contains('\n'), "{path:?} {at}: {c:?}");
            }
            offered += usize::from(!items.is_empty());
        }
        for l in annotations::document_links(cx) {
            assert!(ok(text, l.span), "{path:?}: {l:?}");
        }
        for h in annotations::inlay_hints(cx, Span::new(0, text.len())) {
            assert!(
                h.offset <= text.len() && text.is_char_boundary(h.offset),
                "{path:?}: {h:?}"
            );
        }
        for l in annotations::code_lenses(cx) {
            assert!(ok(text, l.span), "{path:?}: {l:?}");
        }
    }
    assert!(
        hovers > 10_000 && targets > 10_000 && offered > 1_000 && renamable > 1_000,
        "{hovers} {targets} {offered} {renamable}"
    );
    eprintln!("{asked} offsets of the 431 cables: {hovers} hovers, {targets} targets, completions at {offered}, renames at {renamable}");
}
