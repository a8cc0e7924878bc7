//! JWK import/export of X25519 recipient keys and Ed25519 signing keys: every rejection says why.
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

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use borderseal::ErrorCode;
use borderseal::envelope::{PrivateKey, PublicKey, SigningKey};
use det_rng::DetRng;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

fn key() -> PrivateKey {
    PrivateKey::generate_with_rng(&mut DetRng::new(b"jwk"))
}

fn hex32(s: &str) -> [u8; 32] {
    let v: Vec<u8> = (0..64)
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect();
    v.try_into().unwrap()
}

#[test]
fn export_import_round_trip_and_kid_is_rfc7638() {
    let k = key();
    let public = k.to_jwk();
    assert!(public.get("d").is_none(), "public JWK leaks d");
    let private = k.to_private_jwk();
    let x = public["x"].as_str().unwrap();
    // RFC 7638 §3: SHA-256 over {"crv","kty","x"} in that order, no whitespace.
    let canonical = format!(r#"{{"crv":"X25519","kty":"OKP","x":"{x}"}}"#);
    let expected = URL_SAFE_NO_PAD.encode(Sha256::digest(canonical.as_bytes()));
    assert_eq!(k.kid(), expected);
    assert_eq!(public["kid"], json!(expected));
    assert_eq!(PublicKey::from_jwk(&public).unwrap(), *k.public_key());
    let back = PrivateKey::from_jwk(&private).unwrap();
    assert_eq!(back.kid(), k.kid());
    assert_eq!(back.to_private_jwk(), private);
    // WebCrypto-style members are accepted.
    let mut webcrypto = private.clone();
    webcrypto["key_ops"] = json!(["deriveBits", "deriveKey"]);
    webcrypto["ext"] = json!(true);
    webcrypto.as_object_mut().unwrap().remove("kid");
    assert!(PrivateKey::from_jwk(&webcrypto).is_ok());
    assert!(!format!("{k:?}").contains(private["d"].as_str().unwrap()));
}

fn expect_invalid(jwk: &Value, private: bool, needle: &str) {
    let e = if private {
        PrivateKey::from_jwk(jwk).expect_err("accepted a bad private JWK")
    } else {
        PublicKey::from_jwk(jwk).expect_err("accepted a bad public JWK")
    };
    assert_eq!(e.code(), ErrorCode::InvalidKey, "{e}");
    assert!(
        e.message().contains(needle),
        "{e} (expected to mention {needle:?})"
    );
}

#[test]
fn malformed_jwks_are_rejected_precisely() {
    let k = key();
    let public = k.to_jwk();
    let private = k.to_private_jwk();
    let with = |base: &Value, member: &str, v: Value| {
        let mut j = base.clone();
        j[member] = v;
        j
    };
    let without = |base: &Value, member: &str| {
        let mut j = base.clone();
        j.as_object_mut().unwrap().remove(member);
        j
    };
    let x = public["x"].as_str().unwrap().to_owned();
    expect_invalid(&json!("not an object"), false, "JSON object");
    expect_invalid(
        &with(&public, "kty", json!("EC")),
        false,
        "expected kty \"OKP\", got \"EC\"",
    );
    expect_invalid(&without(&public, "kty"), false, "no \"kty\"");
    expect_invalid(
        &with(&public, "crv", json!("Ed25519")),
        false,
        "expected crv \"X25519\"",
    );
    expect_invalid(&without(&public, "x"), false, "no \"x\"");
    expect_invalid(
        &with(&public, "x", json!(12)),
        false,
        "must be a string, got a number",
    );
    expect_invalid(
        &with(&public, "x", json!(format!("{x}="))),
        false,
        "strict base64url",
    );
    expect_invalid(
        &with(
            &public,
            "x",
            json!(x.replace('-', "+").replace('_', "/") + "+"),
        ),
        false,
        "base64url",
    );
    expect_invalid(
        &with(&public, "x", json!(URL_SAFE_NO_PAD.encode([7u8; 31]))),
        false,
        "must decode to 32 bytes, got 31",
    );
    expect_invalid(
        &with(&public, "use", json!("sig")),
        false,
        "\"use\" is \"sig\"",
    );
    expect_invalid(
        &with(&public, "key_ops", json!(["encrypt"])),
        false,
        "\"encrypt\"",
    );
    expect_invalid(
        &with(&public, "key_ops", json!(["deriveBits", "deriveBits"])),
        false,
        "repeats",
    );
    expect_invalid(
        &with(&public, "key_ops", json!("deriveBits")),
        false,
        "must be an array",
    );
    expect_invalid(
        &with(&public, "kid", json!("someone-else")),
        false,
        "thumbprint",
    );
    expect_invalid(&private, false, "private \"d\"");
    expect_invalid(&public, true, "no \"d\"");
    let other = PrivateKey::generate_with_rng(&mut DetRng::new(b"other")).to_private_jwk();
    expect_invalid(
        &with(&private, "d", other["d"].clone()),
        true,
        "not the public key of \"d\"",
    );
    // A malformed `d` is reported without quoting any of its characters.
    let bad_d = format!("{}W", &private["d"].as_str().unwrap()[..42]);
    let e = PrivateKey::from_jwk(&with(&private, "d", json!(bad_d))).unwrap_err();
    assert!(e.message().ends_with("without padding"), "{e}");
}

#[test]
fn low_order_points_are_weak_keys() {
    // The small-order u-coordinates of Curve25519 (and non-canonical encodings of them),
    // the list libsodium and others reject.
    let points = [
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0100000000000000000000000000000000000000000000000000000000000000",
        "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
        "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        // The same with the (ignored, RFC 7748 §5) top bit set.
        "0000000000000000000000000000000000000000000000000000000000000080",
        "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b880",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
    ];
    for p in points {
        let bytes = hex32(p);
        assert_eq!(
            PublicKey::from_bytes(bytes).unwrap_err().code(),
            ErrorCode::WeakKey,
            "{p}"
        );
        let jwk = json!({"kty": "OKP", "crv": "X25519", "x": URL_SAFE_NO_PAD.encode(bytes)});
        assert_eq!(
            PublicKey::from_jwk(&jwk).unwrap_err().code(),
            ErrorCode::WeakKey,
            "{p}"
        );
    }
    // A real key next to them passes, so the check is not "reject everything".
    let good = *key().public_key().as_bytes();
    assert!(PublicKey::from_bytes(good).is_ok());
    // Non-canonical spellings of ordinary points would give one key two kids.
    let mut top = good;
    top[31] |= 0x80;
    assert_eq!(
        PublicKey::from_bytes(top).unwrap_err().code(),
        ErrorCode::InvalidKey
    );
    let p_plus_2 = hex32("efffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
    assert_eq!(
        PublicKey::from_bytes(p_plus_2).unwrap_err().code(),
        ErrorCode::InvalidKey
    );
}

#[test]
fn signing_key_jwks() {
    let s = SigningKey::generate_with_rng(&mut DetRng::new(b"sig"));
    let private = s.to_private_jwk();
    assert_eq!(private["crv"], json!("Ed25519"));
    assert_eq!(SigningKey::from_jwk(&private).unwrap().kid(), s.kid());
    assert!(s.to_jwk().get("d").is_none());
    let mut wrong_use = private.clone();
    wrong_use["use"] = json!("enc");
    assert_eq!(
        SigningKey::from_jwk(&wrong_use).unwrap_err().code(),
        ErrorCode::InvalidKey
    );
    let e = SigningKey::from_jwk(&key().to_private_jwk()).unwrap_err();
    assert!(e.message().contains("expected crv \"Ed25519\""), "{e}");
    // RFC 8037 Appendix A.1/A.2/A.3: the published Ed25519 key and its thumbprint.
    let rfc = json!({"kty":"OKP","crv":"Ed25519",
        "d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A",
        "x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"});
    assert_eq!(
        SigningKey::from_jwk(&rfc).unwrap().kid(),
        "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"
    );
}
