//! The rule table: codes, default severities, one-line descriptions; and the
//! severities a user configured.

use crate::syntax::Severity;
use std::collections::HashMap;

/// Above this many cables, `cited-cable-missing` is off unless configured.
pub const LARGE_CORPUS: usize = 50_000;

pub struct Rule {
    pub code: &'static str,
    /// `None`: off by default.
    pub default: Option<Severity>,
    pub summary: &'static str,
}

use Severity::*;

macro_rules! rules {
    ($($code:literal => $sev:expr, $sum:literal;)*) => {
        pub const RULES: &[Rule] = &[$(Rule { code: $code, default: $sev, summary: $sum }),*];
    };
}

rules! {
    // From the parser.
    "no-banner" => Some(Warning), "no classification banner";
    "no-dtg" => Some(Information), "no date-time group";
    "damaged-banner" => Some(Information), "the banner's classification is misspelt";
    "lost-paragraph-number" => Some(Information), "a paragraph number lost in the copy";
    "damaged-paragraph-number" => Some(Information), "a paragraph number damaged by OCR or conversion";
    "long-line" => Some(Information), "a line over 256 KB: citations read in its first 256 KB only";
    // Classification.
    "mark-above-banner" => Some(Error), "a portion marked above the banner's level";
    "caveat-not-in-banner" => Some(Warning), "a portion caveat (NOFORN, ORCON) the banner lacks";
    "unmarked-paragraph" => Some(Warning), "a paragraph without a portion mark in a classified cable";
    "classified-mark-in-unclas" => Some(Error), "a classified portion in an UNCLASSIFIED cable";
    "nonstandard-mark" => Some(Warning), "a portion mark in a non-standard spelling";
    "unknown-mark" => Some(Warning), "a parenthesised attempt at a portion mark that is no known mark";
    "subject-mark-above-banner" => Some(Error), "the SUBJECT marked above the banner";
    "banner-zny-mismatch" => Some(Warning), "the banner and the ZNY security code disagree";
    // Authority.
    "missing-classified-by" => Some(Warning), "a classified cable without a Classified By line";
    "missing-reasons" => Some(Warning), "a Classified By line without reasons";
    "bad-reason" => Some(Warning), "a classification reason outside 1.4 (a)-(h) / 1.5 (a)-(g)";
    "missing-decl" => Some(Warning), "a classified cable without a DECL date";
    "malformed-decl" => Some(Warning), "a DECL date that cannot be read";
    "decl-before-date" => Some(Warning), "a DECL date before the cable's date";
    "unclas-with-reasons" => Some(Warning), "an UNCLASSIFIED cable giving classification reasons";
    // Citations.
    "unknown-ref" => Some(Error), "REF X or reftel citing no REF item";
    "ambiguous-reftel" => Some(Information), "reftel in a cable with several REF items";
    "unused-ref" => Some(Hint), "a REF item never cited in the text";
    "duplicate-bullet" => Some(Warning), "two REF items with the same letter";
    "self-citation" => Some(Warning), "a cable citing itself";
    "unknown-paragraph" => Some(Warning), "para N citing a paragraph that does not exist";
    "paragraph-sequence" => Some(Warning), "paragraph numbers that skip or repeat";
    // Copy damage.
    "copy-damage" => Some(Information), "copy damage: `,s`, ` ) `, `&...8`, `[X](#)`";
    // Corpus.
    "cited-cable-missing" => Some(Hint), "a cited cable that is not in the corpus";
}

pub fn rule(code: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.code == code)
}

/// Severities set by the user: code -> level or off.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Severities {
    set: HashMap<String, Option<Severity>>,
}

/// Reads `off`, `hint`, `information` (`info`), `warning` (`warn`), `error`.
pub fn parse_level(s: &str) -> Result<Option<Severity>, String> {
    Ok(Some(match s.trim().to_ascii_lowercase().as_str() {
        "off" | "none" => return Ok(None),
        "hint" => Severity::Hint,
        "information" | "info" => Severity::Information,
        "warning" | "warn" => Severity::Warning,
        "error" => Severity::Error,
        other => {
            return Err(format!(
                "unknown severity `{other}`: expected off, hint, information, warning or error"
            ))
        }
    }))
}

impl Severities {
    /// Sets one rule; the message says what is wrong with a bad code or level.
    pub fn set(&mut self, code: &str, level: &str) -> Result<(), String> {
        if rule(code).is_none() {
            return Err(format!(
                "unknown rule `{code}`: expected one of {}",
                RULES.iter().map(|r| r.code).collect::<Vec<_>>().join(", ")
            ));
        }
        self.set.insert(code.to_string(), parse_level(level)?);
        Ok(())
    }

    /// `{"mark-above-banner": "warning", ...}`; returns the problems found.
    pub fn from_json(v: &serde_json::Value) -> (Severities, Vec<String>) {
        let mut s = Severities::default();
        let mut errs = Vec::new();
        if let Some(m) = v.as_object() {
            for (k, v) in m {
                match v.as_str() {
                    Some(l) => {
                        if let Err(e) = s.set(k, l) {
                            errs.push(e);
                        }
                    }
                    None => errs.push(format!("severity of `{k}` must be a string")),
                }
            }
        } else if !v.is_null() {
            errs.push("severities must be an object of rule code -> level".into());
        }
        (s, errs)
    }

    /// The severity of a rule, `None` when off.
    pub fn get(&self, code: &str, large_corpus: bool) -> Option<Severity> {
        if let Some(s) = self.set.get(code) {
            return *s;
        }
        if code == "cited-cable-missing" && large_corpus {
            return None;
        }
        rule(code).map_or(Some(Severity::Warning), |r| r.default)
    }
}
