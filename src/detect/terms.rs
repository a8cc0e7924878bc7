//! Deny-list terms: caller-given words that are always findings, matched
//! case-insensitively at word boundaries by one linear-time multi-literal automaton.

use super::DenyTerm;
use super::entity::Entity;
use super::finding::Finding;
use super::segment::{left_ok, right_ok};
use crate::error::{Error, ErrorCode};
use regex_automata::meta::Regex;
use regex_automata::util::syntax;

/// Most terms in one list.
pub const MAX_TERMS: usize = 10_000;
/// Longest term, in bytes.
pub const MAX_TERM_BYTES: usize = 256;
/// Most bytes of all terms of one list together.
pub const MAX_TERMS_TOTAL_BYTES: usize = 1 << 20;

/// Checks the documented limits of a term list.
pub(crate) fn check_limits<'a>(terms: impl Iterator<Item = &'a str>) -> Result<(), Error> {
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
pub(crate) struct DenyMatcher {
    re: Regex,
    entities: Vec<Entity>,
}

fn escape(term: &str) -> String {
    let mut s = String::with_capacity(term.len() * 2);
    for c in term.chars() {
        if c.is_ascii_punctuation() {
            s.push('\\');
        }
        s.push(c);
    }
    s
}

impl DenyMatcher {
    /// Compiles the terms (longest first, so `John Smith` wins over `John`).
    pub(crate) fn new(list: &[DenyTerm]) -> Result<Self, Error> {
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
        terms.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        let patterns: Vec<String> = terms.iter().map(|(t, _)| escape(t)).collect();
        let re = Regex::builder()
            .syntax(syntax::Config::new().case_insensitive(true))
            .build_many(&patterns)
            .map_err(|e| {
                Error::new(
                    ErrorCode::PatternTooLarge,
                    format!("the deny-list cannot be compiled within the size limit: {e}"),
                )
            })?;
        Ok(DenyMatcher {
            re,
            entities: terms.into_iter().map(|(_, e)| e).collect(),
        })
    }

    /// Appends a finding for every whole-word occurrence of a term.
    pub(crate) fn find(&self, text: &str, out: &mut Vec<Finding>) {
        for m in self.re.find_iter(text) {
            let Some(&entity) = self.entities.get(m.pattern().as_usize()) else {
                continue;
            };
            if left_ok(text, m.start()) && right_ok(text, m.end()) && m.start() < m.end() {
                out.push(Finding {
                    entity,
                    start: m.start(),
                    end: m.end(),
                    score: 1.0,
                    recognizer: "deny_list",
                    reason: "deny_list".to_string(),
                });
            }
        }
    }
}
