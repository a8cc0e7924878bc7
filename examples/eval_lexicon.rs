//! Prints the keys of the embedded name lexicon (`data/lexicon/names.lex`, format in
//! `data/lexicon/README.md`), one per line, as `given <key>` and/or `surname <key>`, so that
//! `tools/eval/generate.py` can tell which evaluation names the lexicon does not know (the
//! out-of-vocabulary subset).
//!
//! `cargo run --quiet --example eval_lexicon > target/eval/lexicon.txt`

use std::error::Error;
use std::io::Write;

static LEXICON: &[u8] = include_bytes!("../data/lexicon/names.lex");

fn main() -> Result<(), Box<dyn Error>> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    // Header: magic (8), key count (4), body length (4), FNV-1a 64 of the body (8).
    let body = LEXICON.get(24..).ok_or("lexicon too short")?;
    let mut key: Vec<u8> = Vec::new();
    let mut rest = body;
    while let [shared, flags_len, tail @ ..] = rest {
        let (shared, flags, len) = (
            usize::from(*shared),
            flags_len >> 6,
            usize::from(flags_len & 0x3f),
        );
        let (suffix, next) = tail.split_at_checked(len).ok_or("truncated key")?;
        key.truncate(shared);
        key.extend_from_slice(suffix);
        let text = String::from_utf8_lossy(&key);
        if flags & 1 != 0 {
            writeln!(out, "given {text}")?;
        }
        if flags & 2 != 0 {
            writeln!(out, "surname {text}")?;
        }
        rest = next;
    }
    out.flush()?;
    Ok(())
}
