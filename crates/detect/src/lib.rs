//! The detection engine of borderseal, with the types every stage of the library shares
//! (errors, UTF-16 offsets, one sort).
//!
//! It is a crate of its own for one reason: speed. borderseal is built at opt-level "z" to
//! keep the `.wasm` within its size budget, and a crate's opt-level applies to its own code
//! and to the generic code it instantiates. This crate is built at opt-level 2 (see
//! `[profile.release.package.borderseal-detect]` in the workspace's Cargo.toml): detection
//! runs over every byte of every report, the rest of the library over findings and headers.
//! Measured in wasm under Node (1 MB crafted inputs, idle machine): "z" → "s" took detection
//! of `+49 30 12345678 …` from 133 to 85 ms, of `48°51'30"N …` from 196 to 84 ms, of the
//! mixed corpus from 26.4 to 32.8 MB/s, for 21 KB of gzip'd `.wasm`, which [`sort`] more than
//! paid back. Once the package was post-processed with `wasm-opt -O1` instead of `-Oz` (13 KB
//! smaller and a quarter faster, see `scripts/build-pkg.sh`), "s" → 2 cost 8 KB for 8 % on
//! the mixed corpus and 22 % on the phone numbers. Applications use all of this
//! through borderseal, which re-exports `detect`, `error` and `offsets`.

#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

#[doc(hidden)]
pub mod decimal;
pub mod detect;
pub mod error;
pub mod offsets;
#[doc(hidden)]
pub mod sort;

pub use error::{Error, ErrorCode};
