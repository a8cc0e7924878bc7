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

/// A compiled term list; pattern index = term index.
pub struct TermSet {
    ac: Option<Automaton>,
    entities: Vec<Option<Entity>>,
}

impl TermSet {
    /// Compiles `terms` (with the entity each deny term reports). Earlier terms win over
    /// later ones that match at the same place.
    pub fn new(terms: &[(String, Option<Entity>)]) -> Result<TermSet> {
        if terms.is_empty() {
            return Ok(TermSet {
                ac: None,
                entities: Vec::new(),
            });
        }
        let folded: Vec<String> = terms.iter().map(|(t, _)| fold_term(t, true)).collect();
        Ok(TermSet {
            ac: Some(Automaton::new(&folded)?),
            entities: terms.iter().map(|(_, e)| *e).collect(),
        })
    }

    /// Every whole-word occurrence `(start, end, entity)`, leftmost-first, non-overlapping.
    #[must_use]
    pub fn find(&self, text: &str) -> Vec<(usize, usize, Option<Entity>)> {
        self.search(text, false)
            .into_iter()
            .map(|(s, e, pid)| (s, e, self.entities.get(pid).copied().flatten()))
            .collect()
    }

    /// As [`TermSet::find`], with the index of the term that matched.
    #[must_use]
    pub fn find_indexed(&self, text: &str) -> Vec<(usize, usize, usize)> {
        self.search(text, false)
    }

    /// Whether any term occurs.
    #[must_use]
    pub fn any(&self, text: &str) -> bool {
        !self.search(text, true).is_empty()
    }

    fn search(&self, text: &str, first_only: bool) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        let Some(ac) = &self.ac else { return out };
        let folded = Folded::new(text, true);
        let hay = folded.text.as_str();
        let mut pos = 0;
        while pos <= hay.len() {
            let Some((pid, m_start, m_end)) = ac.find(hay.as_bytes(), pos) else {
                break;
            };
            let (start, end) = (folded.original(m_start), folded.original(m_end));
            let before = text.get(..start).and_then(|s| s.chars().next_back());
            let after = text.get(end..).and_then(|s| s.chars().next());
            if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric)
            {
                // Not a whole word: retry one character further on.
                let step = hay
                    .get(m_start..)
                    .and_then(|s| s.chars().next())
                    .map_or(1, char::len_utf8);
                pos = m_start + step;
                continue;
            }
            out.push((start, end, pid));
            if first_only {
                break;
            }
            pos = if m_end > m_start { m_end } else { m_end + 1 };
        }
        out
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

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
    fn earlier_terms_win_and_non_words_are_retried() {
        let t = TermSet::new(&[("ab".into(), None), ("abc".into(), Some(Entity::Person))]).unwrap();
        // Leftmost-first: `ab` is preferred at the same start, and is not a whole word in
        // `abc`; the retry one character on finds nothing, so `abc` is not reported.
        assert!(t.find("abc").is_empty());
        assert_eq!(t.find("x ab abc. ab"), [(2, 4, None), (10, 12, None)]);
        assert!(t.any("ab"));
        assert!(!t.any("abab"));
    }

    #[test]
    fn empty_list_finds_nothing() {
        let t = TermSet::new(&[]).unwrap();
        assert!(t.find("anything").is_empty());
        assert!(!t.any("anything"));
    }
}
