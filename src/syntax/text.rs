//! Text plumbing: decoding bytes, splitting lines, mapping offsets to positions.

/// How the bytes of a file were turned into text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Encoding {
    Utf8,
    /// Not valid UTF-8: every byte was read as Windows-1252 (the usual code page of
    /// cables saved on Windows). Never fails: bytes Windows-1252 leaves undefined
    /// map to the C1 control of the same value.
    Windows1252,
    /// UTF-16 after its byte order mark, little-endian (`FF FE`: Windows
    /// Notepad's "Unicode") or big-endian (`FE FF`). An unpaired surrogate
    /// reads as U+FFFD.
    Utf16Le,
    Utf16Be,
}

/// Which UTF-16 the bytes' byte order mark says they are, if they open with one.
pub fn utf16_bom(bytes: &[u8]) -> Option<Encoding> {
    match bytes {
        [0xFF, 0xFE, ..] => Some(Encoding::Utf16Le),
        [0xFE, 0xFF, ..] => Some(Encoding::Utf16Be),
        _ => None,
    }
}

/// The text of UTF-16 bytes that open with a byte order mark; `None` for any
/// other bytes (an odd last byte is dropped).
pub fn decode_utf16(bytes: &[u8]) -> Option<(String, Encoding)> {
    let enc = utf16_bom(bytes)?;
    let body = &bytes[2..];
    let units = body.chunks_exact(2).map(|c| match enc {
        Encoding::Utf16Le => u16::from_le_bytes([c[0], c[1]]),
        _ => u16::from_be_bytes([c[0], c[1]]),
    });
    let text = char::decode_utf16(units)
        .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    Some((text, enc))
}

/// Decodes a file's bytes, as [`decode`], reusing the buffer when they are
/// UTF-8 (no copy: what the index's reads take).
pub fn decode_vec(mut bytes: Vec<u8>) -> (String, Encoding) {
    if let Some(d) = decode_utf16(&bytes) {
        return d;
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(s) => (s, Encoding::Utf8),
        Err(e) => decode(e.as_bytes()),
    }
}

/// Decodes a file's bytes. Valid UTF-8 (with or without a BOM) is taken as is, minus
/// the BOM; UTF-16 with its BOM is decoded; anything else is read as Windows-1252.
pub fn decode(bytes: &[u8]) -> (String, Encoding) {
    if let Some(d) = decode_utf16(bytes) {
        return d;
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_owned(), Encoding::Utf8),
        Err(_) => (
            bytes.iter().map(|&b| cp1252(b)).collect(),
            Encoding::Windows1252,
        ),
    }
}

fn cp1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9f => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

/// The text the parser reads: each no-break space (U+00A0, which web pages
/// and HTML exports write for the first of two spaces: `1.&nbsp; (C)`,
/// `TAG:&nbsp; PTER`) read as two ASCII spaces. Both take two bytes, so every
/// offset into one is the same offset into the other, and what the parser
/// finds (runs of words, trimmed of spaces) starts and ends on the same
/// character boundaries. Borrowed when there is none (nearly always).
///
/// And the `Â` a copy's mojibake puts before such a character (its UTF-8
/// read as Windows-1252 and written again: `Â ` for a no-break space, `Â¶` for
/// a pilcrow; see [`mojibake_marks`]), read as two spaces too.
pub fn with_ascii_spaces(text: &str) -> std::borrow::Cow<'_, str> {
    let b = text.as_bytes();
    let mut found = latin1_marks(b).map(|(at, _)| at).peekable();
    if found.peek().is_none() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = b.to_vec();
    for at in found {
        out[at..at + 2].copy_from_slice(b"  ");
    }
    // Only whole characters (C2 A0, C3 82) were replaced, by two ASCII bytes.
    std::borrow::Cow::Owned(String::from_utf8(out).unwrap_or_else(|_| text.to_string()))
}

/// Where a mojibake `Â` stands (two bytes, C3 82) before a character of
/// U+00A0-U+00BF (a no-break space, `¶`, `©`, `°`...): what a copy makes of
/// such a character when it reads its UTF-8 as Windows-1252 and writes it
/// again (`Â ` for `&nbsp;`, `Â¶3.` for `¶3.`).
pub fn mojibake_marks(text: &str) -> impl Iterator<Item = usize> + '_ {
    latin1_marks(text.as_bytes()).filter_map(|(at, mojibake)| mojibake.then_some(at))
}

/// The two-byte characters [`with_ascii_spaces`] reads as spaces, found in
/// one pass over the text's `C2` bytes: a no-break space (`C2 A0`), and a
/// mojibake `Â` (`C3 82`) before `C2 A0`-`C2 BF`; where each starts, and
/// whether it is the mojibake.
fn latin1_marks(b: &[u8]) -> impl Iterator<Item = (usize, bool)> + '_ {
    memchr::memchr_iter(0xC2, b).flat_map(move |at| {
        let next = b.get(at + 1).copied().unwrap_or(0);
        let mojibake = at >= 2 && b[at - 2..at] == [0xC3, 0x82] && (0xA0..=0xBF).contains(&next);
        let nbsp = next == 0xA0;
        [(mojibake, (at.wrapping_sub(2), true)), (nbsp, (at, false))]
            .into_iter()
            .filter_map(|(is, mark)| is.then_some(mark))
    })
}

/// The text the parser reads: [`with_ascii_spaces`], then
/// [`super::html::without_html_tags`], then [`without_markdown_marks`].
/// Every offset into it is the same offset into `text`. Borrowed when none
/// finds anything (nearly always).
pub fn parser_text(text: &str) -> std::borrow::Cow<'_, str> {
    let mut out = with_ascii_spaces(text);
    if let Some(plain) = super::html::without_html_tags(&out) {
        out = std::borrow::Cow::Owned(plain);
    }
    match without_markdown_marks(&out) {
        Some(plain) => std::borrow::Cow::Owned(plain),
        None => out,
    }
}

/// What HTML turned into Markdown adds to a cable's text: escapes before
/// what Markdown would read as its own (`1\. (C)`, `A\. STATE 1`, `\-----`,
/// `\[Source removed\]`) and bold around a field's name or a number
/// (`**SUBJECT:**`, `**1.**`), and a block quote's `> ` opening each line
/// (a cable quoted whole). Each is read as the plain text in as many bytes:
/// `\.` as `. `, another escape `\X` as ` X`, `**` and `> ` as two spaces.
/// `None` when there is none.
pub fn without_markdown_marks(text: &str) -> Option<String> {
    let mut out: Option<Vec<u8>> = None;
    for (at, plain) in markdown_marks(text) {
        out.get_or_insert_with(|| text.as_bytes().to_vec())[at..at + 2].copy_from_slice(&plain);
    }
    // Only ASCII bytes were replaced, by as many ASCII bytes.
    out.map(|o| String::from_utf8(o).unwrap_or_else(|_| text.to_string()))
}

/// The Markdown marks of `text` (see [`without_markdown_marks`]), in text
/// order: where each two-byte mark (`\X`, `**`, or a block quote's `> ` at a
/// line's start) starts, and the two bytes the parser reads in its place.
pub fn markdown_marks(text: &str) -> impl Iterator<Item = (usize, [u8; 2])> + '_ {
    const ESCAPED: &[u8] = b".-[]*_#+!()";
    let b = text.as_bytes();
    // (A form feed too: a printout's page break before a bold number.)
    let blank =
        |c: Option<u8>| c.is_none_or(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c'));
    let mut next = 0;
    memchr::memchr3_iter(b'\\', b'*', b'>', b).filter_map(move |at| {
        if at < next {
            return None;
        }
        let (before, after) = (at.checked_sub(1).map(|p| b[p]), b.get(at + 1).copied());
        let plain: [u8; 2] = match b[at] {
            b'\\' if after == Some(b'.') => *b". ",
            // A closing mark keeps its place after the word it closes.
            b'\\' if matches!(after, Some(b']' | b')' | b'!')) => [after.unwrap_or(b' '), b' '],
            b'\\' if after.is_some_and(|c| ESCAPED.contains(&c)) => [b' ', after.unwrap_or(b' ')],
            b'*' if after == Some(b'*') => {
                let inner = |c: Option<u8>| c.is_some_and(|c| c.is_ascii_alphanumeric());
                let after2 = b.get(at + 2).copied();
                let opens = blank(before) && inner(after2);
                let closes = before == Some(b':')
                    || (inner(before) || matches!(before, Some(b'.' | b')'))) && !inner(after2);
                if !(opens || closes) {
                    return None;
                }
                *b"  "
            }
            // A block quote's mark: `> ` (or `>` alone) opening a line, after
            // blanks or other marks only (`> > 1. (C) ...`).
            b'>' if matches!(after, Some(b' ' | b'\t' | b'\n' | b'\r')) => {
                let start = memchr::memrchr2(b'\n', b'\r', &b[..at]).map_or(0, |p| p + 1);
                let prefix = &b[start..at];
                if prefix.len() > 16 || !prefix.iter().all(|c| matches!(c, b' ' | b'\t' | b'>')) {
                    return None;
                }
                [b' ', after.unwrap_or(b' ')]
            }
            _ => return None,
        };
        next = at + 2;
        Some((at, plain))
    })
}

/// What the parser reads of `text` (see [`parser_text`]) and its lines
/// (see [`parser_lines`]): the one way every parse starts.
pub fn parser_input(text: &str) -> (std::borrow::Cow<'_, str>, Vec<Line>) {
    let (text, lines, _) = parser_input_spaced(text);
    (text, lines)
}

/// [`parser_input`], and whether the text is double-spaced (see
/// [`is_double_spaced`]), told from the lines as split.
pub fn parser_input_spaced(text: &str) -> (std::borrow::Cow<'_, str>, Vec<Line>, bool) {
    let text = parser_text(text);
    let mut lines = split_lines(&text);
    let spaced = spaced_lines(text.as_bytes(), lines.iter().map(|l| (l.start, l.end)));
    if spaced {
        lines = without_spacing_lines(&text, lines);
    }
    let lines = parser_lines(&text, lines);
    (text, lines, spaced)
}

/// Whether `text` is a double-spaced copy (a web page's or a word
/// processor's): a blank line after each line of the telegram, so that its
/// own blank lines are runs of two or more, or are single too. Then a single
/// blank line between two lines is spacing, not a break, and the parser reads
/// the lines as adjacent (see [`without_spacing_lines`]); numbered paragraphs,
/// fields and headings still start where they do. Told by: eight single
/// blank lines at least, ten times as many as lines with no blank line
/// between them, and lines of a telegram's width (nine in ten). Where lines
/// are longer (a web copy's unwrapped paragraphs) the copy must show its
/// breaks as runs, one for eight single blank lines: a draft of long lines
/// with one blank line between its paragraphs is no double-spaced copy.
/// Stops early in a usual text.
pub fn is_double_spaced(text: &str) -> bool {
    let b = text.as_bytes();
    let mut start = 0;
    let bounds = std::iter::from_fn(|| {
        if start >= b.len() {
            return None;
        }
        let end = memchr::memchr2(b'\n', b'\r', &b[start..]).map_or(b.len(), |p| start + p);
        let line = (start, end);
        start = end + 1;
        if b.get(end) == Some(&b'\r') && b.get(end + 1) == Some(&b'\n') {
            start += 1;
        }
        Some(line)
    });
    spaced_lines(b, bounds)
}

/// [`is_double_spaced`] over lines already split (`(start, end)` of each).
fn spaced_lines(b: &[u8], lines: impl Iterator<Item = (usize, usize)>) -> bool {
    let (mut adjacent, mut single, mut runs, mut long, mut texts) = (0usize, 0usize, 0, 0, 0);
    // Blank lines since the last line with text, and whether one was seen.
    let (mut blanks, mut seen) = (0usize, false);
    for (start, end) in lines {
        let line = &b[start..end];
        if line.trim_ascii().is_empty() {
            blanks += 1;
            continue;
        }
        texts += 1;
        long += usize::from(line.len() > 100);
        if seen {
            match blanks {
                0 => adjacent += 1,
                1 => single += 1,
                _ => runs += 1,
            }
        }
        (blanks, seen) = (0, true);
        if adjacent > 30 && adjacent > single {
            return false;
        }
    }
    // Long lines: a copy of unwrapped paragraphs, double-spaced, or a draft
    // with a blank line between paragraphs; the copy's own breaks tell.
    let breaks = long * 10 <= texts || runs >= 2 && runs * 8 >= single;
    single >= 8 && adjacent * 10 <= single && breaks
}

/// `lines` without the single blank lines between two lines of text (a
/// double-spaced copy's spacing): the line before each takes it into its
/// terminator (its `next` is the line after), so every offset stays the text's.
pub fn without_spacing_lines(text: &str, lines: Vec<Line>) -> Vec<Line> {
    let blank = |l: &Line| text.as_bytes()[l.start..l.end].trim_ascii().is_empty();
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    for (k, l) in lines.iter().enumerate() {
        let spacing = blank(l)
            && out.last().is_some_and(|p| !blank(p))
            && lines.get(k + 1).is_some_and(|n| !blank(n));
        match out.last_mut() {
            Some(p) if spacing => p.next = l.next,
            _ => out.push(*l),
        }
    }
    out
}

/// A byte range `start..end` into the parsed text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord, serde::Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start >= self.end
    }
    pub fn contains(&self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }
    /// Whether `offset` is inside or at the end of the span (a cursor touching it).
    pub fn touches(&self, offset: usize) -> bool {
        self.start <= offset && offset <= self.end
    }
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
    pub fn shifted(self, delta: isize) -> Span {
        Span::new(
            (self.start as isize + delta) as usize,
            (self.end as isize + delta) as usize,
        )
    }
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// One line of text: its content (without the line terminator) and where the next
/// line starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    pub start: usize,
    pub end: usize,
    /// Offset just past the terminator (`\n`, `\r\n` or a lone `\r`).
    pub next: usize,
}

impl Line {
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// Splits text into lines; `\n`, `\r\n` and a lone `\r` all end a line. A text that
/// ends with a terminator has no empty last line; an empty text has no lines.
pub fn split_lines(text: &str) -> Vec<Line> {
    split_lines_from(text, 0)
}

/// Like [`split_lines`], for the slice of `text` starting at `from` (a line start).
pub fn split_lines_from(text: &str, from: usize) -> Vec<Line> {
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let mut start = from;
    let mut i = from;
    while let Some(p) = memchr::memchr2(b'\n', b'\r', &bytes[i..]) {
        let at = i + p;
        let next = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
            at + 2
        } else {
            at + 1
        };
        lines.push(Line {
            start,
            end: at,
            next,
        });
        start = next;
        i = next;
    }
    if start < bytes.len() {
        lines.push(Line {
            start,
            end: bytes.len(),
            next: bytes.len(),
        });
    }
    lines
}

/// The lines the parser reads: each physical line of `lines`, split where a
/// numbered paragraph is glued onto it (`... to Brazil.  9. (SBU) Over the
/// last ...`, `REASON: 1.4 (b), (d) 1. (C) Summary: ...`), so that the
/// paragraph starts a line of its own. A piece before a glued paragraph ends
/// where the paragraph starts (its `end` equals its `next`; a physical line
/// ends on a terminator or the text's end).
pub fn parser_lines(text: &str, lines: Vec<Line>) -> Vec<Line> {
    let (Some(first), Some(last)) = (lines.first(), lines.last()) else {
        return lines;
    };
    let glued = glued_paragraphs(text.as_bytes(), first.start, last.end);
    if glued.is_empty() {
        return lines;
    }
    let mut out = Vec::with_capacity(lines.len() + glued.len());
    let mut g = glued.into_iter().peekable();
    for l in lines {
        let mut start = l.start;
        while let Some(at) = g.next_if(|&at| at < l.end) {
            if at > start {
                out.push(Line {
                    start,
                    end: at,
                    next: at,
                });
                start = at;
            }
        }
        out.push(Line { start, ..l });
    }
    out
}

/// Where paragraphs glued onto a line start, in text order: a sentence's end
/// (`.` `)` `?` `!` `"`, a closing quote or a reason letter), spaces, a
/// number of one to three digits, `.`, one or two spaces, a tab, none or a
/// line's end, and a portion mark. One pass over the `(` of `b[from..to]`
/// (where a label meets its mark).
fn glued_paragraphs(b: &[u8], from: usize, to: usize) -> Vec<usize> {
    let mut out = Vec::new();
    // Each `(` in one pass, and what stands between it and the dot before:
    // `. (`; `(d) 1.(C) Summary`, nothing; `12.  (C)`, `12.\t(C)`, two spaces
    // or a tab (a typist's, or a copy's that doubled its spaces); `...
    // technology. 6.` / `(C) While ...`, a line's end (a copy re-wrapped
    // between the label and its mark, which then stands alone on its line).
    const BETWEEN: [&[u8]; 6] = [b" ", b"", b"  ", b"\t", b"\n", b"\r\n"];
    let dots = memchr::memchr_iter(b'(', &b[from..to]).filter_map(|d| {
        let p = from + d;
        (BETWEEN.iter())
            .find(|w| b[from..p].ends_with(w) && b[from..p - w.len()].ends_with(b"."))
            .map(|w| (p - w.len() - 1, p))
    });
    // (Each dot with its `(`.)
    for (dot, p) in dots {
        let digits = b[..dot]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_digit())
            .count();
        let num = dot - digits;
        let spaces = b[..num].iter().rev().take_while(|c| **c == b' ').count();
        if !(1..=3).contains(&digits) || spaces == 0 || num - spaces == 0 {
            continue;
        }
        // A closing quote (U+201D) ends in 0x9D.
        let end = num - spaces;
        let sentence_end = matches!(b[end - 1], b'.' | b')' | b'?' | b'!' | b'"' | 0x9D);
        // `REASON: 1.4 b, d 1. (C) Summary`: a reason letter ends the list.
        let reason = end >= 2
            && matches!(b[end - 1].to_ascii_lowercase(), b'a'..=b'h')
            && matches!(b[end - 2], b' ' | b',' | b'&');
        if !sentence_end && !reason {
            continue;
        }
        let rest = &b[p..b.len().min(p + 60)];
        let rest = std::str::from_utf8(rest)
            .or_else(|e| std::str::from_utf8(&rest[..e.valid_up_to()]))
            .unwrap_or("");
        if super::marking::mark_at(rest).is_some() {
            out.push(num);
        }
    }
    out
}

#[cfg(test)]
mod parser_lines_tests {
    use super::*;

    fn pieces(t: &str) -> Vec<&str> {
        parser_lines(t, split_lines(t))
            .iter()
            .map(|l| &t[l.start..l.end])
            .collect()
    }

    #[test]
    fn a_glued_paragraph_starts_a_line_of_its_own() {
        // 08BRASILIA1565, 09TRIPOLI663.
        assert_eq!(
            pieces("8. (SBU) In Brazil.  9. (SBU) Over the years.\nNext\n"),
            ["8. (SBU) In Brazil.  ", "9. (SBU) Over the years.", "Next"]
        );
        assert_eq!(
            pieces("REASON: 1.4 (b), (d) 1. (C) Summary: Kusa said."),
            ["REASON: 1.4 (b), (d) ", "1. (C) Summary: Kusa said."]
        );
        assert_eq!(
            pieces("reasons 1.4 (b) and (d) 1.(C) \n\nSummary: X."),
            ["reasons 1.4 (b) and (d) ", "1.(C) ", "", "Summary: X."]
        );
        assert_eq!(
            pieces("REASON: 1.4 b, d 1. (C/NF) Summary: Kusa said."),
            ["REASON: 1.4 b, d ", "1. (C/NF) Summary: Kusa said."]
        );
        // Two spaces or a tab between the label and its mark (02BRASILIA4227
        // with its spaces after periods doubled).
        assert_eq!(
            pieces("and grow.  12.  (C) Ambassador Reich.  14.\t(C) On."),
            [
                "and grow.  ",
                "12.  (C) Ambassador Reich.  ",
                "14.\t(C) On."
            ]
        );
        // 09BRASILIA35 re-wrapped between the label and its mark.
        for nl in ["\n", "\r\n"] {
            assert_eq!(
                pieces(&format!("fire control technology. 6.{nl}(C) While X.")),
                ["fire control technology. ", "6.", "(C) While X."]
            );
        }
        // Not after a sentence's end, no mark, a number too long: one line.
        for t in [
            "in Section 3. (C) text",
            "to Brazil.  9. The years",
            "in 2008.  2009. (C) text",
            "1.4 (b) and (d)",
            "1.4 b and d",
            "the word 2. (C) text",
        ] {
            assert_eq!(pieces(t), [t]);
        }
        // Line starts are the physical ones.
        let t = "A.  2. (C) B\nC\n";
        let idx = LineIndex::of_lines(t, &parser_lines(t, split_lines(t)));
        assert_eq!(idx, LineIndex::new(t));
        assert_eq!(idx.line_count(), 3);
    }
}

/// Maps byte offsets to 0-based (line, column) pairs and back.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        LineIndex::of_lines(text, &split_lines(text))
    }

    /// The index of `text` split into `lines` (by [`split_lines`], or the
    /// parser's lines: only a start after a terminator starts a line).
    pub fn of_lines(text: &str, lines: &[Line]) -> Self {
        let b = text.as_bytes();
        let mut starts = vec![0];
        for l in lines {
            // Every terminator between the line's end and the next: one, or
            // two around a double-spaced copy's blank line.
            let between = b.get(l.end..l.next).unwrap_or_default();
            for (k, &c) in between.iter().enumerate() {
                let ends = c == b'\n' || c == b'\r' && between.get(k + 1) != Some(&b'\n');
                if ends {
                    starts.push(l.end + k + 1);
                }
            }
        }
        starts.dedup();
        LineIndex {
            starts,
            len: text.len(),
        }
    }

    /// The 0-based line holding `offset` (clamped to the text).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    pub fn line_start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(self.len)
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// (line, column) with the column counted in Unicode scalar values.
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let start = self.line_start(line).min(offset);
        (line, text[start..offset].chars().count())
    }
}

/// The largest char boundary at or before `i`.
pub fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    if i >= text.len() {
        return text.len();
    }
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_marks_are_read_as_plain_text_in_as_many_bytes() {
        let plain = |t: &str| without_markdown_marks(t);
        for (marked, want) in [
            ("1\\. (C) Text", "1.  (C) Text"),
            (
                "REF: A\\. STATE 1\nB\\. STATE 2",
                "REF: A.  STATE 1\nB.  STATE 2",
            ),
            ("\\-----------", " -----------"),
            (
                "POST: \\[Source removed\\] SAYS",
                "POST:  [Source removed]  SAYS",
            ),
            ("**SUBJECT:** X", "  SUBJECT:   X"),
            ("**REF:**09 PARIS 1635", "  REF:  09 PARIS 1635"),
            ("**1.**(C) Text", "  1.  (C) Text"),
            ("A **bold** word", "A   bold   word"),
            // After a printout's form feed.
            ("x\n\x0c**9.** (C) Text", "x\n\x0c  9.   (C) Text"),
            // A block quote's marks, nested too, and on a blank line.
            (
                "> SUBJECT: X\n>\n> > 1. (C) T",
                "  SUBJECT: X\n \n    1. (C) T",
            ),
            ("  >\tTAGS: PREL\r\n>\r\n", "   \tTAGS: PREL\r\n \r\n"),
        ] {
            let got = plain(marked);
            assert_eq!(got.as_deref(), Some(want), "{marked}");
            assert_eq!(want.len(), marked.len());
        }
        // Rules of asterisks, LaTeX from OCR, paths, a lone pair: unchanged.
        for same in [
            "****** ******************",
            "- $\\P 1$. (U) x $\\,$",
            "$\\underline{\\ }^{4}$.",
            "C:\\Documents\\x",
            "a ** b",
            "no marks",
            // `>` inside a line, before a word, or after other text at its start.
            "a > b",
            ">50 PERCENT",
            "-> X",
            "1. > 50",
            ">",
        ] {
            assert_eq!(plain(same), None, "{same}");
        }
        assert!(matches!(
            parser_text("plain"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn no_break_spaces_and_their_mojibake_read_as_spaces() {
        for (copy, want) in [
            ("1.\u{a0} (C) X", "1.   (C) X"),
            ("1.\u{c2}\u{a0} (C) X", "1.     (C) X"),
            ("\u{c2}\u{b6}3. (C) X", "  \u{b6}3. (C) X"),
            ("\u{c2}\u{a9} 2010", "  \u{a9} 2010"),
        ] {
            assert_eq!(with_ascii_spaces(copy), want, "{copy}");
        }
        // `Â` before a letter, or alone, is a letter.
        for same in ["\u{c2}le", "S\u{e3}o", "\u{c2}", "\u{c2}\u{c2}"] {
            assert_eq!(with_ascii_spaces(same), same);
        }
        assert_eq!(
            mojibake_marks("a\u{c2}\u{a0}b \u{c2}\u{b6}").collect::<Vec<_>>(),
            [1, 7]
        );
    }

    #[test]
    fn lines_split_on_every_terminator() {
        let t = "a\r\nb\rc\n\nd";
        let l: Vec<&str> = split_lines(t).iter().map(|l| &t[l.start..l.end]).collect();
        assert_eq!(l, ["a", "b", "c", "", "d"]);
        assert!(split_lines("").is_empty());
        assert_eq!(split_lines("x\n").len(), 1);
    }

    #[test]
    fn a_double_spaced_copy_is_read_without_its_spacing() {
        // Each line of a telegram, then a blank line; the telegram's own
        // blank lines are runs of three.
        let telegram = "SUBJECT: A SUBJECT WRAPPED\nONTO TWO LINES\n\nREF: A. STATE 1\n\n\
                        1. (C) One wrapped\nparagraph here\nand here\nand here.\n\n\
                        2. (C) Two wrapped\nparagraph here\nand here\nand here\nand here.\n\n3. (C) Three.\n";
        let spaced = telegram.replace('\n', "\n\n");
        assert!(is_double_spaced(&spaced));
        let (_, lines) = parser_input(&spaced);
        let read: Vec<&str> = lines.iter().map(|l| &spaced[l.start..l.end]).collect();
        let want: Vec<&str> = telegram.lines().collect();
        // The telegram's blank lines: three each in the copy, all kept.
        let want: Vec<&str> = want
            .iter()
            .flat_map(|l| if l.is_empty() { vec![""; 3] } else { vec![*l] })
            .chain([""]) // the blank line after the last is no spacing
            .collect();
        assert_eq!(read, want);
        // Lines are still counted as the buffer's.
        let idx = LineIndex::of_lines(&spaced, &lines);
        assert_eq!(idx, LineIndex::new(&spaced));
        // CRLF line ends: the same reading.
        let crlf = spaced.replace('\n', "\r\n");
        assert!(is_double_spaced(&crlf));
        let (_, lines) = parser_input(&crlf);
        assert_eq!(lines.len(), want.len());
        assert_eq!(LineIndex::of_lines(&crlf, &lines), LineIndex::new(&crlf));
        // Not double-spaced: a usual telegram; a draft of long lines with one
        // blank line between its paragraphs (but a double-spaced copy of such
        // lines, its runs telling its breaks, is).
        assert!(!is_double_spaced(telegram));
        let long = "x".repeat(300);
        let draft: String = (0..12).map(|k| format!("{k}. (C) {long}\n\n")).collect();
        assert!(!is_double_spaced(&draft));
        let para = format!("{long}\n\n{long}\n\n{long}\n\n\n\n");
        assert!(is_double_spaced(&para.repeat(4)));
        // Lines of a telegram's width, each followed by one blank line: a
        // blank line after each wrapped line, and one between paragraphs too.
        let one_each: String = (0..12).map(|k| format!("line {k}\n\n")).collect();
        assert!(is_double_spaced(&one_each));
    }

    #[test]
    fn positions_count_chars() {
        let t = "¶B. x\nyz";
        let idx = LineIndex::new(t);
        assert_eq!(idx.position(t, t.find('x').unwrap()), (0, 4));
        assert_eq!(idx.position(t, t.len()), (1, 2));
        assert_eq!(idx.line_count(), 2);
    }

    #[test]
    fn invalid_utf8_reads_as_windows_1252() {
        let (s, enc) = decode(b"Russia\x92s \x93quote\x94 caf\xe9");
        assert_eq!(enc, Encoding::Windows1252);
        assert_eq!(s, "Russia’s “quote” café");
        assert_eq!(decode(b"\xEF\xBB\xBFok").0, "ok");
        // The owned form decodes alike, a BOM included.
        for b in [
            &b"\xEF\xBB\xBFok"[..],
            b"caf\xe9 \x93q\x94",
            b"plain",
            b"\xEF\xBB",
            b"\xFF\xFEo\0k\0",
        ] {
            assert_eq!(decode_vec(b.to_vec()), decode(b), "{b:?}");
        }
    }

    #[test]
    fn utf16_with_its_byte_order_mark_is_decoded() {
        let text = "SUBJECT: Russia’s “quote” 𝄞\r\n";
        let le: Vec<u8> = (text.encode_utf16()).flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = (text.encode_utf16()).flat_map(u16::to_be_bytes).collect();
        let with = |bom: &[u8], b: &[u8]| [bom, b].concat();
        assert_eq!(
            decode(&with(b"\xFF\xFE", &le)),
            (text.to_string(), Encoding::Utf16Le)
        );
        assert_eq!(
            decode(&with(b"\xFE\xFF", &be)),
            (text.to_string(), Encoding::Utf16Be)
        );
        // Without the mark, the bytes are not taken for UTF-16.
        assert_eq!(decode(&le).1, Encoding::Windows1252);
        // A lone surrogate and an odd last byte.
        let (s, _) = decode(b"\xFF\xFEa\0\x00\xD8b\0c");
        assert_eq!(s, "a\u{FFFD}b");
    }
}
