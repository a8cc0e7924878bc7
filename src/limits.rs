//! The limits enforced on untrusted input, gathered in one place for documentation and JS.
//!
//! Each limit, when exceeded, is an explicit [`crate::Error`] with its own code: the module
//! fails closed instead of silently skipping or truncating.

use serde::Serialize;

/// Largest text accepted by `analyze` / `redact_text`, in UTF-8 bytes.
pub const MAX_TEXT_BYTES: usize = crate::detect::MAX_TEXT_BYTES;
/// Deepest JSON nesting accepted by `redact_json`.
pub const MAX_JSON_DEPTH: usize = crate::structured::MAX_DEPTH;
/// Most JSON values (objects, arrays, scalars) in one `redact_json` input.
pub const MAX_JSON_NODES: usize = crate::structured::MAX_NODES;
/// Most allow-list plus deny-list terms in one policy.
pub const MAX_TERMS: usize = crate::decide::parse::MAX_TERMS;
/// Longest single allow- or deny-list term, in bytes.
pub const MAX_TERM_BYTES: usize = crate::decide::parse::MAX_TERM_BYTES;
/// Most recipients of one envelope.
pub const MAX_RECIPIENTS: usize = crate::envelope::header::MAX_RECIPIENTS;
/// Largest envelope header in bytes (stanzas and metadata included).
pub const MAX_HEADER_BYTES: usize = crate::envelope::header::MAX_HEADER_LEN;
/// Largest envelope metadata (a JSON object) in bytes.
pub const MAX_METADATA_BYTES: usize = crate::envelope::header::MAX_METADATA_LEN;
/// Largest policy document in bytes.
pub const MAX_POLICY_BYTES: usize = crate::decide::parse::MAX_POLICY_BYTES;

/// A snapshot of every limit, as the JS `limits()` function returns it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Limits {
    /// See [`MAX_TEXT_BYTES`].
    pub max_text_bytes: usize,
    /// See [`MAX_JSON_DEPTH`].
    pub max_json_depth: usize,
    /// See [`MAX_RECIPIENTS`].
    pub max_recipients: usize,
    /// See [`MAX_HEADER_BYTES`].
    pub max_header_bytes: usize,
    /// See [`MAX_POLICY_BYTES`].
    pub max_policy_bytes: usize,
    /// See [`MAX_METADATA_BYTES`].
    pub max_metadata_bytes: usize,
    /// See [`MAX_JSON_NODES`].
    pub max_json_nodes: usize,
    /// See [`MAX_TERMS`].
    pub max_terms: usize,
    /// See [`MAX_TERM_BYTES`].
    pub max_term_bytes: usize,
}

impl Limits {
    /// The limits of this build.
    #[must_use]
    pub const fn current() -> Self {
        Self {
            max_text_bytes: MAX_TEXT_BYTES,
            max_json_depth: MAX_JSON_DEPTH,
            max_recipients: MAX_RECIPIENTS,
            max_header_bytes: MAX_HEADER_BYTES,
            max_policy_bytes: MAX_POLICY_BYTES,
            max_metadata_bytes: MAX_METADATA_BYTES,
            max_json_nodes: MAX_JSON_NODES,
            max_terms: MAX_TERMS,
            max_term_bytes: MAX_TERM_BYTES,
        }
    }
}
