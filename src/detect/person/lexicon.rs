//! The embedded name lexicon: given names and surnames as FST sets, checked once, then shared.
//!
//! The sets come from `data/lexicon/` (see its README for source, licence and how to rebuild).
//! Keys are NFC, lower-cased, with `'` for every apostrophe; an ASCII-folded copy of each
//! accented key is stored too, so "Muller" and NFD input (after its marks are dropped) still hit.

use std::sync::OnceLock;

use fst::Set;

static GIVEN_FST: &[u8] = include_bytes!("../../../data/lexicon/given.fst");
static SURNAME_FST: &[u8] = include_bytes!("../../../data/lexicon/surname.fst");

/// Longest word (in bytes) that is looked up; longer words are no names, and the cap keeps a
/// crafted megabyte-long "word" from being lower-cased and walked through the FST.
pub(super) const MAX_KEY_BYTES: usize = 48;

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
}

/// The two name sets. A set that fails to load or to verify is `None`: a corrupt lexicon
/// degrades to "no lexicon hits" (context cues still work) instead of a panic.
pub(super) struct Lexicon {
    given: Option<Set<&'static [u8]>>,
    surname: Option<Set<&'static [u8]>>,
}

impl Lexicon {
    /// Loads both sets from bytes, verifying the FST checksum so that a damaged table is
    /// rejected here rather than misread later.
    pub fn from_bytes(given: &'static [u8], surname: &'static [u8]) -> Self {
        Self {
            given: load(given),
            surname: load(surname),
        }
    }

    /// True when both sets loaded.
    #[cfg(test)]
    pub fn is_loaded(&self) -> bool {
        self.given.is_some() && self.surname.is_some()
    }

    /// Looks up an already normalised key (see [`normalise_into`]).
    pub fn lookup_key(&self, key: &str) -> Hit {
        Hit {
            given: self.given.as_ref().is_some_and(|s| s.contains(key)),
            surname: self.surname.as_ref().is_some_and(|s| s.contains(key)),
        }
    }

    /// Looks up a normalised key, and when it has no hit, its ASCII-folded form: "Seán" is
    /// then found through "sean" although only the plain spelling is listed.
    pub fn lookup_key_or_folded(&self, key: &str, buf: &mut String) -> Hit {
        let hit = self.lookup_key(key);
        if hit.any() || key.is_ascii() {
            return hit;
        }
        buf.clear();
        for c in key.chars() {
            match FOLD.iter().find(|(from, _)| *from == c) {
                Some((_, to)) => buf.push_str(to),
                None => buf.push(c),
            }
        }
        self.lookup_key(buf)
    }

    /// Looks up a word as written. Hyphenated words ("Jean-Pierre", "Müller-Lüdenscheidt")
    /// count as given when the whole or the first part is a given name, and as surname when
    /// the whole or any part is a surname. (The recognizer normalises once and calls
    /// [`Lexicon::lookup_normalised`]; this is the convenient form for tests.)
    #[cfg(test)]
    pub fn lookup(&self, word: &str, buf: &mut String) -> Hit {
        if word.len() > MAX_KEY_BYTES {
            return Hit::default();
        }
        let mut key = String::new();
        normalise_into(word, &mut key);
        self.lookup_normalised(&key, buf)
    }

    /// [`Lexicon::lookup`] for a key already normalised by [`normalise_into`]; `scratch` is
    /// reused for the folded form.
    pub fn lookup_normalised(&self, key: &str, scratch: &mut String) -> Hit {
        let mut hit = self.lookup_key_or_folded(key, scratch);
        if key.as_bytes().contains(&b'-') {
            for (i, part) in key.split('-').enumerate() {
                let h = self.lookup_key_or_folded(part, scratch);
                hit.given |= i == 0 && h.given;
                hit.surname |= h.surname;
            }
        }
        hit
    }
}

fn load(bytes: &'static [u8]) -> Option<Set<&'static [u8]>> {
    let set = Set::new(bytes).ok()?;
    set.as_fst().verify().ok()?;
    Some(set)
}

/// The lexicon embedded in the binary, loaded on first use.
pub(super) fn embedded() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| Lexicon::from_bytes(GIVEN_FST, SURNAME_FST))
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

/// Writes the lookup key of `word` into `buf`: lower case, `'` for typographic apostrophes,
/// combining marks dropped (NFD input then meets the ASCII-folded keys).
pub(super) fn normalise_into(word: &str, buf: &mut String) {
    buf.clear();
    if word.is_ascii() {
        // Fast path for most words of most reports.
        buf.push_str(word);
        buf.make_ascii_lowercase();
        return;
    }
    for c in word.chars() {
        match c {
            '\u{2019}' | '\u{02BC}' | '\u{2018}' => buf.push('\''),
            '\u{2010}' | '\u{2011}' => buf.push('-'),
            c if is_combining_mark(c) => {}
            c => buf.extend(c.to_lowercase()),
        }
    }
}

/// Combining marks of the blocks that Latin-script text uses (NFD diacritics).
pub(super) fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_lexicon_loads_and_knows_names() {
        let lex = embedded();
        assert!(lex.is_loaded());
        let mut buf = String::new();
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
            let hit = lex.lookup(word, &mut buf);
            assert_eq!((hit.given, hit.surname), (given, surname), "{word}");
        }
    }

    #[test]
    fn nfd_input_meets_folded_keys() {
        let mut buf = String::new();
        // "Müller" with a combining diaeresis.
        let hit = embedded().lookup("Mu\u{0308}ller", &mut buf);
        assert!(hit.surname);
        // Only "sean" is listed; "Seán" is found through its folded form.
        assert!(!embedded().lookup_key("seán").given);
        assert!(embedded().lookup("Seán", &mut buf).given);
    }

    #[test]
    fn corrupt_lexicon_degrades_to_no_hits() {
        static GARBAGE: &[u8] = b"not an fst at all, just bytes";
        let lex = Lexicon::from_bytes(GARBAGE, &[]);
        assert!(!lex.is_loaded());
        assert_eq!(lex.lookup("John", &mut String::new()), Hit::default());

        // A real FST with one flipped byte in its body fails the checksum.
        static FLIPPED: OnceLock<Vec<u8>> = OnceLock::new();
        let flipped = FLIPPED.get_or_init(|| {
            let mut v = GIVEN_FST.to_vec();
            if let Some(b) = v.get_mut(GIVEN_FST.len() / 2) {
                *b ^= 0x55;
            }
            v
        });
        let lex = Lexicon::from_bytes(flipped, SURNAME_FST);
        assert!(!lex.is_loaded());
        assert!(!lex.lookup("Anna", &mut String::new()).given);
    }

    #[test]
    fn overlong_words_are_not_looked_up() {
        let long = "A".repeat(MAX_KEY_BYTES + 1);
        assert_eq!(embedded().lookup(&long, &mut String::new()), Hit::default());
    }
}
