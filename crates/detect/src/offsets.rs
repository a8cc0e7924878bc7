//! Offsets: byte offsets (Rust strings) to UTF-16 code units (JavaScript string indices).
//!
//! The core works in bytes; the JavaScript boundary speaks UTF-16, what
//! `String.prototype.slice` uses, so an emoji (a surrogate pair) counts 2 and "é" counts 1.

use crate::detect::simd;

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
    let mut out = vec![0usize; byte_offsets.len()];
    let mut count = Count {
        bytes: text.as_bytes(),
        block: 0,
        units: 0,
    };
    for (byte, slot) in order {
        // The start of the character holding `byte` (the end for offsets past it).
        let mut to = byte.min(text.len());
        while !text.is_char_boundary(to) {
            to -= 1;
        }
        if let Some(o) = out.get_mut(slot) {
            *o = count.units_to(to);
        }
    }
    out
}

/// UTF-16 code units of the text before ascending offsets, counted from the text's start in
/// blocks of sixteen bytes. The bytes of the block holding an offset are counted up to it by
/// a mask, not byte by byte: findings' offsets are ~160 bytes apart in a report, so counting
/// each stretch between two offsets up to its end, byte by byte past its last whole block,
/// read as many bytes one at a time as in blocks.
struct Count<'t> {
    bytes: &'t [u8],
    /// The first byte not counted yet, a multiple of 16.
    block: usize,
    /// UTF-16 code units of `bytes[..block]`.
    units: usize,
}

impl Count<'_> {
    /// UTF-16 code units of `bytes[..to]` (`to` at least every offset asked before, at most the
    /// text's length, on a character boundary).
    fn units_to(&mut self, to: usize) -> usize {
        let whole = to - to % 16;
        if let Some(blocks) = self.bytes.get(self.block..whole) {
            self.units += simd::utf16_units_blocks(blocks);
            self.block = whole;
        }
        let n = to.saturating_sub(self.block);
        if n == 0 {
            return self.units;
        }
        let rest = self.bytes.get(self.block..).unwrap_or_default();
        let sixteen = match rest.get(..16).and_then(|s| <&[u8; 16]>::try_from(s).ok()) {
            Some(s) => *s,
            None => {
                // The text's last bytes, padded (the padding is past `n`).
                let mut s = [0u8; 16];
                for (d, b) in s.iter_mut().zip(rest) {
                    *d = *b;
                }
                s
            }
        };
        self.units + simd::utf16_units_prefix(&sixteen, n) as usize
    }
}

/// UTF-16 code units of whole characters in UTF-8 `bytes`: every byte that is not a
/// continuation byte starts a character (1 unit), and a four-byte lead byte starts one
/// outside the BMP (a surrogate pair, 1 more).
#[cfg(test)]
fn utf16_units(bytes: &[u8]) -> usize {
    let mut count = Count {
        bytes,
        block: 0,
        units: 0,
    };
    count.units_to(bytes.len())
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
