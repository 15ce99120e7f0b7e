//! Portion marks against the banner; the SUBJECT's mark; the ZNY code.

use super::{Diagnostic, TextEdit};
use crate::analysis::navigation::Ctx;
use crate::syntax::{Level, MarkAt};

/// Caveats a portion may carry only when the banner carries them too.
const BANNER_CAVEATS: &[&str] = &["NOFORN", "ORCON"];

pub fn check(cx: Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let c = &*cx.doc.cable;
    let body_marks = &c.body.marks;
    for m in body_marks {
        nonstandard(m, out);
    }
    if let Some(m) = c.header.subject.as_ref().and_then(|s| s.mark.as_ref()) {
        nonstandard(m, out);
    }
    let Some(b) = &c.header.banner else {
        return;
    };
    let banner_name = b.level.name();
    for m in body_marks {
        if b.level == Level::U && m.mark.level > Level::U {
            out.push(
                Diagnostic::new(
                    m.span,
                    "classified-mark-in-unclas",
                    format!(
                        "portion marked ({}) in an UNCLASSIFIED cable: expected (U) or (SBU), or a classified banner",
                        m.mark.text.trim()
                    ),
                )
                .related(b.level_span, "the banner says UNCLASSIFIED"),
            );
        } else if m.mark.level > b.level {
            out.push(
                Diagnostic::new(
                    m.span,
                    "mark-above-banner",
                    format!(
                        "portion marked {} above the banner's {banner_name}: expected at most ({})",
                        m.mark.level.name(),
                        b.level.code()
                    ),
                )
                .related(b.level_span, format!("the banner says {banner_name}")),
            );
        }
        for cav in BANNER_CAVEATS {
            if m.mark.has_caveat(cav) && !b.caveats.iter().any(|x| x == cav) {
                out.push(
                    Diagnostic::new(
                        m.span,
                        "caveat-not-in-banner",
                        format!("portion carries {cav} but the banner does not: expected `{banner_name}//{cav}` or a portion without it"),
                    )
                    .related(b.span, "the banner"),
                );
            }
        }
    }
    if b.level > Level::U {
        for p in &c.body.paragraphs {
            let first = body_marks.partition_point(|m| m.span.start < p.span.start);
            let marked = p.marking.is_some()
                || body_marks[first..]
                    .iter()
                    .take_while(|m| m.span.start < p.span.end)
                    .next()
                    .is_some();
            if !marked {
                let span = if p.label_span.is_empty() {
                    crate::syntax::Span::new(p.span.start, p.span.start)
                } else {
                    p.label_span
                };
                out.push(
                    Diagnostic::new(
                        span,
                        "unmarked-paragraph",
                        format!(
                            "paragraph {} has no portion mark in a {banner_name} cable: expected (U), (C), (S) or (TS) after the number",
                            p.number
                        ),
                    )
                    .related(b.level_span, format!("the banner says {banner_name}")),
                );
            }
        }
    }
    if let Some(m) = c.header.subject.as_ref().and_then(|s| s.mark.as_ref()) {
        if m.mark.level > b.level {
            out.push(
                Diagnostic::new(
                    m.span,
                    "subject-mark-above-banner",
                    format!(
                        "SUBJECT marked {} above the banner's {banner_name}: expected at most ({})",
                        m.mark.level.name(),
                        b.level.code()
                    ),
                )
                .related(b.level_span, format!("the banner says {banner_name}")),
            );
        }
    }
    if let Some(sec) = c.header.routing.as_ref().and_then(|r| r.security.as_ref()) {
        if sec.level != b.level {
            out.push(
                Diagnostic::new(
                    sec.span,
                    "banner-zny-mismatch",
                    format!(
                        "security code `{}` stands for {} but the banner says {banner_name}: expected them to agree",
                        sec.code,
                        sec.level.name()
                    ),
                )
                .related(b.level_span, "the banner"),
            );
        }
    }
}

fn nonstandard(m: &MarkAt, out: &mut Vec<Diagnostic>) {
    if !m.mark.nonstandard {
        return;
    }
    let want = format!("({})", m.mark.normalized());
    out.push(
        Diagnostic::new(
            m.span,
            "nonstandard-mark",
            format!(
                "portion mark `({})` is not in the standard form: expected `{want}`",
                m.mark.text.trim()
            ),
        )
        .fix(
            format!("Write the mark as `{want}`"),
            vec![TextEdit {
                span: m.span,
                text: want,
            }],
        ),
    );
}
