//! A deterministic generator for test vectors and tests: SHA-256(seed ‖ counter) blocks.
//!
//! **Not for production**: it has no reseeding and no backtracking resistance, and the same
//! seed gives the same content key, salt and ephemeral keys. It exists so that
//! [`super::seal_with_rng`] can produce reproducible envelopes (the published vectors in
//! `docs/vectors/`, the JS test that compares the WebCrypto and wasm paths byte for byte).
//! `rand_chacha` in the registry implements rand_core 0.6, not the 0.10 the crypto uses.

use rand_core::{TryCryptoRng, TryRng};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

/// Deterministic byte stream determined by a seed (see the module docs: tests only).
pub struct SeededRng {
    seed: Zeroizing<Vec<u8>>,
    counter: u64,
    block: Zeroizing<[u8; 32]>,
    used: usize,
}

impl SeededRng {
    /// The stream of `seed`.
    #[must_use]
    pub fn new(seed: &[u8]) -> Self {
        Self {
            seed: Zeroizing::new(seed.to_vec()),
            counter: 0,
            block: Zeroizing::new([0; 32]),
            used: 32,
        }
    }
}

impl TryRng for SeededRng {
    type Error = core::convert::Infallible;

    fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
        let mut b = [0u8; 4];
        self.try_fill_bytes(&mut b)?;
        Ok(u32::from_le_bytes(b))
    }

    fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
        let mut b = [0u8; 8];
        self.try_fill_bytes(&mut b)?;
        Ok(u64::from_le_bytes(b))
    }

    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
        for byte in dst {
            if self.used >= self.block.len() {
                let mut h = Sha256::new();
                h.update(self.seed.as_slice());
                h.update(self.counter.to_be_bytes());
                *self.block = h.finalize().into();
                self.counter = self.counter.wrapping_add(1);
                self.used = 0;
            }
            *byte = self.block.get(self.used).copied().unwrap_or(0);
            self.used += 1;
        }
        Ok(())
    }
}

impl TryCryptoRng for SeededRng {}
