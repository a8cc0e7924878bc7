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

/// Parsing any policy never panics; an accepted policy has a stable fingerprint.
pub fn parse_policy(data: &[u8]) {
    let Ok(text) = core::str::from_utf8(data) else {
        return;
    };
    if let Ok(r) = borderseal::redact::Redactor::new(Some(text), None) {
        let again = borderseal::redact::Redactor::new(Some(text), None).expect("deterministic");
        assert_eq!(r.policy_fingerprint(), again.policy_fingerprint());
    }
}

/// The default redactor on any text: findings are sorted, non-overlapping, on char
/// boundaries; the strict redaction either fails closed or leaves no removed value behind.
pub fn redact_text(data: &[u8], redactor: &borderseal::redact::Redactor) {
    let text = String::from_utf8_lossy(data);
    let Ok(findings) = redactor.analyze(&text) else {
        return;
    };
    let mut last = 0;
    for f in &findings {
        assert!(f.start < f.end && f.end <= text.len(), "bad span");
        assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
        assert!(f.start >= last, "findings overlap or are unsorted");
        last = f.end;
        assert!((0.0..=1.0).contains(&f.score));
    }
    let ctx = borderseal::redact::SendContext::default();
    if let Ok(out) = redactor.redact_text(&text, &ctx) {
        for f in &out.findings {
            let removed = matches!(f.action, "remove" | "label" | "pseudonym");
            let value = text.get(f.start..f.end).unwrap_or_default();
            // Short values (a two-letter token) can recur by chance in untouched text.
            if removed && value.chars().count() >= 6 {
                assert!(
                    !contains_word(&out.text, value),
                    "a removed {} value is still in the output",
                    f.entity
                );
            }
        }
        let audit = serde_json::to_string(&out.audit).expect("serialisable");
        for f in &out.findings {
            let value = text.get(f.start..f.end).unwrap_or_default();
            if value.chars().count() >= 6 {
                assert!(!audit.contains(value), "a value reached the audit record");
            }
        }
    }
}

/// Whether `value` occurs in `text` as a whole token (not inside a longer run of letters or
/// digits, where it is a different value: "22222222222" inside "222222222222").
fn contains_word(text: &str, value: &str) -> bool {
    text.match_indices(value).any(|(at, _)| {
        let before = text.get(..at).and_then(|s| s.chars().next_back());
        let after = text.get(at + value.len()..).and_then(|s| s.chars().next());
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The default redactor on any JSON: no panic, and an output that is valid JSON again.
pub fn redact_json(data: &[u8], redactor: &borderseal::redact::Redactor) {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    let ctx = borderseal::redact::SendContext::default();
    if let Ok(out) = redactor.redact_json(&value, &ctx) {
        let text = serde_json::to_string(&out.value).expect("serialisable");
        let _: serde_json::Value = serde_json::from_str(&text).expect("valid JSON out");
    }
}
