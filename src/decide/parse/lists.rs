//! Policy validation of field rules, term lists and send rules.

use super::rules::{action, entity_rules, path_pattern};
use super::{MAX_TERM_BYTES, MAX_TERMS, Problems, entity, known_keys, ptr, string_field, valid_id};
use crate::decide::marking::{Marking, Tlp};
use crate::decide::model::{FieldMatch, FieldRule, SendRule, When};
use crate::detect::Entity;
use crate::error::{Error, ErrorCode, Result};
use serde_json::{Map, Value};

pub(super) fn field_rules(v: Option<&Value>, p: &mut Problems) -> Vec<FieldRule> {
    let Some(v) = v else { return Vec::new() };
    let Some(items) = v.as_array() else {
        p.add("/fields", "expected an array of field rules");
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let path = format!("/fields/{i}");
        let Some(o) = item.as_object() else {
            p.add(&path, "expected an object");
            continue;
        };
        known_keys(
            o,
            &path,
            &["id", "path", "name", "action", "entity", "scan", "subject"],
            p,
        );
        let id = string_field(o, &path, "id", true, p).unwrap_or_default();
        if !id.is_empty() && !valid_id(&id) {
            p.add(&ptr(&path, "id"), "must match ^[a-z0-9][a-z0-9._-]{0,63}$");
        }
        let matcher = match (o.get("path"), o.get("name")) {
            (Some(pv), None) => path_pattern(pv, &ptr(&path, "path"), p).map(FieldMatch::Path),
            (None, Some(Value::String(n))) => Some(FieldMatch::Name(n.clone())),
            (None, Some(_)) => {
                p.add(&ptr(&path, "name"), "expected a string");
                None
            }
            _ => {
                p.add(&path, "exactly one of \"path\" and \"name\" is required");
                None
            }
        };
        let action = o
            .get("action")
            .and_then(|a| action(a, &ptr(&path, "action"), p));
        let entity = string_field(o, &path, "entity", false, p)
            .and_then(|e| entity(&e, &ptr(&path, "entity"), p));
        let scan = match o.get("scan") {
            None => true,
            Some(Value::Bool(b)) => *b,
            Some(_) => {
                p.add(&ptr(&path, "scan"), "expected a boolean");
                true
            }
        };
        let subject = string_field(o, &path, "subject", false, p);
        if let Some(matcher) = matcher {
            out.push(FieldRule {
                id,
                matcher,
                action,
                entity,
                scan,
                subject,
            });
        }
    }
    out
}

type Terms = (Vec<String>, Vec<(String, Entity)>, Vec<String>);

pub(super) fn terms(v: Option<&Value>, p: &mut Problems) -> Result<Terms> {
    let (mut allow, mut deny, mut special) = (Vec::new(), Vec::new(), Vec::new());
    let Some(v) = v else {
        return Ok((allow, deny, special));
    };
    let Some(o) = v.as_object() else {
        p.add("/terms", "expected an object");
        return Ok((allow, deny, special));
    };
    known_keys(o, "/terms", &["allow", "deny", "special_category"], p);
    let count: usize = ["allow", "deny", "special_category"]
        .iter()
        .filter_map(|k| o.get(*k)?.as_array())
        .map(Vec::len)
        .sum();
    if count > MAX_TERMS {
        return Err(Error::new(
            ErrorCode::PatternTooLarge,
            format!("policy has {count} terms, the limit is {MAX_TERMS}"),
        ));
    }
    let term = |v: &Value, path: String, p: &mut Problems| -> Result<Option<String>> {
        match v.as_str() {
            Some(s) if s.len() > MAX_TERM_BYTES => Err(Error::new(
                ErrorCode::PatternTooLarge,
                format!(
                    "{path}: term is {} bytes, the limit is {MAX_TERM_BYTES}",
                    s.len()
                ),
            )),
            Some(s) if s.trim().is_empty() => {
                p.add(&path, "term must not be empty");
                Ok(None)
            }
            Some(s) => Ok(Some(s.trim().to_owned())),
            None => {
                p.add(&path, "expected a string");
                Ok(None)
            }
        }
    };
    for (key, list) in [("allow", &mut allow), ("special_category", &mut special)] {
        match o.get(key) {
            None => {}
            Some(Value::Array(items)) => {
                for (i, x) in items.iter().enumerate() {
                    if let Some(t) = term(x, format!("/terms/{key}/{i}"), p)? {
                        list.push(t);
                    }
                }
            }
            Some(_) => p.add(&format!("/terms/{key}"), "expected an array of strings"),
        }
    }
    match o.get("deny") {
        None => {}
        Some(Value::Array(items)) => {
            for (i, x) in items.iter().enumerate() {
                let path = format!("/terms/deny/{i}");
                let Some(d) = x.as_object() else {
                    p.add(&path, "expected {\"term\": …, \"entity\": …}");
                    continue;
                };
                known_keys(d, &path, &["term", "entity"], p);
                let t = match d.get("term") {
                    Some(tv) => term(tv, ptr(&path, "term"), p)?,
                    None => {
                        p.add(&ptr(&path, "term"), "required property is missing");
                        None
                    }
                };
                let e = string_field(d, &path, "entity", true, p)
                    .and_then(|e| entity(&e, &ptr(&path, "entity"), p));
                if let (Some(t), Some(e)) = (t, e) {
                    deny.push((t, e));
                }
            }
        }
        Some(_) => p.add("/terms/deny", "expected an array"),
    }
    Ok((allow, deny, special))
}

fn string_list(
    o: &Map<String, Value>,
    key: &str,
    path: &str,
    p: &mut Problems,
) -> Option<Vec<String>> {
    let v = o.get(key)?;
    let kp = ptr(path, key);
    match v.as_array() {
        Some(items) => Some(
            items
                .iter()
                .enumerate()
                .filter_map(|(i, x)| {
                    let s = x.as_str().map(str::to_owned);
                    if s.is_none() {
                        p.add(&format!("{kp}/{i}"), "expected a string");
                    }
                    s
                })
                .collect(),
        ),
        None => {
            p.add(&kp, "expected an array of strings");
            None
        }
    }
}

pub(super) fn send_rules(v: Option<&Value>, p: &mut Problems) -> Vec<SendRule> {
    let Some(v) = v else { return Vec::new() };
    let Some(items) = v.as_array() else {
        p.add("/send_rules", "expected an array");
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let path = format!("/send_rules/{i}");
        let Some(o) = item.as_object() else {
            p.add(&path, "expected an object");
            continue;
        };
        known_keys(
            o,
            &path,
            &[
                "id",
                "description",
                "when",
                "block",
                "conditions",
                "entities",
            ],
            p,
        );
        let id = string_field(o, &path, "id", true, p).unwrap_or_default();
        if !id.is_empty() && !valid_id(&id) {
            p.add(&ptr(&path, "id"), "must match ^[a-z0-9][a-z0-9._-]{0,63}$");
        }
        let _ = string_field(o, &path, "description", false, p);
        let when = o
            .get("when")
            .map(|w| when(w, &ptr(&path, "when"), p))
            .unwrap_or_default();
        let block = match o.get("block") {
            None => false,
            Some(Value::Bool(b)) => *b,
            Some(_) => {
                p.add(&ptr(&path, "block"), "expected a boolean");
                false
            }
        };
        let conditions = string_list(o, "conditions", &path, p).unwrap_or_default();
        let entities = o
            .get("entities")
            .map(|e| entity_rules(e, &ptr(&path, "entities"), p))
            .unwrap_or_default();
        out.push(SendRule {
            id,
            when,
            block,
            conditions,
            entities,
        });
    }
    out
}

fn when(v: &Value, path: &str, p: &mut Problems) -> When {
    let Some(o) = v.as_object() else {
        p.add(path, "expected an object");
        return When::default();
    };
    known_keys(
        o,
        path,
        &[
            "recipients",
            "countries",
            "legal_bases",
            "legal_bases_not",
            "markings",
            "tlp_at_least",
            "unmarked",
            "special_category",
        ],
        p,
    );
    let markings = string_list(o, "markings", path, p);
    for (i, m) in markings.iter().flatten().enumerate() {
        if !Marking::default().add_token(m) {
            p.add(&format!("{path}/markings/{i}"), "unknown marking token");
        }
    }
    let tlp_at_least = string_field(o, path, "tlp_at_least", false, p).and_then(|t| {
        let l = Tlp::parse(&t);
        if l.is_none() {
            p.add(
                &ptr(path, "tlp_at_least"),
                "expected TLP:CLEAR|GREEN|AMBER|AMBER+STRICT|RED",
            );
        }
        l
    });
    let flag = |k: &str, p: &mut Problems| match o.get(k) {
        None => None,
        Some(Value::Bool(b)) => Some(*b),
        Some(_) => {
            p.add(&ptr(path, k), "expected a boolean");
            None
        }
    };
    When {
        recipients: string_list(o, "recipients", path, p),
        countries: string_list(o, "countries", path, p),
        legal_bases: string_list(o, "legal_bases", path, p),
        legal_bases_not: string_list(o, "legal_bases_not", path, p),
        markings,
        tlp_at_least,
        unmarked: flag("unmarked", p),
        special_category: flag("special_category", p),
    }
}
