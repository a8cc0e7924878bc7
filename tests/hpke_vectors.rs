//! RFC 9180 Appendix A vectors (X25519 subset) against the `hpke` crate as this crate builds it.
// Native only: the wasm suite is tests/wasm.rs (wasm-pack builds every test target).
#![cfg_attr(target_arch = "wasm32", allow(missing_docs))]
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "support/hpke_kat.rs"]
mod hpke_kat;

const VECTORS: &str = include_str!("vectors/hpke-rfc9180-x25519.json");

#[test]
fn rfc9180_vectors_for_supported_suites() {
    let report = hpke_kat::run_all(VECTORS);
    println!("{report:#?}");
    // 16 entries: modes 0-3 × AEAD {1, 2, 3, 0xffff}; ChaCha20Poly1305 (3) is not built.
    assert_eq!(report.ran, 12, "{report:#?}");
    assert_eq!(report.skipped.len(), 4);
    assert_eq!(report.encryptions, 8 * 257);
    assert_eq!(report.exports, 12 * 3);
}

#[test]
fn our_suite_base_mode_vector_is_among_them() {
    let v: serde_json::Value = serde_json::from_str(VECTORS).unwrap();
    let ours = v
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["mode"] == 0 && t["aead_id"] == 2)
        .count();
    assert_eq!(
        ours, 1,
        "the base-mode AES-256-GCM vector the envelope relies on"
    );
}
