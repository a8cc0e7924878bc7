//! Detect: find personal data in text (recognizers: pattern + validator + context → findings).
//!
//! Two stages, both linear in the input (perf-notes.md): one pass of cheap candidate scans
//! (ASCII alphanumeric segments joined by single separators, and the anchors `@`, `://`,
//! `www.`, `:`, MRZ lines), then anchored per-format checks, check-digit validators and a
//! bounded look-back for context words on the candidates only. PERSON candidates come
//! from the `person` module, deny-list terms from the configuration. All candidates then
//! go through one deterministic overlap resolution (see `resolve.rs`).
//!
//! Scores: a checksum-validated identifier scores high on its own and a context word
//! raises it; a format without a check digit (passport numbers, plates, dates of birth,
//! US SSN, UK NINO, DK CPR, IMSI) stays below [`DEFAULT_MIN_SCORE`] unless a context word
//! in one of the supported languages is written just before it.

mod ascii;
mod checksum;
mod context;
mod date;
mod dob;
pub mod entity;
mod finance;
pub mod finding;
mod gps;
mod hit;
mod ids;
mod latin;
mod mrz;
mod national;
mod national2;
mod net;
mod person;
mod phone;
#[doc(hidden)]
pub mod recur;
mod resolve;
mod scan;
mod segment;
pub(crate) mod simd;
pub(crate) mod swar;
#[doc(hidden)]
pub mod terms;
mod tokens;

use crate::error::{Error, ErrorCode};
use std::collections::{BTreeMap, BTreeSet};

pub use entity::Entity;
pub use finding::Finding;
pub use person::is_cue_word;
pub use terms::{MAX_TERM_BYTES, MAX_TERMS, MAX_TERMS_TOTAL_BYTES};

/// Largest input [`Detector::analyze`] accepts: 64 MiB. Larger inputs get
/// [`ErrorCode::InputTooLarge`] (fail closed, never a silent skip). At ≥ 100 MB/s this
/// bounds one call to well under a second.
pub const MAX_TEXT_BYTES: usize = 64 * 1024 * 1024;

/// Score threshold used for entity types without an entry in
/// [`DetectorConfig::min_score`].
pub const DEFAULT_MIN_SCORE: f32 = 0.5;

/// A term that is always reported as `entity` wherever it occurs as a whole word.
#[derive(Clone, Debug, PartialEq)]
pub struct DenyTerm {
    /// The term, matched case-insensitively at word boundaries.
    pub term: String,
    /// The entity type reported for it.
    pub entity: Entity,
}

/// What a [`Detector`] looks for.
#[derive(Clone, Debug, PartialEq)]
pub struct DetectorConfig {
    /// Entity types reported; the default is every type.
    pub enabled: BTreeSet<Entity>,
    /// Terms that are never findings (compared case-insensitively with a finding's whole
    /// text), e.g. the agency's own switchboard number.
    pub allow_list: Vec<String>,
    /// Terms that are always findings.
    pub deny_list: Vec<DenyTerm>,
    /// Minimum score per entity type; types not listed use `default_min_score`.
    pub min_score: BTreeMap<Entity, f32>,
    /// Minimum score of the types not listed in `min_score` ([`DEFAULT_MIN_SCORE`]).
    pub default_min_score: f32,
}

/// A set built by inserting one item at a time. `collect` into a `BTreeSet` sorts a vector
/// first, with the standard library's stable sort: one copy of it per item type, 8 KB of wasm
/// for the two sets below (the package's size budget), for sets of a few dozen items.
fn set_of<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    let mut set = BTreeSet::new();
    for item in items {
        set.insert(item);
    }
    set
}

impl Default for DetectorConfig {
    fn default() -> Self {
        DetectorConfig {
            enabled: set_of(Entity::ALL.iter().copied()),
            allow_list: Vec::new(),
            deny_list: Vec::new(),
            min_score: BTreeMap::new(),
            default_min_score: DEFAULT_MIN_SCORE,
        }
    }
}

/// The detection engine. Immutable after construction, `Send + Sync`; cloning is cheap
/// (the compiled deny-list is shared).
#[derive(Clone, Debug)]
pub struct Detector {
    enabled: [bool; ENTITIES],
    min_score: [f32; ENTITIES],
    allow: BTreeSet<String>,
    deny: Option<terms::DenyMatcher>,
}

/// Number of entity types (the length of per-entity tables).
#[doc(hidden)]
pub const ENTITIES: usize = Entity::ALL.len();

impl Default for Detector {
    /// Every recognizer on, default thresholds, no allow- or deny-list.
    fn default() -> Self {
        Detector {
            enabled: [true; ENTITIES],
            min_score: [DEFAULT_MIN_SCORE; ENTITIES],
            allow: BTreeSet::new(),
            deny: None,
        }
    }
}

impl Detector {
    /// Builds a detector.
    ///
    /// # Errors
    /// [`ErrorCode::PatternTooLarge`] if the deny-list exceeds [`MAX_TERMS`] terms,
    /// [`MAX_TERM_BYTES`] per term or [`MAX_TERMS_TOTAL_BYTES`] in total;
    /// [`ErrorCode::InvalidArgument`] for a score outside `[0, 1]`, an empty term, or a term
    /// that is on both lists.
    pub fn new(config: &DetectorConfig) -> Result<Detector, Error> {
        let mut d = Detector::default();
        let score_ok = |s: f32| (0.0..=1.0).contains(&s);
        if !score_ok(config.default_min_score) || !config.min_score.values().all(|&s| score_ok(s)) {
            return Err(Error::new(
                ErrorCode::InvalidArgument,
                "expected min scores in [0, 1]",
            ));
        }
        for (i, e) in Entity::ALL.iter().enumerate() {
            if let (Some(en), Some(ms)) = (d.enabled.get_mut(i), d.min_score.get_mut(i)) {
                *en = config.enabled.contains(e);
                *ms = config
                    .min_score
                    .get(e)
                    .copied()
                    .unwrap_or(config.default_min_score);
            }
        }
        terms::check_limits(config.allow_list.iter().map(String::as_str))?;
        d.allow = set_of(config.allow_list.iter().map(|t| t.trim().to_lowercase()));
        if d.allow.contains("") {
            return Err(Error::new(
                ErrorCode::InvalidArgument,
                "expected non-empty allow-list terms",
            ));
        }
        if let Some(t) = config
            .deny_list
            .iter()
            .find(|t| d.allow.contains(&t.term.trim().to_lowercase()))
        {
            let _ = t;
            return Err(Error::new(
                ErrorCode::InvalidArgument,
                "a term is on both the allow-list and the deny-list",
            ));
        }
        if !config.deny_list.is_empty() {
            d.deny = Some(terms::DenyMatcher::new(&config.deny_list)?);
        }
        Ok(d)
    }

    /// Finds the personal data in `text`: findings sorted by start, without overlaps, each
    /// at or above its entity's minimum score. Offsets are byte offsets into `text`.
    ///
    /// # Errors
    /// [`ErrorCode::InputTooLarge`] if `text` is longer than [`MAX_TEXT_BYTES`].
    pub fn analyze(&self, text: &str) -> Result<Vec<Finding>, Error> {
        self.analyze_masked(text, &[])
    }

    /// [`Detector::analyze`] for a text of which the byte ranges `mask` (sorted, disjoint, on
    /// `char` boundaries) were written by a redaction operator: they are still scanned, but
    /// they are no context evidence for the text around them (a label `[DATE_OF_BIRTH]`
    /// does not make the next date a date of birth).
    ///
    /// # Errors
    /// As [`Detector::analyze`].
    #[doc(hidden)]
    pub fn analyze_masked(
        &self,
        text: &str,
        mask: &[(usize, usize)],
    ) -> Result<Vec<Finding>, Error> {
        if text.len() > MAX_TEXT_BYTES {
            return Err(Error::new(
                ErrorCode::InputTooLarge,
                format!(
                    "expected at most {MAX_TEXT_BYTES} bytes of text, got {}",
                    text.len()
                ),
            ));
        }
        let mut cands = Vec::new();
        let mut min = self.min_score;
        for (m, on) in min.iter_mut().zip(self.enabled) {
            if !on {
                *m = f32::INFINITY;
            }
        }
        scan::run(text, min, mask, &mut cands);
        person::find(text, &mut cands);
        if let Some(deny) = &self.deny {
            deny.find(text, &mut cands);
        }
        cands.retain(|f| self.keep(text, f));
        Ok(resolve::resolve(cands))
    }

    /// Whether `f` is reported: its type enabled and its score at its minimum, not on the
    /// allow list; deny-list terms always.
    ///
    /// The span's `char` boundaries are checked where each candidate is made (`hit::emit`,
    /// `person::find`, `DenyMatcher::find`), while its bytes are still in the cache: read
    /// here, after the scan of a large text, nearly every check missed it (10 MB corpus in
    /// wasm: detection 1 % faster without).
    fn keep(&self, text: &str, f: &Finding) -> bool {
        debug_assert!(span_ok(text, f.start, f.end), "{f:?}");
        let i = f.entity as usize;
        let in_text = f.start < f.end && f.end <= text.len();
        let on = self.enabled.get(i).copied().unwrap_or(false);
        let min = self.min_score.get(i).copied().unwrap_or(1.0);
        // Deny-list terms are always findings: the caller named them, whatever the
        // enabled types and thresholds say.
        let deny = f.recognizer == "deny_list" && &*f.reason == "deny_list";
        let allowed = || {
            !self.allow.is_empty()
                && text
                    .get(f.start..f.end)
                    .is_some_and(|t| self.allow.contains(&t.to_lowercase()))
        };
        in_text && (deny || (on && f.score >= min && !allowed()))
    }
}

/// Whether `start..end` is a non-empty span of `text` on `char` boundaries: what every
/// candidate must be.
pub(crate) fn span_ok(text: &str, start: usize, end: usize) -> bool {
    start < end && text.is_char_boundary(start) && text.is_char_boundary(end)
}

/// Converts the byte offsets of `findings` into UTF-16 code-unit offsets (what JavaScript's
/// `String.prototype.slice` uses), in one pass over `text`. An offset that is not on a
/// `char` boundary maps to the start of the `char` containing it; offsets past the end map
/// to the end.
#[must_use]
pub fn utf16_offsets(text: &str, findings: &[Finding]) -> Vec<(usize, usize)> {
    let bytes: Vec<usize> = findings.iter().flat_map(|f| [f.start, f.end]).collect();
    crate::offsets::utf16_positions(text, &bytes)
        .chunks(2)
        .map(|p| match p {
            [s, e] => (*s, *e),
            _ => (0, 0),
        })
        .collect()
}

#[cfg(test)]
mod tests;

/// The tests' generator of random texts (a linear congruential generator, so each test's
/// texts are the same on every run): each call gives a number below `n`. Public for the
/// tests of the crates built on this one; no part of the API.
#[doc(hidden)]
pub fn lcg(seed: u64) -> impl FnMut(usize) -> usize {
    let mut state = seed;
    move |n| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize % n
    }
}
