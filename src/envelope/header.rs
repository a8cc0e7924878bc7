//! The envelope header: fixed prefix, metadata, recipient stanzas, signer key and MAC.
//!
//! Layout (all integers big-endian; see `docs/FORMAT.md` §3 for the normative text):
//!
//! ```text
//! off  len  field
//!   0    8  magic "BRDRSEAL"
//!   8    1  version = 0x01
//!   9    1  flags: bit 0 = signed; bits 1-7 MUST be 0
//!  10    2  kem_id  = 0x0020  DHKEM(X25519, HKDF-SHA256)
//!  12    2  kdf_id  = 0x0001  HKDF-SHA256
//!  14    2  aead_id = 0x0002  AES-256-GCM
//!  16   16  payload salt
//!  32    4  metadata length M (<= 32768)
//!  36    2  recipient count N (1..=64)
//!  38    M  metadata: UTF-8 JSON object
//!   .  112·N stanzas: kid (32, raw thumbprint) ‖ enc (32) ‖ wrapped content key (48)
//!   .   32  signer Ed25519 public key, only if flags bit 0
//!   .   32  HMAC-SHA256 over every byte above
//! ```

use crate::error::{Error, ErrorCode, Result};

/// The 8 magic bytes that start every envelope.
pub const MAGIC: [u8; 8] = *b"BRDRSEAL";
/// The format version this build writes and reads.
pub const VERSION: u8 = 1;
/// Flag bit: a signer key is in the header and a signature in the trailer.
pub const FLAG_SIGNED: u8 = 0x01;
/// The HPKE suite: (kem_id, kdf_id, aead_id) of RFC 9180 §7.
pub const SUITE: [u16; 3] = [0x0020, 0x0001, 0x0002];
/// Length of the fixed prefix, up to and including the recipient count.
pub const FIXED_LEN: usize = 38;
/// Length of the random payload salt.
pub const SALT_LEN: usize = 16;
/// Length of one recipient stanza.
pub const STANZA_LEN: usize = 32 + 32 + WRAPPED_LEN;
/// Length of the HPKE ciphertext of the 32-byte content key (plus the 16-byte tag).
pub const WRAPPED_LEN: usize = 48;
/// Most recipients one envelope may address.
pub const MAX_RECIPIENTS: usize = 64;
/// Largest metadata JSON, in bytes.
pub const MAX_METADATA_LEN: usize = 32 * 1024;
/// Largest possible header (follows from the other limits).
pub const MAX_HEADER_LEN: usize =
    FIXED_LEN + MAX_METADATA_LEN + MAX_RECIPIENTS * STANZA_LEN + 32 + 32;

/// One recipient stanza.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Stanza {
    pub kid: [u8; 32],
    pub enc: [u8; 32],
    pub wrapped: [u8; WRAPPED_LEN],
}

/// A header split into its fields. `authenticated_len` is where the MAC input ends.
pub(crate) struct Header<'a> {
    pub salt: [u8; SALT_LEN],
    pub metadata: &'a [u8],
    pub stanzas: Vec<Stanza>,
    pub signer: Option<[u8; 32]>,
    pub mac_input: &'a [u8],
    pub mac: &'a [u8],
}

/// Checks what has arrived of the fixed prefix, in the order `FORMAT.md` §5 gives, and
/// returns the full header length once the prefix is complete (`None`: need more bytes).
pub(crate) fn check_prefix(bytes: &[u8]) -> Result<Option<usize>> {
    let magic_part = bytes.get(..MAGIC.len()).unwrap_or(bytes);
    if MAGIC.get(..magic_part.len()) != Some(magic_part) {
        return Err(Error::new(
            ErrorCode::NotAnEnvelope,
            "the data does not start with the borderseal magic \"BRDRSEAL\"",
        ));
    }
    if let Some(&version) = bytes.get(8)
        && version != VERSION
    {
        return Err(Error::new(
            ErrorCode::UnsupportedVersion,
            format!("envelope format version {version}, this build reads version {VERSION}"),
        ));
    }
    if let Some(&flags) = bytes.get(9)
        && flags & !FLAG_SIGNED != 0
    {
        return Err(Error::new(
            ErrorCode::UnsupportedVersion,
            format!("unknown header flags 0x{flags:02x}"),
        ));
    }
    let Some(fixed) = bytes.get(..FIXED_LEN) else {
        return Ok(None);
    };
    let suite = [be16(fixed, 10), be16(fixed, 12), be16(fixed, 14)];
    if suite != SUITE {
        return Err(Error::new(
            ErrorCode::UnsupportedVersion,
            format!(
                "HPKE suite (0x{:04x}, 0x{:04x}, 0x{:04x}), expected (0x0020, 0x0001, 0x0002)",
                suite[0], suite[1], suite[2]
            ),
        ));
    }
    let meta_len = be32(fixed, 32);
    if meta_len > MAX_METADATA_LEN {
        return Err(Error::new(
            ErrorCode::HeaderTooLarge,
            format!("metadata of {meta_len} bytes, at most {MAX_METADATA_LEN} allowed"),
        ));
    }
    let count = usize::from(be16(fixed, 36));
    if count > MAX_RECIPIENTS {
        return Err(Error::new(
            ErrorCode::TooManyRecipients,
            format!("{count} recipient stanzas, at most {MAX_RECIPIENTS} allowed"),
        ));
    }
    if count == 0 {
        return Err(Error::new(
            ErrorCode::NotARecipient,
            "the envelope addresses no recipient",
        ));
    }
    let signer_len = if fixed.get(9).is_some_and(|f| f & FLAG_SIGNED != 0) {
        32
    } else {
        0
    };
    Ok(Some(
        FIXED_LEN + meta_len + count * STANZA_LEN + signer_len + 32,
    ))
}

fn be16(b: &[u8], at: usize) -> u16 {
    let mut x = [0u8; 2];
    if let Some(s) = b.get(at..at + 2) {
        x.copy_from_slice(s);
    }
    u16::from_be_bytes(x)
}

fn be32(b: &[u8], at: usize) -> usize {
    let mut x = [0u8; 4];
    if let Some(s) = b.get(at..at + 4) {
        x.copy_from_slice(s);
    }
    usize::try_from(u32::from_be_bytes(x)).unwrap_or(usize::MAX)
}

/// A cursor that hands out fixed-size pieces or fails closed.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let (head, rest) = self
            .0
            .split_at_checked(n)
            .ok_or_else(Error::decrypt_failed)?;
        self.0 = rest;
        Ok(head)
    }
    fn array<const N: usize>(&mut self) -> Result<[u8; N]> {
        self.take(N)?
            .try_into()
            .map_err(|_| Error::decrypt_failed())
    }
}

/// Splits a complete header (exactly the length [`check_prefix`] returned).
pub(crate) fn parse(bytes: &[u8]) -> Result<Header<'_>> {
    let total = check_prefix(bytes)?.ok_or_else(Error::decrypt_failed)?;
    if bytes.len() != total {
        return Err(Error::decrypt_failed());
    }
    let signed = bytes.get(9).is_some_and(|f| f & FLAG_SIGNED != 0);
    let mut r = Reader(bytes);
    let fixed = r.take(FIXED_LEN)?;
    let salt: [u8; SALT_LEN] = fixed
        .get(16..32)
        .and_then(|s| s.try_into().ok())
        .ok_or_else(Error::decrypt_failed)?;
    let metadata = r.take(be32(fixed, 32))?;
    let count = usize::from(be16(fixed, 36));
    let mut stanzas: Vec<Stanza> = Vec::with_capacity(count);
    for _ in 0..count {
        let stanza = Stanza {
            kid: r.array()?,
            enc: r.array()?,
            wrapped: r.array()?,
        };
        // Two stanzas for one kid would let a reader's choice of stanza matter; refuse.
        if stanzas.iter().any(|s| s.kid == stanza.kid) {
            return Err(Error::decrypt_failed());
        }
        stanzas.push(stanza);
    }
    let signer = if signed { Some(r.array()?) } else { None };
    let mac_input_len = total - 32;
    let (mac_input, mac) = bytes
        .split_at_checked(mac_input_len)
        .ok_or_else(Error::decrypt_failed)?;
    Ok(Header {
        salt,
        metadata,
        stanzas,
        signer,
        mac_input,
        mac,
    })
}

/// Writes the header up to (not including) the MAC.
pub(crate) fn encode_unmacced(
    salt: &[u8; SALT_LEN],
    metadata: &[u8],
    stanzas: &[Stanza],
    signer: Option<&[u8; 32]>,
) -> Result<Vec<u8>> {
    if metadata.len() > MAX_METADATA_LEN {
        return Err(Error::new(
            ErrorCode::HeaderTooLarge,
            format!(
                "metadata of {} bytes, at most {MAX_METADATA_LEN} allowed",
                metadata.len()
            ),
        ));
    }
    if stanzas.len() > MAX_RECIPIENTS {
        return Err(Error::new(
            ErrorCode::TooManyRecipients,
            format!(
                "{} recipients, at most {MAX_RECIPIENTS} allowed",
                stanzas.len()
            ),
        ));
    }
    let meta_len = u32::try_from(metadata.len())
        .map_err(|_| Error::new(ErrorCode::HeaderTooLarge, "metadata too large"))?;
    let count = u16::try_from(stanzas.len())
        .map_err(|_| Error::new(ErrorCode::TooManyRecipients, "too many recipients"))?;
    let mut h = Vec::with_capacity(FIXED_LEN + metadata.len() + stanzas.len() * STANZA_LEN + 64);
    h.extend_from_slice(&MAGIC);
    h.push(VERSION);
    h.push(if signer.is_some() { FLAG_SIGNED } else { 0 });
    for id in SUITE {
        h.extend_from_slice(&id.to_be_bytes());
    }
    h.extend_from_slice(salt);
    h.extend_from_slice(&meta_len.to_be_bytes());
    h.extend_from_slice(&count.to_be_bytes());
    h.extend_from_slice(metadata);
    for s in stanzas {
        h.extend_from_slice(&s.kid);
        h.extend_from_slice(&s.enc);
        h.extend_from_slice(&s.wrapped);
    }
    if let Some(pk) = signer {
        h.extend_from_slice(pk);
    }
    Ok(h)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_checks_in_order() {
        assert_eq!(check_prefix(b"BRDR").unwrap(), None);
        assert_eq!(
            check_prefix(b"BRDX").unwrap_err().code(),
            ErrorCode::NotAnEnvelope
        );
        assert_eq!(
            check_prefix(b"BRDRSEAL\x02").unwrap_err().code(),
            ErrorCode::UnsupportedVersion
        );
        let stanza = Stanza {
            kid: [1; 32],
            enc: [2; 32],
            wrapped: [3; 48],
        };
        let h = encode_unmacced(&[0; 16], b"{}", &[stanza], None).unwrap();
        assert_eq!(check_prefix(&h).unwrap(), Some(h.len() + 32));
        let mut too_many = h.clone();
        *too_many.get_mut(37).unwrap() = 65;
        assert_eq!(
            check_prefix(&too_many).unwrap_err().code(),
            ErrorCode::TooManyRecipients
        );
        let mut big_meta = h.clone();
        *big_meta.get_mut(33).unwrap() = 0x80;
        assert_eq!(
            check_prefix(&big_meta).unwrap_err().code(),
            ErrorCode::HeaderTooLarge
        );
    }
}
