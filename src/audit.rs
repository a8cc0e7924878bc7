//! Audit: the record of one redaction run, without a byte of the personal data itself.
//!
//! LED Art. 25 asks that disclosures (including transfers) be logged with their
//! justification and the identity of the recipients. The record holds what was done and
//! where (entity type, byte offsets or JSON path, action, rule, recognizer) and digests of
//! input and output, never a value; the schema is `schemas/audit.schema.json`.

use crate::decide::jcs;
use crate::decide::parse::hex;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// Version of the audit record schema; bumped on any incompatible change.
pub const AUDIT_SCHEMA: &str = "borderseal-audit/1";

/// The policy that was applied.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PolicyRef {
    /// Policy id.
    pub id: String,
    /// Policy version.
    pub version: String,
    /// `sha256:<hex>` of the policy's RFC 8785 canonical form.
    pub fingerprint: String,
}

/// The send context as it was applied.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContextRecord {
    /// Receiving organisation.
    pub recipient: Option<String>,
    /// Receiving country.
    pub country: Option<String>,
    /// Legal basis.
    pub legal_basis: Option<String>,
    /// The request's marking, normalised into tokens.
    pub marking: Vec<String>,
}

/// Digest and size of the input or output.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DataRecord {
    /// `text` or `json`.
    pub kind: &'static str,
    /// `sha256:<hex>` of the UTF-8 text, or of the RFC 8785 form of the JSON.
    pub sha256: String,
    /// Size in bytes of what was hashed.
    pub bytes: usize,
}

impl DataRecord {
    /// The record of a text.
    #[must_use]
    pub fn text(text: &str) -> Self {
        Self {
            kind: "text",
            sha256: format!("sha256:{}", hex(&Sha256::digest(text.as_bytes()))),
            bytes: text.len(),
        }
    }

    /// The record of a JSON value (hashed in canonical form).
    #[must_use]
    pub fn json(value: &serde_json::Value) -> Self {
        let c = jcs::canonicalize(value);
        Self {
            kind: "json",
            sha256: format!("sha256:{}", hex(&Sha256::digest(c.as_bytes()))),
            bytes: c.len(),
        }
    }
}

/// One finding as recorded: where and what, never the value.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AuditFinding {
    /// Entity type, or `FIELD` for a whole-field rule without a type.
    pub entity: String,
    /// JSON pointer of the string (JSON input only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Byte offset of the start, in the text or in the string at `path`.
    pub start: usize,
    /// Byte offset one past the end.
    pub end: usize,
    /// The action applied.
    pub action: &'static str,
    /// The policy rule that chose it.
    pub rule: String,
    /// The recognizer (or `deny-list`, `field:<id>`, `stix:<type>.<prop>`, `misp:<type>`).
    pub recognizer: String,
    /// Score, rounded to 3 decimals.
    pub score: f64,
}

/// The audit record of one run.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AuditRecord {
    /// [`AUDIT_SCHEMA`].
    pub schema: &'static str,
    /// borderseal version that wrote it.
    pub borderseal: &'static str,
    /// The policy applied.
    pub policy: PolicyRef,
    /// Where it goes.
    pub context: ContextRecord,
    /// Id of the pseudonym key used, if any pseudonym was written (the key id only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pseudonym_key_id: Option<String>,
    /// The input.
    pub input: DataRecord,
    /// The output.
    pub output: DataRecord,
    /// Counts per entity type, per action.
    pub counts: BTreeMap<String, BTreeMap<String, u64>>,
    /// Every finding acted on.
    pub findings: Vec<AuditFinding>,
    /// Send rules that held.
    pub send_rules: Vec<String>,
    /// Conditions that must travel with the data (e.g. Europol H1).
    pub conditions: Vec<String>,
    /// Number of STIX objects whose value-derived id was re-minted (JSON input only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reminted_ids: Option<usize>,
    /// The unit of every `start`/`end`: `utf8` (bytes, natively) or `utf16` (code units,
    /// what JavaScript's string indices count; the JS API returns records in this unit).
    pub offsets: &'static str,
}

impl AuditRecord {
    /// Builds the counts from the findings.
    pub fn count(&mut self) {
        self.counts.clear();
        for f in &self.findings {
            *self
                .counts
                .entry(f.entity.clone())
                .or_default()
                .entry(f.action.to_owned())
                .or_default() += 1;
        }
    }

    /// The record as a JSON value.
    #[must_use]
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }

    /// The record in RFC 8785 canonical form (what [`AuditRecord::digest`] hashes).
    #[must_use]
    pub fn canonical_json(&self) -> String {
        jcs::canonicalize(&self.to_value())
    }

    /// Re-expresses every finding's offsets in UTF-16 code units. `text_of(path)` gives the
    /// text the offsets of a finding refer to: the whole input for `None`, the string at that
    /// JSON pointer otherwise. Findings are converted in one pass per text.
    pub fn convert_offsets_to_utf16<'t>(
        &mut self,
        text_of: impl Fn(Option<&str>) -> Option<&'t str>,
    ) {
        if self.offsets == "utf16" {
            return;
        }
        let mut groups: BTreeMap<Option<String>, Vec<usize>> = BTreeMap::new();
        for (i, f) in self.findings.iter().enumerate() {
            groups.entry(f.path.clone()).or_default().push(i);
        }
        for (path, members) in groups {
            let Some(text) = text_of(path.as_deref()) else {
                continue;
            };
            let bytes: Vec<usize> = members
                .iter()
                .filter_map(|&i| self.findings.get(i))
                .flat_map(|f| [f.start, f.end])
                .collect();
            let units = crate::offsets::utf16_positions(text, &bytes);
            for (&i, pair) in members.iter().zip(units.chunks(2)) {
                if let (Some(f), [start, end]) = (self.findings.get_mut(i), pair) {
                    f.start = *start;
                    f.end = *end;
                }
            }
        }
        self.offsets = "utf16";
    }

    /// SHA-256 of the canonical JSON, for binding the record into an envelope.
    #[must_use]
    pub fn digest(&self) -> [u8; 32] {
        Sha256::digest(self.canonical_json().as_bytes()).into()
    }
}

/// A score in the record: 3 decimals, so `0.9f32` is written `0.9`.
#[must_use]
pub fn round_score(score: f32) -> f64 {
    (f64::from(score) * 1000.0).round() / 1000.0
}
