//! Throughput of `redact_text` on a generated ≥10 MB report and `redact_json` on a generated
//! ≥10 MB STIX 2.1 bundle, with the default policy. Run once, in release:
//! `cargo run --release --example bench_redact`.

use borderseal::redact::{Redactor, SendContext};
use serde_json::{Value, json};
use std::time::Instant;

const TARGET: usize = 10 * 1024 * 1024 + 1;

/// A deterministic pseudo-random sequence (xorshift), so every run measures the same input.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        let i = (self.next() % xs.len() as u64) as usize;
        xs.get(i).copied().unwrap_or("")
    }
}

const PROSE: &[&str] = &[
    "The suspect was observed near the harbour at night and met two unidentified persons. ",
    "Der Verdächtige nutzte mehrere Konten und wechselte häufig das Mobiltelefon. ",
    "Le véhicule a été signalé à la frontière; aucune arrestation n'a eu lieu. 🚗 ",
    "Witness statements differ on the time of arrival (between 21:00 and 23:30). ",
    "Informacje przekazano do Europolu za pośrednictwem SIENA. ",
];
const IBANS: &[&str] = &[
    "DE89 3704 0044 0532 0130 00",
    "GB82WEST12345698765432",
    "NL91ABNA0417164300",
];

fn pii(rng: &mut Rng) -> String {
    match rng.next() % 3 {
        0 => format!(
            "contact{}@mail{}.example.eu ",
            rng.next() % 10_000,
            rng.next() % 100
        ),
        1 => format!(
            "{}.{}.{}.{} ",
            rng.next() % 223 + 1,
            rng.next() % 256,
            rng.next() % 256,
            rng.next() % 254 + 1
        ),
        _ => format!("IBAN {} ", rng.pick(IBANS)),
    }
}

fn report(rng: &mut Rng) -> String {
    let mut s = String::with_capacity(TARGET + 1024);
    while s.len() < TARGET {
        for _ in 0..3 {
            s.push_str(rng.pick(PROSE));
        }
        s.push_str(&pii(rng));
        s.push('\n');
    }
    s
}

fn bundle(rng: &mut Rng) -> Result<Value, Box<dyn std::error::Error>> {
    let mut objects = Vec::new();
    let mut size = 0;
    let mut i: u64 = 0;
    while size < TARGET {
        let id = format!(
            "{:08x}-0000-4000-8000-{:012x}",
            i,
            rng.next() & 0xffff_ffff_ffff
        );
        let email = format!("person{i}@example.org");
        let objs = [
            json!({"type": "email-addr", "spec_version": "2.1", "id": format!("email-addr--{id}"), "value": email}),
            json!({"type": "identity", "spec_version": "2.1", "id": format!("identity--{id}"), "created": "2024-01-01T00:00:00.000Z",
                   "modified": "2024-01-01T00:00:00.000Z", "name": format!("Person {i}"), "identity_class": "individual",
                   "contact_information": format!("mail {email}, {}", pii(rng))}),
            json!({"type": "indicator", "spec_version": "2.1", "id": format!("indicator--{id}"), "created": "2024-01-01T00:00:00.000Z",
                   "modified": "2024-01-01T00:00:00.000Z", "pattern": format!("[email-addr:value = '{email}']"), "pattern_type": "stix",
                   "valid_from": "2024-01-01T00:00:00Z", "description": format!("{}{}", rng.pick(PROSE), pii(rng))}),
        ];
        for o in objs {
            size += serde_json::to_string(&o)?.len();
            objects.push(o);
        }
        i += 1;
    }
    Ok(
        json!({"type": "bundle", "id": "bundle--00000000-0000-4000-8000-000000000000", "objects": objects}),
    )
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let r = Redactor::new(None, None)?;
    let ctx = SendContext {
        recipient: Some("bench".into()),
        ..SendContext::default()
    };

    let text = report(&mut rng);
    // The detector alone (twice per redaction: detect, then verify the output).
    let t = Instant::now();
    let n = borderseal::detect::Detector::default()
        .analyze(&text)?
        .len();
    let secs = t.elapsed().as_secs_f64();
    println!(
        "detector alone: {n} findings, {secs:.3} s, {:.1} MB/s",
        text.len() as f64 / 1e6 / secs
    );
    let t = Instant::now();
    let out = r.redact_text(&text, &ctx)?;
    let secs = t.elapsed().as_secs_f64();
    let mb = text.len() as f64 / 1e6;
    println!(
        "redact_text: {mb:.1} MB, {} findings, {secs:.3} s, {:.1} MB/s",
        out.findings.len(),
        mb / secs
    );

    let b = bundle(&mut rng)?;
    let bytes = serde_json::to_string(&b)?.len();
    let t = Instant::now();
    let out = r.redact_json(&b, &ctx)?;
    let secs = t.elapsed().as_secs_f64();
    let mb = bytes as f64 / 1e6;
    println!(
        "redact_json: {mb:.1} MB STIX bundle, {} objects, {} findings, {} ids re-minted, {secs:.3} s, {:.1} MB/s",
        b.get("objects")
            .and_then(Value::as_array)
            .map_or(0, Vec::len),
        out.findings.len(),
        out.audit.reminted_ids.unwrap_or(0),
        mb / secs
    );
    Ok(())
}
