//! A stable, readable rendering of a model, for snapshot tests and review by eye.

use super::text::LineIndex;
use super::Cable;
use std::fmt::Write;

/// Renders the model with 1-based line numbers.
pub fn dump(text: &str, c: &Cable) -> String {
    let idx = LineIndex::new(text);
    let ln = |o: usize| idx.line_of(o) + 1;
    let mut s = String::new();
    let h = &c.header;
    let _ = writeln!(
        s,
        "id: {}",
        c.id.as_ref().map_or("-".into(), |i| i.to_string())
    );
    if let Some(d) = &h.dtg {
        let _ = writeln!(
            s,
            "dtg: {} {} (line {})",
            d.precedence.join(" "),
            d.dtg.iso(),
            ln(d.span.start)
        );
    }
    if let Some(f) = &h.from {
        let _ = writeln!(s, "from: {}", f.name);
    }
    for a in &h.to {
        let _ = writeln!(
            s,
            "to: {}{}",
            a.name,
            a.precedence
                .as_ref()
                .map_or(String::new(), |p| format!(" [{p}]"))
        );
    }
    for a in &h.info {
        let _ = writeln!(s, "info: {}", a.name);
    }
    if let Some(r) = h.routing.as_ref().and_then(|r| r.security.as_ref()) {
        let _ = writeln!(s, "security: {} = {}", r.code, r.level.code());
    }
    if let Some(b) = &h.banner {
        let _ = writeln!(
            s,
            "banner: {} {:?} origin={} serial={} caveats={:?} (line {})",
            b.level.code(),
            b.text,
            b.origin.as_deref().unwrap_or("-"),
            b.serial.map_or("-".into(), |x| x.to_string()),
            b.caveats,
            ln(b.span.start)
        );
    }
    for x in &h.handling {
        let _ = writeln!(s, "handling: {}", x.text);
    }
    if let Some(e) = &h.eo {
        let _ = writeln!(
            s,
            "eo: {} decl={} n/a={}",
            e.order.as_deref().unwrap_or("-"),
            e.decl.map_or("-".into(), |d| d.iso()),
            e.not_applicable
        );
    }
    if let Some(t) = &h.tags {
        let _ = writeln!(
            s,
            "tags: {}",
            t.items
                .iter()
                .map(|x| x.text.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        );
    }
    if let Some(x) = &h.subject {
        let _ = writeln!(
            s,
            "subject: {} [{}]",
            x.text,
            x.mark.as_ref().map_or("-".into(), |m| m.mark.normalized())
        );
    }
    if let Some(r) = &h.references {
        for i in &r.items {
            let ids: Vec<String> = i.ids.iter().map(|x| x.to_string()).collect();
            let _ = writeln!(
                s,
                "ref {}: {} {:?} -> [{}]{}{} (line {})",
                i.bullet.map_or("-".into(), |b| b.to_string()),
                i.kind.name(),
                i.text,
                ids.join(", "),
                if i.and_previous { " and-previous" } else { "" },
                i.poc_doc.map_or(String::new(), |(y, n)| format!(
                    " poc-doc {}/{}",
                    y.map_or("-".into(), |y| y.to_string()),
                    n
                )),
                ln(i.span.start)
            );
        }
    }
    if let Some(cb) = &h.classified_by {
        let _ = writeln!(
            s,
            "classified-by: {:?} reasons {} {:?}",
            cb.authority,
            cb.reason_section.as_deref().unwrap_or("-"),
            cb.reasons
        );
    }
    for p in &c.body.paragraphs {
        let _ = writeln!(
            s,
            "¶{} label={:?} mark={} lines {}-{}{}{}: {}",
            p.number,
            p.label,
            p.marking
                .as_ref()
                .map_or("-".into(), |m| m.mark.normalized()),
            ln(p.span.start),
            ln(p.span.end.saturating_sub(1).max(p.span.start)),
            p.damage.map_or(String::new(), |d| format!(" damage={d:?}")),
            if p.recovered { " recovered" } else { "" },
            p.lead
        );
        for sp in &p.subparagraphs {
            let _ = writeln!(
                s,
                "  {}. label={:?} mark={} lines {}-{}: {}",
                sp.letter,
                sp.label,
                sp.marking
                    .as_ref()
                    .map_or("-".into(), |m| m.mark.normalized()),
                ln(sp.span.start),
                ln(sp.span.end.saturating_sub(1).max(sp.span.start)),
                sp.lead
            );
        }
    }
    for x in &c.body.headings {
        let _ = writeln!(
            s,
            "heading{}: {:?} (line {})",
            if x.top_level { " (top)" } else { "" },
            x.text,
            ln(x.span.start)
        );
    }
    for b in &c.body.blocks {
        let _ = writeln!(
            s,
            "block {}: lines {}-{}",
            b.name,
            ln(b.span.start),
            ln(b.close_span.start)
        );
    }
    let _ = writeln!(s, "talking points: {}", c.body.talking_points.len());
    let _ = writeln!(
        s,
        "marks in body: {}",
        c.body
            .marks
            .iter()
            .map(|m| m.mark.normalized())
            .collect::<Vec<_>>()
            .join(" ")
    );
    if let Some(x) = &c.body.signature {
        let _ = writeln!(s, "signature: {:?} (line {})", x.text, ln(x.span.start));
    }
    if let Some(t) = c.body.trailer {
        let _ = writeln!(
            s,
            "trailer: lines {}-{}",
            ln(t.start),
            ln(t.end.saturating_sub(1).max(t.start))
        );
    }
    for x in &c.citations {
        let _ = writeln!(
            s,
            "cite {} {} (line {})",
            x.kind.name(),
            x.target,
            ln(x.span.start)
        );
    }
    let mut kinds: std::collections::BTreeMap<String, usize> = Default::default();
    for d in &c.damage {
        *kinds.entry(format!("{:?}", d.kind)).or_default() += 1;
    }
    let _ = writeln!(s, "damage: {kinds:?}");
    for d in &c.diagnostics {
        let _ = writeln!(
            s,
            "diag {} {} (line {}): {}",
            d.severity.name(),
            d.code,
            ln(d.span.start),
            d.message
        );
    }
    s
}
