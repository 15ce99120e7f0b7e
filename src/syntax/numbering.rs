//! Paragraph numbers through OCR damage: recovered from their sequence.
//!
//! A pilcrow read by OCR as `1` turns `¶3` into `13.`; a cable whose paragraphs read
//! 11, 12, 13 has paragraphs 1, 2, 3. Each written number is read either as written
//! or with its leading `1` dropped, whichever continues the sequence.

/// A numbered label as found at the start of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    pub written: u32,
    pub digits: u8,
    /// A portion mark follows the label.
    pub has_mark: bool,
    /// A blank line (or the start of the body) precedes it.
    pub after_break: bool,
    /// Its line is longer than a telegram's lines are wrapped to: the copy does
    /// not wrap, the line holds a whole paragraph, and a number at its start is
    /// the paragraph's.
    pub whole_line: bool,
}

/// How a candidate was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// Not a paragraph (a number that begins a wrapped line).
    Rejected,
    /// The number as written.
    AsWritten(u32),
    /// The leading `1` was a pilcrow: the number is the rest.
    Pilcrow(u32),
}

fn stripped(c: &Candidate) -> Option<u32> {
    if c.digits >= 2 {
        let s = c.written.to_string();
        if let Some(rest) = s.strip_prefix('1') {
            if !rest.starts_with('0') {
                return rest.parse().ok();
            }
        }
    }
    None
}

/// Reads every candidate in order.
pub fn recover(cands: &[Candidate]) -> Vec<Reading> {
    let mut out = Vec::with_capacity(cands.len());
    let mut expected: Option<u32> = None; // None before the first paragraph
                                          // The last number read was a pilcrow's: the copy's numbers carry one.
    let mut pilcrows = false;
    for (k, c) in cands.iter().enumerate() {
        let s = stripped(c);
        let next = cands.get(k + 1);
        let reading = match expected {
            None => {
                if c.written == 1 {
                    Reading::AsWritten(1)
                } else if s == Some(1) {
                    Reading::Pilcrow(1)
                } else if c.written <= 30 && (c.has_mark || c.after_break) {
                    // A partial extract may start anywhere.
                    match (s, next) {
                        (Some(sv), Some(n))
                            if n.written == sv + 1
                                || stripped(n) == Some(sv + 1) && n.written != c.written + 1 =>
                        {
                            Reading::Pilcrow(sv)
                        }
                        _ => Reading::AsWritten(c.written),
                    }
                } else if s.is_some_and(|sv| sv <= 30) && c.has_mark {
                    // `122. (SBU)` opening a partial extract: no cable runs
                    // to paragraph 122, so its `1` is a pilcrow's.
                    Reading::Pilcrow(s.unwrap_or_default())
                } else {
                    Reading::Rejected
                }
            }
            Some(e) => {
                // `11.` left out (a jump, unmarked), then `12.`: a run of
                // numbers as written (a copy with paragraphs cut out), not `12.`
                // for `¶2` after a `11.` nothing explains.
                let run_from_left_out = k > 0
                    && out[k - 1] == Reading::Rejected
                    && cands[k - 1].written + 1 == c.written
                    && (cands[k - 1].after_break || cands[k - 1].has_mark)
                    && (c.after_break || c.has_mark)
                    && !pilcrows
                    && c.written > e
                    && c.written <= e + 20;
                if c.written == e {
                    Reading::AsWritten(e)
                } else if run_from_left_out {
                    out[k - 1] = Reading::AsWritten(c.written - 1);
                    Reading::AsWritten(c.written)
                } else if s == Some(e) {
                    Reading::Pilcrow(e)
                } else if c.written > e
                    && c.written <= e + 3
                    && (c.has_mark || c.after_break || c.whole_line)
                {
                    Reading::AsWritten(c.written)
                } else if s.is_some_and(|sv| sv > e && sv <= e + 3) && c.has_mark {
                    Reading::Pilcrow(s.unwrap())
                } else if let Some(sv) =
                    s.filter(|&sv| pilcrows && c.has_mark && (sv > e || c.after_break))
                {
                    // Where the numbers so far carry a pilcrow, a jump, a
                    // repeat or a restart carries one too: `¶11` read as `111`
                    // after `13` (¶3), `14` (¶4 again) after `15` (¶5).
                    Reading::Pilcrow(sv)
                } else if c.written > e && c.written < 1000 && c.has_mark
                    || c.written > e && c.written <= e + 20 && c.whole_line
                {
                    // A jump: paragraphs lost in a partial copy. The checks flag it.
                    Reading::AsWritten(c.written)
                } else if c.written < e && c.has_mark && c.after_break {
                    // A repeated or restarted number: keep it, the checks flag it.
                    Reading::AsWritten(c.written)
                } else {
                    Reading::Rejected
                }
            }
        };
        match reading {
            Reading::AsWritten(n) => (expected, pilcrows) = (Some(n + 1), false),
            Reading::Pilcrow(n) => (expected, pilcrows) = (Some(n + 1), true),
            Reading::Rejected => {}
        }
        out.push(reading);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(ws: &[u32]) -> Vec<Option<u32>> {
        let c: Vec<Candidate> = ws
            .iter()
            .map(|&w| Candidate {
                written: w,
                digits: w.to_string().len() as u8,
                has_mark: true,
                after_break: true,
                whole_line: false,
            })
            .collect();
        recover(&c)
            .into_iter()
            .map(|r| match r {
                Reading::AsWritten(n) | Reading::Pilcrow(n) => Some(n),
                Reading::Rejected => None,
            })
            .collect()
    }

    #[test]
    fn sequences() {
        assert_eq!(run(&[11, 12, 13, 14, 15]), [1, 2, 3, 4, 5].map(Some));
        assert_eq!(run(&[1, 12, 13, 14]), [1, 2, 3, 4].map(Some));
        assert_eq!(run(&[11, 13, 4, 15, 16]), [1, 3, 4, 5, 6].map(Some));
        assert_eq!(run(&[1, 2, 3, 4, 15]), [1, 2, 3, 4, 5].map(Some));
        let long: Vec<u32> = (1..=117).collect();
        assert_eq!(
            run(&long),
            long.iter().map(|&n| Some(n)).collect::<Vec<_>>()
        );
        assert_eq!(run(&[1, 2, 2009, 3]), vec![Some(1), Some(2), None, Some(3)]);
        assert_eq!(run(&[12, 13, 14]), [12, 13, 14].map(Some));
        // A jump, a repeat and a restart in a copy whose numbers carry a
        // pilcrow carry one too; in a copy whose numbers do not, they are
        // read as written.
        assert_eq!(run(&[11, 12, 13, 111]), [1, 2, 3, 11].map(Some));
        assert_eq!(run(&[11, 12, 13, 14, 15, 14]), [1, 2, 3, 4, 5, 4].map(Some));
        assert_eq!(run(&[11, 12, 13, 14, 11]), [1, 2, 3, 4, 1].map(Some));
        assert_eq!(run(&[1, 2, 3, 4, 5, 14]), [1, 2, 3, 4, 5, 14].map(Some));
        assert_eq!(run(&[1, 2, 3, 4, 11]), [1, 2, 3, 4, 11].map(Some));
        assert_eq!(run(&[122, 123]), [22, 23].map(Some));
    }

    #[test]
    fn a_line_holding_a_whole_paragraph_opens_one_with_its_number() {
        // Unmarked, not after a break: read as written only when the line is
        // a whole paragraph's (a copy that does not wrap), jumps included.
        let cands = |whole_line: bool| -> Vec<Candidate> {
            [(1, true), (3, false), (8, false), (11, true), (12, true)]
                .iter()
                .map(|&(w, after_break)| Candidate {
                    written: w,
                    digits: w.to_string().len() as u8,
                    has_mark: false,
                    after_break,
                    whole_line: whole_line || w == 1,
                })
                .collect()
        };
        let read = |c: &[Candidate]| -> Vec<Reading> { recover(c) };
        use Reading::*;
        assert_eq!(
            read(&cands(true)),
            [
                AsWritten(1),
                AsWritten(3),
                AsWritten(8),
                AsWritten(11),
                AsWritten(12)
            ]
        );
        // Wrapped: `3.` and `8.` may start wrapped lines; `11.` then `12.`,
        // each after a break, are a run as written (not `12.` for `¶2`).
        assert_eq!(
            read(&cands(false)),
            [
                AsWritten(1),
                Rejected,
                Rejected,
                AsWritten(11),
                AsWritten(12)
            ]
        );
        // Where the numbers so far carry a pilcrow, `12.` is still `¶2`.
        let mut pilcrow = cands(false);
        (pilcrow[0].written, pilcrow[0].digits) = (11, 2);
        assert_eq!(read(&pilcrow)[0], Pilcrow(1));
        assert_eq!(read(&pilcrow)[4], Pilcrow(2));
        // A jump of more than 20 is not taken even there.
        let mut far = cands(true);
        (far[1].written, far[1].digits) = (30, 2);
        assert_eq!(read(&far)[1], Rejected);
    }
}
