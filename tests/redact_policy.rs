//! Policy documents: validation with every problem and its path, limits, presets, fingerprints.
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
use borderseal::decide::{parse_policy, parse_policy_text, presets};
use borderseal::redact::Redactor;
use serde_json::{Value, json};

#[test]
fn every_problem_is_listed_with_its_path() {
    let bad = json!({
        "id": "Bad Id",
        "version": "",
        "min_score": 1.5,
        "colour": "blue",
        "default": {"action": "lable"},
        "entities": {"EMAIL": {"action": "mask", "keep_end": 99, "mask_char": "**"}, "E_MAIL": "label"},
        "fields": [{"id": "f", "path": "no-slash"}, {"id": "g", "name": 3, "scan": "yes"}],
        "terms": {"deny": [{"term": "x"}], "allow": [""]},
        "send_rules": [{"id": "r", "when": {"tlp_at_least": "TLP:PURPLE", "markings": ["H9"]}, "block": "yes"}]
    });
    let e = parse_policy(&bad).unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidPolicy);
    let m = e.message();
    for path in [
        "/id:",
        "/version:",
        "/min_score:",
        "/colour:",
        "/default/action:",
        "/entities/EMAIL/keep_end:",
        "/entities/EMAIL/mask_char:",
        "/entities/E_MAIL:",
        "/fields/0/path:",
        "/fields/1/name:",
        "/fields/1/scan:",
        "/terms/deny/0/entity:",
        "/terms/allow/0:",
        "/send_rules/0/when/tlp_at_least:",
        "/send_rules/0/when/markings/0:",
        "/send_rules/0/block:",
    ] {
        assert!(m.contains(path), "missing {path} in: {m}");
    }
    assert!(m.contains("16 problem(s)"), "{m}");
}

#[test]
fn not_json_and_not_an_object() {
    assert_eq!(
        parse_policy_text("{nope").unwrap_err().code(),
        ErrorCode::InvalidPolicy
    );
    assert_eq!(
        parse_policy(&json!([1])).unwrap_err().code(),
        ErrorCode::InvalidPolicy
    );
    let e = parse_policy(&json!({})).unwrap_err();
    assert!(e.message().contains("/id: required") && e.message().contains("/version: required"));
}

#[test]
fn limits_are_their_own_errors() {
    let many: Vec<String> = (0..10_001).map(|i| format!("t{i}")).collect();
    let p = json!({"id": "x", "version": "1", "terms": {"allow": many}});
    assert_eq!(
        parse_policy(&p).unwrap_err().code(),
        ErrorCode::PatternTooLarge
    );
    let long = json!({"id": "x", "version": "1", "terms": {"allow": ["a".repeat(257)]}});
    assert_eq!(
        parse_policy(&long).unwrap_err().code(),
        ErrorCode::PatternTooLarge
    );
    let huge = format!(
        "{{\"id\":\"x\",\"version\":\"1\",\"description\":\"{}\"}}",
        "a".repeat(1024 * 1024)
    );
    assert_eq!(
        parse_policy_text(&huge).unwrap_err().code(),
        ErrorCode::InputTooLarge
    );
}

#[test]
fn numbers_outside_the_jcs_safe_set_are_rejected() {
    let p = json!({"id": "x", "version": "1", "min_score": 0.12345678901234567});
    let e = parse_policy(&p).unwrap_err();
    assert!(
        e.message()
            .contains("/min_score: decimals may have at most 15 significant digits"),
        "{}",
        e.message()
    );
}

#[test]
fn fingerprint_is_stable_under_key_order_and_whitespace() {
    let a = r#"{"id":"p","version":"1","entities":{"EMAIL":"label","IBAN":{"action":"mask","keep_end":4}},"min_score":0.6}"#;
    let b = "{\n  \"min_score\" : 0.60,\n  \"entities\" : { \"IBAN\" : { \"keep_end\" : 4, \"action\" : \"mask\" },\n \"EMAIL\" : \"label\" },\n  \"version\":\"1\", \"id\":\"p\"\n}";
    let fa = parse_policy_text(a).unwrap().fingerprint;
    assert_eq!(fa, parse_policy_text(b).unwrap().fingerprint);
    let c = a.replace("0.6", "0.7");
    assert_ne!(fa, parse_policy_text(&c).unwrap().fingerprint);
    // the fingerprint is SHA-256 over the RFC 8785 form, reproducible from outside
    let canonical = r#"{"entities":{"EMAIL":"label","IBAN":{"action":"mask","keep_end":4}},"id":"p","min_score":0.6,"version":"1"}"#;
    use sha2::Digest;
    let want: String = sha2::Sha256::digest(canonical.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(fa, format!("sha256:{want}"));
}

#[test]
fn presets_load_by_name_and_match_their_files() {
    for (name, text) in presets::PRESETS {
        let r = Redactor::new(
            Some(name),
            Some(borderseal::redact::PseudonymKey::new("k", &[1; 32]).unwrap()),
        )
        .unwrap();
        assert_eq!(r.policy().id, *name);
        let v: Value = serde_json::from_str(text).unwrap();
        assert_eq!(
            Redactor::from_policy_value(
                &v,
                Some(borderseal::redact::PseudonymKey::new("k", &[1; 32]).unwrap())
            )
            .unwrap()
            .policy_fingerprint(),
            r.policy_fingerprint()
        );
        let on_disk = std::fs::read_to_string(format!(
            "{}/policies/{name}.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        assert_eq!(on_disk, *text);
    }
    assert_eq!(Redactor::new(None, None).unwrap().policy().id, "led-strict");
}

#[test]
fn policy_text_or_preset_name() {
    let r = Redactor::new(Some(r#"{"id": "mine", "version": "2"}"#), None).unwrap();
    assert_eq!(r.policy().id, "mine");
    assert_eq!(
        Redactor::new(Some("  led-strict "), None)
            .unwrap()
            .policy()
            .id,
        "led-strict"
    );
}

#[test]
fn published_schemas_match_the_code() {
    let root = env!("CARGO_MANIFEST_DIR");
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{root}/policies/schema.json")).unwrap(),
    )
    .unwrap();
    let names: Vec<&str> = schema["$defs"]["entity"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let code: Vec<&str> = borderseal::detect::Entity::ALL
        .iter()
        .map(|e| e.as_str())
        .collect();
    assert_eq!(
        names, code,
        "policies/schema.json entity enum is out of date"
    );
    for a in schema["$defs"]["actionName"]["enum"].as_array().unwrap() {
        let p = json!({"id": "x", "version": "1", "default": a});
        assert!(
            parse_policy(&p).is_ok(),
            "schema action {a} rejected by the parser"
        );
    }
    let top: Vec<&String> = schema["properties"].as_object().unwrap().keys().collect();
    assert_eq!(top.len(), 12);
    let audit: Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{root}/schemas/audit.schema.json")).unwrap(),
    )
    .unwrap();
    let r = Redactor::new(None, None).unwrap();
    let rec = r
        .redact_text("a@b.eu", &borderseal::redact::SendContext::default())
        .unwrap()
        .audit
        .to_value();
    for k in audit["required"].as_array().unwrap() {
        assert!(
            rec.get(k.as_str().unwrap()).is_some(),
            "audit record lacks required {k}"
        );
    }
    for k in rec.as_object().unwrap().keys() {
        assert!(
            audit["properties"].get(k).is_some(),
            "audit schema lacks {k}"
        );
    }
    for k in rec["findings"][0].as_object().unwrap().keys() {
        assert!(
            audit["properties"]["findings"]["items"]["properties"]
                .get(k)
                .is_some(),
            "audit schema lacks findings.{k}"
        );
    }
}
