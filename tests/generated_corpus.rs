//! The synthetic corpus (`cable-lsp gen`) read back through the parser, the index
//! and the diagnostics: every fact the generator planted must be read as planted.

use cable_lsp::analysis::diagnostics::{diagnostics, Severities};
use cable_lsp::analysis::navigation::Ctx;
use cable_lsp::analysis::Document;
use cable_lsp::corpus::{gen, scan, Index, ScanConfig, Via};
use std::collections::HashSet;

#[test]
fn every_planted_fact_is_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let summary = gen::write(dir.path(), 600, 11).unwrap();
    assert_eq!(summary.cables, 600);
    let paths = scan::discover(&[dir.path().to_path_buf()], &ScanConfig::default());
    assert_eq!(paths.len(), 600, "every generated file is found as a cable");
    let mut index = Index::default();
    scan::load_all(&paths, &ScanConfig::default(), 128, |recs, skips, _| {
        assert!(skips.is_empty(), "skipped: {skips:?}");
        for r in recs {
            index.insert(r);
        }
    });
    assert_eq!(index.len(), 600);
    let sev = Severities::default();
    let mut layouts = HashSet::new();
    let (mut above, mut no_cb) = (0, 0);
    for p in &summary.planted {
        layouts.insert(format!("{:?}", p.layout));
        let path = dir.path().join(&p.path);
        let rec = index
            .get(&path)
            .unwrap_or_else(|| panic!("{} not indexed", p.id));
        assert_eq!(
            rec.id.as_deref(),
            Some(p.id.as_str()),
            "{}",
            p.path.display()
        );
        let level = rec.level.map(|l| format!("{l:?}"));
        let want = match p.level {
            'U' => "U",
            'C' => "C",
            _ => "S",
        };
        assert_eq!(level.as_deref(), Some(want), "{}: banner level", p.id);
        let via_ref: Vec<&str> = rec
            .cites
            .iter()
            .filter(|c| matches!(c.via, Via::RefItem(_)))
            .map(|c| c.id.as_str())
            .collect();
        let mut want_refs: Vec<&str> = p.ref_cites.iter().map(|s| s.as_str()).collect();
        want_refs.extend(p.missing_cites.iter().map(|s| s.as_str()));
        let (mut a, mut b) = (via_ref.clone(), want_refs.clone());
        a.sort();
        b.sort();
        assert_eq!(a, b, "{}: REF items", p.id);
        for c in &p.ref_cites {
            assert_eq!(index.by_id(c).len(), 1, "{}: {c} resolves", p.id);
        }
        for c in &p.missing_cites {
            assert!(index.by_id(c).is_empty(), "{}: {c} is missing", p.id);
        }
        for c in &p.text_cites {
            assert!(
                rec.cites.iter().any(|x| x.id == *c && x.via == Via::Text),
                "{}: bare number {c} in the text",
                p.id
            );
        }
        let mut pocs: Vec<u32> = rec.poc.iter().map(|m| m.number).collect();
        let mut want_poc = p.poc.clone();
        pocs.sort();
        pocs.dedup();
        want_poc.sort();
        want_poc.dedup();
        assert_eq!(pocs, want_poc, "{}: POC DOC mentions", p.id);

        let text = std::fs::read_to_string(&path).unwrap();
        let doc = Document::parse(text);
        assert_eq!(
            doc.cable.body.paragraphs.len(),
            p.paragraphs,
            "{}: paragraphs",
            p.id
        );
        let numbers: Vec<_> = doc.cable.body.paragraphs.iter().map(|x| x.number).collect();
        let want_numbers: Vec<u32> = (1..=p.paragraphs as u32).collect();
        assert_eq!(numbers, want_numbers, "{}: paragraph numbers", p.id);
        let cx = Ctx {
            doc: &doc,
            path: &path,
            index: &index,
        };
        let ds = diagnostics(cx, &sev);
        let has = |code: &str| ds.iter().any(|d| d.code == code);
        let mark_error = has("mark-above-banner") || has("classified-mark-in-unclas");
        assert_eq!(
            mark_error, p.mark_above_banner,
            "{}: mark above banner",
            p.id
        );
        assert_eq!(has("missing-classified-by"), p.no_classified_by, "{}", p.id);
        for code in [
            "unknown-ref",
            "bad-reason",
            "missing-decl",
            "no-banner",
            "no-dtg",
        ] {
            assert!(!has(code), "{}: unexpected {code}: {ds:?}", p.id);
        }
        above += usize::from(p.mark_above_banner);
        no_cb += usize::from(p.no_classified_by);
    }
    assert_eq!(layouts.len(), 4, "all four layouts are drawn: {layouts:?}");
    assert!(
        above > 0 && no_cb > 0,
        "the planted errors occur ({above}, {no_cb})"
    );
}

/// The index reads each cable by skimming it: the record equals the one built
/// from the full parse, on generated cables of every layout and damage.
#[test]
fn a_skimmed_record_equals_the_full_parse_record() {
    use cable_lsp::analysis::Document;
    use cable_lsp::corpus::record::CableRecord;
    let mut cites = 0;
    for (i, (text, _)) in cable_lsp::corpus::gen::generate(800, 11)
        .into_iter()
        .enumerate()
    {
        let path = std::path::PathBuf::from(format!("/w/{i}.txt"));
        let full = CableRecord::of_file(path.clone(), &Document::parse(text.as_str()));
        assert_eq!(
            CableRecord::of_skim(path, &text),
            full,
            "cable {i}:\n{text}"
        );
        cites += full.cites.len() + full.poc.len();
    }
    assert!(cites > 1000, "generated cables cite each other: {cites}");
}

#[test]
fn gen_refuses_a_non_empty_folder() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("keep.txt"), "mine").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cable-lsp"))
        .args(["gen", "--count", "3", "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("is not empty; expected a new or empty folder"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("keep.txt")).unwrap(),
        "mine"
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cable-lsp"))
        .args(["gen", "--count", "3", "--seed", "5", "--out"])
        .arg(dir.path().join("new"))
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("wrote 3 cables"));
}
