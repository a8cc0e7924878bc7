//! An open-addressing hash table from short byte keys to flag bits, built once, read-only after.
//!
//! Every word of a text is looked up once (cue words, stop lists and both name lists live in
//! this one table), so the lookup is the recognizer's hottest path. A probe reads one `u64`
//! slot: flags, key length and a 16-bit hash tag are packed next to the key's offset, so a
//! slot that holds another key is rejected without touching the key bytes; the key bytes are
//! compared only on a tag match. This replaced two FST lookups per capitalised word plus a
//! bucketed word table (`bench_person`, mixed text: 45 → 119 MB/s together with the
//! tokenizer and allocation changes of the same round).
//!
//! Slot layout (0 = empty; an occupied slot has a key length ≥ 1): bits 0–23 offset of the key
//! in `arena`, 24–31 key length, 32–47 flags, 48–63 tag.

/// Longest key the table holds; longer keys are refused when building and never match.
pub(super) const MAX_KEY: usize = 255;

/// Largest arena the 24-bit offsets can address.
const MAX_ARENA: usize = 1 << 24;

/// Why a table could not be built (the callers turn this into "no entries", never a panic).
#[derive(Debug, PartialEq, Eq)]
pub(super) enum BuildError {
    /// A key is empty or longer than [`MAX_KEY`].
    KeyLength(usize),
    /// More keys than the table was sized for, or more key bytes than 24-bit offsets address.
    Full,
}

/// The table: key bytes in one arena, slots in a power-of-two array.
pub(super) struct Table {
    arena: Vec<u8>,
    slots: Vec<u64>,
    /// One bit per value of [`filter_bit`] of the keys held: a key whose bit is clear is
    /// absent without a probe of the slots. Eight bits per key (64 KB for the name lexicon,
    /// within a core's second-level cache), so about one absent key in sixteen is probed.
    /// Half the capitalised words of report text are in no list (German nouns, field
    /// names), and their probes of the 512 KB of slots mostly missed the cache.
    filter: Vec<u64>,
    /// `8 * filter.len() * 8 - 1`: the filter's bit count less one.
    filter_mask: usize,
    /// `slots.len() - 1`.
    mask: usize,
    /// Right shift that turns a hash into a slot index (its top bits).
    shift: u32,
    len: usize,
}

/// FxHash's multiplier (the 64-bit golden ratio): one multiply per 8 key bytes.
const K: u64 = 0x9E37_79B9_7F4A_7C15;

/// Little-endian `u64` of the eight bytes of `key` at `at` (0 when out of range).
#[inline(always)]
fn le64(key: &[u8], at: usize) -> u64 {
    key.get(at..at + 8)
        .and_then(|s| <[u8; 8]>::try_from(s).ok())
        .map_or(0, u64::from_le_bytes)
}

/// Little-endian `u32` of the four bytes of `key` at `at` (0 when out of range).
#[inline(always)]
fn le32(key: &[u8], at: usize) -> u64 {
    key.get(at..at + 4)
        .and_then(|s| <[u8; 4]>::try_from(s).ok())
        .map_or(0, |b| u64::from(u32::from_le_bytes(b)))
}

/// Hash of a key, read as a few overlapping words: eight-byte chunks with the last one
/// aligned to the end; a key of 4–7 bytes as its first and last four bytes; 1–3 bytes one
/// by one. Short keys (most names) cost two loads instead of a byte loop. The length seeds
/// the hash, so keys whose words coincide but whose lengths differ still hash apart.
pub(super) fn hash(key: &[u8]) -> u64 {
    let n = key.len();
    let mut h = (n as u64).wrapping_mul(K);
    let mut mix = |w: u64| h = (h.rotate_left(23) ^ w).wrapping_mul(K);
    if n >= 8 {
        let mut i = 0;
        while i + 8 < n {
            mix(le64(key, i));
            i += 8;
        }
        mix(le64(key, n - 8));
    } else if n >= 4 {
        mix(le32(key, 0) | (le32(key, n - 4) << 32));
    } else {
        mix(key.iter().fold(0, |acc, &b| (acc << 8) | u64::from(b)));
    }
    h ^ (h >> 29)
}

/// A cheaper hash for a filter in front of the table (see `Lexicon::cue_bits`): the key's
/// length and its first and last (up to) eight bytes, one multiplication, no loop over a
/// long key. It is not the table's hash; a filter built with it is only asked with it.
pub(super) fn filter_hash(key: &[u8]) -> u64 {
    let n = key.len();
    let x = if n >= 8 {
        le64(key, 0) ^ le64(key, n - 8).rotate_left(29)
    } else if n >= 4 {
        le32(key, 0) | (le32(key, n - 4) << 32)
    } else {
        key.iter().fold(0, |acc, &b| (acc << 8) | u64::from(b))
    };
    (x ^ (n as u64).wrapping_mul(K)).wrapping_mul(K)
}

/// Byte equality of two keys, a word at a time as in [`hash`]: a plain slice comparison
/// calls `memcmp`, which costs more than the comparison itself for keys this short.
fn same(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    if n >= 8 {
        let mut i = 0;
        while i + 8 < n {
            if le64(a, i) != le64(b, i) {
                return false;
            }
            i += 8;
        }
        le64(a, n - 8) == le64(b, n - 8)
    } else if n >= 4 {
        le32(a, 0) == le32(b, 0) && le32(a, n - 4) == le32(b, n - 4)
    } else {
        a.iter().zip(b).all(|(x, y)| x == y)
    }
}

/// The filter bit of a key with hash `h` (bits 16 and up: the tag takes the low 16, the
/// slot index the top ones).
fn filter_bit(h: u64, mask: usize) -> usize {
    (h >> 16) as usize & mask
}

fn tag(h: u64) -> u64 {
    // The low bits; the index uses the top bits, so the two are independent.
    h & 0xFFFF
}

impl Table {
    /// An empty table sized for `capacity` keys (load factor ≤ 0.6, so probe runs stay short
    /// and a lookup always meets an empty slot).
    pub fn with_capacity(capacity: usize, arena_bytes: usize) -> Self {
        let slots = (capacity.saturating_mul(5) / 3).max(16).next_power_of_two();
        let filter_bits = capacity.saturating_mul(8).max(64).next_power_of_two();
        Self {
            arena: Vec::with_capacity(arena_bytes),
            slots: vec![0; slots],
            filter: vec![0; filter_bits / 64],
            filter_mask: filter_bits - 1,
            mask: slots - 1,
            shift: 64 - slots.trailing_zeros(),
            len: 0,
        }
    }

    /// Number of keys.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.len
    }

    fn index(&self, h: u64) -> usize {
        // `shift` < 64 because there are at least 16 slots.
        (h >> self.shift) as usize & self.mask
    }

    fn key_of(&self, slot: u64) -> &[u8] {
        let off = (slot & 0xFF_FFFF) as usize;
        let len = ((slot >> 24) & 0xFF) as usize;
        self.arena.get(off..off + len).unwrap_or(&[])
    }

    /// The flags of `key`, 0 when absent.
    pub fn get(&self, key: &[u8]) -> u32 {
        if key.is_empty() || key.len() > MAX_KEY {
            return 0;
        }
        let h = hash(key);
        let bit = filter_bit(h, self.filter_mask);
        if self
            .filter
            .get(bit / 64)
            .is_none_or(|w| w >> (bit % 64) & 1 == 0)
        {
            return 0;
        }
        let want = (tag(h) << 48) | ((key.len() as u64) << 24);
        let mut i = self.index(h);
        // The load factor keeps an empty slot in every probe run; the bound is a second line.
        for _ in 0..self.slots.len() {
            let slot = self.slots.get(i).copied().unwrap_or(0);
            if slot == 0 {
                return 0;
            }
            if slot & 0xFFFF_0000_FF00_0000 == want && same(self.key_of(slot), key) {
                return ((slot >> 32) & 0xFFFF) as u32;
            }
            i = (i + 1) & self.mask;
        }
        0
    }

    /// ORs `flags` (16 bits) into the entry of `key`, adding it when absent. The table never
    /// grows: the caller sizes it with [`Table::with_capacity`]; inserting past that
    /// capacity is refused with [`BuildError::Full`] rather than degrading the load.
    pub fn insert(&mut self, key: &[u8], flags: u16) -> Result<(), BuildError> {
        if key.is_empty() || key.len() > MAX_KEY {
            return Err(BuildError::KeyLength(key.len()));
        }
        let h = hash(key);
        let want = (tag(h) << 48) | ((key.len() as u64) << 24);
        let mut i = self.index(h);
        loop {
            let Some(slot) = self.slots.get_mut(i) else {
                return Err(BuildError::Full);
            };
            if *slot == 0 {
                break;
            }
            let s = *slot;
            if s & 0xFFFF_0000_FF00_0000 == want && same(self.key_of(s), key) {
                if let Some(slot) = self.slots.get_mut(i) {
                    *slot |= u64::from(flags) << 32;
                }
                return Ok(());
            }
            i = (i + 1) & self.mask;
        }
        let off = self.arena.len();
        if off + key.len() > MAX_ARENA || (self.len + 1) * 5 > self.slots.len() * 3 {
            return Err(BuildError::Full);
        }
        self.arena.extend_from_slice(key);
        if let Some(slot) = self.slots.get_mut(i) {
            *slot = want | (u64::from(flags) << 32) | off as u64;
        }
        let bit = filter_bit(h, self.filter_mask);
        if let Some(w) = self.filter.get_mut(bit / 64) {
            *w |= 1 << (bit % 64);
        }
        self.len += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_what_was_inserted_and_nothing_else() {
        let mut t = Table::with_capacity(1000, 8000);
        let keys: Vec<String> = (0..1000).map(|i| format!("k{i}é")).collect();
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(t.insert(k.as_bytes(), (i % 0xFFFF) as u16 + 1), Ok(()));
        }
        // Merging flags into an existing key adds no entry.
        assert_eq!(t.insert(b"k1\xc3\xa9", 0x8000), Ok(()));
        assert_eq!(t.len(), 1000);
        for (i, k) in keys.iter().enumerate() {
            let want = ((i % 0xFFFF) as u32 + 1) | if i == 1 { 0x8000 } else { 0 };
            assert_eq!(t.get(k.as_bytes()), want, "{k}");
        }
        for absent in ["", "k", "k1", "k1000é", "k1é\0"] {
            assert_eq!(t.get(absent.as_bytes()), 0, "{absent}");
        }
        assert_eq!(t.get(&[b'a'; MAX_KEY + 1]), 0);
    }

    #[test]
    fn refuses_bad_keys_and_overfilling() {
        let mut t = Table::with_capacity(3, 10);
        assert_eq!(t.insert(b"", 1), Err(BuildError::KeyLength(0)));
        assert_eq!(
            t.insert(&[b'a'; MAX_KEY + 1], 1),
            Err(BuildError::KeyLength(MAX_KEY + 1))
        );
        // 16 slots hold at most 9 keys at a load of 0.6.
        let results: Vec<bool> = (0..20)
            .map(|i| t.insert(format!("w{i}").as_bytes(), 1).is_ok())
            .collect();
        assert_eq!(results.iter().filter(|ok| **ok).count(), 9);
        assert!(results.iter().skip(9).all(|ok| !ok));
        assert_eq!(t.get(b"w8"), 1);
        assert_eq!(t.get(b"w9"), 0);
    }
}
