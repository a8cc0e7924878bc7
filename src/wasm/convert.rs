//! Conversions of untrusted JS values into core inputs, each failing with a coded error.
//!
//! JSON-shaped values (policies, JWKs, metadata, reports) cross as text: `JSON.stringify`
//! on the JS side (which throws on cycles and BigInts instead of recursing forever), then
//! `serde_json` here, whose recursion limit (128) stops hostile nesting before it can
//! exhaust the wasm stack. A stack overflow inside wasm would leave the instance unusable,
//! so no recursive conversion of a JS value happens in Rust.

use js_sys::{JsString, Reflect, Uint8Array};
use serde_json::{Map, Value};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

// A JS exception thrown inside an imported function unwinds through the wasm frames above
// it and can leave Rust state half-updated (a `&mut self` borrow never released). Type
// tests such as `instanceof` or `Array.isArray` throw on revoked proxies, so every type test
// of an untrusted value happens here, inside a `try`, and answers with a number.
#[wasm_bindgen(inline_js = "export function borderseal_classify(v) {
  try {
    if (typeof v === 'string') return 1;
    if (v instanceof Uint8Array) return 2;
    if (v instanceof ArrayBuffer) return 3;
    if (v === null || v === undefined) return 0;
    return 4;
  } catch (e) {
    return 5;
  }
}")]
extern "C" {
    fn borderseal_classify(v: &JsValue) -> u32;
}

/// What an untrusted JS value is, found without letting JS throw through wasm.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `undefined` or `null`, or a primitive other than a string.
    Absent,
    /// A string.
    String,
    /// A `Uint8Array` (of this realm).
    Bytes,
    /// An `ArrayBuffer` (of this realm).
    Buffer,
    /// Anything else (objects, numbers, booleans, …).
    Other,
    /// An object whose type test threw (a revoked proxy, a throwing `Symbol.hasInstance`).
    Hostile,
}

/// Classifies a value (see [`Kind`]).
pub fn kind(value: &JsValue) -> Kind {
    match borderseal_classify(value) {
        0 => Kind::Absent,
        1 => Kind::String,
        2 => Kind::Bytes,
        3 => Kind::Buffer,
        5 => Kind::Hostile,
        _ => Kind::Other,
    }
}

use super::error::{invalid_argument, to_js};
use crate::limits::MAX_TEXT_BYTES;
use crate::{Error, ErrorCode};

// A string's UTF-8 written straight into a buffer of this module's memory by the engine's
// `TextEncoder.encodeInto`. wasm-bindgen's own conversion first copies the ASCII prefix one
// UTF-16 unit at a time in JavaScript, ~2.7 ns a character: on 10 MB of ASCII prose that was
// 27 of `analyze`'s 50 ms, and on a report of 1,500 ASCII characters 4 of its 11 µs. This way
// needs `String::from_utf8`'s check of the whole text instead (~0.5 ns a byte). On a long
// text that costs more than the loop when the ASCII prefix is short, so a text of at least
// twice ENCODE_INTO_UNITS units takes this way only when its first ENCODE_INTO_UNITS are
// ASCII (see `encode`). A shorter one of at least SHORT_MIN units always does
// (`encode_short`): its check costs well under a microsecond, and the call to `encodeInto`
// with its typed-array views about as much as the loop over SHORT_MIN characters.
const ENCODE_INTO_UNITS: usize = 4096;
/// Shortest string (in UTF-16 units) that [`encode_short`] converts (see above).
const SHORT_MIN: usize = 64;

#[wasm_bindgen(inline_js = "const enc = new TextEncoder();
export function borderseal_encode_into(text, from, buf, out) {
  const r = enc.encodeInto(from === 0 ? text : text.slice(from), buf);
  out[0] = r.read;
  out[1] = r.written;
}")]
extern "C" {
    /// Encodes `text` from UTF-16 unit `from` into `buf` as far as it fits (never half a
    /// character): `out` = [units read, bytes written].
    fn borderseal_encode_into(text: &JsString, from: u32, buf: &mut [u8], out: &mut [u32]);
}

/// `s` (of `units` UTF-16 units) as UTF-8, by [`borderseal_encode_into`], if it starts with
/// [`ENCODE_INTO_UNITS`] ASCII characters: into a buffer of one byte a unit, which holds
/// ASCII text whole, then the rest, if any, into room for three bytes a unit (what
/// wasm-bindgen's conversion reserves too). `Ok(None)` for a text with a character beyond
/// ASCII among its first units: wasm-bindgen's own loop over that short prefix, then its
/// `encodeInto`, costs less than the check of the whole text's UTF-8 that this way needs.
/// `Err` if the engine read short of the end.
fn encode(s: &JsString, units: usize) -> Result<Option<String>, ()> {
    let mut out = [0u32; 2];
    let mut probe = [0u8; ENCODE_INTO_UNITS];
    borderseal_encode_into(s, 0, &mut probe, &mut out);
    if out != [ENCODE_INTO_UNITS as u32; 2] {
        return Ok(None);
    }
    let mut buf = vec![0u8; units];
    buf.get_mut(..ENCODE_INTO_UNITS)
        .ok_or(())?
        .copy_from_slice(&probe);
    let (mut read, mut written) = (ENCODE_INTO_UNITS, ENCODE_INTO_UNITS);
    // The rest into the one-byte buffer, as far as it fits; what is left then has room for
    // three bytes a unit, so the second call reads to the end.
    for step in 0..2 {
        if read == units {
            break;
        }
        if step == 1 {
            buf.resize(written + (units - read) * 3, 0);
        }
        let from = u32::try_from(read).map_err(|_| ())?;
        borderseal_encode_into(s, from, buf.get_mut(written..).ok_or(())?, &mut out);
        read += out[0] as usize;
        written += out[1] as usize;
    }
    if read != units {
        return Err(());
    }
    buf.truncate(written);
    String::from_utf8(buf).map(Some).map_err(|_| ())
}

/// `s` (of `units` UTF-16 units, fewer than `2 * ENCODE_INTO_UNITS`) as UTF-8, by one
/// [`borderseal_encode_into`] into room for three bytes a unit (what wasm-bindgen's
/// conversion reserves too). `Err` if the engine read short of the end.
fn encode_short(s: &JsString, units: usize) -> Result<String, ()> {
    let mut out = [0u32; 2];
    let mut buf = vec![0u8; units * 3];
    borderseal_encode_into(s, 0, &mut buf, &mut out);
    if out[0] as usize != units {
        return Err(());
    }
    buf.truncate(out[1] as usize);
    String::from_utf8(buf).map_err(|_| ())
}

/// Copies a string argument into Rust, refusing non-strings and over-long strings before
/// copying. (UTF-8 is never shorter than UTF-16 in code units, so a string longer than the
/// limit in UTF-16 units is over the byte limit too.)
pub fn text(value: &JsValue, what: &str) -> Result<String, JsValue> {
    let Some(s) = value.is_string().then(|| value.unchecked_ref::<JsString>()) else {
        return Err(invalid_argument(&format!(
            "{what}: expected a string, got {}",
            type_name(value)
        )));
    };
    if s.length() as usize > MAX_TEXT_BYTES {
        return Err(to_js(&Error::new(
            ErrorCode::InputTooLarge,
            format!(
                "{what}: {} UTF-16 code units is over the limit of {MAX_TEXT_BYTES} bytes",
                s.length()
            ),
        )));
    }
    let units = s.length() as usize;
    let encoded = if units < SHORT_MIN {
        Ok(None)
    } else if units < 2 * ENCODE_INTO_UNITS {
        encode_short(s, units).map(Some)
    } else {
        encode(s, units)
    }
    .map_err(|()| invalid_argument(&format!("{what}: cannot be read as text")))?;
    let owned = encoded.unwrap_or_else(|| String::from(s));
    if owned.len() > MAX_TEXT_BYTES {
        return Err(to_js(&Error::new(
            ErrorCode::InputTooLarge,
            format!(
                "{what}: {} bytes of UTF-8 is over the limit of {MAX_TEXT_BYTES}",
                owned.len()
            ),
        )));
    }
    Ok(owned)
}

/// Bytes from a `Uint8Array`, an `ArrayBuffer`, or (UTF-8 encoded) a string.
pub fn bytes(value: &JsValue, what: &str) -> Result<Vec<u8>, JsValue> {
    match kind(value) {
        Kind::Bytes => Ok(value.unchecked_ref::<Uint8Array>().to_vec()),
        Kind::Buffer => Ok(Uint8Array::new(value).to_vec()),
        Kind::String => Ok(text(value, what)?.into_bytes()),
        _ => Err(invalid_argument(&format!(
            "{what}: expected a Uint8Array, ArrayBuffer or string, got {}",
            type_name(value)
        ))),
    }
}

/// Only a `Uint8Array` (for binary inputs where a string would be a mistake).
pub fn byte_array(value: &JsValue, what: &str) -> Result<Vec<u8>, JsValue> {
    match kind(value) {
        Kind::Bytes => Ok(value.unchecked_ref::<Uint8Array>().to_vec()),
        _ => Err(invalid_argument(&format!(
            "{what}: expected a Uint8Array, got {}",
            type_name(value)
        ))),
    }
}

/// The first `max` bytes of a `Uint8Array` (all of it if shorter): for calls that need only
/// a bounded prefix of a possibly large array, so the rest is not copied into wasm.
pub fn byte_array_prefix(value: &JsValue, what: &str, max: usize) -> Result<Vec<u8>, JsValue> {
    match kind(value) {
        Kind::Bytes => {
            let a = value.unchecked_ref::<Uint8Array>();
            let end = u32::try_from(max).unwrap_or(u32::MAX).min(a.length());
            Ok(a.subarray(0, end).to_vec())
        }
        _ => Err(invalid_argument(&format!(
            "{what}: expected a Uint8Array, got {}",
            type_name(value)
        ))),
    }
}

/// A non-negative safe integer (below 2^53), as used for lengths and indices.
pub fn safe_integer(value: &JsValue, what: &str) -> Result<u64, JsValue> {
    let n = value.as_f64().unwrap_or(f64::NAN);
    if !(n >= 0.0 && n.fract() == 0.0 && n < 9_007_199_254_740_992.0) {
        return Err(invalid_argument(&format!(
            "{what}: expected a non-negative safe integer, got {}",
            type_name(value)
        )));
    }
    // Checked above: a non-negative integer below 2^53, exactly representable as u64.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    Ok(n as u64)
}

/// A JSON-compatible JS value as a `serde_json::Value` (see the module docs for why this
/// goes through text).
pub fn json(value: &JsValue, what: &str) -> Result<Value, JsValue> {
    if value.is_undefined() || value.is_function() || value.is_symbol() {
        return Err(invalid_argument(&format!(
            "{what}: expected a JSON value, got {}",
            type_name(value)
        )));
    }
    let text = js_sys::JSON::stringify(value).map_err(|_| {
        invalid_argument(&format!(
            "{what}: cannot be represented as JSON (a cycle, a BigInt, or a throwing toJSON)"
        ))
    })?;
    // `JSON.stringify` answers `undefined` for values without a JSON form (a `toJSON` that
    // returns nothing, …): not a string, so not to be read as one.
    if !text.is_string() {
        return Err(invalid_argument(&format!(
            "{what}: has no JSON representation"
        )));
    }
    if text.length() as usize > MAX_TEXT_BYTES {
        return Err(to_js(&Error::new(
            ErrorCode::InputTooLarge,
            format!("{what}: the JSON text is over the limit of {MAX_TEXT_BYTES} bytes"),
        )));
    }
    parse_json(&String::from(text), what)
}

/// Parses JSON text with serde_json's recursion limit.
pub fn parse_json(text: &str, what: &str) -> Result<Value, JsValue> {
    serde_json::from_str(text).map_err(|e| {
        let code = if e.to_string().contains("recursion limit") {
            ErrorCode::JsonTooDeep
        } else {
            ErrorCode::InvalidJson
        };
        to_js(&Error::new(code, format!("{what}: {e}")))
    })
}

/// A JSON object (for options, metadata and JWKs).
pub fn object(value: &JsValue, what: &str) -> Result<Map<String, Value>, JsValue> {
    match json(value, what)? {
        Value::Object(map) => Ok(map),
        other => Err(invalid_argument(&format!(
            "{what}: expected an object, got {}",
            json_type(&other)
        ))),
    }
}

/// A boolean argument (no truthiness: `"false"` is not `false`).
pub fn boolean(value: &JsValue, what: &str) -> Result<bool, JsValue> {
    value.as_bool().ok_or_else(|| {
        invalid_argument(&format!(
            "{what}: expected a boolean, got {}",
            type_name(value)
        ))
    })
}

/// `obj[key]`, or `undefined` when `obj` is not an object or the lookup throws (a getter).
pub fn field(obj: &JsValue, key: &str) -> JsValue {
    if !obj.is_object() {
        return JsValue::UNDEFINED;
    }
    Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// Whether a JS value is `undefined` or `null`.
pub fn is_absent(value: &JsValue) -> bool {
    value.is_undefined() || value.is_null()
}

/// A short description of a JS value's type for error messages (never its content).
pub fn type_name(value: &JsValue) -> &'static str {
    if value.is_undefined() {
        "undefined"
    } else if value.is_null() {
        "null"
    } else if value.is_string() {
        "a string"
    } else if value.as_f64().is_some() {
        "a number"
    } else if value.as_bool().is_some() {
        "a boolean"
    } else if value.is_bigint() {
        "a BigInt"
    } else if value.is_symbol() {
        "a symbol"
    } else if value.is_function() {
        "a function"
    } else if kind(value) == Kind::Hostile {
        "a hostile object (its type test threw)"
    } else {
        "an object"
    }
}

/// The JSON type of a value, for error messages.
pub fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A plain JS object built field by field (for results holding `Uint8Array`s, which serde
/// would turn into arrays of numbers).
pub struct ObjectBuilder(js_sys::Object);

impl ObjectBuilder {
    /// An empty object.
    #[must_use]
    pub fn new() -> Self {
        Self(js_sys::Object::new())
    }

    /// Sets `key` (a fresh plain object cannot refuse, so a failure is reported as INTERNAL).
    pub fn set(self, key: &str, value: &JsValue) -> Result<Self, JsValue> {
        Reflect::set(&self.0, &JsValue::from_str(key), value).map_err(|_| {
            to_js(&Error::new(
                ErrorCode::Internal,
                format!("cannot set {key} on a result"),
            ))
        })?;
        Ok(self)
    }

    /// The finished object.
    #[must_use]
    pub fn build(self) -> JsValue {
        self.0.into()
    }
}

impl Default for ObjectBuilder {
    fn default() -> Self {
        Self::new()
    }
}
