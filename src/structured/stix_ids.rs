//! STIX 2.1 value-derived SCO ids (UUIDv5) and their re-minting after redaction.
//!
//! STIX 2.1 §2.9: an SCO id is a UUIDv5 in namespace `00abedb4-aa42-466c-9c01-fed23315a9b7`
//! over the RFC 8785 form of its ID-contributing properties. `ipv4-addr--<uuid5(value)>`
//! reveals the address to anyone who tries all 2^32 of them, so when redaction changes a
//! contributing property the id is minted again from the redacted properties, and every
//! reference (`*_ref`, `*_refs`, at any depth) is rewritten so the bundle stays valid.

use crate::decide::jcs;
use crate::error::{Error, ErrorCode, Result};
use serde_json::{Map, Value};
use sha1::{Digest, Sha1};
use std::collections::BTreeMap;

/// The STIX 2.1 SCO namespace (python-stix2 `SCO_DET_ID_NAMESPACE`).
pub const SCO_NAMESPACE: [u8; 16] = [
    0x00, 0xab, 0xed, 0xb4, 0xaa, 0x42, 0x46, 0x6c, 0x9c, 0x01, 0xfe, 0xd2, 0x33, 0x15, 0xa9, 0xb7,
];

/// ID-contributing properties per SCO type.
#[must_use]
pub fn contributing(t: &str) -> Option<&'static [&'static str]> {
    Some(match t {
        "email-addr" | "ipv4-addr" | "ipv6-addr" | "mac-addr" | "domain-name" | "url" => &["value"],
        "user-account" => &["account_type", "user_id", "account_login"],
        "email-message" => &["from_ref", "subject", "body"],
        "file" => &["hashes", "name", "parent_directory_ref", "extensions"],
        "directory" => &["path"],
        "x509-certificate" => &["hashes", "serial_number"],
        "windows-registry-key" => &["key", "values"],
        "network-traffic" => &[
            "start",
            "end",
            "src_ref",
            "dst_ref",
            "src_port",
            "dst_port",
            "protocols",
            "extensions",
        ],
        _ => return None,
    })
}

/// RFC 4122 §4.3 UUIDv5 of `name` in `namespace`, hyphenated lower-case.
#[must_use]
pub fn uuid5(namespace: &[u8; 16], name: &[u8]) -> String {
    let mut h = Sha1::new();
    h.update(namespace);
    h.update(name);
    let digest = h.finalize();
    let mut b = [0u8; 16];
    for (dst, src) in b.iter_mut().zip(digest.iter()) {
        *dst = *src;
    }
    b[6] = (b[6] & 0x0f) | 0x50;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex = crate::decide::parse::hex(&b);
    let (p1, r) = hex.split_at(8);
    let (p2, r) = r.split_at(4);
    let (p3, r) = r.split_at(4);
    let (p4, p5) = r.split_at(4);
    format!("{p1}-{p2}-{p3}-{p4}-{p5}")
}

/// The canonical contributing properties of an SCO, or `None` if it has a random id type.
fn basis(obj: &Map<String, Value>) -> Option<String> {
    let t = obj.get("type")?.as_str()?;
    let props = contributing(t)?;
    let mut m = Map::new();
    for p in props {
        if let Some(v) = obj.get(*p) {
            m.insert((*p).to_owned(), v.clone());
        }
    }
    Some(jcs::canonicalize(&Value::Object(m)))
}

/// The deterministic id an SCO would have.
#[must_use]
pub fn deterministic_id(obj: &Map<String, Value>) -> Option<String> {
    let t = obj.get("type")?.as_str()?;
    Some(format!(
        "{t}--{}",
        uuid5(&SCO_NAMESPACE, basis(obj)?.as_bytes())
    ))
}

/// Objects that re-minting gave one id (two addresses both labelled `[EMAIL]` are, after
/// redaction, one observable) become one object: the first one's properties, plus those
/// only the others have. Ids stay unique, so the bundle stays valid.
fn merge_duplicates(objects: &mut Vec<Value>) {
    let mut first: BTreeMap<String, usize> = BTreeMap::new();
    let mut keep = Vec::with_capacity(objects.len());
    for (i, o) in objects.iter().enumerate() {
        let id = o.get("id").and_then(Value::as_str).unwrap_or("").to_owned();
        match first.get(&id) {
            Some(_) if !id.is_empty() => keep.push(false),
            _ => {
                first.insert(id, i);
                keep.push(true);
            }
        }
    }
    for (i, k) in keep.iter().enumerate() {
        if *k {
            continue;
        }
        let Some(extra) = objects.get(i).and_then(Value::as_object).cloned() else {
            continue;
        };
        let id = extra.get("id").and_then(Value::as_str).unwrap_or("");
        if let Some(target) = first
            .get(id)
            .and_then(|&j| objects.get_mut(j))
            .and_then(Value::as_object_mut)
        {
            for (k, v) in extra {
                target.entry(k).or_insert(v);
            }
        }
    }
    let mut it = keep.into_iter();
    objects.retain(|_| it.next().unwrap_or(true));
}

fn rewrite_refs(v: &mut Value, map: &BTreeMap<String, String>, under_ref: bool) {
    match v {
        Value::String(s) if under_ref => {
            if let Some(n) = map.get(s.as_str()) {
                s.clone_from(n);
            }
        }
        Value::Array(items) if under_ref => {
            items.iter_mut().for_each(|i| rewrite_refs(i, map, true));
            // Two references that now name one object are one reference.
            let mut seen = std::collections::BTreeSet::new();
            items.retain(|i| i.as_str().is_none_or(|s| seen.insert(s.to_owned())));
        }
        Value::Array(items) => items
            .iter_mut()
            .for_each(|i| rewrite_refs(i, map, under_ref)),
        Value::Object(m) => {
            for (k, x) in m.iter_mut() {
                rewrite_refs(x, map, k.ends_with("_ref") || k.ends_with("_refs"));
            }
        }
        _ => {}
    }
}

/// Re-mints the id of every SCO whose contributing properties differ from `original`'s,
/// rewrites every reference and merges the objects re-minting gives one id. Returns the
/// number of ids re-minted.
pub fn remint(original: &[Value], objects: &mut Vec<Value>) -> Result<usize> {
    let before: Vec<Option<String>> = original
        .iter()
        .map(|o| o.as_object().and_then(basis))
        .collect();
    let mut reminted = 0;
    // A reference rewrite changes e.g. an email-message's from_ref, which changes its own
    // id: iterate to the fixpoint, bounded by the chain length (the number of objects).
    for _ in 0..=objects.len() {
        let mut map = BTreeMap::new();
        for (obj, orig) in objects.iter_mut().zip(&before) {
            let (Some(o), Some(orig)) = (obj.as_object_mut(), orig) else {
                continue;
            };
            let Some(now) = basis(o) else { continue };
            if &now == orig {
                continue;
            }
            let (Some(new_id), Some(cur)) = (
                deterministic_id(o),
                o.get("id").and_then(Value::as_str).map(str::to_owned),
            ) else {
                continue;
            };
            if new_id != cur {
                o.insert("id".to_owned(), Value::String(new_id.clone()));
                map.insert(cur, new_id);
                reminted += 1;
            }
        }
        if map.is_empty() {
            merge_duplicates(objects);
            return Ok(reminted);
        }
        for obj in objects.iter_mut() {
            rewrite_refs(obj, &map, false);
        }
    }
    Err(Error::new(
        ErrorCode::Internal,
        "STIX id re-minting did not converge",
    ))
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn uuid5_matches_rfc4122_and_python_stix2() {
        // RFC 4122 appendix-style check with the DNS namespace: uuid5(DNS, "python.org").
        let dns = [
            0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4,
            0x30, 0xc8,
        ];
        assert_eq!(
            uuid5(&dns, b"python.org"),
            "886313e1-3b8a-5372-9b90-0c9aee199e5d"
        );
    }

    #[test]
    fn reminting_rewrites_references_transitively() {
        let orig = vec![
            json!({"type": "email-addr", "spec_version": "2.1", "id": "email-addr--11111111-1111-4111-8111-111111111111", "value": "a@b.eu"}),
            json!({"type": "email-message", "spec_version": "2.1", "id": "email-message--22222222-2222-4222-8222-222222222222", "is_multipart": false, "from_ref": "email-addr--11111111-1111-4111-8111-111111111111"}),
            json!({"type": "observed-data", "id": "observed-data--33333333-3333-4333-8333-333333333333", "object_refs": ["email-message--22222222-2222-4222-8222-222222222222", "email-addr--11111111-1111-4111-8111-111111111111"]}),
        ];
        let mut objs = orig.clone();
        objs[0]["value"] = json!("[EMAIL]");
        let n = remint(&orig, &mut objs).unwrap();
        assert_eq!(n, 2);
        let addr = objs[0]["id"].as_str().unwrap().to_owned();
        let msg = objs[1]["id"].as_str().unwrap().to_owned();
        assert_eq!(
            addr,
            deterministic_id(objs[0].as_object().unwrap()).unwrap()
        );
        assert_eq!(objs[1]["from_ref"], json!(addr));
        assert_eq!(objs[2]["object_refs"], json!([msg, addr]));
    }
}
