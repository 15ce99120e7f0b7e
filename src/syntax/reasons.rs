//! The classification reasons a `Classified By` line cites: the categories of
//! E.O. 12958 section 1.5 (a)-(g), renumbered 1.4 (a)-(h) by E.O. 13292 in
//! March 2003 (which added (h)). Public-domain text of the orders, shortened.

/// Section 1.4 (a)-(h), E.O. 12958 as amended by E.O. 13292.
const SECTION_1_4: [&str; 8] = [
    "military plans, weapons systems, or operations",
    "foreign government information",
    "intelligence activities (including special activities), intelligence sources or methods, or cryptology",
    "foreign relations or foreign activities of the United States, including confidential sources",
    "scientific, technological, or economic matters relating to the national security, including defense against transnational terrorism",
    "United States Government programs for safeguarding nuclear materials or facilities",
    "vulnerabilities or capabilities of systems, installations, infrastructures, projects, plans, or protection services relating to the national security, including defense against transnational terrorism",
    "weapons of mass destruction",
];

/// Section 1.5 (a)-(g) of E.O. 12958 before March 2003.
const SECTION_1_5: [&str; 7] = [
    "military plans, weapons systems, or operations",
    "foreign government information",
    "intelligence activities (including special activities), intelligence sources or methods, or cryptology",
    "foreign relations or foreign activities of the United States, including confidential sources",
    "scientific, technological, or economic matters relating to the national security",
    "United States Government programs for safeguarding nuclear materials or facilities",
    "vulnerabilities or capabilities of systems, installations, projects or plans relating to the national security",
];

/// The reasons of a section (`1.4` or `1.5`): each letter and its meaning.
pub fn reasons(section: &str) -> impl Iterator<Item = (char, &'static str)> {
    let table: &[&str] = if section == "1.5" {
        &SECTION_1_5
    } else {
        &SECTION_1_4
    };
    table.iter().zip('a'..).map(|(m, c)| (c, *m))
}

/// What reason `letter` (either case) of `section` stands for.
pub fn meaning(section: &str, letter: char) -> Option<&'static str> {
    let l = letter.to_ascii_lowercase();
    reasons(section).find(|(c, _)| *c == l).map(|(_, m)| m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_and_letters() {
        assert_eq!(reasons("1.4").count(), 8);
        assert_eq!(reasons("1.5").count(), 7);
        assert_eq!(meaning("1.4", 'H'), Some("weapons of mass destruction"));
        assert_eq!(meaning("1.5", 'h'), None);
        assert!(meaning("1.4", 'd')
            .unwrap()
            .starts_with("foreign relations"));
    }
}
