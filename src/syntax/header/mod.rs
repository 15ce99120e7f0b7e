//! The header: routing block, DTG, FM/TO/INFO, banner, handling lines, E.O., TAGS,
//! SUBJECT, REF block and Classified By. Fields may wrap, come in another order, or
//! share a line; the first line that is none of them starts the body.

mod banner;
mod classified_by;
mod eo;
mod fields;
mod handling;
mod keys;
#[cfg(test)]
mod regressions;
mod routing;
mod subject;
mod tags;
#[cfg(test)]
mod tests;

use super::ids::{self, normalize_origin};
use super::lexer::{self, label, level_only_line, level_words, LabelValue, LineInfo};
use super::marking::{self, zny_level};
use super::model::*;
use super::refs;
use super::text::Span;

use banner::*;
use classified_by::*;
use eo::*;
use fields::*;
use handling::*;
use keys::*;
use routing::*;
use subject::*;
use tags::*;

pub use banner::{completes_banner, is_banner_line, is_cut_section_banner};
pub(crate) use keys::key_at_pub;
pub use keys::starts_ref_field;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Start,
    Routing,
    To,
    Info,
    AfterBanner,
    Tags,
    Subject,
    Ref,
    ClassBy,
    Fields,
}

fn is_paragraph_start(s: &str) -> bool {
    match label(s) {
        Some(l) => match l.value {
            LabelValue::Number(n, _) => {
                let rest = s[l.len..].trim_start();
                // `1. 1. Summary`: the number written twice.
                let doubled = label(rest).is_some_and(|r| {
                    matches!(r.value, LabelValue::Number(m, _) if m == n)
                        && rest[r.len..]
                            .trim_start()
                            .starts_with(|c: char| c.is_alphabetic() || c == '(')
                });
                n <= 200
                    && (rest.starts_with('(')
                        || rest.is_empty()
                        || rest.starts_with(|c: char| c.is_alphabetic())
                        || doubled)
            }
            LabelValue::Letter(_) => false,
        },
        None => false,
    }
}

fn is_shouty(s: &str) -> bool {
    !s.chars().any(|c| c.is_lowercase()) && s.chars().any(|c| c.is_uppercase())
}

/// The fields whose lines are gathered as the walk goes and read once the
/// header is whole: each field's accumulated segments (the REF block's with
/// its heading).
#[derive(Default)]
struct Pending {
    tags: Option<Acc>,
    subject: Option<Acc>,
    refs: Option<(Span, Vec<Span>)>,
    classby: Option<Acc>,
}

impl Pending {
    /// `SUBJECT:` with no value yet (its value may follow a blank line).
    fn subject_is_empty(&self, text: &str) -> bool {
        self.subject.as_ref().is_some_and(|s| s.is_blank(text))
    }
}

struct Acc {
    segs: Vec<Span>,
}

impl Acc {
    /// No text gathered yet (a field's name alone).
    fn is_blank(&self, text: &str) -> bool {
        self.segs.iter().all(|seg| seg.text(text).trim().is_empty())
    }
    fn span(&self) -> Span {
        match (self.segs.first(), self.segs.last()) {
            (Some(a), Some(b)) => a.cover(*b),
            _ => Span::default(),
        }
    }
    fn joined(&self, text: &str) -> String {
        let mut s = String::new();
        for seg in &self.segs {
            let t = seg.text(text).trim();
            if t.is_empty() {
                continue;
            }
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(t);
        }
        s
    }
}

/// Parses the header. Returns it and the index (into `infos`) of the first body line.
pub fn parse_header(
    text: &str,
    infos: &[LineInfo],
    diags: &mut Vec<Diagnostic>,
) -> (Header, usize) {
    let mut h = Header::default();
    let mut state = State::Start;
    let mut gap = false; // a blank line since the last header line
    let mut first: Option<usize> = None;
    let mut last_end = 0;
    let mut f = Pending::default();
    let mut body_start = infos.len();
    let mut seen_fields = false;
    // A banner after the DTG ends the routing lines; one before it (a banner
    // first, then the DTG and FM / TO) does not.
    let mut banner_after_dtg = false;

    // An e-mail client's printout: its own lines come before the telegram.
    let skip = printout_preamble_end(text, infos);
    h.preamble
        .extend(infos[..skip].iter().flat_map(|i| i.segs.iter().copied()));
    // Work segment by segment: print noise may split a line in two.
    // Lazily, so that the walk stops where the header does.
    let units = infos.iter().enumerate().skip(skip).flat_map(|(i, info)| {
        let blank = info.is_blank().then_some((i, None));
        blank
            .into_iter()
            .chain(info.segs.iter().map(move |s| (i, Some(*s))))
    });
    for info in infos {
        if let Some(n) = info.noise {
            h.noise.push(n);
        }
    }
    // The serial of a banner wrapped onto the next line, read with it.
    let mut wrapped_serial: Option<Span> = None;
    // The banner so far is the classification alone, on the first line read
    // (a printout's page head, maybe).
    let mut page_head = false;
    for (i, seg) in units {
        let Some(seg) = seg else {
            if infos[i].noise.is_none() {
                gap = true;
            }
            continue;
        };
        if wrapped_serial.take() == Some(seg) {
            continue;
        }
        let s = seg.text(text);
        // The line before was a TO or INFO address: a page's head here
        // (the classification alone) leaves the addresses going on.
        let among_addresses = matches!(state, State::To | State::Info)
            && !gap
            && (h.to.last().into_iter().chain(h.info.last())).any(|a| a.span.end == last_end);
        let key = key_at(s).filter(|&(k, at)| match k {
            Key::Ref => {
                bare_ref_item_stands(text, infos, i, s, f.refs.is_some())
                    && !heading_word_alone_over_no_item(text, infos, i, s)
            }
            // `Classified By: X,` / `E.O. 12958, reasons 1.4 (b) and (d).`:
            // the order cited by the reasons, wrapped to a line's start.
            Key::Eo => state != State::ClassBy || !cites_reasons(&s[at.min(s.len())..]),
            _ => true,
        });
        let mut consumed = true;
        // `A. REF AMMAN 222` / `B. 06 AMMAN 4685`: no heading of its own (a
        // copy put it after the first bullet); a `B` item must follow.
        let swapped_heading =
            (key.is_none() && f.refs.is_none() && (state != State::Subject || gap))
                .then(|| refs::heading_after_first_bullet(s))
                .flatten()
                .filter(|_| {
                    let next = infos[i + 1..].iter().find_map(|l| l.first());
                    next.is_some_and(|n| refs::bullet_letter(n.text(text)) == Some('B'))
                });

        let ref_digit_bullet = state == State::Ref
            && !gap
            && key.is_none()
            && label(s).is_some_and(|l| {
                // `1. 06 STATE 1234`, not a paragraph's doubled number (`1. 1.
                // Summary and comment:`).
                let rest = s[l.len..].trim_start();
                rest.starts_with(|c: char| c.is_ascii_digit()) && !is_paragraph_start(rest)
            });
        // A cable with no text: its end lines after the fields (`BT`, `NNNN`;
        // before them, `BT` ends the routing lines).
        let end_lines = seen_fields && super::facts::is_trailer_start(s);
        let reasons_section = state == State::ClassBy && reasons_section_cut(text, s, infos, i);
        if is_paragraph_start(s) && !ref_digit_bullet && !reasons_section || end_lines {
            body_start = i;
            break;
        }
        // `DEPT FOR WHA/BSC E.O. 12958: DECL: ...`: a field starting inside a line.
        let inline =
            if key.is_none() && !matches!(state, State::Subject | State::Ref | State::ClassBy) {
                inline_key(s, &["E.O.", "E. O.", "EO 1", "TAGS:"]).filter(|&c| c > 0)
            } else if key.is_none()
                && (state == State::Ref
                    || state == State::Subject && (!gap || f.subject_is_empty(text)))
            {
                // `PRESIDENT LULA CLASSIFIED BY: ...`: a wrapped subject's or
                // REF block's last line (or its value after `SUBJECT:` and a
                // blank line), the Classified By after it.
                inline_key(s, &["CLASSIFIED BY"]).filter(|&c| c > 0)
            } else {
                None
            };

        if let Some((k, _)) = key {
            seen_fields = true;
            if k == Key::Reason {
                match f.classby.as_mut() {
                    Some(c)
                        if matches!(state, State::ClassBy | State::Fields | State::Ref)
                            && i - last_line_of(infos, c) <= 3 =>
                    {
                        c.segs.push(seg)
                    }
                    _ => f.classby = Some(Acc { segs: vec![seg] }),
                }
                state = State::ClassBy;
            } else if let Some((_, segs)) = f.refs.as_mut().filter(|_| {
                // `REF A X` / `REF B Y`: each item line repeats the heading.
                k == Key::Ref && refs::ref_line_bullet(s).is_some_and(|(c, ..)| c != 'A')
            }) {
                segs.push(seg);
                state = State::Ref;
            } else {
                state = start_inline(text, seg, &mut h, &mut f);
            }
        } else if state == State::Fields
            && (h.eo.as_ref()).is_some_and(|e| {
                let decl = |w: &str| w.to_ascii_uppercase().contains("DECL");
                e.decl_text.is_none()
                    && !e.not_applicable
                    && (s.get(..4).is_some_and(decl)
                        || decl(e.span.text(text)) && eo::is_decl_value(s))
            })
        {
            // `E.O. 12958:` / `DECL: 07/08/2033`, or `E.O. 12958: DECL:` /
            // `07/08/2033`: the declassification date wrapped onto a line of
            // its own (TAGS may follow on it).
            let tags_at = inline_key(s, AFTER_EO).filter(|&c| c > 0);
            let decl = tags_at.map_or(seg, |c| Span::new(seg.start, seg.start + c));
            let d = parse_eo(text, decl, decl);
            if let Some(eo) = h.eo.as_mut() {
                (eo.decl_text, eo.decl_span, eo.decl) = (d.decl_text, d.decl_span, d.decl);
            }
            if let Some(c) = tags_at {
                state = start_inline(text, Span::new(seg.start + c, seg.end), &mut h, &mut f);
            }
        } else if let Some((a, b)) = swapped_heading {
            f.refs = Some((Span::new(seg.start + a, seg.start + b), vec![seg]));
            seen_fields = true;
            state = State::Ref;
        } else if let Some(cut) = (key.is_none() && matches!(state, State::Subject | State::Ref))
            .then(|| classified_cut_before(text, s, &f, state))
            .flatten()
        {
            // `... PRESIDENT LULA CLASSIFIED` / `BY: Thomas A. Shannon, ...`:
            // a copy re-wrapped inside the inline Classified By.
            let acc = if state == State::Subject {
                f.subject.as_mut().map(|a| &mut a.segs)
            } else {
                f.refs.as_mut().map(|r| &mut r.1)
            };
            if let Some(last) = acc.and_then(|segs| segs.last_mut()) {
                *last = lexer::trim(text, Span::new(last.start, cut.start));
            }
            f.classby = Some(Acc {
                segs: vec![cut, seg],
            });
            seen_fields = true;
            state = State::ClassBy;
        } else if let Some(c) = inline {
            let head = lexer::trim(text, Span::new(seg.start, seg.start + c));
            let rest = Span::new(seg.start + c, seg.end);
            if state == State::Ref {
                if let Some((_, segs)) = f.refs.as_mut() {
                    segs.push(head);
                }
            } else if state == State::Subject {
                if let Some(sub) = f.subject.as_mut() {
                    sub.segs.push(head);
                }
            } else if h.banner.is_some() {
                h.handling.push(Handling {
                    span: head,
                    text: head.text(text).to_string(),
                });
            }
            seen_fields = true;
            state = start_inline(text, rest, &mut h, &mut f);
        } else if seen_fields && is_date_stamp(s) {
            // A web copy's date line before a repeated header.
            h.noise.push(seg);
        } else if let Some(b) = (!seen_fields || h.banner.is_some())
            .then(|| {
                parse_banner(text, seg).or_else(|| {
                    // (Not a page's head among the addresses, the level
                    // alone: the address after it, `SECSTATE WASHDC 8999`, is
                    // no serial.)
                    if among_addresses
                        && lexer::may_start_with_level(s)
                        && level_only_line(s).is_some()
                    {
                        return None;
                    }
                    let next = infos.get(i + 1).filter(|l| l.segs.len() == 1)?.first()?;
                    let b = banner_with_serial_below(text, seg, next)?;
                    wrapped_serial = Some(next);
                    Some(b)
                })
            })
            .flatten()
        {
            banner_after_dtg |= h.dtg.is_some();
            if h.banner.as_ref().is_none_or(|x| x.origin.is_none()) {
                if let Some(old) = h.banner.replace(b) {
                    h.noise.push(old.span);
                }
                page_head = false;
                state = State::AfterBanner;
            } else {
                h.noise.push(seg);
                h.sections.push(SectionBanner {
                    span: seg,
                    section: b.section,
                });
                if !seen_fields {
                    state = State::AfterBanner;
                }
            }
        } else if h.listed_id.is_none()
            && !seen_fields
            && s.len() <= 24
            && !s.contains(' ')
            && ids::parse_compact_id(s).is_some()
        {
            h.listed_id = ids::parse_compact_id(s).map(|id| (seg, id));
        } else if (h.banner.is_some() || !seen_fields) && level_only_line(s).is_some() {
            // Before anything else: maybe a printout's page head, the
            // telegram (routing lines, its banner) to follow. Among the
            // routing lines, maybe a page's head too: they go on after it.
            // Right after a TO or INFO address, the addresses go on; else
            // what follows is what follows a banner.
            let first = h.banner.is_none();
            if first {
                page_head = h.dtg.is_none() && h.routing.is_none();
                h.banner = level_only_banner(s, seg);
            } else {
                h.noise.push(seg);
            }
            let addressing = matches!(state, State::To | State::Info);
            if !among_addresses && (first || addressing) {
                state = State::AfterBanner;
            }
        } else if !seen_fields && !banner_after_dtg && try_routing(text, seg, &mut h, &mut state) {
            // routing, DTG or addresses
        } else if let Some(c) = (state == State::Tags && !gap)
            .then(|| tags_then_subject(s))
            .flatten()
        {
            // `TAGS: PREL MARR SP LE` / `AF SUBJECT: SPAIN: ...`: the TAGS
            // wrapped onto the subject's line (the two fields shared a line).
            if let Some(t) = f.tags.as_mut() {
                t.segs.push(Span::new(seg.start, seg.start + c));
            }
            state = start_inline(text, Span::new(seg.start + c, seg.end), &mut h, &mut f);
        } else if continue_field(text, seg, s, gap, state, infos, i, &mut f) {
            // continued the current field
        } else if seen_fields && state != State::AfterBanner && is_caption(s) {
            // `SENSITIVE BUT UNCLASSIFIED.` between the fields.
            push_handling(&mut h, seg, s);
            state = State::Fields;
        } else if h.banner.is_none() && h.dtg.is_none() && h.routing.is_none() && !seen_fields {
            h.preamble.push(seg);
        } else if state == State::AfterBanner
            && !is_paragraph_start(s)
            && (s.chars().count() <= 100 || !seen_fields && field_follows(text, infos, i))
            && !starts_block(s)
        {
            push_handling(&mut h, seg, s);
        } else if page_head && h.dtg.is_none() && h.routing.is_none() && !seen_fields {
            // After a page head's classification, a line no handling line can
            // be (a note on the copy, 100 characters or more): the preamble.
            h.preamble.push(seg);
        } else if state == State::Fields
            && !gap
            && h.eo.as_ref().is_some_and(|e| e.span.end == last_end)
            && s.len() < 60
            && next_text(infos, i).is_some_and(|n| key_at(n.text(text)).is_some())
        {
            // `E.O. 12065: GDS 8/12/85 (TOMSETH, VICTOR` / `L.) OR-P` / `TAGS:
            // ...`: the E.O. line's end, wrapped, a field after it.
            if let Some(eo) = h.eo.as_mut() {
                eo.span = eo.span.cover(seg);
            }
        } else if matches!(state, State::To | State::Info | State::Routing)
            && h.banner.as_ref().is_none_or(|b| b.origin.is_none())
            && !seen_fields
        {
            // Unknown lines among the routing lines (a date stamp): keep going.
        } else {
            consumed = false;
        }
        if !consumed {
            body_start = i;
            break;
        }
        first.get_or_insert(seg.start);
        last_end = seg.end;
        gap = false;
    }

    // Fields that need the whole header first; the year before all.
    let decl_year =
        h.eo.as_ref()
            .and_then(|e| e.decl)
            .map(|d| d.year as i32 - 10)
            .filter(|y| (1966..=2010).contains(y));
    (h.year, h.year_source) = match (&h.dtg, &h.listed_id, decl_year) {
        (Some(d), _, _) => (Some(d.dtg.year), Some(YearSource::Dtg)),
        (None, Some((_, id)), _) => (Some(id.year), Some(YearSource::ListedId)),
        (None, None, Some(y)) => (Some(y as u16), Some(YearSource::DeclDate)),
        _ => (None, None),
    };
    let year = h.year;
    if let Some(t) = f.tags {
        h.tags = Some(parse_tags(text, &t));
    }
    if let Some(s) = f.subject {
        h.subject = Some(finish_subject(text, &s));
    }
    if let Some((heading, segs)) = f.refs {
        let origin = h.banner.as_ref().and_then(|b| b.origin.clone());
        let items = refs::parse_items(text, &segs, year, origin.as_deref());
        let span = segs.iter().fold(heading, |a, b| a.cover(*b));
        h.references = Some(RefBlock {
            span,
            heading_span: heading,
            items,
        });
    }
    if let Some(c) = f.classby {
        h.classified_by = Some(parse_classified_by(text, &c));
    }
    // A scraped page's title stands in for a missing SUBJECT: `Cablegate: ...`.
    if h.subject.is_none() {
        if let Some(p) = h
            .preamble
            .iter()
            .find(|p| p.text(text).starts_with("Cablegate:"))
        {
            let t = p.text(text)["Cablegate:".len()..].trim();
            h.subject = Some(Subject {
                span: *p,
                text: t.to_string(),
                mark: None,
            });
        }
    }
    // No banner: the classification printed at the top of the first page,
    // which the lexer took for print noise (it stands before a page line).
    if h.banner.is_none() {
        h.banner = (infos[..body_start].iter())
            .filter(|info| info.segs.is_empty())
            .filter_map(|info| info.noise)
            .find_map(|n| level_only_banner(n.text(text), n));
    }
    h.span = Span::new(first.unwrap_or(0), last_end.max(first.unwrap_or(0)));
    let _ = diags;
    (h, body_start)
}

/// Does the rest of an E.O. line (after the order's number) go on with the
/// reasons the order gives (`, reasons 1.4 (b)`, `1.4(B)`, `SECTION 1.4`, `,
/// AS AMENDED`), not with a declassification date or `N/A`?
fn cites_reasons(rest: &str) -> bool {
    let up = rest.trim_start_matches([',', ' ']).to_ascii_uppercase();
    rest.starts_with(',')
        || [
            "REASON",
            "1.4",
            "1.5",
            "SEC",
            "AS AMENDED",
            "(B)",
            "(C)",
            "(D)",
        ]
        .iter()
        .any(|w| up.starts_with(w))
}

/// Where the telegram starts in an e-mail client's printout of it: the lines
/// `Stephen H Rogerson  12/02/2009 11:08:08 AM  From  DB/Inbox:  Search Results`,
/// `Cable Text:`, then often a banner and the post's distribution block
/// (`CXDOHA:`, `ACTION: AMB`, `DRAFTED: ...`) or a summary sheet (`TELEGRAM June
/// 03, 2003`, `To:`, `Subject:`, a rule of underscores) before the routing
/// block. The telegram starts at its `VZCZC` line, else after `Cable Text:`.
/// The printout may itself follow a scraped page's lines (`Viewing cable ...`,
/// the site's table of the id and dates). 0 for any other file.
fn printout_preamble_end(text: &str, infos: &[LineInfo]) -> usize {
    let line = |k: usize| infos[k].first().map_or("", |s| s.text(text));
    let content: smallvec::SmallVec<[usize; 12]> = (0..infos.len().min(60))
        .filter(|&k| !infos[k].is_blank())
        .take(12)
        .collect();
    let inbox = content
        .iter()
        .take(8)
        .any(|&k| line(k).contains("DB/Inbox"));
    let text_line = content.iter().enumerate().find_map(|(n, &k)| {
        let l = line(k);
        let cable_text = l.eq_ignore_ascii_case("Cable Text:")
            || (l.eq_ignore_ascii_case("Text:")
                && n > 0
                && line(content[n - 1]).eq_ignore_ascii_case("Cable"));
        cable_text.then_some(k)
    });
    if !inbox && text_line.is_none() {
        return 0;
    }
    let from = text_line.unwrap_or(content[0]);
    let routing = (from..infos.len().min(from + 120)).find(|&k| {
        let l = line(k).as_bytes();
        l.len() >= 5 && l[..5].eq_ignore_ascii_case(b"VZCZC")
    });
    routing.or(text_line.map(|k| k + 1)).unwrap_or(0)
}

/// A `REF A X` line (a REF block whose items repeat the heading without a
/// colon) starts a REF block only when it cites a cable or a `REF B` line
/// follows, and a `REF B X` line only continues one: else it is text (`REF A
/// ASKED ...` opening an unnumbered body). Other REF lines stand as they are.
fn bare_ref_item_stands(text: &str, infos: &[LineInfo], i: usize, s: &str, in_block: bool) -> bool {
    let Some((letter, _, ts)) = refs::ref_line_bullet(s) else {
        return true;
    };
    if letter != 'A' {
        return in_block;
    }
    ids::parse_cable_citation(&s[ts..].to_ascii_uppercase()).is_some()
        || refs::inline_ref_line_bullet(&s[ts..], 'B').is_some()
        || infos[i + 1..]
            .iter()
            .filter_map(|l| l.first())
            .take(2)
            .any(|n| refs::ref_line_bullet(n.text(text)).is_some_and(|(c, ..)| c == 'B'))
}

/// A REF heading's word alone, no colon (`Reference`), over a line that is no
/// item (`ID<tab>Created<tab>...`, a web page's table cut by a re-wrap): a word
/// of text, not the REF block's heading.
fn heading_word_alone_over_no_item(text: &str, infos: &[LineInfo], i: usize, s: &str) -> bool {
    let word = s.trim();
    if !word.bytes().all(|b| b.is_ascii_alphabetic()) {
        return false;
    }
    let next = infos[i + 1..].iter().filter_map(|l| l.first()).next();
    next.is_none_or(|n| {
        let n = n.text(text).trim_start();
        !(keys::looks_like_ref_start(n) || refs::ref_line_bullet(n).is_some())
    })
}

/// Whether a header field (`E.O.`, `TAGS`, `SUBJECT`, ...) starts on one of the
/// three lines with text after line `i`: a long line after the banner is then a
/// handling line unwrapped by the copy, not the body's first paragraph.
fn field_follows(text: &str, infos: &[LineInfo], i: usize) -> bool {
    infos[i + 1..]
        .iter()
        .filter_map(|l| l.first())
        .take(3)
        .any(|s| key_at(s.text(text)).is_some())
}

fn last_line_of(infos: &[LineInfo], acc: &Acc) -> usize {
    let end = acc.span().end;
    infos
        .partition_point(|l| l.line.start < end)
        .saturating_sub(1)
}

fn starts_block(s: &str) -> bool {
    let up = s.to_ascii_uppercase();
    if ["BEGIN ", "(BACKGROUND", "NOTE:"]
        .iter()
        .any(|w| up.starts_with(w))
    {
        return true;
    }
    // `SUMMARY:`, `COMMENT.`, a word alone; not `COMMENTS ON ...` or `SUMMARY OF
    // TALKS` (a wrapped SUBJECT line).
    ["SUMMARY", "COMMENT", "BACKGROUND"].iter().any(|w| {
        up.strip_prefix(w).is_some_and(|rest| {
            let rest = rest.trim_end();
            rest.is_empty() || rest.starts_with([':', '.', '-', ')'])
        })
    })
}
