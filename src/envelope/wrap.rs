//! Wrapping the content key for one recipient with HPKE (RFC 9180) base mode, single-shot.
//!
//! Suite: DHKEM(X25519, HKDF-SHA256) / HKDF-SHA256 / AES-256-GCM = (0x0020, 0x0001, 0x0002).
//! `info` = "borderseal/v1 wrap " ‖ recipient thumbprint; `aad` = empty. RFC 9180 §8.1:
//! single-shot applications "should put their context in info" — and pyca/cryptography's
//! public HPKE API has no `aad` at all, so an empty `aad` keeps every peer able to open.

use hpke::kdf::HkdfSha256;
use hpke::kem::X25519HkdfSha256;
use hpke::{Deserializable as _, OpModeR, OpModeS, Serializable as _};
use rand_core::CryptoRng;
use zeroize::Zeroizing;

use super::header::{Stanza, WRAPPED_LEN};
use super::keys::{PrivateKey, PublicKey};
use super::schedule::{KEY_LEN, hpke_info};
use crate::error::{Error, ErrorCode, Result};

type Kem = X25519HkdfSha256;

/// AES-256-GCM, RFC 9180 `aead_id` 0x0002, as `hpke::aead::AesGcm256` is, but computed by
/// `borderseal_chunk::Gcm` (the same `aes_gcm::Aes256Gcm`): with hpke's own type the whole
/// generic AES-GCM was compiled a second time here, size-optimised, next to the chunk
/// crate's copy (~6 KB of gzipped wasm). `tests/envelope_vectors.rs` opens the stanzas with
/// hpke's type, and `tests/hpke_vectors.rs` runs the RFC 9180 vectors.
struct AesGcm256;

impl hpke::aead::Aead for AesGcm256 {
    type AeadImpl = borderseal_chunk::Gcm;
    const AEAD_ID: u16 = 0x0002;
}

/// `SealBase(pkR, info, aad = "", pt = content_key)` → one stanza. The ephemeral key comes
/// from `rng` (RFC 9180 §9.7.5: bad randomness here breaks confidentiality).
pub(crate) fn wrap<R: CryptoRng + ?Sized>(
    recipient: &PublicKey,
    content_key: &[u8; KEY_LEN],
    rng: &mut R,
) -> Result<Stanza> {
    let pk = <Kem as hpke::Kem>::PublicKey::from_bytes(recipient.as_bytes())
        .map_err(|_| Error::new(ErrorCode::InvalidKey, "the recipient key is not 32 bytes"))?;
    let info = hpke_info(recipient.thumbprint());
    let (enc, ct) = hpke::single_shot_seal_with_rng::<AesGcm256, HkdfSha256, Kem>(
        &OpModeS::Base,
        &pk,
        &info,
        content_key,
        b"",
        // `&mut R` is itself a CryptoRng (rand_core's DerefMut impl), and Sized.
        &mut &mut *rng,
    )
    // RFC 9180 §7.1.4: senders "MUST check whether the shared secret is the all-zero value
    // and abort if so" — hpke does, and reports it as an encapsulation error.
    .map_err(|_| {
        Error::new(
            ErrorCode::WeakKey,
            "HPKE encapsulation failed: the recipient key gives an all-zero shared secret",
        )
    })?;
    let enc: [u8; 32] = enc
        .to_bytes()
        .as_slice()
        .try_into()
        .map_err(|_| internal())?;
    let wrapped: [u8; WRAPPED_LEN] = ct.as_slice().try_into().map_err(|_| internal())?;
    Ok(Stanza {
        kid: *recipient.thumbprint(),
        enc,
        wrapped,
    })
}

/// `OpenBase(enc, skR, info, aad = "", ct)` → the content key. Every failure (a low-order
/// `enc` giving an all-zero DH, a wrong key, a flipped bit) is the one opaque error.
pub(crate) fn unwrap(key: &PrivateKey, stanza: &Stanza) -> Result<Zeroizing<[u8; KEY_LEN]>> {
    let sk_bytes = key.secret_bytes();
    let sk = <Kem as hpke::Kem>::PrivateKey::from_bytes(sk_bytes.as_slice())
        .map_err(|_| Error::decrypt_failed())?;
    let enc = <Kem as hpke::Kem>::EncappedKey::from_bytes(&stanza.enc)
        .map_err(|_| Error::decrypt_failed())?;
    let info = hpke_info(&stanza.kid);
    // Zeroizing: the HPKE plaintext is the content key itself.
    let pt = Zeroizing::new(
        hpke::single_shot_open::<AesGcm256, HkdfSha256, Kem>(
            &OpModeR::Base,
            &sk,
            &enc,
            &info,
            &stanza.wrapped,
            b"",
        )
        .map_err(|_| Error::decrypt_failed())?,
    );
    let ck: [u8; KEY_LEN] = pt
        .as_slice()
        .try_into()
        .map_err(|_| Error::decrypt_failed())?;
    Ok(Zeroizing::new(ck))
}

fn internal() -> Error {
    Error::new(ErrorCode::Internal, "HPKE output has an unexpected length")
}
