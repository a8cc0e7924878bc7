//! Fuzz: redact_text on arbitrary input (invariants in tests/support/fuzz_checks.rs).
#![no_main]

use libfuzzer_sys::fuzz_target;
#[allow(unused_imports)]
use std::sync::OnceLock;

#[path = "../../tests/support/fuzz_checks.rs"]
mod checks;

#[allow(dead_code)]
static R: OnceLock<borderseal::redact::Redactor> = OnceLock::new();

fuzz_target!(|data: &[u8]| checks::redact_text(
    data,
    R.get_or_init(|| borderseal::redact::Redactor::new(None, None).expect("default policy"))
));
