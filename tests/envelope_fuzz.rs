//! Property tests: no input makes `open` panic, and any change to a sealed envelope is rejected
//! without plaintext, whether read in one piece or in random pieces.
// Native only: the wasm suite is tests/wasm.rs (wasm-pack builds every test target).
#![cfg_attr(target_arch = "wasm32", allow(missing_docs))]
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "support/det_rng.rs"]
mod det_rng;

use std::sync::OnceLock;

use borderseal::envelope::{OpenStream, PrivateKey, SealOptions, SigningKey, open, seal_with_rng};
use det_rng::DetRng;
use proptest::prelude::*;

struct Fixture {
    key: PrivateKey,
    env: Vec<u8>,
    pt: Vec<u8>,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let key = PrivateKey::generate_with_rng(&mut DetRng::new(b"fuzz"));
        let opts = SealOptions {
            recipients: vec![key.public_key().clone()],
            metadata: serde_json::Map::new(),
            signer: Some(SigningKey::generate_with_rng(&mut DetRng::new(b"fuzz-s"))),
        };
        let pt: Vec<u8> = (0..70_000u32).map(|i| (i % 253) as u8).collect();
        let env = seal_with_rng(&pt, &opts, &mut DetRng::new(b"fuzz-e")).unwrap();
        Fixture { key, env, pt }
    })
}

/// Streams `env` split at `cuts`; returns (released plaintext, whether it all succeeded).
fn stream(env: &[u8], key: &PrivateKey, cuts: &[usize]) -> (Vec<u8>, bool) {
    let mut s = OpenStream::new(key);
    let mut out = Vec::new();
    let mut points: Vec<usize> = cuts.iter().map(|c| c % (env.len() + 1)).collect();
    points.push(0);
    points.push(env.len());
    points.sort_unstable();
    for w in points.windows(2) {
        match s.push(&env[w[0]..w[1]]) {
            Ok(p) => out.extend(p),
            Err(_) => return (out, false),
        }
    }
    match s.finish() {
        Ok(last) => {
            out.extend(last.plaintext);
            (out, true)
        }
        Err(_) => (out, false),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600),
                                   magic in any::<bool>()) {
        let f = fixture();
        let mut input = bytes;
        if magic {
            // Give the random tail a valid prefix so the parser goes deeper.
            let mut head = f.env[..38].to_vec();
            head.extend(input);
            input = head;
        }
        prop_assert!(open(&input, &f.key).is_err());
        let (released, ok) = stream(&input, &f.key, &[7, 100]);
        prop_assert!(!ok && released.is_empty());
    }

    #[test]
    fn mutated_envelopes_are_rejected(pos in any::<usize>(), xor in 1u8..=255,
                                      cuts in proptest::collection::vec(any::<usize>(), 0..6)) {
        let f = fixture();
        let mut bad = f.env.clone();
        let at = pos % bad.len();
        bad[at] ^= xor;
        prop_assert!(open(&bad, &f.key).is_err());
        let (released, ok) = stream(&bad, &f.key, &cuts);
        prop_assert!(!ok);
        prop_assert!(f.pt.starts_with(&released));
        prop_assert!(released.len() < f.pt.len());
    }

    #[test]
    fn any_split_of_a_good_envelope_opens(cuts in proptest::collection::vec(any::<usize>(), 0..8)) {
        let f = fixture();
        let (out, ok) = stream(&f.env, &f.key, &cuts);
        prop_assert!(ok);
        prop_assert_eq!(out, f.pt.clone());
    }
}
