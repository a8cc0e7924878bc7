//! Prints the keys of the embedded name lexicon (`data/lexicon/*.fst`), one per line, as
//! `given <key>` or `surname <key>`, so that `tools/eval/generate.py` can tell which
//! evaluation names the lexicon does not know (the out-of-vocabulary subset).
//!
//! `cargo run --quiet --example eval_lexicon > target/eval/lexicon.txt`

use std::error::Error;
use std::io::Write;

use fst::{IntoStreamer, Streamer};

static GIVEN: &[u8] = include_bytes!("../data/lexicon/given.fst");
static SURNAME: &[u8] = include_bytes!("../data/lexicon/surname.fst");

fn main() -> Result<(), Box<dyn Error>> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for (label, bytes) in [("given", GIVEN), ("surname", SURNAME)] {
        let set = fst::Set::new(bytes)?;
        let mut keys = set.into_stream();
        while let Some(k) = keys.next() {
            writeln!(out, "{label} {}", String::from_utf8_lossy(k))?;
        }
    }
    out.flush()?;
    Ok(())
}
