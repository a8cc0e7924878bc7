//! Core errors become real JavaScript `Error` objects with a stable `name` and `code`.

use wasm_bindgen::JsValue;

use crate::{Error, ErrorCode};

/// The `name` every borderseal error carries in JavaScript.
pub const ERROR_NAME: &str = "BordersealError";

/// Converts a core error into a JS `Error` with `name = "BordersealError"`,
/// `code = <ErrorCode string>` and the core message.
#[must_use]
pub fn to_js(err: &Error) -> JsValue {
    let js = js_sys::Error::new(err.message());
    js.set_name(ERROR_NAME);
    // Reflect::set only fails on a frozen or proxied target; a fresh Error is neither.
    // Should it ever fail, the error still reaches JS (without a code) rather than panicking.
    let _ = js_sys::Reflect::set(
        &js,
        &JsValue::from_str("code"),
        &JsValue::from_str(err.code().as_str()),
    );
    js.into()
}

/// Shorthand for an `INVALID_ARGUMENT` error about a JS value of the wrong shape.
#[must_use]
pub fn invalid_argument(what: &str) -> JsValue {
    to_js(&Error::new(ErrorCode::InvalidArgument, what))
}
