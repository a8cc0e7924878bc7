//! Test hooks for the JS test suites: deterministic sealing, so that a test can seal the same
//! input on the WebCrypto path and on the wasm path and compare the bytes.
//!
//! **Never use these in a portal**: a seeded envelope reuses its keys for the same seed.

use wasm_bindgen::prelude::*;

use super::convert;
use super::envelope::{JsSealStream, seal_options};
use super::error::{invalid_argument, to_js};
use crate::envelope::seeded::SeededRng;

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
        let mut rng = SeededRng::new(&seed);
        let (inner, header) =
            crate::envelope::SealStream::new_with_rng(&opts, &mut rng).map_err(|e| to_js(&e))?;
        Ok(JsSealStream::from_parts(inner, header))
    }
}
