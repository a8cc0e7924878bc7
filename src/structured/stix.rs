//! STIX 2.1: object and granular markings into each object's send context; typed properties.
//!
//! The strictest marking applies (the STIX spec "does not define rules for how multiple
//! markings … should be interpreted"). A granular marking applies to the whole top-level
//! property its selector starts in (`indicator_types.[1]` marks all of `indicator_types`):
//! coarser, never weaker. A marking reference that neither is a predefined TLP id nor
//! resolves to a TLP/statement definition in the bundle is read as TLP:RED (fail closed).

use super::stix_ids;
use super::walk::{Node, Typed, Walker};
use crate::decide::{Marking, Tlp};
use crate::detect::Entity;
use crate::error::{Error, ErrorCode, Result};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Predefined TLP marking-definition ids: TLP 1.0 (STIX 2.1 core) and TLP 2.0 (OASIS extension).
pub const TLP_IDS: &[(&str, Tlp)] = &[
    (
        "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9",
        Tlp::Clear,
    ),
    (
        "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da",
        Tlp::Green,
    ),
    (
        "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82",
        Tlp::Amber,
    ),
    (
        "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed",
        Tlp::Red,
    ),
    (
        "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
        Tlp::Clear,
    ),
    (
        "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
        Tlp::Green,
    ),
    (
        "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
        Tlp::Amber,
    ),
    (
        "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
        Tlp::AmberStrict,
    ),
    (
        "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
        Tlp::Red,
    ),
];

/// The TLP 2.0 extension-definition id.
pub const TLP2_EXTENSION: &str = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

/// Whether `v` is a STIX bundle (or a TAXII envelope of STIX objects).
#[must_use]
pub fn is_bundle(v: &Value) -> bool {
    let Some(objects) = v.get("objects").and_then(Value::as_array) else {
        return false;
    };
    // A TAXII 2.1 envelope carries the same `objects` without `type: bundle`.
    v.get("type").and_then(Value::as_str) == Some("bundle")
        || (!objects.is_empty()
            && objects
                .iter()
                .all(|o| o.as_object().and_then(object_type).is_some()))
}

/// The STIX type of an object that looks like a STIX object (`type` + `id` `<type>--…`).
#[must_use]
pub fn object_type(map: &Map<String, Value>) -> Option<&str> {
    let t = map.get("type")?.as_str()?;
    let id = map.get("id")?.as_str()?;
    (id.strip_prefix(t)
        .is_some_and(|rest| rest.starts_with("--")))
    .then_some(t)
}

/// Properties copied unchanged: identifiers, references, timestamps, markings, hashes.
#[must_use]
pub fn is_structural(key: &str) -> bool {
    key.ends_with("_ref")
        || key.ends_with("_refs")
        || matches!(
            key,
            "type"
                | "id"
                | "spec_version"
                | "created"
                | "modified"
                | "object_marking_refs"
                | "granular_markings"
                | "hashes"
                | "pattern_type"
                | "pattern_version"
                | "valid_from"
                | "valid_until"
                | "first_observed"
                | "last_observed"
                | "number_observed"
                | "identity_class"
                | "defanged"
                | "revoked"
                | "confidence"
                | "lang"
                | "is_multipart"
                | "relationship_type"
                | "definition_type"
        )
}

/// Required properties: removing one writes `""` so the object stays schema-valid.
#[must_use]
pub fn is_required(key: &str) -> bool {
    matches!(key, "name" | "value" | "pattern" | "path" | "key")
}

/// The known type of property `key` of a STIX object of type `t`.
#[must_use]
pub fn typed(t: &str, key: &str, map: &Map<String, Value>) -> Option<Typed> {
    let entity = match (t, key) {
        ("identity", "name")
            if map.get("identity_class").and_then(Value::as_str) == Some("individual") =>
        {
            Entity::Person
        }
        ("email-addr", "value") => Entity::Email,
        ("email-addr", "display_name") | ("user-account", "display_name") => Entity::Person,
        ("ipv4-addr" | "ipv6-addr", "value") => Entity::IpAddress,
        ("mac-addr", "value") => Entity::MacAddress,
        ("url", "value") => Entity::Url,
        (_, "x_misp_passport_number") => Entity::PassportNumber,
        (_, "x_misp_phone_number") => Entity::Phone,
        (_, "x_misp_date_of_birth") => Entity::DateOfBirth,
        _ => return None,
    };
    Some(Typed {
        entity: Some(entity),
        domain: entity.as_str().to_owned(),
        recognizer: format!("stix:{t}.{key}"),
    })
}

/// Markings defined in the bundle, by id.
fn definitions(objects: &[Value]) -> BTreeMap<String, Marking> {
    let mut out = BTreeMap::new();
    for o in objects {
        if o.get("type").and_then(Value::as_str) != Some("marking-definition") {
            continue;
        }
        let Some(id) = o.get("id").and_then(Value::as_str) else {
            continue;
        };
        let mut m = Marking::default();
        let tlp1 = o.pointer("/definition/tlp").and_then(Value::as_str);
        let tlp2 = o
            .get("extensions")
            .and_then(|e| e.get(TLP2_EXTENSION))
            .and_then(|x| x.get("tlp_2_0"))
            .and_then(Value::as_str);
        let statement = o.pointer("/definition/statement").and_then(Value::as_str);
        if let Some(level) = tlp2.or(tlp1) {
            // An unreadable level is not a weaker one.
            if !m.add_token(&format!("TLP:{level}")) {
                m.tlp = Some(Tlp::Red);
            }
        } else if let Some(s) = statement {
            // Europol handling codes carried as statements ("H1: …"); other statements
            // (copyright, terms of use) are no handling restriction.
            let head: String = s.trim_start().chars().take(2).collect();
            m.add_token(&head);
        } else {
            m.tlp = Some(Tlp::Red);
        }
        out.insert(id.to_owned(), m);
    }
    out
}

fn marking_of(id: &str, defs: &BTreeMap<String, Marking>) -> Marking {
    if let Some((_, t)) = TLP_IDS.iter().find(|(i, _)| *i == id) {
        return Marking {
            tlp: Some(*t),
            ..Marking::default()
        };
    }
    defs.get(id).cloned().unwrap_or(Marking {
        tlp: Some(Tlp::Red),
        ..Marking::default()
    })
}

/// The marking of object `o` (base ⊔ `object_marking_refs`) and its granular markings by
/// top-level property; every combination is checked against the send rules right away,
/// text or not: a TLP:RED object with no free text must still block.
pub fn object_markings(
    w: &mut Walker<'_>,
    o: &Map<String, Value>,
    defs: &BTreeMap<String, Marking>,
    base: &Node,
) -> Result<(Node, Vec<(String, Marking)>)> {
    let mut node = base.clone();
    for r in o
        .get("object_marking_refs")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        node.marking = node
            .marking
            .join(&marking_of(r.as_str().unwrap_or(""), defs));
    }
    w.resolve(&node.marking)?;
    let mut granular = Vec::new();
    for g in o
        .get("granular_markings")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let Some(r) = g.get("marking_ref").and_then(Value::as_str) else {
            continue;
        };
        let m = marking_of(r, defs);
        w.resolve(&node.marking.join(&m))?;
        for sel in g
            .get("selectors")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            let top = sel.split('.').next().unwrap_or(sel).to_owned();
            granular.push((top, m.clone()));
        }
    }
    Ok((node, granular))
}

/// Redacts a bundle: every object under its own marking, then re-mints value-derived ids.
/// Returns the bundle and the number of re-minted ids.
pub fn redact_bundle(w: &mut Walker<'_>, bundle: &Value, root: &Node) -> Result<(Value, usize)> {
    let (Some(map), Some(objects)) = (
        bundle.as_object(),
        bundle.get("objects").and_then(Value::as_array),
    ) else {
        return Err(Error::new(
            ErrorCode::InvalidArgument,
            "a STIX bundle needs an objects array",
        ));
    };
    let defs = definitions(objects);
    let mut out_objects = Vec::with_capacity(objects.len());
    let mut path = vec!["objects".to_owned()];
    for (i, obj) in objects.iter().enumerate() {
        let Some(o) = obj.as_object() else {
            return Err(Error::new(
                ErrorCode::InvalidArgument,
                format!("/objects/{i} is not a JSON object"),
            ));
        };
        let t = o.get("type").and_then(Value::as_str).unwrap_or("");
        if t == "marking-definition" || t == "extension-definition" {
            out_objects.push(obj.clone());
            continue;
        }
        let (node, granular) = object_markings(w, o, &defs, root)?;
        path.push(i.to_string());
        let stix_type = object_type(o);
        let members = w.members(o, &mut path, &node, stix_type, &granular)?;
        path.pop();
        out_objects.push(Value::Object(members));
    }
    let reminted = stix_ids::remint(objects, &mut out_objects)?;
    let mut out = map.clone();
    out.insert("objects".to_owned(), Value::Array(out_objects));
    Ok((Value::Object(out), reminted))
}

/// The comparison values of a STIX pattern whose object path names a typed property or a
/// field rule: `(start, end, property type, field-rule name)` of the text inside the quotes.
/// `[user-account:account_login = 'jdoe']` carries the login as surely as the object does.
pub fn pattern_values(
    pattern: &str,
    scanner: &PatternScanner,
) -> Vec<(usize, usize, Option<Typed>, String)> {
    let mut out = Vec::new();
    for c in scanner.comparisons(pattern) {
        let (Some(t), Some(p)) = (pattern.get(c.object_type), pattern.get(c.path)) else {
            continue;
        };
        let last = p
            .rsplit('.')
            .next()
            .unwrap_or(p)
            .trim_matches(|c: char| c == '\'' || c == '[' || c == ']' || c == '*');
        let via_email = ["from_ref", "sender_ref", "to_refs", "cc_refs", "bcc_refs"]
            .iter()
            .any(|r| p.contains(r));
        let via_ip = ["src_ref", "dst_ref", "resolves_to_refs"]
            .iter()
            .any(|r| p.contains(r));
        let typed = if via_email && last == "value" {
            typed("email-addr", "value", &Map::new())
        } else if via_ip && last == "value" {
            typed("ipv4-addr", "value", &Map::new())
        } else {
            typed(t, last, &Map::new())
        };
        if !c.value.is_empty() {
            out.push((c.value.start, c.value.end, typed, last.to_owned()));
        }
    }
    out
}

/// Finds the comparison expressions `type:path OP 'value'` of a STIX pattern. A hand
/// parser, linear in the pattern, that finds what the regex
/// `([a-z0-9][a-z0-9-]*):([A-Za-z0-9_.\[\]*'-]+?)\s*(?:=|!=|MATCHES|LIKE|>=|<=|>|<)\s*'((?:[^'\\]|\\.)*)'`
/// found (leftmost-first, non-overlapping); a regex engine cost ~100 KB of wasm for it.
#[derive(Clone, Copy, Debug, Default)]
pub struct PatternScanner;

/// One comparison: byte ranges of the object type, the object path and the quoted value
/// (without its quotes, escapes left as written).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comparison {
    /// `user-account` in `user-account:account_login = 'jdoe'`.
    pub object_type: std::ops::Range<usize>,
    /// `account_login`.
    pub path: std::ops::Range<usize>,
    /// `jdoe`.
    pub value: std::ops::Range<usize>,
}

/// A character of an object type (`[a-z0-9-]`).
fn type_byte(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'
}

/// A character of an object path (`[A-Za-z0-9_.\[\]*'-]`).
fn path_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'[' | b']' | b'*' | b'\'' | b'-')
}

/// The first offset at or after `at` that is not (Unicode) whitespace.
fn skip_space(s: &str, at: usize) -> usize {
    s.get(at..)
        .and_then(|t| t.char_indices().find(|(_, c)| !c.is_whitespace()))
        .map_or(s.len(), |(i, _)| at + i)
}

/// The comparison operators, in the order the regex's alternation tried them.
const OPERATORS: [&str; 8] = ["=", "!=", "MATCHES", "LIKE", ">=", "<=", ">", "<"];

impl PatternScanner {
    /// Every comparison of `pattern`, left to right, non-overlapping.
    #[must_use]
    pub fn comparisons(&self, pattern: &str) -> Vec<Comparison> {
        let b = pattern.as_bytes();
        // closing[i]: offset of the quote that ends a quoted value whose text starts at i
        // (`\` escapes any character but a newline), or None; filled right to left so each
        // candidate's value costs O(1) and the whole scan stays linear.
        let mut closing: Vec<Option<usize>> = vec![None; b.len() + 1];
        for i in (0..b.len()).rev() {
            let next = |j: usize| closing.get(j).copied().flatten();
            let v = match b.get(i) {
                Some(b'\'') => Some(i),
                Some(b'\\') => match b.get(i + 1) {
                    None | Some(b'\n') => None,
                    Some(&c) => next(i + 1 + utf8_len(c)),
                },
                _ => next(i + 1),
            };
            if let Some(slot) = closing.get_mut(i) {
                *slot = v;
            }
        }
        let mut out = Vec::new();
        let mut at = 0;
        let mut colon = at;
        while let Some(c) = b
            .get(colon..)
            .and_then(|t| t.iter().position(|&x| x == b':'))
        {
            let c = colon + c;
            colon = c + 1;
            // The type: the run of type characters just before the colon, from its first
            // letter or digit (a leading `-` cannot start it), not before `at`.
            let mut s = c;
            while s > at && b.get(s - 1).copied().is_some_and(type_byte) {
                s -= 1;
            }
            while s < c && b.get(s) == Some(&b'-') {
                s += 1;
            }
            if s == c {
                continue;
            }
            // The path is lazy: the shortest run of path characters after which an
            // operator and a quoted value follow.
            let p0 = c + 1;
            let mut p_end = p0;
            while b.get(p_end).copied().is_some_and(path_byte) {
                p_end += 1;
            }
            let mut found = None;
            for k in p0 + 1..=p_end {
                // `\s*`, an operator, `\s*`, then a quoted value.
                let o = skip_space(pattern, k);
                let rest = pattern.get(o..).unwrap_or("");
                let hit = OPERATORS
                    .iter()
                    .filter(|op| rest.starts_with(**op))
                    .find_map(|op| {
                        let q = skip_space(pattern, o + op.len());
                        if b.get(q) != Some(&b'\'') {
                            return None;
                        }
                        let close = closing.get(q + 1).copied().flatten()?;
                        Some((q + 1, close))
                    });
                if let Some((v0, close)) = hit {
                    found = Some((k, v0, close));
                    break;
                }
            }
            let Some((k, v0, close)) = found else {
                continue;
            };
            out.push(Comparison {
                object_type: s..c,
                path: p0..k,
                value: v0..close,
            });
            at = close + 1;
            colon = at;
        }
        out
    }
}

/// The length of the UTF-8 sequence a leading byte starts (1 for a stray continuation
/// byte, which `&str` never has at a character boundary).
fn utf8_len(lead: u8) -> usize {
    match lead {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

/// The pattern-comparison scanner (built once per redactor; it needs no compilation).
pub fn pattern_regex() -> Result<PatternScanner> {
    Ok(PatternScanner)
}

/// SCO types whose `value` has a syntax the STIX schema checks.
const SYNTAX_VALUES: &[&str] = &["email-addr", "ipv4-addr", "ipv6-addr", "mac-addr", "url"];

/// The redacted `value` of an SCO in a form its type accepts, so the bundle stays valid
/// (`[EMAIL]` is not an `email`): reserved names and ranges that cannot be a real
/// address (RFC 2606 `.invalid`, 0.0.0.0/0, 240.0.0.0/4, one fixed ULA /48). A pseudonym
/// keeps its HMAC bits (all 128 for e-mail and URL, 28 for IPv4, 80 for IPv6) so partners
/// can still match; a MAC address has no room to spare and is zeroed.
#[must_use]
pub fn sco_value(recognizer: &str, applied: &str, rendered: &str) -> Option<String> {
    let t = recognizer.strip_prefix("stix:")?.strip_suffix(".value")?;
    if !SYNTAX_VALUES.contains(&t)
        || applied == "keep"
        || (applied == "generalize" && t != "email-addr" && t != "url")
    {
        return None;
    }
    let token = (applied == "pseudonym")
        .then(|| {
            let inner = rendered.strip_prefix('[')?.strip_suffix(']')?;
            let mut parts = inner.rsplitn(3, ':');
            let hex = parts.next()?;
            let key = parts.next()?.replace(['_', '.'], "-").to_ascii_lowercase();
            Some((key, hex.to_owned()))
        })
        .flatten();
    let bits = |hex: &str, n: usize| u128::from_str_radix(hex.get(..n.div_ceil(4))?, 16).ok();
    Some(match (t, token) {
        ("email-addr", Some((k, h))) => format!("{h}@{k}.pseudonym.invalid"),
        ("email-addr", None) => "redacted@redacted.invalid".to_owned(),
        ("url", Some((k, h))) => format!("https://{h}.{k}.pseudonym.invalid/"),
        ("url", None) => "https://redacted.invalid/".to_owned(),
        ("ipv4-addr", Some((_, h))) => {
            let v = u32::try_from(bits(&h, 28)?).ok()?;
            std::net::Ipv4Addr::from(0xf000_0000 | (v & 0x0fff_ffff)).to_string()
        }
        ("ipv4-addr", None) => "0.0.0.0/0".to_owned(),
        ("ipv6-addr", Some((_, h))) => {
            let v = bits(&h, 80)?;
            std::net::Ipv6Addr::from(ULA_PREFIX | (v & ((1u128 << 80) - 1))).to_string()
        }
        ("ipv6-addr", None) => "::/0".to_owned(),
        _ => "00:00:00:00:00:00".to_owned(),
    })
}

/// `fd62:6f72:6465::/48`: a fixed unique-local prefix ("bordeseal"-ish bytes) for
/// pseudonymous IPv6 values.
const ULA_PREFIX: u128 = 0xfd62_6f72_6465_u128 << 80;

/// Whether `s` is one of the syntax-keeping redacted SCO values of [`sco_value`].
#[must_use]
pub fn is_sco_marker(s: &str) -> bool {
    s.ends_with("@redacted.invalid")
        || s.ends_with(".pseudonym.invalid")
        || s.ends_with(".pseudonym.invalid/")
        || matches!(
            s,
            "https://redacted.invalid/" | "0.0.0.0/0" | "::/0" | "00:00:00:00:00:00"
        )
        || s.parse::<std::net::Ipv4Addr>()
            .is_ok_and(|ip| ip.octets()[0] >= 240 && ip.octets()[0] < 255)
        || s.parse::<std::net::Ipv6Addr>()
            .is_ok_and(|ip| u128::from(ip) >> 80 == ULA_PREFIX >> 80)
}

#[cfg(test)]
#[allow(clippy::indexing_slicing, clippy::unwrap_used)]
mod tests {
    use super::*;

    /// `(type, path, value)` of every comparison.
    fn parts(pattern: &str) -> Vec<(&str, &str, &str)> {
        PatternScanner
            .comparisons(pattern)
            .into_iter()
            .map(|c| (&pattern[c.object_type], &pattern[c.path], &pattern[c.value]))
            .collect()
    }

    #[test]
    fn comparisons_of_typical_patterns() {
        assert_eq!(
            parts(
                "[x509-certificate:issuer = 'CN=WEBMAIL' AND x509-certificate:serial_number = '4c:0b']"
            ),
            [
                ("x509-certificate", "issuer", "CN=WEBMAIL"),
                ("x509-certificate", "serial_number", "4c:0b")
            ]
        );
        assert_eq!(
            parts("[file:hashes.'SHA-1' != 'ab' OR file:size>='10'] FOLLOWEDBY [a:b LIKE 'x%']"),
            [
                ("file", "hashes.'SHA-1'", "ab"),
                ("file", "size", "10"),
                ("a", "b", "x%")
            ]
        );
        assert_eq!(
            parts(r"[email-message:from_ref.value MATCHES '.+\\banking@g0th\'am\.com$']"),
            [(
                "email-message",
                "from_ref.value",
                r".+\\banking@g0th\'am\.com$"
            )]
        );
        // The object path is the shortest run before an operator: `nameMATCHES` splits.
        assert_eq!(parts("[file:nameMATCHES'x']"), [("file", "name", "x")]);
        // Unicode whitespace around the operator; an empty value is still a comparison.
        assert_eq!(
            parts("[user-account:account_login\u{a0}=\u{2003}'' AND domain-name:value = 'é']"),
            [
                ("user-account", "account_login", ""),
                ("domain-name", "value", "é")
            ]
        );
    }

    #[test]
    fn malformed_comparisons_are_skipped() {
        // Unterminated, escape before a newline, no quotes, upper-case type, no path.
        assert!(parts("[a:b = 'x").is_empty());
        assert!(parts("[a:b = 'x\\\n']").is_empty());
        assert!(parts("[a:b = 5]").is_empty());
        assert!(parts("[File:b = 'x']")[0].0 == "ile");
        assert!(parts("[a: = 'x']").is_empty());
        // A failed candidate does not hide a later one; a leading `-` is not part of a type.
        assert_eq!(parts("x:y = z -ab:c = 'v'"), [("ab", "c", "v")]);
    }

    #[test]
    fn long_inputs_stay_linear() {
        // Many candidates that all fail, one of them after a long unterminated value.
        let p = "a:bMATCHES".repeat(50_000) + "'" + &"\\'".repeat(100_000);
        assert!(PatternScanner.comparisons(&p).is_empty());
        let p = "a:b".to_owned() + &" ".repeat(100_000) + "= '" + &"x:y ".repeat(50_000);
        assert!(PatternScanner.comparisons(&p).is_empty());
        let many = "[a:b = 'c'] AND ".repeat(50_000);
        assert_eq!(PatternScanner.comparisons(&many).len(), 50_000);
    }

    #[test]
    fn every_corpus_pattern_is_understood() {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/structured");
        let mut seen = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            let json: Value = serde_json::from_str(&text).unwrap();
            let mut stack = vec![&json];
            while let Some(v) = stack.pop() {
                match v {
                    Value::Array(a) => stack.extend(a),
                    Value::Object(o) => {
                        if let Some(Value::String(p)) = o.get("pattern") {
                            let found = parts(p);
                            let joins = p.matches(" AND ").count() + p.matches(" OR ").count();
                            assert_eq!(found.len(), joins + 1, "{p}");
                            for (t, path, v) in found {
                                assert!(!t.is_empty() && !path.is_empty(), "{p}");
                                assert!(p.contains(&format!("'{v}'")), "{p}");
                            }
                            seen += 1;
                        }
                        stack.extend(o.values());
                    }
                    _ => {}
                }
            }
        }
        assert!(seen >= 20, "only {seen} corpus patterns");
    }
}
