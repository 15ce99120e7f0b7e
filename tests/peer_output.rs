//! The 431 real cables read by us and by a peer parser (cablemap, from the
//! WikiLeaks HTML of the same cables: `cables_cablemap_output.json`; a peer, not
//! an oracle): subjects, TAGS, the cables a REF block cites, and signers agree,
//! and every cable where they do not is listed with the reason, judged by reading
//! the cable. A new difference fails, and so does a listed one that went away.

mod common;
use cable_lsp::syntax;
use common::*;
use std::collections::BTreeMap;

/// (field, cable, why we read it otherwise).
const KNOWN: &[(&str, &str, &str)] = &[
    ("subject", "00HARARE6677", "the peer's subject ends at a page line (`... ZIMBABWE CONFIDENTIAL`); we read through it: `... ZIMBABWE OPPOSITION LEADER`"),
    ("subject", "09KHARTOUM881", "the header is written twice; the second copy's subject wraps onto `shipment`, the peer reads the first, cut short"),
    ("subject", "88BAGHDAD28", "the trailing portion mark `(S)` is kept apart (subject.mark), not in the text"),
    ("tags", "07PARIS159", "the peer has no TAGS for this cable; the line `TAGS: KDEM LE PGOV PREL FR IR` is there"),
    ("tags", "07PARIS921", "`KDEM` wraps onto the next line; the peer drops it"),
    ("tags", "09TRIPOLI938", "`LY` wraps onto the next line; the peer drops it"),
    ("tags", "09KHARTOUM881", "the second copy of the header wraps its TAGS onto `cf`; the peer reads the first copy"),
    ("tags", "08TBILISI1341", "written `RU`; the peer rewrites it as `RS` (Russia's code), we keep the TAG as written"),
    ("tags", "09PARIS1473", "written `RU`; the peer rewrites it as `RS`"),
    ("tags", "09KABUL4150", "`KDEMAF` glued: the peer keeps it beside its parts, we read KDEM and AF"),
    ("tags", "09STATE11937", "a person TAG `CLINTON HILLARY`: the peer adds a comma from its list of names"),
    ("refs", "09RIODEJANEIRO365", "the list `RIO DE JANEIRO 329; RIO DE JANEIRO 346;` goes on after a blank line with `RIO DE JANEIRO 353` (the text cites reftel C); the peer stops at the blank line"),
    ("refs", "04MADRID3914", "`BRUSSELS 4080` as written; the peer takes it for USEU Brussels"),
    ("refs", "09BRUSSELS536", "`BRUSSELS 205` as written; the peer takes it for USEU Brussels"),
    ("refs", "09PARIS119", "`BRUSSELS 79` as written; the peer takes it for USEU Brussels"),
    ("refs", "08ALGIERS198", "`08 ALGIERS 0075`: the peer reads a second cable ALGIERS 8 out of it"),
    ("refs", "09ABUDHABI754", "`REF B SECSTATE 76108` in a block of bare letters: the peer reads no REF block"),
    ("refs", "09BELGRADE765", "`B) BELGRADE743`, the serial glued: the peer drops it"),
    ("refs", "09ISLAMABAD3037", "no REF block in this copy; the peer lists the cable itself"),
    ("refs", "09KHARTOUM881", "the peer lists KHARTOUM 378 twice (both copies of the header) and the cable itself"),
    ("refs", "09NAIROBI2497", "the peer lists STATE 122115 twice and the cable itself"),
    ("refs", "10PARIS170", "`Ref: USNATO 56` is in the text; the peer lists nothing"),
    ("signer", "06BRIDGETOWN2164", "no signature: the last word, `ASSISTANCE.`, ends a sentence"),
    ("signer", "07BERLIN1767", "`TIMKEN JR`: the peer keeps only `JR`"),
    ("signer", "07BERLIN242", "`TIMKEN JR`: the peer keeps only `JR`"),
    ("signer", "08BERLIN643", "`Timken jr`: the peer keeps only `JR`"),
    ("signer", "09BEIJING2965", "`... cleared this message. HUNTSMAN`: the peer takes `DEPUTY` from the sentence"),
    ("signer", "09BELGRADE765", "the copy writes the name twice, `BRUSH BRUSH`"),
    ("signer", "09CAPETOWN204", "no signature: the text ends `End Comment`; the peer takes `COMMENT`"),
    ("signer", "09RIODEJANEIRO365", "no signature: the text ends `End Comment.`; the peer takes `COMMENT`"),
    ("signer", "09PRETORIA954", "`LA LIME`: the peer keeps only `LIME`"),
    ("signer", "09STATE63860", "`... upon request. CLINTON`, then NNNN; the peer takes the redaction after the trailer"),
    ("signer", "09STOCKHOLM418", "`... cleared this cable. KIRKCONNELL`: the peer takes `ASSISTANT` from the sentence"),
];

fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_uppercase()
}

/// Our reading of a field of a cable, in the peer's terms.
fn ours(field: &str, c: &syntax::Cable) -> String {
    let h = &c.header;
    match field {
        "subject" => norm(h.subject.as_ref().map_or("", |s| &s.text)),
        "tags" => h
            .tags
            .as_ref()
            .map(|t| {
                t.items
                    .iter()
                    .map(|x| x.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default(),
        "refs" => {
            // Origin and serial: the peer takes a missing year from the release's
            // metadata (2010 for most), not from the cable's own date.
            let mut v: Vec<String> = h
                .references
                .iter()
                .flat_map(|r| &r.items)
                .flat_map(|i| &i.ids)
                .map(|id| format!("{}{}", id.origin, id.serial))
                .collect();
            v.sort();
            v.join(" ")
        }
        "signer" => norm(c.body.signature.as_ref().map_or("", |s| &s.text)),
        _ => unreachable!(),
    }
}

/// The peer's reading, in the same terms.
fn theirs(field: &str, c: &serde_json::Value) -> String {
    let strs = |k: &str| -> Vec<String> {
        c[k].as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    };
    match field {
        "subject" => norm(c["subject"].as_str().unwrap_or("")),
        "tags" => strs("tags").join(" "),
        "refs" => {
            let mut v: Vec<String> = c["references"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|r| r["kind"] == "cable")
                .map(|r| r["value"].as_str().unwrap()[2..].to_string())
                .collect();
            v.sort();
            v.join(" ")
        }
        "signer" => norm(strs("signed_by").last().map_or("", |s| s)),
        _ => unreachable!(),
    }
}

#[test]
fn subjects_tags_references_and_signers_agree_with_the_peer() {
    let Some(peer) = fixture("cables_cablemap_output.json") else {
        return;
    };
    let dir = shared().unwrap().join("cables");
    let by_id: BTreeMap<&str, &serde_json::Value> = peer["cables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["canonical_id"].as_str().unwrap(), c))
        .collect();
    let mut unexpected = Vec::new();
    let mut agreed: BTreeMap<&str, usize> = BTreeMap::new();
    let mut seen = Vec::new();
    for (id, c) in &by_id {
        let path = dir.join(format!("{id}.txt"));
        let (text, _) = syntax::text::decode(&std::fs::read(&path).unwrap());
        let cable = syntax::parse(&text);
        for field in ["subject", "tags", "refs", "signer"] {
            let (a, b) = (ours(field, &cable), theirs(field, c));
            // The peer's HTML copies often lack the signature: only where it
            // found one.
            if a == b || field == "signer" && b.is_empty() {
                *agreed.entry(field).or_default() += 1;
                continue;
            }
            match KNOWN.iter().find(|k| k.0 == field && k.1 == *id) {
                Some(k) => seen.push(k),
                None => unexpected.push(format!("{field} {id}:\n  ours:   {a}\n  theirs: {b}")),
            }
        }
    }
    eprintln!(
        "agree with the peer on {} cables: {agreed:?}; {} known differences",
        by_id.len(),
        seen.len()
    );
    assert_eq!(by_id.len(), 431);
    assert!(
        unexpected.is_empty(),
        "differences not yet judged:\n{}",
        unexpected.join("\n")
    );
    let gone: Vec<_> = KNOWN.iter().filter(|k| !seen.contains(k)).collect();
    assert!(gone.is_empty(), "listed but no longer differing: {gone:?}");
}
