//! The published envelope test vectors: their definitions and the deterministic generator.
//!
//! Used by `examples/gen_vectors.rs` (writes `docs/vectors/*.json`) and by
//! `tests/envelope_vectors.rs` (regenerates each and compares byte for byte).
#![allow(dead_code)]

use borderseal::envelope::{PrivateKey, SealOptions, SigningKey, seal_with_rng};
use hkdf::Hkdf;
use rand_core::Rng;
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

use super::det_rng::DetRng;

/// One vector's inputs.
pub struct Case {
    /// File stem in `docs/vectors/`.
    pub name: &'static str,
    /// What the vector exercises.
    pub description: &'static str,
    /// Number of recipients.
    pub recipients: usize,
    /// Whether the envelope is signed.
    pub signed: bool,
    /// The plaintext.
    pub plaintext: Vec<u8>,
    /// The metadata object.
    pub metadata: Value,
    /// Whether the plaintext is given as a rule instead of hex (large vectors).
    pub plaintext_by_rule: bool,
}

fn pattern(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i % 251) as u8).collect()
}

/// All published vectors.
pub fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "v1-empty",
            description: "Empty payload (one empty final chunk), one recipient, unsigned.",
            recipients: 1,
            signed: false,
            plaintext: Vec::new(),
            metadata: json!({"marking": "TLP:CLEAR"}),
            plaintext_by_rule: false,
        },
        Case {
            name: "v1-three-recipients",
            description: "Short payload, three recipients, full conventional metadata, unsigned.",
            recipients: 3,
            signed: false,
            plaintext:
                b"Sighting report: vehicle [LICENSE_PLATE] seen near the border crossing at 12:40."
                    .to_vec(),
            metadata: json!({
                "marking": "TLP:AMBER+STRICT",
                "policyFingerprint": "sha256:6f1c0d1e9a3b7d2c5e8f4a6b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d",
                "auditDigest": "sha256:0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9",
                "sender": "example-agency.invalid",
                "createdAt": "2026-11-26T12:00:00Z",
                "handling": "H1"
            }),
            plaintext_by_rule: false,
        },
        Case {
            name: "v1-two-chunks-signed",
            description: "65 537-byte payload (a full chunk and a 1-byte final chunk), two recipients, Ed25519-signed.",
            recipients: 2,
            signed: true,
            plaintext: pattern(64 * 1024 + 1),
            metadata: json!({"marking": "TLP:GREEN", "sender": "example-agency.invalid"}),
            plaintext_by_rule: true,
        },
    ]
}

fn hexs(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// Builds the vector's JSON (deterministic: keys from `DetRng("<name>/keys")`, the seal's
/// randomness from `DetRng("<name>/seal")`).
pub fn generate(case: &Case) -> Value {
    let mut key_rng = DetRng::new(format!("{}/keys", case.name).as_bytes());
    let keys: Vec<PrivateKey> = (0..case.recipients)
        .map(|_| PrivateKey::generate_with_rng(&mut key_rng))
        .collect();
    let signer = case
        .signed
        .then(|| SigningKey::generate_with_rng(&mut key_rng));
    let metadata: Map<String, Value> = case.metadata.as_object().cloned().unwrap_or_default();
    let opts = SealOptions {
        recipients: keys.iter().map(|k| k.public_key().clone()).collect(),
        metadata: metadata.clone(),
        signer: signer.clone(),
    };
    let seal_seed = format!("{}/seal", case.name);
    let envelope = seal_with_rng(
        &case.plaintext,
        &opts,
        &mut DetRng::new(seal_seed.as_bytes()),
    )
    .expect("seal");

    // Intermediate values, recomputed here from FORMAT.md (not from the crate's internals).
    let mut seal_rng = DetRng::new(seal_seed.as_bytes());
    let mut content_key = [0u8; 32];
    let mut salt = [0u8; 16];
    seal_rng.fill_bytes(&mut content_key);
    seal_rng.fill_bytes(&mut salt);
    let hk = Hkdf::<Sha256>::new(Some(&salt), &content_key);
    let mut payload_key = [0u8; 32];
    let mut mac_key = [0u8; 32];
    hk.expand(b"borderseal/v1 payload key", &mut payload_key)
        .unwrap();
    hk.expand(b"borderseal/v1 header mac key", &mut mac_key)
        .unwrap();
    let meta_len = serde_json::to_vec(&metadata).unwrap().len();
    let header_len = 38 + meta_len + 112 * case.recipients + if case.signed { 64 } else { 32 };

    let recipients: Vec<Value> = keys
        .iter()
        .map(|k| {
            let mut info = b"borderseal/v1 wrap ".to_vec();
            info.extend_from_slice(k.public_key().thumbprint());
            json!({
                "kid": k.kid(),
                "public_jwk": k.to_jwk(),
                "private_jwk": k.to_private_jwk(),
                "hpke_info_hex": hexs(&info),
            })
        })
        .collect();
    let mut v = json!({
        "name": case.name,
        "description": case.description,
        "format_version": 1,
        "seeds": {"keys": format!("{}/keys", case.name), "seal": seal_seed,
                  "rng": "block i = SHA-256(seed || u64be(i)), concatenated (tests/support/det_rng.rs)"},
        "recipients": recipients,
        "signer": signer.as_ref().map(|s| json!({
            "kid": s.kid(), "public_jwk": s.to_jwk(), "private_jwk": s.to_private_jwk()
        })),
        "metadata": metadata,
        "plaintext_len": case.plaintext.len(),
        "plaintext_sha256": hexs(&Sha256::digest(&case.plaintext)),
        "intermediate": {
            "content_key_hex": hexs(&content_key),
            "payload_salt_hex": hexs(&salt),
            "payload_key_hex": hexs(&payload_key),
            "header_mac_key_hex": hexs(&mac_key),
            "header_len": header_len,
            "header_mac_hex": hexs(&envelope[header_len - 32..header_len]),
            "chunk_count": case.plaintext.len().div_ceil(64 * 1024).max(1),
        },
        "envelope_len": envelope.len(),
        "envelope_sha256": hexs(&Sha256::digest(&envelope)),
        "envelope_hex": hexs(&envelope),
    });
    if case.plaintext_by_rule {
        v["plaintext_rule"] = json!("byte i = i mod 251");
    } else {
        v["plaintext_hex"] = json!(hexs(&case.plaintext));
    }
    v
}

/// The exact file text for a vector (pretty JSON, trailing newline).
pub fn file_text(case: &Case) -> String {
    let mut s = serde_json::to_string_pretty(&generate(case)).unwrap();
    s.push('\n');
    s
}
