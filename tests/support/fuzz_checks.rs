//! The invariants the fuzz targets check, shared with the replay test (`tests/fuzz_replay.rs`)
//! so every committed corpus entry and crash regression runs on every `make test`.
#![allow(dead_code)]

use borderseal::envelope::{self, OpenStream, PrivateKey, PublicKey};

#[path = "det_rng.rs"]
pub mod det_rng;

/// The fuzzing recipient: fixed, so that seed envelopes sealed to it reach past the stanza.
pub fn fuzz_key() -> PrivateKey {
    PrivateKey::generate_with_rng(&mut det_rng::DetRng::new(b"borderseal fuzz recipient"))
}

/// Opening any bytes never panics; one-shot and streaming (split at a data-chosen point)
/// agree; a failed open releases nothing through the stream beyond verified chunks.
pub fn open_envelope(data: &[u8], key: &PrivateKey) {
    let one_shot = envelope::open(data, key);
    let split = data.first().map_or(0, |b| usize::from(*b) * 257) % (data.len() + 1);
    let (a, b) = data.split_at(split);
    let mut stream = OpenStream::new(key);
    let streamed = stream
        .push(a)
        .and_then(|mut p1| {
            p1.extend(stream.push(b)?);
            Ok(p1)
        })
        .and_then(|mut p| {
            let last = stream.finish()?;
            p.extend_from_slice(&last.plaintext);
            Ok((p, last))
        });
    match (&one_shot, &streamed) {
        (Ok(o), Ok((p, last))) => {
            assert_eq!(&o.plaintext, p, "one-shot and stream disagree");
            assert_eq!(o.metadata, last.metadata);
        }
        (Err(e1), Err(e2)) => assert_eq!(e1.code(), e2.code(), "different error codes"),
        _ => panic!("one-shot and stream disagree on success: {one_shot:?} vs {streamed:?}"),
    }
}

/// JWK import never panics; an accepted key exports to a JWK that imports to the same kid.
pub fn jwk_import(data: &[u8]) {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    if let Ok(k) = PrivateKey::from_jwk(&value) {
        let again = PrivateKey::from_jwk(&k.to_private_jwk()).expect("own export re-imports");
        assert_eq!(again.kid(), k.kid());
    }
    if let Ok(k) = PublicKey::from_jwk(&value) {
        let again = PublicKey::from_jwk(&k.to_jwk()).expect("own export re-imports");
        assert_eq!(again.kid(), k.kid());
    }
    let _ = envelope::SigningKey::from_jwk(&value);
}
