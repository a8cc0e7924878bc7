//! Round trips: sizes around the chunk boundary, multi-recipient, signatures, streaming.
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

use borderseal::ErrorCode;
use borderseal::envelope::chunk::{CHUNK_SIZE, SEALED_CHUNK_LEN, TAG_LEN};
use borderseal::envelope::{
    OpenStream, PrivateKey, SealOptions, SealStream, SigningKey, open, seal, seal_with_rng,
};
use det_rng::DetRng;
use serde_json::{Map, Value, json};

fn keys(n: usize, seed: &str) -> Vec<PrivateKey> {
    let mut rng = DetRng::new(seed.as_bytes());
    (0..n)
        .map(|_| PrivateKey::generate_with_rng(&mut rng))
        .collect()
}

fn opts(keys: &[PrivateKey]) -> SealOptions {
    let mut metadata = Map::new();
    metadata.insert("marking".into(), json!("TLP:AMBER+STRICT"));
    metadata.insert("createdAt".into(), json!("2026-11-26T23:00:00Z"));
    SealOptions {
        recipients: keys.iter().map(|k| k.public_key().clone()).collect(),
        metadata,
        signer: None,
    }
}

fn pattern(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i % 251) as u8).collect()
}

#[test]
fn sizes_around_the_chunk_boundary() {
    let k = keys(1, "sizes");
    let o = opts(&k);
    for len in [
        0,
        1,
        CHUNK_SIZE - 1,
        CHUNK_SIZE,
        CHUNK_SIZE + 1,
        3 * CHUNK_SIZE + 7,
    ] {
        let pt = pattern(len);
        let env = seal(&pt, &o).unwrap();
        let chunks = len.div_ceil(CHUNK_SIZE).max(1);
        let header_len = env.len() - len - chunks * TAG_LEN;
        let meta_len = serde_json::to_vec(&o.metadata).unwrap().len();
        assert_eq!(header_len, 38 + meta_len + 112 + 32, "len {len}");
        let opened = open(&env, &k[0]).unwrap();
        assert_eq!(opened.plaintext, pt, "len {len}");
        assert_eq!(opened.metadata, o.metadata);
        assert_eq!(opened.recipient_kid, k[0].kid());
        assert!(opened.signer.is_none());
    }
}

#[test]
fn every_recipient_opens_and_sees_its_kid() {
    let k = keys(5, "multi");
    let o = opts(&k);
    let env = seal(b"report", &o).unwrap();
    for key in &k {
        let opened = open(&env, key).unwrap();
        assert_eq!(opened.plaintext, b"report");
        assert_eq!(opened.recipient_kid, key.kid());
    }
    let listed = borderseal::envelope::recipient_kids(&env).unwrap();
    assert_eq!(listed, k.iter().map(PrivateKey::kid).collect::<Vec<_>>());
    assert_eq!(
        borderseal::envelope::recipient_kids(&env[..100])
            .unwrap_err()
            .code(),
        ErrorCode::DecryptFailed
    );
    assert_eq!(
        borderseal::envelope::recipient_kids(b"BRD")
            .unwrap_err()
            .code(),
        ErrorCode::NotAnEnvelope
    );
    let outsider = &keys(1, "outsider")[0];
    assert_eq!(
        open(&env, outsider).unwrap_err().code(),
        ErrorCode::NotARecipient
    );
}

#[test]
fn signed_envelope_reports_its_signer() {
    let k = keys(2, "signed");
    let mut o = opts(&k);
    let signer = SigningKey::generate_with_rng(&mut DetRng::new(b"signer"));
    o.signer = Some(signer.clone());
    let env = seal(&pattern(CHUNK_SIZE + 3), &o).unwrap();
    let opened = open(&env, &k[1]).unwrap();
    let info = opened.signer.unwrap();
    assert_eq!(info.kid, signer.kid());
    assert_eq!(info.public_jwk, signer.to_jwk());
    assert_eq!(
        SigningKey::from_jwk(&signer.to_private_jwk())
            .unwrap()
            .kid(),
        signer.kid()
    );
}

#[test]
fn stream_in_odd_sizes_equals_one_shot() {
    let k = keys(3, "stream");
    let mut o = opts(&k);
    o.signer = Some(SigningKey::generate_with_rng(&mut DetRng::new(b"s")));
    for len in [
        0,
        5,
        CHUNK_SIZE,
        CHUNK_SIZE + 1,
        2 * CHUNK_SIZE,
        2 * CHUNK_SIZE + 4099,
    ] {
        let pt = pattern(len);
        let one_shot = seal_with_rng(&pt, &o, &mut DetRng::new(b"same")).unwrap();
        for step in [1usize, 7, 4096, CHUNK_SIZE - 1, CHUNK_SIZE + 1, 200_000] {
            if step == 1 && len > CHUNK_SIZE + 1 {
                continue; // byte-at-a-time over 64 KiB is slow in debug and adds nothing
            }
            let (mut s, mut env) = SealStream::new_with_rng(&o, &mut DetRng::new(b"same")).unwrap();
            for piece in pt.chunks(step) {
                env.extend(s.push(piece).unwrap());
            }
            env.extend(s.finish().unwrap());
            assert_eq!(env, one_shot, "len {len} step {step}");
            assert_eq!(s.push(b"x").unwrap_err().code(), ErrorCode::StreamState);

            // And open it in the same odd pieces.
            let mut os = OpenStream::new(&k[2]);
            let mut got = Vec::new();
            for piece in env.chunks(step) {
                let out = os.push(piece).unwrap();
                assert_eq!(out.len() % CHUNK_SIZE, 0, "only whole chunks are released");
                got.extend(out);
            }
            let fin = os.finish().unwrap();
            got.extend(fin.plaintext);
            assert_eq!(got, pt);
            assert!(fin.signer.is_some());
        }
    }
}

#[test]
fn seal_stream_buffers_at_most_one_chunk() {
    let k = keys(1, "bounded");
    let (mut s, _) = SealStream::new(&opts(&k)).unwrap();
    // A full chunk is held back (it might be the final one) until one more byte arrives.
    assert!(s.push(&pattern(CHUNK_SIZE)).unwrap().is_empty());
    assert_eq!(s.push(b"y").unwrap().len(), SEALED_CHUNK_LEN);
    assert_eq!(s.finish().unwrap().len(), 1 + TAG_LEN);
}

#[test]
fn seal_rejects_bad_options() {
    let k = keys(65, "many");
    assert_eq!(
        seal(b"", &opts(&[])).unwrap_err().code(),
        ErrorCode::InvalidArgument
    );
    assert_eq!(
        seal(b"", &opts(&k)).unwrap_err().code(),
        ErrorCode::TooManyRecipients
    );
    assert!(seal(b"", &opts(&k[..64])).is_ok());
    let mut dup = opts(&k[..2]);
    dup.recipients.push(k[0].public_key().clone());
    assert_eq!(
        seal(b"", &dup).unwrap_err().code(),
        ErrorCode::InvalidArgument
    );
    let mut big = opts(&k[..1]);
    big.metadata
        .insert("free".into(), Value::String("x".repeat(33 * 1024)));
    assert_eq!(
        seal(b"", &big).unwrap_err().code(),
        ErrorCode::HeaderTooLarge
    );
}

#[test]
fn os_randomness_makes_every_envelope_different() {
    let k = keys(1, "fresh");
    let o = opts(&k);
    assert_ne!(seal(b"same", &o).unwrap(), seal(b"same", &o).unwrap());
}
