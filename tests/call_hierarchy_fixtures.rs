//! The citation graph as a call hierarchy, at the analysis layer: which cable
//! a cursor asks about, the cables citing it and the cables it cites, with
//! where each citation stands.

mod common;

use cable_lsp::analysis::call_hierarchy::{incoming, outgoing, prepare, Call};
use cable_lsp::analysis::navigation::Target;
use common::fixture::{corpus3, fixture, Fixture};
use std::path::Path;

/// `id <- path:line:col text` for each citation of each call.
fn show(f: &Fixture, calls: &[Call], citing_is_node: bool, asked: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for c in calls {
        let path = if citing_is_node { &c.node.path } else { asked };
        let ts: Vec<Target> = (c.from.iter())
            .map(|&loc| Target::There {
                path: path.to_path_buf(),
                loc,
            })
            .collect();
        out.extend(
            f.show(&ts)
                .into_iter()
                .map(|s| format!("{} {s}", c.node.id)),
        );
    }
    out
}

fn names(f: &Fixture) -> Vec<String> {
    let (cx, at) = f.ctx();
    prepare(cx, at).into_iter().map(|n| n.id).collect()
}

#[test]
fn the_cursor_asks_about_the_cited_cable_or_else_this_one() {
    let on = |refs: &str, body: &str| names(&fixture(&corpus3(refs, body)));
    // On a REF item's id, a citation in the text, the item itself.
    assert_eq!(
        on("REF: A. STATE 44$0438", "1. (C) Text."),
        ["08STATE44438"]
    );
    assert_eq!(
        on("REF: A. STATE 633", "1. (C) As STATE 4$04438 says."),
        ["08STATE44438"]
    );
    assert_eq!(
        on("REF: A$0. STATE 44438", "1. (C) Text."),
        ["08STATE44438"]
    );
    // A cited cable the corpus lacks: nothing to show.
    assert_eq!(
        on("REF: A. STATE 6$033", "1. (C) Text."),
        Vec::<String>::new()
    );
    // Anywhere else: this cable.
    assert_eq!(on("REF: A. STATE 633", "1. (C) Te$0xt."), ["08STATE70895"]);
    assert_eq!(on("REF$0: A. STATE 633", "1. (C) Text."), ["08STATE70895"]);
}

#[test]
fn incoming_calls_are_the_cables_citing_it_with_each_citation() {
    let f = fixture(&corpus3(
        "REF: A. STATE 44438",
        "1. (C) See RE$0F A and STATE 44438 again.",
    ));
    let (cx, at) = f.ctx();
    let [node] = &prepare(cx, at)[..] else {
        panic!()
    };
    assert_eq!(node.id, "08STATE70895");
    // 08STATE70895 is cited by 08BERLIN896 (REF B) only.
    let calls = incoming(&f.index, &node.id, &node.path);
    assert_eq!(
        show(&f, &calls, true, &node.path),
        ["08BERLIN896 /w/08BERLIN896.txt:11:24 STATE 70895"]
    );
    // 08STATE44438: by 08STATE70895 (its REF item and the text) and 08BERLIN896.
    let calls = incoming(&f.index, "08STATE44438", Path::new("/w/08STATE44438.txt"));
    assert_eq!(
        show(&f, &calls, true, Path::new("/")),
        [
            "08BERLIN896 /w/08BERLIN896.txt:11:9 STATE 44438",
            "08STATE70895 /w/08STATE70895.txt:11:9 STATE 44438",
            "08STATE70895 /w/08STATE70895.txt:15:22 STATE 44438",
        ]
    );
}

#[test]
fn outgoing_calls_are_the_cited_cables_the_corpus_holds() {
    let f = fixture(&corpus3(
        "REF: A. STATE 633 B. STATE 44438",
        "1. (C) Per$0 STATE 44438 and 08 BERLIN 896.",
    ));
    let me = Path::new("/w/08STATE70895.txt");
    // STATE 633 is not in the corpus: left out.
    assert_eq!(
        show(&f, &outgoing(&f.index, me), false, me),
        [
            "08STATE44438 /w/08STATE70895.txt:11:22 STATE 44438",
            "08STATE44438 /w/08STATE70895.txt:15:12 STATE 44438",
            "08BERLIN896 /w/08STATE70895.txt:15:28 08 BERLIN 896",
        ]
    );
    // A file the index does not hold has no calls.
    assert!(outgoing(&f.index, Path::new("/w/nowhere.txt")).is_empty());
}

#[test]
fn a_duplicated_id_gives_a_node_for_each_file() {
    let src = corpus3("REF: A. STATE 44$0438", "1. (C) Text.");
    let dup = src
        .split("//- ")
        .find(|p| p.starts_with("/w/08STATE44438.txt"))
        .unwrap()
        .replacen("/w/08STATE44438.txt", "/w/copy/08STATE44438.txt", 1);
    let f = fixture(&format!("{src}//- {dup}"));
    let (cx, at) = f.ctx();
    let paths: Vec<String> = (prepare(cx, at).iter())
        .map(|n| n.path.display().to_string())
        .collect();
    assert_eq!(paths, ["/w/08STATE44438.txt", "/w/copy/08STATE44438.txt"]);
}
