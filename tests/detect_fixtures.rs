//! Runs the detection fixture corpus (`tests/fixtures/detect/*.json`) natively.
// Native only: the wasm suite is tests/wasm.rs (wasm-pack builds every test target).
#![cfg_attr(target_arch = "wasm32", allow(missing_docs))]
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "support/fixtures.rs"]
mod fixtures;

use borderseal::detect::{Detector, Entity};

#[test]
fn every_fixture_passes() {
    let failures = fixtures::run_all(&Detector::default());
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_recognizer_has_five_valid_and_five_decoys() {
    let counts = fixtures::counts();
    let mut short = Vec::new();
    // Every entity but PERSON (built and tested separately); the recognizer id is the
    // entity name in lower case, except `gps`.
    for e in Entity::ALL.iter().filter(|e| **e != Entity::Person) {
        let id = match e {
            Entity::GpsCoordinates => "gps".to_string(),
            _ => e.as_str().to_lowercase(),
        };
        let (valid, decoy) = counts.get(&id).copied().unwrap_or_default();
        if valid < 5 || decoy < 5 {
            short.push(format!("{id}: {valid} valid, {decoy} decoys"));
        }
    }
    assert!(short.is_empty(), "{short:?}");
}

#[test]
fn fixture_entities_are_real_names() {
    for (file, r) in fixtures::records().unwrap() {
        for e in &r.expect {
            assert!(
                Entity::parse(&e.entity).is_some(),
                "{file}: unknown entity {}",
                e.entity
            );
            assert!(
                r.input.contains(&e.text),
                "{file}: expected text not in input: {:?}",
                e.text
            );
        }
        assert!(!r.intent.trim().is_empty(), "{file}: record without intent");
    }
}

mod robustness {
    use borderseal::detect::{Detector, utf16_offsets};
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Any text: no panic, sorted disjoint findings on char boundaries, and UTF-16
        /// offsets that slice the same text as the byte offsets.
        #[test]
        fn any_text_is_safe(
            text in "(?s).{0,200}|[0-9 .:@/<+\\-A-Fa-f]{0,200}|[0-9A-Z<\n ]{0,300}|[0-9+() .\\-/]{0,80}|[0-9°'\", .NSEW-]{0,80}"
        ) {
            let found = Detector::default().analyze(&text).unwrap();
            let units: Vec<u16> = text.encode_utf16().collect();
            let offsets = utf16_offsets(&text, &found);
            for (f, (a, b)) in found.iter().zip(&offsets) {
                prop_assert!(f.start < f.end && text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
                prop_assert_eq!(String::from_utf16(&units[*a..*b]).unwrap(), &text[f.start..f.end]);
            }
            prop_assert!(found.windows(2).all(|w| w[0].end <= w[1].start));
        }
    }
}
