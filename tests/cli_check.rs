//! `cable-lsp check` and `cable-lsp index` as a user runs them: real files, exit codes.

use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_cable-lsp"))
}

fn corpus() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

#[test]
fn check_corpus_passes_with_a_summary() {
    let out = bin().arg("check").arg(corpus()).output().unwrap();
    let s = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{s}");
    assert!(
        s.lines()
            .last()
            .unwrap()
            .starts_with("checked 5 cables: 0 errors"),
        "{}",
        s.lines().last().unwrap()
    );
    assert!(s.contains("note[damaged-paragraph-number]"));
    assert!(s.contains("08STATE70895.txt:"));
}

#[test]
fn an_error_fails_the_check_and_points_at_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(corpus().join("08STATE70895.txt")).unwrap();
    let bad = text.replacen("- 12. (C)", "- 12. (S//NF)", 1);
    let f = dir.path().join("08STATE70895.txt");
    std::fs::write(&f, bad).unwrap();
    let out = bin().arg("check").arg(&f).output().unwrap();
    let s = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{s}");
    assert!(s.contains("error[mark-above-banner]"), "{s}");
    assert!(s.contains("08STATE70895.txt:24:7"), "{s}");
    assert!(s.contains("the banner says CONFIDENTIAL"), "{s}");
    // Severity set to warning: exit 0.
    let out = bin()
        .args(["check", "--severity", "mark-above-banner=warning"])
        .arg(&f)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    // JSON.
    let out = bin()
        .args(["check", "--format", "json"])
        .arg(&f)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = v["diagnostics"].as_array().unwrap();
    let above = d.iter().find(|x| x["code"] == "mark-above-banner").unwrap();
    assert_eq!(
        (above["line"].as_u64(), above["severity"].as_str()),
        (Some(23), Some("error"))
    );
}

#[test]
fn bad_flags_say_what_was_expected() {
    let out = bin()
        .args(["check", "--severity", "nope=error", "corpus"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown rule `nope`"));
    let out = bin().args(["check", "/no/such/path"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("neither a file nor a folder"));
}

#[test]
fn index_reports_what_resolves() {
    let out = bin().arg("index").arg(corpus()).output().unwrap();
    let s = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0));
    assert!(s.starts_with("5 cables indexed (0 skipped)"), "{s}");
}
