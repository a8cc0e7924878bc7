//! From a validated candidate to a scored finding: context lookup, score and reason.

use super::ENTITIES;
use super::context::{self, Index, Words};
use super::entity::Entity;
use super::finding::Finding;
use std::sync::Arc;

/// Candidates scoring below this are not worth reporting at any threshold.
pub(crate) const FLOOR: f32 = 0.2;

/// What a recognizer concluded about one candidate.
#[derive(Clone, Copy)]
pub(crate) struct Hit {
    /// The entity type.
    pub entity: Entity,
    /// Recognizer id, e.g. `"iban"`.
    pub recognizer: &'static str,
    /// The checksum that passed, e.g. `Some("luhn")`.
    pub check: Option<&'static str>,
    /// Score without a context word.
    pub base: f32,
    /// Score with a context word.
    pub boosted: f32,
    /// Context words of this entity.
    pub context: &'static Words,
    /// Words that, without one of `context` near, say the candidate is something else.
    pub unless: &'static Words,
}

/// Score of a candidate that a word of its `unless` list precedes (and no context word of
/// its own): below `led-strict`'s thresholds for bare numbers (0.3) and the default (0.5),
/// still above [`FLOOR`] for a policy that asks for everything.
pub(crate) const CONTRADICTED: f32 = 0.25;

impl Hit {
    /// A hit whose score does not depend on context.
    pub fn new(entity: Entity, recognizer: &'static str, base: f32, boosted: f32) -> Self {
        Hit {
            entity,
            recognizer,
            check: None,
            base,
            boosted,
            context: &context::NONE,
            unless: &context::NONE,
        }
    }

    /// Records the checksum that passed.
    pub fn check(mut self, name: &'static str) -> Self {
        self.check = Some(name);
        self
    }

    /// Sets the context words.
    pub fn ctx(mut self, words: &'static Words) -> Self {
        self.context = words;
        self
    }

    /// Sets the words that contradict the candidate (see [`CONTRADICTED`]).
    pub fn unless(mut self, words: &'static Words) -> Self {
        self.unless = words;
        self
    }
}

/// Where candidates go, with the context-word index of the text (built as questions come).
pub(crate) struct Sink<'m> {
    /// The candidates so far.
    pub findings: Vec<Finding>,
    /// Per entity (by `Entity as usize`): the lowest score worth keeping (above 1 for a
    /// disabled type), so candidates the configuration would drop cost no context lookup
    /// and no allocation.
    min: [f32; ENTITIES],
    /// Context words of the text (byte ranges it masks are no evidence, see `context.rs`).
    index: Index<'m>,
    /// The reasons written so far, by what they say (see [`Reasons`]).
    reasons: Reasons,
    /// Per entity: where the last candidate kept ends (0 for none), for [`Sink::spent`].
    last_end: [usize; ENTITIES],
    /// Where the last candidate kept of any entity ends (0 for none), for [`Sink::spent`].
    last_any_end: usize,
    /// The byte ranges an operator wrote (sorted): each stands for a value that was there.
    mask: &'m [(usize, usize)],
}

/// What a reason says: the checksum, the context word and the contradicting word (all
/// `'static`, from the recognizers' tables).
type ReasonKey = (
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
);

/// The reasons of one text, each written once and shared by the findings that give it: a
/// text's findings say few distinct things (a crafted megabyte of dates, 62,500 findings,
/// says one), and a string per finding cost as much as the rest of a finding.
#[derive(Default)]
struct Reasons(Vec<(ReasonKey, Arc<str>)>);

/// Most reasons [`Reasons`] keeps; past it, a reason is written for its finding alone (a
/// bounded table keeps each look-up a short scan, whatever the text).
const MAX_REASONS: usize = 64;

impl Reasons {
    fn get(&mut self, key: ReasonKey) -> Arc<str> {
        if let Some((_, r)) = self.0.iter().rev().find(|(k, _)| *k == key) {
            return Arc::clone(r);
        }
        let r: Arc<str> = Arc::from(write_reason(key));
        if self.0.len() < MAX_REASONS {
            self.0.push((key, Arc::clone(&r)));
        }
        r
    }
}

/// `checksum:luhn;context:"tel"`, `format`, `…;contradicted:"order"`.
pub(crate) fn write_reason((check, word, against): ReasonKey) -> String {
    let mut reason = String::new();
    if let Some(c) = check {
        reason.push_str("checksum:");
        reason.push_str(c);
    }
    if let Some(w) = word {
        if !reason.is_empty() {
            reason.push(';');
        }
        reason.push_str("context:\"");
        reason.push_str(w);
        reason.push('"');
    }
    if reason.is_empty() {
        reason.push_str("format");
    }
    if let Some(w) = against {
        reason.push_str(";contradicted:\"");
        reason.push_str(w);
        reason.push('"');
    }
    reason
}

impl Default for Sink<'_> {
    fn default() -> Self {
        Sink::new([FLOOR; ENTITIES], &[])
    }
}

impl<'m> Sink<'m> {
    /// A sink that keeps candidates at or above `min[entity]` (and [`FLOOR`]), and looks
    /// for context words outside `mask`.
    pub(crate) fn new(min: [f32; ENTITIES], mask: &'m [(usize, usize)]) -> Self {
        Sink {
            findings: Vec::new(),
            min,
            index: Index::new(mask),
            reasons: Reasons::default(),
            last_end: [0; ENTITIES],
            last_any_end: 0,
            mask,
        }
    }

    /// Whether the context words of `hit` before `start` are spent: each stands before the
    /// last value of the same entity, or the last value of any entity, and a sentence ends
    /// between that value and `start`. The words then describe that value, not this one:
    /// in "Tel. 0049 221 9865190. Vermerk: 59 692 391 kr." the amount is no telephone
    /// number, and in "fødselsnummer 141042 11381. Merknad: 20.11.2026" the birth word
    /// inside the national number's word names no birth date. A list after one word ("tlf.
    /// 22 33 44 55 / 99 88 77 66") keeps it for every value.
    fn spent(&mut self, text: &str, start: usize, hit: &Hit) -> bool {
        let same = self.last_end.get(hit.entity as usize).copied().unwrap_or(0);
        // A redaction label stands for the value it replaced: the re-scan of a redacted text
        // finds what the scan of the original found ("fødselsnummer [NO_FNR]. Merknad:
        // 20.11.2026" holds no birth date either).
        let k = self.mask.partition_point(|r| r.1 <= start);
        let label_end = k
            .checked_sub(1)
            .and_then(|k| self.mask.get(k))
            .map_or(0, |r| r.1);
        let any = self.last_any_end.max(label_end);
        // None yet, kept out of text order (the e-mail and URL scanners run last), or
        // before the window, whose words then all stand after it.
        let live = |prev_end: usize| {
            prev_end != 0 && prev_end <= start && prev_end + context::WINDOW > start
        };
        if !live(same) && !live(any) {
            return false;
        }
        let Some(d) = self.distance(text, start, hit.context) else {
            return false;
        };
        let word = start - d;
        [same, any].into_iter().any(|prev_end| {
            live(prev_end) && word < prev_end && sentence_end(text, prev_end, start)
        })
    }

    /// The first word of `words` in the context window before `start`.
    pub(crate) fn context(
        &mut self,
        text: &str,
        start: usize,
        words: &'static Words,
    ) -> Option<&'static str> {
        if words.is_empty() {
            return None;
        }
        self.index.find(text, start, words)
    }

    /// How far before `start` the nearest word of `words` begins.
    pub(crate) fn distance(
        &mut self,
        text: &str,
        start: usize,
        words: &'static Words,
    ) -> Option<usize> {
        if words.is_empty() {
            return None;
        }
        self.index.distance(text, start, words)
    }
}

/// Scores `hit` for `text[start..end]` and appends it if it reaches its entity's minimum
/// (and [`FLOOR`]).
pub(crate) fn emit(text: &str, start: usize, end: usize, hit: Hit, out: &mut Sink<'_>) {
    let floor = out
        .min
        .get(hit.entity as usize)
        .copied()
        .unwrap_or(f32::INFINITY)
        .max(FLOOR);
    if hit.base.max(hit.boosted) < floor || !super::span_ok(text, start, end) {
        return;
    }
    let mut word = out.context(text, start, hit.context);
    if word.is_some() && out.spent(text, start, &hit) {
        word = None;
    }
    let mut score = match word {
        // A word that only says "number" ("CPR-nummer", "numéro") lifts a candidate half way:
        // an identifier's own word ("CPR") then outweighs it where both stand before one value.
        Some(w) if super::context::GENERIC_NUMBER_WORDS.contains(&w) => {
            hit.base + (hit.boosted - hit.base) / 2.0
        }
        Some(_) => hit.boosted,
        None => hit.base,
    };
    // Only without a context word of its own: "BSN" wins over an "order" further back.
    let against = if word.is_none() && score > CONTRADICTED {
        out.context(text, start, hit.unless)
    } else {
        None
    };
    if against.is_some() {
        score = CONTRADICTED;
    }
    if score < floor {
        return;
    }
    let reason = out
        .reasons
        .get((hit.check, word.map(str::trim), against.map(str::trim)));
    if let Some(e) = out.last_end.get_mut(hit.entity as usize) {
        *e = end;
    }
    out.last_any_end = end;
    out.findings.push(Finding {
        entity: hit.entity,
        start,
        end,
        score: score.clamp(0.0, 1.0),
        recognizer: hit.recognizer,
        reason,
    });
}

/// Whether a sentence ends in `text[from..to]`: a full stop, question or exclamation mark,
/// white space, and an upper-case letter ("9865190. Vermerk"). An abbreviation's dot before
/// a number or a lower-case word ("bzw. 99 88", "Tel. 030") ends none.
fn sentence_end(text: &str, from: usize, to: usize) -> bool {
    let Some(part) = text.get(from..to) else {
        return false;
    };
    let bytes = part.as_bytes();
    bytes.iter().enumerate().any(|(i, b)| {
        matches!(b, b'.' | b'!' | b'?') && {
            let rest = part.get(i + 1..).unwrap_or_default();
            let after = rest.trim_start_matches(|c: char| c.is_ascii_whitespace());
            after.len() < rest.len() && after.chars().next().is_some_and(char::is_uppercase)
        }
    })
}
