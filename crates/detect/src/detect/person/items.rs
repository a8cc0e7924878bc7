//! Classifies tokens into the items the matcher reads: name units, cues, commas and breaks.
//!
//! One forward pass; every token is looked at once, and only capitalised or upper-case words
//! (plus the few cue words) are lower-cased and looked up.

use super::lexicon::{self, Hit, Key, Lexicon};
use super::quiet::{self, Scout};
use super::token::{Gap, Shape, Token, Tokens};
use super::words::{self, flag};

/// Which kind of context announces a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum CueKind {
    /// Mr, Herr, Mme, Pan, Inspector.
    Title,
    /// suspect, Zeuge, témoin.
    Role,
    /// Name:, Nachname:, Nom :.
    Label,
    /// alias, genannt, named.
    Naming,
}

/// A context cue: its kind and the byte range of the cue word (quoted in the reason).
#[derive(Clone, Copy, Debug)]
pub(super) struct Cue {
    pub kind: CueKind,
    pub start: usize,
    pub end: usize,
}

/// The kind of a name unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum UnitKind {
    /// A capitalised or upper-case word.
    Name,
    /// A single upper-case letter with its '.' ("J.").
    Initial,
    /// van, von, de, della: only inside a name.
    Particle,
}

/// A word that may be part of a name, with everything the scoring needs.
#[derive(Clone, Copy, Debug)]
pub(super) struct Unit {
    pub kind: UnitKind,
    pub start: usize,
    pub end: usize,
    pub hit: Hit,
    /// All letters upper case (SMITH).
    pub upper: bool,
    /// The word is also a common word (Mark, Rose, Will).
    pub common: bool,
    /// A line break lies before it: a name never continues across one.
    pub newline_before: bool,
    /// Touches an organisation/street/place word before or after it.
    pub prev_org: bool,
    pub next_org: bool,
    /// Right after a locative preposition ("in", "nach", "à").
    pub prev_locative: bool,
}

/// One item of the matcher's input.
#[derive(Clone, Copy, Debug)]
pub(super) enum Item {
    Unit(Unit),
    Cue(Cue),
    Comma,
    Break,
}

/// Suffixes glued to an abbreviated Italian title: Sig.ra, Sig.na, Dott.ssa.
const TITLE_SUFFIXES: &[&str] = &["ra", "na", "ssa", "a"];

/// Builds the item list of `text` from its tokens, read as a stream with a look-ahead of two
/// tokens (no token list is kept).
#[cfg(test)]
pub(super) fn classify(text: &str, tokens: Tokens<'_>, lex: &Lexicon) -> Vec<Item> {
    let mut all = Vec::new();
    classify_chunks(text, tokens, lex, false, |items| {
        all.extend_from_slice(items);
    });
    all
}

/// How far on (in bytes) the next upper-case letter must lie for the classifier to step
/// over the quiet stretch before it rather than read it: a step costs a look back for a
/// restart word and three tokens read anew. Measured on report prose in wasm: 32 bytes
/// (about five words) is about where stepping starts to pay.
const QUIET_GAP: usize = 32;

/// Items per chunk handed to `emit` (about 10 KB: the matcher reads a chunk while it is still
/// in the L1 cache, and the item list of a large text is never held whole).
const CHUNK: usize = 256;

/// `classify`, handing the items to `emit` in chunks, in order. A chunk ends with an
/// [`Item::Break`] (unless it is the last), which is safe for the matcher: a break resets its
/// pending cue and ends every run, and its look-ahead never passes one, so matching the
/// chunks one by one finds exactly what matching the whole list finds. A text without
/// breaks ("John Smith John Smith …") is one chunk, as large as the text.
///
/// With `skip_quiet`, the tokens of quiet stretches are stepped over, unread (see
/// [`super::quiet`]): after a quiet token past the upper-case letter being served, when
/// the next one lies more than [`QUIET_GAP`] bytes on, the tokens resume at the last quiet
/// word before it. The items found are those of the busy stretches.
pub(super) fn classify_chunks(
    text: &str,
    mut tokens: Tokens<'_>,
    lex: &Lexicon,
    skip_quiet: bool,
    mut emit: impl FnMut(&[Item]),
) {
    let mut scout = skip_quiet.then(|| Scout::new(text));
    // The current token and the two after it, in a ring (`head` is the current one): a step
    // writes one token instead of moving three.
    let mut window = [tokens.next(), tokens.next(), tokens.next()];
    let mut head = 0;
    let mut items = Items(Vec::with_capacity(CHUNK));
    let mut c = Classifier {
        text,
        lex,
        key: Key::new(),
        key_is_word: false,
        scratch: Key::new(),
        prev_flags: 0,
        prev_coordinate: false,
    };
    let at = |w: &[Option<Token>; 3], k: usize| w.get(k % 3).copied().flatten();
    while let Some(tok) = at(&window, head) {
        // The look-ahead is read only where it is used: most tokens decide alone.
        let next = || at(&window, head + 1);
        let (item, f, step) = match tok.shape {
            None if tok.punct == ',' => (Item::Comma, 0, 1),
            None => (Item::Break, 0, 1),
            Some(shape) => {
                let len = tok.end - tok.start;
                let lone_letter = shape == Shape::Initial
                    && !next().is_some_and(|n| n.is_punct('.') && n.gap == Gap::None);
                if len > lexicon::MAX_KEY_BYTES || shape == Shape::Other {
                    (Item::Break, 0, 1)
                } else if lone_letter && !matches!(text.get(tok.start..tok.end), Some("Ó" | "Y")) {
                    // A capital letter without a dot is neither an initial nor a title ("M."),
                    // only the particles Ó and Y; skipping the look-ups keeps "A A A …" cheap.
                    (Item::Break, 0, 1)
                } else if shape == Shape::Initial && dotted_org(text, lex, tok.start) {
                    // "Marco Rossi S.r.l.": a company form written with dots is no initial but
                    // an organisation word, and the name before it names the company.
                    (Item::Break, flag::ORG, 1)
                } else {
                    let word = text.as_bytes().get(tok.start..tok.end).unwrap_or(&[]);
                    if tok.ascii && !tok.upper {
                        // Already its own key (most words of running text): no copy.
                        c.key_is_word = true;
                    } else if tok.ascii {
                        c.key.set_ascii(word);
                        c.key_is_word = false;
                    } else {
                        c.key.set(text.get(tok.start..tok.end).unwrap_or(""));
                        c.key_is_word = false;
                    }
                    let key = if c.key_is_word {
                        word
                    } else {
                        c.key.as_bytes()
                    };
                    // One table lookup answers both the cue-word lists and the name lists;
                    // a lower-case word is no name, and only its cue-word flags are needed.
                    let bits = if shape == Shape::Lower {
                        lex.cue_bits(key)
                    } else {
                        lex.bits(key)
                    };
                    let f = word_flags(lex, key, bits);
                    if shape == Shape::Lower && f == 0 {
                        // What `word_item` makes of a lower-case word without flags (most
                        // words of running text), without the call.
                        (Item::Break, 0, 1)
                    } else {
                        let after = at(&window, head + 2);
                        let (item, step) = c.word_item(&tok, shape, f, bits, [next(), after]);
                        (item, f, step)
                    }
                }
            }
        };
        if f & flag::ORG != 0 && tok.gap != Gap::Newline {
            items.mark_next_org();
        }
        items.push(item);
        if items.0.len() >= CHUNK && matches!(items.0.last(), Some(Item::Break)) {
            emit(&items.0);
            items.0.clear();
        }
        // A street or organisation word reaches over particles: "Avenida de Juan Carlos".
        c.prev_flags = if f & flag::PARTICLE != 0 {
            f | (c.prev_flags & flag::ORG)
        } else {
            f
        };
        c.prev_coordinate = tok.shape.is_none() && matches!(tok.punct, '°' | '"' | '′' | '″');
        // A quiet token: a break that consumed only itself and left no flags.
        if f == 0
            && step == 1
            && matches!(items.0.last(), Some(Item::Break))
            && let Some(s) = scout.as_mut()
            && tok.end > s.target
        {
            match s.upper_from(tok.end, lex) {
                Some(next) if next < tok.end + QUIET_GAP => s.target = next,
                // Nothing after this can be a name.
                None => break,
                Some(next) => {
                    s.target = next;
                    tokens.seek(quiet::restart(text, lex, tok.end, next).unwrap_or(tok.end));
                    window = [tokens.next(), tokens.next(), tokens.next()];
                    head = 0;
                    continue;
                }
            }
        }
        for _ in 0..step {
            if let Some(slot) = window.get_mut(head) {
                *slot = tokens.next();
            }
            head = (head + 1) % 3;
        }
    }
    if !items.0.is_empty() {
        emit(&items.0);
    }
}

/// Longest company form written with dots that [`dotted_org`] reads, in letters.
const MAX_DOTTED_LETTERS: usize = 6;

/// Whether a company form written with dots starts at `at` ("S.r.l.", "S.p.A.", "S.A.S.",
/// "S.R.L."): single ASCII letters each followed by a dot, up to the end of the word, whose
/// letters spell an organisation word of the lexicon ("srl", "spa", "sas"). Two capitals
/// alone ("A.B.", "S.A.") are read as initials, as a police report writes them
/// ("SMITH, A.B."): a form is taken only with a lower-case letter or three letters or more.
fn dotted_org(text: &str, lex: &Lexicon, at: usize) -> bool {
    let bytes = text.as_bytes();
    let mut key = [0u8; MAX_DOTTED_LETTERS];
    let mut n = 0;
    let mut lower = false;
    let mut i = at;
    while let (Some(&b), Some(&b'.')) = (bytes.get(i), bytes.get(i + 1)) {
        let Some(slot) = key.get_mut(n).filter(|_| b.is_ascii_alphabetic()) else {
            return false;
        };
        *slot = b.to_ascii_lowercase();
        lower |= b.is_ascii_lowercase();
        n += 1;
        i += 2;
    }
    // The form ends the word ("S.r.l.," and "S.r.l.." too), and has its letters.
    let ended = bytes
        .get(i)
        .is_none_or(|b| !b.is_ascii_alphanumeric() && b.is_ascii());
    ended
        && (n >= 3 || (n == 2 && lower))
        && key.get(..n).is_some_and(|k| lex.flags(k) & flag::ORG != 0)
}

/// Whether the ASCII word `word` of lower-case letters and digits is a quiet token (see
/// [`super::quiet`]): what [`classify_chunks`] makes of it, a break without flags, decided
/// the same way (a digit makes it no word, a word longer than a key is never looked up,
/// the rest is asked for its cue-word flags).
pub(super) fn quiet_ascii_word(lex: &Lexicon, word: &[u8]) -> bool {
    word.len() > lexicon::MAX_KEY_BYTES
        || word.iter().any(u8::is_ascii_digit)
        || plain_flags(word, lex.cue_bits(word)) == 0
}

/// The item list; consecutive breaks collapse into one, so prose and crafted punctuation
/// cost one item per stretch, not one per word.
#[derive(Default)]
struct Items(Vec<Item>);

impl Items {
    fn push(&mut self, item: Item) {
        if !(matches!(item, Item::Break) && matches!(self.0.last(), Some(Item::Break))) {
            self.0.push(item);
        }
    }

    fn mark_next_org(&mut self) {
        if let Some(Item::Unit(prev)) = self.0.last_mut() {
            prev.next_org = true;
        }
    }
}

/// State of the classifier between two words.
struct Classifier<'a> {
    text: &'a str,
    lex: &'a Lexicon,
    /// The current word, normalised (see [`Key::set`]).
    key: Key,
    /// The current word is ASCII without upper-case letters, so its text is its key and
    /// `key` was not written.
    key_is_word: bool,
    /// Scratch space for the lexicon's folded lookups.
    scratch: Key,
    /// Flags of the previous word (0 after punctuation).
    prev_flags: u32,
    /// The previous token closes a coordinate: a degree, minute or second sign.
    prev_coordinate: bool,
}

impl Classifier<'_> {
    /// The item of the current word (cue-word flags `f`, table bits `bits`), and how many
    /// tokens it consumes (a title takes its '.', a label its ':').
    fn word_item(
        &mut self,
        tok: &Token,
        shape: Shape,
        f: u32,
        bits: u32,
        [next, after]: [Option<Token>; 2],
    ) -> (Item, usize) {
        let touches_next = |c: char| next.is_some_and(|n| n.is_punct(c) && n.gap == Gap::None);
        let on_line_next = |c: char| next.is_some_and(|n| n.is_punct(c) && n.gap != Gap::Newline);
        let cue = |kind| {
            Item::Cue(Cue {
                kind,
                start: tok.start,
                end: tok.end,
            })
        };
        // "annex B.", "Anlage B.": the letter of a reference, with its dot, is no initial; nor
        // is a compass point after a coordinate ("13.4050° E. Anna Schmidt").
        if shape == Shape::Initial
            && touches_next('.')
            && (self.prev_flags & flag::REF != 0
                || (self.prev_coordinate
                    && matches!(
                        self.text.get(tok.start..tok.end),
                        Some("N" | "S" | "E" | "W" | "O")
                    )))
        {
            return (Item::Break, 2);
        }
        if f & flag::LABEL != 0 && on_line_next(':') && self.prev_flags & flag::LABEL_BLOCK == 0 {
            return (cue(CueKind::Label), 2);
        }
        if f & flag::ROLE != 0 && shape != Shape::Initial {
            // "Witness:" heads a field just like "Name:" does.
            return match (on_line_next(':'), on_line_next(',')) {
                (true, _) => (cue(CueKind::Label), 2),
                (false, true) => (cue(CueKind::Role), 2),
                (false, false) => (cue(CueKind::Role), 1),
            };
        }
        // Ranks and titles are written in lower case in running text in most of the twelve
        // languages ("le commissaire Maigret", "pan Kowalski", "fru Andersson").
        let title_shape = match shape {
            Shape::Cap | Shape::Upper => true,
            Shape::Lower => f & flag::TITLE_CAP == 0,
            Shape::Initial | Shape::Other => false,
        };
        if (f & flag::TITLE != 0 && title_shape)
            || (f & flag::TITLE_DOT != 0 && shape == Shape::Initial && touches_next('.'))
        {
            if !touches_next('.') {
                return (cue(CueKind::Title), 1);
            }
            let suffix = after.filter(|t| t.gap == Gap::None && t.shape == Some(Shape::Lower));
            let glued = suffix.is_some_and(|t| {
                self.text
                    .get(t.start..t.end)
                    .is_some_and(|s| TITLE_SUFFIXES.contains(&s))
            });
            return (cue(CueKind::Title), if glued { 3 } else { 2 });
        }
        if f & flag::CUE != 0 && shape != Shape::Initial {
            return (cue(CueKind::Naming), if on_line_next(':') { 2 } else { 1 });
        }
        if shape == Shape::Initial && touches_next('.') {
            let end = next.map_or(tok.end, |n| n.end);
            return (
                Item::Unit(unit(UnitKind::Initial, tok, end, Hit::default(), false)),
                2,
            );
        }
        // "Ó" (Seán Ó Briain) is a particle although it has the shape of an initial.
        if f & flag::PARTICLE != 0 {
            let mut u = unit(UnitKind::Particle, tok, tok.end, Hit::default(), false);
            // "VAN DEN BERG, Joost": upper-case particles belong to an upper-case surname.
            u.upper = shape == Shape::Upper;
            return (Item::Unit(u), 1);
        }
        if f & (flag::STOP | flag::LOCATIVE) != 0 || !matches!(shape, Shape::Cap | Shape::Upper) {
            return (Item::Break, 1);
        }
        let word = self.text.as_bytes().get(tok.start..tok.end).unwrap_or(&[]);
        let key = if self.key_is_word {
            word
        } else {
            self.key.as_bytes()
        };
        let hit = self.lex.hit(key, bits, &mut self.scratch);
        let mut u = unit(UnitKind::Name, tok, tok.end, hit, f & flag::COMMON != 0);
        u.upper = shape == Shape::Upper;
        u.prev_org = tok.gap != Gap::Newline && self.prev_flags & flag::ORG != 0;
        u.prev_locative = tok.gap != Gap::Newline && self.prev_flags & flag::LOCATIVE != 0;
        (Item::Unit(u), 1)
    }
}

/// Italian and French elided articles and prepositions: "l'indagato" is the role word
/// "indagato", "dell'Interno" is no name.
const ELISIONS: &[&str] = &[
    "l", "d", "dell", "all", "dall", "nell", "sull", "un", "qu", "j", "s", "c", "n",
];

/// [`word_flags`] of a key without an apostrophe or a hyphen (an ASCII word of letters and
/// digits, as the scout and the look back for a cue read them), where it is the table's
/// flags and the street ending alone: `word_flags` would first search the key for the two
/// joiners. Measured under V8 (`docs/PERFORMANCE.md`, thirteenth round): PERSON on the
/// mixed corpus 3 % fewer instructions.
#[inline(always)]
pub(super) fn plain_flags(key: &[u8], bits: u32) -> u32 {
    debug_assert!(!key.iter().any(|&b| b == b'\'' || b == b'-'));
    (bits & flag::WORD_MASK) | words::street_bits(key)
}

/// Cue-word flags of a key whose table bits are `bits`, looking through an elided article and
/// at the first part of a double word ("Mercedes-Benz" is as common a word as "Mercedes").
pub(super) fn word_flags(lex: &Lexicon, key: &[u8], bits: u32) -> u32 {
    let f = (bits & flag::WORD_MASK) | words::street_bits(key);
    if f != 0 || !key.iter().any(|&b| b == b'\'' || b == b'-') {
        return f;
    }
    if let Some((_, rest)) =
        split_once(key, b'\'').filter(|(head, _)| ELISIONS.iter().any(|e| e.as_bytes() == *head))
    {
        return lex.flags(rest) & !(flag::COMMON | flag::PARTICLE);
    }
    match split_once(key, b'-') {
        Some((head, _)) => lex.flags(head) & flag::COMMON,
        None => 0,
    }
}

/// `key` split around the first `sep` (an ASCII byte, so both halves stay UTF-8).
fn split_once(key: &[u8], sep: u8) -> Option<(&[u8], &[u8])> {
    let i = key.iter().position(|&b| b == sep)?;
    Some((key.get(..i)?, key.get(i + 1..)?))
}

fn unit(kind: UnitKind, tok: &Token, end: usize, hit: Hit, common: bool) -> Unit {
    Unit {
        kind,
        start: tok.start,
        end,
        hit,
        upper: false,
        common,
        newline_before: tok.gap == Gap::Newline,
        prev_org: false,
        next_org: false,
        prev_locative: false,
    }
}
