//! One string through detect → decide → transform → verify (shared by text and JSON input).

use super::propagate::{Seed, propagate};
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

/// Adds the other occurrences of every candidate's value (see `propagate`), so a value
/// found once is treated the same everywhere in the text.
fn propagate_values(text: &str, out: &mut Vec<Candidate>) {
    let seeds: Vec<Seed> = out
        .iter()
        .map(|c| Seed {
            start: c.start,
            end: c.end,
            entity: c.entity,
            score: c.score,
        })
        .collect();
    for s in propagate(text, &seeds) {
        out.push(Candidate {
            entity: s.entity,
            start: s.start,
            end: s.end,
            score: s.score,
            recognizer: "same-value".to_owned(),
            reason: format!("same-value:{}", s.entity.as_str()),
        });
    }
}

impl Redactor {
    /// Detector findings plus deny-list terms, minus allow-list terms; and whether any
    /// special-category term occurs. `mask`: the ranges an operator wrote (no context
    /// evidence, see `Detector::analyze_masked`).
    fn candidates(&self, text: &str, mask: &[(usize, usize)]) -> Result<(Vec<Candidate>, bool)> {
        let allowed: Vec<(usize, usize, Option<Entity>)> = self.allow.find(text);
        let is_allowed = |s: usize, e: usize| within(&allowed, s, e, |a| (a.0, a.1));
        let mut out: Vec<Candidate> = self
            .detector
            .analyze_masked(text, mask)?
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
        propagate_values(text, &mut out);
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
        let (cands, special) = self.candidates(text, &[])?;
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
    ///
    /// The re-scan is a full detection of the output. What an operator wrote is no context
    /// evidence for the text around it: the label `[DATE_OF_BIRTH]` holds the birth word
    /// "birth", and without the mask it would turn the next date into a date of birth that
    /// the input never had, failing a correct redaction.
    pub(crate) fn verify(
        &self,
        output: &str,
        inserted: &[(usize, usize)],
        resolved: &Resolved<'_>,
        subject: Option<&str>,
    ) -> Result<()> {
        let (cands, _) = self.candidates(output, inserted)?;
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
        let (cands, special) = self.candidates(text, &[])?;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> SendContext {
        SendContext {
            marking: Some("TLP:AMBER".to_owned()),
            ..SendContext::default()
        }
    }

    #[test]
    fn a_label_is_no_context_word_in_the_re_scan() {
        // "[DATE_OF_BIRTH]" contains the birth word "birth"; the date after it is a payment
        // date, more than a window away from "geboren" in the input. The re-scan must not
        // read the label as evidence and fail the redaction.
        let r = Redactor::new(None, None).unwrap_or_else(|e| unreachable!("{e}"));
        let text = "geboren am 12.03.1985. Betrag 1.234,56 EUR wurde am 03.04.2024 überwiesen";
        let out = r
            .redact_text(text, &ctx())
            .unwrap_or_else(|e| unreachable!("{e}"));
        assert!(!out.text.contains("12.03.1985"), "{}", out.text);
        assert!(out.text.contains("[DATE_OF_BIRTH]"), "{}", out.text);
        assert!(out.text.contains("03.04.2024"), "{}", out.text);
    }

    #[test]
    fn the_re_scan_still_reads_the_authors_context() {
        // A birth word written by the author still counts next to untouched text: the
        // same detection as on the input, so nothing found there is missed here.
        let r = Redactor::new(None, None).unwrap_or_else(|e| unreachable!("{e}"));
        let found = r
            .analyze("Anna, geboren am 12.03.1985")
            .unwrap_or_else(|e| unreachable!("{e}"));
        assert!(found.iter().any(|f| f.entity == "DATE_OF_BIRTH"));
        let label = "[X]";
        let masked = r
            .detector
            .analyze_masked("[X] geboren am 12.03.1985", &[(0, label.len())])
            .unwrap_or_else(|e| unreachable!("{e}"));
        assert!(masked.iter().any(|f| f.entity == Entity::DateOfBirth));
    }
}
