//! PERSON: names in free text (lexicon + word shape + titles and role words + police conventions).
//!
//! No model and no network: a one-pass tokenizer ([`token`]), an embedded lexicon of given
//! names and surnames ([`lexicon`], from `data/lexicon/names.lex`, decoded at first use into
//! one hash table with the cue words: [`table`]), cue words in twelve
//! languages ([`words`], [`stop`]), and a left-to-right matcher ([`items`], [`scan`],
//! [`shapes`]). Evidence and the scores it earns:
//!
//! | evidence | score |
//! |---|---|
//! | a title, role word or `Name:` field before the name (`title:"Herr"`, `role:"suspect"`, `field:"Name:"`) | 0.9, 0.95 with a lexicon hit |
//! | a naming cue (`cue:"alias"`) | 0.85 with a lexicon hit, else 0.7 |
//! | given name + surname both in the lexicon (`lexicon:given+surname`) | 0.9 (0.85 all upper case) |
//! | police shapes `SURNAME, Given` / `SURNAME Given` / `J. Smith` | 0.8–0.9 |
//! | a given name + an unknown capitalised word, or + a surname that is a common word | 0.7–0.75 |
//! | a lone given name that is not a common word | 0.55 |
//! | a lone common word (Mark, Rose, Will), a month, a place, an organisation | nothing |
//!
//! **The title is not part of the finding.** "Herr Müller" yields the span "Müller": the
//! title is no personal data, keeping it leaves a redacted text readable ("Herr \[PERSON\]"),
//! and the keyed pseudonym of "Müller" is then the same whether or not a title stood before
//! it, so one person keeps one token across mentions. Initials are part of the name ("J.
//! Smith"), particles too ("van der Berg"), and in a `SURNAME, Given` pair the comma is inside
//! the span so that both halves are redacted together.
//!
//! Not every capital letter with a dot is an initial: after an annex or exhibit word ("see
//! annex B. Katrin Richter", `words::REFS`) it is the annex's letter, after a coordinate
//! ("13.4050° E.") a compass point. Upper-case particles belong to the upper-case surname
//! after them ("VAN DEN BERG, Joost"), and a street or organisation word reaches over
//! particles ("Avenida de Juan Carlos" names a street).
//!
//! Known limits: a German noun right after a given name can be taken as a surname ("Paul
//! Geld", 0.7); names that no lexicon knows need a cue or a police shape; lower-case names,
//! names in non-Latin scripts and the Dutch "'t" are not found; a name inside a street,
//! organisation or place name ("rue Victor Hugo", "Anna Schmidt GmbH") is deliberately skipped.
//!
//! Cost: linear in the text. The tokenizer and the classifier look at each character and
//! token once, and step over the stretches where no name can start ([`quiet`]); the matcher's look-ahead is bounded by a few words and its look-behind is the
//! single pending cue; lexicon keys are capped at [`lexicon::MAX_KEY_BYTES`].

// Explicit paths (the default ones) so that `examples/bench_person.rs` can compile this module
// from its source: the recognizer is crate-private and gets no public hook for benchmarks.
#[path = "person/items.rs"]
mod items;
#[path = "person/lexicon.rs"]
mod lexicon;
#[path = "person/quiet.rs"]
mod quiet;
#[path = "person/scan.rs"]
mod scan;
#[path = "person/shapes.rs"]
mod shapes;
#[path = "person/stop.rs"]
mod stop;
#[path = "person/table.rs"]
mod table;
#[path = "person/token.rs"]
mod token;
#[path = "person/words.rs"]
mod words;

#[cfg(test)]
#[path = "person/tests.rs"]
mod tests;

use super::entity::Entity;
use super::finding::Finding;
use std::sync::Arc;

/// The recognizer id in findings.
const RECOGNIZER: &str = "person";

/// Appends the PERSON findings of `text` to `out`, in text order, with byte offsets on
/// `char` boundaries.
// The detection engine (merged separately) is the caller; until then only tests call it.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) fn find(text: &str, out: &mut Vec<Finding>) {
    find_in(text, true, out);
}

/// [`find`], stepping over the quiet stretches of the text (`skip_quiet`, see [`quiet`]) or
/// reading every token (the reference the tests compare it with).
fn find_in(text: &str, skip_quiet: bool, out: &mut Vec<Finding>) {
    let mut spans = Vec::new();
    let mut reasons: Vec<Arc<str>> = Vec::new();
    let tokens = token::Tokens::new(text);
    items::classify_chunks(text, tokens, lexicon::embedded(), skip_quiet, |items| {
        scan::scan(text, items, &mut spans);
        // A span that is a cue word is the cue itself, not a name after it (see
        // `is_cue_word`): "Name: Name", "Sukunimi: Sukunimi" in a blank form. The cue words
        // are single words, so a span of several is never one. (A span off the text's
        // `char` boundaries, which the tokenizer never makes, is dropped here too: see
        // `Detector::keep`.)
        spans.retain(|s| {
            text.get(s.start..s.end)
                .is_some_and(|w| !w.is_empty() && !is_cue_word(w))
        });
        out.extend(spans.drain(..).map(|s| Finding {
            entity: Entity::Person,
            start: s.start,
            end: s.end,
            score: s.score,
            recognizer: RECOGNIZER,
            reason: shared(&mut reasons, &s.reason),
        }));
    });
}

/// Whether `word` (one word, any letter case) is a cue word of the name recognizer: a
/// title, role word, field label or naming cue ("Herr", "Zeuge", "Name", "Sukunimi",
/// "alias"). Such a word is never a name on its own: the recognizer does not report it as
/// one (`Name: Name` in a blank form, where "Name" is also a given name of the lexicon), and
/// same-value propagation leaves it out of the values it searches again when it is one
/// word of a longer name ("Name Smith"), where it would otherwise mark every label or role
/// word of the report. Months and function words are no cue words here: "August" and
/// "Sommer" are surnames too, and a name found once must be found again.
#[must_use]
pub fn is_cue_word(word: &str) -> bool {
    use words::flag;
    const CUES: u32 = flag::TITLE | flag::TITLE_DOT | flag::ROLE | flag::LABEL | flag::CUE;
    let mut key = lexicon::Key::new();
    key.set(word);
    let key = key.as_bytes();
    !key.is_empty() && lexicon::embedded().flags(key) & CUES != 0
}

/// Most distinct reasons [`shared`] keeps (the cue words of a text are few; past the bound a
/// reason is its finding's own, so a look-up stays a short scan).
const MAX_REASONS: usize = 64;

/// `reason` as a string shared with the earlier findings that gave the same one.
fn shared(reasons: &mut Vec<Arc<str>>, reason: &str) -> Arc<str> {
    if let Some(r) = reasons.iter().rev().find(|r| ***r == *reason) {
        return Arc::clone(r);
    }
    let r: Arc<str> = Arc::from(reason);
    if reasons.len() < MAX_REASONS {
        reasons.push(Arc::clone(&r));
    }
    r
}
