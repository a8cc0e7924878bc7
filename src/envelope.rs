//! Seal and open: the multi-recipient envelope (HPKE key wrap + chunked AES-256-GCM).
//!
//! A fresh 32-byte content key is wrapped for each recipient with HPKE (RFC 9180) base mode,
//! DHKEM(X25519, HKDF-SHA256) / HKDF-SHA256 / AES-256-GCM; the payload is encrypted in 64 KiB
//! AES-256-GCM chunks (age's STREAM layout: counter nonces with a final flag) under a key
//! derived from the content key; an HMAC-SHA256 over the whole header, keyed from the content
//! key, authenticates the metadata and every stanza and commits every recipient to the same
//! content key. An optional Ed25519 signature in a trailer covers the header and the payload.
//! The byte layout is specified in `docs/FORMAT.md`.
//!
//! # Security notes
//! - The metadata is authenticated but **not encrypted**: anyone who sees the envelope can
//!   read it (and the recipients' key ids). Put nothing confidential in it.
//! - Every failure after a reader found its stanza is [`Error::decrypt_failed`]; no partial
//!   plaintext is ever returned by [`open`]. [`OpenStream`] releases a chunk only after its
//!   tag verified, and the payload is complete only when [`OpenStream::finish`] succeeds.

use rand_core::{CryptoRng, TryRng};
use serde_json::{Map, Value};
use zeroize::Zeroizing;

use crate::error::{Error, ErrorCode, Result};

pub mod chunk;
pub mod header;
mod jwk;
mod keys;
mod open_stream;
pub mod schedule;
mod seal_stream;
pub mod seeded;
mod signing;
mod wrap;

pub use keys::{PrivateKey, PublicKey};
pub use open_stream::OpenStream;
pub use seal_stream::SealStream;
pub use signing::{SIGNATURE_LEN, SignerInfo, SigningKey};

/// What to seal to whom.
#[derive(Clone, Debug, Default)]
pub struct SealOptions {
    /// The recipients (1 to [`header::MAX_RECIPIENTS`], no duplicates).
    pub recipients: Vec<PublicKey>,
    /// Authenticated, **cleartext** metadata. Conventional members: `marking`,
    /// `policyFingerprint`, `auditDigest`, `sender`, `createdAt` (RFC 3339; the core has no
    /// clock, the caller supplies it); any others are carried as they are. Serialised with
    /// sorted keys, at most [`header::MAX_METADATA_LEN`] bytes.
    pub metadata: Map<String, Value>,
    /// Signs the envelope (Ed25519) when set.
    pub signer: Option<SigningKey>,
}

/// An opened envelope. From [`OpenStream::finish`], `plaintext` holds only the bytes that
/// `push` had not yet returned (the final chunk).
#[derive(Debug)]
pub struct Opened {
    /// The payload.
    pub plaintext: Vec<u8>,
    /// The authenticated metadata.
    pub metadata: Map<String, Value>,
    /// The kid of the stanza that was opened (the key's RFC 7638 thumbprint).
    pub recipient_kid: String,
    /// The verified signer, if the envelope is signed.
    pub signer: Option<SignerInfo>,
}

/// Seals `plaintext` to `opts.recipients` with randomness from the operating system.
///
/// # Errors
/// As [`seal_with_rng`], and [`ErrorCode::RandomUnavailable`].
pub fn seal(plaintext: &[u8], opts: &SealOptions) -> Result<Vec<u8>> {
    let mut rng = OsSeed::draw(opts.recipients.len())?;
    let out = seal_with_rng(plaintext, opts, &mut rng)?;
    rng.check_not_overrun()?;
    Ok(out)
}

/// Seals `plaintext`, drawing the content key, the salt and the HPKE ephemeral keys from
/// `rng` (deterministic output for a deterministic `rng`: that is how the test vectors are
/// made; production code uses [`seal`]).
///
/// # Errors
/// [`ErrorCode::InvalidArgument`] (no recipient, a duplicate), [`ErrorCode::TooManyRecipients`],
/// [`ErrorCode::HeaderTooLarge`].
pub fn seal_with_rng<R: CryptoRng + ?Sized>(
    plaintext: &[u8],
    opts: &SealOptions,
    rng: &mut R,
) -> Result<Vec<u8>> {
    let (mut stream, mut out) = SealStream::new_with_rng(opts, rng)?;
    out.reserve(plaintext.len() + (plaintext.len() / chunk::CHUNK_SIZE + 1) * chunk::TAG_LEN + 64);
    stream.push_into(plaintext, &mut out)?;
    out.extend_from_slice(&stream.finish()?);
    Ok(out)
}

/// Opens an envelope with `key`; returns nothing but an error if anything is wrong.
///
/// # Errors
/// [`ErrorCode::NotAnEnvelope`], [`ErrorCode::UnsupportedVersion`],
/// [`ErrorCode::HeaderTooLarge`], [`ErrorCode::TooManyRecipients`],
/// [`ErrorCode::NotARecipient`] from the header alone; then [`ErrorCode::DecryptFailed`] for
/// every cause, or [`ErrorCode::SignatureInvalid`].
pub fn open(envelope: &[u8], key: &PrivateKey) -> Result<Opened> {
    let mut stream = OpenStream::new(key);
    // Zeroizing: on an error below, the chunks decrypted so far are wiped, never returned;
    // the capacity is an upper bound of the plaintext, so no reallocation leaves a copy.
    let mut plaintext = Zeroizing::new(Vec::with_capacity(envelope.len()));
    stream.push_into(envelope, &mut plaintext)?;
    let mut last = stream.finish()?;
    plaintext.extend_from_slice(&last.plaintext);
    last.plaintext = core::mem::take(&mut *plaintext);
    Ok(last)
}

/// The kids of the recipients an envelope addresses, read from its header **without any
/// authentication** (no key is used): for showing which private key is needed, never for a
/// security decision. [`open`] checks everything.
///
/// # Errors
/// The header errors of [`open`]; [`ErrorCode::DecryptFailed`] for a truncated header.
pub fn recipient_kids(envelope: &[u8]) -> Result<Vec<String>> {
    let len = header::check_prefix(envelope)?.ok_or_else(|| {
        if envelope.len() < header::MAGIC.len() {
            Error::new(ErrorCode::NotAnEnvelope, "the data ended before the magic")
        } else {
            Error::decrypt_failed()
        }
    })?;
    let bytes = envelope.get(..len).ok_or_else(Error::decrypt_failed)?;
    let parsed = header::parse(bytes)?;
    Ok(parsed.stanzas.iter().map(|s| jwk::b64u(&s.kid)).collect())
}

/// Fills `buf` from the operating system's generator.
pub(crate) fn os_random(buf: &mut [u8]) -> Result<()> {
    getrandom::fill(buf).map_err(|e| {
        Error::new(
            ErrorCode::RandomUnavailable,
            format!("the system random generator failed: {e}"),
        )
    })
}

/// The OS randomness a seal needs, drawn up front so that a generator failure is an error
/// rather than a panic inside the HPKE library (whose RNG interface is infallible).
pub(crate) struct OsSeed {
    bytes: Zeroizing<Vec<u8>>,
    pos: usize,
    overrun: bool,
}

impl OsSeed {
    /// Content key (32) + salt (16) + one 32-byte HPKE ephemeral seed per recipient.
    pub(crate) fn draw(recipients: usize) -> Result<Self> {
        let len = 48 + 32 * recipients.min(header::MAX_RECIPIENTS);
        let mut bytes = Zeroizing::new(vec![0u8; len]);
        os_random(&mut bytes)?;
        Ok(Self {
            bytes,
            pos: 0,
            overrun: false,
        })
    }

    /// Fails if more randomness was asked for than was drawn (a bug, never silently zeros).
    pub(crate) fn check_not_overrun(&self) -> Result<()> {
        if self.overrun {
            return Err(Error::new(
                ErrorCode::Internal,
                "sealing used more randomness than was drawn",
            ));
        }
        Ok(())
    }
}

impl TryRng for OsSeed {
    type Error = core::convert::Infallible;
    fn try_next_u32(&mut self) -> core::result::Result<u32, Self::Error> {
        let mut b = [0u8; 4];
        self.try_fill_bytes(&mut b)?;
        Ok(u32::from_le_bytes(b))
    }
    fn try_next_u64(&mut self) -> core::result::Result<u64, Self::Error> {
        let mut b = [0u8; 8];
        self.try_fill_bytes(&mut b)?;
        Ok(u64::from_le_bytes(b))
    }
    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> core::result::Result<(), Self::Error> {
        let end = self.pos.saturating_add(dst.len());
        match self.bytes.get(self.pos..end) {
            Some(src) => {
                dst.copy_from_slice(src);
                self.pos = end;
            }
            None => {
                dst.fill(0);
                self.overrun = true;
            }
        }
        Ok(())
    }
}

impl rand_core::TryCryptoRng for OsSeed {}
