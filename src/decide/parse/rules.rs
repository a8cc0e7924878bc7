//! Policy validation of actions, entity rules, scope and data-subject categories.

use super::{MAX_LABEL_CHARS, Problems, entity, known_keys, ptr, score, small_uint, string_field};
use crate::decide::model::{Action, GeneralizeMethod, Rule, Segment};
use crate::detect::Entity;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// An action: `"label"` or `{"action": "mask", "keep_end": 4, …}`.
pub(super) fn action(v: &Value, path: &str, p: &mut Problems) -> Option<Action> {
    let (name, obj, name_path) = match v {
        Value::String(s) => (s.as_str(), None, path.to_owned()),
        Value::Object(o) => match o.get("action") {
            Some(Value::String(s)) => (s.as_str(), Some(o), ptr(path, "action")),
            _ => {
                p.add(&ptr(path, "action"), "expected an action name");
                return None;
            }
        },
        _ => {
            p.add(path, "expected an action name or an object with \"action\"");
            return None;
        }
    };
    let empty = Map::new();
    let o = obj.unwrap_or(&empty);
    let allowed: &[&str] = match name {
        "label" => &["action", "min_score", "label"],
        "mask" => &["action", "min_score", "keep_start", "keep_end", "mask_char"],
        "generalize" => &["action", "min_score", "method", "keep"],
        _ => &["action", "min_score"],
    };
    if obj.is_some() {
        known_keys(o, path, allowed, p);
    }
    Some(match name {
        "remove" => Action::Remove,
        "keep" => Action::Keep,
        "block" => Action::Block,
        "pseudonym" => Action::Pseudonym,
        "label" => {
            let label = string_field(o, path, "label", false, p);
            if let Some(l) = &label {
                let n = l.chars().count();
                if n == 0 || n > MAX_LABEL_CHARS || l.chars().any(char::is_control) {
                    p.add(
                        &ptr(path, "label"),
                        format!(
                            "must be 1..={MAX_LABEL_CHARS} characters without control characters"
                        ),
                    );
                }
            }
            Action::Label(label)
        }
        "mask" => {
            let mask_char = match string_field(o, path, "mask_char", false, p) {
                None => '*',
                Some(s) => {
                    let mut cs = s.chars();
                    match (cs.next(), cs.next()) {
                        (Some(c), None) if !c.is_control() => c,
                        _ => {
                            p.add(
                                &ptr(path, "mask_char"),
                                "must be exactly one non-control character",
                            );
                            '*'
                        }
                    }
                }
            };
            Action::Mask {
                keep_start: small_uint(o, "keep_start", path, 16, p).unwrap_or(0) as usize,
                keep_end: small_uint(o, "keep_end", path, 16, p).unwrap_or(0) as usize,
                mask_char,
            }
        }
        "generalize" => {
            let method = string_field(o, path, "method", false, p).and_then(|m| {
                let g = [
                    GeneralizeMethod::Year,
                    GeneralizeMethod::IpPrefix,
                    GeneralizeMethod::Grid,
                    GeneralizeMethod::Prefix,
                ]
                .into_iter()
                .find(|g| g.as_str() == m);
                if g.is_none() {
                    p.add(
                        &ptr(path, "method"),
                        "expected one of year, ip_prefix, grid, prefix",
                    );
                }
                g
            });
            Action::Generalize {
                method,
                keep: small_uint(o, "keep", path, 128, p),
            }
        }
        _ => {
            p.add(&name_path, "unknown action; expected one of remove, label, mask, pseudonym, generalize, keep, block");
            return None;
        }
    })
}

pub(super) fn rule(v: &Value, path: &str, p: &mut Problems) -> Rule {
    let min_score = v
        .get("min_score")
        .map(|s| score(s, &ptr(path, "min_score"), p));
    Rule {
        action: action(v, path, p).unwrap_or(Action::Block),
        min_score,
    }
}

pub(super) fn entity_rules(v: &Value, path: &str, p: &mut Problems) -> BTreeMap<Entity, Rule> {
    let mut out = BTreeMap::new();
    let Some(o) = v.as_object() else {
        p.add(path, "expected an object keyed by entity type");
        return out;
    };
    for (k, r) in o {
        let kp = ptr(path, k);
        let e = entity(k, &kp, p);
        let r = rule(r, &kp, p);
        if let Some(e) = e {
            out.insert(e, r);
        }
    }
    out
}

pub(super) fn scope(
    v: Option<&Value>,
    p: &mut Problems,
) -> (Option<Vec<Entity>>, Vec<Vec<Segment>>) {
    let Some(v) = v else {
        return (None, Vec::new());
    };
    let Some(o) = v.as_object() else {
        p.add("/scope", "expected an object");
        return (None, Vec::new());
    };
    known_keys(o, "/scope", &["entities", "fields"], p);
    let entities = match o.get("entities") {
        None => None,
        Some(Value::String(s)) if s == "all" => None,
        Some(Value::Array(items)) => Some(
            items
                .iter()
                .enumerate()
                .filter_map(|(i, x)| match x.as_str() {
                    Some(s) => entity(s, &format!("/scope/entities/{i}"), p),
                    None => {
                        p.add(&format!("/scope/entities/{i}"), "expected an entity name");
                        None
                    }
                })
                .collect(),
        ),
        Some(_) => {
            p.add(
                "/scope/entities",
                "expected \"all\" or an array of entity names",
            );
            None
        }
    };
    let fields = match o.get("fields") {
        None => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .filter_map(|(i, x)| path_pattern(x, &format!("/scope/fields/{i}"), p))
            .collect(),
        Some(_) => {
            p.add("/scope/fields", "expected an array of path patterns");
            Vec::new()
        }
    };
    (entities, fields)
}

pub(super) fn path_pattern(v: &Value, path: &str, p: &mut Problems) -> Option<Vec<Segment>> {
    let Some(s) = v.as_str() else {
        p.add(path, "expected a path pattern string");
        return None;
    };
    let Some(rest) = s.strip_prefix('/') else {
        p.add(
            path,
            "a path pattern starts with '/' (JSON Pointer, '*' = any one step)",
        );
        return None;
    };
    Some(
        rest.split('/')
            .map(|seg| {
                if seg == "*" {
                    Segment::Any
                } else {
                    Segment::Name(seg.replace("~1", "/").replace("~0", "~"))
                }
            })
            .collect(),
    )
}

pub(super) fn subjects(
    v: Option<&Value>,
    p: &mut Problems,
) -> BTreeMap<String, BTreeMap<Entity, Rule>> {
    let mut out = BTreeMap::new();
    let Some(v) = v else { return out };
    let Some(o) = v.as_object() else {
        p.add(
            "/subjects",
            "expected an object keyed by data-subject category",
        );
        return out;
    };
    for (k, r) in o {
        out.insert(k.clone(), entity_rules(r, &ptr("/subjects", k), p));
    }
    out
}
