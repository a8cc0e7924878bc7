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
use borderseal::envelope::chunk::{CHUNK_AAD, CHUNK_SIZE, SEALED_CHUNK_LEN, nonce_for};
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

        // Unsigned, the stream needs only each sealed chunk's length: same bytes again.
        let unsigned = SealOptions {
            signer: None,
            ..o.clone()
        };
        let reference = seal_with_rng(&pt, &unsigned, &mut DetRng::new(b"wc-u")).unwrap();
        let (mut u, mut env) =
            SealStream::new_with_rng(&unsigned, &mut DetRng::new(b"wc-u")).unwrap();
        assert!(!u.needs_chunk_bytes() && s.needs_chunk_bytes());
        let aead = external_aead(&u.payload_key_for_webcrypto());
        for (i, piece) in pieces.iter().enumerate() {
            let is_final = i + 1 == pieces.len();
            let nonce = nonce_for(u.next_chunk_index(), is_final);
            let sealed = aead.encrypt(&nonce.into(), *piece).unwrap();
            env.extend_from_slice(&sealed);
            env.extend(u.accept_sealed_len(sealed.len(), is_final).unwrap());
        }
        assert_eq!(env, reference, "unsigned, len {len}");
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
    // A signed stream refuses lengths without bytes (the signature digest needs them).
    let (mut signed, _) = SealStream::new_with_rng(&o, &mut DetRng::new(b"s")).unwrap();
    assert_eq!(
        signed.accept_sealed_len(20, true).unwrap_err().code(),
        ErrorCode::StreamState
    );
    let unsigned = SealOptions {
        signer: None,
        ..o.clone()
    };
    let (mut u, _) = SealStream::new_with_rng(&unsigned, &mut DetRng::new(b"u")).unwrap();
    assert_eq!(
        u.accept_sealed_len(100, false).unwrap_err().code(),
        ErrorCode::InvalidArgument
    );
    u.accept_sealed_len(CHUNK_SIZE + 16, false).unwrap();
    assert_eq!(
        u.accept_sealed_len(16, true).unwrap_err().code(),
        ErrorCode::InvalidArgument
    );
    assert!(u.accept_sealed_len(17, true).unwrap().is_empty());
    assert_eq!(
        u.accept_sealed_len(17, true).unwrap_err().code(),
        ErrorCode::StreamState
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

/// Opens `env` as js/stream.js does on the WebCrypto path: header bytes go to the stream,
/// the payload stays with the caller, which only counts it in and cuts chunks where the
/// stream says; chunks are decrypted outside (the stand-in for `crypto.subtle`).
fn open_framed(
    k: &PrivateKey,
    env: &[u8],
    piece_len: usize,
) -> Result<(Vec<u8>, borderseal::envelope::Opened), borderseal::Error> {
    let mut s = OpenStream::new(k);
    assert_eq!(
        s.payload_key_for_webcrypto().unwrap_err().code(),
        ErrorCode::StreamState
    );
    let mut held: Vec<u8> = Vec::new();
    let mut got = Vec::new();
    let mut key = None;
    for piece in env.chunks(piece_len) {
        let mut piece = piece;
        if !s.header_ready() {
            let n = s.push_header(piece)?;
            piece = &piece[n..];
            if !s.header_ready() {
                assert!(piece.is_empty(), "the header takes all it is given");
                continue;
            }
        }
        held.extend_from_slice(piece);
        for nonce in s.push_external(piece.len())? {
            let sealed: Vec<u8> = held.drain(..SEALED_CHUNK_LEN).collect();
            if s.needs_chunk_bytes() {
                s.digest_external(&sealed)?;
            }
            let a =
                external_aead(key.get_or_insert_with(|| s.payload_key_for_webcrypto().unwrap()));
            got.extend(
                a.decrypt(
                    &nonce.into(),
                    Payload {
                        msg: &sealed,
                        aad: CHUNK_AAD,
                    },
                )
                .map_err(|_| borderseal::Error::decrypt_failed())?,
            );
        }
    }
    let (last, info) = s.finish_external(&held)?;
    assert!(last.is_final);
    assert_eq!(last.nonce, nonce_for(last.index, true));
    assert_eq!(
        s.payload_key_for_webcrypto().unwrap_err().code(),
        ErrorCode::StreamState
    );
    if let Some(key) = key.as_ref() {
        got.extend(
            external_aead(key)
                .decrypt(&last.nonce.into(), last.sealed.as_slice())
                .map_err(|_| borderseal::Error::decrypt_failed())?,
        );
    }
    Ok((got, info))
}

#[test]
fn externally_opened_chunks_match_and_signature_is_checked() {
    let (k, o) = setup();
    let pt: Vec<u8> = (0..3 * CHUNK_SIZE + 5).map(|i| (i * 13) as u8).collect();
    let env = seal_with_rng(&pt, &o, &mut DetRng::new(b"open")).unwrap();
    // Pieces smaller than, equal to and larger than a chunk, and the whole envelope at once.
    for piece in [1000, 50_000, SEALED_CHUNK_LEN, 200_000, env.len()] {
        let (got, info) = open_framed(&k, &env, piece).unwrap();
        assert!(got == pt, "piece {piece}");
        assert!(info.signer.is_some() && info.plaintext.is_empty());
    }

    // Unsigned: no chunk bytes are needed, and digest_external refuses them.
    let unsigned = SealOptions {
        signer: None,
        ..o.clone()
    };
    let env2 = seal_with_rng(&pt, &unsigned, &mut DetRng::new(b"open2")).unwrap();
    let (got, info) = open_framed(&k, &env2, 50_000).unwrap();
    assert!(got == pt && info.signer.is_none());
    let mut s = OpenStream::new(&k);
    let n = s.push_header(&env2).unwrap();
    assert!(s.header_ready() && !s.needs_chunk_bytes());
    assert_eq!(s.push_external(env2.len() - n).unwrap().len(), 3);
    assert_eq!(
        s.digest_external(&env2[n..n + SEALED_CHUNK_LEN])
            .unwrap_err()
            .code(),
        ErrorCode::StreamState
    );

    // Mixing the two paths, or finishing with other bytes than those counted in, fails.
    let mut s = OpenStream::new(&k);
    let n = s.push_header(&env).unwrap();
    s.push_external(10).unwrap();
    assert_eq!(s.push(b"").unwrap_err().code(), ErrorCode::StreamState);
    let mut s = OpenStream::new(&k);
    let n2 = s.push_header(&env).unwrap();
    assert_eq!(n, n2);
    s.push_external(env.len() - n).unwrap();
    assert_eq!(
        s.finish_external(&[0; 5]).unwrap_err().code(),
        ErrorCode::InvalidArgument
    );
    // A signed envelope whose announced chunks were not all digested is refused.
    let mut s = OpenStream::new(&k);
    let n = s.push_header(&env).unwrap();
    let nonces = s.push_external(env.len() - n).unwrap();
    assert_eq!(nonces.len(), 3);
    let rest = &env[n + 3 * SEALED_CHUNK_LEN..];
    assert_eq!(
        s.finish_external(rest).unwrap_err().code(),
        ErrorCode::StreamState
    );
    // Before the header, the counting calls are refused.
    let mut s = OpenStream::new(&k);
    assert_eq!(
        s.push_external(1).unwrap_err().code(),
        ErrorCode::StreamState
    );

    // A bad signature is caught by finish_external even though wasm never decrypts.
    let mut bad = env.clone();
    let n = bad.len();
    bad[n - 1] ^= 1;
    assert_eq!(
        open_framed(&k, &bad, 50_000).unwrap_err().code(),
        ErrorCode::SignatureInvalid
    );
    // A flipped ciphertext bit of a middle chunk: the digest (signed) catches it at finish,
    // before the outside decryption of the damaged chunk would.
    let mut bad = env.clone();
    bad[n / 2] ^= 1;
    let code = open_framed(&k, &bad, 50_000).unwrap_err().code();
    assert!(
        code == ErrorCode::SignatureInvalid || code == ErrorCode::DecryptFailed,
        "{code:?}"
    );
    // Truncation inside the last chunk and a dropped final chunk fail.
    for cut in [env.len() - 70, env.len() - 64 - 21] {
        let code = open_framed(&k, &env[..cut], 50_000).unwrap_err().code();
        assert!(
            code == ErrorCode::SignatureInvalid || code == ErrorCode::DecryptFailed,
            "{code:?}"
        );
    }
    let unsigned_cut = &env2[..env2.len() - 21];
    assert_eq!(
        open_framed(&k, unsigned_cut, 50_000).unwrap_err().code(),
        ErrorCode::DecryptFailed
    );
}
