//! Redact: the `Redactor`, which runs detect → decide → transform → verify → audit.
//!
//! Every entry point returns the whole result or an error, never partial output: a
//! blocked send is `BlockedByPolicy` (with the rule id), personal data left after
//! transformation is `ResidualPii`.

pub(crate) mod pipeline;
pub(crate) mod propagate;

pub use crate::decide::SendContext;
pub use crate::transform::PseudonymKey;

use crate::audit::{
    AUDIT_SCHEMA, AuditFinding, AuditRecord, ContextRecord, DataRecord, PolicyRef, round_score,
};
use crate::decide::presets::{self, DEFAULT_PRESET};
use crate::decide::terms::TermSet;
use crate::decide::{Policy, parse_policy, parse_policy_text};
use crate::detect::{self, Detector, DetectorConfig};
use crate::error::{Error, ErrorCode, Result};
use std::borrow::Cow;
use std::collections::BTreeSet;
use std::sync::Arc;

/// A finding with what the policy does with it.
#[derive(Clone, Debug, PartialEq)]
pub struct RedactionFinding {
    /// Entity type (or `FIELD` for a whole-field rule without one).
    pub entity: &'static str,
    /// Byte offset of the start (in the text, or in the string at `path`).
    pub start: usize,
    /// Byte offset one past the end.
    pub end: usize,
    /// Score in `[0, 1]`.
    pub score: f32,
    /// Recognizer id (borrowed for the built-in recognizers, owned for policy field rules).
    pub recognizer: Cow<'static, str>,
    /// Why it was found (never the value); shared by the findings that give the same reason.
    pub reason: Arc<str>,
    /// The action (applied, for redactions; decided, for previews).
    pub action: &'static str,
    /// The policy rule that chose the action (shared by the findings it decided).
    pub rule: Arc<str>,
    /// JSON pointer of the string (JSON input only).
    pub path: Option<String>,
}

/// The result of [`Redactor::redact_text`].
#[derive(Clone, Debug)]
pub struct TextRedaction {
    /// The redacted text.
    pub text: String,
    /// What was found and done.
    pub findings: Vec<RedactionFinding>,
    /// Conditions that must travel with the data.
    pub conditions: Vec<String>,
    /// The audit record.
    pub audit: AuditRecord,
}

/// The result of [`Redactor::redact_json`].
#[derive(Clone, Debug)]
pub struct JsonRedaction {
    /// The redacted JSON.
    pub value: serde_json::Value,
    /// What was found and done (each with its `path`).
    pub findings: Vec<RedactionFinding>,
    /// Conditions that must travel with the data.
    pub conditions: Vec<String>,
    /// The audit record.
    pub audit: AuditRecord,
}

/// Most bytes of folded allow-listed terms that each finding is compared with before the
/// text is searched for them (see `Redactor::allow_folded`); a longer list is searched.
const ALLOW_COMPARED_BYTES: usize = 4096;

/// A configured redaction pipeline: a validated policy, an optional pseudonym key and
/// the detector. `Send + Sync`; build once, use for many reports.
pub struct Redactor {
    pub(crate) policy: Policy,
    pub(crate) key: Option<PseudonymKey>,
    pub(crate) detector: Detector,
    pub(crate) allow: TermSet,
    pub(crate) deny: TermSet,
    pub(crate) special: TermSet,
    /// The union of the three lists' pair filters (see `Folded::narrow`); `None` when all
    /// three are empty.
    pub(crate) term_filter: Option<std::sync::Arc<[u64]>>,
    /// The union of the allow and deny lists' pair filters, for a search without the
    /// special-category list (the fail-closed re-scan, most previews); `None` unless both
    /// lists have terms (narrowing for one list alone costs what that list's own skip does).
    pub(crate) term_filter_plain: Option<std::sync::Arc<[u64]>>,
    /// The allow-listed terms, folded, when they are short enough together to be compared
    /// with each finding (see `AllowLook`); `None` otherwise (the text is searched).
    pub(crate) allow_look: Option<pipeline::AllowLook>,
    /// Whether `analyze`'s preview (the empty send context) depends on special-category
    /// terms (see `pipeline::special_matters`).
    pub(crate) preview_special: bool,
    pub(crate) pattern_re: crate::structured::stix::PatternScanner,
}

impl core::fmt::Debug for Redactor {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        // The key's Debug shows its id only.
        f.debug_struct("Redactor")
            .field("policy", &self.policy.id)
            .field("fingerprint", &self.policy.fingerprint)
            .field("key", &self.key)
            .finish_non_exhaustive()
    }
}

/// The detector reports everything the policy could act on: for each entity type, the
/// lowest minimum score any of the policy's rules for it asks for (the policy then decides
/// each finding with the rule that applies). A detector threshold above the policy's would
/// silently drop findings the policy wants.
fn detector_config(policy: &crate::decide::Policy) -> DetectorConfig {
    let mut config = DetectorConfig::default();
    let floor = |r: &crate::decide::Rule| r.min_score.unwrap_or(policy.min_score);
    config.default_min_score = policy.min_score.min(floor(&policy.default));
    for e in detect::Entity::ALL {
        let mut m = config.default_min_score;
        if let Some(r) = policy.entities.get(e) {
            m = m.min(floor(r));
        }
        for rules in policy.subjects.values() {
            if let Some(r) = rules.get(e) {
                m = m.min(floor(r));
            }
        }
        config.min_score.insert(*e, m.clamp(0.0, 1.0));
    }
    config.default_min_score = config.default_min_score.clamp(0.0, 1.0);
    config
}

impl Redactor {
    /// A redactor for `policy`: `None` = the `led-strict` preset; a preset name; or policy
    /// JSON text. `MissingPseudonymKey` if the policy uses pseudonyms and no key is given.
    pub fn new(policy: Option<&str>, pseudonym_key: Option<PseudonymKey>) -> Result<Self> {
        let policy = match policy {
            None => presets::preset(DEFAULT_PRESET)?,
            Some(p) if presets::looks_like_name(p) => presets::preset(p.trim())?,
            Some(p) => parse_policy_text(p)?,
        };
        Self::with_policy(policy, pseudonym_key)
    }

    /// A redactor for a policy given as a JSON value.
    pub fn from_policy_value(value: &serde_json::Value, key: Option<PseudonymKey>) -> Result<Self> {
        Self::with_policy(parse_policy(value)?, key)
    }

    fn with_policy(policy: Policy, key: Option<PseudonymKey>) -> Result<Self> {
        if policy.uses_pseudonyms() && key.is_none() {
            return Err(Error::new(
                ErrorCode::MissingPseudonymKey,
                format!(
                    "policy {} uses keyed pseudonyms; give a pseudonym key",
                    policy.id
                ),
            ));
        }
        let allow: Vec<(String, Option<detect::Entity>)> =
            policy.allow.iter().map(|t| (t.clone(), None)).collect();
        let deny: Vec<(String, Option<detect::Entity>)> = policy
            .deny
            .iter()
            .map(|(t, e)| (t.clone(), Some(*e)))
            .collect();
        let special: Vec<(String, Option<detect::Entity>)> = policy
            .special_terms
            .iter()
            .map(|t| (t.clone(), None))
            .collect();
        let (allow, deny, special) = (
            TermSet::new(&allow)?,
            TermSet::new(&deny)?,
            TermSet::new(&special)?,
        );
        let lists = [&allow, &deny, &special];
        let term_filter = lists
            .iter()
            .any(|l| l.automaton().is_some())
            .then(|| detect::terms::union_filter(lists.iter().filter_map(|l| l.automaton())));
        let allow_folded: Vec<String> = policy
            .allow
            .iter()
            .map(|t| detect::terms::fold_term(t, true))
            .collect();
        let allow_look = (allow_folded.iter().map(String::len).sum::<usize>()
            <= ALLOW_COMPARED_BYTES)
            .then(|| pipeline::AllowLook::new(allow_folded));
        let empty = SendContext::default();
        let preview_special = pipeline::special_matters(&policy, &empty, &empty.parsed_marking()?);
        let term_filter_plain = match (allow.automaton(), deny.automaton()) {
            (Some(a), Some(d)) => Some(detect::terms::union_filter([a, d].into_iter())),
            _ => None,
        };
        Ok(Self {
            detector: Detector::new(&detector_config(&policy))?,
            allow,
            deny,
            special,
            term_filter,
            term_filter_plain,
            allow_look,
            preview_special,
            pattern_re: crate::structured::stix::pattern_regex()?,
            policy,
            key,
        })
    }

    /// The validated policy.
    #[must_use]
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// `sha256:<hex>` of the policy's canonical form.
    #[must_use]
    pub fn policy_fingerprint(&self) -> String {
        self.policy.fingerprint.clone()
    }

    /// Findings with the action the policy would take for an empty send context
    /// (for previews; nothing is changed, nothing is blocked).
    pub fn analyze(&self, text: &str) -> Result<Vec<RedactionFinding>> {
        self.preview(text, &SendContext::default())
    }

    /// Redacts a text for `ctx`.
    pub fn redact_text(&self, text: &str, ctx: &SendContext) -> Result<TextRedaction> {
        ctx.check()?;
        if text.len() > detect::MAX_TEXT_BYTES {
            return Err(Error::new(
                ErrorCode::InputTooLarge,
                format!(
                    "text is {} bytes, the limit is {}",
                    text.len(),
                    detect::MAX_TEXT_BYTES
                ),
            ));
        }
        let marking = ctx.parsed_marking()?;
        let out = self.redact_str(text, ctx, &marking, None, None)?;
        let audit = self.audit(
            ctx,
            &marking,
            DataRecord::text(text),
            DataRecord::text(&out.text),
            &out.findings,
            &out.applied_rules,
            &out.conditions,
            None,
        );
        Ok(TextRedaction {
            text: out.text,
            findings: out.findings,
            conditions: out.conditions.into_iter().collect(),
            audit,
        })
    }

    /// Redacts any JSON value for `ctx` (STIX 2.1 bundles and MISP events are recognised).
    pub fn redact_json(
        &self,
        value: &serde_json::Value,
        ctx: &SendContext,
    ) -> Result<JsonRedaction> {
        ctx.check()?;
        let marking = ctx.parsed_marking()?;
        let out = crate::structured::redact_value(self, value, ctx, &marking)?;
        let audit = self.audit(
            ctx,
            &marking,
            DataRecord::json(value),
            DataRecord::json(&out.value),
            &out.findings,
            &out.applied_rules,
            &out.conditions,
            out.reminted,
        );
        Ok(JsonRedaction {
            value: out.value,
            findings: out.findings,
            conditions: out.conditions.into_iter().collect(),
            audit,
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn audit(
        &self,
        ctx: &SendContext,
        marking: &crate::decide::Marking,
        input: DataRecord,
        output: DataRecord,
        findings: &[RedactionFinding],
        rules: &BTreeSet<String>,
        conditions: &BTreeSet<String>,
        reminted: Option<usize>,
    ) -> AuditRecord {
        let used_key = findings.iter().any(|f| f.action == "pseudonym");
        let mut rec = AuditRecord {
            schema: AUDIT_SCHEMA,
            borderseal: crate::version(),
            policy: PolicyRef {
                id: self.policy.id.clone(),
                version: self.policy.version.clone(),
                fingerprint: self.policy.fingerprint.clone(),
            },
            context: ContextRecord {
                recipient: ctx.recipient.clone(),
                country: ctx.country.clone(),
                legal_basis: ctx.legal_basis.clone(),
                marking: marking.tokens(),
            },
            pseudonym_key_id: if used_key {
                self.key.as_ref().map(|k| k.key_id().to_owned())
            } else {
                None
            },
            input,
            output,
            counts: Default::default(),
            findings: findings
                .iter()
                .map(|f| AuditFinding {
                    entity: f.entity.to_owned(),
                    path: f.path.clone(),
                    start: f.start,
                    end: f.end,
                    action: f.action,
                    rule: f.rule.to_string(),
                    recognizer: f.recognizer.to_string(),
                    score: round_score(f.score),
                })
                .collect(),
            send_rules: rules.iter().cloned().collect(),
            conditions: conditions.iter().cloned().collect(),
            reminted_ids: reminted,
            offsets: "utf8",
        };
        rec.count();
        rec
    }
}
