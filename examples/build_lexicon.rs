//! Builds `given.fst` and `surname.fst` from the sorted word lists that `tools/lexicon/build.mjs` writes.
//!
//! `cargo run --example build_lexicon -- target/lexicon data/lexicon`

use std::error::Error;
use std::fs;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn Error>> {
    let mut args = std::env::args_os().skip(1);
    let (Some(input), Some(output)) = (args.next(), args.next()) else {
        return Err("usage: build_lexicon <dir with given.txt and surname.txt> <out dir>".into());
    };
    let (input, output) = (PathBuf::from(input), PathBuf::from(output));
    fs::create_dir_all(&output)?;
    for name in ["given", "surname"] {
        let text = fs::read_to_string(input.join(format!("{name}.txt")))?;
        let mut keys: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
        // fst needs byte-wise sorted, unique keys; sorting again here makes the tool robust to
        // lists edited by hand.
        keys.sort_unstable();
        keys.dedup();
        let mut builder = fst::SetBuilder::memory();
        for key in &keys {
            builder.insert(key)?;
        }
        let bytes = builder.into_inner()?;
        fs::write(output.join(format!("{name}.fst")), &bytes)?;
        println!("{name}: {} keys, {} bytes", keys.len(), bytes.len());
    }
    Ok(())
}
