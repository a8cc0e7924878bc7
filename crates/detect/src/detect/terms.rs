//! Deny-list terms: caller-given words that are always findings, matched
//! case-insensitively at word boundaries by one linear-time multi-literal automaton.

use super::DenyTerm;
use super::entity::Entity;
use super::finding::Finding;
use super::segment::{left_ok, right_ok};
use super::simd;
use crate::error::{Error, ErrorCode};
use crate::sort::partition_point_from;
use std::sync::Arc;

/// Most terms in one list.
pub const MAX_TERMS: usize = 10_000;
/// Longest term, in bytes.
pub const MAX_TERM_BYTES: usize = 256;
/// Most bytes of all terms of one list together.
pub const MAX_TERMS_TOTAL_BYTES: usize = 1 << 20;

/// Checks the documented limits of a term list.
pub fn check_limits<'a>(terms: impl Iterator<Item = &'a str>) -> Result<(), Error> {
    let (mut n, mut total) = (0usize, 0usize);
    for t in terms {
        n += 1;
        total += t.len();
        if t.len() > MAX_TERM_BYTES {
            return Err(Error::new(
                ErrorCode::PatternTooLarge,
                format!(
                    "expected terms of at most {MAX_TERM_BYTES} bytes, got one of {}",
                    t.len()
                ),
            ));
        }
    }
    if n > MAX_TERMS || total > MAX_TERMS_TOTAL_BYTES {
        return Err(Error::new(
            ErrorCode::PatternTooLarge,
            format!(
                "expected at most {MAX_TERMS} terms and {MAX_TERMS_TOTAL_BYTES} bytes, got {n} terms and {total} bytes"
            ),
        ));
    }
    Ok(())
}

/// The compiled deny-list.
#[derive(Clone, Debug)]
pub struct DenyMatcher {
    ac: Automaton,
    entities: Vec<Entity>,
}

/// The case-fold representative of `c`: two characters match case-insensitively exactly
/// when their representatives are equal. This is Unicode simple case folding, the
/// equivalence the deny- and policy term lists used when they were compiled as `(?i)`
/// regexes (regex-syntax), so `Jörg` matches `JÖRG`, `k` the Kelvin sign `K`, `s` the long
/// `ſ`, `ß` the capital `ẞ` and `σ` both `Σ` and `ς`; full folding (`ß` = `ss`) is not done.
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    match c {
        // Dotless ı folds to nothing outside Turkic rules (CaseFolding.txt), so it stays
        // apart from i/I although its uppercase is I.
        'ı' => c,
        // Pairs CaseFolding.txt joins by an `S` entry whose members have no simple case
        // mapping between them.
        '\u{0390}' => '\u{1FD3}',
        '\u{03B0}' => '\u{1FE3}',
        '\u{FB05}' => '\u{FB06}',
        _ => {
            // The lowercase of the uppercase, each kept only when it is one character:
            // `ſ` → `S` → `s`, `ς` → `Σ` → `σ`, `ẞ` → `ß`; `ß` (uppercase `SS`) stays.
            let up = single(c.to_uppercase()).unwrap_or(c);
            single(up.to_lowercase()).unwrap_or(up)
        }
    }
}

fn single(mut it: impl Iterator<Item = char>) -> Option<char> {
    let c = it.next()?;
    it.next().is_none().then_some(c)
}

/// Folds a term like [`Folded::new`] folds a text (each character by [`fold_char`], each
/// run of white space into one space when `collapse_space`), without the offset map and the
/// word-start index: a search folds every value it looks for (same-value propagation, once
/// per call), and the index cost more than the folding of a short term.
pub fn fold_term(term: &str, collapse_space: bool) -> String {
    if !term.is_ascii() {
        return fold_term_chars(term, collapse_space);
    }
    // ASCII (most values: identifiers, e-mail addresses, many names): byte by byte.
    let mut out = String::with_capacity(term.len());
    let mut after_space = false;
    for b in term.bytes() {
        if collapse_space && is_space(b) {
            if !after_space {
                out.push(' ');
            }
            after_space = true;
        } else {
            out.push(char::from(b.to_ascii_lowercase()));
            after_space = false;
        }
    }
    out
}

/// [`fold_term`] character by character (any text; the reference its ASCII path is
/// compared with).
fn fold_term_chars(term: &str, collapse_space: bool) -> String {
    let mut out = String::with_capacity(term.len());
    let mut chars = term.chars().peekable();
    while let Some(c) = chars.next() {
        if collapse_space && c.is_whitespace() {
            while chars.next_if(|d| d.is_whitespace()).is_some() {}
            out.push(' ');
        } else {
            out.push(fold_char(c));
        }
    }
    out
}

/// ASCII whitespace (`char::is_whitespace` on the ASCII range). Always inlined: under
/// opt-level "z" even this would otherwise be a call per byte.
#[inline(always)]
pub(crate) fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r')
}

/// Every byte [`is_space`] accepts.
const SPACES: [u8; 6] = [b'\t', b'\n', 0x0B, 0x0C, b'\r', b' '];

/// ASCII letter or digit (inlined, as [`is_space`]).
#[inline(always)]
fn is_word(b: u8) -> bool {
    matches!(b, b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z')
}

/// Length of the longest prefix of `rest` that folds byte for byte by ASCII lower-casing
/// alone: ASCII bytes, except whitespace that collapses (when `collapse_space`; a lone space
/// before an ASCII non-space stays as it is); and, when `pairs` ([`self_folding_pairs`]) is
/// given, the two-byte characters that [`fold_char`] leaves as they are: most accented
/// letters of European text, which then cost a table look-up, not the end of a run.
#[inline(always)]
fn fold_run(rest: &[u8], collapse_space: bool, pairs: Option<&[u64; PAIR_LEADS]>) -> usize {
    let mut k = 0;
    loop {
        // Sixteen bytes at a time while none of them may end the run (`simd::run_stop`;
        // the self-folding pairs among them are stepped over within the sixteen)…
        while let Some(sixteen) = rest
            .get(k..k + 16)
            .and_then(|s| <&[u8; 16]>::try_from(s).ok())
        {
            let mut stop = u32::from(simd::run_stop(sixteen, collapse_space));
            let mut next = k + 16;
            while stop != 0 {
                let j = stop.trailing_zeros() as usize;
                let lead = rest.get(k + j).copied().unwrap_or(0);
                match pairs {
                    Some(p) if !lead.is_ascii() && self_folds(p, lead, rest.get(k + j + 1)) => {
                        // Its second byte may be the first of the next sixteen.
                        next = next.max(k + j + 2);
                        stop &= !(3 << j);
                    }
                    _ => break,
                }
            }
            if stop != 0 {
                k += stop.trailing_zeros() as usize;
                break;
            }
            k = next;
        }
        // …then the byte that may, by the exact rule (and the last few bytes one by one).
        let Some(&b) = rest.get(k) else { break };
        if !b.is_ascii() {
            match pairs {
                Some(p) if self_folds(p, b, rest.get(k + 1)) => {
                    k += 2;
                    continue;
                }
                _ => break,
            }
        }
        if collapse_space && is_space(b) {
            let lone = b == b' '
                && rest
                    .get(k + 1)
                    .is_some_and(|&n| n.is_ascii() && !is_space(n));
            if !lone {
                break;
            }
        }
        k += 1;
    }
    k
}

/// `bytes.make_ascii_lowercase()`, sixteen bytes at a time (`simd`): the runs folded between
/// two non-ASCII characters are a few dozen bytes long, too short for the library's loop to
/// pay off in wasm.
fn lowercase(bytes: &mut [u8]) {
    let mut blocks = bytes.chunks_exact_mut(16);
    for block in &mut blocks {
        if let Ok(sixteen) = <&mut [u8; 16]>::try_from(block) {
            simd::lowercase(sixteen);
        }
    }
    blocks.into_remainder().make_ascii_lowercase();
}

/// Lead bytes of the two-byte UTF-8 sequences (0xC2–0xDF, U+0080–U+07FF).
const PAIR_LEADS: usize = 30;

/// One bit per two-byte character: set if [`fold_char`] leaves it as it is and it is no
/// white space (which may collapse). Word `lead - 0xC2`, bit `cont & 0x3F`. Computed once
/// per process.
fn self_folding_pairs() -> &'static [u64; PAIR_LEADS] {
    static TABLE: std::sync::OnceLock<[u64; PAIR_LEADS]> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = [0u64; PAIR_LEADS];
        for (u, bit) in (0x80..0x800u32).zip(0..) {
            let same = char::from_u32(u).is_some_and(|c| !c.is_whitespace() && fold_char(c) == c);
            if let Some(w) = t.get_mut(bit / 64) {
                *w |= u64::from(same) << (bit % 64);
            }
        }
        t
    })
}

/// Whether `lead` and `cont` are a two-byte character set in `pairs`.
#[inline(always)]
fn self_folds(pairs: &[u64; PAIR_LEADS], lead: u8, cont: Option<&u8>) -> bool {
    let Some(&cont) = cont.filter(|&&c| c & 0xC0 == 0x80) else {
        return false;
    };
    let Some(&w) = pairs.get(usize::from(lead.wrapping_sub(0xC2))) else {
        return false;
    };
    w >> (cont & 0x3F) & 1 == 1
}

/// Length of the UTF-8 sequence that starts with `lead` (1 for a stray continuation byte,
/// which a match of valid UTF-8 terms never starts with).
pub fn utf8_len(lead: u8) -> usize {
    match lead {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

/// Slots of [`FoldMemo`].
const MEMO_SLOTS: usize = 128;

/// The characters below this one have their fold in [`latin_folds`].
const LATIN_END: u32 = 0x250;

/// [`fold_char`] of U+0080..U+0250 (Latin-1 Supplement, Latin Extended-A and -B: the
/// accented letters of the European languages), computed once per process: a call folds
/// them with a load instead of two Unicode table searches per distinct character.
fn latin_folds() -> &'static [char] {
    static TABLE: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (0x80..LATIN_END)
            .map(|u| char::from_u32(u).map_or('\u{FFFD}', fold_char))
            .collect()
    })
}

/// A small direct-mapped cache of [`fold_char`] for the non-ASCII characters of one text:
/// a report uses few distinct ones (its language's letters, some punctuation, emoji),
/// and `fold_char` costs two Unicode table searches per character.
pub(crate) struct FoldMemo {
    /// `(character, its fold)`; the key 0 (an ASCII character) marks an empty slot, as
    /// only non-ASCII characters are looked up.
    slots: [(u32, char); MEMO_SLOTS],
    /// [`latin_folds`].
    latin: &'static [char],
}

impl FoldMemo {
    pub(crate) fn new() -> FoldMemo {
        FoldMemo {
            slots: [(0, '\0'); MEMO_SLOTS],
            latin: latin_folds(),
        }
    }

    /// [`fold_char`] of `c`.
    pub(crate) fn fold(&mut self, c: char) -> char {
        let key = u32::from(c);
        if let Some(&f) = key
            .checked_sub(0x80)
            .and_then(|k| self.latin.get(k as usize))
        {
            return f;
        }
        let at = ((key ^ (key >> 7)) as usize) % MEMO_SLOTS;
        match self.slots.get_mut(at) {
            Some(slot) if slot.0 == key => slot.1,
            Some(slot) => {
                let f = fold_char(c);
                *slot = (key, f);
                f
            }
            None => fold_char(c),
        }
    }
}

/// Pads the folded text where folding shortened it (see [`Folded`]): never a byte of UTF-8,
/// and no term holds it, so the automaton steps over it.
pub const FILLER: u8 = 0xFF;

/// A text with every character replaced by [`fold_char`] (and, when asked, every run of
/// whitespace by one space), searched instead of the original, plus what is needed to map a
/// folded offset back.
///
/// Most texts are folded in place: the copy keeps every offset of the original, a
/// character whose fold is shorter and a run of white space being padded with [`FILLER`]
/// bytes, which the search steps over. Only a text with a character whose fold is longer or
/// ASCII (`Ⱥ`, the Kelvin sign) is folded into a shorter or longer copy, with a map of the
/// offsets that changed.
pub struct Folded {
    /// The folded text: ASCII bytes, whole encoded `char`s and [`FILLER`] bytes.
    pub text: Vec<u8>,
    /// `(folded offset, original offset)` after every chunk whose length changed; starts
    /// with `(0, 0)`, increasing in both.
    breaks: Vec<(usize, usize)>,
    /// For each entry of `breaks`, the original offset where its changed chunk began (0 for
    /// the first): between one break and the next chunk's start the two texts are copies.
    chunk_starts: Vec<usize>,
    /// One bit per byte of `text`: set where a whole word may start, that is not right
    /// after an ASCII letter or digit and not on ASCII white space (see [`word_starts`]).
    starts: Vec<u64>,
    /// `starts` narrowed by [`Folded::narrow`] to where some term of a few automata may
    /// begin, with the union of their pair filters (see [`union_filter`]).
    narrow: Option<(Vec<u64>, Arc<[u64]>)>,
}

/// The bit set of the offsets of `hay` not right after an ASCII letter or digit and not on
/// ASCII white space: in running text about one byte in six. Several term lists search one
/// folded text and each would otherwise test every byte for such a start; this way it is
/// done once, in `hay.len() / 8` bytes.
fn word_starts(hay: &[u8]) -> Vec<u64> {
    let mut bits = vec![0u64; hay.len().div_ceil(64)];
    // Branch-free, 64 bytes at a time (see `simd`): whether a byte starts a word is as good
    // as random to a branch predictor.
    let mut after_word = 0u64;
    for (chunk, word) in hay.chunks(64).zip(bits.iter_mut()) {
        if let Ok(block) = <&[u8; 64]>::try_from(chunk) {
            let m = simd::masks(block);
            // A byte follows a word byte: the word mask moved up one byte, with the last
            // byte of the previous block carried in.
            *word = !((m.word << 1) | after_word) & !m.space;
            after_word = m.word >> 63;
            continue;
        }
        // The last, partial block (under 64 bytes of a text): byte by byte.
        let mut w = 0u64;
        for (k, &b) in chunk.iter().enumerate() {
            if after_word == 0 && !is_space(b) {
                w |= 1 << k;
            }
            after_word = u64::from(is_word(b));
        }
        *word = w;
    }
    bits
}

/// `text` folded in place (see [`Folded`]), or `None` when a character's fold is longer
/// than it or ASCII. One copy, lower-cased sixteen bytes at a time; then the characters
/// [`fold_run`] stops at: white space to collapse becomes one space and fillers, a
/// character whose fold differs is overwritten by it (and fillers).
fn padded(text: &str, collapse_space: bool) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    let mut out = bytes.to_vec();
    lowercase(&mut out);
    let mut memo = FoldMemo::new();
    let pairs = self_folding_pairs();
    let mut i = 0;
    while i < bytes.len() {
        i += fold_run(
            bytes.get(i..).unwrap_or_default(),
            collapse_space,
            Some(pairs),
        );
        let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
            break;
        };
        let n = c.len_utf8();
        if collapse_space && c.is_whitespace() {
            let mut end = i + n;
            while let Some(d) = text
                .get(end..)
                .and_then(|t| t.chars().next())
                .filter(|d| d.is_whitespace())
            {
                end += d.len_utf8();
            }
            if let Some(run) = out.get_mut(i..end) {
                run.fill(FILLER);
                if let Some(first) = run.first_mut() {
                    *first = b' ';
                }
            }
            i = end;
            continue;
        }
        if !c.is_ascii() {
            let f = memo.fold(c);
            if f != c {
                let m = f.len_utf8();
                if m > n || f.is_ascii() {
                    return None;
                }
                let slot = out.get_mut(i..i + n)?;
                slot.fill(FILLER);
                f.encode_utf8(slot.get_mut(..m)?);
            }
        }
        i += n;
    }
    Some(out)
}

/// `end` moved past the [`FILLER`] bytes at it: a match that ends with a character or a
/// collapsed run of white space ends where its padding does, as it ends where the
/// original character or run does.
fn past_fillers(hay: &[u8], mut end: usize) -> usize {
    while hay.get(end) == Some(&FILLER) {
        end += 1;
    }
    end
}

/// Where a match of `len` bytes that ends at `end` of `hay` starts: `len` bytes back,
/// plus the [`FILLER`] bytes among them.
fn match_start(hay: &[u8], end: usize, len: usize) -> usize {
    let plain = end.saturating_sub(len);
    if !hay.get(plain..end).is_some_and(|m| m.contains(&FILLER)) {
        return plain;
    }
    let mut start = end;
    let mut left = len;
    while left > 0 && start > 0 {
        start -= 1;
        if hay.get(start) != Some(&FILLER) {
            left -= 1;
        }
    }
    start
}

impl Folded {
    /// Folds `text`; `collapse_space` turns each run of whitespace into one space.
    pub fn new(text: &str, collapse_space: bool) -> Folded {
        match padded(text, collapse_space) {
            Some(out) => {
                let starts = word_starts(&out);
                Folded {
                    text: out,
                    breaks: vec![(0, 0)],
                    chunk_starts: vec![0],
                    starts,
                    narrow: None,
                }
            }
            None => Folded::unpadded(text, collapse_space),
        }
    }

    /// [`Folded::new`] without padding: a copy as long as the folded characters, with the
    /// map of the offsets that changed (for any text; the reference the tests compare with).
    #[doc(hidden)]
    pub fn unpadded(text: &str, collapse_space: bool) -> Folded {
        let mut out: Vec<u8> = Vec::with_capacity(text.len());
        let mut breaks = vec![(0, 0)];
        let mut chunk_starts = vec![0];
        let mut memo = FoldMemo::new();
        let pairs = self_folding_pairs();
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // Fast path: a run of ASCII bytes that fold to one byte each, lower-cased while
            // copied (one pass).
            let rest = bytes.get(i..).unwrap_or_default();
            // Two-byte characters that fold to themselves continue the run: copied as they
            // are (the lower-casing leaves bytes above 0x7F alone).
            let run = fold_run(rest, collapse_space, Some(pairs));
            if run > 0 {
                let from = out.len();
                out.extend_from_slice(rest.get(..run).unwrap_or_default());
                if let Some(copied) = out.get_mut(from..) {
                    lowercase(copied);
                }
                i += run;
                continue;
            }
            // One non-ASCII character, or a run of whitespace to collapse.
            let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
                break;
            };
            let mut end = i + c.len_utf8();
            if collapse_space && c.is_whitespace() {
                while let Some(d) = text
                    .get(end..)
                    .and_then(|t| t.chars().next())
                    .filter(|d| d.is_whitespace())
                {
                    end += d.len_utf8();
                }
                out.push(b' ');
            } else {
                let mut buf = [0; 4];
                out.extend_from_slice(memo.fold(c).encode_utf8(&mut buf).as_bytes());
            }
            let (f, o) = breaks.last().copied().unwrap_or((0, 0));
            if out.len() - f != end - o {
                breaks.push((out.len(), end));
                chunk_starts.push(i);
            }
            i = end;
        }
        let starts = word_starts(&out);
        Folded {
            text: out,
            breaks,
            chunk_starts,
            starts,
            narrow: None,
        }
    }

    /// Keeps, besides all word starts, those whose first two bytes pass `filter` (the union
    /// of some automata's pair filters, see [`union_filter`]): several term lists searching
    /// one text then look at each word start once between them, here, instead of once each
    /// (a list's search reads the narrowed starts only if its filter is part of `filter`,
    /// see [`Folded::starts_for`]).
    pub fn narrow(&mut self, filter: &Arc<[u64]>) {
        let hay = self.text.as_slice();
        let mut bits = self.starts.clone();
        for (w, word) in bits.iter_mut().enumerate() {
            let mut keep = 0u64;
            let mut rest = *word;
            while rest != 0 {
                let k = rest.trailing_zeros() as usize;
                let p = w * 64 + k;
                // The last byte of the text has no pair, nor a byte before padding: kept
                // (the search checks it).
                let pass = match (hay.get(p), hay.get(p + 1)) {
                    (Some(_), Some(&FILLER)) => true,
                    (Some(&a), Some(&b)) => pair_in(filter, a, b),
                    _ => true,
                };
                if pass {
                    keep |= 1 << k;
                }
                rest &= rest - 1;
            }
            *word = keep;
        }
        self.narrow = Some((bits, Arc::clone(filter)));
    }

    /// The word starts `ac` needs to try: the narrowed ones (see [`Folded::narrow`]) when
    /// its pair filter is part of the narrowing filter, else all. `None` for all.
    pub fn starts_for(&self, ac: &Automaton) -> Option<&[u64]> {
        let (bits, filter) = self.narrow.as_ref()?;
        let covered = ac
            .pair_words
            .iter()
            .all(|&(i, w)| filter.get(usize::from(i)).is_some_and(|f| w & !f == 0));
        covered.then_some(bits.as_slice())
    }

    /// The folded offset of original offset `at`, when `at` is not inside a chunk whose
    /// length changed (then no folded offset is exactly `at`, and the answer is `None`).
    pub fn folded_offset(&self, at: usize) -> Option<usize> {
        self.folded_offset_at(at, self.breaks.partition_point(|b| b.1 <= at))
    }

    /// `self.breaks.partition_point(|b| b.1 <= at)`, looked for from `hint` (see
    /// [`partition_point_from`]).
    fn break_index(&self, at: usize, hint: usize) -> usize {
        partition_point_from(&self.breaks, hint, |b| b.1 <= at)
    }

    /// [`Folded::folded_offset`] given `k`, the number of breaks at or before `at`.
    fn folded_offset_at(&self, at: usize, k: usize) -> Option<usize> {
        let (f, o) = self.breaks.get(k.checked_sub(1)?).copied()?;
        match self.chunk_starts.get(k) {
            Some(&next_chunk) if at > next_chunk => None,
            _ => Some(f + (at - o)),
        }
    }

    /// The word starts (see [`word_starts`]) outside `ranges` (original offsets, sorted by
    /// start or not): for a search that refuses every match starting inside them, so it
    /// need not find those matches first. A range whose ends have no exact folded offset
    /// (see [`Folded::folded_offset`]) is left in: the copy may hold more starts than
    /// wanted, never fewer.
    pub fn starts_outside(&self, ranges: &[(usize, usize)]) -> Vec<u64> {
        let mut bits = self.starts.clone();
        // Where the last range's start was among the breaks: ranges sorted by start are
        // looked up by a short walk each, not two binary searches (see `break_index`).
        let mut hint = 0;
        for &(start, end) in ranges {
            let k = self.break_index(start, hint);
            hint = k;
            let a = self.folded_offset_at(start, k);
            let b = self.folded_offset_at(end, self.break_index(end, k));
            let (Some(a), Some(b)) = (a, b) else {
                continue;
            };
            let mut i = a;
            while i < b {
                let (w, k) = (i / 64, i % 64);
                // Bits k.. of word w, up to b.
                let n = (64 - k).min(b - i);
                let mask = if n == 64 {
                    u64::MAX
                } else {
                    ((1u64 << n) - 1) << k
                };
                if let Some(word) = bits.get_mut(w) {
                    *word &= !mask;
                }
                i += n;
            }
        }
        bits
    }

    /// The original offset of folded offset `at` (a character boundary of the folded text).
    pub fn original(&self, at: usize) -> usize {
        let k = self.breaks.partition_point(|b| b.0 <= at);
        let (f, o) = k
            .checked_sub(1)
            .and_then(|k| self.breaks.get(k))
            .copied()
            .unwrap_or((0, 0));
        o + (at - f)
    }
}

/// Whether the pair `(a, b)` is set in a pair filter (one bit per pair of bytes, bit
/// `256a + b`, as [`Automaton`] keeps for its terms).
#[inline(always)]
fn pair_in(filter: &[u64], a: u8, b: u8) -> bool {
    let k = (usize::from(a) << 8) | usize::from(b);
    filter.get(k / 64).is_some_and(|w| w & (1 << (k % 64)) != 0)
}

/// The union of the pair filters of `automata` (see [`Folded::narrow`]).
pub fn union_filter<'a>(automata: impl Iterator<Item = &'a Automaton>) -> Arc<[u64]> {
    let mut filter = vec![0u64; PAIR_WORDS];
    for ac in automata {
        for &(i, w) in &ac.pair_words {
            if let Some(f) = filter.get_mut(usize::from(i)) {
                *f |= w;
            }
        }
    }
    filter.into()
}

/// Words of a pair filter: one bit per pair of bytes.
const PAIR_WORDS: usize = 65536 / 64;

/// Words of a triple filter: one bit per value of [`triple_hash`].
const TRIPLE_WORDS: usize = 65536 / 64;

/// A 16-bit hash of three bytes (the filter tolerates collisions: they only let a place
/// through).
#[inline(always)]
fn triple_hash(a: u8, b: u8, c: u8) -> usize {
    let k = u32::from(a) << 16 | u32::from(b) << 8 | u32::from(c);
    (k.wrapping_mul(0x9E37_79B1) >> 16) as usize
}

/// Index of the dead state: the search stops there.
const DEAD: u32 = 0;
/// Index of the start state.
const ROOT: u32 = 1;
/// No pattern ends at this state.
const NONE: u32 = u32::MAX;

/// A leftmost-first Aho-Corasick automaton over byte strings (the construction of the
/// `aho-corasick` crate's NFA, about 150 lines instead of ~50 KB of wasm): a search is linear
/// in the text whatever the terms, and at a given start the earliest-listed term wins, as
/// in a regex alternation.
///
/// Built as a trie with linked-list edges (`Builder`), then frozen: the transitions of
/// each state lie next to each other (one short contiguous scan per step instead of a
/// pointer chase), and the start state's are dense.
#[derive(Clone, Debug)]
pub struct Automaton {
    /// Transitions out of the start state, dense (the start state loops to itself).
    root: Vec<u32>,
    /// Whether a byte leaves the start state (starts some term).
    starts: [bool; 256],
    /// One bit per pair of bytes `(a, b)` (bit `256a + b`): some term starts with `a b`, or
    /// is the single byte `a`. Where a word start's first byte begins some term, its second
    /// byte mostly rules the place out without entering the automaton (a propagation list of
    /// names begins with most letters, far fewer of their pairs).
    pairs: Vec<u64>,
    /// One bit per [`triple_hash`] of the first three bytes of some term (every third byte
    /// for a term of two): behind the pair filter, it keeps the automaton from being entered
    /// where a word begins like a term for two bytes only ("de" of "der" for "de89 …", as
    /// same-value propagation meets at every article). Empty when some term is one byte.
    triples: Vec<u64>,
    /// The words of `pairs` that are not 0, with their index: a list of terms sets a bit
    /// or a few per term, and [`Folded::starts_for`] compares only these.
    pair_words: Vec<(u16, u64)>,
    /// Some term starts with ASCII white space (which [`Folded`]'s word starts leave out).
    space_starts: bool,
    /// Failure link of each state.
    fail: Vec<u32>,
    /// The pattern reported when the search is in each state, or `NONE`.
    pattern: Vec<u32>,
    /// The transitions of state `s` are `bytes[off[s]..off[s + 1]]` → `next[…]`.
    off: Vec<u32>,
    bytes: Vec<u8>,
    next: Vec<u32>,
    /// Byte length of each pattern, to find where a match starts.
    lens: Vec<usize>,
}

/// The automaton while it is built: a trie with one linked list of edges per state.
struct Builder {
    states: Vec<State>,
    /// Sparse transitions, one linked list per state.
    edges: Vec<Edge>,
    /// The start state's transitions, also dense (0 = none): every term's insertion and
    /// most failure links ask the start state, which has an edge for nearly every byte a
    /// term starts with. Walking that list dominated the build of a report's propagation
    /// automaton, which is made on every call.
    root: [u32; 256],
}

#[derive(Clone, Copy, Debug)]
struct State {
    /// First edge (index + 1; 0 = none).
    first: u32,
    fail: u32,
    /// The pattern reported when the search is in this state, or `NONE`.
    pattern: u32,
}

#[derive(Clone, Copy, Debug)]
struct Edge {
    byte: u8,
    next: u32,
    /// Next edge of the same state (index + 1; 0 = none).
    sibling: u32,
}

fn too_large() -> Error {
    Error::new(
        ErrorCode::PatternTooLarge,
        "the term list cannot be compiled within the size limit",
    )
}

impl Automaton {
    /// Compiles `patterns` (pattern id = index). Empty patterns never match.
    pub fn new(patterns: &[String]) -> Result<Automaton, Error> {
        let a = Builder::new(patterns)?;
        let mut off = Vec::with_capacity(a.states.len() + 1);
        let mut bytes = Vec::with_capacity(a.edges.len());
        let mut next = Vec::with_capacity(a.edges.len());
        off.push(0);
        for st in &a.states {
            let mut e = st.first;
            while let Some(edge) = a.edge(e) {
                bytes.push(edge.byte);
                next.push(edge.next);
                e = edge.sibling;
            }
            off.push(u32::try_from(bytes.len()).map_err(|_| too_large())?);
        }
        let mut edges = Vec::new();
        // The automaton of a report's values is built on every call, for a few hundred
        // bytes of terms: what is made here is sized by the terms, not by the alphabet or
        // the filters, wherever it can be.
        let mut root = vec![ROOT; 256];
        let mut starts = [false; 256];
        a.children(ROOT, &mut edges);
        for &(byte, n) in &edges {
            if let Some(slot) = root.get_mut(usize::from(byte)) {
                *slot = n;
            }
            if let Some(flag) = starts.get_mut(usize::from(byte)) {
                *flag = true;
            }
        }
        let space_starts = SPACES
            .iter()
            .any(|&b| starts.get(usize::from(b)) == Some(&true));
        let mut pairs = vec![0u64; PAIR_WORDS];
        // The words of `pairs` that get a bit (with repeats), for `pair_words`.
        let mut touched: Vec<usize> = Vec::with_capacity(patterns.len());
        for p in patterns.iter().map(String::as_bytes) {
            let (from, to) = match *p {
                [] => continue,
                [a] => (usize::from(a) << 8, (usize::from(a) << 8) + 256),
                [a, b, ..] => {
                    let k = (usize::from(a) << 8) | usize::from(b);
                    (k, k + 1)
                }
            };
            for k in from..to {
                if let Some(w) = pairs.get_mut(k / 64) {
                    *w |= 1 << (k % 64);
                }
            }
            touched.extend((from / 64)..=((to - 1) / 64));
        }
        crate::sort::sort(&mut touched);
        touched.dedup();
        let mut triples = vec![0u64; TRIPLE_WORDS];
        let mut set = |h: usize| {
            if let Some(w) = triples.get_mut(h / 64) {
                *w |= 1 << (h % 64);
            }
        };
        for p in patterns.iter().map(String::as_bytes) {
            match *p {
                [a, b] => (0..=255).for_each(|c| set(triple_hash(a, b, c))),
                [a, b, c, ..] => set(triple_hash(a, b, c)),
                _ => {}
            }
        }
        if patterns.iter().any(|p| p.len() == 1) {
            triples = Vec::new();
        }
        let pair_words = touched
            .into_iter()
            .filter_map(|i| Some((u16::try_from(i).ok()?, *pairs.get(i)?)))
            .collect();
        Ok(Automaton {
            root,
            starts,
            pairs,
            triples,
            pair_words,
            space_starts,
            fail: a.states.iter().map(|st| st.fail).collect(),
            pattern: a.states.iter().map(|st| st.pattern).collect(),
            off,
            bytes,
            next,
            lens: patterns.iter().map(String::len).collect(),
        })
    }

    fn child(&self, s: u32, byte: u8) -> Option<u32> {
        let s = s as usize;
        let (from, to) = (*self.off.get(s)? as usize, *self.off.get(s + 1)? as usize);
        let k = self.bytes.get(from..to)?.iter().position(|&b| b == byte)?;
        self.next.get(from + k).copied()
    }

    /// The first position at or after `i` where a term may start: its byte leaves the start
    /// state and, with `word_starts`, the byte before it is no ASCII letter or digit.
    fn skip(&self, hay: &[u8], i: usize, word_starts: bool) -> Option<usize> {
        let rest = hay.get(i..)?;
        let starts = |b: u8| self.starts.get(usize::from(b)).copied().unwrap_or(true);
        if !word_starts {
            return rest.iter().position(|&b| starts(b)).map(|k| i + k);
        }
        let mut prev = i
            .checked_sub(1)
            .and_then(|j| hay.get(j))
            .copied()
            .unwrap_or(b' ');
        for (k, &b) in rest.iter().enumerate() {
            if !is_word(prev) && starts(b) {
                return Some(i + k);
            }
            prev = b;
        }
        None
    }

    /// Whether some term may begin with `a b c` (`c`: `None` at the end of the text).
    #[inline(always)]
    fn triple_in(&self, a: u8, b: u8, c: Option<&u8>) -> bool {
        let (Some(&c), false) = (c, self.triples.is_empty()) else {
            return true;
        };
        let h = triple_hash(a, b, c);
        self.triples
            .get(h / 64)
            .is_some_and(|w| w & (1 << (h % 64)) != 0)
    }

    /// [`Automaton::skip`] with word starts, read from the bit set `index` (see
    /// [`word_starts`]): the first set bit at or after `i` whose byte starts a term.
    fn skip_indexed(&self, hay: &[u8], index: &[u64], i: usize) -> Option<usize> {
        let mut w = i / 64;
        let mut bits = index.get(w)? & (u64::MAX << (i % 64));
        loop {
            while bits != 0 {
                let p = w * 64 + bits.trailing_zeros() as usize;
                let may_start = match (hay.get(p), hay.get(p + 1)) {
                    // Padding next: the filters' bytes are further on (rare; the automaton
                    // decides).
                    (Some(&a), Some(&FILLER)) => self.starts.get(usize::from(a)) == Some(&true),
                    (Some(&a), Some(&b)) if hay.get(p + 2) == Some(&FILLER) => {
                        pair_in(&self.pairs, a, b)
                    }
                    (Some(&a), Some(&b)) => {
                        pair_in(&self.pairs, a, b) && self.triple_in(a, b, hay.get(p + 2))
                    }
                    (Some(&a), None) => self.starts.get(usize::from(a)) == Some(&true),
                    _ => false,
                };
                if may_start {
                    return Some(p);
                }
                bits &= bits - 1;
            }
            w += 1;
            bits = *index.get(w)?;
        }
    }

    /// The leftmost-first match in `hay[from..]`: `(pattern, start, end)`. The scan stops at
    /// the end of the match (plus at most one term's length), or at the end of `hay`.
    ///
    /// `word_starts`: only matches that start at a word start are wanted, so the search
    /// does not start one right after an ASCII letter or digit (where the byte before is
    /// non-ASCII it still does; the caller checks boundaries on the original text). A match
    /// found at such a place would not be a whole word: the caller retries one character
    /// further on, which is where the skip takes it anyway, so the matches the caller keeps
    /// are the same, found without entering the automaton at every letter.
    ///
    /// `index`: the word starts of `hay` (see [`Folded`]), if known: with `word_starts`, the
    /// places where a match may start are then read from it instead of tested byte by byte.
    pub fn find(
        &self,
        hay: &[u8],
        from: usize,
        word_starts: bool,
        index: Option<&[u64]>,
    ) -> Option<(usize, usize, usize)> {
        let index = index.filter(|_| word_starts && !self.space_starts);
        let mut s = ROOT;
        let mut found = None;
        let mut i = from;
        while i < hay.len() {
            if s == ROOT {
                // Most bytes start no term: skip them without the state machinery (no
                // match is pending in the start state).
                let next = match index {
                    Some(v) => self.skip_indexed(hay, v, i),
                    None => self.skip(hay, i, word_starts),
                };
                let Some(k) = next else {
                    break;
                };
                i = k;
            }
            let Some(&b) = hay.get(i) else {
                break;
            };
            if b == FILLER {
                // Padding of the folded text: no byte of the text.
                i += 1;
                continue;
            }
            // A match may not start here if the byte before is a letter or digit (see
            // `skip`): when the failure links fall back to the start state, stay there.
            let inside = word_starts
                && i.checked_sub(1)
                    .and_then(|j| hay.get(j))
                    .is_some_and(|&p| is_word(p));
            s = self.next(s, b, inside);
            i += 1;
            if s == DEAD {
                break;
            }
            let p = self.pattern.get(s as usize).copied().unwrap_or(NONE);
            if p != NONE {
                found = Some((p as usize, i));
            }
        }
        let (p, end) = found?;
        let len = self.lens.get(p).copied().unwrap_or(0);
        Some((p, match_start(hay, end, len), past_fillers(hay, end)))
    }

    /// Calls `each(pattern, end)` for the patterns that match `hay` from exactly `start`,
    /// shortest first: a walk down the trie (no failure links), so at most one step per byte
    /// of the longest pattern, and no allocation (it runs once per refused match).
    fn each_match_at(&self, hay: &[u8], start: usize, each: &mut dyn FnMut(usize, usize)) {
        let mut s = ROOT;
        let mut depth = 0;
        for (k, &b) in hay.get(start..).unwrap_or_default().iter().enumerate() {
            if b == FILLER {
                continue;
            }
            let Some(n) = self.child(s, b) else { break };
            s = n;
            depth += 1;
            let p = self.pattern.get(s as usize).copied().unwrap_or(NONE);
            // A state's pattern may be inherited through its failure link (a suffix match
            // that starts later): only a pattern as long as the walk starts at `start`.
            if p != NONE && self.lens.get(p as usize) == Some(&depth) {
                each(p as usize, past_fillers(hay, start + k + 1));
            }
        }
    }

    /// The leftmost match at or after `pos` in the folded text that is a whole word of the
    /// original `text` and that `accept`s — at that start the longest term that is one, so a
    /// term that is a prefix of another (`123ME`, `123MEI 3`) is still found where the longer
    /// one is not a whole word (or is refused). Returns `(pattern, start, end)` in `text`'s
    /// offsets and the folded end. `refused(start)` = `Some(p)` says that no match starting
    /// anywhere in `start..p` (original offsets, `p > start`) would be accepted, whatever its
    /// end: the terms there are not even tried and the search goes on from `p` (same-value
    /// propagation refuses every match that starts inside a finding, and a text of repeats
    /// is mostly findings). `starts`: the word starts to try, if not all of `folded`'s: a
    /// subset from [`Folded::starts_outside`] skips the refused stretches without finding
    /// their matches first (`refused` is still asked).
    pub fn find_whole_word(
        &self,
        folded: &Folded,
        starts: Option<&[u64]>,
        text: &str,
        mut pos: usize,
        refused: &dyn Fn(usize) -> Option<usize>,
        accept: &dyn Fn(usize, usize) -> bool,
    ) -> Option<(usize, usize, usize, usize)> {
        let hay = folded.text.as_slice();
        let whole = |start: usize, end: usize| {
            start < end && left_ok(text, start) && right_ok(text, end) && accept(start, end)
        };
        while pos <= hay.len() {
            // Only whole words are wanted: no match is started right after an ASCII letter
            // or digit (see `find`).
            let index = starts.unwrap_or(&folded.starts);
            let (pid, m_start, m_end) = self.find(hay, pos, true, Some(index))?;
            let (start, end) = (folded.original(m_start), folded.original(m_end));
            let skip_to = refused(start);
            if skip_to.is_none() {
                if whole(start, end) {
                    return Some((pid, start, end, m_end));
                }
                // The longest other term from the same start that is an accepted whole word.
                let mut longest = None;
                self.each_match_at(hay, m_start, &mut |q, q_end| {
                    if q != pid && whole(start, folded.original(q_end)) {
                        longest = Some((q, q_end));
                    }
                });
                if let Some((q, q_end)) = longest {
                    return Some((q, start, folded.original(q_end), q_end));
                }
            }
            // No accepted whole word starts here: retry one character further on, or where
            // the refused stretch ends.
            let next_char = m_start + hay.get(m_start).map_or(1, |&b| utf8_len(b));
            pos = skip_to
                .and_then(|p| folded.folded_offset(p))
                .map_or(next_char, |p| p.max(next_char));
        }
        None
    }

    /// The state after `byte` (following failure links; amortised O(1)). `no_start`: no
    /// match may start at this byte, so a fall-back to the start state stays there.
    fn next(&self, mut s: u32, byte: u8, no_start: bool) -> u32 {
        loop {
            if s == ROOT {
                if no_start {
                    return ROOT;
                }
                return self.root.get(usize::from(byte)).copied().unwrap_or(ROOT);
            }
            if s == DEAD {
                return DEAD;
            }
            if let Some(n) = self.child(s, byte) {
                return n;
            }
            s = self.fail.get(s as usize).copied().unwrap_or(DEAD);
        }
    }
}

impl Builder {
    /// The trie of `patterns` with leftmost-first failure links.
    fn new(patterns: &[String]) -> Result<Builder, Error> {
        let blank = State {
            first: 0,
            fail: DEAD,
            pattern: NONE,
        };
        // At most one state and one edge per byte of the terms.
        let bytes: usize = patterns.iter().map(String::len).sum();
        let mut states = Vec::with_capacity(bytes + 2);
        states.extend([blank, blank]);
        let mut a = Builder {
            states,
            edges: Vec::with_capacity(bytes),
            root: [0; 256],
        };
        'patterns: for (pid, pat) in patterns.iter().enumerate() {
            let pid = u32::try_from(pid).map_err(|_| too_large())?;
            if pat.is_empty() {
                continue;
            }
            let mut s = ROOT;
            for &b in pat.as_bytes() {
                // Leftmost-first: once an earlier term is a prefix of this one, that term
                // always wins at the same start, so this one can never match.
                if a.state(s).pattern != NONE {
                    continue 'patterns;
                }
                s = match a.child(s, b) {
                    Some(n) => n,
                    None => a.add_child(s, b)?,
                };
            }
            if let Some(st) = a.states.get_mut(s as usize)
                && st.pattern == NONE
            {
                st.pattern = pid;
            }
        }
        // Failure links, breadth first. A state where a term ends fails to DEAD: after a
        // match, the search only goes on to extend it, never to start a later one. The
        // queue is a vector read from the front (every state enters it once), and the
        // edges are read from their lists in place: this runs on every call, for the
        // automaton of the report's own values.
        let mut queue: Vec<u32> = Vec::with_capacity(a.states.len());
        let mut e = a.state(ROOT).first;
        while let Some(edge) = a.edge(e) {
            let fail = if a.state(edge.next).pattern == NONE {
                ROOT
            } else {
                DEAD
            };
            a.set(edge.next, |st| st.fail = fail);
            queue.push(edge.next);
            e = edge.sibling;
        }
        let mut head = 0;
        while let Some(&id) = queue.get(head) {
            head += 1;
            let mut e = a.state(id).first;
            while let Some(Edge {
                byte,
                next,
                sibling,
            }) = a.edge(e)
            {
                e = sibling;
                queue.push(next);
                if a.state(next).pattern != NONE {
                    a.set(next, |st| st.fail = DEAD);
                    continue;
                }
                let mut f = a.state(id).fail;
                let target = loop {
                    if f == DEAD {
                        break DEAD;
                    }
                    if let Some(n) = a.child(f, byte) {
                        break n;
                    }
                    if f == ROOT {
                        break ROOT;
                    }
                    f = a.state(f).fail;
                };
                let inherited = a.state(target).pattern;
                a.set(next, |st| {
                    st.fail = target;
                    st.pattern = inherited;
                });
            }
        }
        Ok(a)
    }

    /// The edge numbered `e` (index + 1; 0 = none).
    fn edge(&self, e: u32) -> Option<Edge> {
        e.checked_sub(1)
            .and_then(|i| self.edges.get(i as usize))
            .copied()
    }

    fn state(&self, s: u32) -> State {
        self.states.get(s as usize).copied().unwrap_or(State {
            first: 0,
            fail: DEAD,
            pattern: NONE,
        })
    }

    fn set(&mut self, s: u32, f: impl FnOnce(&mut State)) {
        if let Some(st) = self.states.get_mut(s as usize) {
            f(st);
        }
    }

    /// The transitions out of `s`, into `out` (cleared first: one buffer serves every state,
    /// as the automaton of a report's values is built on every call).
    fn children(&self, s: u32, out: &mut Vec<(u8, u32)>) {
        out.clear();
        let mut e = self.state(s).first;
        while let Some(edge) = e.checked_sub(1).and_then(|i| self.edges.get(i as usize)) {
            out.push((edge.byte, edge.next));
            e = edge.sibling;
        }
    }

    fn child(&self, s: u32, byte: u8) -> Option<u32> {
        if s == ROOT {
            return self
                .root
                .get(usize::from(byte))
                .copied()
                .filter(|&n| n != 0);
        }
        let mut e = self.state(s).first;
        while let Some(edge) = e.checked_sub(1).and_then(|i| self.edges.get(i as usize)) {
            if edge.byte == byte {
                return Some(edge.next);
            }
            e = edge.sibling;
        }
        None
    }

    fn add_child(&mut self, s: u32, byte: u8) -> Result<u32, Error> {
        let next = u32::try_from(self.states.len()).map_err(|_| too_large())?;
        let edge = u32::try_from(self.edges.len() + 1).map_err(|_| too_large())?;
        self.states.push(State {
            first: 0,
            fail: DEAD,
            pattern: NONE,
        });
        let sibling = self.state(s).first;
        self.edges.push(Edge {
            byte,
            next,
            sibling,
        });
        self.set(s, |st| st.first = edge);
        if s == ROOT
            && let Some(slot) = self.root.get_mut(usize::from(byte))
        {
            *slot = next;
        }
        Ok(next)
    }
}

impl DenyMatcher {
    /// Compiles the terms (longest first, so `John Smith` wins over `John`).
    pub fn new(list: &[DenyTerm]) -> Result<Self, Error> {
        check_limits(list.iter().map(|t| t.term.as_str()))?;
        let mut terms: Vec<(String, Entity)> = list
            .iter()
            .map(|t| (t.term.trim().to_string(), t.entity))
            .collect();
        if terms.iter().any(|(t, _)| t.is_empty()) {
            return Err(Error::new(
                ErrorCode::InvalidArgument,
                "expected non-empty deny-list terms",
            ));
        }
        crate::sort::sort_by(&mut terms, |a, b| {
            b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0))
        });
        let folded: Vec<String> = terms.iter().map(|(t, _)| fold_term(t, false)).collect();
        Ok(DenyMatcher {
            ac: Automaton::new(&folded)?,
            entities: terms.into_iter().map(|(_, e)| e).collect(),
        })
    }

    /// Appends a finding for every whole-word occurrence of a term (non-overlapping,
    /// leftmost, the longest whole-word term at a start).
    pub fn find(&self, text: &str, out: &mut Vec<Finding>) {
        let folded = Folded::new(text, false);
        let reason: Arc<str> = Arc::from("deny_list");
        let mut pos = 0;
        while let Some((pid, start, end, folded_end)) =
            self.ac
                .find_whole_word(&folded, None, text, pos, &|_| None, &|_, _| true)
        {
            pos = folded_end.max(pos + 1);
            let Some(&entity) = self.entities.get(pid) else {
                continue;
            };
            if !super::span_ok(text, start, end) {
                continue;
            }
            out.push(Finding {
                entity,
                start,
                end,
                score: 1.0,
                recognizer: "deny_list",
                reason: Arc::clone(&reason),
            });
        }
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing, clippy::unwrap_used)]
mod tests {
    use super::*;

    fn deny(terms: &[&str]) -> DenyMatcher {
        let list: Vec<DenyTerm> = terms
            .iter()
            .map(|t| DenyTerm {
                term: (*t).to_owned(),
                entity: Entity::Person,
            })
            .collect();
        DenyMatcher::new(&list).unwrap()
    }

    fn spans(m: &DenyMatcher, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        m.find(text, &mut out);
        out.iter()
            .map(|f| text[f.start..f.end].to_owned())
            .collect()
    }

    #[test]
    fn simple_case_folding_classes() {
        // Each group is one class of Unicode simple case folding (as regex-syntax has it).
        for group in [
            "kK\u{212A}",
            "sS\u{17F}",
            "ß\u{1E9E}",
            "σΣς",
            "θΘϑϴ",
            "ǆǅǄ",
            "\u{390}\u{1FD3}",
            "\u{FB05}\u{FB06}",
            "öÖ",
        ] {
            let f: Vec<char> = group.chars().map(fold_char).collect();
            assert!(f.iter().all(|&c| c == f[0]), "{group}: {f:?}");
        }
        // Not folded together: dotless ı and i, ß and ss, dotted İ and i.
        assert_ne!(fold_char('ı'), fold_char('i'));
        assert_ne!(fold_char('İ'), fold_char('i'));
        assert_eq!(fold_term("Straße", false), "straße");
    }

    #[test]
    fn offsets_map_back_across_length_changes() {
        // The Kelvin sign is 3 bytes, its fold `k` one; whitespace runs collapse.
        let text = "a \u{212A}arl \t\n Müller x";
        let f = Folded::new(text, true);
        assert_eq!(f.text, "a karl müller x".as_bytes());
        let at = "a karl müller x".find("müller").unwrap();
        assert_eq!(
            &text[f.original(at)..f.original(at + "müller".len())],
            "Müller"
        );
        assert_eq!(f.original(f.text.len()), text.len());
        assert_eq!(f.original(0), 0);
    }

    /// The folding as first written (one `char` at a time, `fold_char` for each): the
    /// reference the fast paths and the memo must reproduce exactly.
    fn fold_reference(text: &str, collapse_space: bool) -> (String, Vec<(usize, usize)>) {
        let mut out = String::new();
        let mut breaks = vec![(0, 0)];
        let mut i = 0;
        while let Some(c) = text[i..].chars().next() {
            let mut end = i + c.len_utf8();
            let lone_space = c == ' '
                && text[end..]
                    .chars()
                    .next()
                    .is_none_or(|n| !n.is_whitespace());
            if collapse_space && c.is_whitespace() && !lone_space {
                while let Some(d) = text[end..].chars().next().filter(|d| d.is_whitespace()) {
                    end += d.len_utf8();
                }
                out.push(' ');
            } else {
                out.push(fold_char(c));
            }
            let (f, o) = *breaks.last().unwrap();
            if out.len() - f != end - o {
                breaks.push((out.len(), end));
            }
            i = end;
        }
        (out, breaks)
    }

    /// xorshift64: deterministic test input.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }
    }

    #[test]
    fn the_ascii_fold_of_a_term_is_the_fold_by_characters() {
        for t in [
            "",
            "Anna",
            "  Jörg ",
            "A  B\t\n c ",
            "x\x0b\x0cY\r",
            "IBAN DE89",
            " ",
            "a\u{85}b",
        ] {
            for collapse in [false, true] {
                assert_eq!(
                    fold_term(t, collapse),
                    fold_term_chars(t, collapse),
                    "{t:?}"
                );
            }
        }
        let mut next = crate::detect::lcg(77);
        for _ in 0..2000 {
            const BYTES: &[u8] = b" \t\n\x0b\x0c\rAbZz09-.@";
            let t: String = (0..next(12))
                .map(|_| char::from(BYTES[next(BYTES.len())]))
                .collect();
            for collapse in [false, true] {
                assert_eq!(
                    fold_term(&t, collapse),
                    fold_term_chars(&t, collapse),
                    "{t:?}"
                );
            }
        }
    }

    #[test]
    fn spaces_are_the_bytes_is_space_accepts() {
        let all: Vec<u8> = (0..=255u8).filter(|&b| is_space(b)).collect();
        assert_eq!(all, SPACES);
    }

    #[test]
    fn a_term_starting_with_white_space_is_noted() {
        let terms = |t: &[&str]| t.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert!(
            Automaton::new(&terms(&["abc", "\tx"]))
                .unwrap()
                .space_starts
        );
        assert!(
            !Automaton::new(&terms(&["abc", "x\t"]))
                .unwrap()
                .space_starts
        );
    }

    #[test]
    fn pair_words_are_every_word_of_the_pair_filter_with_a_bit() {
        // Terms of one byte set 256 bits (four words), longer ones one; some share a word.
        for t in [
            &["abc", "abd", "b", "zz", "\u{e9}t\u{e9}"][..],
            &["x"],
            &["hello", "world"],
        ] {
            let t: Vec<String> = t.iter().map(|s| (*s).to_owned()).collect();
            let a = Automaton::new(&t).unwrap();
            let all: Vec<(u16, u64)> = a
                .pairs
                .iter()
                .enumerate()
                .filter(|&(_, &w)| w != 0)
                .map(|(i, &w)| (u16::try_from(i).unwrap(), w))
                .collect();
            assert_eq!(a.pair_words, all, "{t:?}");
        }
    }

    #[test]
    fn word_starts_skip_letters_and_white_space() {
        // Word starts: not after an ASCII letter or digit, not on white space; across the
        // 64-byte words of the bit set too.
        let hay = format!("ab cd,e\u{e9}f\t {}x y", "z".repeat(70));
        let bits = word_starts(hay.as_bytes());
        let set: Vec<usize> = (0..hay.len())
            .filter(|&i| bits[i / 64] >> (i % 64) & 1 == 1)
            .collect();
        let expected: Vec<usize> = (0..hay.len())
            .filter(|&i| {
                let b = hay.as_bytes()[i];
                !is_space(b) && (i == 0 || !is_word(hay.as_bytes()[i - 1]))
            })
            .collect();
        assert_eq!(set, expected);
        assert!(set.contains(&(hay.len() - 1)));
    }

    #[test]
    fn fast_folding_is_the_reference_folding() {
        // Length-changing folds (Kelvin sign 3 → 1 byte, Ⱥ 2 → 3 bytes, ẞ 3 → 2), Unicode
        // and ASCII white space, a lone space before non-ASCII, and, among random code
        // points, more distinct characters than the memo has slots (collisions).
        let pieces = [
            "a",
            "Z",
            " ",
            "  ",
            "\t",
            "\n",
            " \n",
            "\u{a0}",
            "\u{85}",
            "\u{2028}",
            "\u{212A}",
            "Ⱥ",
            "ẞ",
            "ß",
            "ſ",
            "ı",
            "İ",
            "Σ",
            "ς",
            "é",
            "É",
            "ñ",
            "ł",
            "Ł",
            "😀",
            "e\u{301}",
            "-",
            "K",
            // ASCII prose, for the eight-bytes-at-a-time paths.
            "word",
            "Word ",
            "ab cd ",
            "0123456789",
            "x.y",
            "\u{1}",
        ];
        let mut rng = Rng(0x2545_F491_4F6C_DD1D);
        for round in 0..3300 {
            let mut text = String::new();
            // Short texts, then some longer than the 64-byte blocks of the word-start index.
            let pieces_max = if round < 3000 { 40 } else { 400 };
            for _ in 0..rng.next(pieces_max) {
                if rng.next(4) == 0 {
                    let c = char::from_u32(0x80 + rng.next(0x3000) as u32).unwrap_or('x');
                    text.push(c);
                } else {
                    text.push_str(pieces[rng.next(pieces.len())]);
                }
            }
            for collapse in [false, true] {
                let fast = Folded::unpadded(&text, collapse);
                let (slow, breaks) = fold_reference(&text, collapse);
                assert_eq!(fast.text, slow.as_bytes(), "{text:?}");
                assert_eq!(fold_term(&text, collapse), slow, "{text:?}");
                assert_eq!(fast.breaks, breaks, "{text:?}");
                folded_offsets_invert_original(&text, &fast);
                assert_eq!(fast.starts, word_starts_reference(&fast.text), "{text:?}");
                // In place: the same folding with every offset kept, or, where a fold is
                // longer or ASCII, the copy above.
                let padded = Folded::new(&text, collapse);
                let in_place = text.chars().all(|c| {
                    let f = fold_char(c);
                    c.is_ascii() || f == c || (f.len_utf8() <= c.len_utf8() && !f.is_ascii())
                });
                if in_place {
                    assert_eq!(padded.text.len(), text.len(), "{text:?}");
                    let stripped: Vec<u8> = padded
                        .text
                        .iter()
                        .copied()
                        .filter(|&b| b != FILLER)
                        .collect();
                    assert_eq!(stripped, slow.as_bytes(), "{text:?}");
                    assert_eq!(padded.breaks, [(0, 0)], "{text:?}");
                    // Each character of the text and each run of white space begins where
                    // it did, its padding after it.
                    for (i, c) in text.char_indices() {
                        let at = padded.text[i];
                        if c.is_whitespace() && collapse {
                            let first = i == 0 || !text[..i].ends_with(char::is_whitespace);
                            assert_eq!(at == b' ', first, "{text:?} {i}");
                        } else {
                            assert_ne!(at, FILLER, "{text:?} {i}");
                        }
                    }
                    assert_eq!(
                        padded.starts,
                        word_starts_reference(&padded.text),
                        "{text:?}"
                    );
                } else {
                    assert_eq!(padded.text, fast.text, "{text:?}");
                    assert_eq!(padded.breaks, fast.breaks, "{text:?}");
                }
                for k in 0..text.len() {
                    let rest = &text.as_bytes()[k..];
                    assert_eq!(
                        fold_run(rest, collapse, None),
                        fold_run_reference(rest, collapse),
                        "{text:?} {k}"
                    );
                }
            }
        }
    }

    /// [`word_starts`] byte by byte.
    fn word_starts_reference(hay: &[u8]) -> Vec<u64> {
        let mut bits = vec![0u64; hay.len().div_ceil(64)];
        for (i, &b) in hay.iter().enumerate() {
            if !is_space(b) && (i == 0 || !is_word(hay[i - 1])) {
                bits[i / 64] |= 1 << (i % 64);
            }
        }
        bits
    }

    /// [`fold_run`] without pairs, byte by byte.
    fn fold_run_reference(rest: &[u8], collapse: bool) -> usize {
        let mut k = 0;
        while let Some(&b) = rest.get(k) {
            let lone = b == b' '
                && rest
                    .get(k + 1)
                    .is_some_and(|&n| n.is_ascii() && !is_space(n));
            if !b.is_ascii() || (collapse && is_space(b) && !lone) {
                break;
            }
            k += 1;
        }
        k
    }

    /// `folded_offset` answers exactly where a folded character boundary maps to `at`, and
    /// `None` only inside a chunk whose length changed.
    fn folded_offsets_invert_original(text: &str, f: &Folded) {
        let folded = std::str::from_utf8(&f.text).unwrap();
        let exact: Vec<(usize, usize)> = (0..=f.text.len())
            .filter(|&x| folded.is_char_boundary(x))
            .map(|x| (f.original(x), x))
            .collect();
        for at in (0..=text.len()).filter(|&a| text.is_char_boundary(a)) {
            match f.folded_offset(at) {
                Some(x) => assert!(exact.contains(&(at, x)), "{text:?} {at} -> {x}"),
                None => {
                    // Inside a changed chunk: strictly between its start and its end.
                    let k = f.breaks.partition_point(|b| b.1 <= at);
                    assert!(
                        k < f.breaks.len() && f.chunk_starts[k] < at,
                        "{text:?} {at}"
                    );
                }
            }
        }
    }

    #[test]
    fn deny_terms_match_folded_whole_words() {
        let m = deny(&["Jörg", "John Smith", "John"]);
        assert_eq!(
            spans(&m, "JÖRG met JOHN SMITH, john and Johnny"),
            ["JÖRG", "JOHN SMITH", "john"]
        );
        // A literal space in a deny term matches a space only.
        assert_eq!(spans(&m, "John  Smith"), ["John"]);
        // Where the longer term is no whole word, the shorter one at the same start is.
        assert_eq!(spans(&m, "John Smithson"), ["John"]);
        // Metacharacters are plain characters.
        let m = deny(&["a.b", "(x)"]);
        assert_eq!(spans(&m, "axb a.b (x)"), ["a.b", "(x)"]);
        // The Kelvin sign before a term shifts every later offset by two bytes.
        let m = deny(&["karl"]);
        assert_eq!(
            spans(&m, "\u{212A}ARL \u{212A}arl"),
            ["\u{212A}ARL", "\u{212A}arl"]
        );
    }

    #[test]
    fn the_latin_table_is_fold_char() {
        let mut memo = FoldMemo::new();
        for u in 0x80..LATIN_END + 16 {
            if let Some(c) = char::from_u32(u) {
                assert_eq!(memo.fold(c), fold_char(c), "U+{u:04X}");
            }
        }
    }

    #[test]
    fn break_index_is_the_binary_search_from_any_hint() {
        // Runs of white space that fold to one space and characters whose folding changes
        // their length make breaks, several of them close together and some far apart.
        let text = format!(
            "{}c{}  d\u{212A} e  \n f{}\u{212A}",
            "a  b\u{212A}\u{212A} ".repeat(8),
            "x".repeat(30),
            " y".repeat(20)
        );
        let f = Folded::new(&text, true);
        assert!(f.breaks.len() > 20, "{:?}", f.breaks);
        for at in 0..=text.len() + 2 {
            let want = f.breaks.partition_point(|b| b.1 <= at);
            for hint in 0..=f.breaks.len() + 2 {
                assert_eq!(f.break_index(at, hint), want, "at {at} hint {hint}");
            }
        }
    }

    #[test]
    fn starts_outside_clears_exactly_the_ranges() {
        // 200 bytes of one-letter words: a start every other byte, across several words.
        let text = "a ".repeat(100);
        let f = Folded::new(&text, true);
        let ranges = [(2, 9), (60, 140), (198, 200)];
        let bits = f.starts_outside(&ranges);
        for p in 0..text.len() {
            let set = bits[p / 64] & (1 << (p % 64)) != 0;
            let inside = ranges.iter().any(|&(a, b)| (a..b).contains(&p));
            assert_eq!(set, p % 2 == 0 && !inside, "{p}");
        }
        // Unpadded, a range ending inside a run of white space that folds to one space has
        // no exact folded end: it is left in. Padded, every offset is exact.
        let text = "a  \n  b c";
        let f = Folded::unpadded(text, true);
        assert_eq!(f.folded_offset(4), None);
        assert_eq!(f.starts_outside(&[(0, 4)]), f.starts);
        let f = Folded::new(text, true);
        assert_eq!(f.folded_offset(4), Some(4));
        assert_eq!(f.starts_outside(&[(0, 4)])[0], f.starts[0] & !0b1111);
    }

    #[test]
    fn automaton_finds_what_a_naive_leftmost_first_search_finds() {
        // Random lists over a small alphabet (prefixes, repeats, equal terms at different
        // places of the list, empty terms) against every start of random texts: the match
        // with the leftmost start, and there the earliest-listed term that matches.
        let mut next = crate::detect::lcg(0xAC);
        let word = |next: &mut dyn FnMut(usize) -> usize, max: usize| -> String {
            (0..next(max + 1))
                .map(|_| char::from(b"abc"[next(3)]))
                .collect()
        };
        for round in 0..3000 {
            let pats: Vec<String> = (0..1 + next(1 + round % 12))
                .map(|_| word(&mut next, 4))
                .collect();
            let a = Automaton::new(&pats).unwrap();
            let hay = word(&mut next, 24);
            let hay = hay.as_bytes();
            for from in 0..=hay.len() {
                let naive = (from..hay.len()).find_map(|start| {
                    pats.iter().enumerate().find_map(|(i, p)| {
                        (!p.is_empty()
                            && hay
                                .get(start..)
                                .is_some_and(|h| h.starts_with(p.as_bytes())))
                        .then(|| (i, start, start + p.len()))
                    })
                });
                assert_eq!(
                    a.find(hay, from, false, None),
                    naive,
                    "{pats:?} {hay:?} {from}"
                );
            }
        }
    }

    #[test]
    fn automaton_is_leftmost_first() {
        let a = |pats: &[&str]| {
            let pats: Vec<String> = pats.iter().map(|p| (*p).to_owned()).collect();
            Automaton::new(&pats).unwrap()
        };
        // Leftmost wins over longer; a one-byte match is not overtaken by a later one.
        assert_eq!(
            a(&["a", "bcd"]).find(b"xa bcd", 0, false, None),
            Some((0, 1, 2))
        );
        assert_eq!(
            a(&["abcd", "bc"]).find(b"abcx", 0, false, None),
            Some((1, 1, 3))
        );
        assert_eq!(
            a(&["abcd", "b"]).find(b"abcd", 0, false, None),
            Some((0, 0, 4))
        );
        // At one start the earlier term wins, even if shorter; a term with an earlier
        // term as prefix never matches.
        assert_eq!(
            a(&["ab", "abc"]).find(b"abc", 0, false, None),
            Some((0, 0, 2))
        );
        assert_eq!(
            a(&["abc", "ab"]).find(b"abc", 0, false, None),
            Some((0, 0, 3))
        );
        assert_eq!(
            a(&["abc", "ab"]).find(b"abx", 0, false, None),
            Some((1, 0, 2))
        );
        // `from` is honoured; empty terms and empty haystacks find nothing.
        assert_eq!(a(&["ab"]).find(b"ab ab", 1, false, None), Some((0, 3, 5)));
        assert_eq!(a(&["", "x"]).find(b"ax", 0, false, None), Some((1, 1, 2)));
        assert_eq!(a(&["x"]).find(b"", 0, false, None), None);
        assert_eq!(a(&["x"]).find(b"x", 5, false, None), None);
    }
}
