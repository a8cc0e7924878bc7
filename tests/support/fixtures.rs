//! Data-driven detection fixtures: one harness for every `tests/fixtures/detect/*.json`,
//! embedded with `include_str!` so the same code runs natively and under wasm.
//!
//! A record is `{ "recognizer", "input", "expect": [{ "entity", "text" }], "intent" }`.
//! A record passes when every expected finding is reported with exactly that entity and
//! text, and nothing else is reported (PERSON findings are ignored outside PERSON records,
//! because the PERSON recognizer is built and tested separately).

use borderseal::detect::{Detector, Finding};
use serde::Deserialize;
use std::collections::BTreeMap;

/// Every fixture file, by name.
pub const FILES: &[(&str, &str)] = &[
    (
        "finance.json",
        include_str!("../fixtures/detect/finance.json"),
    ),
    (
        "network.json",
        include_str!("../fixtures/detect/network.json"),
    ),
    (
        "telecom.json",
        include_str!("../fixtures/detect/telecom.json"),
    ),
    (
        "travel.json",
        include_str!("../fixtures/detect/travel.json"),
    ),
    (
        "national_west.json",
        include_str!("../fixtures/detect/national_west.json"),
    ),
    (
        "national_north_east.json",
        include_str!("../fixtures/detect/national_north_east.json"),
    ),
    (
        "national_world.json",
        include_str!("../fixtures/detect/national_world.json"),
    ),
    (
        "vehicle.json",
        include_str!("../fixtures/detect/vehicle.json"),
    ),
    (
        "dates_geo.json",
        include_str!("../fixtures/detect/dates_geo.json"),
    ),
    ("mixed.json", include_str!("../fixtures/detect/mixed.json")),
    (
        "person.json",
        include_str!("../fixtures/detect/person.json"),
    ),
];

/// One expected finding.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    /// Entity name, e.g. `IBAN`.
    pub entity: String,
    /// The exact text of the finding.
    pub text: String,
}

/// One fixture record.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// The recognizer under test.
    pub recognizer: String,
    /// The text analysed.
    pub input: String,
    /// The findings that must be reported (empty for a decoy).
    pub expect: Vec<Expect>,
    /// Why the case exists.
    pub intent: String,
    /// A case the recognizer is known to get wrong today: kept in the corpus (so recall
    /// figures stay honest) and reported, but not a failure of this harness.
    #[serde(default)]
    pub known_limit: Option<String>,
}

/// Parses every fixture file; a file that does not parse is reported as a failure.
pub fn records() -> Result<Vec<(&'static str, Record)>, String> {
    let mut all = Vec::new();
    for (name, src) in FILES {
        let recs: Vec<Record> = serde_json::from_str(src).map_err(|e| format!("{name}: {e}"))?;
        all.extend(recs.into_iter().map(|r| (*name, r)));
    }
    Ok(all)
}

fn describe(input: &str, f: &Finding) -> String {
    format!(
        "{}:{:?}",
        f.entity,
        input.get(f.start..f.end).unwrap_or("<bad span>")
    )
}

/// Runs every record; returns one line per failure, with the record's intent.
pub fn run_all(detector: &Detector) -> Vec<String> {
    let recs = match records() {
        Ok(r) => r,
        Err(e) => return vec![e],
    };
    let mut failures = Vec::new();
    for (file, r) in recs.iter().filter(|(_, r)| r.known_limit.is_none()) {
        let found = match detector.analyze(&r.input) {
            Ok(f) => f,
            Err(e) => {
                failures.push(format!(
                    "{file} [{}] {:?}: error {e} ({})",
                    r.recognizer, r.input, r.intent
                ));
                continue;
            }
        };
        let mut used = vec![false; found.len()];
        for e in &r.expect {
            let hit = found.iter().enumerate().position(|(i, f)| {
                !used[i]
                    && f.entity.as_str() == e.entity
                    && r.input.get(f.start..f.end) == Some(e.text.as_str())
            });
            match hit {
                Some(i) => used[i] = true,
                None => failures.push(format!(
                    "{file} [{}] {:?}: missing {}:{:?}; got {:?} ({})",
                    r.recognizer,
                    r.input,
                    e.entity,
                    e.text,
                    found
                        .iter()
                        .map(|f| describe(&r.input, f))
                        .collect::<Vec<_>>(),
                    r.intent
                )),
            }
        }
        for (i, f) in found.iter().enumerate() {
            let ignored = f.entity.as_str() == "PERSON" && r.recognizer != "person";
            if !used[i] && !ignored {
                failures.push(format!(
                    "{file} [{}] {:?}: unexpected {} ({}; {}) ({})",
                    r.recognizer,
                    r.input,
                    describe(&r.input, f),
                    f.reason,
                    f.score,
                    r.intent
                ));
            }
        }
        for w in found.windows(2) {
            if w[0].end > w[1].start {
                failures.push(format!(
                    "{file} {:?}: overlapping or unsorted findings",
                    r.input
                ));
            }
        }
        for f in &found {
            let text = r.input.get(f.start..f.end).unwrap_or_default();
            if !(0.0..=1.0).contains(&f.score) || (text.len() > 2 && f.reason.contains(text)) {
                failures.push(format!(
                    "{file} {:?}: bad score or reason {:?}",
                    r.input, f.reason
                ));
            }
        }
    }
    failures
}

/// Valid and decoy record counts per recognizer.
pub fn counts() -> BTreeMap<String, (usize, usize)> {
    let mut m: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for (_, r) in records().unwrap_or_default() {
        let e = m.entry(r.recognizer.clone()).or_default();
        if r.expect.is_empty() {
            e.1 += 1
        } else {
            e.0 += 1
        }
    }
    m
}
