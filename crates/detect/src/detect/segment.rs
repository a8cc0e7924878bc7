//! Candidate stage: ASCII alphanumeric segments and their short separator-joined runs.
//!
//! One linear pass finds every maximal ASCII alphanumeric run (a *segment*). From each
//! segment that looks like part of an identifier, [`combos`] offers the segment alone and
//! then the segment joined with up to [`MAX_GROUPS`]` - 1` following segments through single
//! separators (`space - . / +`), never more than [`MAX_COMPACT`] characters. Each offer is a
//! [`Cand`] that the anchored per-format checks inspect. Work per segment is bounded by
//! those two constants, so the whole stage is linear in the input (perf-notes.md: a cheap
//! candidate scan, then validators on the candidates only).

/// Longest identifier in compact form (bech32 addresses reach 90).
pub(crate) const MAX_COMPACT: usize = 96;
/// Longest identifier written in several groups (an IBAN has at most 34 characters), so a
/// long run of short groups offers a bounded number of candidates per start.
const MAX_JOINED: usize = 34;
/// Most groups a spaced identifier has (FR NIR `2 95 10 99 126 111 93` has 7).
pub(crate) const MAX_GROUPS: usize = 9;
/// Separators allowed between the groups of one identifier: `space - . / +`.
#[inline(always)]
fn is_sep(b: u8) -> bool {
    // A `match`, not `b" -./+".contains(&b)`: the slice search compiles to a call of
    // core's `memchr` per byte asked about (2.6 % of the detector's instructions).
    matches!(b, b' ' | b'-' | b'.' | b'/' | b'+')
}

/// A candidate: a run of segments joined by single separators.
pub(crate) struct Cand<'t> {
    /// The whole analysed text.
    pub text: &'t str,
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset one past the last character.
    pub end: usize,
    /// The characters, then up to [`COPY`] bytes of whatever followed the last segment.
    buf: [u8; MAX_COMPACT + COPY],
    len: usize,
    glens: [u8; MAX_GROUPS],
    seps: [u8; MAX_GROUPS],
    n: usize,
    /// The [`ascii::class`] bits of the characters, OR-ed: the recognizers' class tests ask
    /// only whether a class occurs (so a run's bits, known from the segment scan, are added
    /// without reading its bytes again).
    bits: u8,
}

/// Segments of up to this many bytes are copied into a candidate as this many bytes (see
/// [`Cand::push`]).
const COPY: usize = 16;

impl<'t> Cand<'t> {
    /// A candidate of `text` at `start`, with no segment yet. The segment scan makes one per
    /// text, and [`combos_in`] empties it for each run ([`Cand::restart`]): made for each run,
    /// its buffer was zeroed each time (in wasm a `memory.fill`, which V8 makes a call).
    pub(crate) fn new(text: &'t str, start: usize) -> Self {
        Cand {
            text,
            start,
            end: start,
            buf: [0; MAX_COMPACT + COPY],
            len: 0,
            glens: [0; MAX_GROUPS],
            seps: [0; MAX_GROUPS],
            n: 0,
            bits: 0,
        }
    }

    /// `true` if every character is a digit (no letter occurs: every character is an ASCII
    /// letter or digit).
    pub fn all_digits(&self) -> bool {
        self.bits & (UPPER | LOWER) == 0
    }

    /// `true` if at least one character is a digit.
    pub fn has_digit(&self) -> bool {
        self.bits & DIGIT != 0
    }

    /// `true` if at least one character is an upper-case letter.
    pub fn has_upper(&self) -> bool {
        self.bits & UPPER != 0
    }

    /// `true` if no character is a lower-case letter.
    pub fn no_lower(&self) -> bool {
        self.bits & LOWER == 0
    }

    /// `true` if both letter cases occur.
    pub fn mixed_case(&self) -> bool {
        self.bits & (UPPER | LOWER) == UPPER | LOWER
    }

    /// `true` if every character is a hexadecimal digit.
    pub fn all_hex(&self) -> bool {
        self.bits & NON_HEX == 0
    }

    /// The characters without separators, as written (case kept).
    pub fn compact(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or_default()
    }

    /// The length of each group.
    pub fn groups(&self) -> &[u8] {
        self.glens.get(..self.n).unwrap_or_default()
    }

    /// The separator before each group after the first.
    pub fn seps(&self) -> &[u8] {
        self.seps
            .get(..self.n.saturating_sub(1))
            .unwrap_or_default()
    }

    /// `true` if the candidate is one segment, or every separator is one of `allowed` and
    /// all separators are the same character.
    pub fn uniform_sep(&self, allowed: &[u8]) -> bool {
        let s = self.seps();
        s.first()
            .is_none_or(|f| allowed.contains(f) && s.iter().all(|x| x == f))
    }

    /// `true` if the candidate is exactly one segment.
    pub fn unbroken(&self) -> bool {
        self.n == 1
    }

    /// `true` if the group lengths are exactly `shape`.
    pub fn shape(&self, shape: &[u8]) -> bool {
        self.groups() == shape
    }

    /// The candidate at `start` with no segment: what [`Cand::new`] makes. Only the parts of
    /// the buffers that the counts cover are ever read, so they are not cleared.
    fn restart(&mut self, start: usize) {
        self.start = start;
        self.end = start;
        self.len = 0;
        self.n = 0;
        self.bits = 0;
    }

    /// Adds the segment `self.text[s..e]` (ASCII letters and digits, whose class bits are
    /// `bits`) after the separator `sep`; `false` if it does not fit.
    ///
    /// A segment of up to [`COPY`] bytes is copied as [`COPY`] bytes when the text has them
    /// (the bytes past it are left beyond `len`): a copy of a fixed size is a load and a store,
    /// one of a length known only at run time a `memory.copy` in wasm, which V8 makes a call.
    fn push(&mut self, s: usize, e: usize, sep: Option<u8>, bits: u8) -> bool {
        let bytes = self.text.as_bytes();
        let (Some(seg), Some(g)) = (bytes.get(s..e), self.glens.get_mut(self.n)) else {
            return false;
        };
        let Ok(l) = u8::try_from(seg.len()) else {
            return false;
        };
        if self.len + seg.len() > MAX_COMPACT {
            return false;
        }
        // Two words of eight bytes, loaded and stored: written as a copy of sixteen bytes, LLVM
        // merged it with the copy of `seg` below into one copy of a length chosen at run time
        // (a `memory.copy` call again, natively `memcpy`).
        let word = |at: usize| {
            bytes
                .get(at..at + 8)
                .and_then(|w| <[u8; 8]>::try_from(w).ok())
                .map(u64::from_le_bytes)
        };
        let wide = (seg.len() <= COPY)
            .then(|| word(s).zip(word(s + 8)))
            .flatten()
            .zip(self.buf.get_mut(self.len..self.len + COPY));
        match wide {
            Some(((lo, hi), dst)) => {
                let (d0, d1) = dst.split_at_mut(8);
                d0.copy_from_slice(&lo.to_le_bytes());
                d1.copy_from_slice(&hi.to_le_bytes());
            }
            None => match self.buf.get_mut(self.len..self.len + seg.len()) {
                Some(dst) => dst.copy_from_slice(seg),
                None => return false,
            },
        }
        self.bits |= bits;
        *g = l;
        if let (Some(sep), Some(slot)) = (sep, self.seps.get_mut(self.n.wrapping_sub(1))) {
            *slot = sep;
        }
        self.len += seg.len();
        self.n += 1;
        true
    }
}

use super::ascii::{self, DIGIT, LOWER, NON_HEX, UPPER};

/// The class bits of `b` (see [`ascii::class`]): one look at each byte gives a segment's
/// end and everything [`idish`] asks.
#[inline(always)]
fn seg_class(b: u8) -> u8 {
    ascii::class(b)
}

/// The maximal ASCII alphanumeric runs of `text`, as `(start, end, class bits)`: byte
/// offsets and the OR of the [`seg_class`] of its bytes.
pub(crate) fn segments(text: &str) -> impl Iterator<Item = (usize, usize, u8)> + '_ {
    let bytes = text.as_bytes();
    let mut i = 0;
    core::iter::from_fn(move || {
        let rest = bytes.get(i..)?;
        let s = i + rest.iter().position(|&b| seg_class(b) != 0)?;
        let (e, bits) = run_end(bytes, s);
        i = e;
        Some((s, e, bits))
    })
}

/// The end of the ASCII alphanumeric run starting at `s`, and its class bits.
fn run_end(bytes: &[u8], s: usize) -> (usize, u8) {
    let mut e = s;
    let mut bits = 0;
    while let Some(class) = bytes.get(e).map(|&b| seg_class(b)).filter(|&c| c != 0) {
        bits |= class;
        e += 1;
    }
    (e, bits)
}

/// `true` if the character before `at` is not alphanumeric (any script), so a candidate
/// starting at `at` does not begin inside a word such as `Müller123`.
///
/// An ASCII byte before `at` is that character (and `at` a `char` boundary): read without
/// decoding (most of a text), inline at every caller; the decoding is out of line
/// ([`left_ok_decoded`]). As a call, this was 1.2 % of `analyze`'s V8 instructions on the
/// mixed corpus with `right_ok` (docs/PERFORMANCE.md, fifteenth round).
#[inline(always)]
pub(crate) fn left_ok(text: &str, at: usize) -> bool {
    match at.checked_sub(1).and_then(|i| text.as_bytes().get(i)) {
        Some(&b) if b.is_ascii() => !b.is_ascii_alphanumeric(),
        _ => left_ok_decoded(text, at),
    }
}

/// [`left_ok`] by decoding the character before `at`.
#[inline(never)]
fn left_ok_decoded(text: &str, at: usize) -> bool {
    text.get(..at)
        .and_then(|t| t.chars().next_back())
        .is_none_or(|c| !super::latin::alnum(c))
}

/// `true` if the character at `at` is not alphanumeric (any script).
///
/// An ASCII byte at `at` is that character: read without decoding (most of a text), inline
/// as [`left_ok`]'s.
#[inline(always)]
pub(crate) fn right_ok(text: &str, at: usize) -> bool {
    match text.as_bytes().get(at) {
        Some(&b) if b.is_ascii() => !b.is_ascii_alphanumeric(),
        _ => right_ok_decoded(text, at),
    }
}

/// [`right_ok`] by decoding the character at `at`.
#[inline(never)]
fn right_ok_decoded(text: &str, at: usize) -> bool {
    text.get(at..)
        .and_then(|t| t.chars().next())
        .is_none_or(|c| !super::latin::alnum(c))
}

/// A segment may take part in an identifier: it has a digit, or is a short upper-case or
/// hexadecimal word (IBAN `WEST`, NINO `AB`, MAC `ab`, plate `B`). `bits`: the segment's
/// class bits (see [`segments`]), `len` its length.
pub(crate) fn idish(bits: u8, len: usize) -> bool {
    // Without a digit every byte is a letter: upper case = no lower-case letter.
    bits & DIGIT != 0 || (len <= 4 && (bits & LOWER == 0 || bits & NON_HEX == 0))
}

/// `true` if a digit group continues the candidate on the left or right through `sep`,
/// so the candidate would be a slice of a longer number (`12.34.56.78.9` holds no IPv4).
/// A space only glues when the candidate itself is spaced, and only digit to digit: an
/// IBAN starting with letters right after another number is not glued to it.
fn glued(c: &Cand<'_>) -> bool {
    let bytes = c.text.as_bytes();
    // Not `contains(&b' ')`, which calls core's `memchr` for these few bytes.
    #[allow(clippy::manual_contains)]
    let spaced = c.seps().iter().any(|&s| s == b' ');
    let glue = |sep: Option<&u8>, digit: Option<&u8>| {
        digit.is_some_and(u8::is_ascii_digit)
            && sep.is_some_and(|&s| {
                matches!(s, b'-' | b'.' | b'/') || (spaced && (s == b' ' || s == b'+'))
            })
    };
    let first_digit = bytes.get(c.start).is_some_and(u8::is_ascii_digit);
    let last_digit = c.end > 0 && bytes.get(c.end - 1).is_some_and(u8::is_ascii_digit);
    let left = first_digit && c.start >= 2 && glue(bytes.get(c.start - 1), bytes.get(c.start - 2));
    left || (last_digit && glue(bytes.get(c.end), bytes.get(c.end + 1))) || fraction(c)
}

/// `true` if the candidate starts with the decimal places of an amount or the last group
/// of a number with thousands commas: one to three digits after `digit,`, ending that
/// number (`1.234,56 EUR`, `12,5 kg`, `1,234 km`). Such a candidate takes a piece of a
/// number for an identifier, and a nearby context word (`Kennzeichen`, a line before)
/// made `56 EUR` a licence plate, which same-value propagation then spread to every
/// `…,56 EUR` of the report. A group continued by `.`, `-` or `/` is another number
/// (`12.03.1985,13.04.1986`: the second date is kept), and so is a longer one
/// (`0301234567,01711234567`).
fn fraction(c: &Cand<'_>) -> bool {
    let bytes = c.text.as_bytes();
    let Some(&first) = c.groups().first() else {
        return false;
    };
    let before = |k: usize| c.start.checked_sub(k).and_then(|i| bytes.get(i));
    before(1) == Some(&b',')
        && before(2).is_some_and(u8::is_ascii_digit)
        && (1..=3).contains(&first)
        && c.compact()
            .iter()
            .take(usize::from(first))
            .all(u8::is_ascii_digit)
        && c.seps().first().is_none_or(|&s| s == b' ')
}

/// Offers every candidate that starts with the segment `text[s..e]` to `visit`.
/// `bits`: the segment's class bits (see [`segments`]).
#[cfg(test)]
pub(crate) fn combos(text: &str, s: usize, e: usize, bits: u8, visit: impl FnMut(&Cand<'_>)) {
    combos_with(&mut Cand::new(text, s), s, e, bits, visit, true);
}

/// [`combos`] of `c.text`, built in `c` (any candidate of that text: [`Cand::new`] once per
/// text).
pub(crate) fn combos_in<'t>(
    c: &mut Cand<'t>,
    s: usize,
    e: usize,
    bits: u8,
    visit: impl FnMut(&Cand<'t>),
) {
    combos_with(c, s, e, bits, visit, true);
}

/// [`combos`], leaving a short first segment that [`reaches_four`] rules out at once
/// (`early`), or building its run (the reference the tests compare with).
#[inline(always)]
fn combos_with<'t>(
    c: &mut Cand<'t>,
    s: usize,
    e: usize,
    bits: u8,
    mut visit: impl FnMut(&Cand<'t>),
    early: bool,
) {
    let text = c.text;
    let bytes = text.as_bytes();
    let Some(first) = bytes.get(s..e) else { return };
    // No recognizer accepts fewer than 4 characters (see the loop below): a short segment
    // that no separator follows offers nothing, and is left before any other work. In
    // crafted text of one- to three-letter words (`a@a@…`, `AB CD …`) that is every segment.
    if first.len() < 4 && !bytes.get(e).is_some_and(|&b| is_sep(b)) {
        return;
    }
    if !idish(bits, first.len()) || !left_ok(text, s) {
        return;
    }
    // A digit-led run right after `digit` + `-./` is glued to it whatever follows, and after
    // `digit` + space every spaced extension is: stop early instead of building runs that
    // `glued` would refuse one by one (this keeps `1 1 1 1 …` and `12.12.12…` cheap).
    let prev_sep = s.checked_sub(1).and_then(|i| bytes.get(i)).copied();
    let prev_digit = s
        .checked_sub(2)
        .and_then(|i| bytes.get(i))
        .is_some_and(u8::is_ascii_digit);
    let digit_led = first.first().is_some_and(u8::is_ascii_digit);
    if digit_led && prev_digit && matches!(prev_sep, Some(b'-' | b'.' | b'/')) {
        return;
    }
    let no_spaces = digit_led && prev_digit && matches!(prev_sep, Some(b' ' | b'+'));
    let (max_groups, max_len) = limits(first);
    // A run of short segments that cannot reach 4 characters in its groups offers nothing
    // (`a.a.a.…`, `x-y z`): left before building a candidate.
    if early && first.len() < 4 && !reaches_four(bytes, e, first.len(), max_groups) {
        return;
    }
    c.restart(s);
    if !c.push(s, e, None, bits) {
        return;
    }
    let mut end = e;
    loop {
        c.end = end;
        // No recognizer accepts fewer than 4 characters (`B 12`, `1.1.1.1`).
        if c.len >= 4 && right_ok(text, end) && !glued(c) {
            visit(c);
        }
        let Some(&sep) = bytes.get(end).filter(|&&b| is_sep(b)) else {
            break;
        };
        let ns = end + 1;
        let more = c.n < max_groups && !(no_spaces && matches!(sep, b' ' | b'+'));
        if !more || !bytes.get(ns).is_some_and(u8::is_ascii_alphanumeric) {
            break;
        }
        let (ne, seg_bits) = run_end(bytes, ns);
        if !idish(seg_bits, ne - ns)
            || c.len + (ne - ns) > max_len
            || !c.push(ns, ne, Some(sep), seg_bits)
        {
            break;
        }
        end = ne;
    }
}

/// Whether a run whose first segment has `len` characters and ends at `e` can reach 4
/// characters within `groups` groups. It joins every following segment that [`combos`]
/// might join, and more (of [`combos`]'s checks it makes only the separator's and
/// [`idish`]'s: `30 Uhr`, `3 phones` stop here), so `false` means that [`combos`] would
/// offer nothing.
fn reaches_four(bytes: &[u8], mut e: usize, mut len: usize, groups: usize) -> bool {
    for _ in 1..groups {
        if len >= 4 {
            return true;
        }
        if !bytes.get(e).is_some_and(|&b| is_sep(b))
            || !bytes.get(e + 1).is_some_and(u8::is_ascii_alphanumeric)
        {
            return false;
        }
        let (ne, bits) = run_end(bytes, e + 1);
        if !idish(bits, ne - (e + 1)) {
            return false;
        }
        len += ne - (e + 1);
        e = ne;
    }
    len >= 4
}

/// How many groups a run starting with `first` may have, and how many characters. Only
/// digit-led identifiers, IBANs (`DE89 …`), NINOs (`AB 12 34 56 C`) and MACs (`ab-cd-…`) are
/// written in more than three groups; other letter-led runs (plates, NIE) have at most three.
/// A run led by an IBAN head (`DE89`) is longer than three groups only as an IBAN, so it is
/// not grown past its country's IBAN length (`DE12 DE34 DE12 …` offers 5 runs, not 9).
fn limits(first: &[u8]) -> (usize, usize) {
    let upper = |i: usize| first.get(i).is_some_and(u8::is_ascii_uppercase);
    let digit = |i: usize| first.get(i).is_some_and(u8::is_ascii_digit);
    let hex = first.iter().all(u8::is_ascii_hexdigit);
    let iban_head = upper(0) && upper(1) && digit(2) && digit(3);
    if digit(0) {
        (MAX_GROUPS, MAX_JOINED)
    } else if let Some(len) = super::finance::iban_length(first).filter(|_| iban_head) {
        // No other recognizer takes a letter-led run of several groups that long.
        (MAX_GROUPS, len)
    } else if hex && first.len() == 2 {
        (6, MAX_JOINED)
    } else if first.len() == 2 && upper(0) && upper(1) {
        (5, MAX_JOINED)
    } else {
        (3, MAX_JOINED)
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn class_tests_are_the_tests_of_the_characters() {
        // Candidates of every mix of digits, both cases and hexadecimal letters, joined.
        const PIECES: &[&str] = &["12", "ab", "AB", "xy", "XY", "f0", "Zz", "9", "q", "E"];
        const SEPS: &[&str] = &[" ", "-", ".", "/", "+", ""];
        let mut next = crate::detect::lcg(0x0C1A_55E5);
        let mut seen = 0;
        for _ in 0..2000 {
            let mut text = String::new();
            for _ in 0..next(6) + 1 {
                text.push_str(PIECES[next(PIECES.len())]);
                text.push_str(SEPS[next(SEPS.len())]);
            }
            for (s, e, bits) in segments(&text) {
                combos(&text, s, e, bits, |c| {
                    let b = c.compact();
                    assert_eq!(c.all_digits(), b.iter().all(u8::is_ascii_digit), "{b:?}");
                    assert_eq!(c.has_digit(), b.iter().any(u8::is_ascii_digit), "{b:?}");
                    assert_eq!(c.has_upper(), b.iter().any(u8::is_ascii_uppercase), "{b:?}");
                    assert_eq!(c.no_lower(), !b.iter().any(u8::is_ascii_lowercase), "{b:?}");
                    let both = b.iter().any(u8::is_ascii_uppercase)
                        && b.iter().any(u8::is_ascii_lowercase);
                    assert_eq!(c.mixed_case(), both, "{b:?}");
                    assert_eq!(c.all_hex(), b.iter().all(u8::is_ascii_hexdigit), "{b:?}");
                    seen += 1;
                });
            }
        }
        assert!(seen > 1000, "{seen}");
    }

    #[test]
    fn the_characters_around_are_read_as_decoded() {
        // ASCII and not, letters and digits and not, every offset (also inside a character
        // and past the end).
        const PIECES: &[&str] = &[
            "a", "7", " ", "-", "é", "ß", "中", "🙂", "\u{301}", "Ⅻ", "٣",
        ];
        let mut next = crate::detect::lcg(0x001E_F70C);
        for _ in 0..2000 {
            let text: String = (0..next(8)).map(|_| PIECES[next(PIECES.len())]).collect();
            for at in 0..=text.len() + 1 {
                let left = text
                    .get(..at)
                    .and_then(|t| t.chars().next_back())
                    .is_none_or(|c| !c.is_alphanumeric());
                let right = text
                    .get(at..)
                    .and_then(|t| t.chars().next())
                    .is_none_or(|c| !c.is_alphanumeric());
                assert_eq!(left_ok(&text, at), left, "{text:?} at {at}");
                assert_eq!(right_ok(&text, at), right, "{text:?} at {at}");
            }
        }
    }

    fn all(text: &str) -> Vec<String> {
        let mut v = Vec::new();
        for (s, e, bits) in segments(text) {
            combos(text, s, e, bits, |c| {
                v.push(text[c.start..c.end].to_string())
            });
        }
        v
    }

    #[test]
    fn runs_and_glue() {
        let v = all("IBAN DE89 3704 0044 0532 0130 00 BIC");
        assert!(v.contains(&"DE89 3704 0044 0532 0130 00".to_string()));
        assert!(!v.contains(&"3704 0044 0532 0130 00".to_string()), "{v:?}");
        let v = all("v 12.34.56.78.9");
        assert!(!v.contains(&"12.34.56.78".to_string()));
        let v = all("Müller123 x");
        assert!(!v.iter().any(|s| s.contains("ller")));
        // Decimal places and thousands groups are pieces of a number; the next number of a
        // list is not.
        for amount in ["Betrag 1.234,56 EUR", "12,5 kg", "1,234 km", "x 7,1 AB"] {
            let v = all(amount);
            assert!(
                !v.iter().any(|s| s.ends_with(" EUR")
                    || s.ends_with(" kg")
                    || s.ends_with(" km")
                    || s.ends_with(" AB")),
                "{amount}: {v:?}"
            );
        }
        let v = all("12.03.1985,13.04.1986");
        assert!(v.contains(&"13.04.1986".to_string()), "{v:?}");
        let v = all("0301234567,01711234567");
        assert!(v.contains(&"01711234567".to_string()), "{v:?}");
        let v = all("Nr. 4711,1234 AB");
        assert!(v.contains(&"1234 AB".to_string()), "{v:?}");
    }

    #[test]
    fn short_runs_left_early_offer_nothing() {
        // Short segments followed by separators and segments of every kind (idish or not,
        // digits, letters of both cases, hexadecimal), with and without the early exit.
        const PIECES: &[&str] = &[
            "1", "12", "123", "30", "a", "ab", "AB", "Uhr", "uhr", "de", "cafe", "x", "DE89", "t",
            "Z9", " ", "-", ".", "/", "+", ":", "é", "  ",
        ];
        let mut next = crate::detect::lcg(0x0C0F_FEE5);
        for _ in 0..20_000 {
            let text: String = (0..next(14)).map(|_| PIECES[next(PIECES.len())]).collect();
            for (s, e, bits) in segments(&text) {
                let mut fast = Vec::new();
                let mut slow = Vec::new();
                let mut c = Cand::new(&text, s);
                combos_with(&mut c, s, e, bits, |c| fast.push((c.start, c.end)), true);
                combos_with(&mut c, s, e, bits, |c| slow.push((c.start, c.end)), false);
                assert_eq!(fast, slow, "{text:?} at {s}");
            }
        }
    }

    #[test]
    fn a_candidate_emptied_for_each_run_is_a_new_one() {
        // Segments shorter and longer than the wide copy, at the end of the text (where fewer
        // than sixteen bytes follow), after long runs that leave stale bytes in the buffer.
        const PIECES: &[&str] = &[
            "1",
            "12",
            "4111",
            "DE89",
            "3704",
            "ab",
            "AB",
            "cafe",
            "x1",
            "0123456789012345",
            "01234567890123456789",
            "ABCDEFGHIJ0123456789KL",
            " ",
            "-",
            ".",
            "/",
            "+",
            ":",
            "é",
        ];
        let mut next = crate::detect::lcg(0x5EC0_11D5);
        let mut seen = 0;
        for _ in 0..5_000 {
            let text: String = (0..next(30)).map(|_| PIECES[next(PIECES.len())]).collect();
            let mut reused = Cand::new(&text, 0);
            for (s, e, bits) in segments(&text) {
                let describe = |c: &Cand<'_>| {
                    (
                        c.start,
                        c.end,
                        c.compact().to_vec(),
                        c.groups().to_vec(),
                        c.seps().to_vec(),
                        c.bits,
                    )
                };
                let (mut fresh, mut again) = (Vec::new(), Vec::new());
                combos(&text, s, e, bits, |c| fresh.push(describe(c)));
                combos_in(&mut reused, s, e, bits, |c| again.push(describe(c)));
                assert_eq!(fresh, again, "{text:?} at {s}");
                // The characters are the text's, separators left out.
                for (start, end, compact, ..) in &fresh {
                    let want: Vec<u8> = text.as_bytes()[*start..*end]
                        .iter()
                        .copied()
                        .filter(u8::is_ascii_alphanumeric)
                        .collect();
                    assert_eq!(compact, &want, "{text:?} at {start}");
                }
                seen += fresh.len();
            }
        }
        assert!(seen > 5_000, "{seen}");
    }

    #[test]
    fn groups_and_seps() {
        let text = "85.07.30-033.28";
        let mut seen = false;
        combos(text, 0, 2, DIGIT, |c| {
            if c.end == text.len() {
                seen = true;
                assert_eq!(c.compact(), b"85073003328");
                assert_eq!(c.groups(), &[2, 2, 2, 3, 2]);
                assert_eq!(c.seps(), b"..-.");
                assert!(!c.uniform_sep(b"."));
            }
        });
        assert!(seen);
    }
}
