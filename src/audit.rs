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
    ///
    /// Written directly, members in canonical order, rather than as
    /// `jcs::canonicalize(&self.to_value())`: building and sorting the `serde_json::Value`
    /// tree was a third of `redactText` on a 1.6 KB report in wasm. A test checks that both
    /// give the same bytes.
    #[must_use]
    pub fn canonical_json(&self) -> String {
        let mut o = Canon(String::with_capacity(512 + 160 * self.findings.len()));
        // Keys of each object in UTF-16 (here: ASCII) order.
        o.0.push('{');
        o.key("borderseal", true);
        o.str(self.borderseal);
        o.key("conditions", false);
        o.strs(&self.conditions);
        o.key("context", false);
        let c = &self.context;
        o.0.push('{');
        o.key("country", true);
        o.opt(c.country.as_deref());
        o.key("legalBasis", false);
        o.opt(c.legal_basis.as_deref());
        o.key("marking", false);
        o.strs(&c.marking);
        o.key("recipient", false);
        o.opt(c.recipient.as_deref());
        o.0.push('}');
        o.key("counts", false);
        o.0.push('{');
        let mut entities: Vec<(&String, &BTreeMap<String, u64>)> = self.counts.iter().collect();
        crate::sort::sort_by(&mut entities, |a, b| jcs::utf16_cmp(a.0, b.0));
        for (i, (entity, actions)) in entities.into_iter().enumerate() {
            o.key(entity, i == 0);
            o.0.push('{');
            let mut actions: Vec<(&String, &u64)> = actions.iter().collect();
            crate::sort::sort_by(&mut actions, |a, b| jcs::utf16_cmp(a.0, b.0));
            for (k, (action, n)) in actions.into_iter().enumerate() {
                o.key(action, k == 0);
                o.num(*n as f64);
            }
            o.0.push('}');
        }
        o.0.push('}');
        o.key("findings", false);
        o.0.push('[');
        // Most of the record: each member's key is written as one fixed piece, with the
        // comma before it (these keys need no escape).
        for (i, f) in self.findings.iter().enumerate() {
            o.0.push_str(if i > 0 {
                ",{\"action\":"
            } else {
                "{\"action\":"
            });
            o.str(f.action);
            o.0.push_str(",\"end\":");
            o.num(f.end as f64);
            o.0.push_str(",\"entity\":");
            o.str(&f.entity);
            if let Some(p) = &f.path {
                o.0.push_str(",\"path\":");
                o.str(p);
            }
            o.0.push_str(",\"recognizer\":");
            o.str(&f.recognizer);
            o.0.push_str(",\"rule\":");
            o.str(&f.rule);
            o.0.push_str(",\"score\":");
            o.num(f.score);
            o.0.push_str(",\"start\":");
            o.num(f.start as f64);
            o.0.push('}');
        }
        o.0.push(']');
        o.key("input", false);
        o.data(&self.input);
        o.key("offsets", false);
        o.str(self.offsets);
        o.key("output", false);
        o.data(&self.output);
        o.key("policy", false);
        o.0.push('{');
        o.key("fingerprint", true);
        o.str(&self.policy.fingerprint);
        o.key("id", false);
        o.str(&self.policy.id);
        o.key("version", false);
        o.str(&self.policy.version);
        o.0.push('}');
        if let Some(k) = &self.pseudonym_key_id {
            o.key("pseudonym_key_id", false);
            o.str(k);
        }
        if let Some(n) = self.reminted_ids {
            o.key("reminted_ids", false);
            o.num(n as f64);
        }
        o.key("schema", false);
        o.str(self.schema);
        o.key("send_rules", false);
        o.strs(&self.send_rules);
        o.0.push('}');
        o.0
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

/// The canonical (RFC 8785) writer of [`AuditRecord::canonical_json`].
struct Canon(String);

impl Canon {
    /// `"key":`, after a comma unless it is the object's first member.
    fn key(&mut self, key: &str, first: bool) {
        if !first {
            self.0.push(',');
        }
        jcs::write_string(key, &mut self.0);
        self.0.push(':');
    }

    fn str(&mut self, s: &str) {
        jcs::write_string(s, &mut self.0);
    }

    fn opt(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.str(s),
            None => self.0.push_str("null"),
        }
    }

    fn strs(&mut self, items: &[String]) {
        self.0.push('[');
        for (i, s) in items.iter().enumerate() {
            if i > 0 {
                self.0.push(',');
            }
            self.str(s);
        }
        self.0.push(']');
    }

    /// Sizes, offsets and counts are far below 2^53, so exact as `f64`.
    #[allow(clippy::cast_precision_loss)]
    fn num(&mut self, x: f64) {
        jcs::write_f64(x, &mut self.0);
    }

    fn data(&mut self, d: &DataRecord) {
        self.0.push('{');
        self.key("bytes", true);
        self.num(d.bytes as f64);
        self.key("kind", false);
        self.str(d.kind);
        self.key("sha256", false);
        self.str(&d.sha256);
        self.0.push('}');
    }
}

/// A score in the record: 3 decimals, so `0.9f32` is written `0.9`.
#[must_use]
pub fn round_score(score: f32) -> f64 {
    (f64::from(score) * 1000.0).round() / 1000.0
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn finding(i: usize, path: Option<&str>) -> AuditFinding {
        AuditFinding {
            entity: ["EMAIL", "PERSON", "FIELD", "Ünï\u{1F600}"][i % 4].to_owned(),
            path: path.map(str::to_owned),
            start: i * 7,
            end: i * 7 + 5 + i % 3,
            action: ["mask", "remove", "label"][i % 3],
            rule: format!("rule \"{i}\"\n\t\u{1}é"),
            recognizer: format!("stix:ipv4-addr.value/{i}"),
            score: [0.0, 0.5, 0.95, 1.0, 0.333][i % 5],
        }
    }

    fn record(variant: usize) -> AuditRecord {
        let mut r = AuditRecord {
            schema: AUDIT_SCHEMA,
            borderseal: "0.1.0",
            policy: PolicyRef {
                id: "led-strict".to_owned(),
                version: "1.0.0".to_owned(),
                fingerprint: "sha256:00ff".to_owned(),
            },
            context: ContextRecord {
                recipient: variant.is_multiple_of(2).then(|| "bka.de".to_owned()),
                country: variant.is_multiple_of(3).then(|| "DE".to_owned()),
                legal_basis: (variant % 2 == 1).then(|| "led-art-35 \u{2028}".to_owned()),
                marking: vec!["TLP:AMBER".to_owned(), "EUROPOL:H1".to_owned()],
            },
            pseudonym_key_id: (variant % 2 == 1).then(|| "k\u{e000}1".to_owned()),
            input: DataRecord::text("input"),
            output: DataRecord::json(&serde_json::json!({"b": 1, "a": [true, null]})),
            counts: BTreeMap::new(),
            findings: (0..variant * 3)
                .map(|i| finding(i, (i % 2 == 0).then_some("/objects/0/name")))
                .collect(),
            send_rules: (0..variant).map(|i| format!("rule-{i}")).collect(),
            conditions: vec!["H1: \"no onward\"".to_owned()],
            reminted_ids: (variant % 3 == 2).then_some(variant * 11),
            offsets: "utf16",
        };
        r.count();
        r
    }

    #[test]
    fn direct_canonical_form_is_the_generic_one() {
        for variant in 0..8 {
            let r = record(variant);
            assert_eq!(
                r.canonical_json(),
                jcs::canonicalize(&r.to_value()),
                "{variant}"
            );
        }
    }
}
