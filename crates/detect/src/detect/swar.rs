//! Eight bytes in a `u64` at a time ("SIMD within a register"): the folding and the word-
//! start index look at every byte of a text, and this needs no `unsafe` and no target
//! feature. Masks have the high bit of each byte set where the byte has the property.

/// 0x01 in every byte.
const L: u64 = 0x0101_0101_0101_0101;
/// 0x80 in every byte.
pub(crate) const H: u64 = 0x8080_8080_8080_8080;

/// The eight bytes, little-endian (byte `k` in bits `8k..8k + 8`).
#[inline(always)]
pub(crate) fn load(eight: &[u8]) -> u64 {
    <[u8; 8]>::try_from(eight).map_or(H, u64::from_le_bytes)
}

/// Bytes whose low seven bits are at least `n` (`n <= 0x7f`; no carry crosses a byte).
#[inline(always)]
fn ge7(x: u64, n: u8) -> u64 {
    ((x & !H) + L * u64::from(0x80 - n)) & H
}

/// ASCII bytes in `lo..=hi`.
#[inline(always)]
fn in_range(x: u64, lo: u8, hi: u8) -> u64 {
    ge7(x, lo) & !ge7(x, hi + 1) & !x & H
}

/// ASCII letters and digits.
#[inline(always)]
pub(crate) fn word(x: u64) -> u64 {
    in_range(x, b'0', b'9') | in_range(x, b'A', b'Z') | in_range(x, b'a', b'z')
}

/// The eight bytes with their ASCII upper-case letters lower-cased (0x20 added to each
/// byte in `A..=Z`: the mask's high bit moved down two places is exactly 0x20).
#[inline(always)]
pub(crate) fn ascii_lowercase(x: u64) -> u64 {
    x | (in_range(x, b'A', b'Z') >> 2)
}

/// ASCII upper-case letters and non-ASCII bytes (where the PERSON scout looks closer).
#[inline(always)]
pub(crate) fn upper_or_non_ascii(x: u64) -> u64 {
    in_range(x, b'A', b'Z') | (x & H)
}

/// ASCII white space (`terms::is_space`).
#[inline(always)]
pub(crate) fn space(x: u64) -> u64 {
    in_range(x, b'\t', b'\r') | in_range(x, b' ', b' ')
}

/// Bytes where `terms::fold_run` must look closer: non-ASCII bytes, and, when white
/// space collapses, control bytes and white space, except a space that a byte above
/// 0x20 follows within the eight (a lone space stays). Over-approximate: a byte set here
/// is looked at one by one, one not set is certainly part of the run.
#[inline(always)]
pub(crate) fn run_stop(x: u64, collapse_space: bool) -> u64 {
    let non_ascii = x & H;
    if !collapse_space {
        return non_ascii;
    }
    let low = non_ascii | (!ge7(x, 0x21) & H);
    let blank = in_range(x, b' ', b' ');
    // The next byte's mark moved onto this byte; the last byte's next is unknown.
    let next_low = (low >> 8) | (H & !(H >> 8));
    (low & !blank) | (blank & next_low)
}

/// The ASCII digits of `x`, and its bytes that are neither a digit nor one of ` -./()` (the
/// bytes a phone number's run is read over, see `phone::may_reach_min_digits`).
#[inline(always)]
pub(crate) fn digits_and_phone_stops(x: u64) -> (u64, u64) {
    let digit = in_range(x, b'0', b'9');
    let run = digit | in_range(x, b'(', b')') | in_range(x, b'-', b'/') | in_range(x, b' ', b' ');
    (digit, !run & H)
}

/// The high bits of the eight bytes of `m` (a mask) as eight bits, byte `k` → bit `k`.
#[inline(always)]
pub(crate) fn movemask(m: u64) -> u64 {
    ((m & H) >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56
}
