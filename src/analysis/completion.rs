//! Completion while drafting: TAGs in the TAGS field, portion marks after a
//! paragraph's label, classification reasons after `1.4 (`, cables of the
//! corpus in a REF item, and in the text the letters of the REF block after
//! `REF` and paragraph numbers after `para`.
//!
//! What is being typed is read from the line before the cursor (a half-typed
//! line may not parse as what it is becoming); the model says where the cursor
//! is (the TAGS field, the REF block) and what can be offered (the banner's
//! level, the REF items, the paragraphs).

use super::navigation::Ctx;
use super::workspace_symbols;
use crate::syntax::lexer::label;
use crate::syntax::{header, ids, reasons, tagtable, CableId, Level, Span};

/// How many cables a REF item's completion offers at most.
pub const MAX_CABLES: usize = 50;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompletionKind {
    Tag,
    Mark,
    Reason,
    RefLetter,
    Paragraph,
    Cable,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    /// What the list shows (`PREL`, `(C)`, `B`, `5`, `08 STATE 4690`).
    pub label: String,
    pub kind: CompletionKind,
    /// A short description beside the label.
    pub detail: Option<String>,
    /// Markdown shown for the selected item.
    pub documentation: Option<String>,
    /// The text that replaces `replace`.
    pub insert: String,
    /// What the client filters the list by (what the user types towards).
    pub filter: String,
    /// The span replaced (on the cursor's line, around the cursor): what was
    /// typed of the item so far and the rest of its word (may be empty).
    pub replace: Span,
}

/// The completions at `offset`, best first, and whether the list is cut short
/// (more typing narrows it: the client should ask again). An item replaces
/// what was typed of it and the rest of the word after the cursor (a TAG, a
/// serial, a mark's letters), so completing inside a word does not double it.
pub fn completions(cx: Ctx<'_>, offset: usize) -> (Vec<Completion>, bool) {
    let text = &*cx.doc.text;
    if offset > text.len() || !text.is_char_boundary(offset) {
        return (vec![], false);
    }
    let (mut items, more) = completions_before(cx, offset);
    let rest = text.as_bytes()[offset..].iter();
    let tail = rest.take_while(|b| b.is_ascii_alphanumeric()).count();
    let own_end = [CompletionKind::Mark, CompletionKind::Reason];
    for c in items.iter_mut().filter(|c| !own_end.contains(&c.kind)) {
        c.replace.end = offset + tail;
    }
    (items, more)
}

/// The completions for what stands before the cursor on its line.
fn completions_before(cx: Ctx<'_>, offset: usize) -> (Vec<Completion>, bool) {
    let text = &*cx.doc.text;
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..offset];
    if let Some(c) = mark(cx, before, offset) {
        return (c, false);
    }
    if in_classified_by(cx, line_start, before) {
        if let Some(c) = reason_letters(text, before, offset) {
            return (c, false);
        }
    }
    if in_tags(cx, line_start, before) {
        return (tags(cx, before, offset), false);
    }
    if in_refs(cx, line_start, before) {
        return ref_cables(cx, before, offset);
    }
    if let Some(c) = ref_letters(cx, before, offset) {
        return (c, false);
    }
    if let Some(c) = paragraphs(cx, before, offset) {
        return (c, false);
    }
    (vec![], false)
}

/// The word being typed at the end of `before` (letters and digits) and where
/// it starts.
fn typed_word(before: &str, offset: usize) -> (&str, Span) {
    let n = before
        .bytes()
        .rev()
        .take_while(u8::is_ascii_alphanumeric)
        .count();
    let w = &before[before.len() - n..];
    (w, Span::new(offset - n, offset))
}

/// What is typed inside an open parenthesis before the cursor (a mark's or
/// a reason's letters), and what an item put there replaces.
struct InParens<'a> {
    /// Before the `(`.
    head: &'a str,
    typed: &'a str,
    /// What was typed, and the letters of one already there up to its `)`
    /// (`(|C)`, `(S|/NF)`).
    replace: Span,
    closed: bool,
}

impl InParens<'_> {
    /// `before` ends in `(` and at most `max` letters (or `/`).
    fn at<'a>(text: &str, before: &'a str, offset: usize, max: usize) -> Option<InParens<'a>> {
        let open = before.rfind('(')?;
        let typed = &before[open + 1..];
        if typed.len() > max || !typed.bytes().all(|b| b.is_ascii_alphabetic() || b == b'/') {
            return None;
        }
        let tail = closed_tail(&text[offset..]);
        Some(InParens {
            head: &before[..open],
            typed,
            replace: Span::new(offset - typed.len(), offset + tail.unwrap_or(0)),
            closed: tail.is_some(),
        })
    }

    /// The text an item `code` puts in: closed by `)` unless one is there.
    fn insert(&self, code: &str) -> String {
        if self.closed {
            code.to_string()
        } else {
            format!("{code})")
        }
    }
}

/// After a paragraph's or sub-paragraph's label (as the parser reads one:
/// `3.`, `B.`, `- 13.`), or the SUBJECT key, an open parenthesis: `3. (`,
/// `B. (S`, `SUBJECT: (`. The marks not above the banner's level, the
/// banner's first.
fn mark(cx: Ctx<'_>, before: &str, offset: usize) -> Option<Vec<Completion>> {
    let p = InParens::at(&cx.doc.text, before, offset, 8)?;
    let head = p.head.trim();
    let up = head.to_ascii_uppercase();
    let labelled = label(head).is_some_and(|l| l.len == head.len());
    if !(labelled || up == "SUBJECT:" || up == "SUBJ:") {
        return None;
    }
    let typed = p.typed;
    let banner = cx.doc.cable.header.banner.as_ref().map(|b| b.level);
    // A `LIMITED OFFICIAL USE` banner's own mark is `(LOU)`.
    let lou = (cx.doc.cable.header.banner.as_ref()).is_some_and(|b| b.limited_official_use());
    let marks: [(&str, Level, &str); 9] = [
        (
            "LOU",
            Level::U,
            "LIMITED OFFICIAL USE (the marking before SBU; ranks as UNCLASSIFIED)",
        ),
        ("TS", Level::TS, "TOP SECRET"),
        ("S", Level::S, "SECRET"),
        (
            "S//NF",
            Level::S,
            "SECRET, not releasable to foreign nationals",
        ),
        ("C", Level::C, "CONFIDENTIAL"),
        (
            "C//NF",
            Level::C,
            "CONFIDENTIAL, not releasable to foreign nationals",
        ),
        (
            "SBU",
            Level::U,
            "SENSITIVE BUT UNCLASSIFIED (ranks as UNCLASSIFIED)",
        ),
        ("U", Level::U, "UNCLASSIFIED"),
        ("U//FOUO", Level::U, "UNCLASSIFIED, for official use only"),
    ];
    let mut out: Vec<(bool, Completion)> = marks
        .iter()
        .filter(|(code, _, _)| lou || *code != "LOU")
        .filter(|(_, l, _)| banner.is_none_or(|b| *l <= b))
        .filter(|(code, _, _)| code.starts_with(&typed.to_ascii_uppercase()))
        .map(|&(code, level, meaning)| {
            let at = match banner {
                Some(b) if level == b => format!("at the banner's level, {}", b.name()),
                Some(b) => format!("below the banner's level, {}", b.name()),
                None => "the cable has no banner to compare with".to_string(),
            };
            let c = Completion {
                label: format!("({code})"),
                kind: CompletionKind::Mark,
                detail: Some(meaning.to_string()),
                documentation: Some(format!("**({code})**: {meaning}\n\n{at}")),
                insert: p.insert(code),
                filter: code.to_string(),
                replace: p.replace,
            };
            (Some(level) == banner && (!lou || code == "LOU"), c)
        })
        .collect();
    // The banner's own mark first (the usual one), then from the highest down.
    out.sort_by_key(|(at_banner, _)| !at_banner);
    Some(out.into_iter().map(|(_, c)| c).collect())
}

/// The letters up to `)` after the cursor, when a `)` closes them: what an
/// item in parentheses (a mark, a reason) replaces besides what was typed.
fn closed_tail(rest: &str) -> Option<usize> {
    let tail = (rest.bytes())
        .take_while(|b| b.is_ascii_alphabetic() || *b == b'/')
        .count();
    rest[tail..].starts_with(')').then_some(tail)
}

/// Is the cursor on the `Classified By` lines (the field, or a line naming
/// its reasons)?
fn in_classified_by(cx: Ctx<'_>, line_start: usize, before: &str) -> bool {
    let up = before.to_ascii_uppercase();
    up.contains("REASON")
        || up.contains("CLASSIFIED BY")
        || (cx.doc.cable.header.classified_by.as_ref())
            .is_some_and(|c| c.span.start <= line_start && line_start <= c.span.end)
}

/// After a reason's section and `(` on the `Classified By` lines (`Reason:
/// 1.4 (`, `1.4 (b), (`, `1.5 (`): the section's reasons not given yet, each
/// with its meaning, in the case of those given (lower case by default, as
/// most cables write them).
fn reason_letters(text: &str, before: &str, offset: usize) -> Option<Vec<Completion>> {
    let p = InParens::at(text, before, offset, 1)?;
    let typed = p.typed;
    let (at, section) = (["1.4", "1.5"].iter())
        .filter_map(|s| p.head.rfind(s).map(|i| (i, *s)))
        .max()?;
    let between = &p.head[at + 3..];
    let listy = |c: char| " ,()&/".contains(c) || c.is_ascii_alphabetic();
    if between.len() > 40 || !between.chars().all(listy) {
        return None;
    }
    let given: Vec<char> = (between.split(|c: char| !c.is_ascii_alphanumeric()))
        .filter(|w| w.len() == 1)
        .filter_map(|w| w.chars().next())
        .collect();
    let upper = typed
        .chars()
        .chain(given.iter().copied())
        .next()
        .is_some_and(|c| c.is_ascii_uppercase());
    let out = reasons::reasons(section)
        .filter(|(c, _)| !given.iter().any(|g| g.eq_ignore_ascii_case(c)))
        .filter(|(c, _)| typed.is_empty() || typed.eq_ignore_ascii_case(&c.to_string()))
        .map(|(c, meaning)| {
            let c = if upper { c.to_ascii_uppercase() } else { c };
            Completion {
                label: format!("({c})"),
                kind: CompletionKind::Reason,
                detail: Some(meaning.to_string()),
                documentation: Some(format!("**{section} ({c})**: {meaning}")),
                insert: p.insert(&c.to_string()),
                filter: c.to_string(),
                replace: p.replace,
            }
        })
        .collect();
    Some(out)
}

/// Is the cursor in the TAGS field (its line, or a line it wraps onto)?
fn in_tags(cx: Ctx<'_>, line_start: usize, before: &str) -> bool {
    let up = before.trim_start().to_ascii_uppercase();
    if up.starts_with("TAGS") || up.starts_with("TAG:") {
        return true;
    }
    let h = &cx.doc.cable.header;
    let body_start = cx.doc.cable.body.span.start;
    h.tags
        .as_ref()
        .is_some_and(|t| t.span.start < line_start && line_start <= t.span.end)
        && (line_start < body_start || cx.doc.cable.body.span.is_empty())
}

/// The TAGs that start with the word being typed, but those already in the
/// field; the meaning beside each.
fn tags(cx: Ctx<'_>, before: &str, offset: usize) -> Vec<Completion> {
    let (word, replace) = typed_word(before, offset);
    let up = word.to_ascii_uppercase();
    let have: Vec<&str> = (cx.doc.cable.header.tags.iter())
        .flat_map(|t| &t.items)
        .filter(|t| !t.span.touches(offset))
        .map(|t| t.text.as_str())
        .collect();
    let mut out: Vec<Completion> = tagtable::all()
        .filter(|(tag, _)| tag.starts_with(&up) && !have.contains(tag))
        .map(|(tag, info)| Completion {
            label: tag.to_string(),
            kind: CompletionKind::Tag,
            detail: Some(info.meaning.to_string()),
            documentation: Some(format!("**{tag}** ({} TAG): {}", info.kind, info.meaning)),
            insert: tag.to_string(),
            filter: tag.to_string(),
            replace,
        })
        .collect();
    out.sort_by(|a, b| a.label.cmp(&b.label));
    out
}

/// Is the cursor in the header's REF block: on its heading's line, or on a
/// line of the block (a new item being typed at its end counts)?
fn in_refs(cx: Ctx<'_>, line_start: usize, before: &str) -> bool {
    header::starts_ref_field(before.trim_start())
        || cx
            .doc
            .cable
            .header
            .references
            .as_ref()
            .is_some_and(|r| r.span.start <= line_start && line_start <= r.span.end)
}

/// A cable being typed in a REF item (`STATE 46`, `08 BERLIN`, `SECSTATE 4`):
/// the corpus's cables whose origin starts with the words typed and whose
/// serial starts with the digits, as `YY ORIGIN SERIAL`.
fn ref_cables(cx: Ctx<'_>, before: &str, offset: usize) -> (Vec<Completion>, bool) {
    let Some((typed, year, origin, digits)) = typed_cable(before) else {
        return (vec![], false);
    };
    let origin = ids::normalize_origin(origin);
    // A serial is often written with its leading zeros (`STATE 000139`).
    let digits = digits.trim_start_matches('0');
    if origin.len() < 2 {
        return (vec![], false);
    }
    let own = cx.own_id();
    let query = format!("{}{origin}{digits}", year.unwrap_or(""));
    // Ids holding the query whole come first in a search; more are asked for
    // than kept, as an origin may also stand inside another's name.
    let hits = workspace_symbols::search(cx.index, &query, MAX_CABLES * 4, &|| false);
    let mut out = Vec::new();
    let mut more = hits.len() == MAX_CABLES * 4;
    for h in hits {
        let r = &h.record;
        let Some(id) = r.id.as_deref().and_then(ids::parse_compact_id) else {
            continue;
        };
        let fits = id.origin.starts_with(&origin)
            && id.serial.to_string().starts_with(digits)
            && year.is_none_or(|y| format!("{:02}", id.year % 100) == y);
        if !fits || own.as_deref() == r.id.as_deref() {
            continue;
        }
        if out.len() == MAX_CABLES {
            more = true;
            break;
        }
        out.push(cable_item(&id, r, year.is_some(), typed, offset));
    }
    (out, more)
}

/// The cable being typed at the end of a REF line: a year (optional), the
/// origin's words, digits (optional); with the text it spans.
fn typed_cable(before: &str) -> Option<(&str, Option<&str>, &str, &str)> {
    // What follows the heading or the item's bullet.
    let mut s = before.trim_start();
    if let Some(colon) = s.find(':').filter(|&c| c < 12) {
        s = s[colon + 1..].trim_start();
    }
    let b = s.as_bytes();
    let bullet = match b {
        [b'(' | b'[', l, b')' | b']', ..] if l.is_ascii_alphabetic() => 3,
        [l, b'.' | b')', ..] if l.is_ascii_alphabetic() => 2,
        _ => 0,
    };
    let s = s[bullet..].trim_start();
    let digits = s.bytes().rev().take_while(u8::is_ascii_digit).count();
    let (rest, serial) = s.split_at(s.len() - digits);
    let rest = rest.trim_end();
    let (year, origin) = match rest.split_once(' ') {
        Some((y, o)) if (y.len() == 2 || y.len() == 4) && y.bytes().all(|c| c.is_ascii_digit()) => {
            (Some(&y[y.len() - 2..]), o.trim_start())
        }
        _ => (None, rest),
    };
    let ok = !origin.is_empty()
        && origin.len() <= 24
        && origin
            .bytes()
            .all(|c| c.is_ascii_alphabetic() || c == b' ' || c == b'-')
        && (digits == 0 || rest.len() < s.len() - digits);
    ok.then_some((s, year, origin, serial))
}

fn cable_item(
    id: &CableId,
    r: &crate::corpus::CableRecord,
    with_year: bool,
    typed: &str,
    offset: usize,
) -> Completion {
    let written = format!("{:02} {} {}", id.year % 100, id.origin, id.serial);
    let mut doc = format!("**{id}**");
    if let Some(l) = r.level {
        doc.push_str(&format!(" · {}", l.name()));
    }
    if let Some(d) = &r.date {
        doc.push_str(&format!("\n\n{d}"));
    }
    if let Some(s) = &r.subject {
        doc.push_str(&format!("\n\n*{}*", s.trim()));
    }
    Completion {
        label: written.clone(),
        kind: CompletionKind::Cable,
        detail: r.subject.as_ref().map(|s| s.trim().to_string()),
        documentation: Some(doc),
        filter: if with_year {
            written.clone()
        } else {
            format!("{} {}", id.origin, id.serial)
        },
        insert: written,
        replace: Span::new(offset - typed.len(), offset),
    }
}

/// Does `before` end with one of `words` and spaces, then the word being
/// typed? Returns that word and its span.
fn after_word<'a>(before: &'a str, offset: usize, words: &[&str]) -> Option<(&'a str, Span)> {
    let (word, span) = typed_word(before, offset);
    let head = &before[..before.len() - word.len()];
    let trimmed = head.trim_end();
    if trimmed.len() == head.len() {
        return None;
    }
    let n = trimmed
        .bytes()
        .rev()
        .take_while(|b| b.is_ascii_alphabetic() || *b == b'.')
        .count();
    let prev = trimmed[trimmed.len() - n..].trim_end_matches('.');
    words
        .iter()
        .any(|w| prev.eq_ignore_ascii_case(w))
        .then_some((word, span))
}

/// In the text after `REF` or `REFS`: the REF block's lettered items.
fn ref_letters(cx: Ctx<'_>, before: &str, offset: usize) -> Option<Vec<Completion>> {
    let (word, replace) = after_word(before, offset, &["REF", "REFS"])?;
    if word.len() > 1 {
        return None;
    }
    let items = &cx.doc.cable.header.references.as_ref()?.items;
    let out = items
        .iter()
        .filter_map(|i| Some((i.bullet?, i)))
        .filter(|(b, _)| word.is_empty() || word.eq_ignore_ascii_case(&b.to_string()))
        .map(|(b, i)| {
            let subject = (i.ids.first())
                .and_then(|id| cx.index.by_id(&id.to_string()).first().cloned())
                .and_then(|r| r.subject.clone());
            let mut doc = format!("**REF {b}**: {}", i.text);
            if let Some(s) = &subject {
                doc.push_str(&format!("\n\n*{}*", s.trim()));
            }
            Completion {
                label: b.to_string(),
                kind: CompletionKind::RefLetter,
                detail: Some(i.text.clone()),
                documentation: Some(doc),
                insert: b.to_string(),
                filter: b.to_string(),
                replace,
            }
        })
        .collect();
    Some(out)
}

/// In the text after `para`, `paras`, `paragraph`: the paragraphs' numbers,
/// each with its first words.
fn paragraphs(cx: Ctx<'_>, before: &str, offset: usize) -> Option<Vec<Completion>> {
    let (word, replace) = after_word(
        before,
        offset,
        &["PARA", "PARAS", "PARAGRAPH", "PARAGRAPHS"],
    )?;
    if !word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let paras = &cx.doc.cable.body.paragraphs;
    // The paragraph being written (the cursor in it, or after it on its lines).
    let own = paras
        .iter()
        .rposition(|p| p.span.start <= offset)
        .filter(|&i| {
            let end = paras[i].span.end.min(offset);
            !cx.doc.text[end..offset].contains("\n\n")
        });
    let out = (paras.iter().enumerate())
        .filter(|(i, _)| Some(*i) != own)
        .map(|(_, p)| p)
        .filter(|p| p.number.to_string().starts_with(word))
        .map(|p| Completion {
            label: p.number.to_string(),
            kind: CompletionKind::Paragraph,
            detail: Some(p.lead.clone()),
            documentation: Some(format!("**Paragraph {}**: {}", p.number, p.lead)),
            insert: p.number.to_string(),
            filter: p.number.to_string(),
            replace,
        })
        .collect();
    Some(out)
}
