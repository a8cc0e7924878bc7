//! End-to-end text redaction: presets, operators, send rules, fail-closed verification.
// Runs natively with `cargo test`, and under wasm (Node and Chromium) as part of the
// wasm-bindgen-test suite, which includes this file (tests/wasm.rs).
#![cfg_attr(target_arch = "wasm32", allow(missing_docs, dead_code))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use borderseal::ErrorCode;
use borderseal::redact::{PseudonymKey, Redactor, SendContext};

const REPORT: &str = "Suspect wrote from ivan.petrov@example-mail.eu (IP 198.51.100.23) and paid into \
IBAN DE89 3704 0044 0532 0130 00. Europol liaison confirmed.";
const VALUES: &[&str] = &[
    "ivan.petrov@example-mail.eu",
    "198.51.100.23",
    "DE89 3704 0044 0532 0130 00",
];

fn key() -> PseudonymKey {
    PseudonymKey::new("k1", &[0x42; 32]).unwrap()
}

fn ctx(marking: Option<&str>) -> SendContext {
    SendContext {
        recipient: Some("BKA".into()),
        country: Some("DE".into()),
        marking: marking.map(str::to_owned),
        legal_basis: Some("led-art-9".into()),
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn default_policy_labels_every_identifier() {
    let r = Redactor::new(None, None).unwrap();
    let out = r.redact_text(REPORT, &ctx(Some("TLP:AMBER"))).unwrap();
    assert_eq!(
        out.text,
        "Suspect wrote from [EMAIL] (IP [IP_ADDRESS]) and paid into IBAN [IBAN]. Europol liaison confirmed."
    );
    let entities: Vec<&str> = out.findings.iter().map(|f| f.entity).collect();
    assert_eq!(entities, vec!["EMAIL", "IP_ADDRESS", "IBAN"]);
    assert!(out.findings.iter().all(|f| f.action == "label"));
    assert_eq!(&*out.findings[0].rule, "default");
    for v in VALUES {
        assert!(!out.text.contains(v));
    }
    assert_eq!(out.audit.policy.id, "led-strict");
    assert_eq!(out.audit.policy.fingerprint, r.policy_fingerprint());
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn partner_linkage_pseudonyms_are_stable_across_reports_and_spacing() {
    let r = Redactor::new(Some("partner-linkage"), Some(key())).unwrap();
    let a = r
        .redact_text("pay DE89 3704 0044 0532 0130 00 now", &ctx(None))
        .unwrap();
    let b = r
        .redact_text("IBAN: DE89370400440532013000.", &ctx(None))
        .unwrap();
    let tok = |t: &str| {
        t.split_whitespace()
            .find(|w| w.starts_with("[IBAN:k1:"))
            .unwrap()
            .trim_end_matches('.')
            .to_owned()
    };
    assert_eq!(tok(&a.text), tok(&b.text));
    assert_eq!(tok(&a.text).len(), "[IBAN:k1:]".len() + 32);
    assert_eq!(a.audit.pseudonym_key_id.as_deref(), Some("k1"));
    // a second redactor with the same key gives the same token (across runs)
    let r2 = Redactor::new(Some("partner-linkage"), Some(key())).unwrap();
    assert_eq!(
        r2.redact_text("pay DE89 3704 0044 0532 0130 00 now", &ctx(None))
            .unwrap()
            .text,
        a.text
    );
    // IP addresses become /24 prefixes under the linkage preset? No: pseudonyms (identifiers).
    let ip = r.redact_text("from 198.51.100.23", &ctx(None)).unwrap();
    assert!(ip.text.starts_with("from [IP_ADDRESS:k1:"));
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn pseudonym_policy_without_key_is_refused() {
    let e = Redactor::new(Some("partner-linkage"), None).unwrap_err();
    assert_eq!(e.code(), ErrorCode::MissingPseudonymKey);
    assert_eq!(
        Redactor::new(Some("no-such-preset"), None)
            .unwrap_err()
            .code(),
        ErrorCode::UnknownPreset
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn send_rules_block_and_attach_conditions() {
    let r = Redactor::new(None, None).unwrap();
    for m in ["TLP:RED", "TLP:AMBER+STRICT", "H2", "MISP:0"] {
        let e = r.redact_text(REPORT, &ctx(Some(m))).unwrap_err();
        assert_eq!(e.code(), ErrorCode::BlockedByPolicy, "{m}");
        assert!(e.message().contains("rule send_rules."), "{}", e.message());
        for v in VALUES {
            assert!(!e.message().contains(v));
        }
    }
    // H2 with the provider's consent passes, H1 travels as a condition
    let mut c = ctx(Some("TLP:GREEN, H1, H2"));
    c.legal_basis = Some("provider-consent".into());
    let out = r.redact_text(REPORT, &c).unwrap();
    assert_eq!(out.conditions.len(), 1);
    assert!(out.conditions[0].starts_with("H1: not to be disclosed in judicial proceedings"));
    assert_eq!(out.audit.conditions, out.conditions);
    assert!(out.audit.send_rules.contains(&"europol-h1".to_owned()));
    // an unknown marking is refused, not ignored
    assert_eq!(
        r.redact_text(REPORT, &ctx(Some("TLP:BLUE")))
            .unwrap_err()
            .code(),
        ErrorCode::InvalidArgument
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn special_category_terms_block() {
    let r = Redactor::new(None, None).unwrap();
    // In the twelve languages of the reports, not only in English.
    for text in [
        "The witness disclosed her sexual orientation.",
        "Der Beschuldigte gab an, HIV-positiv zu sein.",
        "Le témoin a évoqué son appartenance syndicale.",
        "El detenido mencionó su orientación sexual.",
        "Il fermato ha dichiarato le sue convinzioni religiose.",
        "De verdachte noemde zijn politieke opvattingen.",
        "Podejrzany ujawnił swoje poglądy polityczne.",
        "O suspeito referiu a sua filiação sindical.",
        "Den misstänkte uppgav sin sexuella läggning och politiska åsikter.",
        "Asiakirjassa mainitaan epäillyn terveystiedot.",
        "Vidnet nævnte helbredsoplysninger om den mistænkte.",
        "Vitnet oppga helseopplysninger om siktede.",
    ] {
        let e = r.redact_text(text, &ctx(None)).unwrap_err();
        assert_eq!(e.code(), ErrorCode::BlockedByPolicy, "{text}");
        assert!(e.message().contains("special-categories"), "{text}");
    }
    // Everyday words near them block nothing.
    for text in [
        "Der Beschuldigte wurde am Bahnhof angetroffen.",
        "Le témoin a reconnu le véhicule.",
        "Dane osobowe: brak.",
    ] {
        assert!(r.redact_text(text, &ctx(None)).is_ok(), "{text}");
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn public_release_blocks_unmarked_and_removes_everything() {
    let r = Redactor::new(Some("public-release"), None).unwrap();
    assert_eq!(
        r.redact_text(REPORT, &ctx(None)).unwrap_err().code(),
        ErrorCode::BlockedByPolicy
    );
    assert_eq!(
        r.redact_text(REPORT, &ctx(Some("TLP:GREEN")))
            .unwrap_err()
            .code(),
        ErrorCode::BlockedByPolicy
    );
    let out = r.redact_text(REPORT, &ctx(Some("TLP:CLEAR"))).unwrap();
    assert_eq!(
        out.text,
        "Suspect wrote from  (IP ) and paid into IBAN . Europol liaison confirmed."
    );
}

fn policy(body: &str) -> String {
    format!("{{\"id\": \"t\", \"version\": \"1\", {body}}}")
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn mask_generalize_keep_and_entity_rules() {
    let p = policy(
        r#""entities": {"IBAN": {"action": "mask", "keep_start": 4, "keep_end": 2, "mask_char": "•"},
            "IP_ADDRESS": "generalize", "EMAIL": "keep", "DATE_OF_BIRTH": "generalize"}"#,
    );
    let r = Redactor::new(Some(&p), None).unwrap();
    let out = r
        .redact_text(
            "IBAN DE89370400440532013000 from 198.51.100.23 by a@b.eu, born 12.03.1985",
            &ctx(None),
        )
        .unwrap();
    assert_eq!(
        out.text,
        "IBAN DE89••••••••••••••••00 from 198.51.100.0/24 by a@b.eu, born 1985"
    );
    let actions: Vec<&str> = out.findings.iter().map(|f| f.action).collect();
    assert_eq!(actions, vec!["mask", "generalize", "keep", "generalize"]);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn allow_and_deny_terms() {
    let p = policy(
        r#""terms": {"allow": ["duty@europol.europa.eu"], "deny": [{"term": "Operation Nightjar", "entity": "PERSON"}]},
           "entities": {"PERSON": {"action": "label", "label": "[CODENAME]"}}"#,
    );
    let r = Redactor::new(Some(&p), None).unwrap();
    let out = r
        .redact_text(
            "Write to duty@europol.europa.eu about operation nightjar, not x@y.eu.",
            &ctx(None),
        )
        .unwrap();
    assert_eq!(
        out.text,
        "Write to duty@europol.europa.eu about [CODENAME], not [EMAIL]."
    );
    assert_eq!(out.findings[0].recognizer, "deny-list");
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn propagation_spreads_what_the_lists_leave_and_add() {
    let spans = |policy_body: &str, text: &str| -> Vec<(String, String)> {
        let r = Redactor::new(Some(&policy(policy_body)), None).unwrap();
        r.analyze(text)
            .unwrap()
            .into_iter()
            .map(|f| (text[f.start..f.end].to_owned(), f.recognizer.to_string()))
            .collect()
    };
    let pair = |a: &str, b: &str| (a.to_owned(), b.to_owned());
    // A value the allow list drops is not spread: the phone number found after "Tel." lies
    // in an allowed term, and its bare repeat (no phone word, not found alone) stays.
    assert_eq!(
        spans(
            r#""terms": {"allow": ["Tel. 12 34 56 78"]}"#,
            "Tel. 12 34 56 78. Danach lange nichts, bis zum Abend: 12 34 56 78. \
             Tel. 87 65 43 21. Danach lange nichts, bis zum Abend: 87 65 43 21."
        ),
        [
            pair("87 65 43 21", "phone"),
            pair("87 65 43 21", "same-value")
        ]
    );
    // A deny term's words are spread as a name's: "nightjar" alone is no finding of its own.
    assert_eq!(
        spans(
            r#""terms": {"deny": [{"term": "Operation Nightjar", "entity": "PERSON"}]}"#,
            "Operation Nightjar begann. Später nur noch nightjar."
        ),
        [
            pair("Operation Nightjar", "deny-list"),
            pair("nightjar", "same-value")
        ]
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn below_threshold_and_out_of_scope_stay() {
    let p = policy(
        r#""scope": {"entities": ["IBAN"]}, "entities": {"IBAN": {"action": "label", "min_score": 0.5}}"#,
    );
    let r = Redactor::new(Some(&p), None).unwrap();
    let out = r
        .redact_text("a@b.eu DE89370400440532013000", &ctx(None))
        .unwrap();
    assert_eq!(out.text, "a@b.eu [IBAN]");
    // A per-type minimum score above the finding's score keeps it in clear.
    let text = "a@b.eu DE89370400440532013000";
    let email = Redactor::new(None, None).unwrap().analyze(text).unwrap();
    assert!(email.iter().any(|f| f.entity == "EMAIL" && f.score < 0.99));
    let hi = policy(r#""entities": {"EMAIL": {"action": "label", "min_score": 0.99}}"#);
    let r = Redactor::new(Some(&hi), None).unwrap();
    let out = r.redact_text(text, &ctx(None)).unwrap();
    assert_eq!(out.text, "a@b.eu [IBAN]");
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn residual_pii_fails_closed_without_output() {
    // An operator's output next to untouched text forms a new e-mail address: the
    // re-scan finds it (it is not wholly inside the inserted label) and nothing is returned.
    let p = policy(
        r#""terms": {"deny": [{"term": "AT-SIGN", "entity": "PERSON"}]},
           "entities": {"PERSON": {"action": "label", "label": "x@y"}}"#,
    );
    let r = Redactor::new(Some(&p), None).unwrap();
    let e = r
        .redact_text("mail AT-SIGN.b.eu now", &ctx(None))
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::ResidualPii);
    assert!(e.message().contains("1 EMAIL"), "{}", e.message());
    assert!(!e.message().contains("x@y.b.eu"));
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn analyze_previews_without_changing() {
    let r = Redactor::new(None, None).unwrap();
    let f = r.analyze(REPORT).unwrap();
    assert_eq!(f.len(), 3);
    assert_eq!(&REPORT[f[0].start..f[0].end], VALUES[0]);
    assert!(f.iter().all(|x| x.action == "label"));
    // a blocked marking does not stop a preview
    assert!(r.analyze("TLP:RED text a@b.eu").is_ok());
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn outside_findings_bytes_are_unchanged_with_unicode() {
    let r = Redactor::new(None, None).unwrap();
    let text = "Zeugin Jörg 😀 → a@b.eu ← Straße";
    let out = r.redact_text(text, &ctx(None)).unwrap();
    // "Zeugin" (witness) marks the next word as a name.
    assert_eq!(out.text, "Zeugin [PERSON] 😀 → [EMAIL] ← Straße");
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn overlapping_detector_and_deny_findings_leave_nothing_in_clear() {
    // The deny term covers the e-mail address and more: one union span, strictest action.
    let p = policy(
        r#""terms": {"deny": [{"term": "alias ivan.petrov", "entity": "PERSON"}]},
           "entities": {"PERSON": "remove", "EMAIL": "label"}"#,
    );
    let r = Redactor::new(Some(&p), None).unwrap();
    let out = r
        .redact_text(
            "known as alias ivan.petrov@example-mail.eu today",
            &ctx(None),
        )
        .unwrap();
    assert_eq!(out.text, "known as  today");
    assert_eq!(out.findings.len(), 2);
    assert!(out.findings.iter().all(|f| f.action == "remove"));
    // the same with the strictness the other way round: the label covers both
    let p2 = policy(
        r#""terms": {"deny": [{"term": "alias ivan.petrov", "entity": "PERSON"}]},
           "entities": {"PERSON": {"action": "mask", "keep_start": 2}, "EMAIL": "label"}"#,
    );
    let out = Redactor::new(Some(&p2), None)
        .unwrap()
        .redact_text(
            "known as alias ivan.petrov@example-mail.eu today",
            &ctx(None),
        )
        .unwrap();
    assert_eq!(out.text, "known as [EMAIL] today");
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn redactor_is_send_and_sync_and_debug_hides_the_key() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Redactor>();
    let r = Redactor::new(
        Some("partner-linkage"),
        Some(PseudonymKey::new("k7", &[0xEE; 32]).unwrap()),
    )
    .unwrap();
    let dbg = format!("{r:?}");
    assert!(dbg.contains("k7") && dbg.contains("partner-linkage"));
    assert!(!dbg.contains("238") && !dbg.to_lowercase().contains("ee, ee"));
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn send_rule_entity_overrides_depend_on_recipient_country_and_legal_basis() {
    let p = policy(
        r#""send_rules": [
            {"id": "third-country", "when": {"countries": ["US", "GB"]}, "entities": {"EMAIL": "remove"},
             "conditions": ["LED Art. 35: no onward transfer without prior authorisation"]},
            {"id": "europol", "when": {"recipients": ["Europol"], "legal_bases": ["europol-reg-art-19"]}, "entities": {"EMAIL": "keep"}}]"#,
    );
    let r = Redactor::new(Some(&p), None).unwrap();
    let mut c = ctx(None);
    c.country = Some("us".into());
    let out = r.redact_text("from a@b.eu", &c).unwrap();
    assert_eq!(out.text, "from ");
    assert_eq!(
        &*out.findings[0].rule,
        "send_rules.third-country.entities.EMAIL"
    );
    assert_eq!(
        out.conditions,
        vec!["LED Art. 35: no onward transfer without prior authorisation"]
    );
    let out = r.redact_text("from a@b.eu", &ctx(None)).unwrap();
    assert_eq!(out.text, "from [EMAIL]");
    assert!(out.conditions.is_empty());
    c = SendContext {
        recipient: Some("Europol".into()),
        legal_basis: Some("europol-reg-art-19".into()),
        ..SendContext::default()
    };
    assert_eq!(
        r.redact_text("from a@b.eu", &c).unwrap().text,
        "from a@b.eu"
    );
    c.legal_basis = Some("other".into());
    assert_eq!(
        r.redact_text("from a@b.eu", &c).unwrap().text,
        "from [EMAIL]"
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_preview_searches_special_terms_only_where_they_change_decisions() {
    // A send rule that special-category data makes hold overrides an entity's action:
    // `analyze` must find the term to decide as `redactText` would. All three lists have
    // terms, so the narrowed search runs with and without the special-category list.
    let p = policy(
        r#""terms": {"allow": ["Europol"], "deny": [{"term": "Nightjar", "entity": "PERSON"}],
                     "special_category": ["health data"]},
           "send_rules": [{"id": "special", "when": {"special_category": true},
                           "entities": {"EMAIL": "remove"}}]"#,
    );
    let r = Redactor::new(Some(&p), None).unwrap();
    let actions = |text: &str| {
        r.analyze(text)
            .unwrap()
            .iter()
            .map(|f| (f.entity, f.action, f.rule.to_string()))
            .collect::<Vec<_>>()
    };
    let plain = actions("Nightjar wrote from x@y.eu to Europol.");
    assert_eq!(plain[0].0, "PERSON");
    assert_eq!(plain[1].0, "EMAIL");
    assert_ne!(plain[1].1, "remove");
    let special = actions("Nightjar wrote from x@y.eu to Europol about his health data.");
    assert_eq!(
        special[1],
        (
            "EMAIL",
            "remove",
            "send_rules.special.entities.EMAIL".to_owned()
        )
    );
    let out = r
        .redact_text(
            "Nightjar wrote from x@y.eu to Europol about his health data.",
            &ctx(None),
        )
        .unwrap();
    assert_eq!(out.findings[1].action, "remove");
    assert!(!out.text.contains("x@y.eu") && out.text.contains("Europol"));
    // The default policy's special-category rule only blocks: a preview is the same
    // whether or not the text holds such a term.
    let d = Redactor::new(None, None).unwrap();
    let one = d.analyze("Mail x@y.eu.").unwrap();
    let two = d.analyze("Mail x@y.eu, sexual orientation.").unwrap();
    assert_eq!(one[0].action, two[0].action);
    assert_eq!(one[0].rule, two[0].rule);
}
