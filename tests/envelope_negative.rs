//! Damaged envelopes: every bit flip, truncations, chunk reordering/duplication/dropping,
//! splicing, swapped stanzas, wrong keys — always an error, never plaintext from a bad chunk.
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
use borderseal::envelope::chunk::{CHUNK_SIZE, SEALED_CHUNK_LEN};
use borderseal::envelope::header::{FIXED_LEN, STANZA_LEN};
use borderseal::envelope::{OpenStream, PrivateKey, SealOptions, SigningKey, open, seal_with_rng};
use det_rng::DetRng;
use serde_json::{Map, json};

fn keys(n: usize, seed: &str) -> Vec<PrivateKey> {
    let mut rng = DetRng::new(seed.as_bytes());
    (0..n)
        .map(|_| PrivateKey::generate_with_rng(&mut rng))
        .collect()
}

fn opts(keys: &[PrivateKey], signed: bool) -> SealOptions {
    let mut metadata = Map::new();
    metadata.insert("marking".into(), json!("TLP:RED"));
    SealOptions {
        recipients: keys.iter().map(|k| k.public_key().clone()).collect(),
        metadata,
        signer: signed.then(|| SigningKey::generate_with_rng(&mut DetRng::new(b"signer"))),
    }
}

fn pattern(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i % 251) as u8).collect()
}

fn header_len(o: &SealOptions) -> usize {
    let meta = serde_json::to_vec(&o.metadata).unwrap().len();
    FIXED_LEN + meta + o.recipients.len() * STANZA_LEN + if o.signer.is_some() { 64 } else { 32 }
}

/// Opens `env` one-shot and streaming (in 1000-byte pieces); both must fail, and the stream
/// may release only whole chunks that are a prefix of `pt` made of `max_ok` chunks at most.
fn assert_rejected(env: &[u8], key: &PrivateKey, pt: &[u8], max_ok: usize) -> ErrorCode {
    let err = open(env, key).expect_err("a damaged envelope opened");
    let mut s = OpenStream::new(key);
    let mut released = Vec::new();
    let mut failed = false;
    for piece in env.chunks(1000) {
        match s.push(piece) {
            Ok(out) => released.extend(out),
            Err(_) => {
                failed = true;
                break;
            }
        }
    }
    if !failed {
        assert!(
            s.finish().is_err(),
            "streaming finish accepted a damaged envelope"
        );
    }
    assert_eq!(s.push(b"more").unwrap_err().code(), ErrorCode::StreamState);
    assert!(
        released.len() <= max_ok * CHUNK_SIZE,
        "released a damaged chunk"
    );
    assert_eq!(
        &pt[..released.len()],
        &released[..],
        "released bytes that are not the payload"
    );
    err.code()
}

#[test]
fn every_single_bit_flip_is_rejected() {
    let k = keys(2, "flip");
    for signed in [false, true] {
        let o = opts(&k, signed);
        let pt = b"small report".to_vec();
        let env = seal_with_rng(&pt, &o, &mut DetRng::new(b"flip-env")).unwrap();
        let hl = header_len(&o);
        let meta_end = FIXED_LEN + serde_json::to_vec(&o.metadata).unwrap().len();
        let mut flips = 0;
        for byte in 0..env.len() {
            for bit in 0..8 {
                let mut bad = env.clone();
                bad[byte] ^= 1 << bit;
                let code = assert_rejected(&bad, &k[0], &pt, 0);
                // What each region may answer: header fields are checked before any key is
                // tried; after the reader's stanza is found only DecryptFailed (or, for the
                // unauthenticated signature bytes, SignatureInvalid) remains.
                let allowed: &[ErrorCode] = match byte {
                    0..8 => &[ErrorCode::NotAnEnvelope],
                    8 | 10..16 => &[ErrorCode::UnsupportedVersion],
                    9 => &[ErrorCode::UnsupportedVersion, ErrorCode::DecryptFailed],
                    // A changed metadata length moves the stanzas: the kid is no longer found.
                    32..36 => &[
                        ErrorCode::HeaderTooLarge,
                        ErrorCode::NotARecipient,
                        ErrorCode::DecryptFailed,
                    ],
                    36..38 => &[
                        ErrorCode::TooManyRecipients,
                        ErrorCode::NotARecipient,
                        ErrorCode::DecryptFailed,
                    ],
                    b if (meta_end..meta_end + 32).contains(&b) => &[ErrorCode::NotARecipient],
                    b if signed && b >= env.len() - 64 => &[ErrorCode::SignatureInvalid],
                    b if b < hl || b < env.len() => &[ErrorCode::DecryptFailed],
                    _ => unreachable!(),
                };
                assert!(allowed.contains(&code), "byte {byte} bit {bit}: {code:?}");
                flips += 1;
            }
        }
        assert_eq!(flips, env.len() * 8);
    }
}

#[test]
fn truncation_anywhere_is_rejected() {
    let k = keys(1, "trunc");
    let o = opts(&k, false);
    let pt = pattern(2 * CHUNK_SIZE + 100);
    let env = seal_with_rng(&pt, &o, &mut DetRng::new(b"t")).unwrap();
    let hl = header_len(&o);
    let mut cuts: Vec<usize> = (0..=hl + 1).collect();
    for c in 0..3 {
        let start = hl + c * SEALED_CHUNK_LEN;
        cuts.extend([
            start,
            start + 1,
            start + 16,
            start + SEALED_CHUNK_LEN / 2,
            start + SEALED_CHUNK_LEN - 1,
        ]);
    }
    cuts.push(env.len() - 1);
    for cut in cuts.into_iter().filter(|&c| c < env.len()) {
        let chunks_before = cut.saturating_sub(hl) / SEALED_CHUNK_LEN;
        let code = assert_rejected(&env[..cut], &k[0], &pt, chunks_before);
        let expected = if cut < 8 {
            ErrorCode::NotAnEnvelope
        } else {
            ErrorCode::DecryptFailed
        };
        assert_eq!(code, expected, "cut at {cut}");
    }
    // Trailing bytes after the final chunk are as bad as missing ones.
    let mut long = env.clone();
    long.push(0);
    assert_eq!(
        assert_rejected(&long, &k[0], &pt, 2),
        ErrorCode::DecryptFailed
    );
}

fn chunks_of(env: &[u8], hl: usize) -> (Vec<u8>, Vec<Vec<u8>>) {
    let (h, body) = env.split_at(hl);
    (
        h.to_vec(),
        body.chunks(SEALED_CHUNK_LEN).map(<[u8]>::to_vec).collect(),
    )
}

#[test]
fn reordered_duplicated_dropped_and_spliced_chunks_are_rejected() {
    let k = keys(1, "order");
    let o = opts(&k, false);
    let pt = pattern(3 * CHUNK_SIZE + 5);
    let env = seal_with_rng(&pt, &o, &mut DetRng::new(b"a")).unwrap();
    let other = seal_with_rng(&pt, &o, &mut DetRng::new(b"b")).unwrap();
    let hl = header_len(&o);
    let (h, c) = chunks_of(&env, hl);
    let (_, oc) = chunks_of(&other, hl);
    assert_eq!(c.len(), 4);
    let build = |order: &[&Vec<u8>]| -> Vec<u8> {
        let mut e = h.clone();
        for x in order {
            e.extend_from_slice(x);
        }
        e
    };
    let cases: Vec<(&str, Vec<u8>, usize)> = vec![
        ("swap 0,1", build(&[&c[1], &c[0], &c[2], &c[3]]), 0),
        ("swap 1,2", build(&[&c[0], &c[2], &c[1], &c[3]]), 1),
        (
            "duplicate 1",
            build(&[&c[0], &c[1], &c[1], &c[2], &c[3]]),
            2,
        ),
        ("drop 1", build(&[&c[0], &c[2], &c[3]]), 1),
        ("drop final", build(&[&c[0], &c[1], &c[2]]), 2),
        ("final moved first", build(&[&c[3], &c[0], &c[1], &c[2]]), 0),
        (
            "splice chunk 2 of another envelope",
            build(&[&c[0], &c[1], &oc[2], &c[3]]),
            2,
        ),
        (
            "splice final of another envelope",
            build(&[&c[0], &c[1], &c[2], &oc[3]]),
            3,
        ),
    ];
    for (name, bad, ok_chunks) in cases {
        let code = assert_rejected(&bad, &k[0], &pt, ok_chunks);
        assert_eq!(code, ErrorCode::DecryptFailed, "{name}");
    }
    // The untouched pieces still open, so the cases above failed for the damage alone.
    assert_eq!(
        open(&build(&[&c[0], &c[1], &c[2], &c[3]]), &k[0])
            .unwrap()
            .plaintext,
        pt
    );
}

#[test]
fn swapped_stanzas_and_foreign_stanzas_are_rejected() {
    let k = keys(3, "stanza");
    let o = opts(&k[..2], false);
    let env = seal_with_rng(b"hello", &o, &mut DetRng::new(b"s")).unwrap();
    let s0 = FIXED_LEN + serde_json::to_vec(&o.metadata).unwrap().len();
    let mut swapped = env.clone();
    let (a, b) = (s0, s0 + STANZA_LEN);
    let first = env[a..b].to_vec();
    swapped[a..b].copy_from_slice(&env[b..b + STANZA_LEN]);
    swapped[b..b + STANZA_LEN].copy_from_slice(&first);
    for key in &k[..2] {
        assert_eq!(
            assert_rejected(&swapped, key, b"hello", 0),
            ErrorCode::DecryptFailed
        );
    }
    // A stanza relabelled with an outsider's kid: the outsider finds "its" stanza, but HPKE
    // (wrong key, and the kid is bound in `info`) fails — the opaque error.
    let mut relabelled = env.clone();
    relabelled[a..a + 32].copy_from_slice(k[2].public_key().thumbprint());
    assert_eq!(
        assert_rejected(&relabelled, &k[2], b"hello", 0),
        ErrorCode::DecryptFailed
    );
    // A stanza whose `enc` is a low-order point (all-zero DH, RFC 9180 §7.1.4).
    let mut weak = env.clone();
    weak[a + 32..a + 64].fill(0);
    assert_eq!(
        assert_rejected(&weak, &k[0], b"hello", 0),
        ErrorCode::DecryptFailed
    );
    // A recipient that is not addressed, and a duplicated stanza.
    assert_eq!(
        open(&env, &k[2]).unwrap_err().code(),
        ErrorCode::NotARecipient
    );
    let mut dup = env.clone();
    dup[b..b + STANZA_LEN].copy_from_slice(&first);
    assert_eq!(
        assert_rejected(&dup, &k[0], b"hello", 0),
        ErrorCode::DecryptFailed
    );
}

#[test]
fn empty_final_chunk_after_a_full_chunk_is_rejected() {
    use aes_gcm::aead::{Aead, KeyInit};
    use borderseal::envelope::SealStream;
    use borderseal::envelope::chunk::nonce_for;
    let k = keys(1, "empty-final");
    let o = opts(&k, false);
    let pt = pattern(CHUNK_SIZE);
    let (s, mut env) = SealStream::new_with_rng(&o, &mut DetRng::new(b"e")).unwrap();
    let key = s.payload_key_for_webcrypto();
    let aead = aes_gcm::Aes256Gcm::new((&*key).into());
    // The canonical encoding is one full *final* chunk; this one is full non-final + empty final.
    env.extend(aead.encrypt(&nonce_for(0, false).into(), &pt[..]).unwrap());
    env.extend(aead.encrypt(&nonce_for(1, true).into(), &[][..]).unwrap());
    assert_eq!(
        assert_rejected(&env, &k[0], &pt, 1),
        ErrorCode::DecryptFailed
    );
}

#[test]
fn not_an_envelope_and_unsupported_version() {
    let k = keys(1, "junk");
    for junk in [&b""[..], b"B", b"hello world, not an envelope", b"BRDRSEAX"] {
        assert_eq!(
            open(junk, &k[0]).unwrap_err().code(),
            ErrorCode::NotAnEnvelope
        );
    }
    let env = seal_with_rng(b"x", &opts(&k, false), &mut DetRng::new(b"v")).unwrap();
    let mut v2 = env.clone();
    v2[8] = 2;
    let e = open(&v2, &k[0]).unwrap_err();
    assert_eq!(e.code(), ErrorCode::UnsupportedVersion);
    assert!(e.message().contains("version 2"), "{e}");
}
