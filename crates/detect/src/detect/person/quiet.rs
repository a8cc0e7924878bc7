//! Quiet stretches: the parts of a text where no name can start, which the recognizer steps
//! over without tokenizing them.
//!
//! A name, a title before it or an initial always holds a token whose first letter is upper
//! case. Between two such letters lie only lower-case words, digits, punctuation and white
//! space. Classified, those give breaks, commas, cues (lower-case titles and role words) and
//! particles, and no finding: a run of particles alone is no name ([`super::shapes`]), and a
//! cue only acts on the name units right after it. What such a stretch changes is the state
//! at its end, and that state is known after a *quiet token*: one that classifies as a break,
//! consumes only itself and has no cue-word flags (most words of running text). After it the
//! matcher has no pending cue and no run, and the classifier no flags of a previous word.
//!
//! So the classifier ([`super::items::classify_chunks`]) reads busy stretches only. After a
//! quiet token past the upper-case letter it serves, it asks the [`Scout`] for the next one;
//! if that lies more than a few words on, it moves the tokenizer to the end of the last quiet
//! word before that letter ([`restart`]) and goes on from there. The tokens in between are
//! never read and would have yielded nothing. The scout also passes over the capitals that
//! begin stop words and particles ("The", "Le", a lone "O"): such a word classifies like a
//! quiet token, so a stretch that holds one is quiet too ([`stop_word_end`]). So does a word
//! with a digit ("DE89", the "2B" of a MAC address). And over an unknown capitalised or
//! upper-case word with no cue before it ("der Bahnhof", every other German noun, "Nähe",
//! "IBAN"): alone it is no name, and what it could join is read again from the restart word
//! before the next capital ([`no_cue_before`]). And over a capitalised cue word that a quiet
//! word follows ("Der Beschuldigte wurde"): the break clears the cue before it announces
//! anything ([`quiet_after`]). Words beyond ASCII are read by the tokenizer itself
//! ([`token_end`], [`breaks_only`]). A test compares the findings
//! with and without the stepping on texts built to reach every case, and checks that the
//! flags of a word before a step do not reach the name after it.
//!
//! Measured in wasm on 10 MB of the benchmark's multilingual report prose (German nouns are
//! capitalised, so busy stretches are many): PERSON took 67 ms reading every token and 52
//! ms stepping; on the mixed corpus, 59 ms stepping at every capital and 48 ms passing over
//! the stop words. Passing over unknown words and words with digits, also where unknown
//! words and particles stand between them and the quiet word ("Durchsuchung der Wohnung"):
//! 10 MB of German report prose (a paragraph of nouns, no names) 82 → 47 ms, the benchmark's
//! prose 40 → 31 ms and its mixed corpus 48 → 40 ms; passing over cue words with nothing to
//! announce as well, prose 23 ms and mixed 34 ms (the rest of its busy stretches hold names).
//! Linear: the scout
//! reads each byte once (a capitalised word's lexicon look-up included), the look back for a
//! cue before one passes at most three particles, and the look back from an upper-case
//! letter to a restart word stays within the stretch being stepped over.

use super::items::{plain_flags, quiet_ascii_word, word_flags};
use super::lexicon::{Key, Lexicon, MAX_KEY_BYTES};
use super::token::{Shape, Token, Tokens, case_of};
use super::words::flag;

/// ASCII white space as the tokenizer reads it (a token never holds one of these bytes).
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C)
}

/// Finds the upper-case letters of a text, front to back: each byte is read once however
/// often it is asked (the questions come in increasing order).
pub(super) struct Scout<'a> {
    text: &'a str,
    /// Every position from `from` to `next` is no upper-case letter; `next` is one (or the
    /// end of the text).
    from: usize,
    next: usize,
    /// The upper-case letter the current busy stretch must pass before it may end.
    pub(super) target: usize,
    /// What the questions of the scout share (see [`Memo`]).
    memo: Memo,
}

/// What the scout's questions share: the last unknown word passed over ([`Unknown`]), and
/// three lexicon keys, written afresh for each word. Made once for a text: a key is 144
/// bytes, and making one per word looked up zeroed it each time (in wasm a `memory.fill`,
/// which V8 makes a call: ~80,000 per `analyze` of the 10 MB corpus with the classifier's).
struct Memo {
    unknown: Unknown,
    /// A capitalised word beyond ASCII ([`token_end`]).
    word: Key,
    /// Its folded form ([`Lexicon::hit`]).
    scratch: Key,
    /// A lower-case word ([`lower_flags`]).
    key: Key,
}

/// The bounds of the last word [`passable`] passed over as an unknown word with no cue
/// before it (`(usize::MAX, 0)` before the first). [`no_cue_before`] looking back over
/// particles and unknown words ends at it: whatever lies before it, its own look found no
/// cue there ("Die Durchsuchung der Wohnung": the look from "Wohnung" stops at
/// "Durchsuchung", without reading "Die" again).
type Unknown = (usize, usize);

impl<'a> Scout<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        Scout {
            text,
            // Nothing scanned yet: the first question scans.
            from: usize::MAX,
            next: 0,
            target: 0,
            memo: Memo {
                unknown: (usize::MAX, 0),
                word: Key::new(),
                scratch: Key::new(),
                key: Key::new(),
            },
        }
    }

    /// The first upper-case letter at or after `pos` (a `char` boundary) that does not begin
    /// a capitalised stop word ([`stop_word_end`]), `None` if there is none. `pos` never
    /// decreases from one call to the next.
    pub(super) fn upper_from(&mut self, pos: usize, lex: &Lexicon) -> Option<usize> {
        if pos < self.from || pos > self.next {
            self.from = pos;
            let mut at = pos;
            self.next = loop {
                let upper = first_upper(self.text, at);
                // Each pass moves on: an end not past the letter (none at the text's end)
                // stops here.
                match stop_word_end(self.text, lex, upper, &mut self.memo) {
                    Some(end) if end > upper => at = end,
                    _ => break upper,
                }
            };
        }
        (self.next < self.text.len()).then_some(self.next)
    }
}

/// If the upper-case letter at `at` begins a word the scout may pass over, the word's end.
/// The word is ASCII and the tokenizer takes it whole (no letter, digit or joiner touches it
/// on either side), and it is one of:
/// - a capitalised stop word: its flags are stop word, locative or particle, with or
///   without [`flag::COMMON`], and nothing else (`The`, `Die`, `El`, `Le`, `De`, `Den`,
///   `Tuesday`; not a title, role, label, naming cue or organisation word, nor a name);
/// - a lone capital letter that the classifier makes a break (no dot after it, not the
///   particle "Y");
/// - a word with a digit (`DE89`), which the tokenizer gives no name shape: a break;
/// - a word the lexicon does not know, capitalised or upper case (`Bahnhof`, `IBAN`), with no
///   cue before it ([`no_cue_before`]);
/// - a role word, title or naming cue with a quiet word after it ([`quiet_after`]);
/// - a capital inside a word with a digit (`2B`, `117-B`, [`inside_number`]).
///
/// Sentences often hold no other capital than such a first word, and a stretch that holds
/// one yields what a quiet stretch yields. `Classifier::word_item` makes the word a break or
/// a particle unit, consuming only itself; a particle with no name after it is no finding
/// (`shapes`), and a stop word's or locative's flags reach the next word only. Whatever
/// follows it up to the next upper-case letter is lower-case words, digits and punctuation,
/// so the next word is no name; and the letter the scout does stop at is read from a restart
/// word ([`restart`]) before it: a quiet lower-case word, or, if there is none after the
/// skipped word, a point before the skipped word itself, which is then read again.
fn stop_word_end(text: &str, lex: &Lexicon, at: usize, memo: &mut Memo) -> Option<usize> {
    let bytes = text.as_bytes();
    if at >= bytes.len() {
        return None;
    }
    let glued = |b: &u8| !b.is_ascii() || b.is_ascii_alphanumeric() || matches!(b, b'\'' | b'-');
    if at
        .checked_sub(1)
        .and_then(|i| bytes.get(i))
        .is_some_and(glued)
    {
        return inside_number(text, at);
    }
    let word = bytes.get(at..)?;
    let (mut len, mut digit) = (0, false);
    for b in word.iter().take_while(|b| b.is_ascii_alphanumeric()) {
        len += 1;
        digit |= b.is_ascii_digit();
    }
    let end = at + len;
    if len == 0 || bytes.get(end).is_some_and(glued) {
        // Letters beyond ASCII ("Nähe") or a joiner ("Jean-Pierre").
        return token_end(text, lex, at, memo);
    }
    if digit {
        // A word with a digit ("DE89", "C01X00T47") is a break without flags, as a
        // lower-case word is: the tokenizer gives it no shape of a name.
        return Some(end);
    }
    if len > MAX_KEY_BYTES {
        return None;
    }
    if len == 1 {
        // A capital letter without a dot after it is a break (the Portuguese article "O"),
        // except the particle "Y"; with the dot it is an initial.
        return (bytes.get(at) != Some(&b'Y') && bytes.get(end) != Some(&b'.')).then_some(end);
    }
    let mut key = [0u8; MAX_KEY_BYTES];
    let key = lower_key(&mut key, bytes.get(at..end)?)?;
    let bits = lex.bits(key);
    let f = plain_flags(key, bits);
    passable(
        text,
        lex,
        (at, end),
        f,
        (&mut memo.unknown, &mut memo.key),
        || bits & (flag::GIVEN | flag::SURNAME) != 0,
    )
}

/// The ASCII `word` lower-cased into `buf` (`None` if it is longer): the lexicon key of an
/// ASCII word, in one byte loop. A slice copy (in wasm a `memory.copy`) followed by
/// `make_ascii_lowercase` (a vectorised pass with its prologue) cost more for words this
/// short (`docs/PERFORMANCE.md`, tenth round).
fn lower_key<'k>(buf: &'k mut [u8; MAX_KEY_BYTES], word: &[u8]) -> Option<&'k [u8]> {
    let key = buf.get_mut(..word.len())?;
    for (d, &b) in key.iter_mut().zip(word) {
        *d = b.to_ascii_lowercase();
    }
    Some(key)
}

/// `end` if the scout may pass over the capitalised or upper-case word `at..end`, whose
/// cue-word flags are `f` and which `named()` says is in a name list: a stop word,
/// particle or locative; a cue with a quiet word after it ("Der Beschuldigte wurde …"); an
/// unknown word with no cue before it (a German noun, a field name such as "IBAN"), which
/// is then the last such word (`unknown`). `key`: room for the keys of the words looked at.
fn passable(
    text: &str,
    lex: &Lexicon,
    (at, end): (usize, usize),
    f: u32,
    (unknown, key): (&mut Unknown, &mut Key),
    named: impl FnOnce() -> bool,
) -> Option<usize> {
    let quiet = flag::STOP | flag::LOCATIVE | flag::PARTICLE;
    if f & quiet != 0 && f & !(quiet | flag::COMMON) == 0 {
        return Some(end);
    }
    if f & CUE_ITEM != 0 && quiet_after(text, lex, end, key) {
        return Some(end);
    }
    if f & !flag::COMMON == 0 && !named() && no_cue_before(text, lex, at, *unknown, key) {
        *unknown = (at, end);
        return Some(end);
    }
    None
}

/// The flags that make a capitalised word a cue item whatever follows it but `:` (see
/// `Classifier::word_item`): role word, title, naming cue.
const CUE_ITEM: u32 = flag::ROLE | flag::TITLE | flag::CUE;

/// Most particles, unknown words and chunks of punctuation [`no_cue_before`] looks back
/// over ("van de la", "Durchsuchung der").
const PARTICLES_BACK: usize = 3;

/// How far [`inside_number`] looks back for the start of the chunk around a capital (a
/// bound that keeps the scout linear on a text of one endless word).
const INSIDE_LOOK: usize = 32;

/// If the upper-case letter at `at`, glued to what stands before it, lies in a word with a
/// digit (`2B` of a MAC address, `117-B`), that word's end: the tokenizer gives it no name
/// shape, so it is a break. The word is read by the tokenizer from the start of its chunk,
/// which must lie within [`INSIDE_LOOK`] bytes.
fn inside_number(text: &str, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut start = at;
    while start > 0 && bytes.get(start - 1).is_some_and(|&b| !is_space(b)) {
        if at - start == INSIDE_LOOK {
            return None;
        }
        start -= 1;
    }
    let mut tokens = Tokens::new(text);
    tokens.seek(start);
    let t = tokens.find(|t| t.end > at).filter(|t| t.start <= at)?;
    let long = t.end - t.start > MAX_KEY_BYTES;
    (t.shape == Some(Shape::Other) || (t.shape.is_some() && long)).then_some(t.end)
}

/// [`stop_word_end`] for a word the tokenizer must read (letters beyond ASCII, joiners):
/// its token, classified as `items::classify_chunks` does. `at` starts a token (nothing
/// glued before it).
fn token_end(text: &str, lex: &Lexicon, at: usize, memo: &mut Memo) -> Option<usize> {
    let mut tokens = Tokens::new(text);
    tokens.seek(at);
    let t = tokens.next().filter(|t| t.start == at)?;
    if t.end - t.start > MAX_KEY_BYTES || t.shape == Some(Shape::Other) {
        // Never looked up: a break.
        return Some(t.end);
    }
    if !matches!(t.shape, Some(Shape::Cap | Shape::Upper)) {
        return None;
    }
    memo.word.set(text.get(t.start..t.end)?);
    let key = memo.word.as_bytes();
    let bits = lex.bits(key);
    let f = word_flags(lex, key, bits);
    let scratch = &mut memo.scratch;
    passable(
        text,
        lex,
        (at, t.end),
        f,
        (&mut memo.unknown, &mut memo.key),
        || lex.hit(key, bits, scratch).any(),
    )
}

/// Whether `chunk` (a run of non-space bytes starting at `start` of `text`) holds no word:
/// punctuation, symbols and emoji, which the tokenizer makes breaks and commas.
fn no_word(text: &str, start: usize, chunk: &[u8]) -> bool {
    if chunk.is_ascii() {
        return chunk.iter().all(u8::is_ascii_punctuation);
    }
    let mut tokens = Tokens::new(text);
    tokens.seek(start);
    tokens
        .take_while(|t| t.start < start + chunk.len())
        .all(|t| t.shape.is_none())
}

/// Whether the tokens of `text[start..end]` (a run of non-space bytes, `start` where a token
/// may start) classify as breaks and commas only: a lower-case word without cue-word flags,
/// or a stop word or locative, then punctuation and numbers (the first-token test of
/// `items::classify_chunks`, for a word beyond ASCII).
fn breaks_only(text: &str, lex: &Lexicon, start: usize, end: usize, key: &mut Key) -> bool {
    let mut tokens = Tokens::new(text);
    tokens.seek(start);
    let Some(first) = tokens.next() else {
        return false;
    };
    if first.start != start
        || first.end > end
        || !matches!(first.shape, Some(Shape::Lower | Shape::Other))
    {
        return false;
    }
    for t in tokens.by_ref() {
        if t.start >= end {
            break;
        }
        if t.end > end || !matches!(t.shape, None | Some(Shape::Other)) {
            return false;
        }
    }
    if first.shape == Some(Shape::Other) {
        // A number or a word with a digit: a break.
        return true;
    }
    lower_flags(text, lex, &first, key).is_some_and(|f| f & !(flag::STOP | flag::LOCATIVE) == 0)
}

/// The cue-word flags the classifier gives the lower-case word token `t` (0 for a word too
/// long to look up, which is a break), written in `key`.
fn lower_flags(text: &str, lex: &Lexicon, t: &Token, key: &mut Key) -> Option<u32> {
    let word = text.get(t.start..t.end)?;
    if word.len() > MAX_KEY_BYTES {
        return Some(0);
    }
    key.set(word);
    let key = key.as_bytes();
    Some(word_flags(lex, key, lex.cue_bits(key)))
}

/// Whether white space and then a quiet word follow `end`: a cue word ending at `end` then
/// announces nothing (a break after it clears it), so its capital need not be read. At the
/// end of the text there is nothing to announce either.
fn quiet_after(text: &str, lex: &Lexicon, end: usize, key: &mut Key) -> bool {
    let bytes = text.as_bytes();
    let mut p = end;
    while bytes.get(p).is_some_and(|&b| is_space(b)) {
        p += 1;
    }
    if p == end {
        // Punctuation right after a cue may be its own (`Herr.`, `Zeuge:`).
        return false;
    }
    let mut tokens = Tokens::new(text);
    tokens.seek(p);
    let Some(t) = tokens.next() else {
        return true;
    };
    t.start == p && t.shape == Some(Shape::Lower) && lower_flags(text, lex, &t, key) == Some(0)
}

/// What a capitalised ASCII word before a passed-over word is to the classifier.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Capital {
    /// A stop word or locative ("Die", "Nach"), and nothing else: a break, whatever the
    /// lexicon's name lists say of it.
    Break,
    /// A word the lexicon does not know ("Durchsuchung" of "Durchsuchung der Wohnung"): a
    /// name unit that is no name alone, nor with the unknown words and particles after it.
    Unknown,
}

/// `chunk` (a run of non-space bytes) as a [`Capital`], if it is one: an ASCII word of
/// letters, the first upper case, with nothing glued to it.
fn capital(lex: &Lexicon, chunk: &[u8]) -> Option<Capital> {
    let (first, rest) = chunk.split_first()?;
    if !first.is_ascii_uppercase()
        || rest.is_empty()
        || chunk.len() > MAX_KEY_BYTES
        || !rest.iter().all(u8::is_ascii_alphabetic)
    {
        return None;
    }
    let mut key = [0u8; MAX_KEY_BYTES];
    let key = lower_key(&mut key, chunk)?;
    let bits = lex.bits(key);
    let f = plain_flags(key, bits);
    let brk = flag::STOP | flag::LOCATIVE;
    if f & brk != 0 && f & !(brk | flag::COMMON) == 0 {
        return Some(Capital::Break);
    }
    let unknown = f & !flag::COMMON == 0 && bits & (flag::GIVEN | flag::SURNAME) == 0;
    unknown.then_some(Capital::Unknown)
}

/// Whether no cue reaches the word at `at`. Looking back from it, over punctuation glued to
/// it and then chunk by chunk (runs of non-space bytes), the look meets a break before any
/// cue: a quiet word ([`restart`]'s kind, with only punctuation and digits after it in its
/// chunk), a stop word or locative, or the start of the text; on the way it passes at most
/// [`PARTICLES_BACK`] particles, unknown capitalised words ([`Capital::Unknown`]) and chunks
/// of punctuation. Or it meets the last unknown word passed over (`unknown`, a chunk of
/// its own): no cue reached that word, and the look from it would go on as from here, so
/// none reaches this one either. (It may have passed particles and unknown words up to the
/// bound again: the answer is then one the bound alone would not give, and the same one an
/// unbounded look gives.)
///
/// The word then begins or continues a run of unknown words and particles with no cue
/// before it, which is no name: without a cue, `shapes::span_at` finds a name only from a
/// given name, an initial, or an upper-case word before a given name, and "SURNAME, Given"
/// needs a given name after the comma. Each of those holds a capital the scout stops at,
/// and the stretch for it starts at a restart word ([`restart`]) before the whole run, so
/// the classifier reads the run then.
fn no_cue_before(text: &str, lex: &Lexicon, at: usize, unknown: Unknown, key: &mut Key) -> bool {
    let bytes = text.as_bytes();
    // Punctuation glued before the word ("(Az.", a quote) is a break of its own.
    let mut end = at;
    while end > 0
        && bytes
            .get(end - 1)
            .is_some_and(|&b| b.is_ascii_punctuation() && b != b'\'' && b != b'-')
    {
        end -= 1;
    }
    if end == 0 {
        return true;
    }
    for _ in 0..=PARTICLES_BACK {
        let chunk_end = end;
        while end > 0 && bytes.get(end - 1).is_some_and(|&b| is_space(b)) {
            end -= 1;
        }
        if end == 0 {
            // Only white space before: the start of the text.
            return true;
        }
        if end == chunk_end {
            // Glued to what stands before it.
            return false;
        }
        let mut start = end;
        while start > 0 && bytes.get(start - 1).is_some_and(|&b| !is_space(b)) {
            start -= 1;
        }
        if (start, end) == unknown {
            return true;
        }
        let Some(chunk) = bytes.get(start..end) else {
            return false;
        };
        let len = chunk
            .iter()
            .take_while(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            .count();
        if len == 0 && no_word(text, start, chunk) {
            // Punctuation alone: whatever a cue before it would make of it, the look goes on.
            end = start;
            continue;
        }
        let (word, rest) = chunk.split_at(len);
        if !chunk.is_ascii() && (word.is_empty() || rest.first().is_some_and(|b| !b.is_ascii())) {
            // A word with letters beyond ASCII ("téléphones.", "überwiesen"): read as the
            // tokenizer reads it.
            return breaks_only(text, lex, start, end, key);
        }
        if word.is_empty() {
            // A stop word: a break. An unknown word: part of the same run, which is no
            // name without a cue before it, so the look goes on.
            match capital(lex, chunk) {
                Some(Capital::Break) => return true,
                Some(Capital::Unknown) => {
                    end = start;
                    continue;
                }
                None => return false,
            }
        }
        if word.len() > MAX_KEY_BYTES {
            return false;
        }
        let ended = rest
            .first()
            .is_none_or(|&b| b.is_ascii() && b != b'\'' && b != b'-');
        if !ended
            || !rest
                .iter()
                .all(|b| b.is_ascii_punctuation() || b.is_ascii_digit())
        {
            // Letters after the first word ("2024/117-B."): read as the tokenizer reads it.
            return breaks_only(text, lex, start, end, key);
        }
        // A quiet word (`quiet_ascii_word`, its flags asked once for both questions here:
        // the word is no longer than a key).
        if word.iter().any(u8::is_ascii_digit) {
            return true;
        }
        let f = plain_flags(word, lex.cue_bits(word));
        if f == 0 {
            return true;
        }
        // A flagged lower-case word: a stop word or locative ("in", "nach") is a break; a
        // particle ("der Bahnhof", "van de Xyz") joins the run, so the look goes on before it;
        // a cue word, or any flag else, ends the look.
        debug_assert!(!quiet_ascii_word(lex, word));
        // The word is lower-case letters only (its digits returned above): whole when
        // nothing follows it in the chunk.
        debug_assert!(word.iter().all(u8::is_ascii_lowercase));
        let whole = rest.is_empty();
        if !whole || f & !(flag::PARTICLE | flag::LOCATIVE | flag::STOP) != 0 {
            return false;
        }
        if f & flag::PARTICLE == 0 {
            return true;
        }
        end = start;
    }
    false
}

/// The first letter at or after `pos` whose upper case makes a word a name candidate (the
/// tokenizer's `first_upper`), or the text's length.
fn first_upper(text: &str, mut pos: usize) -> usize {
    let bytes = text.as_bytes();
    loop {
        // Eight ASCII bytes without an upper-case letter at a time (most of a text).
        while let Some(eight) = bytes.get(pos..pos + 8) {
            let x = super::super::swar::load(eight);
            let m = super::super::swar::upper_or_non_ascii(x);
            if m != 0 {
                pos += (m.trailing_zeros() / 8) as usize;
                break;
            }
            pos += 8;
        }
        let Some(&b) = bytes.get(pos) else {
            return bytes.len();
        };
        if b.is_ascii_uppercase() {
            return pos;
        }
        if b.is_ascii() {
            pos += 1;
            continue;
        }
        // U+00DF to U+00FF ("ß", "ä", "é", "ñ", "ö", "ü", "÷"): no upper case among them, and
        // the most frequent letters beyond ASCII in the languages of the reports.
        if b == 0xC3 && bytes.get(pos + 1).is_some_and(|&n| n >= 0x9F) {
            pos += 2;
            continue;
        }
        let Some(c) = text.get(pos..).and_then(|s| s.chars().next()) else {
            return bytes.len();
        };
        if case_of(c).0 {
            return pos;
        }
        pos += c.len_utf8();
    }
}

/// Where a busy stretch for the upper-case letter at `upper` starts: at the end of the
/// nearest quiet word before the letter's word, at or after `from` (the end of the quiet
/// token that ended the previous stretch). `None` when there is none: the stretch then
/// starts at `from`. Either way the tokenizer resumes there as after a token.
///
/// A restart word stands after ASCII white space (no look-ahead of the token before it takes
/// it, as a title takes the glued "ra" of "Sig.ra"), is ASCII lower case or digits up to an
/// ASCII byte that is no joiner (so the tokenizer ends it there too) and is a quiet token
/// ([`quiet_ascii_word`]). Cost: the bytes from `upper` back to the word found, which the busy
/// stretch then reads again.
pub(super) fn restart(text: &str, lex: &Lexicon, from: usize, upper: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let word_start = |mut i: usize| {
        while i > from && bytes.get(i - 1).is_some_and(|&b| !is_space(b)) {
            i -= 1;
        }
        i
    };
    // The start of the upper-case letter's own chunk of non-space bytes.
    let mut chunk = word_start(upper);
    loop {
        let mut end = chunk;
        while end > from && bytes.get(end - 1).is_some_and(|&b| is_space(b)) {
            end -= 1;
        }
        let start = word_start(end);
        // At `from` the chunk may continue before it: not a restart word (`from` itself is
        // a valid start anyway).
        if start <= from {
            return None;
        }
        let len = bytes
            .get(start..end)?
            .iter()
            .take_while(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            .count();
        let word = bytes.get(start..start + len)?;
        // An upper-case letter continues the word too ("79664131C" is one token): since the
        // scout passes over capitals inside words with a digit, such a chunk can lie
        // between a stop and the stretch before it.
        let ended = bytes.get(start + len).is_some_and(|&b| {
            b.is_ascii() && !b.is_ascii_alphanumeric() && b != b'\'' && b != b'-'
        });
        if len > 0 && ended && quiet_ascii_word(lex, word) {
            return Some(start + len);
        }
        chunk = start;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_upper_finds_every_kind_of_capital() {
        let cases = [
            ("abc def Ghi", Some('G')),
            ("abcdefghijklmnopqrstu vwxyz A", Some('A')),
            ("für über Ärger", Some('Ä')),
            ("ünd ß ÿ ñ é", None),
            ("été Émile", Some('É')),
            ("12:30 ; , . ! ÷ × 👮 Ł", Some('Ł')),
            ("ωμέγα Ωμέγα", Some('Ω')),
            ("", None),
        ];
        for (text, capital) in cases {
            let want = capital.map_or(text.len(), |c| text.find(c).unwrap());
            assert_eq!(first_upper(text, 0), want, "{text:?}");
        }
        // Every start position and alignment of the eight-byte loop; every character from
        // U+0080 to U+024F after lower-case words.
        let latin: String = (0x80..0x250u32)
            .filter_map(char::from_u32)
            .flat_map(|c| [c, ' ', 'x'])
            .collect();
        let text =
            format!("the quick brown fox jumps over the lazy dog; Die Straße, à Paris {latin}");
        let text = text.as_str();
        for pos in (0..text.len()).filter(|&p| text.is_char_boundary(p)) {
            let want = text
                .char_indices()
                .find(|&(i, c)| i >= pos && c.is_uppercase())
                .map_or(text.len(), |(i, _)| i);
            assert_eq!(first_upper(text, pos), want, "{pos}");
        }
    }

    #[test]
    fn the_scout_answers_increasing_questions() {
        let lex = super::super::lexicon::embedded();
        let text = "one Anna three four Ivan six";
        let mut s = Scout::new(text);
        assert_eq!(s.upper_from(0, lex), Some(4));
        assert_eq!(s.upper_from(3, lex), Some(4));
        assert_eq!(s.upper_from(4, lex), Some(4));
        assert_eq!(s.upper_from(5, lex), Some(20));
        assert_eq!(s.upper_from(21, lex), None);
        assert_eq!(s.upper_from(text.len(), lex), None);
        // Capitalised stop words and particles are passed over; a name, a title and a word
        // glued to another are not.
        let text = "the car. The witness saw it on Tuesday, then Anna";
        let mut s = Scout::new(text);
        assert_eq!(s.upper_from(0, lex), text.find("Anna"));
        for (text, word) in [
            ("x The-Smith", "The"),
            ("x Herr Smith", "Herr"),
            ("x Van Dijk", "Dijk"),
            ("x De la Cruz", "Cruz"),
            ("x The2 y Anna", "Anna"),
            ("x O Smith", "Smith"),
            ("x J. Smith", "J"),
            ("x Y Smith", "Y"),
            ("x McThe y Anna", "Anna"),
            ("the suspect McThe y Anna", "McThe"),
            // Unknown capitalised words: passed over after a quiet word, a stop word, a
            // locative or particles after one, and at the start; not after a cue (even
            // across particles or punctuation), nor glued, upper case or known.
            ("the suspect Zorb y Anna", "Zorb"),
            ("the señor de Zorb y Anna", "Zorb"),
            ("x herr von der Zorb y Anna", "Zorb"),
            ("a witness, Zorb y Anna", "Zorb"),
            ("x name: Zorb y Anna", "Zorb"),
            ("x alias \"Zorb\" y Anna", "Zorb"),
            ("x zq-Zorb y Anna", "Zorb"),
            ("x zq.Zorb y Anna", "Zorb"),
            ("x (Zorb) y Anna", "Anna"),
            ("x téléphones. Zorb y Anna", "Anna"),
            ("x überwiesen (Zorb y Anna", "Anna"),
            ("x wyjaśnień; Zorb y Anna", "Anna"),
            ("le témoin Zorb y Anna", "Zorb"),
            ("x témoin: Zorb y Anna", "Zorb"),
            ("x té’s Zorb y Anna", "Zorb"),
            ("x té-x Zorb y Anna", "Anna"),
            ("x té2 Zorb y Anna", "Anna"),
            ("x 👮. Zorb y Anna", "Anna"),
            ("witness 👮. Zorb y Anna", "Zorb"),
            ("x - Zorb y Anna", "Anna"),
            ("name : Zorb y Anna", "Zorb"),
            ("a witness , Zorb y Anna", "Zorb"),
            ("x Nähe y Anna", "Anna"),
            ("the suspect Nähe y Anna", "Nähe"),
            ("x Ärger-Quix y Anna", "Anna"),
            ("x Jean-Quix y Anna", "Jean"),
            ("x Jörg y Anna", "Jörg"),
            ("x PESEL 00:1A:2B:3C y Anna", "Anna"),
            ("x 1Ab2 y Anna", "Anna"),
            ("x ab2Cd y Anna", "Anna"),
            ("x abCd y Anna", "C"),
            ("x 1A-b y Anna", "Anna"),
            ("x é1A y Anna", "Anna"),
            ("x \"Zorb\" y Anna", "Anna"),
            ("a witness (Zorb) y Anna", "Zorb"),
            ("x name: (Zorb y Anna", "Zorb"),
            ("x ZORB y Anna", "Anna"),
            ("the suspect ZORB y Anna", "ZORB"),
            ("x IBAN DE89 3704, PESEL 4405 y Anna", "Anna"),
            ("the witness C3PO y Anna", "Anna"),
            ("x C3PO-x y Anna", "Anna"),
            ("x ZORBQ, Jan", "Jan"),
            ("x KOWALCZYK, Jan", "KOWALCZYK"),
            ("x ZoRb y Anna", "Anna"),
            ("x über Zorb y Anna", "Anna"),
            ("x smith Zorb y Anna", "Anna"),
            ("x in Quix Zorb y Anna", "Anna"),
            ("x in Quix y Anna", "Anna"),
            ("x. Die Quix y Anna", "Anna"),
            ("x. Nach Quix y Anna", "Anna"),
            ("x. De Quix y Anna", "Quix"),
            ("x Zorb der Quix y Anna", "Anna"),
            ("x Zorb Quix y Anna", "Anna"),
            ("x ZORB van QUIX y Anna", "Anna"),
            ("Herr Zorb der Quix y Anna", "Herr"),
            ("the suspect Zorb der Quix y Anna", "Zorb"),
            ("the suspect Zorb Quix der Quix y Anna", "Zorb"),
            ("x Anna der Quix y", "Anna"),
            ("x Zorb, der Quix y Anna", "Quix"),
            ("x Zeuge sagte y Anna", "Anna"),
            ("x Herr sagte y Anna", "Anna"),
            ("x Epäilty otettiin y Anna", "Anna"),
            ("x Zeuge Zorb y Anna", "Zeuge"),
            ("x Zeuge: sagte y Anna", "Zeuge"),
            ("x Zeuge, sagte y Anna", "Zeuge"),
            ("x Herr. sagte y Anna", "Herr"),
            ("x Herr von y Anna", "Herr"),
            ("x Zeuge suspect y Anna", "Zeuge"),
            ("x Zeuge", "Zeuge"),
            ("x no. 2024/117-B. Quix y Anna", "Anna"),
            ("x 117-B y Anna", "Anna"),
            ("x ab-B y Anna", "B"),
            ("x. Herr Quix y Anna", "Herr"),
            ("x. Anna Quix y", "Anna"),
            ("x in Bahnhof y Anna", "Bahnhof"),
            ("Zorb y Anna", "Anna"),
            (
                "x at 14:30, Zorb and Quix and der Wohnung, zq de la Zorb y Anna",
                "Anna",
            ),
        ] {
            assert_eq!(
                Scout::new(text).upper_from(0, lex),
                text.find(word),
                "{text:?}"
            );
        }
    }

    #[test]
    fn restart_words_are_quiet_lower_case_words_after_white_space() {
        // Where the stretch starts: after the restart word, or at `from`.
        fn at(text: &str, from: usize) -> &str {
            let lex = super::super::lexicon::embedded();
            let upper = first_upper(text, from);
            &text[restart(text, lex, from, upper).unwrap_or(from)..]
        }
        // The nearest quiet word before the capital's word.
        assert_eq!(at("was seen near the Bahnhof", 0), " Bahnhof");
        assert_eq!(at("seen at 14:30 Uhr", 0), ":30 Uhr");
        // Cue words are not quiet: the stretch starts before them.
        assert_eq!(at("he saw the suspect John", 0), " suspect John");
        assert_eq!(
            at("we met le commissaire Maigret", 0),
            " le commissaire Maigret"
        );
        // Glued to punctuation before it, or ended by a joiner or a non-ASCII letter: no.
        assert_eq!(at("xy zq (cd) Ef", 0), " (cd) Ef");
        assert_eq!(at("xy zq cd-ef Gh", 0), " cd-ef Gh");
        assert_eq!(at("xy zq straße Gh", 0), " straße Gh");
        assert_eq!(at("xy zq x'y Gh", 0), " x'y Gh");
        // A capital continues a word of digits: no restart inside "12C".
        let lex = super::super::lexicon::embedded();
        let text = "xy zq 12C. Gh";
        let upper = text.find("Gh").unwrap();
        assert_eq!(&text[restart(text, lex, 0, upper).unwrap()..], " 12C. Gh");
        // Never before `from`, nor the word at `from` (restarting at `from` is as good).
        assert_eq!(at("ab cd Ef", 3), "cd Ef");
        assert_eq!(at("ab cd Ef", 4), "d Ef");
        assert_eq!(at("Ab", 0), "Ab");
    }
}
