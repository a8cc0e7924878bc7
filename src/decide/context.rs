//! The send context and the decisions that depend on it: send rules, then one action per finding.

use super::marking::Marking;
use super::model::{Action, FieldRule, Policy, Rule, SendRule};
use crate::detect::Entity;
use crate::error::{Error, ErrorCode, Result};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// Where a report is going and under which marking and legal basis.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SendContext {
    /// Receiving organisation (as the sharing agreement names it).
    pub recipient: Option<String>,
    /// Receiving country, ISO 3166-1 alpha-2.
    pub country: Option<String>,
    /// Handling marking of the input, e.g. `TLP:AMBER+STRICT, H1` (see [`Marking::parse`]).
    pub marking: Option<String>,
    /// Legal basis of the transfer (free identifier agreed in the policy, e.g. `led-art-35`).
    pub legal_basis: Option<String>,
}

impl SendContext {
    /// Rejects oversized fields (they end up in the audit record).
    pub fn check(&self) -> Result<()> {
        for (name, v) in [
            ("recipient", &self.recipient),
            ("country", &self.country),
            ("legalBasis", &self.legal_basis),
        ] {
            if v.as_ref().is_some_and(|s| s.len() > 256) {
                return Err(Error::new(
                    ErrorCode::InputTooLarge,
                    format!("send context {name} is longer than 256 bytes"),
                ));
            }
        }
        Ok(())
    }

    /// The marking string parsed.
    pub fn parsed_marking(&self) -> Result<Marking> {
        self.marking
            .as_deref()
            .map_or_else(|| Ok(Marking::default()), Marking::parse)
    }
}

/// The send rules that hold for one context + marking.
#[derive(Clone, Debug, Default)]
pub struct Resolved<'p> {
    /// The first blocking rule, if any.
    pub block: Option<&'p str>,
    /// Conditions that must travel with the data.
    pub conditions: BTreeSet<String>,
    /// Ids of every rule that held.
    pub applied: BTreeSet<String>,
    overrides: Vec<(&'p str, &'p BTreeMap<Entity, Rule>)>,
}

impl Resolved<'_> {
    /// Whether [`Policy::decide`] decides every finding the same under `self` and `other`
    /// (two resolutions of one policy): it reads only the entity overrides of the send rules
    /// that hold, so the same overrides, in the same order, decide the same.
    #[must_use]
    pub fn decides_like(&self, other: &Resolved<'_>) -> bool {
        self.overrides.len() == other.overrides.len()
            && self
                .overrides
                .iter()
                .zip(&other.overrides)
                .all(|(a, b)| a.0 == b.0 && std::ptr::eq(a.1, b.1))
    }
}

/// The action for one finding and the rule that chose it.
#[derive(Clone, Debug, PartialEq)]
pub struct Decision {
    /// The action.
    pub action: Action,
    /// The rule id, e.g. `entities.EMAIL`, `send_rules.h1.entities.PERSON`, `default`.
    /// Shared: every finding the decision applies to carries it, without a copy each.
    pub rule: Arc<str>,
    /// The threshold that applied.
    pub min_score: f32,
}

fn any_eq(list: &Option<Vec<String>>, value: Option<&str>, ci: bool) -> bool {
    list.as_ref().is_none_or(|l| {
        value.is_some_and(|v| {
            l.iter().any(|x| {
                if ci {
                    x.eq_ignore_ascii_case(v)
                } else {
                    x == v
                }
            })
        })
    })
}

fn holds(rule: &SendRule, ctx: &SendContext, marking: &Marking) -> bool {
    let w = &rule.when;
    any_eq(&w.recipients, ctx.recipient.as_deref(), false)
        && any_eq(&w.countries, ctx.country.as_deref(), true)
        && any_eq(&w.legal_bases, ctx.legal_basis.as_deref(), false)
        && w.legal_bases_not
            .as_ref()
            .is_none_or(|l| ctx.legal_basis.as_ref().is_none_or(|b| !l.contains(b)))
        && w.markings
            .as_ref()
            .is_none_or(|l| l.iter().any(|t| marking.has_token(t)))
        && w.tlp_at_least
            .is_none_or(|min| marking.tlp.is_some_and(|t| t >= min))
        && w.unmarked.is_none_or(|u| u == marking.tlp.is_none())
        && w.special_category
            .is_none_or(|s| s == marking.special_category)
}

impl Policy {
    /// Evaluates the send rules for `ctx` with the effective `marking`.
    #[must_use]
    pub fn resolve(&self, ctx: &SendContext, marking: &Marking) -> Resolved<'_> {
        let mut r = Resolved::default();
        for rule in &self.send_rules {
            if !holds(rule, ctx, marking) {
                continue;
            }
            r.applied.insert(rule.id.clone());
            if rule.block && r.block.is_none() {
                r.block = Some(&rule.id);
            }
            r.conditions.extend(rule.conditions.iter().cloned());
            if !rule.entities.is_empty() {
                r.overrides.push((&rule.id, &rule.entities));
            }
        }
        r
    }

    /// The decision for a finding of `entity` (`None`: a whole field without entity type)
    /// with `score`, or `None` when it is out of scope or below threshold.
    ///
    /// Precedence, most specific first: the field rule's own action, the last send rule
    /// that holds and names the type, the data-subject category, the entity rule, the
    /// default.
    #[must_use]
    pub fn decide(
        &self,
        resolved: &Resolved<'_>,
        entity: Option<Entity>,
        score: f32,
        subject: Option<&str>,
        field: Option<&FieldRule>,
    ) -> Option<Decision> {
        if let Some(f) = field
            && let Some(a) = &f.action
        {
            return Some(Decision {
                action: a.clone(),
                rule: format!("fields.{}", f.id).into(),
                min_score: 0.0,
            });
        }
        // A typed field without an entity type (a MISP `identity-card-number`, …) is an
        // identifier of no known format: the default rule applies.
        let Some(e) = entity else {
            let min_score = self.default.min_score.unwrap_or(self.min_score);
            return (score >= min_score).then(|| Decision {
                action: self.default.action.clone(),
                rule: "default".into(),
                min_score,
            });
        };
        if !self.in_scope(e) {
            return None;
        }
        let name = e.as_str();
        let found = resolved
            .overrides
            .iter()
            .rev()
            .find_map(|(id, m)| {
                m.get(&e)
                    .map(|r| (r, format!("send_rules.{id}.entities.{name}")))
            })
            .or_else(|| {
                let s = subject?;
                self.subjects
                    .get(s)?
                    .get(&e)
                    .map(|r| (r, format!("subjects.{s}.{name}")))
            })
            .or_else(|| {
                self.entities
                    .get(&e)
                    .map(|r| (r, format!("entities.{name}")))
            })
            .unwrap_or((&self.default, "default".to_owned()));
        let (rule, id) = found;
        let min_score = rule.min_score.unwrap_or(self.min_score);
        (score >= min_score).then(|| Decision {
            action: rule.action.clone(),
            rule: id.into(),
            min_score,
        })
    }
}
