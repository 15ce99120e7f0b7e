//! Handling lines and captions (`SIPDIS`, `SENSITIVE BUT UNCLASSIFIED`) and a web
//! copy's date line.

use super::*;

pub(super) fn handling_caveats(s: &str, caveats: &mut Vec<String>) {
    for w in s.split(|c: char| !c.is_ascii_alphanumeric()) {
        let wu = w.to_ascii_uppercase();
        if (wu == "NOFORN" || wu == "ORCON" || wu == "PROPIN") && !caveats.contains(&wu) {
            caveats.push(wu);
        }
    }
}

/// A handling line (`SIPDIS`, `STATE FOR EUR/WE`): its caveats go on the banner.
pub(super) fn push_handling(h: &mut Header, seg: Span, s: &str) {
    if let Some(b) = h.banner.as_mut() {
        handling_caveats(s, &mut b.caveats);
    }
    h.handling.push(Handling {
        span: seg,
        text: s.to_string(),
    });
}

/// A web copy's date line: `Friday, 18 December 2009, 11:04`.
pub(super) fn is_date_stamp(s: &str) -> bool {
    const DAYS: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    let s = s.trim();
    if !DAYS.iter().any(|d| s.starts_with(d)) {
        return false;
    }
    let parts: Vec<&str> = s.split(", ").collect();
    let digits = |w: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit())
    };
    match parts.as_slice() {
        [day, date, time] => {
            let d: Vec<&str> = date.split(' ').collect();
            DAYS.contains(day)
                && matches!(d.as_slice(), [dd, m, y] if digits(dd, 1..=2)
                    && m.len() >= 3 && m.bytes().all(|b| b.is_ascii_alphabetic())
                    && digits(y, 4..=4))
                && time
                    .split_once(':')
                    .is_some_and(|(h, m)| digits(h, 1..=2) && digits(m, 2..=2))
        }
        _ => false,
    }
}

/// Handling captions and caveats that stand alone or between a banner's level
/// and its origin (`SECRET SIPDIS STATE 123`).
pub(super) const HANDLING_WORDS: [&str; 10] = [
    "EFTO",
    "SENSITIVE",
    "SBU",
    "ORCON",
    "PROPIN",
    "LIMDIS",
    "EXDIS",
    "NODIS",
    "STADIS",
    "SIPDIS",
];

/// A handling caption on a line of its own: `SENSITIVE BUT UNCLASSIFIED.`,
/// `SENSITIVE BUT UNCLASSIFIED -- HANDLE ACCORDINGLY`,
/// `SIPDIS`, `NOFORN`, `LIMITED OFFICIAL USE`, `FOR OFFICIAL USE ONLY`.
pub(super) fn is_caption(s: &str) -> bool {
    const JOINS: [&str; 8] = [
        "BUT",
        "FOR",
        "USE",
        "ONLY",
        "OFFICIAL",
        "LIMITED",
        "HANDLE",
        "ACCORDINGLY",
    ];
    let caption =
        |w: &str| HANDLING_WORDS.contains(&w) || ["UNCLASSIFIED", "NOFORN", "FOUO"].contains(&w);
    let up = s.to_ascii_uppercase();
    let words: Vec<&str> = up
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    !words.is_empty()
        && words.iter().all(|w| JOINS.contains(w) || caption(w))
        && (up.contains("OFFICIAL USE") || words.iter().any(|w| caption(w)))
}
