//! Patching the model after an edit, instead of assembling it again.
//!
//! An edit changes the facts of the lines in its region (see
//! [`super::incremental`]). When those lines keep their structure (the same
//! labels, marks, blocks, blank lines, headings... at the same places once
//! moved through the edit), and the header reads the same, the body is the old
//! one with every position moved through the edit: only the text read from the
//! region (paragraph leads and labels, headings) is read again, and the lists
//! built line by line (citations, damage, diagnostics) are spliced: the
//! region's entries computed afresh, the rest moved. Anything else (a new
//! paragraph, an edit in the header or the last lines) assembles the model
//! again. `tests/incremental.rs` checks the result against a fresh parse after
//! every edit.

use super::body::lead_of;
use super::facts::LineFacts;
use super::incremental::Edit;
use super::lexer::LineInfo;
use super::model::{paragraph_diagnostics, Cable, Diagnostic};
use super::text::{Line, Span};
use super::{citations, damage, header, long_lines, sort_diagnostics, Assembled};
use std::sync::Arc;

/// Where the old text's positions went: unchanged before the edit, moved by its
/// change in length from its end on; none inside the text it replaced.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Shift {
    start: usize,
    old_end: usize,
    delta: isize,
}

impl Shift {
    pub fn of(e: Edit) -> Shift {
        Shift {
            start: e.start,
            old_end: e.old_end,
            delta: e.new_end as isize - e.old_end as isize,
        }
    }

    fn pos(self, x: usize) -> Option<usize> {
        if x < self.start {
            Some(x)
        } else if x >= self.old_end {
            Some((x as isize + self.delta) as usize)
        } else {
            None
        }
    }

    fn span(self, s: Span) -> Option<Span> {
        Some(Span::new(self.pos(s.start)?, self.pos(s.end)?))
    }
}

/// The lines an edit read again.
pub(crate) struct Region {
    /// The first line of the region (the same index before and after).
    pub first: usize,
    /// Its bytes in the old text and in the new.
    pub old: Span,
    pub new: Span,
    /// Its lines' lexing and facts before the edit.
    pub old_infos: Vec<LineInfo>,
    pub old_facts: Vec<LineFacts>,
}

fn starts_in(s: Span, r: Span) -> bool {
    s.start >= r.start && s.start < r.end
}

/// Moves the model through the edit when the region kept its structure.
/// Returns false, leaving the model to be assembled again, otherwise.
pub(crate) fn patch(
    m: &mut Assembled,
    text: &str,
    lines: &[Line],
    infos: &[LineInfo],
    facts: &[LineFacts],
    r: &Region,
    sh: Shift,
) -> bool {
    let k = r.old_infos.len();
    let new_lines = first_after(lines, r.new.end) - r.first;
    if new_lines != k || r.first <= m.body_start {
        return false;
    }
    let old = &*m.cable;
    // The last text line (where a signature is looked for) and the trailer
    // must lie after the region.
    if old.body.span.end <= r.old.end || old.body.trailer.is_some_and(|t| t.start < r.old.end) {
        return false;
    }
    if let Some(sig) = &old.body.signature {
        // A paragraph's end is trimmed back from a signature on its line.
        let at = sh.pos(sig.span.start).unwrap_or(0);
        if at < r.new.end || !text[r.new.end..at].chars().any(|c| !c.is_whitespace()) {
            return false;
        }
    }
    // A repeated section header's lines are told by the header's text, not
    // by their own facts alone: assembled again.
    if !old.body.noise.is_empty() {
        return false;
    }
    // A page line's rest may be a running title, which depends on every
    // page line of the text (see `body::running_titles`): assembled again.
    let page_noise = |i: &LineInfo| i.noise.is_some() && !i.segs.is_empty();
    if (r.old_infos.iter().chain(&infos[r.first..r.first + k])).any(page_noise) {
        return false;
    }
    for i in 0..k {
        if !same_info(&r.old_infos[i], &infos[r.first + i], sh)
            || !same_structure(&r.old_facts[i], &facts[r.first + i], sh)
        {
            return false;
        }
    }
    let mut header_diags = Vec::new();
    let (mut header, body_start) = header::parse_header(text, infos, &mut header_diags);
    if body_start != m.body_start || header_diags != m.header_diags {
        return false;
    }
    // The header less its noise (which is gathered from every line).
    let noise = std::mem::take(&mut header.noise);
    let same_header = {
        let mut o = old.header.clone();
        o.noise.clear();
        o == header
    };
    if !same_header {
        return false;
    }
    header.noise = noise;

    let c = Arc::make_mut(&mut m.cable);
    c.len = text.len();
    c.header = header;
    let mut moved = true;
    c.body.spans_mut(&mut |s| match sh.span(*s) {
        Some(n) => *s = n,
        None => moved = false,
    });
    if !moved {
        return false;
    }
    reread_text(c, text, lines, infos, facts, r.new);

    // Citations, damage and diagnostics: the region's afresh, the rest moved.
    let region_facts = &facts[r.first..r.first + k];
    let region_infos = &infos[r.first..r.first + k];
    let cits = citations::collect(region_facts, c);
    splice(&mut c.citations, r.old, sh, cits);
    let dmg = damage::collect_in(region_facts, region_infos, c, r.new);
    splice(&mut c.damage, r.old, sh, dmg);
    let mut diags: Vec<Diagnostic> = header_diags
        .into_iter()
        .filter(|d| starts_in(d.span, r.new))
        .collect();
    paragraph_diagnostics(
        c.body
            .paragraphs
            .iter()
            .filter(|p| starts_in(p.label_span, r.new)),
        &mut diags,
    );
    long_lines(region_infos, &mut diags);
    sort_diagnostics(&mut diags);
    splice(&mut c.diagnostics, r.old, sh, diags);
    true
}

/// The index of the first line starting at or after `at`.
fn first_after(lines: &[Line], at: usize) -> usize {
    lines.partition_point(|l| l.start < at)
}

/// Paragraph and sub-paragraph labels and leads, and headings, in the region:
/// read from the new text.
fn reread_text(
    c: &mut Cable,
    text: &str,
    lines: &[Line],
    infos: &[LineInfo],
    facts: &[LineFacts],
    region: Span,
) {
    let line_end = |at: usize| {
        let i = lines.partition_point(|l| l.next <= at).min(lines.len() - 1);
        facts[i].shape.content.unwrap_or(infos[i].line.span()).end
    };
    for p in &mut c.body.paragraphs {
        if starts_in(p.label_span, region) {
            let from = match &p.marking {
                Some(m) if !p.recovered => m.span.end,
                _ => p.label_span.end,
            };
            p.lead = lead_of(text, from, line_end(from.max(p.label_span.start)));
            p.label = p.label_span.text(text).trim().to_string();
        }
        for s in &mut p.subparagraphs {
            if starts_in(s.label_span, region) {
                let from = s.marking.as_ref().map_or(s.label_span.end, |m| m.span.end);
                s.lead = lead_of(text, from, line_end(s.label_span.start));
                s.label = s.label_span.text(text).trim().to_string();
            }
        }
    }
    for h in &mut c.body.headings {
        if starts_in(h.span, region) {
            h.text = h.span.text(text).trim().to_string();
        }
    }
}

/// An entry of a list the model keeps in text order.
trait Spanned {
    fn span_mut(&mut self) -> &mut Span;
    fn start(&self) -> usize;
}

macro_rules! spanned {
    ($($t:ty),*) => {$(
        impl Spanned for $t {
            fn span_mut(&mut self) -> &mut Span {
                &mut self.span
            }
            fn start(&self) -> usize {
                self.span.start
            }
        }
    )*};
}
spanned!(super::model::Citation, super::model::Damage, Diagnostic);

/// Replaces the entries of a list sorted by start that start in the old
/// region by `fresh`, and moves those after it.
fn splice<T: Spanned>(list: &mut Vec<T>, old: Span, sh: Shift, fresh: Vec<T>) {
    let lo = list.partition_point(|x| x.start() < old.start);
    let hi = list.partition_point(|x| x.start() < old.end);
    for x in &mut list[hi..] {
        let s = x.span_mut();
        // After the region, so after the edit: always moved.
        *s = s.shifted(sh.delta);
    }
    list.splice(lo..hi, fresh);
}

/// The same lexing, once moved through the edit.
fn same_info(old: &LineInfo, new: &LineInfo, sh: Shift) -> bool {
    let line = |l: Line| -> Option<Line> {
        Some(Line {
            start: sh.pos(l.start)?,
            end: sh.pos(l.end)?,
            next: sh.pos(l.next)?,
        })
    };
    line(old.line) == Some(new.line)
        && old.noise.map(|n| sh.span(n)) == new.noise.map(Some)
        && old.segs.len() == new.segs.len()
        && old
            .segs
            .iter()
            .zip(&new.segs)
            .all(|(o, n)| sh.span(*o) == Some(*n))
}

/// The same structure (all but damage and citations), once moved through the
/// edit.
fn same_structure(old: &LineFacts, new: &LineFacts, sh: Shift) -> bool {
    let mut o = old.structure();
    let mut moved = true;
    o.spans_mut(&mut |s| match sh.span(*s) {
        Some(n) => *s = n,
        None => moved = false,
    });
    moved && o == new.structure()
}
