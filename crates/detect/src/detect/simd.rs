//! Byte classes, run ends and lower-casing of many bytes at once, for the scans that read
//! every byte of a text (the term searches' word-start index and folding): with wasm SIMD
//! (simd128, which every wasm build of the package enables, see `.cargo/config.toml`) sixteen
//! bytes per instruction, elsewhere eight at a time in a `u64` (`swar`). Both give the same
//! bits; tests compare them with the byte-by-byte rules, and run in wasm too
//! (`make test-wasm`).
//!
//! No `unsafe`: the sixteen bytes are loaded as two `u64`s and joined into one vector, which
//! the compiler turns into one load (measured: the word-start index of 10 MB, 3.45 ms in
//! `u64`s, 1.37 ms this way).

/// Bit `k` of each mask stands for byte `k` of a 64-byte block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Masks {
    /// ASCII letters and digits.
    pub word: u64,
    /// ASCII white space (`\t` to `\r` and the space).
    pub space: u64,
}

/// The [`Masks`] of `block`.
#[inline(always)]
pub(crate) fn masks(block: &[u8; 64]) -> Masks {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    {
        wasm::masks(block)
    }
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    {
        portable(block)
    }
}

/// A set of ASCII bytes, looked up sixteen bytes at a time ([`lower_members`]).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct AsciiSet {
    /// Bit `h` of entry `l`: byte `16h + l` is in the set (`h` below 8: ASCII).
    by_low: [u8; 16],
}

impl AsciiSet {
    /// Adds `b`; a byte beyond ASCII is not added.
    pub(crate) fn insert(&mut self, b: u8) {
        if let Some(e) = self
            .by_low
            .get_mut(usize::from(b & 0x0F))
            .filter(|_| b.is_ascii())
        {
            *e |= 1 << (b >> 4);
        }
    }

    /// Whether `b` is in the set.
    pub(crate) fn contains(&self, b: u8) -> bool {
        b.is_ascii()
            && self
                .by_low
                .get(usize::from(b & 0x0F))
                .is_some_and(|e| e >> (b >> 4) & 1 == 1)
    }
}

/// The bytes of `block` among `within` whose ASCII lower case is in `set`, bit `k` for byte
/// `k`. With wasm SIMD every byte is looked up at once (two table look-ups of sixteen lanes,
/// by the low and the high half of each byte); elsewhere only the bytes of `within`.
#[inline(always)]
pub(crate) fn lower_members(block: &[u8; 64], set: &AsciiSet, within: u64) -> u64 {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    {
        wasm::lower_members(block, set) & within
    }
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    {
        portable_lower_members(block, set, within)
    }
}

/// [`lower_members`] one byte of `within` at a time.
#[cfg_attr(
    all(target_arch = "wasm32", target_feature = "simd128"),
    allow(dead_code)
)]
#[inline(always)]
fn portable_lower_members(block: &[u8; 64], set: &AsciiSet, within: u64) -> u64 {
    let mut rest = within;
    let mut m = 0;
    while rest != 0 {
        let k = rest.trailing_zeros();
        rest &= rest - 1;
        if block
            .get(k as usize)
            .is_some_and(|&b| set.contains(b.to_ascii_lowercase()))
        {
            m |= 1 << k;
        }
    }
    m
}

/// The bytes of `block` that begin a character beyond ASCII (`0xC0` and up), bit `k` for
/// byte `k`.
#[inline(always)]
pub(crate) fn leads(block: &[u8; 64]) -> u64 {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    {
        wasm::leads(block)
    }
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    {
        portable_leads(block)
    }
}

/// Bytes of `sixteen` where a run of ASCII text that folds by lower-casing alone may stop
/// (see `terms::fold_run`), bit `k` for byte `k`: non-ASCII bytes and, when white space
/// collapses, bytes below 0x21 except a space that a byte above 0x20 follows within the
/// sixteen. Over-approximate, as `swar::run_stop`: a marked byte is looked at by the exact
/// rule, an unmarked one is certainly part of the run.
#[inline(always)]
pub(crate) fn run_stop(sixteen: &[u8; 16], collapse_space: bool) -> u16 {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    {
        wasm::run_stop(sixteen, collapse_space)
    }
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    {
        portable_run_stop(sixteen, collapse_space)
    }
}

/// ASCII upper-case letters of `sixteen` lower-cased, in place.
#[inline(always)]
pub(crate) fn lowercase(sixteen: &mut [u8; 16]) {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    {
        wasm::lowercase(sixteen);
    }
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    {
        portable_lowercase(sixteen);
    }
}

/// UTF-16 code units of the characters that begin in `bytes` (UTF-8), sixteen bytes at a
/// time (a remainder of fewer is not counted: the caller counts whole blocks of sixteen):
/// one for every byte that is no continuation byte (`0x80..=0xBF`), one more for every
/// four-byte lead (`0xF0` and up: a character beyond the BMP, a surrogate pair).
///
/// In wasm, without a branch or a bit count per block: each byte lane adds −1 for a
/// continuation byte and +1 for a four-byte lead, and the lanes are summed once per 127
/// blocks (before an `i8` lane could overflow). Counting each block by its bit masks, with a
/// shortcut for blocks of ASCII, took 2 % of `analyze` on the mixed corpus: the shortcut's
/// branch goes either way in text with a few accented letters.
#[inline]
pub(crate) fn utf16_units_blocks(bytes: &[u8]) -> usize {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    {
        wasm::utf16_units_blocks(bytes)
    }
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    {
        bytes
            .chunks_exact(16)
            .map(|sixteen| portable_utf16_units(sixteen, 16) as usize)
            .sum()
    }
}

/// [`utf16_units_blocks`] of the first `n` bytes of `sixteen` (`n` at most 16).
#[inline(always)]
pub(crate) fn utf16_units_prefix(sixteen: &[u8; 16], n: usize) -> u32 {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    {
        wasm::utf16_units_prefix(sixteen, n)
    }
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    {
        portable_utf16_units(sixteen, n)
    }
}

/// [`utf16_units_prefix`] eight bytes at a time: two population counts per `u64`, of the
/// bytes below `n` only.
#[cfg_attr(
    all(target_arch = "wasm32", target_feature = "simd128"),
    allow(dead_code)
)]
#[inline(always)]
fn portable_utf16_units(sixteen: &[u8], n: usize) -> u32 {
    use super::swar::{H, load};
    let half = |k: usize| {
        let x = load(sixteen.get(k..k + 8).unwrap_or_default());
        // The bytes of this half below `n`: their high bits.
        let below = match n.saturating_sub(k) {
            0 => 0,
            m @ 1..8 => H & ((1u64 << (8 * m)) - 1),
            _ => H,
        };
        // Bit 7 set and bit 6 clear: a continuation byte.
        let continuation = x & !(x << 1) & below;
        // Bits 7 to 4 set: a four-byte lead (0xF0 and above).
        let four = x & (x << 1) & (x << 2) & (x << 3) & below;
        below.count_ones() - continuation.count_ones() + four.count_ones()
    };
    half(0) + half(8)
}

/// [`run_stop`] eight bytes at a time: the mark of the eighth byte's space is not known
/// there, so it is set (the over-approximation allows it).
#[cfg_attr(
    all(target_arch = "wasm32", target_feature = "simd128"),
    allow(dead_code)
)]
#[inline(always)]
fn portable_run_stop(sixteen: &[u8; 16], collapse_space: bool) -> u16 {
    use super::swar;
    let half = |k: usize| {
        let x = swar::load(sixteen.get(k..k + 8).unwrap_or_default());
        swar::movemask(swar::run_stop(x, collapse_space)) as u16
    };
    half(0) | half(8) << 8
}

/// [`lowercase`] eight bytes at a time.
#[cfg_attr(
    all(target_arch = "wasm32", target_feature = "simd128"),
    allow(dead_code)
)]
#[inline(always)]
fn portable_lowercase(sixteen: &mut [u8; 16]) {
    for eight in sixteen.chunks_exact_mut(8) {
        let x = super::swar::ascii_lowercase(super::swar::load(eight));
        eight.copy_from_slice(&x.to_le_bytes());
    }
}

/// [`masks`] eight bytes at a time.
#[cfg_attr(
    all(target_arch = "wasm32", target_feature = "simd128"),
    allow(dead_code)
)]
#[inline(always)]
fn portable(block: &[u8; 64]) -> Masks {
    use super::swar;
    let (mut word, mut space) = (0, 0);
    for (k, eight) in block.chunks_exact(8).enumerate() {
        let x = swar::load(eight);
        word |= swar::movemask(swar::word(x)) << (8 * k);
        space |= swar::movemask(swar::space(x)) << (8 * k);
    }
    Masks { word, space }
}

/// [`leads`] eight bytes at a time: the top two bits of a byte both set.
#[cfg_attr(
    all(target_arch = "wasm32", target_feature = "simd128"),
    allow(dead_code)
)]
#[inline(always)]
fn portable_leads(block: &[u8; 64]) -> u64 {
    use super::swar;
    let mut m = 0;
    for (k, eight) in block.chunks_exact(8).enumerate() {
        let x = swar::load(eight);
        // Bit 6 of each byte moved onto its bit 7 (the bit shifted in from the byte below
        // lands on bit 0).
        m |= swar::movemask(x & (x << 1) & swar::H) << (8 * k);
    }
    m
}

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod wasm {
    use super::{AsciiSet, Masks};
    use core::arch::wasm32::{
        i8x16_add, i8x16_lt, i8x16_splat, i8x16_sub, i16x8_extadd_pairwise_i8x16,
        i32x4_extadd_pairwise_i16x8, i32x4_extract_lane, u8x16_bitmask, u8x16_eq, u8x16_ge,
        u8x16_le, u8x16_lt, u8x16_ne, u8x16_shr, u8x16_splat, u8x16_swizzle, u64x2,
        u64x2_extract_lane, v128, v128_and, v128_or,
    };

    /// Sixteen bytes as a vector.
    #[inline(always)]
    fn load(sixteen: &[u8]) -> v128 {
        let half = |k: usize| {
            sixteen
                .get(k..k + 8)
                .and_then(|h| <[u8; 8]>::try_from(h).ok())
                .map_or(0, u64::from_le_bytes)
        };
        u64x2(half(0), half(8))
    }

    /// Bytes in `lo..=hi`.
    #[inline(always)]
    fn in_range(v: v128, lo: u8, hi: u8) -> v128 {
        v128_and(u8x16_ge(v, u8x16_splat(lo)), u8x16_le(v, u8x16_splat(hi)))
    }

    #[inline(always)]
    pub(super) fn run_stop(sixteen: &[u8; 16], collapse_space: bool) -> u16 {
        let v = load(sixteen);
        let non_ascii = u8x16_bitmask(u8x16_ge(v, u8x16_splat(0x80)));
        if !collapse_space {
            return non_ascii;
        }
        let low = non_ascii | u8x16_bitmask(u8x16_lt(v, u8x16_splat(0x21)));
        let blank = u8x16_bitmask(u8x16_eq(v, u8x16_splat(b' ')));
        // The next byte's mark moved onto this byte; the last byte's next is unknown.
        let next_low = (low >> 1) | 0x8000;
        (low & !blank) | (blank & next_low)
    }

    #[inline(always)]
    pub(super) fn lowercase(sixteen: &mut [u8; 16]) {
        let v = load(sixteen);
        let upper = in_range(v, b'A', b'Z');
        let lower = v128_or(v, v128_and(upper, u8x16_splat(0x20)));
        let (lo, hi) = (
            u64x2_extract_lane::<0>(lower),
            u64x2_extract_lane::<1>(lower),
        );
        let (a, b) = sixteen.split_at_mut(8);
        a.copy_from_slice(&lo.to_le_bytes());
        b.copy_from_slice(&hi.to_le_bytes());
    }

    #[inline(always)]
    pub(super) fn masks(block: &[u8; 64]) -> Masks {
        let (mut word, mut space) = (0u64, 0u64);
        for (k, sixteen) in block.chunks_exact(16).enumerate() {
            let v = load(sixteen);
            // Letters of either case: the case bit set, then one range.
            let letter = in_range(v128_or(v, u8x16_splat(0x20)), b'a', b'z');
            let w = v128_or(letter, in_range(v, b'0', b'9'));
            let s = v128_or(in_range(v, b'\t', b'\r'), u8x16_eq(v, u8x16_splat(b' ')));
            word |= u64::from(u8x16_bitmask(w)) << (16 * k);
            space |= u64::from(u8x16_bitmask(s)) << (16 * k);
        }
        Masks { word, space }
    }

    #[inline(always)]
    pub(super) fn lower_members(block: &[u8; 64], set: &AsciiSet) -> u64 {
        let table = load(&set.by_low);
        // The bit of each high half below 8; none for the bytes beyond ASCII.
        let high_bits = load(&[1, 2, 4, 8, 16, 32, 64, 128, 0, 0, 0, 0, 0, 0, 0, 0]);
        let mut m = 0u64;
        for (k, sixteen) in block.chunks_exact(16).enumerate() {
            let v = load(sixteen);
            let lower = v128_or(v, v128_and(in_range(v, b'A', b'Z'), u8x16_splat(0x20)));
            let low = v128_and(lower, u8x16_splat(0x0F));
            let high = u8x16_shr(lower, 4);
            let hit = v128_and(u8x16_swizzle(table, low), u8x16_swizzle(high_bits, high));
            m |= u64::from(u8x16_bitmask(u8x16_ne(hit, u8x16_splat(0)))) << (16 * k);
        }
        m
    }

    /// Per byte lane: −1 for a continuation byte, +1 for a four-byte lead, 0 otherwise.
    #[inline(always)]
    fn lane_units(v: v128) -> v128 {
        // 0x80..=0xBF are the signed bytes below −64.
        let continuation = i8x16_lt(v, i8x16_splat(-64));
        let four = u8x16_ge(v, u8x16_splat(0xF0));
        // Each comparison is −1 where it holds.
        i8x16_sub(continuation, four)
    }

    pub(super) fn utf16_units_blocks(bytes: &[u8]) -> usize {
        let mut units = 0usize;
        // 127 blocks a round: a lane moves by at most one a block.
        for round in bytes.chunks(16 * 127) {
            let mut acc = i8x16_splat(0);
            let mut blocks = round.chunks_exact(16);
            for sixteen in &mut blocks {
                acc = i8x16_add(acc, lane_units(load(sixteen)));
            }
            let sum = i32x4_extadd_pairwise_i16x8(i16x8_extadd_pairwise_i8x16(acc));
            let sum = i32x4_extract_lane::<0>(sum)
                + i32x4_extract_lane::<1>(sum)
                + i32x4_extract_lane::<2>(sum)
                + i32x4_extract_lane::<3>(sum);
            let whole = round.len() - blocks.remainder().len();
            units = units.wrapping_add(whole.wrapping_add_signed(sum as isize));
        }
        units
    }

    #[inline(always)]
    pub(super) fn utf16_units_prefix(sixteen: &[u8; 16], n: usize) -> u32 {
        let v = load(sixteen);
        let below = 1u32.checked_shl(n as u32).map_or(u32::MAX, |b| b - 1) & 0xFFFF;
        let continuation = u32::from(u8x16_bitmask(i8x16_lt(v, i8x16_splat(-64)))) & below;
        let four = u32::from(u8x16_bitmask(u8x16_ge(v, u8x16_splat(0xF0)))) & below;
        below.count_ones() - continuation.count_ones() + four.count_ones()
    }

    #[inline(always)]
    pub(super) fn leads(block: &[u8; 64]) -> u64 {
        let mut m = 0u64;
        for (k, sixteen) in block.chunks_exact(16).enumerate() {
            let lead = u8x16_ge(load(sixteen), u8x16_splat(0xC0));
            m |= u64::from(u8x16_bitmask(lead)) << (16 * k);
        }
        m
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    /// The exact rule of a run's end (see `terms::fold_run`): byte `k` of `bytes` ends the
    /// run (its next byte `None` when unknown).
    fn stops(b: u8, next: Option<u8>, collapse_space: bool) -> bool {
        let space = |b: u8| matches!(b, b' ' | b'\t'..=b'\r');
        let lone = b == b' ' && next.is_some_and(|n| n.is_ascii() && !space(n));
        !b.is_ascii() || (collapse_space && space(b) && !lone)
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn run_stops_cover_the_exact_rule_and_lowercase_is_the_library_one() {
        // Every byte value at every position, next to every kind of neighbour: spaces,
        // other white space, controls, letters, non-ASCII.
        let neighbours = [b' ', b'\t', b'\n', 0x01, b'a', b'Z', 0xC3, 0x80, b'!'];
        for base in 0..256 {
            for &n in &neighbours {
                let mut block = [0u8; 16];
                for (i, b) in block.iter_mut().enumerate() {
                    *b = if i % 2 == 0 {
                        ((base + i * 37) % 256) as u8
                    } else {
                        n
                    };
                }
                for shift in 0..2 {
                    if shift == 1 {
                        block.rotate_left(1);
                    }
                    for collapse in [false, true] {
                        let m = run_stop(&block, collapse);
                        for i in 0..16 {
                            let next = block.get(i + 1).copied();
                            if stops(block[i], next, collapse) {
                                assert!(m >> i & 1 == 1, "{block:?} {i} {collapse}");
                            }
                            // A byte this module marks is at least a candidate.
                            if m >> i & 1 == 1 {
                                assert!(
                                    !block[i].is_ascii() || (collapse && block[i] < 0x21),
                                    "{block:?} {i} {collapse}"
                                );
                            }
                        }
                    }
                    let mut lower = block;
                    lowercase(&mut lower);
                    assert_eq!(lower, block.map(|b| b.to_ascii_lowercase()));
                }
            }
        }
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn utf16_units_are_counted_byte_by_byte() {
        let units = |bytes: &[u8]| -> usize {
            bytes
                .iter()
                .map(|&b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0))
                .sum()
        };
        // Every byte value in every lane, among bytes of every kind; then blocks of ASCII
        // and blocks with one byte beyond ASCII in each lane; each cut at every length.
        let blocks = (0..256).map(|base| core::array::from_fn(|i| ((base + i * 37) % 256) as u8));
        let ascii = (0..128).map(|base| core::array::from_fn(|i| ((base + i * 37) % 128) as u8));
        let one_more = (0..16 * 4).map(|k| {
            core::array::from_fn(|i| {
                if i == k % 16 {
                    [0x80, 0xC3, 0xE2, 0xF0][k / 16]
                } else {
                    b'a'
                }
            })
        });
        for block in blocks.chain(ascii).chain(one_more) {
            let block: [u8; 16] = block;
            for n in 0..=16 {
                let want = units(&block[..n]) as u32;
                assert_eq!(utf16_units_prefix(&block, n), want, "{block:?} {n}");
                assert_eq!(portable_utf16_units(&block, n), want, "{block:?} {n}");
            }
            assert_eq!(utf16_units_blocks(&block), units(&block), "{block:?}");
        }
        // Runs of blocks long enough for the lanes' sums to be taken several times: all
        // continuation bytes (each lane's most negative), all four-byte leads (its most
        // positive), and a mixture; cut at every block count around the rounds of 127.
        for fill in [
            &[0x80u8][..],
            &[0xF0],
            &[0xF4, 0x8F, 0xBF, 0xBF, b'a', 0xC3, 0xA9],
        ] {
            let run: Vec<u8> = fill.iter().copied().cycle().take(16 * 400).collect();
            for blocks in (0..=400).filter(|b| b % 127 < 3 || b % 127 > 124 || b % 50 == 0) {
                let bytes = &run[..16 * blocks];
                assert_eq!(utf16_units_blocks(bytes), units(bytes), "{fill:?} {blocks}");
            }
            // A remainder of fewer than sixteen bytes is not counted.
            assert_eq!(utf16_units_blocks(&run[..16 * 3 + 9]), units(&run[..48]));
        }
    }

    /// Every byte value at every position of a block, next to others.
    #[test]
    fn an_ascii_set_holds_what_was_inserted() {
        let mut set = AsciiSet::default();
        for b in [b'a', b'z', b'0', b'~', 0x00, 0x7F, 0x80, 0xC3] {
            set.insert(b);
        }
        let want = |b: u8| matches!(b, b'a' | b'z' | b'0' | b'~' | 0x00 | 0x7F);
        for b in 0..=255u8 {
            assert_eq!(set.contains(b), want(b), "{b:#x}");
        }
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn masks_are_the_byte_tests() {
        for base in 0..256 {
            let mut block = [0u8; 64];
            for (i, b) in block.iter_mut().enumerate() {
                *b = ((base + i * 37) % 256) as u8;
            }
            let m = masks(&block);
            for (i, &b) in block.iter().enumerate() {
                let bit = |mask: u64| mask >> i & 1 == 1;
                assert_eq!(bit(m.word), b.is_ascii_alphanumeric(), "{b:#x} at {i}");
                let space = matches!(b, b' ' | b'\t'..=b'\r');
                assert_eq!(bit(m.space), space, "{b:#x} at {i}");
            }
            assert_eq!(m, portable(&block));
            let leads = leads(&block);
            for (i, &b) in block.iter().enumerate() {
                assert_eq!(leads >> i & 1 == 1, b >= 0xC0, "{b:#x} at {i}");
            }
            assert_eq!(leads, portable_leads(&block));
            // Sets of a few bytes each, ASCII or not, and every byte of the block asked.
            let mut set = AsciiSet::default();
            for k in 0..(base % 40) {
                set.insert(((base * 7 + k * 53) % 256) as u8);
            }
            let members = lower_members(&block, &set, u64::MAX);
            for (i, &b) in block.iter().enumerate() {
                let want = set.contains(b.to_ascii_lowercase());
                assert_eq!(members >> i & 1 == 1, want, "{b:#x} at {i}");
            }
            assert_eq!(members, portable_lower_members(&block, &set, u64::MAX));
            let within = 0x5555_0F0F_F0F0_AAAA_u64.rotate_left(base as u32);
            assert_eq!(lower_members(&block, &set, within), members & within);
        }
    }
}
