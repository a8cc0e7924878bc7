//! Structured input: walk any JSON with field rules, scanning the free text in every string.
//!
//! STIX 2.1 bundles get their markings read into each object's send context and their
//! value-derived ids re-minted ([`stix`]); MISP attributes are typed by `type` and
//! `object_relation`, marked by `distribution` and tags, and written back as `anonymised`
//! ([`misp`]). Every limit is an error (fail closed), never a silent skip.

pub mod misp;
pub mod stix;
pub mod stix_ids;
mod walk;

use crate::decide::{Marking, SendContext};
use crate::error::{Error, ErrorCode, Result};
use crate::redact::{RedactionFinding, Redactor};
use serde_json::Value;
use std::collections::BTreeSet;

pub use walk::{Node, Typed, Walker};

/// Deepest nesting accepted (`JsonTooDeep` beyond).
pub const MAX_DEPTH: usize = 128;
/// Most JSON values (nodes) accepted.
pub const MAX_NODES: usize = 4_000_000;
/// Most bytes of string content (keys and values) accepted.
pub const MAX_STRING_BYTES: usize = 64 * 1024 * 1024;

/// What a JSON value became.
pub(crate) struct JsonOut {
    pub value: Value,
    pub findings: Vec<RedactionFinding>,
    pub conditions: BTreeSet<String>,
    pub applied_rules: BTreeSet<String>,
    pub reminted: Option<usize>,
}

/// Checks the limits before any work is done.
pub fn check_limits(value: &Value) -> Result<()> {
    let mut nodes = 0usize;
    let mut bytes = 0usize;
    measure(value, 1, &mut nodes, &mut bytes)
}

fn measure(v: &Value, depth: usize, nodes: &mut usize, bytes: &mut usize) -> Result<()> {
    if depth > MAX_DEPTH {
        return Err(Error::new(
            ErrorCode::JsonTooDeep,
            format!("JSON is nested deeper than {MAX_DEPTH} levels"),
        ));
    }
    *nodes += 1;
    if *nodes > MAX_NODES {
        return Err(Error::new(
            ErrorCode::InputTooLarge,
            format!("JSON has more than {MAX_NODES} values"),
        ));
    }
    match v {
        Value::String(s) => *bytes += s.len(),
        Value::Array(items) => {
            for i in items {
                measure(i, depth + 1, nodes, bytes)?;
            }
        }
        Value::Object(m) => {
            for (k, i) in m {
                *bytes += k.len();
                measure(i, depth + 1, nodes, bytes)?;
            }
        }
        _ => {}
    }
    if *bytes > MAX_STRING_BYTES {
        return Err(Error::new(
            ErrorCode::InputTooLarge,
            format!("JSON holds more than {MAX_STRING_BYTES} bytes of text"),
        ));
    }
    Ok(())
}

/// Redacts `value`: a STIX bundle, or any other JSON (MISP recognised inside).
pub(crate) fn redact_value(
    r: &Redactor,
    value: &Value,
    ctx: &SendContext,
    marking: &Marking,
) -> Result<JsonOut> {
    check_limits(value)?;
    let mut w = Walker::new(r, ctx);
    let root = Node::root(marking.clone());
    // The request's own marking may block before anything is read.
    w.resolve(&root.marking)?;
    let (out, reminted) = if stix::is_bundle(value) {
        let (v, n) = stix::redact_bundle(&mut w, value, &root)?;
        (Some(v), Some(n))
    } else {
        let v = w.walk(value, &mut Vec::new(), &root)?;
        (v, (w.reminted > 0).then_some(w.reminted))
    };
    Ok(JsonOut {
        value: out.unwrap_or(Value::Null),
        findings: w.findings,
        conditions: w.conditions,
        applied_rules: w.applied,
        reminted,
    })
}

/// The JSON Pointer (RFC 6901) of a path.
#[must_use]
pub fn pointer(path: &[String]) -> String {
    path.iter()
        .map(|s| format!("/{}", s.replace('~', "~0").replace('/', "~1")))
        .collect()
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn depth_limit_is_an_error() {
        let mut v = Value::String("x".into());
        for _ in 0..MAX_DEPTH {
            v = Value::Array(vec![v]);
        }
        assert_eq!(check_limits(&v).unwrap_err().code(), ErrorCode::JsonTooDeep);
        let mut ok = Value::String("x".into());
        for _ in 0..MAX_DEPTH - 1 {
            ok = Value::Array(vec![ok]);
        }
        assert!(check_limits(&ok).is_ok());
    }

    #[test]
    fn pointer_escapes() {
        assert_eq!(
            pointer(&["a/b".into(), "c~d".into(), "0".into()]),
            "/a~1b/c~0d/0"
        );
    }
}
