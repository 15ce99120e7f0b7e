//! Hovers, in Markdown: REF items and citations with the cited cable's summary,
//! POC DOC mentions, paragraphs, TAGs, portion marks, the banner.

use super::cursor::{element_at, Element};
use super::navigation::Ctx;
use super::text_of;
use crate::analysis::refs;
use crate::corpus::record::shorten;
use crate::syntax::{reasons, tagtable, CitationKind, Level, Mark, ParaOf, RefItem, Span};
use std::fmt::Write;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hover {
    pub markdown: String,
    pub span: Span,
}

const MAX_MENTIONS: usize = 20;

/// The hover at `offset`.
pub fn hover(cx: Ctx<'_>, offset: usize) -> Option<Hover> {
    let el = element_at(cx.doc, offset)?;
    let mut md = String::new();
    match el {
        Element::RefId { item, index, .. } => {
            item_md(&mut md, item);
            cable_md(cx, &mut md, &item.ids[index].to_string());
        }
        Element::RefItem(item) => {
            item_md(&mut md, item);
            if let Some((_, n)) = item.poc_doc {
                poc_md(cx, &mut md, n);
            }
            for id in &item.ids {
                cable_md(cx, &mut md, &id.to_string());
            }
        }
        Element::Citation(cit) => match cit.kind {
            CitationKind::Ref | CitationKind::Reftel => {
                let targets = refs::targets_of(&cx.doc.cable, cit.kind, &cit.target);
                if targets.is_empty() {
                    let _ = write!(
                        md,
                        "**{}**: no REF item of this cable answers to it",
                        if cit.kind == CitationKind::Ref {
                            format!("REF {}", cit.target)
                        } else {
                            "reftel".into()
                        }
                    );
                }
                for t in targets {
                    item_md(&mut md, t.item());
                    for id in t.ids() {
                        cable_md(cx, &mut md, &id);
                    }
                }
            }
            CitationKind::Septel => {
                md.push_str("**septel**: a separate telegram, sent apart from this one");
            }
            CitationKind::Cable => {
                if let Some(id) = &cit.id {
                    cable_md(cx, &mut md, &id.to_string());
                }
            }
            CitationKind::Para if cit.of.is_some() => {
                let n: u32 = cit.target.parse().ok()?;
                para_of_md(cx, &mut md, cit.of.as_ref()?, n);
            }
            CitationKind::Para => {
                let n: u32 = cit.target.parse().ok()?;
                let paras: Vec<_> = (cx.doc.cable.body.paragraphs.iter())
                    .filter(|p| p.number == n)
                    .collect();
                if paras.is_empty() {
                    let _ = write!(md, "**para {n}**: this cable has no paragraph {n}");
                }
                for p in paras {
                    let _ = write!(
                        md,
                        "**¶{}**\n\n{}\n\n",
                        p.number,
                        shorten(&text_of(cx.doc, p.span), 800)
                    );
                }
            }
            CitationKind::PocDoc => {
                let n: u32 = cit.target.parse().ok()?;
                poc_md(cx, &mut md, n);
            }
        },
        Element::Banner(b) => {
            if b.limited_official_use() {
                md.push_str(LOU);
            } else {
                let _ = write!(md, "**{}**", b.level.name());
            }
            if !b.caveats.is_empty() {
                let _ = write!(md, " // {}", b.caveats.join(" // "));
            }
            if let Some(id) = cx.own_id() {
                let n = cx.index.cited_by_count(&id);
                let _ = write!(
                    md,
                    "\n\n`{id}`: cited by {n} cable{} in the corpus",
                    if n == 1 { "" } else { "s" }
                );
            }
        }
        Element::Tag(t) => match tagtable::lookup(&t.text) {
            Some(info) => {
                let _ = write!(md, "**{}** ({} TAG): {}", t.text, info.kind, info.meaning);
            }
            None => {
                let _ = write!(md, "**{}**: not a TAG this server knows", t.text);
            }
        },
        Element::Mark(m) => mark_md(cx, &mut md, &m.mark),
        Element::Reasons(cb) => {
            let sec = cb.reason_section.as_deref().unwrap_or("1.4");
            let _ = writeln!(md, "**Reason {sec}**: classified for\n");
            for &r in &cb.reasons {
                let meaning = reasons::meaning(sec, r).unwrap_or("not a reason of this section");
                let _ = writeln!(md, "- ({r}) {meaning}");
            }
        }
        Element::ParagraphLabel(p) => {
            let _ = write!(md, "**¶{}**", p.number);
            if p.label.trim() != format!("{}.", p.number) && !p.label.is_empty() {
                let _ = write!(md, " (written `{}`)", p.label.trim());
            }
            if p.recovered {
                md.push_str(" (its number was lost in the copy)");
            }
            let n = cx
                .doc
                .cable
                .citations
                .iter()
                .filter(|c| c.kind == CitationKind::Para && c.of.is_none())
                .filter(|c| c.target == p.number.to_string())
                .count();
            let _ = write!(
                md,
                "\n\ncited {n} time{} in this cable",
                if n == 1 { "" } else { "s" }
            );
        }
    }
    (!md.is_empty()).then(|| Hover {
        markdown: md.trim_end().to_string(),
        span: el.span(),
    })
}

fn item_md(md: &mut String, item: &RefItem) {
    let b = item
        .bullet
        .map(|b| format!("REF {b}"))
        .unwrap_or("REF".into());
    let _ = write!(
        md,
        "**{b}** ({}): {}\n\n",
        item.kind.name(),
        item.text.trim()
    );
}

/// The summary of a cited cable, or "not in the corpus".
/// `para N` of another document: which, and the paragraph where the corpus
/// holds its cable.
fn para_of_md(cx: Ctx<'_>, md: &mut String, of: &ParaOf, n: u32) {
    let whose = match of {
        ParaOf::Ref(l) => format!("REF {l}"),
        ParaOf::Reftel => "reftel".into(),
        ParaOf::Septel => "septel".into(),
        ParaOf::Cable(id) => format!("`{id}`"),
        ParaOf::Other => "another document".into(),
    };
    let _ = write!(md, "**para {n}** of {whose}, not of this cable");
    let ids = refs::para_cables(&cx.doc.cable, of);
    if ids.is_empty() && matches!(of, ParaOf::Ref(_) | ParaOf::Reftel) {
        md.push_str(": no cable of the REF block stands for it");
    }
    md.push_str("\n\n");
    for id in ids {
        let recs = cx.index.by_id(&id);
        if recs.is_empty() {
            let _ = write!(md, "---\n\n`{id}`: not in the corpus\n\n");
        }
        for r in recs {
            let _ = write!(md, "---\n\n**{id}** ¶{n}\n\n");
            match r.paragraph(n, 800) {
                Some((_, text)) => {
                    let _ = write!(md, "> {text}\n\n");
                }
                None => {
                    let _ = write!(md, "{id} has no paragraph {n}\n\n");
                }
            }
        }
    }
}

fn cable_md(cx: Ctx<'_>, md: &mut String, id: &str) {
    let recs = cx.index.by_id(id);
    if recs.is_empty() {
        let _ = write!(md, "---\n\n`{id}`: not in the corpus\n\n");
        return;
    }
    if recs.len() > 1 {
        let _ = write!(md, "---\n\n`{id}` is held by {} files\n\n", recs.len());
    }
    for r in recs {
        let _ = write!(md, "---\n\n**{id}**");
        if let Some(l) = r.level {
            let _ = write!(md, " · {}", l.name());
            if !r.caveats.is_empty() {
                let _ = write!(md, " // {}", r.caveats.join(" // "));
            }
        }
        md.push('\n');
        let date = r.date.as_deref().unwrap_or("date unknown");
        let origin = r.origin.as_deref().unwrap_or("origin unknown");
        let _ = write!(md, "\n{date} · {origin}\n");
        if let Some(s) = &r.subject {
            let _ = write!(md, "\n*{}*\n", s.trim());
        }
        if let Some(p) = r.first_paragraph() {
            let _ = write!(md, "\n> {p}\n");
        }
        md.push('\n');
    }
}

fn poc_md(cx: Ctx<'_>, md: &mut String, n: u32) {
    let mentions = cx.index.poc_mentions(n);
    let others: Vec<_> = mentions.iter().filter(|(r, _)| r.path != cx.path).collect();
    let _ = write!(
        md,
        "**POC DOC {n}**: mentioned in {} other place{} in the corpus\n\n",
        others.len(),
        if others.len() == 1 { "" } else { "s" }
    );
    for (r, m) in others.iter().take(MAX_MENTIONS) {
        let who = r.id.clone().unwrap_or_else(|| r.path.display().to_string());
        let _ = writeln!(md, "- `{who}` line {}: {}", m.loc.line + 1, m.context);
    }
    if others.len() > MAX_MENTIONS {
        let _ = writeln!(md, "- … and {} more", others.len() - MAX_MENTIONS);
    }
}

/// What a caveat means.
pub fn caveat_meaning(c: &str) -> Option<&'static str> {
    Some(match c {
        "NOFORN" | "NF" => "not releasable to foreign nationals",
        "ORCON" | "OC" => "dissemination and extraction controlled by the originator",
        "FGI" => "foreign government information",
        "PROPIN" | "PR" => "proprietary information involved",
        "FOUO" => "for official use only",
        "NODIS" => "no distribution beyond the addressees without the originator's approval",
        "EXDIS" => "exclusive distribution to officers with an essential need to know",
        "LIMDIS" => "limited distribution",
        "SIPDIS" => "eligible for the SIPRNet distribution (Net Centric Diplomacy)",
        "STADIS" => "State Department distribution only",
        _ => return None,
    })
}

/// What `LIMITED OFFICIAL USE` (a banner) and `(LOU)` (a mark) stand for.
const LOU: &str = "**LIMITED OFFICIAL USE** (the State Department's control marking \
                   before SBU; ranks as UNCLASSIFIED)";

fn mark_md(cx: Ctx<'_>, md: &mut String, m: &Mark) {
    let level = if m.sbu {
        "SENSITIVE BUT UNCLASSIFIED (ranks as UNCLASSIFIED)".to_string()
    } else if m.lou {
        LOU.replace("**", "")
    } else {
        m.level.name().to_string()
    };
    let _ = write!(md, "**({})**: {level}", m.text.trim());
    if m.nonstandard {
        let _ = write!(md, "; the standard spelling is `({})`", m.normalized());
    }
    md.push_str("\n\n");
    for c in &m.caveats {
        let meaning = if let Some(to) = c.strip_prefix("REL ") {
            format!("releasable to {to}")
        } else {
            caveat_meaning(c)
                .unwrap_or("a dissemination caveat")
                .to_string()
        };
        let _ = writeln!(md, "- `{c}`: {meaning}");
    }
    if let Some(b) = &cx.doc.cable.header.banner {
        let rel = match m.level.cmp(&b.level) {
            std::cmp::Ordering::Greater => "**above** the banner's",
            std::cmp::Ordering::Equal => "at the banner's",
            std::cmp::Ordering::Less => "below the banner's",
        };
        let _ = write!(md, "\n{rel} {}", b.level.name());
        if m.level == Level::U && b.level == Level::U {
            md.clear();
            let _ = write!(md, "**({})**: {level}, as is the cable", m.text.trim());
        }
    }
}
