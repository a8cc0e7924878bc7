//! PHONE: E.164 (`+` and a country code, 8–15 digits), `00` international prefix, and
//! national numbers with a trunk `0`, written with single separators and at most one
//! parenthesised group such as `(0)` or `(030)`.
//!
//! Decoys are kept out by the shape, not by a long pattern list: a national number must
//! start with `0`; other digit runs need a phone word before them; dates are refused; a
//! number glued to more digits is not a phone number.

use super::checksum::num;
use super::context::PHONE;
use super::date;
use super::entity::Entity as E;
use super::hit::{Hit, Sink, emit};
use super::segment::right_ok;

/// Country codes of ITU-T E.164 with one or two digits; other codes have three digits.
const CC2: &[u32] = &[
    20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49, 51, 52, 53, 54, 55, 56,
    57, 58, 60, 61, 62, 63, 64, 65, 66, 81, 82, 84, 86, 90, 91, 92, 93, 94, 95, 98,
];

/// `true` if the digits start with an assigned country code.
fn country_code_ok(d: &[u8]) -> bool {
    let p = |n| d.get(..n).and_then(num);
    match d.first() {
        Some(b'1' | b'7') => true,
        Some(b'0') | None => false,
        _ => {
            p(2).is_some_and(|x| CC2.contains(&x))
                || p(3).is_some_and(|x| {
                    x >= 200
                        && !CC2.contains(&(x / 10))
                        && !UNASSIGNED.iter().any(|&(a, b)| (a..=b).contains(&x))
                })
        }
    }
}

/// Three-digit country codes that ITU-T has not assigned (spare or reserved).
const UNASSIGNED: &[(u32, u32)] = &[
    (210, 211),
    (214, 215),
    (217, 217),
    (219, 219),
    (259, 259),
    (280, 289),
    (292, 296),
    (384, 384),
    (422, 422),
    (424, 429),
    (671, 671),
    (693, 699),
    (801, 807),
    (809, 809),
    (830, 849),
    (851, 851),
    (854, 854),
    (857, 859),
    (871, 879),
    (884, 885),
    (887, 887),
    (889, 899),
    (969, 969),
    (978, 978),
    (990, 990),
    (997, 997),
    (999, 999),
];

struct Parsed {
    end: usize,
    digits: [u8; 16],
    nd: usize,
    groups: [u8; 8],
    ng: usize,
    seps: u8,
    dots_only: bool,
    trunk_in_parens: bool,
}

/// Reads a phone-shaped run starting at `start` (a `+`, `(` or digit).
fn parse(text: &str, start: usize) -> Option<Parsed> {
    let bytes = text.as_bytes();
    let mut p = Parsed {
        end: start,
        digits: [0; 16],
        nd: 0,
        groups: [0; 8],
        ng: 0,
        seps: 0,
        dots_only: true,
        trunk_in_parens: false,
    };
    let mut i = start;
    if bytes.get(i) == Some(&b'+') {
        i += 1;
    }
    let (mut open, mut used_paren, mut last_sep) = (false, false, true);
    let (mut run, mut run_marks) = (0u8, 0u8);
    let mut paren_digits = 0;
    let mut glen = 0u8;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'0'..=b'9' => {
                let slot = p.digits.get_mut(p.nd)?;
                *slot = b;
                p.nd += 1;
                glen += 1;
                if open {
                    paren_digits += 1;
                }
                last_sep = false;
                (run, run_marks) = (0, 0);
                p.end = i + 1;
            }
            b' ' | b'-' | b'.' | b'/' | b'(' | b')' => {
                let prev = bytes.get(i.wrapping_sub(1)).copied();
                let after_paren = matches!(prev, Some(b')'));
                if b == b'(' {
                    if used_paren || open {
                        break;
                    }
                    open = true;
                    used_paren = true;
                } else if b == b')' {
                    if !open || paren_digits == 0 {
                        break;
                    }
                    open = false;
                    if paren_digits == 1 && bytes.get(i - 1) == Some(&b'0') {
                        p.trunk_in_parens = true;
                    }
                } else if last_sep && !after_paren && prev != Some(b'(') {
                    // The older DIN 5008 form `030 / 1234567`: one spaced `/` or `-` right
                    // after the area code, never between two full numbers.
                    let spaced = b == b' ' || prev == Some(b' ');
                    let one_mark = b == b' ' || run_marks == 0;
                    if !(spaced && one_mark && run < 3 && (2..=5).contains(&p.nd)) {
                        break;
                    }
                }
                run += 1;
                if b != b' ' {
                    run_marks += 1;
                }
                if b != b'(' && b != b')' && b != b'.' {
                    p.dots_only = false;
                }
                if glen > 0 {
                    *p.groups.get_mut(p.ng)? = glen;
                    p.ng += 1;
                    glen = 0;
                }
                p.seps += 1;
                last_sep = true;
            }
            _ => break,
        }
        i += 1;
        if i - start > MAX_READ {
            break;
        }
    }
    if glen > 0 {
        *p.groups.get_mut(p.ng)? = glen;
        p.ng += 1;
    }
    if open && p.end > start && bytes.get(p.end..i).is_some_and(|r| r.contains(&b'(')) {
        return None;
    }
    // More digits right after the run: it is a slice of something longer.
    let tail = bytes.get(p.end..).unwrap_or_default();
    let glued = tail.first().is_some_and(u8::is_ascii_digit)
        || (tail
            .first()
            .is_some_and(|b| matches!(b, b' ' | b'-' | b'.' | b'/'))
            && tail.get(1).is_some_and(u8::is_ascii_digit));
    (!glued && !open).then_some(p)
}

/// Fewest digits of any phone number [`at`] reports (with or without `+` and trunk `0`).
const MIN_DIGITS: usize = 8;
/// Bytes [`parse`] reads past its start at most (it stops after the byte at
/// `start + MAX_READ`).
const MAX_READ: usize = 32;

/// `false` only if [`parse`] from `s` (or the `+`/`(` before it) cannot read
/// [`MIN_DIGITS`] digits. `parse` reads digits from `s` on and stops at the first byte that
/// is neither a digit nor one of ` -./()`, and within [`MAX_READ`] bytes of its start; so
/// if the digits among such bytes from `s` are fewer, so are the digits it reads. Most
/// numbers of running text (`14:30`, `16.05. SMITH`, `2024/117-B`, `3.5 MB`) are ruled
/// out here, before the look-behind, the parse and the date check: on the benchmark's
/// corpus this leaves 18,600 of the 309,300 digit-led segments to `parse`, where the
/// earlier test (a digit after the first run and its separators) left 78,500, three
/// quarters of them with fewer than eight digits.
///
/// The first sixteen bytes are read eight at a time (`swar`): most runs end within them, and
/// under V8 the byte loop cost ~130 machine instructions per digit-led segment, the scan's
/// 307,210 on the mixed corpus (`docs/PERFORMANCE.md`, thirteenth round).
fn may_reach_min_digits(bytes: &[u8], s: usize) -> bool {
    let mut digits = 0;
    let mut from = s;
    for _ in 0..2 {
        let Some(eight) = bytes.get(from..from + 8) else {
            break;
        };
        let (digit, stop) = super::swar::digits_and_phone_stops(super::swar::load(eight));
        if stop != 0 {
            // The digits before the first byte that ends the run.
            let before = (stop & stop.wrapping_neg()) - 1;
            return digits + (digit & before).count_ones() as usize >= MIN_DIGITS;
        }
        digits += digit.count_ones() as usize;
        if digits >= MIN_DIGITS {
            return true;
        }
        from += 8;
    }
    reach_by_bytes(bytes, from, digits, MAX_READ + 1 - (from - s))
}

/// The rest of [`may_reach_min_digits`] a byte at a time: from `from`, with `digits` digits
/// counted before it and at most `budget` more bytes to read. (From `s` with none counted
/// and `MAX_READ + 1` to read, the whole test: what its tests compare the eight-byte reads
/// with.)
fn reach_by_bytes(bytes: &[u8], from: usize, mut digits: usize, budget: usize) -> bool {
    for &b in bytes.get(from..).unwrap_or_default().iter().take(budget) {
        match b {
            b'0'..=b'9' => {
                digits += 1;
                if digits == MIN_DIGITS {
                    return true;
                }
            }
            // (A `match`, not `b" -./()".contains(b)`: the slice search is a call of core's
            // `memchr` per byte.)
            b' ' | b'-' | b'.' | b'/' | b'(' | b')' => {}
            _ => return false,
        }
    }
    false
}

/// Tries a phone number whose first digit group starts at `s`.
pub(crate) fn at(text: &str, s: usize, out: &mut Sink<'_>) {
    let bytes = text.as_bytes();
    if !bytes.get(s).is_some_and(u8::is_ascii_digit) || !may_reach_min_digits(bytes, s) {
        return;
    }
    let mut start = s;
    if s >= 1 && matches!(bytes.get(s - 1), Some(b'+' | b'(')) {
        start = s - 1;
        if bytes.get(start) == Some(&b'(') && s >= 2 && bytes.get(s - 2) == Some(&b'+') {
            return; // "+(…": rare, and ambiguous with formulas
        }
    }
    // Not the middle of a longer number or word.
    let prev = text.get(..start).and_then(|t| t.chars().next_back());
    if prev.is_some_and(|c| super::latin::alnum(c) || c == '+' || c == '.' || c == ',') {
        return;
    }
    if start == s
        && start >= 2
        && bytes
            .get(start - 1)
            .is_some_and(|b| matches!(b, b' ' | b'-' | b'/'))
        && bytes.get(start - 2).is_some_and(u8::is_ascii_digit)
    {
        return;
    }
    // A number joined to letters by a hyphen is a reference ("EU-0308-2571-68",
    // "AZ-0301-12345"), not a telephone number.
    if start == s
        && start >= 2
        && bytes.get(start - 1) == Some(&b'-')
        && bytes.get(start - 2).is_some_and(u8::is_ascii_alphabetic)
    {
        return;
    }
    let Some(p) = parse(text, start) else { return };
    if !right_ok(text, p.end) || p.end <= start {
        return;
    }
    let d = p.digits.get(..p.nd).unwrap_or_default();
    let groups = p.groups.get(..p.ng).unwrap_or_default();
    if looks_like_date(d, groups) {
        return;
    }
    let plus = bytes.get(start) == Some(&b'+');
    let national_digits = p.nd - usize::from(p.trunk_in_parens);
    let hit = if plus {
        if !(8..=15).contains(&national_digits)
            || !country_code_ok(d)
            || (p.dots_only && p.ng < 3 && p.seps > 0)
        {
            return;
        }
        Hit::new(E::Phone, "phone", 0.7, 0.95)
    } else if d.starts_with(b"00") {
        let rest = d.get(2..).unwrap_or_default();
        if !(8..=15).contains(&rest.len()) || !country_code_ok(rest) {
            return;
        }
        Hit::new(E::Phone, "phone", if p.seps > 0 { 0.55 } else { 0.35 }, 0.9)
    } else if d.starts_with(b"0") {
        if !(9..=13).contains(&p.nd) || (p.dots_only && p.ng < 3 && p.seps > 0) {
            return;
        }
        // A trunk-prefixed area code has 2–5 digits; `078-05-1120` or `010540-6001` are
        // shaped like other identifiers and need a phone word.
        let area_ok = groups.first().is_some_and(|g| (2..=5).contains(g)) && groups != [3, 2, 4];
        Hit::new(
            E::Phone,
            "phone",
            if p.seps > 0 && area_ok { 0.5 } else { 0.35 },
            0.9,
        )
    } else {
        if !(8..=12).contains(&p.nd) || p.seps == 0 {
            return;
        }
        Hit::new(E::Phone, "phone", 0.1, 0.8)
    };
    emit(text, start, p.end, hit.ctx(&PHONE), out);
}

/// `d.m.yyyy`, `yyyy-mm-dd` and friends are dates, not phone numbers.
fn looks_like_date(d: &[u8], groups: &[u8]) -> bool {
    let part = |a: usize, b: usize| d.get(a..b).and_then(num).unwrap_or(0);
    match groups {
        [4, 2, 2] => date::valid(part(0, 4), part(4, 6), part(6, 8)),
        [a @ 1..=2, b @ 1..=2, 4 | 2] => {
            let (a, b) = (usize::from(*a), usize::from(*b));
            date::valid(2000, part(a, a + b), part(0, a))
                || date::valid(2000, part(0, a), part(a, a + b))
        }
        _ => false,
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn what_the_shortcut_rules_out_parses_to_fewer_digits() {
        // Random runs of digits, separators, letters, `+`, `:` and spaces, read from each
        // digit: wherever the shortcut says no, the parse reads fewer than MIN_DIGITS.
        // And it does say no often, and yes to real numbers.
        const PIECES: &[&str] = &[
            "0",
            "1",
            "12",
            "123",
            "1234",
            "12345678",
            " ",
            "-",
            ".",
            "/",
            "(",
            ")",
            "+",
            ":",
            "a",
            "Uhr",
            " / ",
            "  ",
            "(0)",
            "+49 ",
            "         ",
            "0 1 2 3 4 ",
            "---------",
        ];
        let mut next = crate::detect::lcg(0x005E_ED0F_0AAE);
        let (mut ruled_out, mut checked) = (0, 0);
        for _ in 0..20_000 {
            let text: String = (0..next(12)).map(|_| PIECES[next(PIECES.len())]).collect();
            for s in (0..text.len()).filter(|&i| text.as_bytes()[i].is_ascii_digit()) {
                checked += 1;
                // The eight-byte reads answer as the byte loop does.
                assert_eq!(
                    may_reach_min_digits(text.as_bytes(), s),
                    reach_by_bytes(text.as_bytes(), s, 0, MAX_READ + 1),
                    "{text:?} from {s}"
                );
                if !may_reach_min_digits(text.as_bytes(), s) {
                    ruled_out += 1;
                    // `at` parses from the `+` or `(` before the digit, if there is one.
                    let lead = s > 0 && matches!(text.as_bytes()[s - 1], b'+' | b'(');
                    for start in [s, if lead { s - 1 } else { s }] {
                        let nd = parse(&text, start).map_or(0, |p| p.nd);
                        assert!(nd < MIN_DIGITS, "{text:?} from {start}: {nd} digits");
                    }
                }
            }
        }
        assert!(ruled_out > checked / 4, "{ruled_out} of {checked}");
        for number in [
            "+49 30 12345678",
            "030 / 1234567",
            "(030) 1234567",
            "0301234567",
            "06 12 34 56 78",
        ] {
            let s = number.find(|c: char| c.is_ascii_digit()).unwrap();
            assert!(may_reach_min_digits(number.as_bytes(), s), "{number}");
        }
        // Digits and separators, too few digits however far they go.
        for text in [
            "16.05. SMITH",
            "kl. 09.20 Uhr",
            "1.234,56 EUR",
            "2.4.1 of",
            "48.8584, 2.2945",
            "12 34 567 Euro",
        ] {
            assert!(!may_reach_min_digits(text.as_bytes(), 0), "{text}");
        }
    }
}
