//! The JSON walker: field rules, typed fields, free-text scanning, per-node markings.

use super::{misp, pointer, stix, stix_ids};
use crate::decide::{
    Action, Decision, FieldMatch, FieldRule, GeneralizeMethod, Marking, Resolved, Segment,
    SendContext,
};
use crate::detect::Entity;
use crate::error::Result;
use crate::redact::pipeline::blocked;
use crate::redact::{RedactionFinding, Redactor};
use crate::transform::Span;
use crate::transform::operators::{self, is_redaction_marker};
use serde_json::{Map, Value};
use std::collections::BTreeSet;
use std::sync::Arc;

/// What a whole value is known to be (from its STIX property or MISP type).
#[derive(Clone, Debug, PartialEq)]
pub struct Typed {
    /// Entity type, if it has one.
    pub entity: Option<Entity>,
    /// Label text and pseudonym domain.
    pub domain: String,
    /// Recognizer id for the audit record, e.g. `stix:email-addr.value`.
    pub recognizer: String,
}

/// The context of one JSON value.
#[derive(Clone, Debug)]
pub struct Node {
    /// Effective marking (request ⊔ object ⊔ granular ⊔ MISP distribution/tags).
    pub marking: Marking,
    /// Data-subject category, from a field rule.
    pub subject: Option<String>,
    /// Index of the field rule that holds for this value (inherited downwards).
    pub rule: Option<usize>,
    /// Known type of the whole value.
    pub typed: Option<Typed>,
    /// Whether free text is scanned.
    pub scan: bool,
    /// Inside the policy's `scope.fields` (always, when that list is empty).
    pub in_scope: bool,
    /// A removed value becomes `""` instead of deleting the member (required properties).
    pub keep_key: bool,
    /// A STIX pattern: comparison values are typed by their object path.
    pub pattern: bool,
}

impl Node {
    /// The root context.
    #[must_use]
    pub fn root(marking: Marking) -> Node {
        Node {
            marking,
            subject: None,
            rule: None,
            typed: None,
            scan: true,
            in_scope: false,
            keep_key: false,
            pattern: false,
        }
    }
}

/// Walk state: the findings, conditions and rules gathered so far.
pub struct Walker<'r> {
    pub(crate) r: &'r Redactor,
    ctx: &'r SendContext,
    pub(crate) findings: Vec<RedactionFinding>,
    pub(crate) conditions: BTreeSet<String>,
    pub(crate) applied: BTreeSet<String>,
    pub(crate) reminted: usize,
}

fn path_matches(pattern: &[Segment], path: &[String]) -> bool {
    pattern.len() == path.len()
        && pattern
            .iter()
            .zip(path)
            .all(|(p, s)| matches!(p, Segment::Any) || matches!(p, Segment::Name(n) if n == s))
}

impl<'r> Walker<'r> {
    /// A walker for one run.
    pub fn new(r: &'r Redactor, ctx: &'r SendContext) -> Self {
        Walker {
            r,
            ctx,
            findings: Vec::new(),
            conditions: BTreeSet::new(),
            applied: BTreeSet::new(),
            reminted: 0,
        }
    }

    /// Evaluates the send rules for `marking` (blocking fails the whole run).
    pub fn resolve(&mut self, marking: &Marking) -> Result<Resolved<'r>> {
        let res = self.r.resolve_or_block(self.ctx, marking)?;
        self.conditions.extend(res.conditions.iter().cloned());
        self.applied.extend(res.applied.iter().cloned());
        Ok(res)
    }

    /// Walks `v` at `path`; `None` means the value is removed.
    pub fn walk(
        &mut self,
        v: &Value,
        path: &mut Vec<String>,
        node: &Node,
    ) -> Result<Option<Value>> {
        let node_in_scope;
        let node = if node.in_scope
            || self.r.policy.scope_fields.is_empty()
            || self
                .r
                .policy
                .scope_fields
                .iter()
                .any(|p| path_matches(p, path))
        {
            node_in_scope = Node {
                in_scope: true,
                ..node.clone()
            };
            &node_in_scope
        } else {
            node
        };
        match v {
            Value::Object(map) => self.walk_object(map, path, node),
            Value::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    path.push(i.to_string());
                    let r = self.walk(item, path, node)?;
                    path.pop();
                    out.extend(r);
                }
                // A bare array of STIX objects (a TAXII envelope's `objects`, a misp-stix
                // list) gets its value-derived ids re-minted like a bundle's.
                let stix = !items.is_empty()
                    && out.len() == items.len()
                    && items
                        .iter()
                        .all(|o| o.as_object().and_then(stix::object_type).is_some());
                if stix {
                    self.reminted += stix_ids::remint(items, &mut out)?;
                }
                Ok(Some(Value::Array(out)))
            }
            _ => self.leaf(v, path, node),
        }
    }

    fn walk_object(
        &mut self,
        map: &Map<String, Value>,
        path: &mut Vec<String>,
        node: &Node,
    ) -> Result<Option<Value>> {
        let mut node = Node {
            typed: None,
            keep_key: false,
            pattern: false,
            ..node.clone()
        };
        if misp::container_marking(map, &mut node.marking) {
            self.resolve(&node.marking)?;
        }
        if misp::is_attribute(map) {
            return misp::attribute(self, map, path, &node);
        }
        let stix_type = stix::object_type(map);
        if stix_type.is_some() {
            // A STIX object outside a bundle: only predefined TLP ids can be resolved.
            let (node, granular) = stix::object_markings(self, map, &Default::default(), &node)?;
            return self
                .members(map, path, &node, stix_type, &granular)
                .map(|m| Some(Value::Object(m)));
        }
        self.members(map, path, &node, None, &[])
            .map(|m| Some(Value::Object(m)))
    }

    /// Walks the members of an object; STIX structural properties are copied, STIX typed
    /// properties get their type; `granular` adds markings per top-level property.
    pub fn members(
        &mut self,
        map: &Map<String, Value>,
        path: &mut Vec<String>,
        node: &Node,
        stix_type: Option<&str>,
        granular: &[(String, Marking)],
    ) -> Result<Map<String, Value>> {
        let mut out = Map::new();
        for (k, v) in map {
            if stix_type.is_some() && stix::is_structural(k) {
                out.insert(k.clone(), v.clone());
                continue;
            }
            let mut child = node.clone();
            for (sel, m) in granular {
                if sel == k {
                    child.marking = child.marking.join(m);
                }
            }
            child.typed = stix_type.and_then(|t| stix::typed(t, k, map));
            child.keep_key = stix_type.is_some() && stix::is_required(k);
            child.pattern = stix_type == Some("indicator") && k == "pattern";
            path.push(k.clone());
            let r = self.member(k, v, path, child)?;
            path.pop();
            if let Some(x) = r {
                out.insert(k.clone(), x);
            }
        }
        Ok(out)
    }

    /// Applies the first matching field rule to `child`, then walks `v`.
    pub fn member(
        &mut self,
        key: &str,
        v: &Value,
        path: &mut Vec<String>,
        mut child: Node,
    ) -> Result<Option<Value>> {
        let rule = self.r.policy.fields.iter().position(|f| match &f.matcher {
            FieldMatch::Path(p) => path_matches(p, path),
            FieldMatch::Name(n) => n == key,
        });
        if let Some(i) = rule {
            child.rule = Some(i);
            if let Some(f) = self.r.policy.fields.get(i) {
                child.scan = f.scan;
                if f.subject.is_some() {
                    child.subject.clone_from(&f.subject);
                }
            }
        }
        self.walk(v, path, &child)
    }

    /// The whole-value decision for a leaf, if a field rule or a known type gives one.
    fn whole(&mut self, node: &Node) -> Result<Option<(Decision, Typed)>> {
        let rule: Option<&'r FieldRule> = node.rule.and_then(|i| self.r.policy.fields.get(i));
        self.decide_for(node, rule, node.typed.as_ref())
    }

    /// The decision for a value under field rule `rule` or of known type `typed`.
    fn decide_for(
        &mut self,
        node: &Node,
        rule: Option<&'r FieldRule>,
        typed: Option<&Typed>,
    ) -> Result<Option<(Decision, Typed)>> {
        let typed = match rule {
            Some(f) if f.action.is_some() || f.entity.is_some() => Typed {
                entity: f.entity,
                domain: f.entity.map_or_else(
                    || f.id.to_ascii_uppercase().replace(['-', '.'], "_"),
                    |e| e.as_str().to_owned(),
                ),
                recognizer: format!("field:{}", f.id),
            },
            _ => match typed {
                Some(t) => t.clone(),
                None => return Ok(None),
            },
        };
        let resolved = self.resolve(&node.marking)?;
        let field = rule.filter(|f| f.action.is_some());
        Ok(self
            .r
            .policy
            .decide(&resolved, typed.entity, 1.0, node.subject.as_deref(), field)
            .map(|d| (d, typed)))
    }

    fn leaf(&mut self, v: &Value, path: &mut [String], node: &Node) -> Result<Option<Value>> {
        // Already an operator's output (a label or a pseudonym token): redacting twice
        // must not change it again (a token of a token would break linkage).
        if v.as_str().is_some_and(|s| {
            is_redaction_marker(s) || (node.typed.is_some() && stix::is_sco_marker(s))
        }) {
            return Ok(Some(v.clone()));
        }
        if let Some((d, t)) = self.whole(node)? {
            return self.whole_value(v, path, node, &d, &t);
        }
        match v {
            Value::String(s) if node.scan && node.in_scope && !s.is_empty() => {
                let pre;
                let s = if node.pattern {
                    pre = self.pattern_pass(s, &pointer(path), node)?;
                    &pre
                } else {
                    s
                };
                let mut out =
                    self.r
                        .redact_str(s, self.ctx, &node.marking, node.subject.as_deref(), None)?;
                // The pointer is only built for strings that had findings.
                if !out.findings.is_empty() {
                    let at = pointer(path);
                    for f in &mut out.findings {
                        f.path = Some(at.clone());
                    }
                }
                // A `url` property (STIX `external_references[].url`, MISP links) must stay a
                // URI for schema validators: a redacted one becomes a reserved RFC 2606
                // `.invalid` URL (keeping a pseudonym's bits) rather than `[URL]`.
                let text = if out.text != *s
                    && path.last().is_some_and(|k| k == "url")
                    && !out.text.contains("://")
                {
                    let action = out.findings.first().map_or("remove", |f| f.action);
                    stix::sco_value("stix:url.value", action, &out.text)
                        .unwrap_or_else(|| "https://redacted.invalid/".to_owned())
                } else {
                    out.text
                };
                self.conditions.extend(out.conditions);
                self.applied.extend(out.applied_rules);
                self.findings.extend(out.findings);
                Ok(Some(Value::String(text)))
            }
            _ => Ok(Some(v.clone())),
        }
    }

    /// Redacts the comparison values of a STIX pattern by the type of the property they
    /// are compared with (the same action as on the object's own property).
    fn pattern_pass(&mut self, pattern: &str, at: &str, node: &Node) -> Result<String> {
        let mut spans = Vec::new();
        let mut meta = Vec::new();
        for (start, end, typed, prop) in stix::pattern_values(pattern, &self.r.pattern_re) {
            if pattern.get(start..end).is_some_and(is_redaction_marker) {
                continue;
            }
            let rule = self
                .r
                .policy
                .fields
                .iter()
                .find(|f| matches!(&f.matcher, FieldMatch::Name(n) if *n == prop));
            let Some((d, t)) = self.decide_for(node, rule, typed.as_ref())? else {
                continue;
            };
            if d.action == Action::Block {
                return Err(blocked(&d.rule));
            }
            if d.action == Action::Keep {
                continue;
            }
            spans.push(Span {
                start,
                end,
                entity: t.entity,
                domain: t.domain.clone(),
                action: d.action.clone(),
            });
            meta.push((start, end, t, d.rule));
        }
        if spans.is_empty() {
            return Ok(pattern.to_owned());
        }
        let applied = crate::transform::apply(pattern, &spans, self.r.key.as_ref())?;
        for ((start, end, t, rule), action) in meta.into_iter().zip(applied.applied) {
            self.findings.push(RedactionFinding {
                entity: t.entity.map_or("FIELD", |e| e.as_str()),
                start,
                end,
                score: 1.0,
                recognizer: format!("{}:pattern", t.recognizer).into(),
                reason: Arc::from("stix-pattern"),
                action,
                rule,
                path: Some(at.to_owned()),
            });
        }
        Ok(applied.text)
    }

    /// Applies a whole-value decision to a leaf and records it.
    pub fn whole_value(
        &mut self,
        v: &Value,
        path: &[String],
        node: &Node,
        d: &Decision,
        t: &Typed,
    ) -> Result<Option<Value>> {
        if d.action == Action::Block {
            return Err(blocked(&d.rule));
        }
        let (out, name) = match (v, &d.action) {
            (_, Action::Keep) => (Some(v.clone()), "keep"),
            (_, Action::Remove) => (
                node.keep_key.then(|| Value::String(String::new())),
                "remove",
            ),
            (Value::Number(n), Action::Generalize { method, keep })
                if matches!(
                    method.or(GeneralizeMethod::for_entity(t.entity)),
                    Some(GeneralizeMethod::Grid)
                ) =>
            {
                match n
                    .as_f64()
                    .and_then(|x| operators::grid_number(x, keep.unwrap_or(1)))
                    .and_then(serde_json::Number::from_f64)
                {
                    Some(g) => (Some(Value::Number(g)), "generalize"),
                    None => (
                        node.keep_key.then(|| Value::String(String::new())),
                        "remove",
                    ),
                }
            }
            (Value::String(s), a) => {
                let (text, name) =
                    operators::render(a, t.entity, &t.domain, s, self.r.key.as_ref())?;
                let text = stix::sco_value(&t.recognizer, name, &text).unwrap_or(text);
                (Some(Value::String(text)), name)
            }
            (other, a) => {
                // The compact JSON text, as `other.to_string()` writes it, but through the
                // serialiser the module already has: `Display` for a `Value` links a compact
                // and a pretty-printing one of its own. Serialising a `Value` cannot fail.
                let json = serde_json::to_string(other).unwrap_or_default();
                let (text, name) =
                    operators::render(a, t.entity, &t.domain, &json, self.r.key.as_ref())?;
                (Some(Value::String(text)), name)
            }
        };
        let len = v.as_str().map_or(0, str::len);
        if len > 0 || !v.is_string() {
            self.findings.push(RedactionFinding {
                entity: t.entity.map_or("FIELD", |e| e.as_str()),
                start: 0,
                end: len,
                score: 1.0,
                recognizer: t.recognizer.clone().into(),
                reason: Arc::from("field"),
                action: name,
                rule: d.rule.clone(),
                path: Some(pointer(path)),
            });
        }
        Ok(out)
    }
}
