//! The name lexicon and the cue-word lists in one hash table, built once, then shared.
//!
//! The names come from `data/lexicon/names.lex` (see its README for source, licence, format
//! and how to rebuild): a front-coded sorted key list with a given/surname flag byte per key
//! and a checksum. Keys are NFC, lower-cased, with `'` for every apostrophe; an ASCII-folded
//! copy of each accented key is stored too, so "Muller" and NFD input (after its marks are
//! dropped) still hit. At first use the list is decoded into a [`Table`] together with the
//! hand-written lists of [`super::words`] and [`super::stop`], so that each word of a text
//! costs one hash lookup for everything the recognizer knows about it.

use std::sync::OnceLock;

use super::table::Table;
use super::words::{self, flag};

static NAMES: &[u8] = include_bytes!("../../../../../data/lexicon/names.lex");

/// Longest word (in bytes) that is looked up; longer words are no names, and the cap keeps a
/// crafted megabyte-long "word" from being lower-cased and hashed.
pub(super) const MAX_KEY_BYTES: usize = 48;

/// Room for the normalised key of a word of at most [`MAX_KEY_BYTES`] bytes: lower-casing a
/// `char` yields at most three `char`s, and no letter grows by more than a factor of three
/// in UTF-8 ('İ', two bytes, becomes "i̇", three). A key that still does not fit is in no list.
const KEY_CAP: usize = 3 * MAX_KEY_BYTES;

/// The file's first bytes: name and format version.
pub(super) const MAGIC: &[u8; 8] = b"BSLEX\0\0\x01";
/// Magic, key count (u32 LE), body length (u32 LE), FNV-1a 64 of the body (u64 LE).
const HEADER: usize = 24;
/// Flags of an entry (top two bits of its second byte): a given name, a surname, or both.
const ENTRY_GIVEN: u8 = 1;
const ENTRY_SURNAME: u8 = 2;

/// What the lexicon knows about one word.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Hit {
    /// The word is a known given name.
    pub given: bool,
    /// The word is a known surname.
    pub surname: bool,
}

impl Hit {
    /// True when the word is in either list.
    pub fn any(self) -> bool {
        self.given || self.surname
    }

    fn of(bits: u32) -> Self {
        Self {
            given: bits & flag::GIVEN != 0,
            surname: bits & flag::SURNAME != 0,
        }
    }
}

/// The normalised lookup key of one word, in a stack buffer: the recognizer normalises every
/// word of the text, so this must not allocate.
pub(super) struct Key {
    buf: [u8; KEY_CAP],
    len: usize,
}

impl Key {
    /// An empty key.
    pub fn new() -> Self {
        Self {
            buf: [0; KEY_CAP],
            len: 0,
        }
    }

    /// The key's bytes (valid UTF-8: whole `char`s are written).
    pub fn as_bytes(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or(&[])
    }

    fn push(&mut self, c: char) -> bool {
        let n = c.len_utf8();
        match self.buf.get_mut(self.len..self.len + n) {
            Some(dst) => {
                c.encode_utf8(dst);
                self.len += n;
                true
            }
            None => false,
        }
    }

    /// [`Key::set`] for a word known to be ASCII: a copy, lower-cased.
    pub fn set_ascii(&mut self, word: &[u8]) {
        match self.buf.get_mut(..word.len()) {
            Some(dst) => {
                // One pass (a copy, then a lower-casing pass, costs two at `opt-level = "z"`).
                for (d, s) in dst.iter_mut().zip(word) {
                    *d = s.to_ascii_lowercase();
                }
                self.len = word.len();
            }
            None => self.len = 0,
        }
    }

    /// Writes the lookup key of `word`: lower case, `'` for typographic apostrophes, `-` for
    /// Unicode hyphens, combining marks dropped (NFD input then meets the ASCII-folded keys).
    /// A word whose key does not fit leaves the key empty, which is in no list.
    pub fn set(&mut self, word: &str) {
        if word.is_ascii() {
            return self.set_ascii(word.as_bytes());
        }
        self.len = 0;
        for c in word.chars() {
            let ok = match c {
                '\u{2019}' | '\u{02BC}' | '\u{2018}' => self.push('\''),
                '\u{2010}' | '\u{2011}' => self.push('-'),
                c => match super::super::latin::lower(c) {
                    Some(l) => self.push(l),
                    None if is_combining_mark(c) => true,
                    None => c.to_lowercase().all(|l| self.push(l)),
                },
            };
            if !ok {
                self.len = 0;
                return;
            }
        }
    }

    /// Writes the ASCII-folded form of `key` ("seán" → "sean"); false when it does not fit.
    fn set_folded(&mut self, key: &[u8]) -> bool {
        self.len = 0;
        let Ok(key) = std::str::from_utf8(key) else {
            return false;
        };
        for c in key.chars() {
            // ASCII letters fold to themselves (the table holds none): most of a key's
            // letters, which would otherwise each scan the whole table.
            let fold = if c.is_ascii() {
                None
            } else {
                FOLD.iter().find(|(from, _)| *from == c)
            };
            let ok = match fold {
                Some((_, to)) => to.chars().all(|t| self.push(t)),
                None => self.push(c),
            };
            if !ok {
                return false;
            }
        }
        true
    }
}

/// The merged table. When the name list fails to load or verify, the table holds the cue
/// words only: a corrupt lexicon degrades to "no lexicon hits" (context cues still work)
/// instead of a panic.
pub(super) struct Lexicon {
    table: Table,
    names: bool,
    /// One bit per [`CUE_FILTER_BITS`] hash value, set for the hash of every word with a
    /// flag of [`LOWER_CASE_FLAGS`] (see [`Lexicon::cue_bits`]).
    cues: Vec<u64>,
}

/// The cue-word flags that matter for a word written in lower case: not [`flag::STOP`] (a
/// lower-case word is never part of a name anyway) nor [`flag::COMMON`] (only said of name
/// words), which are most of the lists' words and the most frequent words of running text.
pub(super) const LOWER_CASE_FLAGS: u32 = flag::WORD_MASK & !(flag::STOP | flag::COMMON);

/// Bits of the cue-word filter: 8 KB, within the L1 cache; a few per cent of the words
/// without such a flag pass it.
const CUE_FILTER_BITS: usize = 1 << 16;

/// The filter bit of a key's [`super::table::filter_hash`]: its top bits.
fn cue_bit(h: u64) -> usize {
    (h >> 48) as usize % CUE_FILTER_BITS
}

/// The cue-word filter of [`Lexicon::cues`].
fn cue_filter() -> Vec<u64> {
    let mut bits = vec![0u64; CUE_FILTER_BITS / 64];
    words::for_each(|w, flags| {
        if flags & LOWER_CASE_FLAGS == 0 {
            return;
        }
        let b = cue_bit(super::table::filter_hash(w.as_bytes()));
        if let Some(word) = bits.get_mut(b / 64) {
            *word |= 1 << (b % 64);
        }
    });
    bits
}

/// Why the name list was rejected (tests check the reason; the recognizer only needs to know
/// that it was).
#[derive(Debug, PartialEq, Eq)]
pub(super) enum LoadError {
    /// Too short, wrong magic or version, or a body length that does not match.
    Header,
    /// The body does not match its checksum.
    Checksum,
    /// An entry is malformed, out of order, or not UTF-8.
    Entry,
    /// The table refused a key.
    Table,
}

impl Lexicon {
    /// Builds the table from the cue-word lists and the name list `names` (the bytes of a
    /// `names.lex` file), verifying the name list's checksum and structure first so that a
    /// damaged file is rejected here rather than misread later.
    pub fn from_bytes(names: &[u8]) -> Self {
        match load(names) {
            Ok(table) => Self {
                table,
                names: true,
                cues: cue_filter(),
            },
            Err(_) => Self {
                table: words_only(),
                names: false,
                cues: cue_filter(),
            },
        }
    }

    /// True when the name list loaded.
    #[cfg(test)]
    pub fn is_loaded(&self) -> bool {
        self.names
    }

    /// Everything the table holds for `key`: [`flag`] bits of the cue-word lists plus
    /// [`flag::GIVEN`] and [`flag::SURNAME`].
    pub fn bits(&self, key: &[u8]) -> u32 {
        self.table.get(key)
    }

    /// [`Lexicon::bits`] for a word written in lower case, which is never taken as a name:
    /// exact in [`LOWER_CASE_FLAGS`], other bits may be missing. Most words of running text
    /// are lower case and have none of those flags, and a filter of the flagged words' hashes
    /// in 8 KB answers them without a probe of the whole table (which, with the name list, is
    /// far larger than the CPU's caches).
    pub fn cue_bits(&self, key: &[u8]) -> u32 {
        let b = cue_bit(super::table::filter_hash(key));
        let maybe = self
            .cues
            .get(b / 64)
            .is_some_and(|w| w & (1 << (b % 64)) != 0);
        if maybe { self.bits(key) } else { 0 }
    }

    /// The cue-word flags of `key`, including the street endings (no name bits).
    pub fn flags(&self, key: &[u8]) -> u32 {
        (self.bits(key) & flag::WORD_MASK) | words::street_bits(key)
    }

    /// The lexicon hit of a normalised key whose [`Lexicon::bits`] are `bits`. Hyphenated
    /// words ("Jean-Pierre", "Müller-Lüdenscheidt") count as given when the whole or the first
    /// part is a given name, and as surname when the whole or any part is a surname; a key
    /// with no hit is tried once more ASCII-folded ("Seán" through "sean"). `scratch` holds
    /// the folded form.
    pub fn hit(&self, key: &[u8], bits: u32, scratch: &mut Key) -> Hit {
        if !self.names {
            return Hit::default();
        }
        let mut hit = self.hit_or_folded(key, bits, scratch);
        // Not `contains(&b'-')`, which calls core's `memchr` for a short key.
        #[allow(clippy::manual_contains)]
        if key.iter().any(|&b| b == b'-') {
            for (i, part) in key.split(|&b| b == b'-').enumerate() {
                let h = self.hit_or_folded(part, self.bits(part), scratch);
                hit.given |= i == 0 && h.given;
                hit.surname |= h.surname;
            }
        }
        hit
    }

    fn hit_or_folded(&self, key: &[u8], bits: u32, scratch: &mut Key) -> Hit {
        let hit = Hit::of(bits);
        if hit.any() || key.is_ascii() || !scratch.set_folded(key) {
            return hit;
        }
        Hit::of(self.bits(scratch.as_bytes()))
    }

    /// Looks up a word as written (the recognizer normalises once and calls
    /// [`Lexicon::bits`] and [`Lexicon::hit`]; this is the convenient form for tests).
    #[cfg(test)]
    pub fn lookup(&self, word: &str) -> Hit {
        if word.len() > MAX_KEY_BYTES {
            return Hit::default();
        }
        let mut key = Key::new();
        key.set(word);
        let bits = self.bits(key.as_bytes());
        self.hit(key.as_bytes(), bits, &mut Key::new())
    }
}

/// The table of the cue-word lists and the name list in `bytes`.
fn load(bytes: &[u8]) -> Result<Table, LoadError> {
    let header = bytes.get(..HEADER).ok_or(LoadError::Header)?;
    let body = bytes.get(HEADER..).ok_or(LoadError::Header)?;
    let (magic, rest) = header.split_at(8);
    let (count, rest) = rest.split_at(4);
    let (body_len, checksum) = rest.split_at(4);
    let le32 = |b: &[u8]| {
        b.iter()
            .rev()
            .fold(0usize, |a, &x| (a << 8) | usize::from(x))
    };
    let (count, body_len) = (le32(count), le32(body_len));
    let checksum = checksum
        .iter()
        .rev()
        .fold(0u64, |a, &x| (a << 8) | u64::from(x));
    if magic != MAGIC || body.len() != body_len {
        return Err(LoadError::Header);
    }
    if fnv1a(body) != checksum {
        return Err(LoadError::Checksum);
    }
    // Each entry takes at least three bytes, which bounds the count a header may claim.
    if count > body.len() / 3 {
        return Err(LoadError::Header);
    }
    let mut table = Table::with_capacity(count + words::count(), body.len() * 2);
    let mut prev = Key::new();
    let mut rest = body;
    for _ in 0..count {
        let [prefix, packed, tail @ ..] = rest else {
            return Err(LoadError::Entry);
        };
        let (prefix, suffix_len) = (usize::from(*prefix), usize::from(packed & 0x3F));
        let suffix = tail.get(..suffix_len).ok_or(LoadError::Entry)?;
        rest = tail.get(suffix_len..).ok_or(LoadError::Entry)?;
        let len = prefix + suffix_len;
        // Keys must ascend strictly (this also rules out duplicates): the suffix must start
        // above the previous key's byte at `prefix`, or extend the previous key.
        let ascends = match (prev.as_bytes().get(prefix), suffix.first()) {
            (_, None) => false,
            (None, Some(_)) => true,
            (Some(p), Some(s)) => s > p,
        };
        if prefix > prev.len || !ascends || len > MAX_KEY_BYTES {
            return Err(LoadError::Entry);
        }
        let dst = prev.buf.get_mut(prefix..len).ok_or(LoadError::Entry)?;
        dst.copy_from_slice(suffix);
        prev.len = len;
        let key = prev.as_bytes();
        let bits = match packed >> 6 {
            ENTRY_GIVEN => flag::GIVEN,
            ENTRY_SURNAME => flag::SURNAME,
            f if f == ENTRY_GIVEN | ENTRY_SURNAME => flag::GIVEN | flag::SURNAME,
            _ => return Err(LoadError::Entry),
        };
        if std::str::from_utf8(key).is_err() {
            return Err(LoadError::Entry);
        }
        table
            .insert(key, bits as u16)
            .map_err(|_| LoadError::Table)?;
    }
    if !rest.is_empty() {
        return Err(LoadError::Entry);
    }
    add_words(&mut table)?;
    Ok(table)
}

fn add_words(table: &mut Table) -> Result<(), LoadError> {
    let mut result = Ok(());
    words::for_each(|w, bits| {
        if result.is_ok() {
            result = table
                .insert(w.as_bytes(), bits as u16)
                .map_err(|_| LoadError::Table);
        }
    });
    result
}

/// The table of the cue-word lists alone (the name list was rejected).
fn words_only() -> Table {
    let mut table = Table::with_capacity(words::count(), 16 * 1024);
    // The lists are this module's constants, tested to fit: an error here would leave some
    // cue words out, never panic.
    let _ = add_words(&mut table);
    table
}

/// FNV-1a, 64 bits: a change of any single byte changes the result (each step is a bijection
/// of the state), which is what the load check needs; it is no defence against an attacker,
/// who could as well replace the whole binary.
pub(super) fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The lexicon embedded in the binary, loaded on first use.
pub(super) fn embedded() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| Lexicon::from_bytes(NAMES))
}

/// ASCII folding of the lower-case letters of Latin-1 and Latin Extended-A, the same folding
/// `tools/lexicon/build.mjs` applies to the keys.
const FOLD: &[(char, &str)] = &[
    ('à', "a"),
    ('á', "a"),
    ('â', "a"),
    ('ã', "a"),
    ('ä', "a"),
    ('å', "a"),
    ('æ', "ae"),
    ('ç', "c"),
    ('è', "e"),
    ('é', "e"),
    ('ê', "e"),
    ('ë', "e"),
    ('ì', "i"),
    ('í', "i"),
    ('î', "i"),
    ('ï', "i"),
    ('ð', "d"),
    ('ñ', "n"),
    ('ò', "o"),
    ('ó', "o"),
    ('ô', "o"),
    ('õ', "o"),
    ('ö', "o"),
    ('ø', "o"),
    ('ù', "u"),
    ('ú', "u"),
    ('û', "u"),
    ('ü', "u"),
    ('ý', "y"),
    ('ÿ', "y"),
    ('ß', "ss"),
    ('þ', "th"),
    ('ā', "a"),
    ('ă', "a"),
    ('ą', "a"),
    ('ć', "c"),
    ('ĉ', "c"),
    ('ċ', "c"),
    ('č', "c"),
    ('ď', "d"),
    ('đ', "d"),
    ('ē', "e"),
    ('ĕ', "e"),
    ('ė', "e"),
    ('ę', "e"),
    ('ě', "e"),
    ('ĝ', "g"),
    ('ğ', "g"),
    ('ġ', "g"),
    ('ģ', "g"),
    ('ĥ', "h"),
    ('ħ', "h"),
    ('ĩ', "i"),
    ('ī', "i"),
    ('ĭ', "i"),
    ('į', "i"),
    ('ı', "i"),
    ('ķ', "k"),
    ('ĺ', "l"),
    ('ļ', "l"),
    ('ľ', "l"),
    ('ŀ', "l"),
    ('ł', "l"),
    ('ń', "n"),
    ('ņ', "n"),
    ('ň', "n"),
    ('ō', "o"),
    ('ŏ', "o"),
    ('ő', "o"),
    ('œ', "oe"),
    ('ŕ', "r"),
    ('ŗ', "r"),
    ('ř', "r"),
    ('ś', "s"),
    ('ŝ', "s"),
    ('ş', "s"),
    ('š', "s"),
    ('ţ', "t"),
    ('ť', "t"),
    ('ŧ', "t"),
    ('ũ', "u"),
    ('ū', "u"),
    ('ŭ', "u"),
    ('ů', "u"),
    ('ű', "u"),
    ('ų', "u"),
    ('ŵ', "w"),
    ('ŷ', "y"),
    ('ź', "z"),
    ('ż', "z"),
    ('ž', "z"),
    ('ș', "s"),
    ('ț', "t"),
];

/// Combining marks of the blocks that Latin-script text uses (NFD diacritics).
pub(super) fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fold_table_holds_no_ascii_letter() {
        // `Key::set_folded` copies ASCII letters without looking them up.
        assert!(FOLD.iter().all(|(from, _)| !from.is_ascii()));
        let mut k = Key::new();
        assert!(k.set_folded("seán müller-łódź".as_bytes()));
        assert_eq!(k.as_bytes(), b"sean muller-lodz");
    }

    #[test]
    fn embedded_lexicon_loads_and_knows_names() {
        let lex = embedded();
        assert!(lex.is_loaded());
        for (word, given, surname) in [
            ("Łukasz", true, false),
            ("Lukasz", true, false),
            ("Müller", false, true),
            ("MÜLLER", false, true),
            ("Muller", false, true),
            // "Pierre" is a surname too, and any part of a double name may be one.
            ("Jean-Pierre", true, true),
            ("Müller-Lüdenscheidt", false, true),
            ("O'Connell", false, true),
            ("O\u{2019}Connell", false, true),
            ("Xqzwv", false, false),
        ] {
            let hit = lex.lookup(word);
            assert_eq!((hit.given, hit.surname), (given, surname), "{word}");
        }
    }

    #[test]
    fn cue_bits_are_the_cue_word_flags() {
        let lex = embedded();
        let mut words = Vec::new();
        words::for_each(|w, _| words.push(w));
        assert!(words.len() > 1000);
        for w in &words {
            let (cue, all) = (lex.cue_bits(w.as_bytes()), lex.bits(w.as_bytes()));
            assert_eq!(cue & LOWER_CASE_FLAGS, all & LOWER_CASE_FLAGS, "{w}");
        }
        // Other keys, names among them: the flags agree, whatever the filter says.
        let others = [
            "anna", "schmidt", "bahnhof", "wurde", "the", "xyzzy", "müller", "z",
        ];
        for k in others
            .iter()
            .map(|s| s.to_string())
            .chain((0..5000).map(|i| format!("w{i}x")))
        {
            let (cue, all) = (lex.cue_bits(k.as_bytes()), lex.bits(k.as_bytes()));
            assert_eq!(cue & LOWER_CASE_FLAGS, all & LOWER_CASE_FLAGS, "{k}");
        }
        // The most frequent words of running text are stop words: they do not pass.
        for w in ["die", "und", "the", "and", "een"] {
            assert_ne!(lex.bits(w.as_bytes()) & flag::STOP, 0, "{w}");
            assert_eq!(lex.cue_bits(w.as_bytes()), 0, "{w}");
        }
        // The filter rules out most keys that are no cue word.
        let through = (0..5000)
            .filter(|i| {
                let k = format!("w{i}x");
                let b = cue_bit(super::super::table::hash(k.as_bytes()));
                lex.cues
                    .get(b / 64)
                    .is_some_and(|w| w & (1 << (b % 64)) != 0)
            })
            .count();
        assert!(through < 500, "{through} of 5000 through the filter");
    }

    #[test]
    fn nfd_input_meets_folded_keys() {
        // "Müller" with a combining diaeresis.
        assert!(embedded().lookup("Mu\u{0308}ller").surname);
        // Only "sean" is listed; "Seán" is found through its folded form.
        assert_eq!(embedded().bits("seán".as_bytes()) & flag::GIVEN, 0);
        assert!(embedded().lookup("Seán").given);
    }

    #[test]
    fn corrupt_lexicon_degrades_to_no_hits() {
        let lex = Lexicon::from_bytes(b"not a lexicon at all, just bytes");
        assert!(!lex.is_loaded());
        assert_eq!(lex.lookup("John"), Hit::default());
        // The cue words are still there.
        assert_ne!(lex.flags(b"herr") & flag::TITLE, 0);

        // A real file with one flipped byte in its body fails the checksum.
        let mut flipped = NAMES.to_vec();
        if let Some(b) = flipped.get_mut(NAMES.len() / 2) {
            *b ^= 0x55;
        }
        assert_eq!(load(&flipped).err(), Some(LoadError::Checksum));
        let lex = Lexicon::from_bytes(&flipped);
        assert!(!lex.is_loaded());
        assert!(!lex.lookup("Anna").given);
        // Truncated, or a header that claims another length.
        assert_eq!(
            load(NAMES.get(..NAMES.len() - 1).unwrap_or_default()).err(),
            Some(LoadError::Header)
        );
        assert_eq!(
            load(NAMES.get(..10).unwrap_or_default()).err(),
            Some(LoadError::Header)
        );
    }

    /// A file with a valid checksum around the given body (as `examples/build_lexicon.rs`
    /// writes it).
    fn file(count: u32, body: &[u8]) -> Vec<u8> {
        let mut v = MAGIC.to_vec();
        v.extend_from_slice(&count.to_le_bytes());
        v.extend_from_slice(&(body.len() as u32).to_le_bytes());
        v.extend_from_slice(&fnv1a(body).to_le_bytes());
        v.extend_from_slice(body);
        v
    }

    #[test]
    fn malformed_entries_are_rejected_even_with_a_valid_checksum() {
        // "ann" (given), "anna" (given + surname): well formed.
        let good = [0, 0x43, b'a', b'n', b'n', 3, 0xC1, b'a'];
        let lex = Lexicon::from_bytes(&file(2, &good));
        assert!(lex.is_loaded());
        assert_eq!(
            lex.lookup("Anna"),
            Hit {
                given: true,
                surname: true
            }
        );
        assert_eq!(
            lex.lookup("Ann"),
            Hit {
                given: true,
                surname: false
            }
        );
        for (count, body) in [
            // Out of order ("anna" then "ann"), a duplicate, an empty key.
            (
                2,
                &[0, 0x44, b'a', b'n', b'n', b'a', 0, 0x43, b'a', b'n', b'n'][..],
            ),
            (
                2,
                &[0, 0x43, b'a', b'n', b'n', 0, 0x43, b'a', b'n', b'n'][..],
            ),
            (2, &[0, 0x43, b'a', b'n', b'n', 3, 0x40][..]),
            // A prefix longer than the previous key, no flag, invalid UTF-8.
            (1, &[1, 0x41, b'a', 0][..]),
            (1, &[0, 0x01, b'a'][..]),
            (1, &[0, 0x42, 0xC3, b'a'][..]),
            // A key longer than any word that is looked up.
            (1, &[&[0, 0x40 | 49][..], &[b'a'; 49]].concat()[..]),
            // Fewer or more entries than the header says.
            (3, &good[..]),
            (1, &good[..]),
        ] {
            let bytes = file(count, body);
            assert!(load(&bytes).is_err(), "{body:?}");
            assert!(!Lexicon::from_bytes(&bytes).is_loaded());
        }
    }

    #[test]
    fn overlong_words_are_not_looked_up() {
        let long = "A".repeat(MAX_KEY_BYTES + 1);
        assert_eq!(embedded().lookup(&long), Hit::default());
    }

    #[test]
    fn keys_never_overflow_and_normalise_like_the_lists() {
        let mut key = Key::new();
        // Every letter lower-cases into the key buffer at the longest looked-up length.
        for c in ['İ', 'ẞ', 'Ω', 'Ǆ', 'ﬀ', 'a'] {
            let n = MAX_KEY_BYTES / c.len_utf8();
            let word: String = std::iter::repeat_n(c, n).collect();
            key.set(&word);
            assert_eq!(
                std::str::from_utf8(key.as_bytes()).ok(),
                Some(word.to_lowercase().as_str()),
                "{c}"
            );
        }
        key.set("O\u{2019}Bri\u{0301}en\u{2011}Ḿ");
        assert_eq!(key.as_bytes(), "o'brien-ḿ".as_bytes());
    }
}
