//! The TAGS line's items, with their spans.

use super::*;

pub(super) fn parse_tags(text: &str, acc: &Acc) -> Tags {
    // Words with their spans; commas and parentheses group them.
    #[derive(Debug)]
    enum W {
        Word(Span, String),
        Comma,
        Group(Span, String),
        // A line's end, and whether the line held a comma.
        LineEnd(bool),
    }
    let mut ws: Vec<W> = Vec::new();
    for seg in acc.segs.iter().skip(1) {
        let s = seg.text(text);
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            if c == b',' || c == b';' {
                ws.push(W::Comma);
                i += 1;
            } else if s[i..].starts_with("(#)") {
                i += 3;
            } else if c == b'(' {
                // `(STEINBERG, JAMES B.)`: one tag.
                let close = s[i..].find(')').map_or(s.len(), |p| i + p);
                let inner = s[i + 1..close].trim();
                if !inner.is_empty() {
                    let a = seg.start + (inner.as_ptr() as usize - s.as_ptr() as usize);
                    ws.push(W::Group(
                        Span::new(a, a + inner.len()),
                        inner.to_uppercase(),
                    ));
                }
                i = (close + 1).min(s.len());
            } else if c.is_ascii_whitespace() {
                i += 1;
            } else {
                let st = i;
                while i < b.len()
                    && !b[i].is_ascii_whitespace()
                    && b[i] != b','
                    && b[i] != b';'
                    && b[i] != b'('
                {
                    i += 1;
                }
                while i < b.len() && !s.is_char_boundary(i) {
                    i += 1;
                }
                let raw = &s[st..i];
                // `[MTCRE](#)`: keep the word.
                let (word, off) = match raw.strip_prefix('[').and_then(|p| p.strip_suffix("](#)")) {
                    Some(w) => (w, 1),
                    None => {
                        let w = raw
                            .trim_matches(|c: char| !c.is_alphanumeric() && c != '/' && c != '-');
                        (w, w.as_ptr() as usize - raw.as_ptr() as usize)
                    }
                };
                if !word.is_empty() && word != "#" {
                    let a = seg.start + st + off;
                    ws.push(W::Word(Span::new(a, a + word.len()), word.to_uppercase()));
                }
            }
        }
        ws.push(W::LineEnd(s.contains([',', ';'])));
    }
    let mut items: Vec<Tag> = Vec::new();
    let mut push = |items: &mut Vec<Tag>, span: Span, t: String| {
        if t != "SIPDIS" && !items.iter().any(|x| x.text == t) {
            items.push(Tag { span, text: t });
        }
    };
    // Runs of unknown words join into one tag ("HUMAN RIGHTS").
    let mut run: Option<(Span, String)> = None;
    let flush = |items: &mut Vec<Tag>,
                 run: &mut Option<(Span, String)>,
                 push: &mut dyn FnMut(&mut Vec<Tag>, Span, String)| {
        if let Some((sp, t)) = run.take() {
            push(items, sp, t);
        }
    };
    // A line's end separates like a comma, but in a run of words that are no
    // TAG wrapped over it (`TU POLITICAL` / `PARTIES`) where the line holds
    // no comma.
    let mut line_end: Option<bool> = None;
    for w in ws {
        match w {
            W::Comma => flush(&mut items, &mut run, &mut push),
            W::LineEnd(commas) => line_end = Some(commas),
            W::Group(sp, t) => {
                flush(&mut items, &mut run, &mut push);
                push(&mut items, sp, t);
            }
            W::Word(sp, t) => {
                let known = crate::syntax::tagtable::is_known(&t) || t.len() <= 2;
                let four = t.len() == 4 && t.chars().all(|c| c.is_ascii_alphabetic());
                if line_end
                    .take()
                    .is_some_and(|commas| commas || known || four)
                {
                    flush(&mut items, &mut run, &mut push);
                }
                if known {
                    flush(&mut items, &mut run, &mut push);
                    push(&mut items, sp, t);
                } else if let Some(parts) = crate::syntax::tagtable::split_glued(&t) {
                    flush(&mut items, &mut run, &mut push);
                    let mut a = sp.start;
                    for p in parts {
                        let n = p.len();
                        push(&mut items, Span::new(a, a + n), p);
                        a += n;
                    }
                } else if four && run.is_none() {
                    // An unlisted four-letter TAG.
                    push(&mut items, sp, t);
                } else {
                    run = Some(match run.take() {
                        Some((rs, rt)) => (rs.cover(sp), format!("{rt} {t}")),
                        None => (sp, t),
                    });
                }
            }
        }
    }
    flush(&mut items, &mut run, &mut push);
    Tags {
        span: Span::new(acc.segs[0].start, acc.span().end),
        items,
    }
}
