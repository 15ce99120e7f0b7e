//! The document outline: a Header node (DTG, From, To, Info, banner, TAGS,
//! SUBJECT, each REF item, Classified By), then paragraphs (`¶3 (C) BEGIN
//! GUIDANCE`) with their sub-paragraphs, headings and blocks nested where they
//! belong.

use super::Document;
use crate::syntax::{Cable, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutlineKind {
    Header,
    Field,
    Banner,
    Reference,
    Paragraph,
    SubParagraph,
    Heading,
    Block,
    Signature,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OutlineNode {
    pub name: String,
    pub detail: Option<String>,
    pub kind: OutlineKind,
    /// The whole element.
    pub span: Span,
    /// The part to select: a label, a keyword, a number.
    pub selection: Span,
    pub children: Vec<OutlineNode>,
}

impl OutlineNode {
    fn leaf(name: impl Into<String>, kind: OutlineKind, span: Span) -> Self {
        OutlineNode {
            name: name.into(),
            detail: None,
            kind,
            span,
            selection: span,
            children: vec![],
        }
    }
    fn with_detail(mut self, d: impl Into<String>) -> Self {
        let d = d.into();
        self.detail = (!d.is_empty()).then_some(d);
        self
    }
}

fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        return s.to_string();
    }
    let cut: String = s.chars().take(n).collect();
    format!("{}…", cut.trim_end())
}

/// The outline of a document, in text order.
pub fn outline(doc: &Document) -> Vec<OutlineNode> {
    let c: &Cable = &doc.cable;
    let text: &str = &doc.text;
    let h = &c.header;
    let mut header = Vec::new();
    if let Some(d) = &h.dtg {
        header.push(OutlineNode::leaf("DTG", OutlineKind::Field, d.span).with_detail(d.dtg.iso()));
    }
    if let Some(f) = &h.from {
        header.push(
            OutlineNode::leaf("From", OutlineKind::Field, f.span).with_detail(f.name.clone()),
        );
    }
    for (label, list) in [("To", &h.to), ("Info", &h.info)] {
        if let (Some(a), Some(b)) = (list.first(), list.last()) {
            let names: Vec<&str> = list.iter().map(|x| x.name.as_str()).collect();
            header.push(
                OutlineNode::leaf(label, OutlineKind::Field, a.span.cover(b.span))
                    .with_detail(short(&names.join(", "), 80)),
            );
        }
    }
    if let Some(b) = &h.banner {
        let mut n = OutlineNode::leaf(
            format!(
                "{} {}",
                b.level.name(),
                c.id.as_ref().map(|i| i.to_string()).unwrap_or_default()
            )
            .trim()
            .to_string(),
            OutlineKind::Banner,
            b.span,
        );
        n.selection = b.level_span;
        header.push(n.with_detail(b.caveats.join(" ")));
    }
    if let Some(e) = &h.eo {
        let d = match (e.decl, e.not_applicable) {
            (_, true) => "N/A".to_string(),
            (Some(d), _) => format!("DECL {}", d.iso()),
            (None, _) => e.decl_text.clone().unwrap_or_default(),
        };
        header.push(OutlineNode::leaf("E.O.", OutlineKind::Field, e.span).with_detail(d));
    }
    if let Some(t) = &h.tags {
        let names: Vec<&str> = t.items.iter().map(|x| x.text.as_str()).collect();
        header.push(
            OutlineNode::leaf("TAGS", OutlineKind::Field, t.span).with_detail(names.join(" ")),
        );
    }
    if let Some(s) = &h.subject {
        let mut n = OutlineNode::leaf("SUBJECT", OutlineKind::Field, s.span)
            .with_detail(short(&s.text, 100));
        if let Some(m) = &s.mark {
            n.detail = Some(format!(
                "({}) {}",
                m.mark.text,
                n.detail.unwrap_or_default()
            ));
        }
        header.push(n);
    }
    if let Some(r) = &h.references {
        let mut node = OutlineNode::leaf("REF", OutlineKind::Field, r.span);
        node.selection = r.heading_span;
        for item in &r.items {
            let name = match item.bullet {
                Some(b) => format!("REF {b}"),
                None => "REF".to_string(),
            };
            let detail = match item.ids.as_slice() {
                [] => item.text.clone(),
                ids => ids
                    .iter()
                    .map(|x| x.to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
            };
            let mut n = OutlineNode::leaf(name, OutlineKind::Reference, item.span)
                .with_detail(short(&detail, 80));
            if let Some(bs) = item.bullet_span {
                n.selection = bs;
            }
            node.children.push(n);
        }
        header.push(node);
    }
    if let Some(cb) = &h.classified_by {
        let reasons: String = cb
            .reasons
            .iter()
            .map(|r| format!("({r})"))
            .collect::<Vec<_>>()
            .join(" ");
        header.push(
            OutlineNode::leaf("Classified By", OutlineKind::Field, cb.span).with_detail(
                format!(
                    "{} {} {}",
                    cb.authority,
                    cb.reason_section.as_deref().unwrap_or(""),
                    reasons
                )
                .trim()
                .to_string(),
            ),
        );
    }
    let mut out = Vec::new();
    if !header.is_empty() {
        let span = header.iter().fold(header[0].span, |a, n| a.cover(n.span));
        let span = span.cover(h.span);
        out.push(OutlineNode {
            name: "Header".into(),
            detail: None,
            kind: OutlineKind::Header,
            span,
            selection: header[0].selection,
            children: header,
        });
    }

    // Body: paragraphs, with sub-paragraphs, headings and blocks nested by range.
    let mut body: Vec<OutlineNode> = Vec::new();
    let mut loose: Vec<OutlineNode> = Vec::new();
    for p in &c.body.paragraphs {
        let mark = p
            .marking
            .as_ref()
            .map_or(String::new(), |m| format!("({}) ", m.mark.text));
        let name = format!("¶{} {}{}", p.number, mark, short(&p.lead, 60))
            .trim_end()
            .to_string();
        let mut n = OutlineNode::leaf(name, OutlineKind::Paragraph, p.span);
        n.selection = if p.label_span.is_empty() {
            Span::new(p.span.start, p.span.start)
        } else {
            p.label_span
        };
        for s in &p.subparagraphs {
            let mark = s
                .marking
                .as_ref()
                .map_or(String::new(), |m| format!("({}) ", m.mark.text));
            let mut sn = OutlineNode::leaf(
                format!("{}. {}{}", s.letter, mark, short(&s.lead, 60))
                    .trim_end()
                    .to_string(),
                OutlineKind::SubParagraph,
                s.span,
            );
            sn.selection = s.label_span;
            loose.push(sn);
        }
        body.push(n);
    }
    for hd in &c.body.headings {
        loose.push(OutlineNode::leaf(
            hd.text.clone(),
            OutlineKind::Heading,
            hd.span,
        ));
    }
    for b in &c.body.blocks {
        let first_line_end = text[b.span.start..b.span.end]
            .find('\n')
            .map_or(b.span.end, |p| b.span.start + p);
        let mut n = OutlineNode::leaf(b.name.clone(), OutlineKind::Block, b.span);
        n.selection = b.open_span.cover(Span::new(
            b.open_span.start,
            first_line_end.min(b.open_span.end.max(b.open_span.start)),
        ));
        loose.push(n);
    }
    loose.sort_by_key(|n| (n.span.start, std::cmp::Reverse(n.span.end)));
    for n in loose {
        insert(&mut body, n);
    }
    if let Some(s) = &c.body.signature {
        body.push(OutlineNode::leaf(
            s.text.clone(),
            OutlineKind::Signature,
            s.span,
        ));
    }
    body.sort_by_key(|n| n.span.start);
    out.extend(body);
    out
}

/// Inserts a node into the deepest node whose span contains it.
fn insert(nodes: &mut Vec<OutlineNode>, n: OutlineNode) {
    for parent in nodes.iter_mut() {
        if parent.span.start <= n.span.start
            && n.span.end <= parent.span.end
            && parent.span != n.span
        {
            insert(&mut parent.children, n);
            return;
        }
    }
    nodes.push(n);
    nodes.sort_by_key(|x| x.span.start);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn berlin_outline() {
        let text = include_str!("../../corpus/08STATE70895.txt");
        let doc = Document::parse(text);
        let o = outline(&doc);
        assert_eq!(o[0].name, "Header");
        let names: Vec<&str> = o[0].children.iter().map(|n| n.name.as_str()).collect();
        assert!(names.contains(&"REF"));
        let p3 = o.iter().find(|n| n.name.starts_with("¶3")).unwrap();
        assert_eq!(p3.name, "¶3 (C) BEGIN GUIDANCE:");
        // Sub-paragraphs and the GUIDANCE block nest under ¶3.
        assert!(p3
            .children
            .iter()
            .any(|n| n.kind == OutlineKind::Block && n.name == "GUIDANCE"));
        let guidance = p3.children.iter().find(|n| n.name == "GUIDANCE").unwrap();
        assert!(guidance
            .children
            .iter()
            .any(|n| n.name.starts_with("A. (C)")));
    }
}
