//! The header parser on small headers, one behaviour per test.

use super::*;
use crate::syntax::text::split_lines;

fn header(t: &str) -> Header {
    let lines = split_lines(t);
    let infos = lexer::lex_lines(t, &lines);
    parse_header(t, &infos, &mut vec![]).0
}

#[test]
fn tags_on_the_line_after_their_name() {
    // 05ANKARA7215's TAGS, words that are no TAG among them.
    let h = header(
        "CONFIDENTIAL ANKARA 007215\n\nTAGS:\nECON PGOV TU POLITICAL PARTIES\nSUBJECT: NO SPLITS\n",
    );
    assert_eq!(h.tags.unwrap().items.len(), 4);
    assert_eq!(h.subject.unwrap().text, "NO SPLITS");
}

#[test]
fn the_classification_alone_atop_a_printout_is_a_page_head() {
    // The telegram after it: a note on the copy (05ANKARA7215), or routing
    // lines and a web copy's date stamp (07KABUL185); its banner is the one.
    for (top, id) in [
        (
            "This record is a partial extract of the original cable. The full text of the original cable is not available.\n\n\
             C O N F I D E N T I A L ANKARA 007215\n",
            "05ANKARA7215",
        ),
        (
            "VZCZCXRO3684\nDE RUEHBUL #0185/01 0201235\nO 201235Z JAN 05\nFM AMEMBASSY KABUL\n\
             TO RUEHC/SECSTATE WASHDC IMMEDIATE 5559\n\nSaturday, 20 January 2005, 12:35\n\
             S E C R E T KABUL 000185\n",
            "05KABUL185",
        ),
    ] {
        let t = format!("CONFIDENTIAL\n\n{top}\nE.O. 12958: DECL: 12/07/2015\nTAGS: PREL\nSUBJECT: X\n\n1. (C) Text.\n");
        let c = crate::syntax::parse(&t);
        assert_eq!(c.id.map(|i| i.to_string()).as_deref(), Some(id), "{t}");
        assert_eq!(c.header.subject.map(|s| s.text).as_deref(), Some("X"));
    }
    // Alone, it is the banner, and the handling lines after it are its.
    let c =
        crate::syntax::parse("CONFIDENTIAL\nNOFORN\n\nE.O. 12958: DECL: 12/07/2015\nSUBJECT: X\n");
    let b = c.header.banner.expect("the banner");
    assert_eq!(
        (b.level, b.caveats),
        (crate::syntax::Level::C, vec!["NOFORN".to_string()])
    );
}

#[test]
fn a_page_head_among_the_routing_lines_is_no_banner() {
    // A printout's page head (the classification alone) between the routing
    // lines, after the DTG, among the TO and INFO addresses (an address with
    // a serial after it is no banner's) or among a web copy's lines before
    // the banner: the routing and what follows are read, the banner is the
    // telegram's.
    let routing = "VZCZCXRO9862\nPP RUEHDBU\nDE RUEHMO #9533/01 2430639\nP 310639Z AUG 06\n\
                   FM AMEMBASSY MOSCOW\nTO RUEHC/SECSTATE WASHDC PRIORITY 1394\n\
                   SECSTATE WASHDC 1395\nINFO RUEHZL/EUROPEAN POLITICAL COLLECTIVE\n\
                   AMEMBASSY TBILISI 0077\nRHEHNSC/NSC WASHDC\n\n\
                   Thursday, 31 August 2006, 06:39\n";
    let lines: Vec<&str> = routing.split_inclusive('\n').collect();
    for k in 1..lines.len() {
        let t = format!(
            "{}CONFIDENTIAL\n{}C O N F I D E N T I A L MOSCOW 009533\n\n\
             E.O. 12958: DECL: 08/30/2016\nTAGS: PGOV\nSUBJECT: A CAUCASUS WEDDING\n\n1. (C) Text.\n",
            lines[..k].concat(),
            lines[k..].concat()
        );
        let c = crate::syntax::parse(&t);
        assert_eq!(
            c.id.map(|i| i.to_string()).as_deref(),
            Some("06MOSCOW9533"),
            "{t}"
        );
        let names = |a: &[crate::syntax::model::Address]| -> Vec<String> {
            a.iter().map(|a| a.name.clone()).collect()
        };
        assert_eq!(
            names(&c.header.to),
            ["SECSTATE WASHDC", "SECSTATE WASHDC"],
            "{t}"
        );
        assert_eq!(
            names(&c.header.info),
            [
                "EUROPEAN POLITICAL COLLECTIVE",
                "AMEMBASSY TBILISI",
                "NSC WASHDC"
            ],
            "{t}"
        );
        assert_eq!(
            c.header.subject.map(|s| s.text).as_deref(),
            Some("A CAUCASUS WEDDING")
        );
    }
}

#[test]
fn the_subject_after_its_name_and_a_blank_line() {
    // A spaced copy: `SUBJECT:` alone, a blank line, the subject's lines
    // (each after a blank line, the first left dangling).
    let h = header(
        "CONFIDENTIAL STOCKHOLM 000051\n\nTAGS: PREL\n\nSUBJECT:\n\n\
         SWEDISH LEADERS ON\n\nAFGHANISTAN, KOSOVO\n\nREF: LJUBLJANA 20\n\n1. (C) Text.\n",
    );
    assert_eq!(
        h.subject.unwrap().text,
        "SWEDISH LEADERS ON AFGHANISTAN, KOSOVO"
    );
    // Not a paragraph, a heading or a field.
    for next in ["1. (C) Text.", "SUMMARY: Text.", "REF: LJUBLJANA 20"] {
        let h = header(&format!(
            "CONFIDENTIAL STOCKHOLM 000051\n\nSUBJECT:\n\n{next}\n"
        ));
        assert_eq!(h.subject.unwrap().text, "", "{next}");
    }
}

#[test]
fn tags_in_small_letters_go_on_onto_the_next_line() {
    // 88BAGHDAD28's header is in small letters; its TAGS wrapped (without a
    // comma at the line's end).
    let h = header(
        "S e c r e t state 068250\n\nE.o. 12958: decl: 07/01/2034\n\
         Tags: mtcre parm prel ettc mnuc tspa\nir gm ch\n\
         Subject: german test chamber\n\n1. (U) Text.\n",
    );
    let tags: Vec<String> = h
        .tags
        .unwrap()
        .items
        .iter()
        .map(|t| t.text.clone())
        .collect();
    assert_eq!(tags.len(), 9, "{tags:?}");
    assert_eq!(h.subject.unwrap().text, "german test chamber");
    // In capitals, a line in small letters after the TAGS is not more TAGS.
    let h = header("SECRET STATE 068250\n\nTAGS: PREL PARM\nir gm\n");
    assert_eq!(h.tags.unwrap().items.len(), 2);
}

#[test]
fn a_decl_date_wrapped_onto_its_own_line_is_the_e_o_lines() {
    let h = header(
        "CONFIDENTIAL BERLIN 000896\n\nE.O. 12958:\nDECL: 07/08/2018\nTAGS: PREL GM\nSUBJECT: X Y\n\n1. (C) Text.\n",
    );
    let eo = h.eo.unwrap();
    assert_eq!(eo.decl_text.as_deref(), Some("07/08/2018"));
    assert!(eo.decl.is_some());
    assert_eq!(h.year, Some(2008));
    assert_eq!(h.subject.unwrap().text, "X Y");
    assert_eq!(h.tags.unwrap().items.len(), 2);
    // With TAGS after it on its line (08BRASILIA236 so wrapped).
    let h = header(
        "CONFIDENTIAL BRASILIA 000236\n\nE.O. 12958:\nDECL: 02/14/2018 TAGS: BR PREL\nSUBJECT: X\n",
    );
    assert_eq!(h.eo.unwrap().decl_text.as_deref(), Some("02/14/2018"));
    assert_eq!(h.tags.unwrap().items.len(), 2);
    assert_eq!(h.subject.unwrap().text, "X");
}

#[test]
fn classified_by_reasons_after_a_blank_line_and_what_ends_them() {
    // 04BOGOTA8900, 88BAGHDAD28, 08MADRID685 with a blank line inside.
    for (t, want) in [
        (
            "Classified By: Amb. X for reasons 1.4 (b),\n\n(c), and (d).\n",
            vec!['b', 'c', 'd'],
        ),
        (
            "Classified By: X FOR REASONS\n\n1.4 (b), (c), and (d).\n",
            vec!['b', 'c', 'd'],
        ),
        (
            "Classified By: X, REASONS 1.4(B) AND\n\n(D).\n",
            vec!['b', 'd'],
        ),
        // A finished line does not go on; nor into a marked paragraph.
        (
            "Classified By: X for reasons 1.4 (b)\n\n(d) and more.\n",
            vec!['b'],
        ),
        (
            "Classified By: X for reason 1.4 (b) and (d)\n(C) SUMMARY\n",
            vec!['b', 'd'],
        ),
        (
            "Classified By: X for reasons 1.4 (b) an\nd (d).\n(U) This is a report.\n",
            vec!['b', 'd'],
        ),
    ] {
        let h = header(&format!("CONFIDENTIAL DOHA 000502\n\n{t}\n1. (C) Text.\n"));
        assert_eq!(h.classified_by.expect(t).reasons, want, "{t}");
    }
    // Reasons closed by a period: the next line is the text, also with no
    // blank line between (04BOGOTA8900 in a copy that dropped them).
    let h = header(
        "SECRET BOGOTA 008900\nClassified By: Ambassador X for reasons 1.4 (b),\n(c), and (d).\n\
         THIS IS AN ACTION REQUEST. PLEASE SEE PARAGRAPH 9.\n1. (S) Text.\n",
    );
    let c = h.classified_by.unwrap();
    assert_eq!(c.reasons, ['b', 'c', 'd']);
    assert!(!c.text.contains("ACTION"), "{}", c.text);
}

#[test]
fn a_ref_block_ends_at_a_caption_and_a_doubled_paragraph_number() {
    // 07PARIS1791, 09LAPAZ1784 with no blank line after the block.
    let h = header(
        "UNCLASSIFIED PARIS 001791\n\nSUBJECT: X\n\nREF: A. PARIS 1784\nB. 2007 AND PREVIOUS\n\
         SENSITIVE BUT UNCLASSIFIED -- HANDLE ACCORDINGLY\n\n1. (SBU) Text.\n",
    );
    let items = h.references.unwrap().items;
    assert_eq!(items.len(), 2);
    assert!(!items[1].text.contains("SENSITIVE"), "{}", items[1].text);
    let h =
        header("UNCLASSIFIED LA PAZ 001784\n\nREF: LA PAZ 1589\n1. 1. Summary and comment: X.\n");
    let items = h.references.unwrap().items;
    assert_eq!(items[0].text.trim(), "LA PAZ 1589");
    assert!(is_paragraph_start("1. 1. Summary"));
    assert!(!is_paragraph_start("1. 2. Summary"));
    assert!(!is_paragraph_start("1. 06 STATE 1234"));
}

#[test]
fn ref_lines_that_repeat_the_heading_joined_on_one_line() {
    // 09ABUDHABI754's two `REF X` lines, unwrapped by a copy.
    let t = "R 010000Z JAN 09\nSECRET ABU DHABI 000754\n\nSUBJECT: X\n\n\
             REF A SECRETARY'S LETTER TO MBZ ON PUMA HELICOPTERS REF B SECSTATE 76108\n\n1. (S) Text.\n";
    let h = header(t);
    let items = h.references.expect("a REF block").items;
    let read: Vec<(Option<char>, &str, Vec<String>)> = (items.iter())
        .map(|i| {
            (
                i.bullet,
                i.text.trim(),
                i.ids.iter().map(|x| x.to_string()).collect(),
            )
        })
        .collect();
    assert_eq!(
        read,
        [
            (
                Some('A'),
                "SECRETARY'S LETTER TO MBZ ON PUMA HELICOPTERS",
                vec![]
            ),
            (
                Some('B'),
                "SECSTATE 76108",
                vec!["09STATE76108".to_string()]
            ),
        ]
    );
    // The letter's place, for rename and the REF B citations.
    assert_eq!(items[1].bullet_span.unwrap().text(t), "B");
}

#[test]
fn a_field_left_dangling_goes_on_after_a_blank_line() {
    // 09MADRID392, 10HARARE93 with a blank line inside a field.
    let h = header(
        "CONFIDENTIAL MADRID 000392\n\nTAGS AORC, PREL, SOCI,\n\nKCRM, SP\n\n\
         SUBJECT: XXXXXXXXXXXX'S VIEW OF THE LANDSCAPE AND\n\nU.S.-SPAIN RELATIONS\n\n\
         1. (C) Text.\n",
    );
    let tags: Vec<String> = h.tags.unwrap().items.into_iter().map(|t| t.text).collect();
    assert_eq!(tags, ["AORC", "PREL", "SOCI", "KCRM", "SP"]);
    assert_eq!(
        h.subject.unwrap().text,
        "XXXXXXXXXXXX'S VIEW OF THE LANDSCAPE AND U.S.-SPAIN RELATIONS"
    );
    // A finished line does not: the line after the blank is no field's.
    let h = header(
        "CONFIDENTIAL MADRID 000392\n\nTAGS AORC, PREL\n\nKCRM SP\n\nSUBJECT: THE LANDSCAPE\n\n\
         U.S.-SPAIN RELATIONS\n\n1. (C) Text.\n",
    );
    assert_eq!(h.tags.unwrap().items.len(), 2);
    assert!(h.subject.is_none());
    let h = header(
        "CONFIDENTIAL MADRID 000392\n\nSUBJECT: The landscape\n\nU.S.-Spain relations\n\n1. (C) Text.\n",
    );
    assert_eq!(h.subject.unwrap().text, "The landscape");
}

#[test]
fn ref_serials_through_ocr() {
    let h = header(
        "R 010000Z JAN 07\nCONFIDENTIAL ROME 000001\n\nSUBJECT: X\n\n\
         REF: A. STATE l54674\n     B. ROME 12O45\n     C. LAGOS O1512\n     D. 06 STATE I2|5\n     E. THE OIL REPORT\n     F. STATE 8l957: REPORT OF TALKS\n\n1. (C) Text.\n",
    );
    let ids: Vec<Vec<String>> = (h.references.unwrap().items.iter())
        .map(|i| i.ids.iter().map(|x| x.to_string()).collect())
        .collect();
    assert_eq!(
        ids,
        [
            vec!["07STATE154674"],
            vec!["07ROME12045"],
            vec!["07LAGOS1512"],
            vec!["06STATE1215"],
            vec![],
            vec!["07STATE81957"],
        ]
    );
}

#[test]
fn field_names_through_ocr() {
    for (damaged, key, at) in [
        ("SUBJ ECT: X", Key::Subject, 10),
        ("Subj ect: X", Key::Subject, 10),
        ("5UBJECT: X", Key::Subject, 9),
        ("SUBJCET: X", Key::Subject, 9),
        ("SUBECT: X", Key::Subject, 8),
        ("TA GS: PGOV", Key::Tags, 7),
        ("T AGS: PGOV", Key::Tags, 7),
        ("Classfied By: Amb", Key::ClassBy, 14),
        ("Classifled By: Amb", Key::ClassBy, 15),
        ("Classified 8y: Amb", Key::ClassBy, 15),
        ("CLASSIFIED8Y: Amb", Key::ClassBy, 14),
        // OCR's ligatures (ﬁ is three bytes).
        ("Classi\u{fb01}ed By: Amb", Key::ClassBy, 16),
        ("Class\u{fb01}ed By: Amb", Key::ClassBy, 15),
        ("RE F: STATE 1", Key::Ref, 6),
        ("REF S: A. STATE 1", Key::Ref, 7),
        ("REFTE1: STATE 1", Key::Ref, 8),
    ] {
        assert_eq!(key_at(damaged), Some((key, at)), "{damaged}");
        assert!(damaged_key(damaged, 0).is_some(), "{damaged}");
    }
    // Words that are not a field's name, and names the copy left whole.
    for not in [
        "Subjects: X",
        "SUBJECTS: X",
        "Suspect: X",
        "Objects: X",
        "Rejects: X",
        "Tagline: X",
        "Classified: X",
        "Stags: X",
        "Reflect: X",
        "The subject: X",
        "SUBJ ECT X",
    ] {
        assert_eq!(key_at(not), None, "{not}");
    }
    assert_eq!(damaged_key("SUBJECT: X", 0), None);
    assert_eq!(damaged_key("Classified By: X", 0), None);
    // The damage is kept with the field, read as if whole.
    let h = header("CONFIDENTIAL STATE 000001\nSUBJ ECT: TALKS\nTA GS: PREL\n\n1. (C) Text.\n");
    assert_eq!(h.subject.map(|s| s.text).as_deref(), Some("TALKS"));
    assert_eq!(h.tags.map(|t| t.items.len()), Some(1));
    let fixes: Vec<&str> = (h.field_damage.iter())
        .map(|d| d.replacement.as_str())
        .collect();
    assert_eq!(fixes, ["SUBJECT:", "TAGS:"]);
    // Inside a line, after another field.
    let h = header(
        "CONFIDENTIAL STATE 000001\nE.O. 12958: DECL: 01/01/2019 TA GS: PREL, PGOV\n\
         SUBJECT: TALKS Classfied By: Amb. X for reasons 1.4 (b)\n\n1. (C) Text.\n",
    );
    assert_eq!(h.tags.map(|t| t.items.len()), Some(2));
    assert_eq!(h.subject.map(|s| s.text).as_deref(), Some("TALKS"));
    let c = h.classified_by.expect("Classified By");
    assert!(c.text.contains("1.4 (b)"), "{}", c.text);
    let fixes: Vec<&str> = (h.field_damage.iter())
        .map(|d| d.replacement.as_str())
        .collect();
    assert_eq!(fixes, ["TAGS:", "Classified By:"]);
    // A ligature from OCR of a printed page: the field read, its name fixed.
    let h = header(
        "CONFIDENTIAL STATE 000001\nSUBJECT: TALKS\n\n\
         Classi\u{fb01}ed By: Amb. X, reasons 1.4 (b) and (d).\n\n1. (C) Text.\n",
    );
    let c = h.classified_by.expect("Classified By");
    assert_eq!(c.reasons, ['b', 'd']);
    let fixes: Vec<&str> = (h.field_damage.iter())
        .map(|d| d.replacement.as_str())
        .collect();
    assert_eq!(fixes, ["Classified By:"]);
    // With no colon (`Classified by Ambassador X for reasons ...`).
    let h = header(
        "CONFIDENTIAL STATE 000001\nSUBJECT: TALKS\n\n\
         Classi\u{fb01}ed by Ambassador X for reasons 1.4 (b) and (d).\n\n1. (C) Text.\n",
    );
    let c = h.classified_by.expect("Classified by");
    assert_eq!(c.reasons, ['b', 'd']);
    assert!(c.text.contains("Ambassador X"), "{}", c.text);
    let d = &h.field_damage[0];
    assert_eq!(
        (d.span.end - d.span.start, d.replacement.as_str()),
        (14, "Classified by")
    );
    // After another field on its line (08STOCKHOLM51's REF line).
    let h = header(
        "CONFIDENTIAL STOCKHOLM 000051\nSUBJECT: TALKS\n\n\
         REF: LJUBLJANA 20 Classi\u{fb01}ed By: DCM X for reasons\n1.4 (b) and (d).\n\n1. (C) Text.\n",
    );
    assert_eq!(h.classified_by.expect("Classified By").reasons, ['b', 'd']);
    let refs = h.references.expect("REF");
    assert_eq!(refs.items.len(), 1);
    assert_eq!(refs.items[0].text.trim(), "LJUBLJANA 20");
    // A word before a colon that is no field's name stays text.
    let h =
        header("CONFIDENTIAL STATE 000001\nSUBJECT: TALKS ON TAXES: A REVIEW\n\n1. (C) Text.\n");
    assert_eq!(
        h.subject.map(|s| s.text).as_deref(),
        Some("TALKS ON TAXES: A REVIEW")
    );
}

#[test]
fn keys() {
    assert_eq!(
        key_at("E.O. 12958: DECL: 07/08/2033").map(|k| k.0),
        Some(Key::Eo)
    );
    assert_eq!(
        key_at("EO 12958 DECL: 11/29/10").map(|k| k.0),
        Some(Key::Eo)
    );
    assert_eq!(key_at("E.o. 12958: decl").map(|k| k.0), Some(Key::Eo));
    assert_eq!(key_at("E.0. 12958: N/A").map(|k| k.0), Some(Key::Eo));
    assert_eq!(key_at("E0 12958: N/A"), None);
    assert_eq!(key_at("TAGS PGOV, PREL").map(|k| k.0), Some(Key::Tags));
    assert_eq!(key_at("Tags: parm").map(|k| k.0), Some(Key::Tags));
    assert_eq!(key_at("SUBJECT: (C) X").map(|k| k.0), Some(Key::Subject));
    assert_eq!(key_at("REF: STATE 1").map(|k| k.0), Some(Key::Ref));
    assert_eq!(key_at("REFTEL: HARARE 6584").map(|k| k.0), Some(Key::Ref));
    // One word in capitals before the heading, an item after it.
    assert_eq!(
        key_at("PROGRAM REF: A. A) SECSTATE 54183"),
        Some((Key::Ref, 13))
    );
    assert_eq!(
        key_at("PROGRAM REF: 07 STATE 17940").map(|k| k.0),
        Some(Key::Ref)
    );
    for not in [
        "PROGRAM REF: THE FUNDS ARE GONE",
        "Program REF: A. STATE 1",
        "THE PROGRAM REF: A. STATE 1",
        "SEE REF: A. STATE 1",
        "PROGRAM REF A. STATE 1",
    ] {
        assert_eq!(key_at(not), None, "{not}");
    }
    assert_eq!(key_at("Reference (TOR) to start"), None);
    assert_eq!(key_at("Classified By: X").map(|k| k.0), Some(Key::ClassBy));
    assert_eq!(
        key_at("Reason: 1.4 (B), (D).").map(|k| k.0),
        Some(Key::Reason)
    );
}

#[test]
fn ref_block_whose_lines_repeat_ref_without_a_colon() {
    // 09ABUDHABI754's form; a blank line may stand between the items.
    let t = "SECRET SECTION 01 OF 04 ABU DHABI 000754\n\nE.O. 12958: 07/22/2019\n\
             TAGS: PTER\nSUBJECT: (S) X\n\nREF A SECRETARY'S LETTER TO MBZ\n\
             REF B SECSTATE 76108\n\nREF C 08 ABU DHABI 12\n\n1. (S) Text.\n";
    let h = header(t);
    let r = h.references.expect("a REF block");
    assert_eq!(r.heading_span.text(t), "REF");
    let got: Vec<_> = r
        .items
        .iter()
        .map(|i| {
            let ids: Vec<String> = i.ids.iter().map(|c| c.to_string()).collect();
            (
                i.bullet,
                i.bullet_span.map(|b| b.text(t)),
                i.text.trim(),
                ids,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (Some('A'), Some("A"), "SECRETARY'S LETTER TO MBZ", vec![]),
            (
                Some('B'),
                Some("B"),
                "SECSTATE 76108",
                vec!["09STATE76108".to_string()]
            ),
            (
                Some('C'),
                Some("C"),
                "08 ABU DHABI 12",
                vec!["08ABUDHABI12".to_string()]
            ),
        ]
    );
    // Bare letters inside a line: before a cable only, and only the next one.
    let t = "SUBJECT: X\n\nREF A FOR B STATE 1 D STATE 2\n";
    let items: Vec<_> = header(t).references.unwrap().items;
    let got: Vec<_> = items.iter().map(|i| (i.bullet, i.text.trim())).collect();
    assert_eq!(got, [(Some('A'), "FOR"), (Some('B'), "STATE 1 D STATE 2")]);
    let t = "SUBJECT: X\n\nREF A WELLINGTON 721 B WELLINGTON 690 C D E\n";
    let items: Vec<_> = header(t).references.unwrap().items;
    let got: Vec<_> = items.iter().map(|i| (i.bullet, i.text.trim())).collect();
    assert_eq!(
        got,
        [
            (Some('A'), "WELLINGTON 721"),
            (Some('B'), "WELLINGTON 690 C D E")
        ]
    );
    // Text, not a REF block: `REF A` neither citing a cable nor followed by
    // `REF B`, or `REF B` with no block before it.
    for t in [
        "SECRET ABU DHABI 000754\n\nREF A ASKED POST TO REVIEW THE\nPROGRAM.\n",
        "SECRET ABU DHABI 000754\n\nREF B SAID THAT THE MINISTER\nAGREED.\n",
    ] {
        assert!(header(t).references.is_none(), "{t}");
    }
    let t = "SECRET ABU DHABI 000754\n\nREF A 08 STATE 123\n\n1. (S) Text.\n";
    assert_eq!(header(t).references.unwrap().items[0].ids.len(), 1);
    // Not a REF item: a letter glued to its text, nothing after it, a dot.
    for s in [
        "REF AB STATE 1",
        "REF A",
        "REF A.STATE",
        "REFA STATE 1",
        "REF a b",
    ] {
        assert_eq!(refs::ref_line_bullet(s), None, "{s}");
    }
    assert_eq!(refs::ref_line_bullet("Ref\tB  X"), Some(('B', 4, 7)));
}

#[test]
fn a_ref_block_whose_heading_follows_its_first_bullet() {
    // The peer's case: `A. REF AMMAN 222` opens the block, B and C follow.
    let t = "R 011200Z JAN 07\nC O N F I D E N T I A L AMMAN 000300\n\nSUBJECT: X\n\n\
             A. REF AMMAN 222\n     B. 06 AMMAN 4685\n     C. 06 AMMAN 2145\n\n1. (C) Text.\n";
    let r = crate::syntax::parse(t)
        .header
        .references
        .expect("a REF block");
    assert_eq!(r.heading_span.text(t), "REF");
    let got: Vec<_> = (r.items.iter())
        .map(|i| {
            (
                i.bullet,
                i.ids.iter().map(|c| c.to_string()).collect::<Vec<_>>(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (Some('A'), vec!["07AMMAN222".to_string()]),
            (Some('B'), vec!["06AMMAN4685".to_string()]),
            (Some('C'), vec!["06AMMAN2145".to_string()]),
        ]
    );
    // Not a REF block: no B item after it, or more than a cable in it (a
    // sub-paragraph opening an unnumbered body).
    for t in [
        "SECRET AMMAN 000300\n\nSUBJECT: X\n\nA. REF AMMAN 222\n\n1. (S) Text.\n",
        "SECRET AMMAN 000300\n\nSUBJECT: X\n\nA. REF STATE 1 ASKED POSTS TO REVIEW\n\
         B. THE PROGRAM WAS REVIEWED.\n",
    ] {
        assert!(header(t).references.is_none(), "{t}");
    }
    assert_eq!(
        refs::heading_after_first_bullet("A) REFTEL: 08 STATE 1"),
        Some((3, 9))
    );
    assert_eq!(refs::heading_after_first_bullet("B. REF STATE 1"), None);
    assert_eq!(
        refs::heading_after_first_bullet("A. REFERENCE STATE 1"),
        None
    );
}

/// An e-mail client's printout (09DOHA214's layout): its lines, a banner and
/// the post's distribution block come before the routing block.
const PRINTOUT: &str = "Stephen H Rogerson  12/02/2009 11:08:08 AM  From  DB/Inbox:  Search \n\
    Results\n\nCable \nText:   \n      \nS E C R E T        DOHA 00214\nCXDOHA:\n    ACTION: AMB\n\n\
    DRAFTED: P/E:MZEBLEY\n\nVZCZCDOI550\nRR RUEHC RHMFISS RUEAIIA\nRHEFDIA RHMFISS\n\
    DE RUEHDO #0214/01 0851341\nZNY SSSSS ZZH\nR 261341Z MAR 09\nFM AMEMBASSY DOHA\n\
    TO RUEHC/SECSTATE WASHDC 8904\n\nS E C R E T SECTION 01 OF 05 DOHA 000214  \n\nNOFORN  \n\n\
    S/CT FOR SHARRI R.  CLARK AND BRUCE AVERILL NEA/ARP FOR MATT BLONG DOE/NNSA FOR OFFICE OF  THE SECOND LINE OF DEFENSE\n\n\
    E.O. 12958: DECL: 01/29/2019  \n\nTAG: PTER, QA \n\nSUBJECT: QATAR: CI/KR  \n\n\
    REF: A. SECSTATE 15113       B. DOHA 152 (08)\n\n1. (C) Text.\n";

#[test]
fn printout_lines_before_the_routing_block_are_preamble() {
    let h = header(PRINTOUT);
    assert_eq!(h.preamble.len(), 8, "{:?}", h.preamble);
    assert_eq!(h.dtg.as_ref().unwrap().dtg.year, 2009);
    assert_eq!(h.from.as_ref().unwrap().name, "AMEMBASSY DOHA");
    let b = h.banner.as_ref().unwrap();
    assert!(b.span.text(PRINTOUT).contains("SECTION 01 OF 05"));
    assert_eq!(b.caveats, ["NOFORN"]);
    assert_eq!(h.handling.len(), 2);
    assert!(h.eo.as_ref().unwrap().decl.is_some());
    assert_eq!(h.tags.as_ref().unwrap().items.len(), 2);
    assert_eq!(h.subject.as_ref().unwrap().text, "QATAR: CI/KR");
    assert_eq!(h.references.as_ref().unwrap().items.len(), 2);
    // Without the printout's lines the same cable reads the same.
    let h2 = header(&PRINTOUT[PRINTOUT.find("VZCZC").unwrap()..]);
    assert_eq!(h2.subject.map(|s| s.text), h.subject.map(|s| s.text));
    assert_eq!(h2.banner.map(|b| b.caveats), Some(b.caveats.clone()));
    assert!(h2.preamble.is_empty());
}

#[test]
fn printout_with_a_summary_sheet_and_no_routing_block() {
    // 03ABUDHABI2641's summary sheet, here with no routing block after it:
    // the preamble ends at `Cable Text:`.
    let t = "Diana T Fritz  03/21/2007 05:47:09 PM  From  DB/Inbox:  Search Results\n\n\
             Cable Text:\nCONFIDENTIAL\n\nSUBJECT: UAE TO SUPPORT JORDAN\n";
    let infos = lexer::lex_lines(t, &split_lines(t));
    assert_eq!(printout_preamble_end(t, &infos), 3);
    let h = header(t);
    assert_eq!(h.preamble.len(), 2);
    assert_eq!(h.banner.as_ref().unwrap().text, "CONFIDENTIAL");
    assert_eq!(h.subject.as_ref().unwrap().text, "UAE TO SUPPORT JORDAN");
    // Not a printout: nothing is skipped.
    let plain = "Cablegate: X\nVZCZCXRO4493\nO 230940Z JUL 09\nFM AMEMBASSY ABU DHABI\n";
    let infos = lexer::lex_lines(plain, &split_lines(plain));
    assert_eq!(printout_preamble_end(plain, &infos), 0);
    // After a scraped page's lines (the site's table of the id and dates).
    let page = "Viewing cable 03ABUDHABI2641, UAE TO SUPPORT JORDAN\nIf you are new to these pages, read on.\n\n\
                Reference ID\tCreated\tReleased\tClassification\tOrigin\n\
                03ABUDHABI2641\t2003-06-03 12:50\t2011-08-30 01:44\tCONFIDENTIAL\tEmbassy Abu Dhabi\n\n\
                Diana T Fritz  03/21/2007 05:47:09 PM  From  DB/Inbox:  Search Results\n\nCable\nText:\n\
                CONFIDENTIAL\nTELEGRAM June 03, 2003\n";
    let infos = lexer::lex_lines(page, &split_lines(page));
    assert_eq!(printout_preamble_end(page, &infos), 10);
}

#[test]
fn wrapped_routing_indicators_continue_the_routing_block() {
    let t =
        "VZCZCADI319\nOO RUEHC RUEHAM RUEHRB\nRUEAIIA RHEFDIA RUCJACC\nDE RUEHAD #2641 1541250\n\
             ZNY CCCCC ZZH\nO 031250Z JUN 03\nFM AMEMBASSY ABU DHABI\n\n\
             C O N F I D E N T I A L ABU DHABI 002641\n\nSUBJECT: X\n";
    // Behind a banner the routing block would otherwise end at the wrapped line.
    let h = header(&format!("CONFIDENTIAL\n{t}"));
    assert_eq!(h.dtg.as_ref().map(|d| d.dtg.year), Some(2003));
    assert!(is_routing_indicator("RHMFISS") && is_routing_indicator("RUEHC"));
    assert!(!is_routing_indicator("REUTERS1") && !is_routing_indicator("RUEH"));
}

#[test]
fn banners_of_older_and_dod_markings_read_their_level_caveats_and_origin() {
    // (banner, level, caveats, banner text, origin, serial)
    type Case<'a> = (&'a str, Level, &'a [&'a str], &'a str, &'a str, u32);
    let cases: [Case; 7] = [
        // Limited official use: the marking before SBU (1970s-2000s).
        (
            "LIMITED OFFICIAL USE ROME 012345",
            Level::U,
            &[],
            "LIMITED OFFICIAL USE",
            "ROME",
            12345,
        ),
        (
            "LIMITED OFFICIAL USE SECTION 01 OF 02 ROME 12345",
            Level::U,
            &[],
            "LIMITED OFFICIAL USE",
            "ROME",
            12345,
        ),
        (
            "LIMITED OFFICIAL USE NOFORN ROME 012345",
            Level::U,
            &["NOFORN"],
            "LIMITED OFFICIAL USE",
            "ROME",
            12345,
        ),
        // Caveats after `//`, as in the metadata's spelling.
        (
            "SECRET//NOFORN SECTION 01 OF 02 ROME 012345",
            Level::S,
            &["NOFORN"],
            "SECRET",
            "ROME",
            12345,
        ),
        (
            "C O N F I D E N T I A L//NOFORN ROME 012345",
            Level::C,
            &["NOFORN"],
            "C O N F I D E N T I A L",
            "ROME",
            12345,
        ),
        // For official use only is a caveat, not part of the origin.
        (
            "UNCLASSIFIED//FOR OFFICIAL USE ONLY ROME 012345",
            Level::U,
            &["FOUO"],
            "UNCLASSIFIED",
            "ROME",
            12345,
        ),
        (
            "UNCLAS FOUO SAO PAULO 000123",
            Level::U,
            &["FOUO"],
            "UNCLAS",
            "SAOPAULO",
            123,
        ),
    ];
    for (line, level, caveats, text, origin, serial) in cases {
        let b = parse_banner(line, Span::new(0, line.len())).unwrap_or_else(|| panic!("{line}"));
        assert_eq!(
            (
                b.level,
                b.caveats.clone(),
                b.text.as_str(),
                b.origin.as_deref(),
                b.serial
            ),
            (
                level,
                caveats.iter().map(|c| c.to_string()).collect(),
                text,
                Some(origin),
                Some(serial)
            ),
            "{line}"
        );
        let spanned = b.origin_span.map(|s| s.text(line).replace(' ', ""));
        assert_eq!(spanned.as_deref(), Some(origin), "{line}");
    }
    for not in [
        "LIMITED OFFICIAL VISIT TO ROME 12",
        "SECRET//NOFORN",
        "FOR OFFICIAL USE ONLY",
    ] {
        assert!(
            parse_banner(not, Span::new(0, not.len())).is_none(),
            "{not}"
        );
    }
}

#[test]
fn a_banner_before_the_dtg_leaves_the_addresses_in_the_header() {
    // 09STATE100153: the archive's banner line, then DTG, FM, TO and the
    // section banner.
    let t = "UNCLASSIFIED   STATE   00100153 \nO 251814Z SEP 09\nFM SECSTATE WASHDC\n\
             TO ALL DIPLOMATIC AND CONSULAR POSTS COLLECTIVE IMMEDIATE\n\
             RUEHTRO/AMEMBASSY TRIPOLI IMMEDIATE 9888\n\nUNCLAS SECTION 01 OF 02 STATE 100153 \n\n\
             SENSITIVE \n\nE.O. 12958: N/A \nTAGS: IR KNNP\nSUBJECT: EXISTENCE OF A FACILITY\n\n\
             1.  (U) Text.\n";
    let h = header(t);
    assert_eq!(h.from.as_ref().unwrap().name, "SECSTATE WASHDC");
    assert_eq!(h.to.len(), 2);
    assert_eq!(h.sections.len(), 1);
    assert_eq!(h.subject.as_ref().unwrap().text, "EXISTENCE OF A FACILITY");
    // In the usual order a banner after the DTG ends the routing lines: a
    // `TO ...` line after it is not an address.
    let t2 = "O 251814Z SEP 09\nFM SECSTATE WASHDC\nTO AMEMBASSY TRIPOLI\n\
              UNCLAS STATE 100153\nTO THE AMBASSADOR FROM THE SECRETARY\n\nTAGS: IR\n";
    let h2 = header(t2);
    assert_eq!(h2.to.len(), 1);
    assert_eq!(h2.handling.len(), 1);
}

#[test]
fn tags_after_the_eo_on_its_line_without_a_colon() {
    // 09STOCKHOLM194.
    let t = "SECRET STOCKHOLM 000194\n\nE.O. 12958:  DECL: 03/20/2019 TAG PTER, PGOV, SW \n\nSUBJECT: X\n";
    let h = header(t);
    let eo = h.eo.as_ref().unwrap();
    assert_eq!(eo.decl.map(|d| d.year), Some(2019));
    assert!(!eo.span.text(t).contains("TAG"), "{:?}", eo.span.text(t));
    let tags: Vec<_> = h
        .tags
        .as_ref()
        .unwrap()
        .items
        .iter()
        .map(|i| i.text.as_str())
        .collect();
    assert_eq!(tags, ["PTER", "PGOV", "SW"]);
}

#[test]
fn eo_field_inside_a_handling_line_spelt_with_a_space() {
    // 02BRASILIA4227's line, as a copy spacing `E. O.` has it: the DECL
    // gives the year of a cable with no DTG.
    for eo in ["E.O.", "E. O."] {
        let t = format!(
            "C O N F I D E N T I A L SECTION 01 OF 04 BRASILIA 004227 \n\n\
             DEPT FOR WHA/BSC {eo} 12958: DECL: 11/22/2012 \nTAGS: PGOV PREL ECON BR\n"
        );
        let h = header(&t);
        let line =
            h.eo.as_ref()
                .unwrap_or_else(|| panic!("{eo}: no E.O. line"));
        assert_eq!(line.decl.map(|d| d.year), Some(2012), "{eo}");
        assert!(line.span.text(&t).starts_with(eo), "{eo}");
    }
}

#[test]
fn a_ref_list_left_open_goes_on_after_a_blank_line() {
    // 09RIODEJANEIRO365: the third item after a blank line, a page header
    // and the Classified By glued on after it.
    let h = crate::syntax::parse(
        "CONFIDENTIAL RIO DE JANEIRO 000365\n\nE.O. 12958: DECL: 2019/11/09\nSUBJECT: X\n\n\
         REF: RIO DE JANEIRO 329; RIO DE JANEIRO 346; \n\n\
         RIO DE JANEIRO 353 RIO DE JAN 00000365 001.2 OF 002 CLASSIFIED BY: \
         Dennis W. Hearne, Principal Officer; REASON: 1.4(B), (D) \n\n1. (C) Text.\n",
    )
    .header;
    let items = h.references.unwrap().items;
    let ids: Vec<String> = items
        .iter()
        .flat_map(|i| &i.ids)
        .map(|i| i.to_string())
        .collect();
    assert_eq!(
        ids,
        [
            "09RIODEJANEIRO329",
            "09RIODEJANEIRO346",
            "09RIODEJANEIRO353"
        ]
    );
    assert_eq!(h.classified_by.unwrap().reasons, ['b', 'd']);
    // A list closed (no separator at its end) does not.
    let h = crate::syntax::parse(
        "CONFIDENTIAL RIO DE JANEIRO 000365\n\nE.O. 12958: DECL: 2019/11/09\nSUBJECT: X\n\n\
         REF: RIO DE JANEIRO 329; RIO DE JANEIRO 346\n\nRIO DE JANEIRO 353 said\n",
    )
    .header;
    assert_eq!(h.references.unwrap().items.len(), 2);
}

#[test]
fn a_banner_serial_wrapped_onto_the_next_line() {
    // 09RIODEJANEIRO329 re-wrapped at 60 columns.
    let t = "C O N F I D E N T I A L SECTION 01 OF 02 RIO DE JANEIRO\n000329\n\n\
             SIPDIS\n\nE.O. 12958: DECL: 2019/10/26\nTAGS: PREL\nSUBJECT: X\n\n1. (C) Text.\n";
    let c = crate::syntax::parse(t);
    let b = c.header.banner.as_ref().expect("the banner");
    assert_eq!(
        (b.origin.as_deref(), b.serial),
        (Some("RIODEJANEIRO"), Some(329))
    );
    assert_eq!(b.serial_span.map(|sp| sp.text(t)), Some("000329"));
    assert_eq!(b.origin_span.map(|sp| sp.text(t)), Some("RIO DE JANEIRO"));
    assert_eq!(
        c.id.map(|i| i.to_string()).as_deref(),
        Some("09RIODEJANEIRO329")
    );
    assert!(c.header.noise.is_empty(), "{:?}", c.header.noise);
    // Digits under a line that is no banner, or under a banner with its
    // serial, are not read as one.
    for t in [
        "C O N F I D E N T I A L SECTION 01 OF 02 RIO DE JANEIRO 000329\n12\n",
        "SUBJECT: RIO DE JANEIRO\n000329\n",
    ] {
        let c = crate::syntax::parse(t);
        assert_ne!(
            c.header
                .banner
                .and_then(|b| b.serial_span)
                .map(|sp| sp.start),
            Some(t.find('\n').unwrap() + 1),
            "{t}"
        );
    }
}

#[test]
fn a_banner_origin_and_serial_wrapped_onto_the_next_line() {
    // Re-wrapped at 45 columns: the origin below with the serial (05ANKARA7215),
    // or broken over the two lines (09RIODEJANEIRO329).
    let rest =
        "\n\nSIPDIS\n\nE.O. 12958: DECL: 2019/10/26\nTAGS: PREL\nSUBJECT: X\n\n1. (C) Text.\n";
    for (banner, origin, id) in [
        (
            "C O N F I D E N T I A L SECTION 01 OF 03\nANKARA 007215 ",
            "ANKARA",
            "09ANKARA7215",
        ),
        (
            "C O N F I D E N T I A L SECTION 01 OF 04 RIO\nDE JANEIRO 000329",
            "RIO\nDE JANEIRO",
            "09RIODEJANEIRO329",
        ),
        // At 40 columns, inside the section's place (`SECTION 01 OF` is no
        // origin and serial).
        (
            "C O N F I D E N T I A L SECTION 01 OF\n04 BEIJING 001378",
            "BEIJING",
            "09BEIJING1378",
        ),
    ] {
        let t = format!("{banner}{rest}");
        let c = crate::syntax::parse(&t);
        let b = c.header.banner.as_ref().expect("the banner");
        assert_eq!(
            b.origin_span.map(|sp| sp.text(&t)),
            Some(origin),
            "{banner}"
        );
        assert_eq!(
            b.serial_span.map(|sp| sp.text(&t).len()),
            Some(6),
            "{banner}"
        );
        assert_eq!(c.id.map(|i| i.to_string()).as_deref(), Some(id), "{banner}");
    }
    // A line below that is more than an origin and a serial is not read with it.
    let t = format!("C O N F I D E N T I A L SECTION 01 OF 03\nWE MET ANKARA 007215{rest}");
    assert_eq!(crate::syntax::parse(&t).id, None);
}

#[test]
fn the_order_cited_with_the_reasons_wrapped_to_a_lines_start_is_no_e_o_line() {
    // 05ANKARA7215 re-wrapped at 45 columns: `E.O. 12958, reasons` goes on
    // with the Classified By; the E.O. line's DECL date (and the year it
    // gives) stays.
    let t = "C O N F I D E N T I A L ANKARA 007215\n\nE.O. 12958: DECL: 12/07/2015\n\
             TAGS: PREL\nSUBJECT: X\n\nClassified By: PolCouns Janice G. Weiner,\n\
             E.O. 12958, reasons\n1.4 (b) and (d).\n\n1. (C) Text.\n";
    let c = crate::syntax::parse(t);
    let eo = c.header.eo.as_ref().expect("the E.O. line");
    assert_eq!(eo.decl_text.as_deref(), Some("12/07/2015"));
    assert_eq!(c.id.map(|i| i.to_string()).as_deref(), Some("05ANKARA7215"));
    let cb = c.header.classified_by.as_ref().expect("the Classified By");
    assert_eq!(cb.reasons.len(), 2, "{cb:?}");
    // After the Classified By, an E.O. line with its date is one.
    let t = t.replace(
        "E.O. 12958, reasons\n1.4 (b) and (d).",
        "1.4 (b) and (d).\nE.O. 12958: DECL: 12/07/2016",
    );
    let c = crate::syntax::parse(&t);
    assert_eq!(
        c.header.eo.and_then(|e| e.decl_text).as_deref(),
        Some("12/07/2016")
    );
}

#[test]
fn eo_line_with_a_zero_for_the_o() {
    // 09BERLIN1626.
    let h = header("UNCLAS BERLIN 001626\n\nSIPDIS\n\nE.0. 12958: N/A \nTAGS: OPRC\n");
    let eo = h.eo.expect("the E.O. line");
    assert_eq!(eo.order.as_deref(), Some("12958"));
    assert!(eo.not_applicable);
    assert_eq!(h.tags.map(|t| t.items.len()), Some(1));
}

#[test]
fn a_rule_or_a_caption_ends_the_subject() {
    // 09HARARE888: a rule under the subject.
    let h =
        header("UNCLAS HARARE 000888\n\nSUBJECT: ZIM NOTES 11-09-2009 \n-----------\n1. SUMMARY\n");
    assert_eq!(h.subject.unwrap().text, "ZIM NOTES 11-09-2009");
    // 05RIODEJANEIRO1242 in capitals: a heading with its rule on its line.
    let h = header(
        "UNCLAS RIO DE JANEIRO 001242\n\nSUBJECT: RIO SECURITY CHIEF ON CRIME, DRUGS \n\nSUMMARY ------- \n\n1. (SBU) Text.\n",
    );
    assert_eq!(
        h.subject.unwrap().text,
        "RIO SECURITY CHIEF ON CRIME, DRUGS"
    );
    // 09MUNICH25: a caption between the subject and the REF block.
    let h = header(
        "UNCLAS MUNICH 000025\n\nSUBJECT: YOUTHFUL POLITICIANS SHAKE UP GERMAN STATUS QUO \n \n\
         SENSITIVE BUT UNCLASSIFIED. \n \nREFS: A) BERLIN 169 B) 08 MUNICH 355\n\n1. (SBU) Text.\n",
    );
    assert_eq!(
        h.subject.unwrap().text,
        "YOUTHFUL POLITICIANS SHAKE UP GERMAN STATUS QUO"
    );
    assert_eq!(
        h.handling.last().unwrap().text,
        "SENSITIVE BUT UNCLASSIFIED."
    );
    assert_eq!(h.references.unwrap().items.len(), 2);
    for c in [
        "SIPDIS",
        "SENSITIVE BUT UNCLASSIFIED",
        "LIMITED OFFICIAL USE",
        "NOFORN//EXDIS",
    ] {
        assert!(is_caption(c), "{c}");
    }
    for c in ["FOR OFFICIAL", "BUT", "SENSITIVE TALKS", ""] {
        assert!(!is_caption(c), "{c}");
    }
}

#[test]
fn a_repeated_header_behind_a_date_line() {
    // 09ISLAMABAD3037: a web copy repeats the header, each behind a date line.
    let once = "Friday, 18 December 2009, 11:04\nS E C R E T SECTION 01 OF 02 ISLAMABAD 003037 \n\
                NOFORN \nSIPDIS \nEO 12958 DECL: 12/18/2034 \nTAGS PREL, PK \n\
                SUBJECT: BALOCH REQUEST UNHCR FACILITATE MOVEMENT OF \nBRAHMDAGH BUGTI TO IRELAND\n";
    let t = format!("{once}{once}Classified By: Ambassador Anne W. Patterson, for reasons 1.4 (b)(d)\n\n1. (S/NF) Text.\n");
    let h = header(&t);
    assert!(h.classified_by.is_some());
    assert_eq!(
        h.subject.unwrap().text,
        "BALOCH REQUEST UNHCR FACILITATE MOVEMENT OF BRAHMDAGH BUGTI TO IRELAND"
    );
    assert!(is_date_stamp("Friday, 18 December 2009, 11:04"));
    assert!(is_date_stamp("Monday, 9 November 2009, 7:32"));
    assert!(!is_date_stamp("Friday, 18 December, 11:04"));
    assert!(!is_date_stamp("Someday, 18 December 2009, 11:04"));
}

#[test]
fn one_line_header() {
    let h = header("P R 021202Z JUL 08 FM SECSTATE WASHDC TO AMEMBASSY PARIS PRIORITY INFO MTCR COLLECTIVE\n\nCONFIDENTIAL STATE 070895\n\nE.O. 12958: DECL: 07/08/2033\n");
    assert_eq!(h.from.as_ref().unwrap().name, "SECSTATE WASHDC");
    assert_eq!(h.to[0].name, "AMEMBASSY PARIS");
    assert_eq!(h.to[0].precedence.as_deref(), Some("PRIORITY"));
    assert_eq!(h.info[0].name, "MTCR COLLECTIVE");
    let b = h.banner.unwrap();
    assert_eq!(
        (b.level, b.origin.as_deref(), b.serial),
        (Level::C, Some("STATE"), Some(70895))
    );
    assert_eq!(h.eo.unwrap().decl.unwrap().iso(), "2033-07-08");
}

use crate::syntax::Level;

#[test]
fn a_declassification_broken_after_its_name() {
    // A copy re-wrapped between `DECL:` and its value: the value is read, and
    // the fields after it.
    for (eo, decl) in [
        ("E.O. 12958: DECL:\n04/07/2015", Some("2015-04-07")),
        (
            "E.O. 12958: DECL:\n04/07/2015 TAGS: PREL FR",
            Some("2015-04-07"),
        ),
        ("E.O. 12958: Declassify\non 8/31/2034", Some("2034-08-31")),
        ("E.O. 12958: Declassify on 8/31/2034", Some("2034-08-31")),
        ("E.O. 12958: DECL:\nMR", None),
    ] {
        let h = header(&format!(
            "C O N F I D E N T I A L PARIS 007835\n\nSIPDIS\n\n{eo}\nTAGS: PREL FR\n\
             SUBJECT: ANALYZING THE UNREST\n\nClassified By: Amb for reasons 1.4 (b).\n\n1. (C) Text.\n"
        ));
        let e = h.eo.expect(eo);
        assert_eq!(e.decl.map(|d| d.iso()).as_deref(), decl, "{eo}");
        assert!(e.decl_text.is_some(), "{eo}");
        assert_eq!(h.tags.unwrap().items[0].text, "PREL", "{eo}");
        assert_eq!(h.subject.unwrap().text, "ANALYZING THE UNREST", "{eo}");
    }
    // Not a line of text after an E.O. line that has no DECL.
    let h = header("CONFIDENTIAL PARIS 007835\n\nE.O. 12958:\n12 ANGRY MEN\nSUBJECT: X\n");
    assert_eq!(h.eo.unwrap().decl_text, None);
}

#[test]
fn tags_wrapped_before_the_next_field() {
    // Words wrapped from the TAGS line: a name among the TAGS over two lines,
    // or words that are no TAG with a field right after them.
    let h = header(
        "CONFIDENTIAL STATE 011937\n\nE.O. 12958: DECL: 02/05/2019\nTAGS: OVIP CLINTON\n\
         HILLARY PREL KPAL FR IR RS\nNATO, UK, CN\nSUBJECT: (U) X\n\n1. (C) Text.\n",
    );
    // (The name read as on one line: a run of words that are no TAG goes on
    // over the line's end, a line with no comma.)
    let tags: Vec<String> = h.tags.unwrap().items.into_iter().map(|t| t.text).collect();
    assert!(
        tags.contains(&"CLINTON HILLARY".to_string()) && tags.contains(&"CN".to_string()),
        "{tags:?}"
    );
    assert_eq!(h.subject.unwrap().text, "X");
    let h = header(
        "CONFIDENTIAL ANKARA 007215\n\nE.O. 12958: DECL: 04/07/2015\nTAGS: ECON PGOV PINR TU\n\
         POLITICAL PARTIES\nSUBJECT: NO SPLITS\n\n1. (C) Text.\n",
    );
    assert_eq!(h.tags.unwrap().items.len(), 5);
    assert_eq!(h.subject.unwrap().text, "NO SPLITS");
    // A phrase cut by the line's end (re-wrapped), and a list with commas
    // whose line's end separates.
    let tags = |t: &str| -> Vec<String> {
        let h = header(&format!("CONFIDENTIAL ANKARA 007215\n\n{t}\nSUBJECT: X\n"));
        h.tags.unwrap().items.into_iter().map(|t| t.text).collect()
    };
    assert_eq!(
        tags("TAGS: ECON PGOV PINR TU POLITICAL\nPARTIES"),
        ["ECON", "PGOV", "PINR", "TU", "POLITICAL PARTIES"]
    );
    assert_eq!(
        tags("TAGS: ECON, HUMAN RIGHTS,\nPOLITICAL PARTIES, TU"),
        ["ECON", "HUMAN RIGHTS", "POLITICAL PARTIES", "TU"]
    );
    assert_eq!(
        tags("TAGS: ECON, HUMAN RIGHTS\nPOLITICAL PARTIES"),
        ["ECON", "HUMAN RIGHTS", "POLITICAL PARTIES"]
    );
    assert_eq!(
        tags("TAGS: ECON POLITICAL\nPREL"),
        ["ECON", "POLITICAL", "PREL"]
    );
}

#[test]
fn a_section_banner_cut_by_a_line_end() {
    use super::is_cut_section_banner as cut;
    for s in [
        "C O N F I D E N T I A L SECTION 02 OF",
        "C O N F I D E N T I A L SECTION 02 OF 03",
        "C O N F I D E N T I A L SECTION 02 OF 03 HARARE",
        "SECRET NOFORN SECTION 2 OF 4 RIO DE JANEIRO",
    ] {
        assert!(cut(s), "{s}");
    }
    for s in [
        "C O N F I D E N T I A L SECTION 02 OF 03 HARARE 006677",
        "SECRET SECTION 2",
        "SECRET SECTION 2 OF THE LAW",
        "SECTION 02 OF 03",
        "CONFIDENTIAL",
    ] {
        assert!(!cut(s), "{s}");
    }
}

#[test]
fn fields_re_wrapped_across_their_words() {
    let c = |t: &str| {
        crate::syntax::parse(&format!(
            "C O N F I D E N T I A L BRASILIA 000043\n\nSIPDIS\n\n{t}\n1. (C) Text.\n"
        ))
    };
    // An inline Classified By broken after `CLASSIFIED` (10BRASILIA43).
    let x = c("E.O. 12958: DECL: 02/05/2020\nTAGS: PREL BR\nSUBJECT: BRAZIL: AMBASSADOR PRESENTS CREDENTIALS TO PRESIDENT LULA CLASSIFIED\n\
               BY: Thomas A. Shannon, Ambassador; REASON: 1.4(B), (D)\n");
    assert_eq!(
        x.header.subject.unwrap().text,
        "BRAZIL: AMBASSADOR PRESENTS CREDENTIALS TO PRESIDENT LULA"
    );
    assert_eq!(x.header.classified_by.unwrap().reasons, ['b', 'd']);
    // The E.O. line's end wrapped before TAGS (79TEHRAN8980).
    let x = c("E.O. 12065: GDS 8/12/85 (TOMSETH, VICTOR\nL.) OR-P\nTAGS: PEPR IR\nSUBJECT: NEGOTIATIONS\n");
    assert_eq!(x.header.subject.unwrap().text, "NEGOTIATIONS");
    // And a printout's page line before the field that follows.
    let x = c("E.O. 12065: GDS 8/12/85 (TOMSETH, VICTOR L.)\nOR-P\nPAGE 02 TEHRAN 08980 01 OF 02 121339Z\nTAGS: PEPR IR\nSUBJECT: NEGOTIATIONS\n");
    assert_eq!(x.header.subject.unwrap().text, "NEGOTIATIONS");
    // The reasons' section broken after `1.` (09BEIJING2438), no paragraph.
    let x = c("E.O. 12958: DECL: 02/05/2020\nSUBJECT: X\n\nClassified By: Counselor Aubrey Carlson.  Reasons\n1.\n4 (b/d).\n");
    assert_eq!(x.header.classified_by.unwrap().reasons, ['b', 'd']);
    assert_eq!(x.body.paragraphs.len(), 1);
    // A REF item over two lines, its end after a blank line (07BUENOSAIRES2345).
    let x = c("E.O. 12958: DECL: 02/05/2020\nSUBJECT: X\n\nREF: (A) BUENOS AIRES 2336 (B) MCWHIRTER\n12/14/07\n\n\
               E-MAIL TO DS COMMAND CENTER\n\nClassified By: Ambassador Wayne for reasons 1.4 (b) & (d).\n");
    let refs = x.header.references.unwrap().items;
    assert_eq!(
        refs[1].text,
        "MCWHIRTER 12/14/07 E-MAIL TO DS COMMAND CENTER"
    );
    assert_eq!(x.header.classified_by.unwrap().reasons, ['b', 'd']);
}

#[test]
fn fields_re_wrapped_in_copies_damaged_in_other_ways_too() {
    let id = |t: &str| crate::syntax::parse(t).id.map(|i| i.to_string());
    // A banner cut before its origin, a caption after its serial (`SIPDIS`
    // joined onto the banner's line, 06BRUSSELS524).
    let t = "P 101200Z FEB 06\n\nC O N F I D E N T I A L SECTION 01 OF 05\nBRUSSELS 000524 SIPDIS\n\nSUBJECT: X\n";
    assert_eq!(id(t).as_deref(), Some("06BRUSSELS524"));
    let h = header(t);
    assert_eq!(h.banner.as_ref().and_then(|b| b.serial), Some(524));
    // A banner cut right after the addresses (no blank line between): the
    // addresses end (06PARIS5974, 09BUENOSAIRES1026).
    for banner in [
        "C O N F I D E N T I A L SECTION 01 OF 04\nPARIS 005974",
        "C O N F I D E N T I A L PARIS\n005974",
    ] {
        let t = format!(
            "P 061539Z SEP 06\nFM AMEMBASSY PARIS\nTO RUEHC/SECSTATE WASHDC PRIORITY 1063\n\
             INFO RUEHC/DEPARTMENT OF LABOR WASHDC\n{banner}\nSIPDIS\nE.O. 12958: DECL: 04/07/2015\nSUBJECT: X\n"
        );
        assert_eq!(id(&t).as_deref(), Some("06PARIS5974"), "{banner}");
    }
    // But the classification alone there is a page's head, the address after
    // it no serial.
    let t = "P 061539Z SEP 06\nFM AMEMBASSY PARIS\nTO RUEHC/SECSTATE WASHDC PRIORITY 1063\n\
             CONFIDENTIAL\nRUEHBS/AMEMBASSY BRUSSELS 0228\n\nCONFIDENTIAL PARIS 005974\n\nSUBJECT: X\n";
    assert_eq!(id(t).as_deref(), Some("06PARIS5974"));
    // A web page's table cut by a re-wrap: `Reference` alone is no REF
    // heading (06BRASILIA1859).
    let t = "Viewing cable 06BRASILIA1859, A SUBJECT\n\nReference\nID\tCreated\tReleased\n\
             06BRASILIA1859\t2009-10-01\n\nP 051655Z SEP 06\n\nC O N F I D E N T I A L BRASILIA 001859\n\n\
             SUBJECT: A LEGACY\n\nREF: A. BRASILIA 1784\n";
    let h = header(t);
    assert_eq!(
        h.subject.as_ref().map(|s| s.text.as_str()),
        Some("A LEGACY")
    );
    assert_eq!(h.references.as_ref().map(|r| r.items.len()), Some(1));
    assert!(
        header("SECRET STATE 1\n\nSUBJECT: X\nREF\nA. STATE 12345\n")
            .references
            .is_some()
    );
    // The E.O., TAGS and SUBJECT on one line, re-wrapped: the subject's name
    // after TAGS at the next line's start (06MADRID2335, 05ANKARA7215), its mark
    // alone at the line's end (09STATE124636).
    for (line, tags, subject) in [
        (
            "E.O. 12958: DECL: 09/15/2016 TAGS: PREL MARR SP LE\nAF SUBJECT: SPAIN: MOD POLICY DIRECTOR ON\nNCIS/OSI,\nAFGHANISTAN",
            5,
            "SPAIN: MOD POLICY DIRECTOR ON NCIS/OSI, AFGHANISTAN",
        ),
        (
            "E.O. 12958: DECL: 12/07/2015 TAGS: ECON PGOV PINR TU\nPOLITICAL PARTIES SUBJECT: NO SPLITS IN TURKEY'S GOVERNING\nAKP",
            5,
            "NO SPLITS IN TURKEY'S GOVERNING AKP",
        ),
        (
            "E.O. 12958: DECL: 12/04/2034 TAGS: PINR PGOV MX SUBJECT: (C/NF)\nGENERAL MEXICAN LEADERSHIP (C-AL9-02352)",
            3,
            "GENERAL MEXICAN LEADERSHIP (C-AL9-02352)",
        ),
    ] {
        let h = header(&format!("CONFIDENTIAL MADRID 002335\n\n{line}\n\nClassified By: X, reasons 1.4 (b).\n"));
        assert_eq!(h.tags.map(|t| t.items.len()), Some(tags), "{line}");
        assert_eq!(h.subject.map(|s| s.text).as_deref(), Some(subject));
    }
    // A REF block ends at an unnumbered paragraph in capitals, its mark no
    // letter (08KUALALUMPUR317).
    let h = header(
        "UNCLAS KUALA LUMPUR 000317\n\nSUBJECT: DEMARCHE\nREF: STATE 40380\n\
         (SBU) POLOFF DELIVERED REFTEL DEMARCHE AND NONPAPER\nKEITH\n",
    );
    assert_eq!(h.references.map(|r| r.items.len()), Some(1));
}
