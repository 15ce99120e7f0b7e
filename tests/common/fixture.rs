//! Multi-file fixtures for the analysis layer, in the style of rust-analyzer:
//! several cables in one string, `//- /path` before each, `$0` at the cursor.
#![allow(dead_code)]

use cable_lsp::analysis::navigation::{Ctx, Target};
use cable_lsp::analysis::Document;
use cable_lsp::corpus::{CableRecord, Index};
use std::path::{Path, PathBuf};

pub struct Fixture {
    pub index: Index,
    pub docs: Vec<(PathBuf, Document)>,
    /// The file with the cursor and the cursor's byte offset.
    pub cursor: Option<(PathBuf, usize)>,
}

pub fn fixture(src: &str) -> Fixture {
    let mut index = Index::default();
    let mut docs = Vec::new();
    let mut cursor = None;
    for part in src.split("//- ").filter(|p| !p.trim().is_empty()) {
        let (path, body) = part.split_once('\n').expect("a path line");
        let path = PathBuf::from(path.trim());
        let body = body.replace("\n        ", "\n");
        let body = body.strip_prefix("        ").unwrap_or(&body).to_string();
        let text = if let Some(at) = body.find("$0") {
            cursor = Some((path.clone(), at));
            body.replacen("$0", "", 1)
        } else {
            body
        };
        let doc = Document::parse(text);
        index.insert(CableRecord::new(path.clone(), &doc));
        docs.push((path, doc));
    }
    Fixture {
        index,
        docs,
        cursor,
    }
}

/// [`fixture`] with every file also written to a temporary folder (its
/// `/w/` paths moved there): for features that read a cited cable's file.
pub fn fixture_on_disk(src: &str) -> (tempfile::TempDir, Fixture) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().display().to_string();
    let f = fixture(&src.replace("//- /w/", &format!("//- {root}/w/")));
    for (p, d) in &f.docs {
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, &*d.text).unwrap();
    }
    (dir, f)
}

impl Fixture {
    pub fn doc(&self, p: &Path) -> &Document {
        &self.docs.iter().find(|(q, _)| q == p).unwrap().1
    }
    pub fn ctx(&self) -> (Ctx<'_>, usize) {
        let (p, at) = self.cursor.as_ref().expect("a $0 cursor");
        let cx = Ctx {
            doc: self.doc(p),
            path: p,
            index: &self.index,
        };
        (cx, *at)
    }
    /// `path:line:col text` for each target (1-based line and column, like an editor).
    pub fn show(&self, ts: &[Target]) -> Vec<String> {
        let (here, _) = self.cursor.as_ref().unwrap();
        ts.iter()
            .map(|t| match t {
                Target::Here(s) => {
                    let d = self.doc(here);
                    let (l, c) = d.lines.position(&d.text, s.start);
                    format!("{}:{}:{} {}", here.display(), l + 1, c + 1, s.text(&d.text))
                }
                Target::There { path, loc } => {
                    let d = self.doc(path);
                    let ls = d.lines.line_start(loc.line as usize);
                    let s = &d.text[ls + loc.start8 as usize..ls + loc.end8 as usize];
                    format!(
                        "{}:{}:{} {}",
                        path.display(),
                        loc.line + 1,
                        loc.start8 + 1,
                        s
                    )
                }
            })
            .collect()
    }
}

/// A cable in the seeds' layout.
pub fn cable(dtg: &str, banner: &str, subject: &str, refs: &str, body: &str) -> String {
    format!(
        "P {dtg} FM SECSTATE WASHDC TO AMEMBASSY PARIS PRIORITY\n\n{banner}\n\nE.O. 12958: DECL: 07/08/2033\n\nTAGS: MTCRE PARM FR\n\nSUBJECT: {subject}\n\n{refs}\n\nClassified By: ISN/MTR Director Pam Durham. Reason: 1.4 (B), (D).\n\n{body}\n"
    )
}

pub fn corpus3(cursor_in_refs: &str, body: &str) -> String {
    let a = cable(
        "021202Z JUL 08",
        "CONFIDENTIAL STATE 070895",
        "GUIDANCE FOR THE POC MEETING (C)",
        cursor_in_refs,
        body,
    );
    let b = cable(
        "101200Z JUN 08",
        "CONFIDENTIAL STATE 044438",
        "RPOC MEETING IN PARIS (C)",
        "REF: STATE 11",
        "1. (C) The RPOC met in Paris on April 10 and discussed POC DOC 66 at length.\n\n2. (U) Nothing more.",
    );
    let c = cable(
        "011200Z MAY 08",
        "UNCLASSIFIED BERLIN 000896",
        "GERMAN VIEWS",
        "REF: A. STATE 44438 B. STATE 70895",
        "1. (U) Germany agrees; see reftel.",
    );
    format!("//- /w/08STATE70895.txt\n{a}//- /w/08STATE44438.txt\n{b}//- /w/08BERLIN896.txt\n{c}")
}
