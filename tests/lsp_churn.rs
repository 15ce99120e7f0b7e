//! Files changing under the server: cables created, rewritten, truncated, renamed
//! and deleted while it indexes and while requests run. The index must converge to
//! the disk's state: its digest equals that of an index built from the disk.

mod common;

use cable_lsp::corpus::{scan, Index, ScanConfig};
use common::lsp::Lsp;
use serde_json::json;
use std::path::Path;

fn disk_digest(dir: &Path) -> (u32, usize) {
    let cfg = ScanConfig::default();
    let paths = scan::discover(&[dir.to_path_buf()], &cfg);
    let mut idx = Index::default();
    scan::load_all(&paths, &cfg, 256, |recs, _, _| {
        for r in recs {
            idx.insert(r);
        }
    });
    (
        crc32fast::hash(idx.digest().join("\n").as_bytes()),
        idx.len(),
    )
}

#[test]
fn the_index_converges_to_the_disk_after_churn() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path().canonicalize().unwrap().join("ws");
    let planted = cable_lsp::corpus::gen::write(&ws, 400, 23).unwrap().planted;
    let texts: Vec<String> = (cable_lsp::corpus::gen::generate(460, 23).into_iter())
        .map(|(t, _)| t)
        .collect();

    let mut lsp = Lsp::spawn();
    lsp.request(
        "initialize",
        json!({"processId": null, "workspaceFolders": [{"uri": format!("file://{}", ws.display()), "name": "ws"}],
               "capabilities": {"window": {"workDoneProgress": true}}}),
    );
    lsp.notify("initialized", json!({}));

    // Churn while the index is built and requests are answered.
    let mut next = common::rng(0x9e37_79b9_7f4a_7c15u64);
    let mut counts = [0usize; 5];
    for round in 0..300 {
        let p = &planted[next(planted.len())];
        let path = ws.join(&p.path);
        match next(5) {
            0 => {
                // Created: a cable of its own in a new folder now and then.
                let dir = ws.join(format!("new/{}", round % 7));
                std::fs::create_dir_all(&dir).unwrap();
                let t = &texts[400 + next(60)];
                std::fs::write(dir.join(format!("c{round}.txt")), t).unwrap();
                counts[0] += 1;
            }
            1 => {
                if path.exists() {
                    let t = &texts[next(400)];
                    std::fs::write(&path, t.replacen("SUBJECT: ", "SUBJECT: REWRITTEN ", 1))
                        .unwrap();
                    counts[1] += 1;
                }
            }
            2 => {
                if path.exists() {
                    std::fs::File::options()
                        .write(true)
                        .open(&path)
                        .unwrap()
                        .set_len(0)
                        .unwrap();
                    counts[2] += 1;
                }
            }
            3 => {
                if path.exists() {
                    let to = path.with_file_name(format!("renamed-{round}.txt"));
                    std::fs::rename(&path, to).unwrap();
                    counts[3] += 1;
                }
            }
            _ => {
                if path.exists() {
                    std::fs::remove_file(&path).unwrap();
                    counts[4] += 1;
                }
            }
        }
        if round % 20 == 0 {
            lsp.request("workspace/symbol", json!({"query": "state"}));
            lsp.request("cable/status", json!(null));
        }
    }
    let (want, files) = disk_digest(&ws);
    let t0 = std::time::Instant::now();
    let mut last = json!(null);
    loop {
        let st = lsp.request("cable/status", json!(null));
        if st["indexing"] == false && st["digest"] == want {
            break;
        }
        last = st;
        assert!(
            t0.elapsed().as_secs() < 20,
            "the index did not converge to the disk ({files} cables): {last}"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    println!(
        "converged to {files} cables in {:.1} s after {} created, {} rewritten, {} truncated, {} renamed, {} deleted",
        t0.elapsed().as_secs_f64(),
        counts[0], counts[1], counts[2], counts[3], counts[4]
    );
    assert!(
        counts.iter().all(|&c| c > 10),
        "every kind of change happened: {counts:?}"
    );
}
