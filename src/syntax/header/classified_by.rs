//! The Classified By line: who classified the cable and for which reasons.

use super::*;

/// The reason letters among `b`'s words (capitals), each with where its
/// word starts: a letter `A` to `H` alone (`(B)`, `B,`, `B&D`); a run of two
/// to four of them in order (`1.4 BD`, `1.4 ABC, AND D`: a typist's list); the
/// last letter of `AND` glued to one (`B,C ANDD`).
pub(super) fn reason_letters(b: &[u8]) -> impl Iterator<Item = (usize, &[u8])> {
    let reason = |c: &u8| (b'A'..=b'H').contains(c);
    let mut k = 0;
    std::iter::from_fn(move || {
        while k < b.len() {
            let start = k;
            k += b[k..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric())
                .count();
            if k == start {
                k += 1;
                continue;
            }
            let w = &b[start..k];
            let in_order = w.windows(2).all(|p| p[0] < p[1]);
            if w.len() <= 4 && w.iter().all(reason) && in_order {
                return Some((start, w));
            }
            if w.len() == 4 && w.starts_with(b"AND") && reason(&w[3]) {
                return Some((start, &w[3..]));
            }
        }
        None
    })
}

pub(super) fn parse_classified_by(text: &str, acc: &Acc) -> ClassifiedBy {
    let joined = acc.joined(text);
    let up = joined.to_ascii_uppercase();
    let body_at = up.find("BY").map_or(0, |p| p + 2);
    let body = joined[body_at.min(joined.len())..].trim_start_matches([':', ' ']);
    let body_up = body.to_ascii_uppercase();
    // The reasons start at "REASON" or at the first `1.4` / `1.5` / `14`.
    let reason_at = body_up.find("REASON").or_else(|| {
        body_up
            .find(" 1.4")
            .or_else(|| body_up.find(" 1.5"))
            .or_else(|| body_up.find("E.O. 12958"))
    });
    let (authority, reasons_text) = match reason_at {
        Some(p) => (body[..p].to_string(), &body[p..]),
        None => (body.to_string(), ""),
    };
    let authority = authority
        .trim()
        .trim_end_matches([',', ';', '.', ' '])
        .trim_end_matches(" for")
        .trim_end_matches(" FOR")
        .trim_end_matches(" For")
        .trim()
        .to_string();
    let mut reasons = Vec::new();
    let mut section = None;
    let rt = reasons_text.to_ascii_uppercase();
    if let Some(p) = rt.find(['1']) {
        let r = &rt[p..];
        section = if r.starts_with("1.4") || r.starts_with("14") || r.starts_with("1,4") {
            Some("1.4".to_string())
        } else if r.starts_with("1.5") || r.starts_with("15") {
            Some("1.5".to_string())
        } else {
            None
        };
        // Bytes, not a str slice: byte 3 may fall inside a character (`1⁸AND`).
        let b = &r.as_bytes()[3.min(r.len())..];
        for (k, letters) in reason_letters(b) {
            let prev = if k == 0 { b' ' } else { b[k - 1] };
            let next = b.get(k + letters.len()).copied().unwrap_or(b' ');
            if matches!(prev, b'(' | b' ' | b',' | b'/' | b'&') || next == b')' {
                for &c in letters {
                    let lc = (c as char).to_ascii_lowercase();
                    if !reasons.contains(&lc) {
                        reasons.push(lc);
                    }
                }
            }
        }
    }
    // Where the reasons stand in the text: the last segment holding "1.".
    let reasons_span = acc
        .segs
        .iter()
        .rev()
        .find(|s| s.text(text).contains('1') && reason_at.is_some())
        .map(|s| {
            let t = s.text(text);
            let up = t.to_ascii_uppercase();
            let at = up
                .find("REASON")
                .or_else(|| t.find("1.").or_else(|| t.find("14")))
                .unwrap_or(0);
            Span::new(s.start + at, s.end)
        });
    ClassifiedBy {
        span: acc.span(),
        text: joined,
        authority,
        reason_section: section,
        reasons,
        reasons_span,
    }
}
