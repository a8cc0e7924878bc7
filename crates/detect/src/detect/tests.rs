//! Engine-level tests: limits, configuration, UTF-16 offsets.
#![allow(clippy::indexing_slicing, clippy::field_reassign_with_default)]

use super::*;

fn f(start: usize, end: usize) -> Finding {
    Finding {
        entity: Entity::Email,
        start,
        end,
        score: 1.0,
        recognizer: "t",
        reason: "".into(),
    }
}

#[test]
fn utf16_offsets_ascii_and_bmp() {
    let t = "é a@b.de";
    let start = t.find('a').unwrap();
    assert_eq!(utf16_offsets(t, &[f(start, t.len())]), vec![(2, 8)]);
}

#[test]
fn utf16_offsets_surrogate_pairs_and_combining() {
    // 😀 is 4 bytes / 2 UTF-16 units; "e\u{301}" is 3 bytes / 2 units.
    let t = "😀e\u{301}x😀y";
    let x = t.find('x').unwrap();
    let y = t.find('y').unwrap();
    let out = utf16_offsets(t, &[f(y, y + 1), f(x, x + 1), f(0, 4)]);
    assert_eq!(out, vec![(7, 8), (4, 5), (0, 2)]);
    // Mid-char and past-the-end offsets never panic.
    assert_eq!(utf16_offsets(t, &[f(1, 99)]), vec![(0, 8)]);
    let units: Vec<u16> = t.encode_utf16().collect();
    assert_eq!(String::from_utf16(&units[4..5]).unwrap(), "x");
}

#[test]
fn input_too_large_fails_closed() {
    let big = "a".repeat(MAX_TEXT_BYTES + 1);
    let e = Detector::default().analyze(&big).unwrap_err();
    assert_eq!(e.code(), ErrorCode::InputTooLarge);
}

#[test]
fn deny_allow_enabled_and_thresholds() {
    let cfg = DetectorConfig {
        deny_list: vec![DenyTerm {
            term: "Operation Nordlicht".into(),
            entity: Entity::Person,
        }],
        allow_list: vec!["info@polizei.example.de".into()],
        ..DetectorConfig::default()
    };
    let d = Detector::new(&cfg).unwrap();
    let t = "operation nordlicht: mail info@polizei.example.de or anna@example.org";
    let r = d.analyze(t).unwrap();
    let got: Vec<(&str, Entity)> = r.iter().map(|x| (&t[x.start..x.end], x.entity)).collect();
    assert_eq!(
        got,
        vec![
            ("operation nordlicht", Entity::Person),
            ("anna@example.org", Entity::Email)
        ]
    );

    let mut cfg = DetectorConfig::default();
    cfg.enabled.remove(&Entity::Email);
    assert!(Detector::new(&cfg).unwrap().analyze(t).unwrap().is_empty());

    // A deny-list term is a finding even when its entity type is not enabled.
    let cfg = DetectorConfig {
        enabled: BTreeSet::new(),
        deny_list: vec![DenyTerm {
            term: "Nordlicht".into(),
            entity: Entity::Person,
        }],
        ..DetectorConfig::default()
    };
    let r = Detector::new(&cfg).unwrap().analyze(t).unwrap();
    assert_eq!(r.len(), 1);
    assert_eq!(&t[r[0].start..r[0].end], "nordlicht");

    let mut cfg = DetectorConfig::default();
    cfg.min_score.insert(Entity::Email, 0.97);
    let d = Detector::new(&cfg).unwrap();
    assert!(
        d.analyze("write to anna@example.org").unwrap().is_empty(),
        "0.95 < 0.97"
    );
    assert_eq!(
        d.analyze("e-mail anna@example.org").unwrap().len(),
        1,
        "context lifts it to 1.0"
    );
}

#[test]
fn config_errors() {
    let mut cfg = DetectorConfig::default();
    cfg.deny_list = vec![DenyTerm {
        term: "x".repeat(MAX_TERM_BYTES + 1),
        entity: Entity::Person,
    }];
    assert_eq!(
        Detector::new(&cfg).unwrap_err().code(),
        ErrorCode::PatternTooLarge
    );
    cfg.deny_list = (0..=MAX_TERMS)
        .map(|i| DenyTerm {
            term: format!("t{i}"),
            entity: Entity::Person,
        })
        .collect();
    assert_eq!(
        Detector::new(&cfg).unwrap_err().code(),
        ErrorCode::PatternTooLarge
    );
    let mut cfg = DetectorConfig::default();
    cfg.deny_list = vec![DenyTerm {
        term: "Foo".into(),
        entity: Entity::Person,
    }];
    cfg.allow_list = vec!["foo".into()];
    assert_eq!(
        Detector::new(&cfg).unwrap_err().code(),
        ErrorCode::InvalidArgument
    );
    let cfg = DetectorConfig {
        default_min_score: 1.5,
        ..DetectorConfig::default()
    };
    assert_eq!(
        Detector::new(&cfg).unwrap_err().code(),
        ErrorCode::InvalidArgument
    );
}

#[test]
fn detector_is_send_sync_and_findings_sorted_disjoint() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Detector>();
    let t = "IBAN DE89 3704 0044 0532 0130 00, card 4111 1111 1111 1111, mail a@b.org, ip 10.1.2.3";
    let r = Detector::default().analyze(t).unwrap();
    assert_eq!(r.len(), 4, "{r:?}");
    assert!(r.windows(2).all(|w| w[0].end <= w[1].start));
    for x in &r {
        assert!(!x.reason.contains(&t[x.start..x.end]));
    }
}

#[test]
fn lower_threshold_reveals_context_less_numbers() {
    let t = "ref 219-45-6789";
    assert!(Detector::default().analyze(t).unwrap().is_empty());
    let mut cfg = DetectorConfig::default();
    cfg.min_score.insert(Entity::UsSsn, 0.4);
    let r = Detector::new(&cfg).unwrap().analyze(t).unwrap();
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].entity, Entity::UsSsn);
    assert_eq!(&*r[0].reason, "format");
    assert!((r[0].score - 0.45).abs() < 1e-6);
}

#[test]
fn url_trailing_parentheses_are_balanced_in_linear_time() {
    let d = Detector::default();
    let urls = |t: &str| -> Vec<String> {
        d.analyze(t)
            .unwrap()
            .iter()
            .filter(|f| f.entity == Entity::Url)
            .map(|f| t[f.start..f.end].to_owned())
            .collect()
    };
    // A `)` is kept only while the URL opened as many.
    assert_eq!(
        urls("see (https://example.org/wiki/Foo_(bar)), then"),
        ["https://example.org/wiki/Foo_(bar)"]
    );
    assert_eq!(urls("(https://example.org/a)."), ["https://example.org/a"]);
    // A URL followed by a long run of `)`: each cut used to count the parentheses of the
    // whole body again (quadratic; this input took minutes).
    let long = format!("see https://example.org/a{} end", ")".repeat(200_000));
    assert_eq!(urls(&long), ["https://example.org/a"]);
}

#[test]
fn a_reference_word_contradicts_a_bare_weak_checksum_number() {
    // led-strict's thresholds for bare numbers.
    let mut cfg = DetectorConfig::default();
    for e in [
        Entity::NlBsn,
        Entity::PtNif,
        Entity::CaSin,
        Entity::AuTfn,
        Entity::UkNhs,
    ] {
        cfg.min_score.insert(e, 0.3);
    }
    let d = Detector::new(&cfg).unwrap();
    let bsn = |text: &str| {
        d.analyze(text)
            .unwrap()
            .iter()
            .any(|f| f.entity == Entity::NlBsn && &text[f.start..f.end] == "123456782")
    };
    // A bare BSN is reported under these thresholds…
    assert!(bsn("Reported by 123456782 yesterday."));
    // …but not where a word says it is an order, invoice or case file number,
    assert!(!bsn("Order number 123456782 was shipped."));
    assert!(!bsn("Bestellnummer: 123456782"));
    assert!(!bsn("Aktenzeichen 123456782"));
    assert!(!bsn("factuur 123456782"));
    // unless the identifier's own context word is there too, whatever the order.
    assert!(bsn("Order 7, BSN 123456782."));
    assert!(bsn("BSN on the invoice: 123456782"));
    // The contradicted candidate keeps a low score and says why, for a policy asking for all.
    let mut all = DetectorConfig::default();
    all.default_min_score = 0.2;
    let low = Detector::new(&all).unwrap();
    let text = "Order number 123456782";
    let f = low
        .analyze(text)
        .unwrap()
        .into_iter()
        .find(|f| f.entity == Entity::NlBsn)
        .unwrap();
    assert_eq!(f.score, hit::CONTRADICTED);
    assert!(
        f.reason.ends_with(";contradicted:\"order\""),
        "{}",
        f.reason
    );
}

#[test]
fn an_identifiers_own_word_outweighs_a_word_that_only_says_number() {
    let d = Detector::default();
    let found = |text: &str| -> Vec<(Entity, String, f32)> {
        d.analyze(text)
            .unwrap()
            .into_iter()
            .map(|f| (f.entity, text[f.start..f.end].to_owned(), f.score))
            .collect()
    };
    // "CPR-nummer": "nummer" is a phone word too, and nearer the value than "CPR".
    for text in [
        "Efterforskningen vedrører CPR-nummer 061296-3335.",
        "CPR-nummer 061296-3335",
    ] {
        let got = found(text);
        assert_eq!(got.len(), 1, "{text}: {got:?}");
        assert_eq!(
            (got[0].0, got[0].1.as_str()),
            (Entity::DkCpr, "061296-3335"),
            "{text}"
        );
    }
    // A phone number after a word that only says "number" is still found, lifted half way;
    // after a phone word, all the way.
    let generic = found("Er gab die Nummer 030 1234567 an.");
    let phone = found("Er gab die Telefonnummer 030 1234567 an.");
    assert_eq!(generic.len(), 1, "{generic:?}");
    assert_eq!(phone.len(), 1, "{phone:?}");
    assert_eq!(generic[0].0, Entity::Phone);
    assert!(generic[0].2 < phone[0].2, "{generic:?} {phone:?}");
    assert!(generic[0].2 >= 0.5, "{generic:?}");
}

#[test]
fn a_word_is_spent_on_a_value_of_any_entity_or_a_label() {
    let d = Detector::default();
    let dates = |text: &str, mask: &[(usize, usize)]| -> Vec<String> {
        d.analyze_masked(text, mask)
            .unwrap()
            .into_iter()
            .filter(|f| f.entity == Entity::DateOfBirth)
            .map(|f| text[f.start..f.end].to_owned())
            .collect()
    };
    // The birth word inside "fødselsnummer" named the national number, and a sentence
    // ended after it: the incident date is no birth date.
    let text = "Magnus Olsen oppga fødselsnummer 141042 11381. Merknad: 20.11.2026.";
    assert!(
        d.analyze(text)
            .unwrap()
            .iter()
            .any(|f| f.entity == Entity::NoFnr)
    );
    assert_eq!(dates(text, &[]), Vec::<String>::new());
    // Without the value in between, or without the sentence end, the word still counts.
    assert_eq!(dates("Fødselsdato: 20.11.1986.", &[]), ["20.11.1986"]);
    let list = "fødselsnummer 141042 11381, fødselsdato 20.11.1986";
    assert_eq!(dates(list, &[]), ["20.11.1986"]);
    // The re-scan of the redacted text: the label stands for the value, so the re-scan
    // finds no more than the scan of the original did.
    let redacted = "Magnus Olsen oppga fødselsnummer [NO_FNR]. Merknad: 20.11.2026.";
    let label = (redacted.find('[').unwrap(), redacted.find(']').unwrap() + 1);
    assert_eq!(dates(redacted, &[label]), Vec::<String>::new());
    assert_eq!(dates(redacted, &[]), ["20.11.2026"]);
}
