// Native only: the wasm suite is tests/wasm.rs (wasm-pack builds every test target).
#![cfg_attr(target_arch = "wasm32", allow(missing_docs))]
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! The TypeScript error-code union published to JS lists exactly the core's error codes.

use borderseal::ErrorCode;

#[test]
fn typescript_union_matches_error_codes() {
    let ts = include_str!("../src/wasm/types.d.ts");
    let start = ts
        .find("export type BordersealErrorCode")
        .expect("the union is declared");
    let end = start + ts[start..].find(';').expect("the union ends");
    let union: Vec<&str> = ts[start..end].split('"').skip(1).step_by(2).collect();
    let core: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(union, core);
}
