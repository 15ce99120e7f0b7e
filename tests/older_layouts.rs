//! Cables in the layouts of the 1970s-1990s: a printout with its distribution
//! block (`ORIGIN`, `INFO OCT-01 ...`, `DRAFTED BY`) before the DTG, page
//! lines and the classification repeated between pages, the `LIMITED OFFICIAL
//! USE` banner (the State Department's marking before SBU) and `(LOU)` marks,
//! E.O. 11652 and 12356 lines. The texts are written for this test in those
//! layouts (other archives, such as the `1975STATE133602` ids format.md names,
//! hold cables like them).

use cable_lsp::analysis::diagnostics::{diagnostics, Severities};
use cable_lsp::analysis::navigation::Ctx;
use cable_lsp::analysis::{hover::hover, text_of, Document};
use cable_lsp::corpus::Index;
use cable_lsp::syntax::{self, CitationKind, Level, Severity};
use std::path::Path;

const LOU_PRINTOUT: &str = "\
LIMITED OFFICIAL USE
PAGE 01 STATE 104455
44
ORIGIN EB-07
INFO OCT-01 EUR-12 ISO-00 COME-00 TRSE-00 AGR-05
NSC-05 SS-15 /045 R
DRAFTED BY EB/OT/TA:JQPUBLIC:LW
APPROVED BY EB/OT:RROE
--------------------- 031907
R 141502Z MAY 76
FM SECSTATE WASHDC
TO AMEMBASSY BONN
AMEMBASSY PARIS
INFO USMISSION EC BRUSSELS
LIMITED OFFICIAL USE
LIMITED OFFICIAL USE
PAGE 02 STATE 104455
USMISSION OECD PARIS
LIMITED OFFICIAL USE STATE 104455
E.O. 11652: N/A
TAGS: ETRD, GW, FR
SUBJECT: TARIFF TALKS ON CANNED FRUIT
REF: (A) BONN 7781 (B) PARIS 13350
1. (LOU) DEPARTMENT WISHES TO RESUME THE TALKS ON CANNED FRUIT
TARIFFS NOTED IN REF A BEFORE THE SUMMER RECESS.
2. (LOU) PARIS 13350 REPORTED THAT THE FRENCH SIDE WOULD
LIMITED OFFICIAL USE
LIMITED OFFICIAL USE
PAGE 03 STATE 104455
AGREE TO A DATE IN JUNE. EMBASSIES SHOULD PROPOSE JUNE 9,
AS IN PARA 1.
ROBINSON
LIMITED OFFICIAL USE
NNN
";

const CONFIDENTIAL_1980S: &str = "\
O 021130Z MAR 88
FM AMEMBASSY ROME
TO SECSTATE WASHDC IMMEDIATE 4410
INFO AMEMBASSY MADRID
C O N F I D E N T I A L SECTION 01 OF 02 ROME 04021
E.O. 12356: DECL: OADR
TAGS: PREL, IT, SP
SUBJECT: ITALIAN VIEWS ON THE MEDITERRANEAN FORUM
REF: STATE 61220
1. (C) ENTIRE TEXT.
2. (C) THE FOREIGN MINISTRY TOLD US ON MARCH 1 THAT ITALY WILL
ANSWER REFTEL BY THE END OF THE WEEK.
3. (LOU) DATES ARE STILL OPEN.
RABB
";

/// `f` on the cable `text` as file `file`, alone in its corpus.
fn in_ctx<T>(text: &str, file: &str, f: impl FnOnce(Ctx<'_>) -> T) -> T {
    let doc = Document::parse(text.to_string());
    let index = Index::default();
    f(Ctx {
        doc: &doc,
        path: Path::new(file),
        index: &index,
    })
}

fn doc_and_diagnostics(text: &str, file: &str) -> (Document, Vec<(Severity, &'static str)>) {
    in_ctx(text, file, |cx| {
        let ds = diagnostics(cx, &Severities::default());
        let codes = ds.iter().map(|d| (d.severity, d.code)).collect();
        (cx.doc.clone(), codes)
    })
}

#[test]
fn a_limited_official_use_printout_reads_whole() {
    let (doc, codes) = doc_and_diagnostics(LOU_PRINTOUT, "/w/76STATE104455.txt");
    let c = &doc.cable;
    assert_eq!(
        c.id.as_ref().map(|i| i.to_string()).as_deref(),
        Some("76STATE104455")
    );
    let b = c.header.banner.as_ref().expect("banner");
    assert_eq!(
        (b.level, b.text.as_str()),
        (Level::U, "LIMITED OFFICIAL USE")
    );
    assert_eq!(b.serial, Some(104455));
    let subject = c.header.subject.as_ref().map(|s| s.text.as_str());
    assert_eq!(subject, Some("TARIFF TALKS ON CANNED FRUIT"));
    let tags: Vec<&str> = (c.header.tags.iter().flat_map(|t| &t.items))
        .map(|t| t.text.as_str())
        .collect();
    assert_eq!(tags, ["ETRD", "GW", "FR"]);
    let refs: Vec<(Option<char>, Vec<String>)> = (c.header.references.iter())
        .flat_map(|r| &r.items)
        .map(|i| (i.bullet, i.ids.iter().map(|x| x.to_string()).collect()))
        .collect();
    assert_eq!(
        refs,
        [
            (Some('A'), vec!["76BONN7781".to_string()]),
            (Some('B'), vec!["76PARIS13350".to_string()])
        ]
    );
    // Both paragraphs marked LOU; the page lines between them are no text.
    let paras: Vec<(u32, Option<String>)> = (c.body.paragraphs.iter())
        .map(|p| (p.number, p.marking.as_ref().map(|m| m.mark.normalized())))
        .collect();
    assert_eq!(
        paras,
        [(1, Some("LOU".into())), (2, Some("LOU".into()))],
        "{paras:?}"
    );
    let p2 = text_of(&doc, c.body.paragraphs[1].span);
    assert_eq!(
        p2,
        "2. (LOU) PARIS 13350 REPORTED THAT THE FRENCH SIDE WOULD AGREE TO A DATE \
         IN JUNE. EMBASSIES SHOULD PROPOSE JUNE 9, AS IN PARA 1."
    );
    assert_eq!(
        c.body.signature.as_ref().map(|s| s.text.as_str()),
        Some("ROBINSON")
    );
    // The text cites REF A, PARIS 13350 by its number, and para 1.
    let kinds: Vec<(CitationKind, &str)> = (c.citations.iter())
        .map(|x| (x.kind, x.target.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            (CitationKind::Ref, "A"),
            (CitationKind::Cable, "76PARIS13350"),
            (CitationKind::Para, "1")
        ]
    );
    // An unclassified cable with E.O. N/A: nothing to find, REF B used by number.
    assert_eq!(codes, [], "{codes:?}");
    // The index's quick read agrees.
    let s = syntax::skim::skim(LOU_PRINTOUT);
    assert_eq!(s.id, c.id);
    assert_eq!(s.citations.len(), 1, "the cable number only");
}

#[test]
fn a_1980s_confidential_cable_with_lou_and_oadr_reads_whole() {
    let (doc, codes) = doc_and_diagnostics(CONFIDENTIAL_1980S, "/w/88ROME4021.txt");
    let c = &doc.cable;
    assert_eq!(
        c.id.as_ref().map(|i| i.to_string()).as_deref(),
        Some("88ROME4021")
    );
    assert_eq!(c.header.banner.as_ref().map(|b| b.level), Some(Level::C));
    let marks: Vec<Option<String>> = (c.body.paragraphs.iter())
        .map(|p| p.marking.as_ref().map(|m| m.mark.normalized()))
        .collect();
    assert_eq!(
        marks,
        [Some("C".to_string()), Some("C".into()), Some("LOU".into())]
    );
    assert_eq!(
        c.body.signature.as_ref().map(|s| s.text.as_str()),
        Some("RABB")
    );
    // Before 1995 no Classified By line was required; the LOU mark is below
    // the banner and standard: no error or warning.
    let loud: Vec<_> = codes
        .iter()
        .filter(|(s, _)| matches!(s, Severity::Error | Severity::Warning))
        .collect();
    assert!(loud.is_empty(), "{codes:?}");
}

#[test]
fn hover_says_what_limited_official_use_is() {
    in_ctx(LOU_PRINTOUT, "/w/76STATE104455.txt", |cx| {
        let at = |s: &str| LOU_PRINTOUT.find(s).unwrap() + 2;
        let banner = hover(cx, at("LIMITED OFFICIAL USE STATE 104455")).unwrap();
        assert!(
        banner.markdown.starts_with("**LIMITED OFFICIAL USE** (the State Department's control marking before SBU; ranks as UNCLASSIFIED)"),
        "{}",
        banner.markdown
    );
        let mark = hover(cx, at("(LOU) DEPARTMENT")).unwrap();
        assert_eq!(
            mark.markdown,
            "**(LOU)**: LIMITED OFFICIAL USE (the State Department's control marking before SBU; \
         ranks as UNCLASSIFIED), as is the cable"
        );
    })
}

#[test]
fn the_classification_atop_the_first_page_is_the_banner_when_there_is_no_other() {
    // Printed before the page line, it is print noise in the text, and still
    // the cable's level.
    let t = "CONFIDENTIAL\nPAGE 01 STATE 133602\nORIGIN IO-10\nR 071729Z JUN 75\n\
             FM SECSTATE WASHDC\nTO AMEMBASSY BONN\nE.O. 11652: GDS\nTAGS: UN, EGEN\n\
             SUBJECT: CONSULTATIONS\n1. WE ARE CONCERNED.\nKISSINGER\n";
    let c = syntax::parse(t);
    let b = c.header.banner.as_ref().expect("a banner");
    assert_eq!(
        (b.level, b.text.as_str(), b.span.start),
        (Level::C, "CONFIDENTIAL", 0)
    );
    assert_eq!(
        c.header.subject.as_ref().map(|s| s.text.as_str()),
        Some("CONSULTATIONS")
    );
    assert_eq!(syntax::skim::skim(t).header.banner, c.header.banner);
}

/// A printout's running title after its page lines is print noise where it
/// breaks a sentence; text glued onto a page line is text.
#[test]
fn a_running_title_after_page_lines_is_not_paragraph_text() {
    let cable = |pages: &[&str]| {
        format!(
            "O 101200Z MAR 99\nFM AMEMBASSY LAGOS\nTO SECSTATE WASHDC IMMEDIATE 4410\n\
             C O N F I D E N T I A L LAGOS 001234\nE.O. 12958: DECL: 03/10/09\nTAGS: PGOV, NI\n\
             SUBJECT: THE ELECTION COMMISSION MEETS THE PARTIES\n\
             1. (C) THE COMMISSION MET THE THREE PARTIES ON MARCH 9 AND\n{}\nHEARD THEIR COMPLAINTS.\n\
             2. (C) THE CHAIRMAN SAID THE VOTE WOULD BE HELD ON TIME, AND\n{}\nTHAT OBSERVERS WERE WELCOME.\nJETER\n",
            pages[0], pages[1]
        )
    };
    let texts = |t: &str| {
        let doc = Document::parse(t.to_string());
        (doc.cable.body.paragraphs.iter())
            .map(|p| text_of(&doc, p.span))
            .collect::<Vec<_>>()
    };
    let clean = [
        "1. (C) THE COMMISSION MET THE THREE PARTIES ON MARCH 9 AND HEARD THEIR COMPLAINTS.",
        "2. (C) THE CHAIRMAN SAID THE VOTE WOULD BE HELD ON TIME, AND THAT OBSERVERS WERE WELCOME.",
    ];
    // The same words after two page lines: a title.
    let p = |n: u8, rest: &str| format!("PAGE 0{n} LAGOS 01234 01 OF 02 101200Z{rest}");
    let t = cable(&[&p(2, " ELECTION TALKS"), &p(3, " ELECTION TALKS")]);
    assert_eq!(texts(&t), clean);
    // Once, but the subject's last words: a title; no title at all: nothing cut.
    let t = cable(&[&p(2, " MEETS THE PARTIES"), &p(3, "")]);
    assert_eq!(texts(&t), clean);
    let t = cable(&[&p(2, ""), &p(3, "")]);
    assert_eq!(texts(&t), clean);
    // Words after one page line only, not the subject's: text glued onto it.
    let t = cable(&[&p(2, " IN ABUJA"), &p(3, " AS BEFORE, SAID")]);
    assert_eq!(
        texts(&t),
        [
            "1. (C) THE COMMISSION MET THE THREE PARTIES ON MARCH 9 AND IN ABUJA HEARD THEIR COMPLAINTS.",
            "2. (C) THE CHAIRMAN SAID THE VOTE WOULD BE HELD ON TIME, AND AS BEFORE, SAID THAT OBSERVERS WERE WELCOME.",
        ]
    );
    // Sentences repeated word for word after two page lines are still text
    // when they end like one.
    let t = cable(&[&p(2, " AS AGREED."), &p(3, " AS AGREED.")]);
    assert!(
        texts(&t)[0].contains("AND AS AGREED. HEARD"),
        "{:?}",
        texts(&t)
    );
}

/// A telegram's break-text lines (`BT` after the addressees and after the
/// text), its message number (`#4021`) and `NNNN`: the signature is the
/// last line of text, and with no text at all the header's fields stop there.
#[test]
fn break_text_lines_and_the_message_number_end_the_text() {
    let with_bt = CONFIDENTIAL_1980S
        .replace("INFO AMEMBASSY MADRID\n", "INFO AMEMBASSY MADRID\nBT\n")
        .replace("RABB\n", "RABB\nBT\n#4021\n\nNNNN\n");
    let (doc, codes) = doc_and_diagnostics(&with_bt, "/w/88ROME4021.txt");
    let c = &doc.cable;
    assert_eq!(
        c.id.as_ref().map(|i| i.to_string()).as_deref(),
        Some("88ROME4021")
    );
    assert_eq!(c.body.paragraphs.len(), 3);
    assert_eq!(
        c.body.signature.as_ref().map(|s| s.text.as_str()),
        Some("RABB")
    );
    let trailer = c.body.trailer.expect("the end lines are the trailer");
    assert!(trailer.text(&with_bt).starts_with("BT\n#4021"));
    assert!(
        !codes
            .iter()
            .any(|(s, _)| matches!(s, Severity::Error | Severity::Warning)),
        "{codes:?}"
    );
    // Only the message number after the text.
    let numbered = CONFIDENTIAL_1980S.replace("RABB\n", "RABB\n#4021\n");
    let c = syntax::parse(&numbered);
    assert_eq!(c.body.signature.map(|s| s.text), Some("RABB".to_string()));

    // No text: the subject and TAGS end before the end lines.
    let header_only = "C O N F I D E N T I A L ROME 04021\nE.O. 12356: DECL: OADR\n\
                       TAGS: PREL, IT\nSUBJECT: ITALIAN VIEWS\nBT\n#4021\n\nNNNN\n";
    let h = syntax::parse(header_only).header;
    assert_eq!(h.subject.map(|s| s.text).as_deref(), Some("ITALIAN VIEWS"));
    let tags = "C O N F I D E N T I A L ROME 04021\nE.O. 12356: DECL: OADR\n\
                TAGS: PREL, IT\nBT\n";
    let h = syntax::parse(tags).header;
    let items: Vec<String> = h
        .tags
        .iter()
        .flat_map(|t| &t.items)
        .map(|i| i.text.clone())
        .collect();
    assert_eq!(items, ["PREL", "IT"]);
}
