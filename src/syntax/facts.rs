//! What the parser knows of each line on its own: the per-line half of parsing.
//!
//! A line's facts depend only on that line and its neighbours (the line before and
//! after), so an edit recomputes the facts of the lines it touches and reuses the
//! rest. [`crate::syntax::body`] and the citation and damage passes assemble the
//! model from them.

use super::citations::{self, RawCitation};
use super::damage;
use super::header::{is_banner_line, is_cut_section_banner, key_at_pub};
use super::lexer::{label, list_marker, LabelDamage, LabelValue, LineInfo};
use super::marking::mark_at;
use super::model::{Damage, MarkAt};
use super::text::Span;

/// A paragraph or bullet label at the start of a line.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelFact {
    pub value: LabelValue,
    pub damage: Option<LabelDamage>,
    pub span: Span,
    /// The portion mark right after the label.
    pub mark: Option<MarkAt>,
    pub list_item: bool,
    /// Its line is longer than a telegram's lines are wrapped to
    /// ([`WHOLE_LINE`]): the copy does not wrap, the line holds a whole
    /// paragraph, and a number at its start is the paragraph's.
    pub whole_line: bool,
    /// Nothing follows it on its line (`3.` alone: its mark and text may be
    /// on the next).
    pub alone: bool,
}

/// A line of this many bytes or more is no telegram line wrapped at 69
/// characters: it comes from a copy that does not wrap.
pub const WHOLE_LINE: usize = 150;

/// A block opener (`BEGIN X`, `X:`) or closer (`END X`).
#[derive(Debug, Clone, PartialEq)]
pub struct BlockEvent {
    pub span: Span,
    pub close: bool,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct LineFacts {
    /// Where the line's text is, and what says where the body ends.
    pub shape: Shape,
    pub label: Option<LabelFact>,
    /// Ends like a sentence or a lead-in (`.`, `:`, `)`, `"`).
    pub ends_sentence: bool,
    /// Reads like a heading (title case, short, no full stop).
    pub heading_text: bool,
    /// Starts a talking point (`--`).
    pub tp_start: bool,
    /// A list item with no label (`- BACKGROUND: ...`): where a lost paragraph
    /// number may have stood; the list marker's length.
    pub lost_label: Option<usize>,
    /// The first capital portion mark on the line (a displaced mark).
    pub first_mark: Option<MarkAt>,
    /// Portion marks on the line, and whether each passes as a mark in running text.
    pub marks: Vec<(MarkAt, bool)>,
    pub blocks: Vec<BlockEvent>,
    pub damage: Vec<Damage>,
    /// Citations that start on this line (read with the next line, for wraps).
    pub citations: Vec<RawCitation>,
}

impl LineFacts {
    /// Moves every offset by `delta` bytes (for lines after an edit).
    pub fn shift(&mut self, delta: isize) {
        self.spans_mut(&mut |x| *x = x.shifted(delta));
    }

    /// Calls `f` on every span the facts hold.
    pub fn spans_mut(&mut self, f: &mut impl FnMut(&mut Span)) {
        if let Some(c) = self.shape.content.as_mut() {
            f(c);
        }
        if let Some(l) = self.label.as_mut() {
            f(&mut l.span);
            if let Some(m) = l.mark.as_mut() {
                f(&mut m.span);
            }
        }
        if let Some(m) = self.first_mark.as_mut() {
            f(&mut m.span);
        }
        for (m, _) in &mut self.marks {
            f(&mut m.span);
        }
        for b in &mut self.blocks {
            f(&mut b.span);
        }
        for d in &mut self.damage {
            f(&mut d.span);
        }
        for c in &mut self.citations {
            f(&mut c.span);
        }
    }

    /// The facts the body is built from: all but the line's damage and
    /// citations (which the model lists line by line).
    pub fn structure(&self) -> LineFacts {
        LineFacts {
            shape: self.shape,
            label: self.label.clone(),
            ends_sentence: self.ends_sentence,
            heading_text: self.heading_text,
            tp_start: self.tp_start,
            lost_label: self.lost_label,
            first_mark: self.first_mark.clone(),
            marks: self.marks.clone(),
            blocks: self.blocks.clone(),
            damage: Vec::new(),
            citations: Vec::new(),
        }
    }
}

/// The facts of line `i`.
pub fn line_facts(text: &str, infos: &[LineInfo], i: usize) -> LineFacts {
    let info = &infos[i];
    let mut f = LineFacts::default();
    for seg in &info.segs {
        damage::scan_seg(text, *seg, &mut f.damage);
    }
    f.citations = citations::scan_line(text, infos, i);
    f.shape = shape_of(text, info);
    let Some(sp) = f.shape.content else {
        return f;
    };
    let s = sp.text(text);
    // A sentence's end, also a question's or one in typographic quotes
    // (`... relating to the poor.”`).
    f.ends_sentence =
        (s.trim_end()).ends_with(['.', ':', ')', '"', '?', '!', '\u{201d}', '\u{2019}']);
    if let Some(lb) = label(s) {
        let after = &s[lb.len..];
        let trimmed = after.trim_start();
        let mstart = sp.start + lb.len + (after.len() - trimmed.len());
        let mark = mark_at(trimmed)
            .map(|(m, len)| MarkAt {
                span: Span::new(mstart, mstart + len),
                mark: m,
            })
            .or_else(|| mark_cut_at_line_end(text, infos, i, trimmed, mstart));
        f.label = Some(LabelFact {
            value: lb.value,
            damage: lb.damage,
            span: Span::new(sp.start, sp.start + lb.len),
            mark,
            list_item: lb.list_item,
            whole_line: sp.len() >= WHOLE_LINE,
            alone: trimmed.trim_end().is_empty(),
        });
    }
    f.heading_text = is_heading_text(s);
    let lm = list_marker(s);
    f.tp_start = s[lm..].starts_with("--") && !s[lm..].starts_with("---");
    if lm > 0
        && !s[lm..].starts_with("--")
        && s[lm..].starts_with(|c: char| c.is_uppercase())
        && f.label.is_none()
    {
        f.lost_label = Some(lm);
        f.first_mark = find_mark_in(text, sp);
    }
    f.marks = line_marks(s, sp);
    f.blocks = block_events(s, sp);
    f
}

/// The facts that say where the body and its trailer start and end (all that
/// [`super::body::body_extent`] reads).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Shape {
    /// The text of the line, noise cut out (None: blank or all noise).
    pub content: Option<Span>,
    /// A decoration rule (`------`).
    pub rule: bool,
    /// NNNN, "End Cable Text", scraped-page junk.
    pub trailer_start: bool,
    /// A banner line: `Some(true)` when it names a section.
    pub banner: Option<bool>,
    /// A header field or a handling caption (part of a repeated section header).
    pub header_like: bool,
    /// The classification alone (`CONFIDENTIAL`, `SECRET//NOFORN`): a
    /// printout's page head or foot.
    pub level_only: bool,
}

/// A line's [`Shape`].
pub fn shape_of(text: &str, info: &LineInfo) -> Shape {
    let Some(sp) = info.content_span() else {
        return Shape::default();
    };
    let s = sp.text(text);
    Shape {
        content: Some(sp),
        rule: is_rule(s),
        trailer_start: info.first().is_some_and(|x| is_trailer_start(x.text(text))),
        banner: (s.len() < 120)
            .then(|| {
                is_banner_line(text, sp)
                    .map(|b| b.section.is_some())
                    .or(is_cut_section_banner(s).then_some(true))
            })
            .flatten(),
        header_like: key_at_pub(s)
            || (s.len() <= 80 && !s.chars().any(|c| c.is_lowercase()) && label(s).is_none()),
        level_only: super::lexer::is_lone_level(s),
    }
}

/// The portion marks of a line, each with whether it passes as a mark in running
/// text (lower-case or single-letter marks only where a mark can stand).
fn line_marks(s: &str, sp: Span) -> Vec<(MarkAt, bool)> {
    let mut out = Vec::new();
    for (p, _) in s.match_indices('(') {
        let at = sp.start + p;
        let Some((m, len)) = mark_at(&s[p..]) else {
            continue;
        };
        let before = s[..p].trim_end();
        let after = s[p + len..].trim_start();
        let single = m.text.trim().len() == 1;
        let lower = m.text.chars().any(|c| c.is_lowercase());
        let at_start = before.is_empty() || list_marker(s) == p;
        let trailing = after.is_empty() || after == "." || after.starts_with("$\\,$");
        let after_sentence = before.ends_with(['.', ':', ')', '"']) || before.ends_with("--");
        let ok = if lower {
            at_start && (!single || after.starts_with(|c: char| c.is_alphabetic()))
        } else if single {
            at_start || trailing || after_sentence
        } else {
            true
        };
        // Enumerations `(A) ... (B) ... (C)` are not marks.
        let ok = ok
            && !(single
                && (s.contains("(B)") || s.contains("(b)") || s.contains("(D)"))
                && !trailing);
        out.push((
            MarkAt {
                span: Span::new(at, at + len),
                mark: m,
            },
            ok,
        ));
    }
    out
}

/// Block openers and closers on a line, in text order.
fn block_events(s: &str, sp: Span) -> Vec<BlockEvent> {
    // Every event has an `END `, a `BEGIN ` or a `:`: most lines have none.
    let has = |w: &[u8]| (s.as_bytes().windows(w.len())).any(|x| x.eq_ignore_ascii_case(w));
    if !s.contains(':') && !has(b"END ") && !has(b"BEGIN ") {
        return Vec::new();
    }
    let up = s.to_ascii_uppercase();
    let mut events: Vec<(usize, bool, String, usize)> = Vec::new(); // (at, is_close, name, len)
                                                                    // Closers: END NAME
    let mut from = 0;
    while let Some(p) = up[from..].find("END ") {
        let at = from + p;
        from = at + 4;
        if at > 0 && up.as_bytes()[at - 1].is_ascii_alphanumeric() {
            continue;
        }
        let rest = &up[at + 4..];
        let name: String = rest
            .chars()
            .take(48)
            .take_while(|c| c.is_ascii_alphabetic() || *c == ' ' || *c == '/' || *c == '-')
            .collect();
        let name = name.trim().to_string();
        if name.is_empty() || name.split_whitespace().count() > 4 {
            continue;
        }
        let len = 4 + rest
            .chars()
            .take(48)
            .take_while(|c| c.is_ascii_alphabetic() || *c == ' ' || *c == '/' || *c == '-')
            .map(char::len_utf8)
            .sum::<usize>();
        let mut len = len.min(s.len() - at);
        let tail = &s[at + len..];
        let extra = tail.len() - tail.trim_start_matches(['.', ')', ':']).len();
        len += extra;
        events.push((at, true, name, len));
    }
    // Openers: BEGIN NAME, and NAME: at the start of the text (after a label/mark) or after "(".
    let mut from = 0;
    while let Some(p) = up[from..].find("BEGIN ") {
        let at = from + p;
        from = at + 6;
        if at > 0 && up.as_bytes()[at - 1].is_ascii_alphanumeric() {
            continue;
        }
        let name: String = up[at + 6..]
            .chars()
            .take(48)
            .take_while(|c| c.is_ascii_alphabetic() || *c == ' ' || *c == '/' || *c == '-')
            .collect();
        let name = name.trim().to_string();
        if !name.is_empty() {
            events.push((at, false, name, 5));
        }
    }
    let content_start = {
        let mut c = 0;
        if let Some(lb) = label(s) {
            c = lb.len;
        }
        let t = s[c..].trim_start();
        c = s.len() - t.len();
        if let Some((_, len)) = mark_at(t) {
            c += len;
        }
        c + (s[c..].len() - s[c..].trim_start().len())
    };
    for at in [content_start, s.find('(').map_or(usize::MAX, |p| p + 1)] {
        if at >= s.len() {
            continue;
        }
        // The name from its first letter (`( NOTE:`; a no-break space reads
        // as two spaces here, so a span from before it would cut it).
        let at = at + (up[at..].len() - up[at..].trim_start_matches(' ').len());
        let rest = &up[at..];
        let name: String = rest
            .chars()
            .take(48)
            .take_while(|c| c.is_ascii_alphabetic() || *c == ' ' || *c == '/')
            .collect();
        let after = &rest[name.len()..];
        let name = name.trim().to_string();
        if after.starts_with(':')
            && !name.is_empty()
            && name.split_whitespace().count() <= 4
            && !name.starts_with("BEGIN ")
            && !name.starts_with("END")
        {
            // Mixed case (`Note:`) and all caps both count.
            events.push((at, false, name, rest.len().min(1)));
        }
    }
    events.sort_by_key(|e| (e.0, e.1));
    events
        .into_iter()
        .map(|(at, close, name, len)| BlockEvent {
            span: Span::new(sp.start + at, sp.start + at + len),
            close,
            name,
        })
        .collect()
}

/// A line drawn under a heading or between parts: three marks or more (`---`,
/// `===`, `***`), also broken by a space as the cable system breaks a long one
/// (`----- --------`), or two dashes or more of the kinds a word processor
/// makes of hyphens (`———`, from `------`).
pub fn is_rule(s: &str) -> bool {
    let long = |c: char| {
        matches!(
            c,
            '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2500}' | '\u{2501}' | '\u{2550}'
        )
    };
    // Every line of every cable is asked: most fail at their first character.
    let drawn = |c: char| matches!(c, '-' | '_' | '=' | '*' | '/' | ' ') || long(c);
    if s.starts_with(' ') || !s.chars().all(drawn) {
        return false;
    }
    let marks = s.chars().filter(|&c| c != ' ').count();
    marks >= if s.chars().any(long) { 2 } else { 3 }
}

fn starts_ci(s: &str, w: &str) -> bool {
    s.len() >= w.len() && s.as_bytes()[..w.len()].eq_ignore_ascii_case(w.as_bytes())
}

pub fn is_trailer_start(s: &str) -> bool {
    let t = s.trim();
    t == "NNNN"
        // The end of a message in the 1970s printouts.
        || t == "NNN"
        // A telegram's break-text line after its text, and its message
        // number (`BT`, `#1234`).
        || t == "BT"
        || t.len() >= 2 && t.starts_with('#') && t[1..].bytes().all(|b| b.is_ascii_digit())
        || t.starts_with("<< END OF DOCUMENT")
        || t.eq_ignore_ascii_case("End Cable Text")
        || t.starts_with('©')
        || t.starts_with("(c) Scoop")
        // The stamp of the State Department's declassification review on the
        // 1970s cables: `Declassified/Released US Department of State EO
        // Systematic Review 05 JUL 2006`.
        // (The first words are enough: a copy may wrap the line after them.
        // OCR may write the `fi` as one character.)
        || starts_ci(t, "Declassified/Released US Department")
        || starts_ci(t, "Declassi\u{fb01}ed/Released US Department")
        // A mirror's database query left after the text (09HARARE51).
        || starts_ci(t, "SELECT * FROM `cable`")
}

fn is_heading_text(s: &str) -> bool {
    let t = s.trim();
    if t.len() < 3
        || t.len() > 80
        || t.ends_with(['.', ',', ';', ':'])
        || t.starts_with(['-', '(', '"', '[', '&', '*'])
    {
        return false;
    }
    // At most 12 words, and 70% of those with more than three letters
    // capitalised (counted without allocating: this runs on every line).
    let (mut words, mut sig, mut caps) = (0, 0, 0);
    for w in t.split_whitespace() {
        words += 1;
        if w.chars().filter(|c| c.is_alphabetic()).count() > 3 {
            sig += 1;
            caps += usize::from(w.starts_with(|c: char| c.is_uppercase()));
        }
    }
    if words > 12 || sig == 0 || caps * 10 < sig * 7 {
        return false;
    }
    if ["SIPDIS", "NNNN", "END ", "BEGIN ", "NOFORN", "SENSITIVE"]
        .iter()
        .any(|w| starts_ci(t, w))
    {
        return false;
    }
    label(t).is_none() && mark_at(t).is_none()
}

/// A label's mark cut by the line's end (`18. (S//REL TO USA,` / `FVEY)
/// Separate ...`, a re-wrapped copy): read as one mark, from its `(` at
/// `mstart` on this line to its `)` on the next.
fn mark_cut_at_line_end(
    text: &str,
    infos: &[LineInfo],
    i: usize,
    rest: &str,
    mstart: usize,
) -> Option<MarkAt> {
    let here = rest.trim_end();
    if !here.starts_with('(') || here.len() < 2 || here.contains(')') || here.len() > 40 {
        return None;
    }
    let next = infos.get(i + 1)?.first()?;
    let below = next.text(text);
    let lead = below.len() - below.trim_start().len();
    let close = below[lead..].find(')')?;
    let joined = format!("{here} {}", &below[lead..lead + close + 1]);
    let (m, len) = mark_at(&joined)?;
    (len == joined.len()).then(|| MarkAt {
        span: Span::new(mstart, next.start + lead + close + 1),
        mark: m,
    })
}

fn find_mark_in(text: &str, span: Span) -> Option<MarkAt> {
    let s = span.text(text);
    for (p, _) in s.match_indices('(') {
        if let Some((m, len)) = mark_at(&s[p..]) {
            if !m.text.chars().any(|c| c.is_lowercase()) {
                return Some(MarkAt {
                    span: Span::new(span.start + p, span.start + p + len),
                    mark: m,
                });
            }
        }
    }
    None
}
