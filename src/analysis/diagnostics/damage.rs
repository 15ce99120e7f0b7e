//! Copy damage: `,s` for an apostrophe, ` ) ` for a dash, `&...8` quotes, `[X](#)`
//! links, damaged paragraph numbers; each with its repair.

use super::{Diagnostic, TextEdit};
use crate::analysis::navigation::Ctx;
use crate::syntax::DamageKind;

pub fn check(cx: Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for d in &cx.doc.cable.damage {
        if d.kind == DamageKind::StraySipdis {
            out.push(
                Diagnostic::new(
                    d.span,
                    "copy-damage",
                    "copy damage: `SIPDIS` is a handling word the cable system inserted into the text: expected the sentence without it",
                )
                .fix(
                    "Remove `SIPDIS`",
                    vec![TextEdit {
                        span: d.span,
                        text: String::new(),
                    }],
                ),
            );
            continue;
        }
        let (what, was) = match d.kind {
            DamageKind::CommaApostrophe => ("a comma for an apostrophe", "an apostrophe"),
            DamageKind::ParenDash => ("` ) ` for a dash", "a dash"),
            DamageKind::AmpQuotes => ("`&` and `8` for quotation marks", "quotation marks"),
            DamageKind::MarkdownLink => {
                ("an HTML anchor turned into a Markdown link", "plain text")
            }
            DamageKind::FieldName => ("a misspelt field name", "the field's name"),
            DamageKind::Digits => (
                "a date-time group with letters OCR read for digits",
                "the digits",
            ),
            // Reported as damaged-paragraph-number, with the same fix.
            DamageKind::Label => continue,
            DamageKind::StraySipdis => continue,
        };
        let found = d.span.text(&cx.doc.text).trim();
        out.push(
            Diagnostic::new(
                d.span,
                "copy-damage",
                format!(
                    "copy damage: `{found}` is {what}; expected {was}: `{}`",
                    d.replacement.trim()
                ),
            )
            .fix(
                format!("Repair: `{}`", d.replacement.trim()),
                vec![TextEdit {
                    span: d.span,
                    text: d.replacement.clone(),
                }],
            ),
        );
    }
}

/// The parser reports damaged paragraph numbers; their repair is the damage's.
pub fn attach_label_fixes(cx: Ctx<'_>, out: &mut [Diagnostic]) {
    for diag in out
        .iter_mut()
        .filter(|d| d.code == "damaged-paragraph-number")
    {
        if let Some(d) = cx
            .doc
            .cable
            .damage
            .iter()
            .find(|d| d.kind == DamageKind::Label && d.span == diag.span)
        {
            diag.fix = Some(super::Fix {
                title: format!("Restore the number: `{}`", d.replacement),
                edits: vec![TextEdit {
                    span: d.span,
                    text: d.replacement.clone(),
                }],
            });
        }
    }
}

/// Every copy-damage repair of the document at once (the "fix all" action).
pub fn repair_all(cx: Ctx<'_>) -> Vec<TextEdit> {
    cx.doc
        .cable
        .damage
        .iter()
        .map(|d| TextEdit {
            span: d.span,
            text: d.replacement.clone(),
        })
        .collect()
}
