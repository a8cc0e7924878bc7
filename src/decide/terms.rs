//! Allow-, deny- and special-category term lists: one linear-time multi-literal search each.
//!
//! The terms are escaped literals joined into one `meta::Regex` (which uses Aho-Corasick
//! or Teddy prefilters for literal alternations), case-insensitive, with runs of
//! whitespace matching any whitespace. Word boundaries are checked after the match
//! (perf-notes: Unicode `\b` inside the regex costs 2-3x).

use crate::detect::Entity;
use crate::error::{Error, ErrorCode, Result};
use regex_automata::{Input, meta::Regex};

/// A compiled term list; pattern index = term index.
pub struct TermSet {
    re: Option<Regex>,
    entities: Vec<Option<Entity>>,
}

fn escape(term: &str) -> String {
    let mut out = String::with_capacity(term.len() + 8);
    let mut in_space = false;
    for c in term.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push_str(r"\s+");
            }
            in_space = true;
            continue;
        }
        in_space = false;
        if matches!(
            c,
            '\\' | '.'
                | '+'
                | '*'
                | '?'
                | '('
                | ')'
                | '|'
                | '['
                | ']'
                | '{'
                | '}'
                | '^'
                | '$'
                | '#'
                | '&'
                | '-'
                | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

impl TermSet {
    /// Compiles `terms` (with the entity each deny term reports).
    pub fn new(terms: &[(String, Option<Entity>)]) -> Result<TermSet> {
        if terms.is_empty() {
            return Ok(TermSet {
                re: None,
                entities: Vec::new(),
            });
        }
        let patterns: Vec<String> = terms
            .iter()
            .map(|(t, _)| format!("(?i:{})", escape(t)))
            .collect();
        let re = Regex::builder()
            .configure(Regex::config().nfa_size_limit(Some(64 * 1024 * 1024)))
            .build_many(&patterns)
            .map_err(|_| {
                Error::new(
                    ErrorCode::PatternTooLarge,
                    "the policy's term list is too large to compile",
                )
            })?;
        Ok(TermSet {
            re: Some(re),
            entities: terms.iter().map(|(_, e)| *e).collect(),
        })
    }

    /// Every whole-word occurrence `(start, end, entity)`, leftmost-first, non-overlapping.
    #[must_use]
    pub fn find(&self, text: &str) -> Vec<(usize, usize, Option<Entity>)> {
        let mut out = Vec::new();
        let Some(re) = &self.re else { return out };
        let mut pos = 0;
        while pos <= text.len() {
            let Some(m) = re.search(&Input::new(text).span(pos..text.len())) else {
                break;
            };
            let before = text.get(..m.start()).and_then(|s| s.chars().next_back());
            let after = text.get(m.end()..).and_then(|s| s.chars().next());
            if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric)
            {
                // Not a whole word: retry one character further on.
                let step = text
                    .get(m.start()..)
                    .and_then(|s| s.chars().next())
                    .map_or(1, char::len_utf8);
                pos = m.start() + step;
                continue;
            }
            out.push((
                m.start(),
                m.end(),
                self.entities.get(m.pattern().as_usize()).copied().flatten(),
            ));
            pos = if m.end() > m.start() {
                m.end()
            } else {
                m.end() + 1
            };
        }
        out
    }

    /// Whether any term occurs.
    #[must_use]
    pub fn any(&self, text: &str) -> bool {
        !self.find(text).is_empty()
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
}
