//! X25519 recipient keys as RFC 8037 JWKs, addressed by their RFC 7638 thumbprint.

use core::fmt;

use rand_core::CryptoRng;
use serde_json::Value;
use x25519_dalek::{PublicKey as DalekPublic, StaticSecret};
use zeroize::Zeroizing;

use super::jwk::{self, b64u};
use crate::error::{Error, ErrorCode, Result};

const CRV: &str = "X25519";
/// WebCrypto exports X25519 keys with these operations (public keys with none).
const OPS: &[&str] = &["deriveKey", "deriveBits"];

/// An X25519 public key of a recipient.
#[derive(Clone, PartialEq, Eq)]
pub struct PublicKey {
    key: DalekPublic,
    thumbprint: [u8; 32],
}

/// An X25519 private key. The scalar lives in an [`x25519_dalek::StaticSecret`], which is
/// zeroized on drop (every clone too); this type has no `Debug` output beyond its `kid`.
#[derive(Clone)]
pub struct PrivateKey {
    secret: StaticSecret,
    public: PublicKey,
}

impl PublicKey {
    /// Imports a public key from 32 raw bytes (the `x` of the JWK).
    ///
    /// # Errors
    /// [`ErrorCode::WeakKey`] if the point has small order, so that every Diffie-Hellman
    /// result with it would be all zeros; [`ErrorCode::InvalidKey`] for a non-canonical
    /// encoding.
    pub fn from_bytes(bytes: [u8; 32]) -> Result<Self> {
        let key = DalekPublic::from(bytes);
        // RFC 9180 §7.1.4: "the recipient MUST check whether the Diffie-Hellman shared secret
        // is the all-zero value and abort if so" — a small-order point makes it all zeros for
        // every clamped scalar (they are multiples of the cofactor 8), so one DH with a fixed,
        // public scalar finds every such point, non-canonical encodings included, using the
        // curve library rather than a hand-written list.
        let probe = StaticSecret::from([0x55; 32]);
        if !probe.diffie_hellman(&key).was_contributory() {
            return Err(Error::new(
                ErrorCode::WeakKey,
                "the X25519 public key is a low-order point (every shared secret would be zero)",
            ));
        }
        // RFC 7748 §5 has receivers ignore the top bit and reduce u mod p, so 2^255 - 19 and
        // above, or a set top bit, would be a second spelling — and a second kid — of a key.
        let top_bit = bytes.last().is_some_and(|b| b & 0x80 != 0);
        let at_least_p = bytes.first().is_some_and(|&b| b >= 0xed)
            && bytes
                .get(1..31)
                .is_some_and(|m| m.iter().all(|&b| b == 0xff))
            && bytes.last() == Some(&0x7f);
        if top_bit || at_least_p {
            return Err(Error::new(
                ErrorCode::InvalidKey,
                "the X25519 public key is not canonically encoded (top bit set or u >= 2^255-19)",
            ));
        }
        Ok(Self {
            key,
            thumbprint: jwk::thumbprint(CRV, &bytes),
        })
    }

    /// Imports a public key from an RFC 8037 JWK: `{"kty":"OKP","crv":"X25519","x":…}`.
    ///
    /// # Errors
    /// [`ErrorCode::InvalidKey`] if any member is missing, mistyped or malformed, if it has a
    /// `d` (a private key where a public one belongs), a `use` other than `"enc"`, `key_ops`
    /// other than `deriveKey`/`deriveBits`, or a `kid` that is not the thumbprint;
    /// [`ErrorCode::WeakKey`] for a low-order point.
    pub fn from_jwk(jwk: &Value) -> Result<Self> {
        let fields = jwk::parse_okp(jwk, CRV, "enc", OPS)?;
        if fields.d.is_some() {
            return Err(Error::new(
                ErrorCode::InvalidKey,
                "expected a public JWK, but it has a private \"d\" member; publish only the public part",
            ));
        }
        let key = Self::from_bytes(fields.x)?;
        jwk::check_kid(&fields, &key.kid())?;
        Ok(key)
    }

    /// The public JWK, with `kid` set to the RFC 7638 thumbprint.
    #[must_use]
    pub fn to_jwk(&self) -> Value {
        let mut m = jwk::okp_jwk(CRV, self.key.as_bytes(), &self.kid());
        m.insert("use".into(), Value::String("enc".into()));
        Value::Object(m)
    }

    /// The key id: the RFC 7638 thumbprint (SHA-256), base64url without padding.
    #[must_use]
    pub fn kid(&self) -> String {
        b64u(&self.thumbprint)
    }

    /// The raw 32-byte thumbprint, as it appears in a recipient stanza.
    #[must_use]
    pub fn thumbprint(&self) -> &[u8; 32] {
        &self.thumbprint
    }

    /// The raw 32-byte public key.
    #[must_use]
    pub fn as_bytes(&self) -> &[u8; 32] {
        self.key.as_bytes()
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PublicKey(kid={})", self.kid())
    }
}

impl PrivateKey {
    /// Generates a fresh key pair from `rng`.
    pub fn generate_with_rng<R: CryptoRng + ?Sized>(rng: &mut R) -> Self {
        let secret = StaticSecret::random_from_rng(rng);
        Self::from_secret(secret)
    }

    /// Generates a fresh key pair from the operating system's generator.
    ///
    /// # Errors
    /// [`ErrorCode::RandomUnavailable`] if the generator fails.
    pub fn generate() -> Result<Self> {
        // Zeroizing: these bytes become the private scalar.
        let mut seed = Zeroizing::new([0u8; 32]);
        super::os_random(seed.as_mut_slice())?;
        Ok(Self::from_secret(StaticSecret::from(*seed)))
    }

    fn from_secret(secret: StaticSecret) -> Self {
        let bytes = DalekPublic::from(&secret).to_bytes();
        // A clamped scalar times the base point is never of small order.
        let public = PublicKey {
            key: DalekPublic::from(bytes),
            thumbprint: jwk::thumbprint(CRV, &bytes),
        };
        Self { secret, public }
    }

    /// Imports a private key from an RFC 8037 JWK with `d` and `x`.
    ///
    /// # Errors
    /// [`ErrorCode::InvalidKey`] for any malformed member, a missing `d`, or an `x` that is not
    /// the public key of `d` (checked, never trusted: some importers have accepted a
    /// mismatched pair).
    pub fn from_jwk(jwk: &Value) -> Result<Self> {
        let fields = jwk::parse_okp(jwk, CRV, "enc", OPS)?;
        let d = fields.d.as_ref().ok_or_else(|| {
            Error::new(
                ErrorCode::InvalidKey,
                "expected a private JWK, but it has no \"d\" member",
            )
        })?;
        let key = Self::from_secret(StaticSecret::from(**d));
        if key.public.as_bytes() != &fields.x {
            return Err(Error::new(
                ErrorCode::InvalidKey,
                format!(
                    "JWK \"x\" ({}) is not the public key of \"d\"",
                    fields.x_text
                ),
            ));
        }
        jwk::check_kid(&fields, &key.kid())?;
        Ok(key)
    }

    /// The public half.
    #[must_use]
    pub fn public_key(&self) -> &PublicKey {
        &self.public
    }

    /// The key id of the public half (RFC 7638 thumbprint).
    #[must_use]
    pub fn kid(&self) -> String {
        self.public.kid()
    }

    /// The public JWK (no private material).
    #[must_use]
    pub fn to_jwk(&self) -> Value {
        self.public.to_jwk()
    }

    /// Exports the **private** JWK, with `d`.
    ///
    /// This is a deliberate export: the returned value holds the secret as a string, and once
    /// it has crossed into JavaScript (or been serialised anywhere) it cannot be wiped — JS
    /// strings are immutable and garbage-collected at an unknown time. Call it only to store
    /// the key, never to pass it around.
    #[must_use]
    pub fn to_private_jwk(&self) -> Value {
        let mut m = jwk::okp_jwk(CRV, self.public.as_bytes(), &self.kid());
        m.insert("use".into(), Value::String("enc".into()));
        // Zeroizing: a copy of the scalar, wiped as soon as it is encoded.
        let d = Zeroizing::new(self.secret.to_bytes());
        m.insert("d".into(), Value::String(b64u(d.as_slice())));
        Value::Object(m)
    }

    /// The scalar as bytes, for the HPKE library's own key type.
    pub(crate) fn secret_bytes(&self) -> Zeroizing<[u8; 32]> {
        Zeroizing::new(self.secret.to_bytes())
    }
}

impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PrivateKey(kid={}, ..)", self.kid())
    }
}
