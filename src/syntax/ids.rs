//! Canonical cable ids (`08BERLIN896`), origin variants, DTGs and dates.

use nom::{
    bytes::complete::{take_while1, take_while_m_n},
    character::complete::{digit1, space0, space1},
    combinator::{opt, recognize},
    sequence::{preceded, tuple},
    IResult,
};
use serde::Serialize;

/// `YY + ORIGIN + serial`: the identity of a cable.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CableId {
    /// Four-digit year.
    pub year: u16,
    /// Normalised origin: `STATE`, `BERLIN`, `RIODEJANEIRO`.
    pub origin: String,
    pub serial: u32,
}

impl std::fmt::Display for CableId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02}{}{}", self.year % 100, self.origin, self.serial)
    }
}

impl Serialize for CableId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Widens a two-digit year: Cablegate spans 1966 to 2010, so 50-99 are 19xx.
pub fn full_year(y: u32) -> u16 {
    match y {
        0..=49 => 2000 + y as u16,
        50..=99 => 1900 + y as u16,
        _ => y.min(9999) as u16,
    }
}

/// Variants of origins as they are written, and what they stand for. Keys are
/// upper-case with spaces and hyphens removed.
const ORIGIN_VARIANTS: &[(&str, &str)] = &[
    ("SECSTATE", "STATE"),
    ("SECSTATEWASHDC", "STATE"),
    ("WASHDC", "STATE"),
    ("SECTSTATE", "STATE"),
    ("SECTATE", "STATE"),
    ("USUN", "USUNNEWYORK"),
    ("USUNNY", "USUNNEWYORK"),
    ("USUNNEYORK", "USUNNEWYORK"),
    ("RIO", "RIODEJANEIRO"),
    ("RIODEJAN", "RIODEJANEIRO"),
    ("RIODEJANIERO", "RIODEJANEIRO"),
    ("HK", "HONGKONG"),
    ("HCMC", "HOCHIMINHCITY"),
    ("HOCHIMINH", "HOCHIMINHCITY"),
    ("TAIPEI", "AITTAIPEI"),
    ("PARISFR", "UNESCOPARISFR"),
    ("UNVIE", "UNVIEVIENNA"),
    ("PAP", "PORTAUPRINCE"),
    ("USEU", "USEUBRUSSELS"),
    ("USEUBRUSEELS", "USEUBRUSSELS"),
    ("HALIF", "HALIFAX"),
    ("PANANA", "PANAMA"),
    ("MADRIDSP", "MADRID"),
    ("BISHTEK", "BISHKEK"),
    ("SAOPAUO", "SAOPAULO"),
    ("SCOPAULO", "SAOPAULO"),
    ("PHNOMPEN", "PHNOMPENH"),
    ("BRASILA", "BRASILIA"),
    ("BA", "BUENOSAIRES"),
    ("CDCATLANTA", "CDCATLANTAGA"),
    ("WELLLINGTON", "WELLINGTON"),
    ("USDOCWASHDC", "USDOC"),
    ("BEIJINJG", "BEIJING"),
    ("DUBAI", "RPODUBAI"),
    ("USNATOBRUSSELS", "USNATO"),
    ("USOSCEVIENNA", "USOSCE"),
    ("HAGUE", "THEHAGUE"),
    ("MEXICOCITY", "MEXICO"),
    ("BRAZIL", "BRASILIA"),
    ("PORTA", "PORTAUPRINCE"),
    ("PORTAUPR", "PORTAUPRINCE"),
    ("SAOPAUL", "SAOPAULO"),
    ("TRIPOLII", "TRIPOLI"),
    ("NEWDELHI", "NEWDELHI"),
];

/// Origins written in text that are taken as the start of a cable number. Other
/// words followed by a number (`RESOLUTION 1737`) are not.
pub const KNOWN_ORIGINS: &[&str] = &[
    "STATE",
    "SECSTATE",
    "ABUDHABI",
    "ABU DHABI",
    "ABUJA",
    "ACCRA",
    "ADDIS ABABA",
    "ALGIERS",
    "AMMAN",
    "ANKARA",
    "ASHGABAT",
    "ASTANA",
    "ASUNCION",
    "ATHENS",
    "BAGHDAD",
    "BAKU",
    "BAMAKO",
    "BANGKOK",
    "BEIJING",
    "BEIRUT",
    "BELGRADE",
    "BERLIN",
    "BERN",
    "BISHKEK",
    "BOGOTA",
    "BRASILIA",
    "BRATISLAVA",
    "BRUSSELS",
    "BUCHAREST",
    "BUDAPEST",
    "BUENOS AIRES",
    "CAIRO",
    "CANBERRA",
    "CAPE TOWN",
    "CARACAS",
    "CASABLANCA",
    "CHISINAU",
    "COLOMBO",
    "COPENHAGEN",
    "DAKAR",
    "DAMASCUS",
    "DHAKA",
    "DOHA",
    "DUBAI",
    "DUBLIN",
    "DUSHANBE",
    "GENEVA",
    "GUATEMALA",
    "HANOI",
    "HARARE",
    "HAVANA",
    "HELSINKI",
    "HONG KONG",
    "ISLAMABAD",
    "ISTANBUL",
    "JAKARTA",
    "JERUSALEM",
    "KABUL",
    "KAMPALA",
    "KATHMANDU",
    "KHARTOUM",
    "KIEV",
    "KYIV",
    "KINSHASA",
    "KUALA LUMPUR",
    "KUWAIT",
    "LAGOS",
    "LA PAZ",
    "LIMA",
    "LISBON",
    "LONDON",
    "LUANDA",
    "MADRID",
    "MANAGUA",
    "MANAMA",
    "MANILA",
    "MEXICO",
    "MINSK",
    "MONTEVIDEO",
    "MOSCOW",
    "MUNICH",
    "MUSCAT",
    "NAIROBI",
    "NEW DELHI",
    "NEWDELHI",
    "NICOSIA",
    "OSLO",
    "OTTAWA",
    "OUAGADOUGOU",
    "PANAMA",
    "PARIS",
    "PESHAWAR",
    "PORT AU PRINCE",
    "PRAGUE",
    "PRETORIA",
    "QUITO",
    "RABAT",
    "RANGOON",
    "RIGA",
    "RIYADH",
    "RIO DE JANEIRO",
    "ROME",
    "RPO DUBAI",
    "SANAA",
    "SAN SALVADOR",
    "SANTIAGO",
    "SANTO DOMINGO",
    "SAO PAULO",
    "SARAJEVO",
    "SEOUL",
    "SINGAPORE",
    "SOFIA",
    "STOCKHOLM",
    "TAIPEI",
    "TALLINN",
    "TASHKENT",
    "TBILISI",
    "TEGUCIGALPA",
    "TEHRAN",
    "TEL AVIV",
    "TOKYO",
    "TRIPOLI",
    "TUNIS",
    "USNATO",
    "USUN",
    "USUN NEW YORK",
    "USEU",
    "USEU BRUSSELS",
    "UNVIE",
    "USOSCE",
    "VATICAN",
    "VIENNA",
    "VILNIUS",
    "WARSAW",
    "WELLINGTON",
    "WINDHOEK",
    "YEREVAN",
    "ZAGREB",
    "BRIDGETOWN",
    "HAMBURG",
    "FRANKFURT",
    "ISTANBUL",
    "JEDDAH",
    "KARACHI",
    "LAHORE",
    "MUMBAI",
    "CHENNAI",
    "KOLKATA",
    "SHANGHAI",
    "GUANGZHOU",
    "SHENYANG",
    "CHENGDU",
    "OSAKA",
    "SAPPORO",
    "NAHA",
    "TORONTO",
    "MONTREAL",
    "VANCOUVER",
    "HALIFAX",
    "CALGARY",
    "MONTERREY",
    "GUADALAJARA",
    "TIJUANA",
    "JUAREZ",
    "RECIFE",
    "BASRAH",
    "KIRKUK",
    "HILLAH",
    "ERBIL",
    "MOSUL",
    "ANTANANARIVO",
    "GABORONE",
    "LILONGWE",
    "LUSAKA",
    "MAPUTO",
    "MASERU",
    "MBABANE",
    "ASMARA",
    "DJIBOUTI",
    "KIGALI",
    "BUJUMBURA",
    "DAR ES SALAAM",
    "ABIDJAN",
    "CONAKRY",
    "FREETOWN",
    "MONROVIA",
    "NIAMEY",
    "NDJAMENA",
    "NOUAKCHOTT",
    "YAOUNDE",
    "LIBREVILLE",
    "MALABO",
    "BANGUI",
    "BRAZZAVILLE",
    "COTONOU",
    "LOME",
    "BANJUL",
    "BISSAU",
    "PRAIA",
    "PORT LOUIS",
    "VICTORIA",
    "PHNOM PENH",
    "VIENTIANE",
    "ULAANBAATAR",
    "PYONGYANG",
    "DILI",
    "PORT MORESBY",
    "SUVA",
    "APIA",
    "CANBERRA",
    "SYDNEY",
    "MELBOURNE",
    "PERTH",
    "AUCKLAND",
    "REYKJAVIK",
    "VALLETTA",
    "LUXEMBOURG",
    "THE HAGUE",
    "AMSTERDAM",
    "LJUBLJANA",
    "SKOPJE",
    "TIRANA",
    "PODGORICA",
    "PRISTINA",
    "KRAKOW",
    "ST PETERSBURG",
    "YEKATERINBURG",
    "VLADIVOSTOK",
    "ALMATY",
    "SAN JOSE",
    "BELMOPAN",
    "KINGSTON",
    "NASSAU",
    "PORT OF SPAIN",
    "GEORGETOWN",
    "PARAMARIBO",
    "CIUDAD JUAREZ",
    "HERMOSILLO",
    "MATAMOROS",
    "MERIDA",
    "NOGALES",
    "NUEVO LAREDO",
    "CURACAO",
    "HAMILTON",
    "ADANA",
    "IZMIR",
    "ALEXANDRIA",
    "DHAHRAN",
    "KOLKATA",
    "HYDERABAD",
    "CHIANG MAI",
    "HO CHI MINH CITY",
    "HCMC",
    "SURABAYA",
    "MILAN",
    "NAPLES",
    "FLORENCE",
    "BARCELONA",
    "MARSEILLE",
    "STRASBOURG",
    "LEIPZIG",
    "DUSSELDORF",
    "LYON",
    "BORDEAUX",
    "RENNES",
    "PONTA DELGADA",
    "THESSALONIKI",
    "BELFAST",
    "EDINBURGH",
];

/// The first words of the known origins, with the most words an origin starting
/// with each has.
pub struct FirstWords {
    map: rustc_hash::FxHashMap<&'static [u8], usize>,
    /// A bit for each pair of first two bytes a word has (most words are
    /// turned away here, unhashed), and the words' shortest and longest length.
    pairs: Box<[u64; 1024]>,
    lens: (usize, usize),
}

impl FirstWords {
    /// The most words an origin starting with `w` has (`None`: no origin does).
    pub fn get(&self, w: &[u8]) -> Option<usize> {
        if w.len() < self.lens.0 || w.len() > self.lens.1 {
            return None;
        }
        if let [a, b, ..] = w {
            let k = (*a as usize) << 8 | *b as usize;
            if self.pairs[k >> 6] >> (k & 63) & 1 == 0 {
                return None;
            }
        }
        self.map.get(w).copied()
    }

    pub fn contains_key(&self, w: &[u8]) -> bool {
        self.get(w).is_some()
    }

    /// As [`FirstWords::get`], for a word in title case (`Harare`, `State`),
    /// as cables of the 2000s write a post's name in running text (`see
    /// Harare 885`); `None` for a word in another case.
    pub fn get_titled(&self, w: &[u8]) -> Option<usize> {
        if !is_titled(w) || w.len() > 32 {
            return None;
        }
        let mut up = [0u8; 32];
        up[..w.len()].copy_from_slice(w);
        up[..w.len()].make_ascii_uppercase();
        self.get(&up[..w.len()])
    }

    pub fn keys(&self) -> impl Iterator<Item = &&'static [u8]> {
        self.map.keys()
    }
}

pub fn origin_first_words() -> &'static FirstWords {
    static M: std::sync::OnceLock<FirstWords> = std::sync::OnceLock::new();
    M.get_or_init(|| {
        let mut map = rustc_hash::FxHashMap::default();
        for o in KNOWN_ORIGINS {
            let n = o.split(' ').count();
            let e = map
                .entry(o.split(' ').next().unwrap_or(o).as_bytes())
                .or_insert(0);
            *e = (*e).max(n);
        }
        let mut pairs = Box::new([0u64; 1024]);
        let mut lens = (usize::MAX, 0);
        for w in map.keys() {
            if let [a, b, ..] = w {
                let k = (*a as usize) << 8 | *b as usize;
                pairs[k >> 6] |= 1 << (k & 63);
            }
            lens = (lens.0.min(w.len()), lens.1.max(w.len()));
        }
        FirstWords { map, pairs, lens }
    })
}

/// A word in title case: a capital, then small letters only.
pub fn is_titled(w: &[u8]) -> bool {
    w.len() >= 2 && w[0].is_ascii_uppercase() && w[1..].iter().all(u8::is_ascii_lowercase)
}

/// Whether `o` (as written, any case) is an origin known to send cables.
pub fn is_known_origin(o: &str) -> bool {
    let up = o
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_uppercase();
    KNOWN_ORIGINS.contains(&up.as_str())
}

/// Whether `o` (as written) names a post: a known origin or a known variant
/// (`SECSTATE WASHDC`, `USNATO BRUSSELS`).
pub fn names_an_origin(o: &str) -> bool {
    if is_known_origin(o) {
        return true;
    }
    let key = compact(o);
    ORIGIN_VARIANTS.iter().any(|(k, _)| *k == key)
}

/// Letters and digits only, in capitals: the key of [`ORIGIN_VARIANTS`].
fn compact(raw: &str) -> String {
    raw.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(|c| c.to_uppercase())
        .collect()
}

/// Normalises an origin as written (`SECSTATE`, `Rio de Janeiro`, `PORT-AU-PRINCE`,
/// `AMEMBASSY BERLIN`) to its canonical form (`STATE`, `RIODEJANEIRO`, ...).
pub fn normalize_origin(raw: &str) -> String {
    let mut key = compact(raw);
    for prefix in ["AMEMBASSY", "AMCONSUL", "EMBASSY", "AMCONGEN", "USMISSION"] {
        if key.len() > prefix.len() && key.starts_with(prefix) {
            key = key[prefix.len()..].to_string();
            break;
        }
    }
    match ORIGIN_VARIANTS.iter().find(|(k, _)| *k == key) {
        Some((_, v)) => v.to_string(),
        None => key,
    }
}

fn letters(i: &str) -> IResult<&str, &str> {
    take_while1(|c: char| c.is_ascii_alphabetic() || c == '-')(i)
}

/// Parses a compact id as other archives write it: `08BERLIN896`, `08STATE70895_a`,
/// `1973STATE089296`, `05RIO123`.
pub fn parse_compact_id(s: &str) -> Option<CableId> {
    let s = s.trim();
    let (rest, (year, origin, serial)): (&str, (&str, &str, &str)) =
        tuple((digit1, letters, digit1))(s).ok()?;
    if !(rest.is_empty() || rest.starts_with('_')) || !(year.len() == 2 || year.len() == 4) {
        return None;
    }
    Some(CableId {
        year: full_year(year.parse().ok()?),
        origin: normalize_origin(origin),
        serial: serial.parse().ok().filter(|&n| n > 0 || serial.len() > 1)?,
    })
}

/// A date-time group: `081544Z JUL 08`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Dtg {
    pub year: u16,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
}

impl Dtg {
    pub fn iso(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:00Z",
            self.year, self.month, self.day, self.hour, self.minute
        )
    }
    pub fn date(&self) -> Date {
        Date {
            year: self.year,
            month: self.month,
            day: self.day,
        }
    }
}

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
    pub fn is_valid(&self) -> bool {
        let dim = match self.month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if self.year.is_multiple_of(4)
                && (!self.year.is_multiple_of(100) || self.year.is_multiple_of(400)) =>
            {
                29
            }
            2 => 28,
            _ => return false,
        };
        self.day >= 1 && self.day <= dim
    }
}

pub fn month_number(m: &str) -> Option<u8> {
    const M: [&str; 12] = [
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
    ];
    let m = m.get(..3)?.to_ascii_uppercase();
    M.iter().position(|x| *x == m).map(|i| i as u8 + 1)
}

/// Parses `DDHHMMZ MON YY` at the start of `s`; returns the DTG and the bytes used.
pub fn parse_dtg(s: &str) -> Option<(Dtg, usize)> {
    read_dtg(s).map(|r| (r.dtg, r.len))
}

/// A date-time group as a copy gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadDtg {
    pub dtg: Dtg,
    /// Bytes used.
    pub len: usize,
    /// The text as it should read where OCR put a letter for a digit
    /// (`08l544Z JUL O8` for `081544Z JUL 08`), else `None`.
    pub repaired: Option<String>,
}

/// The digit a character stands for in a run of digits: itself, or the
/// letter OCR reads for it (`O` for 0; `l`, `I` or `|` for 1).
fn digit_of(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c),
        b'O' | b'o' => Some(b'0'),
        b'l' | b'I' | b'|' => Some(b'1'),
        _ => None,
    }
}

/// [`parse_dtg`], reading through what copies do to a DTG: a letter OCR
/// read for a digit (at most two in the day and time, none alone in the
/// year), a space before the `Z`.
pub fn read_dtg(s: &str) -> Option<ReadDtg> {
    let b = s.as_bytes();
    let mut fixed: Vec<u8> = Vec::with_capacity(16);
    let mut i = 0;
    // The day, hour and minute.
    while i < 6 {
        fixed.push(digit_of(*b.get(i)?)?);
        i += 1;
    }
    let real = b[..6].iter().filter(|c| c.is_ascii_digit()).count();
    if real < 4 {
        return None;
    }
    if b.get(i) == Some(&b' ') {
        i += 1;
    }
    if !matches!(b.get(i), Some(b'Z' | b'z')) {
        return None;
    }
    fixed.push(b[i]);
    i += 1;
    let spaces = |i: usize| {
        b[i..]
            .iter()
            .take_while(|c| **c == b' ' || **c == b'\t')
            .count()
    };
    let sp = spaces(i);
    if sp == 0 {
        return None;
    }
    fixed.extend_from_slice(&b[i..i + sp]);
    i += sp;
    let mon_len = b[i..]
        .iter()
        .take(10)
        .take_while(|c| c.is_ascii_alphabetic())
        .count();
    if !(3..=9).contains(&mon_len) {
        return None;
    }
    let mon = &s[i..i + mon_len];
    fixed.extend_from_slice(mon.as_bytes());
    i += mon_len;
    let sp = spaces(i);
    if sp == 0 {
        return None;
    }
    fixed.extend_from_slice(&b[i..i + sp]);
    i += sp;
    let year_at = fixed.len();
    let yy_len = (b[i..].iter().take(5))
        .take_while(|c| digit_of(**c).is_some())
        .count();
    if !matches!(yy_len, 2 | 4) || !b[i..i + yy_len].iter().any(u8::is_ascii_digit) {
        return None;
    }
    fixed.extend(b[i..i + yy_len].iter().filter_map(|c| digit_of(*c)));
    i += yy_len;
    if b.get(i).is_some_and(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let num = |a: usize| -> Option<u8> { std::str::from_utf8(&fixed[a..a + 2]).ok()?.parse().ok() };
    let yy: u32 = std::str::from_utf8(&fixed[year_at..]).ok()?.parse().ok()?;
    let dtg = Dtg {
        year: full_year(yy),
        month: month_number(mon)?,
        day: num(0)?,
        hour: num(2)?,
        minute: num(4)?,
    };
    if !dtg.date().is_valid() || dtg.hour > 24 || dtg.minute > 59 {
        return None;
    }
    // A letter for a digit is put right (a space before the `Z` only with
    // one: it is a copy's spacing, not a misreading).
    let lookalike = (b[..6].iter().chain(&b[i - yy_len..i])).any(|c| !c.is_ascii_digit());
    let repaired = lookalike.then(|| String::from_utf8_lossy(&fixed).into_owned());
    Some(ReadDtg {
        dtg,
        len: i,
        repaired,
    })
}

/// Parses a declassification date: `07/08/2033`, `6/30/08`, `2019/12/16`. Two-digit
/// years are 20YY. Returns the date and the bytes used.
pub fn parse_decl_date(s: &str) -> Option<(Date, usize)> {
    let num = |i| take_while_m_n::<_, _, ()>(1, 4, |c: char| c.is_ascii_digit())(i);
    let sep = |i| nom::character::complete::one_of::<_, _, ()>("/.-")(i);
    let (rest, (a, _, b, _, c)) = tuple((num, sep, num, sep, num))(s).ok()?;
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let (y, m, d) = if a.len() == 4 { (a, b, c) } else { (c, a, b) };
    if y.len() == 3 || m.len() > 2 || d.len() > 2 {
        return None;
    }
    let year: u32 = y.parse().ok()?;
    let date = Date {
        year: if y.len() <= 2 {
            2000 + year as u16
        } else {
            year as u16
        },
        month: m.parse().ok()?,
        day: d.parse().ok()?,
    };
    Some((date, s.len() - rest.len()))
}

/// `[YY|YYYY] ORIGIN WORDS SERIAL` as written in a REF item: returns the optional
/// year, the origin as written, the serial digits and the bytes used.
pub fn parse_cable_citation(s: &str) -> Option<(Option<u16>, &str, &str, usize)> {
    let year = |i| {
        let (i, y) = take_while_m_n(2, 4, |c: char| c.is_ascii_digit())(i)?;
        let (i, _) = space1(i)?;
        Ok((i, y))
    };
    let origin = recognize(tuple((
        letters,
        nom::multi::many0(preceded(space1, letters)),
    )));
    let r: IResult<&str, (Option<&str>, &str, &str, &str)> =
        tuple((opt(year), origin, space0, digit1))(s);
    let (rest, (y, o, _, serial)) = r.ok()?;
    let mut after = rest.chars();
    let glued = match after.next() {
        Some(c) if c.is_ascii_alphabetic() => true,
        Some('-' | '.' | ':') => after.next().is_some_and(|c| c.is_ascii_digit()),
        _ => false,
    };
    if glued || serial.len() > 7 {
        return None;
    }
    let y = match y {
        Some(y) if y.len() == 3 => return None,
        Some(y) => Some(full_year(y.parse().ok()?)),
        None => None,
    };
    Some((y, o, serial, s.len() - rest.len()))
}

/// `SECTION 01 OF 03` at the start of `s`.
pub fn parse_section(s: &str) -> Option<((u16, u16), usize)> {
    let r: IResult<&str, (&str, &str, &str, &str, &str, &str)> = tuple((
        nom::bytes::complete::tag_no_case("SECTION"),
        space1,
        digit1,
        space1,
        nom::bytes::complete::tag_no_case("OF"),
        preceded(space1, digit1),
    ))(s);
    let (rest, (_, _, a, _, _, b)) = r.ok()?;
    Some(((a.parse().ok()?, b.parse().ok()?), s.len() - rest.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The citation scan turns a word away unless it starts with a capital
    /// (see `citations::scan_line`): every origin must.
    #[test]
    fn every_origin_starts_with_a_capital() {
        for w in origin_first_words().keys() {
            assert!(w[0].is_ascii_uppercase(), "{}", String::from_utf8_lossy(w));
        }
    }

    /// The first-word table's quick rejection never turns a first word away,
    /// and turns away words that are not one.
    #[test]
    fn first_words_are_found_and_others_not() {
        let f = origin_first_words();
        for w in f.keys() {
            assert_eq!(f.get(w), f.map.get(w).copied());
        }
        for w in [
            &b"QUICKLY"[..],
            b"B",
            b"",
            b"STATEX",
            b"AMBASSADOR",
            b"state",
        ] {
            assert_eq!(f.get(w), None, "{}", String::from_utf8_lossy(w));
        }
        assert!(f.contains_key(b"STATE") && f.contains_key(b"BERLIN"));
    }

    #[test]
    fn compact_ids() {
        let c = |s| parse_compact_id(s).map(|i| i.to_string());
        assert_eq!(c("08BERLIN896").as_deref(), Some("08BERLIN896"));
        assert_eq!(c("08STATE70895_a").as_deref(), Some("08STATE70895"));
        assert_eq!(c("1973STATE089296").as_deref(), Some("73STATE89296"));
        assert_eq!(c("05RIO123").as_deref(), Some("05RIODEJANEIRO123"));
        assert_eq!(c("07PORT-AU-PRINCE12").as_deref(), Some("07PORTAUPRINCE12"));
        assert_eq!(c("hello"), None);
    }

    #[test]
    fn dtgs() {
        let (d, n) = parse_dtg("081544Z JUL 08 FM X").unwrap();
        assert_eq!((d.iso(), n), ("2008-07-08T15:44:00Z".to_string(), 14));
        assert_eq!(parse_dtg("291359Z Nov 00").unwrap().0.year, 2000);
        assert_eq!(parse_dtg("041125Z MAR 75").unwrap().0.year, 1975);
        assert!(parse_dtg("991544Z JUL 08").is_none());
        // What copies do to a DTG: a letter OCR read for a digit, a space
        // before the Z; read, with the repair where a letter stood for a digit.
        let r = |s| read_dtg(s).map(|r| (r.dtg.iso(), r.len, r.repaired));
        let iso = "2008-07-08T15:44:00Z".to_string();
        assert_eq!(
            r("08l544Z JUL 08"),
            Some((iso.clone(), 14, Some("081544Z JUL 08".into())))
        );
        assert_eq!(
            r("O81544Z JUL O8 FM"),
            Some((iso.clone(), 14, Some("081544Z JUL 08".into())))
        );
        assert_eq!(r("081544 Z JUL 08"), Some((iso.clone(), 15, None)));
        assert_eq!(
            r("08I544 Z Jul 08"),
            Some((iso.clone(), 15, Some("081544Z Jul 08".into())))
        );
        assert_eq!(r("081544Z JUL 08"), Some((iso, 14, None)));
        // Words, and too many letters for a misread.
        for not in [
            "lOlOlOZ JUL 08",
            "081544Z JUL OO",
            "OOl544Z JUL 08",
            "081544 JUL 08",
            "081544Z JUL 08X",
        ] {
            assert_eq!(r(not), None, "{not}");
        }
    }

    #[test]
    fn decl_dates() {
        let d = |s| parse_decl_date(s).map(|x| x.0.iso());
        assert_eq!(d("07/08/2033").as_deref(), Some("2033-07-08"));
        assert_eq!(d("6/30/08").as_deref(), Some("2008-06-30"));
        assert_eq!(d("2019/12/16").as_deref(), Some("2019-12-16"));
        assert_eq!(d("1.6X6"), None);
    }

    #[test]
    fn cable_citations() {
        let (y, o, s, _) = parse_cable_citation("08 STATE 129729").unwrap();
        assert_eq!((y, o, s), (Some(2008), "STATE", "129729"));
        let (y, o, s, n) = parse_cable_citation("TEL AVIV 605 (AND").unwrap();
        assert_eq!((y, o, s, n), (None, "TEL AVIV", "605", 12));
        assert!(parse_cable_citation("SMITH-DURHAM E MAIL OF 06-26-08").is_none());
    }
}
