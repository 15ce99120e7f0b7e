//! The routing block: `VZCZC` / `ZNY` / `DE` lines, the DTG and its precedence,
//! and the FM / TO / INFO addresses.

use super::*;

pub(super) const PRECEDENCE: &[&str] = &["FLASH", "IMMEDIATE", "PRIORITY", "ROUTINE", "NIACT"];

pub(super) fn parse_address(text: &str, span: Span) -> Address {
    let s = span.text(text).trim();
    let (ri, rest) = match s.split_once('/') {
        Some((a, b))
            if (4..=8).contains(&a.len())
                && a.starts_with('R')
                && a.chars().all(|c| c.is_ascii_uppercase()) =>
        {
            (Some(a.to_string()), b)
        }
        _ => (None, s),
    };
    let mut ws: Vec<&str> = rest.split_whitespace().collect();
    let mut serial = None;
    let mut prec = None;
    if ws.len() > 1
        && ws
            .last()
            .is_some_and(|w| w.bytes().all(|b| b.is_ascii_digit()))
    {
        serial = ws.pop().map(str::to_string);
    }
    while ws.len() > 1
        && ws
            .last()
            .is_some_and(|w| PRECEDENCE.iter().any(|p| w.eq_ignore_ascii_case(p)))
    {
        let p = ws.pop().unwrap().to_ascii_uppercase();
        prec = Some(match prec {
            Some(q) => format!("{p} {q}"),
            None => p,
        });
    }
    Address {
        span,
        routing_indicator: ri,
        name: ws.join(" "),
        precedence: prec,
        serial,
    }
}

/// Routing lines, the DTG and FM/TO/INFO. Returns whether the line was one.
pub(super) fn try_routing(text: &str, seg: Span, h: &mut Header, state: &mut State) -> bool {
    let s = seg.text(text);
    let up = s.to_ascii_uppercase();
    let ws: Vec<&str> = s.split_whitespace().collect();
    if up.starts_with("VZCZC") {
        extend_routing(h, seg);
        *state = State::Routing;
        return true;
    }
    if (up.starts_with("ZNY ") || up.starts_with("ZNR ")) && ws.len() >= 2 {
        extend_routing(h, seg);
        if let Some(level) = zny_level(ws[1]) {
            let at = s.find(ws[1]).unwrap_or(0);
            h.routing.as_mut().unwrap().security = Some(Security {
                span: Span::new(seg.start + at, seg.start + at + ws[1].len()),
                code: ws[1].to_string(),
                level,
            });
        }
        *state = State::Routing;
        return true;
    }
    if h.dtg.is_none() && ws.len() >= 2 && up.starts_with("DE ") && ws[1].starts_with('R') {
        extend_routing(h, seg);
        *state = State::Routing;
        return true;
    }
    // Precedence letters, then the DTG.
    if h.dtg.is_none() {
        let mut off = 0;
        let mut prec = Vec::new();
        let mut rest = s;
        for _ in 0..3 {
            let w = rest.split_whitespace().next().unwrap_or("");
            if (1..=2).contains(&w.len()) && w.chars().all(|c| "ZOPRMzoprm".contains(c)) {
                prec.push(w.to_ascii_uppercase());
                let r = rest.trim_start()[w.len()..].trim_start();
                off += rest.len() - r.len();
                rest = r;
            } else {
                break;
            }
        }
        // `P081544Z JUL 08`: the precedence glued to the DTG.
        if prec.is_empty() {
            let p = rest
                .bytes()
                .take(2)
                .take_while(|c| b"ZOPRM".contains(c))
                .count();
            if p > 0
                && rest.as_bytes().get(p).is_some_and(u8::is_ascii_digit)
                && ids::read_dtg(&rest[p..]).is_some()
            {
                prec.push(rest[..p].to_string());
                off += p;
                rest = &rest[p..];
            }
        }
        if let Some(read) = ids::read_dtg(rest) {
            let (dtg, n) = (read.dtg, read.len);
            let dspan = Span::new(seg.start, seg.start + off + n);
            if let Some(fixed) = read.repaired {
                h.field_damage.push(Damage {
                    span: Span::new(seg.start + off, dspan.end),
                    kind: DamageKind::Digits,
                    replacement: fixed,
                });
            }
            h.dtg = Some(DtgField {
                span: dspan,
                precedence: prec,
                dtg,
            });
            *state = State::Routing;
            let after = Span::new(dspan.end, seg.end);
            if !after.text(text).trim().is_empty() {
                split_addresses(text, after, h, state);
            }
            return true;
        }
        if !prec.is_empty()
            && rest.starts_with('R')
            && rest.len() >= 4
            && rest
                .split_whitespace()
                .all(|w| w.starts_with('R') && w.len() <= 8)
        {
            extend_routing(h, seg);
            *state = State::Routing;
            return true;
        }
    }
    // `RHEFDIA RHMFISS`: the precedence line's routing indicators, wrapped.
    if *state == State::Routing
        && h.dtg.is_none()
        && !ws.is_empty()
        && ws.iter().all(|w| is_routing_indicator(w))
    {
        extend_routing(h, seg);
        return true;
    }
    for w in ["FM ", "FROM:", "TO ", "TO:", "INFO "] {
        // `TO` alone: its addressees follow (a page header may have been cut out).
        if up.starts_with(w) || up == w.trim_end() {
            split_addresses(text, seg, h, state);
            return true;
        }
    }
    if matches!(*state, State::To | State::Info) && is_shouty(s) {
        let a = parse_address(text, seg);
        if *state == State::To {
            h.to.push(a);
        } else {
            h.info.push(a);
        }
        return true;
    }
    false
}

/// A routing indicator: `RUEHC`, `RHMFISS`, `RUEAIIA` (R, then 4 to 6 capitals).
pub(super) fn is_routing_indicator(w: &str) -> bool {
    let b = w.as_bytes();
    (5..=7).contains(&b.len()) && b[0] == b'R' && b.iter().all(u8::is_ascii_uppercase)
}

pub(super) fn extend_routing(h: &mut Header, seg: Span) {
    match h.routing.as_mut() {
        Some(r) => r.span = r.span.cover(seg),
        None => {
            h.routing = Some(Routing {
                span: seg,
                security: None,
            })
        }
    }
}

/// Splits `FM x TO y INFO z` (on one line or several) into addresses.
pub(super) fn split_addresses(text: &str, seg: Span, h: &mut Header, state: &mut State) {
    let s = seg.text(text);
    let mut marks: Vec<(usize, usize, State)> = Vec::new(); // (keyword at, value at, state)
    let bytes = s.as_bytes();
    for (kw, st) in [
        ("FM", State::Routing),
        ("FROM:", State::Routing),
        ("TO", State::To),
        ("TO:", State::To),
        ("INFO", State::Info),
    ] {
        let mut from = 0;
        while let Some(p) = s[from..].find(kw) {
            let at = from + p;
            let end = at + kw.len();
            let before_ok = at == 0 || bytes[at - 1] == b' ';
            let after_ok = end == s.len() || bytes[end] == b' ' || bytes[end] == b'\t';
            if before_ok && after_ok {
                marks.push((at, end, st));
            }
            from = end;
        }
    }
    marks.sort_by_key(|m| m.0);
    marks.dedup_by_key(|m| m.0);
    for (k, &(_, vat, st)) in marks.iter().enumerate() {
        let vend = marks.get(k + 1).map_or(s.len(), |m| m.0);
        let v = lexer::trim(text, Span::new(seg.start + vat, seg.start + vend));
        *state = st;
        let addr = parse_address(text, v);
        match st {
            State::Routing => h.from = Some(addr),
            State::To if !v.is_empty() => h.to.push(addr),
            State::Info if !v.is_empty() => h.info.push(addr),
            _ => {}
        }
    }
}
