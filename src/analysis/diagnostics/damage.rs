//! Copy damage: `,s` for an apostrophe, ` ) ` for a dash, `&...8` quotes, `[X](#)`
//! links, damaged paragraph numbers, Markdown's marks and HTML tags; each with
//! its repair.

use super::{Diagnostic, TextEdit};
use crate::analysis::navigation::Ctx;
use crate::syntax::{DamageKind, Span};

/// A copy-damage diagnostic at `span`, its fix (titled `title`) writing
/// `repair` there.
fn repaired(span: Span, message: String, title: String, repair: String) -> Diagnostic {
    Diagnostic::new(span, "copy-damage", message).fix(title, vec![TextEdit { span, text: repair }])
}

pub fn check(cx: Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for d in &cx.doc.cable.damage {
        if d.kind == DamageKind::StraySipdis {
            out.push(repaired(
                d.span,
                "copy damage: `SIPDIS` is a handling word the cable system inserted into the text: expected the sentence without it".into(),
                "Remove `SIPDIS`".into(),
                String::new(),
            ));
            continue;
        }
        let (what, was) = match d.kind {
            DamageKind::CommaApostrophe => ("a comma for an apostrophe", "an apostrophe"),
            DamageKind::ParenDash => ("a closing parenthesis for a dash", "a dash"),
            DamageKind::AmpQuotes => (
                "a quotation mark the copy wrote as `&` (opening) or `8` (closing)",
                "a quotation mark",
            ),
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
        out.push(repaired(
            d.span,
            format!(
                "copy damage: `{found}` is {what}; expected {was}: `{}`",
                d.replacement.trim()
            ),
            format!("Repair: `{}`", d.replacement.trim()),
            d.replacement.clone(),
        ));
    }
}

/// Markdown's escapes, bold and block quotes' marks (`3\.`, `\[Source
/// removed\]`, `**SUBJECT:**`, `> ` opening a line), which the parser reads as
/// the plain text (see
/// [`crate::syntax::text::without_markdown_marks`]): each reported with its
/// repair, the backslash or the asterisks removed.
pub fn markdown_marks(cx: Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let text = cx.doc.text.as_bytes();
    for (at, _) in crate::syntax::text::markdown_marks(&cx.doc.text) {
        let span = Span::new(at, at + 2);
        // A mark is `\X` (the X kept), `**` (removed) or a quote's `>` (removed,
        // with the blank after it unless that ends the line).
        let (found, what, repair) = match text[at] {
            b'\\' => {
                let c = text[at + 1] as char;
                (format!("\\{c}"), "a Markdown escape", c.to_string())
            }
            b'>' => {
                let after = text[at + 1] as char;
                let keep = if matches!(after, '\n' | '\r') {
                    after.to_string()
                } else {
                    String::new()
                };
                (">".to_string(), "a Markdown block quote's mark", keep)
            }
            _ => ("**".to_string(), "Markdown bold", String::new()),
        };
        let repair_shown = repair.trim().to_string();
        out.push(repaired(
            span,
            format!(
                "copy damage: `{found}` is {what} left by a conversion from HTML; expected the plain text{}",
                if repair_shown.is_empty() { String::new() } else { format!(": `{repair_shown}`") }
            ),
            if repair_shown.is_empty() {
                format!("Remove `{found}`")
            } else {
                format!("Repair: `{repair_shown}`")
            },
            repair,
        ));
    }
}

/// HTML tags a web page's copy left at lines' ends (`<br>`, `<pre>`,
/// `</pre>`), which the parser reads as spaces (see
/// [`crate::syntax::html::html_tags`]): each reported with its removal.
pub fn html_tags(cx: Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for (start, end) in crate::syntax::html::html_tags(&cx.doc.text) {
        let span = Span::new(start, end);
        let tag = &cx.doc.text[start..end];
        out.push(repaired(
            span,
            format!("copy damage: `{tag}` is an HTML tag left by a copy of a web page; expected the plain text without it"),
            format!("Remove `{tag}`"),
            String::new(),
        ));
    }
}

/// The entities of no-break spaces a web page's copy left undecoded
/// (`&nbsp;`), which the parser reads as spaces (see
/// [`crate::syntax::html::nbsp_entities`]): each reported with its repair, a
/// space.
pub fn nbsp_entities(cx: Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for at in crate::syntax::html::nbsp_entities(&cx.doc.text) {
        let span = Span::new(at, at + 6);
        let found = &cx.doc.text[at..at + 6];
        out.push(repaired(
            span,
            format!("copy damage: `{found}` is the HTML entity of a no-break space, left by a copy of a web page; expected a space"),
            format!("Repair: a space for `{found}`"),
            " ".to_string(),
        ));
    }
}

/// The `Â` a copy's mojibake puts before a no-break space or a `¶` (see
/// [`crate::syntax::text::mojibake_marks`]), which the parser reads as
/// spaces: each reported with its removal.
pub fn mojibake(cx: Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for at in crate::syntax::text::mojibake_marks(&cx.doc.text) {
        let span = Span::new(at, at + 2);
        let next = cx.doc.text[at + 2..].chars().next().unwrap_or(' ');
        let shown = if next == '\u{a0}' {
            "a no-break space".to_string()
        } else {
            format!("`{next}`")
        };
        out.push(repaired(
            span,
            format!("copy damage: `Â` before {shown} is mojibake, left by a copy that read the text's UTF-8 as Windows-1252; expected {shown} alone"),
            "Remove `Â`".into(),
            String::new(),
        ));
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
