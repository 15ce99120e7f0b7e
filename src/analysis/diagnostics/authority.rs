//! The classification authority: Classified By, reasons, the DECL date.

use super::{Diagnostic, TextEdit};
use crate::analysis::navigation::Ctx;
use crate::syntax::{Date, Level, Span};

/// E.O. 13292 (25 March 2003) renumbered the reasons from 1.5 (a)-(g) to 1.4 (a)-(h).
const EO_13292: Date = Date {
    year: 2003,
    month: 3,
    day: 25,
};

/// E.O. 12958 (in force 14 October 1995) set the Classified By line, the reasons
/// of its section 1.5 and the declassification date; earlier cables follow
/// earlier orders (`DECL: GDS`, no reasons).
const EO_12958: Date = Date {
    year: 1995,
    month: 10,
    day: 14,
};

pub fn check(cx: Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let c = &*cx.doc.cable;
    let h = &c.header;
    let Some(b) = &h.banner else {
        return;
    };
    if super::written_before(c, EO_12958) {
        return;
    }
    let date = h.dtg.as_ref().map(|d| d.dtg.date());
    let cb = h.classified_by.as_ref();
    if b.level == Level::U {
        if let Some(cb) = cb.filter(|cb| !cb.reasons.is_empty()) {
            out.push(
                Diagnostic::new(
                    cb.reasons_span.unwrap_or(cb.span),
                    "unclas-with-reasons",
                    "an UNCLASSIFIED cable gives classification reasons: expected no reasons (and `E.O. 12958: N/A`)",
                )
                .related(b.level_span, "the banner says UNCLASSIFIED"),
            );
        }
        return;
    }
    let name = b.level.name();
    match cb {
        // Some cables give the authority in a paragraph (`1. (U) Classified by ...`).
        None if authority_in_text(cx) => {}
        None => {
            let at = c
                .body
                .paragraphs
                .first()
                .map_or(c.body.span.start, |p| p.span.start);
            out.push(
                Diagnostic::new(
                    b.level_span,
                    "missing-classified-by",
                    format!("a {name} cable without a `Classified By` line: expected `Classified By: NAME, TITLE. Reason: 1.4 (b), (d).` before the text"),
                )
                .fix(
                    "Insert a `Classified By` template",
                    vec![TextEdit {
                        span: Span::new(at, at),
                        text: "Classified By: NAME, TITLE. Reason: 1.4 (b), (d).\n\n".into(),
                    }],
                ),
            );
        }
        Some(cb) if cb.reasons.is_empty() => out.push(Diagnostic::new(
            cb.span,
            "missing-reasons",
            "`Classified By` gives no reasons: expected `Reason: 1.4 (x)` with letters (a) to (h)",
        )),
        Some(cb) => {
            let before = date.is_some_and(|d| d < EO_13292);
            let sec = cb.reason_section.as_deref();
            let max = if before || sec == Some("1.5") {
                'g'
            } else {
                'h'
            };
            let bad: Vec<String> = cb
                .reasons
                .iter()
                .filter(|&&r| r > max)
                .map(|r| format!("({r})"))
                .collect();
            if !bad.is_empty() {
                let expected = if max == 'g' {
                    "1.5 (a) to (g) before March 2003"
                } else {
                    "1.4 (a) to (h)"
                };
                out.push(Diagnostic::new(
                    cb.reasons_span.unwrap_or(cb.span),
                    "bad-reason",
                    format!(
                        "reason {} is not a classification reason: expected {expected}",
                        bad.join(", ")
                    ),
                ));
            }
            let eo = h.eo.as_ref().and_then(|e| e.order.as_deref());
            if sec == Some("1.5") && !before && date.is_some() && eo != Some("11652") {
                out.push(Diagnostic::new(
                    cb.reasons_span.unwrap_or(cb.span),
                    "bad-reason",
                    "reasons cited under 1.5, which E.O. 13292 renumbered in March 2003: expected 1.4 (a) to (h)",
                ));
            }
        }
    }
    let eo = h.eo.as_ref();
    match eo.map(|e| (e, e.decl_text.as_deref(), e.decl)) {
        Some((e, Some(t), decl)) if decl.is_none_or(|d| !d.is_valid()) => {
            out.push(Diagnostic::new(
                e.decl_span.unwrap_or(e.span),
                "malformed-decl",
                format!(
                    "DECL date `{}` cannot be read: expected MM/DD/YYYY, e.g. `DECL: 07/08/2033`",
                    t.trim()
                ),
            ))
        }
        Some((e, _, Some(d))) => {
            if let Some(date) = date.filter(|&x| d < x) {
                out.push(Diagnostic::new(
                    e.decl_span.unwrap_or(e.span),
                    "decl-before-date",
                    format!(
                        "declassification date {} is before the cable's date {}: expected a later date",
                        d.iso(),
                        date.iso()
                    ),
                ));
            }
        }
        _ => {
            let decl = date.map_or("MM/DD/YYYY".to_string(), |d| {
                format!("{:02}/{:02}/{:04}", d.month, d.day, d.year + 10)
            });
            let mut d = Diagnostic::new(
                eo.map_or(b.level_span, |e| e.span),
                "missing-decl",
                format!("a {name} cable without a declassification date: expected `E.O. 12958: DECL: {decl}`"),
            );
            let fix = match eo {
                Some(e) => Some(TextEdit {
                    span: e.span,
                    text: format!(
                        "E.O. {}: DECL: {decl}",
                        e.order.as_deref().unwrap_or("12958")
                    ),
                }),
                None => h.tags.as_ref().map(|t| TextEdit {
                    span: Span::new(t.span.start, t.span.start),
                    text: format!("E.O. 12958: DECL: {decl}\n\n"),
                }),
            };
            if let Some(f) = fix {
                d = d.fix("Insert a DECL date ten years on", vec![f]);
            }
            out.push(d);
        }
    }
}

/// A `Classified by` in the first paragraphs (or anywhere before them).
fn authority_in_text(cx: Ctx<'_>) -> bool {
    let c = &*cx.doc.cable;
    let end = c
        .body
        .paragraphs
        .get(2)
        .or(c.body.paragraphs.last())
        .map_or(cx.doc.text.len(), |p| p.span.end);
    let head = &cx.doc.text[..crate::syntax::text::floor_char_boundary(&cx.doc.text, end)];
    head.to_ascii_uppercase().contains("CLASSIFIED BY")
}
