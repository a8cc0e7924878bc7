//! Handling markings of the input (TLP 1.0/2.0, Europol H0–H3, MISP distribution) and their join.
//!
//! Several markings may hold for one piece of data (the request's, the STIX object's, a
//! granular one); the STIX spec leaves their combination open, so the strictest applies:
//! the highest TLP level, the union of handling codes, the most restrictive MISP level.

use crate::error::{Error, ErrorCode, Result};
use std::collections::BTreeSet;

/// FIRST TLP level, ordered CLEAR(=WHITE) < GREEN < AMBER < AMBER+STRICT < RED.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tlp {
    /// TLP:CLEAR (TLP 1.0 WHITE).
    Clear,
    /// TLP:GREEN.
    Green,
    /// TLP:AMBER.
    Amber,
    /// TLP:AMBER+STRICT (TLP 2.0 only).
    AmberStrict,
    /// TLP:RED.
    Red,
}

impl Tlp {
    /// The written label, e.g. `TLP:AMBER+STRICT`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Tlp::Clear => "TLP:CLEAR",
            Tlp::Green => "TLP:GREEN",
            Tlp::Amber => "TLP:AMBER",
            Tlp::AmberStrict => "TLP:AMBER+STRICT",
            Tlp::Red => "TLP:RED",
        }
    }

    /// Parses `TLP:<level>` (any case; WHITE is CLEAR).
    #[must_use]
    pub fn parse(s: &str) -> Option<Tlp> {
        let upper = s.trim().to_ascii_uppercase();
        let level = upper.strip_prefix("TLP:")?;
        Some(match level {
            "CLEAR" | "WHITE" => Tlp::Clear,
            "GREEN" => Tlp::Green,
            "AMBER" => Tlp::Amber,
            "AMBER+STRICT" => Tlp::AmberStrict,
            "RED" => Tlp::Red,
            _ => return None,
        })
    }
}

/// Restrictiveness rank of a MISP distribution level (0 = most restrictive).
/// "0" own organisation < "4" sharing group < "1" community < "2" connected < "3" all.
fn misp_rank(level: u8) -> u8 {
    match level {
        0 => 0,
        4 => 1,
        1 => 2,
        2 => 3,
        _ => 4,
    }
}

/// Every marking that holds for a piece of data.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Marking {
    /// TLP level, if any.
    pub tlp: Option<Tlp>,
    /// Europol handling codes present (0..=3 for H0..H3).
    pub handling: BTreeSet<u8>,
    /// MISP distribution level (0..=4; 5 "inherit" is resolved by the reader).
    pub misp_distribution: Option<u8>,
    /// The data is tagged or found to hold LED Art. 10 special-category data.
    pub special_category: bool,
}

impl Marking {
    /// Parses a marking string: tokens separated by `,` `;` or whitespace, each one of
    /// `TLP:<level>`, `H0`..`H3`, `MISP:0`..`MISP:5` (or `distribution:N`), or a
    /// `gdpr:special-categories…` tag. Unknown tokens are an error, not ignored: a
    /// marking we cannot read could be stricter than anything we know (fail closed).
    pub fn parse(s: &str) -> Result<Marking> {
        if s.len() > 4096 {
            return Err(Error::new(
                ErrorCode::InputTooLarge,
                "marking is longer than 4096 bytes",
            ));
        }
        let mut m = Marking::default();
        for (i, token) in s
            .split([',', ';', ' ', '\t', '\n'])
            .filter(|t| !t.is_empty())
            .enumerate()
        {
            if !m.add_token(token) {
                return Err(Error::new(
                    ErrorCode::InvalidArgument,
                    format!(
                        "marking token {} is not one of TLP:CLEAR|WHITE|GREEN|AMBER|AMBER+STRICT|RED, H0..H3, MISP:0..5, gdpr:special-categories",
                        i + 1
                    ),
                ));
            }
        }
        Ok(m)
    }

    /// Adds one token; `false` if it is not a known marking.
    pub fn add_token(&mut self, token: &str) -> bool {
        let t = token.trim();
        if let Some(tlp) = Tlp::parse(t) {
            self.tlp = self.tlp.max(Some(tlp));
            return true;
        }
        let upper = t.to_ascii_uppercase();
        if let Some(d) = upper
            .strip_prefix('H')
            .and_then(|d| d.parse::<u8>().ok())
            .filter(|d| *d <= 3)
            && upper.len() == 2
        {
            self.handling.insert(d);
            return true;
        }
        let level = upper
            .strip_prefix("MISP:")
            .or_else(|| upper.strip_prefix("DISTRIBUTION:"));
        if let Some(level) = level.and_then(|l| l.parse::<u8>().ok()).filter(|l| *l <= 5) {
            self.add_misp(level);
            return true;
        }
        if upper.starts_with("GDPR:SPECIAL-CATEGORIES") {
            self.special_category = true;
            return true;
        }
        false
    }

    /// Joins a MISP distribution level: the most restrictive wins; 5 ("inherit") keeps
    /// the parent's.
    pub fn add_misp(&mut self, level: u8) {
        if level == 5 {
            return;
        }
        self.misp_distribution = Some(match self.misp_distribution {
            Some(cur) if misp_rank(cur) <= misp_rank(level) => cur,
            _ => level,
        });
    }

    /// The strictest combination of `self` and `other`.
    #[must_use]
    pub fn join(&self, other: &Marking) -> Marking {
        let mut m = self.clone();
        m.tlp = m.tlp.max(other.tlp);
        m.handling.extend(other.handling.iter().copied());
        if let Some(d) = other.misp_distribution {
            m.add_misp(d);
        }
        m.special_category |= other.special_category;
        m
    }

    /// Whether the exact token (as a policy writes it) holds.
    #[must_use]
    pub fn has_token(&self, token: &str) -> bool {
        // No marking at all (an `analyze` preview, an unmarked report): every token that
        // parses sets something this one lacks, so none holds. Spares the parse, which each
        // call of `Policy::resolve` makes for every marking token of every send rule.
        if self.tlp.is_none()
            && self.handling.is_empty()
            && self.misp_distribution.is_none()
            && !self.special_category
        {
            return false;
        }
        let mut probe = Marking::default();
        if !probe.add_token(token) {
            return false;
        }
        (probe.tlp.is_none() || probe.tlp == self.tlp)
            && probe.handling.is_subset(&self.handling)
            && (probe.misp_distribution.is_none()
                || probe.misp_distribution == self.misp_distribution)
            && (!probe.special_category || self.special_category)
    }

    /// The normalised tokens, for the audit record.
    #[must_use]
    pub fn tokens(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(t) = self.tlp {
            out.push(t.as_str().to_owned());
        }
        out.extend(self.handling.iter().map(|h| format!("H{h}")));
        if let Some(d) = self.misp_distribution {
            out.push(format!("MISP:{d}"));
        }
        if self.special_category {
            out.push("gdpr:special-categories".to_owned());
        }
        out
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_joins_strictest() {
        let a = Marking::parse("TLP:AMBER, H1").unwrap();
        let b = Marking::parse("tlp:amber+strict;h3 MISP:1").unwrap();
        let j = a.join(&b);
        assert_eq!(j.tlp, Some(Tlp::AmberStrict));
        assert_eq!(j.handling.iter().copied().collect::<Vec<_>>(), vec![1, 3]);
        assert_eq!(j.tokens(), vec!["TLP:AMBER+STRICT", "H1", "H3", "MISP:1"]);
        assert_eq!(Marking::parse("TLP:WHITE").unwrap().tlp, Some(Tlp::Clear));
    }

    #[test]
    fn unknown_tokens_fail_closed() {
        assert_eq!(
            Marking::parse("TLP:PURPLE").unwrap_err().code(),
            ErrorCode::InvalidArgument
        );
        assert_eq!(
            Marking::parse("H4").unwrap_err().code(),
            ErrorCode::InvalidArgument
        );
        assert_eq!(
            Marking::parse("MISP:6").unwrap_err().code(),
            ErrorCode::InvalidArgument
        );
    }

    #[test]
    fn misp_distribution_most_restrictive() {
        let mut m = Marking::default();
        m.add_misp(3);
        m.add_misp(5);
        assert_eq!(m.misp_distribution, Some(3));
        m.add_misp(1);
        assert_eq!(m.misp_distribution, Some(1));
        m.add_misp(4);
        assert_eq!(m.misp_distribution, Some(4));
        m.add_misp(2);
        assert_eq!(m.misp_distribution, Some(4));
        m.add_misp(0);
        assert_eq!(m.misp_distribution, Some(0));
        assert!(m.has_token("MISP:0"));
        assert!(!m.has_token("MISP:4"));
    }

    #[test]
    fn tokens_hold_by_the_marking_and_none_on_no_marking() {
        const TOKENS: &[&str] = &[
            "TLP:CLEAR",
            "TLP:GREEN",
            "TLP:AMBER",
            "tlp:amber+strict",
            "TLP:RED",
            "H0",
            "h3",
            "MISP:0",
            "distribution:4",
            "gdpr:special-categories",
            "bogus",
        ];
        // The empty marking's shortcut, and each token on a marking of its own.
        for t in TOKENS {
            assert!(!Marking::default().has_token(t), "{t}");
            let mut m = Marking::default();
            if m.add_token(t) {
                assert!(m.has_token(t), "{t}");
            }
        }
        let m = Marking::parse("TLP:AMBER H1").unwrap();
        assert!(m.has_token("TLP:AMBER") && m.has_token("H1"));
        assert!(!m.has_token("TLP:RED") && !m.has_token("H0") && !m.has_token("MISP:0"));
    }
}
