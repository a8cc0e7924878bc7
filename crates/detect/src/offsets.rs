//! Offsets: byte offsets (Rust strings) to UTF-16 code units (JavaScript string indices).
//!
//! The core works in bytes; the JavaScript boundary speaks UTF-16, what
//! `String.prototype.slice` uses, so an emoji (a surrogate pair) counts 2 and "é" counts 1.

/// The UTF-16 position of each byte offset in `text`, in one pass over the text whatever
/// the order of `byte_offsets`. An offset inside a character maps to that character's start;
/// one past the end maps to the text's UTF-16 length.
#[must_use]
pub fn utf16_positions(text: &str, byte_offsets: &[usize]) -> Vec<usize> {
    let mut order: Vec<(usize, usize)> = byte_offsets
        .iter()
        .enumerate()
        .map(|(slot, &byte)| (byte, slot))
        .collect();
    // Findings' offsets mostly come in text order already (start, end, next start, …).
    if !byte_offsets.is_sorted() {
        crate::sort::sort(&mut order);
    }
    let bytes = text.as_bytes();
    let mut out = vec![0usize; byte_offsets.len()];
    let (mut at, mut units) = (0usize, 0usize);
    for (byte, slot) in order {
        // The start of the character holding `byte` (the end for offsets past it).
        let mut to = byte.min(bytes.len());
        while !text.is_char_boundary(to) {
            to -= 1;
        }
        if let Some(run) = bytes.get(at..to) {
            units += utf16_units(run);
            at = to;
        }
        if let Some(o) = out.get_mut(slot) {
            *o = units;
        }
    }
    out
}

/// UTF-16 code units of whole characters in UTF-8 `bytes`, counted per byte rather than
/// per decoded character (several times faster in wasm, where findings' offsets span the
/// whole text): every byte that is not a continuation byte starts a character (1 unit),
/// and a four-byte lead byte starts one outside the BMP (a surrogate pair, 1 more).
/// Sixteen bytes at a time (`simd::utf16_units`: one vector compare each in wasm).
fn utf16_units(bytes: &[u8]) -> usize {
    let mut blocks = bytes.chunks_exact(16);
    let mut units = 0;
    for sixteen in &mut blocks {
        if let Ok(sixteen) = <&[u8; 16]>::try_from(sixteen) {
            units += crate::detect::simd::utf16_units(sixteen) as usize;
        }
    }
    units
        + blocks
            .remainder()
            .iter()
            .map(|&b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0))
            .sum::<usize>()
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn ascii_is_identity() {
        assert_eq!(utf16_positions("hello", &[0, 3, 5]), vec![0, 3, 5]);
    }

    #[test]
    fn multibyte_bmp_and_astral() {
        // "é" is 2 bytes / 1 unit; "😀" 4 bytes / 2 units; combining U+0301 2 bytes / 1 unit.
        let text = "é😀e\u{301}x";
        let bytes = [0, 2, 6, 7, 9, 10];
        assert_eq!(utf16_positions(text, &bytes), vec![0, 1, 3, 4, 5, 6]);
        let js: Vec<u16> = text.encode_utf16().collect();
        assert_eq!(js.len(), 6);
    }

    #[test]
    fn order_of_queries_does_not_matter() {
        let text = "a😀b😀c";
        assert_eq!(utf16_positions(text, &[10, 0, 5]), vec![6, 0, 3]);
    }

    #[test]
    fn matches_encode_utf16_at_every_boundary() {
        let text = "aé😀\u{301}€x𝄞 ";
        let mut offsets: Vec<usize> = (0..=text.len() + 2).collect();
        // Ascending (taken as they come), descending and repeated (sorted first).
        for round in 0..3 {
            if round == 1 {
                offsets.reverse();
            } else if round == 2 {
                offsets.extend_from_within(..);
            }
            let got = utf16_positions(text, &offsets);
            for (&b, &u) in offsets.iter().zip(&got) {
                let mut c = b.min(text.len());
                while !text.is_char_boundary(c) {
                    c -= 1;
                }
                let before = text.get(..c).unwrap_or_default();
                assert_eq!(u, before.encode_utf16().count(), "byte {b}, round {round}");
            }
        }
    }

    #[test]
    fn units_are_counted_right_at_every_length_and_alignment() {
        // Runs of one- to four-byte characters (and lone continuation and lead bytes, which
        // a `str` never holds but the count must still treat byte by byte), cut at every
        // length, so every byte value meets every position of the eight-byte blocks.
        let mut bytes: Vec<u8> = "aé€😀\u{7FF}\u{FFFF}\u{10FFFF}x".bytes().collect();
        bytes.extend((0..=255u8).rev());
        for from in 0..bytes.len() {
            for to in from..bytes.len().min(from + 40) {
                let run = &bytes[from..to];
                let want: usize = run
                    .iter()
                    .map(|&b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0))
                    .sum();
                assert_eq!(utf16_units(run), want, "{from}..{to}");
            }
        }
    }

    #[test]
    fn inside_a_character_and_past_the_end() {
        assert_eq!(utf16_positions("😀", &[2, 4, 99]), vec![0, 2, 2]);
    }
}
