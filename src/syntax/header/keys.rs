//! The names header fields start with (`TAGS:`, `SUBJECT:`, `E.O. 12958:`, `REF:`,
//! `Classified By:`), as written or as OCR damaged them, at a line's start or inside it.

use super::*;

/// What a header line starts, if anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Key {
    Eo,
    Tags,
    Subject,
    Ref,
    ClassBy,
    Reason,
}

pub(super) fn starts_word_ci(s: &str, w: &str) -> bool {
    s.len() >= w.len()
        && s.as_bytes()[..w.len()].eq_ignore_ascii_case(w.as_bytes())
        && !s[w.len()..].starts_with(|c: char| c.is_ascii_alphanumeric())
}

/// Recognises the keyword a header field starts with; returns it and where the
/// field's value starts.
pub(crate) fn key_at_pub(s: &str) -> bool {
    key_at(s).is_some()
}

/// Does `s` start with a REF block's heading (`REF:`, `REFS:`, `REFTEL:`,
/// `PROGRAM REF:`, ...)?
pub fn starts_ref_field(s: &str) -> bool {
    key_at(s).is_some_and(|(k, _)| k == Key::Ref)
}

pub(super) fn key_at(s: &str) -> Option<(Key, usize)> {
    exact_key_at(s).or_else(|| ocr_key_at(s).map(|(k, at, _)| (k, at)))
}

/// The letters OCR of a printed page joins into one character (U+FB00-FB04:
/// ff, fi, fl, ffi, ffl), and the letter each stands for.
const LIGATURES: [&str; 5] = ["ff", "fi", "fl", "ffi", "ffl"];

/// The ligatures a field's name can hold (`Classiﬁed`: ﬁ; ﬂ too).
const FI_FL: [char; 2] = ['\u{fb01}', '\u{fb02}'];

/// `s` with each ligature (`Classiﬁed`) written as its letters, in the case of
/// the letter before it.
fn unligated(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    for ch in s.chars() {
        match ch {
            '\u{fb00}'..='\u{fb04}' => {
                let letters = LIGATURES[ch as usize - 0xfb00];
                match out.chars().last().is_some_and(|c| c.is_ascii_uppercase()) {
                    true => out.push_str(&letters.to_ascii_uppercase()),
                    false => out.push_str(letters),
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// A field's name as OCR left it, before its colon in the line's first 20
/// bytes: `SUBJ ECT:`, `TA GS:`, `Classifled By:`, `REF S:`. Its letters, with
/// the spaces dropped and the characters OCR confuses read as one (`0` and
/// `O`; `1`, `l` and `I`; `5` and `S`), spell the name; a name of seven letters
/// or more may also miss by one letter changed, left out, added or swapped with
/// the next, but not by one added at its end (`SUBJECTS:` is a word); a
/// ligature (`Classiﬁed By:`) reads as its letters. Returns
/// the key, where its value starts, and its canonical spelling.
pub(super) fn ocr_key_at(s: &str) -> Option<(Key, usize, &'static str)> {
    let b = s.as_bytes();
    if !matches!(
        b.first()?.to_ascii_uppercase(),
        b'S' | b'T' | b'C' | b'R' | b'5'
    ) {
        return None;
    }
    let colon = b.iter().take(20).position(|&c| c == b':')?;
    // A ligature (`Classiﬁed`) read as its letters.
    let name = unligated(&s[..colon]);
    let name = name.as_bytes();
    if !name.first()?.is_ascii_alphanumeric()
        || !name.iter().all(|c| c.is_ascii_alphanumeric() || *c == b' ')
    {
        return None;
    }
    let norm = |w: &[u8]| -> smallvec::SmallVec<[u8; 20]> {
        (w.iter().filter(|c| **c != b' '))
            .map(|c| match c.to_ascii_uppercase() {
                b'0' => b'O',
                b'1' | b'L' => b'I',
                b'5' => b'S',
                u => u,
            })
            .collect()
    };
    let got = norm(name);
    const NAMES: &[(&str, Key, &str)] = &[
        ("SUBJECT", Key::Subject, "SUBJECT:"),
        ("TAGS", Key::Tags, "TAGS:"),
        ("CLASSIFIEDBY", Key::ClassBy, "Classified By:"),
        ("REF", Key::Ref, "REF:"),
        ("REFS", Key::Ref, "REFS:"),
        ("REFTEL", Key::Ref, "REFTEL:"),
        ("REFERENCE", Key::Ref, "REFERENCE:"),
        ("REFERENCES", Key::Ref, "REFERENCES:"),
    ];
    let value = s.len() - s[colon + 1..].trim_start().len();
    NAMES.iter().find_map(|&(n, k, canon)| {
        let want = norm(n.as_bytes());
        let near = want.len() >= 7 && !got.starts_with(&want) && one_typo(&got, &want);
        (got == want || near).then_some((k, value, canon))
    })
}

/// Whether `a` is `b` with one letter changed, left out, added, or two next
/// to each other swapped.
pub(super) fn one_typo(a: &[u8], b: &[u8]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let p = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    if p == long.len() {
        true
    } else if short.len() == long.len() {
        let changed = short[p + 1..] == long[p + 1..];
        let swapped = p + 1 < short.len()
            && short[p] == long[p + 1]
            && short[p + 1] == long[p]
            && short[p + 2..] == long[p + 2..];
        changed || swapped
    } else {
        short[p..] == long[p + 1..]
    }
}

/// The field's name when the copy damaged it: where it stands (to its colon)
/// and how it is spelt.
pub(super) fn damaged_key(s: &str, at: usize) -> Option<(Span, &'static str)> {
    match exact_key_at(s) {
        Some((Key::ClassBy, _)) => {}
        Some(_) => return None,
        None => {
            let (_, _, canon) = ocr_key_at(s)?;
            let colon = s.find(':')?;
            return Some((Span::new(at, at + colon + 1), canon));
        }
    }
    // `Classiﬁed by`: the ligature is the damage.
    let by = s.to_ascii_uppercase().find("BY")? + 2;
    if !s[..by].contains(FI_FL) {
        return None;
    }
    if s[by..].trim_start().starts_with(':') {
        let colon = by + s[by..].find(':')?;
        return Some((Span::new(at, at + colon + 1), "Classified By:"));
    }
    let upper = s.as_bytes().get(1).is_some_and(u8::is_ascii_uppercase);
    let canon = if upper {
        "CLASSIFIED BY"
    } else {
        "Classified by"
    };
    Some((Span::new(at, at + by), canon))
}

pub(super) fn exact_key_at(s: &str) -> Option<(Key, usize)> {
    if let Some(at) = worded_ref_heading(s) {
        return Some((Key::Ref, at));
    }
    // Every key starts with one of these letters: most lines stop here (this
    // runs on every line of a header, and of a body to find its extent).
    if !matches!(
        s.as_bytes().first().map(u8::to_ascii_uppercase),
        Some(b'E' | b'T' | b'S' | b'U' | b'R' | b'C')
    ) {
        return None;
    }
    // The first 24 bytes upper-cased (cut at a character boundary): every key
    // and what the checks below read after it lies in them.
    let mut buf = [0u8; 24];
    let n = crate::syntax::text::floor_char_boundary(s, 24);
    buf[..n].copy_from_slice(&s.as_bytes()[..n]);
    buf[..n].make_ascii_uppercase();
    let up = std::str::from_utf8(&buf[..n]).unwrap_or("");
    let value_after = |n: usize| {
        let rest = &s[n..];
        let rest2 = rest.trim_start_matches([' ', '\t']);
        let rest3 = rest2.strip_prefix([':', ';', '.']).unwrap_or(rest2);
        s.len() - rest3.trim_start().len()
    };
    // E.O. 12958 / EO 12958 / E.o. 12958 / E.O.1295 / E.0. 12958
    {
        let b = up.as_bytes();
        if b.first() == Some(&b'E') {
            let mut i = 1;
            if b.get(i) == Some(&b'.') {
                i += 1;
            }
            if b.get(i) == Some(&b' ') {
                i += 1;
            }
            // `E.0. 12958`: a zero for the O.
            if b.get(i) == Some(&b'O') || i == 2 && b.get(i) == Some(&b'0') {
                i += 1;
                if b.get(i) == Some(&b'.') {
                    i += 1;
                }
                let j = i + b[i..].iter().take_while(|c| **c == b' ').count();
                let d = b[j..].iter().take_while(|c| c.is_ascii_digit()).count();
                if (4..=5).contains(&d) {
                    return Some((Key::Eo, value_after(j + d)));
                }
            }
        }
    }
    for (w, k) in [
        ("TAGS", Key::Tags),
        ("TAG", Key::Tags),
        ("TGS", Key::Tags),
        ("TAGES", Key::Tags),
        ("SUBJECT", Key::Subject),
        ("SUBJ", Key::Subject),
        ("UBJECT", Key::Subject),
        ("REF(S)", Key::Ref),
        ("REFS", Key::Ref),
        ("REFTELS", Key::Ref),
        ("REFTEL", Key::Ref),
        ("REFERENCES", Key::Ref),
        ("REFERENCE", Key::Ref),
        ("REF", Key::Ref),
    ] {
        if up.starts_with(w) && (starts_word_ci(s, w) || w.ends_with(')')) {
            let n = w.len();
            let after = s[n..].trim_start_matches([' ', '\t']);
            let colon = after.starts_with([':', ';'])
                || (k == Key::Ref
                    && after.starts_with(". ")
                    && looks_like_ref_start(after[2..].trim_start()));
            match k {
                Key::Subject | Key::Ref if w != "REF(S)" && !colon => {
                    // `SUBJECT FOO` is rare but real; `REF A. X` too. Without a colon,
                    // ask for something that looks like the field.
                    if k == Key::Ref
                        && !(after.is_empty()
                            || looks_like_ref_start(after)
                            || refs::ref_line_bullet(s).is_some())
                    {
                        continue;
                    }
                    if k == Key::Subject && w != "SUBJECT" {
                        continue;
                    }
                }
                Key::Tags if !colon && after.is_empty() => continue,
                _ => {}
            }
            return Some((k, value_after(n)));
        }
    }
    let classified = |up: &str| up.starts_with("CLASSIFIED BY") || up.starts_with("CLASSIFIED  BY");
    // (A ligature from OCR, `Classiﬁed by`, is read as its letters.)
    let ligated = || up.starts_with('C') && up.contains(FI_FL);
    if classified(up) || ligated() && classified(&unligated(up)) {
        let n = s.to_ascii_uppercase().find("BY").unwrap_or(0) + 2;
        return Some((Key::ClassBy, value_after(n)));
    }
    if up.starts_with("REASON") {
        let after = up
            .trim_start_matches("REASONS")
            .trim_start_matches("REASON");
        let after = after.trim_start_matches([':', ' ']);
        if after.starts_with("1.") || after.starts_with("1,") || after.starts_with("14") {
            let n = if up.starts_with("REASONS") { 7 } else { 6 };
            return Some((Key::Reason, value_after(n)));
        }
    }
    None
}

/// `PROGRAM REF: A. STATE 1 ...`: one word in capitals before a REF heading
/// with its colon, and an item after it. Returns where the value starts. Reads
/// at most the line's first 24 bytes before the item, and nothing of a line
/// whose first word is not in capitals.
pub(super) fn worded_ref_heading(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let word = b
        .iter()
        .take(13)
        .take_while(|c| c.is_ascii_uppercase())
        .count();
    if !(2..=12).contains(&word) || b.get(word) != Some(&b' ') {
        return None;
    }
    let rest = &s[word + 1..];
    let key = ["REFTELS", "REFTEL", "REFS", "REF"]
        .into_iter()
        .find(|k| rest.starts_with(k))?;
    let value = rest[key.len()..].strip_prefix(':')?.trim_start();
    if matches!(
        &b[..word],
        b"REF" | b"REFS" | b"REFTEL" | b"SEE" | b"PER" | b"IN"
    ) || !looks_like_ref_start(value)
    {
        return None;
    }
    Some(s.len() - value.len())
}

pub(super) fn looks_like_ref_start(s: &str) -> bool {
    label(s).is_some_and(|l| matches!(l.value, LabelValue::Letter(_)))
        || ids::parse_cable_citation(s).is_some()
}

/// The fields that may follow the E.O. line's DECL date on its line
/// (`E.O. 12958: DECL: 01/01/2019 TAGS: PREL`).
pub(super) const AFTER_EO: &[&str] = &["TAGS", "TAG", "SUBJECT"];

/// Where a keyword of another field starts inside a header line (`... TAGS: X`,
/// `SUBJECT: X REF: Y`): the byte offset, for the keys that may share a line.
pub(super) fn inline_key(s: &str, keys: &[&str]) -> Option<usize> {
    let b = s.as_bytes();
    // Where `k` (in capitals) stands at or after `from`, in any case.
    let find = |k: &[u8], from: usize| {
        (from..(b.len() + 1).saturating_sub(k.len())).find(|&at| {
            b[at].to_ascii_uppercase() == k[0] && b[at..at + k.len()].eq_ignore_ascii_case(k)
        })
    };
    keys.iter()
        .filter_map(|k| {
            let mut from = 0;
            while let Some(at) = find(k.as_bytes(), from) {
                let before_ok = at > 0
                    && (b[at - 1] == b' '
                        || b[at - 1].is_ascii_alphabetic() && k.starts_with("REF"));
                if before_ok && key_at(&s[at..]).is_some() {
                    return Some(at);
                }
                from = at + k.len();
            }
            None
        })
        .chain(ocr_inline_key(s, keys))
        .min()
}

/// Where a field's name damaged by OCR (`E.O. 12958: N/A TA GS: PREL`)
/// starts inside a header line, for the keys of `keys` with a colon: a word
/// after a space, up to a colon, read by [`ocr_key_at`] (`TAGS:` and `CLASSIFIED
/// BY` stand for their damaged spellings, `TA GS:`, `Classfied By:`).
pub(super) fn ocr_inline_key(s: &str, keys: &[&str]) -> Option<usize> {
    let b = s.as_bytes();
    let colons = memchr::memchr_iter(b':', b).filter(|&c| c > 1);
    colons
        .filter_map(|c| {
            (c.saturating_sub(14)..c).find(|&at| {
                at > 0
                    && b[at - 1] == b' '
                    && b[at].is_ascii_alphanumeric()
                    && damaged_key(&s[at..], 0).is_some()
                    && ocr_key_at(&s[at..]).is_some_and(|(_, _, canon)| {
                        let name = canon.trim_end_matches(':');
                        keys.iter()
                            .any(|k| k.trim_end_matches(':').eq_ignore_ascii_case(name))
                    })
            })
        })
        .next()
}
