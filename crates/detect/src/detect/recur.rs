//! Whether any of a text's own values occurs again outside the places already found, asked
//! of the original text before anything is folded.
//!
//! Same-value propagation (in the main crate) searches a folded copy of the text for every
//! value found in it, and on most texts finds nothing new: each repeat of a value is a
//! finding already. Folding 10 MB and running the search cost ~23 of `analyze`'s ~140 ms
//! in wasm, for no result. [`may_recur`] answers the same question on the original text in
//! one pass over its word starts, and the fold and the search are made only when it says
//! yes; the search then starts where it found the first value.

use super::simd;
use super::terms::{FoldMemo, is_space};

/// Whether one of `patterns` (values folded by `terms::fold_term` with white space
/// collapsed) may occur in `text` where propagation's whole-word search of
/// `Folded::new(text, true)` could find it: starting at a character whose byte before is
/// no ASCII letter or digit, outside every place of `covered` (sorted by start), the
/// folded characters from there (white space runs as one space) spelling the pattern.
/// Returns the first such start: that search finds nothing before it, and nothing at all
/// when there is none (`None`).
///
/// It answers `Some(0)` without looking for a pattern shorter than four bytes, or not
/// beginning with an ASCII letter or digit or a byte of a character beyond ASCII
/// (propagation's values begin with a letter or digit and have four characters or more).
///
/// Why the rest is exact: `Folded::new` replaces each character by its fold, one character
/// (`fold_char`), and each run of white space by one space; where it folds in place it pads
/// with filler bytes that the search steps over, elsewhere it maps offsets back. Either
/// way the folded characters from a match's start are the folds of the original
/// characters from there, and the match starts on a character (the pattern's first byte
/// is no filler and no continuation byte), where the original text is cut at a character
/// too. The search starts no match right after an ASCII letter or digit of the folded
/// text, and an ASCII byte folds to an ASCII byte of the same class. This function folds
/// the characters the same way (`fold_char` through the same memo,
/// [`char::is_whitespace`] for the runs) from every character that no ASCII letter or
/// digit precedes.
///
/// Linear: one look at each 64-byte block, then at each word start four bytes (most
/// starts) or a few characters, and a whole comparison only where the first four folded
/// bytes are some pattern's.
#[must_use]
pub fn may_recur(text: &str, covered: &[(usize, usize)], patterns: &[String]) -> Option<usize> {
    recurring(text, covered, patterns).map(|r| r.first)
}

/// What [`recurring`] found.
#[derive(Debug, PartialEq, Eq)]
pub struct Recurring {
    /// Where the first pattern starts: [`may_recur`]'s answer.
    pub first: usize,
    /// Per pattern, whether it is spelled at some start [`may_recur`] looks at (outside the
    /// covered places); every pattern when it answers without looking. The search for the
    /// patterns finds only these, so it needs no other: a match starts at such a start
    /// (where its pattern is spelled), and a pattern it tries there, even one it then
    /// refuses, is spelled there too.
    pub spelled: Vec<bool>,
}

/// [`may_recur`], reading on to the end of the text to tell which patterns occur. On a
/// report where one value of thousands recurs, propagation then builds its automaton of
/// that one: building it of every value was a fifth of `analyze` (2 MB of varied report
/// text, ~18,000 findings, 10,000 values, in wasm).
#[must_use]
pub fn recurring(text: &str, covered: &[(usize, usize)], patterns: &[String]) -> Option<Recurring> {
    let Some(keys) = Keys::new(patterns) else {
        return (!patterns.is_empty()).then(|| Recurring {
            first: 0,
            spelled: vec![true; patterns.len()],
        });
    };
    let mut spelled = vec![false; patterns.len()];
    let mut first = None;
    // Comparisons of a start with a whole pattern: values alike in their first four bytes
    // ("0301 …", "anna.…") are compared one by one, and a text that repeats their prefix
    // outside the found places could make that quadratic. Past this many the answer is
    // every pattern, from the start at hand (nothing before it was spelled, or `first`
    // is earlier): a superset, which is all the caller needs.
    let mut budget = text.len() / 4 + 1024;
    let bytes = text.as_bytes();
    let mut memo = FoldMemo::new();
    let mut cover = Cover {
        covered,
        next: 0,
        reach: 0,
    };
    let mut after_word = 0u64;
    for (k, chunk) in bytes.chunks(64).enumerate() {
        let mut block = [0u8; 64];
        let block = match <&[u8; 64]>::try_from(chunk) {
            Ok(b) => b,
            Err(_) => {
                // The last, partial block, padded with bytes of no class.
                if let Some(dst) = block.get_mut(..chunk.len()) {
                    dst.copy_from_slice(chunk);
                }
                &block
            }
        };
        let m = simd::masks(block);
        let prev_word = (m.word << 1) | after_word;
        after_word = m.word >> 63;
        // ASCII letters and digits, and first bytes of characters beyond ASCII, after no ASCII
        // letter or digit, in text order. Of the ASCII ones only those whose lower case
        // begins a pattern (sixteen bytes at a time in wasm); a character beyond ASCII may
        // fold to anything.
        let starts = m.word & !prev_word;
        let leads = simd::leads(block) & !prev_word;
        let next = bytes.get(64 * (k + 1)).copied().unwrap_or(0);
        let mut look = keys.pair_filter(
            block,
            next,
            simd::lower_members(block, &keys.firsts, starts),
        ) | leads;
        let base = 64 * k;
        while look != 0 {
            let at = base + look.trailing_zeros() as usize;
            look &= look - 1;
            // The covered places are looked at only where a pattern's first four bytes are
            // (most starts are not), in text order still.
            let Some(key) = keys
                .key_at(text, at, &mut memo)
                .filter(|_| !cover.inside(at))
            else {
                continue;
            };
            match keys.mark_spelled(text, at, key, &mut memo, &mut spelled, &mut budget) {
                Some(true) => {
                    first.get_or_insert(at);
                }
                Some(false) => {}
                None => {
                    return Some(Recurring {
                        first: first.unwrap_or(at),
                        spelled: vec![true; patterns.len()],
                    });
                }
            }
        }
    }
    first.map(|first| Recurring { first, spelled })
}

/// The covered places, walked in step with the ascending offsets asked about.
struct Cover<'c> {
    covered: &'c [(usize, usize)],
    /// How many places start at or before the last offset asked about.
    next: usize,
    /// The furthest end among them.
    reach: usize,
}

impl Cover<'_> {
    /// Whether `at` lies inside a covered place (`at` never less than the last asked).
    fn inside(&mut self, at: usize) -> bool {
        while let Some(&(s, e)) = self.covered.get(self.next) {
            if s > at {
                break;
            }
            self.reach = self.reach.max(e);
            self.next += 1;
        }
        self.reach > at
    }
}

/// The patterns by their first byte, first two and first four bytes.
struct Keys<'p> {
    /// The ASCII first bytes.
    firsts: simd::AsciiSet,
    /// One bit per pair of bytes that begins a pattern (bit `256a + b`).
    pairs: Vec<u64>,
    /// One bit per value of [`Keys::hash`] of a pattern's key.
    filter: Vec<u64>,
    /// `(key, index of the pattern)`, sorted.
    sorted: Vec<(u32, usize)>,
    patterns: &'p [String],
}

/// Bits of the key filter.
const FILTER_BITS: u32 = 16;

impl<'p> Keys<'p> {
    /// `None` if a pattern is shorter than four bytes or begins with an ASCII byte that is
    /// no letter or digit (see [`may_recur`]), or if there is none.
    fn new(patterns: &'p [String]) -> Option<Keys<'p>> {
        let mut filter = vec![0u64; 1 << (FILTER_BITS - 6)];
        let mut pairs = vec![0u64; 1 << 10];
        let mut firsts = simd::AsciiSet::default();
        let mut sorted = Vec::with_capacity(patterns.len());
        for (i, p) in patterns.iter().enumerate() {
            let key = p
                .as_bytes()
                .get(..4)
                .and_then(|k| <[u8; 4]>::try_from(k).ok())
                .filter(|k| !k[0].is_ascii() || k[0].is_ascii_alphanumeric())?;
            // A first byte beyond ASCII is not kept here: every such start is looked at.
            firsts.insert(key[0]);
            // The pair, and every pair whose second byte is beyond ASCII: the text's second
            // byte is looked up as it is, and the fold of such a character is only known with
            // it (the Kelvin sign's is `k`). A first byte beyond ASCII is looked up folded
            // (see `key_at`).
            let pair = usize::from(key[0]) << 8 | usize::from(key[1]);
            *pairs.get_mut(pair / 64)? |= 1 << (pair % 64);
            let row = usize::from(key[0]) * 4;
            pairs.get_mut(row + 2..row + 4)?.fill(u64::MAX);
            let key = u32::from_le_bytes(key);
            let h = Keys::hash(key);
            *filter.get_mut(h / 64)? |= 1 << (h % 64);
            sorted.push((key, i));
        }
        crate::sort::sort(&mut sorted);
        (!sorted.is_empty()).then_some(Keys {
            firsts,
            pairs,
            filter,
            sorted,
            patterns,
        })
    }

    #[inline(always)]
    fn hash(key: u32) -> usize {
        (key.wrapping_mul(0x9E37_79B1) >> (32 - FILTER_BITS)) as usize
    }

    /// The bits of `ascii` (ASCII starts in `block`, `next` the byte after it) whose first two
    /// bytes, folded, begin a pattern: `key_at`'s first test, made here for all of a block's
    /// starts without a branch, before any of them is looked at. Of the mixed corpus's
    /// 849,493 starts that begin with a pattern's first byte, a quarter pass; asked start by
    /// start in `key_at`, the test went either way unpredictably, and `key_at` was two thirds
    /// of `recurring`.
    #[inline(always)]
    fn pair_filter(&self, block: &[u8; 64], next: u8, ascii: u64) -> u64 {
        let mut rest = ascii;
        let mut pass = 0u64;
        while rest != 0 {
            let i = rest.trailing_zeros() as usize;
            rest &= rest - 1;
            let a = block.get(i).copied().unwrap_or(0);
            let b = block.get(i + 1).copied().unwrap_or(next);
            let pair = usize::from(ascii_fold(a)) << 8 | usize::from(ascii_fold(b));
            pass |= self.pair_bit(pair) << i;
        }
        pass
    }

    /// 1 if `pair` (first byte × 256 + second) may begin a pattern, else 0.
    #[inline(always)]
    fn pair_bit(&self, pair: usize) -> u64 {
        self.pairs
            .get(pair / 64)
            .map_or(1, |w| w >> (pair % 64) & 1)
    }

    /// The folded first four bytes from `at` (see [`each_folded`]) if they are some
    /// pattern's, or may be (a hash collision). An ASCII start comes here only past
    /// [`Keys::pair_filter`], which made its pair test; a start beyond ASCII makes it here.
    #[inline(always)]
    fn key_at(&self, text: &str, at: usize, memo: &mut FoldMemo) -> Option<u32> {
        let bytes = text.as_bytes();
        if !bytes.get(at).is_some_and(u8::is_ascii) {
            // A character beyond ASCII: its fold's first two bytes when the fold is beyond
            // ASCII too, so two bytes of one character. A fold to ASCII (the Kelvin sign's
            // `k`) goes on to the whole look below.
            let c = text.get(at..).and_then(|t| t.chars().next())?;
            let mut buf = [0u8; 4];
            if let [f0, f1, ..] = memo.fold(c).encode_utf8(&mut buf).as_bytes()
                && self.pair_bit(usize::from(*f0) << 8 | usize::from(*f1)) == 0
            {
                return None;
            }
        }
        let four = bytes
            .get(at..at + 4)
            .and_then(|k| <[u8; 4]>::try_from(k).ok());
        let key = match four.map(ascii_folds) {
            Some(Some(key)) => key,
            _ => {
                let mut k = [0u8; 4];
                if folded_prefix(text, at, memo, &mut k) < 4 {
                    // No pattern is shorter than four bytes.
                    return None;
                }
                u32::from_le_bytes(k)
            }
        };
        let h = Keys::hash(key);
        self.filter
            .get(h / 64)
            .is_some_and(|w| w >> (h % 64) & 1 == 1)
            .then_some(key)
    }

    /// Marks in `spelled` the patterns whose first four bytes are `key` that spell the
    /// folded characters of `text` from `at`: whether there is one, or `None` when that
    /// would take more comparisons than are left in `budget`.
    fn mark_spelled(
        &self,
        text: &str,
        at: usize,
        key: u32,
        memo: &mut FoldMemo,
        spelled: &mut [bool],
        budget: &mut usize,
    ) -> Option<bool> {
        let from = self.sorted.partition_point(|&(k, _)| k < key);
        let rest = self.sorted.get(from..).unwrap_or_default();
        let group = rest.get(..rest.partition_point(|&(k, _)| k == key));
        let group = group.unwrap_or_default();
        *budget = budget.checked_sub(group.len())?;
        let mut any = false;
        for &(_, i) in group {
            let (Some(p), Some(mark)) = (self.patterns.get(i), spelled.get_mut(i)) else {
                continue;
            };
            if spells(text, at, memo, p.as_bytes()) {
                *mark = true;
                any = true;
            }
        }
        Some(any)
    }
}

/// The fold of an ASCII byte in the folded text (lower case, white space as a space); a
/// byte beyond ASCII as it is.
#[inline(always)]
fn ascii_fold(b: u8) -> u8 {
    ASCII_FOLDS.get(usize::from(b)).copied().unwrap_or(b)
}

/// [`ascii_fold`] of every byte.
static ASCII_FOLDS: [u8; 256] = ascii_folds_table();

// Evaluated at compile time: an index out of range would fail the build.
#[allow(clippy::indexing_slicing)]
const fn ascii_folds_table() -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if matches!(c, b' ' | b'\t'..=b'\r') {
            b' '
        } else {
            c.to_ascii_lowercase()
        };
        b += 1;
    }
    t
}

/// The folds of four ASCII bytes (lower case, and white space as a space), as a key; `None`
/// if a byte is beyond ASCII or two white space bytes are next to each other (a run that
/// folds to one space). All four at once in a `u32`: a byte below 0x80 plus a constant below
/// 0x80 never carries into the next, so each range test is two additions and the top bits
/// (the byte-by-byte form, [`ascii_folds_bytewise`], is the test's reference).
#[inline(always)]
fn ascii_folds(four: [u8; 4]) -> Option<u32> {
    const H: u32 = 0x8080_8080;
    let x = u32::from_le_bytes(four);
    if x & H != 0 {
        return None;
    }
    // Top bit of each byte in `lo..=hi`.
    let within = |lo: u32, hi: u32| {
        (x + (0x80 - lo) * 0x0101_0101) & !(x + (0x80 - hi - 1) * 0x0101_0101) & H
    };
    let upper = within(u32::from(b'A'), u32::from(b'Z'));
    let space = within(u32::from(b'\t'), u32::from(b'\r')) | {
        let y = x ^ 0x2020_2020;
        !((y + 0x7F7F_7F7F) | y) & H
    };
    if space & (space >> 8) != 0 {
        return None;
    }
    // Upper case plus 0x20; white space replaced by 0x20 (no white space byte is a letter).
    let spread = (space >> 7) * 0xFF;
    Some(((x | (upper >> 2)) & !spread) | (space >> 2))
}

/// Calls `each` with the folded bytes of the characters of `text` from `at` (a run of
/// white space as one space), a character's at a time, until it answers `false`.
fn each_folded(text: &str, at: usize, memo: &mut FoldMemo, each: &mut dyn FnMut(&[u8]) -> bool) {
    let mut chars = text.get(at..).unwrap_or_default().chars().peekable();
    let mut buf = [0u8; 4];
    while let Some(c) = chars.next() {
        let f: &[u8] = if c.is_whitespace() {
            while chars.next_if(|d| d.is_whitespace()).is_some() {}
            b" "
        } else if c.is_ascii() {
            let lower = c.to_ascii_lowercase();
            lower.encode_utf8(&mut buf).as_bytes()
        } else {
            memo.fold(c).encode_utf8(&mut buf).as_bytes()
        };
        if !each(f) {
            return;
        }
    }
}

/// Fills `out` with the first folded bytes from `at` (see [`each_folded`]); how many.
// Out of line, as `spells`: few starts need either, and the module is smaller.
#[inline(never)]
fn folded_prefix(text: &str, at: usize, memo: &mut FoldMemo, out: &mut [u8; 4]) -> usize {
    let mut n = 0;
    each_folded(text, at, memo, &mut |f| {
        for &b in f {
            if let Some(slot) = out.get_mut(n) {
                *slot = b;
                n += 1;
            }
        }
        n < out.len()
    });
    n
}

/// Whether the folded bytes from `at` (see [`each_folded`]) begin with `pattern`.
///
/// While the text is ASCII other than white space, a character folds to its lower case, one
/// byte: compared as such, and only from a byte beyond ASCII or of white space on
/// character by character. (Values alike in their first four bytes are compared with many
/// starts, up to `recurring`'s cap: on a crafted megabyte of 10,000 e-mail addresses
/// `anna.NNNNN@…` and 150,000 words "anna", `analyze` in wasm took 71–76 ms with the
/// comparison by characters alone, 60–62 ms with this.)
#[inline(never)]
fn spells(text: &str, at: usize, memo: &mut FoldMemo, pattern: &[u8]) -> bool {
    let bytes = text.as_bytes();
    for (i, &p) in pattern.iter().enumerate() {
        match bytes.get(at + i) {
            None => return false,
            Some(&t) if t.is_ascii() && !is_space(t) => {
                if t.to_ascii_lowercase() != p {
                    return false;
                }
            }
            Some(_) => return spells_folding(text, at, memo, pattern),
        }
    }
    true
}

/// [`spells`], character by character.
fn spells_folding(text: &str, at: usize, memo: &mut FoldMemo, pattern: &[u8]) -> bool {
    let mut rest = pattern;
    let mut same = true;
    each_folded(text, at, memo, &mut |f| {
        let n = f.len().min(rest.len());
        same = f.get(..n) == rest.get(..n);
        rest = rest.get(n..).unwrap_or_default();
        same && !rest.is_empty()
    });
    same && rest.is_empty()
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::detect::terms::fold_term;

    fn ask(text: &str, covered: &[(usize, usize)], patterns: &[&str]) -> bool {
        let patterns: Vec<String> = patterns.iter().map(|p| fold_term(p, true)).collect();
        may_recur(text, covered, &patterns).is_some()
    }

    #[test]
    fn values_are_looked_for_as_the_folded_search_finds_them() {
        let text = "Anna met Jörg  Baumann in Wien. ÉMILE\u{A0}ZOLA, 😀Ørsted";
        assert!(ask(text, &[], &["BAUMANN"]));
        // Across a run of white space, and a non-breaking one; from a character beyond
        // ASCII, after an emoji.
        assert!(ask(text, &[], &["jörg baumann"]));
        assert!(ask(text, &[], &["émile zola"]));
        assert!(ask(text, &[], &["ørsted"]));
        assert!(!ask(text, &[], &["Kowalski", "annab", "zolas"]));
        // Not right after a letter or digit.
        assert!(!ask(text, &[], &["aumann"]));
        // Not where a covered place starts or lies; again where it has ended.
        let at = text.find("Baumann").unwrap();
        assert!(!ask(text, &[(at, at + 7)], &["baumann"]));
        assert!(!ask(
            text,
            &[(at - 6, at + 7), (at - 1, at + 1)],
            &["baumann"]
        ));
        assert!(ask(text, &[(0, 4), (at - 6, at)], &["baumann"]));
        // A text past one block of 64 bytes, the value in the last, partial one.
        let long = format!("{}Zeuge Baumann", "x ".repeat(70));
        assert!(ask(&long, &[], &["baumann"]));
        assert!(!ask(&long, &[(140, 153)], &["baumann"]));
        // The Kelvin sign folds to `k`.
        assert!(ask("Herr \u{212A}owalski", &[], &["kowalski"]));
        // No pattern, nothing to find; a short one or one starting with a space or other
        // ASCII that is no letter or digit, not looked for.
        assert!(!ask(text, &[], &[]));
        assert!(ask(text, &[], &["zzz"]));
        assert!(ask(text, &[], &["-zzzz"]));
        // Where the first one starts.
        let first = |p: &[&str]| {
            let p: Vec<String> = p.iter().map(|p| fold_term(p, true)).collect();
            may_recur(text, &[], &p)
        };
        assert_eq!(first(&["zola", "wien"]), text.find("Wien"));
        assert_eq!(first(&["zzz"]), Some(0));
        assert_eq!(first(&[]), None);
    }

    #[test]
    fn the_ascii_comparison_is_the_folding_one() {
        // Texts and patterns of ASCII letters in both cases, digits, punctuation, white space
        // runs, letters beyond ASCII and their folds, from every start.
        const PIECES: &[&str] = &[
            "a", "B", "7", ".", " ", "  ", "\t", "\u{b}", "\u{1f}", "é", "É", "ß", "ss",
            "\u{212A}", "k",
        ];
        let mut next = crate::detect::lcg(0x5EE1_5A11);
        let mut memo = FoldMemo::new();
        let (mut yes, mut no) = (0, 0);
        for _ in 0..3000 {
            let text: String = (0..next(8)).map(|_| PIECES[next(PIECES.len())]).collect();
            let pattern: String = (0..next(5) + 1)
                .map(|_| PIECES[next(PIECES.len())])
                .collect();
            let pattern = fold_term(&pattern, true);
            for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let want = spells_folding(&text, at, &mut memo, pattern.as_bytes());
                assert_eq!(
                    spells(&text, at, &mut memo, pattern.as_bytes()),
                    want,
                    "{text:?} {at} {pattern:?}"
                );
                if want { yes += 1 } else { no += 1 }
            }
        }
        assert!(yes > 300 && no > 3000, "{yes} {no}");
    }

    /// `recurring` against its definition, start by start, on random texts over several
    /// blocks (native: the byte-at-a-time masks; in wasm: the SIMD ones).
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn recurring_is_its_definition() {
        const PIECES: &[&str] = &[
            "a", "b", "B", "k", "K", "7", "0", ".", "-", " ", "  ", "\t", "\n", "\u{b}", "é", "É",
            "ß", "\u{212A}", "😀", "an", "Ann", "ba", "a b", "k\t7",
        ];
        let mut next = crate::detect::lcg(0x2EC0_5EED);
        let mut memo = FoldMemo::new();
        let (mut found, mut none) = (0, 0);
        for _ in 0..3000 {
            let text: String = (0..next(120)).map(|_| PIECES[next(PIECES.len())]).collect();
            let bounds: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            // Values cut from the text (so that some recur) and made up.
            let patterns: Vec<String> = (0..1 + next(4))
                .map(|_| {
                    let from = bounds[next(bounds.len())];
                    let piece = if next(3) == 0 || from == text.len() {
                        (0..2 + next(4))
                            .map(|_| PIECES[next(PIECES.len())])
                            .collect()
                    } else {
                        let to = bounds
                            .iter()
                            .copied()
                            .filter(|&b| b > from)
                            .nth(3 + next(6));
                        text[from..to.unwrap_or(text.len())].to_string()
                    };
                    fold_term(&piece, true)
                })
                .collect();
            let covered: Vec<(usize, usize)> = match next(3) {
                0 => Vec::new(),
                _ => {
                    let mut c: Vec<(usize, usize)> = (0..next(4))
                        .map(|_| {
                            let s = bounds[next(bounds.len())];
                            (s, s + next(12))
                        })
                        .collect();
                    c.sort_unstable();
                    c
                }
            };
            let got = recurring(&text, &covered, &patterns);
            let takes = patterns.iter().all(|p| {
                p.len() >= 4
                    && (p.as_bytes()[0].is_ascii_alphanumeric() || !p.as_bytes()[0].is_ascii())
            }) && !patterns.is_empty();
            if !takes {
                continue;
            }
            let mut spelled = vec![false; patterns.len()];
            let mut first = None;
            for &at in &bounds {
                let after_word = at > 0 && text.as_bytes()[at - 1].is_ascii_alphanumeric();
                let inside = covered.iter().any(|&(s, e)| s <= at && at < e);
                if after_word || inside || at == text.len() {
                    continue;
                }
                for (i, p) in patterns.iter().enumerate() {
                    if spells_folding(&text, at, &mut memo, p.as_bytes()) {
                        spelled[i] = true;
                        first.get_or_insert(at);
                    }
                }
            }
            let want = first.map(|first| Recurring { first, spelled });
            assert_eq!(got, want, "{text:?} {covered:?} {patterns:?}");
            if want.is_some() {
                found += 1
            } else {
                none += 1
            }
        }
        assert!(found > 400 && none > 400, "{found} {none}");
    }

    /// [`ascii_folds`] byte by byte.
    fn ascii_folds_bytewise(four: [u8; 4]) -> Option<u32> {
        if four.iter().any(|b| !b.is_ascii()) {
            return None;
        }
        let f = four.map(|b| {
            if is_space(b) {
                b' '
            } else {
                b.to_ascii_lowercase()
            }
        });
        if f.windows(2).any(|w| w == b"  ") {
            return None;
        }
        Some(u32::from_le_bytes(f))
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn four_bytes_fold_at_once_as_one_by_one() {
        // Every byte value in every position, among the bytes whose class changes at a
        // range's edge (`@ A Z [ ` a z { \t \r` and the space, 0x08 and 0x0E, 0x7F, 0x80).
        let edges = [
            0x00, 0x08, 0x09, 0x0A, 0x0D, 0x0E, 0x1F, 0x20, 0x21, 0x40, 0x41, 0x5A, 0x5B, 0x60,
            0x61, 0x7A, 0x7B, 0x7F, 0x80, 0xFF,
        ];
        for pos in 0..4 {
            for b in 0..=255u8 {
                for &e in &edges {
                    let mut four = [e; 4];
                    four[pos] = b;
                    assert_eq!(ascii_folds(four), ascii_folds_bytewise(four), "{four:?}");
                    four[(pos + 1) % 4] = b' ';
                    assert_eq!(ascii_folds(four), ascii_folds_bytewise(four), "{four:?}");
                }
            }
        }
    }

    fn refs(v: &[String]) -> Vec<&str> {
        v.iter().map(String::as_str).collect()
    }

    #[test]
    fn the_patterns_spelled_outside_the_covered_places_are_told() {
        let text = "Anna met Jörg  Baumann in Wien. ÉMILE\u{A0}ZOLA, Baumann again";
        let folded = |p: &[&str]| p.iter().map(|p| fold_term(p, true)).collect::<Vec<_>>();
        let told = |covered: &[(usize, usize)], p: &[&str]| {
            recurring(text, covered, &folded(p)).map(|r| (r.first, r.spelled))
        };
        let baumann = text.find("Baumann").unwrap();
        let again = text.rfind("Baumann").unwrap();
        // Each pattern spelled somewhere, one nowhere, one only inside its covered place.
        assert_eq!(
            told(&[], &["zola", "kowalski", "baumann", "wien"]),
            Some((baumann, vec![true, false, true, true]))
        );
        let wien = text.find("Wien").unwrap();
        assert_eq!(
            told(&[(wien, wien + 4)], &["wien", "baumann"]),
            Some((baumann, vec![false, true]))
        );
        assert_eq!(
            told(&[(baumann, baumann + 7)], &["wien", "baumann"]),
            Some((wien, vec![true, true]))
        );
        assert_eq!(
            told(&[(baumann, baumann + 7), (again, again + 7)], &["baumann"]),
            None
        );
        // Patterns alike in their first four bytes are compared one by one, within a
        // budget of comparisons (a quarter of the text's length and 1,024): past it, every
        // pattern from the start at hand.
        let alike = |n: usize| (0..n).map(|i| format!("wien{i}")).collect::<Vec<_>>();
        let few = alike(1000);
        assert_eq!(told(&[], &refs(&few)), None);
        let many = alike(1030 + text.len() / 4);
        assert_eq!(
            told(&[], &refs(&many)),
            Some((wien, vec![true; many.len()]))
        );
        let mut spelled = refs(&few);
        spelled.push("baumann");
        let mut want = vec![false; 1000];
        want.push(true);
        assert_eq!(told(&[], &spelled), Some((baumann, want)));
        // Patterns the look cannot take (shorter than four bytes): every one, from 0.
        assert_eq!(told(&[], &["zz", "baumann"]), Some((0, vec![true, true])));
    }
}
