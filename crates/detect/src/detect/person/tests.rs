//! Tests of the whole recognizer: each cue on its own, and the fixture corpus.

#![allow(clippy::indexing_slicing)]

use std::collections::BTreeSet;

use serde_json::Value;

use super::{find, find_in, items, lexicon, scan, token};
use crate::detect::{Entity, Finding};

static FIXTURES: &str = include_str!("../../../../../tests/fixtures/detect/person.json");
/// The labelled evaluation set (`make eval`): reports in the twelve languages.
static EVAL: &str = include_str!("../../../../../tests/fixtures/eval/eval.jsonl");

fn findings(text: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    find(text, &mut out);
    out
}

fn texts(text: &str) -> Vec<&str> {
    findings(text)
        .iter()
        .map(|f| &text[f.start..f.end])
        .collect()
}

/// The one finding of `text`, as (span text, score, reason).
fn one(text: &str) -> (&str, f32, String) {
    let f = findings(text);
    assert_eq!(f.len(), 1, "{text:?}: {f:?}");
    (
        &text[f[0].start..f[0].end],
        f[0].score,
        f[0].reason.to_string(),
    )
}

#[test]
fn fixture_corpus_precision_and_recall() {
    let records: Vec<Value> = serde_json::from_str(FIXTURES).unwrap();
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let (mut decoys, mut context_only) = (0, 0);
    let mut langs = BTreeSet::new();
    for r in &records {
        assert_eq!(r["recognizer"], "person");
        let input = r["input"].as_str().unwrap();
        let intent = r["intent"].as_str().unwrap();
        langs.insert(intent.get(1..3).unwrap().to_owned());
        let expected: Vec<&str> = r["expect"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                assert_eq!(e["entity"], "PERSON");
                e["text"].as_str().unwrap()
            })
            .collect();
        decoys += usize::from(expected.is_empty());
        if intent.contains("context-only") {
            // Only records whose names are really outside the lexicon count as context-only.
            let known: Vec<&str> = expected
                .iter()
                .flat_map(|name| {
                    token::tokenize(name)
                        .into_iter()
                        .map(move |t| &name[t.start..t.end])
                })
                .filter(|w| lexicon::embedded().lookup(w).any())
                .collect();
            if known.is_empty() {
                context_only += 1;
            } else {
                println!("NOT CONTEXT-ONLY ({intent}): {known:?} in the lexicon");
            }
        }
        let found = findings(input);
        for f in &found {
            assert_eq!((f.entity, f.recognizer), (Entity::Person, "person"));
            assert!(
                input.is_char_boundary(f.start) && input.is_char_boundary(f.end) && f.start < f.end
            );
            assert!((0.0..=1.0).contains(&f.score));
        }
        let got: Vec<&str> = found.iter().map(|f| &input[f.start..f.end]).collect();
        for e in &expected {
            if got.contains(e) {
                tp += 1;
            } else {
                fn_ += 1;
                println!("MISSED {e:?} in {input:?} ({intent}); got {got:?}");
            }
        }
        for g in &got {
            if !expected.contains(g) {
                fp += 1;
                println!("EXTRA {g:?} in {input:?} ({intent})");
            }
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    println!(
        "person fixtures: {} records ({decoys} decoys, {context_only} context-only, {} languages): \
         tp {tp} fp {fp} fn {fn_}; precision {precision:.3} recall {recall:.3}",
        records.len(),
        langs.len()
    );
    assert!(records.len() >= 60 && decoys >= 25 && context_only >= 15 && langs.len() == 12);
    assert!(precision >= 0.90, "precision {precision:.3}");
    assert!(recall >= 0.90, "recall {recall:.3}");
}

#[test]
fn titles_precede_but_are_not_part_of_the_name() {
    for (text, name) in [
        ("Herr Müller kam.", "Müller"),
        ("Mr. J. Smith", "J. Smith"),
        ("Mme Dubois", "Dubois"),
        ("Sig.ra Rossi", "Rossi"),
        ("Dott.ssa Bianchi", "Bianchi"),
        ("Sra. Quiñones", "Quiñones"),
        ("Dhr. van Dijk", "van Dijk"),
        ("Pani Nowak", "Nowak"),
        ("Fru Qvarnström", "Qvarnström"),
        ("Herra Virtanen", "Virtanen"),
        ("Frk. Zzyzxborg", "Zzyzxborg"),
        ("Herr Dr. von Weizsäcker", "von Weizsäcker"),
    ] {
        let (got, score, reason) = one(text);
        assert_eq!(got, name, "{text}");
        assert!(
            score >= 0.85 && reason.starts_with("title:"),
            "{text}: {score} {reason}"
        );
    }
    assert!(texts("Dear Sir, Herr Doktor, Madame.").is_empty());
}

#[test]
fn role_words_and_fields_announce_unknown_names() {
    for (text, name, reason) in [
        (
            "the suspect Qorbal Xentis left",
            "Qorbal Xentis",
            "role:\"suspect\"",
        ),
        (
            "Der Zeuge Peter Müller Aussage",
            "Peter Müller",
            "role:\"Zeuge\"",
        ),
        (
            "świadek Zdzisław Qwerk",
            "Zdzisław Qwerk",
            "role:\"świadek\"",
        ),
        (
            "L'indagato Mario Rossi",
            "Mario Rossi",
            "role:\"L'indagato\"",
        ),
        ("Name: Qorbal Xentis", "Qorbal Xentis", "field:\"Name:\""),
        ("Nom : Xentis", "Xentis", "field:\"Nom:\""),
        (
            "Witness:\nQorbal Xentis",
            "Qorbal Xentis",
            "field:\"Witness:\"",
        ),
        (
            "known as alias Qorbal Xentis",
            "Qorbal Xentis",
            "cue:\"alias\"",
        ),
    ] {
        let (got, score, why) = one(text);
        assert_eq!(got, name, "{text}");
        assert!(why.starts_with(reason), "{text}: {why}");
        assert!(score >= 0.7, "{text}: {score}");
    }
    assert_eq!(
        texts("Nachname: Qwerk Vorname: Zorbina"),
        ["Qwerk", "Zorbina"]
    );
    // "File name:" is no person's name field.
    assert!(texts("File name: Quarterly Summary").is_empty());
    // A blank form: the word after the label is the label or a role word again, no name.
    for blank in [
        "Name: Name",
        "Sukunimi:  Sukunimi'",
        "Zeuge: Zeuge",
        "Witness: Witness",
        "NAME: NAME",
    ] {
        assert!(texts(blank).is_empty(), "{blank}: {:?}", texts(blank));
    }
    assert_eq!(texts("Name: Anna"), ["Anna"]);
}

#[test]
fn police_shapes() {
    let (got, score, reason) = one("SMITH, John");
    assert_eq!(
        (got, reason.as_str()),
        ("SMITH, John", "shape:SURNAME,Given;lexicon:given+surname")
    );
    assert!(score >= 0.85);
    let (got, score, _) = one("QWERKOWSKA, Zorbina");
    assert_eq!(got, "QWERKOWSKA, Zorbina");
    assert!((0.75..0.85).contains(&score), "no lexicon hit: {score}");
    assert_eq!(
        texts("KOWALSKI Jan, J. R. Smith, O'Connell, Sarah"),
        ["KOWALSKI Jan", "J. R. Smith", "O'Connell, Sarah"]
    );
    // Neither side a name: a heading and a city.
    assert!(texts("REPORT, Berlin").is_empty());
    assert!(texts("SMITH, SMITH, SMITH").is_empty());
    // Particles before the surname are part of it, in upper case too.
    for (text, want) in [
        (
            "Selon le bailleur, VAN DEN BERG, Joost a quitté",
            "VAN DEN BERG, Joost",
        ),
        ("DE VRIES Sanne gaf als IMEI", "DE VRIES Sanne"),
        ("VAN DIJK, Lotte gaf als BSN", "VAN DIJK, Lotte"),
        (
            "Personuppgifter: VAN DEN BERG Marieke, 590424-7094",
            "VAN DEN BERG Marieke",
        ),
        ("le témoignage de Dupont, Marie", "Dupont, Marie"),
    ] {
        assert_eq!(texts(text), [want], "{text}");
    }
    // Particles alone, or before a word that is no name, are none.
    assert!(
        texts("VAN DEN, Joost")
            .iter()
            .all(|t| !t.starts_with("VAN"))
    );
    assert!(texts("DE LA RUE was closed").is_empty());
}

#[test]
fn the_letter_after_a_reference_word_is_no_initial() {
    for (text, want) in [
        (
            "CCTV footage was secured — see annex B. Katrin Richter gave",
            vec!["Katrin Richter"],
        ),
        (
            "Spuren wurden gesichert – siehe Anlage B. Uwe Becker gab",
            vec!["Uwe Becker"],
        ),
        (
            "véase anexo B. JIMÉNEZ Sergio fue visto",
            vec!["JIMÉNEZ Sergio"],
        ),
        (
            "v. allegato B. COLOMBO Marco ha indicato",
            vec!["COLOMBO Marco"],
        ),
        ("se bilaga B. YILMAZ Zeynep uppgav", vec!["YILMAZ Zeynep"]),
        ("see annex B. NINO: XT245125C", vec![]),
        ("Nota: Avenida de Juan Carlos. Nota:", vec![]),
        ("Sygnatura Avenida de Juan Carlos zarejestrowana.", vec![]),
        ("Sehr geehrter Herr de Vries", vec!["de Vries"]),
        (
            "GPS 41.47542° N, 24.88609° E. Marie Lefèvre a déclaré",
            vec!["Marie Lefèvre"],
        ),
        (
            "GPS 41°52'28.8\"N 4°01'02.4\"E. Anna Schmidt fuhr",
            vec!["Anna Schmidt"],
        ),
        // Not after a reference word: an initial as before.
        ("The report names J. Smith as the driver", vec!["J. Smith"]),
        ("The item B. Smith sold was stolen", vec!["B. Smith"]),
        ("Witness B. Katrin Richter", vec!["B. Katrin Richter"]),
    ] {
        assert_eq!(texts(text), want, "{text}");
    }
}

#[test]
fn lexicon_evidence_is_graded() {
    let (_, both, _) = one("Later Anna Schmidt left.");
    let (_, shape, _) = one("Later Anna Qwerkowska left.");
    let (_, lone, _) = one("Later Friederike left.");
    let (_, common, _) = one("Later Will Smith left.");
    assert!(
        both >= 0.85 && (0.6..0.8).contains(&shape) && lone < 0.6 && (0.6..0.8).contains(&common)
    );
    for text in [
        "Mark the box.",
        "Will they come?",
        "Rose Street",
        "Paris, France",
        "in May",
        "Christian Democratic Union",
    ] {
        assert!(texts(text).is_empty(), "{text}: {:?}", texts(text));
    }
    assert_eq!(one("JOHN SMITH").1, 0.85);
}

#[test]
fn name_words_and_boundaries() {
    assert_eq!(
        texts("Yesterday John Smith's car was seen."),
        ["John Smith"]
    );
    assert_eq!(texts("Ludwig van Beethoven"), ["Ludwig van Beethoven"]);
    assert_eq!(
        texts("Jean-Pierre Dubois et Łukasz Brzęczyszczykiewicz"),
        ["Jean-Pierre Dubois", "Łukasz Brzęczyszczykiewicz"]
    );
    // A line break ends a name; organisation and street words swallow a neighbouring name.
    assert_eq!(texts("Anna\nSchmidt"), ["Anna"]);
    assert!(texts("Anna Schmidt GmbH and Santa Maria and Victoria Station").is_empty());
    // Company forms written with dots are no initials; two capitals are ("SMITH, A.B.").
    for text in [
        "Note: Marco Rossi S.r.l..",
        "Fornitore Giulia Bianchi S.p.A., Milano",
        "Lieferant Mario Rossi S.A.S. in Lyon",
        "MARCO ROSSI S.R.L.",
    ] {
        assert!(texts(text).is_empty(), "{text}: {:?}", texts(text));
    }
    assert_eq!(texts("Zeuge SMITH, A.B. sagte aus"), ["SMITH, A.B."]);
    assert_eq!(texts("seen with J.R.R. Smith"), ["J.R.R. Smith"]);
    assert_eq!(texts("Marco Rossi S. Bianchi"), ["Marco Rossi S. Bianchi"]);
    assert!(texts("Europol, Bundeskriminalamt, Ministry of Justice").is_empty());
}

#[test]
fn a_corrupt_lexicon_keeps_context_cues() {
    let lex = lexicon::Lexicon::from_bytes(b"garbage");
    let text = "Herr Müller met John Smith.";
    let items = items::classify(text, token::Tokens::new(text), &lex);
    let mut spans = Vec::new();
    scan::scan(text, &items, &mut spans);
    let got: Vec<&str> = spans.iter().map(|s| &text[s.start..s.end]).collect();
    assert_eq!(got, ["Müller"]);
}

#[cfg(not(target_arch = "wasm32"))]
proptest::proptest! {
    #[test]
    fn any_text_gives_ordered_well_formed_findings(text in "\\PC{0,200}", names in "([A-ZÅÖŁ][a-zäöüł]{0,6}[ ,.:'-]{1,2}){0,30}") {
        for t in [text.as_str(), names.as_str()] {
            let found = findings(t);
            let mut last_end = 0;
            for f in &found {
                proptest::prop_assert!(t.is_char_boundary(f.start) && t.is_char_boundary(f.end));
                proptest::prop_assert!(last_end <= f.start && f.start < f.end);
                proptest::prop_assert!((0.0..=1.0).contains(&f.score));
                last_end = f.end;
            }
        }
    }
}

/// Findings of `text` with the item list matched whole instead of chunk by chunk.
fn findings_unchunked(text: &str) -> Vec<(usize, usize, String)> {
    let items = items::classify(text, token::Tokens::new(text), lexicon::embedded());
    let mut spans = Vec::new();
    scan::scan(text, &items, &mut spans);
    spans
        .into_iter()
        .map(|s| (s.start, s.end, s.reason))
        .collect()
}

#[test]
fn chunked_matching_finds_what_whole_matching_finds() {
    // Long texts of names, cues, police shapes and punctuation, so that many chunk ends fall
    // next to cues, commas and "SURNAME, Given" pairs. A fixed linear congruential generator
    // keeps the test deterministic.
    const WORDS: &[&str] = &[
        "Herr",
        "Mr.",
        "suspect",
        "Name:",
        "alias",
        "van",
        "de",
        "SMITH",
        "NOWAK",
        "John",
        "Anna",
        "Müller",
        "Schmidt",
        "Jean-Pierre",
        "O'Brien",
        "J.",
        "Zorbina",
        "Qwerk",
        "the",
        "und",
        "GmbH",
        "in",
        "Paris",
        "Mark",
        "Rose",
        "Straße",
        "Witness:",
        "Sig.ra",
        "Rossi",
        "S.r.l.",
    ];
    const SEPS: &[&str] = &[" ", " ", " ", ", ", ". ", "\n", "; ", " - ", ": "];
    let mut next = crate::detect::lcg(0x5EED);
    for _ in 0..20 {
        let mut text = String::new();
        for _ in 0..3000 {
            text.push_str(WORDS[next(WORDS.len())]);
            text.push_str(SEPS[next(SEPS.len())]);
        }
        let chunked: Vec<(usize, usize, String)> = findings(&text)
            .into_iter()
            .map(|f| (f.start, f.end, f.reason.to_string()))
            .collect();
        assert!(chunked.len() > 100);
        assert_eq!(chunked, findings_unchunked(&text));
    }
}

/// The findings of `text`, stepping over quiet stretches or reading every token, as
/// comparable tuples.
fn findings_of(text: &str, skip_quiet: bool) -> Vec<(usize, usize, u32, String)> {
    let mut out = Vec::new();
    find_in(text, skip_quiet, &mut out);
    out.into_iter()
        .map(|f| (f.start, f.end, f.score.to_bits(), f.reason.to_string()))
        .collect()
}

#[test]
fn stepping_over_quiet_stretches_finds_what_reading_every_token_finds() {
    // Every kind of token a quiet stretch may hold or end with, next to names: lower-case
    // titles, role words, labels, naming cues, particles, locatives, organisation and stop
    // words; glued title suffixes, elisions and hyphens; digits, punctuation, line breaks,
    // non-ASCII letters of both cases; and lower-case runs longer than the gap the
    // classifier steps over, so that steps start and end next to each of them.
    const WORDS: &[&str] = &[
        "and then the car was seen again near the old station",
        "was found at home",
        "the",
        "zq",
        "suspect",
        "witness,",
        "name:",
        "alias",
        "commissaire",
        "pan",
        "herr",
        "miss",
        "van",
        "de",
        "der",
        "in",
        "nach",
        "gmbh",
        "hauptstraße",
        "straße",
        "l'indagato",
        "o'brien",
        "jean-pierre",
        "sig.ra",
        "14:30",
        "2024",
        "x86",
        "über",
        "été",
        "Herr",
        "Mr.",
        "M.",
        "Sig.ra",
        "Name:",
        "SMITH",
        "NOWAK,",
        "John",
        "Anna",
        "Müller",
        "Émile",
        "J.",
        "A",
        "Zorbina",
        "Paris",
        "GmbH",
        "S.r.l.",
        "S.A.S.",
        "Mark",
        "Ó",
        "👮",
        "(",
        ")",
        // Capitalised stop words, which the scout passes over (with a particle and a
        // locative that it does not).
        "The",
        "Die",
        "DIE",
        "El",
        "Tuesday",
        "Dienstag",
        "Le",
        "Der",
        "In",
        "Nach",
        "The-",
        "O",
        "Y",
        "B",
        "B.",
        // Reference words before a letter ("annex B."), capitalised ones the scout does not
        // pass over, and upper-case particles before an upper-case surname.
        "annex",
        "Anlage",
        "ANLAGE",
        "pièce",
        "VAN",
        "DEN",
        "DE",
        "VRIES",
        "Sanne",
        "Avenida",
        "Carlos",
        "24.88609°",
        "4°01'02.4\"",
        "E.",
        "N",
        // Unknown capitalised words, which the scout passes over when no cue stands before
        // them; and what may stand between a cue and them.
        "Zeuge",
        "Beschuldigte",
        "Epäilty",
        "117-B",
        "sagte",
        "Nähe",
        "ÉTÉ",
        "1A:2B:3C",
        "x2Y",
        "Quix",
        "QUIX",
        "IBAN",
        "DE89",
        "C3PO",
        "Wohnung",
        "Bahnhof",
        "señor",
        "la",
        "\"",
    ];
    const SEPS: &[&str] = &[
        " ", " ", " ", " ", "", ", ", ". ", "\n", " \n ", "; ", ": ", "-",
    ];
    let mut next = crate::detect::lcg(0x0051_1E47);
    let mut found = 0;
    for round in 0..400 {
        let mut text = String::new();
        for _ in 0..(10 + round % 90) {
            text.push_str(WORDS[next(WORDS.len())]);
            text.push_str(SEPS[next(SEPS.len())]);
        }
        let stepped = findings_of(&text, true);
        assert_eq!(stepped, findings_of(&text, false), "{text:?}");
        found += stepped.len();
    }
    assert!(found > 900, "{found}");
    // A flagged lower-case word, a stretch long enough to be stepped over, then a name: the
    // word's flags must not reach the name across the step (nor be lost before it).
    const FLAGGED: &[&str] = &[
        "in",
        "nach",
        "gmbh",
        "hauptstraße",
        "user",
        "file",
        "suspect",
        "name",
        "alias",
        "herr",
        "van",
        "de",
        "the",
        "zq",
    ];
    // Lone given names: the only finding a locative before it takes away.
    const NAMES: &[&str] = &[
        "Ingrid",
        "Claire",
        "Anna Schmidt",
        "SMITH, John",
        "J. Smith",
    ];
    const LONG: &str = "and then it was seen again and again and again";
    for flagged in FLAGGED {
        for name in NAMES {
            for sep in [" ", ", ", "\n", ": ", ""] {
                for text in [
                    format!("{flagged}{sep}{LONG} {name} x"),
                    format!("{flagged} {LONG}{sep}{name}"),
                    format!("{LONG} {flagged}{sep}{name}"),
                    format!("{LONG} zq {flagged}{sep}{name} {LONG} {flagged} {name}"),
                ] {
                    assert_eq!(
                        findings_of(&text, true),
                        findings_of(&text, false),
                        "{text:?}"
                    );
                }
            }
        }
    }
    // A capitalised stop word after a cue, a title or a long stretch and before a name, or
    // glued to either: the scout passes over it, the classifier must find the same.
    for stop in [
        "The", "Die", "DIE", "Tuesday", "El", "In", "Nach", "Le", "O", "Y", "B.",
    ] {
        for name in NAMES {
            for before in ["suspect", "herr", "Herr", "name:", "van", "in", "zq"] {
                for text in [
                    format!("{LONG} {before} {stop} {name} x"),
                    format!("{before} {stop} {LONG} {name}"),
                    format!("{LONG}. {stop} {before} {name}"),
                    format!("{LONG} {stop}, {name} {LONG} {stop}-{name} {stop}'{name}"),
                ] {
                    assert_eq!(
                        findings_of(&text, true),
                        findings_of(&text, false),
                        "{text:?}"
                    );
                }
            }
        }
    }
    // An unknown capitalised word after a cue (directly, across particles or punctuation),
    // after quiet words, particles and locatives, next to names, at the start: the scout
    // passes over it only where no cue reaches it.
    for unknown in [
        "Quix",
        "Wohnung",
        "Zorbina",
        "QUIX",
        "IBAN",
        "McQuix",
        "DE89",
        "A1",
        "Nähe",
        "ÄRGER",
        "Quix-Zorb",
        "2B",
        "1A:2B",
        "Äa1",
    ] {
        for name in NAMES {
            for before in [
                "suspect",
                "witness,",
                "name:",
                "alias \"",
                "herr",
                "Herr",
                "señor de",
                "señor De",
                "herr von der",
                "herr Van Der",
                "commissaire",
                "pan",
                "van",
                "de la",
                "in",
                "zq",
                "zq.",
                "14:30,",
                "über",
                "téléphones.",
                "témoin",
                "świadek:",
                "misstänkte,",
                "señora",
                "manhã;",
                "👮.",
                "-",
                ":",
                "witness ,",
                "name :",
                "Zeuge",
                "Zeuge sagte",
                "Herr sagte",
                "no. 2024/117-B.",
                "the",
                "Die",
                "The",
                "De",
                "Nach",
                "Anna",
            ] {
                for text in [
                    format!("{LONG} {before} {unknown} {LONG} {name} x"),
                    format!("{before} {unknown} {name} {LONG}"),
                    format!("{unknown} {LONG} {before} {unknown}, {name}"),
                    format!("{LONG} {before} {unknown} {unknown} {LONG} {unknown} de {name}"),
                    format!("{LONG}. {unknown} {before} {name} {LONG} {unknown}-{name}"),
                    format!("{LONG} {before} ({unknown}) {LONG} {before} \"{unknown}\" {name}"),
                ] {
                    assert_eq!(
                        findings_of(&text, true),
                        findings_of(&text, false),
                        "{text:?}"
                    );
                }
            }
        }
    }
    // And the fixture corpus, text by text; and the evaluation set's reports in twelve
    // languages, one by one and all as one text.
    let records: Vec<Value> = serde_json::from_str(FIXTURES).unwrap();
    for r in &records {
        let input = r["input"].as_str().unwrap();
        assert_eq!(
            findings_of(input, true),
            findings_of(input, false),
            "{input:?}"
        );
    }
    let mut joined = String::new();
    for line in EVAL.lines() {
        let record: Value = serde_json::from_str(line).unwrap();
        let input = record["text"].as_str().unwrap();
        assert_eq!(
            findings_of(input, true),
            findings_of(input, false),
            "{input:?}"
        );
        joined.push_str(input);
        joined.push_str("\n\n");
    }
    let stepped = findings_of(&joined, true);
    assert!(stepped.len() > 900, "{}", stepped.len());
    assert_eq!(stepped, findings_of(&joined, false));
}

#[test]
fn the_look_back_for_a_cue_ending_at_the_last_unknown_word_finds_what_reading_finds() {
    // Runs of unknown capitalised words and particles longer than the look back's bound,
    // with cues, names, stop words, punctuation and words beyond ASCII among them: the look
    // that ends at the last unknown word passed over must step over no name.
    const WORDS: &[&str] = &[
        "Wohnung",
        "Bahnhof",
        "Quix",
        "Hinweise",
        "Nähe",
        "ÉTÉ",
        "IBAN",
        "der",
        "van",
        "de",
        "la",
        "des",
        "Herr",
        "Zeuge",
        "Beschuldigte",
        "alias",
        "name:",
        "Anna",
        "Müller",
        "Smith",
        "SMITH,",
        "J.",
        "Die",
        "Der",
        "und",
        "wurde",
        "(",
        "14:30",
        "Wohnung,",
        "\"Bahnhof\"",
    ];
    const SEPS: &[&str] = &[" ", " ", " ", " ", " ", ", ", ". ", "\n", "-", ""];
    let mut next = crate::detect::lcg(0x00C0_FFEE);
    let mut found = 0;
    for round in 0..2000 {
        let mut text = String::new();
        for _ in 0..(5 + round % 40) {
            // Mostly unknown words and particles, so that long runs of them occur.
            let k = if next(3) == 0 {
                next(WORDS.len())
            } else {
                next(11)
            };
            text.push_str(WORDS[k]);
            text.push_str(SEPS[next(SEPS.len())]);
        }
        let stepped = findings_of(&text, true);
        assert_eq!(stepped, findings_of(&text, false), "{text:?}");
        found += stepped.len();
    }
    assert!(found > 1000, "{found}");
}
