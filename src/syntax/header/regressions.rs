//! Headers that once went wrong (found by property tests or in real cables), kept
//! as they were found.

/// Found by proptest: a character straddling byte 3 after the reason's `1`.
#[test]
fn reasons_after_a_multibyte_character() {
    let c = crate::syntax::parse(
        "C O N F I D E N T I A L STATE 000001\n\nClassified By: X. Reason: 1⁸AND (D).\n",
    );
    assert!(c.header.classified_by.is_some());
}

/// 10BRASILIA43 wrapped: the subject's last line holds the Classified By.
#[test]
fn a_wrapped_subject_ends_where_classified_by_starts() {
    let c = crate::syntax::parse(
        "CONFIDENTIAL BRASILIA 000043\n\nSUBJECT: BRAZIL: AMBASSADOR PRESENTS CREDENTIALS TO\n\
         PRESIDENT LULA CLASSIFIED BY: Thomas A. Shannon, Ambassador,\n\
         State, Embassy Brasilia; REASON: 1.4(B), (D)\n\n1. (C) Summary.\n",
    );
    let h = c.header;
    assert_eq!(
        h.subject.unwrap().text,
        "BRAZIL: AMBASSADOR PRESENTS CREDENTIALS TO PRESIDENT LULA"
    );
    assert_eq!(h.classified_by.unwrap().reasons, ['b', 'd']);
}

/// 08KUALALUMPUR317 wrapped: an unnumbered paragraph right after the REF line.
#[test]
fn a_marked_sentence_ends_a_ref_block() {
    let c = crate::syntax::parse(
        "UNCLAS KUALA LUMPUR 000317\n\nSUBJECT: X\n\nREF: STATE 40380\n\
         (SBU) Poloff delivered reftel demarche and nonpaper to Adi\n\
         Mohammed of the MFA.\nKEITH\n",
    );
    assert_eq!(c.header.references.unwrap().items.len(), 1);
    assert_eq!(c.body.signature.unwrap().text, "KEITH");
    // A bullet letter in parentheses stays an item.
    let c = crate::syntax::parse(
        "UNCLAS STATE 000001\n\nSUBJECT: X\n\nREF: (A) STATE 1\n(B) Embassy email of May 5\n\n1. Text.\n",
    );
    assert_eq!(c.header.references.unwrap().items.len(), 2);
}

#[test]
fn reason_letters_without_parentheses() {
    for (reasons, want) in [
        ("1.4 b and d", "bd"),
        ("1.4 BD.", "bd"),
        ("1.5 bd", "bd"),
        ("1.4 abc, and  d", "abcd"),
        ("1.4 b&d.", "bd"),
        ("1.4 B,C andD.", "bcd"),
        ("1.4 (b), (d)", "bd"),
        ("1.4(B)(D)", "bd"),
        // Words are no reasons.
        ("1.4 (b) and (d), BAD ideas FACED with DEBT", "bd"),
        ("1.4 B AND D; ACHE", "bd"),
    ] {
        let t = format!(
            "CONFIDENTIAL DOHA 000502\n\nClassified By: X for reasons {reasons}\n\n1. (C) Text.\n"
        );
        let h = crate::syntax::parse(&t).header;
        let got: String = h
            .classified_by
            .expect(reasons)
            .reasons
            .into_iter()
            .collect();
        assert_eq!(got, want, "{reasons}");
    }
}

/// 09TRIPOLI663: the first paragraph glued after the reasons starts a
/// line of its own (see `text::parser_lines`), so its mark is no reason.
#[test]
fn reasons_stop_at_a_glued_paragraph() {
    let c = crate::syntax::parse(
        "CONFIDENTIAL TRIPOLI 000663\n\nCLASSIFIED BY: Joan Polaschik, Charge. \
         REASON: 1.4 (b), (d) 1. (C) Summary: A said to B.\n",
    );
    assert_eq!(c.header.classified_by.unwrap().reasons, ['b', 'd']);
    let c = crate::syntax::parse(
        "CONFIDENTIAL TRIPOLI 000663\n\nClassified By: X. Reasons 1.4 (b) and (d) 2 (c).\n",
    );
    assert_eq!(c.header.classified_by.unwrap().reasons, ['b', 'd', 'c']);
}
