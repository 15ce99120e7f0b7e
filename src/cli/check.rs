//! `cable-lsp check PATH...`: the server's diagnostics over files and folders,
//! printed like a compiler's (or as JSON), with a summary; exit status 1 when an
//! error-level diagnostic is found.

use crate::analysis::diagnostics::{self, Diagnostic, Severities};
use crate::analysis::navigation::Ctx;
use crate::analysis::Document;
use crate::corpus::{scan, CableRecord, Index, ScanConfig};
use crate::syntax::Severity;
use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term;
use rayon::prelude::*;
use serde_json::json;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Cable files, or folders searched for `*.txt` and `*.cable` cables.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Set a rule's severity: `--severity unused-ref=off` (off, hint,
    /// information, warning, error). Repeatable.
    #[arg(long = "severity", value_name = "RULE=LEVEL")]
    pub severities: Vec<String>,
    /// Index the paths first, so that cited cables missing from them are reported
    /// (`cited-cable-missing`); reads every file twice.
    #[arg(long)]
    pub resolve: bool,
    /// Print every rule with its default severity and stop.
    #[arg(long)]
    pub list_rules: bool,
}

struct FileResult {
    path: PathBuf,
    text: String,
    diags: Vec<Diagnostic>,
}

/// Checks one file; `Ok(None)` for a file found in a folder that is not a cable.
fn check_file(
    path: &Path,
    named: bool,
    index: &Index,
    sev: &Severities,
) -> Result<Option<FileResult>, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let text = if named {
        crate::syntax::text::decode_vec(bytes).0
    } else {
        match scan::cable_text(path, bytes) {
            Ok(t) => t,
            Err(_) => return Ok(None),
        }
    };
    let doc = Document::parse(text);
    let cx = Ctx {
        doc: &doc,
        path,
        index,
    };
    let diags = diagnostics::diagnostics(cx, sev);
    Ok(Some(FileResult {
        path: path.to_path_buf(),
        text: doc.text.to_string(),
        diags,
    }))
}

pub fn run(args: &CheckArgs) -> i32 {
    if args.list_rules {
        for r in diagnostics::RULES {
            let d = r.default.map_or("off", |s| s.name());
            println!("{:<28} {:<12} {}", r.code, d, r.summary);
        }
        return 0;
    }
    let mut sev = Severities::default();
    for s in &args.severities {
        let Some((code, level)) = s.split_once('=') else {
            eprintln!("cable-lsp: --severity {s}: expected RULE=LEVEL, e.g. unused-ref=off");
            return 2;
        };
        if let Err(e) = sev.set(code.trim(), level) {
            eprintln!("cable-lsp: --severity {s}: {e}");
            return 2;
        }
    }
    let named: Vec<&PathBuf> = args.paths.iter().filter(|p| p.is_file()).collect();
    let paths = match scan::expand(&args.paths, &ScanConfig::default()) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("cable-lsp: {e}");
            return 2;
        }
    };
    let mut index = Index::default();
    if args.resolve {
        let recs: Vec<CableRecord> = paths
            .par_iter()
            .filter_map(|p| {
                let b = std::fs::read(p).ok()?;
                scan::record_of_bytes(p, b).ok()
            })
            .collect();
        index.extend(recs.into_iter().map(std::sync::Arc::new));
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut counts = [0usize; 4];
    let mut failed = 0;
    let mut skipped = 0;
    let config = term::Config::default();
    for chunk in paths.chunks(256) {
        // Checked and rendered on every core; written in order.
        let results: Vec<_> = chunk
            .par_iter()
            .map(|p| {
                let r = check_file(p, named.contains(&p), &index, &sev)?;
                Ok::<_, String>(r.map(|r| {
                    let text = render(&r, args.format, &config);
                    (r, text)
                }))
            })
            .collect();
        for r in results {
            let (r, text) = match r {
                Ok(Some(r)) => r,
                Ok(None) => {
                    skipped += 1;
                    continue;
                }
                Err(e) => {
                    eprintln!("cable-lsp: {e}");
                    failed += 1;
                    continue;
                }
            };
            for d in &r.diags {
                counts[d.severity as usize] += 1;
            }
            if out.write_all(text.as_bytes()).is_err() {
                return 1; // a closed pipe
            }
        }
    }
    let [hints, infos, warnings, errors] = counts;
    let summary = format!(
        "checked {} cable{}: {errors} error{}, {warnings} warning{}, {infos} information, {hints} hint{}",
        paths.len() - failed - skipped,
        if paths.len() - failed - skipped == 1 { "" } else { "s" },
        if errors == 1 { "" } else { "s" },
        if warnings == 1 { "" } else { "s" },
        if hints == 1 { "" } else { "s" },
    );
    match args.format {
        Format::Human => {
            let _ = writeln!(out, "{summary}");
        }
        Format::Json => eprintln!("{summary}"),
    }
    if errors > 0 || failed > 0 {
        1
    } else {
        0
    }
}

/// One file's findings as printed: compiler-style text or a JSON line.
fn render(r: &FileResult, format: Format, config: &term::Config) -> String {
    match format {
        Format::Json => format!("{}\n", to_json(r)),
        Format::Human => {
            let name = r.path.display().to_string();
            let file = SimpleFile::new(name, r.text.as_str());
            let mut s = String::new();
            for d in &r.diags {
                s.push_str(
                    &term::emit_into_string(config, &file, &to_codespan(d, r.text.len()))
                        .unwrap_or_default(),
                );
            }
            s
        }
    }
}

fn to_codespan(d: &Diagnostic, len: usize) -> cs::Diagnostic<()> {
    let base = match d.severity {
        Severity::Error => cs::Diagnostic::error(),
        Severity::Warning => cs::Diagnostic::warning(),
        Severity::Information => cs::Diagnostic::note(),
        Severity::Hint => cs::Diagnostic::help(),
    };
    let r = |s: crate::syntax::Span| s.start.min(len)..s.end.min(len).max(s.start.min(len));
    let mut labels = vec![cs::Label::primary((), r(d.span))];
    for rel in &d.related {
        labels.push(cs::Label::secondary((), r(rel.span)).with_message(rel.message.clone()));
    }
    let mut notes = Vec::new();
    if let Some(f) = &d.fix {
        notes.push(format!("fix: {}", f.title));
    }
    base.with_code(d.code)
        .with_message(d.message.clone())
        .with_labels(labels)
        .with_notes(notes)
}

fn to_json(r: &FileResult) -> serde_json::Value {
    let lines = crate::syntax::LineIndex::new(&r.text);
    let diags: Vec<_> = r
        .diags
        .iter()
        .map(|d| {
            let (l, c) = lines.position(&r.text, d.span.start);
            let (el, ec) = lines.position(&r.text, d.span.end);
            json!({
                "code": d.code, "severity": d.severity.name(), "message": d.message,
                "line": l, "character": c, "end_line": el, "end_character": ec,
                "fix": d.fix.as_ref().map(|f| f.title.clone()),
            })
        })
        .collect();
    json!({"file": r.path.display().to_string(), "diagnostics": diags})
}
