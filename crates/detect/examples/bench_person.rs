//! Times the PERSON recognizer on crafted and realistic inputs of 256 KiB to 2 MiB, to check
//! the budget (any 1 MB input well under 100 ms) and that time grows linearly with size.
//!
//! `cargo run --release -p borderseal-detect --example bench_person` (`BENCH_QUICK=1` runs sixteen times smaller
//! inputs, to spot a super-linear path in a debug build; `BENCH_ONLY=mixed` runs only the
//! cases whose name contains "mixed", e.g. under a profiler).
//!
//! The recognizer is crate-private (the detection engine is its only caller), so this example
//! compiles the module's source files directly instead of widening the public API.

use std::hint::black_box;
use std::time::{Duration, Instant};

#[allow(dead_code)]
#[path = "../src/detect/entity.rs"]
mod entity;
#[allow(dead_code)]
#[path = "../src/detect/finding.rs"]
mod finding;
#[allow(dead_code)]
#[path = "../src/detect/person.rs"]
mod person;
// The byte classes the tokenizer shares with the segment scan (`super::super::ascii` from the
// tokenizer: the crate root here, `detect` in the library).
#[allow(dead_code)]
#[path = "../src/detect/ascii.rs"]
mod ascii;
// The Latin letters' rules (case, lower case), likewise.
#[allow(dead_code)]
#[path = "../src/detect/latin.rs"]
mod latin;
// The eight-bytes-at-a-time masks of the PERSON scout (`person/quiet.rs`), likewise.
#[allow(dead_code)]
#[path = "../src/detect/swar.rs"]
mod swar;

const MB: usize = 1 << 20;

/// Builds an input of (at least) the given size.
type Maker = Box<dyn Fn(usize) -> String>;

fn repeat_to(unit: &str, size: usize) -> String {
    let mut s = String::with_capacity(size + unit.len());
    while s.len() < size {
        s.push_str(unit);
    }
    s
}

/// Best of five runs: (wall-clock time, findings). The machine may be shared: the load
/// average is printed with the table, and the best of five filters most of the noise.
fn time(text: &str) -> (Duration, usize) {
    let mut best = Duration::MAX;
    let mut n = 0;
    for _ in 0..5 {
        let mut out = Vec::new();
        let t = Instant::now();
        person::find(black_box(text), &mut out);
        best = best.min(t.elapsed());
        n = out.len();
    }
    (best, n)
}

/// A paragraph of German report prose without a name (see `person/quiet.rs`).
const GERMAN: &str = "Die Polizei wurde gegen Mitternacht zu einer Wohnung in der Innenstadt gerufen. \
    Dort fanden die Beamten zwei Personen vor, die sich gegenseitig beschuldigten. Nach Angaben \
    der Nachbarn war es zuvor zu einem lauten Streit gekommen. Die Beamten stellten mehrere \
    Mobiltelefone sicher und leiteten ein Ermittlungsverfahren wegen Verdacht auf Betrug ein. \
    Im Fahrzeug wurden Bargeld und Werkzeug gefunden.\n";

fn label(n: usize) -> String {
    if n >= MB {
        format!("{} MiB", n / MB)
    } else {
        format!("{} KiB", n >> 10)
    }
}

fn main() {
    let scale = if std::env::var_os("BENCH_QUICK").is_some() {
        16
    } else {
        1
    };
    let sizes = [MB / 4 / scale, MB / 2 / scale, MB / scale, 2 * MB / scale];
    let report = "Sachverhalt: Am Mittwoch wurde der Tatverdächtige Kemal Aydın in Duisburg festgenommen. \
        The main suspect, Dimitri Volkov, was arrested at Schiphol Airport; his associate Marco Rossi fled. \
        Witness statement: Ms. Hannah Lindström saw the grey Volkswagen Golf on Coolsingel at 22:00. \
        SMITH, John (DOB 01.02.1980) and NOWAK Piotr were notified by Europol on Friday, 14 March 2025. \
        Le témoin Sophie Martin a vu deux hommes quitter les lieux en direction de Bruxelles. 📎 ✅\n";
    let cases: Vec<(&str, Maker)> = vec![
        ("'A A A …'", Box::new(|n| repeat_to("A ", n))),
        ("'A. A. A. …'", Box::new(|n| repeat_to("A. ", n))),
        ("'Herr Herr …'", Box::new(|n| repeat_to("Herr ", n))),
        ("'SMITH, SMITH, …'", Box::new(|n| repeat_to("SMITH, ", n))),
        ("'Name: Name: …'", Box::new(|n| repeat_to("Name: ", n))),
        (
            "'Herr van van …'",
            Box::new(|n| format!("Herr {}", repeat_to("van ", n))),
        ),
        ("'John Smith …'", Box::new(|n| repeat_to("John Smith ", n))),
        ("'Anna Zzz Anna …'", Box::new(|n| repeat_to("Anna Zzz ", n))),
        (
            "one capitalised word",
            Box::new(|n| format!("A{}", "a".repeat(n))),
        ),
        ("one upper-case word", Box::new(|n| "A".repeat(n))),
        ("mixed report text", Box::new(move |n| repeat_to(report, n))),
        // German prose without names: every noun is an unknown capitalised word.
        (
            "German nouns, no names",
            Box::new(move |n| repeat_to(GERMAN, n)),
        ),
    ];
    // The first call decodes the embedded lexicon into its hash table (once per process).
    let t = Instant::now();
    person::find(black_box("Anna"), &mut Vec::new());
    println!(
        "first call, with the lexicon table build: {:.2} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!("best of 5 runs, wall-clock; load average: {}", load.trim());
    print!("{:<22}", "input");
    for size in sizes {
        print!(" {:>10}", label(size));
    }
    println!(" {:>8} {:>9}", "MB/s", "findings");
    let only = std::env::var("BENCH_ONLY").unwrap_or_default();
    for (name, make) in cases
        .iter()
        .filter(|(name, _)| name.contains(only.as_str()))
    {
        let mut cells = String::new();
        let (mut mbps, mut findings) = (0.0, 0);
        for (i, size) in sizes.into_iter().enumerate() {
            let text = make(size);
            let (t, n) = time(&text);
            cells.push_str(&format!(" {:>7.2} ms", t.as_secs_f64() * 1e3));
            if i == 2 {
                mbps = text.len() as f64 / 1e6 / t.as_secs_f64();
                findings = n;
            }
        }
        println!("{name:<22}{cells} {mbps:>8.0} {findings:>9}");
    }
}
