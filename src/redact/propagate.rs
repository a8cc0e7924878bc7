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
use std::collections::BTreeSet;

use crate::decide::terms::TermSet;
use crate::detect::Entity;
use crate::detect::recur::may_recur;
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

/// Keys a [`SmallSet`] scans before it becomes a tree.
const SMALL: usize = 64;

/// A set scanned while it holds few keys and a tree beyond: a report has a dozen values,
/// and building and dropping a tree's nodes on every call cost more than the scans.
/// Keys are compared by a hash first (the caller's, of the key's content), in the tree too:
/// a text of thousands of distinct values (a case file, an export) spent more time in
/// the tree's string comparisons than in the search. Colliding hashes still compare their
/// keys, so no crafted input makes a look-up more than logarithmic.
struct SmallSet<K> {
    small: Vec<(u64, K)>,
    tree: BTreeSet<(u64, K)>,
}

impl<K> Default for SmallSet<K> {
    fn default() -> Self {
        SmallSet {
            small: Vec::new(),
            tree: BTreeSet::new(),
        }
    }
}

impl<K: Ord> SmallSet<K> {
    /// Adds `key` (whose hash is `hash`); `false` if it was there already.
    fn insert(&mut self, hash: u64, key: K) -> bool {
        if self.tree.is_empty() {
            if self.small.iter().any(|(h, k)| *h == hash && *k == key) {
                return false;
            }
            if self.small.len() < SMALL {
                self.small.push((hash, key));
                return true;
            }
            self.tree.extend(self.small.drain(..));
        }
        self.tree.insert((hash, key))
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

/// Other whole-word occurrences of the seeds' values that no seed covers, with the
/// entity and score of the (first, strongest) seed they repeat.
/// `folded`: `Folded::new(text, true)` once made; made here if needed and not yet made.
pub(crate) fn propagate(text: &str, folded: &OnceCell<Folded>, seeds: &[Seed]) -> Vec<Seed> {
    propagate_with(text, folded, seeds, true)
}

/// [`propagate`], with or without the look for the values before the text is folded and the
/// automaton built (`precheck`; without it, the reference the tests compare with).
fn propagate_with<'t>(
    text: &'t str,
    folded: &OnceCell<Folded>,
    seeds: &[Seed],
    precheck: bool,
) -> Vec<Seed> {
    let mut order: Vec<&Seed> = seeds.iter().collect();
    // The strongest seed of a value decides its entity and score.
    crate::sort::sort_by_key_then(
        &mut order,
        |s| crate::sort::descending(s.score),
        |_, _| std::cmp::Ordering::Equal,
    );
    // The values added, lower-cased (borrowed when that changes nothing).
    let mut seen: SmallSet<Cow<'_, str>> = SmallSet::default();
    let mut terms: Vec<(&str, Option<Entity>)> = Vec::new();
    let mut scores: Vec<f32> = Vec::new();
    let mut add = |value: &'t str, seed: &Seed| {
        let value = value.trim_matches(|c: char| !c.is_alphanumeric());
        if value.chars().count() < MIN_VALUE_CHARS
            || value.len() > MAX_VALUE_BYTES
            || terms.len() >= MAX_VALUES
        {
            return;
        }
        // A name of one word that is also a cue word ("Name", "Zeuge", "Herr") is not looked
        // for again: its other occurrences are the labels and role words themselves.
        if seed.entity == Entity::Person
            && !value.contains(char::is_whitespace)
            && crate::detect::is_cue_word(value)
        {
            return;
        }
        let lower = if value
            .bytes()
            .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
        {
            Cow::Borrowed(value)
        } else {
            Cow::Owned(value.to_lowercase())
        };
        if seen.insert(fnv(lower.as_bytes()), lower) {
            terms.push((value, Some(seed.entity)));
            scores.push(seed.score);
        }
    };
    // A value met again (most repeats of a report are the same identifier or name) adds
    // nothing: what `add` does depends on the value and on whether it is a name only.
    let mut met: SmallSet<(bool, &str)> = SmallSet::default();
    // The values met last, by a hash of their bytes: a report repeats few values many
    // times, and a hit here spares the tree's string comparisons.
    let mut recent: [Option<(bool, &str)>; RECENT] = [None; RECENT];
    for seed in order {
        let Some(value) = text.get(seed.start..seed.end) else {
            continue;
        };
        let key = (seed.entity == Entity::Person, value);
        let slot = recent.get_mut(recent_slot(value));
        if slot.as_ref().is_some_and(|s| **s == Some(key)) {
            continue;
        }
        if let Some(s) = slot {
            *s = Some(key);
        }
        if !met.insert(fnv(value.as_bytes()) ^ u64::from(key.0), key) {
            continue;
        }
        add(value, seed);
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
    // found: the text is not even folded, nor the automaton built (see `may_recur`). Where
    // one does, nothing is found before it: the search starts there.
    let first = if precheck {
        match may_recur(text, &covered, &patterns) {
            Some(at) => at,
            None => return Vec::new(),
        }
    } else {
        0
    };
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
    let entities = terms.iter().map(|(_, e)| *e).collect();
    let Ok(set) = TermSet::from_folded(patterns, entities) else {
        return Vec::new();
    };
    set.find_indexed_folded_accepting(text, folded, Some(&starts), &refused, &|start, end| {
        overlap_end(start, end).is_none()
    })
    .into_iter()
    .filter_map(|(start, end, index)| {
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
            let with = spans(propagate_with(&text, &folded, &seeds, true));
            let without = spans(propagate_with(&text, &folded, &seeds, false));
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
    fn a_small_set_is_a_set_before_and_after_it_becomes_a_tree() {
        let mut small = SmallSet::default();
        let mut tree = BTreeSet::new();
        // Repeats within the scanned part, across the change and in the tree; a hash
        // shared by different keys.
        let keys = (0..60).map(|i| i % 30).chain(0..200).chain(150..210);
        for (n, i) in keys.enumerate() {
            let key = format!("v{i}");
            let hash = if i % 7 == 0 { 1 } else { fnv(key.as_bytes()) };
            let i = n;
            assert_eq!(small.insert(hash, key.clone()), tree.insert(key), "{i}");
        }
        assert!(small.small.is_empty());
        let keys: BTreeSet<String> = small.tree.into_iter().map(|(_, k)| k).collect();
        assert_eq!(keys, tree);
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
