//! JWK plumbing shared by the X25519 and Ed25519 key types: strict base64url and RFC 7638 thumbprints.
//!
//! Both key types are RFC 8037 "OKP" keys; they differ only in `crv` and in which
//! `use`/`key_ops` values make sense, so the field checks live here once.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Map, Value};
use sha2::{Digest as _, Sha256};
use zeroize::Zeroizing;

use crate::error::{Error, ErrorCode, Result};

/// Encodes bytes as base64url without padding (RFC 7515 §2 "Base64url Encoding").
pub(crate) fn b64u(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

fn invalid(message: String) -> Error {
    Error::new(ErrorCode::InvalidKey, message)
}

/// Decodes a 32-byte JWK member. RFC 7515 §2: base64url "with all trailing '=' characters
/// omitted"; the engine also rejects non-zero trailing bits, so every key has exactly one
/// spelling and a thumbprint cannot be forked by re-encoding `x`.
pub(crate) fn decode_32(member: &str, text: &str) -> Result<Zeroizing<[u8; 32]>> {
    // Zeroizing: for `d` these bytes are the private scalar.
    let raw = Zeroizing::new(URL_SAFE_NO_PAD.decode(text).map_err(|e| {
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
                return Err(invalid(format!(
                    "JWK \"key_ops\" has \"{op}\", expected only {allowed_ops:?}"
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
