//! Same value, same treatment: other occurrences of a value already found in a text.
//!
//! Detection judges each place on its own evidence, so a name found after "Zeuge" can be
//! missed three lines later where no cue stands before it, and the redacted report would
//! still name the witness. Every candidate's value (and, for names, each of its capitalised
//! words of four letters or more: "Herr Baumann" then "Baumann sagte") is searched for again
//! in the whole text, case-insensitively at word boundaries (one Aho-Corasick pass), and each
//! other occurrence becomes a candidate of the same entity type and score, so the policy
//! decides it exactly as it decided the original.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::BTreeMap;

use crate::decide::terms::TermSet;
use crate::detect::Entity;
use crate::detect::recur::recurring;
use crate::detect::terms::{Folded, fold_term};

/// Most distinct values searched for again in one text. Beyond it the remaining values are
/// not propagated (detection and the fail-closed re-scan still apply to them): this is a
/// recall aid on top of detection, and its automaton must stay small for any input.
pub const MAX_VALUES: usize = 10_000;
/// Longest value searched for again, in bytes (identifiers and names are far shorter).
const MAX_VALUE_BYTES: usize = 128;
/// Shortest value searched for again, in characters: shorter tokens recur by chance.
const MIN_VALUE_CHARS: usize = 4;

/// Slots of the recently-met values in [`propagate`].
const RECENT: usize = 64;

/// FNV-1a of `bytes`.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The slot of `value` among the recently-met values.
fn recent_slot(value: &str) -> usize {
    (fnv(value.as_bytes()) >> 32) as usize % RECENT
}

/// Keys a [`SmallMap`] scans before it indexes them in its table.
const SMALL: usize = 64;
/// Slots a look-up in a [`SmallMap`]'s table reads before it asks the tree. Linear probing's
/// longest runs grow with the table: with 16, 44 of 90,000 phone numbers found no slot in a
/// table a third full, and every look-up then asked the tree too.
const PROBES: usize = 64;

/// A map scanned while it holds few keys, and beyond that a table indexed by the caller's
/// hash (of the key's content), open-addressed and at most half full: a report has a dozen
/// values, a case file or an export tens of thousands. The table replaced a tree, whose
/// look-ups visited nodes spread through memory: on 10 MB of report text with tens of
/// thousands of distinct values, the tree's look-ups, inserts and drop were two thirds of
/// [`strongest`] (~9 % of `analyze` in wasm). A key whose run of [`PROBES`] slots is full
/// goes to a tree instead, so hashes that collide (the hash is not keyed, and a crafted
/// text can make many collide in the table's bits) cost a look-up at most [`PROBES`] slots
/// and a logarithmic search, never a walk of the table.
struct SmallMap<K, V> {
    /// The keys scanned, then those of the table: `(hash, key, value)`.
    entries: Vec<(u64, K, V)>,
    /// Empty while the keys are scanned; then a power of two of slots, each 0 or the index
    /// of a key in `entries` plus one.
    slots: Vec<u32>,
    /// The keys that found no free slot in their run (each key is in one place).
    tree: BTreeMap<(u64, K), V>,
    /// Slots of the first table: enough for the most keys the caller expects, so that the
    /// table is not rebuilt as it fills (on 10 MB of varied report text, 91,613 values of
    /// which most are distinct, the rebuilds were a fifth of [`strongest`]).
    first: usize,
}

/// Most slots a [`SmallMap`] starts its table with (4 MB); beyond, it grows as it fills.
const MAX_FIRST_SLOTS: usize = 1 << 20;

impl<K, V> SmallMap<K, V> {
    /// An empty map for at most `keys` keys (more may come, at the cost of a rebuild).
    fn expecting(keys: usize) -> Self {
        SmallMap {
            entries: Vec::new(),
            slots: Vec::new(),
            tree: BTreeMap::new(),
            first: (2 * keys)
                .checked_next_power_of_two()
                .unwrap_or(MAX_FIRST_SLOTS)
                .clamp(4 * SMALL, MAX_FIRST_SLOTS),
        }
    }
}

/// The first slot of a key's run: the hash's high bits, mixed (FNV-1a's low bits are weak).
fn home(hash: u64, mask: usize) -> usize {
    (hash.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize & mask
}

impl<K: Ord, V: Copy> SmallMap<K, V> {
    /// The value of `key` (whose hash is `hash`), and `false`; or, if `key` was not there,
    /// `value`, now its value, and `true`.
    fn get_or_insert(&mut self, hash: u64, key: K, value: V) -> (V, bool) {
        if self.slots.is_empty() {
            if let Some((_, _, v)) = self
                .entries
                .iter()
                .find(|(h, k, _)| *h == hash && *k == key)
            {
                return (*v, false);
            }
            if self.entries.len() < SMALL {
                self.entries.push((hash, key, value));
                return (value, true);
            }
            self.index(self.first);
        }
        // The key's run in the table, up to its first free slot.
        let mask = self.slots.len() - 1;
        let mut at = home(hash, mask);
        let mut free = None;
        for _ in 0..PROBES {
            match self.slots.get(at).copied() {
                None => break,
                Some(0) => {
                    free = Some(at);
                    break;
                }
                Some(n) => {
                    if let Some((h, k, v)) = self.entries.get(n as usize - 1)
                        && *h == hash
                        && *k == key
                    {
                        return (*v, false);
                    }
                }
            }
            at = (at + 1) & mask;
        }
        let hk = (hash, key);
        if !self.tree.is_empty()
            && let Some(v) = self.tree.get(&hk)
        {
            return (*v, false);
        }
        let (Some(free), Ok(n)) = (free, u32::try_from(self.entries.len() + 1)) else {
            self.tree.insert(hk, value);
            return (value, true);
        };
        if let Some(slot) = self.slots.get_mut(free) {
            *slot = n;
        }
        let (hash, key) = hk;
        self.entries.push((hash, key, value));
        if 2 * self.entries.len() > self.slots.len() {
            self.index(2 * self.slots.len());
        }
        (value, true)
    }

    /// Indexes the keys of `entries` in a table of `slots` slots (a power of two); a key
    /// whose run is full moves to the tree.
    fn index(&mut self, slots: usize) {
        self.slots = vec![0; slots];
        let mask = slots - 1;
        let old = core::mem::take(&mut self.entries);
        self.entries.reserve(old.len());
        for (hash, key, value) in old {
            let mut at = home(hash, mask);
            let free = (0..PROBES).find_map(|_| {
                let here = at;
                at = (at + 1) & mask;
                (self.slots.get(here) == Some(&0)).then_some(here)
            });
            match (free, u32::try_from(self.entries.len() + 1)) {
                (Some(free), Ok(n)) => {
                    if let Some(slot) = self.slots.get_mut(free) {
                        *slot = n;
                    }
                    self.entries.push((hash, key, value));
                }
                _ => {
                    self.tree.insert((hash, key), value);
                }
            }
        }
    }
}

/// A value found once: where, what, how sure.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Seed {
    pub start: usize,
    pub end: usize,
    pub entity: Entity,
    pub score: f32,
}

/// The distinct values of some seeds, each with the seed that decides it, strongest first
/// (see [`strongest`]).
pub(crate) type Values<'t, 's> = Vec<(&'t str, &'s Seed)>;

/// Other whole-word occurrences of the seeds' values that no seed covers, with the
/// entity and score of the (first, strongest) seed they repeat.
/// `folded`: `Folded::new(text, true)` once made; made here if needed and not yet made.
#[cfg(test)]
pub(crate) fn propagate(text: &str, folded: &OnceCell<Folded>, seeds: &[Seed]) -> Vec<Seed> {
    propagate_with(text, folded, seeds, strongest(text, seeds).0, true)
}

/// [`propagate`] with the seeds' values already read: `values` is `strongest(text, seeds).0`.
pub(crate) fn propagate_values<'t>(
    text: &'t str,
    folded: &OnceCell<Folded>,
    seeds: &[Seed],
    values: Values<'t, '_>,
) -> Vec<Seed> {
    propagate_with(text, folded, seeds, values, true)
}

/// How many seeds [`strongest`] reads ahead at a time: detection has left a large text out
/// of the cache by now, and each seed's value read where it is worked on waited for memory on
/// its own (~145 ns, ~2 % of `analyze` in wasm on the 10 MB corpus). The first bytes of this
/// many, read in a short loop of their own, wait for memory together.
const TOUCH: usize = 64;

/// The distinct values of `seeds`, each once with the seed that decides it, in the order
/// [`propagate`] adds them: the strongest first. A value is its text and whether it is a
/// name's (a name and an identifier spelled alike are two values); of its seeds the one of
/// the highest score decides, and of equal scores the first in `seeds`.
///
/// What sorting the seeds by score and keeping each value's first would give (the tests
/// compare it with that). Read in that order, the seeds of a large text are read at random
/// places; here they are read in their own order (text order, as detection returns them)
/// and only the distinct values are sorted. `Redactor::analyze` of the 10 MB benchmark
/// corpus (31,662 seeds): 7 % fewer first-level data-cache misses (cachegrind), 0.1 % fewer
/// instructions.
/// Also whether some seed's span is not a piece of `text` (it has no value).
pub(crate) fn strongest<'t, 's>(
    text: &'t str,
    seeds: &'s [Seed],
) -> (Vec<(&'t str, &'s Seed)>, bool) {
    // Per distinct value, its deciding seed so far (an index into `seeds`).
    let mut chosen: Vec<(&'t str, usize)> = Vec::new();
    // Where each value is in `chosen`, by value.
    let mut met: SmallMap<(bool, &str), usize> = SmallMap::expecting(seeds.len());
    // The values met last, by a hash of their bytes: a report repeats few values many
    // times, and a hit here spares the tree's string comparisons.
    let mut recent: [Option<((bool, &str), usize)>; RECENT] = [None; RECENT];
    let key_of = |s: &Seed| crate::sort::descending(s.score);
    let mut unreadable = false;
    let bytes = text.as_bytes();
    let mut touched = 0u8;
    for (k, chunk) in seeds.chunks(TOUCH).enumerate() {
        // The first bytes of the chunk's values, read in a loop of their own before any is
        // worked on (see `TOUCH`); `black_box` below keeps the reads.
        for s in chunk {
            touched ^= bytes.get(s.start).copied().unwrap_or(0);
        }
        for (j, seed) in chunk.iter().enumerate() {
            let i = k * TOUCH + j;
            let Some(value) = text.get(seed.start..seed.end) else {
                unreadable = true;
                continue;
            };
            let key = (seed.entity == Entity::Person, value);
            let slot = recent.get_mut(recent_slot(value));
            let at = match slot.as_ref().and_then(|s| s.filter(|(k, _)| *k == key)) {
                Some((_, at)) => at,
                None => {
                    let hash = fnv(value.as_bytes()) ^ u64::from(key.0);
                    let (at, new) = met.get_or_insert(hash, key, chosen.len());
                    if new {
                        chosen.push((value, i));
                    }
                    if let Some(s) = slot {
                        *s = Some((key, at));
                    }
                    at
                }
            };
            // A stronger seed of the value decides it; of equal ones, the first.
            if let Some(c) = chosen.get_mut(at)
                && seeds.get(c.1).is_some_and(|s| key_of(seed) < key_of(s))
            {
                c.1 = i;
            }
        }
    }
    core::hint::black_box(touched);
    crate::sort::sort_by_key_then(
        &mut chosen,
        |&(_, i)| seeds.get(i).map_or(u64::MAX, key_of),
        |a, b| a.1.cmp(&b.1),
    );
    let values = chosen
        .into_iter()
        .filter_map(|(value, i)| Some((value, seeds.get(i)?)))
        .collect();
    (values, unreadable)
}

/// `value` without the characters that are not alphanumeric at its ends. Most values begin
/// and end with an ASCII letter or digit and are returned at once: the general trim, a
/// searcher over the characters at both ends, was two thirds of [`propagate_with`]'s own
/// time on a text of tens of thousands of distinct values.
fn trim_to_alphanumeric(value: &str) -> &str {
    let b = value.as_bytes();
    if b.first().is_some_and(u8::is_ascii_alphanumeric)
        && b.last().is_some_and(u8::is_ascii_alphanumeric)
    {
        return value;
    }
    value.trim_matches(|c: char| !c.is_alphanumeric())
}

/// Whether `value` has at least `n` characters: counted only when its length in bytes
/// leaves it open (a character has one to four bytes).
fn has_chars(value: &str, n: usize) -> bool {
    value.len() >= 4 * n || (value.len() >= n && value.chars().count() >= n)
}

/// [`propagate`], with or without the look for the values before the text is folded and the
/// automaton built (`precheck`; without it, the reference the tests compare with).
fn propagate_with<'t>(
    text: &'t str,
    folded: &OnceCell<Folded>,
    seeds: &[Seed],
    values: Values<'t, '_>,
    precheck: bool,
) -> Vec<Seed> {
    // The values added, lower-cased (borrowed when that changes nothing).
    let mut seen: SmallMap<Cow<'_, str>, ()> = SmallMap::expecting(values.len().min(MAX_VALUES));
    let mut terms: Vec<(&str, Option<Entity>)> = Vec::new();
    let mut scores: Vec<f32> = Vec::new();
    // Adds a value's term; `false` once no more may be added.
    let mut add = |value: &'t str, seed: &Seed| {
        if terms.len() >= MAX_VALUES {
            return false;
        }
        let value = trim_to_alphanumeric(value);
        if !has_chars(value, MIN_VALUE_CHARS) || value.len() > MAX_VALUE_BYTES {
            return true;
        }
        // A name of one word that is also a cue word ("Name", "Zeuge", "Herr") is not looked
        // for again: its other occurrences are the labels and role words themselves.
        if seed.entity == Entity::Person
            && !value.contains(char::is_whitespace)
            && crate::detect::is_cue_word(value)
        {
            return true;
        }
        let lower = if value
            .bytes()
            .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
        {
            Cow::Borrowed(value)
        } else {
            Cow::Owned(value.to_lowercase())
        };
        if seen.get_or_insert(fnv(lower.as_bytes()), lower, ()).1 {
            terms.push((value, Some(seed.entity)));
            scores.push(seed.score);
        }
        true
    };
    for (value, seed) in values {
        // Past the bound no value is added: the rest are not read (in score order, each
        // read of a value of a large text was a cache miss).
        if !add(value, seed) {
            break;
        }
        if seed.entity == Entity::Person {
            for word in value.split(|c: char| c.is_whitespace() || c == ',') {
                if word.chars().next().is_some_and(char::is_uppercase) {
                    add(word, seed);
                }
            }
        }
    }
    if terms.is_empty() {
        return Vec::new();
    }
    let mut covered: Vec<(usize, usize)> = seeds.iter().map(|s| (s.start, s.end)).collect();
    crate::sort::sort(&mut covered);
    let patterns: Vec<String> = terms.iter().map(|(t, _)| fold_term(t, true)).collect();
    // Where no value occurs at a word start outside the found places, nothing is to be
    // found: the text is not even folded, nor the automaton built (see `recurring`). Where
    // one does, nothing is found before it: the search starts there.
    let (first, spelled) = if precheck {
        match recurring(text, &covered, &patterns) {
            Some(r) => (r.first, r.spelled),
            None => return Vec::new(),
        }
    } else {
        (0, vec![true; patterns.len()])
    };
    // Only the values spelled at some start outside the covered places can be found (see
    // `recurring`): the automaton is built of those, and a match's index mapped back.
    let (kept, patterns): (Vec<usize>, Vec<String>) = patterns
        .into_iter()
        .enumerate()
        .filter(|&(i, _)| spelled.get(i) == Some(&true))
        .unzip();
    // The furthest end of the covered places up to each one (sorted by start).
    let reach: Vec<usize> = covered
        .iter()
        .scan(0, |m, c| {
            *m = c.1.max(*m);
            Some(*m)
        })
        .collect();
    // Whether `start..end` overlaps a covered place: the furthest end of the places that
    // start before `end`, if it lies past `start`. One binary search per question. For
    // `start..start + 1` those places start at or before `start`, so every offset from
    // `start` to that end lies inside one of them.
    let overlap_end = |start: usize, end: usize| {
        let i = covered.partition_point(|c| c.0 < end);
        let furthest = *reach.get(i.checked_sub(1)?)?;
        (furthest > start).then_some(furthest)
    };
    // A match starting inside a covered place overlaps it, whatever its end: no match may
    // start before that place ends.
    let refused = |start: usize| overlap_end(start, start + 1);
    // Places detection covered are refused inside the search rather than dropped after it:
    // a dropped match would hide a repeat that starts inside it ("Ingrid ingrid" matching a
    // seed "Ingrid  Ingrid" where only the first word is a seed).
    let folded = folded.get_or_init(|| Folded::new(text, true));
    // The search does not even try the word starts inside covered places (`refused` would
    // turn down whatever it found there): in a report most repeats are findings already.
    let mut starts = folded.starts_outside(&covered);
    if let Some(from) = folded.folded_offset(first) {
        // The word starts before the first value's: full words cleared, then the bits below
        // it in its word.
        let (full, bit) = (from / 64, from % 64);
        if let Some(words) = starts.get_mut(..full) {
            words.fill(0);
        }
        if let Some(w) = starts.get_mut(full) {
            *w &= u64::MAX << bit;
        }
    }
    let entities = kept
        .iter()
        .map(|&i| terms.get(i).and_then(|t| t.1))
        .collect();
    let Ok(set) = TermSet::from_folded(patterns, entities) else {
        return Vec::new();
    };
    set.find_indexed_folded_accepting(text, folded, Some(&starts), &refused, &|start, end| {
        overlap_end(start, end).is_none()
    })
    .into_iter()
    .filter_map(|(start, end, index)| {
        let index = *kept.get(index)?;
        let entity = terms.get(index)?.1?;
        Some(Seed {
            start,
            end,
            entity,
            score: *scores.get(index)?,
        })
    })
    .collect()
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    fn seed(text: &str, value: &str, entity: Entity) -> Seed {
        let start = text.find(value).unwrap();
        Seed {
            start,
            end: start + value.len(),
            entity,
            score: 0.9,
        }
    }

    #[test]
    fn nothing_starts_inside_nested_covered_places() {
        // A long seed holding a short one: the repeats inside both are refused, the one after
        // them is found.
        let text = "Baumann Baumann Baumann";
        let seeds = [
            Seed {
                start: 0,
                end: 15,
                entity: Entity::Person,
                score: 0.9,
            },
            Seed {
                start: 8,
                end: 15,
                entity: Entity::Person,
                score: 0.9,
            },
        ];
        let found = propagate(text, &OnceCell::new(), &seeds);
        let spans: Vec<(usize, usize)> = found.iter().map(|s| (s.start, s.end)).collect();
        assert_eq!(spans, [(16, 23)]);
    }

    #[test]
    fn repeats_of_a_name_and_its_surname_are_found() {
        let text = "Zeuge Jörg Baumann sagte aus. Später rief BAUMANN an; jörg baumann kam nicht.";
        let found = propagate(
            text,
            &OnceCell::new(),
            &[seed(text, "Jörg Baumann", Entity::Person)],
        );
        let values: Vec<&str> = found.iter().map(|s| &text[s.start..s.end]).collect();
        assert_eq!(values, ["BAUMANN", "jörg baumann"]);
        assert!(
            found
                .iter()
                .all(|s| s.entity == Entity::Person && s.score == 0.9)
        );
    }

    #[test]
    fn only_whole_words_and_never_inside_a_seed() {
        let text = "Anna Kowalski, Kowalskiego Straße, Kowalski";
        let found = propagate(
            text,
            &OnceCell::new(),
            &[seed(text, "Anna Kowalski", Entity::Person)],
        );
        let values: Vec<&str> = found.iter().map(|s| &text[s.start..s.end]).collect();
        assert_eq!(values, ["Kowalski"]);
        assert_eq!(found[0].start, text.rfind("Kowalski").unwrap());
    }

    #[test]
    fn short_values_are_not_propagated() {
        let text = "Max met Ali; Ali left. Max stayed.";
        assert!(propagate(text, &OnceCell::new(), &[seed(text, "Ali", Entity::Person)]).is_empty());
    }

    #[test]
    fn a_value_prefixed_by_another_value_is_still_propagated() {
        // Fuzz finding (fuzz/regressions/redact_text/crash-274f0b8e…): "123ME" was listed
        // before "123MEI 3" and hid it at the later occurrence.
        let text = "immatricul -123ME x -123MEI 3 y I-123MEI 3.";
        let a = seed(text, "123ME", Entity::LicensePlate);
        let start = text.find("123MEI 3").unwrap();
        let b = Seed {
            start,
            end: start + 8,
            entity: Entity::LicensePlate,
            score: 0.9,
        };
        let found = propagate(text, &OnceCell::new(), &[a, b]);
        let values: Vec<&str> = found.iter().map(|s| &text[s.start..s.end]).collect();
        assert_eq!(values, ["123MEI 3"]);
        assert_eq!(found[0].start, text.rfind("123MEI 3").unwrap());
    }

    #[test]
    fn a_repeat_next_to_a_seed_is_found_inside_a_longer_refused_match() {
        // Fuzz finding (fuzz/regressions/redact_text/crash-fa0e7982…): the seed value
        // "Ingrid  Ingrid" also matched "Ingrid ingrid" across the seed "Ingrid"; dropping that
        // match skipped the lower-case repeat right after the seed.
        let text = "nt Ingrid ingrid x. Ingrid  Ingrid y.";
        let first = seed(text, "Ingrid", Entity::Person);
        let start = text.find("Ingrid  Ingrid").unwrap();
        let pair = Seed {
            start,
            end: start + "Ingrid  Ingrid".len(),
            entity: Entity::Person,
            score: 0.9,
        };
        let found = propagate(text, &OnceCell::new(), &[first, pair]);
        let values: Vec<(usize, &str)> = found
            .iter()
            .map(|s| (s.start, &text[s.start..s.end]))
            .collect();
        assert_eq!(values, [(10, "ingrid")]);
    }

    #[test]
    fn the_look_before_the_build_changes_no_result() {
        // Values and their near-repeats: case and white-space variants, prefixes of one
        // another, glued to letters, folds of other lengths (the Kelvin sign, `ẞ`, `İ`: an
        // unpadded folded text), padded runs of white space, words beyond ASCII.
        const PIECES: &[&str] = &[
            "Jörg Baumann",
            "jörg  baumann",
            "BAUMANN",
            "Baumanns",
            "xBaumann",
            "Anna",
            "anna.schmidt@example.de",
            "ANNA.SCHMIDT@EXAMPLE.DE",
            "DE89 3704 0044 0532 0130 00",
            "de89\t3704 0044 0532 0130 00",
            "123ME",
            "123MEI 3",
            "\u{212A}owalski",
            "Kowalski",
            "Straße",
            "STRAẞE",
            "İnci",
            "inci",
            "the",
            "witness",
            "😀",
            "Müller",
            "MÜLLER",
            "Émile Zola",
            "ÉMILE  ZOLA",
            "émile\u{A0}zola",
            "Ørsted",
            "ørsted",
            "Jörg\u{A0}Baumann",
            "😀Anna",
            "O\u{212A}AY",
            "okay",
            "Li Wei",
            "LI  WEI",
            "li\twei",
            "J Baumann",
            "j\t baumann",
        ];
        const SEPS: &[&str] = &[" ", " ", "  ", ", ", ". ", "\n", "\n\n\t", "-", "/", ""];
        let mut next = crate::detect::lcg(0x5EED);
        let (mut skipped, mut found) = (0, 0);
        for round in 0..3000 {
            let mut text = String::new();
            let mut places = Vec::new();
            for _ in 0..(2 + round % 30) {
                let piece = PIECES[next(PIECES.len())];
                places.push((text.len(), text.len() + piece.len()));
                text.push_str(piece);
                text.push_str(SEPS[next(SEPS.len())]);
            }
            let mut seeds = Vec::new();
            for &(start, end) in &places {
                if next(3) == 0 {
                    let entity = [Entity::Person, Entity::Email, Entity::Iban][next(3)];
                    seeds.push(Seed {
                        start,
                        end,
                        entity,
                        score: [0.5, 0.9][next(2)],
                    });
                }
            }
            let folded = OnceCell::new();
            let spans = |v: Vec<Seed>| {
                v.into_iter()
                    .map(|s| (s.start, s.end, s.entity, s.score.to_bits()))
                    .collect::<Vec<_>>()
            };
            let values = || strongest(&text, &seeds).0;
            let with = spans(propagate_with(&text, &folded, &seeds, values(), true));
            let without = spans(propagate_with(&text, &folded, &seeds, values(), false));
            assert_eq!(with, without, "{text:?} {seeds:?}");
            if without.is_empty() {
                skipped += 1;
            } else {
                found += 1;
            }
        }
        assert!(skipped > 300 && found > 300, "{skipped} {found}");
    }

    #[test]
    fn values_past_the_bound_are_not_spread() {
        // MAX_VALUES + 50 distinct values, each written twice and found once: the first
        // MAX_VALUES (equal scores: in text order) are spread to their second writing, the
        // rest are not.
        let n = MAX_VALUES + 50;
        let mut text = String::new();
        let mut seeds = Vec::new();
        for i in 0..n {
            let start = text.len();
            text.push_str(&format!("val{i:05} "));
            seeds.push(Seed {
                start,
                end: start + 8,
                entity: Entity::Phone,
                score: 0.9,
            });
        }
        for i in 0..n {
            text.push_str(&format!("val{i:05} "));
        }
        let repeats = propagate(&text, &OnceCell::new(), &seeds);
        let spread: Vec<&str> = repeats.iter().map(|s| &text[s.start..s.end]).collect();
        let want: Vec<String> = (0..MAX_VALUES).map(|i| format!("val{i:05}")).collect();
        assert_eq!(spread, want);
        assert!(repeats.iter().all(|s| s.start >= 9 * n));
    }

    #[test]
    fn the_quick_trim_and_count_are_the_general_ones() {
        // Every string of up to four pieces: ASCII letters and digits, punctuation, white
        // space, letters and digits beyond ASCII of two to four bytes, a combining mark, an
        // emoji.
        const PIECES: &[&str] = &[
            "a", "Z", "7", ".", "-", " ", "é", "ß", "٣", "中", "\u{301}", "😀", "",
        ];
        let mut seen = 0;
        for a in PIECES {
            for b in PIECES {
                for c in PIECES {
                    for d in PIECES {
                        let v = format!("{a}{b}{c}{d}");
                        let trimmed = v.trim_matches(|c: char| !c.is_alphanumeric());
                        assert_eq!(trim_to_alphanumeric(&v), trimmed, "{v:?}");
                        for n in 0..6 {
                            assert_eq!(has_chars(&v, n), v.chars().count() >= n, "{v:?} {n}");
                        }
                        seen += 1;
                    }
                }
            }
        }
        assert_eq!(seen, PIECES.len().pow(4));
    }

    #[test]
    fn a_small_map_is_a_map_while_scanned_indexed_and_overflowing_to_its_tree() {
        // Repeats within the scanned part, across the change to the table, across each
        // growth of the table; hashes shared by different keys: a few (in one run), and a
        // crafted many (every key of one class hashing alike: their run fills, and the rest
        // go to the tree, also when the table grows and is indexed again). A map that
        // expects many keys starts with a table that holds them; one that expects fewer than
        // come grows it.
        for (crafted, expecting) in [
            (false, 0),
            (true, 0),
            (false, 5000),
            (true, 5000),
            (false, 700),
        ] {
            let mut small = SmallMap::expecting(expecting);
            let first = small.first;
            let mut reference = BTreeMap::new();
            let keys = (0..60)
                .map(|i| i % 30)
                .chain(0..3000)
                .chain(150..210)
                .chain(2900..3100)
                .chain((0..3100).rev());
            for (n, i) in keys.enumerate() {
                let key = format!("v{i}");
                let hash = match (crafted, i % 7) {
                    (false, 0) if i < 70 => 1,
                    (true, 0..=2) => 2,
                    _ => fnv(key.as_bytes()),
                };
                let new = !reference.contains_key(&key);
                let value = *reference.entry(key.clone()).or_insert(n);
                assert_eq!(small.get_or_insert(hash, key, n), (value, new), "{n}");
            }
            assert!(!small.slots.is_empty());
            assert!(2 * small.entries.len() <= small.slots.len());
            let want_first = match expecting {
                0 => 4 * SMALL,
                700 => 2048,
                _ => 16384,
            };
            assert_eq!(first, want_first);
            assert_eq!(small.slots.len() == first, expecting == 5000);
            // Each key is in one place: a slot of the table or the tree.
            let mut map: BTreeMap<String, usize> = small
                .tree
                .iter()
                .map(|((_, k), v)| (k.clone(), *v))
                .collect();
            let used: Vec<u32> = small.slots.iter().copied().filter(|&n| n != 0).collect();
            assert_eq!(used.len(), small.entries.len());
            for n in used {
                let (_, k, v) = &small.entries[n as usize - 1];
                assert!(map.insert(k.clone(), *v).is_none(), "{k}");
            }
            assert_eq!(map, reference);
            // Colliding hashes past a run's length overflow to the tree (and a few keys whose
            // run meets theirs).
            let others = small.tree.keys().filter(|(h, _)| *h != 2).count();
            assert_eq!(small.tree.len() > 1000, crafted, "{}", small.tree.len());
            assert!(others < PROBES, "{others}");
        }
    }

    /// The values of `seeds` by sorting them, strongest first, each value at its first seed:
    /// the reference for [`strongest`].
    fn strongest_by_sorting<'t, 's>(text: &'t str, seeds: &'s [Seed]) -> Vec<(&'t str, &'s Seed)> {
        let mut order: Vec<&Seed> = seeds.iter().collect();
        order.sort_by(|a, b| b.score.total_cmp(&a.score));
        let mut met = BTreeSet::new();
        order
            .into_iter()
            .filter_map(|s| Some((text.get(s.start..s.end)?, s)))
            .filter(|(value, s)| met.insert((s.entity == Entity::Person, *value)))
            .collect()
    }

    #[test]
    fn the_strongest_seed_of_each_value_is_the_one_sorting_finds() {
        // Few values, many repeats (the recent slots and the scanned map), many values (the
        // tree), equal scores (the first decides), a name and an identifier spelled alike,
        // and seeds out of text order and off character boundaries.
        let text = "Anna Berg 0301234567 Anna Berg ANNA BERG Müller 0301234567 Berg";
        let bounds: Vec<usize> = (0..=text.len()).collect();
        let mut next = crate::detect::lcg(0x5EED_0F57);
        let entities = [Entity::Person, Entity::Phone, Entity::Iban];
        let scores = [0.3, 0.5, 0.5, 0.85, 1.0];
        let mut seen_distinct = 0;
        for round in 0..400 {
            let n = if round % 10 == 0 { 300 } else { next(40) };
            let seeds: Vec<Seed> = (0..n)
                .map(|_| {
                    let start = bounds[next(bounds.len())];
                    let end = (start + 1 + next(20)).min(text.len());
                    Seed {
                        start,
                        end,
                        entity: entities[next(entities.len())],
                        score: scores[next(scores.len())],
                    }
                })
                .collect();
            let ours = strongest(text, &seeds).0;
            let reference = strongest_by_sorting(text, &seeds);
            // The same values, each decided by the same seed (by address: equal seeds differ).
            let addr = |v: &[(&str, &Seed)]| {
                v.iter()
                    .map(|(value, s)| (value.to_string(), std::ptr::from_ref(*s) as usize))
                    .collect::<Vec<_>>()
            };
            seen_distinct = seen_distinct.max(ours.len());
            assert_eq!(addr(&ours), addr(&reference), "round {round}");
        }
        // Past the scanned part of the map: the tree was used.
        assert!(seen_distinct > SMALL, "{seen_distinct}");
    }

    #[test]
    fn cue_words_found_as_names_are_not_spread() {
        // "Name" is a given name of the lexicon and the field label; "Zeuge" a role word.
        let text =
            "Name: Name\nName: Anna Schmidt\nZeuge Zeuge\nName: Jörg Baumann sah Zeuge Baumann";
        let name = text.find(" Name").map(|i| i + 1).unwrap();
        let zeuge = text.find("Zeuge Zeuge").map(|i| i + 6).unwrap();
        let seeds = [
            Seed {
                start: name,
                end: name + 4,
                entity: Entity::Person,
                score: 0.9,
            },
            Seed {
                start: zeuge,
                end: zeuge + 5,
                entity: Entity::Person,
                score: 0.9,
            },
            seed(text, "Jörg Baumann", Entity::Person),
        ];
        let found = propagate(text, &OnceCell::new(), &seeds);
        let values: Vec<&str> = found.iter().map(|s| &text[s.start..s.end]).collect();
        assert_eq!(values, ["Baumann"]);
        for w in [
            "Name", "NAME", "zeuge", "Herr", "alias", "Witness", "Sukunimi",
        ] {
            assert!(crate::detect::is_cue_word(w), "{w}");
        }
        // Months and function words are surnames too ("Herr August"). Nor is a span of
        // several words a cue word, whatever its words.
        for w in [
            "Baumann",
            "Anna",
            "Müller",
            "",
            "Namensänderung",
            "August",
            "Januar",
            "Name Smith",
            "Herr\tMüller",
            "Zeuge Zeuge",
        ] {
            assert!(!crate::detect::is_cue_word(w), "{w}");
        }
    }

    #[test]
    fn a_name_that_is_also_a_month_is_spread() {
        // Found once after a title, "August" is a name: its repeat is one too, whatever else
        // the word means (fail closed).
        let text = "Herr August sagte aus. Später kam August zurück; im August 2024.";
        let found = propagate(
            text,
            &OnceCell::new(),
            &[seed(text, "August", Entity::Person)],
        );
        let values: Vec<(usize, &str)> = found
            .iter()
            .map(|s| (s.start, &text[s.start..s.end]))
            .collect();
        let second = text.find("August zurück").unwrap();
        let third = text.rfind("August").unwrap();
        assert_eq!(values, [(second, "August"), (third, "August")]);
    }

    #[test]
    fn identifiers_repeat_with_their_type() {
        let text = "IBAN DE89370400440532013000 … transfer from DE89370400440532013000.";
        let found = propagate(
            text,
            &OnceCell::new(),
            &[seed(text, "DE89370400440532013000", Entity::Iban)],
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].entity, Entity::Iban);
    }
}
