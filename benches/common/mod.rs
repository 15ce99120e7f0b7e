//! Inputs shared by the benchmarks.

/// A large cable: numbered paragraphs carrying the usual citations and copy
/// damage, with a stretch of `seed` (08STATE2034) every fifty paragraphs.
pub fn big_cable(seed: &str, target: usize) -> String {
    let mut s = String::from("R 082042Z JAN 08\nFM SECSTATE WASHDC\n\nC O N F I D E N T I A L STATE 002034\n\nE.O. 12958: DECL: 01/31/2033\nSUBJECT: A LARGE CABLE\n\n");
    let mut n = 1;
    while s.len() < target {
        s.push_str(&format!(
            "{n}. (C) The Partners discussed item {n} at length, per REF A and para {}.\n",
            n.max(2) - 1
        ));
        s.push_str("Russia said the Regime,s criteria ) as agreed ) were &fine8 and\nthe U.S. disagreed. See STATE 67437.\n\n");
        n += 1;
        if n % 50 == 0 {
            s.push_str(
                &seed[seed.len() / 3..seed.len() / 3 + 2000]
                    .replace(|c: char| c.is_ascii_digit(), "x"),
            );
            s.push_str("\n\n");
        }
    }
    s
}
