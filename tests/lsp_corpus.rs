//! End-to-end over stdio with a workspace: indexing with `$/progress`,
//! definition / references / hover / workspace symbols across real cables, and
//! files created, changed and deleted on disk while the server runs.

mod common;

use common::lsp::Lsp;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn uri(p: &Path) -> String {
    format!("file://{}", p.canonicalize().unwrap().display())
}

/// Starts a server on `folders`, waits for indexing to end; returns the client
/// and the end message.
fn start(folders: &[PathBuf], init: Value) -> (Lsp, String) {
    let mut lsp = Lsp::spawn();
    let folders: Vec<Value> = folders
        .iter()
        .map(|f| json!({"uri": uri(f), "name": f.file_name().unwrap().to_string_lossy()}))
        .collect();
    lsp.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "workspaceFolders": folders,
               "initializationOptions": init,
               "capabilities": {"window": {"workDoneProgress": true},
                                "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}}),
    );
    lsp.notify("initialized", json!({}));
    let end = lsp.wait_for("the end of indexing", |v| {
        v["method"] == "$/progress" && v["params"]["value"]["kind"] == "end"
    });
    let msg = end["params"]["value"]["message"]
        .as_str()
        .unwrap_or("")
        .to_string();
    (lsp, msg)
}

fn open_file(lsp: &mut Lsp, p: &Path) -> String {
    let u = uri(p);
    let text = String::from_utf8_lossy(&std::fs::read(p).unwrap()).into_owned();
    lsp.open(&u, &text);
    u
}

fn at(u: &str, line: u32, ch: u32) -> Value {
    json!({"textDocument": {"uri": u}, "position": {"line": line, "character": ch}})
}

/// Real citations between cables of `../shared/cables`: (citing file, 1-based
/// line and column of the cited id, the cited file). Read off the cables.
const REAL_CITATIONS: &[(&str, u32, u32, &str)] = &[
    ("05PARIS7835", 18, 13, "05PARIS7682"),
    ("06MADRID3104", 24, 9, "06MADRID2657"),
    ("07MADRID173", 28, 9, "06MADRID3104"),
    ("07MADRID173", 29, 4, "06MADRID2657"),
    ("07MADRID210", 25, 6, "07MADRID208"),
    ("08MADRID1280", 26, 9, "07MADRID173"),
    ("09BANGKOK1998", 31, 6, "09BANGKOK385"),
    ("09BRASILIA1250", 21, 4, "09BRASILIA905"),
    ("09HARARE24", 45, 4, "08HARARE1016"),
    ("09HARARE51", 38, 4, "09HARARE24"),
    ("09HARARE51", 40, 4, "08HARARE1016"),
    ("09MADRID440", 26, 39, "08MADRID1280"),
    ("09MADRID440", 26, 9, "09MADRID392"),
    ("09MUNICH25", 27, 24, "08MUNICH355"),
    ("09PARIS1638", 23, 24, "09PARIS1589"),
    ("09RABAT1018", 38, 9, "09RABAT1009"),
    ("09RIODEJANEIRO365", 21, 6, "09RIODEJANEIRO329"),
    ("10ALGIERS39", 44, 9, "10ALGIERS20"),
    ("10BOGOTA227", 29, 6, "10BOGOTA13"),
    ("10DAMASCUS168", 37, 9, "10STATE17307"),
    ("10KABUL693", 23, 8, "09KABUL3068"),
    ("10RABAT34", 37, 9, "10RABAT22"),
    ("10RABAT34", 38, 4, "10RABAT8"),
    ("10RABAT8", 39, 9, "09RABAT1018"),
    ("10RABAT8", 40, 4, "09RABAT1009"),
    ("10RIYADH123", 23, 9, "10RIYADH118"),
];

#[test]
fn real_citations_resolve_across_the_shared_cables() {
    let Some(shared) = common::shared() else {
        return;
    };
    let cables = shared.join("cables");
    let (mut lsp, msg) = start(&[root().join("corpus"), cables.clone()], Value::Null);
    assert!(msg.starts_with("436 cables indexed"), "{msg}");
    let progress: Vec<_> = lsp
        .notifications
        .iter()
        .filter(|v| v["method"] == "$/progress")
        .map(|v| {
            v["params"]["value"]["kind"]
                .as_str()
                .unwrap_or("")
                .to_string()
        })
        .collect();
    assert_eq!(progress.first().map(String::as_str), Some("begin"));
    assert!(progress.iter().any(|k| k == "report"), "{progress:?}");

    let mut resolved = 0;
    for (from, line, col, to) in REAL_CITATIONS {
        let u = open_file(&mut lsp, &cables.join(format!("{from}.txt")));
        let r = lsp.request("textDocument/definition", at(&u, line - 1, col - 1));
        let target = r[0]["uri"].as_str().unwrap_or("");
        assert!(
            target.ends_with(&format!("/{to}.txt")),
            "{from}:{line}:{col} should go to {to}, went to {r}"
        );
        resolved += 1;
    }
    println!("{resolved} real citations resolved over stdio");
    assert!(resolved >= 20);

    // The call hierarchy: each real citation is an edge both ways, its range
    // at the cited id in the citing cable.
    let item = |lsp: &mut Lsp, u: &str, line: u32, col: u32| {
        let r = lsp.request("textDocument/prepareCallHierarchy", at(u, line, col));
        assert_eq!(r.as_array().map(Vec::len), Some(1), "{r}");
        r[0].clone()
    };
    let ends = |calls: &Value, key: &str, name: &str| -> Vec<(u32, u32)> {
        (calls.as_array().unwrap().iter())
            .filter(|c| c[key]["name"] == name)
            .flat_map(|c| c["fromRanges"].as_array().unwrap().clone())
            .map(|r| {
                let s = &r["start"];
                let n = |v: &Value| v.as_u64().unwrap() as u32 + 1;
                (n(&s["line"]), n(&s["character"]))
            })
            .collect()
    };
    for (from, line, col, to) in REAL_CITATIONS {
        let u = uri(&cables.join(format!("{from}.txt")));
        let cited = item(&mut lsp, &u, line - 1, col - 1);
        assert_eq!(cited["name"], *to, "{cited}");
        let incoming = lsp.request("callHierarchy/incomingCalls", json!({"item": cited}));
        let got = ends(&incoming, "from", from);
        assert!(
            got.contains(&(*line, *col)),
            "{from} -> {to}: {got:?} in {incoming}"
        );
        let citing = item(&mut lsp, &u, 0, 0);
        assert_eq!(citing["name"], *from, "{citing}");
        let outgoing = lsp.request("callHierarchy/outgoingCalls", json!({"item": citing}));
        let got = ends(&outgoing, "to", to);
        assert!(
            got.contains(&(*line, *col)),
            "{from} -> {to}: {got:?} in {outgoing}"
        );
    }

    // Hover on a REF item: the cited cable's summary.
    let u = uri(&cables.join("09HARARE51.txt"));
    let h = lsp.request("textDocument/hover", at(&u, 39, 4));
    let md = h["contents"]["value"].as_str().unwrap();
    assert!(md.contains("**08HARARE1016**"), "{md}");
    assert!(md.contains("2008-"), "{md}");
    // The first paragraph, read from the cited file on disk when asked.
    let p1 = std::fs::read_to_string(cables.join("08HARARE1016.txt")).unwrap();
    let p1 = p1.lines().find(|l| l.starts_with("1. ")).unwrap();
    let first_words: String = p1.split_whitespace().take(6).collect::<Vec<_>>().join(" ");
    assert!(
        md.contains(&format!("> {first_words}")),
        "{first_words} in {md}"
    );

    // References on a banner: every cable that cites it.
    let u = open_file(&mut lsp, &cables.join("08HARARE1016.txt"));
    let syms = lsp.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": u}}),
    );
    assert!(syms.as_array().is_some_and(|a| !a.is_empty()));
    let banner_line = find_line(&cables.join("08HARARE1016.txt"), "HARARE 001016");
    let mut who = citing_files(&mut lsp, &u, banner_line, 2);
    who.dedup();
    assert_eq!(who, ["09HARARE24.txt", "09HARARE51.txt"]);

    // Code lens on the banner.
    let lens = lsp.request("textDocument/codeLens", json!({"textDocument": {"uri": u}}));
    assert!(
        lens[0]["command"]["title"]
            .as_str()
            .unwrap()
            .contains("cited by 2 cables"),
        "{lens}"
    );
    // Its command's arguments: the document, the banner, the citing places
    // (what the editor plugins show as references).
    let args = &lens[0]["command"]["arguments"];
    assert_eq!(args[0], json!(u), "{lens}");
    assert_eq!(args[1]["line"], banner_line, "{lens}");
    let mut citing: Vec<&str> = (args[2].as_array().unwrap().iter())
        .map(|l| l["uri"].as_str().unwrap().rsplit('/').next().unwrap())
        .collect();
    citing.dedup();
    assert_eq!(citing, ["09HARARE24.txt", "09HARARE51.txt"], "{lens}");

    // Workspace symbols.
    let s = lsp.request("workspace/symbol", json!({"query": "HARARE1016"}));
    assert_eq!(s[0]["name"], "08HARARE1016", "{s}");
    // Misspelt: two swapped letters, one in each word, of its subject
    // (REGIME ELITES LOOTING DEADLY DIAMOND FIELD).
    let s = lsp.request("workspace/symbol", json!({"query": "diamnod feild"}));
    assert_eq!(s[0]["name"], "08HARARE1016", "{s}");
}

/// The file names (sorted) of the references at a position, declaration excluded.
fn citing_files(lsp: &mut Lsp, uri: &str, line: u32, ch: u32) -> Vec<String> {
    let r = lsp.request(
        "textDocument/references",
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": ch}, "context": {"includeDeclaration": false}}),
    );
    let mut v: Vec<String> = (r.as_array().unwrap().iter())
        .map(|l| {
            l["uri"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    v.sort();
    v
}

fn find_line(p: &Path, needle: &str) -> u32 {
    let t = String::from_utf8_lossy(&std::fs::read(p).unwrap()).into_owned();
    t.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle} not in {}", p.display())) as u32
}

fn small_cable(banner: &str, dtg: &str, refs: &str, body: &str) -> String {
    format!("P {dtg} FM AMEMBASSY ROME TO SECSTATE WASHDC PRIORITY\n\n{banner}\n\nE.O. 12958: N/A\n\nTAGS: PREL IT\n\nSUBJECT: TEST CABLE {banner}\n\n{refs}\n\n1. (U) {body}\n")
}

#[test]
fn files_created_changed_and_deleted_on_disk_are_followed() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("08ROME1.txt"),
        small_cable("UNCLAS ROME 000001", "011200Z MAY 08", "", "First."),
    )
    .unwrap();
    std::fs::write(d.join("notes.txt"), "shopping list: eggs, milk\n").unwrap();
    std::fs::write(d.join("blob.cable"), b"\x00\x01\x02binary").unwrap();
    let (mut lsp, msg) = start(&[d.to_path_buf()], Value::Null);
    assert!(msg.starts_with("1 cables indexed"), "{msg}");
    assert!(
        lsp.notifications
            .iter()
            .any(|v| v["method"] == "client/registerCapability"
                && v["params"]["registrations"][0]["method"] == "workspace/didChangeWatchedFiles"),
        "the server asks the client to watch files"
    );
    let rome1 = d.join("08ROME1.txt");
    let u = open_file(&mut lsp, &rome1);
    let refs_of_rome1 = |lsp: &mut Lsp| citing_files(lsp, &u, 2, 1);
    assert!(refs_of_rome1(&mut lsp).is_empty());

    // Created.
    let rome2 = d.join("08ROME2.txt");
    let write_rome2 = |refs: &str| {
        let text = small_cable("UNCLAS ROME 000002", "021200Z MAY 08", refs, "Second.");
        std::fs::write(&rome2, text).unwrap();
    };
    write_rome2("REF: ROME 1");
    let changed = |lsp: &mut Lsp, p: &Path, kind: u8| {
        let u = format!(
            "file://{}",
            d.canonicalize()
                .unwrap()
                .join(p.file_name().unwrap())
                .display()
        );
        lsp.notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": u, "type": kind}]}),
        );
    };
    changed(&mut lsp, &rome2, 1);
    assert_eq!(refs_of_rome1(&mut lsp), ["08ROME2.txt"]);

    // Changed: it now cites nothing.
    write_rome2("");
    changed(&mut lsp, &rome2, 2);
    assert!(refs_of_rome1(&mut lsp).is_empty());

    // Changed back, then deleted.
    write_rome2("REF: ROME 1");
    changed(&mut lsp, &rome2, 2);
    assert_eq!(refs_of_rome1(&mut lsp), ["08ROME2.txt"]);
    std::fs::remove_file(&rome2).unwrap();
    changed(&mut lsp, &rome2, 3);
    assert!(refs_of_rome1(&mut lsp).is_empty());

    let st = lsp.request("cable/status", Value::Null);
    assert_eq!(st["files"], 1, "{st}");
}

#[test]
fn open_buffers_override_the_disk() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("08ROME1.txt"),
        small_cable("UNCLAS ROME 000001", "011200Z MAY 08", "", "First."),
    )
    .unwrap();
    std::fs::write(
        d.join("08ROME2.txt"),
        small_cable("UNCLAS ROME 000002", "021200Z MAY 08", "", "Second."),
    )
    .unwrap();
    let (mut lsp, _) = start(&[d.to_path_buf()], Value::Null);
    let u1 = open_file(&mut lsp, &d.join("08ROME1.txt"));
    // Edit ROME 2 in the editor (not on disk) to cite ROME 1.
    let u2 = open_file(&mut lsp, &d.join("08ROME2.txt"));
    let text = small_cable(
        "UNCLAS ROME 000002",
        "021200Z MAY 08",
        "REF: ROME 1",
        "Second.",
    );
    lsp.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": u2, "version": 2}, "contentChanges": [{"text": text}]}),
    );
    // Any request on ROME 2 brings its index entry up to date.
    lsp.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": u2}}),
    );
    let r = lsp.request(
        "textDocument/references",
        json!({"textDocument": {"uri": u1}, "position": {"line": 2, "character": 1}, "context": {"includeDeclaration": false}}),
    );
    assert_eq!(r.as_array().unwrap().len(), 1, "{r}");
    // Definition from the buffer's REF item lands in ROME 1.
    let def = lsp.request("textDocument/definition", at(&u2, 10, 6));
    assert!(
        def[0]["uri"].as_str().unwrap().ends_with("/08ROME1.txt"),
        "{def}"
    );
    // Closing the buffer: the disk's copy (no REF) is indexed again.
    lsp.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": u2}}),
    );
    let r = lsp.request(
        "textDocument/references",
        json!({"textDocument": {"uri": u1}, "position": {"line": 2, "character": 1}, "context": {"includeDeclaration": false}}),
    );
    assert_eq!(r.as_array().unwrap().len(), 0, "{r}");
}

/// Polls `f` until it holds (the watcher works in the background).
fn eventually(what: &str, mut f: impl FnMut() -> bool) {
    let t0 = std::time::Instant::now();
    while !f() {
        assert!(t0.elapsed().as_secs() < 15, "timed out waiting for {what}");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[test]
fn our_own_watcher_follows_the_disk_when_the_client_cannot_watch() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().canonicalize().unwrap();
    let ws = d.join("ws");
    std::fs::create_dir(&ws).unwrap();
    let rome1 = ws.join("08ROME1.txt");
    std::fs::write(
        &rome1,
        small_cable("UNCLAS ROME 000001", "011200Z MAY 08", "", "First."),
    )
    .unwrap();
    // Outside the workspace, reachable only through a symlink in it.
    let outside = d.join("outside");
    std::fs::create_dir(&outside).unwrap();
    let cable9 = small_cable(
        "UNCLAS ROME 000009",
        "091200Z MAY 08",
        "REF: ROME 1",
        "Nine.",
    );
    std::fs::write(outside.join("08ROME9.txt"), &cable9).unwrap();

    let mut lsp = Lsp::spawn();
    lsp.request(
        "initialize",
        json!({"processId": null, "workspaceFolders": [{"uri": uri(&ws), "name": "ws"}],
               "capabilities": {"window": {"workDoneProgress": true}}}),
    );
    lsp.notify("initialized", json!({}));
    lsp.wait_for("the end of indexing", |v| {
        v["method"] == "$/progress" && v["params"]["value"]["kind"] == "end"
    });
    assert!(
        !lsp.notifications
            .iter()
            .any(|v| v["method"] == "client/registerCapability"),
        "a client that cannot watch is not asked to"
    );
    let u = open_file(&mut lsp, &rome1);
    let files = |lsp: &mut Lsp| lsp.request("cable/status", Value::Null)["files"].as_u64();

    // A cable created on disk, nobody telling the server.
    let rome2 = ws.join("08ROME2.txt");
    std::fs::write(
        &rome2,
        small_cable(
            "UNCLAS ROME 000002",
            "021200Z MAY 08",
            "REF: ROME 1",
            "Second.",
        ),
    )
    .unwrap();
    eventually("the new cable", || {
        citing_files(&mut lsp, &u, 2, 1) == ["08ROME2.txt"]
    });
    // Changed, then deleted.
    std::fs::write(
        &rome2,
        small_cable("UNCLAS ROME 000002", "021200Z MAY 08", "", "Second."),
    )
    .unwrap();
    eventually("the change", || citing_files(&mut lsp, &u, 2, 1).is_empty());
    std::fs::remove_file(&rome2).unwrap();
    eventually("the deletion", || files(&mut lsp) == Some(1));
    // A folder of cables moved in, then removed.
    let staging = d.join("staging");
    std::fs::create_dir(&staging).unwrap();
    std::fs::write(
        staging.join("08ROME3.txt"),
        small_cable(
            "UNCLAS ROME 000003",
            "031200Z MAY 08",
            "REF: ROME 1",
            "Third.",
        ),
    )
    .unwrap();
    std::fs::rename(&staging, ws.join("batch")).unwrap();
    eventually("the moved-in folder", || {
        citing_files(&mut lsp, &u, 2, 1) == ["08ROME3.txt"]
    });
    std::fs::remove_dir_all(ws.join("batch")).unwrap();
    eventually("the removed folder", || files(&mut lsp) == Some(1));
    // A symlink out of the workspace is not followed.
    std::os::unix::fs::symlink(&outside, ws.join("link")).unwrap();
    std::os::unix::fs::symlink(outside.join("08ROME9.txt"), ws.join("08ROME9.txt")).unwrap();
    // Something the server does see, written after the links: once it is in,
    // the links' events have been handled too.
    std::fs::write(
        ws.join("08ROME4.txt"),
        small_cable("UNCLAS ROME 000004", "041200Z MAY 08", "", "Four."),
    )
    .unwrap();
    eventually("the marker cable", || files(&mut lsp) == Some(2));
    std::thread::sleep(std::time::Duration::from_millis(400));
    assert_eq!(
        files(&mut lsp),
        Some(2),
        "nothing indexed through the symlinks"
    );
    assert!(citing_files(&mut lsp, &u, 2, 1).is_empty());
}

/// Completion over stdio while a new cable is typed in the workspace: a cable
/// of the corpus in a REF item, a TAG, a portion mark after an edit.
#[test]
fn completion_offers_the_corpus_cables_tags_and_marks_as_a_cable_is_typed() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("08ROME896.txt"),
        small_cable("UNCLAS ROME 000896", "011200Z MAY 08", "", "First."),
    )
    .unwrap();
    let (mut lsp, _) = start(&[d.to_path_buf()], Value::Null);
    let u = format!("file://{}/draft.txt", d.canonicalize().unwrap().display());
    let text = "R 021200Z MAY 08\nCONFIDENTIAL STATE 000001\n\nTAGS: PRE\n\nSUBJECT: A DRAFT\n\nREF: A. ROME 89";
    lsp.open(&u, text);
    let complete = |lsp: &mut Lsp, line: u32, ch: u32| {
        lsp.request(
            "textDocument/completion",
            json!({"textDocument": {"uri": u}, "position": {"line": line, "character": ch},
                   "context": {"triggerKind": 1}}),
        )
    };
    let c = complete(&mut lsp, 7, 15);
    let item = &c["items"][0];
    assert_eq!(item["label"], "08 ROME 896", "{c}");
    assert_eq!(item["detail"], "TEST CABLE UNCLAS ROME 000896", "{c}");
    assert_eq!(
        item["textEdit"]["range"],
        json!({"start": {"line": 7, "character": 8}, "end": {"line": 7, "character": 15}})
    );
    assert_eq!(item["textEdit"]["newText"], "08 ROME 896");

    let c = complete(&mut lsp, 3, 9);
    let tags: Vec<&str> = (c["items"].as_array().unwrap().iter())
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert!(
        tags.contains(&"PREL") && tags.iter().all(|t| t.starts_with("PRE")),
        "{c}"
    );

    // Typed: a paragraph and its open parenthesis; the marks not above the banner.
    lsp.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": u, "version": 2},
               "contentChanges": [{"range": {"start": {"line": 7, "character": 15},
                                             "end": {"line": 7, "character": 15}},
                                   "text": "\n\n1. ("}]}),
    );
    let c = complete(&mut lsp, 9, 4);
    let marks: Vec<&str> = (c["items"].as_array().unwrap().iter())
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert_eq!(
        marks,
        ["(C)", "(C//NF)", "(SBU)", "(U)", "(U//FOUO)"],
        "{c}"
    );
    assert_eq!(c["items"][0]["textEdit"]["newText"], "C)");
}
