//! TypeScript shapes of the plain objects that cross the boundary, and their conversion.
//!
//! Plain-object shapes are written once, as TypeScript, in `types.d.ts` next to this file;
//! wasm-bindgen copies them into the generated `.d.ts`, and exported functions name them
//! with `unchecked_param_type` / `unchecked_return_type`. Values are converted with
//! `serde-wasm-bindgen` from core types that derive `Serialize`, so the Rust type and the
//! TypeScript shape are checked against each other by the JS tests (`tsc --noEmit` on a
//! consumer file, and runtime assertions on the values).

use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::error::to_js as error_to_js;
use crate::{Error, ErrorCode};

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = include_str!("types.d.ts");

/// Serialises a core value into a plain JS object (maps as objects, not `Map`s).
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value.serialize(&serializer).map_err(|e| {
        error_to_js(&Error::new(
            ErrorCode::Internal,
            format!("cannot convert a result to JavaScript: {e}"),
        ))
    })
}
