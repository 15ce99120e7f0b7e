//! Protocol faults over the real stdio: each is answered with an error or logged
//! and ignored, and the server goes on serving (a valid request after each one is
//! answered).

mod common;

use common::lsp::{frame, Lsp};
use serde_json::{json, Value};

const CABLE: &str = "R 082042Z JAN 08\nCONFIDENTIAL STATE 002034\nE.O. 12958: DECL: 01/31/2033\nSUBJECT: (C) A TEST\nREF: STATE 4690\n\n1. (C) Per reftel, text.\n\n2. (C) More text, see para 1.\n";
const URI: &str = "file:///faults/08STATE2034.txt";

/// The server still answers: a document's outline has its two paragraphs.
fn still_serving(lsp: &mut Lsp, after: &str) {
    let syms = lsp.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": URI}}),
    );
    let n = syms.as_array().map_or(0, |a| a.len());
    assert!(n >= 3, "after {after}: {syms}");
}

fn error_code(lsp: &mut Lsp, method: &str, params: Value) -> i64 {
    let id = lsp.send_request(method, params);
    let r = lsp.response(id);
    r["error"]["code"]
        .as_i64()
        .unwrap_or_else(|| panic!("{method}: expected an error, got {r}"))
}

#[test]
fn requests_before_initialize_are_refused_then_served() {
    let mut lsp = Lsp::spawn();
    let code = error_code(
        &mut lsp,
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(code, -32002, "ServerNotInitialized");
    lsp.initialize(&["utf-16"]);
    lsp.open(URI, CABLE);
    still_serving(&mut lsp, "a request before initialize");
}

#[test]
fn malformed_messages_unknown_methods_and_wrong_params_are_survived() {
    let mut lsp = Lsp::spawn();
    lsp.initialize(&["utf-16"]);
    lsp.open(URI, CABLE);

    // Not JSON at all, in a good frame.
    lsp.send_raw(b"Content-Length: 12\r\n\r\n{not json!!}");
    still_serving(&mut lsp, "malformed JSON");
    // JSON, but no JSON-RPC message.
    lsp.send_raw(&frame(&json!({"hello": "world"})));
    still_serving(&mut lsp, "a non-message");
    // An unknown request is refused; an unknown notification is ignored.
    assert_eq!(error_code(&mut lsp, "cable/noSuchThing", json!({})), -32601);
    lsp.notify("cable/noSuchNotification", json!({"x": 1}));
    still_serving(&mut lsp, "unknown methods");
    // Parameters of the wrong shape.
    assert_eq!(
        error_code(&mut lsp, "textDocument/hover", json!({"position": "here"})),
        -32602
    );
    assert_eq!(
        error_code(&mut lsp, "textDocument/definition", json!([1, 2, 3])),
        -32602
    );
    lsp.notify("textDocument/didChange", json!({"contentChanges": 7}));
    lsp.notify("textDocument/didOpen", json!(null));
    still_serving(&mut lsp, "wrong parameter shapes");
    // Positions far out of range.
    for (line, ch) in [(0, 10_000), (10_000, 0), (u32::MAX, u32::MAX)] {
        let at = json!({"textDocument": {"uri": URI}, "position": {"line": line, "character": ch}});
        lsp.request("textDocument/hover", at.clone());
        lsp.request("textDocument/definition", at.clone());
        let mut refs = at;
        refs["context"] = json!({"includeDeclaration": true});
        lsp.request("textDocument/references", refs);
    }
    let ranges = json!({"textDocument": {"uri": URI}, "range": {"start": {"line": 99, "character": 5}, "end": {"line": 2, "character": 0}},
                        "context": {"diagnostics": []}});
    lsp.request("textDocument/codeAction", ranges);
    still_serving(&mut lsp, "out-of-range positions");
}

#[test]
fn changes_to_unopened_documents_and_old_versions_are_ignored() {
    let mut lsp = Lsp::spawn();
    lsp.initialize(&["utf-16"]);
    lsp.open(URI, CABLE);
    let change = |lsp: &mut Lsp, uri: &str, version: i32, text: &str| {
        lsp.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
        );
    };
    change(
        &mut lsp,
        URI,
        5,
        &format!("{CABLE}\n3. (C) Version five.\n"),
    );
    change(&mut lsp, URI, 3, "an older version: ignored");
    change(&mut lsp, URI, 5, "the same version again: ignored");
    change(&mut lsp, "file:///never/opened.txt", 9, "ignored");
    let tree = lsp.request("cable/syntaxTree", json!({"textDocument": {"uri": URI}}));
    assert!(
        tree["text"]
            .as_str()
            .unwrap()
            .ends_with("3. (C) Version five.\n"),
        "{tree}"
    );
    assert_eq!(
        lsp.request(
            "cable/syntaxTree",
            json!({"textDocument": {"uri": "file:///never/opened.txt"}})
        ),
        Value::Null
    );
    // Closed, then changed: ignored; opened again: the new text.
    lsp.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": URI}}),
    );
    change(&mut lsp, URI, 6, "after close: ignored");
    lsp.open(URI, CABLE);
    let tree = lsp.request("cable/syntaxTree", json!({"textDocument": {"uri": URI}}));
    assert_eq!(tree["text"].as_str().unwrap(), CABLE);
    still_serving(&mut lsp, "changes to closed documents");
}

#[test]
fn a_cancelled_request_is_answered_as_cancelled() {
    let mut lsp = Lsp::spawn();
    lsp.initialize(&["utf-16"]);
    lsp.open(URI, CABLE);
    // Cancel before the server can answer: either the answer or RequestCancelled
    // comes back, never nothing, and the server serves on.
    let id = lsp.send_request("workspace/symbol", json!({"query": "state"}));
    lsp.notify("$/cancelRequest", json!({"id": id}));
    let r = lsp.response(id);
    assert!(
        r.get("result").is_some() || r["error"]["code"] == -32800,
        "{r}"
    );
    still_serving(&mut lsp, "a cancellation");
}
