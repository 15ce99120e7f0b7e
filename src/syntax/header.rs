//! The header: routing block, DTG, FM/TO/INFO, banner, handling lines, E.O., TAGS,
//! SUBJECT, REF block and Classified By. Fields may wrap, come in another order, or
//! share a line; the first line that is none of them starts the body.

use super::ids::{self, normalize_origin};
use super::lexer::{self, label, level_only_line, level_words, LabelValue, LineInfo};
use super::marking::{self, zny_level};
use super::model::*;
use super::refs;
use super::text::Span;

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

/// What a header line starts, if anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    Eo,
    Tags,
    Subject,
    Ref,
    ClassBy,
    Reason,
}

fn starts_word_ci(s: &str, w: &str) -> bool {
    s.len() >= w.len()
        && s.as_bytes()[..w.len()].eq_ignore_ascii_case(w.as_bytes())
        && !s[w.len()..].starts_with(|c: char| c.is_ascii_alphanumeric())
}

/// Recognises the keyword a header field starts with; returns it and where the
/// field's value starts.
pub(crate) fn key_at_pub(s: &str) -> bool {
    key_at(s).is_some()
}

/// Does `s` start with a REF block's heading (`REF:`, `REFS:`, `REFTEL:`,
/// `PROGRAM REF:`, ...)?
pub fn starts_ref_field(s: &str) -> bool {
    key_at(s).is_some_and(|(k, _)| k == Key::Ref)
}

fn key_at(s: &str) -> Option<(Key, usize)> {
    exact_key_at(s).or_else(|| ocr_key_at(s).map(|(k, at, _)| (k, at)))
}

/// A field's name as OCR left it, before its colon in the line's first 20
/// bytes: `SUBJ ECT:`, `TA GS:`, `Classifled By:`, `REF S:`. Its letters, with
/// the spaces dropped and the characters OCR confuses read as one (`0` and
/// `O`; `1`, `l` and `I`; `5` and `S`), spell the name; a name of seven letters
/// or more may also miss by one letter changed, left out, added or swapped with
/// the next, but not by one added at its end (`SUBJECTS:` is a word). Returns
/// the key, where its value starts, and its canonical spelling.
fn ocr_key_at(s: &str) -> Option<(Key, usize, &'static str)> {
    let b = s.as_bytes();
    if !matches!(
        b.first()?.to_ascii_uppercase(),
        b'S' | b'T' | b'C' | b'R' | b'5'
    ) {
        return None;
    }
    let colon = b.iter().take(20).position(|&c| c == b':')?;
    let name = &b[..colon];
    if !name.first()?.is_ascii_alphanumeric()
        || !name.iter().all(|c| c.is_ascii_alphanumeric() || *c == b' ')
    {
        return None;
    }
    let norm = |w: &[u8]| -> smallvec::SmallVec<[u8; 20]> {
        (w.iter().filter(|c| **c != b' '))
            .map(|c| match c.to_ascii_uppercase() {
                b'0' => b'O',
                b'1' | b'L' => b'I',
                b'5' => b'S',
                u => u,
            })
            .collect()
    };
    let got = norm(name);
    const NAMES: &[(&str, Key, &str)] = &[
        ("SUBJECT", Key::Subject, "SUBJECT:"),
        ("TAGS", Key::Tags, "TAGS:"),
        ("CLASSIFIEDBY", Key::ClassBy, "Classified By:"),
        ("REF", Key::Ref, "REF:"),
        ("REFS", Key::Ref, "REFS:"),
        ("REFTEL", Key::Ref, "REFTEL:"),
        ("REFERENCE", Key::Ref, "REFERENCE:"),
        ("REFERENCES", Key::Ref, "REFERENCES:"),
    ];
    let value = s.len() - s[colon + 1..].trim_start().len();
    NAMES.iter().find_map(|&(n, k, canon)| {
        let want = norm(n.as_bytes());
        let near = want.len() >= 7 && !got.starts_with(&want) && one_typo(&got, &want);
        (got == want || near).then_some((k, value, canon))
    })
}

/// Whether `a` is `b` with one letter changed, left out, added, or two next
/// to each other swapped.
fn one_typo(a: &[u8], b: &[u8]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let p = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    if p == long.len() {
        true
    } else if short.len() == long.len() {
        let changed = short[p + 1..] == long[p + 1..];
        let swapped = p + 1 < short.len()
            && short[p] == long[p + 1]
            && short[p + 1] == long[p]
            && short[p + 2..] == long[p + 2..];
        changed || swapped
    } else {
        short[p..] == long[p + 1..]
    }
}

/// The field's name when the copy damaged it: where it stands (to its colon)
/// and how it is spelt.
fn damaged_key(s: &str, at: usize) -> Option<(Span, &'static str)> {
    if exact_key_at(s).is_some() {
        return None;
    }
    let (_, _, canon) = ocr_key_at(s)?;
    let colon = s.find(':')?;
    Some((Span::new(at, at + colon + 1), canon))
}

fn exact_key_at(s: &str) -> Option<(Key, usize)> {
    if let Some(at) = worded_ref_heading(s) {
        return Some((Key::Ref, at));
    }
    // Every key starts with one of these letters: most lines stop here (this
    // runs on every line of a header, and of a body to find its extent).
    if !matches!(
        s.as_bytes().first().map(u8::to_ascii_uppercase),
        Some(b'E' | b'T' | b'S' | b'U' | b'R' | b'C')
    ) {
        return None;
    }
    // The first 24 bytes upper-cased (cut at a character boundary): every key
    // and what the checks below read after it lies in them.
    let mut buf = [0u8; 24];
    let n = super::text::floor_char_boundary(s, 24);
    buf[..n].copy_from_slice(&s.as_bytes()[..n]);
    buf[..n].make_ascii_uppercase();
    let up = std::str::from_utf8(&buf[..n]).unwrap_or("");
    let value_after = |n: usize| {
        let rest = &s[n..];
        let rest2 = rest.trim_start_matches([' ', '\t']);
        let rest3 = rest2.strip_prefix([':', ';', '.']).unwrap_or(rest2);
        s.len() - rest3.trim_start().len()
    };
    // E.O. 12958 / EO 12958 / E.o. 12958 / E.O.1295 / E.0. 12958
    {
        let b = up.as_bytes();
        if b.first() == Some(&b'E') {
            let mut i = 1;
            if b.get(i) == Some(&b'.') {
                i += 1;
            }
            if b.get(i) == Some(&b' ') {
                i += 1;
            }
            // `E.0. 12958`: a zero for the O.
            if b.get(i) == Some(&b'O') || i == 2 && b.get(i) == Some(&b'0') {
                i += 1;
                if b.get(i) == Some(&b'.') {
                    i += 1;
                }
                let j = i + b[i..].iter().take_while(|c| **c == b' ').count();
                let d = b[j..].iter().take_while(|c| c.is_ascii_digit()).count();
                if (4..=5).contains(&d) {
                    return Some((Key::Eo, value_after(j + d)));
                }
            }
        }
    }
    for (w, k) in [
        ("TAGS", Key::Tags),
        ("TAG", Key::Tags),
        ("TGS", Key::Tags),
        ("TAGES", Key::Tags),
        ("SUBJECT", Key::Subject),
        ("SUBJ", Key::Subject),
        ("UBJECT", Key::Subject),
        ("REF(S)", Key::Ref),
        ("REFS", Key::Ref),
        ("REFTELS", Key::Ref),
        ("REFTEL", Key::Ref),
        ("REFERENCES", Key::Ref),
        ("REFERENCE", Key::Ref),
        ("REF", Key::Ref),
    ] {
        if up.starts_with(w) && (starts_word_ci(s, w) || w.ends_with(')')) {
            let n = w.len();
            let after = s[n..].trim_start_matches([' ', '\t']);
            let colon = after.starts_with([':', ';'])
                || (k == Key::Ref
                    && after.starts_with(". ")
                    && looks_like_ref_start(after[2..].trim_start()));
            match k {
                Key::Subject | Key::Ref if w != "REF(S)" && !colon => {
                    // `SUBJECT FOO` is rare but real; `REF A. X` too. Without a colon,
                    // ask for something that looks like the field.
                    if k == Key::Ref
                        && !(after.is_empty()
                            || looks_like_ref_start(after)
                            || refs::ref_line_bullet(s).is_some())
                    {
                        continue;
                    }
                    if k == Key::Subject && w != "SUBJECT" {
                        continue;
                    }
                }
                Key::Tags if !colon && after.is_empty() => continue,
                _ => {}
            }
            return Some((k, value_after(n)));
        }
    }
    if up.starts_with("CLASSIFIED BY") || up.starts_with("CLASSIFIED  BY") {
        let n = s.to_ascii_uppercase().find("BY").unwrap_or(0) + 2;
        return Some((Key::ClassBy, value_after(n)));
    }
    if up.starts_with("REASON") {
        let after = up
            .trim_start_matches("REASONS")
            .trim_start_matches("REASON");
        let after = after.trim_start_matches([':', ' ']);
        if after.starts_with("1.") || after.starts_with("1,") || after.starts_with("14") {
            let n = if up.starts_with("REASONS") { 7 } else { 6 };
            return Some((Key::Reason, value_after(n)));
        }
    }
    None
}

/// `PROGRAM REF: A. STATE 1 ...`: one word in capitals before a REF heading
/// with its colon, and an item after it. Returns where the value starts. Reads
/// at most the line's first 24 bytes before the item, and nothing of a line
/// whose first word is not in capitals.
fn worded_ref_heading(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let word = b
        .iter()
        .take(13)
        .take_while(|c| c.is_ascii_uppercase())
        .count();
    if !(2..=12).contains(&word) || b.get(word) != Some(&b' ') {
        return None;
    }
    let rest = &s[word + 1..];
    let key = ["REFTELS", "REFTEL", "REFS", "REF"]
        .into_iter()
        .find(|k| rest.starts_with(k))?;
    let value = rest[key.len()..].strip_prefix(':')?.trim_start();
    if matches!(
        &b[..word],
        b"REF" | b"REFS" | b"REFTEL" | b"SEE" | b"PER" | b"IN"
    ) || !looks_like_ref_start(value)
    {
        return None;
    }
    Some(s.len() - value.len())
}

fn looks_like_ref_start(s: &str) -> bool {
    label(s).is_some_and(|l| matches!(l.value, LabelValue::Letter(_)))
        || ids::parse_cable_citation(s).is_some()
}

/// The fields that may follow the E.O. line's DECL date on its line
/// (`E.O. 12958: DECL: 01/01/2019 TAGS: PREL`).
const AFTER_EO: &[&str] = &["TAGS", "TAG", "SUBJECT"];

/// Where a keyword of another field starts inside a header line (`... TAGS: X`,
/// `SUBJECT: X REF: Y`): the byte offset, for the keys that may share a line.
fn inline_key(s: &str, keys: &[&str]) -> Option<usize> {
    let b = s.as_bytes();
    // Where `k` (in capitals) stands at or after `from`, in any case.
    let find = |k: &[u8], from: usize| {
        (from..(b.len() + 1).saturating_sub(k.len())).find(|&at| {
            b[at].to_ascii_uppercase() == k[0] && b[at..at + k.len()].eq_ignore_ascii_case(k)
        })
    };
    keys.iter()
        .filter_map(|k| {
            let mut from = 0;
            while let Some(at) = find(k.as_bytes(), from) {
                let before_ok = at > 0
                    && (b[at - 1] == b' '
                        || b[at - 1].is_ascii_alphabetic() && k.starts_with("REF"));
                if before_ok && key_at(&s[at..]).is_some() {
                    return Some(at);
                }
                from = at + k.len();
            }
            None
        })
        .chain(ocr_inline_key(s, keys))
        .min()
}

/// Where a field's name damaged by OCR (`E.O. 12958: N/A TA GS: PREL`)
/// starts inside a header line, for the keys of `keys` with a colon: a word
/// after a space, up to a colon, read by [`ocr_key_at`] (`TAGS:` and `CLASSIFIED
/// BY` stand for their damaged spellings, `TA GS:`, `Classfied By:`).
fn ocr_inline_key(s: &str, keys: &[&str]) -> Option<usize> {
    let b = s.as_bytes();
    let colons = memchr::memchr_iter(b':', b).filter(|&c| c > 1);
    colons
        .filter_map(|c| {
            (c.saturating_sub(14)..c).find(|&at| {
                at > 0
                    && b[at - 1] == b' '
                    && b[at].is_ascii_alphanumeric()
                    && exact_key_at(&s[at..]).is_none()
                    && ocr_key_at(&s[at..]).is_some_and(|(_, _, canon)| {
                        let name = canon.trim_end_matches(':');
                        keys.iter()
                            .any(|k| k.trim_end_matches(':').eq_ignore_ascii_case(name))
                    })
            })
        })
        .next()
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

const PRECEDENCE: &[&str] = &["FLASH", "IMMEDIATE", "PRIORITY", "ROUTINE", "NIACT"];

fn parse_address(text: &str, span: Span) -> Address {
    let s = span.text(text).trim();
    let (ri, rest) = match s.split_once('/') {
        Some((a, b))
            if (4..=8).contains(&a.len())
                && a.starts_with('R')
                && a.chars().all(|c| c.is_ascii_uppercase()) =>
        {
            (Some(a.to_string()), b)
        }
        _ => (None, s),
    };
    let mut ws: Vec<&str> = rest.split_whitespace().collect();
    let mut serial = None;
    let mut prec = None;
    if ws.len() > 1
        && ws
            .last()
            .is_some_and(|w| w.bytes().all(|b| b.is_ascii_digit()))
    {
        serial = ws.pop().map(str::to_string);
    }
    while ws.len() > 1
        && ws
            .last()
            .is_some_and(|w| PRECEDENCE.iter().any(|p| w.eq_ignore_ascii_case(p)))
    {
        let p = ws.pop().unwrap().to_ascii_uppercase();
        prec = Some(match prec {
            Some(q) => format!("{p} {q}"),
            None => p,
        });
    }
    Address {
        span,
        routing_indicator: ri,
        name: ws.join(" "),
        precedence: prec,
        serial,
    }
}

/// Parses a banner line: a classification word, caveats, `SECTION n OF m`, origin,
/// serial. `None` when the line is not one.
fn parse_banner(text: &str, span: Span) -> Option<Banner> {
    let s = span.text(text);
    // Most lines do not start with a level word: told from their first words
    // without allocating (a level word takes 13 letters at most, so never
    // more than 16 words).
    let first: smallvec::SmallVec<[&str; 16]> = banner_words(s).map(|w| w.1).take(16).collect();
    level_words(&first)?;
    let ws: Vec<(usize, &str)> = banner_words(s).collect();
    let words: Vec<&str> = ws.iter().map(|x| x.1).collect();
    let (lw, used) = level_words(&words)?;
    let level_end = ws[used - 1].0 + ws[used - 1].1.len();
    let mut i = used;
    let mut caveats = Vec::new();
    let mut section = None;
    // Caveats and `E F T O` between the level and the origin.
    while let Some(&(_, w)) = ws.get(i) {
        let wu = w.trim_start_matches('/').to_ascii_uppercase();
        let phrase = |k: usize, want: &[&str]| {
            (want.iter().enumerate())
                .all(|(j, w)| ws.get(k + j).is_some_and(|x| x.1.eq_ignore_ascii_case(w)))
        };
        if wu == "NOFORN" || wu == "NF" {
            caveats.push("NOFORN".to_string());
            i += 1;
        } else if wu == "FOUO" || phrase(i, &["FOR", "OFFICIAL", "USE", "ONLY"]) {
            caveats.push("FOUO".to_string());
            i += if wu == "FOUO" { 1 } else { 4 };
        } else if HANDLING_WORDS.contains(&wu.as_str())
            || ["E", "F", "T", "O"].contains(&wu.as_str())
        {
            i += 1;
        } else {
            break;
        }
    }
    let rest_at = ws.get(i).map(|x| x.0)?;
    let mut rest = &s[rest_at..];
    let mut off = rest_at;
    if let Some((sec, n)) = ids::parse_section(rest) {
        section = Some(sec);
        let r2 = rest[n..].trim_start();
        off += rest.len() - r2.len();
        rest = r2;
    }
    // Origin words, then the serial.
    let r: nom::IResult<&str, (&str, &str, &str)> = nom::sequence::tuple((
        nom::combinator::recognize(nom::sequence::pair(
            nom::bytes::complete::take_while1(|c: char| c.is_ascii_alphabetic() || c == '-'),
            nom::multi::many_m_n(
                0,
                4,
                nom::sequence::preceded(
                    nom::character::complete::space1,
                    nom::bytes::complete::take_while1(|c: char| {
                        c.is_ascii_alphabetic() || c == '-'
                    }),
                ),
            ),
        )),
        nom::character::complete::space1,
        nom::character::complete::digit1,
    ))(rest);
    let (tail, (origin, _, serial)) = r.ok()?;
    if serial.len() > 8 || tail.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return None;
    }
    // Trailing caveats (`... STATE 012345 NOFORN`).
    for w in tail.split_whitespace() {
        let wu = w
            .trim_matches(|c: char| !c.is_ascii_alphabetic())
            .to_ascii_uppercase();
        if wu == "NOFORN" {
            caveats.push("NOFORN".into());
        }
    }
    let origin_span = Span::new(span.start + off, span.start + off + origin.len());
    let serial_start = span.start + off + (rest.len() - tail.len()) - serial.len();
    Some(Banner {
        span,
        level: lw.0,
        level_span: Span::new(span.start, span.start + level_end),
        caveats,
        text: s[..level_end].to_string(),
        damaged: lw.1,
        section,
        origin: Some(normalize_origin(origin)),
        origin_span: Some(origin_span),
        serial: serial.parse().ok(),
        serial_span: Some(Span::new(serial_start, serial_start + serial.len())),
    })
}

/// A banner whose serial a re-wrapped copy put on the next line (`C O N F I D
/// E N T I A L SECTION 01 OF 02 RIO DE JANEIRO` / `000329`): read as one
/// line, its serial's span on the line below. Only a line of digits alone
/// below a line that reads as a banner with them.
fn banner_with_serial_below(text: &str, seg: Span, next: Span) -> Option<Banner> {
    let below = next.text(text);
    let digits = below.trim();
    if !(2..=8).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let line = seg.text(text).trim_end();
    if !lexer::may_start_with_level(line) {
        return None;
    }
    let joined = format!("{line} {digits}");
    let b = parse_banner(&joined, Span::new(0, joined.len()))?;
    let here = |sp: Span| Span::new(seg.start + sp.start, seg.start + sp.end);
    let at = next.start + (below.len() - below.trim_start().len());
    let serial_span = Span::new(at, at + digits.len());
    // The serial must be the one below, not a number on the line itself.
    if b.serial_span.map(|sp| sp.start) != Some(line.len() + 1) {
        return None;
    }
    Some(Banner {
        span: seg.cover(serial_span),
        level_span: here(b.level_span),
        origin_span: b.origin_span.map(here),
        serial_span: Some(serial_span),
        ..b
    })
}

/// A banner's words with their offsets: split at spaces, tabs and `//`
/// (`SECRET//NOFORN`, `UNCLASSIFIED//FOR OFFICIAL USE ONLY`).
fn banner_words(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut pos = 0;
    s.split([' ', '\t']).flat_map(move |w| {
        let at = pos;
        pos += w.len() + 1;
        let mut p = 0;
        // Most words hold no `/`: one piece, found without a substring search.
        let parts = match memchr::memchr(b'/', w.as_bytes()) {
            None => smallvec::smallvec![w],
            Some(_) => w.split("//").collect::<smallvec::SmallVec<[&str; 2]>>(),
        };
        parts.into_iter().filter_map(move |part| {
            let here = at + p;
            p += part.len() + 2;
            (!part.is_empty()).then_some((here, part))
        })
    })
}

/// A banner line (`... SECTION 02 OF 03 ...` or a repeat of the first); used by the
/// body to cut repeated section headers.
pub fn is_banner_line(text: &str, span: Span) -> Option<Banner> {
    if !lexer::may_start_with_level(span.text(text)) {
        return None;
    }
    parse_banner(text, span)
}

fn handling_caveats(s: &str, caveats: &mut Vec<String>) {
    for w in s.split(|c: char| !c.is_ascii_alphanumeric()) {
        let wu = w.to_ascii_uppercase();
        if (wu == "NOFORN" || wu == "ORCON" || wu == "PROPIN") && !caveats.contains(&wu) {
            caveats.push(wu);
        }
    }
}

/// A handling line (`SIPDIS`, `STATE FOR EUR/WE`): its caveats go on the banner.
fn push_handling(h: &mut Header, seg: Span, s: &str) {
    if let Some(b) = h.banner.as_mut() {
        handling_caveats(s, &mut b.caveats);
    }
    h.handling.push(Handling {
        span: seg,
        text: s.to_string(),
    });
}

/// A web copy's date line: `Friday, 18 December 2009, 11:04`.
fn is_date_stamp(s: &str) -> bool {
    const DAYS: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    let s = s.trim();
    if !DAYS.iter().any(|d| s.starts_with(d)) {
        return false;
    }
    let parts: Vec<&str> = s.split(", ").collect();
    let digits = |w: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit())
    };
    match parts.as_slice() {
        [day, date, time] => {
            let d: Vec<&str> = date.split(' ').collect();
            DAYS.contains(day)
                && matches!(d.as_slice(), [dd, m, y] if digits(dd, 1..=2)
                    && m.len() >= 3 && m.bytes().all(|b| b.is_ascii_alphabetic())
                    && digits(y, 4..=4))
                && time
                    .split_once(':')
                    .is_some_and(|(h, m)| digits(h, 1..=2) && digits(m, 2..=2))
        }
        _ => false,
    }
}

/// Handling captions and caveats that stand alone or between a banner's level
/// and its origin (`SECRET SIPDIS STATE 123`).
const HANDLING_WORDS: [&str; 10] = [
    "EFTO",
    "SENSITIVE",
    "SBU",
    "ORCON",
    "PROPIN",
    "LIMDIS",
    "EXDIS",
    "NODIS",
    "STADIS",
    "SIPDIS",
];

/// A handling caption on a line of its own: `SENSITIVE BUT UNCLASSIFIED.`,
/// `SENSITIVE BUT UNCLASSIFIED -- HANDLE ACCORDINGLY`,
/// `SIPDIS`, `NOFORN`, `LIMITED OFFICIAL USE`, `FOR OFFICIAL USE ONLY`.
fn is_caption(s: &str) -> bool {
    const JOINS: [&str; 8] = [
        "BUT",
        "FOR",
        "USE",
        "ONLY",
        "OFFICIAL",
        "LIMITED",
        "HANDLE",
        "ACCORDINGLY",
    ];
    let caption =
        |w: &str| HANDLING_WORDS.contains(&w) || ["UNCLASSIFIED", "NOFORN", "FOUO"].contains(&w);
    let up = s.to_ascii_uppercase();
    let words: Vec<&str> = up
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    !words.is_empty()
        && words.iter().all(|w| JOINS.contains(w) || caption(w))
        && (up.contains("OFFICIAL USE") || words.iter().any(|w| caption(w)))
}

struct Acc {
    segs: Vec<Span>,
}

impl Acc {
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
    let mut tags: Option<Acc> = None;
    let mut subject: Option<Acc> = None;
    let mut refs_acc: Option<(Span, Vec<Span>)> = None;
    let mut classby: Option<Acc> = None;
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
        let key = key_at(s).filter(|&(k, _)| {
            k != Key::Ref || bare_ref_item_stands(text, infos, i, s, refs_acc.is_some())
        });
        let mut consumed = true;
        // `A. REF AMMAN 222` / `B. 06 AMMAN 4685`: no heading of its own (a
        // copy put it after the first bullet); a `B` item must follow.
        let swapped_heading =
            (key.is_none() && refs_acc.is_none() && (state != State::Subject || gap))
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
        if is_paragraph_start(s) && !ref_digit_bullet || end_lines {
            body_start = i;
            break;
        }
        // `DEPT FOR WHA/BSC E.O. 12958: DECL: ...`: a field starting inside a line.
        let inline =
            if key.is_none() && !matches!(state, State::Subject | State::Ref | State::ClassBy) {
                inline_key(s, &["E.O.", "E. O.", "EO 1", "TAGS:"]).filter(|&c| c > 0)
            } else if key.is_none() && (state == State::Ref || state == State::Subject && !gap) {
                // `PRESIDENT LULA CLASSIFIED BY: ...`: a wrapped subject's or
                // REF block's last line, the Classified By after it.
                inline_key(s, &["CLASSIFIED BY"]).filter(|&c| c > 0)
            } else {
                None
            };

        if let Some((k, _)) = key {
            seen_fields = true;
            if k == Key::Reason {
                match classby.as_mut() {
                    Some(c)
                        if matches!(state, State::ClassBy | State::Fields | State::Ref)
                            && i - last_line_of(infos, c) <= 3 =>
                    {
                        c.segs.push(seg)
                    }
                    _ => classby = Some(Acc { segs: vec![seg] }),
                }
                state = State::ClassBy;
            } else if let Some((_, segs)) = refs_acc.as_mut().filter(|_| {
                // `REF A X` / `REF B Y`: each item line repeats the heading.
                k == Key::Ref && refs::ref_line_bullet(s).is_some_and(|(c, ..)| c != 'A')
            }) {
                segs.push(seg);
                state = State::Ref;
            } else {
                state = start_inline(
                    text,
                    seg,
                    &mut h,
                    &mut tags,
                    &mut subject,
                    &mut refs_acc,
                    &mut classby,
                );
            }
        } else if state == State::Fields
            && (h.eo.as_ref()).is_some_and(|e| e.decl_text.is_none() && !e.not_applicable)
            && s.get(..4).is_some_and(|w| w.eq_ignore_ascii_case("DECL"))
        {
            // `E.O. 12958:` / `DECL: 07/08/2033`: the declassification date
            // wrapped onto a line of its own (TAGS may follow on it).
            let tags_at = inline_key(s, AFTER_EO).filter(|&c| c > 0);
            let decl = tags_at.map_or(seg, |c| Span::new(seg.start, seg.start + c));
            let d = parse_eo(text, decl, decl);
            if let Some(eo) = h.eo.as_mut() {
                (eo.decl_text, eo.decl_span, eo.decl) = (d.decl_text, d.decl_span, d.decl);
            }
            if let Some(c) = tags_at {
                state = start_inline(
                    text,
                    Span::new(seg.start + c, seg.end),
                    &mut h,
                    &mut tags,
                    &mut subject,
                    &mut refs_acc,
                    &mut classby,
                );
            }
        } else if let Some((a, b)) = swapped_heading {
            refs_acc = Some((Span::new(seg.start + a, seg.start + b), vec![seg]));
            seen_fields = true;
            state = State::Ref;
        } else if let Some(c) = inline {
            let head = lexer::trim(text, Span::new(seg.start, seg.start + c));
            let rest = Span::new(seg.start + c, seg.end);
            if state == State::Ref {
                if let Some((_, segs)) = refs_acc.as_mut() {
                    segs.push(head);
                }
            } else if state == State::Subject {
                if let Some(sub) = subject.as_mut() {
                    sub.segs.push(head);
                }
            } else if h.banner.is_some() {
                h.handling.push(Handling {
                    span: head,
                    text: head.text(text).to_string(),
                });
            }
            seen_fields = true;
            state = start_inline(
                text,
                rest,
                &mut h,
                &mut tags,
                &mut subject,
                &mut refs_acc,
                &mut classby,
            );
        } else if seen_fields && is_date_stamp(s) {
            // A web copy's date line before a repeated header.
            h.noise.push(seg);
        } else if let Some(b) = (!seen_fields || h.banner.is_some())
            .then(|| {
                parse_banner(text, seg).or_else(|| {
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
        } else if h.banner.is_none() && !seen_fields && level_only_line(s).is_some() {
            banner_after_dtg |= h.dtg.is_some();
            h.banner = level_only_banner(s, seg);
            state = State::AfterBanner;
        } else if h.banner.is_some() && level_only_line(s).is_some() {
            h.noise.push(seg);
        } else if !seen_fields && !banner_after_dtg && try_routing(text, seg, &mut h, &mut state) {
            // routing, DTG or addresses
        } else if continue_field(
            text,
            seg,
            s,
            gap,
            state,
            infos,
            i,
            &mut tags,
            &mut subject,
            &mut refs_acc,
            &mut classby,
        ) {
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
        } else if matches!(state, State::To | State::Info | State::Routing)
            && h.banner.is_none()
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
    if let Some(t) = tags {
        h.tags = Some(parse_tags(text, &t));
    }
    if let Some(s) = subject {
        h.subject = Some(finish_subject(text, &s));
    }
    if let Some((heading, segs)) = refs_acc {
        let origin = h.banner.as_ref().and_then(|b| b.origin.clone());
        let items = refs::parse_items(text, &segs, year, origin.as_deref());
        let span = segs.iter().fold(heading, |a, b| a.cover(*b));
        h.references = Some(RefBlock {
            span,
            heading_span: heading,
            items,
        });
    }
    if let Some(c) = classby {
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

/// A banner that is only a classification (`CONFIDENTIAL`, ` CONFIDENTIAL
/// PTQ1865`): its level and caveats, no origin or serial.
fn level_only_banner(s: &str, seg: Span) -> Option<Banner> {
    let level = level_only_line(s)?;
    let ws: Vec<&str> = s.split_whitespace().collect();
    let damaged = level_words(&ws).is_some_and(|x| x.0 .1);
    let mut caveats = Vec::new();
    handling_caveats(s, &mut caveats);
    Some(Banner {
        span: seg,
        level,
        level_span: seg,
        caveats,
        text: s.to_string(),
        damaged,
        section: None,
        origin: None,
        origin_span: None,
        serial: None,
        serial_span: None,
    })
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

#[allow(clippy::too_many_arguments)]
fn start_subject(
    text: &str,
    seg: Span,
    vspan: Span,
    h: &mut Header,
    tags: &mut Option<Acc>,
    subject: &mut Option<Acc>,
    refs_acc: &mut Option<(Span, Vec<Span>)>,
    classby: &mut Option<Acc>,
) -> State {
    let v = vspan.text(text);
    let cut = inline_key(v, &["REF", "CLASSIFIED BY"]);
    match cut {
        Some(c) => {
            *subject = Some(Acc {
                segs: vec![
                    Span::new(seg.start, seg.start),
                    Span::new(vspan.start, vspan.start + c),
                ],
            });
            start_inline(
                text,
                Span::new(vspan.start + c, seg.end),
                h,
                tags,
                subject,
                refs_acc,
                classby,
            )
        }
        None => {
            *subject = Some(Acc {
                segs: vec![Span::new(seg.start, seg.start), vspan],
            });
            State::Subject
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn start_inline(
    text: &str,
    seg: Span,
    h: &mut Header,
    tags: &mut Option<Acc>,
    subject: &mut Option<Acc>,
    refs_acc: &mut Option<(Span, Vec<Span>)>,
    classby: &mut Option<Acc>,
) -> State {
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
        Key::Tags => {
            let v = vspan.text(text);
            match inline_key(v, &["SUBJECT", "SUBJ"]) {
                Some(c) => {
                    *tags = Some(Acc {
                        segs: vec![
                            Span::new(seg.start, seg.start),
                            Span::new(vspan.start, vspan.start + c),
                        ],
                    });
                    start_inline(
                        text,
                        Span::new(vspan.start + c, seg.end),
                        h,
                        tags,
                        subject,
                        refs_acc,
                        classby,
                    )
                }
                None => {
                    *tags = Some(Acc {
                        segs: vec![Span::new(seg.start, seg.start), vspan],
                    });
                    State::Tags
                }
            }
        }
        Key::Subject => start_subject(text, seg, vspan, h, tags, subject, refs_acc, classby),
        Key::Ref if refs::ref_line_bullet(s).is_some() => {
            // `REF A X`: the heading is the word, the item the whole line.
            *refs_acc = Some((Span::new(seg.start, seg.start + 3), vec![seg]));
            State::Ref
        }
        Key::Ref => {
            let v = vspan.text(text);
            match inline_key(v, &["CLASSIFIED BY"]) {
                Some(c) => {
                    *refs_acc = Some((
                        Span::new(seg.start, vspan.start),
                        vec![Span::new(vspan.start, vspan.start + c)],
                    ));
                    *classby = Some(Acc {
                        segs: vec![Span::new(vspan.start + c, seg.end)],
                    });
                    State::ClassBy
                }
                None => {
                    *refs_acc = Some((Span::new(seg.start, vspan.start), vec![vspan]));
                    State::Ref
                }
            }
        }
        Key::ClassBy | Key::Reason => {
            *classby = Some(Acc { segs: vec![seg] });
            State::ClassBy
        }
        Key::Eo => {
            let v = vspan.text(text);
            match inline_key(v, AFTER_EO) {
                Some(c) => {
                    h.eo = Some(parse_eo(text, Span::new(seg.start, vspan.start + c), vspan));
                    start_inline(
                        text,
                        Span::new(vspan.start + c, seg.end),
                        h,
                        tags,
                        subject,
                        refs_acc,
                        classby,
                    )
                }
                None => {
                    h.eo = Some(parse_eo(text, seg, vspan));
                    State::Fields
                }
            }
        }
    }
}

/// Routing lines, the DTG and FM/TO/INFO. Returns whether the line was one.
fn try_routing(text: &str, seg: Span, h: &mut Header, state: &mut State) -> bool {
    let s = seg.text(text);
    let up = s.to_ascii_uppercase();
    let ws: Vec<&str> = s.split_whitespace().collect();
    if up.starts_with("VZCZC") {
        extend_routing(h, seg);
        *state = State::Routing;
        return true;
    }
    if (up.starts_with("ZNY ") || up.starts_with("ZNR ")) && ws.len() >= 2 {
        extend_routing(h, seg);
        if let Some(level) = zny_level(ws[1]) {
            let at = s.find(ws[1]).unwrap_or(0);
            h.routing.as_mut().unwrap().security = Some(Security {
                span: Span::new(seg.start + at, seg.start + at + ws[1].len()),
                code: ws[1].to_string(),
                level,
            });
        }
        *state = State::Routing;
        return true;
    }
    if h.dtg.is_none() && ws.len() >= 2 && up.starts_with("DE ") && ws[1].starts_with('R') {
        extend_routing(h, seg);
        *state = State::Routing;
        return true;
    }
    // Precedence letters, then the DTG.
    if h.dtg.is_none() {
        let mut off = 0;
        let mut prec = Vec::new();
        let mut rest = s;
        for _ in 0..3 {
            let w = rest.split_whitespace().next().unwrap_or("");
            if (1..=2).contains(&w.len()) && w.chars().all(|c| "ZOPRMzoprm".contains(c)) {
                prec.push(w.to_ascii_uppercase());
                let r = rest.trim_start()[w.len()..].trim_start();
                off += rest.len() - r.len();
                rest = r;
            } else {
                break;
            }
        }
        // `P081544Z JUL 08`: the precedence glued to the DTG.
        if prec.is_empty() {
            let p = rest
                .bytes()
                .take(2)
                .take_while(|c| b"ZOPRM".contains(c))
                .count();
            if p > 0
                && rest.as_bytes().get(p).is_some_and(u8::is_ascii_digit)
                && ids::read_dtg(&rest[p..]).is_some()
            {
                prec.push(rest[..p].to_string());
                off += p;
                rest = &rest[p..];
            }
        }
        if let Some(read) = ids::read_dtg(rest) {
            let (dtg, n) = (read.dtg, read.len);
            let dspan = Span::new(seg.start, seg.start + off + n);
            if let Some(fixed) = read.repaired {
                h.field_damage.push(Damage {
                    span: Span::new(seg.start + off, dspan.end),
                    kind: DamageKind::Digits,
                    replacement: fixed,
                });
            }
            h.dtg = Some(DtgField {
                span: dspan,
                precedence: prec,
                dtg,
            });
            *state = State::Routing;
            let after = Span::new(dspan.end, seg.end);
            if !after.text(text).trim().is_empty() {
                split_addresses(text, after, h, state);
            }
            return true;
        }
        if !prec.is_empty()
            && rest.starts_with('R')
            && rest.len() >= 4
            && rest
                .split_whitespace()
                .all(|w| w.starts_with('R') && w.len() <= 8)
        {
            extend_routing(h, seg);
            *state = State::Routing;
            return true;
        }
    }
    // `RHEFDIA RHMFISS`: the precedence line's routing indicators, wrapped.
    if *state == State::Routing
        && h.dtg.is_none()
        && !ws.is_empty()
        && ws.iter().all(|w| is_routing_indicator(w))
    {
        extend_routing(h, seg);
        return true;
    }
    for w in ["FM ", "FROM:", "TO ", "TO:", "INFO "] {
        // `TO` alone: its addressees follow (a page header may have been cut out).
        if up.starts_with(w) || up == w.trim_end() {
            split_addresses(text, seg, h, state);
            return true;
        }
    }
    if matches!(*state, State::To | State::Info) && is_shouty(s) {
        let a = parse_address(text, seg);
        if *state == State::To {
            h.to.push(a);
        } else {
            h.info.push(a);
        }
        return true;
    }
    false
}

/// A routing indicator: `RUEHC`, `RHMFISS`, `RUEAIIA` (R, then 4 to 6 capitals).
fn is_routing_indicator(w: &str) -> bool {
    let b = w.as_bytes();
    (5..=7).contains(&b.len()) && b[0] == b'R' && b.iter().all(u8::is_ascii_uppercase)
}

fn extend_routing(h: &mut Header, seg: Span) {
    match h.routing.as_mut() {
        Some(r) => r.span = r.span.cover(seg),
        None => {
            h.routing = Some(Routing {
                span: seg,
                security: None,
            })
        }
    }
}

/// Splits `FM x TO y INFO z` (on one line or several) into addresses.
fn split_addresses(text: &str, seg: Span, h: &mut Header, state: &mut State) {
    let s = seg.text(text);
    let mut marks: Vec<(usize, usize, State)> = Vec::new(); // (keyword at, value at, state)
    let bytes = s.as_bytes();
    for (kw, st) in [
        ("FM", State::Routing),
        ("FROM:", State::Routing),
        ("TO", State::To),
        ("TO:", State::To),
        ("INFO", State::Info),
    ] {
        let mut from = 0;
        while let Some(p) = s[from..].find(kw) {
            let at = from + p;
            let end = at + kw.len();
            let before_ok = at == 0 || bytes[at - 1] == b' ';
            let after_ok = end == s.len() || bytes[end] == b' ' || bytes[end] == b'\t';
            if before_ok && after_ok {
                marks.push((at, end, st));
            }
            from = end;
        }
    }
    marks.sort_by_key(|m| m.0);
    marks.dedup_by_key(|m| m.0);
    for (k, &(_, vat, st)) in marks.iter().enumerate() {
        let vend = marks.get(k + 1).map_or(s.len(), |m| m.0);
        let v = lexer::trim(text, Span::new(seg.start + vat, seg.start + vend));
        *state = st;
        let addr = parse_address(text, v);
        match st {
            State::Routing => h.from = Some(addr),
            State::To if !v.is_empty() => h.to.push(addr),
            State::Info if !v.is_empty() => h.info.push(addr),
            _ => {}
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn continue_field(
    text: &str,
    seg: Span,
    s: &str,
    gap: bool,
    state: State,
    infos: &[LineInfo],
    i: usize,
    tags: &mut Option<Acc>,
    subject: &mut Option<Acc>,
    refs_acc: &mut Option<(Span, Vec<Span>)>,
    classby: &mut Option<Acc>,
) -> bool {
    match state {
        State::Tags => {
            let t = tags.as_mut().unwrap();
            let prev = t.segs.last().map(|x| x.text(text).trim_end()).unwrap_or("");
            let looks_tags = s
                .split([' ', ','])
                .filter(|w| !w.is_empty())
                .all(|w| w.len() <= 6 && is_shouty(w))
                || s.starts_with('[');
            // Across a blank line only after a comma (`..., SOCI,` / blank /
            // `KCRM, SP`).
            let dangling = prev.ends_with(',');
            // `TAGS:` alone: its value is the next line, whatever its words.
            let no_value = (t.segs.iter().skip(1)).all(|x| x.text(text).trim().is_empty());
            if !gap && (dangling || no_value || looks_tags && s.len() < 60)
                || gap && dangling && looks_tags
            {
                t.segs.push(seg);
                return true;
            }
            false
        }
        State::Subject => {
            let sub = subject.as_mut().unwrap();
            let so_far = sub.joined(text);
            let closed = trailing_mark(&so_far).is_some();
            let banner = parse_banner(text, seg).is_some();
            let case_break = is_shouty(&so_far)
                && !is_shouty(s)
                && s.chars().filter(|c| c.is_lowercase()).count() > 3;
            // A rule (`-----`), a heading with its rule on its line (`SUMMARY
            // -------`) or a caption (`SENSITIVE BUT UNCLASSIFIED.`) is never
            // part of a subject.
            let underlined = (s.trim_end().rsplit_once(' '))
                .is_some_and(|(_, w)| w.len() >= 4 && super::facts::is_rule(w));
            if super::facts::is_rule(s) || underlined || is_caption(s) {
                return false;
            }
            if !gap && !starts_block(s) && !banner && !case_break && !closed {
                sub.segs.push(seg);
                return true;
            }
            // A line left dangling (`... POLITICAL LANDSCAPE AND`, `...
            // SEPTEMBER 29,`) goes on after a blank line.
            if gap
                && !closed
                && dangles(&so_far)
                && s.len() < 100
                && !starts_block(s)
                && !banner
                && !is_paragraph_start(s)
            {
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
            let (_, segs) = refs_acc.as_mut().unwrap();
            let bullet = label(s).is_some_and(|l| matches!(l.value, LabelValue::Letter(_)))
                || refs::starts_with_bullet(s)
                || s.starts_with(|c: char| c.is_ascii_alphabetic())
                    && s.get(1..4).is_some_and(|x| x.starts_with(" - "));
            let dangling = segs.last().is_some_and(|l| item_incomplete(l.text(text)));
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
                    && s.len() < 90
                    && !starts_block(s)
                    && !opens_marked_text(s))
            {
                segs.push(seg);
                return true;
            }
            false
        }
        State::ClassBy => {
            let c = classby.as_mut().unwrap();
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
                && !is_paragraph_start(s)
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
fn opens_marked_words(s: &str) -> bool {
    let Some((_, len)) = super::marking::mark_at(s) else {
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
fn dangles(s: &str) -> bool {
    const WORDS: &[&str] = &[
        "AND", "OR", "OF", "TO", "THE", "A", "AN", "IN", "ON", "FOR", "WITH", "AT", "BY", "FROM",
        "INTO", "ABOUT", "VS.", "AS",
    ];
    let t = s.trim_end();
    let last = t.rsplit(' ').next().unwrap_or("");
    t.ends_with([',', ':', '-', '–', '/']) || WORDS.iter().any(|w| last.eq_ignore_ascii_case(w))
}

/// An unnumbered paragraph's first line: a portion mark no bullet letter
/// can be (`(SBU)`, `(C//NF)`), then a sentence (`(SBU) Poloff delivered ...`).
fn opens_marked_text(s: &str) -> bool {
    let Some((m, len)) = super::marking::mark_at(s) else {
        return false;
    };
    let rest = s[len..].trim_start();
    m.text.trim().len() >= 2
        && rest.starts_with(|c: char| c.is_ascii_uppercase())
        && rest
            .split(' ')
            .next()
            .is_some_and(|w| w.chars().any(|c| c.is_ascii_lowercase()))
}

/// A REF line whose last item is cut short, its serial on a later line:
/// `B) STATE 2, C)`, `D. 03`, `(B) Rio de Janeiro`.
fn item_incomplete(s: &str) -> bool {
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

fn trailing_mark(s: &str) -> Option<(marking::Mark, usize)> {
    let t = s.trim_end();
    if !t.ends_with(')') {
        return None;
    }
    let open = t.rfind('(')?;
    let (m, len) = marking::mark_at(&t[open..])?;
    (open + len == t.len()).then_some((m, open))
}

fn finish_subject(text: &str, acc: &Acc) -> Subject {
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
fn clean_subject(s: &str) -> String {
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

fn parse_eo(text: &str, span: Span, value: Span) -> EoLine {
    let s = span.text(text);
    let v = value.text(text);
    // The first run of digits, past the zero of `E.0.`.
    let order = {
        let mut runs = s
            .split(|c: char| !c.is_ascii_digit())
            .filter(|d| !d.is_empty());
        let first = runs.next();
        let d = match first {
            Some("0") => runs.next(),
            d => d,
        };
        d.map(str::to_string)
    };
    let up = v.to_ascii_uppercase();
    let mut eo = EoLine {
        span,
        order,
        decl_text: None,
        decl_span: None,
        decl: None,
        not_applicable: false,
    };
    let t = up.trim();
    if t.starts_with("N/A") || t == "NA" || t.starts_with("NA ") {
        eo.not_applicable = true;
        return eo;
    }
    let decl_at = up.find("DECL").map(|p| {
        let after = &v[p + 4..];
        let a2 = after.trim_start_matches([
            'A', 'S', 'a', 's', 'R', 'r', 'E', 'e', 'I', 'i', 'F', 'f', 'Y', 'y',
        ]);
        let a2 = if after.to_ascii_uppercase().starts_with("ASSIFY") {
            &after[6..]
        } else {
            a2
        };
        let a3 = a2.trim_start_matches([':', ' ', ';', '.']);
        v.len() - a3.len()
    });
    let at = decl_at.unwrap_or(0);
    let dt = v[at..].trim_end();
    if !dt.is_empty() {
        eo.decl_text = Some(dt.to_string());
        eo.decl_span = Some(Span::new(value.start + at, value.start + at + dt.len()));
        eo.decl = ids::parse_decl_date(dt)
            .map(|x| x.0)
            .filter(|d| d.is_valid());
    }
    eo
}

fn parse_tags(text: &str, acc: &Acc) -> Tags {
    // Words with their spans; commas and parentheses group them.
    #[derive(Debug)]
    enum W {
        Word(Span, String),
        Comma,
        Group(Span, String),
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
        ws.push(W::Comma); // a line end separates like a comma
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
    for w in ws {
        match w {
            W::Comma => flush(&mut items, &mut run, &mut push),
            W::Group(sp, t) => {
                flush(&mut items, &mut run, &mut push);
                push(&mut items, sp, t);
            }
            W::Word(sp, t) => {
                let known = super::tagtable::is_known(&t) || t.len() <= 2;
                if known {
                    flush(&mut items, &mut run, &mut push);
                    push(&mut items, sp, t);
                } else if let Some(parts) = super::tagtable::split_glued(&t) {
                    flush(&mut items, &mut run, &mut push);
                    let mut a = sp.start;
                    for p in parts {
                        let n = p.len();
                        push(&mut items, Span::new(a, a + n), p);
                        a += n;
                    }
                } else if t.len() == 4
                    && t.chars().all(|c| c.is_ascii_alphabetic())
                    && run.is_none()
                {
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

/// The reason letters among `b`'s words (capitals), each with where its
/// word starts: a letter `A` to `H` alone (`(B)`, `B,`, `B&D`); a run of two
/// to four of them in order (`1.4 BD`, `1.4 ABC, AND D`: a typist's list); the
/// last letter of `AND` glued to one (`B,C ANDD`).
fn reason_letters(b: &[u8]) -> impl Iterator<Item = (usize, &[u8])> {
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

fn parse_classified_by(text: &str, acc: &Acc) -> ClassifiedBy {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::text::split_lines;

    fn header(t: &str) -> Header {
        let lines = split_lines(t);
        let infos = lexer::lex_lines(t, &lines);
        parse_header(t, &infos, &mut vec![]).0
    }

    #[test]
    fn tags_on_the_line_after_their_name() {
        // 05ANKARA7215's TAGS, words that are no TAG among them.
        let h = header("CONFIDENTIAL ANKARA 007215\n\nTAGS:\nECON PGOV TU POLITICAL PARTIES\nSUBJECT: NO SPLITS\n");
        assert_eq!(h.tags.unwrap().items.len(), 4);
        assert_eq!(h.subject.unwrap().text, "NO SPLITS");
    }

    #[test]
    fn a_decl_date_wrapped_onto_its_own_line_is_the_e_o_lines() {
        let h = header(
            "CONFIDENTIAL BERLIN 000896\n\nE.O. 12958:\nDECL: 07/08/2018\nTAGS: PREL GM\nSUBJECT: X Y\n\n1. (C) Text.\n",
        );
        let eo = h.eo.unwrap();
        assert_eq!(eo.decl_text.as_deref(), Some("07/08/2018"));
        assert!(eo.decl.is_some());
        assert_eq!(h.year, Some(2008));
        assert_eq!(h.subject.unwrap().text, "X Y");
        assert_eq!(h.tags.unwrap().items.len(), 2);
        // With TAGS after it on its line (08BRASILIA236 so wrapped).
        let h = header("CONFIDENTIAL BRASILIA 000236\n\nE.O. 12958:\nDECL: 02/14/2018 TAGS: BR PREL\nSUBJECT: X\n");
        assert_eq!(h.eo.unwrap().decl_text.as_deref(), Some("02/14/2018"));
        assert_eq!(h.tags.unwrap().items.len(), 2);
        assert_eq!(h.subject.unwrap().text, "X");
    }

    #[test]
    fn classified_by_reasons_after_a_blank_line_and_what_ends_them() {
        // 04BOGOTA8900, 88BAGHDAD28, 08MADRID685 with a blank line inside.
        for (t, want) in [
            (
                "Classified By: Amb. X for reasons 1.4 (b),\n\n(c), and (d).\n",
                vec!['b', 'c', 'd'],
            ),
            (
                "Classified By: X FOR REASONS\n\n1.4 (b), (c), and (d).\n",
                vec!['b', 'c', 'd'],
            ),
            (
                "Classified By: X, REASONS 1.4(B) AND\n\n(D).\n",
                vec!['b', 'd'],
            ),
            // A finished line does not go on; nor into a marked paragraph.
            (
                "Classified By: X for reasons 1.4 (b)\n\n(d) and more.\n",
                vec!['b'],
            ),
            (
                "Classified By: X for reason 1.4 (b) and (d)\n(C) SUMMARY\n",
                vec!['b', 'd'],
            ),
            (
                "Classified By: X for reasons 1.4 (b) an\nd (d).\n(U) This is a report.\n",
                vec!['b', 'd'],
            ),
        ] {
            let h = header(&format!("CONFIDENTIAL DOHA 000502\n\n{t}\n1. (C) Text.\n"));
            assert_eq!(h.classified_by.expect(t).reasons, want, "{t}");
        }
        // Reasons closed by a period: the next line is the text, also with no
        // blank line between (04BOGOTA8900 in a copy that dropped them).
        let h = header(
            "SECRET BOGOTA 008900\nClassified By: Ambassador X for reasons 1.4 (b),\n(c), and (d).\n\
             THIS IS AN ACTION REQUEST. PLEASE SEE PARAGRAPH 9.\n1. (S) Text.\n",
        );
        let c = h.classified_by.unwrap();
        assert_eq!(c.reasons, ['b', 'c', 'd']);
        assert!(!c.text.contains("ACTION"), "{}", c.text);
    }

    #[test]
    fn a_ref_block_ends_at_a_caption_and_a_doubled_paragraph_number() {
        // 07PARIS1791, 09LAPAZ1784 with no blank line after the block.
        let h = header(
            "UNCLASSIFIED PARIS 001791\n\nSUBJECT: X\n\nREF: A. PARIS 1784\nB. 2007 AND PREVIOUS\n\
             SENSITIVE BUT UNCLASSIFIED -- HANDLE ACCORDINGLY\n\n1. (SBU) Text.\n",
        );
        let items = h.references.unwrap().items;
        assert_eq!(items.len(), 2);
        assert!(!items[1].text.contains("SENSITIVE"), "{}", items[1].text);
        let h = header(
            "UNCLASSIFIED LA PAZ 001784\n\nREF: LA PAZ 1589\n1. 1. Summary and comment: X.\n",
        );
        let items = h.references.unwrap().items;
        assert_eq!(items[0].text.trim(), "LA PAZ 1589");
        assert!(is_paragraph_start("1. 1. Summary"));
        assert!(!is_paragraph_start("1. 2. Summary"));
        assert!(!is_paragraph_start("1. 06 STATE 1234"));
    }

    #[test]
    fn ref_lines_that_repeat_the_heading_joined_on_one_line() {
        // 09ABUDHABI754's two `REF X` lines, unwrapped by a copy.
        let t = "R 010000Z JAN 09\nSECRET ABU DHABI 000754\n\nSUBJECT: X\n\n\
                 REF A SECRETARY'S LETTER TO MBZ ON PUMA HELICOPTERS REF B SECSTATE 76108\n\n1. (S) Text.\n";
        let h = header(t);
        let items = h.references.expect("a REF block").items;
        let read: Vec<(Option<char>, &str, Vec<String>)> = (items.iter())
            .map(|i| {
                (
                    i.bullet,
                    i.text.trim(),
                    i.ids.iter().map(|x| x.to_string()).collect(),
                )
            })
            .collect();
        assert_eq!(
            read,
            [
                (
                    Some('A'),
                    "SECRETARY'S LETTER TO MBZ ON PUMA HELICOPTERS",
                    vec![]
                ),
                (
                    Some('B'),
                    "SECSTATE 76108",
                    vec!["09STATE76108".to_string()]
                ),
            ]
        );
        // The letter's place, for rename and the REF B citations.
        assert_eq!(items[1].bullet_span.unwrap().text(t), "B");
    }

    #[test]
    fn a_field_left_dangling_goes_on_after_a_blank_line() {
        // 09MADRID392, 10HARARE93 with a blank line inside a field.
        let h = header(
            "CONFIDENTIAL MADRID 000392\n\nTAGS AORC, PREL, SOCI,\n\nKCRM, SP\n\n\
             SUBJECT: XXXXXXXXXXXX'S VIEW OF THE LANDSCAPE AND\n\nU.S.-SPAIN RELATIONS\n\n\
             1. (C) Text.\n",
        );
        let tags: Vec<String> = h.tags.unwrap().items.into_iter().map(|t| t.text).collect();
        assert_eq!(tags, ["AORC", "PREL", "SOCI", "KCRM", "SP"]);
        assert_eq!(
            h.subject.unwrap().text,
            "XXXXXXXXXXXX'S VIEW OF THE LANDSCAPE AND U.S.-SPAIN RELATIONS"
        );
        // A finished line does not: the line after the blank is no field's.
        let h = header(
            "CONFIDENTIAL MADRID 000392\n\nTAGS AORC, PREL\n\nKCRM SP\n\nSUBJECT: THE LANDSCAPE\n\n\
             U.S.-SPAIN RELATIONS\n\n1. (C) Text.\n",
        );
        assert_eq!(h.tags.unwrap().items.len(), 2);
        assert!(h.subject.is_none());
        let h = header(
            "CONFIDENTIAL MADRID 000392\n\nSUBJECT: The landscape\n\nU.S.-Spain relations\n\n1. (C) Text.\n",
        );
        assert_eq!(h.subject.unwrap().text, "The landscape");
    }

    #[test]
    fn ref_serials_through_ocr() {
        let h = header(
            "R 010000Z JAN 07\nCONFIDENTIAL ROME 000001\n\nSUBJECT: X\n\n\
             REF: A. STATE l54674\n     B. ROME 12O45\n     C. LAGOS O1512\n     D. 06 STATE I2|5\n     E. THE OIL REPORT\n     F. STATE 8l957: REPORT OF TALKS\n\n1. (C) Text.\n",
        );
        let ids: Vec<Vec<String>> = (h.references.unwrap().items.iter())
            .map(|i| i.ids.iter().map(|x| x.to_string()).collect())
            .collect();
        assert_eq!(
            ids,
            [
                vec!["07STATE154674"],
                vec!["07ROME12045"],
                vec!["07LAGOS1512"],
                vec!["06STATE1215"],
                vec![],
                vec!["07STATE81957"],
            ]
        );
    }

    #[test]
    fn field_names_through_ocr() {
        for (damaged, key, at) in [
            ("SUBJ ECT: X", Key::Subject, 10),
            ("Subj ect: X", Key::Subject, 10),
            ("5UBJECT: X", Key::Subject, 9),
            ("SUBJCET: X", Key::Subject, 9),
            ("SUBECT: X", Key::Subject, 8),
            ("TA GS: PGOV", Key::Tags, 7),
            ("T AGS: PGOV", Key::Tags, 7),
            ("Classfied By: Amb", Key::ClassBy, 14),
            ("Classifled By: Amb", Key::ClassBy, 15),
            ("Classified 8y: Amb", Key::ClassBy, 15),
            ("CLASSIFIED8Y: Amb", Key::ClassBy, 14),
            ("RE F: STATE 1", Key::Ref, 6),
            ("REF S: A. STATE 1", Key::Ref, 7),
            ("REFTE1: STATE 1", Key::Ref, 8),
        ] {
            assert_eq!(key_at(damaged), Some((key, at)), "{damaged}");
            assert!(damaged_key(damaged, 0).is_some(), "{damaged}");
        }
        // Words that are not a field's name, and names the copy left whole.
        for not in [
            "Subjects: X",
            "SUBJECTS: X",
            "Suspect: X",
            "Objects: X",
            "Rejects: X",
            "Tagline: X",
            "Classified: X",
            "Stags: X",
            "Reflect: X",
            "The subject: X",
            "SUBJ ECT X",
        ] {
            assert_eq!(key_at(not), None, "{not}");
        }
        assert_eq!(damaged_key("SUBJECT: X", 0), None);
        assert_eq!(damaged_key("Classified By: X", 0), None);
        // The damage is kept with the field, read as if whole.
        let h = header("CONFIDENTIAL STATE 000001\nSUBJ ECT: TALKS\nTA GS: PREL\n\n1. (C) Text.\n");
        assert_eq!(h.subject.map(|s| s.text).as_deref(), Some("TALKS"));
        assert_eq!(h.tags.map(|t| t.items.len()), Some(1));
        let fixes: Vec<&str> = (h.field_damage.iter())
            .map(|d| d.replacement.as_str())
            .collect();
        assert_eq!(fixes, ["SUBJECT:", "TAGS:"]);
        // Inside a line, after another field.
        let h = header(
            "CONFIDENTIAL STATE 000001\nE.O. 12958: DECL: 01/01/2019 TA GS: PREL, PGOV\n\
             SUBJECT: TALKS Classfied By: Amb. X for reasons 1.4 (b)\n\n1. (C) Text.\n",
        );
        assert_eq!(h.tags.map(|t| t.items.len()), Some(2));
        assert_eq!(h.subject.map(|s| s.text).as_deref(), Some("TALKS"));
        let c = h.classified_by.expect("Classified By");
        assert!(c.text.contains("1.4 (b)"), "{}", c.text);
        let fixes: Vec<&str> = (h.field_damage.iter())
            .map(|d| d.replacement.as_str())
            .collect();
        assert_eq!(fixes, ["TAGS:", "Classified By:"]);
        // A word before a colon that is no field's name stays text.
        let h = header(
            "CONFIDENTIAL STATE 000001\nSUBJECT: TALKS ON TAXES: A REVIEW\n\n1. (C) Text.\n",
        );
        assert_eq!(
            h.subject.map(|s| s.text).as_deref(),
            Some("TALKS ON TAXES: A REVIEW")
        );
    }

    #[test]
    fn keys() {
        assert_eq!(
            key_at("E.O. 12958: DECL: 07/08/2033").map(|k| k.0),
            Some(Key::Eo)
        );
        assert_eq!(
            key_at("EO 12958 DECL: 11/29/10").map(|k| k.0),
            Some(Key::Eo)
        );
        assert_eq!(key_at("E.o. 12958: decl").map(|k| k.0), Some(Key::Eo));
        assert_eq!(key_at("E.0. 12958: N/A").map(|k| k.0), Some(Key::Eo));
        assert_eq!(key_at("E0 12958: N/A"), None);
        assert_eq!(key_at("TAGS PGOV, PREL").map(|k| k.0), Some(Key::Tags));
        assert_eq!(key_at("Tags: parm").map(|k| k.0), Some(Key::Tags));
        assert_eq!(key_at("SUBJECT: (C) X").map(|k| k.0), Some(Key::Subject));
        assert_eq!(key_at("REF: STATE 1").map(|k| k.0), Some(Key::Ref));
        assert_eq!(key_at("REFTEL: HARARE 6584").map(|k| k.0), Some(Key::Ref));
        // One word in capitals before the heading, an item after it.
        assert_eq!(
            key_at("PROGRAM REF: A. A) SECSTATE 54183"),
            Some((Key::Ref, 13))
        );
        assert_eq!(
            key_at("PROGRAM REF: 07 STATE 17940").map(|k| k.0),
            Some(Key::Ref)
        );
        for not in [
            "PROGRAM REF: THE FUNDS ARE GONE",
            "Program REF: A. STATE 1",
            "THE PROGRAM REF: A. STATE 1",
            "SEE REF: A. STATE 1",
            "PROGRAM REF A. STATE 1",
        ] {
            assert_eq!(key_at(not), None, "{not}");
        }
        assert_eq!(key_at("Reference (TOR) to start"), None);
        assert_eq!(key_at("Classified By: X").map(|k| k.0), Some(Key::ClassBy));
        assert_eq!(
            key_at("Reason: 1.4 (B), (D).").map(|k| k.0),
            Some(Key::Reason)
        );
    }

    #[test]
    fn ref_block_whose_lines_repeat_ref_without_a_colon() {
        // 09ABUDHABI754's form; a blank line may stand between the items.
        let t = "SECRET SECTION 01 OF 04 ABU DHABI 000754\n\nE.O. 12958: 07/22/2019\n\
                 TAGS: PTER\nSUBJECT: (S) X\n\nREF A SECRETARY'S LETTER TO MBZ\n\
                 REF B SECSTATE 76108\n\nREF C 08 ABU DHABI 12\n\n1. (S) Text.\n";
        let h = header(t);
        let r = h.references.expect("a REF block");
        assert_eq!(r.heading_span.text(t), "REF");
        let got: Vec<_> = r
            .items
            .iter()
            .map(|i| {
                let ids: Vec<String> = i.ids.iter().map(|c| c.to_string()).collect();
                (
                    i.bullet,
                    i.bullet_span.map(|b| b.text(t)),
                    i.text.trim(),
                    ids,
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (Some('A'), Some("A"), "SECRETARY'S LETTER TO MBZ", vec![]),
                (
                    Some('B'),
                    Some("B"),
                    "SECSTATE 76108",
                    vec!["09STATE76108".to_string()]
                ),
                (
                    Some('C'),
                    Some("C"),
                    "08 ABU DHABI 12",
                    vec!["08ABUDHABI12".to_string()]
                ),
            ]
        );
        // Bare letters inside a line: before a cable only, and only the next one.
        let t = "SUBJECT: X\n\nREF A FOR B STATE 1 D STATE 2\n";
        let items: Vec<_> = header(t).references.unwrap().items;
        let got: Vec<_> = items.iter().map(|i| (i.bullet, i.text.trim())).collect();
        assert_eq!(got, [(Some('A'), "FOR"), (Some('B'), "STATE 1 D STATE 2")]);
        let t = "SUBJECT: X\n\nREF A WELLINGTON 721 B WELLINGTON 690 C D E\n";
        let items: Vec<_> = header(t).references.unwrap().items;
        let got: Vec<_> = items.iter().map(|i| (i.bullet, i.text.trim())).collect();
        assert_eq!(
            got,
            [
                (Some('A'), "WELLINGTON 721"),
                (Some('B'), "WELLINGTON 690 C D E")
            ]
        );
        // Text, not a REF block: `REF A` neither citing a cable nor followed by
        // `REF B`, or `REF B` with no block before it.
        for t in [
            "SECRET ABU DHABI 000754\n\nREF A ASKED POST TO REVIEW THE\nPROGRAM.\n",
            "SECRET ABU DHABI 000754\n\nREF B SAID THAT THE MINISTER\nAGREED.\n",
        ] {
            assert!(header(t).references.is_none(), "{t}");
        }
        let t = "SECRET ABU DHABI 000754\n\nREF A 08 STATE 123\n\n1. (S) Text.\n";
        assert_eq!(header(t).references.unwrap().items[0].ids.len(), 1);
        // Not a REF item: a letter glued to its text, nothing after it, a dot.
        for s in [
            "REF AB STATE 1",
            "REF A",
            "REF A.STATE",
            "REFA STATE 1",
            "REF a b",
        ] {
            assert_eq!(refs::ref_line_bullet(s), None, "{s}");
        }
        assert_eq!(refs::ref_line_bullet("Ref\tB  X"), Some(('B', 4, 7)));
    }

    #[test]
    fn a_ref_block_whose_heading_follows_its_first_bullet() {
        // The peer's case: `A. REF AMMAN 222` opens the block, B and C follow.
        let t = "R 011200Z JAN 07\nC O N F I D E N T I A L AMMAN 000300\n\nSUBJECT: X\n\n\
                 A. REF AMMAN 222\n     B. 06 AMMAN 4685\n     C. 06 AMMAN 2145\n\n1. (C) Text.\n";
        let r = crate::syntax::parse(t)
            .header
            .references
            .expect("a REF block");
        assert_eq!(r.heading_span.text(t), "REF");
        let got: Vec<_> = (r.items.iter())
            .map(|i| {
                (
                    i.bullet,
                    i.ids.iter().map(|c| c.to_string()).collect::<Vec<_>>(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (Some('A'), vec!["07AMMAN222".to_string()]),
                (Some('B'), vec!["06AMMAN4685".to_string()]),
                (Some('C'), vec!["06AMMAN2145".to_string()]),
            ]
        );
        // Not a REF block: no B item after it, or more than a cable in it (a
        // sub-paragraph opening an unnumbered body).
        for t in [
            "SECRET AMMAN 000300\n\nSUBJECT: X\n\nA. REF AMMAN 222\n\n1. (S) Text.\n",
            "SECRET AMMAN 000300\n\nSUBJECT: X\n\nA. REF STATE 1 ASKED POSTS TO REVIEW\n\
             B. THE PROGRAM WAS REVIEWED.\n",
        ] {
            assert!(header(t).references.is_none(), "{t}");
        }
        assert_eq!(
            refs::heading_after_first_bullet("A) REFTEL: 08 STATE 1"),
            Some((3, 9))
        );
        assert_eq!(refs::heading_after_first_bullet("B. REF STATE 1"), None);
        assert_eq!(
            refs::heading_after_first_bullet("A. REFERENCE STATE 1"),
            None
        );
    }

    /// An e-mail client's printout (09DOHA214's layout): its lines, a banner and
    /// the post's distribution block come before the routing block.
    const PRINTOUT: &str = "Stephen H Rogerson  12/02/2009 11:08:08 AM  From  DB/Inbox:  Search \n\
        Results\n\nCable \nText:   \n      \nS E C R E T        DOHA 00214\nCXDOHA:\n    ACTION: AMB\n\n\
        DRAFTED: P/E:MZEBLEY\n\nVZCZCDOI550\nRR RUEHC RHMFISS RUEAIIA\nRHEFDIA RHMFISS\n\
        DE RUEHDO #0214/01 0851341\nZNY SSSSS ZZH\nR 261341Z MAR 09\nFM AMEMBASSY DOHA\n\
        TO RUEHC/SECSTATE WASHDC 8904\n\nS E C R E T SECTION 01 OF 05 DOHA 000214  \n\nNOFORN  \n\n\
        S/CT FOR SHARRI R.  CLARK AND BRUCE AVERILL NEA/ARP FOR MATT BLONG DOE/NNSA FOR OFFICE OF  THE SECOND LINE OF DEFENSE\n\n\
        E.O. 12958: DECL: 01/29/2019  \n\nTAG: PTER, QA \n\nSUBJECT: QATAR: CI/KR  \n\n\
        REF: A. SECSTATE 15113       B. DOHA 152 (08)\n\n1. (C) Text.\n";

    #[test]
    fn printout_lines_before_the_routing_block_are_preamble() {
        let h = header(PRINTOUT);
        assert_eq!(h.preamble.len(), 8, "{:?}", h.preamble);
        assert_eq!(h.dtg.as_ref().unwrap().dtg.year, 2009);
        assert_eq!(h.from.as_ref().unwrap().name, "AMEMBASSY DOHA");
        let b = h.banner.as_ref().unwrap();
        assert!(b.span.text(PRINTOUT).contains("SECTION 01 OF 05"));
        assert_eq!(b.caveats, ["NOFORN"]);
        assert_eq!(h.handling.len(), 2);
        assert!(h.eo.as_ref().unwrap().decl.is_some());
        assert_eq!(h.tags.as_ref().unwrap().items.len(), 2);
        assert_eq!(h.subject.as_ref().unwrap().text, "QATAR: CI/KR");
        assert_eq!(h.references.as_ref().unwrap().items.len(), 2);
        // Without the printout's lines the same cable reads the same.
        let h2 = header(&PRINTOUT[PRINTOUT.find("VZCZC").unwrap()..]);
        assert_eq!(h2.subject.map(|s| s.text), h.subject.map(|s| s.text));
        assert_eq!(h2.banner.map(|b| b.caveats), Some(b.caveats.clone()));
        assert!(h2.preamble.is_empty());
    }

    #[test]
    fn printout_with_a_summary_sheet_and_no_routing_block() {
        // 03ABUDHABI2641's summary sheet, here with no routing block after it:
        // the preamble ends at `Cable Text:`.
        let t = "Diana T Fritz  03/21/2007 05:47:09 PM  From  DB/Inbox:  Search Results\n\n\
                 Cable Text:\nCONFIDENTIAL\n\nSUBJECT: UAE TO SUPPORT JORDAN\n";
        let infos = lexer::lex_lines(t, &split_lines(t));
        assert_eq!(printout_preamble_end(t, &infos), 3);
        let h = header(t);
        assert_eq!(h.preamble.len(), 2);
        assert_eq!(h.banner.as_ref().unwrap().text, "CONFIDENTIAL");
        assert_eq!(h.subject.as_ref().unwrap().text, "UAE TO SUPPORT JORDAN");
        // Not a printout: nothing is skipped.
        let plain = "Cablegate: X\nVZCZCXRO4493\nO 230940Z JUL 09\nFM AMEMBASSY ABU DHABI\n";
        let infos = lexer::lex_lines(plain, &split_lines(plain));
        assert_eq!(printout_preamble_end(plain, &infos), 0);
        // After a scraped page's lines (the site's table of the id and dates).
        let page = "Viewing cable 03ABUDHABI2641, UAE TO SUPPORT JORDAN\nIf you are new to these pages, read on.\n\n\
                    Reference ID\tCreated\tReleased\tClassification\tOrigin\n\
                    03ABUDHABI2641\t2003-06-03 12:50\t2011-08-30 01:44\tCONFIDENTIAL\tEmbassy Abu Dhabi\n\n\
                    Diana T Fritz  03/21/2007 05:47:09 PM  From  DB/Inbox:  Search Results\n\nCable\nText:\n\
                    CONFIDENTIAL\nTELEGRAM June 03, 2003\n";
        let infos = lexer::lex_lines(page, &split_lines(page));
        assert_eq!(printout_preamble_end(page, &infos), 10);
    }

    #[test]
    fn wrapped_routing_indicators_continue_the_routing_block() {
        let t = "VZCZCADI319\nOO RUEHC RUEHAM RUEHRB\nRUEAIIA RHEFDIA RUCJACC\nDE RUEHAD #2641 1541250\n\
                 ZNY CCCCC ZZH\nO 031250Z JUN 03\nFM AMEMBASSY ABU DHABI\n\n\
                 C O N F I D E N T I A L ABU DHABI 002641\n\nSUBJECT: X\n";
        // Behind a banner the routing block would otherwise end at the wrapped line.
        let h = header(&format!("CONFIDENTIAL\n{t}"));
        assert_eq!(h.dtg.as_ref().map(|d| d.dtg.year), Some(2003));
        assert!(is_routing_indicator("RHMFISS") && is_routing_indicator("RUEHC"));
        assert!(!is_routing_indicator("REUTERS1") && !is_routing_indicator("RUEH"));
    }

    #[test]
    fn banners_of_older_and_dod_markings_read_their_level_caveats_and_origin() {
        // (banner, level, caveats, banner text, origin, serial)
        type Case<'a> = (&'a str, Level, &'a [&'a str], &'a str, &'a str, u32);
        let cases: [Case; 7] = [
            // Limited official use: the marking before SBU (1970s-2000s).
            (
                "LIMITED OFFICIAL USE ROME 012345",
                Level::U,
                &[],
                "LIMITED OFFICIAL USE",
                "ROME",
                12345,
            ),
            (
                "LIMITED OFFICIAL USE SECTION 01 OF 02 ROME 12345",
                Level::U,
                &[],
                "LIMITED OFFICIAL USE",
                "ROME",
                12345,
            ),
            (
                "LIMITED OFFICIAL USE NOFORN ROME 012345",
                Level::U,
                &["NOFORN"],
                "LIMITED OFFICIAL USE",
                "ROME",
                12345,
            ),
            // Caveats after `//`, as in the metadata's spelling.
            (
                "SECRET//NOFORN SECTION 01 OF 02 ROME 012345",
                Level::S,
                &["NOFORN"],
                "SECRET",
                "ROME",
                12345,
            ),
            (
                "C O N F I D E N T I A L//NOFORN ROME 012345",
                Level::C,
                &["NOFORN"],
                "C O N F I D E N T I A L",
                "ROME",
                12345,
            ),
            // For official use only is a caveat, not part of the origin.
            (
                "UNCLASSIFIED//FOR OFFICIAL USE ONLY ROME 012345",
                Level::U,
                &["FOUO"],
                "UNCLASSIFIED",
                "ROME",
                12345,
            ),
            (
                "UNCLAS FOUO SAO PAULO 000123",
                Level::U,
                &["FOUO"],
                "UNCLAS",
                "SAOPAULO",
                123,
            ),
        ];
        for (line, level, caveats, text, origin, serial) in cases {
            let b =
                parse_banner(line, Span::new(0, line.len())).unwrap_or_else(|| panic!("{line}"));
            assert_eq!(
                (
                    b.level,
                    b.caveats.clone(),
                    b.text.as_str(),
                    b.origin.as_deref(),
                    b.serial
                ),
                (
                    level,
                    caveats.iter().map(|c| c.to_string()).collect(),
                    text,
                    Some(origin),
                    Some(serial)
                ),
                "{line}"
            );
            let spanned = b.origin_span.map(|s| s.text(line).replace(' ', ""));
            assert_eq!(spanned.as_deref(), Some(origin), "{line}");
        }
        for not in [
            "LIMITED OFFICIAL VISIT TO ROME 12",
            "SECRET//NOFORN",
            "FOR OFFICIAL USE ONLY",
        ] {
            assert!(
                parse_banner(not, Span::new(0, not.len())).is_none(),
                "{not}"
            );
        }
    }

    #[test]
    fn a_banner_before_the_dtg_leaves_the_addresses_in_the_header() {
        // 09STATE100153: the archive's banner line, then DTG, FM, TO and the
        // section banner.
        let t = "UNCLASSIFIED   STATE   00100153 \nO 251814Z SEP 09\nFM SECSTATE WASHDC\n\
                 TO ALL DIPLOMATIC AND CONSULAR POSTS COLLECTIVE IMMEDIATE\n\
                 RUEHTRO/AMEMBASSY TRIPOLI IMMEDIATE 9888\n\nUNCLAS SECTION 01 OF 02 STATE 100153 \n\n\
                 SENSITIVE \n\nE.O. 12958: N/A \nTAGS: IR KNNP\nSUBJECT: EXISTENCE OF A FACILITY\n\n\
                 1.  (U) Text.\n";
        let h = header(t);
        assert_eq!(h.from.as_ref().unwrap().name, "SECSTATE WASHDC");
        assert_eq!(h.to.len(), 2);
        assert_eq!(h.sections.len(), 1);
        assert_eq!(h.subject.as_ref().unwrap().text, "EXISTENCE OF A FACILITY");
        // In the usual order a banner after the DTG ends the routing lines: a
        // `TO ...` line after it is not an address.
        let t2 = "O 251814Z SEP 09\nFM SECSTATE WASHDC\nTO AMEMBASSY TRIPOLI\n\
                  UNCLAS STATE 100153\nTO THE AMBASSADOR FROM THE SECRETARY\n\nTAGS: IR\n";
        let h2 = header(t2);
        assert_eq!(h2.to.len(), 1);
        assert_eq!(h2.handling.len(), 1);
    }

    #[test]
    fn tags_after_the_eo_on_its_line_without_a_colon() {
        // 09STOCKHOLM194.
        let t = "SECRET STOCKHOLM 000194\n\nE.O. 12958:  DECL: 03/20/2019 TAG PTER, PGOV, SW \n\nSUBJECT: X\n";
        let h = header(t);
        let eo = h.eo.as_ref().unwrap();
        assert_eq!(eo.decl.map(|d| d.year), Some(2019));
        assert!(!eo.span.text(t).contains("TAG"), "{:?}", eo.span.text(t));
        let tags: Vec<_> = h
            .tags
            .as_ref()
            .unwrap()
            .items
            .iter()
            .map(|i| i.text.as_str())
            .collect();
        assert_eq!(tags, ["PTER", "PGOV", "SW"]);
    }

    #[test]
    fn eo_field_inside_a_handling_line_spelt_with_a_space() {
        // 02BRASILIA4227's line, as a copy spacing `E. O.` has it: the DECL
        // gives the year of a cable with no DTG.
        for eo in ["E.O.", "E. O."] {
            let t = format!(
                "C O N F I D E N T I A L SECTION 01 OF 04 BRASILIA 004227 \n\n\
                 DEPT FOR WHA/BSC {eo} 12958: DECL: 11/22/2012 \nTAGS: PGOV PREL ECON BR\n"
            );
            let h = header(&t);
            let line =
                h.eo.as_ref()
                    .unwrap_or_else(|| panic!("{eo}: no E.O. line"));
            assert_eq!(line.decl.map(|d| d.year), Some(2012), "{eo}");
            assert!(line.span.text(&t).starts_with(eo), "{eo}");
        }
    }

    #[test]
    fn a_ref_list_left_open_goes_on_after_a_blank_line() {
        // 09RIODEJANEIRO365: the third item after a blank line, a page header
        // and the Classified By glued on after it.
        let h = crate::syntax::parse(
            "CONFIDENTIAL RIO DE JANEIRO 000365\n\nE.O. 12958: DECL: 2019/11/09\nSUBJECT: X\n\n\
             REF: RIO DE JANEIRO 329; RIO DE JANEIRO 346; \n\n\
             RIO DE JANEIRO 353 RIO DE JAN 00000365 001.2 OF 002 CLASSIFIED BY: \
             Dennis W. Hearne, Principal Officer; REASON: 1.4(B), (D) \n\n1. (C) Text.\n",
        )
        .header;
        let items = h.references.unwrap().items;
        let ids: Vec<String> = items
            .iter()
            .flat_map(|i| &i.ids)
            .map(|i| i.to_string())
            .collect();
        assert_eq!(
            ids,
            [
                "09RIODEJANEIRO329",
                "09RIODEJANEIRO346",
                "09RIODEJANEIRO353"
            ]
        );
        assert_eq!(h.classified_by.unwrap().reasons, ['b', 'd']);
        // A list closed (no separator at its end) does not.
        let h = crate::syntax::parse(
            "CONFIDENTIAL RIO DE JANEIRO 000365\n\nE.O. 12958: DECL: 2019/11/09\nSUBJECT: X\n\n\
             REF: RIO DE JANEIRO 329; RIO DE JANEIRO 346\n\nRIO DE JANEIRO 353 said\n",
        )
        .header;
        assert_eq!(h.references.unwrap().items.len(), 2);
    }

    #[test]
    fn a_banner_serial_wrapped_onto_the_next_line() {
        // 09RIODEJANEIRO329 re-wrapped at 60 columns.
        let t = "C O N F I D E N T I A L SECTION 01 OF 02 RIO DE JANEIRO\n000329\n\n\
                 SIPDIS\n\nE.O. 12958: DECL: 2019/10/26\nTAGS: PREL\nSUBJECT: X\n\n1. (C) Text.\n";
        let c = crate::syntax::parse(t);
        let b = c.header.banner.as_ref().expect("the banner");
        assert_eq!(
            (b.origin.as_deref(), b.serial),
            (Some("RIODEJANEIRO"), Some(329))
        );
        assert_eq!(b.serial_span.map(|sp| sp.text(t)), Some("000329"));
        assert_eq!(b.origin_span.map(|sp| sp.text(t)), Some("RIO DE JANEIRO"));
        assert_eq!(
            c.id.map(|i| i.to_string()).as_deref(),
            Some("09RIODEJANEIRO329")
        );
        assert!(c.header.noise.is_empty(), "{:?}", c.header.noise);
        // Digits under a line that is no banner, or under a banner with its
        // serial, are not read as one.
        for t in [
            "C O N F I D E N T I A L SECTION 01 OF 02 RIO DE JANEIRO 000329\n12\n",
            "SUBJECT: RIO DE JANEIRO\n000329\n",
        ] {
            let c = crate::syntax::parse(t);
            assert_ne!(
                c.header
                    .banner
                    .and_then(|b| b.serial_span)
                    .map(|sp| sp.start),
                Some(t.find('\n').unwrap() + 1),
                "{t}"
            );
        }
    }

    #[test]
    fn eo_line_with_a_zero_for_the_o() {
        // 09BERLIN1626.
        let h = header("UNCLAS BERLIN 001626\n\nSIPDIS\n\nE.0. 12958: N/A \nTAGS: OPRC\n");
        let eo = h.eo.expect("the E.O. line");
        assert_eq!(eo.order.as_deref(), Some("12958"));
        assert!(eo.not_applicable);
        assert_eq!(h.tags.map(|t| t.items.len()), Some(1));
    }

    #[test]
    fn a_rule_or_a_caption_ends_the_subject() {
        // 09HARARE888: a rule under the subject.
        let h = header(
            "UNCLAS HARARE 000888\n\nSUBJECT: ZIM NOTES 11-09-2009 \n-----------\n1. SUMMARY\n",
        );
        assert_eq!(h.subject.unwrap().text, "ZIM NOTES 11-09-2009");
        // 05RIODEJANEIRO1242 in capitals: a heading with its rule on its line.
        let h = header(
            "UNCLAS RIO DE JANEIRO 001242\n\nSUBJECT: RIO SECURITY CHIEF ON CRIME, DRUGS \n\nSUMMARY ------- \n\n1. (SBU) Text.\n",
        );
        assert_eq!(
            h.subject.unwrap().text,
            "RIO SECURITY CHIEF ON CRIME, DRUGS"
        );
        // 09MUNICH25: a caption between the subject and the REF block.
        let h = header(
            "UNCLAS MUNICH 000025\n\nSUBJECT: YOUTHFUL POLITICIANS SHAKE UP GERMAN STATUS QUO \n \n\
             SENSITIVE BUT UNCLASSIFIED. \n \nREFS: A) BERLIN 169 B) 08 MUNICH 355\n\n1. (SBU) Text.\n",
        );
        assert_eq!(
            h.subject.unwrap().text,
            "YOUTHFUL POLITICIANS SHAKE UP GERMAN STATUS QUO"
        );
        assert_eq!(
            h.handling.last().unwrap().text,
            "SENSITIVE BUT UNCLASSIFIED."
        );
        assert_eq!(h.references.unwrap().items.len(), 2);
        for c in [
            "SIPDIS",
            "SENSITIVE BUT UNCLASSIFIED",
            "LIMITED OFFICIAL USE",
            "NOFORN//EXDIS",
        ] {
            assert!(is_caption(c), "{c}");
        }
        for c in ["FOR OFFICIAL", "BUT", "SENSITIVE TALKS", ""] {
            assert!(!is_caption(c), "{c}");
        }
    }

    #[test]
    fn a_repeated_header_behind_a_date_line() {
        // 09ISLAMABAD3037: a web copy repeats the header, each behind a date line.
        let once = "Friday, 18 December 2009, 11:04\nS E C R E T SECTION 01 OF 02 ISLAMABAD 003037 \n\
                    NOFORN \nSIPDIS \nEO 12958 DECL: 12/18/2034 \nTAGS PREL, PK \n\
                    SUBJECT: BALOCH REQUEST UNHCR FACILITATE MOVEMENT OF \nBRAHMDAGH BUGTI TO IRELAND\n";
        let t = format!("{once}{once}Classified By: Ambassador Anne W. Patterson, for reasons 1.4 (b)(d)\n\n1. (S/NF) Text.\n");
        let h = header(&t);
        assert!(h.classified_by.is_some());
        assert_eq!(
            h.subject.unwrap().text,
            "BALOCH REQUEST UNHCR FACILITATE MOVEMENT OF BRAHMDAGH BUGTI TO IRELAND"
        );
        assert!(is_date_stamp("Friday, 18 December 2009, 11:04"));
        assert!(is_date_stamp("Monday, 9 November 2009, 7:32"));
        assert!(!is_date_stamp("Friday, 18 December, 11:04"));
        assert!(!is_date_stamp("Someday, 18 December 2009, 11:04"));
    }

    #[test]
    fn one_line_header() {
        let h = header("P R 021202Z JUL 08 FM SECSTATE WASHDC TO AMEMBASSY PARIS PRIORITY INFO MTCR COLLECTIVE\n\nCONFIDENTIAL STATE 070895\n\nE.O. 12958: DECL: 07/08/2033\n");
        assert_eq!(h.from.as_ref().unwrap().name, "SECSTATE WASHDC");
        assert_eq!(h.to[0].name, "AMEMBASSY PARIS");
        assert_eq!(h.to[0].precedence.as_deref(), Some("PRIORITY"));
        assert_eq!(h.info[0].name, "MTCR COLLECTIVE");
        let b = h.banner.unwrap();
        assert_eq!(
            (b.level, b.origin.as_deref(), b.serial),
            (Level::C, Some("STATE"), Some(70895))
        );
        assert_eq!(h.eo.unwrap().decl.unwrap().iso(), "2033-07-08");
    }

    use crate::syntax::Level;
}

#[cfg(test)]
mod regressions {
    /// Found by proptest: a character straddling byte 3 after the reason's `1`.
    #[test]
    fn reasons_after_a_multibyte_character() {
        let c = crate::syntax::parse(
            "C O N F I D E N T I A L STATE 000001\n\nClassified By: X. Reason: 1⁸AND (D).\n",
        );
        assert!(c.header.classified_by.is_some());
    }

    /// 10BRASILIA43 wrapped: the subject's last line holds the Classified By.
    #[test]
    fn a_wrapped_subject_ends_where_classified_by_starts() {
        let c = crate::syntax::parse(
            "CONFIDENTIAL BRASILIA 000043\n\nSUBJECT: BRAZIL: AMBASSADOR PRESENTS CREDENTIALS TO\n\
             PRESIDENT LULA CLASSIFIED BY: Thomas A. Shannon, Ambassador,\n\
             State, Embassy Brasilia; REASON: 1.4(B), (D)\n\n1. (C) Summary.\n",
        );
        let h = c.header;
        assert_eq!(
            h.subject.unwrap().text,
            "BRAZIL: AMBASSADOR PRESENTS CREDENTIALS TO PRESIDENT LULA"
        );
        assert_eq!(h.classified_by.unwrap().reasons, ['b', 'd']);
    }

    /// 08KUALALUMPUR317 wrapped: an unnumbered paragraph right after the REF line.
    #[test]
    fn a_marked_sentence_ends_a_ref_block() {
        let c = crate::syntax::parse(
            "UNCLAS KUALA LUMPUR 000317\n\nSUBJECT: X\n\nREF: STATE 40380\n\
             (SBU) Poloff delivered reftel demarche and nonpaper to Adi\n\
             Mohammed of the MFA.\nKEITH\n",
        );
        assert_eq!(c.header.references.unwrap().items.len(), 1);
        assert_eq!(c.body.signature.unwrap().text, "KEITH");
        // A bullet letter in parentheses stays an item.
        let c = crate::syntax::parse(
            "UNCLAS STATE 000001\n\nSUBJECT: X\n\nREF: (A) STATE 1\n(B) Embassy email of May 5\n\n1. Text.\n",
        );
        assert_eq!(c.header.references.unwrap().items.len(), 2);
    }

    #[test]
    fn reason_letters_without_parentheses() {
        for (reasons, want) in [
            ("1.4 b and d", "bd"),
            ("1.4 BD.", "bd"),
            ("1.5 bd", "bd"),
            ("1.4 abc, and  d", "abcd"),
            ("1.4 b&d.", "bd"),
            ("1.4 B,C andD.", "bcd"),
            ("1.4 (b), (d)", "bd"),
            ("1.4(B)(D)", "bd"),
            // Words are no reasons.
            ("1.4 (b) and (d), BAD ideas FACED with DEBT", "bd"),
            ("1.4 B AND D; ACHE", "bd"),
        ] {
            let t = format!("CONFIDENTIAL DOHA 000502\n\nClassified By: X for reasons {reasons}\n\n1. (C) Text.\n");
            let h = crate::syntax::parse(&t).header;
            let got: String = h
                .classified_by
                .expect(reasons)
                .reasons
                .into_iter()
                .collect();
            assert_eq!(got, want, "{reasons}");
        }
    }

    /// 09TRIPOLI663: the first paragraph glued after the reasons starts a
    /// line of its own (see `text::parser_lines`), so its mark is no reason.
    #[test]
    fn reasons_stop_at_a_glued_paragraph() {
        let c = crate::syntax::parse(
            "CONFIDENTIAL TRIPOLI 000663\n\nCLASSIFIED BY: Joan Polaschik, Charge. \
             REASON: 1.4 (b), (d) 1. (C) Summary: A said to B.\n",
        );
        assert_eq!(c.header.classified_by.unwrap().reasons, ['b', 'd']);
        let c = crate::syntax::parse(
            "CONFIDENTIAL TRIPOLI 000663\n\nClassified By: X. Reasons 1.4 (b) and (d) 2 (c).\n",
        );
        assert_eq!(c.header.classified_by.unwrap().reasons, ['b', 'd', 'c']);
    }
}
