//! End-to-end diagnostics over stdio: published for the seeds, after edits (and
//! gone after the undo), never stale after a burst, refreshed when a cited cable
//! appears on disk; quick fixes as code actions.

mod common;

use common::lsp::Lsp;
use serde_json::{json, Value};
use std::path::PathBuf;

fn corpus(name: &str) -> (String, String) {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(name);
    let text = String::from_utf8_lossy(&std::fs::read(&p).unwrap()).into_owned();
    (format!("file://{}", p.display()), text)
}

fn published(lsp: &mut Lsp, uri: &str, version: i64) -> Vec<Value> {
    let u = uri.to_string();
    let v = lsp.wait_for(&format!("diagnostics of {uri} v{version}"), move |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == u.as_str()
            && m["params"]["version"] == version
    });
    v["params"]["diagnostics"].as_array().unwrap().clone()
}

fn codes(d: &[Value]) -> Vec<String> {
    d.iter()
        .map(|x| x["code"].as_str().unwrap().to_string())
        .collect()
}

fn change(lsp: &mut Lsp, uri: &str, version: i64, line: u32, from: u32, to: u32, text: &str) {
    lsp.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": version},
               "contentChanges": [{"range": {"start": {"line": line, "character": from}, "end": {"line": line, "character": to}}, "text": text}]}),
    );
}

#[test]
fn seeds_get_diagnostics_and_edits_update_them() {
    let mut lsp = Lsp::spawn();
    lsp.initialize(&["utf-16"]);
    for name in [
        "08BERLIN896.txt",
        "08STATE70895.txt",
        "09STATE17183.txt",
        "08STATE2034.txt",
        "09STATE103767.txt",
    ] {
        let (uri, text) = corpus(name);
        lsp.open(&uri, &text);
        let d = published(&mut lsp, &uri, 1);
        for x in &d {
            assert_eq!(x["source"], "cable-lsp");
            assert!(x["message"].as_str().unwrap().contains("expected"), "{x}");
        }
        println!("{name}: {} diagnostics: {:?}", d.len(), codes(&d));
    }
    // 08STATE70895 is CONFIDENTIAL; paragraph 2 is `- 12. (C) Guidance...` on line 21.
    let (uri, text) = corpus("08STATE70895.txt");
    let line = text
        .lines()
        .position(|l| l.starts_with("- 12. (C)"))
        .unwrap() as u32;
    let col = text
        .lines()
        .nth(line as usize)
        .unwrap()
        .find("(C)")
        .unwrap() as u32;
    let before = codes(&published(&mut lsp, &uri, 1));
    assert!(!before.contains(&"mark-above-banner".to_string()));
    change(&mut lsp, &uri, 2, line, col + 1, col + 2, "S");
    let d = published(&mut lsp, &uri, 2);
    let above: Vec<&Value> = d
        .iter()
        .filter(|x| x["code"] == "mark-above-banner")
        .collect();
    assert_eq!(above.len(), 1, "{d:?}");
    assert_eq!(above[0]["severity"], 1);
    assert_eq!(above[0]["range"]["start"]["line"], line);
    assert!(above[0]["relatedInformation"][0]["message"]
        .as_str()
        .unwrap()
        .contains("CONFIDENTIAL"));

    // The quick fix is offered for a non-standard mark; applying it clears it.
    change(&mut lsp, &uri, 3, line, col + 1, col + 2, "confidential");
    let d = published(&mut lsp, &uri, 3);
    assert!(
        codes(&d).contains(&"nonstandard-mark".to_string()),
        "{:?}",
        codes(&d)
    );
    let actions = lsp.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": line, "character": col + 2}, "end": {"line": line, "character": col + 2}}, "context": {"diagnostics": []}}),
    );
    let fix = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["kind"] == "quickfix" && a["title"].as_str().unwrap().contains("(C)"))
        .expect("a quick fix");
    let e = &fix["edit"]["changes"][&uri][0];
    assert_eq!(e["newText"], "(C)");
    let r = &e["range"];
    change(
        &mut lsp,
        &uri,
        4,
        line,
        r["start"]["character"].as_u64().unwrap() as u32,
        r["end"]["character"].as_u64().unwrap() as u32,
        "(C)",
    );
    let d = published(&mut lsp, &uri, 4);
    assert_eq!(
        codes(&d),
        before,
        "back to the original diagnostics after the fix"
    );
    // A fix-all action for copy damage.
    assert!(actions
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["kind"] == "source.fixAll.cable"));
}

#[test]
fn a_burst_of_edits_publishes_for_the_last_version() {
    let mut lsp = Lsp::spawn();
    lsp.initialize(&["utf-16"]);
    let (uri, text) = corpus("08BERLIN896.txt");
    lsp.open(&uri, &text);
    let last = 200;
    for v in 2..=last {
        // Type and delete an `X` at the top, ending with the original text.
        if v % 2 == 0 {
            change(&mut lsp, &uri, v, 0, 0, 0, "X");
        } else {
            change(&mut lsp, &uri, v, 0, 0, 1, "");
        }
    }
    let d = published(&mut lsp, &uri, last);
    // The same text opened fresh.
    let fresh = "file:///nonexistent/fresh/08BERLIN896.txt";
    lsp.open(fresh, &text);
    let first = published(&mut lsp, fresh, 1);
    assert_eq!(codes(&d), codes(&first), "the final text is the original");
    // Coalesced: far fewer publications than changes.
    let n = lsp
        .notifications
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .count();
    assert!(n < 100, "{n} publications for {last} versions");
    // Nothing for an older version arrives after the last one.
    std::thread::sleep(std::time::Duration::from_millis(400));
    let _ = lsp.request("cable/status", Value::Null);
    let versions: Vec<i64> = lsp
        .notifications
        .iter()
        .filter(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri.as_str()
        })
        .filter_map(|m| m["params"]["version"].as_i64())
        .collect();
    assert_eq!(versions.last(), Some(&last), "{versions:?}");
}

#[test]
fn a_cited_cable_appearing_on_disk_clears_the_hint() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().canonicalize().unwrap();
    let cable = |banner: &str, refs: &str| {
        format!("P 011200Z MAY 08 FM AMEMBASSY ROME TO SECSTATE WASHDC\n\n{banner}\n\nE.O. 12958: N/A\n\nTAGS: PREL IT\n\nSUBJECT: TEST\n\n{refs}\n\n1. (U) See reftel.\n")
    };
    std::fs::write(
        d.join("08ROME2.txt"),
        cable("UNCLAS ROME 000002", "REF: ROME 1"),
    )
    .unwrap();
    let mut lsp = Lsp::spawn();
    lsp.request(
        "initialize",
        json!({"processId": null, "rootUri": format!("file://{}", d.display()), "capabilities": {"window": {"workDoneProgress": true}}}),
    );
    lsp.notify("initialized", json!({}));
    lsp.wait_for("indexing", |v| {
        v["method"] == "$/progress" && v["params"]["value"]["kind"] == "end"
    });
    let uri = format!("file://{}", d.join("08ROME2.txt").display());
    lsp.open(
        &uri,
        &std::fs::read_to_string(d.join("08ROME2.txt")).unwrap(),
    );
    let ds = published(&mut lsp, &uri, 1);
    assert!(
        codes(&ds).contains(&"cited-cable-missing".to_string()),
        "{:?}",
        codes(&ds)
    );
    let count = |lsp: &Lsp| {
        lsp.notifications
            .iter()
            .filter(|m| m["method"] == "textDocument/publishDiagnostics")
            .count()
    };
    let seen = count(&lsp);
    std::fs::write(d.join("08ROME1.txt"), cable("UNCLAS ROME 000001", "")).unwrap();
    lsp.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": format!("file://{}", d.join("08ROME1.txt").display()), "type": 1}]}));
    let u = uri.clone();
    let v = lsp.wait_for("the refreshed diagnostics", move |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == u.as_str()
            && !m.to_string().contains("cited-cable-missing")
    });
    assert!(count(&lsp) > seen);
    assert!(!v.to_string().contains("cited-cable-missing"));
}

#[test]
fn severities_from_initialization_options_apply_and_bad_ones_are_shown() {
    let mut lsp = Lsp::spawn();
    lsp.request(
        "initialize",
        json!({"processId": null, "capabilities": {},
               "initializationOptions": {"diagnostics": {"severities": {"copy-damage": "off", "no-such-rule": "error"}}}}),
    );
    lsp.notify("initialized", json!({}));
    let shown = lsp.wait_for("a message about the bad rule", |v| {
        v["method"] == "window/showMessage"
    });
    let msg = shown["params"]["message"].as_str().unwrap();
    assert!(msg.contains("no-such-rule"), "{msg}");
    let (uri, text) = corpus("08STATE2034.txt");
    lsp.open(&uri, &text);
    let d = published(&mut lsp, &uri, 1);
    assert!(!d.is_empty());
    assert!(
        !codes(&d).iter().any(|c| c == "copy-damage"),
        "copy-damage is off: {:?}",
        codes(&d)
    );
}

#[test]
fn a_flood_of_diagnostics_is_capped_with_the_errors_kept_and_a_note() {
    let mut lsp = Lsp::spawn();
    lsp.initialize(&["utf-16"]);
    // 6,000 unmarked paragraphs (a warning each), then one marked above the banner.
    let mut text = String::from("R 082042Z JAN 08\nCONFIDENTIAL STATE 002034\nE.O. 12958: DECL: 01/31/2033\nSUBJECT: (C) MANY\nClassified By: X. Reason: 1.4 (d).\n\n");
    for n in 1..=6000 {
        text.push_str(&format!("{n}. Unmarked text.\n\n"));
    }
    text.push_str("6001. (S) Above the banner.\n");
    let uri = "file:///flood/08STATE2034.txt";
    lsp.open(uri, &text);
    let d = published(&mut lsp, uri, 1);
    let max = cable_lsp::analysis::diagnostics::MAX_PUBLISHED;
    assert_eq!(d.len(), max);
    let c = codes(&d);
    assert!(
        c.iter().any(|c| c == "mark-above-banner"),
        "the error is kept"
    );
    let note = d
        .iter()
        .find(|x| x["code"] == "too-many-diagnostics")
        .expect("a note");
    let msg = note["message"].as_str().unwrap();
    assert!(
        msg.starts_with("1002 more diagnostics are not shown"),
        "{msg}"
    );
}
