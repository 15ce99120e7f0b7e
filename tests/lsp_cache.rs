//! The index cache over stdio: a second start takes the unchanged files from the
//! cache and reads only what changed on disk; a corrupted cache is rebuilt, never
//! trusted; nothing is written into the workspace.

mod common;

use common::lsp::Lsp;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

fn uri(p: &Path) -> String {
    format!("file://{}", p.canonicalize().unwrap().display())
}

/// Starts a server on `ws` with its cache in `cache`, waits for the index, and
/// returns it with `cable/status`.
fn start(ws: &Path, cache: &Path) -> (Lsp, Value) {
    let mut lsp = Lsp::spawn_with_env(&[("CABLE_LSP_CACHE_DIR", cache.to_str().unwrap())]);
    lsp.request(
        "initialize",
        json!({"processId": null, "workspaceFolders": [{"uri": uri(ws), "name": "ws"}],
               "capabilities": {"window": {"workDoneProgress": true}}}),
    );
    lsp.notify("initialized", json!({}));
    lsp.wait_for("the end of indexing", |v| {
        v["method"] == "$/progress" && v["params"]["value"]["kind"] == "end"
    });
    let status = lsp.request("cable/status", json!(null));
    (lsp, status)
}

fn stop(mut lsp: Lsp) {
    lsp.request("shutdown", json!(null));
    lsp.notify("exit", json!(null));
    assert_eq!(lsp.wait_exit(std::time::Duration::from_secs(5)), Some(0));
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = ignore::WalkBuilder::new(dir)
        .hidden(false)
        .build()
        .flatten()
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
        .map(|e| e.into_path())
        .collect();
    v.sort();
    v
}

#[test]
fn a_warm_start_reads_only_what_changed_and_a_corrupt_cache_is_rebuilt() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path().join("ws");
    let cache = tmp.path().join("cache");
    let planted = cable_lsp::corpus::gen::write(&ws, 120, 4).unwrap().planted;
    let before = files_under(&ws);

    let (lsp, s) = start(&ws, &cache);
    let scan = &s["lastScan"];
    assert_eq!(
        (scan["files"].as_u64(), scan["read"].as_u64()),
        (Some(120), Some(120)),
        "{s}"
    );
    assert!(
        scan["cache"]
            .as_str()
            .unwrap()
            .contains("not used: there is none yet"),
        "{s}"
    );
    assert!(
        scan["cache"]
            .as_str()
            .unwrap()
            .ends_with("wrote 120 records"),
        "{s}"
    );
    stop(lsp);
    assert_eq!(
        files_under(&ws),
        before,
        "nothing is written into the workspace"
    );
    assert_eq!(
        files_under(&cache).len(),
        1,
        "one cache file: {:?}",
        files_under(&cache)
    );

    // Unchanged: everything from the cache.
    let (lsp, s) = start(&ws, &cache);
    assert_eq!(s["lastScan"]["reused"], 120, "{s}");
    assert_eq!(s["lastScan"]["read"], 0, "{s}");
    stop(lsp);

    // One file changed, one deleted, one new: those two are read, the gone one dropped.
    let changed = ws.join(&planted[10].path);
    let mut text = std::fs::read_to_string(&changed).unwrap();
    text = text.replacen("SUBJECT: ", "SUBJECT: REVISED ", 1);
    std::fs::write(&changed, &text).unwrap();
    std::fs::remove_file(ws.join(&planted[20].path)).unwrap();
    let new = ws.join("2010/new-cable.txt");
    std::fs::create_dir_all(new.parent().unwrap()).unwrap();
    std::fs::copy(ws.join(&planted[30].path), &new).unwrap();
    let (mut lsp, s) = start(&ws, &cache);
    assert_eq!(s["lastScan"]["files"], 120, "{s}");
    assert_eq!(s["lastScan"]["reused"], 118, "{s}");
    assert_eq!(s["lastScan"]["read"], 2, "{s}");
    assert_eq!(s["files"], 120, "{s}");
    // The changed file's new subject is what the index holds.
    let hits = lsp.request("workspace/symbol", json!({"query": planted[10].id}));
    let hit = hits
        .as_array()
        .unwrap()
        .iter()
        .find(|h| {
            h["location"]["uri"]
                .as_str()
                .unwrap()
                .ends_with(&*planted[10].path.to_string_lossy())
        })
        .unwrap_or_else(|| panic!("{hits}"));
    assert!(
        hit["containerName"]
            .as_str()
            .unwrap()
            .starts_with("REVISED"),
        "{hit}"
    );
    stop(lsp);

    // A corrupted cache is detected, not trusted, and written anew.
    let file = &files_under(&cache)[0];
    let mut bytes = std::fs::read(file).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0xff;
    std::fs::write(file, &bytes).unwrap();
    let (lsp, s) = start(&ws, &cache);
    let note = s["lastScan"]["cache"].as_str().unwrap();
    assert!(note.starts_with("not used: it is corrupt"), "{s}");
    assert_eq!(s["lastScan"]["read"], 120, "{s}");
    assert_eq!(s["files"], 120, "{s}");
    stop(lsp);
    let (lsp, s) = start(&ws, &cache);
    assert_eq!(
        s["lastScan"]["reused"], 120,
        "the rebuilt cache is used: {s}"
    );
    stop(lsp);
}
