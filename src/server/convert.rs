//! Analysis results to LSP types, in one place.

use super::position::{range, Encoding};
use crate::analysis::folding::{Fold, FoldKind};
use crate::analysis::highlight::{Token, TokenKind};
use crate::analysis::outline::{OutlineKind, OutlineNode};
use crate::analysis::Document;
use crate::syntax::Level;
use tower_lsp::lsp_types::{
    DocumentSymbol, FoldingRange, FoldingRangeKind, SemanticToken, SemanticTokenModifier,
    SemanticTokenType, SemanticTokensLegend, SymbolKind,
};

pub fn symbol_kind(k: OutlineKind) -> SymbolKind {
    match k {
        OutlineKind::Header => SymbolKind::NAMESPACE,
        OutlineKind::Field => SymbolKind::FIELD,
        OutlineKind::Banner => SymbolKind::CONSTANT,
        OutlineKind::Reference => SymbolKind::KEY,
        OutlineKind::Paragraph => SymbolKind::STRUCT,
        OutlineKind::SubParagraph => SymbolKind::ENUM_MEMBER,
        OutlineKind::Heading => SymbolKind::MODULE,
        OutlineKind::Block => SymbolKind::OBJECT,
        OutlineKind::Signature => SymbolKind::STRING,
    }
}

#[allow(deprecated)] // DocumentSymbol::deprecated must be set
pub fn document_symbol(doc: &Document, n: &OutlineNode, enc: Encoding) -> DocumentSymbol {
    let r = range(&doc.text, &doc.lines, n.span, enc);
    let mut sel = range(&doc.text, &doc.lines, n.selection, enc);
    // The selection must lie inside the range.
    if sel.start < r.start || sel.end > r.end {
        sel = tower_lsp::lsp_types::Range::new(r.start, r.start);
    }
    DocumentSymbol {
        name: if n.name.trim().is_empty() {
            "(untitled)".into()
        } else {
            n.name.clone()
        },
        detail: n.detail.clone(),
        kind: symbol_kind(n.kind),
        tags: None,
        deprecated: None,
        range: r,
        selection_range: sel,
        children: if n.children.is_empty() {
            None
        } else {
            Some(
                n.children
                    .iter()
                    .map(|c| document_symbol(doc, c, enc))
                    .collect(),
            )
        },
    }
}

pub fn folding_range(doc: &Document, f: &Fold) -> FoldingRange {
    let start = doc.lines.line_of(f.span.start) as u32;
    let end = doc
        .lines
        .line_of(f.span.end.saturating_sub(1).max(f.span.start)) as u32;
    FoldingRange {
        start_line: start,
        start_character: None,
        end_line: end,
        end_character: None,
        kind: Some(match f.kind {
            FoldKind::Region => FoldingRangeKind::Region,
            FoldKind::Comment => FoldingRangeKind::Comment,
        }),
        collapsed_text: None,
    }
}

pub const TOKEN_TYPES: &[&str] = &[
    "keyword",
    "enumMember",
    "type",
    "number",
    "string",
    "variable",
    "comment",
    "property",
    "macro",
];
pub const TOKEN_MODIFIERS: &[&str] = &[
    "unclassified",
    "confidential",
    "secret",
    "topSecret",
    "deprecated",
];

pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: TOKEN_TYPES
            .iter()
            .map(|t| SemanticTokenType::new(t))
            .collect(),
        token_modifiers: TOKEN_MODIFIERS
            .iter()
            .map(|t| SemanticTokenModifier::new(t))
            .collect(),
    }
}

fn token_type(k: TokenKind) -> u32 {
    match k {
        TokenKind::Banner => 0,
        TokenKind::PortionMark => 1,
        TokenKind::Tag => 2,
        TokenKind::RefBullet | TokenKind::ParagraphNumber => 3,
        TokenKind::RefId | TokenKind::Subject => 4,
        TokenKind::Citation => 5,
        TokenKind::Noise => 6,
        TokenKind::HeaderField => 7,
        TokenKind::Damage => 8,
    }
}

fn modifiers(t: &Token) -> u32 {
    let mut m = match t.level {
        Some(Level::U) => 1,
        Some(Level::C) => 2,
        Some(Level::S) => 4,
        Some(Level::TS) => 8,
        None => 0,
    };
    if t.kind == TokenKind::Damage {
        m |= 16;
    }
    m
}

/// Delta-encodes tokens (already sorted, single-line, disjoint).
pub fn semantic_tokens(doc: &Document, tokens: &[Token], enc: Encoding) -> Vec<SemanticToken> {
    let mut out = Vec::with_capacity(tokens.len());
    let (mut pl, mut pc) = (0u32, 0u32);
    for t in tokens {
        let r = range(&doc.text, &doc.lines, t.span, enc);
        if r.end.line != r.start.line || r.end.character <= r.start.character {
            continue;
        }
        let dl = r.start.line - pl;
        let dc = if dl == 0 {
            r.start.character - pc
        } else {
            r.start.character
        };
        out.push(SemanticToken {
            delta_line: dl,
            delta_start: dc,
            length: r.end.character - r.start.character,
            token_type: token_type(t.kind),
            token_modifiers_bitset: modifiers(t),
        });
        pl = r.start.line;
        pc = r.start.character;
    }
    out
}

/// The URI of an indexed file (the inverse of `workspace::path_of`).
pub fn uri_of(path: &std::path::Path) -> Option<tower_lsp::lsp_types::Url> {
    use tower_lsp::lsp_types::Url;
    let s = path.to_str()?;
    if let Some(rest) = s.strip_prefix('/') {
        if let Ok(u) = Url::parse(rest) {
            if u.scheme() != "file" && rest.contains(':') && !rest.starts_with('/') {
                return Some(u);
            }
        }
    }
    Url::from_file_path(path).ok()
}

pub fn loc_range(loc: &crate::corpus::Loc, enc: Encoding) -> tower_lsp::lsp_types::Range {
    use tower_lsp::lsp_types::{Position, Range};
    let (a, b) = match enc {
        Encoding::Utf8 => (loc.start8, loc.end8),
        Encoding::Utf16 => (loc.start16, loc.end16),
    };
    Range::new(Position::new(loc.line, a), Position::new(loc.line, b))
}

/// A navigation target as an LSP location.
pub fn location(
    here: &tower_lsp::lsp_types::Url,
    doc: &Document,
    t: &crate::analysis::navigation::Target,
    enc: Encoding,
) -> Option<tower_lsp::lsp_types::Location> {
    use crate::analysis::navigation::Target;
    use tower_lsp::lsp_types::Location;
    Some(match t {
        Target::Here(span) => Location::new(here.clone(), range(&doc.text, &doc.lines, *span, enc)),
        Target::There { path, loc } => Location::new(uri_of(path)?, loc_range(loc, enc)),
    })
}

pub fn highlight(
    doc: &Document,
    h: &crate::analysis::navigation::Highlight,
    enc: Encoding,
) -> tower_lsp::lsp_types::DocumentHighlight {
    use tower_lsp::lsp_types::{DocumentHighlight, DocumentHighlightKind};
    DocumentHighlight {
        range: range(&doc.text, &doc.lines, h.span, enc),
        kind: Some(if h.declaration {
            DocumentHighlightKind::WRITE
        } else {
            DocumentHighlightKind::READ
        }),
    }
}

/// A completion, ranked by its place in the list (`sort_text`), its typed part
/// replaced by an edit (the client's own word boundaries differ from ours).
pub fn completion_item(
    doc: &Document,
    c: &crate::analysis::completion::Completion,
    rank: usize,
    enc: Encoding,
) -> tower_lsp::lsp_types::CompletionItem {
    use crate::analysis::completion::CompletionKind as K;
    use tower_lsp::lsp_types::*;
    let kind = match c.kind {
        K::Tag => CompletionItemKind::CONSTANT,
        K::Mark | K::Reason => CompletionItemKind::ENUM_MEMBER,
        K::RefLetter | K::Paragraph => CompletionItemKind::REFERENCE,
        K::Cable => CompletionItemKind::FILE,
    };
    CompletionItem {
        label: c.label.clone(),
        kind: Some(kind),
        detail: c.detail.clone(),
        documentation: c.documentation.as_ref().map(|d| {
            Documentation::MarkupContent(MarkupContent {
                kind: MarkupKind::Markdown,
                value: d.clone(),
            })
        }),
        sort_text: Some(format!("{rank:05}")),
        filter_text: Some(c.filter.clone()),
        text_edit: Some(CompletionTextEdit::Edit(TextEdit {
            range: range(&doc.text, &doc.lines, c.replace, enc),
            new_text: c.insert.clone(),
        })),
        ..Default::default()
    }
}

/// Edits of one document, as a workspace edit.
pub fn workspace_edit(
    uri: &tower_lsp::lsp_types::Url,
    doc: &Document,
    edits: &[crate::analysis::diagnostics::TextEdit],
    enc: Encoding,
) -> tower_lsp::lsp_types::WorkspaceEdit {
    let lsp: Vec<tower_lsp::lsp_types::TextEdit> = edits
        .iter()
        .map(|e| tower_lsp::lsp_types::TextEdit {
            range: range(&doc.text, &doc.lines, e.span, enc),
            new_text: e.text.clone(),
        })
        .collect();
    tower_lsp::lsp_types::WorkspaceEdit {
        changes: Some(std::collections::HashMap::from([(uri.clone(), lsp)])),
        ..Default::default()
    }
}

/// A cable of the citation graph as a call hierarchy item: its id, with its
/// date and subject beside it; the id also in `data`.
pub fn call_item(
    n: &crate::analysis::call_hierarchy::Node,
    enc: Encoding,
) -> Option<tower_lsp::lsp_types::CallHierarchyItem> {
    let detail: Vec<&str> = [n.date.as_deref(), n.subject.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    let range = loc_range(&n.banner, enc);
    Some(tower_lsp::lsp_types::CallHierarchyItem {
        name: n.id.clone(),
        kind: SymbolKind::FILE,
        tags: None,
        detail: (!detail.is_empty()).then(|| detail.join(" · ")),
        uri: uri_of(&n.path)?,
        range,
        selection_range: range,
        data: Some(serde_json::json!({ "id": n.id })),
    })
}

/// The cable id a call hierarchy item stands for (`data.id`, else its name).
pub fn call_item_id(item: &tower_lsp::lsp_types::CallHierarchyItem) -> String {
    (item.data.as_ref())
        .and_then(|d| d.get("id")?.as_str().map(str::to_string))
        .unwrap_or_else(|| item.name.clone())
}
