//! A quick read of a cable for an index: the header, where the body is, and
//! the body's citations of other cables and of POC documents. No paragraphs,
//! marks, damage or diagnostics: what a corpus index keeps of a cable, read in
//! a fraction of a full parse.
//!
//! Every part is computed by the same functions as in [`super::parse`], and
//! equals the full model's (tested on real and generated cables and under
//! proptest): a line can start a cable-number citation only if it or the
//! next line holds two digits in a row (a serial) and a capitalised word that
//! starts a known origin, and a POC DOC citation only if it holds `POC` and it
//! or the next line a digit (or it holds a digit and the line before `POC`: a
//! list wrapped), so the citation scan runs only on those lines.

use super::body::{body_extent, section_noise, with_running_titles};
use super::citations::{finalize, has_poc, kept, past_page_break, scan_line};
use super::facts::{shape_of, Shape};
use super::header::parse_header;
use super::ids::CableId;
use super::lexer::lex_lines;
use super::model::{Citation, CitationKind, Header};
use super::text::{LineIndex, Span};

/// Whether a line holds a digit, and two digits in a row.
#[derive(Debug, Clone, Copy, Default)]
struct Digits {
    one: bool,
    two: bool,
}

fn digits_of(line: &[u8]) -> Digits {
    let mut d = Digits::default();
    let mut prev = false;
    for &b in line {
        let is = b.is_ascii_digit();
        d.two |= is && prev;
        d.one |= is;
        prev = is;
    }
    d
}

/// Does the line hold a word (a run of ASCII letters and digits) in capitals,
/// four letters or more, that starts a known origin? A cable number's origin
/// is one (as the citation scan reads it).
fn has_origin_word(line: &[u8]) -> bool {
    let firsts = super::ids::origin_first_words();
    (line.split(|c| !c.is_ascii_alphanumeric())).any(|w| {
        w.len() >= 4
            && (w.iter().all(u8::is_ascii_uppercase) && firsts.contains_key(w)
                || firsts.get_titled(w).is_some())
    })
}

/// What [`skim`] reads of a cable.
#[derive(Debug, Clone, PartialEq)]
pub struct Skim {
    pub header: Header,
    /// The id the text gives (as [`super::Cable::id`]).
    pub id: Option<CableId>,
    /// The body's span (empty when there is no body).
    pub body: Span,
    /// The citations of cables and POC documents in the subject and body, in
    /// text order (as the full model's of those kinds).
    pub citations: Vec<Citation>,
    /// Where the text's lines start (for the positions of what was read).
    pub lines: LineIndex,
}

/// Reads a cable's header, body extent and citations of cables and POC
/// documents. Never panics; linear in the text's length.
pub fn skim(text: &str) -> Skim {
    let (text, lines) = super::text::parser_input(text);
    let text = &*text;
    let infos = lex_lines(text, &lines);
    let (header, body_start) = parse_header(text, &infos, &mut Vec::new());
    let shape: Vec<Shape> = (infos.iter().skip(body_start))
        .map(|info| shape_of(text, info))
        .collect();
    let (body, _, body_lines) = body_extent(text, &infos, |k| shape[k - body_start], body_start);
    let subject_text = header.subject.as_ref().map(|s| s.text.as_str());
    let section = section_noise(&infos, &body_lines);
    let noise = with_running_titles(section, text, &infos, subject_text, body);
    let subject = header.subject.as_ref().map(|s| s.span);
    let digits: Vec<Digits> = (lines.iter())
        .map(|l| digits_of(&text.as_bytes()[l.start..l.end]))
        .collect();
    let none = Digits::default();
    let bytes_of = |k: usize| {
        lines
            .get(k)
            .map_or(&b""[..], |l| &text.as_bytes()[l.start..l.end])
    };
    // Whether each line holds an origin's first word, found when first asked.
    let mut origin: Vec<Option<bool>> = vec![None; lines.len() + 1];
    let mut has_origin = |k: usize| *origin[k].get_or_insert_with(|| has_origin_word(bytes_of(k)));
    // And `POC`, found once.
    let mut poc: Vec<Option<bool>> = vec![None; lines.len() + 1];
    let mut has_poc_at = |k: usize| *poc[k].get_or_insert_with(|| has_poc(bytes_of(k)));
    let mut citations = Vec::new();
    for i in 0..infos.len() {
        let line = infos[i].line;
        let may_hold = |s: Span| line.start < s.end && s.start <= line.end;
        if !(may_hold(body) && !body.is_empty() || subject.is_some_and(may_hold)) {
            continue;
        }
        // The next line, past a page's break (which a citation reads past).
        let after = past_page_break(text, &infos, i + 1);
        let (here, next) = (digits[i], *digits.get(after).unwrap_or(&none));
        // A cable number is an origin (its first word on this line, or on the
        // next after a year here) and a serial of two digits or more; a POC
        // DOC citation starts with `POC` and its number may have one digit,
        // and a list of them may go on onto the next line.
        let may_cite = (here.two || next.two) && (has_origin(i) || has_origin(after))
            || (here.one || next.one) && has_poc_at(i)
            || here.one && i > 0 && has_poc_at(i - 1);
        if !may_cite {
            continue;
        }
        for raw in scan_line(text, &infos, i) {
            if matches!(raw.kind, CitationKind::Cable | CitationKind::PocDoc)
                && kept(raw.span, body, subject, &noise)
            {
                citations.extend(finalize(&raw, header.year));
            }
        }
    }
    Skim {
        id: header.id(),
        header,
        body,
        citations,
        lines: LineIndex::of_lines(text, &lines),
    }
}
