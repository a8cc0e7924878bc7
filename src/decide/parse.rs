//! Policy validation: JSON → [`Policy`], reporting every problem with its JSON path.

use super::jcs;
mod lists;
mod rules;

use super::model::{Action, Policy, Rule};
use crate::detect::Entity;
use crate::error::{Error, ErrorCode, Result};
use lists::{field_rules, send_rules, terms};
use rules::{entity_rules, rule, scope, subjects};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

/// Largest policy document, in bytes of JSON text.
pub const MAX_POLICY_BYTES: usize = 1024 * 1024;
/// Most allow + deny + special-category terms in one policy.
pub const MAX_TERMS: usize = 10_000;
/// Longest term, in bytes.
pub const MAX_TERM_BYTES: usize = 256;
/// Most field rules plus send rules.
pub const MAX_RULES: usize = 1_000;
/// Longest label, in characters.
pub const MAX_LABEL_CHARS: usize = 64;

/// Collected problems: `(JSON pointer, reason)`.
#[derive(Default)]
pub(super) struct Problems(pub(super) Vec<(String, String)>);

impl Problems {
    pub(super) fn add(&mut self, path: &str, reason: impl Into<String>) {
        self.0.push((path.to_owned(), reason.into()));
    }
}

pub(super) fn ptr(base: &str, key: &str) -> String {
    format!("{base}/{}", key.replace('~', "~0").replace('/', "~1"))
}

/// Parses policy JSON text (size-limited) and validates it.
pub fn parse_policy_text(text: &str) -> Result<Policy> {
    if text.len() > MAX_POLICY_BYTES {
        return Err(Error::new(
            ErrorCode::InputTooLarge,
            format!(
                "policy is {} bytes, the limit is {MAX_POLICY_BYTES}",
                text.len()
            ),
        ));
    }
    let value: Value = serde_json::from_str(text).map_err(|e| {
        Error::new(
            ErrorCode::InvalidPolicy,
            format!(
                "policy is not valid JSON (line {}, column {})",
                e.line(),
                e.column()
            ),
        )
    })?;
    parse_policy(&value)
}

/// Validates a policy document. Every problem is listed in one `InvalidPolicy` error;
/// limits are their own errors (`PatternTooLarge`, `InputTooLarge`).
pub fn parse_policy(value: &Value) -> Result<Policy> {
    let canonical = jcs::canonicalize(value);
    if canonical.len() > MAX_POLICY_BYTES {
        return Err(Error::new(
            ErrorCode::InputTooLarge,
            format!("policy exceeds {MAX_POLICY_BYTES} bytes"),
        ));
    }
    let mut p = Problems::default();
    check_numbers(value, "", &mut p);
    let Some(root) = value.as_object() else {
        return Err(Error::new(
            ErrorCode::InvalidPolicy,
            "invalid policy: (root): expected a JSON object",
        ));
    };
    known_keys(
        root,
        "",
        &[
            "$schema",
            "id",
            "version",
            "description",
            "scope",
            "min_score",
            "default",
            "entities",
            "subjects",
            "fields",
            "terms",
            "send_rules",
        ],
        &mut p,
    );
    let id = string_field(root, "", "id", true, &mut p).unwrap_or_default();
    if !id.is_empty() && !valid_id(&id) {
        p.add("/id", "must match ^[a-z0-9][a-z0-9._-]{0,63}$");
    }
    let version = string_field(root, "", "version", true, &mut p).unwrap_or_default();
    if version.is_empty() || version.len() > 32 {
        p.add(
            "/version",
            "must be a non-empty string of at most 32 characters",
        );
    }
    let _ = string_field(root, "", "description", false, &mut p);
    let min_score = root
        .get("min_score")
        .map_or(0.5, |v| score(v, "/min_score", &mut p));
    let default = root.get("default").map_or(
        Rule {
            action: Action::Label(None),
            min_score: None,
        },
        |v| rule(v, "/default", &mut p),
    );
    let (scope_entities, scope_fields) = scope(root.get("scope"), &mut p);
    let entities = root
        .get("entities")
        .map(|v| entity_rules(v, "/entities", &mut p))
        .unwrap_or_default();
    let subjects = subjects(root.get("subjects"), &mut p);
    let fields = field_rules(root.get("fields"), &mut p);
    let (allow, deny, special_terms) = terms(root.get("terms"), &mut p)?;
    let send_rules = send_rules(root.get("send_rules"), &mut p);
    if fields.len() + send_rules.len() > MAX_RULES {
        return Err(Error::new(
            ErrorCode::PatternTooLarge,
            format!("policy has more than {MAX_RULES} field and send rules"),
        ));
    }
    if !p.0.is_empty() {
        let list: Vec<String> = p
            .0
            .iter()
            .map(|(path, why)| format!("{}: {why}", if path.is_empty() { "(root)" } else { path }))
            .collect();
        return Err(Error::new(
            ErrorCode::InvalidPolicy,
            format!(
                "invalid policy, {} problem(s): {}",
                list.len(),
                list.join("; ")
            ),
        ));
    }
    let fingerprint = format!("sha256:{}", hex(&Sha256::digest(canonical.as_bytes())));
    Ok(Policy {
        id,
        version,
        scope_entities,
        scope_fields,
        default,
        min_score,
        entities,
        subjects,
        fields,
        allow,
        deny,
        special_terms,
        send_rules,
        fingerprint,
    })
}

/// Lower-case hex, two digits a byte. Written by table, not with `format!("{b:02x}")` per
/// byte: digests are hexed on every call (`redactText` writes three, each of 32 bytes), and
/// core's formatting machinery cost 3 % of `redactText` on a report in wasm.
#[must_use]
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(2 * bytes.len());
    for &b in bytes {
        for nibble in [b >> 4, b & 0x0F] {
            out.push(char::from(
                DIGITS.get(usize::from(nibble)).copied().unwrap_or(b'0'),
            ));
        }
    }
    out
}

pub(super) fn valid_id(s: &str) -> bool {
    let mut chars = s.chars();
    s.len() <= 64
        && chars
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'))
}

fn check_numbers(v: &Value, path: &str, p: &mut Problems) {
    match v {
        Value::Number(n) => {
            if let Some(why) = jcs::check_number(n) {
                p.add(path, why);
            }
        }
        Value::Array(items) => items
            .iter()
            .enumerate()
            .for_each(|(i, x)| check_numbers(x, &format!("{path}/{i}"), p)),
        Value::Object(m) => m
            .iter()
            .for_each(|(k, x)| check_numbers(x, &ptr(path, k), p)),
        _ => {}
    }
}

pub(super) fn known_keys(obj: &Map<String, Value>, path: &str, allowed: &[&str], p: &mut Problems) {
    for k in obj.keys() {
        if !allowed.contains(&k.as_str()) {
            p.add(
                &ptr(path, k),
                format!("unknown property; expected one of {}", allowed.join(", ")),
            );
        }
    }
}

pub(super) fn string_field(
    obj: &Map<String, Value>,
    path: &str,
    key: &str,
    required: bool,
    p: &mut Problems,
) -> Option<String> {
    match obj.get(key) {
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => {
            p.add(&ptr(path, key), "expected a string");
            None
        }
        None => {
            if required {
                p.add(&ptr(path, key), "required property is missing");
            }
            None
        }
    }
}

pub(super) fn score(v: &Value, path: &str, p: &mut Problems) -> f32 {
    match v.as_f64() {
        Some(x) if (0.0..=1.0).contains(&x) => x as f32,
        _ => {
            p.add(path, "expected a number in [0, 1]");
            0.5
        }
    }
}

pub(super) fn entity(v: &str, path: &str, p: &mut Problems) -> Option<Entity> {
    let e = Entity::parse(v);
    if e.is_none() {
        p.add(
            path,
            "unknown entity type (see Entity names, e.g. EMAIL, PERSON)",
        );
    }
    e
}

pub(super) fn small_uint(
    obj: &Map<String, Value>,
    key: &str,
    path: &str,
    max: u64,
    p: &mut Problems,
) -> Option<u32> {
    let v = obj.get(key)?;
    match v.as_u64() {
        Some(n) if n <= max => u32::try_from(n).ok(),
        _ => {
            p.add(
                &ptr(path, key),
                format!("expected an integer in [0, {max}]"),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::hex;

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn hex_is_two_lower_case_digits_a_byte() {
        let all: Vec<u8> = (0..=255).collect();
        let want: String = all.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex(&all), want);
        assert_eq!(hex(&[]), "");
        assert_eq!(hex(&[0x00, 0x0f, 0xa5, 0xff]), "000fa5ff");
    }
}
