//! TypeScript shapes of the plain objects that cross the boundary, and their conversion.
//!
//! Plain-object shapes are written once, as TypeScript, in `types.d.ts` next to this file;
//! wasm-bindgen copies them into the generated `.d.ts`, and exported functions name them
//! with `unchecked_param_type` / `unchecked_return_type`. The values are checked against
//! those shapes by the JS tests (`tsc --noEmit` on a consumer file, and runtime assertions
//! on the values).

use js_sys::{Array, Object, Reflect};
use serde::Serialize;
use serde_json::{Map, Number, Value};
use wasm_bindgen::prelude::*;

use super::error::to_js as error_to_js;
use crate::{Error, ErrorCode};

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = include_str!("types.d.ts");

fn cannot_convert(what: &str) -> JsValue {
    error_to_js(&Error::new(
        ErrorCode::Internal,
        format!("cannot convert a result to JavaScript: {what}"),
    ))
}

/// A result as a plain JS object, through JSON text: serialised here in one pass, then one
/// `JSON.parse` on the JS side. A result can hold 100 000 findings; converting it value by
/// value (serde-wasm-bindgen) costs one or more boundary calls per field, which measured
/// slower than the detection itself. The objects are the same (plain objects and arrays,
/// numbers, strings; no `undefined`, no `Map`).
pub fn to_js_json<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(|e| cannot_convert(&e.to_string()))?;
    js_sys::JSON::parse(&text).map_err(|_| cannot_convert("JSON.parse refused the result"))
}

/// A JSON value (a JWK, envelope metadata) as a plain JS value: objects as plain objects,
/// their members assigned in the map's order, then arrays, numbers, strings, booleans and
/// `null`.
///
/// This is what serde-wasm-bindgen's JSON-compatible serialiser made of a `Value`, down to
/// assignment (`obj[key] = v`, so a `__proto__` member sets the prototype, as it did) and
/// the refusal of integers a JS number cannot hold exactly, with the same message; written
/// out because the serialiser was ~3 KB of gzipped wasm for these few calls.
pub fn to_js(value: &Value) -> Result<JsValue, JsValue> {
    Ok(match value {
        Value::Null => JsValue::NULL,
        Value::Bool(b) => JsValue::from_bool(*b),
        Value::Number(n) => number_to_js(n)?,
        Value::String(s) => JsValue::from_str(s),
        Value::Array(items) => {
            let array = Array::new();
            for item in items {
                array.push(&to_js(item)?);
            }
            array.into()
        }
        Value::Object(map) => object_to_js(map)?,
    })
}

/// A JSON object as a plain JS object (see [`to_js`]).
pub fn object_to_js(map: &Map<String, Value>) -> Result<JsValue, JsValue> {
    let object = Object::new();
    for (key, value) in map {
        Reflect::set(&object, &JsValue::from_str(key), &to_js(value)?)
            .map_err(|_| cannot_convert(&format!("cannot set {key}")))?;
    }
    Ok(object.into())
}

/// A JSON number as a JS number; integers beyond ±(2^53 − 1) are refused (serde-wasm-bindgen
/// said why in a JS `Error`, whose `String()` the message quotes).
fn number_to_js(n: &Number) -> Result<JsValue, JsValue> {
    const MAX_SAFE: u64 = (1 << 53) - 1;
    let unsafe_integer = |v: &dyn core::fmt::Display| {
        cannot_convert(&format!(
            "Error: {v} can't be represented as a JavaScript number"
        ))
    };
    // Exact below 2^53, which is checked first.
    #[allow(clippy::cast_precision_loss)]
    if let Some(u) = n.as_u64() {
        return if u <= MAX_SAFE {
            Ok(JsValue::from_f64(u as f64))
        } else {
            Err(unsafe_integer(&u))
        };
    }
    #[allow(clippy::cast_precision_loss)]
    if let Some(i) = n.as_i64() {
        return if i.unsigned_abs() <= MAX_SAFE {
            Ok(JsValue::from_f64(i as f64))
        } else {
            Err(unsafe_integer(&i))
        };
    }
    Ok(JsValue::from_f64(n.as_f64().unwrap_or(f64::NAN)))
}
