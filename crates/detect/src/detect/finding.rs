//! A finding: where a piece of personal data is, what it is, and why we think so.

use super::entity::Entity;
use std::sync::Arc;

/// One detected piece of personal data.
///
/// Offsets are byte offsets into the analysed `&str`, always on `char` boundaries, with
/// `start < end`. The bindings convert them to UTF-16 code units for JavaScript.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// What kind of personal data.
    pub entity: Entity,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// Confidence in `[0, 1]`.
    pub score: f32,
    /// Id of the recognizer that produced it, e.g. `"iban"`.
    pub recognizer: &'static str,
    /// A short machine-readable reason, e.g. `checksum:mod97` or `context:"passport"`;
    /// several reasons are separated by `;`. Never contains the matched value. Shared: the
    /// findings of one text say a few distinct things, and a string per finding cost more
    /// than the rest of a finding (1 MB of dates holds 62,500 findings with one reason).
    pub reason: Arc<str>,
}
