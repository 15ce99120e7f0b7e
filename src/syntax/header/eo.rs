//! The E.O. line: the order's number and the declassification date.

use super::*;

/// Whether `s` starts as a declassification's value does: a date (`07/08/2033`,
/// `on 8/31/2034`), `MR` (manual review), `OADR`, an exemption (`X1`, `25X1`).
pub(super) fn is_decl_value(s: &str) -> bool {
    let s = past_on(s.trim_start());
    let word = s.split([' ', '\t', ',', '.', ';']).next().unwrap_or("");
    let up = word.to_ascii_uppercase();
    s.starts_with(|c: char| c.is_ascii_digit())
        || matches!(up.as_str(), "MR" | "OADR")
        || up
            .strip_prefix('X')
            .is_some_and(|d| d.starts_with(|c: char| c.is_ascii_digit()))
}

/// `s` past a leading `on ` (`Declassify on 8/31/2034`).
fn past_on(s: &str) -> &str {
    match s.get(..3) {
        Some(on) if on.eq_ignore_ascii_case("on ") => s[3..].trim_start(),
        _ => s,
    }
}

pub(super) fn parse_eo(text: &str, span: Span, value: Span) -> EoLine {
    let s = span.text(text);
    let v = value.text(text);
    // The first run of digits, past the zero of `E.0.`.
    let order = {
        let mut runs = s
            .split(|c: char| !c.is_ascii_digit())
            .filter(|d| !d.is_empty());
        let first = runs.next();
        let d = match first {
            Some("0") => runs.next(),
            d => d,
        };
        d.map(str::to_string)
    };
    let up = v.to_ascii_uppercase();
    let mut eo = EoLine {
        span,
        order,
        decl_text: None,
        decl_span: None,
        decl: None,
        not_applicable: false,
    };
    let t = up.trim();
    if t.starts_with("N/A") || t == "NA" || t.starts_with("NA ") {
        eo.not_applicable = true;
        return eo;
    }
    let decl_at = up.find("DECL").map(|p| {
        let after = &v[p + 4..];
        let a2 = after.trim_start_matches([
            'A', 'S', 'a', 's', 'R', 'r', 'E', 'e', 'I', 'i', 'F', 'f', 'Y', 'y',
        ]);
        let a2 = if after.to_ascii_uppercase().starts_with("ASSIFY") {
            &after[6..]
        } else {
            a2
        };
        let a3 = a2.trim_start_matches([':', ' ', ';', '.']);
        v.len() - a3.len()
    });
    let at = decl_at.unwrap_or(0);
    // `Declassify on 8/31/2034`.
    let at = v.len() - past_on(&v[at..]).len();
    let dt = v[at..].trim_end();
    if !dt.is_empty() {
        eo.decl_text = Some(dt.to_string());
        eo.decl_span = Some(Span::new(value.start + at, value.start + at + dt.len()));
        eo.decl = ids::parse_decl_date(dt)
            .map(|x| x.0)
            .filter(|d| d.is_valid());
    }
    eo
}
