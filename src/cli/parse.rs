//! `cable-lsp parse FILE... [--json]`: one model per file.

use crate::syntax::{self, text::LineIndex, Cable, Mark, Span};
use serde_json::{json, Value};
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct ParseArgs {
    /// Cable files to parse.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Print one JSON object per file, one per line (the schema is in the README).
    #[arg(long)]
    pub json: bool,
}

/// Runs `parse`; returns the process exit code (1 when a file could not be read).
pub fn run(args: &ParseArgs) -> i32 {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut code = 0;
    for path in &args.files {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("cable-lsp: cannot read {}: {e}", path.display());
                code = 1;
                continue;
            }
        };
        let (text, _enc) = syntax::text::decode(&bytes);
        let cable = syntax::parse(&text);
        let file = path.display().to_string();
        let r = if args.json {
            writeln!(out, "{}", to_json(&file, &text, &cable))
        } else {
            writeln!(out, "{}", summary(&file, &text, &cable))
        };
        if r.is_err() {
            return code; // a closed pipe: stop quietly
        }
    }
    code
}

fn mark_json(m: &Mark) -> Value {
    json!({ "level": m.level.code(), "caveats": m.caveats, "text": m.text, "sbu": m.sbu, "lou": m.lou })
}

/// The documented JSON view of a model (lines and characters 0-based; characters
/// count Unicode scalar values).
pub fn to_json(file: &str, text: &str, c: &Cable) -> Value {
    let idx = LineIndex::new(text);
    let line = |s: Span| idx.line_of(s.start);
    let pos = |s: Span| idx.position(text, s.start);
    let h = &c.header;
    let banner = h.banner.as_ref();
    let stem = std::path::Path::new(file)
        .file_stem()
        .and_then(|s| s.to_str());
    let id = c.id_with_file_name(stem);
    json!({
        "file": file,
        "id": id.as_ref().map(|i| i.0.to_string()),
        "id_source": id.as_ref().map(|i| i.1),
        "year_source": h.year_source,
        "origin": banner.and_then(|b| b.origin.clone()),
        "serial": banner.and_then(|b| b.serial),
        "date": h.dtg.as_ref().map(|d| d.dtg.iso()),
        "classification": banner.map(|b| json!({
            "level": b.level.code(),
            "caveats": b.caveats,
            "text": b.text,
            "line": line(b.span),
        })),
        "security_code": h.routing.as_ref().and_then(|r| r.security.as_ref()).map(|s| json!({"code": s.code, "level": s.level.code()})),
        "tags": h.tags.as_ref().map(|t| t.items.iter().map(|i| i.text.clone()).collect::<Vec<_>>()).unwrap_or_default(),
        "subject": h.subject.as_ref().map(|s| s.text.clone()),
        "subject_marking": h.subject.as_ref().and_then(|s| s.mark.as_ref()).map(|m| mark_json(&m.mark)),
        "references": h.references.as_ref().map(|r| r.items.iter().map(|i| json!({
            "bullet": i.bullet.map(|b| b.to_string()),
            "kind": i.kind.name(),
            "text": i.text,
            "id": i.ids.first().map(|x| x.to_string()),
            "ids": i.ids.iter().map(|x| x.to_string()).collect::<Vec<_>>(),
            "and_previous": i.and_previous,
            "poc_doc": i.poc_doc.map(|(y, n)| json!({"year": y, "number": n})),
            "line": line(i.span),
        })).collect::<Vec<_>>()).unwrap_or_default(),
        "classified_by": h.classified_by.as_ref().map(|c| c.authority.clone()),
        "reasons": h.classified_by.as_ref().map(|c| c.reasons.iter().map(|r| r.to_string()).collect::<Vec<_>>()).unwrap_or_default(),
        "reason_section": h.classified_by.as_ref().and_then(|c| c.reason_section.clone()),
        "declassify": h.eo.as_ref().and_then(|e| e.decl).map(|d| d.iso()),
        "paragraphs": c.body.paragraphs.iter().map(|p| json!({
            "number": p.number,
            "label": p.label,
            "marking": p.marking.as_ref().map(|m| mark_json(&m.mark)),
            "line": line(p.label_span),
            "end_line": idx.line_of(p.span.end.saturating_sub(1).max(p.span.start)),
            "damage": p.damage,
            "recovered": p.recovered,
            "subparagraphs": p.subparagraphs.iter().map(|s| json!({
                "letter": s.letter.to_string(),
                "label": s.label,
                "marking": s.marking.as_ref().map(|m| mark_json(&m.mark)),
                "line": line(s.label_span),
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "headings": c.body.headings.iter().map(|x| json!({"text": x.text, "line": line(x.span)})).collect::<Vec<_>>(),
        "blocks": c.body.blocks.iter().map(|b| json!({"name": b.name, "line": line(b.span), "end_line": line(b.close_span)})).collect::<Vec<_>>(),
        "signature": c.body.signature.as_ref().map(|s| s.text.clone()),
        "citations": c.citations.iter().map(|x| {
            let (l, ch) = pos(x.span);
            let mut j = json!({"kind": x.kind.name(), "target": x.target, "line": l, "character": ch});
            if let Some(of) = &x.of {
                j["of"] = json!(of);
            }
            j
        }).collect::<Vec<_>>(),
        "diagnostics": c.diagnostics.iter().map(|d| {
            let (l, ch) = pos(d.span);
            json!({"code": d.code, "severity": d.severity.name(), "message": d.message, "line": l, "character": ch})
        }).collect::<Vec<_>>(),
    })
}

/// A short human-readable view.
pub fn summary(file: &str, text: &str, c: &Cable) -> String {
    let idx = LineIndex::new(text);
    let mut s = String::new();
    let id =
        c.id.as_ref()
            .map_or("(no id)".to_string(), |i| i.to_string());
    let level = c.header.banner.as_ref().map_or("?", |b| b.level.name());
    s.push_str(&format!("{file}: {id} {level}\n"));
    if let Some(sub) = &c.header.subject {
        s.push_str(&format!("  SUBJECT: {}\n", sub.text));
    }
    if let Some(r) = &c.header.references {
        for i in &r.items {
            let ids: Vec<String> = i.ids.iter().map(|x| x.to_string()).collect();
            s.push_str(&format!(
                "  REF {} {} {} {}\n",
                i.bullet.map_or("-".to_string(), |b| b.to_string()),
                i.kind.name(),
                i.text,
                if ids.is_empty() {
                    String::new()
                } else {
                    format!("-> {}", ids.join(", "))
                }
            ));
        }
    }
    for p in &c.body.paragraphs {
        let m = p
            .marking
            .as_ref()
            .map_or(String::new(), |m| format!("({}) ", m.mark.text));
        s.push_str(&format!(
            "  ¶{} {}{}  [line {}]\n",
            p.number,
            m,
            p.lead,
            idx.line_of(p.label_span.start) + 1
        ));
        for sp in &p.subparagraphs {
            let m = sp
                .marking
                .as_ref()
                .map_or(String::new(), |m| format!("({}) ", m.mark.text));
            s.push_str(&format!("    {}. {}{}\n", sp.letter, m, sp.lead));
        }
    }
    s.push_str(&format!(
        "  {} citations, {} diagnostics",
        c.citations.len(),
        c.diagnostics.len()
    ));
    s
}
