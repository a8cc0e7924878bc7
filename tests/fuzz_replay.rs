//! Replays every committed fuzz corpus entry and crash regression (`fuzz/corpus/<target>/`,
//! `fuzz/regressions/<target>/`) through the same invariant checks the fuzz targets use.
// Native only: the wasm suite is tests/wasm.rs (wasm-pack builds every test target).
#![cfg_attr(target_arch = "wasm32", allow(missing_docs))]
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::fs;
use std::path::Path;

#[path = "support/fuzz_checks.rs"]
mod checks;

fn inputs(target: &str) -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut out = Vec::new();
    for kind in ["corpus", "regressions"] {
        let Ok(dir) = fs::read_dir(root.join(kind).join(target)) else {
            continue;
        };
        let mut paths: Vec<_> = dir.map(|e| e.unwrap().path()).collect();
        paths.sort();
        for p in paths {
            out.push(fs::read(&p).unwrap());
        }
    }
    out
}

#[test]
fn open_envelope_corpus() {
    let key = checks::fuzz_key();
    let inputs = inputs("open_envelope");
    assert!(inputs.len() >= 5, "the seed corpus is committed");
    for data in &inputs {
        checks::open_envelope(data, &key);
    }
}

#[test]
fn jwk_import_corpus() {
    let inputs = inputs("jwk_import");
    assert!(inputs.len() >= 3, "the seed corpus is committed");
    for data in &inputs {
        checks::jwk_import(data);
    }
}

#[test]
fn parse_policy_corpus() {
    let inputs = inputs("parse_policy");
    assert!(inputs.len() >= 3, "the seed corpus is committed");
    for data in &inputs {
        checks::parse_policy(data);
    }
}

#[test]
fn redact_text_corpus() {
    let r = borderseal::redact::Redactor::new(None, None).unwrap();
    let inputs = inputs("redact_text");
    assert!(inputs.len() >= 20, "the seed corpus is committed");
    for data in &inputs {
        checks::redact_text(data, &r);
    }
}

#[test]
fn redact_json_corpus() {
    let r = borderseal::redact::Redactor::new(None, None).unwrap();
    let inputs = inputs("redact_json");
    assert!(inputs.len() >= 3, "the seed corpus is committed");
    for data in &inputs {
        checks::redact_json(data, &r);
    }
}
