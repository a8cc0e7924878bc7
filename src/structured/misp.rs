//! MISP: attributes typed by `type` / `object_relation`, markings from `distribution` and
//! tags, redacted values written back with type `anonymised`.
//!
//! MISP's `anonymised` type "is valid in every category", so a replaced value keeps its
//! category and uuid and stays a valid attribute. `distribution` "5" (inherit) takes the
//! parent's level; otherwise the most restrictive of event, object and attribute applies.

use super::walk::{Node, Typed, Walker};
use crate::decide::FieldMatch;
use crate::detect::Entity;
use crate::error::Result;
use serde_json::{Map, Value};

/// Entity type of a MISP attribute type, if it is personal data of a known format.
#[must_use]
pub fn entity_of_type(t: &str) -> Option<Option<Entity>> {
    Some(Some(match t {
        "email"
        | "email-src"
        | "email-dst"
        | "email-reply-to"
        | "whois-registrant-email"
        | "target-email"
        | "dns-soa-email"
        | "eppn" => Entity::Email,
        "ip-src" | "ip-dst" | "ip-src|port" | "ip-dst|port" => Entity::IpAddress,
        "phone-number" | "whois-registrant-phone" => Entity::Phone,
        "iban" => Entity::Iban,
        "cc-number" => Entity::CreditCard,
        "passport-number" => Entity::PassportNumber,
        "first-name"
        | "middle-name"
        | "last-name"
        | "full-name"
        | "whois-registrant-name"
        | "email-src-display-name"
        | "email-dst-display-name"
        | "target-user" => Entity::Person,
        "date-of-birth" => Entity::DateOfBirth,
        "btc" => Entity::BtcAddress,
        "mac-address" | "mac-eui-64" => Entity::MacAddress,
        "imei" => Entity::Imei,
        "imsi" => Entity::Imsi,
        // Identifiers of no checked format: the policy's default applies.
        "identity-card-number"
        | "visa-number"
        | "redress-number"
        | "frequent-flyer-number"
        | "bank-account-nr"
        | "passenger-name-record-locator-number"
        | "place-of-birth"
        | "primary-residence"
        | "github-username"
        | "twitter-id"
        | "jabber-id"
        | "target-location" => return Some(None),
        _ => return None,
    }))
}

/// Entity type of an object relation (`person`'s `dni`, `nie`, … are typed `text`).
#[must_use]
pub fn entity_of_relation(r: &str) -> Option<Option<Entity>> {
    Some(Some(match r {
        "first-name" | "middle-name" | "last-name" | "full-name" | "alias" | "mothers-name"
        | "display-name" => Entity::Person,
        "passport-number" => Entity::PassportNumber,
        "dni" => Entity::EsDni,
        "nie" => Entity::EsNie,
        "date-of-birth" => Entity::DateOfBirth,
        "vin" => Entity::Vin,
        "license-plate-number" => Entity::LicensePlate,
        "latitude" | "longitude" => Entity::GpsCoordinates,
        "nif"
        | "social-security-number"
        | "identity-card-number"
        | "birth-certificate-number"
        | "address"
        | "zipcode"
        | "postal-code"
        | "street"
        | "username"
        | "user-id"
        | "handle"
        | "redress-number" => return Some(None),
        _ => return None,
    }))
}

/// Reads `distribution` and tags of an event / object / attribute into `marking`; `true`
/// if it changed.
pub fn container_marking(map: &Map<String, Value>, marking: &mut crate::decide::Marking) -> bool {
    let before = marking.clone();
    if map.contains_key("uuid") {
        let d = match map.get("distribution") {
            Some(Value::String(s)) => s.parse::<u8>().ok(),
            Some(Value::Number(n)) => n.as_u64().and_then(|n| u8::try_from(n).ok()),
            _ => None,
        };
        if let Some(d) = d.filter(|d| *d <= 5) {
            marking.add_misp(d);
        }
    }
    for tag in map
        .get("Tag")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if let Some(name) = tag.get("name").and_then(Value::as_str) {
            let lower = name.to_ascii_lowercase();
            if lower.starts_with("tlp:") || lower.starts_with("gdpr:special-categories") {
                // Non-TLP-2.0 tags (tlp:ex:chr, tlp:unclear) are not a level; ignored.
                marking.add_token(name);
            }
        }
    }
    *marking != before
}

/// Whether an object is a MISP attribute.
#[must_use]
pub fn is_attribute(map: &Map<String, Value>) -> bool {
    map.get("type").is_some_and(Value::is_string)
        && map.contains_key("value")
        && (map.contains_key("category")
            || map.contains_key("object_relation")
            || map.contains_key("to_ids"))
        && !map
            .get("id")
            .and_then(Value::as_str)
            .is_some_and(|i| i.contains("--"))
}

const COPIED: &[&str] = &[
    "uuid",
    "id",
    "event_id",
    "object_id",
    "timestamp",
    "category",
    "type",
    "to_ids",
    "distribution",
    "sharing_group_id",
    "deleted",
    "disable_correlation",
    "object_relation",
    "first_seen",
    "last_seen",
    "Tag",
    "Galaxy",
];

/// Redacts one attribute. `None` when it is removed (MISP allows deleting attributes).
pub fn attribute(
    w: &mut Walker<'_>,
    map: &Map<String, Value>,
    path: &mut Vec<String>,
    node: &Node,
) -> Result<Option<Value>> {
    let t = map.get("type").and_then(Value::as_str).unwrap_or("");
    let relation = map.get("object_relation").and_then(Value::as_str);
    let known = relation
        .and_then(entity_of_relation)
        .or_else(|| entity_of_type(t));
    let mut out = Map::new();
    for (k, v) in map {
        if COPIED.contains(&k.as_str()) {
            out.insert(k.clone(), v.clone());
            continue;
        }
        let mut child = Node {
            typed: None,
            pattern: false,
            ..node.clone()
        };
        if k == "value"
            && let Some(entity) = known
        {
            let domain = entity.map_or_else(
                || relation.unwrap_or(t).to_ascii_uppercase().replace('-', "_"),
                |e| e.as_str().to_owned(),
            );
            child.typed = Some(Typed {
                entity,
                domain,
                recognizer: format!("misp:{}", relation.unwrap_or(t)),
            });
        }
        path.push(k.clone());
        // A field-name rule names MISP relations and types too ("password" is an
        // object_relation in MISP and a property in STIX).
        let by_relation = (k == "value")
            .then(|| w.r.policy.fields.iter().position(|f| matches!(&f.matcher, FieldMatch::Name(n) if Some(n.as_str()) == relation || n == t)))
            .flatten();
        let r = match by_relation {
            Some(i) => {
                child.rule = Some(i);
                w.walk(v, path, &child)?
            }
            None => w.member(k, v, path, child)?,
        };
        path.pop();
        match (k.as_str(), r) {
            ("value", None) => return Ok(None),
            (_, Some(x)) => {
                out.insert(k.clone(), x);
            }
            (_, None) => {}
        }
    }
    if out.get("value") != map.get("value") {
        // The value no longer has the syntax of its type.
        out.insert("type".to_owned(), Value::String("anonymised".to_owned()));
    }
    Ok(Some(Value::Object(out)))
}
