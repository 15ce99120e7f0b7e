//! Incremental reparse. A parse keeps each line's lexing and facts; an edit
//! re-lexes and recomputes only the lines it touches (with context on each
//! side, the reach of any line's facts: [`READS_AHEAD`] lines before it, two
//! after) and shifts the lines after it.
//! The model is then patched in place when the edit left the structure of the
//! cable as it was (the usual case: typing inside a paragraph; see
//! [`super::patch`]), and assembled again from the facts otherwise (no line is
//! read again either way).
//!
//! Correctness is defined against the full parse: after any edits, the state and
//! the model equal those of parsing the final text from scratch
//! (`tests/incremental.rs` checks this on random edits).

use super::facts::{line_facts, LineFacts};
use super::lexer::{lex_line, LineInfo};
use super::text::{Line, Span};
use super::{assemble, patch, Assembled, Cable};
use std::sync::Arc;

/// How many lines after its own a line's facts may read: a citation broken
/// over a page's break (see [`super::citations::past_page_break`]) reads the
/// line after the break and a lone letter after that (and one more, spare).
/// An edit reads again this many lines before it.
pub(crate) const READS_AHEAD: usize = super::citations::PAGE_BREAK_LINES + 3;

/// An edit: bytes `start..old_end` of the old text became `start..new_end` of the
/// new text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edit {
    pub start: usize,
    pub old_end: usize,
    pub new_end: usize,
}

impl Edit {
    /// One edit standing for `self` followed by `next` (whose offsets are in the
    /// text after `self`).
    pub fn then(self, next: Edit) -> Edit {
        let start = self.start.min(next.start);
        // `next`'s old end, back in the original text.
        let mapped_old = if next.old_end >= self.new_end {
            next.old_end - self.new_end + self.old_end
        } else {
            self.old_end
        };
        let old_end = self.old_end.max(mapped_old).max(start);
        // `self`'s new end, forward in the final text.
        let inserted = next.new_end - next.start;
        let removed = next.old_end - next.start;
        let mapped_new = if self.new_end >= next.old_end {
            self.new_end + inserted - removed
        } else if self.new_end <= next.start {
            self.new_end
        } else {
            next.start + inserted
        };
        let new_end = mapped_new.max(next.new_end).max(start);
        // `start..old_end` of the original must map to `start..new_end` of the final.
        Edit {
            start,
            old_end,
            new_end,
        }
    }
}

/// What the parser keeps of a text between edits.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ParseState {
    pub lines: Vec<Line>,
    pub infos: Vec<LineInfo>,
    pub facts: Vec<LineFacts>,
    pub len: usize,
    /// A double-spaced copy: its lines are read without the blank line
    /// between each two (see `text::is_double_spaced`), and an edit parses it
    /// again whole.
    spaced: bool,
    model: Assembled,
}

/// What an edit cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reparse {
    /// Lines lexed and read again.
    pub lines: usize,
    /// The model was patched in place (not assembled again).
    pub patched: bool,
}

impl ParseState {
    /// Parses a text from scratch.
    pub fn new(text: &str) -> Self {
        let (text, lines, spaced) = super::text::parser_input_spaced(text);
        let text = &*text;
        let infos: Vec<LineInfo> = (0..lines.len())
            .map(|i| lex_line(text, &lines, i))
            .collect();
        let facts: Vec<LineFacts> = (0..infos.len())
            .map(|i| line_facts(text, &infos, i))
            .collect();
        let model = assemble(text, &infos, &facts);
        ParseState {
            lines,
            infos,
            facts,
            len: text.len(),
            spaced,
            model,
        }
    }

    /// The model of the text.
    pub fn model(&self) -> &Cable {
        &self.model.cable
    }

    /// The model of the text, shared (an edit copies it first if it is still
    /// shared then).
    pub fn shared_model(&self) -> Arc<Cable> {
        self.model.cable.clone()
    }

    /// Brings the state and its model up to `new_text`, the old text with `edit`
    /// applied.
    pub fn edit(&mut self, new_text: &str, edit: Edit) -> Reparse {
        let new_text = &*super::text::parser_text(new_text);
        let n = self.lines.len();
        let delta = edit.new_end as isize - edit.old_end as isize;
        let valid = edit.start <= edit.old_end
            && edit.old_end <= self.len
            && edit.start <= edit.new_end
            && (self.len as isize + delta) as usize == new_text.len();
        // A double-spaced copy, or one that becomes one or stops being one,
        // is read whole (its lines depend on the whole text's spacing).
        if n == 0 || !valid || self.spaced || super::text::is_double_spaced(new_text) {
            *self = ParseState::new(new_text);
            return Reparse {
                lines: self.lines.len(),
                patched: false,
            };
        }
        let line_of = |off: usize| self.lines.partition_point(|l| l.next <= off).min(n - 1);
        let (la, lb) = (line_of(edit.start), line_of(edit.old_end));
        let mut a = la.saturating_sub(READS_AHEAD);
        let mut b = (lb + 2).min(n - 1);
        // The region is whole physical lines: a line split where a paragraph
        // is glued onto it is split again by what the edit leaves (a piece
        // ends on its `next`, a physical line past its terminator or at the end).
        let physical_end = |l: &Line| l.end < l.next || l.next == self.len;
        while a > 0 && !physical_end(&self.lines[a - 1]) {
            a -= 1;
        }
        while b < n - 1 && !physical_end(&self.lines[b]) {
            b += 1;
        }
        let region_start = self.lines[a].start;
        let region_new_end = if b == n - 1 {
            new_text.len()
        } else {
            (self.lines[b].next as isize + delta) as usize
        };

        let region_old_end = self.lines[b].next;
        // The region's lines in the new text.
        let fresh: Vec<Line> = split_lines_range(new_text, region_start, region_new_end);
        let k = fresh.len();
        // Splice each vector in place, then shift what follows the region.
        self.lines.splice(a..=b, fresh);
        for l in &mut self.lines[a + k..] {
            *l = shift_line(*l, delta);
        }
        let lexed: Vec<LineInfo> = (a..a + k)
            .map(|i| lex_line(new_text, &self.lines, i))
            .collect();
        let old_infos: Vec<LineInfo> = self.infos.splice(a..=b, lexed).collect();
        for info in &mut self.infos[a + k..] {
            shift_info(info, delta);
        }
        // Facts read their neighbours' lexing: splice placeholders, then fill.
        let old_facts: Vec<LineFacts> = self
            .facts
            .splice(a..=b, (0..k).map(|_| LineFacts::default()))
            .collect();
        for f in &mut self.facts[a + k..] {
            f.shift(delta);
        }
        for i in a..a + k {
            self.facts[i] = line_facts(new_text, &self.infos, i);
        }
        self.len = new_text.len();
        let region = patch::Region {
            first: a,
            old: Span::new(region_start, region_old_end),
            new: Span::new(region_start, region_new_end),
            old_infos,
            old_facts,
        };
        let shift = patch::Shift::of(edit);
        let patched = patch::patch(
            &mut self.model,
            new_text,
            &self.lines,
            &self.infos,
            &self.facts,
            &region,
            shift,
        );
        if !patched {
            self.model = assemble(new_text, &self.infos, &self.facts);
        }
        Reparse { lines: k, patched }
    }
}

fn shift_line(l: Line, d: isize) -> Line {
    let s = |x: usize| (x as isize + d) as usize;
    Line {
        start: s(l.start),
        end: s(l.end),
        next: s(l.next),
    }
}

fn shift_info(info: &mut LineInfo, d: isize) {
    info.line = shift_line(info.line, d);
    for s in &mut info.segs {
        *s = s.shifted(d);
    }
    if let Some(n) = info.noise.as_mut() {
        *n = n.shifted(d);
    }
}

/// The lines of `text[from..to]` (`from` a line start, `to` a line start or the end).
fn split_lines_range(text: &str, from: usize, to: usize) -> Vec<Line> {
    let v = super::text::split_lines_from(&text[..to], from);
    let mut v = super::text::parser_lines(&text[..to], v);
    // A region that ends at the end of the text ends its last line there; one that
    // ends before it ends on a terminator, which `split_lines_from` kept.
    if to < text.len() {
        debug_assert!(v.last().is_none_or(|l| l.next == to));
    }
    v.retain(|l| l.start < to);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composed_edits_cover_both() {
        // "abcdef": replace "cd" by "XYZ" -> "abXYZef"; then insert "!" at 0.
        let e1 = Edit {
            start: 2,
            old_end: 4,
            new_end: 5,
        };
        let e2 = Edit {
            start: 0,
            old_end: 0,
            new_end: 1,
        };
        let c = e1.then(e2);
        assert_eq!(
            c,
            Edit {
                start: 0,
                old_end: 4,
                new_end: 6
            }
        );
        let mut t = "abcdef".to_string();
        t.replace_range(2..4, "XYZ");
        t.replace_range(0..0, "!");
        assert_eq!(&t[c.new_end..], &"abcdef"[c.old_end..]);
        assert_eq!(&t[..c.start], &"abcdef"[..c.start]);
    }

    fn apply(text: &str, start: usize, end: usize, ins: &str) -> (String, Edit) {
        let mut t = text.to_string();
        t.replace_range(start..end, ins);
        (
            t,
            Edit {
                start,
                old_end: end,
                new_end: start + ins.len(),
            },
        )
    }

    #[test]
    fn edits_equal_a_fresh_parse() {
        let text = include_str!("../../corpus/08STATE70895.txt");
        let mut st = ParseState::new(text);
        let at = text.find("1B. (SBU)").unwrap();
        let (t2, e) = apply(text, at + 5, at + 8, "S//NF");
        st.edit(&t2, e);
        assert_eq!(st, ParseState::new(&t2));
        assert_eq!(*st.model(), super::super::parse(&t2));
        let (t3, e) = apply(&t2, 0, 0, "\r\n\r\nX\n");
        st.edit(&t3, e);
        assert_eq!(st, ParseState::new(&t3));
        let (t4, e) = apply(&t3, t3.len() - 5, t3.len(), "");
        st.edit(&t4, e);
        assert_eq!(st, ParseState::new(&t4));
        let (t5, e) = apply(&t4, 10, t4.len() - 10, "");
        st.edit(&t5, e);
        assert_eq!(st, ParseState::new(&t5));
    }
}
