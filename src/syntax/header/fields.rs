//! Which field a header line starts (several may share a line) and whether the
//! next line goes on with it.

use super::*;

/// Starts a field gathered line by line, TAGS or SUBJECT (`state`, which it
/// leaves the walk in): its value runs to where a field that may follow it on
/// its line starts (`TAGS: X SUBJECT: Y`, `SUBJECT: X REF: Y`), which is then
/// read in turn.
fn start_gathered(
    text: &str,
    seg: Span,
    vspan: Span,
    h: &mut Header,
    f: &mut Pending,
    state: State,
) -> State {
    let (keys, slot): (&[&str], _) = match state {
        State::Tags => (&["SUBJECT", "SUBJ"], &mut f.tags),
        _ => (&["REF", "CLASSIFIED BY"], &mut f.subject),
    };
    let cut = inline_key(vspan.text(text), keys);
    let end = cut.map_or(vspan.end, |c| vspan.start + c);
    // The first segment is an empty marker at the keyword.
    *slot = Some(Acc {
        segs: vec![Span::new(seg.start, seg.start), Span::new(vspan.start, end)],
    });
    match cut {
        Some(_) => start_inline(text, Span::new(end, seg.end), h, f),
        None => state,
    }
}

pub(super) fn start_inline(text: &str, seg: Span, h: &mut Header, f: &mut Pending) -> State {
    let s = seg.text(text);
    let Some((k, at)) = key_at(s) else {
        return State::Fields;
    };
    if let Some((span, canon)) = damaged_key(s, seg.start) {
        h.field_damage.push(Damage {
            span,
            kind: DamageKind::FieldName,
            replacement: canon.to_string(),
        });
    }
    let vspan = Span::new(seg.start + at, seg.end);
    match k {
        Key::Tags => start_gathered(text, seg, vspan, h, f, State::Tags),
        Key::Subject => start_gathered(text, seg, vspan, h, f, State::Subject),
        Key::Ref if refs::ref_line_bullet(s).is_some() => {
            // `REF A X`: the heading is the word, the item the whole line.
            f.refs = Some((Span::new(seg.start, seg.start + 3), vec![seg]));
            State::Ref
        }
        Key::Ref => {
            let v = vspan.text(text);
            match inline_key(v, &["CLASSIFIED BY"]) {
                Some(c) => {
                    f.refs = Some((
                        Span::new(seg.start, vspan.start),
                        vec![Span::new(vspan.start, vspan.start + c)],
                    ));
                    f.classby = Some(Acc {
                        segs: vec![Span::new(vspan.start + c, seg.end)],
                    });
                    State::ClassBy
                }
                None => {
                    f.refs = Some((Span::new(seg.start, vspan.start), vec![vspan]));
                    State::Ref
                }
            }
        }
        Key::ClassBy | Key::Reason => {
            f.classby = Some(Acc { segs: vec![seg] });
            State::ClassBy
        }
        Key::Eo => {
            let v = vspan.text(text);
            match inline_key(v, AFTER_EO) {
                Some(c) => {
                    h.eo = Some(parse_eo(text, Span::new(seg.start, vspan.start + c), vspan));
                    start_inline(text, Span::new(vspan.start + c, seg.end), h, f)
                }
                None => {
                    h.eo = Some(parse_eo(text, seg, vspan));
                    State::Fields
                }
            }
        }
    }
}

/// Where the subject's name starts on a line of TAGS wrapped from the line
/// before (`AF SUBJECT: SPAIN: ...`, `POLITICAL PARTIES SUBJECT: ...`): after
/// a word or a few in capitals.
pub(super) fn tags_then_subject(s: &str) -> Option<usize> {
    let c = inline_key(s, &["SUBJECT", "SUBJ"])?;
    let mut words = s[..c]
        .split([' ', ','])
        .filter(|w| !w.is_empty())
        .peekable();
    words.peek()?;
    words.all(|w| w.len() <= 16 && is_shouty(w)).then_some(c)
}

#[allow(clippy::too_many_arguments)]
pub(super) fn continue_field(
    text: &str,
    seg: Span,
    s: &str,
    gap: bool,
    state: State,
    infos: &[LineInfo],
    i: usize,
    f: &mut Pending,
) -> bool {
    match state {
        State::Tags => {
            let Some(t) = f.tags.as_mut() else {
                return false;
            };
            let prev = t.segs.last().map(|x| x.text(text).trim_end()).unwrap_or("");
            // In capitals, or in small letters where the line before holds
            // TAGS so written (`Tags: mtcre parm prel` / `ir gm`: a copy in
            // small letters; not `TAGS: something` / `here`).
            fn words(l: &str) -> impl Iterator<Item = &str> {
                l.split([' ', ',']).filter(|w| !w.is_empty())
            }
            let small_tag = |w: &str| {
                w.len() <= 6
                    && w.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            };
            let small = !prev.is_empty() && words(prev).all(small_tag);
            let tag_like = |w: &str| w.len() <= 6 && is_shouty(w) || small && small_tag(w);
            // Each word a TAG, or in capitals, half of them or more (`HILLARY
            // PREL KPAL FR IR RS`: a TAG with a name).
            let (n, tags) =
                words(s).fold((0, 0), |(n, t), w| (n + 1, t + usize::from(tag_like(w))));
            let looks_tags =
                tags == n || n >= 2 && tags * 2 >= n && is_shouty(s) || s.starts_with('[');
            // Across a blank line only after a comma (`..., SOCI,` / blank /
            // `KCRM, SP`).
            let dangling = prev.ends_with(',');
            // `TAGS:` alone: its value is the next line, whatever its words.
            let no_value = (t.segs.iter().skip(1)).all(|x| x.text(text).trim().is_empty());
            // Any words wrapped from the TAGS line, a field right after them
            // (`TAGS: ECON PGOV TU` / `POLITICAL PARTIES` / `SUBJECT: ...`).
            let field_next = next_text(infos, i).is_some_and(|n| key_at(n.text(text)).is_some());
            if !gap && (dangling || no_value || (looks_tags || field_next) && s.len() < 60)
                || gap && dangling && looks_tags
            {
                t.segs.push(seg);
                return true;
            }
            false
        }
        State::Subject => {
            let Some(sub) = f.subject.as_mut() else {
                return false;
            };
            let so_far = sub.joined(text);
            // A mark closes a subject after its text (`SUBJECT: X (C)`), not
            // alone (`SUBJECT: (C/NF)` / `GENERAL ...`: the text wrapped).
            let closed =
                trailing_mark(&so_far).is_some_and(|(_, open)| !so_far[..open].trim().is_empty());
            let banner = parse_banner(text, seg).is_some();
            // (Not after a colon: `SUBJECT: BRAZIL:` / `Ambassador's Lunch ...`.)
            let case_break = is_shouty(&so_far)
                && !so_far.trim_end().ends_with(':')
                && !is_shouty(s)
                && s.chars().filter(|c| c.is_lowercase()).count() > 3;
            // A rule (`-----`), a heading with its rule on its line (`SUMMARY
            // -------`) or a caption (`SENSITIVE BUT UNCLASSIFIED.`) is never
            // part of a subject.
            let underlined = (s.trim_end().rsplit_once(' '))
                .is_some_and(|(_, w)| w.len() >= 4 && crate::syntax::facts::is_rule(w));
            if crate::syntax::facts::is_rule(s) || underlined || is_caption(s) {
                return false;
            }
            if !gap && !starts_block(s) && !banner && !case_break && !closed {
                sub.segs.push(seg);
                return true;
            }
            // After a blank line: a line left dangling (`... POLITICAL
            // LANDSCAPE AND`, `... SEPTEMBER 29,`) goes on, and `SUBJECT:`
            // alone takes its value (a spaced copy).
            let goes_on =
                !closed && dangles(&so_far) && s.len() < 100 || sub.is_blank(text) && s.len() < 200;
            if gap && goes_on && !starts_block(s) && !banner && !is_paragraph_start(s) {
                sub.segs.push(seg);
                return true;
            }
            if gap && !closed && is_shouty(s) && is_shouty(&so_far) && s.len() < 100 {
                // Across a blank line: only when a header field or paragraph follows.
                let next = infos[i + 1..].iter().find(|l| !l.is_blank());
                if let Some(n) = next {
                    let ns = n.content_span().unwrap().text(text);
                    if key_at(ns).is_some() || is_paragraph_start(ns) {
                        sub.segs.push(seg);
                        return true;
                    }
                }
            }
            false
        }
        State::Ref => {
            let Some((_, segs)) = f.refs.as_mut() else {
                return false;
            };
            let bullet = label(s).is_some_and(|l| matches!(l.value, LabelValue::Letter(_)))
                || refs::starts_with_bullet(s)
                || s.starts_with(|c: char| c.is_ascii_alphabetic())
                    && s.get(1..4).is_some_and(|x| x.starts_with(" - "));
            // (The last item as a whole: it may run over lines, `(B)
            // MCWHIRTER` / `12/14/07`.)
            let block: Vec<&str> = segs.iter().map(|l| l.text(text)).collect();
            let dangling = item_incomplete(&block.join(" "));
            // `REF: RIO DE JANEIRO 329; RIO DE JANEIRO 346;` and, after a
            // blank line, `RIO DE JANEIRO 353`: a list left open goes on.
            let open_list = segs
                .last()
                .is_some_and(|l| l.text(text).trim_end().ends_with([';', ',']))
                && ids::parse_cable_citation(s).is_some();
            if is_caption(s) {
                // `SENSITIVE BUT UNCLASSIFIED -- HANDLE ACCORDINGLY`.
                return false;
            }
            if bullet
                || dangling
                || open_list
                || (!gap && ids::parse_cable_citation(s).is_some())
                || (!gap
                    && !is_paragraph_start(s)
                    && (s.len() < 90 || refs::holds_later_bullet(s))
                    && !starts_block(s)
                    && !opens_marked_text(s))
            {
                segs.push(seg);
                return true;
            }
            false
        }
        State::ClassBy => {
            let Some(c) = f.classby.as_mut() else {
                return false;
            };
            // Across a blank line after a line left dangling (`for reasons`,
            // `1.4 (b),`, `1.4(B) AND`).
            let prev = c.segs.last().map_or("", |x| x.text(text));
            let last_word = prev.trim_end().rsplit(' ').next().unwrap_or("");
            let dangling = dangles(prev)
                || ["REASON", "REASONS", "REASONS:", "REASON:"]
                    .iter()
                    .any(|w| last_word.eq_ignore_ascii_case(w));
            // Its reasons read and closed (`... 1.4 (b), (c), and (d).`): the
            // next line, with no blank line between (a copy that dropped
            // them), is the text.
            let closed = prev.trim_end().ends_with(").")
                && (c.segs.iter()).any(|x| {
                    let t = x.text(text);
                    t.contains("1.4") || t.contains("1.5")
                });
            if (!gap && !closed || dangling && s.len() < 100)
                && !starts_block(s)
                && (!is_paragraph_start(s) || reasons_section_cut(text, s, infos, i))
                && !opens_marked_words(s)
                && c.segs.len() < 6
            {
                c.segs.push(seg);
                return true;
            }
            false
        }
        _ => false,
    }
}

/// An unnumbered paragraph or heading after the reasons: a portion mark,
/// then a word (`(C) SUMMARY`, `(U) This is ...`), not a reason's letter
/// and its conjunction (`(C) and (D)`).
pub(super) fn opens_marked_words(s: &str) -> bool {
    let Some((_, len)) = marking::mark_at(s) else {
        return false;
    };
    let word = s[len..].split_whitespace().next().unwrap_or("");
    word.len() >= 3
        && word.starts_with(|c: char| c.is_ascii_uppercase())
        && word.chars().all(|c| c.is_alphabetic())
        && !["AND", "OR", "FOR"]
            .iter()
            .any(|w| word.eq_ignore_ascii_case(w))
}

/// Whether a wrapped line stops where no sentence or title can: after a
/// comma, a colon, a dash or a word that needs another after it.
pub(super) fn dangles(s: &str) -> bool {
    const WORDS: &[&str] = &[
        "AND", "OR", "OF", "TO", "THE", "A", "AN", "IN", "ON", "FOR", "WITH", "AT", "BY", "FROM",
        "INTO", "ABOUT", "VS.", "AS",
    ];
    let t = s.trim_end();
    let last = t.rsplit(' ').next().unwrap_or("");
    t.ends_with([',', ':', '-', '–', '/']) || WORDS.iter().any(|w| last.eq_ignore_ascii_case(w))
}

/// An unnumbered paragraph's first line: a portion mark no bullet letter
/// can be (`(SBU)`, `(C//NF)`), then a sentence (`(SBU) Poloff delivered ...`;
/// in capitals, four words or more and no cable's number: `(SBU) POLOFF
/// DELIVERED REFTEL DEMARCHE`).
pub(super) fn opens_marked_text(s: &str) -> bool {
    let Some((m, len)) = marking::mark_at(s) else {
        return false;
    };
    let rest = s[len..].trim_start();
    let sentence = || {
        let first = rest.split(' ').next().unwrap_or("");
        first.chars().any(|c| c.is_ascii_lowercase())
            || is_shouty(rest)
                && rest.split_whitespace().count() >= 4
                && ids::parse_cable_citation(rest).is_none()
    };
    m.text.trim().len() >= 2 && rest.starts_with(|c: char| c.is_ascii_uppercase()) && sentence()
}

/// `BY: ...` after a subject's or REF block's line that ends in `CLASSIFIED`
/// (an inline Classified By a copy broke after its first word): the span of
/// that word.
pub(super) fn classified_cut_before(
    text: &str,
    s: &str,
    f: &Pending,
    state: State,
) -> Option<Span> {
    let by = s.get(..3).is_some_and(|w| w.eq_ignore_ascii_case("BY:"));
    let last = match state {
        State::Subject => f.subject.as_ref()?.segs.last(),
        _ => f.refs.as_ref()?.1.last(),
    }?;
    let t = last.text(text).trim_end();
    let at = t.len().checked_sub(10)?;
    let word = t.get(at..)?;
    let after_space = t[..at].ends_with([' ', '\t']);
    (by && after_space && word.eq_ignore_ascii_case("CLASSIFIED"))
        .then(|| Span::new(last.start + at, last.start + t.len()))
}

/// The text of the line after line `i`, past a page's lines (a printout's,
/// whole lines of noise); `None` at a blank line or the text's end.
pub(super) fn next_text(infos: &[LineInfo], i: usize) -> Option<Span> {
    (infos.get(i + 1..)?.iter())
        .find(|l| !(l.segs.is_empty() && l.noise.is_some()))?
        .first()
}

/// `... Reasons` / `1.` / `4 (b/d).`: the reasons' section (1.4, 1.5) broken
/// over line ends, no paragraph `1.`.
pub(super) fn reasons_section_cut(text: &str, s: &str, infos: &[LineInfo], i: usize) -> bool {
    s.trim() == "1."
        && (infos.get(i + 1).and_then(|l| l.first()))
            .is_some_and(|n| n.text(text).starts_with(['4', '5']))
}

/// A REF line whose last item is cut short, its serial on a later line:
/// `B) STATE 2, C)`, `D. 03`, `(B) Rio de Janeiro`.
pub(super) fn item_incomplete(s: &str) -> bool {
    let t = s.trim_end().trim_end_matches('\\').trim_end();
    let ws: Vec<&str> = t.split([' ', ',', ';']).filter(|w| !w.is_empty()).collect();
    let is_bullet = |w: &str| {
        let b = w.as_bytes();
        (b.len() == 2 && b[0].is_ascii_alphabetic() && (b[1] == b')' || b[1] == b'.'))
            || (b.len() == 3 && b[0] == b'(' && b[1].is_ascii_alphabetic() && b[2] == b')')
    };
    // Words after the last bullet.
    let Some(k) = ws.iter().rposition(|w| is_bullet(w)) else {
        return false;
    };
    let after = &ws[k + 1..];
    after.is_empty()
        || !after.iter().any(|w| {
            w.len() >= 3 && (w.bytes().all(|c| c.is_ascii_digit()) || refs::ocr_serial(w).is_some())
        })
}
