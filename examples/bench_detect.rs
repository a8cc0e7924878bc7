//! Detection throughput and worst-case benchmark.
//!
//! `cargo run --release --example bench_detect` prints (1) MB/s (10^6 bytes) of
//! `Detector::analyze`, `Redactor::analyze` and `Redactor::redact_text` (default policy) on a
//! deterministic ≥ 10 MB mixed multilingual report corpus — the same generator, byte for byte,
//! as `bench/detect.mjs`, so native and wasm figures are comparable — and (2) for each
//! recognizer family, the time for crafted 1 MB and 2 MB adversarial inputs and their ratio
//! (≈ 2 means linear). Figures only; no assertion (budgets are checked by people, not by
//! timed tests).
//!
//! `BENCH_DUMP=file` instead writes every finding of the corpus and of each crafted input
//! to `file`, one per line, so that two builds can be compared for identical output;
//! `file.redact` gets, for the same inputs, `Redactor::analyze`'s findings and
//! `Redactor::redact_text`'s text, findings and audit record (default policy).

use borderseal::detect::Detector;
use borderseal::redact::{Redactor, SendContext};
use std::fmt::Write as _;
use std::time::Instant;

/// xorshift64*: deterministic, dependency-free.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        let i = self.below(items.len() as u64) as usize;
        items.get(i).copied().unwrap_or("")
    }
}

const PROSE: &[&str] = &[
    "Der Beschuldigte wurde am Dienstag gegen 14:30 Uhr in der Nähe des Bahnhofs angetroffen.",
    "Le suspect a été interpellé à la sortie du métro, porteur de 3 téléphones.",
    "El vehículo fue localizado en el aparcamiento del centro comercial a las 22:15.",
    "Il veicolo è stato sequestrato; la perquisizione ha dato esito positivo 👮.",
    "De verdachte verklaarde dat hij het pakket van een onbekende had ontvangen.",
    "Podejrzany odmówił składania wyjaśnień; zabezpieczono 2 laptopy.",
    "O suspeito foi detido em flagrante delito às 03:40 da manhã.",
    "Den misstänkte greps efter en kort jakt genom centrum 🚓.",
    "Epäilty otettiin kiinni rautatieasemalla klo 16.05.",
    "Den mistænkte blev anholdt på adressen kl. 09.20 ✅.",
    "The operation involved 4 agencies and 12 officers; no injuries were reported.",
    "Version 2.4.1 of the app was found; the file was 3.5 MB; case no. 2024/117-B.",
    "Betrag 1.234,56 EUR wurde am 03.04.2024 überwiesen (Az. 4 Js 123/24).",
    "Die Durchsuchung der Wohnung ergab keine weiteren Hinweise auf Mittäter.",
    "Les enquêteurs ont saisi des documents et un ordinateur portable 💻.",
    "The witness stated that the car left the scene heading north at high speed.",
];

const PII: &[&str] = &[
    "Tel. +49 30 12345678",
    "E-Mail anna.schmidt@example.de",
    "IBAN DE89 3704 0044 0532 0130 00",
    "geboren am 12.03.1985",
    "IP 192.168.10.25",
    "Karte 4111 1111 1111 1111",
    "Passport no. C01X00T47",
    "https://example.org/akte?id=42",
    "Kennzeichen B-AB 1234",
    "PESEL 44051401359",
    "GPS 48.8584, 2.2945",
    "MAC 00:1A:2B:3C:4D:5E",
    "NIR 2 95 10 99 126 111 93",
    "codice fiscale RCCMNL83S18D969H",
    "Zeuge Herr Jörg Baumann",
    "the suspect John Smith",
    "Mme Claire Dubois",
    "SMITH, John",
];

/// Prose sentences with one identifier every fourth sentence on average (≈ one per 350
/// bytes). Keep in step with `corpus` in `bench/corpus.mjs`.
fn corpus(bytes: usize) -> String {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut s = String::with_capacity(bytes + 256);
    while s.len() < bytes {
        s.push_str(rng.pick(PROSE));
        s.push(' ');
        if rng.below(4) == 0 {
            s.push_str(rng.pick(PII));
            s.push_str(". ");
        }
        if rng.below(8) == 0 {
            s.push('\n');
        }
    }
    s
}

fn repeat_to(unit: &str, bytes: usize) -> String {
    let mut s = unit.repeat(bytes / unit.len().max(1) + 1);
    let mut cut = bytes.min(s.len());
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    s.truncate(cut);
    s
}

/// CPU time of this thread in ns (Linux `schedstat`), so figures hold up on a machine
/// shared with other jobs; `None` elsewhere.
fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

/// Runs `f` and returns (wall ms, CPU ms or NaN, f's result).
fn timed<T>(f: impl FnOnce() -> T) -> (f64, f64, T) {
    let c = cpu_ns();
    let t = Instant::now();
    let out = f();
    let wall = t.elapsed().as_secs_f64() * 1e3;
    let cpu = match (c, cpu_ns()) {
        (Some(a), Some(b)) => (b.saturating_sub(a)) as f64 / 1e6,
        _ => f64::NAN,
    };
    (wall, cpu, out)
}

/// (wall ms, CPU ms or NaN, findings).
fn time_ms(d: &Detector, text: &str) -> (f64, f64, usize) {
    timed(|| d.analyze(text).map(|f| f.len()).unwrap_or(usize::MAX))
}

/// Crafted worst cases: `(name, unit)`, the unit repeated to 1 MB and 2 MB. Keep in step
/// with `CRAFTED` in `bench/corpus.mjs`.
const CASES: &[(&str, &str)] = &[
    ("digits run", "1"),
    ("digits spaced", "1 "),
    ("digits dashed", "12-"),
    ("dotted quads", "12.12."),
    ("card-like groups", "4111 1111 1111 1111 "),
    ("phone-like", "+49 30 12345678 "),
    ("national phone", "0171/1234567 "),
    ("alternating seps", "1-2.3/4 5+"),
    ("iban valid", "DE89 3704 0044 0532 0130 00 "),
    ("upper words", "AB12 CD34 "),
    ("iban-like words", "DE12 DE34 "),
    ("aaaa", "a"),
    ("AAAA", "A"),
    ("@@@@", "@"),
    ("a@a@", "a@"),
    ("a.a.", "a."),
    ("email valid", "anna@example.de "),
    // The shortest valid address: the most findings a megabyte can hold (142,857).
    ("emails, dense", "a@b.de "),
    ("::::", ":"),
    ("hex colon", "ff:"),
    ("http://", "http://"),
    ("www.", "www."),
    ("mrz <<<<", "<"),
    (
        "mrz specimen",
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10\n",
    ),
    ("gps decimals", "48.8584, "),
    ("dms", "48°51'30\"N "),
    ("month dates", "geboren 12 März 1985 "),
    ("numeric dates", "geb. 12.03.1985 "),
    ("context words", "passport Reisepass Tel. IBAN "),
    ("names", "Herr Jörg Baumann und Frau Anna Schmidt, "),
    ("capitalised words", "Aaaa Bbbb Cccc "),
    // A label that is also a given name: each value is a finding, and the label must not
    // be spread to every line (same-value propagation leaves cue words out).
    ("name labels", "Name: Name\n"),
    ("emoji", "😀"),
    ("combining", "e\u{301}"),
];

/// Every finding of the corpus and of the crafted inputs, one line each.
fn dump(d: &Detector, path: &str, kib: usize) {
    let mut out = String::new();
    let mut inputs = vec![("mixed".to_owned(), corpus(10 * kib * 1000))];
    for (name, unit) in CASES {
        inputs.push(((*name).to_owned(), repeat_to(unit, kib * 1000)));
    }
    for (name, text) in &inputs {
        match d.analyze(text) {
            Ok(found) => {
                let _ = writeln!(out, "== {name}: {} findings", found.len());
                for f in found {
                    let _ = writeln!(
                        out,
                        "{} {} {} {:.4} {} {}",
                        f.entity.as_str(),
                        f.start,
                        f.end,
                        f.score,
                        f.recognizer,
                        f.reason
                    );
                }
            }
            Err(e) => {
                let _ = writeln!(out, "== {name}: error {e}");
            }
        }
    }
    let redacted = dump_redact(&inputs);
    // The corpus itself too, so that the generator of `bench/corpus.mjs` can be checked
    // against this one.
    let corpus_path = format!("{path}.corpus");
    let redact_path = format!("{path}.redact");
    for (p, body) in [
        (path, out.as_str()),
        (redact_path.as_str(), redacted.as_str()),
        (
            corpus_path.as_str(),
            inputs.first().map_or("", |(_, t)| t.as_str()),
        ),
    ] {
        if let Err(e) = std::fs::write(p, body) {
            eprintln!("cannot write {p}: {e}");
        }
    }
}

/// The pipeline's whole deterministic output for each input: preview findings, then the
/// redacted text, its findings (with reasons) and the audit record as JSON.
fn dump_redact(inputs: &[(String, String)]) -> String {
    let mut out = String::new();
    let r = match Redactor::new(None, None) {
        Ok(r) => r,
        Err(e) => return format!("Redactor::new: error {e}\n"),
    };
    let ctx = SendContext {
        marking: Some("TLP:AMBER".to_owned()),
        ..SendContext::default()
    };
    let line = |out: &mut String, f: &borderseal::redact::RedactionFinding| {
        let _ = writeln!(
            out,
            "{} {} {} {:.4} {} {} {} {} {:?}",
            f.entity, f.start, f.end, f.score, f.recognizer, f.reason, f.action, f.rule, f.path
        );
    };
    for (name, text) in inputs {
        match r.analyze(text) {
            Ok(found) => {
                let _ = writeln!(out, "== analyze {name}: {} findings", found.len());
                for f in &found {
                    line(&mut out, f);
                }
            }
            Err(e) => {
                let _ = writeln!(out, "== analyze {name}: error {e}");
            }
        }
        match r.redact_text(text, &ctx) {
            Ok(red) => {
                let _ = writeln!(out, "== redact {name}: {} findings", red.findings.len());
                for f in &red.findings {
                    line(&mut out, f);
                }
                let _ = writeln!(out, "-- conditions {:?}", red.conditions);
                let _ = writeln!(
                    out,
                    "-- audit {}",
                    serde_json::to_string(&red.audit).unwrap_or_default()
                );
                let digest: String = red
                    .audit
                    .digest()
                    .iter()
                    .map(|b| format!("{b:02x}"))
                    .collect();
                let _ = writeln!(out, "-- audit digest {digest}");
                let _ = writeln!(out, "-- text\n{}\n-- end", red.text);
            }
            Err(e) => {
                let _ = writeln!(out, "== redact {name}: error {e}");
            }
        }
    }
    out
}

fn main() {
    // `BENCH_KIB` scales every input down for a quick debug-build look (default 1000 KiB,
    // i.e. ≈ 1 MB and a ≈ 10 MB corpus).
    let kib: usize = std::env::var("BENCH_KIB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let d = Detector::default();
    if let Ok(path) = std::env::var("BENCH_DUMP") {
        dump(&d, &path, kib);
        return;
    }
    let only = std::env::var("BENCH_ONLY").ok();
    let only_case = only
        .as_deref()
        .is_some_and(|v| v != "mixed" && v != "pipeline");
    let text = corpus(if only_case { 1024 } else { 10 * kib * 1000 });
    let mb = text.len() as f64 / 1e6;
    let rate = |ms: f64| mb / ms * 1e3;
    if only.as_deref() != Some("pipeline") {
        let _ = d.analyze(text.get(..1 << 16).unwrap_or_default());
        let (wall, cpu, found) = time_ms(&d, &text);
        println!(
            "mixed corpus: {mb:.1} MB, Detector::analyze: {found} findings, wall {wall:.0} ms = {:.1} MB/s, CPU {cpu:.0} ms = {:.1} MB/s",
            rate(wall),
            rate(cpu)
        );

        // The same corpus as 4 KiB reports, one analyze call each.
        let (wall, cpu, calls) = timed(|| {
            let mut start = 0;
            let mut calls = 0;
            while start < text.len() {
                let mut end = (start + 4096).min(text.len());
                while !text.is_char_boundary(end) {
                    end += 1;
                }
                let _ = d.analyze(text.get(start..end).unwrap_or_default());
                start = end;
                calls += 1;
            }
            calls
        });
        println!(
            "mixed corpus in {calls} reports of 4 KiB: wall {:.1} MB/s, CPU {:.1} MB/s",
            rate(wall),
            rate(cpu)
        );
    }
    if only.is_none() || only.as_deref() == Some("pipeline") {
        // The whole pipeline with the default policy, as the bindings call it.
        match Redactor::new(None, None) {
            Ok(r) => {
                let (wall, cpu, n) = timed(|| r.analyze(&text).map(|f| f.len()));
                println!(
                    "Redactor::analyze: {n:?} findings, wall {:.1} MB/s, CPU {:.1} MB/s",
                    rate(wall),
                    rate(cpu)
                );
                let ctx = SendContext {
                    marking: Some("TLP:AMBER".to_owned()),
                    ..SendContext::default()
                };
                let (wall, cpu, res) =
                    timed(|| r.redact_text(&text, &ctx).map(|o| o.findings.len()));
                match res {
                    Ok(n) => println!(
                        "Redactor::redact_text: {n} findings, wall {:.1} MB/s, CPU {:.1} MB/s",
                        rate(wall),
                        rate(cpu)
                    ),
                    Err(e) => println!("Redactor::redact_text: error {e}"),
                }
            }
            Err(e) => println!("Redactor::new: error {e}"),
        }
    }

    // `BENCH_ONLY=mixed` or `pipeline` stops here; `BENCH_ONLY=<case name>` runs only that case.
    if matches!(only.as_deref(), Some("mixed" | "pipeline")) {
        return;
    }
    // The same inputs through `Redactor::analyze` (what `bench/detect.mjs` times): the
    // pipeline adds per-finding work (propagation, decisions, result records).
    let redactor = Redactor::new(None, None).ok();
    println!(
        "{:<18} {:>9} {:>9} {:>9} {:>9} {:>7} {:>9} {:>12}",
        "worst case",
        "1x wall",
        "1x CPU",
        "2x wall",
        "2x CPU",
        "CPU 2/1",
        "findings",
        "Redactor CPU"
    );
    for (name, unit) in CASES {
        if only.as_deref().is_some_and(|o| o != *name) {
            continue;
        }
        let one = repeat_to(unit, kib * 1000);
        let two = repeat_to(unit, 2 * kib * 1000);
        let (a, ac, n) = time_ms(&d, &one);
        let (b, bc, _) = time_ms(&d, &two);
        let (_, rc, _) = timed(|| redactor.as_ref().map(|r| r.analyze(&one).map(|f| f.len())));
        println!(
            "{name:<18} {a:>9.1} {ac:>9.1} {b:>9.1} {bc:>9.1} {:>7.2} {n:>9} {rc:>12.1}",
            bc / ac.max(1e-3)
        );
    }
}
