//! Line-level lexing: page lines and other print noise, markdown list prefixes, and
//! paragraph / bullet labels through OCR and Markdown damage.

use super::marking::Level;
use super::text::{Line, Span};

/// A line as the parser sees it: where its text is once print noise is cut out.
#[derive(Debug, Clone, PartialEq)]
pub struct LineInfo {
    pub line: Line,
    /// The parts of the line that are text (noise removed), each trimmed.
    pub segs: smallvec::SmallVec<[Span; 1]>,
    /// Noise cut from this line (page headers, section banners, ...).
    pub noise: Option<Span>,
}

impl LineInfo {
    pub fn is_blank(&self) -> bool {
        self.segs.is_empty()
    }
    /// The first text segment (the whole trimmed line, usually).
    pub fn first(&self) -> Option<Span> {
        self.segs.first().copied()
    }
    /// The text of the line with noise removed, segments joined by a space.
    pub fn joined(&self, text: &str) -> String {
        let mut s = String::new();
        for seg in &self.segs {
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(seg.text(text));
        }
        s
    }
    pub fn content_span(&self) -> Option<Span> {
        Some(self.segs.first()?.cover(*self.segs.last()?))
    }
}

/// Trims ASCII and Unicode white space (and the LaTeX `$\,$` spacer) from both ends
/// of `span`.
pub fn trim(text: &str, span: Span) -> Span {
    let s = span.text(text);
    // A byte order mark left in the text (a copy's first line, files joined)
    // is no character of the line.
    let mut t = s.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    // LaTeX spacing left at a line's end (`$\,$`, `\`): rare, looked for only
    // when the line ends in one of its characters.
    while t.ends_with(['$', '\\']) {
        let before = t.len();
        t = t.trim_end_matches("$\\,$").trim_end_matches('\\').trim();
        if t.len() == before {
            break;
        }
    }
    if t.is_empty() {
        return Span::new(span.start, span.start);
    }
    let start = span.start + (t.as_ptr() as usize - s.as_ptr() as usize);
    Span::new(start, start + t.len())
}

fn words(s: &str) -> impl Iterator<Item = (usize, &str)> {
    s.split([' ', '\t'])
        .scan(0usize, |pos, w| {
            let at = *pos;
            *pos += w.len() + 1;
            Some((at, w))
        })
        .filter(|(_, w)| !w.is_empty())
}

fn is_digits(w: &str) -> bool {
    !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit())
}

fn is_word(w: &str) -> bool {
    !w.is_empty() && w.chars().all(|c| c.is_ascii_alphabetic() || c == '-')
}

/// A page header of a printout, at the start of `s`: `PAGE 02 HARARE 06677 01 OF 03
/// 291400Z`, `PAGE 02 STATE 103767 061346Z`. Returns its byte length.
pub(crate) fn page_prefix(s: &str) -> Option<usize> {
    let mut it = words(s);
    let (_, w) = it.next()?;
    if !w.eq_ignore_ascii_case("PAGE") {
        return None;
    }
    let (_, n) = it.next()?;
    if !is_digits(n) || n.len() > 3 {
        return None;
    }
    let mut origin_words = 0;
    let mut end;
    loop {
        let (at, w) = it.next()?;
        end = at + w.len();
        if is_word(w) {
            origin_words += 1;
            if origin_words > 4 {
                return None;
            }
            continue;
        }
        if origin_words == 0 || !is_digits(w) {
            return None;
        }
        break;
    }
    // Optional `NN OF NN`, then an optional `DDHHMMZ`.
    let rest: Vec<(usize, &str)> = it.take(4).collect();
    let mut k = 0;
    if rest.len() >= 3
        && is_digits(rest[0].1)
        && rest[1].1.eq_ignore_ascii_case("OF")
        && is_digits(rest[2].1)
    {
        end = rest[2].0 + rest[2].1.len();
        k = 3;
    }
    if let Some(&(at, w)) = rest.get(k) {
        if w.len() == 7 && w.is_ascii() && is_digits(&w[..6]) && w.ends_with(['Z', 'z']) {
            end = at + w.len();
        }
    }
    Some(end)
}

/// A page's number on a line of its own, as a word processor prints it
/// (`- 2 -`), or the stamp a FOIA release prints at the top of each page
/// (`UNCLASSIFIED U.S. Department of State Case No. F-2010-01234 Doc No.
/// C05123456 Date: 06/20/2012`). `s` is trimmed.
fn is_page_stamp(s: &str) -> bool {
    match s.as_bytes().first() {
        Some(b'-') => s[1..].strip_suffix('-').is_some_and(|n| {
            let n = n.trim_matches([' ', '\t']);
            (1..=3).contains(&n.len()) && is_digits(n)
        }),
        Some(b'U') => {
            // (In any case: a copy in capitals.)
            const CASE: &[u8] = b"DEPARTMENT OF STATE CASE NO.";
            s.len() > 40
                && s.starts_with("UNCLASSIFIED")
                && (s.as_bytes()[12..].windows(CASE.len())).any(|w| w.eq_ignore_ascii_case(CASE))
        }
        _ => false,
    }
}

/// A continuation page line: `BRASILIA 00001859 002 OF 004` (the whole line).
fn is_page_footer(s: &str) -> bool {
    // The last word is a number: most lines are turned away here, unsplit.
    if !s
        .trim_end_matches([' ', '\t'])
        .ends_with(|c: char| c.is_ascii_digit())
    {
        return false;
    }
    let ws: Vec<&str> = words(s).map(|(_, w)| w).collect();
    let n = ws.len();
    if !(4..=8).contains(&n) || !ws[n - 2].eq_ignore_ascii_case("OF") || !is_digits(ws[n - 1]) {
        return false;
    }
    let page = ws[n - 3];
    let page_ok = page.split('.').all(is_digits) && page.len() <= 5;
    let serial = ws[n - 4];
    page_ok
        && is_digits(serial)
        && serial.len() >= 5
        && n >= 5
        && ws[..n - 4].iter().all(|w| is_word(w))
}

/// Page footers inside a line (`... 09 TRIPOLI 862 TRIPOLI 00000116 001.2 OF 003 ...`):
/// an origin, an eight-digit serial, `NNN[.N] OF NNN`.
fn mid_line_footers(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let ws: Vec<(usize, &str)> = words(s).collect();
    for k in 2..ws.len().saturating_sub(1) {
        if !ws[k].1.eq_ignore_ascii_case("OF") {
            continue;
        }
        let (page, serial, total) = (ws[k - 1].1, ws[k - 2].1, ws[k + 1].1);
        let page_ok = page.len() >= 3 && page.split('.').all(is_digits);
        if !(page_ok
            && is_digits(total)
            && total.len() == 3
            && is_digits(serial)
            && serial.len() == 8
            && k >= 3)
        {
            continue;
        }
        // The origin: up to four words before the serial.
        let mut st = k - 2;
        while st > 0
            && k - 2 - (st - 1) <= 4
            && is_word(ws[st - 1].1)
            && ws[st - 1]
                .1
                .chars()
                .all(|c| c.is_ascii_uppercase() || c == '-')
        {
            st -= 1;
        }
        if st == k - 2 {
            continue;
        }
        out.push((ws[st].0, ws[k + 1].0 + total.len()));
    }
    out
}

/// `------------------A54E38  291401Z /38` and office distribution lists
/// (`INFO LOG-00 NP-00 AID-00 ...`, `ACTION AF-00`) of old printouts.
fn is_print_routing(s: &str) -> bool {
    let t = s.trim();
    // Every routing form has a `-` or a `/`: most lines are turned away here.
    if memchr::memchr2(b'-', b'/', t.as_bytes()).is_none() {
        return false;
    }
    if t.starts_with("----------") && !t.trim_start_matches('-').is_empty() && t.contains('Z') {
        return true;
    }
    // `ABC-01` (an office and its copies, under ten: `F-35` is a jet), or
    // `/...W`.
    let office = |w: &str| {
        let w = w.as_bytes();
        match memchr::memchr(b'-', w) {
            Some(p) => {
                let (a, b) = (&w[..p], &w[p + 1..]);
                !a.is_empty()
                    && a.iter().all(u8::is_ascii_uppercase)
                    && b.len() == 2
                    && b[0] == b'0'
                    && b[1].is_ascii_digit()
            }
            None => false,
        }
    };
    // `INFO` or `ACTION` and five offices: a distribution list, whatever a
    // copy glued after it (00HARARE6677's next section's DTG, FM and TO).
    let mut ws = words(t).map(|(_, w)| w);
    if matches!(ws.next(), Some("INFO" | "ACTION")) && ws.take(5).filter(|w| office(w)).count() == 5
    {
        return true;
    }
    // Seven words in ten must hold a `-` or `/`: prose is turned away by
    // counting words (runs between spaces and tabs) and those bytes.
    let (mut n_words, mut marks, mut after_sep) = (0usize, 0usize, true);
    for &b in t.as_bytes() {
        let sep = b == b' ' || b == b'\t';
        n_words += usize::from(!sep && after_sep);
        after_sep = sep;
        marks += usize::from(b == b'-' || b == b'/');
    }
    if marks * 10 < n_words.saturating_sub(1).max(1) * 7 {
        return false;
    }
    let (mut n, mut count) = (0usize, 0usize);
    for (_, w) in words(t) {
        n += 1;
        if office(w) || w.starts_with('/') && w.ends_with('W') {
            count += 1;
        }
    }
    if n == 0 {
        return false;
    }
    count >= 1 && count * 10 >= (n - 1).max(1) * 7
}

/// A line that is only a classification word, as printed at the top and bottom of
/// each page (` CONFIDENTIAL`, ` CONFIDENTIAL PTQ1865`).
pub fn level_only_line(s: &str) -> Option<Level> {
    // `SECRET//NOFORN`: the caveats after `//` do not change the level.
    let s = s.split("//").next().unwrap_or(s);
    let ws: Vec<&str> = words(s.trim()).map(|(_, w)| w).collect();
    let (lvl, used) = level_words(&ws)?;
    let rest = &ws[used..];
    let ok = rest.is_empty()
        || (rest.len() == 1 && rest[0].chars().any(|c| c.is_ascii_digit()) && rest[0].len() <= 10);
    ok.then_some(lvl.0)
}

/// How a classification word was written at the start of a banner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LevelWord(pub Level, pub bool /* damaged spelling */);

fn edit_distance_le1(a: &[u8], b: &[u8]) -> bool {
    if a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let (mut i, mut j, mut edits) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            i += 1;
            j += 1;
            continue;
        }
        edits += 1;
        if edits > 1 {
            return false;
        }
        match a.len().cmp(&b.len()) {
            std::cmp::Ordering::Greater => i += 1,
            std::cmp::Ordering::Less => j += 1,
            std::cmp::Ordering::Equal => {
                i += 1;
                j += 1;
            }
        }
    }
    edits + (a.len() - i) + (b.len() - j) <= 1
}

/// A cheap test that a line may start with a classification word (any spelling
/// `level_words` accepts): used to skip the full banner parse on ordinary lines.
pub fn may_start_with_level(s: &str) -> bool {
    let mut letters = [0u8; 8];
    let mut n = 0;
    for b in s.bytes().take(40) {
        // OCR's digits for letters (`C 0 N F I D E N T 1 A L`).
        let b = match b {
            b'0' => b'O',
            b'1' => b'I',
            b'5' => b'S',
            b => b,
        };
        if b.is_ascii_alphabetic() {
            letters[n] = b.to_ascii_uppercase();
            n += 1;
            if n == letters.len() {
                break;
            }
        } else if b != b' ' && b != b'\t' {
            break;
        }
    }
    if n < 5 {
        return false;
    }
    // Each word's first letters packed in a u64, compared under a mask: the
    // line's letters must start like the word, as far as both go.
    const fn pack(w: &[u8]) -> (u64, usize) {
        let mut v = 0u64;
        let mut i = 0;
        while i < w.len() {
            v |= (w[i] as u64) << (8 * i);
            i += 1;
        }
        (v, w.len())
    }
    const WORDS: [(u64, usize); 14] = [
        pack(b"CONFIDEN"),
        pack(b"ONFIDENT"),
        pack(b"CCONFIDE"),
        pack(b"SECRET"),
        pack(b"ECRET"),
        pack(b"SSECRET"),
        pack(b"UNCLAS"),
        pack(b"NCLAS"),
        pack(b"UUNCLAS"),
        pack(b"TOPSECRE"),
        pack(b"SECRT"),
        pack(b"SECET"),
        pack(b"SECRE"),
        pack(b"LIMITEDO"),
    ];
    let l = u64::from_le_bytes(letters);
    WORDS.iter().any(|&(w, len)| {
        let m = len.min(n);
        let mask = if m == 8 {
            u64::MAX
        } else {
            (1u64 << (8 * m)) - 1
        };
        (l ^ w) & mask == 0
    })
}

/// Reads a classification word at the start of `ws`, spaced (`C O N F I D E N T I A
/// L`) or not, in any case, tolerating one wrong, missing or doubled letter.
/// Returns the level and how many words it used.
pub fn level_words(ws: &[&str]) -> Option<(LevelWord, usize)> {
    // The letters read, upper-cased on the stack: the longest word is 12
    // letters and one more is tolerated, so a longer join matches nothing.
    const CAP: usize = 13;
    let mut buf = [0u8; CAP];
    let mut len = 0;
    let mut push = |s: &str, len: &mut usize| {
        for &b in s.as_bytes() {
            if let Some(x) = buf.get_mut(*len) {
                *x = b.to_ascii_uppercase();
            }
            *len += 1;
        }
    };
    let mut used = 0;
    let mut misread = false;
    // Spaced letters: join single-letter words (and a doubled first letter: `CC O N`).
    if ws.len() > 3 && ws[0].len() == 2 && ws[1].chars().count() == 1 && ws[2].chars().count() == 1
    {
        push(ws[0], &mut len);
        used = 1;
    }
    // A digit OCR read for a letter counts as the letter (`C 0 N F I D E N
    // T 1 A L`).
    while let Some(c) = (ws.get(used))
        .filter(|w| w.chars().count() == 1)
        .and_then(|w| w.chars().next())
    {
        let letter = match c {
            '0' => "O",
            '1' => "I",
            '5' => "S",
            _ if c.is_alphabetic() => ws[used],
            _ => break,
        };
        misread |= !c.is_alphabetic();
        push(letter, &mut len);
        used += 1;
    }
    if used < 3 || len < 3 {
        len = 0;
        used = 0;
    }
    if used == 0 {
        let w = *ws.first()?;
        let t = w.trim_end_matches(|c: char| !c.is_alphabetic());
        used = 1;
        if t.eq_ignore_ascii_case("TOP")
            && ws.get(1).is_some_and(|w| w.eq_ignore_ascii_case("SECRET"))
        {
            return Some((LevelWord(Level::TS, false), 2));
        }
        // `LIMITED OFFICIAL USE`: the State Department's control marking
        // before SBU, a banner of its own in older cables (ranks as U).
        let word = |k: usize, want: &str| {
            ws.get(k).is_some_and(|w| {
                w.trim_end_matches(|c: char| !c.is_alphabetic())
                    .eq_ignore_ascii_case(want)
            })
        };
        if t.eq_ignore_ascii_case("LIMITED") && word(1, "OFFICIAL") && word(2, "USE") {
            return Some((LevelWord(Level::U, false), 3));
        }
        push(t, &mut len);
    }
    let up = buf.get(..len)?;
    const WORDS: &[(&[u8], Level)] = &[
        (b"CONFIDENTIAL", Level::C),
        (b"SECRET", Level::S),
        (b"TOPSECRET", Level::TS),
        (b"UNCLASSIFIED", Level::U),
        (b"UNCLAS", Level::U),
    ];
    for (w, l) in WORDS {
        if up == *w {
            return Some((LevelWord(*l, misread), used));
        }
    }
    if up.len() >= 5 {
        for (w, l) in WORDS {
            if edit_distance_le1(up, w) {
                return Some((LevelWord(*l, true), used));
            }
        }
    }
    None
}

/// The classification alone on a (trimmed) line, and at most a short word
/// (` CONFIDENTIAL PTQ1865`): a printout's page head or foot when the lexer has
/// not already cut it out as one.
pub fn is_lone_level(s: &str) -> bool {
    s.len() <= 40 && may_start_with_level(s) && level_only_line(s).is_some()
}

/// A line that is only the classification, printed at the foot of a page: the
/// next line starts the next page (`PAGE 02 STATE 169472`, a page footer) or
/// repeats the classification (`LIMITED OFFICIAL USE` twice before the page
/// line in printouts of the 1970s).
fn is_page_break_level(text: &str, lines: &[Line], i: usize, s: &str) -> bool {
    // A classification and at most a short word: 40 bytes or so.
    if s.len() > 48 || !may_start_with_level(s) || level_only_line(s).is_none() {
        return false;
    }
    let Some(next) = lines.get(i + 1) else {
        return false;
    };
    let next = trim(text, next.span()).text(text);
    page_prefix(next).is_some() || is_page_footer(next) || level_only_line(next).is_some()
}

/// Cuts print noise out of every line.
pub fn lex_lines(text: &str, lines: &[Line]) -> Vec<LineInfo> {
    (0..lines.len()).map(|i| lex_line(text, lines, i)).collect()
}

/// Cuts print noise out of line `i` (the next line is looked at too: a
/// classification word before a page header belongs to the header).
pub fn lex_line(text: &str, lines: &[Line], i: usize) -> LineInfo {
    let line = &lines[i];
    {
        let span = trim(text, line.span());
        let s = span.text(text);
        let mut info = LineInfo {
            line: *line,
            segs: smallvec::SmallVec::new(),
            noise: None,
        };
        if s.is_empty() {
            return info;
        }
        if is_page_footer(s)
            || is_print_routing(s)
            || is_page_stamp(s)
            || is_page_break_level(text, lines, i, s)
        {
            info.noise = Some(span);
            return info;
        }
        // Page headers and footers anywhere in the line, after a word boundary.
        // Each holds a number: a line without a digit (most of them) has none.
        let mut noise: Vec<(usize, usize, bool)> = Vec::new(); // (at, end, cuts the rest)
        let has_digit = s.bytes().fold(false, |d, b| d | b.is_ascii_digit());
        let mut from = if has_digit { 0 } else { s.len() };
        while from < s.len() {
            let Some(p) = memchr::memchr2(b'P', b'p', &s.as_bytes()[from..]) else {
                break;
            };
            let at = from + p;
            from = at + 1;
            if at > 0 && !s[..at].ends_with([' ', '\t'])
                || !(s.as_bytes().get(at..at + 4)).is_some_and(|w| w.eq_ignore_ascii_case(b"PAGE"))
            {
                continue;
            }
            if let Some(len) = page_prefix(&s[at..]) {
                // "PAGE 01" starts a new printed section: the rest of its line is
                // routing junk.
                let first_page = s[at..]
                    .split_whitespace()
                    .nth(1)
                    .is_some_and(|n| n.trim_start_matches('0') == "1");
                noise.push((at, if first_page { s.len() } else { at + len }, first_page));
                from = at + len;
                if first_page {
                    break;
                }
            }
        }
        static OF: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
            std::sync::LazyLock::new(|| memchr::memmem::Finder::new(" OF "));
        if has_digit && OF.find(s.as_bytes()).is_some() {
            noise.extend(mid_line_footers(s).into_iter().map(|(a, e)| (a, e, false)));
        }
        noise.sort_unstable();
        if noise.is_empty() {
            info.segs.push(span);
        } else {
            let mut pos = 0;
            for &(at, e, _) in &noise {
                if at < pos {
                    continue;
                }
                // A classification word printed just before the page header.
                let mut seg_end = at;
                let before = s[pos..at].trim_end();
                if let Some(w) = before.rsplit([' ', '\t']).next() {
                    if !w.is_empty() && level_only_line(w).is_some() && before.len() > w.len() {
                        seg_end = pos + before.len() - w.len();
                    }
                }
                let t = trim(text, Span::new(span.start + pos, span.start + seg_end));
                if !t.is_empty() {
                    info.segs.push(t);
                }
                let n = Span::new(span.start + seg_end, span.start + e);
                info.noise = Some(info.noise.map_or(n, |x| x.cover(n)));
                pos = e;
            }
            let t = trim(text, Span::new(span.start + pos, span.end));
            if !t.is_empty() {
                info.segs.push(t);
            }
        }
        // A classification word left at the end of the line before a page header.
        if i + 1 < lines.len() {
            let next = trim(text, lines[i + 1].span()).text(text);
            if page_prefix(next).is_some() || is_page_footer(next) {
                if let Some(last) = info.segs.last_mut() {
                    let t = last.text(text);
                    if let Some(p) = t.rfind([' ', '\t']) {
                        let tail = t[p..].trim();
                        if level_only_line(tail).is_some() && !t[..p].trim().is_empty() {
                            let cut = Span::new(last.start + p, last.end);
                            *last = trim(text, Span::new(last.start, last.start + p));
                            info.noise = Some(info.noise.map_or(cut, |n| n.cover(cut)));
                        }
                    }
                }
            }
        }
        info
    }
}

/// How a label's number or letter was damaged in the copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LabelDamage {
    /// `¶3.`: a WikiLeaks paragraph anchor kept as a pilcrow.
    Pilcrow,
    /// `13.` for `¶3`, `1D.` for `¶D`: the pilcrow read by OCR as the digit 1.
    OcrPilcrow,
    /// `$\P 1$.`, `$\underline{\ }^{4}$.`: the label through OCR to LaTeX.
    Latex,
    /// `[2](#).`: an HTML anchor turned into a Markdown link.
    MarkdownLink,
    /// `- 13.`: the paragraph turned into a Markdown list item.
    ListItem,
}

/// A paragraph or bullet label at the start of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Bytes from the start of the trimmed line to the end of the label (the dot).
    pub len: usize,
    /// Where the label proper starts (after a list marker).
    pub at: usize,
    pub value: LabelValue,
    pub damage: Option<LabelDamage>,
    /// A list marker (`- `) stood before the label.
    pub list_item: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelValue {
    /// Digits as written (`11` for an OCR'd `¶1`: recovery happens later).
    Number(u32, u8 /* digit count */),
    Letter(char),
}

/// The length of a Markdown list marker (`- `, `* `, `+ `) at the start of `s`.
pub fn list_marker(s: &str) -> usize {
    let b = s.as_bytes();
    if b.len() >= 2
        && matches!(b[0], b'-' | b'*' | b'+' | b'\xe2')
        && (b[1] == b' ' || b[1] == b'\t')
    {
        let rest = s[2..].trim_start();
        // `--` talking points and `- --` are handled by the caller.
        return s.len() - rest.len();
    }
    if let Some(rest) = s.strip_prefix("• ") {
        return s.len() - rest.trim_start().len();
    }
    0
}

fn label_end(s: &str, at: usize) -> Option<usize> {
    // The label's terminator: `.` or `)`, then space, `(` or the end of the line.
    let b = s.as_bytes();
    match b.get(at) {
        Some(b'.') | Some(b')') => {}
        _ => return None,
    }
    match b.get(at + 1) {
        None | Some(b' ') | Some(b'\t') | Some(b'(') => Some(at + 1),
        Some(b'-') if b.get(at + 2) == Some(&b'-') => Some(at + 1),
        _ => None,
    }
}

/// Recognises a paragraph or sub-paragraph label at the start of a trimmed line.
pub fn label(s: &str) -> Option<Label> {
    let lm = list_marker(s);
    let body = &s[lm..];
    let (value, damage, len) = label_core(body)?;
    Some(Label {
        len: lm + len,
        at: lm,
        value,
        damage: damage.or(if lm > 0 {
            Some(LabelDamage::ListItem)
        } else {
            None
        }),
        list_item: lm > 0,
    })
}

fn label_core(s: &str) -> Option<(LabelValue, Option<LabelDamage>, usize)> {
    let b = s.as_bytes();
    // `$\P 1$.`, `$\underline{\ }^{4}$.`
    if b.first() == Some(&b'$') {
        let close = s[1..].find('$').filter(|&p| p < 60)? + 1;
        let inner = &s[1..close];
        let value = if let Some(d) = last_number(inner) {
            LabelValue::Number(d.0, d.1)
        } else {
            let l = inner.trim_start_matches("\\P").trim();
            let c = l
                .chars()
                .next()
                .filter(|c| c.is_ascii_uppercase() && l.len() == 1)?;
            LabelValue::Letter(c)
        };
        let end = label_end(s, close + 1)?;
        return Some((value, Some(LabelDamage::Latex), end));
    }
    // `[2](#).`
    if b.first() == Some(&b'[') {
        let close = s.find("](#)").filter(|&p| p <= 6)?;
        let inner = &s[1..close];
        let value = if is_digits(inner) {
            LabelValue::Number(inner.parse().ok()?, inner.len() as u8)
        } else if inner.len() == 1 && inner.as_bytes()[0].is_ascii_alphabetic() {
            LabelValue::Letter(inner.chars().next()?)
        } else {
            return None;
        };
        let end = label_end(s, close + 4)?;
        return Some((value, Some(LabelDamage::MarkdownLink), end));
    }
    // `¶3.` / `¶B.`
    if let Some(rest) = s.strip_prefix('¶') {
        let off = s.len() - rest.len();
        let rest_t = rest.trim_start();
        let off = off + (rest.len() - rest_t.len());
        let (v, n) = digits_or_letter(rest_t)?;
        let end = label_end(s, off + n)?;
        return Some((v, Some(LabelDamage::Pilcrow), end));
    }
    // `(A)` bullets.
    if b.first() == Some(&b'(') && b.len() >= 3 && b[1].is_ascii_alphabetic() && b[2] == b')' {
        if b.get(3).is_none_or(|&c| c == b' ' || c == b'\t') {
            return Some((LabelValue::Letter(b[1] as char), None, 3));
        }
        return None;
    }
    // `1D.`: a pilcrow read as 1, then a letter.
    if b.len() >= 3 && b[0] == b'1' && b[1].is_ascii_uppercase() {
        if let Some(end) = label_end(s, 2) {
            return Some((
                LabelValue::Letter(b[1] as char),
                Some(LabelDamage::OcrPilcrow),
                end,
            ));
        }
    }
    let (v, n) = digits_or_letter(s)?;
    // `1)` numbers items inside a paragraph; paragraphs are numbered `1.`.
    if matches!(v, LabelValue::Number(..)) && s.as_bytes().get(n) == Some(&b')') {
        return None;
    }
    let end = label_end(s, n)?;
    Some((v, None, end))
}

fn digits_or_letter(s: &str) -> Option<(LabelValue, usize)> {
    let b = s.as_bytes();
    let n = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if n > 0 {
        if n > 4 || b[0] == b'0' {
            return None;
        }
        return Some((LabelValue::Number(s[..n].parse().ok()?, n as u8), n));
    }
    let c = *b.first()?;
    if c.is_ascii_alphabetic() && !b.get(1).is_some_and(|x| x.is_ascii_alphanumeric()) {
        return Some((LabelValue::Letter(c as char), 1));
    }
    None
}

fn last_number(s: &str) -> Option<(u32, u8)> {
    let end = s.rfind(|c: char| c.is_ascii_digit())? + 1;
    let start = s[..end]
        .char_indices()
        .rfind(|(_, c)| !c.is_ascii_digit())
        .map_or(0, |(p, c)| p + c.len_utf8());
    let d = &s[start..end];
    (d.len() <= 3)
        .then(|| Some((d.parse().ok()?, d.len() as u8)))
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lab(s: &str) -> Option<(LabelValue, Option<LabelDamage>)> {
        label(s).map(|l| (l.value, l.damage))
    }

    /// The quick test lets through every spelling the banner parse reads at
    /// a line's start, and turns ordinary lines away.
    #[test]
    fn a_level_word_may_start_a_line() {
        for s in [
            "CONFIDENTIAL STATE 002034",
            "C O N F I D E N T I A L",
            "CC O N F I D E N T I A L",
            "SECRET//NOFORN",
            "TOP SECRET",
            "UNCLAS SECTION 01 OF 02",
            "UNCLASSIFIED",
            "Confidential",
            "ONFIDENTIAL",
            "SSECRET",
            "SECRT",
            "SECET",
            "LIMITED OFFICIAL USE ROME 012345",
            // OCR's digits for letters.
            "C 0 N F I D E N T 1 A L SECTION 02 OF 03",
            "5ECRET",
        ] {
            assert!(may_start_with_level(s), "{s}");
        }
        for s in [
            "SECR",
            "SECURE",
            "The secret",
            "CONFIRMED",
            "1. (C) TEXT",
            "",
            "UNCLE",
            "LIMITED TIME",
        ] {
            assert!(!may_start_with_level(s), "{s}");
        }
    }

    #[test]
    fn labels_through_damage() {
        use LabelDamage::*;
        use LabelValue::*;
        assert_eq!(lab("1. (C) text"), Some((Number(1, 1), None)));
        assert_eq!(lab("11. (U) THIS"), Some((Number(11, 2), None)));
        assert_eq!(
            lab("- $\\P 1$. (U) This"),
            Some((Number(1, 1), Some(Latex)))
        );
        assert_eq!(
            lab("$\\underline{\\ }^{4}$. (C) U.S."),
            Some((Number(4, 1), Some(Latex)))
        );
        assert_eq!(
            lab("[2](#). (C/REL MTCR) BACK"),
            Some((Number(2, 1), Some(MarkdownLink)))
        );
        assert_eq!(
            lab("[B](#). 08 STATE 129729"),
            Some((Letter('B'), Some(MarkdownLink)))
        );
        assert_eq!(lab("¶B. STATE 633"), Some((Letter('B'), Some(Pilcrow))));
        assert_eq!(
            lab("1D. STATE 44438"),
            Some((Letter('D'), Some(OcrPilcrow)))
        );
        assert_eq!(
            lab("- 13. (C) BEGIN"),
            Some((Number(13, 2), Some(ListItem)))
        );
        assert_eq!(lab("A. (C) x"), Some((Letter('A'), None)));
        assert_eq!(lab("(A) x"), Some((Letter('A'), None)));
        assert_eq!(lab("1.4 (B)"), None);
        assert_eq!(lab("U.S. officials"), None);
        assert_eq!(lab("February 27, [2009](#)."), None);
        assert_eq!(lab("2009 was"), None);
    }

    #[test]
    fn page_lines_are_noise() {
        assert_eq!(
            page_prefix("PAGE 02 HARARE 06677 01 OF 03 291400Z OPPOSITION"),
            Some(37)
        );
        assert_eq!(page_prefix("PAGE 02 STATE 103767 061346Z"), Some(28));
        assert!(is_page_stamp("- 2 -"));
        assert!(is_page_stamp("-12-"));
        assert!(!is_page_stamp("- 2 - 3"));
        assert!(!is_page_stamp("-- 2 --x"));
        assert!(!is_page_stamp("- -"));
        assert!(!is_page_stamp("-- We agree -"));
        assert!(is_page_stamp(
            "UNCLASSIFIED U.S. Department of State Case No. F-2010-01234 Doc No. C05123456 Date: 06/20/2012"
        ));
        // In a copy all in capitals.
        assert!(is_page_stamp(
            "UNCLASSIFIED U.S. DEPARTMENT OF STATE CASE NO. F-2010-01234 DOC NO. C05123456 DATE: 06/20/2012"
        ));
        assert!(!is_page_stamp("UNCLASSIFIED STATE 012345"));
        assert!(is_page_footer("BRASILIA 00001859 002 OF 004"));
        assert!(is_page_footer("PRETORIA 00000954 001.2 OF 004"));
        assert!(!is_page_footer("SECTION 01 OF 03"));
        assert!(is_print_routing("------------------A54E38  291401Z /38"));
        assert!(is_print_routing("INFO  LOG-00   NP-00    AID-00   ACQ-00"));
        assert!(!is_print_routing("INFO RUEHBY/AMEMBASSY CANBERRA 0713"));
        // A list with the next section's header glued after it.
        assert!(is_print_routing(
            "INFO LOG-00 NP-00 AID-00 ACQ-00 CEA-01 /012W ---A54E56 291401Z /38 \
             O 291359Z NOV 00 FM AMEMBASSY HARARE TO SECSTATE WASHDC IMMEDIATE 7739"
        ));
        assert!(!is_print_routing(
            "INFO LOG-00 NP-00 and then some words of prose"
        ));
        assert!(is_print_routing("ACTION AF-00"));
        // An office's copies are under ten: these are a jet and a summit,
        // a subject's wrapped line.
        assert!(!is_print_routing("THE F-35"));
        assert!(!is_print_routing("AT THE G-20"));
    }

    #[test]
    fn level_words_tolerate_damage() {
        let l = |s: &str| level_words(&s.split(' ').collect::<Vec<_>>()).map(|x| (x.0 .0, x.1));
        assert_eq!(l("C O N F I D E N T I A L BERLIN"), Some((Level::C, 12)));
        assert_eq!(l("S e c r e t berlin"), Some((Level::S, 6)));
        assert_eq!(l("UUNCLAS MANAGUA"), Some((Level::U, 1)));
        assert_eq!(l("O N F I D E N T I A L BAGHDAD"), Some((Level::C, 11)));
        assert_eq!(l("CC O N F I D E N T I A L"), Some((Level::C, 12)));
        assert_eq!(l("A B C"), None);
        // One letter more than the longest word is tolerated; two are not.
        assert_eq!(l("UNCLASSSIFIED X"), Some((Level::U, 1)));
        assert_eq!(l("C O N F I D E N T I A L L"), Some((Level::C, 13)));
        assert_eq!(l("UNCLASSSSIFIED"), None);
        assert_eq!(l("C O N F I D E N T I A L L L"), None);
        assert_eq!(l("confidential//noforn"), None);
        assert_eq!(l("CONFIDENTIAL// X"), Some((Level::C, 1)));
        assert_eq!(l("Top Secret"), Some((Level::TS, 2)));
        assert_eq!(l("LIMITED OFFICIAL USE ROME"), Some((Level::U, 3)));
        assert_eq!(l("Limited Official Use."), Some((Level::U, 3)));
        assert_eq!(l("LIMITED OFFICIAL VISIT"), None);
        assert_eq!(level_only_line("LIMITED OFFICIAL USE"), Some(Level::U));
        assert_eq!(l("Ünclas X"), None);
        assert_eq!(level_only_line(" CONFIDENTIAL PTQ1865"), Some(Level::C));
        // A digit OCR read for a spaced letter is the letter, and damage.
        let d =
            |s: &str| level_words(&s.split(' ').collect::<Vec<_>>()).map(|x| (x.0 .0, x.0 .1, x.1));
        assert_eq!(
            d("C 0 N F 1 D E N T I A L ROME"),
            Some((Level::C, true, 12))
        );
        assert_eq!(d("5 E C R E T ROME"), Some((Level::S, true, 6)));
        assert_eq!(
            d("C O N F I D E N T I A L ROME"),
            Some((Level::C, false, 12))
        );
        assert_eq!(d("1 2 3 4 5 6"), None);
    }
}
