//! In-text citations: `REF A`, `reftel`, `septel`, `para 5`, `paras 2-3`,
//! `POC DOC 66`, and bare cable numbers (`STATE 67437`).

use super::ids::{normalize_origin, CableId};
use super::lexer::LineInfo;
use super::model::*;
use super::refs::year_of;
use super::text::Span;

#[derive(Debug, Clone, Copy)]
struct Tok<'a> {
    s: &'a str,
    span: Span,
    /// Which of the scanned lines it is on.
    line: usize,
}

/// Words of the body (runs of letters and digits), skipping print noise, with a
/// marker for the punctuation between them.
/// `skip`: lines to read past (a page's break).
fn tokens<'a>(
    text: &'a str,
    infos: &[LineInfo],
    skip: std::ops::Range<usize>,
    from: usize,
    to: usize,
) -> Vec<(Tok<'a>, &'a str)> {
    let mut out: Vec<(Tok<'a>, &'a str)> = Vec::new();
    for (line, info) in infos.iter().enumerate() {
        if info.line.end <= from || info.line.start >= to || skip.contains(&line) {
            continue;
        }
        for seg in &info.segs {
            let s = seg.text(text);
            let mut i = 0;
            let b = s.as_bytes();
            while i < b.len() {
                if b[i].is_ascii_alphanumeric() {
                    let st = i;
                    while i < b.len() && b[i].is_ascii_alphanumeric() {
                        i += 1;
                    }
                    let sp = Span::new(seg.start + st, seg.start + i);
                    if sp.start >= from && sp.end <= to {
                        out.push((
                            Tok {
                                s: &s[st..i],
                                span: sp,
                                line,
                            },
                            "",
                        ));
                    }
                } else {
                    let st = i;
                    while i < b.len() && !b[i].is_ascii_alphanumeric() {
                        i += 1;
                    }
                    if let Some(last) = out.last_mut() {
                        // After the token, or opening a line after one that
                        // ended its line (a line's end reads as a space:
                        // `Nairobi` / `(304 Kg)` as `Nairobi (304 Kg)`).
                        let opens_line =
                            st == 0 && last.0.span.end < seg.start && last.1.trim().is_empty();
                        if last.0.span.end == seg.start + st || opens_line {
                            last.1 = &s[st..i];
                        }
                    }
                }
            }
        }
    }
    out
}

/// In mixed case, a small letter after `Ref` / `Refs` / `reftel` (token `j`):
/// a letter when no word could be (`(Ref c)`, `Ref d will`, `reftel b`), and
/// `a` only where the article cannot stand: before punctuation, `and`, and
/// after `Ref` also the line's end or a verb's past (`Ref a reported`); not
/// before a noun (`Ref a meeting`, `reftel a meeting`). After `reftel`, which
/// running text writes in small letters, `a` at a line's end is the article
/// (`in reftel a` / `meeting`).
fn small_ref_letter(keyword: &str, toks: &[(Tok, &str)], j: usize) -> bool {
    let (x, sep) = toks[j];
    let kw = keyword.as_bytes();
    let reftel = kw
        .get(..6)
        .is_some_and(|w| w.eq_ignore_ascii_case(b"REFTEL"));
    let case_ok = super::ids::is_titled(kw) || reftel && kw.iter().all(u8::is_ascii_lowercase);
    if !case_ok || !x.s.as_bytes()[0].is_ascii_lowercase() {
        return false;
    }
    if x.s != "a" {
        return true;
    }
    let next = toks.get(j + 1).filter(|n| n.0.line == x.line);
    match next {
        None => !reftel,
        Some(_) if !sep.trim().is_empty() => true,
        Some((w, _)) => {
            w.s.eq_ignore_ascii_case("and")
                || !reftel
                    && w.s.len() > 4
                    && w.s.ends_with("ed")
                    && w.s.bytes().all(|b| b.is_ascii_lowercase())
        }
    }
}

fn is_num(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// A citation as read from the text around one line, before the cable's year is
/// known: for a cable number, its origin, serial and the year written before it.
#[derive(Debug, Clone, PartialEq)]
pub struct RawCitation {
    pub span: Span,
    pub kind: CitationKind,
    pub target: String,
    pub cable: Option<(String, u32, Option<u16>)>,
    /// For `para N`, another document's (see [`ParaOf`]).
    pub of: Option<RawOf>,
}

/// [`ParaOf`] before the cable's year is known.
#[derive(Debug, Clone, PartialEq)]
pub enum RawOf {
    Of(ParaOf),
    /// A cable number: origin, serial and the year written before it.
    Cable(String, u32, Option<u16>),
    /// A cable number starting at this offset, if one does (found once the
    /// line is read); else another document.
    CableAt(usize),
}

/// The citations starting on line `i`, read from lines `i - 1` to `i + 1` (a
/// citation may wrap: `see paragraph` / `4`), or to `i + 2` after a lone letter.
/// Citations are read in a line's first this many bytes (a longer line gets a
/// `long-line` diagnostic saying so).
pub const LONG_LINE: usize = 256 << 10;
const NEIGHBOUR_BYTES: usize = 512;

pub fn scan_line(text: &str, infos: &[LineInfo], i: usize) -> Vec<RawCitation> {
    let line = infos[i].line;
    if infos[i].segs.is_empty() {
        return vec![];
    }
    // Most lines start no citation: look at their own words first, without
    // allocating (this runs on every line of every cable).
    const STARTS: &[&str] = &[
        "REF",
        "REFS",
        "REFTEL",
        "REFTELS",
        "SEPTEL",
        "SEPTELS",
        "PARA",
        "PARAS",
        "PARAGRAPH",
        "PARAGRAPHS",
        "PARAGRAPH5",
        "POC",
    ];
    let firsts = super::ids::origin_first_words();
    let may_start = infos[i].segs.iter().any(|seg| {
        (seg.text(text).as_bytes())
            .split(|c| !c.is_ascii_alphanumeric())
            .any(|w| match w.first() {
                Some(c) if c.is_ascii_digit() => {
                    (w.len() == 2 || w.len() == 4) && w.iter().all(u8::is_ascii_digit)
                }
                // Known origins are written in capitals, or in title case.
                Some(c) => {
                    c.is_ascii_uppercase()
                        && (firsts.contains_key(w) || firsts.get_titled(w).is_some())
                        || matches!(c.to_ascii_uppercase(), b'R' | b'S' | b'P')
                            && STARTS.iter().any(|k| k.as_bytes().eq_ignore_ascii_case(w))
                }
                None => false,
            })
    });
    if !may_start && !continues_poc_list(text, infos, i) {
        return vec![];
    }
    let from = i.saturating_sub(1);
    // A page's break inside a citation (`(REF` / `SECRET` / `A)`, or a page
    // line between): read past, as the body reads past it.
    let next = past_page_break(text, infos, i + 1);
    // A lone letter on the next line (`(Ref` / `A` / `and B)` in a copy
    // re-wrapped narrow): the line after it too. (No cable number or POC DOC
    // can run over a letter, so the skim, which reads those, need not look.)
    // Or a list of letters left open there (`(Refs` / `A, B, and` / `C)`).
    let letters_below = infos.get(next).is_some_and(|l| {
        let line = text.get(l.line.start..l.line.end).unwrap_or("");
        let w = line.trim_matches([' ', '\t', '(', ')', ',', '\r']);
        let letters = || {
            let ws: Vec<&str> = w.split([' ', ',']).filter(|x| !x.is_empty()).collect();
            let letter = |x: &str| x.len() == 1 && x.as_bytes()[0].is_ascii_alphabetic();
            let open = (ws.last()).is_some_and(|x| x.eq_ignore_ascii_case("and") || *x == "&")
                || line.trim_end().ends_with(',');
            open && ws.len() >= 2
                && ws
                    .iter()
                    .all(|x| letter(x) || x.eq_ignore_ascii_case("and") || *x == "&")
        };
        w.len() == 1 && w.as_bytes()[0].is_ascii_alphabetic() || w.len() <= 24 && letters()
    });
    let to = (next + 1 + usize::from(letters_below)).min(infos.len());
    // The line's first LONG_LINE bytes, and a little of its neighbours (for a
    // citation broken over a line end; past a page's break, its length
    // more): a 50 MB line is not tokenised whole.
    let break_len = match (infos.get(i + 1), infos.get(next)) {
        (Some(a), Some(b)) if next > i + 1 => b.line.start - a.line.start,
        _ => 0,
    };
    let lo = line.start.saturating_sub(NEIGHBOUR_BYTES);
    let hi = line.end.min(line.start + LONG_LINE) + NEIGHBOUR_BYTES + break_len;
    let toks = tokens(text, &infos[from..to], i + 1 - from..next - from, lo, hi);
    let mut raw = Vec::new();
    scan_tokens(&toks, &mut raw);
    resolve_cables_named(&mut raw);
    raw.retain(|c| c.span.start >= line.start && c.span.start < line.next.max(line.end + 1));
    raw
}

/// The most lines of a page's break a citation reads past.
pub(crate) const PAGE_BREAK_LINES: usize = 3;

/// The first line from `k` past a page's break (at most [`PAGE_BREAK_LINES`]),
/// which a citation broken over it reads past: print noise the lexer cut out
/// (`PAGE 02 ...`, `- 2 -`, a release's stamp), and the classification alone
/// at a page's foot or head, which it did not.
pub(crate) fn past_page_break(text: &str, infos: &[LineInfo], k: usize) -> usize {
    let breaks = |l: &LineInfo| match l.segs.as_slice() {
        [] => l.noise.is_some(),
        [seg] => l.noise.is_none() && super::lexer::is_lone_level(seg.text(text).trim()),
        _ => false,
    };
    let n = infos
        .get(k..)
        .unwrap_or(&[])
        .iter()
        .take(PAGE_BREAK_LINES)
        .take_while(|l| breaks(l))
        .count();
    k + n
}

/// Does line `i` start with a number, `and` or `&` after a line holding `POC`
/// (a POC DOC list wrapped: `POC DOCS 66,` / `133 and 134`)?
fn continues_poc_list(text: &str, infos: &[LineInfo], i: usize) -> bool {
    let Some(first) = infos[i].segs.first() else {
        return false;
    };
    let s = first.text(text).trim_start().as_bytes();
    let opens = s.first().is_some_and(u8::is_ascii_digit)
        || s.starts_with(b"&")
        || s.get(..4).is_some_and(|w| w.eq_ignore_ascii_case(b"and "));
    opens && i > 0 && has_poc(infos[i - 1].line.span().text(text).as_bytes())
}

/// Does the line hold `POC`, in any case (where a POC DOC citation starts)?
pub(crate) fn has_poc(line: &[u8]) -> bool {
    memchr::memchr2_iter(b'P', b'p', line).any(|i| {
        line.get(i..i + 3)
            .is_some_and(|w| w.eq_ignore_ascii_case(b"POC"))
    })
}

/// A citation with its cable year filled in from the citing cable (`None`: a
/// cable number with no year to be had).
pub fn finalize(raw: &RawCitation, year: Option<u16>) -> Option<Citation> {
    match &raw.cable {
        None => Some(Citation {
            span: raw.span,
            kind: raw.kind,
            target: raw.target.clone(),
            id: None,
            of: raw.of.as_ref().map(|of| match of {
                RawOf::Of(o) => o.clone(),
                RawOf::Cable(origin, serial, y) => (y.or(year))
                    .map(|year| CableId {
                        year,
                        origin: origin.clone(),
                        serial: *serial,
                    })
                    .map_or(ParaOf::Other, ParaOf::Cable),
                RawOf::CableAt(_) => ParaOf::Other,
            }),
        }),
        Some((origin, serial, y)) => {
            let id = CableId {
                year: y.or(year)?,
                origin: origin.clone(),
                serial: *serial,
            };
            Some(Citation {
                span: raw.span,
                kind: raw.kind,
                target: id.to_string(),
                id: Some(id),
                of: None,
            })
        }
    }
}

/// The citations of the subject and the body.
pub fn collect(facts: &[super::facts::LineFacts], cable: &Cable) -> Vec<Citation> {
    let year = cable.header.year;
    let body = cable.body.span;
    let subject = cable.header.subject.as_ref().map(|s| s.span);
    facts
        .iter()
        .flat_map(|f| f.citations.iter())
        .filter(|c| kept(c.span, body, subject, &cable.body.noise))
        .filter_map(|c| finalize(c, year))
        .collect()
}

/// Does the model keep a citation at `sp`? Those in the body (a non-empty
/// span) outside its repeated section headers (`noise`, in text order:
/// `SECTION 02 OF 03 HARARE 006677` cites nothing) and in the subject line
/// are kept; those in the rest of the header and in the trailer are not.
pub(crate) fn kept(sp: Span, body: Span, subject: Option<Span>, noise: &[Span]) -> bool {
    let in_noise = || {
        let k = noise.partition_point(|n| n.end <= sp.start);
        noise.get(k).is_some_and(|n| n.start <= sp.start)
    };
    (sp.start >= body.start && sp.end <= body.end && !body.is_empty() && !in_noise())
        || subject.is_some_and(|s| sp.start >= s.start && sp.end <= s.end)
}

fn scan_tokens(toks: &[(Tok, &str)], out: &mut Vec<RawCitation>) {
    let n = toks.len();
    let mut i = 0;
    while i < n {
        let (t, sep) = toks[i];
        // Upper-cased on the stack: no keyword is longer than 10 letters.
        let mut buf = [0u8; 10];
        let up: &[u8] = match buf.get_mut(..t.s.len()) {
            Some(b) => {
                b.copy_from_slice(t.s.as_bytes());
                b.make_ascii_uppercase();
                b
            }
            None => b"",
        };
        match up {
            b"REF" | b"REFS" | b"REFTEL" | b"REFTELS" => {
                // Letters: `REF A`, `REFS A and B`, `refs A-C`, `reftel B`
                // (a small letter only where no word could stand: `reftel a
                // meeting` is reftel, see [`small_ref_letter`]).
                let reftel = up.starts_with(b"REFTEL");
                let mut j = i + 1;
                let mut letters: Vec<(char, Span)> = Vec::new();
                let mut prev_sep = sep;
                while j < n {
                    let (x, xsep) = toks[j];
                    let single = x.s.len() == 1 && x.s.as_bytes()[0].is_ascii_alphabetic();
                    let upper_ok = x.s.as_bytes()[0].is_ascii_uppercase()
                        || !reftel && t.s.chars().all(|c| c.is_lowercase())
                        || small_ref_letter(t.s, toks, j);
                    // A short separator: up to three characters, or one mark
                    // among a few spaces (`Ref   (B)`: double spaces widened,
                    // by a no-break space's `&nbsp;` to seven).
                    let near = prev_sep.len() <= 3
                        || prev_sep.len() <= 10 && prev_sep.trim_matches(' ').len() <= 1;
                    let c = x.s.chars().next().unwrap_or(' ').to_ascii_uppercase();
                    // `REF B, A SPANISH NGO` (in capitals): after a comma, a
                    // letter before the last, then a word, is an article.
                    let article = letters.last().is_some_and(|&(last, _)| c < last)
                        && prev_sep.trim() == ","
                        && toks.get(j + 1).is_some_and(|(w, _)| {
                            w.s.len() >= 2
                                && w.s.bytes().all(|b| b.is_ascii_alphabetic())
                                && !["AND", "THROUGH"]
                                    .iter()
                                    .any(|k| w.s.eq_ignore_ascii_case(k))
                        });
                    // `reftel, U.K. officials`, `(reftel): A: ...`: only a
                    // space or a parenthesis before reftel's letter, and an
                    // abbreviation's letter is none.
                    let reftel_apart =
                        reftel && letters.is_empty() && !matches!(prev_sep.trim(), "" | "(");
                    let abbreviation =
                        xsep == "." && toks.get(j + 1).is_some_and(|(w, _)| w.s.len() == 1);
                    if single
                        && upper_ok
                        && !prev_sep.contains('\n')
                        && near
                        && !article
                        && !reftel_apart
                        && !abbreviation
                    {
                        // `A-C`: a range.
                        if prev_sep.trim() == "-" {
                            if let Some(&(a, _)) = letters.last() {
                                for k in (a as u8 + 1)..(c as u8) {
                                    letters.push((k as char, x.span));
                                }
                            }
                        }
                        letters.push((c, x.span));
                        prev_sep = xsep;
                        j += 1;
                        // Continue over `and`, `,`, `-`.
                        if j < n
                            && (toks[j].0.s.eq_ignore_ascii_case("and")
                                || toks[j].0.s.eq_ignore_ascii_case("through"))
                            && !xsep.contains('(')
                        {
                            prev_sep = toks[j].1;
                            j += 1;
                        } else if !(xsep.trim() == "," || xsep.trim() == "-" || xsep.trim() == "/")
                        {
                            break;
                        }
                    } else {
                        break;
                    }
                }
                // A letter that is really an article ("ref a meeting") is rare; lower
                // case letters count only in lower-case text.
                for (c, sp) in &letters {
                    out.push(RawCitation {
                        span: t.span.cover(*sp),
                        kind: CitationKind::Ref,
                        target: c.to_string(),
                        cable: None,
                        of: None,
                    });
                }
                if reftel && letters.is_empty() {
                    out.push(RawCitation {
                        span: t.span,
                        kind: CitationKind::Reftel,
                        target: String::new(),
                        cable: None,
                        of: None,
                    });
                }
                i = if letters.is_empty() { i + 1 } else { j };
            }
            b"SEPTEL" | b"SEPTELS" => {
                out.push(RawCitation {
                    span: t.span,
                    kind: CitationKind::Septel,
                    target: String::new(),
                    cable: None,
                    of: None,
                });
                i += 1;
            }
            b"PARA" | b"PARAS" | b"PARAGRAPH" | b"PARAGRAPHS" | b"PARAGRAPH5" => {
                let mut j = i + 1;
                let mut nums: Vec<(u32, Span)> = Vec::new();
                let mut prev_sep = sep;
                while j < n {
                    let (x, xsep) = toks[j];
                    if !(is_num(x.s) && x.s.len() <= 3) || prev_sep.trim().len() > 2 {
                        break;
                    }
                    let v: u32 = x.s.parse().unwrap_or(0);
                    if prev_sep.trim() == "-" {
                        if let Some(&(a, _)) = nums.last() {
                            if v > a && v - a <= 50 {
                                for k in a + 1..v {
                                    nums.push((k, x.span));
                                }
                            }
                        }
                    }
                    nums.push((v, x.span));
                    prev_sep = xsep;
                    j += 1;
                    if j < n
                        && (toks[j].0.s.eq_ignore_ascii_case("and")
                            || toks[j].0.s.eq_ignore_ascii_case("through")
                            || toks[j].0.s.eq_ignore_ascii_case("to"))
                        && is_num(toks.get(j + 1).map_or("", |t| t.0.s))
                    {
                        prev_sep = if toks[j].0.s.eq_ignore_ascii_case("and") {
                            ","
                        } else {
                            "-"
                        };
                        j += 1;
                    } else if !(xsep.trim() == "," || xsep.trim() == "-") {
                        break;
                    }
                }
                let of = if nums.is_empty() {
                    None
                } else {
                    para_of(toks, i, j, out.last())
                };
                for (v, sp) in &nums {
                    out.push(RawCitation {
                        span: t.span.cover(*sp),
                        kind: CitationKind::Para,
                        target: v.to_string(),
                        cable: None,
                        of: of.clone(),
                    });
                }
                i = if nums.is_empty() { i + 1 } else { j };
            }
            b"POC" => {
                // `POC DOC 66`, `POC 133`, `POC DOC #66`, `POC DOCS 66, 67 and
                // 70`, `POC DOC 66 and 67` (a list after the plural; after the
                // singular, `and` only).
                let mut j = i + 1;
                let word = |j: usize| toks.get(j).map_or("", |t| t.0.s);
                let is = |j: usize, w: &str| word(j).eq_ignore_ascii_case(w);
                let plural = is(j, "DOCS") || is(j, "DOCUMENTS");
                if plural || is(j, "DOC") || is(j, "DOCUMENT") {
                    j += 1;
                }
                let mut nums: Vec<(u32, Span)> = Vec::new();
                // A list goes on over one line end at most (`POC DOCS 66,` /
                // `67 and 70`): the lines a citation is read from (see
                // [`scan_line`]) hold the line after `POC`'s, not the one after that.
                let wraps_once = |k: usize| toks.get(k).is_some_and(|tk| tk.0.line <= t.line + 1);
                while j < n
                    && is_num(word(j))
                    && word(j).len() <= if nums.is_empty() { 4 } else { 3 }
                {
                    nums.push((word(j).parse().unwrap_or(0), toks[j].0.span));
                    let after = toks[j].1.trim();
                    j += 1;
                    if after.is_empty() && is(j, "and") && wraps_once(j + 1) {
                        if !toks[j].1.trim().is_empty() {
                            break;
                        }
                        j += 1;
                    } else if !(plural && matches!(after, "," | "&") && wraps_once(j)) {
                        break;
                    }
                }
                for (k, (v, sp)) in nums.iter().enumerate() {
                    out.push(RawCitation {
                        span: if k == 0 { t.span.cover(*sp) } else { *sp },
                        kind: CitationKind::PocDoc,
                        target: v.to_string(),
                        cable: None,
                        of: None,
                    });
                }
                i = if nums.is_empty() { i + 1 } else { j };
            }
            _ => {
                // Bare cable numbers: a known origin in capitals (or in title
                // case, `see Harare 885`, its serial of three digits at least),
                // then a serial.
                let titled = super::ids::is_titled(t.s.as_bytes());
                if t.s.len() >= 4 && (titled || t.s.bytes().all(|b| b.is_ascii_uppercase())) {
                    if let Some((origin, used)) = known_origin(toks, i) {
                        let k = i + used;
                        if k < n
                            && is_num(toks[k].0.s)
                            && (if titled { 3 } else { 2 }..=7).contains(&toks[k].0.s.len())
                            && toks[k - 1].1.trim().is_empty()
                        {
                            let serial = toks[k].0.s;
                            let yr_tok = if i > 0 && toks[i - 1].1.trim().is_empty() {
                                year_of(toks[i - 1].0.s).filter(|_| is_num(toks[i - 1].0.s))
                            } else {
                                None
                            };
                            let looks_year = serial.len() == 4
                                && (serial.starts_with("19") || serial.starts_with("20"));
                            if !(looks_year && yr_tok.is_none()) {
                                let v: u32 = serial.parse().unwrap_or(0);
                                let start = if yr_tok.is_some() {
                                    toks[i - 1].0.span
                                } else {
                                    t.span
                                };
                                out.push(RawCitation {
                                    span: start.cover(toks[k].0.span),
                                    kind: CitationKind::Cable,
                                    target: String::new(),
                                    cable: Some((origin.clone(), v, yr_tok)),
                                    of: None,
                                });
                                i = k + 1;
                                continue;
                            }
                        }
                    }
                }
                i += 1;
            }
        }
    }
}

/// Whose paragraphs `para N` (the keyword at token `i`, its numbers ending
/// before token `j`) cites, when another document's: one named after it
/// (`of reftel`, `of REF A`, `in septel`, `of STATE 67437`, `of UNSCR 1737`,
/// `of the agreement`) or a REF, reftel, septel or cable number just before it
/// (`REF A para 3`, `reftel, para 2`). `above`, `below` and `of this` keep it
/// this cable's.
fn para_of(toks: &[(Tok, &str)], i: usize, j: usize, prev: Option<&RawCitation>) -> Option<RawOf> {
    let word = |k: usize| toks.get(k).map(|t| t.0.s);
    let is = |k: usize, w: &str| word(k).is_some_and(|x| x.eq_ignore_ascii_case(w));
    let after_numbers = toks[j - 1].1;
    if after_numbers.trim().is_empty() {
        if is(j, "above") || is(j, "below") {
            return None;
        }
        let of = is(j, "of");
        if of || is(j, "in") {
            let k = j + 1 + usize::from(is(j + 1, "the"));
            let what = word(k).unwrap_or("").to_ascii_uppercase();
            let letter = word(k + 1)
                .filter(|w| w.len() == 1 && w.as_bytes()[0].is_ascii_alphabetic())
                .filter(|_| toks[k].1.trim().is_empty() && !toks[k].1.contains('\n'));
            return match what.as_str() {
                "THIS" => None,
                "REF" | "REFS" | "REFTEL" | "REFTELS" => {
                    // `of reftel a report`: a small letter after reftel is a
                    // word, unless no word could stand there (`of reftel b`).
                    let letter = letter.filter(|l| {
                        !what.starts_with("REFTEL")
                            || l.as_bytes()[0].is_ascii_uppercase()
                            || small_ref_letter(toks[k].0.s, toks, k + 1)
                    });
                    Some(RawOf::Of(match letter {
                        Some(l) => ParaOf::Ref(l.as_bytes()[0].to_ascii_uppercase() as char),
                        None => ParaOf::Reftel,
                    }))
                }
                "SEPTEL" => Some(RawOf::Of(ParaOf::Septel)),
                _ if of => toks.get(k).map(|t| RawOf::CableAt(t.0.span.start)),
                _ => None,
            };
        }
    }
    // Just before: the last citation ends on the token before `para`, a
    // space, comma or parenthesis between them.
    let p = prev?;
    let before = toks.get(i.checked_sub(1)?)?;
    if p.span.end != before.0.span.end || !matches!(before.1.trim(), "" | "," | "(") {
        return None;
    }
    if before.1.contains('\n') {
        return None;
    }
    match p.kind {
        CitationKind::Ref => p.target.chars().next().map(|l| RawOf::Of(ParaOf::Ref(l))),
        CitationKind::Reftel => Some(RawOf::Of(ParaOf::Reftel)),
        CitationKind::Septel => Some(RawOf::Of(ParaOf::Septel)),
        CitationKind::Cable => (p.cable.clone()).map(|(o, s, y)| RawOf::Cable(o, s, y)),
        CitationKind::Para | CitationKind::PocDoc => None,
    }
}

/// A `para N of` naming a cable: that cable's number, read with the rest of
/// the line; anything else there is another document.
fn resolve_cables_named(out: &mut [RawCitation]) {
    let named: Vec<(usize, Option<RawOf>)> = (out.iter().enumerate())
        .filter_map(|(k, c)| match c.of {
            Some(RawOf::CableAt(at)) => {
                let cable = out
                    .iter()
                    .find(|x| x.kind == CitationKind::Cable && x.span.start == at);
                let of = cable
                    .and_then(|x| x.cable.clone())
                    .map(|(o, s, y)| RawOf::Cable(o, s, y));
                Some((k, Some(of.unwrap_or(RawOf::Of(ParaOf::Other)))))
            }
            _ => None,
        })
        .collect();
    for (k, of) in named {
        out[k].of = of;
    }
}

fn known_origin(toks: &[(Tok, &str)], i: usize) -> Option<(String, usize)> {
    // Only words that begin a known origin are looked at further.
    let firsts = super::ids::origin_first_words();
    let first = toks[i].0.s.as_bytes();
    // In capitals, or every word in title case (`Hong Kong`).
    let titled = super::ids::is_titled(first);
    let max = if titled {
        firsts.get_titled(first)?
    } else {
        firsts.get(first)?
    };
    // Longest match first.
    let mut joined = String::new();
    let mut best = None;
    for len in 1..=max.min(toks.len() - i) {
        let w = toks[i + len - 1].0.s;
        let same_case = if titled {
            super::ids::is_titled(w.as_bytes())
        } else {
            w.bytes().all(|b| b.is_ascii_uppercase())
        };
        if !same_case {
            break;
        }
        if len > 1 {
            joined.push(' ');
        }
        joined.push_str(&w.to_ascii_uppercase());
        if super::ids::KNOWN_ORIGINS.contains(&joined.as_str()) {
            best = Some((normalize_origin(&joined), len));
        }
    }
    best
}

#[cfg(test)]
mod tests {

    use crate::syntax::parse;
    use crate::syntax::{CitationKind, ParaOf};

    fn cites(body: &str) -> Vec<(String, String)> {
        let t = format!("R 081544Z JUL 08\nFM AMEMBASSY BERLIN\n\nCONFIDENTIAL BERLIN 000896\n\nE.O. 12958: DECL: 07/08/2033\nSUBJECT: X\n\n1. (C) {body}\n");
        parse(&t)
            .citations
            .into_iter()
            .map(|c| (c.kind.name().to_string(), c.target))
            .collect()
    }

    /// The `para` citations of a paragraph's text, with whose paragraphs they are.
    fn paras_of(body: &str) -> Vec<(String, Option<ParaOf>)> {
        let t = format!("R 081544Z JUL 08\nFM AMEMBASSY BERLIN\n\nCONFIDENTIAL BERLIN 000896\n\nE.O. 12958: DECL: 07/08/2033\nSUBJECT: X\n\n1. (C) {body}\n");
        (parse(&t).citations.into_iter())
            .filter(|c| c.kind == CitationKind::Para)
            .map(|c| (c.target, c.of))
            .collect()
    }

    #[test]
    fn a_list_of_letters_over_three_lines() {
        // 06MADRID3104 re-wrapped at 50 columns.
        let got = cites("on the part of the CIA (Refs\nA, B, and\nC). (NOTE: Under Spanish law.");
        let letters: Vec<&str> = got.iter().map(|c| c.1.as_str()).collect();
        assert_eq!(letters, ["A", "B", "C"]);
    }

    #[test]
    fn a_line_end_reads_as_a_space() {
        // `Nairobi (304 Kg)` cites nothing, wrapped after `Nairobi` either.
        for body in [
            "seized in Malindi and Nairobi (304 Kg) last year.",
            "seized in Malindi and Nairobi\n(304 Kg) last year.",
        ] {
            assert_eq!(cites(body), vec![], "{body}");
        }
        assert_eq!(
            cites("seized, see Nairobi\n304 of last year."),
            vec![("cable".to_string(), "08NAIROBI304".to_string())]
        );
    }

    #[test]
    fn a_para_citation_knows_whose_paragraph_it_is() {
        use ParaOf::*;
        let id = |s: &str| Cable(crate::syntax::ids::parse_compact_id(s).unwrap());
        type Want<'a> = Vec<(&'a str, Option<ParaOf>)>;
        let cases: Vec<(&str, Want)> = vec![
            ("see para 3.", vec![("3", None)]),
            ("see para 3 above and reftel.", vec![("3", None)]),
            ("see para 3 of this message.", vec![("3", None)]),
            ("AS NOTED PARA 3 OF REFTEL, WE", vec![("3", Some(Reftel))]),
            (
                "see paras 2-3 of ref B.",
                vec![("2", Some(Ref('B'))), ("3", Some(Ref('B')))],
            ),
            ("per para 4 of the reftel", vec![("4", Some(Reftel))]),
            ("as in para 2 in septel", vec![("2", Some(Septel))]),
            ("see REF A para 5.", vec![("5", Some(Ref('A')))]),
            ("see reftel, para 5.", vec![("5", Some(Reftel))]),
            ("as para 3 of reftel B says", vec![("3", Some(Ref('B')))]),
            ("see para 3 of reftel a report", vec![("3", Some(Reftel))]),
            ("see para 3 of reftel b.", vec![("3", Some(Ref('B')))]),
            ("see reftel A para 5.", vec![("5", Some(Ref('A')))]),
            (
                "see STATE 67437 para 2.",
                vec![("2", Some(id("08STATE67437")))],
            ),
            (
                "see para 2 of 07 STATE 67437.",
                vec![("2", Some(id("07STATE67437")))],
            ),
            (
                "listed in paragraph 6 of UNSCR 1737.",
                vec![("6", Some(Other))],
            ),
            ("para 2 of the agreement", vec![("2", Some(Other))]),
            ("para 2 in its entirety", vec![("2", None)]),
            // A REF on the line before is not this paragraph's owner.
            ("see REF A.\npara 5 says more", vec![("5", None)]),
        ];
        for (body, want) in cases {
            let want: Vec<(String, Option<ParaOf>)> =
                want.into_iter().map(|(n, o)| (n.to_string(), o)).collect();
            assert_eq!(paras_of(body), want, "{body}");
        }
    }

    #[test]
    fn a_citation_broken_over_a_pages_foot() {
        // A printout: the classification alone at the page's foot, between a
        // citation's lines (06LAPAZ908 so printed).
        assert_eq!(
            cites("As noted (REF\nSECRET\nA), the minister"),
            [("ref".into(), "A".into())]
        );
        assert_eq!(
            cites("See STATE\n CONFIDENTIAL\n12345 for more"),
            [("cable".into(), "08STATE12345".into())]
        );
        // A line of text, even in capitals, is not read past.
        assert_eq!(cites("As noted (REF\nSECRET TALKS\nA), the"), []);
        // A page's line the lexer cuts out, the page's foot before it too.
        assert_eq!(
            cites("As noted (REF\nPAGE 02 RUEHXX 01234 02 OF 09 081544Z\nC), the"),
            [("ref".into(), "C".into())]
        );
        assert_eq!(
            cites("See para\nSECRET\n- 2 -\n3 for action."),
            [("para".into(), "3".into())]
        );
        assert_eq!(
            cites("See STATE\nPage 2 of 9\n12345 for more"),
            [("cable".into(), "08STATE12345".into())]
        );
    }

    #[test]
    fn kinds() {
        assert_eq!(cites("Per REF D, the MTCR"), [("ref".into(), "D".into())]);
        // Double spaces widened by a copy; a long separator is no citation.
        assert_eq!(
            cites("told us (Ref    (B)) the"),
            [("ref".into(), "B".into())]
        );
        // And by a no-break space's entity (read as six spaces).
        assert_eq!(
            cites("told us (Ref&nbsp; (B)) the"),
            [("ref".into(), "B".into())]
        );
        assert_eq!(cites("told us (Ref -- (B)) the"), []);
        assert_eq!(
            cites("delivered reftel demarche"),
            [("reftel".into(), "".into())]
        );
        // A capital after reftel is a REF letter (`reftel B`, `REFTELS A and
        // C`); a small one is a word.
        assert_eq!(cites("as reftel B noted"), [("ref".into(), "B".into())]);
        assert_eq!(
            cites("REFTELS A AND C SAY"),
            [("ref".into(), "A".into()), ("ref".into(), "C".into())]
        );
        assert_eq!(
            cites("per reftel a meeting"),
            [("reftel".into(), "".into())]
        );
        // A small letter after reftel where no word could stand is one.
        let refs = |t: &str| -> Vec<String> {
            cites(t)
                .into_iter()
                .map(|c| format!("{}:{}", c.0, c.1))
                .collect()
        };
        assert_eq!(refs("(see reftel b)"), ["ref:B"]);
        assert_eq!(refs("Reftel c reported"), ["ref:C"]);
        assert_eq!(refs("reftels a and c say"), ["ref:A", "ref:C"]);
        assert_eq!(refs("in reftel a, the minister"), ["ref:A"]);
        assert_eq!(refs("as in reftel a\nmeeting took place"), ["reftel:"]);
        assert_eq!(refs("reftel a reported"), ["reftel:"]);
        assert_eq!(refs("REFTEL a"), ["reftel:"]);
        assert_eq!(
            cites("as reported reftel, U.K. officials"),
            [("reftel".into(), "".into())]
        );
        assert_eq!(cites("see ref U.S. views"), []);
        // A letter list over three lines (a copy re-wrapped narrow).
        let refs: Vec<String> = cites("told us (Ref\nA\nand B) that")
            .into_iter()
            .map(|c| c.1)
            .collect();
        assert_eq!(refs, ["A", "B"]);
        // In mixed case: a small letter after `Ref` where no word could be;
        // `a` where the article cannot stand.
        for (text, want) in [
            ("a police helicopter (Ref c). MRE", vec!["C"]),
            ("the plan (Ref d) will", vec!["D"]),
            ("SUMMARY. Ref a reported on the", vec!["A"]),
            ("as in Ref a, the", vec!["A"]),
            ("Refs a and b say", vec!["A", "B"]),
            ("Ref a meeting was held", vec![]),
            ("Ref a new plan", vec![]),
        ] {
            let got: Vec<String> = cites(text).into_iter().map(|c| c.1).collect();
            assert_eq!(got, want, "{text}");
        }
        assert_eq!(
            cites("Department queries (reftel): A: Description"),
            [("reftel".into(), "".into())]
        );
        assert_eq!(cites("see septel."), [("septel".into(), "".into())]);
        assert_eq!(
            cites("in paragraphs 2-3 above"),
            [("para".into(), "2".into()), ("para".into(), "3".into())]
        );
        assert_eq!(cites("see\nparagraph\n4."), [("para".into(), "4".into())]);
        assert_eq!(
            cites("(POC DOC 90) and a call (POC DOC 89)"),
            [
                ("poc_doc".into(), "90".into()),
                ("poc_doc".into(), "89".into())
            ]
        );
        assert_eq!(cites("POC 133"), [("poc_doc".into(), "133".into())]);
        let docs = |t: &str| -> Vec<String> { cites(t).into_iter().map(|c| c.1).collect() };
        assert_eq!(docs("as POC DOC #66 says"), ["66"]);
        assert_eq!(docs("2009 MTCR POC DOC 008"), ["8"]);
        assert_eq!(docs("see POC DOCS 66, 67 and 70."), ["66", "67", "70"]);
        assert_eq!(docs("POC Docs 66 & 67"), ["66", "67"]);
        assert_eq!(docs("POC DOC 66 and 67 were"), ["66", "67"]);
        // After the singular a comma ends it; a year is no document.
        assert_eq!(docs("POC DOC 66, 12 members"), ["66"]);
        assert_eq!(docs("POC DOCS 66 and 2009"), ["66"]);
        // A list wrapped onto the next line goes on there, once.
        assert_eq!(docs("POC DOC 66 and\n7 were"), ["66", "7"]);
        assert_eq!(docs("POC DOCS 66,\n67"), ["66", "67"]);
        assert_eq!(docs("POC DOCS 66, 67\nand 133 were"), ["66", "67", "133"]);
        assert_eq!(docs("the POC\nDOCS 66 and 67"), ["66", "67"]);
        assert_eq!(docs("the POC\nDOCS 66,\n133"), ["66"]);
        assert_eq!(docs("POC DOCS 66,\n67,\n68"), ["66", "67"]);
        assert_eq!(docs("POC DOC 66\n7 members"), ["66"]);
        assert_eq!(
            cites("see STATE 67437."),
            [("cable".into(), "08STATE67437".into())]
        );
        assert_eq!(
            cites("see 07 STATE 156270."),
            [("cable".into(), "07STATE156270".into())]
        );
        assert_eq!(
            cites("RESOLUTION 1737 and PARIS 2009"),
            Vec::<(String, String)>::new()
        );
        assert_eq!(
            cites("refs A-C"),
            [
                ("ref".into(), "A".into()),
                ("ref".into(), "B".into()),
                ("ref".into(), "C".into())
            ]
        );
        assert_eq!(
            cites("REFS A and B"),
            [("ref".into(), "A".into()), ("ref".into(), "B".into())]
        );
        // In capitals: an article after a comma is no letter of the list.
        assert_eq!(
            cites("IN REF B, A SPANISH NGO"),
            [("ref".into(), "B".into())]
        );
        assert_eq!(
            cites("IN REFS B, C REPORTED"),
            [("ref".into(), "B".into()), ("ref".into(), "C".into())]
        );
        assert_eq!(
            cites("IN REFS C, A AND B"),
            [
                ("ref".into(), "C".into()),
                ("ref".into(), "A".into()),
                ("ref".into(), "B".into())
            ]
        );
    }

    #[test]
    fn a_posts_name_in_title_case_then_a_serial_is_a_cable() {
        // 10BERLIN164, 09HARARE888, 08STATE116943, 09KHARTOUM881.
        for (text, want) in [
            ("see Berlin 157) with", "08BERLIN157"),
            ("See Harare 885 for", "08HARARE885"),
            ("AmCits in Belfast. (Belfast 0137)", "08BELFAST137"),
            ("tanks (REFTEL Khartoum 00378).", "08KHARTOUM378"),
            ("as in Hong Kong 2345 and", "08HONGKONG2345"),
        ] {
            let got: Vec<String> = cites(text)
                .into_iter()
                .filter(|(k, _)| k == "cable")
                .map(|(_, t)| t)
                .collect();
            assert_eq!(got, [want], "{text}");
        }
        // Two digits, a year, a word not a post's, a post's name in small
        // letters or in mixed case: no cable.
        for text in [
            "in Berlin 15 people",
            "in Berlin 2009 the",
            "Article 1737 says",
            "in berlin 157",
            "in BErlin 157",
            "in Hong KONG 2345",
        ] {
            assert!(
                !cites(text).iter().any(|(k, _)| k == "cable"),
                "{text}: {:?}",
                cites(text)
            );
        }
    }
}
