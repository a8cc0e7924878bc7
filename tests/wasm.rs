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
