//! The wasm-bindgen-test suite: run unchanged by `wasm-pack test --node` and, with
//! `WASM_BINDGEN_USE_BROWSER=1`, by `wasm-pack test --headless --chrome`.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use borderseal::wasm;
use borderseal::{Error, ErrorCode};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn get(value: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(value, &JsValue::from_str(key)).unwrap()
}

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(wasm::version(), env!("CARGO_PKG_VERSION"));
}

#[wasm_bindgen_test]
fn limits_is_a_plain_object_with_every_limit() {
    let l = wasm::limits().unwrap();
    assert!(l.is_object());
    assert_eq!(
        get(&l, "maxRecipients").as_f64(),
        Some(borderseal::limits::MAX_RECIPIENTS as f64)
    );
    assert_eq!(
        get(&l, "maxTextBytes").as_f64(),
        Some(borderseal::limits::MAX_TEXT_BYTES as f64)
    );
}

#[wasm_bindgen_test]
fn core_errors_become_js_errors_with_name_and_code() {
    for code in ErrorCode::ALL {
        let js = wasm::error::to_js(&Error::new(*code, "expected 32 bytes, got 31"));
        let err: js_sys::Error = js.clone().dyn_into().expect("a real Error object");
        assert_eq!(String::from(err.name()), "BordersealError");
        assert_eq!(String::from(err.message()), "expected 32 bytes, got 31");
        assert_eq!(get(&js, "code").as_string().as_deref(), Some(code.as_str()));
    }
}

#[wasm_bindgen_test]
fn error_codes_lists_every_code() {
    let codes = wasm::error_codes();
    assert_eq!(codes.len(), ErrorCode::ALL.len());
    assert_eq!(codes.first().map(String::as_str), Some("INVALID_ARGUMENT"));
}

#[path = "support/hpke_kat.rs"]
mod hpke_kat;

#[wasm_bindgen_test]
fn rfc9180_vectors_pass_under_wasm() {
    let report = hpke_kat::run_all(include_str!("vectors/hpke-rfc9180-x25519.json"));
    assert_eq!(report.ran, 12, "{report:?}");
    assert_eq!(report.encryptions, 8 * 257);
    assert_eq!(report.exports, 12 * 3);
}

#[wasm_bindgen_test]
fn published_envelope_vectors_open_under_wasm() {
    for text in [
        include_str!("../docs/vectors/v1-empty.json"),
        include_str!("../docs/vectors/v1-three-recipients.json"),
        include_str!("../docs/vectors/v1-two-chunks-signed.json"),
    ] {
        let v: serde_json::Value = serde_json::from_str(text).unwrap();
        let envelope = hex_decode(v["envelope_hex"].as_str().unwrap());
        let expected = hex_decode(v["plaintext_sha256"].as_str().unwrap());
        for r in v["recipients"].as_array().unwrap() {
            let key = borderseal::envelope::PrivateKey::from_jwk(&r["private_jwk"]).unwrap();
            let opened = borderseal::envelope::open(&envelope, &key).unwrap();
            use sha2::Digest as _;
            assert_eq!(sha2::Sha256::digest(&opened.plaintext).to_vec(), expected);
        }
    }
}

fn hex_decode(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

#[path = "support/fixtures.rs"]
#[allow(dead_code)] // the corpus counts are checked natively
mod fixtures;

#[wasm_bindgen_test]
fn detection_fixture_corpus_passes_under_wasm() {
    let failures = fixtures::run_all(&borderseal::detect::Detector::default());
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

// The operator, overlap, policy and fail-closed tests of the redaction pipeline, run under
// wasm as they run natively.
#[path = "redact_text.rs"]
mod redact_text;
