//! The matcher: reads the items once, left to right, and turns runs of name units into
//! findings, using the context cue before a run, the lexicon and the word shapes.
//!
//! Linear time: every run is walked once; a span never looks more than a few units ahead, and
//! the only look-behind is the single pending cue.

use super::items::{Cue, CueKind, Item, Unit, UnitKind};
use super::shapes::{Step, span_at, surname_comma_given};

/// Most name words (particles not counted) one finding spans.
pub(super) const MAX_NAME_WORDS: usize = 4;
/// Most consecutive initials before a surname ("J. R. R. Tolkien").
pub(super) const MAX_INITIALS: usize = 3;
/// Most consecutive particles inside a name ("van de la").
pub(super) const MAX_PARTICLES: usize = 3;

/// A span the matcher found: byte range, score and reason.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Span {
    pub start: usize,
    pub end: usize,
    pub score: f32,
    pub reason: String,
}

/// Runs the matcher over `items`; `text` is only read to quote cue words in reasons.
pub(super) fn scan(text: &str, items: &[Item], out: &mut Vec<Span>) {
    let mut ctx: Option<Cue> = None;
    let mut i = 0;
    while let Some(item) = items.get(i) {
        match item {
            Item::Cue(c) => {
                // A chain of titles ("Herr Dr.", "Mr. Detective") keeps the first as reason.
                if !matches!((ctx, c.kind), (Some(p), CueKind::Title) if p.kind == CueKind::Title) {
                    ctx = Some(*c);
                }
                i += 1;
            }
            Item::Comma | Item::Break => {
                ctx = None;
                i += 1;
            }
            Item::Unit(_) => {
                let end = run_end(items, i, usize::MAX);
                let units = Run(items.get(i..end).unwrap_or(&[]));
                i = run(text, items, units, end, ctx.take(), out);
            }
        }
    }
}

fn as_unit(item: &Item) -> Option<&Unit> {
    match item {
        Item::Unit(u) => Some(u),
        _ => None,
    }
}

/// A view of consecutive unit items, read in place: a run may be the whole text (crafted
/// input), so it is never copied.
#[derive(Clone, Copy)]
pub(super) struct Run<'a>(&'a [Item]);

impl<'a> Run<'a> {
    pub(super) fn len(self) -> usize {
        self.0.len()
    }

    pub(super) fn get(self, i: usize) -> Option<&'a Unit> {
        self.0.get(i).and_then(as_unit)
    }

    pub(super) fn first(self) -> Option<&'a Unit> {
        self.get(0)
    }

    pub(super) fn iter(self) -> impl Iterator<Item = &'a Unit> {
        self.0.iter().filter_map(as_unit)
    }

    /// The first `k` units (all of them when `k` is larger).
    pub(super) fn head(self, k: usize) -> Run<'a> {
        Run(self.0.get(..k).unwrap_or(self.0))
    }

    /// The units from `p` on (none when `p` is past the end).
    pub(super) fn tail(self, p: usize) -> Run<'a> {
        Run(self.0.get(p..).unwrap_or(&[]))
    }

    pub(super) fn last(self) -> Option<&'a Unit> {
        self.0.last().and_then(as_unit)
    }
}

/// End (exclusive) of the run of units that starts at `start`: units on one line, at most
/// `limit` of them.
fn run_end(items: &[Item], start: usize, limit: usize) -> usize {
    let mut j = start;
    while let Some(Item::Unit(u)) = items.get(j) {
        if (j > start && u.newline_before) || j - start == limit {
            break;
        }
        j += 1;
    }
    j
}

/// The units of the run that follows a comma at `items[comma]`, if it is on the same line.
pub(super) fn run_after_comma(items: &[Item], comma: usize) -> Run<'_> {
    if !matches!(items.get(comma), Some(Item::Comma)) {
        return Run(&[]);
    }
    match items.get(comma + 1) {
        Some(Item::Unit(u)) if !u.newline_before => {
            // Bounded look-ahead: only the first few words of that run can be given names.
            let end = run_end(items, comma + 1, MAX_NAME_WORDS + MAX_PARTICLES);
            Run(items.get(comma + 1..end).unwrap_or(&[]))
        }
        _ => Run(&[]),
    }
}

/// Processes one run (`units`, which ends at item index `end`); returns the item index to go on
/// from (past `end` when a "SURNAME, Given" pair took the next run's first words).
fn run(
    text: &str,
    items: &[Item],
    units: Run<'_>,
    end: usize,
    ctx: Option<Cue>,
    out: &mut Vec<Span>,
) -> usize {
    let mut p = 0;
    if let Some(cue) = ctx {
        // "Herr von Weizsäcker", but not "der Täter zu Fuß": only titles and fields may be
        // followed by a particle-led name.
        let particle_led = units.first().is_some_and(|u| u.kind == UnitKind::Particle);
        let k = if particle_led && matches!(cue.kind, CueKind::Role | CueKind::Naming) {
            0
        } else {
            take_after_cue(units)
        };
        if k > 0 {
            let taken = units.head(k);
            let mut last = taken.last().map_or(0, |u| u.end);
            let mut lex = lex_summary(taken);
            let mut resume = None;
            let all_upper = taken.iter().all(|u| u.upper || u.kind != UnitKind::Name);
            if k == units.len() && (cue.kind == CueKind::Label || all_upper) {
                let second = run_after_comma(items, end);
                let k2 = take_given_after_comma(second, cue.kind == CueKind::Label);
                if let Some(g) = second.head(k2).last().filter(|_| k2 > 0) {
                    last = g.end;
                    lex = lex.merge(lex_summary(second.head(k2)));
                    resume = Some(end + 1 + k2);
                }
            }
            let score = match (cue.kind, lex.any()) {
                // "alias" and "called" also precede nicknames and product names.
                (CueKind::Naming, true) => 0.85,
                (CueKind::Naming, false) => 0.7,
                (_, true) => 0.95,
                (_, false) => 0.9,
            };
            let mut reason = cue_reason(text, cue);
            lex.append_to(&mut reason);
            push(
                out,
                taken.first().map_or(0, |u| u.start),
                last,
                score,
                reason,
            );
            if let Some(r) = resume {
                return r;
            }
            p = k;
        }
    }
    while p < units.len() {
        let rest = units.tail(p);
        if let Some(next) = surname_comma_given(items, rest, end, out) {
            return next;
        }
        match span_at(rest) {
            Step::Name(len, score, reason) => {
                let start = rest.first().map_or(0, |u| u.start);
                let stop = rest.get(len.saturating_sub(1)).map_or(start, |u| u.end);
                push(out, start, stop, score, reason.to_owned());
                p += len;
            }
            Step::Skip(len) => p += len.max(1),
        }
    }
    end
}

pub(super) fn push(out: &mut Vec<Span>, start: usize, end: usize, score: f32, reason: String) {
    if start < end {
        out.push(Span {
            start,
            end,
            score,
            reason,
        });
    }
}

/// Longest text [`LexSummary::append_to`] adds to a reason.
const LEX_REASON_MAX: usize = ";lexicon:given+surname".len();

/// The reason of a cue (`title:"Herr"`), with room for the lexicon part: built by hand
/// because `format!` and the growth of the string cost more than the rest of the finding.
fn cue_reason(text: &str, cue: Cue) -> String {
    let word = text.get(cue.start..cue.end).unwrap_or("?");
    let (head, tail) = match cue.kind {
        CueKind::Title => ("title:\"", "\""),
        CueKind::Role => ("role:\"", "\""),
        CueKind::Label => ("field:\"", ":\""),
        CueKind::Naming => ("cue:\"", "\""),
    };
    let mut reason = String::with_capacity(head.len() + word.len() + tail.len() + LEX_REASON_MAX);
    reason.push_str(head);
    reason.push_str(word);
    reason.push_str(tail);
    reason
}

/// `head` as an owned reason with room for the lexicon part.
pub(super) fn reason_with_room(head: &str) -> String {
    let mut reason = String::with_capacity(head.len() + LEX_REASON_MAX);
    reason.push_str(head);
    reason
}

/// How many units a cue takes: leading particles, then name words and initials; no unknown
/// word once a known surname is taken ("Zeuge Peter Müller Aussage" stops before "Aussage"),
/// at most three unknown words in all (a given name and two Spanish surnames), trailing
/// particles dropped.
fn take_after_cue(units: Run<'_>) -> usize {
    let mut taken = 0;
    let mut names = 0;
    let mut unknown = 0;
    let mut surname_known = false;
    let mut particles = 0;
    for (i, u) in units.iter().enumerate() {
        match u.kind {
            UnitKind::Particle if particles == MAX_PARTICLES => break,
            UnitKind::Particle => {
                particles += 1;
                continue;
            }
            UnitKind::Initial if names == MAX_NAME_WORDS => break,
            UnitKind::Initial => names += 1,
            UnitKind::Name => {
                if names == MAX_NAME_WORDS {
                    break;
                }
                if !u.hit.any() {
                    if surname_known || unknown == 3 {
                        break;
                    }
                    unknown += 1;
                }
                surname_known |= u.hit.surname && !u.hit.given;
                names += 1;
            }
        }
        particles = 0;
        taken = i + 1;
    }
    taken
}

/// After "SURNAME," the given names: capitalised (not upper-case, unless `any_case`) words and
/// initials, at most three; trailing particles dropped.
pub(super) fn take_given_after_comma(units: Run<'_>, any_case: bool) -> usize {
    let mut taken = 0;
    let mut names = 0;
    for (i, u) in units.iter().enumerate() {
        match u.kind {
            // `units` is at most a few words long (see `run_after_comma`).
            UnitKind::Particle => continue,
            UnitKind::Name if (any_case || !u.upper) && names < 3 => names += 1,
            UnitKind::Initial if names < 3 => names += 1,
            _ => break,
        }
        taken = i + 1;
    }
    taken
}

/// Which name lists the words of a span hit, for the reason.
#[derive(Clone, Copy, Default)]
pub(super) struct LexSummary {
    given: bool,
    surname: bool,
}

impl LexSummary {
    pub(super) fn any(self) -> bool {
        self.given || self.surname
    }

    pub(super) fn merge(self, other: Self) -> Self {
        Self {
            given: self.given || other.given,
            surname: self.surname || other.surname,
        }
    }

    pub(super) fn append_to(self, reason: &mut String) {
        reason.push_str(match (self.given, self.surname) {
            (true, true) => ";lexicon:given+surname",
            (true, false) => ";lexicon:given",
            (false, true) => ";lexicon:surname",
            (false, false) => "",
        });
    }
}

pub(super) fn lex_summary(units: Run<'_>) -> LexSummary {
    units
        .iter()
        .fold(LexSummary::default(), |acc, u| LexSummary {
            given: acc.given || u.hit.given,
            surname: acc.surname || u.hit.surname,
        })
}
