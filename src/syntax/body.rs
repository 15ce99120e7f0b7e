//! The body: numbered paragraphs (numbers recovered through damage), lettered
//! sub-paragraphs, headings, BEGIN/END and NOTE/END NOTE blocks, talking points,
//! portion marks, the signature and the trailer.

use super::facts::{LineFacts, Shape};
use super::lexer::{label, LabelDamage, LabelValue, LineInfo};
use super::model::*;
use super::numbering::{self, Candidate, Reading};
use super::text::Span;
use std::collections::HashSet;

/// What the body parser knows of one line.
#[derive(Debug, Clone, Copy)]
pub(crate) struct BLine {
    /// Index into the lines (and their facts).
    idx: usize,
    span: Span,
    /// Blank, noise, or a decoration rule (`-----`).
    empty: bool,
    /// Print noise only (a page line, a repeated section header): read
    /// through, as if the lines around it met (it breaks no sentence).
    noise: bool,
}

/// The line before line `k` that is not print noise.
fn before_noise(lines: &[BLine], k: usize) -> Option<&BLine> {
    lines[..k].iter().rev().find(|l| !l.noise)
}

/// The line after line `k` that is not print noise.
fn after_noise(lines: &[BLine], k: usize) -> Option<&BLine> {
    lines[k + 1..].iter().find(|l| !l.noise)
}

/// The body's repeated section headers (a banner and the header lines after
/// it, in text order): noise, not text, so no citation is read there. The
/// lexer's own noise (page lines) is the header's.
pub(crate) fn section_noise(infos: &[LineInfo], lines: &[BLine]) -> Vec<Span> {
    (lines.iter())
        .filter(|l| l.noise && infos[l.idx].noise.is_none() && !infos[l.idx].is_blank())
        .map(|l| l.span)
        .collect()
}

/// Where the body is: its span (first to last line of text), its trailer, and
/// its lines (from line `start` to the trailer). `facts(k)` gives the shape of
/// line `k` (for `k` from `start`).
pub(crate) fn body_extent(
    text: &str,
    infos: &[LineInfo],
    facts: impl Fn(usize) -> Shape,
    start: usize,
) -> (Span, Option<Span>, Vec<BLine>) {
    let mut trailer = None;
    // The trailer runs from its first marker to the end.
    let mut end = infos.len();
    for (k, info) in infos.iter().enumerate().skip(start) {
        if facts(k).trailer_start {
            if let Some(sp) = info.first() {
                end = k;
                let last = infos.last().map_or(sp.end, |l| l.line.end);
                trailer = Some(Span::new(info.line.start, last.max(sp.end)));
                break;
            }
        }
    }
    let lines = collect_lines(text, infos, facts, start, end);
    let span = match (
        lines.iter().find(|l| !l.empty),
        lines.iter().rev().find(|l| !l.empty),
    ) {
        (Some(f), Some(l)) => f.span.cover(l.span),
        _ => Span::default(),
    };
    (span, trailer, lines)
}

/// The body's noise in text order, what no citation is read in: `section`
/// (its repeated section headers' lines, [`section_noise`]) and a printout's
/// running titles ([`running_titles`]). The full parse and the index's skim
/// both take it from here.
pub(crate) fn with_running_titles(
    mut section: Vec<Span>,
    text: &str,
    infos: &[LineInfo],
    subject: Option<&str>,
    body: Span,
) -> Vec<Span> {
    section.extend(running_titles(text, infos, subject, body));
    section.sort_by_key(|s| s.start);
    section
}

/// A printout's running title after its page lines (`PAGE 02 HARARE 06677 02
/// OF 03 291401Z OPPOSITION LEADER`): print noise, not the text of the
/// paragraph the page breaks. A page line's rest is a title when the same
/// words follow two page lines or more, or when they end the subject; else
/// they are text glued onto the page line (`... 291400Z COALITION GOVERNMENT.
/// THE GOAL ...`). The spans of those in the body.
fn running_titles(text: &str, infos: &[LineInfo], subject: Option<&str>, body: Span) -> Vec<Span> {
    // Each page line's rest: a line whose noise is a page header at its start.
    let tails: Vec<Span> = (infos.iter())
        .filter_map(|info| {
            let noise = info.noise?;
            let [tail] = info.segs[..] else { return None };
            let head = text.get(noise.start..noise.end)?;
            let at_start = text.get(info.line.start..noise.start)?.trim().is_empty();
            let page = super::lexer::page_prefix(head).is_some();
            (at_start && page && noise.end <= tail.start && tail.len() <= 60).then_some(tail)
        })
        .collect();
    if tails.is_empty() {
        return vec![];
    }
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let subject = subject.map(words);
    let tails: Vec<(Span, String)> = (tails.into_iter())
        .map(|t| (t, words(t.text(text))))
        .collect();
    let mut seen: rustc_hash::FxHashMap<&str, usize> = Default::default();
    for (_, w) in &tails {
        *seen.entry(w.as_str()).or_default() += 1;
    }
    (tails.iter())
        .filter(|(t, w)| {
            let repeated = seen.get(w.as_str()).is_some_and(|&n| n >= 2);
            let ends_subject = subject.as_deref().is_some_and(|s| {
                s.len() > w.len()
                    && s.ends_with(w.as_str())
                    && s[..s.len() - w.len()].ends_with(' ')
            });
            t.start >= body.start
                && t.end <= body.end
                && !w.ends_with(['.', ',', ';', ':'])
                && (repeated || ends_subject)
        })
        .map(|(t, _)| *t)
        .collect()
}

/// Parses the body from line `start` of `infos`.
pub fn parse_body(text: &str, infos: &[LineInfo], facts: &[LineFacts], start: usize) -> Body {
    let mut body = Body::default();
    let shape = |k: usize| facts.get(k).map_or_else(Shape::default, |f| f.shape);
    let (span, trailer, lines) = body_extent(text, infos, shape, start);
    body.span = span;
    body.trailer = trailer;
    body.signature = signature(text, infos, &lines);
    body.noise = section_noise(infos, &lines);
    let sig_line = body.signature.as_ref().map(|s| s.span.start);

    // Labels.
    struct Lab {
        line: usize, // index into `lines`
        value: LabelValue,
        damage: Option<LabelDamage>,
        span: Span,
        mark: Option<MarkAt>,
        list_item: bool,
        after_break: bool,
        whole_line: bool,
    }
    let mut labs: Vec<Lab> = Vec::new();
    for (k, l) in lines.iter().enumerate() {
        if l.empty || Some(l.span.start) == sig_line {
            continue;
        }
        if let Some(lb) = &facts[l.idx].label {
            let prev = before_noise(&lines, k);
            let after_break = prev.is_none_or(|p| p.empty || facts[p.idx].ends_sentence);
            // `... on May` / `12. The official ...`: a date's day wrapped onto
            // the next line, not paragraph 12 (nor `¶2` read by OCR).
            let day = matches!(lb.value, LabelValue::Number(n, _) if (1..=31).contains(&n));
            let last_word = prev.filter(|p| !p.empty).map(|p| {
                let last = p
                    .span
                    .text(text)
                    .trim_end()
                    .rsplit(' ')
                    .next()
                    .unwrap_or("");
                last.to_ascii_uppercase()
            });
            let after_month = last_word.as_deref().is_some_and(super::refs::is_month);
            if day && after_month && lb.mark.is_none() {
                continue;
            }
            // `... See para.` / `4.`, `... would weaken Article` / `5.`: a
            // citation of a paragraph, an article, a section... wrapped, no
            // paragraph of its own.
            let after_citing_word = (last_word.as_deref())
                .is_some_and(|w| CITING_WORDS.contains(&w.trim_end_matches(['.', ','])));
            if after_citing_word && lb.mark.is_none() && matches!(lb.value, LabelValue::Number(..))
            {
                continue;
            }
            // `3.` alone on its line, its mark and text on the next (a copy
            // that broke the line after the number, as a PDF's text may),
            // past a page's noise or spacing (at most two blank lines).
            let mark_below = || {
                let mut below = lines[k + 1..].iter().filter(|n| !n.noise);
                let next = below.by_ref().take(3).find(|n| !n.empty)?;
                let (m, _) = facts[next.idx].marks.first()?;
                (m.span.start == next.span.start).then(|| m.clone())
            };
            let mark = match &lb.mark {
                None if lb.alone && matches!(lb.value, LabelValue::Number(..)) => mark_below(),
                m => m.clone(),
            };
            labs.push(Lab {
                line: k,
                value: lb.value,
                damage: lb.damage,
                span: lb.span,
                mark,
                list_item: lb.list_item,
                after_break,
                whole_line: lb.whole_line,
            });
        }
    }

    // Numbered paragraphs.
    let nums: Vec<&Lab> = labs
        .iter()
        .filter(|l| matches!(l.value, LabelValue::Number(..)))
        .collect();
    let cands: Vec<Candidate> = nums
        .iter()
        .map(|l| {
            let LabelValue::Number(w, d) = l.value else {
                unreachable!()
            };
            Candidate {
                written: w,
                digits: d,
                has_mark: l.mark.is_some(),
                after_break: l.after_break,
                whole_line: l.whole_line,
            }
        })
        .collect();
    let readings = numbering::recover(&cands);
    struct P {
        line: usize,
        number: u32,
        written: Option<u32>,
        damage: Option<LabelDamage>,
        label_span: Span,
        mark: Option<MarkAt>,
        recovered: bool,
    }
    let mut paras: Vec<P> = Vec::new();
    for (l, r) in nums.iter().zip(readings) {
        let LabelValue::Number(w, _) = l.value else {
            continue;
        };
        let (number, dmg) = match r {
            Reading::Rejected => continue,
            Reading::AsWritten(n) => (n, l.damage),
            Reading::Pilcrow(n) => (
                n,
                Some(match l.damage {
                    None | Some(LabelDamage::ListItem) => LabelDamage::OcrPilcrow,
                    Some(d) => d,
                }),
            ),
        };
        paras.push(P {
            line: l.line,
            number,
            written: Some(w),
            damage: dmg,
            label_span: l.span,
            mark: l.mark.clone(),
            recovered: false,
        });
    }
    // A paragraph whose number was lost: a one-number gap with a list-item line in it.
    let mut extra = Vec::new();
    for w in paras.windows(2) {
        if w[1].number != w[0].number + 2 {
            continue;
        }
        for (k, l) in lines.iter().enumerate().take(w[1].line).skip(w[0].line + 1) {
            if l.empty {
                continue;
            }
            if let Some(lm) = facts[l.idx].lost_label {
                let mark = facts[l.idx].first_mark.clone();
                extra.push(P {
                    line: k,
                    number: w[0].number + 1,
                    written: None,
                    damage: Some(LabelDamage::ListItem),
                    label_span: Span::new(l.span.start, l.span.start + lm),
                    mark,
                    recovered: true,
                });
                break;
            }
        }
    }
    paras.extend(extra);
    paras.sort_by_key(|p| p.line);

    // Lettered sub-paragraphs, under the paragraph they follow.
    struct S {
        line: usize,
        letter: char,
        damage: Option<LabelDamage>,
        label_span: Span,
        mark: Option<MarkAt>,
    }
    let mut subs: Vec<S> = Vec::new();
    {
        let mut pi = 0usize;
        let mut expected: Option<char> = None;
        for l in labs
            .iter()
            .filter(|l| matches!(l.value, LabelValue::Letter(_)))
        {
            while pi < paras.len() && paras[pi].line < l.line {
                pi += 1;
                expected = None;
            }
            if pi == 0 {
                continue; // before the first paragraph: not a sub-paragraph
            }
            let LabelValue::Letter(c) = l.value else {
                continue;
            };
            let cu = c.to_ascii_uppercase();
            let e = expected.unwrap_or('A');
            let ok = cu == e
                || cu == 'A'
                || (cu > e
                    && (cu as u8 - e as u8) <= 2
                    && (l.mark.is_some() || l.damage.is_some()))
                || (l.mark.is_some() && l.after_break);
            if !ok
                || (l.list_item
                    && l.mark.is_none()
                    && l.damage == Some(LabelDamage::ListItem)
                    && cu != e)
            {
                continue;
            }
            expected = Some(((cu as u8) + 1) as char);
            subs.push(S {
                line: l.line,
                letter: cu,
                damage: l
                    .damage
                    .filter(|d| *d != LabelDamage::ListItem || l.list_item),
                label_span: l.span,
                mark: l.mark.clone(),
            });
        }
    }

    // Headings.
    let para_lines: rustc_hash::FxHashSet<usize> = paras
        .iter()
        .map(|p| p.line)
        .chain(subs.iter().map(|s| s.line))
        .collect();
    let mut headings: Vec<(usize, Heading)> = Vec::new();
    for (k, l) in lines.iter().enumerate() {
        if l.empty || para_lines.contains(&k) || Some(l.span.start) == sig_line {
            continue;
        }
        let prev_ok = before_noise(&lines, k).is_none_or(|p| p.empty);
        let next_ok = after_noise(&lines, k).is_none_or(|n| n.empty);
        if !(prev_ok && next_ok) {
            continue;
        }
        if facts[l.idx].heading_text {
            let s = l.span.text(text);
            // Top level when the next text line is a paragraph label.
            let next_text = lines[k + 1..]
                .iter()
                .position(|n| !n.empty)
                .map(|p| k + 1 + p);
            let top = next_text.is_some_and(|n| paras.binary_search_by_key(&n, |p| p.line).is_ok());
            headings.push((
                k,
                Heading {
                    span: l.span,
                    text: s.trim().to_string(),
                    top_level: top,
                },
            ));
        }
    }

    // Spans: a paragraph runs to the last text line before the next top-level item.
    let mut tops: Vec<usize> = paras.iter().map(|p| p.line).collect();
    tops.extend(headings.iter().filter(|h| h.1.top_level).map(|h| h.0));
    tops.sort_unstable();
    let body_end_line = match sig_line {
        Some(s) => lines
            .iter()
            .position(|l| l.span.start == s)
            .unwrap_or(lines.len()),
        None => lines.len(),
    };
    let last_text_before = |stop: usize, from: usize| -> usize {
        let mut k = stop;
        while k > from + 1 && lines[k - 1].empty {
            k -= 1;
        }
        k.max(from + 1) - 1
    };
    let span_of = |from: usize, stop: usize, start_at: usize| -> Span {
        let last = last_text_before(stop.min(lines.len()), from);
        let mut end = lines[last].span.end;
        // A signature on the same line as the paragraph's end.
        if let Some(sig) = sig_line {
            if sig > start_at && sig < end {
                end = text[..sig].trim_end().len().max(start_at);
            }
        }
        Span::new(start_at, end.max(start_at))
    };
    for (pi, p) in paras.iter().enumerate() {
        let next_top = tops
            .get(tops.partition_point(|&t| t <= p.line))
            .copied()
            .unwrap_or(body_end_line)
            .min(body_end_line.max(p.line + 1));
        let span = span_of(p.line, next_top, p.label_span.start);
        // The lead starts after the mark when it follows the label (a displaced
        // mark in a recovered paragraph stays in the text).
        let lead_from = match &p.mark {
            Some(m) if !p.recovered => m.span.end,
            _ => p.label_span.end,
        };
        // (On the mark's line: a label alone on its line, its mark opening
        // the next.)
        let lead_end = (lines[p.line..].iter().take(4))
            .find(|l| l.span.end >= lead_from)
            .map_or(lines[p.line].span.end, |l| l.span.end);
        let lead = lead_of(text, lead_from, lead_end);
        let label = p.label_span.text(text).trim().to_string();
        let mut para = Paragraph {
            span,
            label,
            label_span: p.label_span,
            number: p.number,
            written: p.written,
            damage: p.damage,
            recovered: p.recovered,
            marking: p.mark.clone(),
            subparagraphs: vec![],
            lead,
        };
        let next_para_line = paras.get(pi + 1).map_or(usize::MAX, |q| q.line);
        // `subs` is in line order: the sub-paragraphs between this paragraph and the next.
        let first = subs.partition_point(|s| s.line <= p.line);
        let last = subs.partition_point(|s| s.line < next_para_line);
        let mine: Vec<&S> = subs[first..last.max(first)].iter().collect();
        for (si, s) in mine.iter().enumerate() {
            let stop = mine.get(si + 1).map_or(next_top, |n| n.line).min(next_top);
            let sspan = span_of(s.line, stop, s.label_span.start);
            let sspan = Span::new(sspan.start, sspan.end.min(para.span.end).max(sspan.start));
            para.subparagraphs.push(SubParagraph {
                span: sspan,
                label: s.label_span.text(text).trim().to_string(),
                label_span: s.label_span,
                letter: s.letter,
                damage: s.damage,
                marking: s.mark.clone(),
                lead: lead_of(
                    text,
                    s.mark.as_ref().map_or(s.label_span.end, |m| m.span.end),
                    lines[s.line].span.end,
                ),
            });
        }
        body.paragraphs.push(para);
    }
    body.headings = headings.into_iter().map(|h| h.1).collect();
    body.blocks = blocks(&lines, facts);
    body.talking_points = talking_points(&lines, facts);
    body.marks = marks(&lines, facts, &body.paragraphs);
    body
}

fn collect_lines(
    text: &str,
    infos: &[LineInfo],
    facts: impl Fn(usize) -> Shape,
    start: usize,
    end: usize,
) -> Vec<BLine> {
    let mut out = Vec::with_capacity(end.saturating_sub(start));
    let mut k = start;
    let mut first_banner_seen = false;
    // The header's lines, read once a section header repeats it.
    let mut header_lines: Option<HashSet<&str>> = None;
    while k < end {
        let f = facts(k);
        let (empty, sp) = match f.content {
            None => (true, infos[k].line.span()),
            Some(sp) => (f.rule, sp),
        };
        // The classification alone on a line: a printout's page head or foot.
        let noise = f.content.is_none() && infos[k].noise.is_some() || f.level_only;
        let empty = empty || f.level_only;
        // A repeated section header: the banner and the header lines after it.
        if !empty && f.banner.is_some_and(|section| section || first_banner_seen) {
            first_banner_seen = true;
            out.push(BLine {
                idx: k,
                span: sp,
                empty: true,
                noise: true,
            });
            k += 1;
            // Cut by a re-wrapped copy: its origin and serial on the next line.
            let below = (k < end).then(|| facts(k).content).flatten();
            if let Some(next) = below.filter(|&n| {
                super::header::is_cut_section_banner(sp.text(text))
                    && super::header::completes_banner(text, sp, n)
            }) {
                out.push(BLine {
                    idx: k,
                    span: next,
                    empty: true,
                    noise: true,
                });
                k += 1;
            }
            while k < end {
                match facts(k).content {
                    None => out.push(BLine {
                        idx: k,
                        span: infos[k].line.span(),
                        empty: true,
                        noise: true,
                    }),
                    Some(s2) if facts(k).header_like => {
                        let header = header_lines
                            .get_or_insert_with(|| header_lines_of(text, &infos[..start]));
                        if !repeats_header(s2.text(text), header) {
                            break;
                        }
                        out.push(BLine {
                            idx: k,
                            span: s2,
                            empty: true,
                            noise: true,
                        })
                    }
                    Some(_) => break,
                }
                k += 1;
            }
            continue;
        }
        out.push(BLine {
            idx: k,
            span: sp,
            empty,
            noise,
        });
        k += 1;
    }
    out
}

/// The trimmed text of the header's lines, and of each piece of a line that
/// print noise split (`PAGE 02 ... OPPOSITION LEADER`: the subject's end).
fn header_lines_of<'a>(text: &'a str, header: &[LineInfo]) -> HashSet<&'a str> {
    (header.iter())
        .flat_map(|info| {
            info.content_span()
                .into_iter()
                .chain(info.segs.iter().copied())
        })
        .map(|sp| sp.text(text).trim())
        .collect()
}

/// Is a line in capitals after a section's banner part of the header it
/// repeats: a field (`E.O.`, `TAGS:`, `SUBJECT:`) or a line of the cable's
/// header (`SIPDIS`, `NSC FOR ...`, a subject's wrapped line)? Text in
/// capitals (an older cable's) after a section's break is not.
fn repeats_header(s: &str, header: &HashSet<&str>) -> bool {
    super::header::key_at_pub(s) || header.contains(s.trim())
}

/// The last text line, when it is a signature (`TIMKEN JR`, `CLINTON`), or a
/// surname in capitals ending the last line (`... for ISN/MTR. CLINTON`).
fn signature(text: &str, infos: &[LineInfo], lines: &[BLine]) -> Option<Signature> {
    // Past what a copy may leave after the signature: a lone `.` or `>`, the
    // classification repeated (`CONFIDENTIAL`).
    let closing = |l: &&BLine| {
        let t = l.span.text(text).trim();
        !t.chars().any(char::is_alphanumeric) || super::lexer::level_only_line(t).is_some()
    };
    let last = lines
        .iter()
        .rev()
        .filter(|l| !l.empty)
        .take(3)
        .find(|l| !closing(l))?;
    // A page line inside the last line (`... in 2008. RIO DE JAN 00000285 002
    // OF 002 HEARNE`): what follows it is read alone.
    let segs = &infos[last.idx].segs;
    let last = match segs.last() {
        Some(&seg) if segs.len() > 1 => BLine { span: seg, ..*last },
        _ => *last,
    };
    let raw = last.span.text(text);
    let full = raw.trim();
    // `MINIMIZE CONSIDERED SHANNON`: the caption before the name.
    let s = full
        .strip_prefix("MINIMIZE CONSIDERED")
        .filter(|r| r.starts_with(' '))
        .map_or(full, str::trim_start);
    let start = last.span.start + (raw.len() - raw.trim_start().len()) + (full.len() - s.len());
    let last = BLine {
        span: Span::new(start, start + s.len()),
        ..last
    };
    let stop = [
        "END",
        "BEGIN",
        "SIPDIS",
        "NNNN",
        "NNN",
        "NOFORN",
        "SUMMARY",
        "COMMENT",
        "UNCLASSIFIED",
        "CONFIDENTIAL",
        "SECRET",
        "UNCLAS",
    ];
    let name_like = |w: &str| {
        let w = w.trim_end_matches(',');
        !w.is_empty()
            && w.chars()
                .all(|c| c.is_alphabetic() || c == '.' || c == '-' || c == '\'')
            && w.chars().any(|c| c.is_alphabetic())
    };
    let words: Vec<&str> = s.split_whitespace().collect();
    let whole = !words.is_empty()
        && words.len() <= 4
        && s.len() <= 40
        && words.iter().all(|w| name_like(w))
        && !stop
            .iter()
            .any(|x| words[0].trim_end_matches('.').eq_ignore_ascii_case(x))
        && label(s).is_none()
        // Not a sentence's end and another's start (`LAWLESSNESS. END
        // COMMENT`): a full stop only after an initial (`JOHN F. KERRY`).
        && words[..words.len() - 1].iter().all(|w| !w.ends_with('.') || w.len() <= 2)
        && !words.iter().any(|w| ["END", "COMMENT"].iter().any(|x| w.eq_ignore_ascii_case(x)))
        && (!s.chars().any(|c| c.is_lowercase())
            || (words.len() == 1 && s.starts_with(|c: char| c.is_uppercase()))
            // `Timken jr`
            || (words.len() == 2
                && s.starts_with(|c: char| c.is_uppercase())
                && ["JR", "SR"].iter().any(|x| words[1].eq_ignore_ascii_case(x))))
        && !s.ends_with('.');
    // `misenheimer`: a name in lower case, alone after the post's website
    // trailer (its address, or a rule of asterisks).
    let before = (lines.iter().rev())
        .filter(|l| !l.empty && l.span.end <= last.span.start)
        .find(|l| !closing(l))
        .map(|l| l.span.text(text).trim());
    let lower_after_trailer = words.len() == 1
        && (4..=20).contains(&s.len())
        && s.bytes().all(|b| b.is_ascii_lowercase())
        && before.is_some_and(|t| {
            let up = t.trim_end_matches(['.', ' ']).to_ascii_uppercase();
            // Or after the close of a comment (10ASHGABAT245: `... humanity."
            // END COMMENT` / `curran`).
            up.contains("HTTP")
                || !t.chars().any(char::is_alphanumeric)
                || up.ends_with("END COMMENT")
        });
    if whole || lower_after_trailer {
        return Some(Signature {
            span: last.span,
            text: s.to_string(),
        });
    }
    let t = last.span.text(text).trim_end();
    if let Some(at) = name_after_address(t, before) {
        let at = last.span.start + at;
        return Some(Signature {
            span: Span::new(at, last.span.start + t.len()),
            text: t[at - last.span.start..].to_string(),
        });
    }
    // `... issues for ISN/MTR. CLINTON`, `... turn out well." TIMKEN JR`:
    // after the last sentence's end (a full stop, maybe closing a quotation
    // or a parenthesis, or a question mark), or a figure ending a tally
    // (`Abstain/blank/spoiled: 14 EIKENBERRY`, one name then).
    // (Also their mojibake, `â€\u{9d}` and `â€™`: a copy's UTF-8 read as
    // Windows-1252.)
    const CLOSERS: [char; 9] = [
        '"', ')', '\'', '\u{201D}', '\u{2019}', '\u{e2}', '\u{20ac}', '\u{9d}', '\u{2122}',
    ];
    let cut = (t.char_indices().rev())
        .filter(|&(i, c)| c == ' ' && i > 0)
        .take(4)
        .find(|&(i, _)| {
            let h = t[..i].trim_end_matches(CLOSERS);
            let one_word = !t[i + 1..].trim().contains(' ');
            h.ends_with(['.', '?', '!']) || one_word && h.ends_with(|c: char| c.is_ascii_digit())
        })
        .map(|(i, _)| i)?;
    let tail = t[cut + 1..].trim();
    let tw: Vec<&str> = tail.split_whitespace().collect();
    // Text before the name: a sentence, or the close of a block in capitals
    // (`END COMMENT. HOAGLAND`); in a cable all in capitals, a name of one
    // or two words (`... HIS INITIATIVES. MCFARLAND`).
    let head = t[..cut]
        .trim_end_matches(CLOSERS)
        .trim_end_matches(['.', '?', '!']);
    let head_last = head.rsplit(' ').next().unwrap_or("");
    let head_has_lower = t[..cut].chars().any(|c| c.is_lowercase())
        || ["COMMENT", "SUMMARY", "NOTE"].contains(&head_last)
        || tw.len() <= 2
            && tw.iter().all(|w| w.len() >= 2 && !COMMON.contains(w))
            && !tail.ends_with('.');
    // Words that start or end a sentence cut short, never a signature.
    const COMMON: &[&str] = &[
        "THE", "A", "AN", "AND", "OR", "BUT", "IN", "ON", "OF", "TO", "FOR", "AT", "BY", "WE",
        "HE", "SHE", "IT", "THEY", "THIS", "THAT", "IS", "ARE", "WAS", "WILL", "POST", "EMBASSY",
    ];
    // `... regardless of his formal position. Beyrle`: one name, capitalised
    // (`LeBaron`, `McDonald` too).
    let capitalised = |w: &str| {
        w.starts_with(char::is_uppercase)
            && w.chars().all(char::is_alphabetic)
            && w.chars().any(char::is_lowercase)
    };
    if !tw.is_empty()
        && tw.len() <= 3
        && tail.len() >= 3
        && (tw
            .iter()
            .all(|w| name_like(w) && !w.chars().any(|c| c.is_lowercase()))
            || tw.len() == 1 && capitalised(tw[0]))
        && head_has_lower
        && !stop.iter().any(|x| tw[0].eq_ignore_ascii_case(x))
    {
        let at = last.span.start + t.len() - tail.len();
        return Some(Signature {
            span: Span::new(at, at + tail.len()),
            text: tail.to_string(),
        });
    }
    None
}

/// `... Classified Website: http://www.intelink.sgov.gov/wiki/Portal:Unit
/// ed_Kingdom TUTTLE`: a name (in capitals, or capitalised) glued after the
/// post's website address that ends the last line, or the piece of it a
/// copy wrapped onto the last line after the line `before` (`ed_Kingdom
/// TUTTLE`); where it starts in `t`. Not a piece of the address the copy
/// broke off (`index.c fm`), nor a word after an address cut at a `/`, `_`
/// or `.`.
fn name_after_address(t: &str, before: Option<&str>) -> Option<usize> {
    let (head, name) = t.rsplit_once([' ', '\t'])?;
    let head = head.trim_end();
    let lower = t.to_ascii_lowercase();
    let on_line = (lower.find("http://").or_else(|| lower.find("https://")))
        .is_some_and(|at| head.len() > at + 7);
    // The address's end alone before the name, its start on the line before.
    let wrapped = !head.is_empty()
        && !head.contains([' ', '\t'])
        && (before.and_then(|b| b.rsplit(' ').next())).is_some_and(|w| w.contains("://"));
    let caps = name.bytes().all(|b| b.is_ascii_uppercase());
    let capitalised = name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.bytes().all(|b| b.is_ascii_alphabetic())
        && name.bytes().any(|b| b.is_ascii_lowercase());
    let address_cut = head.ends_with(['/', '_', '.', ':', '-', '=', '?', '&']);
    ((on_line || wrapped) && name.len() >= 3 && (caps || capitalised) && !address_cut)
        .then(|| t.len() - name.len())
}

/// Words a number follows when it is cited, not a paragraph's (`see para
/// 4`, `Article 5`, `Resolution 1540`, `No. 3`), in capitals.
const CITING_WORDS: &[&str] = &[
    "PARA",
    "PARAS",
    "PARAGRAPH",
    "PARAGRAPHS",
    "ARTICLE",
    "ARTICLES",
    "SECTION",
    "SECTIONS",
    "CHAPTER",
    "CHAPTERS",
    "RESOLUTION",
    "RESOLUTIONS",
    "ANNEX",
    "APPENDIX",
    "CLAUSE",
    "PHASE",
    "NO",
    "NUMBER",
    "PAGE",
    "PAGES",
    "VOLUME",
    "TITLE",
    "ITEM",
    "ITEMS",
    "POINT",
    "POINTS",
];

pub(crate) fn lead_of(text: &str, from: usize, line_end: usize) -> String {
    let s = text.get(from..line_end).unwrap_or("").trim();
    if s.chars().count() <= 60 {
        return s.to_string();
    }
    let cut: String = s.chars().take(60).collect();
    match cut.rfind(' ') {
        Some(p) if p > 20 => format!("{}…", &cut[..p]),
        _ => format!("{cut}…"),
    }
}

/// Every portion mark in the body: label marks of paragraphs and
/// sub-paragraphs, then the marks of each text line that pass as marks.
fn marks(lines: &[BLine], facts: &[LineFacts], paras: &[Paragraph]) -> Vec<MarkAt> {
    let mut out: Vec<MarkAt> = Vec::new();
    let mut label_marks = rustc_hash::FxHashSet::default();
    for p in paras {
        if let Some(m) = &p.marking {
            label_marks.insert(m.span.start);
            out.push(m.clone());
        }
        for s in &p.subparagraphs {
            if let Some(m) = &s.marking {
                label_marks.insert(m.span.start);
                out.push(m.clone());
            }
        }
    }
    for l in lines.iter().filter(|l| !l.empty) {
        for (m, ok) in &facts[l.idx].marks {
            if *ok && !label_marks.contains(&m.span.start) {
                out.push(m.clone());
            }
        }
    }
    out.sort_by_key(|m| m.span.start);
    out.dedup_by_key(|m| m.span.start);
    out
}

fn talking_points(lines: &[BLine], facts: &[LineFacts]) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let mut open: Option<Span> = None;
    for l in lines {
        if l.empty {
            if let Some(o) = open.take() {
                out.push(o);
            }
            continue;
        }
        let f = &facts[l.idx];
        if f.tp_start {
            if let Some(o) = open.take() {
                out.push(o);
            }
            open = Some(l.span);
        } else if let Some(o) = open.as_mut() {
            if f.label.is_some() {
                out.push(*o);
                open = None;
            } else {
                *o = o.cover(l.span);
            }
        }
    }
    if let Some(o) = open {
        out.push(o);
    }
    out
}

/// Pairs the `BEGIN X` / `X:` openers and `END X` closers of the text lines.
fn blocks(lines: &[BLine], facts: &[LineFacts]) -> Vec<Block> {
    #[derive(Debug)]
    struct Open<'a> {
        name: &'a str,
        span: Span,
    }
    let mut stack: Vec<Open> = Vec::new();
    let mut out = Vec::new();
    for l in lines.iter().filter(|l| !l.empty) {
        for ev in &facts[l.idx].blocks {
            if !ev.close {
                if stack.len() > 256 {
                    stack.remove(0);
                }
                stack.push(Open {
                    name: &ev.name,
                    span: ev.span,
                });
                continue;
            }
            let first = ev.name.split([' ', '/']).next().unwrap_or("");
            if let Some(pos) = stack.iter().rposition(|o| {
                o.name.split([' ', '/']).next() == Some(first) && o.span.start < ev.span.start
            }) {
                let o = stack.remove(pos);
                stack.truncate(pos);
                out.push(Block {
                    span: o.span.cover(ev.span),
                    name: o.name.to_string(),
                    open_span: o.span,
                    close_span: ev.span,
                });
            }
        }
    }
    out.sort_by_key(|b| b.span.start);
    out
}

#[cfg(test)]
mod tests {
    fn signed(ending: &str) -> (Option<String>, Option<String>, String) {
        let t =
            format!("CONFIDENTIAL TEHRAN 002069\n\nSUBJECT: X\n\n1. (C) Text here.\n\n{ending}");
        let c = crate::syntax::parse(&t);
        let sig = c.body.signature.map(|s| {
            assert_eq!(s.span.text(&t), s.text);
            s.text
        });
        let trailer = c
            .body
            .trailer
            .map(|s| s.text(&t).lines().next().unwrap().to_string());
        (sig, trailer, c.body.span.text(&t).to_string())
    }

    #[test]
    fn a_signature_after_the_posts_website_trailer() {
        // 08LONDON1350, 08LONDON930: glued after the address the copy broke.
        let site = "Visit London's Classified Website: http://www.intelink.sgov.gov/wiki/Portal:Unit ed_Kingdom";
        assert_eq!(
            signed(&format!("{site} TUTTLE\n")).0.as_deref(),
            Some("TUTTLE")
        );
        let paris = "Website at: http://www.state.sgov.gov/p/eur/london/index. cfm";
        assert_eq!(
            signed(&format!("{paris} Tuttle\n")).0.as_deref(),
            Some("Tuttle")
        );
        // Pieces of the address are not names.
        assert_eq!(signed(&format!("{site}\n")).0, None);
        assert_eq!(
            signed("See http://www.state.sgov.gov/p/nea/index.c fm\n").0,
            None
        );
        assert_eq!(
            signed("See http://www.state.sgov.gov/p/United_ Kingdom\n").0,
            None
        );
        assert_eq!(signed("See http://www.state.sgov.gov/p/ Kingdom\n").0, None);
        // Wrapped: the address's end and the name on the last line.
        let wrapped = "Website: http://www.intelink.sgov.gov/wiki/Portal:Unit\ned_Kingdom TUTTLE\n";
        assert_eq!(signed(wrapped).0.as_deref(), Some("TUTTLE"));
        assert_eq!(signed("Website: see below\ned_Kingdom TUTTLE\n").0, None);
        // 08KUWAIT128: a name in lower case, alone after the trailer's rule.
        let kuwait = "Visit Kuwait's Classified Website:\nhttp://www.state.sgov.gov/p/nea/kuwait/\n****** *\n";
        assert_eq!(
            signed(&format!("{kuwait}misenheimer\n")).0.as_deref(),
            Some("misenheimer")
        );
        assert_eq!(
            signed("2. The talks went on.\nmisenheimer\n").0,
            None,
            "after text"
        );
    }

    #[test]
    fn the_signature_past_what_a_copy_leaves_after_it() {
        // 10BRASILIA43, 00HARARE6677, 09BRUSSELS536, 79TEHRAN8980.
        assert_eq!(
            signed("MINIMIZE CONSIDERED SHANNON\n").0.as_deref(),
            Some("SHANNON")
        );
        assert_eq!(
            signed("MCDONALD\n CONFIDENTIAL\n>\n").0.as_deref(),
            Some("MCDONALD")
        );
        assert_eq!(signed("MURRAY \n.\n").0.as_deref(), Some("MURRAY"));
        assert_eq!(
            signed("LAINGEN \n \nCONFIDENTIAL\n").0.as_deref(),
            Some("LAINGEN")
        );
        // 08BERLIN643.
        assert_eq!(signed("Timken jr\n").0.as_deref(), Some("Timken jr"));
        assert_eq!(signed("Timken went\n").0, None);
        // A name, capitalised, after the last sentence (10MOSCOW272).
        assert_eq!(
            signed("1. Regardless of his formal position. Beyrle\n")
                .0
                .as_deref(),
            Some("Beyrle")
        );
        assert_eq!(
            signed("1. Critical infrastructure protection. LeBaron\n")
                .0
                .as_deref(),
            Some("LeBaron")
        );
        // After a quotation or a parenthesis closing the sentence, and in a
        // cable all in capitals (07BERLIN242, 04CARACAS2200 with their lines
        // joined).
        assert_eq!(
            signed("2. that everything will turn out well.\" TIMKEN JR\n")
                .0
                .as_deref(),
            Some("TIMKEN JR")
        );
        assert_eq!(
            signed("2. (C) MANY OF HIS INITIATIVES. MCFARLAND\n")
                .0
                .as_deref(),
            Some("MCFARLAND")
        );
        assert_eq!(
            signed("6. (U) MINIMIZE CONSIDERED. CLINTON\n").0.as_deref(),
            Some("CLINTON")
        );
        assert_eq!(signed("2. (C) HE SAID SO. THE TALKS WENT ON\n").0, None);
        assert_eq!(signed("2. (C) HE SAID SO. SEE REF A.\n").0, None);
        assert_eq!(
            signed("2. (C) HE SAID SO. THE TALKS\n").0,
            None,
            "cut short"
        );
        assert_eq!(signed("2. The rest. End Comment\n").0, None);
        // A short last line in capitals with a sentence's end inside is no
        // name; initials are (09CAPETOWN204 in capitals).
        assert_eq!(signed("GENERAL LAWLESSNESS. END COMMENT\n").0, None);
        assert_eq!(
            signed("JOHN F. KERRY\n").0.as_deref(),
            Some("JOHN F. KERRY")
        );
        // A name in lower case after the close of a comment (10ASHGABAT245).
        assert_eq!(
            signed("2. Text ends \"humanity.\" END COMMENT\ncurran\n")
                .0
                .as_deref(),
            Some("curran")
        );
        assert_eq!(signed("2. Text ends here\ncurran\n").0, None);
        assert_eq!(signed("2. The rest. And so\n").0, None);
        // Not past a line of text.
        assert_eq!(signed("MURRAY\nSee you.\n").0, None);
        // After the close of a block, wrapped onto the name's line (09ASTANA677).
        assert_eq!(
            signed("the talks. END\nCOMMENT. HOAGLAND\n").0.as_deref(),
            Some("HOAGLAND")
        );
        // After a page line on the last line (09RIODEJANEIRO285).
        assert_eq!(
            signed("2. (U) In 2008. RIO DE JAN 00000285 002 OF 002 HEARNE\n")
                .0
                .as_deref(),
            Some("HEARNE")
        );
        // Past a mirror's database query (09HARARE51).
        assert_eq!(
            signed("MCGEE \n  \n\nSELECT * FROM `cable` WHERE `id` = '188474' ORDER BY `date` ASC")
                .0
                .as_deref(),
            Some("MCGEE")
        );
    }

    #[test]
    fn the_declassification_review_stamp_is_a_trailer() {
        // 75TEHRAN2069.
        let (sig, trailer, body) = signed(
            "HELMS \n\nDeclassified/Released US Department of State EO\nSystematic Review 05 JUL 2006\n",
        );
        assert_eq!(sig.as_deref(), Some("HELMS"));
        assert_eq!(
            trailer.as_deref(),
            Some("Declassified/Released US Department of State EO")
        );
        assert!(!body.contains("Systematic"), "{body}");
        // Re-wrapped after its first words.
        let (sig, _, body) = signed(
            "HELMS \n\nDeclassified/Released US Department of\nState EO\nSystematic Review 05 JUL 2006\n",
        );
        assert_eq!(sig.as_deref(), Some("HELMS"));
        assert!(!body.contains("State EO"), "{body}");
    }

    #[test]
    fn a_name_glued_after_a_closing_quote_or_a_tally_signs() {
        // 10COLOMBO32, 10KABUL131: a web copy's long last line.
        for (last, name) in [
            (
                "that there is a conspiracy against its \u{201c}war heroes.\u{201d} BUTENIS",
                Some("BUTENIS"),
            ),
            // The same as mojibake (`”` read as Windows-1252, `’` too).
            (
                "that there is a conspiracy against its \u{e2}\u{20ac}\u{153}war heroes.\u{e2}\u{20ac}\u{9d} BUTENIS",
                Some("BUTENIS"),
            ),
            ("the \u{e2}\u{20ac}\u{2122}heroes.\u{e2}\u{20ac}\u{2122} BUTENIS", Some("BUTENIS")),
            (
                "He was a Deputy Minister. Yea: 105 Nay: 104 Abstain/blank/spoiled: 14 EIKENBERRY",
                Some("EIKENBERRY"),
            ),
            // Two words after a figure are no name.
            ("the vote count stood at 14 ON FRIDAY", None),
        ] {
            assert_eq!(signed(&format!("{last}\n")).0.as_deref(), name, "{last}");
        }
    }
}

#[cfg(test)]
mod page_line_tests {
    /// The paragraphs' numbers and marks of a body.
    fn paras(body: &str) -> Vec<(u32, Option<String>)> {
        let t = format!("CONFIDENTIAL BERLIN 001271\n\nSUBJECT: X\n\n{body}");
        let c = crate::syntax::parse(&t);
        (c.body.paragraphs.iter())
            .map(|p| (p.number, p.marking.as_ref().map(|m| m.mark.normalized())))
            .collect()
    }

    #[test]
    fn a_page_line_breaks_no_sentence() {
        // 09BERLIN1271, printed: `October 5.` wrapped, a page line between.
        let body = "1. (C) One.\n\n2. (C) Talks began on October\n\
                    PAGE 03 RUEHRL 01271 03 OF 09 081544Z\n\
                    5.  FDP strategist shared the schedule.\n\n3. (C) Three.\n";
        assert_eq!(
            paras(body),
            [
                (1, Some("C".into())),
                (2, Some("C".into())),
                (3, Some("C".into()))
            ]
        );
        // A blank line is a break: there, `5.` would open a paragraph.
        let body =
            "1. (C) One.\n\n2. (C) Two.\nPAGE 03 RUEHRL 01271 03 OF 09 081544Z\n\n3. (C) Three.\n";
        assert_eq!(paras(body).len(), 3);
    }

    #[test]
    fn unmarked_numbers_that_jump_open_paragraphs_in_a_copy_that_does_not_wrap() {
        // 09HARARE888, a web copy with paragraphs cut out: each paragraph one
        // line, `3.` after a line that ends on a cable's number, `8.` after a
        // redaction, no blank lines and no portion marks.
        let line = |n: &str, end: &str| {
            format!(
                "{n}Warthogs Delay Arrival... {} {end}\n",
                "This week we waited. ".repeat(8)
            )
        };
        let body = format!(
            "1. SUMMARY\n-----------\nTopics of the week:\n{}{}XXXXXXXXXXXX\n{}XXXXXXXXXXXX\n\
             -----------\n{}{}",
            line("", "See Harare 885"),
            line("3. ", "fate."),
            line("8. ", "See Harare 879"),
            line("11. ", "hole."),
            line("12. ", "Zimbabwe."),
        );
        let numbers: Vec<u32> = paras(&body).iter().map(|p| p.0).collect();
        assert_eq!(numbers, [1, 3, 8, 11, 12]);
        // Wrapped, the same numbers after lines cut mid-sentence may be a
        // wrapped line's start: not taken (nor `12.` for `¶2`... once `11.` is).
        let wrapped =
            "1. SUMMARY\n\nTopics of the week: we met on the\n3. of May. Then on\n8. June.\n";
        let numbers: Vec<u32> = paras(wrapped).iter().map(|p| p.0).collect();
        assert_eq!(numbers, [1]);
    }

    #[test]
    fn a_number_alone_on_its_line_takes_the_mark_opening_the_next() {
        let body = "1.\n(C) One.\n\n2.\n(S//NF) Two.\n\n3.\n\n(C) Three, after a blank line.\n";
        assert_eq!(
            paras(body),
            [
                (1, Some("C".into())),
                (2, Some("S//NOFORN".into())),
                (3, Some("C".into()))
            ]
        );
        // Past a page's foot and head (a PDF's text), not past a third blank.
        let paged = "1. (S) One.\n\n2.\n\nSECRET\n\nPAGE 02 RUEHXX 01234 02 OF 09 081544Z\n(S) Two.\n\n3.\n\n\n\n(C) Three.\n";
        assert_eq!(
            paras(paged),
            [(1, Some("S".into())), (2, Some("S".into())), (3, None)]
        );
        // A mark inside the next line is the text's, not the number's.
        assert_eq!(paras("1.\nWe saw (C) marks.\n"), [(1, None)]);
    }

    #[test]
    fn a_repeated_section_header_is_noise_and_the_text_after_it_is_not() {
        // An older cable in capitals: the second section repeats the banner
        // and header lines; the text after them is text, and the banner
        // cites nothing (`02 OF 02 HARARE 006677` is no 02HARARE6677).
        let t = "C O N F I D E N T I A L SECTION 01 OF 02 HARARE 006677\n\nSIPDIS\n\
                 NSC FOR GAYLE SMITH\n\nE.O. 12958: DECL: 11/29/10\nTAGS: PGOV\nSUBJECT: X\n\n\
                 1. (C) ONE TWO THREE.\n\
                 C O N F I D E N T I A L SECTION 02 OF 02 HARARE 006677\n\nSIPDIS\n\
                 NSC FOR GAYLE SMITH\nE.O. 12958: DECL: 11/29/10\nSEE STATE 12345 FOR MORE.\n\nMCDONALD\n";
        let c = crate::syntax::parse(t);
        let noise: Vec<&str> = c.body.noise.iter().map(|s| s.text(t)).collect();
        assert_eq!(
            noise,
            [
                "C O N F I D E N T I A L SECTION 02 OF 02 HARARE 006677",
                "SIPDIS",
                "NSC FOR GAYLE SMITH",
                "E.O. 12958: DECL: 11/29/10"
            ]
        );
        let cited: Vec<String> = (c.citations.iter())
            .filter_map(|c| c.id.as_ref().map(|i| i.to_string()))
            .collect();
        assert_eq!(cited, ["00STATE12345"]);
        assert_eq!(
            c.body.signature.map(|s| s.text).as_deref(),
            Some("MCDONALD")
        );
    }

    #[test]
    fn the_classification_alone_on_a_line_is_a_pages_head_or_foot() {
        // 06MADRID934 printed, its page's foot before a repeated number: the
        // break before it counts; 79TEHRAN8980's last line is no heading.
        let body = "1. (C) One.\n\n2. (C) Two.\n\nCONFIDENTIAL\n1. (C) One again.\n";
        assert_eq!(paras(body).len(), 3);
        let t =
            "CONFIDENTIAL TEHRAN 08980\n\nSUBJECT: X\n\n1. (C) One.\n\n\nLAINGEN\n\nCONFIDENTIAL\n";
        let c = crate::syntax::parse(t);
        assert!(c.body.headings.is_empty(), "{:?}", c.body.headings);
        assert_eq!(c.body.signature.map(|s| s.text).as_deref(), Some("LAINGEN"));
    }

    #[test]
    fn a_heading_over_a_rule_the_cable_system_broke_with_a_space() {
        // 06BEIJING23571: the rule under a heading, as long as the heading,
        // broken at 45 columns.
        let body = "1. (C) One.\n\nDCM: Google a Private Company, and Not Imagery Source\n\
                    --------------------------------------------- --------\n\n\
                    2. (C) Two.\n";
        let c = crate::syntax::parse(&format!(
            "CONFIDENTIAL BERLIN 001271\n\nSUBJECT: X\n\n{body}"
        ));
        let headings: Vec<&str> = c.body.headings.iter().map(|h| h.text.as_str()).collect();
        assert_eq!(
            headings,
            ["DCM: Google a Private Company, and Not Imagery Source"]
        );
        let one = &c.body.paragraphs[0];
        assert_eq!(
            one.span
                .text(&format!(
                    "CONFIDENTIAL BERLIN 001271\n\nSUBJECT: X\n\n{body}"
                ))
                .trim(),
            "1. (C) One."
        );
        assert!(crate::syntax::facts::is_rule("----- -----"));
        assert!(!crate::syntax::facts::is_rule("-- Talking point"));
        assert!(!crate::syntax::facts::is_rule(" - "));
        // Hyphens a word processor turned into dashes.
        assert!(crate::syntax::facts::is_rule("\u{2014}\u{2014}\u{2014}"));
        assert!(crate::syntax::facts::is_rule("\u{2014}\u{2014}-"));
        assert!(!crate::syntax::facts::is_rule("\u{2014}"));
        assert!(!crate::syntax::facts::is_rule("\u{2014} Talking point"));
    }

    #[test]
    fn a_dates_day_wrapped_onto_a_line_is_no_paragraph() {
        // 09LONDON1156 wrapped: `12.` would read as OCR's `¶2`.
        let body = "1. (C) Summary. An official informed Polcouns on May\n\
                    12. The official insisted.\n\n2. (C) Two.\n";
        assert_eq!(paras(body), [(1, Some("C".into())), (2, Some("C".into()))]);
        // After a month that ends a sentence, or with a mark, it is one.
        let body = "1. (C) They met in May.\n12. (C) Two.\n";
        assert_eq!(paras(body).len(), 2);
    }
}
