//! Fuzz: opening an envelope (header, stanzas, chunks, trailer), one-shot and streaming.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

#[path = "../../tests/support/fuzz_checks.rs"]
mod checks;

static KEY: OnceLock<borderseal::envelope::PrivateKey> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    checks::open_envelope(data, KEY.get_or_init(checks::fuzz_key));
});
