//! A one-pass, Unicode-aware word tokenizer with word shapes (Cap, UPPER, initial, …).
//!
//! No regex: one forward walk over the `char`s, so the cost is linear in the input whatever it
//! holds. Words are runs of letters, digits and combining marks; an apostrophe or hyphen
//! between two letters stays inside the word (O'Brien, Jean-Pierre, d'Artagnan), except an
//! English possessive `'s`, which is split off so that "Smith's" yields the name "Smith".

use super::super::ascii::{self, DIGIT, LOWER, UPPER};
use super::lexicon::is_combining_mark;

/// What separates a token from the one before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Gap {
    /// Nothing: the tokens touch ("Dr" and ".").
    None,
    /// Horizontal white space only.
    Space,
    /// At least one line break (or the start of the text): names never span it.
    Newline,
}

/// The shape of a word, which carries most of the evidence when no lexicon knows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Shape {
    /// Upper-case first letter and some lower-case letters: Müller, McDonald, O'Brien.
    Cap,
    /// Two or more letters, none lower-case: SMITH, VAN, O'BRIEN.
    Upper,
    /// A single upper-case letter: the J of "J. Smith".
    Initial,
    /// Starts with a lower-case letter.
    Lower,
    /// Holds digits, or letters without case (scripts such as CJK): never a name here.
    Other,
}

/// One token: a word or a single punctuation character, by byte offsets into the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Token {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// `Some(shape)` for a word, `None` for punctuation.
    pub shape: Option<Shape>,
    /// The punctuation character, or `'\0'` for a word.
    pub punct: char,
    /// What lies between this token and the previous one.
    pub gap: Gap,
    /// All its bytes are ASCII (the lexicon key is then made without decoding `char`s).
    pub ascii: bool,
    /// It holds an upper-case letter (an ASCII word without one is its own lexicon key).
    pub upper: bool,
}

impl Token {
    /// True for punctuation token `c`.
    pub fn is_punct(&self, c: char) -> bool {
        self.shape.is_none() && self.punct == c
    }
}

fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

fn is_joiner(c: char) -> bool {
    is_apostrophe(c) || matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// The [`ascii::LOWER`], [`ascii::UPPER`] or [`ascii::DIGIT`] bit of an ASCII letter or digit,
/// 0 for any other byte: one load per letter in the word loop.
#[inline(always)]
fn ascii_class(b: u8) -> u8 {
    ascii::class(b) & !ascii::NON_HEX
}

/// Counts of a word's characters: just enough for [`Stats::shape`]. The counts of letters,
/// lower-case letters and other characters are exact only where the shape depends on them.
#[derive(Default)]
struct Stats {
    first_upper: bool,
    first_lower: bool,
    letters: usize,
    upper: usize,
    lower: usize,
    other: usize,
    /// Some letter is upper case (counted in `upper` or not).
    any_upper: bool,
}

impl Stats {
    /// Counts an ASCII letter or digit (the tokenizer's fast path: no `char` decoding).
    #[inline(always)]
    fn push_ascii(&mut self, b: u8) {
        if b.is_ascii_lowercase() {
            self.lower += 1;
            self.letters += 1;
        } else if b.is_ascii_uppercase() {
            self.upper += 1;
            self.letters += 1;
            self.any_upper = true;
        } else {
            self.other += 1;
        }
    }

    /// Counts `len` ASCII letters and digits whose [`ascii_class`] bits OR to `seen`. The
    /// number of upper-case letters only matters when there is neither a lower-case letter
    /// nor a digit (see [`Stats::shape`]), and then every byte of the run is upper case.
    #[inline(always)]
    fn push_ascii_run(&mut self, seen: u8, len: usize) {
        self.letters += len;
        self.any_upper |= seen & UPPER != 0;
        if seen & DIGIT != 0 {
            self.other += 1;
        }
        if seen & LOWER != 0 {
            self.lower += 1;
        } else if seen == UPPER {
            self.upper += len;
        }
    }

    fn push(&mut self, c: char) {
        if c.is_ascii() {
            self.letters += usize::from(c.is_ascii_alphabetic());
            self.upper += usize::from(c.is_ascii_uppercase());
            self.any_upper |= c.is_ascii_uppercase();
            self.lower += usize::from(c.is_ascii_lowercase());
            self.other += usize::from(!c.is_ascii_alphabetic());
        } else if super::super::latin::alphabetic(c) {
            self.letters += 1;
            let (upper, lower) = case_of(c);
            if upper {
                self.upper += 1;
                self.any_upper = true;
            } else if lower {
                self.lower += 1;
            } else {
                self.other += 1;
            }
        } else if !is_combining_mark(c) {
            self.other += 1;
        }
    }

    fn shape(&self) -> Shape {
        if self.other > 0 {
            Shape::Other
        } else if self.first_upper && self.lower > 0 {
            Shape::Cap
        } else if self.first_upper && self.letters == 1 {
            Shape::Initial
        } else if self.first_upper && self.upper >= 2 && self.lower == 0 {
            Shape::Upper
        } else if self.first_lower {
            Shape::Lower
        } else {
            Shape::Other
        }
    }
}

/// Splits `text` into words and punctuation. White space is not a token; it is recorded in
/// the next token's [`Gap`].
#[cfg(test)]
pub(super) fn tokenize(text: &str) -> Vec<Token> {
    Tokens::new(text).collect()
}

/// The tokens of a text, produced on demand (the matcher never holds them all).
pub(super) struct Tokens<'a> {
    text: &'a str,
    pos: usize,
    gap: Gap,
}

impl<'a> Tokens<'a> {
    /// Tokens of `text`; the start of the text counts as a line start.
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            pos: 0,
            gap: Gap::Newline,
        }
    }

    /// Goes on from byte `pos` (a `char` boundary where a token ended) as after a token.
    pub fn seek(&mut self, pos: usize) {
        self.pos = pos;
        self.gap = Gap::None;
    }

    /// The character at byte `pos` (`None` at the end). ASCII is read as a byte, without
    /// UTF-8 decoding: most report text is ASCII and this loop sees every character.
    #[inline(always)]
    fn char_at(&self, pos: usize) -> Option<char> {
        let b = *self.text.as_bytes().get(pos)?;
        if b.is_ascii() {
            Some(char::from(b))
        } else {
            self.text.get(pos..)?.chars().next()
        }
    }

    /// The word starting with the ASCII letter or digit `b` at `start`: by
    /// [`Tokens::ascii_word`] when it can, else by [`Tokens::word`]; the gap is reset.
    #[inline(always)]
    fn ascii_or_general(&mut self, start: usize, b: u8) -> Token {
        let token = match self.ascii_word(start) {
            Some(t) => t,
            None => self.word(start, char::from(b)),
        };
        self.gap = Gap::None;
        token
    }

    /// Consumes the rest of a word that started with `c` at `start`, character by character
    /// (the general path: an ASCII word of letters and digits takes [`Tokens::ascii_word`]).
    /// Not inlined: the tokenizer's loop stays small for the words that do not need it.
    #[inline(never)]
    fn word(&mut self, start: usize, c: char) -> Token {
        let mut stats = if c.is_ascii() {
            let mut stats = Stats {
                first_upper: c.is_ascii_uppercase(),
                first_lower: c.is_ascii_lowercase(),
                ..Stats::default()
            };
            stats.push_ascii(c as u8);
            stats
        } else {
            let (first_upper, first_lower) = case_of(c);
            let mut stats = Stats {
                first_upper,
                first_lower,
                ..Stats::default()
            };
            stats.push(c);
            stats
        };
        let bytes = self.text.as_bytes();
        let mut pos = start + c.len_utf8();
        let mut ascii = c.is_ascii();
        loop {
            // Most words are ASCII letters: classify them with a table, decode only the rest.
            // (Eight bytes at a time with `swar` was measured slower in wasm: most words are
            // shorter than eight letters.)
            let run = pos;
            let mut seen = 0;
            while let Some(class) = bytes.get(pos).map(|&b| ascii_class(b)).filter(|&c| c != 0) {
                seen |= class;
                pos += 1;
            }
            stats.push_ascii_run(seen, pos - run);
            let Some(d) = self.char_at(pos) else { break };
            if is_word_char(d) {
                stats.push(d);
                pos += d.len_utf8();
                ascii &= d.is_ascii();
                continue;
            }
            if !is_joiner(d) {
                break;
            }
            let next = pos + d.len_utf8();
            let Some(e) = self.char_at(next) else { break };
            let after = self.char_at(next + e.len_utf8());
            let possessive = is_apostrophe(d)
                && matches!(e, 's' | 'S')
                && !after.is_some_and(char::is_alphanumeric);
            if !e.is_alphabetic() || possessive {
                break;
            }
            // Step over the joiner; the letter after it is taken by the next round.
            pos = next;
            ascii &= d.is_ascii();
        }
        self.pos = pos;
        Token {
            start,
            end: pos,
            shape: Some(stats.shape()),
            punct: '\0',
            gap: self.gap,
            ascii,
            upper: stats.any_upper,
        }
    }

    /// The word at `start` if it is ASCII letters and digits only, ended by an ASCII byte
    /// that is no joiner (most words of most reports): its shape follows from the classes
    /// it holds, without counting. `None` sends the word to the general path of
    /// [`Tokens::word`] (a non-ASCII character or a joiner after the ASCII run).
    #[inline(always)]
    fn ascii_word(&mut self, start: usize) -> Option<Token> {
        let bytes = self.text.as_bytes();
        let first = ascii_class(*bytes.get(start)?);
        let mut pos = start;
        let mut seen = 0;
        while let Some(class) = bytes.get(pos).map(|&b| ascii_class(b)).filter(|&c| c != 0) {
            seen |= class;
            pos += 1;
        }
        if bytes
            .get(pos)
            .is_some_and(|&b| !b.is_ascii() || b == b'\'' || b == b'-')
        {
            return None;
        }
        // `Stats::shape` for a word of ASCII letters and digits: a digit makes it Other.
        let shape = if seen & DIGIT != 0 {
            Shape::Other
        } else if first == UPPER && seen & LOWER != 0 {
            Shape::Cap
        } else if first == UPPER && pos - start == 1 {
            Shape::Initial
        } else if first == UPPER {
            Shape::Upper
        } else {
            Shape::Lower
        };
        self.pos = pos;
        Some(Token {
            start,
            end: pos,
            shape: Some(shape),
            punct: '\0',
            gap: self.gap,
            ascii: true,
            upper: seen & UPPER != 0,
        })
    }
}

fn is_word_start(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        super::super::latin::alnum(c)
    }
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        super::super::latin::alnum(c) || is_combining_mark(c)
    }
}

/// `(c.is_uppercase(), c.is_lowercase())`, answered without the Unicode tables for the
/// letters of Latin-1 and Latin Extended-A (`latin::case`), the accented letters of most
/// European words.
#[inline(always)]
pub(super) fn case_of(c: char) -> (bool, bool) {
    super::super::latin::case(c).unwrap_or_else(|| (c.is_uppercase(), c.is_lowercase()))
}

impl Iterator for Tokens<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        let bytes = self.text.as_bytes();
        while let Some(&b) = bytes.get(self.pos) {
            let start = self.pos;
            // ASCII first, byte by byte: most characters of most reports are ASCII, and
            // `char`'s Unicode predicates cost a call each at the size-optimised `opt-level`.
            let c = match b {
                b' ' | b'\t' => {
                    self.pos += 1;
                    if self.gap == Gap::None {
                        self.gap = Gap::Space;
                    }
                    // Most often a word follows a single space: take it without another round.
                    if let Some(&n) = bytes.get(self.pos)
                        && ascii_class(n) != 0
                    {
                        return Some(self.ascii_or_general(self.pos, n));
                    }
                    continue;
                }
                b'\n' | b'\r' | 0x0B | 0x0C => {
                    self.pos += 1;
                    self.gap = Gap::Newline;
                    continue;
                }
                b if ascii_class(b) != 0 => return Some(self.ascii_or_general(start, b)),
                b if b.is_ascii() => {
                    // ASCII white space was taken above, so this is punctuation (or a
                    // control character): a one-byte token, no Unicode predicate needed.
                    self.pos += 1;
                    let token = Token {
                        start,
                        end: self.pos,
                        shape: None,
                        punct: char::from(b),
                        gap: self.gap,
                        ascii: true,
                        upper: false,
                    };
                    self.gap = Gap::None;
                    return Some(token);
                }
                _ => self.char_at(start)?,
            };
            if c.is_whitespace() {
                self.pos += c.len_utf8();
                if is_line_break(c) {
                    self.gap = Gap::Newline;
                } else if self.gap == Gap::None {
                    self.gap = Gap::Space;
                }
                continue;
            }
            let token = if is_word_start(c) {
                self.word(start, c)
            } else {
                self.pos += c.len_utf8();
                Token {
                    start,
                    end: self.pos,
                    shape: None,
                    punct: c,
                    gap: self.gap,
                    ascii: c.is_ascii(),
                    upper: false,
                }
            };
            self.gap = Gap::None;
            return Some(token);
        }
        None
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn case_of_is_the_unicode_case() {
        for u in 0..0x3000 {
            if let Some(c) = char::from_u32(u) {
                assert_eq!(
                    case_of(c),
                    (c.is_uppercase(), c.is_lowercase()),
                    "U+{u:04X}"
                );
            }
        }
    }

    fn words(text: &str) -> Vec<(&str, Option<Shape>)> {
        tokenize(text)
            .iter()
            .map(|t| (&text[t.start..t.end], t.shape))
            .collect()
    }

    #[test]
    fn ascii_words_at_every_length_and_alignment() {
        // Words up to and past the eight bytes read at a time, with the class that decides
        // the shape at each position, at every alignment, and followed by a tail whose
        // letters and digits must not count for the word.
        let reference = |w: &str| {
            let b = w.as_bytes();
            let (upper, lower) = (
                b.iter().filter(|c| c.is_ascii_uppercase()).count(),
                b.iter().filter(|c| c.is_ascii_lowercase()).count(),
            );
            if b.iter().any(u8::is_ascii_digit) {
                Shape::Other
            } else if b[0].is_ascii_uppercase() && lower > 0 {
                Shape::Cap
            } else if b[0].is_ascii_uppercase() && b.len() == 1 {
                Shape::Initial
            } else if b[0].is_ascii_uppercase() && upper >= 2 && lower == 0 {
                Shape::Upper
            } else {
                Shape::Lower
            }
        };
        for len in 1..=18 {
            for odd in 0..len {
                for (base, other) in [(b'A', b'a'), (b'a', b'A'), (b'A', b'7'), (b'a', b'7')] {
                    let mut word = vec![base; len];
                    word[odd] = other;
                    if word[0].is_ascii_digit() {
                        continue;
                    }
                    let word = String::from_utf8(word).unwrap();
                    for pad in 0..8 {
                        for tail in ["", " x", ",a", ".7Z", " Abc", ";abcdefgh"] {
                            let text = format!("{}{word}{tail}", " ".repeat(pad));
                            let got = words(&text);
                            assert_eq!(got[0], (word.as_str(), Some(reference(&word))), "{text:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn ascii_class_is_one_of_three() {
        for b in 0..=255u8 {
            let want = match b {
                b'a'..=b'z' => LOWER,
                b'A'..=b'Z' => UPPER,
                b'0'..=b'9' => DIGIT,
                _ => 0,
            };
            assert_eq!(ascii_class(b), want, "{b}");
        }
    }

    #[test]
    fn unicode_names_are_single_cap_words() {
        for name in [
            "Łukasz",
            "Øyvind",
            "Åsa",
            "Müller",
            "O'Brien",
            "O\u{2019}Brien",
            "Jean-Pierre",
            "McDonald",
            "Žofie",
            "Ştefan",
            "Iñaki",
        ] {
            assert_eq!(words(name), vec![(name, Some(Shape::Cap))], "{name}");
        }
        // Decomposed (NFD) "Müller": the combining mark stays inside the word.
        assert_eq!(
            words("Mu\u{0308}ller"),
            vec![("Mu\u{0308}ller", Some(Shape::Cap))]
        );
    }

    #[test]
    fn shapes() {
        assert_eq!(
            words("SMITH, J. van der Berg ÅSA d'Artagnan R2D2 北京"),
            vec![
                ("SMITH", Some(Shape::Upper)),
                (",", None),
                ("J", Some(Shape::Initial)),
                (".", None),
                ("van", Some(Shape::Lower)),
                ("der", Some(Shape::Lower)),
                ("Berg", Some(Shape::Cap)),
                ("ÅSA", Some(Shape::Upper)),
                ("d'Artagnan", Some(Shape::Lower)),
                ("R2D2", Some(Shape::Other)),
                ("北京", Some(Shape::Other)),
            ]
        );
    }

    #[test]
    fn possessive_and_dangling_joiners_are_split() {
        assert_eq!(
            words("Smith's car"),
            vec![
                ("Smith", Some(Shape::Cap)),
                ("'", None),
                ("s", Some(Shape::Lower)),
                ("car", Some(Shape::Lower))
            ]
        );
        assert_eq!(
            words("Jean- Paul'"),
            vec![
                ("Jean", Some(Shape::Cap)),
                ("-", None),
                ("Paul", Some(Shape::Cap)),
                ("'", None)
            ]
        );
        // "O'Sullivan" is not a possessive: a letter follows the s.
        assert_eq!(words("O'Sullivan"), vec![("O'Sullivan", Some(Shape::Cap))]);
    }

    #[test]
    fn gaps_record_spaces_and_line_breaks() {
        let gaps: Vec<Gap> = tokenize("Dr. Ann\nLee  Roe")
            .iter()
            .map(|t| t.gap)
            .collect();
        assert_eq!(
            gaps,
            vec![
                Gap::Newline,
                Gap::None,
                Gap::Space,
                Gap::Newline,
                Gap::Space
            ]
        );
    }

    #[test]
    fn offsets_are_char_boundaries_for_any_input() {
        let text = "é\u{0301}ü-\u{2019}s 'x\u{2028}ß—Æ";
        for t in tokenize(text) {
            assert!(
                text.is_char_boundary(t.start) && text.is_char_boundary(t.end) && t.start < t.end
            );
        }
    }
}
