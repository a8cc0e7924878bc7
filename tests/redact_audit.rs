//! The audit record: complete, canonical, digest-bound, and never holding a detected value.
// Native only: the wasm suite is tests/wasm.rs (wasm-pack builds every test target).
#![cfg_attr(target_arch = "wasm32", allow(missing_docs))]
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use borderseal::audit::AuditRecord;
use borderseal::redact::{PseudonymKey, RedactionFinding, Redactor, SendContext};
use serde_json::Value;
use sha2::Digest;

const KEY: [u8; 32] = [0x5a; 32];

fn redactors() -> Vec<Redactor> {
    ["led-strict", "partner-linkage"]
        .iter()
        .map(|p| {
            Redactor::new(
                Some(p),
                Some(PseudonymKey::new("agency-2026", &KEY).unwrap()),
            )
            .unwrap()
        })
        .collect()
}

fn ctx() -> SendContext {
    SendContext {
        recipient: Some("Garda Síochána".into()),
        country: Some("IE".into()),
        marking: Some("TLP:AMBER, H1".into()),
        legal_basis: Some("led-art-9".into()),
    }
}

const TEXTS: &[&str] = &[
    "Suspect ivan.petrov@example-mail.eu used 198.51.100.23 and IBAN DE89 3704 0044 0532 0130 00.",
    "Zahlung von GB82 WEST 1234 5698 7654 32 an m.rossi@example.org, Server 203.0.113.77.",
    "Kontakt: anna.schmidt@polizei.example, 192.0.2.1; 192.0.2.2",
];

const FIXTURES: &[&str] = &[
    "tlp2-green-pii.json",
    "apt1.json",
    "misp-stix_test_objects_collection_stix21.json",
    "misp-stix_test_objects_collection_1.json",
    "misp-stix_objects_to_stix21_pii_excerpt.json",
    "misp-event-distribution.json",
    "pymisp_sharing_groups.json",
];

fn fixture(name: &str) -> Value {
    let p = format!(
        "{}/tests/fixtures/structured/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

/// The detected value of a finding, from the input.
fn value_of(input: &Value, f: &RedactionFinding) -> Option<String> {
    let s = match &f.path {
        Some(p) => match input.pointer(p)? {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        },
        None => return None,
    };
    if f.end == 0 {
        return Some(s);
    }
    s.get(f.start..f.end).map(str::to_owned)
}

fn assert_clean(audit: &AuditRecord, values: &[String]) {
    let json = serde_json::to_string(audit).unwrap();
    let canonical = audit.canonical_json();
    // The direct writer gives the bytes the generic canonicalizer gives for the same record.
    assert_eq!(
        canonical,
        borderseal::decide::jcs::canonicalize(&audit.to_value())
    );
    for v in values.iter().filter(|v| v.chars().count() >= 3) {
        assert!(
            !json.contains(v.as_str()),
            "audit record contains a detected value"
        );
        assert!(
            !canonical.contains(v.as_str()),
            "canonical audit record contains a detected value"
        );
    }
    let key_hex: String = KEY.iter().map(|b| format!("{b:02x}")).collect();
    assert!(!json.contains(&key_hex));
    assert_eq!(
        audit.digest(),
        <[u8; 32]>::from(sha2::Sha256::digest(canonical.as_bytes()))
    );
}

#[test]
fn audit_never_contains_personal_data_text() {
    for r in redactors() {
        for t in TEXTS {
            let out = r.redact_text(t, &ctx()).unwrap();
            assert!(!out.findings.is_empty());
            let values: Vec<String> = out
                .findings
                .iter()
                .map(|f| t[f.start..f.end].to_owned())
                .collect();
            assert_clean(&out.audit, &values);
            let a = &out.audit;
            assert_eq!(a.findings.len(), out.findings.len());
            let total: u64 = a.counts.values().flat_map(|m| m.values()).sum();
            assert_eq!(total as usize, out.findings.len());
            assert_eq!(
                a.input.sha256,
                format!("sha256:{}", hex(&sha2::Sha256::digest(t.as_bytes())))
            );
            assert_eq!(
                a.output.sha256,
                format!("sha256:{}", hex(&sha2::Sha256::digest(out.text.as_bytes())))
            );
            assert_eq!(a.context.marking, vec!["TLP:AMBER", "H1"]);
            assert!(a.conditions.iter().any(|c| c.starts_with("H1:")));
        }
    }
}

#[test]
fn audit_never_contains_personal_data_json() {
    for r in redactors() {
        for name in FIXTURES {
            let input = fixture(name);
            let out = r.redact_json(&input, &ctx()).unwrap();
            let values: Vec<String> = out
                .findings
                .iter()
                .filter_map(|f| value_of(&input, f))
                .collect();
            assert!(
                !values.is_empty() || *name == "pymisp_sharing_groups.json",
                "{name}: no findings"
            );
            assert_clean(&out.audit, &values);
            assert!(out.audit.findings.iter().all(|f| f.path.is_some()));
            // old value-derived ids would reveal values: the record only counts re-minting
            assert!(
                !serde_json::to_string(&out.audit)
                    .unwrap()
                    .contains("email-addr--")
            );
        }
    }
}

#[test]
fn audit_shape_is_stable_and_written_for_review() {
    let r = &redactors()[1];
    let out = r.redact_text(TEXTS[0], &ctx()).unwrap();
    let v = out.audit.to_value();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    for k in [
        "schema",
        "borderseal",
        "policy",
        "context",
        "input",
        "output",
        "counts",
        "findings",
        "send_rules",
        "conditions",
        "pseudonym_key_id",
    ] {
        assert!(keys.contains(&k), "missing {k}");
    }
    assert_eq!(v["schema"], "borderseal-audit/1");
    assert_eq!(v["pseudonym_key_id"], "agency-2026");
    assert_eq!(v["policy"]["id"], "partner-linkage");
    assert_eq!(v["findings"][0]["action"], "pseudonym");
    // Example record for review and for schema validation outside Rust.
    let dir = env!("CARGO_TARGET_TMPDIR");
    std::fs::write(
        format!("{dir}/example-audit-text.json"),
        serde_json::to_string_pretty(&v).unwrap(),
    )
    .unwrap();
    let j = redactors()[0]
        .redact_json(&fixture("tlp2-green-pii.json"), &ctx())
        .unwrap();
    std::fs::write(
        format!("{dir}/example-audit-json.json"),
        serde_json::to_string_pretty(&j.audit.to_value()).unwrap(),
    )
    .unwrap();
    // Redacted bundles for tests/stix_validate.py (the OASIS validator, outside Rust).
    for (i, r) in redactors().iter().enumerate() {
        for name in [
            "tlp2-green-pii.json",
            "apt1.json",
            "misp-stix_test_objects_collection_stix21.json",
        ] {
            let out = r.redact_json(&fixture(name), &ctx()).unwrap();
            let path = format!(
                "{dir}/redacted-{}--{name}",
                ["led-strict", "partner-linkage"][i]
            );
            std::fs::write(path, serde_json::to_string_pretty(&out.value).unwrap()).unwrap();
        }
    }
    assert!(j.audit.reminted_ids.unwrap() > 0);
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}
