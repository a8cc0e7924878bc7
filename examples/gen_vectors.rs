//! Writes the envelope test vectors to `docs/vectors/` (deterministic: rerunning changes nothing).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "../tests/support/det_rng.rs"]
mod det_rng;
#[path = "../tests/support/vectors.rs"]
mod vectors;

fn main() -> std::io::Result<()> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/vectors");
    std::fs::create_dir_all(&dir)?;
    for case in vectors::cases() {
        let path = dir.join(format!("{}.json", case.name));
        std::fs::write(&path, vectors::file_text(&case))?;
        println!("wrote {}", path.display());
    }
    Ok(())
}
