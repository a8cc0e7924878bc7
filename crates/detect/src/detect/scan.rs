//! The one pass over the text: segment candidates and anchor scanners feed every
//! pattern recognizer; the result is an unresolved candidate list.

use super::ENTITIES;
use super::ascii::DIGIT;
use super::finding::Finding;
use super::hit::Sink;
use super::{dob, gps, ids, mrz, net, phone, segment, tokens};

/// Appends every pattern-recognizer candidate of `text` scoring at least `min[entity]` to
/// `found` (overlaps unresolved). Context words are not looked for inside `mask`.
pub(crate) fn run(
    text: &str,
    min: [f32; ENTITIES],
    mask: &[(usize, usize)],
    found: &mut Vec<Finding>,
) {
    run_with(text, min, mask, found, true);
}

/// [`run`], leaving plain words out at once (`skip_plain`, see [`plain_word`]) or offering
/// every segment to the scanners (the reference the tests compare with).
#[inline(always)]
fn run_with(
    text: &str,
    min: [f32; ENTITIES],
    mask: &[(usize, usize)],
    found: &mut Vec<Finding>,
    skip_plain: bool,
) {
    let bytes = text.as_bytes();
    let mut sink = Sink::new(min, mask);
    let out = &mut sink;
    // Where `www.` occurs, collected on the way (see `net::urls`).
    let mut www = Vec::new();
    // One candidate for the whole text, emptied for each run (see `segment::Cand::new`).
    let mut cand = segment::Cand::new(text, 0);
    for (s, e, bits) in segment::segments(text) {
        if skip_plain && plain_word(bytes, s, e, bits) {
            continue;
        }
        www.extend(net::www_at(bytes, s, e));
        segment::combos_in(&mut cand, s, e, bits, |c| {
            ids::visit(c, out);
            tokens::visit(c, out);
        });
        if bytes.get(s).is_some_and(u8::is_ascii_digit) {
            phone::at(text, s, out);
            gps::at(text, s, out);
            dob::at(text, s, e, out);
        } else if bytes.get(s).is_some_and(u8::is_ascii_alphabetic) {
            dob::month_first(text, s, e, out);
        }
    }
    net::emails(text, out);
    net::urls(text, &www, out);
    net::colon_runs(text, out);
    mrz::scan(text, out);
    found.append(&mut sink.findings);
}

/// A segment of letters that none of the scanners below can use (most words of running
/// text), left before any of them is called. Each condition is one of theirs: a segment of
/// letters only offers candidates when it looks like part of an identifier
/// ([`segment::idish`]); `www.` needs a dot after it; a date written month first needs a dot
/// or a space and a digit after the month (`dob::month_first`). A test compares the
/// candidates with and without this shortcut.
#[inline(always)]
fn plain_word(bytes: &[u8], s: usize, e: usize, bits: u8) -> bool {
    bits & DIGIT == 0
        && !segment::idish(bits, e - s)
        && match bytes.get(e) {
            Some(b'.') => false,
            Some(b' ') => !bytes.get(e + 1).is_some_and(u8::is_ascii_digit),
            _ => true,
        }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::detect::hit::FLOOR;

    #[test]
    fn leaving_plain_words_out_changes_no_candidate() {
        // Month-first dates (with and without the month's dot), `www.` hosts, words before
        // digits and dots, short upper-case and hexadecimal words, identifiers of letters and
        // digits: every kind of segment a scanner can use, next to plain words.
        const PIECES: &[&str] = &[
            "the",
            "witness",
            "saw",
            "born",
            "geboren",
            "January",
            "january",
            "Jan.",
            "März",
            "mars",
            "Sept.",
            "12",
            "3,",
            "1985",
            "1985.",
            "www.example.org",
            "www",
            "IBAN",
            "DE89",
            "3704",
            "0044",
            "0532",
            "0130",
            "00",
            "ab",
            "AB",
            "cafe",
            "face",
            "Tel.",
            "+49",
            "30",
            "12345678",
            "anna.schmidt@example.de",
            "C01X00T47",
            "B-AB",
            "1234",
            "48.8584,",
            "2.2945",
            "passport",
            "no.",
            "case",
            "2024/117-B",
            "v2.4.1",
            "and",
            "birth",
            "DOB",
            "né",
            "le",
            "Müller",
            "ab-cd-ef-01-23-45",
            "face-b00c",
        ];
        const SEPS: &[&str] = &[" ", " ", " ", ". ", ", ", "\n", "", "-", "/", ": "];
        let mut next = crate::detect::lcg(0xD1CE);
        let candidates = |text: &str, skip: bool| {
            let mut found = Vec::new();
            run_with(text, [FLOOR; ENTITIES], &[], &mut found, skip);
            found
                .into_iter()
                .map(|f| {
                    (
                        f.entity,
                        f.start,
                        f.end,
                        f.score.to_bits(),
                        f.reason.to_string(),
                    )
                })
                .collect::<Vec<_>>()
        };
        let mut total = 0;
        for round in 0..300 {
            let mut text = String::new();
            for _ in 0..(20 + round % 200) {
                text.push_str(PIECES[next(PIECES.len())]);
                text.push_str(SEPS[next(SEPS.len())]);
            }
            let with = candidates(&text, true);
            assert_eq!(with, candidates(&text, false), "{text:?}");
            total += with.len();
        }
        assert!(total > 1000, "{total}");
        for text in [
            "born January 12, 1985",
            "geb. Jan. 3 1985",
            "see www.example.org now",
        ] {
            assert!(!candidates(text, true).is_empty(), "{text}");
        }
    }
}
