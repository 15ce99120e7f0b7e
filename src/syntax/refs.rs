//! The REF block: bullets in their many spellings, and what each item cites.

use super::ids::{
    full_year, is_known_origin, names_an_origin, normalize_origin, parse_cable_citation, CableId,
};
use super::lexer::{label, LabelDamage, LabelValue};
use super::model::{RefItem, RefKind};
use super::text::Span;

/// A bullet found in the REF text: the letter, its span, the damage, where the item's
/// text starts.
struct Bullet {
    letter: char,
    span: Span,
    damage: Option<LabelDamage>,
    text_start: usize,
}

/// A bullet at the start of `s` (`A.`, `A)`, `(A)`, `[A]`, `A -`, `¶A.`, `1A.`,
/// `[A](#).`): letter, damage, label length, text start.
fn bullet_at(s: &str) -> Option<(char, Option<LabelDamage>, usize, usize)> {
    let b = s.as_bytes();
    // `(A)BRASILIA 13511`: glued to its text.
    if b.len() >= 4
        && b[0] == b'('
        && b[1].is_ascii_alphabetic()
        && b[2] == b')'
        && b[3].is_ascii_uppercase()
    {
        return Some(((b[1] as char).to_ascii_uppercase(), None, 3, 3));
    }
    // `A.)`
    if b.len() >= 4 && b[0].is_ascii_alphabetic() && &b[1..3] == b".)" && b[3] == b' ' {
        return Some(((b[0] as char).to_ascii_uppercase(), None, 3, 4));
    }
    if let Some(l) = label(s) {
        if let LabelValue::Letter(c) = l.value {
            let rest = &s[l.len..];
            let ts = l.len + (rest.len() - rest.trim_start().len());
            return Some((c.to_ascii_uppercase(), l.damage, l.len, ts));
        }
        return None;
    }
    let b = s.as_bytes();
    // `[A]` and `A -`
    if b.len() >= 3 && b[0] == b'[' && b[1].is_ascii_alphabetic() && b[2] == b']' {
        let rest = &s[3..];
        return Some((
            (b[1] as char).to_ascii_uppercase(),
            None,
            3,
            3 + rest.len() - rest.trim_start().len(),
        ));
    }
    if b.len() >= 4 && b[0].is_ascii_uppercase() && s.get(1..4) == Some(" - ") {
        return Some((b[0] as char, None, 3, 4));
    }
    None
}

/// `REF B SECSTATE 76108`: an item line that repeats the heading, its letter bare
/// after `REF` (no colon, no dot, text after it): the letter, where it stands and
/// where the item's text starts.
pub fn ref_line_bullet(s: &str) -> Option<(char, usize, usize)> {
    let b = s.as_bytes();
    if b.len() < 7 || !b[..3].eq_ignore_ascii_case(b"REF") || !matches!(b[3], b' ' | b'\t') {
        return None;
    }
    let at = s.len() - s[3..].trim_start_matches([' ', '\t']).len();
    let c = *b.get(at)?;
    if !c.is_ascii_uppercase() || !matches!(b.get(at + 1), Some(b' ' | b'\t')) {
        return None;
    }
    let ts = s.len() - s[at + 1..].trim_start().len();
    (ts < s.len()).then_some((c as char, at, ts))
}

/// `A. REF AMMAN 222`: a REF block's first item with the heading after its
/// bullet, as a copy that swapped them writes it; the item a cable and little
/// else (`A. REF STATE 1 ASKED POSTS ...` opens a sub-paragraph). Where the
/// heading word stands in `s`.
pub fn heading_after_first_bullet(s: &str) -> Option<(usize, usize)> {
    let (letter, _, _, ts) = bullet_at(s)?;
    if letter != 'A' {
        return None;
    }
    let rest = &s[ts..];
    let key = ["REFTELS", "REFTEL", "REFS", "REF"].into_iter().find(|k| {
        rest.get(..k.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(k))
    })?;
    let after = &rest[key.len()..];
    let after = after.strip_prefix(':').unwrap_or(after);
    if !after.starts_with([' ', '\t']) {
        return None;
    }
    let item = after.trim().to_ascii_uppercase();
    let (.., used) = parse_cable_citation(&item)?;
    (item[used..].trim().len() <= 16).then_some((ts, ts + key.len()))
}

/// Whether a line starts with a REF bullet in any of its forms.
pub fn starts_with_bullet(s: &str) -> bool {
    bullet_at(s).is_some()
}

/// The letter of the REF bullet `s` starts with.
pub fn bullet_letter(s: &str) -> Option<char> {
    bullet_at(s).map(|b| b.0)
}

/// Whether a line holds, inside it, a REF bullet of a later item than the
/// first (`(TRILATERAL POLICY PLANNING)  B. SECDEF ...`): a long REF line's
/// rest, broken after its first item.
pub fn holds_later_bullet(s: &str) -> bool {
    ('B'..='Z').any(|c| inline_bullet(s, c).is_some())
}

/// Finds the expected next bullet inside a line (`A. TBILISI 1605  B. TBILISI 1352`):
/// only the letter that follows the last one counts, after a space or `;`/`,`.
fn inline_bullet(s: &str, expected: char) -> Option<usize> {
    let b = s.as_bytes();
    let mut k = 1;
    while k < b.len() {
        let prev = b[k - 1];
        if prev == b' ' || prev == b';' || prev == b',' || prev == b'\t' {
            let rest = &s[k..];
            let ok = match bullet_at(rest) {
                Some((c, _, _, _)) => c == expected,
                None => false,
            };
            if ok && rest.len() >= 2 {
                return Some(k);
            }
        }
        k += 1;
        while k < b.len() && !s.is_char_boundary(k) {
            k += 1;
        }
    }
    None
}

/// Finds the expected next letter standing alone inside a line, a cable after
/// it (` B WELLINGTON 690`): where the letter is.
fn inline_bare_bullet(s: &str, expected: char) -> Option<usize> {
    let b = s.as_bytes();
    (1..b.len().saturating_sub(2)).find(|&k| {
        b[k] == expected as u8
            && matches!(b[k - 1], b' ' | b'\t')
            && matches!(b[k + 1], b' ' | b'\t')
            && parse_cable_citation(s[k + 1..].trim_start()).is_some()
    })
}

/// Finds the expected next item inside a line that repeats the heading
/// (`REF A SECRETARY'S LETTER REF B SECSTATE 76108`, such lines joined): where
/// `REF` stands, where the letter stands and where the item's text starts,
/// each from the start of `s`.
pub fn inline_ref_line_bullet(s: &str, expected: char) -> Option<(usize, usize, usize)> {
    let b = s.as_bytes();
    (1..b.len().saturating_sub(6)).find_map(|k| {
        if !matches!(b[k - 1], b' ' | b'\t') || !b[k..k + 3].eq_ignore_ascii_case(b"REF") {
            return None;
        }
        let (c, at, ts) = ref_line_bullet(&s[k..])?;
        (c == expected).then_some((k, k + at, k + ts))
    })
}

/// Parses the items of a REF block from the text segments after the heading.
/// `year` is the citing cable's year, for items that give none.
pub fn parse_items(
    text: &str,
    segs: &[Span],
    year: Option<u16>,
    origin: Option<&str>,
) -> Vec<RefItem> {
    // Pieces: (bullet, text spans)
    let mut pieces: Vec<(Option<Bullet>, Vec<Span>)> = Vec::new();
    let mut last_letter: Option<char> = None;
    // Bullets written as bare letters (`REF A X`): a later item's letter may be
    // bare too, inside a line (`REF A WELLINGTON 721 B WELLINGTON 690`).
    let mut bare = false;
    for seg in segs {
        let mut start = seg.start;
        let s = seg.text(text);
        if let Some((c, at, ts)) = ref_line_bullet(s) {
            pieces.push((
                Some(Bullet {
                    letter: c,
                    span: Span::new(seg.start + at, seg.start + at + 1),
                    damage: None,
                    text_start: seg.start + ts,
                }),
                vec![],
            ));
            last_letter = Some(c);
            bare |= c == 'A';
            start = seg.start + ts;
        } else if let Some((c, dmg, len, ts)) = bullet_at(s) {
            pieces.push((
                Some(Bullet {
                    letter: c,
                    span: Span::new(seg.start, seg.start + len),
                    damage: dmg,
                    text_start: seg.start + ts,
                }),
                vec![],
            ));
            last_letter = Some(c);
            start = seg.start + ts;
        } else if pieces.is_empty() {
            pieces.push((None, vec![]));
        }
        // Inline bullets.
        loop {
            let expected = match last_letter {
                Some(c) => ((c as u8) + 1) as char,
                None => 'A',
            };
            let rest = &text[start..seg.end];
            if let Some((k, at, ts)) = inline_ref_line_bullet(rest, expected).filter(|_| bare) {
                if let Some(p) = pieces.last_mut() {
                    p.1.push(Span::new(start, start + k));
                }
                pieces.push((
                    Some(Bullet {
                        letter: expected,
                        span: Span::new(start + at, start + at + 1),
                        damage: None,
                        text_start: start + ts,
                    }),
                    vec![],
                ));
                last_letter = Some(expected);
                start += ts;
                continue;
            }
            let found = inline_bullet(rest, expected)
                .and_then(|k| Some((k, bullet_at(&rest[k..])?)))
                .or_else(|| {
                    let k = inline_bare_bullet(rest, expected).filter(|_| bare)?;
                    let ts = rest.len() - rest[k + 1..].trim_start().len();
                    Some((k, (expected, None, 1, ts - k)))
                });
            match found {
                Some((k, (c, dmg, len, ts))) => {
                    let at = start + k;
                    if let Some(p) = pieces.last_mut() {
                        p.1.push(Span::new(start, at));
                    }
                    pieces.push((
                        Some(Bullet {
                            letter: c,
                            span: Span::new(at, at + len),
                            damage: dmg,
                            text_start: at + ts,
                        }),
                        vec![],
                    ));
                    last_letter = Some(c);
                    start = at + ts;
                }
                None => {
                    if let Some(p) = pieces.last_mut() {
                        p.1.push(Span::new(start, seg.end));
                    }
                    break;
                }
            }
        }
    }
    let mut items = Vec::new();
    for (bullet, spans) in pieces {
        let spans: Vec<Span> = spans
            .into_iter()
            .filter(|s| !s.text(text).trim().is_empty())
            .collect();
        if spans.is_empty() && bullet.is_none() {
            continue;
        }
        let mut joined = String::new();
        for s in &spans {
            let t = s.text(text).trim();
            if !joined.is_empty() {
                // Unbulleted items one to a line: a line that starts a new cable
                // starts a new item.
                let new_item = bullet.is_none()
                    && parse_cable_citation(&t.to_ascii_uppercase()).is_some()
                    && !begins_a_cable(&joined);
                joined.push_str(if new_item { "; " } else { " " });
            }
            joined.push_str(t);
        }
        let joined = joined
            .trim()
            .trim_end_matches([';', ','])
            .trim()
            .to_string();
        if joined.is_empty() && bullet.is_none() {
            continue;
        }
        let full = match (&bullet, spans.first(), spans.last()) {
            (Some(b), _, Some(l)) => b.span.cover(*l),
            (Some(b), _, None) => b.span,
            (None, Some(f), Some(l)) => f.cover(*l),
            _ => continue,
        };
        let text_start = bullet.as_ref().map_or(full.start, |b| b.text_start);
        if joined.eq_ignore_ascii_case("none") {
            continue;
        }
        if bullet.is_none() {
            // Unbulleted: `;` separates items, and so does `,` before another cable.
            for (k, part) in split_unbulleted(&joined).into_iter().enumerate() {
                let mut item = classify(
                    text,
                    &part,
                    None,
                    full,
                    text_start,
                    spans.as_slice(),
                    year,
                    origin,
                );
                if k > 0 {
                    item.span = locate(text, full, &part).unwrap_or(full);
                }
                items.push(item);
            }
        } else {
            items.push(classify(
                text, &joined, bullet, full, text_start, &spans, year, origin,
            ));
        }
    }
    for k in 1..items.len() {
        if is_dates_year(&items[k - 1].text, &items[k].text) {
            let it = &mut items[k];
            it.kind = RefKind::Other;
            it.ids.clear();
            it.id_spans.clear();
        }
    }
    items
}

/// `MCWHIRTER 12` and `["14", "07"]`: a month, a day and a year (two digits
/// or four) after a word, a date, not three serials.
fn is_date_after_word(head: &str, more: &[&str]) -> bool {
    let Some(month) = head.rsplit(' ').next() else {
        return false;
    };
    let [day, year] = more else { return false };
    let (day, year) = (day.trim(), year.trim());
    let num = |s: &str, max: u32| {
        (1..=2).contains(&s.len()) && s.parse::<u32>().is_ok_and(|n| (1..=max).contains(&n))
    };
    head.contains(' ') && num(month, 12) && num(day, 31) && matches!(year.len(), 2 | 4)
}

/// Whether what was read so far ends with the start of a cable's number that
/// a line's end broke (`REF: 2005` / `ALGIERS 2155`, `REFS: SAO` / `PAULO
/// 273`): a year, or the first word of an origin of several words.
fn begins_a_cable(so_far: &str) -> bool {
    let tail = so_far.rsplit([';', ',']).next().unwrap_or("").trim();
    let ws: Vec<&str> = tail.split_whitespace().collect();
    let digits = |w: &str| w.bytes().all(|b| b.is_ascii_digit());
    let year = |w: &str| matches!(w.len(), 2 | 4) && digits(w);
    // A year: the tail's only word, or after a serial (`BRASILIA 709 2008`).
    let year_last = match ws.as_slice() {
        [w] => year(w),
        [.., before, last] => {
            digits(before)
                && last.len() == 4
                && year(last)
                && (last.starts_with("19") || last.starts_with("20"))
        }
        [] => false,
    };
    if year_last {
        return true;
    }
    // The last words the first of an origin of more words (`10 SANTO` /
    // `DOMINGO 67`, `RIO DE` / `JANEIRO 346`, `BRASILIA 709 2008 SAO` /
    // `PAULO 542`).
    (1..=ws.len().min(3)).any(|n| {
        let words = &ws[ws.len() - n..];
        words
            .iter()
            .all(|w| w.bytes().all(|b| b.is_ascii_alphabetic()))
            && super::ids::origin_first_words()
                .get(words[0].to_ascii_uppercase().as_bytes())
                .is_some_and(|most| most > n)
    })
}

/// `A. EMBASSY PARIS DAILY REPORT FOR FEBRUARY 17` / `B. 2006 AND PRIOR`: a
/// copy broke a date's year onto a line of its own, which then read as a
/// bullet and a bare serial. The year of the date before it, not a cable.
fn is_dates_year(before: &str, item: &str) -> bool {
    let up = item.to_ascii_uppercase();
    let mut ws = up.split_whitespace();
    let year = ws
        .next()
        .map(|n| ocr_serial(n).unwrap_or_else(|| n.to_string()))
        .filter(|n| n.len() == 4 && n.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|n| n.parse::<u16>().ok());
    // Up to a note in parentheses (`(WWW.STATE.SGOV.GOV/...)`).
    let rest: Vec<&str> = ws.take_while(|w| !w.starts_with('(')).collect();
    let mut last = before
        .split_whitespace()
        .rev()
        .map(|w| w.trim_end_matches([',', '.']).to_ascii_uppercase());
    let (day, month) = (
        last.next().unwrap_or_default(),
        last.next().unwrap_or_default(),
    );
    year.is_some_and(|y| (1966..=2010).contains(&y))
        && matches!(rest.as_slice(), [] | ["AND", "PREVIOUS" | "PRIOR" | "PREV"])
        && (1..=2).contains(&day.len())
        && day.bytes().all(|b| b.is_ascii_digit())
        && is_month(&month)
}

/// Month names and their short forms (`w` in capitals).
pub(crate) fn is_month(w: &str) -> bool {
    const MONTHS: &str = "JAN JANUARY FEB FEBRUARY MAR MARCH APR APRIL MAY JUN JUNE JUL JULY \
                          AUG AUGUST SEP SEPT SEPTEMBER OCT OCTOBER NOV NOVEMBER DEC DECEMBER";
    MONTHS.split_whitespace().any(|m| m == w)
}

fn split_unbulleted(s: &str) -> Vec<String> {
    // `HANOI 60 (TITLE)  HANOI 330 (TITLE)`: a closing parenthesis before another
    // cable ends an item.
    let mut marked = String::with_capacity(s.len());
    let mut depth = 0i32;
    let mut open_at: Option<usize> = None;
    for (i, c) in s.char_indices() {
        marked.push(c);
        match c {
            '(' => {
                depth += 1;
                open_at = Some(i);
            }
            ')' => {
                depth -= 1;
                let Some(o) = open_at.filter(|&o| o < i) else {
                    continue;
                };
                let rest = s[i + 1..].trim_start();
                let year_only = s[o + 1..i].chars().all(|c| c.is_ascii_digit());
                let after_cable = s[..o]
                    .trim_end()
                    .ends_with(|c: char| c.is_ascii_digit() || c == ')');
                if depth <= 0
                    && !year_only
                    && after_cable
                    && parse_cable_citation(&rest.to_ascii_uppercase()).is_some()
                {
                    marked.push(';');
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for part in marked.split(';') {
        // (A list left open at a line's end: `..., BRASILIA 791,` / `BRASILIA 799`.)
        let commas: Vec<&str> = part.split(',').filter(|c| !c.trim().is_empty()).collect();
        if commas.len() > 1
            && commas
                .iter()
                .all(|c| parse_cable_citation(c.trim()).is_some())
        {
            out.extend(commas.iter().map(|c| c.trim().to_string()));
        } else if let Some(run) = split_run(part.trim()) {
            out.extend(run);
        } else if !part.trim().is_empty() {
            out.push(part.trim().to_string());
        }
    }
    out
}

/// `SAO PAULO 433 SAO PAULO 421 BRASILIA 709`: cables listed back to back with no
/// separator, when the whole part is such a run.
fn split_run(part: &str) -> Option<Vec<String>> {
    let mut rest = part;
    let mut v = Vec::new();
    while !rest.is_empty() && v.len() < 64 {
        let (_, origin, _, n) = parse_cable_citation(rest)?;
        if !super::ids::is_known_origin(origin) {
            return None;
        }
        if n == 0 || n > rest.len() || !rest.is_char_boundary(n) {
            return None;
        }
        v.push(rest[..n].trim().to_string());
        rest = rest[n..].trim_start();
    }
    (v.len() > 1 && rest.is_empty()).then_some(v)
}

fn locate(text: &str, within: Span, needle: &str) -> Option<Span> {
    let at = within.text(text).find(needle)?;
    Some(Span::new(
        within.start + at,
        within.start + at + needle.len(),
    ))
}

/// Words that make a REF item something other than a cable.
const OTHER_WORDS: [&str; 12] = [
    "MEMO",
    "MEMORANDUM",
    "IIR",
    "TD",
    "LETTER",
    "REPORT",
    "NOTE",
    "FAX",
    "MEETING",
    "CONVERSATION",
    "DOC",
    "DOCUMENT",
];

#[allow(clippy::too_many_arguments)]
fn classify(
    text: &str,
    item: &str,
    bullet: Option<Bullet>,
    span: Span,
    text_start: usize,
    spans: &[Span],
    year: Option<u16>,
    own_origin: Option<&str>,
) -> RefItem {
    let up = item.to_uppercase();
    let mut r = RefItem {
        span,
        bullet: bullet.as_ref().map(|b| b.letter),
        bullet_span: bullet.as_ref().map(|b| b.span),
        bullet_damage: bullet.as_ref().and_then(|b| b.damage),
        kind: RefKind::Other,
        text: item.to_string(),
        ids: vec![],
        id_spans: vec![],
        and_previous: up.contains("AND PREVIOUS") || up.contains("AND PREV"),
        notal: up.contains("NOTAL"),
        poc_doc: None,
    };
    let _ = text_start;
    let words: Vec<&str> = up
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if up.contains("E-MAIL") || up.contains("EMAIL") || up.contains("E MAIL") {
        r.kind = RefKind::Email;
        return r;
    }
    if words
        .iter()
        .any(|w| ["TELCON", "TELECON", "TELCONS", "TELEPHONE", "PHONE"].contains(w))
    {
        r.kind = RefKind::Telcon;
        return r;
    }
    if let Some(p) = words.iter().position(|w| *w == "POC") {
        let num = words[p + 1..]
            .iter()
            .find(|w| w.chars().all(|c| c.is_ascii_digit()));
        if let Some(n) = num.and_then(|n| n.parse::<u32>().ok()) {
            let y = words[..p]
                .iter()
                .find(|w| w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()))
                .and_then(|y| y.parse().ok());
            r.kind = RefKind::Document;
            r.poc_doc = Some((y, n));
            return r;
        }
    }
    // `STATE 81957: REPORT OF ...`: a cable with its title is a cable.
    let ocr_fixed: Vec<String> = (up.split_whitespace())
        .map(|w| ocr_serial(w).unwrap_or_else(|| w.to_string()))
        .collect();
    let titled_cable = parse_cable_citation(&ocr_fixed.join(" ")).is_some_and(|(_, o, ..)| {
        valid_origin(o) && !o.split_whitespace().any(|w| OTHER_WORDS.contains(&w))
    });
    if !titled_cable && words.iter().any(|w| OTHER_WORDS.contains(w)) {
        r.kind = RefKind::Other;
        return r;
    }
    // Cables: strip the trailers, then `[YY] ORIGIN SERIAL` with `/`, `,`, `AND` lists.
    let mut core = normalize_item(&up, bullet.as_ref().map(|b| b.letter));
    for t in [
        "(AND PREVIOUS)",
        "AND PREVIOUS",
        "AND PREV",
        "(NOTAL)",
        "NOTAL",
        "(NOTAL",
        "CIRCULAR",
    ] {
        if let Some(p) = core.find(t) {
            core.truncate(p);
        }
    }
    let core = core
        .trim()
        .trim_end_matches(['.', ',', ';', ')', '('])
        .trim()
        .to_string();
    let mut last: Option<(Option<u16>, String)> = None;
    let mut ok = false;
    for part in core.split([',', ';']).flat_map(|p| p.split(" AND ")) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        // `936/935`: serials sharing an origin; `MCWHIRTER 12/14/07` is a
        // name and a date.
        let (head, more): (&str, Vec<&str>) = match part.split_once('/') {
            Some((a, b)) if b.trim().chars().all(|c| c.is_ascii_digit() || c == '/') => {
                (a, b.split('/').collect())
            }
            _ => (part, vec![]),
        };
        if is_date_after_word(head, &more) {
            continue;
        }
        let mut serials: Vec<&str> = Vec::new();
        if let Some((y, o, serial, n)) = parse_cable_citation(head) {
            let tail = head[n..].trim();
            let trailing_ok = tail.is_empty()
                || tail.starts_with('(')
                || !tail.starts_with(|c: char| c.is_ascii_digit());
            let year_like =
                serial.len() == 4 && (serial.starts_with("19") || serial.starts_with("20"));
            if !valid_origin(o) || !trailing_ok || (year_like && !super::ids::is_known_origin(o)) {
                continue;
            }
            last = Some((y, o.to_string()));
            serials.push(serial);
        } else if !head.is_empty()
            && head.chars().all(|c| c.is_ascii_digit())
            && (last.is_some() || own_origin.is_some())
        {
            if last.is_none() {
                last = Some((None, own_origin.unwrap_or_default().to_string()));
            }
            serials.push(head);
        } else {
            continue;
        }
        serials.extend(more.iter().map(|s| s.trim()).filter(|s| !s.is_empty()));
        let (y, o) = last.clone().unwrap();
        for s in serials {
            let Ok(serial) = s.parse::<u32>() else {
                continue;
            };
            let Some(yr) = y.or(year) else {
                ok = true;
                continue;
            };
            let id = CableId {
                year: yr,
                origin: normalize_origin(&o),
                serial,
            };
            r.id_spans.push(find_serial(text, spans, s).unwrap_or(span));
            r.ids.push(id);
            ok = true;
        }
    }
    if ok {
        r.kind = RefKind::Cable;
    }
    r
}

/// Undoes the damage and variants seen inside REF items, on the upper-cased text:
/// `#3565`, `&` between cables, portion marks, `UNCLASS` prefixes, a nested
/// `REFERENCE:`, a repeated bullet (`A. A: PANAMA`), `STATE (01) 201265`,
/// `QUITO 4525-91`, `PANAMA 00789/08`, `LAGOS O1512`, `STATE l54674`.
fn normalize_item(up: &str, bullet: Option<char>) -> String {
    let mut s = up.replace('#', " ").replace(" & ", ", ");
    // Portion marks.
    while let Some(p) = s.find('(') {
        match super::marking::mark_at(&s[p..]) {
            Some((_, len)) if !s[p + 1..p + len - 1].contains("PREV") => {
                s.replace_range(p..p + len, " ")
            }
            _ => break,
        }
    }
    let mut ws: Vec<String> = s.split_whitespace().map(str::to_string).collect();
    while let Some(first) = ws.first() {
        let f = first.trim_end_matches([':', '.']);
        let letter = first
            .trim_start_matches('(')
            .trim_end_matches([':', '.', ')']);
        let repeated = letter.len() == 1 && letter.chars().next() == bullet && first.len() <= 3;
        let drop = [
            "UNCLASS",
            "UNCLAS",
            "CONFIDENTIAL",
            "SECRET",
            "REFERENCE",
            "REF",
            "REFS",
            "REFTEL",
        ]
        .contains(&f)
            || repeated;
        if drop && ws.len() > 1 {
            ws.remove(0);
        } else {
            break;
        }
    }
    // `STATE (01) 201265` -> `01 STATE 201265`
    if let Some(k) = ws.iter().position(|w| {
        w.len() == 4
            && w.starts_with('(')
            && w.ends_with(')')
            && w[1..3].chars().all(|c| c.is_ascii_digit())
    }) {
        let y = ws.remove(k)[1..3].to_string();
        ws.insert(0, y);
    }
    let mut out = Vec::with_capacity(ws.len());
    for w in ws {
        // `'08`: an apostrophe before a year.
        let w = w
            .strip_prefix(['\'', '’'])
            .map_or(w.clone(), str::to_string);
        // `10-OTTAWA-57`
        let dashed: Vec<&str> = w.split('-').collect();
        if dashed.len() == 3
            && dashed[0].len() == 2
            && dashed[0].chars().all(|c| c.is_ascii_digit())
            && dashed[1].chars().all(|c| c.is_ascii_alphabetic())
            && dashed[2].chars().all(|c| c.is_ascii_digit())
            && !dashed[2].is_empty()
        {
            out.push(format!("{} {} {}", dashed[0], dashed[1], dashed[2]));
            continue;
        }
        // `0TTAWA`: OCR read the letter O as a zero.
        let w = if w.len() > 3
            && w.starts_with('0')
            && w[1..].chars().all(|c| c.is_ascii_uppercase())
        {
            format!("O{}", &w[1..])
        } else {
            w
        };
        let w = ocr_serial(&w).unwrap_or(w);
        // `4525-91`, `00789/08`: a serial with its year after it.
        let sep = w.find(['-', '/']);
        if let Some(p) = sep {
            let (a, b) = (&w[..p], &w[p + 1..]);
            let b2 = b.trim_end_matches([',', ';', '.']);
            if a.len() >= 3
                && a.chars().all(|c| c.is_ascii_digit())
                && b2.len() == 2
                && b2.chars().all(|c| c.is_ascii_digit())
                && (w.as_bytes()[p] == b'-' || a.starts_with('0'))
            {
                out.push(format!("@{b2}@{a}{}", &b[b2.len()..]));
                continue;
            }
        }
        out.push(w);
    }
    // Move `@YY@` years to the front of their part.
    let mut joined = out.join(" ");
    while let Some(p) = joined.find('@') {
        let Some(q) = joined[p + 1..].find('@').map(|q| p + 1 + q) else {
            break;
        };
        let yy = joined[p + 1..q].to_string();
        joined.replace_range(p..q + 1, "");
        let part_start = joined[..p].rfind([',', ';']).map_or(0, |x| x + 1);
        joined.insert_str(part_start, &format!(" {yy} "));
    }
    joined.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether the words before a serial can be a post (in capitals): a known one
/// (`RIO DE JAN`, `PORT OF SPAIN`), or words that are not a month
/// (`STATE-LONDON SVTC MAY 9`), nor a known post followed by words that are no
/// part of its name (`PARIS POINTS 20`, `LONDON DAILY 30`).
fn valid_origin(o: &str) -> bool {
    const NOT_IN_NAMES: [&str; 8] = ["OF", "DATED", "THE", "ON", "TO", "FROM", "IN", "NO"];
    let ws: Vec<&str> = o.split_whitespace().collect();
    names_an_origin(o)
        || ws.len() <= 4
            && !ws.iter().any(|w| NOT_IN_NAMES.contains(w) || is_month(w))
            && !(ws.len() > 1 && is_known_origin(ws[0]))
}

fn find_serial(text: &str, spans: &[Span], serial: &str) -> Option<Span> {
    for s in spans {
        let t = s.text(text);
        let mut from = 0;
        while let Some(p) = t[from..].find(serial) {
            let at = from + p;
            let end = at + serial.len();
            let b = t.as_bytes();
            let lone = (at == 0 || !b[at - 1].is_ascii_digit())
                && (end == b.len() || !b[end].is_ascii_digit());
            if lone {
                // Widen to the origin words before the serial.
                let before = &t[..at];
                let mut st = at;
                let trimmed = before.trim_end();
                let mut words_back = 0;
                let mut k = trimmed.len();
                while words_back < 4 {
                    let w_start = trimmed[..k]
                        .rfind([' ', '.', ')', ']'])
                        .map_or(0, |p| p + 1);
                    let w = &trimmed[w_start..k];
                    if w.is_empty() || !w.chars().all(|c| c.is_alphabetic()) {
                        break;
                    }
                    st = w_start;
                    words_back += 1;
                    k = trimmed[..w_start].trim_end().len();
                    if k == 0 {
                        break;
                    }
                }
                // A year before the origin.
                let pre = t[..st].trim_end();
                let yw = pre.rsplit(' ').next().unwrap_or("");
                if (yw.len() == 2 || yw.len() == 4) && yw.chars().all(|c| c.is_ascii_digit()) {
                    st = pre.len() - yw.len();
                }
                return Some(Span::new(s.start + st, s.start + end));
            }
            from = end;
        }
    }
    None
}

/// `O1512`, `l54674`, `12O45`, `8l957:`: a serial whose zero OCR read as the
/// letter O and whose one as I, l or |: a word of digits but for those (two
/// digits at least, up to seven characters), fixed; `None` for any other word.
pub(crate) fn ocr_serial(w: &str) -> Option<String> {
    let core = w.trim_end_matches([',', ';', ':', '.', ')']);
    let digits = core.bytes().filter(u8::is_ascii_digit).count();
    let misread = (2..=7).contains(&core.len())
        && digits >= 2
        && digits < core.len()
        && (core.bytes()).all(|c| c.is_ascii_digit() || b"OIlL|".contains(&c));
    misread.then(|| {
        let fixed: String = (core.chars())
            .map(|c| match c {
                'O' => '0',
                'I' | 'l' | 'L' | '|' => '1',
                c => c,
            })
            .collect();
        format!("{fixed}{}", &w[core.len()..])
    })
}

/// The year of a two- or four-digit year token.
pub fn year_of(w: &str) -> Option<u16> {
    (w.len() == 2 || w.len() == 4)
        .then(|| w.parse().ok().map(full_year))
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(s: &str, year: u16) -> Vec<(Option<char>, RefKind, Vec<String>)> {
        let segs: Vec<Span> = {
            let mut v = vec![];
            let mut pos = 0;
            for l in s.split('\n') {
                if !l.trim().is_empty() {
                    v.push(Span::new(pos, pos + l.len()));
                }
                pos += l.len() + 1;
            }
            v
        };
        parse_items(s, &segs, Some(year), None)
            .into_iter()
            .map(|i| {
                (
                    i.bullet,
                    i.kind,
                    i.ids.iter().map(|x| x.to_string()).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn a_cable_number_broken_over_a_line_end() {
        let ids =
            |s: &str| -> Vec<String> { items(s, 2009).into_iter().flat_map(|i| i.2).collect() };
        // After a year, or an origin's first words (after a year maybe).
        assert_eq!(ids("2005\nALGIERS 2155"), ["05ALGIERS2155"]);
        assert_eq!(
            ids("SAO\nPAULO 273, SAO PAULO 90"),
            ["09SAOPAULO273", "09SAOPAULO90"]
        );
        assert_eq!(
            ids("RIO DE JANEIRO 329; RIO DE\nJANEIRO 346;"),
            ["09RIODEJANEIRO329", "09RIODEJANEIRO346"]
        );
        assert_eq!(
            ids("10 SANTIAGO 51; 10 SANTO\nDOMINGO 67"),
            ["10SANTIAGO51", "10SANTODOMINGO67"]
        );
        assert_eq!(
            ids("BRASILIA 709 2008\nSAO PAULO 542"),
            ["09BRASILIA709", "08SAOPAULO542"]
        );
        assert_eq!(
            ids("BRASILIA 709 2008 SAO\nPAULO 542"),
            ["09BRASILIA709", "08SAOPAULO542"]
        );
        assert_eq!(
            ids("SAO PAULO 273, BRASILIA 791,\nBRASILIA 799"),
            ["09SAOPAULO273", "09BRASILIA791", "09BRASILIA799"]
        );
        assert_eq!(
            items("SAO PAULO 273, BRASILIA 791,\nBRASILIA 799", 2009).len(),
            3
        );
        // A whole cable on each line: two items.
        assert_eq!(ids("STATE 12\nSTATE 1234"), ["09STATE12", "09STATE1234"]);
        assert_eq!(items("STATE 12\nSTATE 1234", 2009).len(), 2);
    }

    #[test]
    fn a_date_after_a_name_is_no_list_of_serials() {
        let r = items("(A) BUENOS AIRES 2336 (B) MCWHIRTER 12/14/07", 2007);
        assert_eq!(r[1].2, Vec::<String>::new());
        assert_eq!(
            items("A. KABUL 936/935", 2007)[0].2,
            ["07KABUL936", "07KABUL935"]
        );
        assert_eq!(
            items("USDEL SECRETARY TELEGRAMS 000005/000007/00004", 2007)[0]
                .2
                .len(),
            3
        );
    }

    #[test]
    fn bullets_and_kinds() {
        let r = items("A. TBILISI 1605  B. TBILISI 1352  C. 06 TBILISI 2601", 2007);
        assert_eq!(r.len(), 3);
        assert_eq!(r[2].2, vec!["06TBILISI2601"]);
        let r = items(
            "A. SMITH-DURHAM E MAIL OF 06-26-08\n¶B. STATE 633 (AND PREVIOUS)\n1D. STATE 44438",
            2008,
        );
        assert_eq!(r[0].1, RefKind::Email);
        assert_eq!(
            (r[1].0, r[1].2.clone()),
            (Some('B'), vec!["08STATE633".to_string()])
        );
        assert_eq!(
            (r[2].0, r[2].2.clone()),
            (Some('D'), vec!["08STATE44438".to_string()])
        );
        let r = items("[D](#). 2009 MTCR POC DOC 008", 2009);
        assert_eq!((r[0].0, r[0].1), (Some('D'), RefKind::Document));
        let r = items("PARIS 1501 AND 1568", 2009);
        assert_eq!(r[0].2, vec!["09PARIS1501", "09PARIS1568"]);
        let r = items("KABUL 936/935", 2009);
        assert_eq!(r[0].2, vec!["09KABUL936", "09KABUL935"]);
        let r = items("09 state 122115; 09 nairobi 2487", 2010);
        assert_eq!(r.len(), 2);
        assert_eq!(r[1].2, vec!["09NAIROBI2487"]);
    }

    /// Each item alone: its kind and the cables it cites.
    fn one(s: &str) -> (&'static str, Vec<String>) {
        let r = items(s, 2009);
        assert_eq!(r.len(), 1, "{s}: {r:?}");
        (r[0].1.name(), r[0].2.clone())
    }

    #[test]
    fn words_before_a_number_that_are_no_post() {
        // Real items (06PARIS7579, 07PARIS3956, 08LONDON1350, 09LONDON1082).
        for s in [
            "A. PARIS POINTS NOV 22",
            "A. (A) PARIS POINTS 20 SEPTEMBER 2007",
            "A. STATE-LONDON SVTC MAY 9",
            "B. LONDON DAILY - 30 APRIL 2009",
            "MEMO 1234",
        ] {
            assert_eq!(one(s), ("other", vec![]), "{s}");
        }
        for (s, id) in [
            ("A) 08 RIO DE JAN 138", "08RIODEJANEIRO138"),
            ("PORT OF SPAIN 123", "09PORTOFSPAIN123"),
            ("SECSTATE WASHDC 4", "09STATE4"),
            ("USUN NEW YORK 12", "09USUNNEWYORK12"),
            ("B. SANAA 2251", "09SANAA2251"),
            // A cable with its title (09STATE83014).
            (
                "B. STATE 81957: REPORT OF U.S.-RUSSIA MANPADS EXPERTS MEETING",
                "09STATE81957",
            ),
        ] {
            assert_eq!(one(s), ("cable", vec![id.to_string()]), "{s}");
        }
    }

    #[test]
    fn a_dates_year_broken_onto_its_own_line_is_no_cable() {
        // 06PARIS1031, 06PARIS953.
        let r = items(
            "A. (A) EMBASSY PARIS DAILY REPORT FOR FEBRUARY 17\nB. 2006\nC. PARIS 7425\n\
             D. DAILY REPORT FOR FEB. 6,\nE. 2006 AND PRIOR (WWW.STATE.SGOV.GOV/P/EUR)\n\
             F. REPORT FOR MAY 4\nG. 2O06 AND PREVIOUS",
            2006,
        );
        let kinds: Vec<_> = r.iter().map(|i| (i.0.unwrap(), i.1.name())).collect();
        assert_eq!(
            kinds,
            [
                ('A', "other"),
                ('B', "other"),
                ('C', "cable"),
                ('D', "other"),
                ('E', "other"),
                ('F', "other"),
                ('G', "other")
            ]
        );
        // A bare serial (the citing cable's origin) that follows no date, or is
        // no year, stays a cable.
        let t = "A. PARIS 1234\nB. 2006\nC. REPORT OF MAY 4\nD. 2011";
        let segs: Vec<Span> = t
            .split('\n')
            .scan(0, |pos, l| {
                let sp = Span::new(*pos, *pos + l.len());
                *pos += l.len() + 1;
                Some(sp)
            })
            .collect();
        let ids: Vec<_> = parse_items(t, &segs, Some(2006), Some("PARIS"))
            .iter()
            .map(|i| i.ids.iter().map(|x| x.to_string()).collect::<String>())
            .collect();
        assert_eq!(ids, ["06PARIS1234", "06PARIS2006", "", "06PARIS2011"]);
    }
}
