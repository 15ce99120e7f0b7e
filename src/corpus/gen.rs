//! A synthetic corpus for tests and benchmarks: realistic cables in the seeds'
//! layouts and damage, whose REF items, bare cable numbers and POC DOC mentions
//! point at each other.
//!
//! Generation is deterministic for a seed: the plan (every cable's id and date) is
//! drawn first, in date order, then each cable is written from its own random
//! stream, so the cables can be built in parallel and cable `i` is the same
//! whatever the count. A cable cites only cables planned before it, plus a few
//! that are not in the corpus at all (dated 2002, before the corpus starts).
//! [`Planted`] says what each cable was given, for tests to check the parser and
//! the index against.

use fastrand::Rng;
use rayon::prelude::*;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// A post: the origin as a banner writes it, the FM line, the routing indicator.
struct Station {
    origin: &'static str,
    from: &'static str,
    ri: &'static str,
}

const fn st(origin: &'static str, from: &'static str, ri: &'static str) -> Station {
    Station { origin, from, ri }
}

/// STATE is drawn far more often than any post, as in the real collection.
const STATIONS: &[Station] = &[
    st("STATE", "SECSTATE WASHDC", "RUEHC"),
    st("BERLIN", "AMEMBASSY BERLIN", "RUEHRL"),
    st("PARIS", "AMEMBASSY PARIS", "RUEHFR"),
    st("LONDON", "AMEMBASSY LONDON", "RUEHLO"),
    st("MOSCOW", "AMEMBASSY MOSCOW", "RUEHMO"),
    st("BEIJING", "AMEMBASSY BEIJING", "RUEHBJ"),
    st("TOKYO", "AMEMBASSY TOKYO", "RUEHKO"),
    st("KABUL", "AMEMBASSY KABUL", "RUEHBUL"),
    st("BAGHDAD", "AMEMBASSY BAGHDAD", "RUEHGB"),
    st("ISLAMABAD", "AMEMBASSY ISLAMABAD", "RUEHIL"),
    st("HARARE", "AMEMBASSY HARARE", "RUEHSB"),
    st("BRASILIA", "AMEMBASSY BRASILIA", "RUEHBR"),
    st("MADRID", "AMEMBASSY MADRID", "RUEHMD"),
    st("ANKARA", "AMEMBASSY ANKARA", "RUEHAK"),
    st("CAIRO", "AMEMBASSY CAIRO", "RUEHEG"),
    st("RIYADH", "AMEMBASSY RIYADH", "RUEHRH"),
    st("CANBERRA", "AMEMBASSY CANBERRA", "RUEHBY"),
    st("OTTAWA", "AMEMBASSY OTTAWA", "RUEHOT"),
    st("MEXICO", "AMEMBASSY MEXICO", "RUEHME"),
    st("BOGOTA", "AMEMBASSY BOGOTA", "RUEHBO"),
    st("NAIROBI", "AMEMBASSY NAIROBI", "RUEHNR"),
    st("SEOUL", "AMEMBASSY SEOUL", "RUEHUL"),
    st("USNATO", "USMISSION USNATO", "RUEHNO"),
    st("VIENNA", "AMEMBASSY VIENNA", "RUEHVI"),
    st("CARACAS", "AMEMBASSY CARACAS", "RUEHCV"),
];

const COUNTRIES: &[(&str, &str)] = &[
    ("GERMANY", "GM"),
    ("FRANCE", "FR"),
    ("UNITED KINGDOM", "UK"),
    ("RUSSIA", "RS"),
    ("CHINA", "CH"),
    ("JAPAN", "JA"),
    ("AFGHANISTAN", "AF"),
    ("IRAQ", "IZ"),
    ("PAKISTAN", "PK"),
    ("ZIMBABWE", "ZI"),
    ("BRAZIL", "BR"),
    ("SPAIN", "SP"),
    ("TURKEY", "TU"),
    ("EGYPT", "EG"),
    ("SAUDI ARABIA", "SA"),
    ("AUSTRALIA", "AS"),
    ("CANADA", "CA"),
    ("MEXICO", "MX"),
    ("COLOMBIA", "CO"),
    ("KENYA", "KE"),
    ("SOUTH KOREA", "KS"),
    ("AUSTRIA", "AU"),
    ("VENEZUELA", "VE"),
    ("IRAN", "IR"),
];

const SUBJECT_TAGS: &[&str] = &[
    "PREL", "PGOV", "PARM", "MNUC", "ETTC", "KSCA", "MTCRE", "ECON", "EFIN", "PHUM", "PTER",
    "MARR", "ENRG", "KNNP", "SNAR", "ASEC", "EAID", "ETRD", "KCRM", "TSPA",
];

const TOPICS: &[&str] = &[
    "EXPORT CONTROL OUTREACH",
    "MISSILE TECHNOLOGY CONTROL REGIME GUIDANCE",
    "ELECTION PREPARATIONS",
    "ENERGY SECURITY DIALOGUE",
    "COUNTERNARCOTICS COOPERATION",
    "HUMAN RIGHTS REPORT",
    "DEFENSE MINISTER VISIT",
    "TRADE AND INVESTMENT TALKS",
    "NONPROLIFERATION DEMARCHE",
    "BUDGET CRISIS DEEPENS",
    "PARLIAMENT DEBATES REFORM",
    "SECURITY SITUATION UPDATE",
];

const WORDS: &[&str] = &[
    "the",
    "ministry",
    "officials",
    "said",
    "government",
    "would",
    "continue",
    "to",
    "support",
    "proposal",
    "partners",
    "embassy",
    "meeting",
    "discussed",
    "regional",
    "security",
    "export",
    "controls",
    "and",
    "of",
    "in",
    "a",
    "for",
    "on",
    "with",
    "agreed",
    "that",
    "policy",
    "delegation",
    "noted",
    "concern",
    "about",
    "recent",
    "developments",
    "program",
    "further",
    "review",
    "assistance",
    "cooperation",
    "the",
    "director",
    "requested",
    "information",
    "regarding",
    "plans",
    "next",
    "year",
    "border",
    "officers",
    "parliament",
    "opposition",
    "elections",
    "reform",
    "budget",
    "energy",
    "negotiations",
    "technical",
    "experts",
    "talks",
];

const NAMES: &[&str] = &[
    "James D. McGee",
    "Pam Durham",
    "Don L. Brown",
    "Donald A. Mahley",
    "Robert S. Beecroft",
    "Anne W. Patterson",
    "Gene A. Cretz",
    "John R. Beyrle",
];

const SIGNERS: &[&str] = &[
    "CLINTON",
    "RICE",
    "TIMKEN JR",
    "MCGEE",
    "PATTERSON",
    "BEYRLE",
    "RANDT",
    "SCHIEFFER",
];

const MONTHS: [&str; 12] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];

/// The corpus's first and last year; cables dated 2002 are never written, so
/// citing one plants a cable missing from the corpus.
const FIRST_YEAR: u16 = 2003;
const LAST_YEAR: u16 = 2010;
const MISSING_YEAR: u16 = 2002;

/// One cable of the plan.
#[derive(Debug, Clone)]
struct Planned {
    station: usize,
    year: u16,
    month: u8,
    day: u8,
    hhmm: u16,
    serial: u32,
}

impl Planned {
    fn id(&self) -> String {
        format!(
            "{:02}{}{}",
            self.year % 100,
            STATIONS[self.station].origin.replace(' ', ""),
            self.serial
        )
    }
}

/// What a generated cable was given, for tests to check readings against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planted {
    pub id: String,
    /// Relative to the output folder: `2008/07/08BERLIN896.txt`.
    pub path: PathBuf,
    /// `U`, `C` or `S`.
    pub level: char,
    /// Ids of earlier cables of the corpus cited by REF items, in order.
    pub ref_cites: Vec<String>,
    /// Cited cables that are not in the corpus.
    pub missing_cites: Vec<String>,
    /// Ids cited as bare cable numbers in the text.
    pub text_cites: Vec<String>,
    /// POC DOC numbers mentioned (REF items and text).
    pub poc: Vec<u32>,
    pub paragraphs: usize,
    /// One paragraph is marked above the banner (a planted error).
    pub mark_above_banner: bool,
    /// A classified cable without its `Classified By` line.
    pub no_classified_by: bool,
    pub layout: Layout,
}

/// The shapes the seeds and the real cables come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Routing block, FM/TO/INFO, spaced banner, sections and page lines.
    Telegram,
    /// A scraped web page: a title line, navigation junk after the text.
    WebPage,
    /// The header on one line, OCR-damaged numbers and bullets.
    Ocr,
    /// `[X](#)` links from a Markdown conversion.
    Markdown,
}

/// What was written.
#[derive(Debug, Clone)]
pub struct Summary {
    pub cables: usize,
    pub bytes: u64,
    pub planted: Vec<Planted>,
}

/// The plan: `count` cables in date order with unique ids.
fn plan(count: usize, seed: u64) -> Vec<Planned> {
    let mut rng = Rng::with_seed(seed);
    let mut v: Vec<Planned> = (0..count)
        .map(|_| {
            // STATE sends about a third of the traffic.
            let station = if rng.u8(..3) == 0 {
                0
            } else {
                rng.usize(1..STATIONS.len())
            };
            Planned {
                station,
                year: rng.u16(FIRST_YEAR..=LAST_YEAR),
                month: rng.u8(1..=12),
                day: rng.u8(1..=28),
                hhmm: rng.u16(0..24) * 100 + rng.u16(0..60),
                serial: 0,
            }
        })
        .collect();
    v.sort_by_key(|p| (p.year, p.month, p.day, p.hhmm));
    // Serials rise through the year at each post, as the real ones do.
    let mut next: std::collections::HashMap<(usize, u16), u32> = Default::default();
    for p in &mut v {
        let n = next.entry((p.station, p.year)).or_insert(0);
        *n += rng.u32(1..=if p.station == 0 { 12 } else { 4 });
        p.serial = *n;
    }
    v
}

/// A cable's text and what it was given. `i` indexes the plan.
fn cable(plan: &[Planned], i: usize, seed: u64) -> (String, Planted) {
    let mut rng = Rng::with_seed(seed ^ (i as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let me = &plan[i];
    let station = &STATIONS[me.station];
    let layout = match rng.u8(..10) {
        0..=4 => Layout::Telegram,
        5..=6 => Layout::WebPage,
        7 => Layout::Ocr,
        _ => Layout::Markdown,
    };
    let level = match rng.u8(..20) {
        0..=7 => 'U',
        8..=16 => 'C',
        _ => 'S',
    };
    let noforn = level == 'S' && rng.bool();
    let mtcr = rng.u8(..6) == 0;
    let (country, fips) = COUNTRIES[rng.usize(..COUNTRIES.len())];
    let topic = if mtcr {
        "MISSILE TECHNOLOGY CONTROL REGIME (MTCR) POC MEETING"
    } else {
        TOPICS[rng.usize(..TOPICS.len())]
    };
    let id = me.id();

    // References: earlier cables (some of them often cited), a missing one, a POC DOC.
    let mut refs: Vec<RefItem> = Vec::new();
    let n_refs = if i == 0 { 0 } else { rng.usize(..=4) };
    for _ in 0..n_refs {
        let roll = rng.u8(..20);
        let target = if roll < 3 {
            // A few "hub" cables early in the plan collect many backlinks.
            rng.usize(..i.min(50))
        } else {
            i - 1 - rng.usize(..i.min(400))
        };
        if roll == 19 {
            let o = &STATIONS[rng.usize(..STATIONS.len())];
            refs.push(RefItem::Missing(
                o.origin,
                rng.u32(1..9000),
                (MISSING_YEAR % 100) as u8,
            ));
        } else if plan[target].id() != id && !refs.iter().any(|r| r.cites(plan, target)) {
            refs.push(RefItem::Cable(target));
        }
    }
    let poc_pool = |rng: &mut Rng| rng.u32(1..150);
    if mtcr && rng.bool() {
        refs.push(RefItem::PocDoc(me.year.max(2005), poc_pool(&mut rng)));
    }

    let mut planted = Planted {
        id: id.clone(),
        path: PathBuf::from(format!("{}/{:02}/{}.txt", me.year, me.month, id)),
        level,
        ref_cites: vec![],
        missing_cites: vec![],
        text_cites: vec![],
        poc: vec![],
        paragraphs: 0,
        mark_above_banner: false,
        no_classified_by: false,
        layout,
    };

    let mut out = String::with_capacity(8192);
    let yy = me.year % 100;
    let dtg = format!(
        "{:02}{:04}Z {} {:02}",
        me.day,
        me.hhmm,
        MONTHS[me.month as usize - 1],
        yy
    );
    let prec = ["R", "P", "O"][rng.usize(..3)];
    let banner_word = |spaced: bool| -> String {
        let w = match level {
            'U' => "UNCLAS",
            'C' => "CONFIDENTIAL",
            _ => "SECRET",
        };
        if spaced && level != 'U' {
            w.chars()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            w.to_string()
        }
    };
    let serial6 = format!("{:06}", me.serial);
    let paragraphs = 3 + rng.usize(..12);
    let sections = if layout == Layout::Telegram && paragraphs > 8 {
        2 + usize::from(paragraphs > 12)
    } else {
        1
    };
    let section_part = |s: usize| {
        if sections > 1 {
            format!(" SECTION {s:02} OF {sections:02}")
        } else {
            String::new()
        }
    };
    let to = &STATIONS[if me.station == 0 {
        1 + rng.usize(..STATIONS.len() - 1)
    } else {
        0
    }];

    // The header.
    match layout {
        Layout::Telegram => {
            let code = match level {
                'U' => "UUUUU",
                'C' => "CCCCC",
                _ => "SSSSS",
            };
            let _ = writeln!(out, "VZCZCXYZ{:04}", rng.u16(..10000));
            let _ = writeln!(out, "{prec}{prec} RUEHWEB\n");
            let _ = writeln!(
                out,
                "DE {} #{:04} {:03}{:04}",
                station.ri,
                me.serial % 10000,
                (me.month as u16 - 1) * 30 + me.day as u16,
                me.hhmm
            );
            let _ = writeln!(out, "ZNY {code} ZZH");
            let _ = writeln!(out, "{prec} {dtg}");
            let _ = writeln!(out, "FM {}", station.from);
            let _ = writeln!(
                out,
                "TO {}/{} {} {:04}",
                to.ri,
                to.from,
                ["ROUTINE", "PRIORITY", "IMMEDIATE"][rng.usize(..3)],
                rng.u16(..10000)
            );
            let _ = writeln!(
                out,
                "INFO RUEHBY/AMEMBASSY CANBERRA {:04}",
                rng.u16(..10000)
            );
            let _ = writeln!(out, "RUEHLO/AMEMBASSY LONDON {:04}\n", rng.u16(..10000));
        }
        Layout::WebPage => {
            let _ = writeln!(
                out,
                "Cablegate: {}: {}\n",
                title_case(country),
                title_case(topic)
            );
            let _ = writeln!(out, "{prec} {dtg}\n");
        }
        Layout::Ocr => {
            let _ = writeln!(
                out,
                "{prec} {dtg} FM {} TO {} PRIORITY INFO MISSILE TECHNOLOGY CONTROL REGIME COLLECTIVE\n",
                station.from, to.from
            );
        }
        Layout::Markdown => {
            let _ = writeln!(out, "\n{prec} {dtg}");
            let _ = writeln!(out, "FM {}", station.from);
            let _ = writeln!(out, "TO {} PRIORITY\n", to.from);
        }
    }
    let _ = writeln!(
        out,
        "{}{} {} {}\n",
        banner_word(matches!(layout, Layout::Telegram | Layout::Markdown)),
        section_part(1),
        station.origin,
        serial6
    );
    if level != 'U' {
        out.push_str(if noforn {
            "NOFORN\nSIPDIS\n\n"
        } else {
            "SIPDIS\n\n"
        });
    } else {
        out.push_str("SIPDIS\n\n");
    }
    if level == 'U' {
        out.push_str("E.O. 12958: N/A\n");
    } else {
        let _ = writeln!(
            out,
            "E.O. 12958: DECL: {:02}/{:02}/{}",
            me.month,
            me.day,
            me.year + 10
        );
    }
    let mut tags = vec![SUBJECT_TAGS[rng.usize(..SUBJECT_TAGS.len())]];
    let t2 = SUBJECT_TAGS[rng.usize(..SUBJECT_TAGS.len())];
    if t2 != tags[0] {
        tags.push(t2);
    }
    if mtcr && !tags.contains(&"MTCRE") {
        tags.insert(0, "MTCRE");
    }
    tags.push(fips);
    let tags_text = if layout == Layout::Markdown {
        tags.iter()
            .map(|t| format!("[{t}](#)"))
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        tags.join(" ")
    };
    let _ = writeln!(out, "TAGS: {tags_text}");
    let subj_mark = if level == 'U' { "SBU" } else { "C" };
    // Most subjects name someone: a vocabulary that grows with the corpus,
    // as real subjects' does (a handful of topics alone gave 64 words).
    let subject = match rng.u8(..5) {
        0 | 1 => format!("{country}: {topic}"),
        2 => format!("{country}: {} ON {topic}", name(&mut rng)),
        3 => format!("{country}: {topic} WITH {}", name(&mut rng)),
        _ => {
            let (a, b) = (name(&mut rng), name(&mut rng));
            format!("{country}: {a} AND {b} DISCUSS {topic}")
        }
    };
    if subject.len() > 50 && rng.bool() {
        // A wrapped SUBJECT, its mark trailing.
        let cut = subject[..50].rfind(' ').unwrap_or(50);
        let _ = writeln!(
            out,
            "SUBJECT: {}\n{} ({subj_mark})\n",
            &subject[..cut],
            subject[cut..].trim()
        );
    } else {
        let _ = writeln!(out, "SUBJECT: ({subj_mark}) {subject}\n");
    }

    // The REF block.
    let lettered = refs.len() > 1;
    for (k, r) in refs.iter().enumerate() {
        let letter = (b'A' + k as u8) as char;
        let item = match r {
            RefItem::Cable(t) => {
                let p = &plan[*t];
                planted.ref_cites.push(p.id());
                let origin = STATIONS[p.station].origin;
                let serial = if rng.bool() {
                    p.serial.to_string()
                } else {
                    format!("{:06}", p.serial)
                };
                if p.year == me.year && rng.bool() {
                    format!("{origin} {serial}")
                } else {
                    format!("{:02} {origin} {serial}", p.year % 100)
                }
            }
            RefItem::Missing(origin, serial, yy) => {
                planted
                    .missing_cites
                    .push(format!("{yy:02}{}{serial}", origin.replace(' ', "")));
                format!("{yy:02} {origin} {serial}")
            }
            RefItem::PocDoc(year, n) => {
                planted.poc.push(*n);
                format!("{year} MTCR POC DOC {n:03}")
            }
        };
        let bullet = if !lettered {
            String::new()
        } else {
            match (layout, k) {
                (_, 0) => format!("{letter}. "),
                (Layout::Ocr, _) if rng.bool() => format!("¶{letter}. "),
                (Layout::Markdown, _) => format!("[{letter}](#). "),
                _ => format!("{letter}. "),
            }
        };
        let head = if k == 0 { "REF: " } else { "" };
        let sep = if layout == Layout::Telegram {
            "\n"
        } else {
            "\n\n"
        };
        let _ = write!(out, "{head}{bullet}{item}{sep}");
    }
    if !refs.is_empty() {
        out.push('\n');
    }

    // Classified By.
    if level != 'U' {
        if rng.u8(..50) == 0 {
            planted.no_classified_by = true;
        } else {
            // E.O. 12958 section 1.5 (a)-(g) until 25 March 2003 (E.O.
            // 13292), 1.4 (a)-(h) after.
            let section = if (me.year, me.month, me.day) < (2003, 3, 25) {
                "1.5"
            } else {
                "1.4"
            };
            let reasons = ["(b) and (d)", "(d)", "(b), (d)", "(c)", "(b), (d), (h)"]
                [rng.usize(..if section == "1.5" { 4 } else { 5 })];
            let _ = writeln!(
                out,
                "Classified By: {}, for reasons {section} {reasons}.\n",
                NAMES[rng.usize(..NAMES.len())]
            );
        }
    }

    // The body.
    let mark_of = |rng: &mut Rng| -> String {
        let m = match level {
            'U' => ["U", "SBU"][rng.usize(..2)],
            'C' => ["C", "C", "U", "SBU"][rng.usize(..4)],
            _ => {
                if noforn {
                    ["S/NF", "S", "C", "U"][rng.usize(..4)]
                } else {
                    ["S", "C", "U"][rng.usize(..3)]
                }
            }
        };
        m.to_string()
    };
    let above = level != 'S' && rng.u16(..200) == 0;
    let above_at = 1 + rng.usize(..paragraphs - 1);
    let letters: Vec<char> = (0..refs.len()).map(|k| (b'A' + k as u8) as char).collect();
    let section_every = paragraphs.div_ceil(sections);
    for n in 1..=paragraphs {
        if n > 1 && sections > 1 && (n - 1) % section_every == 0 {
            let s = (n - 1) / section_every + 1;
            let _ = writeln!(
                out,
                "{}{} {} {}\n",
                banner_word(true),
                section_part(s),
                station.origin,
                serial6
            );
        }
        let mark = if above && n == above_at {
            planted.mark_above_banner = true;
            if level == 'U' { "C" } else { "S" }.to_string()
        } else {
            mark_of(&mut rng)
        };
        let label = match layout {
            Layout::Ocr if n == 1 => "- $\\P 1$.".to_string(),
            Layout::Ocr if n < 10 => format!("- 1{n}."),
            Layout::Markdown if n < 10 => format!("[{n}](#)."),
            _ => format!("{n}."),
        };
        let mut para = format!("{label} ({mark}) ");
        if n == 1 && paragraphs > 3 && rng.bool() {
            let _ = write!(
                para,
                "This is an action request; please see paragraph {}. ",
                paragraphs
            );
        }
        // Citations of the REF items, a cable number and POC DOCs in the text.
        if !letters.is_empty() && (n == 2 || rng.u8(..4) == 0) {
            if letters.len() == 1 {
                para.push_str("As reported in reftel, ");
            } else {
                let l = letters[rng.usize(..letters.len())];
                let _ = write!(para, "Per REF {l}, ");
            }
        }
        if n == 3 && i > 0 && rng.u8(..5) == 0 {
            let t = &plan[i - 1 - rng.usize(..i.min(200))];
            if t.id() != id {
                planted.text_cites.push(t.id());
                // A number without a year takes the citing cable's year.
                let year = if t.year == me.year {
                    String::new()
                } else {
                    format!("{:02} ", t.year % 100)
                };
                let _ = write!(
                    para,
                    "(see {year}{} {:06}) ",
                    STATIONS[t.station].origin, t.serial
                );
            }
        }
        if mtcr && rng.u8(..3) == 0 {
            let p = poc_pool(&mut rng);
            planted.poc.push(p);
            let _ = write!(para, "The Partners discussed POC DOC {p} at length. ");
        }
        let sentences = 3 + rng.usize(..8);
        for _ in 0..sentences {
            para.push_str(&sentence(&mut rng));
            para.push(' ');
        }
        // Copy damage, as most Cablegate text carries it.
        if rng.u8(..4) == 0 {
            para.push_str("The Minister,s office ) as expected ) declined &to comment8. ");
        }
        if n > 2 && paragraphs > 4 && rng.u8(..6) == 0 {
            let _ = write!(para, "Para {} refers. ", rng.usize(1..n));
        }
        let para = para.trim_end().to_string();
        if layout == Layout::Telegram {
            let wrapped = wrap(&para, 68);
            // A page line in mid-paragraph, as printouts carry them.
            if sections > 1 && n == 2 && wrapped.len() > 2 {
                let (a, b) = wrapped.split_at(wrapped.len() / 2);
                let _ = writeln!(
                    out,
                    "{}\n{} {:08} {:03} OF {:03}\n{}\n",
                    a.join("\n"),
                    station.origin,
                    me.serial,
                    2,
                    sections,
                    b.join("\n")
                );
            } else {
                let _ = writeln!(out, "{}\n", wrapped.join("\n"));
            }
        } else {
            let _ = writeln!(out, "{para}\n");
        }
    }
    planted.paragraphs = paragraphs;
    out.push_str(SIGNERS[rng.usize(..SIGNERS.len())]);
    match layout {
        // A file cut at its end: no final newline.
        Layout::Ocr => {}
        Layout::WebPage => out.push_str("\n\nHome | Search | About Cablegate\n"),
        _ => out.push('\n'),
    }
    (out, planted)
}

enum RefItem {
    /// An earlier cable of the plan.
    Cable(usize),
    /// A cable not in the corpus: origin, serial, two-digit year.
    Missing(&'static str, u32, u8),
    /// `2009 MTCR POC DOC 008`.
    PocDoc(u16, u32),
}

impl RefItem {
    fn cites(&self, plan: &[Planned], t: usize) -> bool {
        matches!(self, RefItem::Cable(x) if plan[*x].id() == plan[t].id())
    }
}

/// A made-up surname of two or three syllables (65,600 of them).
fn name(rng: &mut Rng) -> String {
    const SYLLABLES: [&str; 40] = [
        "BA", "KO", "MI", "TSU", "VAN", "GI", "RAI", "NE", "LO", "DA", "SHI", "RU", "ZE", "MA",
        "TO", "KA", "LI", "NO", "SA", "VI", "DE", "GO", "PE", "HA", "YU", "RO", "BE", "TA", "NI",
        "KU", "FE", "JO", "ZA", "MO", "SE", "WA", "DI", "LA", "RI", "CHI",
    ];
    let n = if rng.bool() { 2 } else { 3 };
    (0..n)
        .map(|_| SYLLABLES[rng.usize(..SYLLABLES.len())])
        .collect()
}

fn sentence(rng: &mut Rng) -> String {
    let n = 8 + rng.usize(..14);
    let mut s = String::with_capacity(n * 8);
    for k in 0..n {
        if k > 0 {
            s.push(' ');
        }
        let w = WORDS[rng.usize(..WORDS.len())];
        if k == 0 {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                s.extend(f.to_uppercase());
                s.push_str(c.as_str());
            }
        } else {
            s.push_str(w);
        }
    }
    s.push('.');
    s
}

fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_string() + &c.as_str().to_lowercase(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn wrap(s: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for w in s.split(' ') {
        let cur = lines.last_mut().expect("never empty");
        if !cur.is_empty() && cur.len() + 1 + w.len() > width {
            lines.push(w.to_string());
        } else {
            if !cur.is_empty() {
                cur.push(' ');
            }
            cur.push_str(w);
        }
    }
    lines
}

/// Every cable of a corpus of `count`, in memory: its text and what it was given.
pub fn generate(count: usize, seed: u64) -> Vec<(String, Planted)> {
    let plan = plan(count, seed);
    (0..count)
        .into_par_iter()
        .map(|i| cable(&plan, i, seed))
        .collect()
}

/// Writes a corpus of `count` cables under `out` (`YYYY/MM/ID.txt`), in parallel.
pub fn write(out: &Path, count: usize, seed: u64) -> std::io::Result<Summary> {
    let plan = plan(count, seed);
    let mut dirs: Vec<_> = plan
        .iter()
        .map(|p| out.join(format!("{}/{:02}", p.year, p.month)))
        .collect();
    dirs.sort();
    dirs.dedup();
    for d in &dirs {
        std::fs::create_dir_all(d)?;
    }
    let results: Vec<std::io::Result<Planted>> = (0..count)
        .into_par_iter()
        .map(|i| {
            let (text, planted) = cable(&plan, i, seed);
            std::fs::write(out.join(&planted.path), text.as_bytes())?;
            Ok(planted)
        })
        .collect();
    let mut planted = Vec::with_capacity(count);
    for r in results {
        planted.push(r?);
    }
    let bytes = planted
        .iter()
        .filter_map(|p| std::fs::metadata(out.join(&p.path)).ok())
        .map(|m| m.len())
        .sum();
    Ok(Summary {
        cables: count,
        bytes,
        planted,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_cables_and_cable_i_does_not_depend_on_the_count() {
        let a = generate(60, 7);
        let b = generate(60, 7);
        assert_eq!(a.len(), 60);
        assert!(a.iter().zip(&b).all(|(x, y)| x.0 == y.0));
        let c = generate(60, 8);
        assert_ne!(a[5].0, c[5].0, "another seed gives other cables");
    }

    #[test]
    fn ids_are_unique_and_citations_point_backwards() {
        let plan = plan(2000, 3);
        let mut ids: Vec<_> = plan.iter().map(|p| p.id()).collect();
        ids.sort();
        let n = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), n, "duplicate ids in the plan");
        let all = generate(300, 3);
        let pos: std::collections::HashMap<_, _> = all
            .iter()
            .enumerate()
            .map(|(i, (_, p))| (p.id.clone(), i))
            .collect();
        for (i, (_, p)) in all.iter().enumerate() {
            for c in &p.ref_cites {
                assert!(pos[c] < i, "{} cites {c}, which is not earlier", p.id);
            }
            for c in &p.missing_cites {
                assert!(!pos.contains_key(c), "{c} should be missing");
            }
        }
    }
}
