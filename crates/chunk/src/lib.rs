//! AES-256-GCM for the payload chunks of a borderseal envelope.
//!
//! Why a crate of its own: Cargo sets the optimisation level per crate, and a generic
//! function is compiled in the crate that instantiates it. borderseal is built at
//! `opt-level = "z"` for download size; the RustCrypto crates are overridden to `opt-level = 3`,
//! but `Aes256Gcm`'s generic plumbing (CTR keystream over the fixsliced AES, GHASH over the
//! blocks) was still instantiated inside borderseal and so compiled for size, which halved the
//! pure-wasm throughput. Here the instantiation happens in this crate, which the workspace's
//! release profile builds at `opt-level = 3`, behind three non-inlined entry points so that
//! link-time optimisation cannot pull the hot loops back into size-optimised callers.
//!
//! No new cryptography: this is `aes_gcm::Aes256Gcm` with its detached in-place API.
#![no_std]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::indexing_slicing))]

use aes_gcm::aead::{AeadInOut as _, KeyInit as _};
use aes_gcm::{Aes256Gcm, Nonce, Tag};

/// Length of the AES-GCM tag.
pub const TAG_LEN: usize = 16;

/// The tag did not verify (or the input was longer than AES-GCM allows). Carries nothing:
/// callers report one opaque decryption failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rejected;

/// AES-256-GCM under one key. The key schedule is zeroized on drop (aes-gcm's `zeroize`
/// feature).
pub struct ChunkAead(Aes256Gcm);

impl core::fmt::Debug for ChunkAead {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("ChunkAead(..)")
    }
}

impl ChunkAead {
    /// Expands `key`.
    #[must_use]
    #[inline(never)]
    pub fn new(key: &[u8; 32]) -> Self {
        ChunkAead(Aes256Gcm::new(key.into()))
    }

    /// Encrypts `buf` in place and returns the tag.
    ///
    /// # Errors
    /// [`Rejected`] only if `buf` is longer than AES-GCM allows (2^36 − 32 bytes).
    #[inline(never)]
    pub fn seal_in_place(
        &self,
        nonce: &[u8; 12],
        aad: &[u8],
        buf: &mut [u8],
    ) -> Result<[u8; TAG_LEN], Rejected> {
        self.0
            .encrypt_inout_detached(&Nonce::from(*nonce), aad, buf.into())
            .map(|t| t.into())
            .map_err(|_| Rejected)
    }

    /// Verifies `tag` over `buf`, then decrypts `buf` in place. aes-gcm checks the tag
    /// before it decrypts: on [`Rejected`], `buf` still holds the ciphertext.
    ///
    /// # Errors
    /// [`Rejected`] if the tag does not verify.
    #[inline(never)]
    pub fn open_in_place(
        &self,
        nonce: &[u8; 12],
        aad: &[u8],
        buf: &mut [u8],
        tag: &[u8; TAG_LEN],
    ) -> Result<(), Rejected> {
        self.0
            .decrypt_inout_detached(&Nonce::from(*nonce), aad, buf.into(), &Tag::from(*tag))
            .map_err(|_| Rejected)
    }
}

/// `Aes256Gcm` behind the RustCrypto AEAD traits, for code that is generic over them (the
/// HPKE crate's key wrapping): its AES-GCM is then the one compiled here, not a second copy
/// instantiated in the size-optimised caller (~6 KB of gzipped wasm). Each method forwards
/// to `Aes256Gcm` unchanged.
#[derive(Clone)]
pub struct Gcm(Aes256Gcm);

impl core::fmt::Debug for Gcm {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("Gcm(..)")
    }
}

impl aes_gcm::KeySizeUser for Gcm {
    type KeySize = <Aes256Gcm as aes_gcm::KeySizeUser>::KeySize;
}

impl aes_gcm::KeyInit for Gcm {
    #[inline(never)]
    fn new(key: &aes_gcm::Key<Self>) -> Self {
        Gcm(Aes256Gcm::new(key))
    }
}

impl aes_gcm::AeadCore for Gcm {
    type NonceSize = <Aes256Gcm as aes_gcm::AeadCore>::NonceSize;
    type TagSize = <Aes256Gcm as aes_gcm::AeadCore>::TagSize;
    const TAG_POSITION: aes_gcm::aead::TagPosition = <Aes256Gcm as aes_gcm::AeadCore>::TAG_POSITION;
}

impl aes_gcm::AeadInOut for Gcm {
    #[inline(never)]
    fn encrypt_inout_detached(
        &self,
        nonce: &aes_gcm::aead::Nonce<Self>,
        associated_data: &[u8],
        buffer: aes_gcm::aead::inout::InOutBuf<'_, '_, u8>,
    ) -> aes_gcm::aead::Result<aes_gcm::aead::Tag<Self>> {
        self.0
            .encrypt_inout_detached(nonce, associated_data, buffer)
    }

    #[inline(never)]
    fn decrypt_inout_detached(
        &self,
        nonce: &aes_gcm::aead::Nonce<Self>,
        associated_data: &[u8],
        buffer: aes_gcm::aead::inout::InOutBuf<'_, '_, u8>,
        tag: &aes_gcm::aead::Tag<Self>,
    ) -> aes_gcm::aead::Result<()> {
        self.0
            .decrypt_inout_detached(nonce, associated_data, buffer, tag)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// NIST GCM test case 16 of the original GCM specification (AES-256, 96-bit IV,
    /// 60-byte plaintext, 20-byte AAD) — McGrew & Viega, "The Galois/Counter Mode of
    /// Operation", appendix B.
    #[test]
    fn gcm_spec_test_case_16() {
        let hex = |s: &str| -> std::vec::Vec<u8> {
            (0..s.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
                .collect()
        };
        extern crate std;
        let key: [u8; 32] = hex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308")
            .try_into()
            .unwrap();
        let iv: [u8; 12] = hex("cafebabefacedbaddecaf888").try_into().unwrap();
        let pt = hex(
            "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
        );
        let aad = hex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
        let ct = hex(
            "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662",
        );
        let tag = hex("76fc6ece0f4e1768cddf8853bb2d551b");
        let aead = ChunkAead::new(&key);
        let mut buf = pt.clone();
        let t = aead.seal_in_place(&iv, &aad, &mut buf).unwrap();
        assert_eq!(buf, ct);
        assert_eq!(t.as_slice(), tag.as_slice());
        let mut bad = t;
        bad[0] ^= 1;
        assert_eq!(aead.open_in_place(&iv, &aad, &mut buf, &bad), Err(Rejected));
        assert_eq!(buf, ct, "a rejected open leaves the ciphertext");
        aead.open_in_place(&iv, &aad, &mut buf, &t).unwrap();
        assert_eq!(buf, pt);
    }
}
