//! The WebCrypto fast path: chunks sealed/opened outside the stream give identical bytes, and
//! the stream still enforces order, lengths, the final flag and the signature.
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

use aes_gcm::Aes256Gcm;
use aes_gcm::aead::{Aead, KeyInit, Payload};
use borderseal::ErrorCode;
use borderseal::envelope::chunk::{CHUNK_AAD, CHUNK_SIZE, nonce_for};
use borderseal::envelope::{
    OpenStream, PrivateKey, SealOptions, SealStream, SigningKey, open, seal_with_rng,
};
use det_rng::DetRng;

/// Stands in for `crypto.subtle.encrypt/decrypt({name: "AES-GCM", iv, additionalData})`.
fn external_aead(key: &[u8; 32]) -> Aes256Gcm {
    Aes256Gcm::new(key.into())
}

fn setup() -> (PrivateKey, SealOptions) {
    let k = PrivateKey::generate_with_rng(&mut DetRng::new(b"wc"));
    let o = SealOptions {
        recipients: vec![k.public_key().clone()],
        metadata: serde_json::Map::new(),
        signer: Some(SigningKey::generate_with_rng(&mut DetRng::new(
            b"wc-signer",
        ))),
    };
    (k, o)
}

#[test]
fn externally_sealed_chunks_give_identical_bytes() {
    let (k, o) = setup();
    for len in [0usize, 10, CHUNK_SIZE, 2 * CHUNK_SIZE + 17] {
        let pt: Vec<u8> = (0..len).map(|i| (i * 7) as u8).collect();
        let reference = seal_with_rng(&pt, &o, &mut DetRng::new(b"wc-env")).unwrap();
        let (mut s, mut env) = SealStream::new_with_rng(&o, &mut DetRng::new(b"wc-env")).unwrap();
        let aead = external_aead(&s.payload_key_for_webcrypto());
        let pieces: Vec<&[u8]> = if pt.is_empty() {
            vec![&[]]
        } else {
            pt.chunks(CHUNK_SIZE).collect()
        };
        for (i, piece) in pieces.iter().enumerate() {
            let is_final = i + 1 == pieces.len();
            let index = s.next_chunk_index();
            let nonce = nonce_for(index, is_final);
            let sealed = aead
                .encrypt(
                    &nonce.into(),
                    Payload {
                        msg: piece,
                        aad: CHUNK_AAD,
                    },
                )
                .unwrap();
            env.extend_from_slice(&sealed);
            env.extend(s.accept_sealed_chunk(&sealed, is_final).unwrap());
        }
        assert_eq!(env, reference, "len {len}");
        assert_eq!(open(&env, &k).unwrap().plaintext, pt);
        assert_eq!(
            s.accept_sealed_chunk(&[0; 16], true).unwrap_err().code(),
            ErrorCode::StreamState
        );
    }
}

#[test]
fn external_seal_enforces_framing() {
    let (_, o) = setup();
    let (mut s, _) = SealStream::new_with_rng(&o, &mut DetRng::new(b"f")).unwrap();
    assert_eq!(
        s.accept_sealed_chunk(&[0; 100], false).unwrap_err().code(),
        ErrorCode::InvalidArgument
    );
    assert_eq!(
        s.accept_sealed_chunk(&[0; 15], true).unwrap_err().code(),
        ErrorCode::InvalidArgument
    );
    s.accept_sealed_chunk(&vec![0; CHUNK_SIZE + 16], false)
        .unwrap();
    // An empty final chunk is only valid as the only chunk.
    assert_eq!(
        s.accept_sealed_chunk(&[0; 16], true).unwrap_err().code(),
        ErrorCode::InvalidArgument
    );
    let (mut mixed, _) = SealStream::new_with_rng(&o, &mut DetRng::new(b"m")).unwrap();
    mixed.push(b"buffered").unwrap();
    assert_eq!(
        mixed
            .accept_sealed_chunk(&[0; 20], true)
            .unwrap_err()
            .code(),
        ErrorCode::StreamState
    );
}

#[test]
fn externally_opened_chunks_match_and_signature_is_checked() {
    let (k, o) = setup();
    let pt: Vec<u8> = (0..3 * CHUNK_SIZE + 5).map(|i| (i * 13) as u8).collect();
    let env = seal_with_rng(&pt, &o, &mut DetRng::new(b"open")).unwrap();
    let mut s = OpenStream::new(&k);
    assert_eq!(
        s.payload_key_for_webcrypto().unwrap_err().code(),
        ErrorCode::StreamState
    );
    let mut got = Vec::new();
    let mut aead = None;
    for piece in env.chunks(50_000) {
        for c in s.push_external(piece).unwrap() {
            let a =
                aead.get_or_insert_with(|| external_aead(&s.payload_key_for_webcrypto().unwrap()));
            assert_eq!(c.nonce, nonce_for(c.index, false));
            assert!(!c.is_final);
            got.extend(
                a.decrypt(
                    &c.nonce.into(),
                    Payload {
                        msg: &c.sealed,
                        aad: CHUNK_AAD,
                    },
                )
                .unwrap(),
            );
        }
    }
    assert_eq!(
        s.push(b"").unwrap_err().code(),
        ErrorCode::StreamState,
        "push and push_external mixed"
    );
    let mut s = OpenStream::new(&k);
    got.clear();
    let mut key = None;
    for piece in env.chunks(50_000) {
        for c in s.push_external(piece).unwrap() {
            let a =
                external_aead(key.get_or_insert_with(|| s.payload_key_for_webcrypto().unwrap()));
            got.extend(a.decrypt(&c.nonce.into(), c.sealed.as_slice()).unwrap());
        }
    }
    let (last, info) = s.finish_external().unwrap();
    assert!(last.is_final && last.index == 3);
    assert_eq!(last.nonce, nonce_for(3, true));
    let a = external_aead(key.as_ref().unwrap());
    got.extend(
        a.decrypt(&last.nonce.into(), last.sealed.as_slice())
            .unwrap(),
    );
    assert_eq!(got, pt);
    assert!(info.signer.is_some() && info.plaintext.is_empty());
    assert_eq!(
        s.payload_key_for_webcrypto().unwrap_err().code(),
        ErrorCode::StreamState
    );

    // A bad signature is caught by finish_external even though wasm never decrypts.
    let mut bad = env.clone();
    let n = bad.len();
    bad[n - 1] ^= 1;
    let mut s = OpenStream::new(&k);
    for piece in bad.chunks(50_000) {
        s.push_external(piece).unwrap();
    }
    assert_eq!(
        s.finish_external().unwrap_err().code(),
        ErrorCode::SignatureInvalid
    );
}
