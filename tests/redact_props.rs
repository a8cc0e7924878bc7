//! Properties: no detected value survives a removing operator; pseudonyms are stable and
//! domain-separated; text outside findings is untouched; fingerprints ignore layout.
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
use borderseal::decide::{Action, jcs, parse_policy_text};
use borderseal::detect::Entity;
use borderseal::redact::{PseudonymKey, Redactor, SendContext};
use borderseal::transform::{Span, apply};
use proptest::prelude::*;

const IBANS: &[&str] = &[
    "DE89 3704 0044 0532 0130 00",
    "GB82WEST12345698765432",
    "NL91ABNA0417164300",
    "FR1420041010050500013M02606",
];

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Zäöü]{1,10}".prop_map(|s| s),
        (
            "[a-z]{1,8}",
            "[a-z]{2,8}",
            prop_oneof![Just("eu"), Just("org"), Just("de")]
        )
            .prop_map(|(a, b, c)| format!("{a}.{b}@{b}-{a}.{c}")),
        (1u8..=223, 0u8..=255, 0u8..=255, 1u8..=254)
            .prop_map(|(a, b, c, d)| format!("{a}.{b}.{c}.{d}")),
        prop::sample::select(IBANS).prop_map(str::to_owned),
    ]
}

fn report() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            fragment(),
            prop_oneof![Just(" "), Just(", "), Just("\n"), Just(" (")],
        ),
        1..24,
    )
    .prop_map(|parts| parts.into_iter().map(|(f, s)| format!("{f}{s}")).collect())
}

fn redactor(action: &str) -> Redactor {
    let p = format!(r#"{{"id":"p","version":"1","default":"{action}"}}"#);
    Redactor::new(Some(&p), Some(PseudonymKey::new("k1", &[7; 32]).unwrap())).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn removing_operators_leave_no_detected_value(text in report(), action in prop::sample::select(&["remove", "label", "pseudonym"][..])) {
        let r = redactor(action);
        let found = r.analyze(&text).unwrap();
        match r.redact_text(&text, &SendContext::default()) {
            Ok(out) => {
                for f in &found {
                    let v = &text[f.start..f.end];
                    prop_assert!(!out.text.contains(v), "{} survived {}", f.entity, action);
                }
                prop_assert_eq!(out.findings.len(), found.len());
            }
            // Fail closed is allowed (a removal joined text into a new finding), nothing else.
            Err(e) => prop_assert_eq!(e.code(), ErrorCode::ResidualPii),
        }
    }

    #[test]
    fn pseudonyms_stable_and_distinct_per_entity(a in "\\PC{1,40}", b in "\\PC{1,40}") {
        let k = PseudonymKey::new("k1", &[1; 32]).unwrap();
        let k2 = PseudonymKey::new("k1", &[1; 32]).unwrap();
        let ta = k.token("EMAIL", &a).unwrap();
        prop_assert_eq!(&ta, &k2.token("EMAIL", &a).unwrap());
        let hex = |t: &str| t.rsplit(':').next().unwrap().trim_end_matches(']').to_owned();
        prop_assert_ne!(hex(&ta), hex(&k.token("PERSON", &a).unwrap()));
        prop_assert_ne!(hex(&ta), hex(&k.token("IBAN", &a).unwrap()));
        if a.trim().to_lowercase() != b.trim().to_lowercase() {
            prop_assert_ne!(ta, k.token("EMAIL", &b).unwrap());
        }
    }

    #[test]
    fn transform_keeps_outside_text_and_hides_every_span(
        words in prop::collection::vec("[a-z ]{0,6}", 12),
        raw in prop::collection::vec((0usize..12, 1usize..4, 0usize..4), 0..8),
    ) {
        // Text: gaps of filler with unique markers Q0Z, Q1Z, …; spans cover runs of markers.
        let mut text = String::new();
        let mut marks = Vec::new();
        for (i, w) in words.iter().enumerate() {
            text.push_str(w);
            let s = text.len();
            text.push_str(&format!("Q{i}Z"));
            marks.push((s, text.len()));
        }
        let actions = [Action::Remove, Action::Label(None), Action::Pseudonym, Action::Mask { keep_start: 0, keep_end: 0, mask_char: '#' }];
        let spans: Vec<Span> = raw.iter().map(|&(i, len, a)| {
            let j = (i + len - 1).min(11);
            Span { start: marks[i].0, end: marks[j].1, entity: Some(Entity::Email), domain: "EMAIL".into(), action: actions[a].clone() }
        }).collect();
        let key = PseudonymKey::new("k1", &[2; 32]).unwrap();
        let out = apply(&text, &spans, Some(&key)).unwrap();
        for (i, (s, e)) in marks.iter().enumerate() {
            let covered = spans.iter().any(|sp| sp.start <= *s && *e <= sp.end);
            prop_assert_eq!(out.text.contains(&text[*s..*e]), !covered, "marker {}", i);
        }
        // The filler between markers is never altered outside spans: removing every
        // marker from input and output when nothing is covered gives the same text.
        if spans.is_empty() {
            prop_assert_eq!(out.text, text);
        }
    }

    #[test]
    fn fingerprint_ignores_key_order_and_whitespace(perm in Just(()).prop_perturb(|_, mut rng| {
        let mut v = vec![0usize, 1, 2, 3];
        for i in (1..v.len()).rev() { v.swap(i, (rng.next_u32() as usize) % (i + 1)); }
        v
    }), ws in "[ \n\t]{0,3}") {
        let members = [r#""id":"p""#, r#""version":"1.2""#, r#""min_score":0.7"#, r#""entities":{"EMAIL":"label","IBAN":{"action":"mask","keep_end":4}}"#];
        let body: Vec<String> = perm.iter().map(|&i| format!("{ws}{}{ws}", members[i])).collect();
        let text = format!("{ws}{{{}}}{ws}", body.join(","));
        let fp = parse_policy_text(&text).unwrap().fingerprint;
        let canon = parse_policy_text(&format!("{{{}}}", members.join(","))).unwrap().fingerprint;
        prop_assert_eq!(fp, canon);
    }

    #[test]
    fn ecmascript_number_form_round_trips(x in any::<f64>().prop_filter("finite", |x| x.is_finite())) {
        let mut s = String::new();
        jcs::write_f64(x, &mut s);
        let back: f64 = s.parse().unwrap();
        prop_assert!(back == x || (x == 0.0 && back == 0.0), "{} -> {}", x, s);
    }
}

fn arb_json() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::{Value, json};
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|i| json!(i)),
        (-1e6f64..1e6).prop_map(|f| json!(f)),
        "\\PC{0,24}".prop_map(Value::String),
        fragment().prop_map(Value::String),
        prop::sample::select(
            &[
                "bundle",
                "email-addr",
                "ipv4-addr",
                "identity",
                "individual",
                "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed",
                "5",
                "0",
                "tlp:red",
                "H1"
            ][..]
        )
        .prop_map(|s| Value::String(s.to_owned())),
    ];
    let keys = prop::sample::select(
        &[
            "type",
            "id",
            "value",
            "objects",
            "name",
            "identity_class",
            "object_marking_refs",
            "granular_markings",
            "selectors",
            "marking_ref",
            "Attribute",
            "Object",
            "Event",
            "category",
            "distribution",
            "Tag",
            "uuid",
            "pattern",
            "from_ref",
            "x",
            "credential",
            "spec_version",
        ][..],
    );
    leaf.prop_recursive(5, 64, 8, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(keys.clone().prop_map(str::to_owned), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// No panic is reachable from any JSON input or any policy document: an answer or an error.
    #[test]
    fn any_json_gets_an_answer_not_a_panic(v in arb_json()) {
        let r = Redactor::new(Some("partner-linkage"), Some(PseudonymKey::new("k1", &[7; 32]).unwrap())).unwrap();
        if let Ok(out) = r.redact_json(&v, &SendContext::default()) {
            prop_assert!(out.audit.findings.len() == out.findings.len());
        }
        let _ = borderseal::decide::parse_policy(&v);
        let mut p = serde_json::json!({"id": "p", "version": "1"});
        p["fields"] = v.clone();
        let _ = borderseal::decide::parse_policy(&p);
        p["send_rules"] = v;
        let _ = borderseal::decide::parse_policy(&p);
    }
}
