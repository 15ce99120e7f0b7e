//! The SUBJECT's value: its lines joined and cleaned, and its portion mark.

use super::*;

pub(super) fn trailing_mark(s: &str) -> Option<(marking::Mark, usize)> {
    let t = s.trim_end();
    if !t.ends_with(')') {
        return None;
    }
    let open = t.rfind('(')?;
    let (m, len) = marking::mark_at(&t[open..])?;
    (open + len == t.len()).then_some((m, open))
}

pub(super) fn finish_subject(text: &str, acc: &Acc) -> Subject {
    // The first seg is an empty marker at the keyword; the value starts at seg 1.
    let span = Span::new(acc.segs[0].start, acc.span().end);
    let vstart = acc.segs.get(1).map_or(span.end, |s| s.start);
    let mut mark = None;
    let mut joined = acc.joined(text);
    // A leading mark: `SUBJECT: (C) GERMANY ...`.
    if let Some((m, len)) = marking::mark_at(joined.trim_start()) {
        let lead = joined.len() - joined.trim_start().len();
        mark = Some(MarkAt {
            span: Span::new(vstart + lead, vstart + lead + len),
            mark: m,
        });
        joined = joined.trim_start()[len..].trim_start().to_string();
    } else if let Some((m, open)) = trailing_mark(&joined) {
        // Find the mark in the last segment for its span.
        let last = *acc.segs.last().unwrap();
        let lt = last.text(text).trim_end();
        let at = lt.rfind('(').unwrap_or(0);
        mark = Some(MarkAt {
            span: Span::new(last.start + at, last.start + lt.len()),
            mark: m,
        });
        joined = joined[..open].trim_end().to_string();
    }
    Subject {
        span,
        text: clean_subject(&joined),
        mark,
    }
}

/// Collapses white space, drops Markdown line-break backslashes and decodes HTML
/// character references (`&#8217;`, `&amp;`).
pub(super) fn clean_subject(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        let r = &rest[p..];
        let end = r.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let ent = &r[1..e];
            match ent {
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "nbsp" => Some(' '),
                _ => ent
                    .strip_prefix('#')
                    .and_then(|n| match n.strip_prefix(['x', 'X']) {
                        Some(h) => u32::from_str_radix(h, 16).ok(),
                        None => n.parse().ok(),
                    })
                    .and_then(char::from_u32),
            }
        });
        match (decoded, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &r[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &r[1..];
            }
        }
    }
    out.push_str(rest);
    out.split_whitespace()
        .filter(|w| *w != "\\")
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches('\\')
        .trim()
        .to_string()
}
