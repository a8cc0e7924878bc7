//! The payload's STREAM chunks: size, nonce, AAD, and AES-256-GCM sealing and opening.
//!
//! This module is also the low-level surface for the JavaScript WebCrypto fast path: the
//! bindings may encrypt or decrypt chunks with `crypto.subtle` (hardware AES) using
//! [`CHUNK_SIZE`], [`nonce_for`] and [`CHUNK_AAD`], while [`super::SealStream`] /
//! [`super::OpenStream`] keep the framing, the order, the final flag and the signature digest.
//! The bytes on the wire are identical either way.

use borderseal_chunk::ChunkAead;
use zeroize::{Zeroize as _, Zeroizing};

use crate::error::{Error, ErrorCode, Result};

/// Plaintext bytes per chunk (64 KiB); every chunk but the last holds exactly this many.
pub const CHUNK_SIZE: usize = 64 * 1024;
/// Length of the AES-GCM tag appended to every chunk.
pub const TAG_LEN: usize = 16;
/// Length of a sealed full chunk on the wire.
pub const SEALED_CHUNK_LEN: usize = CHUNK_SIZE + TAG_LEN;
/// The additional authenticated data of every chunk: empty. The payload key is unique per
/// envelope (fresh content key, random salt) and the header MAC commits to it, so the header
/// needs no repetition here — and WebCrypto callers pass no `additionalData` at all.
pub const CHUNK_AAD: &[u8] = b"";
/// Largest chunk index: the counter is 88 bits on the wire, but a `u64` is plenty
/// (2^64 chunks of 64 KiB is far beyond any input); reaching it is an error, never a wrap.
pub const MAX_CHUNK_INDEX: u64 = u64::MAX;

/// The 96-bit nonce of chunk `index`: an 11-byte big-endian counter followed by a final-chunk
/// flag byte (0x01 for the last chunk, else 0x00) — age's STREAM layout. Counter and flag
/// make reordering, dropping, duplicating and truncation change the nonce, so the tag fails.
#[must_use]
pub fn nonce_for(index: u64, is_final: bool) -> [u8; 12] {
    let mut nonce = [0u8; 12];
    let (counter, flag) = nonce.split_at_mut(11);
    for (dst, src) in counter.iter_mut().skip(3).zip(index.to_be_bytes()) {
        *dst = src;
    }
    if let Some(f) = flag.first_mut() {
        *f = u8::from(is_final);
    }
    nonce
}

/// A chunk the caller must decrypt itself (WebCrypto path of [`super::OpenStream`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExternalChunk {
    /// Position of the chunk in the payload, from 0.
    pub index: u64,
    /// Whether this is the final chunk.
    pub is_final: bool,
    /// [`nonce_for`]`(index, is_final)`: the AES-GCM `iv` to use.
    pub nonce: [u8; 12],
    /// Ciphertext followed by the 16-byte tag, exactly as WebCrypto's `decrypt` takes it.
    pub sealed: Vec<u8>,
}

/// AES-256-GCM under the payload key, with the chunk counter kept here so a caller cannot
/// skip or repeat an index.
pub(crate) struct ChunkCipher {
    aead: ChunkAead,
    next_index: u64,
    finished: bool,
}

impl ChunkCipher {
    pub(crate) fn new(payload_key: &Zeroizing<[u8; 32]>) -> Self {
        // The AES key schedule is zeroized on drop (aes-gcm "zeroize" feature).
        Self {
            aead: ChunkAead::new(payload_key),
            next_index: 0,
            finished: false,
        }
    }

    pub(crate) fn next_index(&self) -> u64 {
        self.next_index
    }

    /// Claims the next index (and the final flag), failing after the final chunk.
    pub(crate) fn advance(&mut self, is_final: bool) -> Result<u64> {
        if self.finished {
            return Err(Error::new(
                ErrorCode::StreamState,
                "the final chunk was already processed",
            ));
        }
        let index = self.next_index;
        self.next_index = index.checked_add(1).ok_or_else(|| {
            Error::new(ErrorCode::InputTooLarge, "the chunk counter is exhausted")
        })?;
        self.finished = is_final;
        Ok(index)
    }

    /// Seals one chunk (`plaintext.len() <= CHUNK_SIZE`), appending ciphertext ‖ tag to `out`.
    pub(crate) fn seal(
        &mut self,
        plaintext: &[u8],
        is_final: bool,
        out: &mut Vec<u8>,
    ) -> Result<()> {
        let index = self.advance(is_final)?;
        let start = out.len();
        out.extend_from_slice(plaintext);
        let buf = out.get_mut(start..).ok_or_else(internal)?;
        let tag = self
            .aead
            .seal_in_place(&nonce_for(index, is_final), CHUNK_AAD, buf)
            .map_err(|_| Error::new(ErrorCode::Internal, "AES-GCM refused a 64 KiB chunk"))?;
        out.extend_from_slice(&tag);
        Ok(())
    }

    /// Opens one sealed chunk into `out`. Nothing is appended unless the tag verified: the
    /// ciphertext is decrypted in place at the end of `out` (no extra buffer, no extra
    /// copy), and aes-gcm checks the tag before it decrypts, so on failure those bytes are
    /// still ciphertext; they are wiped and cut off.
    pub(crate) fn open(&mut self, sealed: &[u8], is_final: bool, out: &mut Vec<u8>) -> Result<()> {
        let index = self
            .advance(is_final)
            .map_err(|_| Error::decrypt_failed())?;
        let (ct, tag) = sealed
            .split_at_checked(sealed.len().saturating_sub(TAG_LEN))
            .ok_or_else(Error::decrypt_failed)?;
        let tag: &[u8; TAG_LEN] = tag.try_into().map_err(|_| Error::decrypt_failed())?;
        let start = out.len();
        out.extend_from_slice(ct);
        let opened = match out.get_mut(start..) {
            Some(buf) => self
                .aead
                .open_in_place(&nonce_for(index, is_final), CHUNK_AAD, buf, tag)
                .is_ok(),
            None => false,
        };
        if !opened {
            if let Some(buf) = out.get_mut(start..) {
                buf.zeroize();
            }
            out.truncate(start);
            return Err(Error::decrypt_failed());
        }
        Ok(())
    }
}

fn internal() -> Error {
    Error::new(ErrorCode::Internal, "chunk buffer out of range")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nonce_layout() {
        assert_eq!(nonce_for(0, false), [0; 12]);
        assert_eq!(nonce_for(0, true), [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
        assert_eq!(
            nonce_for(0x0102_0304_0506_0708, false),
            [0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 0]
        );
    }

    #[test]
    fn open_rejects_wrong_flag_and_index_without_output() {
        let key = Zeroizing::new([4u8; 32]);
        let mut s = ChunkCipher::new(&key);
        let mut sealed = Vec::new();
        s.seal(b"abc", false, &mut sealed).unwrap();
        let mut out = Vec::new();
        assert!(
            ChunkCipher::new(&key)
                .open(&sealed, true, &mut out)
                .is_err()
        );
        let mut o = ChunkCipher::new(&key);
        o.advance(false).unwrap();
        assert!(o.open(&sealed, false, &mut out).is_err());
        assert!(out.is_empty());
        ChunkCipher::new(&key)
            .open(&sealed, false, &mut out)
            .unwrap();
        assert_eq!(out, b"abc");
    }
}
