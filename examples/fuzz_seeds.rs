//! Writes seed inputs for the fuzz targets into `fuzz/corpus/<target>/`: envelopes sealed to
//! the fuzzing recipient (so mutations reach past the stanza) and valid JWKs.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use borderseal::envelope::{SealOptions, SigningKey, seal_with_rng};
use std::fs;

#[path = "../tests/support/fuzz_checks.rs"]
mod checks;
use checks::det_rng;

fn main() {
    let key = checks::fuzz_key();
    let mut rng = det_rng::DetRng::new(b"fuzz seeds");
    let dir = "fuzz/corpus/open_envelope";
    fs::create_dir_all(dir).unwrap();
    let signer = SigningKey::generate_with_rng(&mut rng);
    for (i, (len, signed)) in [
        (0, false),
        (1, false),
        (100, true),
        (65_536, false),
        (65_537, true),
    ]
    .into_iter()
    .enumerate()
    {
        let mut metadata = serde_json::Map::new();
        metadata.insert("marking".into(), "TLP:AMBER".into());
        let opts = SealOptions {
            recipients: vec![key.public_key().clone()],
            metadata,
            signer: signed.then(|| signer.clone()),
        };
        let plaintext: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
        let env = seal_with_rng(&plaintext, &opts, &mut rng).unwrap();
        fs::write(format!("{dir}/seed-{i}"), env).unwrap();
    }
    let dir = "fuzz/corpus/jwk_import";
    fs::create_dir_all(dir).unwrap();
    fs::write(format!("{dir}/private"), key.to_private_jwk().to_string()).unwrap();
    fs::write(format!("{dir}/public"), key.to_jwk().to_string()).unwrap();
    fs::write(
        format!("{dir}/ed25519"),
        signer.to_private_jwk().to_string(),
    )
    .unwrap();
    println!("seeds written");
}
