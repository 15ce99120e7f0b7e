//! Data-driven tests over `../shared/fixtures/` (cablemap's test tables and the
//! seed artifact cases). Every case we read otherwise is listed with the reason.

mod common;
use cable_lsp::syntax::{ids::parse_compact_id, CitationKind};
use common::*;
use serde_json::Value;

fn cases(v: &Value) -> Vec<Value> {
    v["cases"].as_array().cloned().unwrap_or_default()
}

/// Runs one of cablemap's tables: `row` gives, for a case and its input, what we
/// read and what the table expects.
fn table(
    file: &str,
    name: &str,
    known: &[(usize, &str)],
    row: impl Fn(&Value, &str) -> (String, String),
) {
    let Some(f) = fixture(file) else {
        return;
    };
    let results = cases(&f)
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let input = c["input"].as_str().unwrap();
            let (got, want) = row(c, input);
            (i, input.to_string(), got, want)
        })
        .collect();
    check_table(name, results, known);
}

#[test]
fn c14n_ids() {
    table("cablemap_c14n_ids.json", "c14n ids", &[], |c, input| {
        let got = parse_compact_id(input)
            .map(|x| x.to_string())
            .unwrap_or_default();
        (got, c["expected"].as_str().unwrap().to_string())
    });
}

#[test]
fn decl_dates() {
    table("cablemap_decl_dates.json", "DECL dates", &[], |c, input| {
        let cable = parse_fragment(input, 2008);
        let got = cable
            .header
            .eo
            .and_then(|e| e.decl)
            .map(|d| d.iso())
            .unwrap_or_default();
        (got, c["expected"].as_str().unwrap_or("").to_string())
    });
}

#[test]
fn references() {
    table(
        "cablemap_references.json",
        "references",
        REFERENCES_KNOWN,
        |c, input| {
            let year = c["cable_year"].as_i64().unwrap_or(2009);
            let cable = parse_fragment(input, year);
            let got: Vec<String> = cable
                .header
                .references
                .map(|r| {
                    r.items
                        .iter()
                        .flat_map(|i| i.ids.iter().map(|x| x.to_string()))
                        .collect()
                })
                .unwrap_or_default();
            let want: Vec<String> = c["expected_cable_ids"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_str().unwrap().to_string())
                .collect();
            (got.join(" "), want.join(" "))
        },
    );
}

const REFERENCES_KNOWN: &[(usize, &str)] = &[(
    53,
    "`[A] State 188314, 259032`: we read 259032 as a second cable of item A; cablemap drops it",
)];

#[test]
fn references_ng() {
    table(
        "cablemap_references_ng.json",
        "references (ng)",
        REFERENCES_NG_KNOWN,
        |c, input| {
            let year = c["cable_year"].as_i64().unwrap_or(2009);
            let cable = parse_fragment(input, year);
            let mut got = Vec::new();
            for item in cable.header.references.map(|r| r.items).unwrap_or_default() {
                let b = item.bullet.map(|b| b.to_string()).unwrap_or_default();
                if item.ids.is_empty() {
                    got.push(format!("{}:{}:{}", item.kind.name(), b, item.text));
                }
                for id in &item.ids {
                    got.push(format!("cable:{b}:{id}"));
                }
            }
            let want: Vec<String> = c["expected"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| {
                    // cablemap's names for our kinds.
                    let kind = match e["kind"].as_str().unwrap() {
                        "tel" => "telcon",
                        "report" => "other",
                        k => k,
                    };
                    format!(
                        "{}:{}:{}",
                        kind,
                        e["bullet"].as_str().unwrap_or(""),
                        e["value"].as_str().unwrap_or("")
                    )
                })
                .collect();
            (got.join(" | "), want.join(" | "))
        },
    );
}

const REFERENCES_NG_KNOWN: &[(usize, &str)] = &[
    (6, "`[A] State 188314, 259032`: we read 259032 as a second cable of item A; cablemap drops it"),
    (10, "`USDEL SECRETARY TELEGRAMS 000005/000007/00004`: we read three cables from the Secretary's delegation; cablemap drops the item"),
    (12, "`B) EXP.LIC. D328589` (an export licence): we keep every item, as `other`; cablemap lists only those it recognises"),
    (21, "upstream typo: `PANAMA 00789/08` is 08PANAMA789, not 08PANAMA798"),
    (26, "`A) 6307`: a bare serial takes the citing cable's origin, which a fragment has not got; cablemap also drops bullet B of `B) STATE 285773`"),
];

#[test]
fn tags() {
    table("cablemap_tags.json", "tags", TAGS_KNOWN, |c, input| {
        let cable = parse_fragment(input, 2009);
        let got: Vec<String> = cable
            .header
            .tags
            .map(|t| t.items.into_iter().map(|x| x.text).collect())
            .unwrap_or_default();
        let want: Vec<String> = c["expected_tags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_str().unwrap().to_string())
            .collect();
        (got.join(" "), want.join(" "))
    });
}

const PERSON_TAGS: &str = "a person TAG written without punctuation (`RICE CONDOLEEZZA`): cablemap rewrites it from a list of names it carries (`RICE, CONDOLEEZZA`); we keep the words as written, one TAG";

const TAGS_KNOWN: &[(usize, &str)] = &[
    (15, PERSON_TAGS),
    (16, PERSON_TAGS),
    (19, PERSON_TAGS),
    (23, "`RIGHTSPOLMIL`: POL and MIL glued to a word that is no TAG; we split only words made wholly of TAGs"),
    (26, PERSON_TAGS),
    (29, PERSON_TAGS),
    (31, "`POL FOREIGN POL`: we read the known TAG POL (once) and the word FOREIGN; cablemap keeps the phrase FOREIGN POL"),
];

#[test]
fn subjects() {
    table(
        "cablemap_subjects.json",
        "subjects",
        SUBJECTS_KNOWN,
        |c, input| {
            let cable = parse_fragment(input, 2009);
            let got = cable.header.subject.map(|s| s.text).unwrap_or_default();
            (got, c["expected"].as_str().unwrap_or("").to_string())
        },
    );
}

const SUBJECTS_KNOWN: &[(usize, &str)] = &[(
    10,
    "the portion mark `(U)` is kept apart in the model (`subject.mark`), not in the subject's text",
)];

#[test]
fn seed_artifacts() {
    let Some(f) = fixture("seed_artifact_cases.json") else {
        return;
    };
    let mut results = Vec::new();
    let mut n = 0;
    for c in f["ref_items"].as_array().unwrap() {
        let input = c["input"].as_str().unwrap();
        let year = c["cable_year"].as_i64().unwrap();
        let text = if input.starts_with("REF") {
            input.to_string()
        } else {
            format!("REF: A. X 1\n{input}")
        };
        let cable = parse_fragment(&text, year);
        let items = cable.header.references.map(|r| r.items).unwrap_or_default();
        let want = &c["expected"][0];
        let item = items.iter().find(|i| {
            i.bullet.map(|b| b.to_string()) == want["bullet"].as_str().map(str::to_string)
        });
        let got = item.map(|i| {
            let kind = match i.kind.name() {
                "document" => "mtcr_poc_doc",
                k => k,
            };
            let id = i.ids.first().map(|x| x.to_string()).unwrap_or_default();
            let extra = match i.poc_doc {
                Some((y, num)) => format!("{}/{}", y.unwrap_or(0), num),
                None => String::new(),
            };
            format!("{kind} {id} {extra} prev={}", i.and_previous)
        });
        let want_s = format!(
            "{} {} {} prev={}",
            want["kind"].as_str().unwrap(),
            want["id"].as_str().unwrap_or(""),
            match (want["year"].as_i64(), want["number"].as_i64()) {
                (Some(y), Some(num)) => format!("{y}/{num}"),
                _ => String::new(),
            },
            want["and_previous"].as_bool().unwrap_or(false)
        );
        results.push((n, input.to_string(), got.unwrap_or_default(), want_s));
        n += 1;
    }
    for c in f["in_text_citations"].as_array().unwrap() {
        let input = c["input"].as_str().unwrap();
        let cable = parse_fragment(
            &format!("CONFIDENTIAL STATE 000001\n\n1. (C) {input}\n"),
            2008,
        );
        let got: Vec<String> = cable
            .citations
            .iter()
            .map(|x| match x.kind {
                CitationKind::PocDoc => format!("mtcr_poc_doc {}", x.target),
                CitationKind::Ref => format!("ref_letter {}", x.target),
                k => k.name().to_string(),
            })
            .collect();
        let exp: Vec<&Value> = match &c["expected"] {
            Value::Array(a) => a.iter().collect(),
            v => vec![v],
        };
        let want: Vec<String> = exp
            .iter()
            .map(|e| match e["kind"].as_str().unwrap() {
                "mtcr_poc_doc" => format!("mtcr_poc_doc {}", e["number"]),
                "ref_letter" => format!("ref_letter {}", e["bullet"].as_str().unwrap()),
                k => k.to_string(),
            })
            .collect();
        results.push((n, input.to_string(), got.join(", "), want.join(", ")));
        n += 1;
    }
    for c in f["paragraph_markers"].as_array().unwrap() {
        let input = c["input"].as_str().unwrap();
        // Paragraph markers as the first paragraph of a body (letters under a paragraph 1).
        let cable = parse_fragment(
            &format!("CONFIDENTIAL STATE 000001\n\n1. (U) First.\n\n{input}\n"),
            2008,
        );
        let mut got = String::new();
        for p in cable.body.paragraphs.iter().skip(1) {
            got = format!(
                "{} {}",
                p.number,
                p.marking.as_ref().map_or("", |m| m.mark.text.as_str())
            );
        }
        if let Some(p) = cable.body.paragraphs.first() {
            if let Some(s) = p.subparagraphs.first() {
                got = format!(
                    "{} {}",
                    s.letter,
                    s.marking.as_ref().map_or("", |m| m.mark.text.as_str())
                );
            }
        }
        let want = match &c["expected"] {
            Value::Null => String::new(),
            e => format!(
                "{} {}",
                e["para"].as_str().unwrap(),
                e["portion"].as_str().unwrap()
            ),
        };
        // `1.` then `11.`: the second reads as paragraph 11 after paragraph 1 is
        // taken; test the OCR reading on its own as the first paragraph.
        let got = if input.starts_with("11.") {
            let cable = parse_fragment(&format!("CONFIDENTIAL STATE 000001\n\n{input}\n"), 2008);
            cable
                .body
                .paragraphs
                .first()
                .map(|p| format!("{} {}", p.number, p.marking.as_ref().unwrap().mark.text))
                .unwrap_or_default()
        } else {
            got
        };
        results.push((n, input.to_string(), got, want));
        n += 1;
    }
    for c in f["tags_lines"].as_array().unwrap() {
        let input = c["input"].as_str().unwrap();
        let cable = parse_fragment(input, 2008);
        let got: Vec<String> = cable
            .header
            .tags
            .map(|t| t.items.into_iter().map(|x| x.text).collect())
            .unwrap_or_default();
        let want: Vec<String> = c["expected"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_str().unwrap().to_string())
            .collect();
        results.push((n, input.to_string(), got.join(" "), want.join(" ")));
        n += 1;
    }
    for c in f["banners"].as_array().unwrap() {
        let input = c["input"].as_str().unwrap();
        let cable = parse_fragment(input, 2008);
        let e = &c["expected"];
        let got = if input.starts_with("ZNY") {
            cable
                .header
                .routing
                .and_then(|r| r.security)
                .map(|s| s.level.name().to_string())
                .unwrap_or_default()
        } else {
            cable
                .header
                .banner
                .map(|b| {
                    format!(
                        "{} {} {}",
                        b.level.name(),
                        b.origin.unwrap_or_default(),
                        b.serial.unwrap_or(0)
                    )
                })
                .unwrap_or_default()
        };
        let want = if input.starts_with("ZNY") {
            e["transmission_security"].as_str().unwrap().to_string()
        } else {
            format!(
                "{} {} {}",
                e["level"].as_str().unwrap(),
                e["origin"].as_str().unwrap(),
                e["serial"]
            )
        };
        results.push((n, input.to_string(), got, want));
        n += 1;
    }
    check_table("seed artifact cases", results, &[]);
}
