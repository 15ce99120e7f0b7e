//! proptest over the position conversions (LSP line/character <-> byte offsets,
//! UTF-8 and UTF-16): round trips on every character boundary, clamping of any
//! position, and agreement with the rope the document store edits.

use cable_lsp::server::position::{offset, position, rope_char, Encoding};
use cable_lsp::syntax::LineIndex;
use proptest::prelude::*;
use tower_lsp::lsp_types::Position;

/// Text made of the pieces that make conversions hard: multibyte characters of
/// one, two, three and four UTF-8 bytes (a surrogate pair in UTF-16), CRLF and
/// lone CR line ends.
fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("a"),
            Just(" "),
            Just("\n"),
            Just("\r\n"),
            Just("\r"),
            Just("é"),
            Just("¶"),
            Just("’"),
            Just("⁸"),
            Just("©"),
            Just("𝄞"),
            Just("😀"),
            Just("REF A"),
            Just("\t"),
        ],
        0..80,
    )
    .prop_map(|v| v.concat())
}

fn encodings() -> [Encoding; 2] {
    [Encoding::Utf8, Encoding::Utf16]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(2000)))]

    #[test]
    fn every_boundary_round_trips(t in text()) {
        let lines = LineIndex::new(&t);
        for enc in encodings() {
            for (i, _) in t.char_indices().chain(std::iter::once((t.len(), ' '))) {
                // Inside a CRLF the offset means the line's end: skip that one.
                if i > 0 && t.as_bytes()[i - 1] == b'\r' && t.as_bytes().get(i) == Some(&b'\n') {
                    continue;
                }
                let p = position(&t, &lines, i, enc);
                prop_assert_eq!(offset(&t, &lines, p, enc), i, "{:?} at {} ({:?})", t, i, enc);
            }
        }
    }

    #[test]
    fn any_position_lands_on_a_boundary_and_agrees_with_the_rope(
        t in text(), line in prop_oneof![0u32..12, Just(u32::MAX)], ch in prop_oneof![0u32..40, Just(u32::MAX)]
    ) {
        let lines = LineIndex::new(&t);
        let rope = ropey::Rope::from_str(&t);
        for enc in encodings() {
            let pos = Position { line, character: ch };
            let o = offset(&t, &lines, pos, enc);
            prop_assert!(o <= t.len() && t.is_char_boundary(o), "{:?} {:?} -> {}", t, pos, o);
            let r = rope.char_to_byte(rope_char(&rope, pos, enc));
            prop_assert_eq!(r, o, "rope and text disagree on {:?} in {:?} ({:?})", pos, t, enc);
        }
    }
}
