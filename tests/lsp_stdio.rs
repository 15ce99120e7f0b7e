//! End-to-end over the real binary's stdio: lifecycle, position encodings, the
//! outline, folding and semantic tokens of every corpus cable, edits, a burst of
//! 1,000 changes, and shutdown.

mod common;
use common::lsp::*;
use serde_json::{json, Value};
use std::time::Duration;

fn corpus() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut v: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            (
                format!("file://{}", p.display()),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

fn symbols(lsp: &mut Lsp, uri: &str) -> Vec<Value> {
    lsp.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    )
    .as_array()
    .cloned()
    .unwrap_or_default()
}

fn names(syms: &[Value]) -> Vec<String> {
    syms.iter()
        .map(|s| s["name"].as_str().unwrap().to_string())
        .collect()
}

/// Opens corpus/08STATE70895.txt (REF items A-D, OCR damage): its URI and text.
fn open_seed(lsp: &mut Lsp) -> (String, String) {
    let (uri, text) = corpus()
        .into_iter()
        .find(|(u, _)| u.ends_with("08STATE70895.txt"))
        .unwrap();
    lsp.open(&uri, &text);
    (uri, text)
}

#[test]
fn initialize_negotiates_the_position_encoding() {
    let mut a = Lsp::spawn();
    let r = a.initialize(&["utf-8", "utf-16"]);
    assert_eq!(r["capabilities"]["positionEncoding"], "utf-8");
    assert_eq!(
        r["capabilities"]["textDocumentSync"]["change"], 2,
        "incremental sync"
    );
    assert!(
        r["capabilities"]["semanticTokensProvider"]["legend"]["tokenTypes"]
            .as_array()
            .unwrap()
            .len()
            > 3
    );
    assert_eq!(
        r["capabilities"]["completionProvider"]["triggerCharacters"],
        json!([" ", "(", ","])
    );
    assert_eq!(r["capabilities"]["documentHighlightProvider"], true);
    let mut b = Lsp::spawn();
    let r = b.initialize(&["utf-16"]);
    assert_eq!(r["capabilities"]["positionEncoding"], "utf-16");
    let mut c = Lsp::spawn();
    let r = c.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    assert_eq!(
        r["capabilities"]["positionEncoding"], "utf-16",
        "UTF-16 when the client offers nothing"
    );
}

#[test]
fn every_corpus_cable_has_an_outline_folds_and_tokens() {
    for enc in ["utf-16", "utf-8"] {
        let mut lsp = Lsp::spawn();
        lsp.initialize(&[enc]);
        for (uri, text) in corpus() {
            lsp.open(&uri, &text);
            let model = cable_lsp::syntax::parse(&text);
            let syms = symbols(&mut lsp, &uri);
            let n = names(&syms);
            assert_eq!(n[0], "Header", "{uri}");
            let paras: Vec<&String> = n.iter().filter(|x| x.starts_with('¶')).collect();
            assert_eq!(
                paras.len(),
                model.body.paragraphs.len(),
                "{uri}: one symbol per paragraph"
            );
            // Selection ranges lie inside ranges.
            fn check(s: &Value) {
                let (r, sel) = (&s["range"], &s["selectionRange"]);
                let key = |p: &Value| {
                    (
                        p["line"].as_u64().unwrap(),
                        p["character"].as_u64().unwrap(),
                    )
                };
                assert!(
                    key(&r["start"]) <= key(&sel["start"]) && key(&sel["end"]) <= key(&r["end"]),
                    "{s}"
                );
                for c in s["children"].as_array().into_iter().flatten() {
                    check(c);
                }
            }
            syms.iter().for_each(check);
            let folds = lsp.request(
                "textDocument/foldingRange",
                json!({"textDocument": {"uri": uri}}),
            );
            let want = cable_lsp::analysis::folding::folding_ranges(
                &cable_lsp::analysis::Document::parse(text.as_str()),
            );
            assert!(!want.is_empty());
            assert_eq!(folds.as_array().unwrap().len(), want.len(), "{uri}: folds");
            let toks = lsp.request(
                "textDocument/semanticTokens/full",
                json!({"textDocument": {"uri": uri}}),
            );
            let data = toks["data"].as_array().unwrap();
            assert!(
                data.len() >= 5 * 5 && data.len().is_multiple_of(5),
                "{uri}: tokens"
            );
            let part = lsp.request(
                "textDocument/semanticTokens/range",
                json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 12, "character": 0}}}),
            );
            assert!(
                part["data"].as_array().unwrap().len() < data.len(),
                "{uri}: the range has fewer tokens"
            );
        }
    }
}

#[test]
fn outline_names_paragraphs_and_nests_subparagraphs() {
    let mut lsp = Lsp::spawn();
    lsp.initialize(&["utf-16"]);
    let (uri, _) = open_seed(&mut lsp);
    let syms = symbols(&mut lsp, &uri);
    let p3 = syms
        .iter()
        .find(|s| s["name"].as_str().unwrap().starts_with("¶3"))
        .unwrap();
    assert_eq!(p3["name"], "¶3 (C) BEGIN GUIDANCE:");
    let header = &syms[0];
    let hn = names(header["children"].as_array().unwrap());
    for want in [
        "DTG",
        "From",
        "To",
        "Info",
        "E.O.",
        "TAGS",
        "SUBJECT",
        "REF",
        "Classified By",
    ] {
        assert!(hn.iter().any(|n| n == want), "header lacks {want}: {hn:?}");
    }
    let refs = header["children"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "REF")
        .unwrap();
    assert_eq!(
        names(refs["children"].as_array().unwrap()),
        ["REF A", "REF B", "REF C", "REF D"]
    );
    // ¶3's selection range is its label `- 13.` on line 24 (0-based).
    assert_eq!(p3["selectionRange"]["start"]["line"], 24);
}

#[test]
fn selection_ranges_widen_from_a_word_to_the_whole_text() {
    let mut lsp = Lsp::spawn();
    lsp.initialize(&["utf-16"]);
    let (uri, text) = open_seed(&mut lsp);
    // On `REF D` (0-based line 40) and on the banner's first line, at once.
    let ch = text.lines().nth(40).unwrap().find("REF D").unwrap() + 4;
    let r = lsp.request(
        "textDocument/selectionRange",
        json!({"textDocument": {"uri": uri},
               "positions": [{"line": 40, "character": ch}, {"line": 0, "character": 0}]}),
    );
    assert_eq!(r.as_array().map(Vec::len), Some(2), "{r}");
    // Innermost first: the letter, `REF D`, then wider, each holding the last.
    let mut chain = Vec::new();
    let mut at = &r[0];
    while !at.is_null() {
        let (s, e) = (&at["range"]["start"], &at["range"]["end"]);
        let key = |p: &Value| {
            (
                p["line"].as_u64().unwrap(),
                p["character"].as_u64().unwrap(),
            )
        };
        chain.push((key(s), key(e)));
        at = &at["parent"];
    }
    assert_eq!(chain[0], ((40, ch as u64), (40, ch as u64 + 1)), "{r}");
    assert_eq!(chain[1], ((40, ch as u64 - 4), (40, ch as u64 + 1)), "{r}");
    for w in chain.windows(2) {
        assert!(w[1].0 <= w[0].0 && w[0].1 <= w[1].1 && w[0] != w[1], "{r}");
    }
    let lines = text.lines().count() as u64;
    assert_eq!(chain.last().unwrap().0, (0, 0), "{r}");
    assert!(chain.last().unwrap().1 .0 >= lines - 1, "{r}");
    assert!(chain.len() >= 4, "{r}");
}

#[test]
fn document_highlight_marks_a_ref_item_and_its_uses() {
    let mut lsp = Lsp::spawn();
    lsp.initialize(&["utf-16"]);
    let (uri, text) = open_seed(&mut lsp);
    // On the second `REF D` of the text (0-based line 40).
    let line = text.lines().nth(40).unwrap();
    let ch = line.find("REF D").unwrap() + 4;
    let hs = lsp.request(
        "textDocument/documentHighlight",
        json!({"textDocument": {"uri": uri}, "position": {"line": 40, "character": ch}}),
    );
    let got: Vec<(u64, u64)> = (hs.as_array().unwrap().iter())
        .map(|h| {
            (
                h["range"]["start"]["line"].as_u64().unwrap(),
                h["kind"].as_u64().unwrap(),
            )
        })
        .collect();
    // REF item D (`1D. STATE 44438`, its bullet damaged by OCR; a
    // declaration: Write = 3), then its two uses (Read = 2).
    let item_line = text
        .lines()
        .position(|l| l.starts_with("1D. STATE 44438"))
        .unwrap() as u64;
    assert_eq!(got, [(item_line, 3), (30, 2), (40, 2)], "{hs}");
    // Nothing to highlight on a plain word.
    let none = lsp.request(
        "textDocument/documentHighlight",
        json!({"textDocument": {"uri": uri}, "position": {"line": 40, "character": line.find("MTCR").unwrap()}}),
    );
    assert!(none.is_null(), "{none}");
}

#[test]
fn rename_a_ref_letter_over_stdio() {
    let mut lsp = Lsp::spawn();
    let init = lsp.initialize(&["utf-16"]);
    assert_eq!(
        init["capabilities"]["renameProvider"]["prepareProvider"],
        true
    );
    let (uri, text) = open_seed(&mut lsp);
    let line = text.lines().nth(40).unwrap();
    let ch = line.find("REF D").unwrap();
    let pos = json!({"line": 40, "character": ch});
    let prep = lsp.request(
        "textDocument/prepareRename",
        json!({"textDocument": {"uri": uri}, "position": pos}),
    );
    assert_eq!(prep["placeholder"], "D", "{prep}");
    assert_eq!(prep["range"]["start"]["character"], ch + 4);
    let edit = lsp.request(
        "textDocument/rename",
        json!({"textDocument": {"uri": uri}, "position": pos, "newName": "E"}),
    );
    let edits = edit["changes"][&uri].as_array().unwrap();
    // The item's bullet (`1D.`, OCR-damaged) and the two `REF D`.
    assert_eq!(edits.len(), 3, "{edit}");
    assert!(edits.iter().all(|e| e["newText"] == "E"));
    // Refused, with the reason the editor shows.
    let id = lsp.send_request(
        "textDocument/rename",
        json!({"textDocument": {"uri": uri}, "position": pos, "newName": "A"}),
    );
    let refused = lsp.response(id);
    assert_eq!(refused["error"]["code"], -32803, "{refused}");
    assert!(
        refused["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("REF A already names"),
        "{refused}"
    );
}

#[test]
fn edits_update_the_outline() {
    for enc in ["utf-16", "utf-8"] {
        let mut lsp = Lsp::spawn();
        lsp.initialize(&[enc]);
        let (uri, text) = corpus()
            .into_iter()
            .find(|(u, _)| u.ends_with("08BERLIN896.txt"))
            .unwrap();
        lsp.open(&uri, &text);
        let before = names(&symbols(&mut lsp, &uri));
        assert!(before.iter().any(|n| n.starts_with("¶5 (SBU)")));
        // Mark paragraph 5 SECRET: line 38 is `15. (SBU) ACTION REQUEST...`.
        let line = text
            .lines()
            .position(|l| l.starts_with("15. (SBU)"))
            .unwrap() as u32;
        lsp.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"range": {"start": {"line": line, "character": 5}, "end": {"line": line, "character": 8}}, "text": "S"}]}),
        );
        let after = names(&symbols(&mut lsp, &uri));
        assert!(
            after.iter().any(|n| n.starts_with("¶5 (S) ACTION")),
            "{after:?}"
        );
        // Add paragraph 6 (numbered as the copy numbers, `16.`) before the
        // signature, with non-ASCII text.
        lsp.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"range": {"start": {"line": line + 1, "character": 0}, "end": {"line": line + 1, "character": 0}}, "text": "\n16. (C) Reck’s ¶ note ⁸ here.\n"}]}),
        );
        let after = names(&symbols(&mut lsp, &uri));
        assert!(
            after.iter().any(|n| n.starts_with("¶5 (S) ACTION")),
            "{after:?}"
        );
        assert!(
            after.iter().any(|n| n == "¶6 (C) Reck’s ¶ note ⁸ here."),
            "{after:?}"
        );
        assert_eq!(after.last().unwrap(), "TIMKEN JR");
    }
}

/// 1,000 incremental changes interleaved with requests leave exactly the
/// client's text, in both encodings, on a cable with non-ASCII text.
#[test]
fn a_burst_of_changes_leaves_exactly_the_clients_text() {
    for utf8 in [false, true] {
        let mut lsp = Lsp::spawn();
        lsp.initialize(&[if utf8 { "utf-8" } else { "utf-16" }]);
        let (uri, mut text) = corpus()
            .into_iter()
            .find(|(u, _)| u.ends_with("09STATE17183.txt"))
            .unwrap();
        lsp.open(&uri, &text);
        let mut rng: u64 = 0x9E3779B97F4A7C15 ^ utf8 as u64;
        let mut next = |n: usize| {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            (rng % n.max(1) as u64) as usize
        };
        let inserts = [
            "x", "¶", "⁸", "’", "\n", "\r\n", "1. (C) ", "REF A ", "𝄞", "", "para 5",
        ];
        let mut pending = Vec::new();
        for v in 2..1002 {
            let pos = positions(&text, utf8);
            let a = pos[next(pos.len())];
            let b = pos[(pos.iter().position(|p| *p == a).unwrap() + next(4)).min(pos.len() - 1)];
            let new = inserts[next(inserts.len())];
            apply_edit(&mut text, a, b, new, utf8);
            lsp.notify(
                "textDocument/didChange",
                json!({"textDocument": {"uri": uri, "version": v}, "contentChanges": [{"range": {"start": {"line": a.0, "character": a.1}, "end": {"line": b.0, "character": b.1}}, "text": new}]}),
            );
            if v % 50 == 0 {
                pending.push(lsp.send_request(
                    "textDocument/documentSymbol",
                    json!({"textDocument": {"uri": uri}}),
                ));
            }
        }
        for id in pending {
            assert!(lsp.response(id).get("result").is_some());
        }
        let tree = lsp.request("cable/syntaxTree", json!({"textDocument": {"uri": uri}}));
        assert_eq!(tree["version"], 1001);
        assert!(
            tree["text"].as_str().unwrap() == text,
            "the server's text differs from the client's (utf8={utf8})"
        );
        // And its model is the model of that text.
        let fresh = cable_lsp::syntax::dump::dump(&text, &cable_lsp::syntax::parse(&text));
        assert_eq!(tree["tree"].as_str().unwrap(), fresh);
    }
}

#[test]
fn shutdown_then_exit_ends_with_code_0() {
    let mut lsp = Lsp::spawn();
    lsp.initialize(&["utf-16"]);
    assert_eq!(lsp.request("shutdown", json!(null)), Value::Null);
    lsp.notify("exit", json!(null));
    assert_eq!(lsp.wait_exit(Duration::from_secs(1)), Some(0));
}

#[test]
fn exit_without_shutdown_ends_with_code_1() {
    let mut lsp = Lsp::spawn();
    lsp.initialize(&["utf-16"]);
    lsp.notify("exit", json!(null));
    assert_eq!(lsp.wait_exit(Duration::from_secs(1)), Some(1));
}

#[test]
fn end_of_input_ends_the_server() {
    let mut lsp = Lsp::spawn();
    lsp.initialize(&["utf-16"]);
    lsp.close_stdin();
    assert!(
        lsp.wait_exit(Duration::from_secs(2)).is_some(),
        "still running after stdin closed"
    );
}

#[test]
fn out_of_range_positions_and_unopened_documents_are_survived() {
    let mut lsp = Lsp::spawn();
    lsp.initialize(&["utf-16"]);
    let (uri, text) = corpus().into_iter().next().unwrap();
    lsp.open(&uri, &text);
    lsp.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"range": {"start": {"line": 9999, "character": 9999}, "end": {"line": 99999, "character": 0}}, "text": "\nEND"}]}),
    );
    lsp.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": "file:///nowhere.txt", "version": 2}, "contentChanges": [{"text": "x"}]}),
    );
    let r = lsp.request(
        "textDocument/semanticTokens/range",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 5000, "character": 0}, "end": {"line": 0, "character": 0}}}),
    );
    assert!(r["data"].as_array().unwrap().is_empty());
    let tree = lsp.request("cable/syntaxTree", json!({"textDocument": {"uri": uri}}));
    assert!(tree["text"].as_str().unwrap().ends_with("\nEND"));
    assert_eq!(
        lsp.request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": "file:///nowhere.txt"}})
        ),
        Value::Null
    );
}

#[test]
fn a_panicking_handler_is_answered_and_the_server_keeps_serving() {
    let mut lsp = Lsp::spawn_with_env(&[("CABLE_LSP_TEST_HOOKS", "1")]);
    lsp.initialize(&["utf-16"]);
    let id = lsp.send_request("cable/testPanic", json!(null));
    let r = lsp.response(id);
    assert_eq!(r["error"]["code"], -32603, "{r}");
    let (uri, text) = corpus().into_iter().next().unwrap();
    lsp.open(&uri, &text);
    assert!(
        !symbols(&mut lsp, &uri).is_empty(),
        "still serving after the panic"
    );
}

/// Random edits as incremental didChanges give the same outline, folds and tokens
/// as opening the final text afresh, on every corpus cable.
#[test]
fn random_incremental_edits_answer_like_a_fresh_open() {
    let mut lsp = Lsp::spawn();
    lsp.initialize(&["utf-16"]);
    let inserts = [
        "",
        "x",
        "\n",
        "\n\n1. (S) New. ",
        "REF A ",
        "’",
        "para 2",
        "END NOTE.",
        "- 13. (C) ",
        "¶",
    ];
    for (n, (uri, text)) in corpus().into_iter().enumerate() {
        let mut text = text;
        lsp.open(&uri, &text);
        let mut rng: u64 = 0x2545F4914F6CDD1D + n as u64;
        let mut next = |k: usize| {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            (rng % k.max(1) as u64) as usize
        };
        for v in 2..60 {
            let pos = positions(&text, false);
            let ai = next(pos.len());
            let (a, b) = (pos[ai], pos[(ai + next(30)).min(pos.len() - 1)]);
            let new = inserts[next(inserts.len())];
            apply_edit(&mut text, a, b, new, false);
            lsp.notify(
                "textDocument/didChange",
                json!({"textDocument": {"uri": uri, "version": v}, "contentChanges": [{"range": {"start": {"line": a.0, "character": a.1}, "end": {"line": b.0, "character": b.1}}, "text": new}]}),
            );
            if v % 7 == 0 {
                symbols(&mut lsp, &uri); // parse now and then: the next edits go incrementally
            }
        }
        let fresh_uri = format!("{uri}.fresh");
        lsp.open(&fresh_uri, &text);
        for method in [
            "textDocument/documentSymbol",
            "textDocument/foldingRange",
            "textDocument/semanticTokens/full",
        ] {
            let mut edited = lsp.request(method, json!({"textDocument": {"uri": uri}}));
            let mut fresh = lsp.request(method, json!({"textDocument": {"uri": fresh_uri}}));
            // Result ids name answers, not contents.
            for v in [&mut edited, &mut fresh] {
                if let Some(o) = v.as_object_mut() {
                    o.remove("resultId");
                }
            }
            assert_eq!(
                edited, fresh,
                "{uri}: {method} after edits differs from a fresh open"
            );
        }
    }
}

#[test]
fn semantic_token_deltas_applied_to_the_last_tokens_give_the_new_ones() {
    let mut lsp = Lsp::spawn();
    let init = lsp.initialize(&["utf-16"]);
    assert_eq!(
        init["capabilities"]["semanticTokensProvider"]["full"]["delta"],
        true
    );
    let (uri, text) = corpus()
        .into_iter()
        .find(|(u, _)| u.ends_with("08BERLIN896.txt"))
        .unwrap();
    lsp.open(&uri, &text);
    let full = |lsp: &mut Lsp| {
        lsp.request(
            "textDocument/semanticTokens/full",
            json!({"textDocument": {"uri": uri}}),
        )
    };
    let first = full(&mut lsp);
    let mut data: Vec<Value> = first["data"].as_array().unwrap().clone();
    let mut id = first["resultId"].as_str().unwrap().to_string();
    let line = text.lines().position(|l| l.starts_with("13. (C)")).unwrap() as u32;
    // (from, to): line and character; the new text. Insert a paragraph, take it
    // out again, change a mark's level.
    let edits = [
        (
            (line, 0),
            (line, 0),
            "12A. (S) An inserted paragraph citing REF A and para 2.\n\n",
        ),
        ((line, 0), (line + 2, 0), ""),
        ((line, 4), (line, 7), "(S)"),
    ];
    for (v, (a, z, ins)) in edits.iter().enumerate() {
        lsp.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": v + 2},
                   "contentChanges": [{"range": {"start": {"line": a.0, "character": a.1},
                                                 "end": {"line": z.0, "character": z.1}},
                                       "text": ins}]}),
        );
        let d = lsp.request(
            "textDocument/semanticTokens/full/delta",
            json!({"textDocument": {"uri": uri}, "previousResultId": id}),
        );
        let edits = d["edits"]
            .as_array()
            .unwrap_or_else(|| panic!("a delta: {d}"));
        for e in edits {
            let s = e["start"].as_u64().unwrap() as usize;
            let n = e["deleteCount"].as_u64().unwrap() as usize;
            let new = e["data"].as_array().cloned().unwrap_or_default();
            data.splice(s..s + n, new);
        }
        assert!(d["resultId"].is_string(), "{d}");
        let fresh = full(&mut lsp);
        assert_eq!(&data, fresh["data"].as_array().unwrap(), "after edit {v}");
        id = fresh["resultId"].as_str().unwrap().to_string();
        assert_ne!(edits.len(), 0, "edit {v} changed the tokens");
    }
    // An id the server no longer holds: the whole set again.
    let d = lsp.request(
        "textDocument/semanticTokens/full/delta",
        json!({"textDocument": {"uri": uri}, "previousResultId": "stale"}),
    );
    assert!(d["data"].as_array().is_some_and(|a| !a.is_empty()), "{d}");
}
