//! One string through detect → decide → transform → verify (shared by text and JSON input).

use super::{RedactionFinding, Redactor};
use crate::decide::{Action, Marking, Resolved, SendContext};
use crate::detect::Entity;
use crate::error::{Error, ErrorCode, Result};
use crate::transform::{self, Span};
use std::collections::{BTreeMap, BTreeSet};

/// What one string became.
pub(crate) struct StrOut {
    pub text: String,
    pub findings: Vec<RedactionFinding>,
    pub conditions: BTreeSet<String>,
    pub applied_rules: BTreeSet<String>,
}

/// A candidate: a detector or deny-list finding before the decision.
struct Candidate {
    entity: Entity,
    start: usize,
    end: usize,
    score: f32,
    recognizer: String,
    reason: String,
}

/// Whether `[start, end)` lies inside one of `spans` (sorted by start, non-overlapping):
/// a binary search, so checking every finding stays O(n log n), not O(n²).
fn within<T>(spans: &[T], start: usize, end: usize, bounds: impl Fn(&T) -> (usize, usize)) -> bool {
    let i = spans.partition_point(|x| bounds(x).0 <= start);
    i.checked_sub(1)
        .and_then(|j| spans.get(j))
        .is_some_and(|x| end <= bounds(x).1)
}

pub(crate) fn blocked(rule: &str) -> Error {
    Error::new(
        ErrorCode::BlockedByPolicy,
        format!("the policy forbids sending this to this recipient (rule {rule})"),
    )
}

impl Redactor {
    /// Detector findings plus deny-list terms, minus allow-list terms; and whether any
    /// special-category term occurs.
    fn candidates(&self, text: &str) -> Result<(Vec<Candidate>, bool)> {
        let allowed: Vec<(usize, usize, Option<Entity>)> = self.allow.find(text);
        let is_allowed = |s: usize, e: usize| within(&allowed, s, e, |a| (a.0, a.1));
        let mut out: Vec<Candidate> = self
            .detector
            .analyze(text)?
            .into_iter()
            .filter(|f| !is_allowed(f.start, f.end))
            .map(|f| Candidate {
                entity: f.entity,
                start: f.start,
                end: f.end,
                score: f.score,
                recognizer: f.recognizer.to_owned(),
                reason: f.reason,
            })
            .collect();
        // Deny terms are always findings, even inside an allow-listed term.
        for (start, end, entity) in self.deny.find(text) {
            out.push(Candidate {
                entity: entity.unwrap_or(Entity::Person),
                start,
                end,
                score: 1.0,
                recognizer: "deny-list".to_owned(),
                reason: "policy:deny-term".to_owned(),
            });
        }
        Ok((out, self.special.any(text)))
    }

    /// The send rules for `ctx` with `marking`, failing if one blocks.
    pub(crate) fn resolve_or_block(
        &self,
        ctx: &SendContext,
        marking: &Marking,
    ) -> Result<Resolved<'_>> {
        let r = self.policy.resolve(ctx, marking);
        match r.block {
            Some(rule) => Err(blocked(&format!("send_rules.{rule}"))),
            None => Ok(r),
        }
    }

    /// Redacts one string under `marking` (already joined with the request's).
    pub(crate) fn redact_str(
        &self,
        text: &str,
        ctx: &SendContext,
        marking: &Marking,
        subject: Option<&str>,
        path: Option<&str>,
    ) -> Result<StrOut> {
        let (cands, special) = self.candidates(text)?;
        let mut marking = marking.clone();
        marking.special_category |= special;
        let resolved = self.resolve_or_block(ctx, &marking)?;
        let mut cands = cands;
        cands.sort_by(|a, b| a.start.cmp(&b.start).then(a.end.cmp(&b.end)));
        let mut spans = Vec::new();
        let mut kept = Vec::new();
        for c in cands {
            let Some(d) = self
                .policy
                .decide(&resolved, Some(c.entity), c.score, subject, None)
            else {
                continue;
            };
            if d.action == Action::Block {
                return Err(blocked(&d.rule));
            }
            spans.push(Span {
                start: c.start,
                end: c.end,
                entity: Some(c.entity),
                domain: c.entity.as_str().to_owned(),
                action: d.action,
            });
            kept.push((c, d.rule));
        }
        let applied = transform::apply(text, &spans, self.key.as_ref())?;
        // An unchanged text holds exactly the findings just decided (none acted on), so
        // the re-scan could find nothing new: skip it.
        if applied.text != text {
            self.verify(&applied.text, &applied.inserted, &resolved, subject)?;
        }
        let findings = kept
            .into_iter()
            .zip(applied.applied)
            .map(|((c, rule), action)| RedactionFinding {
                entity: c.entity.as_str().to_owned(),
                start: c.start,
                end: c.end,
                score: c.score,
                recognizer: c.recognizer,
                reason: c.reason,
                action,
                rule,
                path: path.map(str::to_owned),
            })
            .collect();
        Ok(StrOut {
            text: applied.text,
            findings,
            conditions: resolved.conditions,
            applied_rules: resolved.applied,
        })
    }

    /// Fail closed: scan the output again; any finding the policy says must not leave that
    /// was not written by an operator is an error (counts per type, never values).
    pub(crate) fn verify(
        &self,
        output: &str,
        inserted: &[(usize, usize)],
        resolved: &Resolved<'_>,
        subject: Option<&str>,
    ) -> Result<()> {
        let (cands, _) = self.candidates(output)?;
        let mut residual: BTreeMap<&'static str, usize> = BTreeMap::new();
        for c in cands {
            if within(inserted, c.start, c.end, |x| *x) {
                continue;
            }
            match self
                .policy
                .decide(resolved, Some(c.entity), c.score, subject, None)
            {
                Some(d) if d.action != Action::Keep => {
                    *residual.entry(c.entity.as_str()).or_default() += 1
                }
                _ => {}
            }
        }
        if residual.is_empty() {
            return Ok(());
        }
        let list: Vec<String> = residual.iter().map(|(e, n)| format!("{n} {e}")).collect();
        Err(Error::new(
            ErrorCode::ResidualPii,
            format!(
                "after redaction the output still holds personal data the policy says must not leave: {}",
                list.join(", ")
            ),
        ))
    }

    /// Findings with the decided action, for previews (nothing is changed).
    pub(crate) fn preview(&self, text: &str, ctx: &SendContext) -> Result<Vec<RedactionFinding>> {
        ctx.check()?;
        let (cands, special) = self.candidates(text)?;
        let mut marking = ctx.parsed_marking()?;
        marking.special_category |= special;
        let resolved = self.policy.resolve(ctx, &marking);
        let mut out: Vec<RedactionFinding> = cands
            .into_iter()
            .filter_map(|c| {
                let d = self
                    .policy
                    .decide(&resolved, Some(c.entity), c.score, None, None)?;
                Some(RedactionFinding {
                    entity: c.entity.as_str().to_owned(),
                    start: c.start,
                    end: c.end,
                    score: c.score,
                    recognizer: c.recognizer,
                    reason: c.reason,
                    action: d.action.name(),
                    rule: d.rule,
                    path: None,
                })
            })
            .collect();
        out.sort_by(|a, b| a.start.cmp(&b.start).then(a.end.cmp(&b.end)));
        Ok(out)
    }
}
