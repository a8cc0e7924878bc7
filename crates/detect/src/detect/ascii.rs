//! The class of every byte for the scans that look at each byte of a text: the segment scan
//! (`segment.rs`) and the PERSON tokenizer (`person/token.rs`, which the PERSON benchmark
//! compiles from its source and so reaches this file by a path of its own).

/// Class bit of an ASCII digit.
pub(crate) const DIGIT: u8 = 1;
/// Class bit of an ASCII upper-case letter.
pub(crate) const UPPER: u8 = 2;
/// Class bit of an ASCII lower-case letter.
pub(crate) const LOWER: u8 = 4;
/// Class bit of an ASCII letter that is no hexadecimal digit (`g`–`z`, `G`–`Z`).
pub(crate) const NON_HEX: u8 = 8;

/// The class bits of an ASCII letter or digit, 0 for any other byte.
const fn class_of(b: u8) -> u8 {
    match b {
        b'0'..=b'9' => DIGIT,
        b'a'..=b'f' => LOWER,
        b'g'..=b'z' => LOWER | NON_HEX,
        b'A'..=b'F' => UPPER,
        b'G'..=b'Z' => UPPER | NON_HEX,
        _ => 0,
    }
}

/// [`class_of`] of every byte: one load per byte in the scans' inner loops (the `match` is a
/// chain of range tests).
static CLASS: [u8; 256] = classes();

// Evaluated at compile time: an index out of range would fail the build, it cannot panic
// at run time (and `get_mut` is not callable in a const fn).
#[allow(clippy::indexing_slicing)]
const fn classes() -> [u8; 256] {
    let mut t = [0; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = class_of(b as u8);
        b += 1;
    }
    t
}

/// The class bits of `b`: [`DIGIT`], [`UPPER`] or [`LOWER`], with [`NON_HEX`] for the
/// letters past `f`; 0 for a byte that is no ASCII letter or digit.
#[inline(always)]
pub(crate) fn class(b: u8) -> u8 {
    CLASS.get(usize::from(b)).copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_class_of() {
        for b in 0..=255u8 {
            assert_eq!(class(b), class_of(b), "{b}");
            assert_eq!(class(b) != 0, b.is_ascii_alphanumeric(), "{b}");
            assert_eq!(class(b) & DIGIT != 0, b.is_ascii_digit(), "{b}");
            assert_eq!(class(b) & UPPER != 0, b.is_ascii_uppercase(), "{b}");
            assert_eq!(class(b) & LOWER != 0, b.is_ascii_lowercase(), "{b}");
            let hex_letter = b.is_ascii_hexdigit() && !b.is_ascii_digit();
            assert_eq!(
                class(b) & NON_HEX != 0,
                b.is_ascii_alphabetic() && !hex_letter,
                "{b}"
            );
        }
    }
}
