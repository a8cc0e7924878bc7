//! Test hooks for the JS test suites: deterministic sealing, so that a test can seal the same
//! input on the WebCrypto path and on the wasm path and compare the bytes.
//!
//! **Never use these in a portal**: a seeded envelope reuses its keys for the same seed.

use rand_core::{TryCryptoRng, TryRng};
use sha2::{Digest, Sha256};
use wasm_bindgen::prelude::*;
use zeroize::Zeroizing;

use super::convert;
use super::envelope::{JsSealStream, seal_options};
use super::error::{invalid_argument, to_js};

/// SHA-256(seed ‖ counter) blocks: deterministic, and deliberately not a production RNG
/// (no reseeding, no backtracking resistance).
struct SeededRng {
    seed: Zeroizing<Vec<u8>>,
    counter: u64,
    block: Zeroizing<[u8; 32]>,
    used: usize,
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

#[wasm_bindgen(js_class = SealStream)]
impl JsSealStream {
    /// **Insecure, for tests only**: a `SealStream` whose content key, salt and ephemeral
    /// keys all come from `seed` (at least 16 bytes), so the same seed gives the same bytes.
    #[wasm_bindgen(js_name = withSeedInsecure)]
    pub fn with_seed_insecure(
        #[wasm_bindgen(unchecked_param_type = "SealOptions")] options: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] seed: JsValue,
    ) -> Result<JsSealStream, JsValue> {
        let seed = convert::byte_array(&seed, "seed")?;
        if seed.len() < 16 {
            return Err(invalid_argument("seed: expected at least 16 bytes"));
        }
        let opts = seal_options(&options)?;
        let mut rng = SeededRng {
            seed: Zeroizing::new(seed),
            counter: 0,
            block: Zeroizing::new([0; 32]),
            used: 32,
        };
        let (inner, header) =
            crate::envelope::SealStream::new_with_rng(&opts, &mut rng).map_err(|e| to_js(&e))?;
        Ok(JsSealStream::from_parts(inner, header))
    }
}
