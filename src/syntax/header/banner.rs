//! The banner line (`CONFIDENTIAL SECTION 01 OF 02 ANKARA 007215`) and a
//! classification alone on a line that stands in for it.

use super::*;

/// Parses a banner line: a classification word, caveats, `SECTION n OF m`, origin,
/// serial. `None` when the line is not one.
pub(super) fn parse_banner(text: &str, span: Span) -> Option<Banner> {
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
    // `SECTION 01 OF` / `04 BEIJING 001378`: a section's place that a copy
    // re-wrapped, no origin (the line below completes it).
    if origin
        .get(..7)
        .is_some_and(|w| w.eq_ignore_ascii_case("SECTION"))
    {
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

/// A banner whose serial, or origin and serial, a re-wrapped copy put on the
/// next line (`C O N F I D E N T I A L SECTION 01 OF 02 RIO DE JANEIRO` /
/// `000329`, `C O N F I D E N T I A L SECTION 01 OF 03` / `HARARE 006677`):
/// read as one line, the spans of what was wrapped on the line below. Only a
/// line of digits, or of an origin's words and digits, alone below a line that
/// reads as a banner with it (and not without it).
pub(super) fn banner_with_serial_below(text: &str, seg: Span, next: Span) -> Option<Banner> {
    let below = next.text(text);
    // Captions may follow the serial (`BRUSSELS 000524 SIPDIS`), as on a
    // banner's own line.
    let whole = below.trim();
    let wrapped = trailing_captions_cut(whole);
    let serial = wrapped.rsplit(' ').next().unwrap_or("");
    if !(2..=8).contains(&serial.len())
        || !serial.bytes().all(|b| b.is_ascii_digit())
        || wrapped.len() > 40
    {
        return None;
    }
    let line = seg.text(text).trim_end();
    if !lexer::may_start_with_level(line) {
        return None;
    }
    let joined = format!("{line} {whole}");
    let b = parse_banner(&joined, Span::new(0, joined.len()))?;
    let at = next.start + (below.len() - below.trim_start().len());
    // From the joined line to the text: on its own line, or the line below
    // (an origin may run from one to the other: `... RIO` / `DE JANEIRO 000329`).
    let pos = |p: usize| {
        if p > line.len() {
            at + p - line.len() - 1
        } else {
            seg.start + p
        }
    };
    let here = |sp: Span| Span::new(pos(sp.start), pos(sp.end));
    let serial_span = b.serial_span.map(here)?;
    // The serial must be the one below; the rest of the line below, if any,
    // must be the origin's end,
    let serial_at = line.len() + 1 + wrapped.len() - serial.len();
    let serial_below = b.serial_span.map(|sp| sp.start) == Some(serial_at);
    // and a post's name (`WE MET ANKARA 007215` is text).
    let origin_ends_below = b.origin_span.is_some_and(|sp| {
        sp.end == serial_at - 1 && ids::names_an_origin(&joined[sp.start..sp.end])
    });
    if !serial_below || wrapped.len() > serial.len() && !origin_ends_below {
        return None;
    }
    Some(Banner {
        span: seg.cover(Span::new(at, at + whole.len())),
        level_span: here(b.level_span),
        origin_span: b.origin_span.map(here),
        serial_span: Some(serial_span),
        ..b
    })
}

/// A caveat or handling caption that may stand among a banner's words
/// (`NOFORN`, `/NF`, `SIPDIS`, `EXDIS`), in any case.
fn is_caveat_word(w: &str) -> bool {
    let w = w.trim_start_matches('/');
    let is = |c: &str| w.eq_ignore_ascii_case(c);
    is("NOFORN") || is("NF") || HANDLING_WORDS.iter().any(|c| is(c))
}

/// `s` without the caption and caveat words after its last word of digits
/// (`HARARE 006677 SIPDIS NOFORN` -> `HARARE 006677`).
fn trailing_captions_cut(s: &str) -> &str {
    let mut end = s.len();
    for (at, w) in s.rmatch_indices(' ').map(|(at, _)| (at, &s[at + 1..])) {
        let w = w[..w.find(' ').unwrap_or(w.len())].trim_end_matches('.');
        if !is_caveat_word(w) {
            break;
        }
        end = at;
    }
    s[..end].trim_end()
}

/// A banner's words with their offsets: split at spaces, tabs and `//`
/// (`SECRET//NOFORN`, `UNCLASSIFIED//FOR OFFICIAL USE ONLY`).
pub(super) fn banner_words(s: &str) -> impl Iterator<Item = (usize, &str)> {
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

/// A section's banner that a re-wrapped copy cut in or after the section's
/// place (`C O N F I D E N T I A L SECTION 02 OF`, `... SECTION 02 OF 03
/// HARARE`): the rest of it, the serial at least, on the next line.
pub fn is_cut_section_banner(s: &str) -> bool {
    if !lexer::may_start_with_level(s) {
        return false;
    }
    let words: smallvec::SmallVec<[&str; 24]> = banner_words(s).map(|w| w.1).take(24).collect();
    let Some((_, used)) = level_words(&words) else {
        return false;
    };
    let rest = &words[used..];
    let Some(at) = rest.iter().position(|w| w.eq_ignore_ascii_case("SECTION")) else {
        return false;
    };
    let caveats = rest[..at].iter().all(|w| is_caveat_word(w));
    let digits = |w: &&str| !w.is_empty() && w.len() <= 3 && w.bytes().all(|b| b.is_ascii_digit());
    let of = |n: &&str, of: &&str| digits(n) && of.eq_ignore_ascii_case("OF");
    // The place, whole or cut, and the origin's words maybe (`... SECTION 02
    // OF 03 HARARE` / `006677`).
    let place = match &rest[at + 1..] {
        [n, o] => of(n, o),
        [n, o, total, origin @ ..] => {
            of(n, o)
                && digits(total)
                && origin.len() <= 4
                && origin
                    .iter()
                    .all(|w| w.bytes().all(|b| b.is_ascii_alphabetic()))
        }
        _ => false,
    };
    caveats && place
}

/// Whether `next` completes the banner `seg` starts, as a re-wrapped copy
/// put its origin and serial on the line below (see [`is_cut_section_banner`]).
pub fn completes_banner(text: &str, seg: Span, next: Span) -> bool {
    banner_with_serial_below(text, seg, next).is_some()
}

/// A banner that is only a classification (`CONFIDENTIAL`, ` CONFIDENTIAL
/// PTQ1865`): its level and caveats, no origin or serial.
pub(super) fn level_only_banner(s: &str, seg: Span) -> Option<Banner> {
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
