//! JWK plumbing shared by the X25519 and Ed25519 key types: strict base64url and RFC 7638 thumbprints.
//!
//! Both key types are RFC 8037 "OKP" keys; they differ only in `crv` and in which
//! `use`/`key_ops` values make sense, so the field checks live here once.

use serde_json::{Map, Value};
use sha2::{Digest as _, Sha256};
use zeroize::Zeroizing;

use crate::error::{Error, ErrorCode, Result};

/// The base64url alphabet (RFC 4648 §5).
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Encodes bytes as base64url without padding (RFC 7515 §2 "Base64url Encoding").
///
/// Written out rather than taken from the `base64` crate: keys and thumbprints are all this
/// module encodes or decodes, and the crate's general engine cost ~2 KB of gzipped wasm.
pub(crate) fn b64u(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let byte = |i: usize| u32::from(chunk.get(i).copied().unwrap_or(0));
        let group = byte(0) << 16 | byte(1) << 8 | byte(2);
        // n bytes give n + 1 symbols; the rest would be padding, which is omitted.
        for k in 0..=chunk.len() {
            let index = (group >> (18 - 6 * k)) & 63;
            out.push(char::from(
                ALPHABET.get(index as usize).copied().unwrap_or(b'A'),
            ));
        }
    }
    out
}

/// The value of a base64url symbol.
fn symbol_value(b: u8) -> Option<u8> {
    match b {
        b'A'..=b'Z' => Some(b - b'A'),
        b'a'..=b'z' => Some(b - b'a' + 26),
        b'0'..=b'9' => Some(b - b'0' + 52),
        b'-' => Some(62),
        b'_' => Some(63),
        _ => None,
    }
}

/// Strict base64url without padding, with the errors (and their wording) of the `base64`
/// crate's `URL_SAFE_NO_PAD` engine, which this replaces: the first symbol outside the
/// alphabet, a lone last symbol, any `=`, or unused low bits that are not zero.
pub(crate) fn b64u_decode(text: &str) -> core::result::Result<Vec<u8>, String> {
    let input = text.as_bytes();
    let n = input.len();
    let rem = n % 4;
    let invalid_byte = |i: usize, b: u8| format!("Invalid symbol {b}, offset {i}.");
    // The engine looks at a lone trailing symbol first.
    if rem == 1
        && let Some(&last) = input.last()
        && last != b'='
        && symbol_value(last).is_none()
    {
        return Err(invalid_byte(n - 1, last));
    }
    // Whole quads, except the last one (complete or not), which is checked apart.
    let body = n - rem - if rem == 0 { 4.min(n) } else { 0 };
    let mut out = Vec::with_capacity(n / 4 * 3 + 2);
    let mut group = 0u32;
    for (i, &b) in input.iter().enumerate().take(body) {
        group = group << 6 | u32::from(symbol_value(b).ok_or_else(|| invalid_byte(i, b))?);
        if i % 4 == 3 {
            out.extend(group.to_be_bytes().into_iter().skip(1));
            group = 0;
        }
    }
    // The last quad: padding is refused, but only after the symbols around it are checked.
    let (mut symbols, mut padding, mut first_pad) = (0usize, 0usize, 0usize);
    let (mut last, mut last_value) = (0u8, 0u8);
    let mut morsels = 0u32;
    for (k, &b) in input.iter().enumerate().skip(body) {
        if b == b'=' {
            if k - body < 2 {
                return Err(invalid_byte(k, b));
            }
            if padding == 0 {
                first_pad = k;
            }
            padding += 1;
            continue;
        }
        if padding > 0 {
            return Err(invalid_byte(first_pad, b'='));
        }
        let v = symbol_value(b).ok_or_else(|| invalid_byte(k, b))?;
        (last, last_value) = (b, v);
        morsels |= u32::from(v) << (26 - 6 * symbols);
        symbols += 1;
    }
    if n > 0 && symbols < 2 {
        return Err(format!("Invalid input length: {}", body + symbols));
    }
    if padding > 0 {
        return Err("Invalid padding".to_owned());
    }
    let bytes = symbols * 6 / 8;
    if morsels & (u32::MAX >> (bytes * 8)) != 0 {
        let shown = if last.is_ascii() {
            char::from(last)
        } else {
            '\u{fffd}'
        };
        return Err(format!(
            "Invalid last symbol {last:#4x} ('{shown}') at offset {}, decoded as {last_value:#010b}.",
            body + symbols - 1
        ));
    }
    out.extend(morsels.to_be_bytes().into_iter().take(bytes));
    Ok(out)
}

fn invalid(message: String) -> Error {
    Error::new(ErrorCode::InvalidKey, message)
}

/// Decodes a 32-byte JWK member. RFC 7515 §2: base64url "with all trailing '=' characters
/// omitted"; the engine also rejects non-zero trailing bits, so every key has exactly one
/// spelling and a thumbprint cannot be forked by re-encoding `x`.
pub(crate) fn decode_32(member: &str, text: &str) -> Result<Zeroizing<[u8; 32]>> {
    // Zeroizing: for `d` these bytes are the private scalar.
    let raw = Zeroizing::new(b64u_decode(text).map_err(|e| {
        // The decoder's detail quotes a character of the input: fine for `x`, not for `d`.
        let detail = if member == "d" {
            String::new()
        } else {
            format!(": {e}")
        };
        invalid(format!(
            "JWK member \"{member}\" is not strict base64url without padding{detail}"
        ))
    })?);
    let array: [u8; 32] = raw.as_slice().try_into().map_err(|_| {
        invalid(format!(
            "JWK member \"{member}\" must decode to 32 bytes, got {}",
            raw.len()
        ))
    })?;
    Ok(Zeroizing::new(array))
}

/// An OKP JWK object after the checks that do not depend on the curve's arithmetic.
pub(crate) struct OkpFields<'a> {
    /// The `x` member, as written (already known to decode to 32 bytes).
    pub x_text: &'a str,
    /// The decoded `x`.
    pub x: [u8; 32],
    /// The decoded `d`, if the JWK has one.
    pub d: Option<Zeroizing<[u8; 32]>>,
    /// The `kid` member, if any.
    pub kid: Option<&'a str>,
}

fn string_member<'a>(obj: &'a Map<String, Value>, name: &str) -> Result<Option<&'a str>> {
    match obj.get(name) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.as_str())),
        Some(other) => Err(invalid(format!(
            "JWK member \"{name}\" must be a string, got {}",
            json_type(other)
        ))),
    }
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Checks `kty`, `crv`, `x`, optional `d`, `use` and `key_ops` of an OKP JWK.
///
/// `use_value` is the only acceptable `use` ("enc" or "sig", RFC 7517 §4.2); `allowed_ops`
/// are the `key_ops` values that fit this key (RFC 7517 §4.3: "Duplicate key operation values
/// MUST NOT be present in the array").
pub(crate) fn parse_okp<'a>(
    jwk: &'a Value,
    crv: &str,
    use_value: &str,
    allowed_ops: &[&str],
) -> Result<OkpFields<'a>> {
    let obj = jwk.as_object().ok_or_else(|| {
        invalid(format!(
            "a JWK must be a JSON object, got {}",
            json_type(jwk)
        ))
    })?;
    match string_member(obj, "kty")? {
        Some("OKP") => {}
        Some(other) => return Err(invalid(format!("expected kty \"OKP\", got \"{other}\""))),
        None => return Err(invalid("JWK has no \"kty\" member".to_owned())),
    }
    match string_member(obj, "crv")? {
        Some(c) if c == crv => {}
        Some(other) => return Err(invalid(format!("expected crv \"{crv}\", got \"{other}\""))),
        None => return Err(invalid("JWK has no \"crv\" member".to_owned())),
    }
    let x_text =
        string_member(obj, "x")?.ok_or_else(|| invalid("JWK has no \"x\" member".to_owned()))?;
    let x = *decode_32("x", x_text)?;
    let d = match string_member(obj, "d")? {
        Some(text) => Some(decode_32("d", text)?),
        None => None,
    };
    if let Some(u) = string_member(obj, "use")?
        && u != use_value
    {
        return Err(invalid(format!(
            "JWK \"use\" is \"{u}\", but this key type needs \"{use_value}\""
        )));
    }
    if let Some(ops) = obj.get("key_ops") {
        let ops = ops.as_array().ok_or_else(|| {
            invalid(format!(
                "JWK \"key_ops\" must be an array, got {}",
                json_type(ops)
            ))
        })?;
        let mut seen: Vec<&str> = Vec::with_capacity(ops.len());
        for op in ops {
            let op = op
                .as_str()
                .ok_or_else(|| invalid("JWK \"key_ops\" must hold only strings".to_owned()))?;
            if !allowed_ops.contains(&op) {
                // As `{allowed_ops:?}` prints these plain ASCII names, without linking
                // `Debug` for strings (and the Unicode escaping tables behind it).
                let expected: Vec<String> =
                    allowed_ops.iter().map(|o| format!("\"{o}\"")).collect();
                return Err(invalid(format!(
                    "JWK \"key_ops\" has \"{op}\", expected only [{}]",
                    expected.join(", ")
                )));
            }
            if seen.contains(&op) {
                return Err(invalid(format!("JWK \"key_ops\" repeats \"{op}\"")));
            }
            seen.push(op);
        }
    }
    let kid = string_member(obj, "kid")?;
    Ok(OkpFields { x_text, x, d, kid })
}

/// RFC 7638 §3.2: the thumbprint input holds only the required members, "in lexicographic
/// order", "with no whitespace or line breaks". For OKP keys (RFC 8037 §2) those are `crv`,
/// `kty` and `x`. Returns the raw SHA-256 digest; the `kid` string is its base64url form.
pub(crate) fn thumbprint(crv: &str, x: &[u8; 32]) -> [u8; 32] {
    let canonical = format!(r#"{{"crv":"{crv}","kty":"OKP","x":"{}"}}"#, b64u(x));
    Sha256::digest(canonical.as_bytes()).into()
}

/// Rejects a `kid` member that is not this key's thumbprint: envelopes address recipients by
/// thumbprint, so a JWK that calls itself something else would be a source of confusion.
pub(crate) fn check_kid(fields: &OkpFields<'_>, kid: &str) -> Result<()> {
    match fields.kid {
        Some(given) if given != kid => Err(invalid(format!(
            "JWK \"kid\" is \"{given}\", but the RFC 7638 thumbprint of this key is \"{kid}\""
        ))),
        _ => Ok(()),
    }
}

/// Builds the public part of an OKP JWK.
pub(crate) fn okp_jwk(crv: &str, x: &[u8; 32], kid: &str) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("kty".into(), Value::String("OKP".into()));
    m.insert("crv".into(), Value::String(crv.into()));
    m.insert("x".into(), Value::String(b64u(x)));
    m.insert("kid".into(), Value::String(kid.into()));
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc8037_appendix_a3_thumbprint() {
        // RFC 8037 Appendix A.3: the Ed25519 key of A.2 has the thumbprint
        // "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k".
        let x = decode_32("x", "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo").unwrap();
        assert_eq!(
            b64u(&thumbprint("Ed25519", &x)),
            "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"
        );
    }

    /// The hand-written codec against the `base64` crate's `URL_SAFE_NO_PAD` engine it
    /// replaced: same output, same acceptance, same error text.
    #[test]
    #[allow(clippy::indexing_slicing)]
    fn base64url_codec_matches_the_base64_crate() {
        use base64::Engine as _;
        use base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let mut s: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            s
        };
        let symbols = b"AZaz09-_=+/. \xc3Qw";
        for round in 0..100_000 {
            let len = (next() % 48) as usize;
            let bytes: Vec<u8> = (0..len).map(|_| next() as u8).collect();
            assert_eq!(b64u(&bytes), URL_SAFE_NO_PAD.encode(&bytes));
            // Valid encodings with one symbol changed, truncated or extended.
            let mut text = b64u(&bytes).into_bytes();
            match round % 4 {
                0 if !text.is_empty() => {
                    let i = (next() as usize) % text.len();
                    text[i] = symbols[(next() as usize) % symbols.len()];
                }
                1 => text.push(symbols[(next() as usize) % symbols.len()]),
                2 => {
                    text.pop();
                }
                _ => {}
            }
            let Ok(text) = String::from_utf8(text) else {
                continue;
            };
            let want = URL_SAFE_NO_PAD.decode(&text).map_err(|e| e.to_string());
            assert_eq!(b64u_decode(&text), want, "{text:?}");
        }
        for text in [
            "", "=", "A", "AA", "AB", "A=", "AA==", "AAA=", "AAAA=", "é", "AAAAé", "AA=A",
        ] {
            let want = URL_SAFE_NO_PAD.decode(text).map_err(|e| e.to_string());
            assert_eq!(b64u_decode(text), want, "{text:?}");
        }
    }

    #[test]
    fn key_ops_error_lists_the_allowed_operations() {
        let jwk = serde_json::json!({"kty": "OKP", "crv": "X25519", "x": b64u(&[9u8; 32]), "key_ops": ["sign"]});
        let e = parse_okp(&jwk, "X25519", "enc", &["deriveKey", "deriveBits"])
            .err()
            .unwrap();
        assert_eq!(
            e.message(),
            format!(
                "JWK \"key_ops\" has \"sign\", expected only {:?}",
                ["deriveKey", "deriveBits"]
            )
        );
    }

    #[test]
    fn base64_must_be_canonical_and_unpadded() {
        let good = b64u(&[7u8; 32]);
        assert!(decode_32("x", &good).is_ok());
        assert!(decode_32("x", &format!("{good}=")).is_err());
        // Last character changed so that its unused low bits are non-zero.
        let mut bad = good.clone();
        bad.pop();
        bad.push('x');
        assert!(decode_32("x", &bad).is_err());
        // Standard-alphabet characters are not base64url.
        let std_alphabet = format!("+{}", good.get(1..).unwrap());
        assert!(decode_32("x", &std_alphabet).is_err());
        let short = b64u(&[7u8; 31]);
        let e = decode_32("x", &short).err().unwrap();
        assert!(e.message().contains("got 31"), "{e}");
    }
}
