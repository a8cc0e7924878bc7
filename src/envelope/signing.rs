//! Ed25519 sender keys (RFC 8037 JWK, `crv: "Ed25519"`) for the optional envelope signature.

use core::fmt;

use ed25519_dalek::{Signature, Signer as _, SigningKey as DalekSigning, VerifyingKey};
use rand_core::CryptoRng;
use serde_json::Value;
use zeroize::Zeroizing;

use super::jwk::{self, b64u};
use crate::error::{Error, ErrorCode, Result};

const CRV: &str = "Ed25519";

/// Length of an Ed25519 signature in the trailer.
pub const SIGNATURE_LEN: usize = 64;

/// An Ed25519 signing key of a sender. The secret is zeroized on drop by `ed25519-dalek`;
/// `Debug` shows only the `kid`.
#[derive(Clone)]
pub struct SigningKey {
    key: DalekSigning,
}

/// The verified signer of an opened envelope.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignerInfo {
    /// The signer's public JWK (`kty: OKP`, `crv: Ed25519`, with `kid`).
    pub public_jwk: Value,
    /// The RFC 7638 thumbprint of that key; compare it with the sender you expect.
    pub kid: String,
}

impl SigningKey {
    /// Generates a fresh signing key from `rng`.
    pub fn generate_with_rng<R: CryptoRng + ?Sized>(rng: &mut R) -> Self {
        // Zeroizing: the seed is the secret key (RFC 8032 §5.1.5).
        let mut seed = Zeroizing::new([0u8; 32]);
        rng.fill_bytes(seed.as_mut_slice());
        Self {
            key: DalekSigning::from_bytes(&seed),
        }
    }

    /// Generates a fresh signing key from the operating system's generator.
    ///
    /// # Errors
    /// [`ErrorCode::RandomUnavailable`] if the generator fails.
    pub fn generate() -> Result<Self> {
        // Zeroizing: the seed is the secret key.
        let mut seed = Zeroizing::new([0u8; 32]);
        super::os_random(seed.as_mut_slice())?;
        Ok(Self {
            key: DalekSigning::from_bytes(&seed),
        })
    }

    /// Imports a private Ed25519 JWK (`d` and `x`).
    ///
    /// # Errors
    /// [`ErrorCode::InvalidKey`] for a malformed member, a missing `d`, an `x` that is not the
    /// public key of `d`, `use` other than `"sig"`, or `key_ops` other than `sign`/`verify`.
    pub fn from_jwk(jwk: &Value) -> Result<Self> {
        let fields = jwk::parse_okp(jwk, CRV, "sig", &["sign", "verify"])?;
        let d = fields.d.as_ref().ok_or_else(|| {
            Error::new(
                ErrorCode::InvalidKey,
                "expected a private Ed25519 JWK, but it has no \"d\" member",
            )
        })?;
        let key = DalekSigning::from_bytes(d);
        if key.verifying_key().as_bytes() != &fields.x {
            return Err(Error::new(
                ErrorCode::InvalidKey,
                format!(
                    "JWK \"x\" ({}) is not the public key of \"d\"",
                    fields.x_text
                ),
            ));
        }
        let me = Self { key };
        jwk::check_kid(&fields, &me.kid())?;
        Ok(me)
    }

    /// The public JWK.
    #[must_use]
    pub fn to_jwk(&self) -> Value {
        public_jwk(self.key.verifying_key().as_bytes())
    }

    /// Exports the **private** JWK. Once in JavaScript the `d` string cannot be wiped; use
    /// this only to store the key.
    #[must_use]
    pub fn to_private_jwk(&self) -> Value {
        let mut v = self.to_jwk();
        // Zeroizing: a copy of the seed, wiped once encoded.
        let d = Zeroizing::new(self.key.to_bytes());
        if let Some(m) = v.as_object_mut() {
            m.insert("d".into(), Value::String(b64u(d.as_slice())));
        }
        v
    }

    /// The RFC 7638 thumbprint of the public key.
    #[must_use]
    pub fn kid(&self) -> String {
        b64u(&jwk::thumbprint(CRV, self.key.verifying_key().as_bytes()))
    }

    pub(crate) fn public_bytes(&self) -> [u8; 32] {
        self.key.verifying_key().to_bytes()
    }

    pub(crate) fn sign(&self, message: &[u8]) -> [u8; SIGNATURE_LEN] {
        self.key.sign(message).to_bytes()
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SigningKey(kid={}, ..)", self.kid())
    }
}

fn public_jwk(x: &[u8; 32]) -> Value {
    let kid = b64u(&jwk::thumbprint(CRV, x));
    let mut m = jwk::okp_jwk(CRV, x, &kid);
    m.insert("use".into(), Value::String("sig".into()));
    Value::Object(m)
}

/// Verifies `signature` by `public` over `message`, strictly (RFC 8032 §5.1.7 plus the
/// rejection of small-order keys and non-canonical `S` that `verify_strict` adds, so one
/// message has one valid signature per key).
pub(crate) fn verify(public: &[u8; 32], message: &[u8], signature: &[u8]) -> Result<SignerInfo> {
    let bad = || {
        Error::new(
            ErrorCode::SignatureInvalid,
            "the sender signature does not verify",
        )
    };
    let key = VerifyingKey::from_bytes(public).map_err(|_| bad())?;
    let sig_bytes: &[u8; SIGNATURE_LEN] = signature.try_into().map_err(|_| bad())?;
    let sig = Signature::from_bytes(sig_bytes);
    key.verify_strict(message, &sig).map_err(|_| bad())?;
    Ok(SignerInfo {
        public_jwk: public_jwk(public),
        kid: b64u(&jwk::thumbprint(CRV, public)),
    })
}
