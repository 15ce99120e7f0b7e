//! The model of a parsed cable.

use super::ids::{CableId, Date, Dtg};
use super::lexer::LabelDamage;
use super::marking::{Level, Mark};
use super::text::Span;
use serde::Serialize;

/// A parsed cable.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Cable {
    /// Length of the text in bytes.
    pub len: usize,
    /// The canonical id: DTG year + banner origin + banner serial.
    pub id: Option<CableId>,
    pub header: Header,
    pub body: Body,
    /// In-text citations in the body (and subject).
    pub citations: Vec<Citation>,
    /// Copy damage found in the text (`,s` apostrophes, `)` dashes, `[X](#)` links...).
    pub damage: Vec<Damage>,
    /// Syntax-level diagnostics: what the parser could not read, or read through damage.
    pub diagnostics: Vec<Diagnostic>,
}

/// Everything before the body.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Header {
    pub span: Span,
    /// Lines before the telegram proper: a page title, "This record is a partial extract".
    pub preamble: Vec<Span>,
    pub routing: Option<Routing>,
    pub dtg: Option<DtgField>,
    pub from: Option<Address>,
    pub to: Vec<Address>,
    pub info: Vec<Address>,
    pub banner: Option<Banner>,
    /// Further section banners (`SECTION 02 OF 03`) and page headers: not text.
    pub sections: Vec<SectionBanner>,
    pub handling: Vec<Handling>,
    pub eo: Option<EoLine>,
    pub tags: Option<Tags>,
    pub subject: Option<Subject>,
    pub references: Option<RefBlock>,
    pub classified_by: Option<ClassifiedBy>,
    /// Print noise anywhere in the text (page lines, repeated section headers).
    pub noise: Vec<Span>,
    /// A cable id standing alone on a header line (archive metadata: `09NAIROBI2497`).
    pub listed_id: Option<(Span, CableId)>,
    /// The cable's year, and where it was read.
    pub year: Option<u16>,
    pub year_source: Option<YearSource>,
    /// Field names and DTGs the copy damaged (`SUBJ ECT:`, `08l544Z`),
    /// read as if whole.
    pub field_damage: Vec<Damage>,
}

/// Where a cable's year was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum YearSource {
    /// The date-time group.
    Dtg,
    /// An id listed in the archive's metadata lines.
    ListedId,
    /// No DTG: ten years before the declassification date, the usual term.
    DeclDate,
}

/// Where a cable's id came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IdSource {
    /// The text: year, banner origin and serial (or a listed id).
    Text,
    /// The file is named by the id (`08BERLIN896.txt`) and the text does not
    /// contradict it: it has no year of its own, or no banner origin and serial.
    FileName,
}

impl Cable {
    /// The cable's id, using the file's name where the text leaves the id open:
    /// no DTG (partial extracts), or no banner origin/serial. A name that
    /// contradicts the banner's origin or serial is not used.
    /// [`Cable::id_with_file_name`] with the stem of `path`.
    pub fn id_for_path(&self, path: &std::path::Path) -> Option<(CableId, IdSource)> {
        self.id_with_file_name(path.file_stem().and_then(|s| s.to_str()))
    }

    pub fn id_with_file_name(&self, file_stem: Option<&str>) -> Option<(CableId, IdSource)> {
        id_with_file_name(self.id.as_ref(), &self.header, file_stem)
    }
}

/// A cable's id from the id its text gives (`text_id`), its header and its
/// file name (see [`Cable::id_with_file_name`]).
pub fn id_with_file_name(
    text_id: Option<&CableId>,
    header: &Header,
    file_stem: Option<&str>,
) -> Option<(CableId, IdSource)> {
    let from_name = file_stem.and_then(super::ids::parse_compact_id);
    let text_sure = matches!(
        header.year_source,
        Some(YearSource::Dtg | YearSource::ListedId)
    );
    match (text_id, from_name) {
        (Some(id), _) if text_sure => Some((id.clone(), IdSource::Text)),
        (Some(id), Some(n)) if n.origin == id.origin && n.serial == id.serial => {
            Some((n, IdSource::FileName))
        }
        (Some(id), _) => Some((id.clone(), IdSource::Text)),
        (None, Some(n)) => {
            let b = header.banner.as_ref();
            let agrees = b.is_none_or(|b| {
                b.origin.as_ref().is_none_or(|o| *o == n.origin)
                    && b.serial.is_none_or(|s| s == n.serial)
            });
            agrees.then_some((n, IdSource::FileName))
        }
        (None, None) => None,
    }
}

impl Header {
    /// The canonical id: the year, the banner's origin and serial; failing those,
    /// an id listed in the archive's metadata.
    pub fn id(&self) -> Option<CableId> {
        let from_banner = self.banner.as_ref().and_then(|b| {
            Some(CableId {
                year: self.year?,
                origin: b.origin.clone()?,
                serial: b.serial?,
            })
        });
        from_banner.or_else(|| self.listed_id.as_ref().map(|x| x.1.clone()))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Routing {
    pub span: Span,
    /// The ACP-127 security line: `ZNY CCCCC ZZH`.
    pub security: Option<Security>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Security {
    pub span: Span,
    pub code: String,
    pub level: Level,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DtgField {
    pub span: Span,
    pub precedence: Vec<String>,
    pub dtg: Dtg,
}

/// An addressee on the FM / TO / INFO lines.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Address {
    pub span: Span,
    /// The routing indicator before the slash: `RUEHC` in `RUEHC/SECSTATE WASHDC`.
    pub routing_indicator: Option<String>,
    pub name: String,
    pub precedence: Option<String>,
    pub serial: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Banner {
    pub span: Span,
    pub level: Level,
    /// Where the classification word(s) stand.
    pub level_span: Span,
    /// Dissemination caveats from the banner and the handling lines (`NOFORN`, ...).
    pub caveats: Vec<String>,
    /// The classification as written (`C O N F I D E N T I A L`).
    pub text: String,
    /// The spelling was damaged (`UUNCLAS`, `O N F I D E N T I A L`).
    pub damaged: bool,
    pub section: Option<(u16, u16)>,
    pub origin: Option<String>,
    pub origin_span: Option<Span>,
    pub serial: Option<u32>,
    pub serial_span: Option<Span>,
}

impl Banner {
    /// Written `LIMITED OFFICIAL USE` (the level as written: the only level
    /// word that starts so), whose marks are `(LOU)`.
    pub fn limited_official_use(&self) -> bool {
        (self.text.split_whitespace().next()).is_some_and(|w| w.eq_ignore_ascii_case("LIMITED"))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionBanner {
    pub span: Span,
    pub section: Option<(u16, u16)>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Handling {
    pub span: Span,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EoLine {
    pub span: Span,
    /// The order: `12958`, `13526`, `11652`.
    pub order: Option<String>,
    /// What follows `DECL:` as written.
    pub decl_text: Option<String>,
    pub decl_span: Option<Span>,
    pub decl: Option<Date>,
    /// `E.O. 12958: N/A`.
    pub not_applicable: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tags {
    pub span: Span,
    pub items: Vec<Tag>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tag {
    pub span: Span,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Subject {
    pub span: Span,
    /// The subject's text, wrapped lines joined, the portion mark removed.
    pub text: String,
    pub mark: Option<MarkAt>,
}

/// A portion mark and where it stands (the parenthesised form).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MarkAt {
    pub span: Span,
    pub mark: Mark,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RefBlock {
    pub span: Span,
    pub heading_span: Span,
    pub items: Vec<RefItem>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RefKind {
    Cable,
    /// An MTCR Point of Contact document: `2009 MTCR POC DOC 008`.
    Document,
    Email,
    Telcon,
    Other,
}

impl RefKind {
    pub fn name(self) -> &'static str {
        match self {
            RefKind::Cable => "cable",
            RefKind::Document => "document",
            RefKind::Email => "email",
            RefKind::Telcon => "telcon",
            RefKind::Other => "other",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RefItem {
    pub span: Span,
    /// The bullet letter (upper case), if any.
    pub bullet: Option<char>,
    pub bullet_span: Option<Span>,
    pub bullet_damage: Option<LabelDamage>,
    pub kind: RefKind,
    /// The item's text after the bullet.
    pub text: String,
    /// The cited cables (several for `PARIS 1501 AND 1568`).
    pub ids: Vec<CableId>,
    pub id_spans: Vec<Span>,
    /// `(AND PREVIOUS)`.
    pub and_previous: bool,
    pub notal: bool,
    /// For a POC DOC: its year (if given) and number.
    pub poc_doc: Option<(Option<u16>, u32)>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClassifiedBy {
    pub span: Span,
    /// The whole text, wrapped lines joined.
    pub text: String,
    /// The classifying official, as written (before "for reasons" / "Reason").
    pub authority: String,
    /// `1.4` or `1.5`, as far as it could be read.
    pub reason_section: Option<String>,
    /// Reason letters, lower case, in order: `['b', 'd']`.
    pub reasons: Vec<char>,
    pub reasons_span: Option<Span>,
}

/// The body: paragraphs and what stands between and inside them.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Body {
    pub span: Span,
    pub paragraphs: Vec<Paragraph>,
    /// Headings between paragraphs (top level) or inside one.
    pub headings: Vec<Heading>,
    pub blocks: Vec<Block>,
    pub talking_points: Vec<Span>,
    /// Every portion mark in the body: after labels, on lines of their own, trailing.
    pub marks: Vec<MarkAt>,
    pub signature: Option<Signature>,
    pub trailer: Option<Span>,
    /// Section headers repeated inside the body (a printout's `C O N F I D E N
    /// T I A L SECTION 02 OF 03 HARARE 006677` and the header lines after
    /// it): no paragraph's text, like the header's print noise.
    pub noise: Vec<Span>,
}

impl Body {
    /// Calls `f` on every span the body holds.
    pub fn spans_mut(&mut self, f: &mut impl FnMut(&mut Span)) {
        f(&mut self.span);
        let mark = |m: &mut Option<MarkAt>, f: &mut dyn FnMut(&mut Span)| {
            if let Some(m) = m.as_mut() {
                f(&mut m.span);
            }
        };
        for p in &mut self.paragraphs {
            f(&mut p.span);
            f(&mut p.label_span);
            mark(&mut p.marking, f);
            for s in &mut p.subparagraphs {
                f(&mut s.span);
                f(&mut s.label_span);
                mark(&mut s.marking, f);
            }
        }
        for h in &mut self.headings {
            f(&mut h.span);
        }
        for b in &mut self.blocks {
            f(&mut b.span);
            f(&mut b.open_span);
            f(&mut b.close_span);
        }
        for t in &mut self.talking_points {
            f(t);
        }
        for m in &mut self.marks {
            f(&mut m.span);
        }
        if let Some(s) = self.signature.as_mut() {
            f(&mut s.span);
        }
        if let Some(t) = self.trailer.as_mut() {
            f(t);
        }
        for n in &mut self.noise {
            f(n);
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Paragraph {
    pub span: Span,
    /// The label as written (`11.`, `- $\P 1$.`, `[2](#).`); empty when lost.
    pub label: String,
    pub label_span: Span,
    /// The number as recovered from the sequence (`1` for a written `11.`).
    pub number: u32,
    /// The number as written, when it could be read.
    pub written: Option<u32>,
    pub damage: Option<LabelDamage>,
    /// The label was lost in the copy; the paragraph was found from the sequence.
    pub recovered: bool,
    pub marking: Option<MarkAt>,
    pub subparagraphs: Vec<SubParagraph>,
    /// The first words of the paragraph (for outlines).
    pub lead: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SubParagraph {
    pub span: Span,
    pub label: String,
    pub label_span: Span,
    pub letter: char,
    pub damage: Option<LabelDamage>,
    pub marking: Option<MarkAt>,
    pub lead: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Heading {
    pub span: Span,
    pub text: String,
    /// Stands between paragraphs (not inside one).
    pub top_level: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Block {
    pub span: Span,
    /// `GUIDANCE`, `NOTE`, `SUMMARY`, `COMMENT`, `BACKGROUND`, `TEXT`, ...
    pub name: String,
    pub open_span: Span,
    pub close_span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Signature {
    pub span: Span,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CitationKind {
    /// `REF A`.
    Ref,
    /// `REFTEL`: the only reference.
    Reftel,
    /// `SEPTEL`: a separate, later cable.
    Septel,
    /// `para 5`, `paragraph 4`, `paras 2-3`.
    Para,
    /// `POC DOC 66`, `POC 133`.
    PocDoc,
    /// A bare cable number in text: `STATE 67437`.
    Cable,
}

impl CitationKind {
    pub fn name(self) -> &'static str {
        match self {
            CitationKind::Ref => "ref",
            CitationKind::Reftel => "reftel",
            CitationKind::Septel => "septel",
            CitationKind::Para => "para",
            CitationKind::PocDoc => "poc_doc",
            CitationKind::Cable => "cable",
        }
    }
}

/// A citation in the text. One per target: `paras 2-3` gives two.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Citation {
    pub span: Span,
    pub kind: CitationKind,
    /// `A` for REF A, `5` for para 5, `66` for POC DOC 66, a cable id for a cable.
    pub target: String,
    /// For a cable citation, the id.
    pub id: Option<CableId>,
    /// For `para N`: whose paragraph, when not this cable's (`para 3 of
    /// reftel`, `REF A para 2`, `paragraph 6 of UNSCR 1737`).
    pub of: Option<ParaOf>,
}

/// The document a `para N` citation points into, other than the citing cable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ParaOf {
    /// `para 3 of REF A`, `REF A para 3`.
    Ref(char),
    /// `para 3 of reftel`, `reftel para 3`.
    Reftel,
    /// `para 3 of septel`.
    Septel,
    /// `para 3 of STATE 67437`, `STATE 67437 para 3`.
    Cable(CableId),
    /// `paragraph 6 of UNSCR 1737`, `para 2 of the agreement`.
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DamageKind {
    /// `Russia,s`: a comma for an apostrophe.
    CommaApostrophe,
    /// ` ) ` for an em-dash.
    ParenDash,
    /// `&watch list8`: `&` and `8` for curly quotes.
    AmpQuotes,
    /// `[X](#)`: an HTML anchor turned into a Markdown link.
    MarkdownLink,
    /// `Assistant Secretary SIPDIS Patrick O'Brien`: the handling word the
    /// cable system inserted into the running text.
    StraySipdis,
    /// A paragraph or bullet label damaged by OCR or conversion.
    Label,
    /// A field's name misspelt or split (by OCR): `SUBJ ECT:`, `Classfied By:`.
    FieldName,
    /// Letters OCR read for digits in a date-time group: `08l544Z JUL O8`.
    Digits,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Damage {
    pub span: Span,
    pub kind: DamageKind,
    /// The text the span should read.
    pub replacement: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Hint,
    Information,
    Warning,
    Error,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Information => "information",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    pub span: Span,
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
}

impl Diagnostic {
    pub fn new(
        span: Span,
        code: &'static str,
        severity: Severity,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            span,
            code,
            severity,
            message: message.into(),
        }
    }
}

/// Syntax diagnostics that need the whole model: missing parts and damaged labels.
pub fn syntax_diagnostics(c: &mut Cable) {
    let mut d = Vec::new();
    let top = Span::new(0, 0);
    if c.len > 0 && c.header.banner.is_none() {
        d.push(Diagnostic::new(
            top,
            "no-banner",
            Severity::Warning,
            "no classification banner found: expected a line such as `CONFIDENTIAL STATE 070895` before the E.O. line",
        ));
    }
    if c.len > 0 && c.header.dtg.is_none() && c.header.banner.is_some() {
        let year = match (c.header.year_source, c.header.year) {
            (Some(YearSource::ListedId), _) => "the year is read from the id listed above the text".to_string(),
            (Some(YearSource::DeclDate), Some(y)) => format!(
                "the year is taken as {y}, ten years before the DECL date (the usual term), unless the file's name gives the id"
            ),
            _ => "the year, and so the id, cannot be read from the text (the file's name gives the id when it is one, such as `08BERLIN896.txt`)".to_string(),
        };
        d.push(Diagnostic::new(
            top,
            "no-dtg",
            Severity::Information,
            format!("no date-time group found: expected a line such as `P 081544Z JUL 08`; {year}"),
        ));
    }
    if let Some(b) = &c.header.banner {
        if b.damaged {
            d.push(Diagnostic::new(
                b.level_span,
                "damaged-banner",
                Severity::Information,
                format!(
                    "the banner's classification is misspelt (`{}`): read as {}, expected `{}`",
                    b.text,
                    b.level.name(),
                    b.level.name()
                ),
            ));
        }
    }
    paragraph_diagnostics(&c.body.paragraphs, &mut d);
    c.diagnostics.extend(d);
}

/// The diagnostics of paragraph labels: a lost or damaged number.
pub fn paragraph_diagnostics<'a>(
    paras: impl IntoIterator<Item = &'a Paragraph>,
    d: &mut Vec<Diagnostic>,
) {
    for p in paras {
        if p.recovered {
            d.push(Diagnostic::new(
                p.label_span,
                "lost-paragraph-number",
                Severity::Information,
                format!(
                    "paragraph {} has lost its number in the copy; expected `{}.` here",
                    p.number, p.number
                ),
            ));
        } else if let (Some(w), Some(dmg)) = (p.written, p.damage) {
            if w != p.number || matches!(dmg, LabelDamage::Latex | LabelDamage::OcrPilcrow) {
                d.push(Diagnostic::new(
                    p.label_span,
                    "damaged-paragraph-number",
                    Severity::Information,
                    format!(
                        "paragraph number `{}` is damaged by the copy: read as paragraph {}, expected `{}.`",
                        p.label, p.number, p.number
                    ),
                ));
            }
        }
    }
}
