//! Allow-, deny- and special-category term lists: one linear-time multi-literal search each.
//!
//! The terms and the text are case-folded (Unicode simple case folding) with every run of
//! whitespace turned into one space, so `Operation  Nightjar` matches `operation\nnightjar`;
//! one leftmost-first Aho-Corasick automaton
//! ([`Automaton`]) finds them. Word boundaries are checked on the
//! original text after the match.

use crate::detect::Entity;
use crate::detect::terms::{Automaton, Folded, fold_term};
use crate::error::Result;

/// A compiled term list.
pub struct TermSet {
    ac: Option<Automaton>,
    /// The caller's index of each automaton pattern (patterns are compiled longest first).
    index: Vec<usize>,
    entities: Vec<Option<Entity>>,
}

impl TermSet {
    /// Compiles `terms` (with the entity each deny term reports). At one place the longest
    /// term that is a whole word wins (`John Smith` over `John`); of equal ones, the earlier.
    pub fn new(terms: &[(String, Option<Entity>)]) -> Result<TermSet> {
        let folded: Vec<String> = terms.iter().map(|(t, _)| fold_term(t, true)).collect();
        Self::from_folded(folded, terms.iter().map(|(_, e)| *e).collect())
    }

    /// [`TermSet::new`] of terms already folded by `fold_term(term, true)`, with the entity
    /// of each (same length).
    pub(crate) fn from_folded(
        folded: Vec<String>,
        entities: Vec<Option<Entity>>,
    ) -> Result<TermSet> {
        if folded.is_empty() {
            return Ok(TermSet {
                ac: None,
                index: Vec::new(),
                entities: Vec::new(),
            });
        }
        // Longest first: the leftmost-first automaton drops a term that an earlier one
        // prefixes, so a shorter term listed first would hide the longer one for good.
        let mut index: Vec<usize> = (0..folded.len()).collect();
        crate::sort::sort_by(&mut index, |&a, &b| {
            let len = |i: usize| folded.get(i).map_or(0, String::len);
            len(b).cmp(&len(a)).then(a.cmp(&b))
        });
        let ordered: Vec<String> = index
            .iter()
            .map(|&i| folded.get(i).cloned().unwrap_or_default())
            .collect();
        Ok(TermSet {
            ac: Some(Automaton::new(&ordered)?),
            index,
            entities,
        })
    }

    /// The compiled automaton (`None` for an empty list).
    pub(crate) fn automaton(&self) -> Option<&Automaton> {
        self.ac.as_ref()
    }

    /// Every whole-word occurrence `(start, end, entity)`, leftmost-first, non-overlapping.
    #[must_use]
    pub fn find(&self, text: &str) -> Vec<(usize, usize, Option<Entity>)> {
        match self.ac {
            Some(_) => self.find_folded(text, &Folded::new(text, true)),
            None => Vec::new(),
        }
    }

    /// As [`TermSet::find`], with the index of the term that matched.
    #[must_use]
    pub fn find_indexed(&self, text: &str) -> Vec<(usize, usize, usize)> {
        match self.ac {
            Some(_) => self.search(text, &Folded::new(text, true), false),
            None => Vec::new(),
        }
    }

    /// Whether any term occurs.
    #[must_use]
    pub fn any(&self, text: &str) -> bool {
        self.ac.is_some() && self.any_folded(text, &Folded::new(text, true))
    }

    /// [`TermSet::find`] given `text` already folded (`Folded::new(text, true)`), so
    /// that several lists searching one text fold it once.
    pub(crate) fn find_folded(
        &self,
        text: &str,
        folded: &Folded,
    ) -> Vec<(usize, usize, Option<Entity>)> {
        self.search(text, folded, false)
            .into_iter()
            .map(|(s, e, i)| (s, e, self.entities.get(i).copied().flatten()))
            .collect()
    }

    /// [`TermSet::any`] given `text` already folded.
    pub(crate) fn any_folded(&self, text: &str, folded: &Folded) -> bool {
        !self.search(text, folded, true).is_empty()
    }

    /// [`TermSet::find_indexed`], given `text` already folded, of the occurrences
    /// `accept(start, end)` admits: a refused occurrence consumes nothing, so a shorter term
    /// at the same start, or one starting inside it, can still be found (same-value
    /// propagation refuses the places detection already covers, and must still find a repeat
    /// right next to one). `refused(start)` = `Some(p)` means `accept` refuses every
    /// occurrence starting in `start..p` (checked first, it saves trying each term there).
    /// `starts`: the word starts to try if not all (see `Automaton::find_whole_word`).
    pub(crate) fn find_indexed_folded_accepting(
        &self,
        text: &str,
        folded: &Folded,
        starts: Option<&[u64]>,
        refused: &dyn Fn(usize) -> Option<usize>,
        accept: &dyn Fn(usize, usize) -> bool,
    ) -> Vec<(usize, usize, usize)> {
        self.search_accepting(text, folded, starts, false, refused, accept)
    }

    fn search(&self, text: &str, folded: &Folded, first_only: bool) -> Vec<(usize, usize, usize)> {
        self.search_accepting(text, folded, None, first_only, &|_| None, &|_, _| true)
    }

    fn search_accepting(
        &self,
        text: &str,
        folded: &Folded,
        starts: Option<&[u64]>,
        first_only: bool,
        refused: &dyn Fn(usize) -> Option<usize>,
        accept: &dyn Fn(usize, usize) -> bool,
    ) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        let Some(ac) = &self.ac else { return out };
        let mut pos = 0;
        let starts = starts.or_else(|| folded.starts_for(ac));
        while let Some((pid, start, end, folded_end)) =
            ac.find_whole_word(folded, starts, text, pos, refused, accept)
        {
            out.push((start, end, self.index.get(pid).copied().unwrap_or(pid)));
            if first_only {
                break;
            }
            pos = folded_end.max(pos + 1);
        }
        out
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::detect::terms::union_filter;

    #[test]
    fn a_term_prefixing_another_is_found_where_the_longer_is_no_whole_word() {
        // Listed shortest first on purpose: order must not hide the longer term.
        let t = TermSet::new(&[
            ("123ME".into(), Some(Entity::LicensePlate)),
            ("123MEI 3".into(), Some(Entity::LicensePlate)),
            ("John".into(), Some(Entity::Person)),
            ("John Smith".into(), Some(Entity::Person)),
        ])
        .unwrap();
        let text = "x-123MEI 3 y 123MEI 3x z 123ME. John Smithson; john smith";
        let hits: Vec<&str> = t
            .find_indexed(text)
            .iter()
            .map(|&(s, e, _)| &text[s..e])
            .collect();
        // "123MEI 3x": neither term is a whole word there ("123ME" is followed by "I").
        assert_eq!(hits, ["123MEI 3", "123ME", "John", "john smith"]);
        let idx: Vec<usize> = t.find_indexed(text).iter().map(|h| h.2).collect();
        assert_eq!(idx, [1, 0, 2, 3], "indices are the caller's");
    }

    #[test]
    fn finds_whole_words_case_insensitive() {
        let t = TermSet::new(&[
            ("Operation  Nightjar".into(), Some(Entity::Person)),
            ("a.b".into(), None),
        ])
        .unwrap();
        let text = "see operation nightjar and xa.b, a.b.";
        let hits = t.find(text);
        assert_eq!(hits.len(), 2);
        assert_eq!(&text[hits[0].0..hits[0].1], "operation nightjar");
        assert_eq!(hits[0].2, Some(Entity::Person));
        assert_eq!(&text[hits[1].0..hits[1].1], "a.b");
        assert_eq!(hits[1].0, text.find(", a.b").unwrap() + 2);
    }

    #[test]
    fn metacharacters_are_literal() {
        let t = TermSet::new(&[("(x)+[y]".into(), None), ("<z>".into(), None)]).unwrap();
        assert!(t.any("a (x)+[y] b"));
        assert!(t.any("<z>"));
        assert!(!t.any("xxy"));
    }

    #[test]
    fn unicode_case_and_whitespace_runs() {
        let t = TermSet::new(&[
            ("Jörg Baumann".into(), None),
            ("straße".into(), None),
            ("HIV positive".into(), None),
        ])
        .unwrap();
        let text = "JÖRG\u{a0}\n BAUMANN, Hauptstraẞe, STRASSE, Straße; hiv\tpositive";
        let hits: Vec<&str> = t.find(text).iter().map(|h| &text[h.0..h.1]).collect();
        // `ẞ` folds to `ß` (simple folding); `SS` does not (that would be full folding);
        // `Hauptstraẞe` is not a whole-word occurrence.
        assert_eq!(hits, ["JÖRG\u{a0}\n BAUMANN", "Straße", "hiv\tpositive"]);
    }

    #[test]
    fn longest_whole_word_wins_and_non_words_are_retried() {
        let t = TermSet::new(&[("ab".into(), None), ("abc".into(), Some(Entity::Person))]).unwrap();
        // The longest whole word at a start wins, whatever the listing order (the former
        // leftmost-first rule let the earlier `ab`, no whole word in `abc`, hide `abc`).
        assert_eq!(t.find("abc"), [(0, 3, Some(Entity::Person))]);
        assert_eq!(
            t.find("x ab abc. ab"),
            [(2, 4, None), (5, 8, Some(Entity::Person)), (10, 12, None)]
        );
        assert!(t.any("ab"));
        // Neither is a whole word inside `abab`.
        assert!(!t.any("abab"));
    }

    /// Whole-word, non-overlapping matches found by trying every start in turn: at the
    /// first start where some term is a whole word, the longest such term (of equal ones,
    /// the earliest listed); the search goes on after it.
    fn brute_force(terms: &[&str], text: &str) -> Vec<(usize, usize, usize)> {
        let terms: Vec<String> = terms.iter().map(|t| fold_term(t, true)).collect();
        let folded = Folded::unpadded(text, true);
        let hay = folded.text.as_slice();
        let mut out = Vec::new();
        let mut pos = 0;
        while pos <= hay.len() {
            let whole = |s: usize, e: usize| {
                let (start, end) = (folded.original(s), folded.original(e));
                let before = text[..start].chars().next_back();
                let after = text[end..].chars().next();
                start < end
                    && !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric)
            };
            let found = (pos..hay.len()).find_map(|s| {
                (0..terms.len())
                    .filter(|&i| !terms[i].is_empty() && hay[s..].starts_with(terms[i].as_bytes()))
                    .filter(|&i| whole(s, s + terms[i].len()))
                    .min_by_key(|&i| (usize::MAX - terms[i].len(), i))
                    .map(|i| (i, s, s + terms[i].len()))
            });
            let Some((p, m_start, m_end)) = found else {
                break;
            };
            out.push((folded.original(m_start), folded.original(m_end), p));
            pos = m_end.max(pos + 1);
        }
        out
    }

    #[test]
    fn search_is_the_brute_force_search() {
        // Small alphabets, so that terms overlap, share prefixes and occur inside words;
        // `é` and the Kelvin sign put non-ASCII bytes before and inside matches. Without
        // the Kelvin sign (whose fold is ASCII) the text is folded in place: `ẞ`, whose fold
        // is shorter, and runs of white space leave padding inside and after matches.
        let letters = ["a", "b", "é", " ", "-", "A", "ß"];
        let kelvin = [
            "a", "b", "ab", "é", "É", " ", "  ", "\n", "-", ".", "\u{212A}", "k",
        ];
        let padded = [
            "a", "b", "ab", "é", "É", " ", "  ", "\n", "\u{a0}", " \t ", "-", "ẞ", "ß", "k",
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut rng = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        for round in 0..40_000 {
            let pieces: &[&str] = if round % 2 == 0 { &kelvin } else { &padded };
            let mut terms: Vec<String> = Vec::new();
            for _ in 0..1 + rng(6) {
                let mut t = String::new();
                for _ in 0..1 + rng(4) {
                    t.push_str(letters[rng(letters.len())]);
                }
                if rng(5) == 0 {
                    t.push('k');
                }
                terms.push(t);
            }
            let mut text = String::new();
            for _ in 0..rng(30) {
                text.push_str(pieces[rng(pieces.len())]);
            }
            let list: Vec<(String, Option<Entity>)> =
                terms.iter().map(|t| (t.clone(), None)).collect();
            let set = TermSet::new(&list).unwrap();
            let refs: Vec<&str> = terms.iter().map(String::as_str).collect();
            let expected = brute_force(&refs, &text);
            assert_eq!(set.find_indexed(&text), expected, "{terms:?} in {text:?}");
            // The same search over word starts narrowed for this list and another one
            // (`Folded::narrow`), and for the other list alone (then this list must not
            // read the narrowed starts).
            let other = TermSet::new(&[(letters[rng(letters.len())].repeat(2), None)]).unwrap();
            let ours = set.automaton().unwrap();
            let theirs = other.automaton().unwrap();
            for (filter, covered) in [
                (union_filter([ours, theirs].into_iter()), true),
                (union_filter([theirs].into_iter()), false),
            ] {
                let mut folded = Folded::new(&text, true);
                folded.narrow(&filter);
                // Covered: the narrowed starts are read. Not covered: they may be read only
                // if the other list's filter happens to hold this one's.
                assert!(!covered || folded.starts_for(ours).is_some());
                assert_eq!(
                    set.search(&text, &folded, false),
                    expected,
                    "narrowed: {terms:?} in {text:?}"
                );
            }
        }
    }

    #[test]
    fn empty_list_finds_nothing() {
        let t = TermSet::new(&[]).unwrap();
        assert!(t.find("anything").is_empty());
        assert!(!t.any("anything"));
    }
}
