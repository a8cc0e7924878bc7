//! Generic JSON and MISP: field rules, wildcards, subjects, limits, distribution, `anonymised`.
// Native only: the wasm suite is tests/wasm.rs (wasm-pack builds every test target).
#![cfg_attr(target_arch = "wasm32", allow(missing_docs))]
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use borderseal::ErrorCode;
use borderseal::redact::{PseudonymKey, Redactor, SendContext};
use serde_json::{Value, json};

fn fixture(name: &str) -> Value {
    let p = format!(
        "{}/tests/fixtures/structured/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

fn ctx() -> SendContext {
    SendContext {
        recipient: Some("Policia Nacional".into()),
        country: Some("ES".into()),
        ..SendContext::default()
    }
}

/// Same shape: every object keeps its keys except removed ones, arrays their length
/// except removed elements; used to check that MISP files round trip structurally.
fn same_skeleton(a: &Value, b: &Value, path: &str) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, v) in y {
                let av = x.get(k).unwrap_or_else(|| panic!("{path}/{k} appeared"));
                same_skeleton(av, v, &format!("{path}/{k}"));
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            assert!(y.len() <= x.len(), "{path} grew");
            if x.len() == y.len() {
                for (i, (p, q)) in x.iter().zip(y).enumerate() {
                    same_skeleton(p, q, &format!("{path}/{i}"));
                }
            }
        }
        (x, y) => assert_eq!(
            x.is_string() || x.is_number(),
            y.is_string() || y.is_number(),
            "{path} changed kind"
        ),
    }
}

#[test]
fn field_rules_by_path_wildcard_and_name() {
    let p = r#"{"id":"f","version":"1",
      "fields":[
        {"id":"names","path":"/people/*/name","entity":"PERSON"},
        {"id":"notes","name":"internal_note","action":"remove"},
        {"id":"raw","path":"/meta","scan":false},
        {"id":"victims","path":"/victims","subject":"victim"}],
      "entities":{"PERSON":{"action":"label","label":"[NAME]"}},
      "subjects":{"victim":{"EMAIL":{"action":"remove"}}}}"#;
    let r = Redactor::new(Some(p), None).unwrap();
    let input = json!({
        "people": [{"name": "Anna Schmidt", "mail": "anna@example.de"}, {"name": "Jan Novak"}],
        "internal_note": "call her back",
        "meta": {"source": "x@y.eu"},
        "victims": [{"mail": "v@example.org"}],
        "nested": {"deep": {"internal_note": "drop me", "text": "IBAN DE89370400440532013000"}}
    });
    let out = r.redact_json(&input, &ctx()).unwrap();
    assert_eq!(
        out.value,
        json!({
            "people": [{"name": "[NAME]", "mail": "[EMAIL]"}, {"name": "[NAME]"}],
            "meta": {"source": "x@y.eu"},
            "victims": [{"mail": ""}],
            "nested": {"deep": {"text": "IBAN [IBAN]"}}
        })
    );
    let paths: Vec<(&str, &str)> = out
        .findings
        .iter()
        .map(|f| (f.path.as_deref().unwrap(), &*f.rule))
        .collect();
    assert!(paths.contains(&("/people/0/name", "entities.PERSON")));
    assert!(paths.contains(&("/internal_note", "fields.notes")));
    assert!(paths.contains(&("/victims/0/mail", "subjects.victim.EMAIL")));
}

#[test]
fn scope_fields_limit_scanning() {
    let p = r#"{"id":"s","version":"1","scope":{"fields":["/body"]}}"#;
    let r = Redactor::new(Some(p), None).unwrap();
    let out = r
        .redact_json(
            &json!({"body": {"t": "a@b.eu"}, "header": "a@b.eu"}),
            &ctx(),
        )
        .unwrap();
    assert_eq!(
        out.value,
        json!({"body": {"t": "[EMAIL]"}, "header": "a@b.eu"})
    );
}

#[test]
fn limits_fail_closed() {
    let r = Redactor::new(None, None).unwrap();
    let mut v = json!("a@b.eu");
    for _ in 0..200 {
        v = json!([v]);
    }
    assert_eq!(
        r.redact_json(&v, &ctx()).unwrap_err().code(),
        ErrorCode::JsonTooDeep
    );
    let big = Value::String("x".repeat(65 * 1024 * 1024));
    assert_eq!(
        r.redact_json(&big, &ctx()).unwrap_err().code(),
        ErrorCode::InputTooLarge
    );
}

#[test]
fn misp_event_attributes_become_anonymised() {
    let input = fixture("misp-event-distribution.json");
    let r = Redactor::new(None, None).unwrap();
    let out = r.redact_json(&input, &ctx()).unwrap();
    same_skeleton(&input, &out.value, "");
    let ev = &out.value["Event"];
    assert_eq!(ev["info"], "Invoice fraud, contact [EMAIL]");
    let a = ev["Attribute"].as_array().unwrap();
    assert_eq!(a[0]["type"], "anonymised");
    assert_eq!(a[0]["value"], "[EMAIL]");
    assert_eq!(a[0]["category"], "Payload delivery");
    assert_eq!(a[0]["uuid"], input["Event"]["Attribute"][0]["uuid"]);
    assert_eq!(a[0]["comment"], "seen with IBAN [IBAN]");
    assert_eq!(
        a[2]["type"], "md5",
        "non-personal attributes keep their type"
    );
    let person = ev["Object"][0]["Attribute"].as_array().unwrap();
    let by_rel = |r: &str| person.iter().find(|x| x["object_relation"] == r).unwrap();
    assert_eq!(by_rel("first-name")["value"], "[PERSON]");
    assert_eq!(by_rel("passport-number")["value"], "[PASSPORT_NUMBER]");
    // typed `text` in MISP, recognised by its object relation
    assert_eq!(by_rel("dni")["value"], "[ES_DNI]");
    let text = serde_json::to_string(&out.value).unwrap();
    for v in [
        "ivan.petrov@example-mail.eu",
        "198.51.100.23",
        "ABA9875413",
        "12345678Z",
        "Petrov",
        "m.rossi@example.org",
    ] {
        assert!(!text.contains(v), "{v} left");
    }
}

#[test]
fn misp_distribution_is_a_marking() {
    let r = Redactor::new(None, None).unwrap();
    let mut input = fixture("misp-event-distribution.json");
    // One attribute "your organisation only" blocks the transfer under led-strict.
    input["Event"]["Attribute"][1]["distribution"] = json!("0");
    let e = r.redact_json(&input, &ctx()).unwrap_err();
    assert_eq!(e.code(), ErrorCode::BlockedByPolicy);
    assert!(e.message().contains("misp-organisation-only"));
    // public-release: event "all communities" + tlp:clear passes only if no attribute is narrower.
    let pr = Redactor::new(Some("public-release"), None).unwrap();
    let clear = SendContext {
        marking: Some("TLP:CLEAR".into()),
        ..ctx()
    };
    let mut ok = fixture("misp-event-distribution.json");
    ok["Event"]["Tag"] = json!([{"name": "tlp:clear"}]);
    assert_eq!(
        pr.redact_json(&ok, &clear).unwrap_err().code(),
        ErrorCode::BlockedByPolicy,
        "attribute at distribution 1"
    );
    ok["Event"]["Attribute"][1]["distribution"] = json!("5");
    let out = pr.redact_json(&ok, &clear).unwrap();
    assert!(
        out.value["Event"]["Attribute"].as_array().unwrap().len() < 3,
        "removed attributes are deleted"
    );
    // A MISP tag tlp:red on the event blocks under led-strict.
    let mut red = fixture("misp-event-distribution.json");
    red["Event"]["Tag"] = json!([{"name": "tlp:red"}]);
    assert_eq!(
        r.redact_json(&red, &ctx()).unwrap_err().code(),
        ErrorCode::BlockedByPolicy
    );
}

#[test]
fn misp_corpus_files_round_trip() {
    let key = || Some(PseudonymKey::new("k1", &[3; 32]).unwrap());
    for name in [
        "misp-stix_test_objects_collection_1.json",
        "misp-stix_objects_to_stix21_pii_excerpt.json",
        "pymisp_sharing_groups.json",
    ] {
        let input = fixture(name);
        for preset in ["led-strict", "partner-linkage"] {
            let r = Redactor::new(Some(preset), key()).unwrap();
            let out = r.redact_json(&input, &ctx()).unwrap();
            same_skeleton(&input, &out.value, name);
            let text = serde_json::to_string(&out.value).unwrap();
            for v in [
                "donald.duck@disney.com",
                "jdoe@random.org",
                "ABA9875413",
                "P4ssw0rd1234!",
                "iglocska'",
            ] {
                assert!(!text.contains(v), "{v} left in {name} under {preset}");
            }
            // Redacting twice changes nothing more (labels and tokens are stable).
            let again = r.redact_json(&out.value, &ctx()).unwrap();
            assert!(
                again.value == out.value,
                "second pass changed {name} under {preset}"
            );
        }
    }
}

#[test]
fn misp_person_excerpt_values_are_gone() {
    let input = fixture("misp-stix_objects_to_stix21_pii_excerpt.json");
    let out = Redactor::new(None, None)
        .unwrap()
        .redact_json(&input, &ctx())
        .unwrap();
    let person = &out.value["person"];
    let attrs = person["MISP"]["Attribute"].as_array().unwrap();
    assert!(
        attrs
            .iter()
            .filter(|a| a["object_relation"] == "first-name" || a["object_relation"] == "last-name")
            .all(|a| a["value"] == "[PERSON]")
    );
    // the STIX side: identity (individual) name and the x_misp_passport_number property
    assert_eq!(person["STIX"]["name"], "[PERSON]");
    assert_eq!(
        person["STIX"]["x_misp_passport_number"],
        "[PASSPORT_NUMBER]"
    );
}
