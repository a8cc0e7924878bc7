//! The key schedule: every key derived from the content key, with one HKDF label per use.
//!
//! All labels start with `borderseal/v1 ` so that no key of this format can ever equal a key
//! another protocol (or another version of this one) derives from the same secret.

use hkdf::Hkdf;
use hmac::{Hmac, KeyInit as _, Mac as _};
use sha2::Sha256;
use zeroize::Zeroizing;

use crate::error::{Error, ErrorCode, Result};

/// HKDF-Expand `info` for the payload (chunk) key.
pub const LABEL_PAYLOAD_KEY: &[u8] = b"borderseal/v1 payload key";
/// HKDF-Expand `info` for the header MAC key.
pub const LABEL_HEADER_MAC_KEY: &[u8] = b"borderseal/v1 header mac key";
/// Prefix of the HPKE `info`; the recipient's 32-byte thumbprint follows.
pub const LABEL_HPKE_INFO: &[u8] = b"borderseal/v1 wrap ";
/// Prefix of the message the sender signs.
pub const LABEL_SIGNATURE: &[u8] = b"borderseal/v1 signature ";

/// Length of the content key and of every derived key.
pub const KEY_LEN: usize = 32;
/// Length of the header MAC (full HMAC-SHA256 output, never truncated).
pub const MAC_LEN: usize = 32;

/// The two keys derived from one content key. Both are zeroized on drop.
pub(crate) struct Keys {
    pub payload: Zeroizing<[u8; KEY_LEN]>,
    pub mac: Zeroizing<[u8; KEY_LEN]>,
}

/// `PRK = HKDF-Extract(salt = payload_salt, IKM = content_key)`, then one HKDF-Expand per
/// label (RFC 5869). The per-envelope random salt makes the payload key unique even if a
/// caller's RNG repeated a content key.
pub(crate) fn derive(content_key: &[u8; KEY_LEN], salt: &[u8]) -> Result<Keys> {
    let hk = Hkdf::<Sha256>::new(Some(salt), content_key);
    let mut keys = Keys {
        payload: Zeroizing::new([0u8; KEY_LEN]),
        mac: Zeroizing::new([0u8; KEY_LEN]),
    };
    // Expanding 32 bytes from SHA-256 cannot exceed 255·HashLen; still no panic path.
    let internal = |_| Error::new(ErrorCode::Internal, "HKDF-Expand refused a 32-byte output");
    hk.expand(LABEL_PAYLOAD_KEY, keys.payload.as_mut_slice())
        .map_err(internal)?;
    hk.expand(LABEL_HEADER_MAC_KEY, keys.mac.as_mut_slice())
        .map_err(internal)?;
    Ok(keys)
}

fn mac_state(key: &[u8; KEY_LEN]) -> Result<Hmac<Sha256>> {
    <Hmac<Sha256>>::new_from_slice(key)
        .map_err(|_| Error::new(ErrorCode::Internal, "HMAC refused a 32-byte key"))
}

/// `HMAC-SHA256(mac_key, header bytes before the MAC)`.
pub(crate) fn header_mac(key: &[u8; KEY_LEN], header: &[u8]) -> Result<[u8; MAC_LEN]> {
    let mut mac = mac_state(key)?;
    mac.update(header);
    Ok(mac.finalize().into_bytes().into())
}

/// Constant-time check of a header MAC; any mismatch is the opaque decrypt error.
pub(crate) fn verify_header_mac(key: &[u8; KEY_LEN], header: &[u8], tag: &[u8]) -> Result<()> {
    let mut mac = mac_state(key)?;
    mac.update(header);
    mac.verify_slice(tag).map_err(|_| Error::decrypt_failed())
}

/// The HPKE `info` for one recipient: label ‖ thumbprint (51 bytes, within RFC 9180 §7.2.1's
/// 64-byte interoperability recommendation and pyca/OpenSSL limits).
pub(crate) fn hpke_info(thumbprint: &[u8; 32]) -> Vec<u8> {
    let mut info = Vec::with_capacity(LABEL_HPKE_INFO.len() + 32);
    info.extend_from_slice(LABEL_HPKE_INFO);
    info.extend_from_slice(thumbprint);
    info
}

/// The message the sender signs: label ‖ SHA-256(header incl. MAC) ‖ SHA-256(payload bytes).
pub(crate) fn signature_message(header_digest: &[u8; 32], payload_digest: &[u8; 32]) -> Vec<u8> {
    let mut m = Vec::with_capacity(LABEL_SIGNATURE.len() + 64);
    m.extend_from_slice(LABEL_SIGNATURE);
    m.extend_from_slice(header_digest);
    m.extend_from_slice(payload_digest);
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_distinct_and_keys_differ() {
        let labels = [
            LABEL_PAYLOAD_KEY,
            LABEL_HEADER_MAC_KEY,
            LABEL_HPKE_INFO,
            LABEL_SIGNATURE,
        ];
        for (i, a) in labels.iter().enumerate() {
            for b in labels.iter().skip(i + 1) {
                assert!(!a.starts_with(b) && !b.starts_with(a));
            }
        }
        let k = derive(&[1; 32], &[2; 16]).unwrap();
        assert_ne!(*k.payload, *k.mac);
        let k2 = derive(&[1; 32], &[3; 16]).unwrap();
        assert_ne!(*k.payload, *k2.payload);
        assert_eq!(hpke_info(&[0; 32]).len(), 51);
    }

    #[test]
    fn header_mac_verifies_only_its_input() {
        let key = [9u8; 32];
        let tag = header_mac(&key, b"header").unwrap();
        assert!(verify_header_mac(&key, b"header", &tag).is_ok());
        assert!(verify_header_mac(&key, b"headeR", &tag).is_err());
        assert!(verify_header_mac(&[8u8; 32], b"header", &tag).is_err());
    }
}
