//! HTML tags a web page's copy leaves in a cable's text: `<br>` at each
//! line's end, `<pre>` before the text and `</pre>` after it, `<p>` opening a
//! paragraph; and the entity of a no-break space left undecoded (`&nbsp;`).
//! The parser reads each as spaces (as many bytes), so that every offset
//! stays the same; the diagnostics report each with its repair.

/// The tags a page's markup wraps text in or breaks it with. Others (`<b>`,
/// `<a href=...>`) stand inside the text, where a cable may write `<` too.
const NAMES: &[&[u8]] = &[
    b"br",
    b"p",
    b"pre",
    b"div",
    b"span",
    b"hr",
    b"html",
    b"body",
    b"tt",
    b"code",
    b"font",
    b"center",
    b"blockquote",
];

/// The longest tag read (its attributes included).
const MAX_TAG: usize = 200;

/// The length of the tag `s` opens with (`<br>`, `<br />`, `</pre>`, `<pre
/// class="x">`), if it is one of [`NAMES`].
fn tag_len(s: &[u8]) -> Option<usize> {
    let rest = s.strip_prefix(b"<")?;
    let rest = rest.strip_prefix(b"/").unwrap_or(rest);
    let name = rest.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    if !NAMES.iter().any(|n| n.eq_ignore_ascii_case(&rest[..name])) {
        return None;
    }
    let opened = s.len() - rest.len() + name;
    match s.get(opened)? {
        b'>' => Some(opened + 1),
        b' ' | b'\t' | b'/' => {
            let close = (s[opened..].iter().take(MAX_TAG))
                .position(|c| matches!(c, b'>' | b'<' | b'\n' | b'\r'))?;
            (s[opened + close] == b'>').then_some(opened + close + 1)
        }
        _ => None,
    }
}

/// The HTML tags of `text` the parser reads as spaces, in text order (start,
/// end): on each line, those before its first other character and those
/// after its last (so a line of tags alone reads as a blank line), not those
/// inside its text.
pub fn html_tags(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut next = 0;
    for at in memchr::memchr_iter(b'<', b) {
        if at < next {
            continue;
        }
        let start = memchr::memrchr2(b'\n', b'\r', &b[..at]).map_or(0, |p| p + 1);
        let end = memchr::memchr2(b'\n', b'\r', &b[at..]).map_or(b.len(), |p| at + p);
        next = end;
        let blank = |c: &u8| matches!(c, b' ' | b'\t');
        // From the line's start.
        let mut i = start;
        let first = out.len();
        loop {
            i += b[i..end].iter().take_while(|c| blank(c)).count();
            match tag_len(&b[i..end]) {
                Some(n) => {
                    out.push((i, i + n));
                    i += n;
                }
                None => break,
            }
        }
        // From the line's end, back to those found from its start.
        let mut j = end;
        let mut tail = Vec::new();
        loop {
            j -= b[i..j].iter().rev().take_while(|c| blank(c)).count();
            if j <= i || b[j - 1] != b'>' {
                break;
            }
            let Some(lt) = memchr::memrchr(b'<', &b[i..j]).map(|p| i + p) else {
                break;
            };
            if tag_len(&b[lt..j]) != Some(j - lt) {
                break;
            }
            tail.push((lt, j));
            j = lt;
        }
        debug_assert!(out[first..].iter().all(|t| tail.iter().all(|u| t.1 <= u.0)));
        out.extend(tail.into_iter().rev());
    }
    out
}

/// The spellings of a no-break space's entity, each six bytes.
const NBSP: [&[u8]; 3] = [b"&nbsp;", b"&#160;", b"&#xa0;"];

/// Where the entities of a no-break space a web page's copy left undecoded
/// (`1.&nbsp; (C)`, `TAGS:&nbsp;PREL`: `&nbsp;`, `&#160;`, `&#xA0;`) start,
/// in text order; each is six bytes long.
pub fn nbsp_entities(text: &str) -> impl Iterator<Item = usize> + '_ {
    let b = text.as_bytes();
    memchr::memchr_iter(b'&', b).filter(move |&at| {
        (b.get(at..at + 6)).is_some_and(|e| NBSP.iter().any(|n| n.eq_ignore_ascii_case(e)))
    })
}

/// `text` with each of [`html_tags`] and [`nbsp_entities`] as spaces; `None`
/// when there is none.
pub fn without_html_tags(text: &str) -> Option<String> {
    let mut found = html_tags(text);
    found.extend(nbsp_entities(text).map(|at| (at, at + 6)));
    if found.is_empty() {
        return None;
    }
    let mut b = text.as_bytes().to_vec();
    for (s, e) in found {
        b[s..e].fill(b' ');
    }
    // Only whole ASCII tags were replaced, by as many spaces.
    Some(String::from_utf8(b).unwrap_or_else(|_| text.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(t: &str) -> Vec<&str> {
        html_tags(t).into_iter().map(|(s, e)| &t[s..e]).collect()
    }

    #[test]
    fn tags_at_a_lines_ends_are_found() {
        assert_eq!(
            tags("SUBJECT: X<br>\nY<br />\r\nZ<BR/> \n"),
            ["<br>", "<br />", "<BR/>"]
        );
        assert_eq!(tags("<pre>\nTEXT\n</pre>\n"), ["<pre>", "</pre>"]);
        assert_eq!(
            tags("<pre class=\"cable\">VZCZC\nHELMS</pre>"),
            ["<pre class=\"cable\">", "</pre>"]
        );
        assert_eq!(tags("  <p>1. (C) Text.</p>\n"), ["<p>", "</p>"]);
        assert_eq!(
            tags("</div></body></html>"),
            ["</div>", "</body>", "</html>"]
        );
        assert_eq!(tags("<p><br>"), ["<p>", "<br>"]);
    }

    #[test]
    fn other_angle_brackets_are_text() {
        for same in [
            "<<218634>>",
            "a <b>bold</b> word",
            "X <br> Y",
            "if a < b and c > d",
            "<SEC>",
            "<p",
            "<br x",
            "<",
            ">",
            "text <br",
        ] {
            assert_eq!(tags(same), Vec::<&str>::new(), "{same}");
        }
        assert_eq!(tags("<a href=x>y</a><br>"), ["<br>"]);
        assert_eq!(tags("<pre x<br>"), ["<br>"]);
    }

    #[test]
    fn no_break_spaces_entities_are_read_as_spaces() {
        let t = "1.&nbsp; (C) X&#160;Y &#xA0;&NBSP;&nbsp &amp;nbsp;";
        assert_eq!(nbsp_entities(t).collect::<Vec<_>>(), [2, 14, 22, 28]);
        assert_eq!(
            without_html_tags(t).as_deref(),
            Some("1.       (C) X      Y             &nbsp &amp;nbsp;")
        );
    }
}
