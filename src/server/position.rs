//! Positions: LSP (line, character) in UTF-8 or UTF-16 code units, to and from
//! byte offsets. Out-of-range positions are clamped, never a panic.

use crate::syntax::{LineIndex, Span};
use ropey::Rope;
use tower_lsp::lsp_types::{Position, Range};

/// The position encoding agreed with the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    Utf8,
    #[default]
    Utf16,
}

/// The end of a line's content, before its terminator.
fn content_end(line: &str) -> usize {
    line.trim_end_matches(['\n', '\r']).len()
}

/// Byte offset of `col` code units into `line` (clamped to its content).
fn col_to_byte(line: &str, col: u32, enc: Encoding) -> usize {
    let content = &line[..content_end(line)];
    match enc {
        Encoding::Utf8 => {
            let mut b = (col as usize).min(content.len());
            while !content.is_char_boundary(b) {
                b -= 1;
            }
            b
        }
        Encoding::Utf16 => {
            let mut units = 0u32;
            for (i, c) in content.char_indices() {
                if units >= col {
                    return i;
                }
                units += c.len_utf16() as u32;
                if units > col {
                    return i; // inside a surrogate pair: before the char
                }
            }
            content.len()
        }
    }
}

fn byte_to_col(line_prefix: &str, enc: Encoding) -> u32 {
    match enc {
        Encoding::Utf8 => line_prefix.len() as u32,
        Encoding::Utf16 => line_prefix.chars().map(|c| c.len_utf16() as u32).sum(),
    }
}

/// A byte offset in `text` for an LSP position (clamped).
pub fn offset(text: &str, lines: &LineIndex, pos: Position, enc: Encoding) -> usize {
    let line = pos.line as usize;
    if line >= lines.line_count() {
        return text.len();
    }
    let start = lines.line_start(line);
    let end = if line + 1 < lines.line_count() {
        lines.line_start(line + 1)
    } else {
        text.len()
    };
    start + col_to_byte(&text[start..end], pos.character, enc)
}

/// The LSP position of a byte offset (clamped to the text, rounded down to a
/// character boundary).
pub fn position(text: &str, lines: &LineIndex, offset: usize, enc: Encoding) -> Position {
    let offset = crate::syntax::text::floor_char_boundary(text, offset.min(text.len()));
    let line = lines.line_of(offset);
    let start = lines.line_start(line).min(offset);
    Position::new(line as u32, byte_to_col(&text[start..offset], enc))
}

pub fn range(text: &str, lines: &LineIndex, span: Span, enc: Encoding) -> Range {
    Range::new(
        position(text, lines, span.start, enc),
        position(text, lines, span.end, enc),
    )
}

/// A char index in a rope for an LSP position (clamped): for applying edits.
pub fn rope_char(rope: &Rope, pos: Position, enc: Encoding) -> usize {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return rope.len_chars();
    }
    let line_start = rope.line_to_char(line);
    let slice = rope.line(line);
    let s: std::borrow::Cow<str> = slice.into();
    let b = col_to_byte(&s, pos.character, enc);
    line_start + s[..b].chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_and_utf8_on_non_ascii() {
        let text = "¶B. STATE 633\nx⁸ y’z 𝄞 w\n";
        let lines = LineIndex::new(text);
        let at = text.find('y').unwrap();
        let p16 = position(text, &lines, at, Encoding::Utf16);
        let p8 = position(text, &lines, at, Encoding::Utf8);
        assert_eq!((p16.line, p16.character), (1, 3));
        assert_eq!((p8.line, p8.character), (1, 5));
        assert_eq!(offset(text, &lines, p16, Encoding::Utf16), at);
        assert_eq!(offset(text, &lines, p8, Encoding::Utf8), at);
        let w = text.find('w').unwrap();
        let p = position(text, &lines, w, Encoding::Utf16);
        assert_eq!(p.character, 10); // 𝄞 is two UTF-16 units
        assert_eq!(offset(text, &lines, p, Encoding::Utf16), w);
    }

    #[test]
    fn clamping() {
        let text = "abc\r\ndef";
        let lines = LineIndex::new(text);
        assert_eq!(
            offset(text, &lines, Position::new(0, 99), Encoding::Utf16),
            3
        );
        assert_eq!(
            offset(text, &lines, Position::new(9, 0), Encoding::Utf16),
            text.len()
        );
        // Inside a multi-byte char in UTF-8: rounded down.
        let t2 = "é";
        let l2 = LineIndex::new(t2);
        assert_eq!(offset(t2, &l2, Position::new(0, 1), Encoding::Utf8), 0);
        let rope = Rope::from_str(text);
        assert_eq!(rope_char(&rope, Position::new(0, 99), Encoding::Utf16), 3);
        assert_eq!(
            rope_char(&rope, Position::new(7, 0), Encoding::Utf16),
            rope.len_chars()
        );
    }
}
