//! Citations: REF letters and reftel against the REF block, para N against the
//! paragraphs, numbering, self-citation, and cited cables missing from the corpus.

use super::{Diagnostic, TextEdit};
use crate::analysis::navigation::Ctx;
use crate::syntax::{CitationKind, RefItem, Span};
use std::collections::HashMap;

pub fn check(cx: Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let c = &*cx.doc.cable;
    let text = &*cx.doc.text;
    let block = c.header.references.as_ref();
    let items: Vec<&RefItem> = block.iter().flat_map(|r| &r.items).collect();
    let mut cited: HashMap<char, usize> = HashMap::new();
    let mut reftel_used = false;
    for cit in &c.citations {
        match cit.kind {
            CitationKind::Ref => {
                let letter = cit.target.chars().next().unwrap_or('?');
                *cited.entry(letter).or_default() += 1;
                if crate::analysis::refs::resolve(c, letter).is_none() {
                    let mut d = Diagnostic::new(
                        cit.span,
                        "unknown-ref",
                        format!(
                            "REF {letter} cites no REF item: {}",
                            if items.is_empty() {
                                "this cable has no REF block".to_string()
                            } else {
                                format!("expected {}", bullets(&items))
                            }
                        ),
                    );
                    if let Some(b) = block {
                        d = d.related(b.heading_span, "the REF block");
                    }
                    if let Some(e) = add_ref_edit(cx, letter) {
                        d = d.fix(format!("Add REF item {letter}"), vec![e]);
                    }
                    out.push(d);
                }
            }
            CitationKind::Reftel => {
                reftel_used = true;
                if items.is_empty() {
                    out.push(Diagnostic::new(
                        cit.span,
                        "unknown-ref",
                        "reftel cites no REF item: this cable has no REF block",
                    ));
                } else if items.len() > 1 {
                    out.push(
                        Diagnostic::new(
                            cit.span,
                            "ambiguous-reftel",
                            format!(
                                "reftel in a cable with {} REF items: expected `REF X` naming one: {}",
                                items.len(),
                                bullets(&items)
                            ),
                        )
                        .related(block.map_or(cit.span, |b| b.heading_span), "the REF block"),
                    );
                }
            }
            _ => {}
        }
    }
    // Items never cited.
    for item in &items {
        let letters = crate::analysis::refs::letters_of(c, item);
        // Cited by letter, as reftel, or by the cable's own number in the
        // text (`... AS CAIRO 9106 REPORTED`).
        let by_number = |cit: &&crate::syntax::Citation| {
            cit.kind == CitationKind::Cable
                && block.is_none_or(|b| !b.span.contains(cit.span.start))
                && cit.id.as_ref().is_some_and(|id| item.ids.contains(id))
        };
        let used = letters.iter().any(|l| cited.contains_key(l))
            || (item.bullet.is_none() && reftel_used)
            || (items.len() == 1 && reftel_used)
            || c.citations.iter().any(|cit| by_number(&cit));
        if !used {
            out.push(Diagnostic::new(
                item.bullet_span.unwrap_or(item.span),
                "unused-ref",
                format!(
                    "{} is never cited in the text: expected a `REF {}` (or reftel) somewhere",
                    item.bullet
                        .map_or("this REF item".to_string(), |b| format!("REF {b}")),
                    item.bullet.unwrap_or('A'),
                ),
            ));
        }
    }
    // Duplicate bullets.
    let mut seen: HashMap<char, &RefItem> = HashMap::new();
    for item in &items {
        if let Some(b) = item.bullet {
            if let Some(first) = seen.get(&b) {
                out.push(
                    Diagnostic::new(
                        item.bullet_span.unwrap_or(item.span),
                        "duplicate-bullet",
                        format!("a second REF item lettered {b}: expected each letter once"),
                    )
                    .related(
                        first.bullet_span.unwrap_or(first.span),
                        format!("the first REF {b}"),
                    ),
                );
            } else {
                seen.insert(b, item);
            }
        }
    }
    // Self-citation.
    if let Some((own, _)) = c.id_for_path(cx.path) {
        for item in &items {
            for (id, span) in item.ids.iter().zip(&item.id_spans) {
                if *id == own {
                    out.push(Diagnostic::new(
                        *span,
                        "self-citation",
                        format!("this cable ({own}) cites itself: expected another cable's number"),
                    ));
                }
            }
        }
    }
    // para N.
    let numbers: Vec<u32> = c.body.paragraphs.iter().map(|p| p.number).collect();
    for cit in c.citations.iter().filter(|x| x.kind == CitationKind::Para) {
        let Ok(n) = cit.target.parse::<u32>() else {
            continue;
        };
        // Another document's paragraph, as the parser read it or (a warning
        // wants more certainty) a REF, reftel or `of` close by.
        if numbers.contains(&n) || cit.of.is_some() || about_another_cable(text, cit.span) {
            continue;
        }
        out.push(Diagnostic::new(
            cit.span,
            "unknown-paragraph",
            format!(
                "para {n} cites a paragraph this cable does not have: {}",
                match numbers.iter().max() {
                    Some(m) => format!("expected 1 to {m}"),
                    None => "it has no numbered paragraphs".into(),
                }
            ),
        ));
    }
    // Numbering.
    let mut prev: Option<(u32, Span)> = None;
    for p in &c.body.paragraphs {
        if let Some((q, qs)) = prev {
            let problem = if p.number == q {
                Some(format!(
                    "paragraph number {} repeats: expected {}",
                    p.number,
                    q + 1
                ))
            } else if p.number > q + 1 {
                Some(format!(
                    "paragraph numbers skip from {q} to {}: expected {}",
                    p.number,
                    q + 1
                ))
            } else if p.number < q {
                Some(format!(
                    "paragraph {} follows paragraph {q}: expected {}",
                    p.number,
                    q + 1
                ))
            } else {
                None
            };
            if let Some(m) = problem {
                let span = if p.label_span.is_empty() {
                    Span::new(p.span.start, p.span.start)
                } else {
                    p.label_span
                };
                out.push(
                    Diagnostic::new(span, "paragraph-sequence", m)
                        .related(qs, format!("paragraph {q}")),
                );
            }
        }
        prev = Some((
            p.number,
            if p.label_span.is_empty() {
                p.span
            } else {
                p.label_span
            },
        ));
    }
    // Cited cables missing from the corpus (only once there is a corpus).
    if !cx.index.is_empty() {
        let cites = crate::analysis::refs::cited_cables(c)
            .into_iter()
            .map(|x| (x.id.to_string(), x.span));
        for (id, span) in cites {
            if cx.index.by_id(&id).is_empty() {
                out.push(Diagnostic::new(
                    span,
                    "cited-cable-missing",
                    format!("cited cable {id} is not in the corpus: expected a file holding it under the workspace"),
                ));
            }
        }
    }
}

fn bullets(items: &[&RefItem]) -> String {
    let v: Vec<String> = items
        .iter()
        .filter_map(|i| i.bullet)
        .map(|b| b.to_string())
        .collect();
    if v.is_empty() {
        let n: usize = items.iter().map(|i| i.ids.len().max(1)).sum();
        let last = char::from_u32('A' as u32 + n.saturating_sub(1) as u32).unwrap_or('?');
        if n == 1 {
            "the REF block lists one document (REF A, or reftel)".into()
        } else {
            format!("the REF block lists {n} documents, REF A to REF {last} in order")
        }
    } else {
        v.join(", ")
    }
}

/// `para 3 of reftel`, `REF A para 2`: a paragraph of another cable.
fn about_another_cable(text: &str, span: Span) -> bool {
    let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let before_from = crate::syntax::text::floor_char_boundary(
        text,
        span.start.saturating_sub(24).max(line_start),
    );
    let before = text[before_from..span.start].to_ascii_uppercase();
    let after_to = crate::syntax::text::floor_char_boundary(text, (span.end + 24).min(text.len()));
    let after = text[span.end..after_to].to_ascii_uppercase();
    before.contains("REF")
        || before.contains("SEPTEL")
        || before.contains("TEL ")
        || after.trim_start().starts_with("OF ")
        || after.trim_start().starts_with("REF")
        || after.contains(" OF REF")
}

/// A new REF item lettered `letter`, after the last item (or a new REF block
/// after the SUBJECT).
fn add_ref_edit(cx: Ctx<'_>, letter: char) -> Option<TextEdit> {
    let h = &cx.doc.cable.header;
    let text = &*cx.doc.text;
    let item = format!("{letter}. [the cable cited as REF {letter}]");
    if let Some(b) = &h.references {
        let end = b.items.last().map_or(b.heading_span.end, |i| i.span.end);
        let end = end.min(text.len());
        let trimmed = end - (text[..end].len() - text[..end].trim_end().len());
        return Some(TextEdit {
            span: Span::new(trimmed, trimmed),
            text: format!("\n\n{item}"),
        });
    }
    let s = h.subject.as_ref()?;
    Some(TextEdit {
        span: Span::new(s.span.end, s.span.end),
        text: format!("\n\nREF: {item}"),
    })
}
