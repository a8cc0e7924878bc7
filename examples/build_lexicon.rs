//! Builds `names.lex` from the sorted word lists that `tools/lexicon/build.mjs` writes.
//!
//! `cargo run --example build_lexicon -- target/lexicon data/lexicon`
//!
//! Format (read by `crates/detect/src/detect/person/lexicon.rs`, which verifies all of it):
//!
//! | bytes | content |
//! |---|---|
//! | 8 | magic `BSLEX\0\0\x01` (name, format version 1) |
//! | 4 | number of keys, u32 little-endian |
//! | 4 | body length in bytes, u32 little-endian |
//! | 8 | FNV-1a 64 of the body, little-endian |
//! | … | body: per key, in byte-wise ascending order: bytes shared with the previous key (u8); flags in the top two bits (1 given, 2 surname, 3 both) and the length of the rest in the low six (u8); the rest |
//!
//! Front coding keeps the file small (sorted names share long prefixes) and is decoded in one
//! pass into the recognizer's hash table at first use.

use std::collections::BTreeMap;
use std::error::Error;
use std::fs;
use std::path::PathBuf;

/// Longest key the recognizer looks up (`lexicon::MAX_KEY_BYTES`).
const MAX_KEY_BYTES: usize = 48;

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn main() -> Result<(), Box<dyn Error>> {
    let mut args = std::env::args_os().skip(1);
    let (Some(input), Some(output)) = (args.next(), args.next()) else {
        return Err("usage: build_lexicon <dir with given.txt and surname.txt> <out dir>".into());
    };
    let (input, output) = (PathBuf::from(input), PathBuf::from(output));
    fs::create_dir_all(&output)?;
    // A BTreeMap sorts byte-wise and merges a key listed as given name and as surname; sorting
    // here keeps the tool robust to lists edited by hand.
    let mut keys: BTreeMap<Vec<u8>, u8> = BTreeMap::new();
    for (name, bit) in [("given", 1u8), ("surname", 2u8)] {
        let text = fs::read_to_string(input.join(format!("{name}.txt")))?;
        let mut n = 0;
        for line in text.lines().filter(|l| !l.is_empty()) {
            if line.len() > MAX_KEY_BYTES {
                return Err(
                    format!("{name}.txt: key longer than {MAX_KEY_BYTES} bytes: {line}").into(),
                );
            }
            *keys.entry(line.as_bytes().to_vec()).or_insert(0) |= bit;
            n += 1;
        }
        println!("{name}: {n} keys");
    }
    let mut body = Vec::new();
    let mut prev: &[u8] = &[];
    for (key, flags) in &keys {
        let shared = prev.iter().zip(key).take_while(|(a, b)| a == b).count();
        let rest = key.get(shared..).ok_or("shared prefix past the key")?;
        body.push(u8::try_from(shared)?);
        // Keys are at most 48 bytes, so the length fits the low six bits.
        body.push(*flags << 6 | u8::try_from(rest.len())?);
        body.extend_from_slice(rest);
        prev = key;
    }
    let mut file = b"BSLEX\0\0\x01".to_vec();
    file.extend_from_slice(&u32::try_from(keys.len())?.to_le_bytes());
    file.extend_from_slice(&u32::try_from(body.len())?.to_le_bytes());
    file.extend_from_slice(&fnv1a(&body).to_le_bytes());
    file.extend_from_slice(&body);
    fs::write(output.join("names.lex"), &file)?;
    println!("names.lex: {} keys, {} bytes", keys.len(), file.len());
    Ok(())
}
