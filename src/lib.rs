#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod audit;
pub mod decide;
use borderseal_detect::decimal;
pub use borderseal_detect::detect;
pub mod envelope;
pub use borderseal_detect::error;
pub mod limits;
pub use borderseal_detect::offsets;
use borderseal_detect::sort;
pub mod redact;
pub mod structured;
pub mod transform;

pub use error::{Error, ErrorCode};

/// The crate's version, as `major.minor.patch` (what a bug report should quote).
#[must_use]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

#[cfg(target_arch = "wasm32")]
pub mod wasm;
