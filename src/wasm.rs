//! The JavaScript bindings: a thin layer over the core (wasm32 only).
//!
//! Everything here converts between JS values and core types and nothing more: no
//! detection, policy or cryptographic logic lives in this module. Every exported function
//! returns `Result<_, JsValue>` whose error is a real JS `Error` with a stable `code`
//! (see [`error`]), and no input can reach a panic: a panic in wasm kills the module
//! instance for the whole page.

use wasm_bindgen::prelude::*;

pub mod convert;
pub mod envelope;
pub mod error;
pub mod redact;
pub mod testing;
pub mod types;

/// Runs once when the module is instantiated.
///
/// With the `panic-hook` feature it installs `console_error_panic_hook`, so that a panic
/// (which would be a bug: no input may cause one) at least shows its message in the
/// console before the instance dies.
#[wasm_bindgen(start)]
pub fn start() {
    #[cfg(feature = "panic-hook")]
    console_error_panic_hook::set_once();
}

/// The version of this build of borderseal (`major.minor.patch`); quote it in bug reports.
#[wasm_bindgen]
#[must_use]
pub fn version() -> String {
    crate::version().to_owned()
}

/// The limits this build enforces on untrusted input; every one, when exceeded, is an
/// error with its own code, never a silent truncation.
///
/// @returns {Limits}
#[wasm_bindgen(js_name = limits, unchecked_return_type = "Limits")]
pub fn limits() -> Result<JsValue, JsValue> {
    types::to_js_json(&crate::limits::Limits::current())
}

/// Every error code a borderseal call can throw, in a stable order
/// (the same set as the `BordersealErrorCode` type).
#[wasm_bindgen(js_name = errorCodes, unchecked_return_type = "BordersealErrorCode[]")]
#[must_use]
pub fn error_codes() -> Vec<String> {
    crate::ErrorCode::ALL
        .iter()
        .map(|c| c.as_str().to_owned())
        .collect()
}
