//! Rename a REF item's letter or a paragraph's number, with every citation of
//! it in the text: `REF B` -> `REF C` in the REF block and at each `REF B`;
//! paragraph 3 -> 4 at its label and at each `para 3` of this cable.

use super::cursor::{element_at, Element};
use super::diagnostics::TextEdit;
use super::navigation::Ctx;
use crate::syntax::{Cable, CitationKind, Paragraph, RefItem, Span};

/// What a rename at the cursor would change: the letter or number under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Renamable {
    /// The letter or digits at the cursor.
    pub span: Span,
    /// What stands there now (`B`, `3`).
    pub placeholder: String,
}

/// What a rename can act on.
enum Subject<'a> {
    Letter(&'a RefItem, char),
    Number(&'a Paragraph),
}

const NOTHING: &str = "nothing to rename here: expected a REF item's letter (`B.`, `REF B`) \
                       or a paragraph's number (`3.`, `para 3`)";

/// The letter or number a rename at `offset` would change, with its range.
pub fn prepare(cx: Ctx<'_>, offset: usize) -> Result<Renamable, String> {
    let text = &*cx.doc.text;
    let (subject, span) = subject_at(cx, offset)?;
    let span = match subject {
        // The letter or digits inside what the cursor is on.
        Subject::Letter(_, l) => char_in(text, span, l).ok_or(NOTHING)?,
        Subject::Number(p) => digits_in(text, span, p.number).ok_or_else(|| {
            if span == p.label_span {
                damaged(text, p)
            } else {
                format!("para {} stands inside a range here: expected a cursor on its label or a `para {}` of its own", p.number, p.number)
            }
        })?,
    };
    Ok(Renamable {
        span,
        placeholder: span.text(text).to_string(),
    })
}

/// The edits renaming the letter or number at `offset` to `new_name`, or why
/// it cannot be done.
pub fn rename(cx: Ctx<'_>, offset: usize, new_name: &str) -> Result<Vec<TextEdit>, String> {
    let c = &*cx.doc.cable;
    let text = &*cx.doc.text;
    let (subject, _) = subject_at(cx, offset)?;
    let new_name = new_name.trim();
    let mut edits = Vec::new();
    match subject {
        Subject::Letter(item, old) => {
            let new = match new_name.as_bytes() {
                [b] if b.is_ascii_alphabetic() => b.to_ascii_uppercase() as char,
                _ => {
                    return Err(format!(
                        "`{new_name}` is no REF letter: expected one letter, A to Z"
                    ))
                }
            };
            let items = c.header.references.iter().flat_map(|r| &r.items);
            if let Some(other) = items
                .clone()
                .find(|i| i.bullet == Some(new) && !std::ptr::eq(*i, item))
            {
                return Err(format!(
                    "REF {new} already names `{}`: expected a letter no other REF item has",
                    other.text.trim()
                ));
            }
            let bullet = item.bullet_span.and_then(|s| char_in(text, s, old));
            edits.extend(bullet.map(|span| letter_edit(text, span, new)));
            for cit in c.citations.iter().filter(|x| x.kind == CitationKind::Ref) {
                // The letter ends the citation (`REF B`, `refs A and B`); a
                // range's inner letters (`REFS A-E`) are not written.
                let letter =
                    last_letter(text, cit.span).filter(|s| char_in(text, *s, old).is_some());
                if let Some(span) = letter.filter(|_| cit.target.starts_with(old)) {
                    edits.push(letter_edit(text, span, new));
                }
            }
        }
        Subject::Number(p) => {
            let new: u32 = match new_name.parse() {
                Ok(n) if (1..=999).contains(&n) && !new_name.starts_with(['+', '0']) => n,
                _ => {
                    return Err(format!(
                        "`{new_name}` is no paragraph number: expected 1 to 999"
                    ))
                }
            };
            let label = digits_in(text, p.label_span, p.number).ok_or_else(|| damaged(text, p))?;
            edits.push(TextEdit {
                span: label,
                text: new.to_string(),
            });
            edits.extend(para_citations(c, text, p.number).map(|span| TextEdit {
                span,
                text: new.to_string(),
            }));
        }
    }
    edits.sort_by_key(|e| e.span.start);
    edits.dedup_by_key(|e| e.span);
    Ok(edits)
}

/// The REF letter or paragraph under the cursor, and the span to look in.
fn subject_at(cx: Ctx<'_>, offset: usize) -> Result<(Subject<'_>, Span), String> {
    let c = &*cx.doc.cable;
    match element_at(cx.doc, offset).ok_or(NOTHING)? {
        Element::RefItem(item) => match (item.bullet, item.bullet_span) {
            (Some(l), Some(s)) if s.touches(offset) => Ok((Subject::Letter(item, l), s)),
            _ => Err(NOTHING.into()),
        },
        // The letter or number written at the citation's end (`REFS A-E`
        // stands for B, C and D too, with no letters of their own).
        Element::Citation(cit) if cit.kind == CitationKind::Ref => {
            let text = &*cx.doc.text;
            let letter = last_letter(text, cit.span).ok_or(NOTHING)?;
            let l = letter.text(text).chars().next().ok_or(NOTHING)?;
            let l = l.to_ascii_uppercase();
            let item = lettered_item(c, l).ok_or_else(|| {
                format!("REF {l} names no lettered REF item: expected a letter of the REF block")
            })?;
            Ok((Subject::Letter(item, l), letter))
        }
        Element::Citation(cit) if cit.kind == CitationKind::Para && cit.of.is_none() => {
            let text = &*cx.doc.text;
            let digits = last_digits(text, cit.span).ok_or(NOTHING)?;
            let n: u32 = digits.text(text).parse().map_err(|_| NOTHING)?;
            let p = (c.body.paragraphs.iter().find(|p| p.number == n))
                .ok_or_else(|| format!("para {n} names no paragraph of this cable"))?;
            Ok((Subject::Number(p), digits))
        }
        Element::ParagraphLabel(p) => Ok((Subject::Number(p), p.label_span)),
        _ => Err(NOTHING.into()),
    }
}

fn lettered_item(c: &Cable, l: char) -> Option<&RefItem> {
    (c.header.references.iter().flat_map(|r| &r.items)).find(|i| i.bullet == Some(l))
}

/// The own `para n` citations' numbers (a range's inner members, which have
/// no digits of their own, are left as written).
fn para_citations<'a>(c: &'a Cable, text: &'a str, n: u32) -> impl Iterator<Item = Span> + 'a {
    (c.citations.iter())
        .filter(move |x| {
            x.kind == CitationKind::Para && x.of.is_none() && x.target == n.to_string()
        })
        .filter_map(move |x| last_digits(text, x.span).filter(|d| d.text(text).parse() == Ok(n)))
}

/// The digits that end `span`.
fn last_digits(text: &str, span: Span) -> Option<Span> {
    let s = span.text(text);
    let n = s.len() - s.trim_end_matches(|ch: char| ch.is_ascii_digit()).len();
    (n > 0).then(|| Span::new(span.end - n, span.end))
}

/// The letter that ends `span`.
fn last_letter(text: &str, span: Span) -> Option<Span> {
    let s = span.text(text);
    (s.ends_with(|ch: char| ch.is_ascii_alphabetic())).then(|| Span::new(span.end - 1, span.end))
}

/// Where `l` (any case) stands in `span`.
fn char_in(text: &str, span: Span, l: char) -> Option<Span> {
    let s = span.text(text);
    let at = s.find(|ch: char| ch.eq_ignore_ascii_case(&l))?;
    Some(Span::new(span.start + at, span.start + at + 1))
}

/// The run of digits in `span` that reads `n`.
fn digits_in(text: &str, span: Span, n: u32) -> Option<Span> {
    let s = span.text(text);
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            if s[start..i].parse() == Ok(n) {
                return Some(Span::new(span.start + start, span.start + i));
            }
        } else {
            i += 1;
        }
    }
    None
}

/// A letter in the case it replaces.
fn letter_edit(text: &str, span: Span, new: char) -> TextEdit {
    let lower = span.text(text).chars().all(|c| c.is_ascii_lowercase());
    TextEdit {
        span,
        text: if lower { new.to_ascii_lowercase() } else { new }.to_string(),
    }
}

fn damaged(text: &str, p: &Paragraph) -> String {
    format!(
        "paragraph {}'s label `{}` was damaged in the copy: expected its number written plainly to rename it",
        p.number,
        p.label_span.text(text).trim()
    )
}
