//! Keyed pseudonyms: HMAC-SHA-256 under the agency's secret, domain-separated per entity type.
//!
//! GDPR Art. 4(5) / LED Art. 3(5): pseudonymised data "can no longer be attributed to a
//! specific data subject without the use of additional information … kept separately".
//! An unkeyed hash of a low-entropy identifier (phone, IPv4, IBAN) could be reversed by
//! enumeration; the key is that additional information and never leaves this type.

use crate::error::{Error, ErrorCode, Result};
use core::fmt;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use zeroize::Zeroizing;

/// Shortest accepted key, in bytes (HMAC-SHA-256's output size).
pub const MIN_KEY_BYTES: usize = 32;
/// Longest accepted key, in bytes.
pub const MAX_KEY_BYTES: usize = 1024;
/// Bits of HMAC output kept in a token: 128, so that collisions between distinct
/// people stay negligible over any realistic number of reports (birthday bound 2^64).
pub const TOKEN_BITS: usize = 128;

/// Version tag of the HMAC input layout; changing the layout changes every token.
const CONTEXT: &[u8] = b"borderseal/pseudonym/v1";

/// The agency's pseudonym secret with its key id. Wiped on drop; `Debug` shows the key id
/// only; it is never written to an audit record.
pub struct PseudonymKey {
    key_id: String,
    // Zeroizing: the secret must not linger in (wasm linear) memory after drop.
    bytes: Zeroizing<Vec<u8>>,
}

impl PseudonymKey {
    /// A key of at least 32 bytes, with an id of 1–32 characters `[A-Za-z0-9._-]` that is
    /// written into every token (so a partner knows which key generation matched).
    pub fn new(key_id: &str, bytes: &[u8]) -> Result<Self> {
        let id_ok = !key_id.is_empty()
            && key_id.len() <= 32
            && key_id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
        if !id_ok {
            return Err(Error::new(
                ErrorCode::InvalidKey,
                "pseudonym key id must be 1-32 characters of [A-Za-z0-9._-]",
            ));
        }
        if bytes.len() < MIN_KEY_BYTES || bytes.len() > MAX_KEY_BYTES {
            return Err(Error::new(
                ErrorCode::InvalidKey,
                format!(
                    "pseudonym key must be {MIN_KEY_BYTES}..={MAX_KEY_BYTES} bytes, got {}",
                    bytes.len()
                ),
            ));
        }
        Ok(Self {
            key_id: key_id.to_owned(),
            bytes: Zeroizing::new(bytes.to_vec()),
        })
    }

    /// The key id (public).
    #[must_use]
    pub fn key_id(&self) -> &str {
        &self.key_id
    }

    /// The token for `value` in `domain` (an entity type name or field domain):
    /// `[DOMAIN:keyid:<32 hex>]`.
    pub fn token(&self, domain: &str, value: &str) -> Result<String> {
        let normalised = Zeroizing::new(normalise(domain, value));
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&self.bytes)
            .map_err(|_| Error::new(ErrorCode::Internal, "HMAC rejected the key length"))?;
        // Length-prefixed fields: no two (domain, value) pairs share an HMAC input.
        mac.update(CONTEXT);
        mac.update(&(domain.len() as u64).to_be_bytes());
        mac.update(domain.as_bytes());
        mac.update(&(normalised.len() as u64).to_be_bytes());
        mac.update(normalised.as_bytes());
        let tag = mac.finalize().into_bytes();
        let hex = crate::decide::parse::hex(tag.get(..TOKEN_BITS / 8).unwrap_or(&tag));
        Ok(format!("[{domain}:{}:{hex}]", self.key_id))
    }
}

impl fmt::Debug for PseudonymKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PseudonymKey")
            .field("key_id", &self.key_id)
            .finish_non_exhaustive()
    }
}

/// The canonical form that makes equal values equal tokens: "DE89 3704 …" = "de893704…".
fn normalise(domain: &str, value: &str) -> String {
    let v = value.trim();
    match domain {
        "EMAIL" | "URL" | "IP_ADDRESS" | "MAC_ADDRESS" | "ETH_ADDRESS" => v.to_lowercase(),
        // Names: case and spacing vary between reports, the person does not.
        "PERSON" => v
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase(),
        // Bitcoin Base58 is case-sensitive.
        "BTC_ADDRESS" => v.to_owned(),
        "PHONE" => v
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '(' | ')' | '.' | '/'))
            .collect(),
        // Identifiers: spaces and case are presentation ("DE89 3704…" = "DE893704…").
        _ => v
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_uppercase)
            .collect(),
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn key() -> PseudonymKey {
        PseudonymKey::new("k1", &[7u8; 32]).unwrap()
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn normalised_identifiers_share_a_token() {
        let k = key();
        let a = k.token("IBAN", "DE89 3704 0044 0532 0130 00").unwrap();
        let b = k.token("IBAN", "de89370400440532013000").unwrap();
        assert_eq!(a, b);
        assert!(a.starts_with("[IBAN:k1:") && a.len() == "[IBAN:k1:]".len() + 32);
        assert_eq!(
            k.token("PERSON", "Anna  Maria MÜLLER").unwrap(),
            k.token("PERSON", " anna maria müller").unwrap()
        );
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn domains_and_keys_separate() {
        let k = key();
        let e = k.token("EMAIL", "x@y.eu").unwrap();
        let p = k.token("PERSON", "x@y.eu").unwrap();
        assert_ne!(e.rsplit(':').next(), p.rsplit(':').next());
        let k2 = PseudonymKey::new("k1", &[8u8; 32]).unwrap();
        assert_ne!(k2.token("EMAIL", "x@y.eu").unwrap(), e);
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn rejects_short_keys_and_bad_ids_and_hides_bytes() {
        assert_eq!(
            PseudonymKey::new("k1", &[1u8; 31]).unwrap_err().code(),
            ErrorCode::InvalidKey
        );
        assert_eq!(
            PseudonymKey::new("k 1", &[1u8; 32]).unwrap_err().code(),
            ErrorCode::InvalidKey
        );
        assert_eq!(
            PseudonymKey::new("", &[1u8; 32]).unwrap_err().code(),
            ErrorCode::InvalidKey
        );
        let dbg = format!("{:?}", PseudonymKey::new("k9", &[0xAB; 32]).unwrap());
        assert!(dbg.contains("k9") && !dbg.contains("171") && !dbg.to_lowercase().contains("ab, "));
    }
}
