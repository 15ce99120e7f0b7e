//! Classification levels and portion marks: `(C)`, `(S//NF)`, `(C/REL MTCR)`, ...

use nom::{
    branch::alt,
    bytes::complete::{tag, tag_no_case, take_while1},
    character::complete::{space0, space1},
    combinator::{all_consuming, map, opt, value},
    multi::separated_list0,
    sequence::{preceded, terminated, tuple},
    IResult,
};
use serde::Serialize;

/// A classification level. SBU is not a level: it ranks as `U`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
pub enum Level {
    U,
    C,
    S,
    TS,
}

impl Level {
    pub fn name(self) -> &'static str {
        match self {
            Level::U => "UNCLASSIFIED",
            Level::C => "CONFIDENTIAL",
            Level::S => "SECRET",
            Level::TS => "TOP SECRET",
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            Level::U => "U",
            Level::C => "C",
            Level::S => "S",
            Level::TS => "TS",
        }
    }
}

/// A portion mark, parsed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mark {
    pub level: Level,
    /// `(SBU)` and its spellings: sensitive but unclassified (ranks as U).
    pub sbu: bool,
    /// `(LOU)`: limited official use, the State Department's control marking
    /// before SBU (ranks as U).
    pub lou: bool,
    /// Normalised caveats: `NOFORN`, `REL MTCR`, `FGI`, `ORCON`, `FOUO`, ...
    pub caveats: Vec<String>,
    /// The spelling between the parentheses, as written.
    pub text: String,
    /// Written in a form other than the standard one (e.g. `(secret//rel germany)`,
    /// `(C - ENTIRE TEXT)`, `(S-NF)`); `normalized` gives the standard spelling.
    pub nonstandard: bool,
}

impl Mark {
    /// The standard spelling: `C`, `SBU`, `S//NF`, `C//REL MTCR`.
    pub fn normalized(&self) -> String {
        let mut s = String::from(match (self.sbu, self.lou) {
            (true, _) => "SBU",
            (_, true) => "LOU",
            _ => self.level.code(),
        });
        for c in &self.caveats {
            s.push_str("//");
            s.push_str(c);
        }
        s
    }
    pub fn has_caveat(&self, c: &str) -> bool {
        self.caveats.iter().any(|x| x == c)
    }
}

fn level_word(i: &str) -> IResult<&str, (Level, bool)> {
    alt((
        value((Level::TS, false), tag_no_case("TOP SECRET")),
        value((Level::TS, false), tag_no_case("TS")),
        value((Level::U, true), tag_no_case("SBU")),
        value((Level::U, true), tag_no_case("SENSITIVE BUT UNCLASSIFIED")),
        value((Level::U, false), tag_no_case("UNCLASSIFIED")),
        value((Level::U, false), tag_no_case("UNCLAS")),
        value((Level::U, false), tag_no_case("LOU")),
        value((Level::C, false), tag_no_case("CONFIDENTIAL")),
        value((Level::C, false), tag_no_case("CONF")),
        value((Level::S, false), tag_no_case("SECRET")),
        value((Level::U, false), tag_no_case("U")),
        value((Level::C, false), tag_no_case("C")),
        value((Level::S, false), tag_no_case("S")),
    ))(i)
}

fn word(i: &str) -> IResult<&str, &str> {
    take_while1(|c: char| c.is_ascii_alphanumeric() || c == '.' || c == '&')(i)
}

/// One caveat, normalised.
fn caveat(i: &str) -> IResult<&str, String> {
    alt((
        map(
            preceded(
                tuple((
                    tag_no_case("REL"),
                    space1,
                    opt(terminated(tag_no_case("TO"), space1)),
                )),
                separated_list0(alt((tag(", "), tag(","), tag(" "))), word),
            ),
            |ws: Vec<&str>| format!("REL {}", ws.join(" ").to_uppercase()),
        ),
        value(
            "NOFORN".to_string(),
            alt((tag_no_case("NOFORN"), tag_no_case("NF"))),
        ),
        value("FOUO".to_string(), tag_no_case("FOUO")),
        value(
            "ORCON".to_string(),
            alt((tag_no_case("ORCON"), tag_no_case("OC"))),
        ),
        value(
            "PROPIN".to_string(),
            alt((tag_no_case("PROPIN"), tag_no_case("PR"))),
        ),
        value("ENTIRE TEXT".to_string(), tag_no_case("ENTIRE TEXT")),
        // Any other caveat in capitals; not the spaces before the closing
        // parenthesis (`(  C  )`).
        map(
            nom::combinator::verify(
                take_while1(|c: char| {
                    c.is_ascii_uppercase() || c.is_ascii_digit() || c == ' ' || c == '-'
                }),
                |s: &str| !s.starts_with(' '),
            ),
            |s: &str| s.trim().to_uppercase(),
        ),
    ))(i)
}

fn separator(i: &str) -> IResult<&str, &str> {
    alt((
        // Slashes, also with spaces around them (`S // NF`, nonstandard).
        preceded(space0, terminated(alt((tag("//"), tag("/"))), space0)),
        preceded(space0, terminated(tag("-"), space0)),
        tag(", "),
        tag(" "),
    ))(i)
}

fn mark_inner(i: &str) -> IResult<&str, ((Level, bool), Vec<String>)> {
    all_consuming(tuple((
        preceded(space0, level_word),
        terminated(
            nom::multi::many0(preceded(separator, caveat)),
            tuple((space0, opt(tag(".")), space0)),
        ),
    )))(i)
}

/// Parses what stands between a portion mark's parentheses. `None` when it is not a
/// mark (a word in parentheses, a sub-item letter, ...).
pub fn parse_mark(inner: &str) -> Option<Mark> {
    if inner.is_empty() || inner.len() > 48 {
        return None;
    }
    let (_, ((level, sbu), caveats)) = mark_inner(inner).ok()?;
    let lou = inner
        .trim_start()
        .get(..3)
        .is_some_and(|w| w.eq_ignore_ascii_case("LOU"));
    // A lone caveat that is really an ordinary word ("S ALL" ...) makes no mark,
    // nor does a number (`(C-RE8-02675)`, a tasking number after a subject).
    if caveats.iter().any(|c| {
        c.is_empty()
            || c.len() > 24
            || !c.starts_with("REL ") && c.bytes().any(|b| b.is_ascii_digit())
    }) {
        return None;
    }
    let caveats: Vec<String> = caveats.into_iter().filter(|c| c != "ENTIRE TEXT").collect();
    let mut m = Mark {
        level,
        sbu,
        lou,
        caveats,
        text: inner.to_string(),
        nonstandard: false,
    };
    // The standard spelling uses codes in capitals and slashes: `C`, `S//NF`, `C/REL X`.
    let first = inner.split(['/', ' ', '-']).next().unwrap_or("");
    let code_first = ["U", "C", "S", "TS", "SBU", "LOU"].contains(&first);
    m.nonstandard = inner.chars().any(|c| c.is_lowercase())
        || !code_first
        || inner.contains(" -")
        || inner.contains("- ")
        || inner.contains(" /")
        || inner.contains("/ ");
    Some(m)
}

/// A mark as it stands in text: `(` inner `)` at `at`. Returns the mark and the byte
/// length of the parenthesised form.
pub fn mark_at(s: &str) -> Option<(Mark, usize)> {
    let rest = s.strip_prefix('(')?;
    let close = rest
        .char_indices()
        .take(50)
        .find(|&(_, c)| c == ')' || c == '(' || c == '\n')?;
    if close.1 != ')' {
        return None;
    }
    let m = parse_mark(&rest[..close.0])?;
    Some((m, close.0 + 2))
}

/// The level named by an ACP-127 security code (`CCCCC`, `SSSSS`, `UUUUU`, `EEEEE`,
/// `TTTTT`), as it stands on a `ZNY`/`ZNR` line.
pub fn zny_level(code: &str) -> Option<Level> {
    let c = code.chars().next()?;
    if code.len() != 5 || !code.chars().all(|x| x == c) {
        return None;
    }
    match c.to_ascii_uppercase() {
        'U' | 'E' => Some(Level::U),
        'C' => Some(Level::C),
        'S' => Some(Level::S),
        'T' => Some(Level::TS),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> String {
        parse_mark(s)
            .map(|m| m.normalized())
            .unwrap_or_else(|| "-".into())
    }

    #[test]
    fn spellings() {
        assert_eq!(n("C"), "C");
        assert_eq!(n("SBU"), "SBU");
        assert_eq!(n("S//NF"), "S//NOFORN");
        assert_eq!(n("S/NF"), "S//NOFORN");
        assert_eq!(n("C/REL MTCR"), "C//REL MTCR");
        assert_eq!(n("U//FOUO"), "U//FOUO");
        assert_eq!(n("S/REL NATO"), "S//REL NATO");
        assert_eq!(n("S//FGI//NF"), "S//FGI//NOFORN");
        assert_eq!(n("secret//rel germany"), "S//REL GERMANY");
        assert_eq!(n("C - ENTIRE TEXT"), "C");
        assert_eq!(n("TS"), "TS");
        assert_eq!(n("u"), "U");
        assert_eq!(n("SBU/NF"), "SBU//NOFORN");
        // Limited official use (the marking before SBU) keeps its name.
        assert_eq!(n("LOU"), "LOU");
        assert_eq!(n("lou"), "LOU");
        assert_eq!(n("B"), "-");
        assert_eq!(n("Navy"), "-");
        assert_eq!(n("DHS/ICE"), "-");
        assert_eq!(n("AND PREVIOUS"), "-");
        // A tasking number after a subject (09ROME97); a mark with a number.
        assert_eq!(n("C-RE8-02675"), "-");
        assert_eq!(n("S 1234"), "-");
        assert_eq!(n("C//REL NATO 5"), "C//REL NATO 5");
    }

    #[test]
    fn standard_and_not() {
        assert!(!parse_mark("C").unwrap().nonstandard);
        assert!(!parse_mark("S//NF").unwrap().nonstandard);
        assert!(parse_mark("secret//rel germany").unwrap().nonstandard);
        let inner = parse_mark("  C  ").unwrap();
        assert!(inner.nonstandard && inner.level == Level::C && inner.caveats.is_empty());
        let spaced = parse_mark("S // NF").unwrap();
        assert!(spaced.nonstandard && spaced.level == Level::S);
        assert_eq!(spaced.normalized(), "S//NOFORN");
        assert_eq!(parse_mark("C / REL UK").unwrap().normalized(), "C//REL UK");
        let lou = parse_mark("LOU").unwrap();
        assert!(!lou.nonstandard && lou.lou && lou.level == Level::U);
        assert!(Level::U < Level::C && Level::C < Level::S && Level::S < Level::TS);
    }

    #[test]
    fn mark_in_text() {
        let (m, len) = mark_at("(C/REL MTCR) BACKGROUND").unwrap();
        assert_eq!((m.level, len), (Level::C, 12));
        assert!(mark_at("(BACKGROUND: x)").is_none());
        assert_eq!(zny_level("CCCCC"), Some(Level::C));
        assert_eq!(zny_level("EEEEE"), Some(Level::U));
    }
}
