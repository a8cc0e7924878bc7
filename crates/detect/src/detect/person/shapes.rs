//! Names without a cue: lexicon pairs, initials and the police shapes `SURNAME, Given`.
//!
//! Each function looks at most a few units ahead of its position (bounded by the limits in
//! [`super::scan`]), so the matcher stays linear however long a run of capitalised words is.

use super::items::{Item, UnitKind};
use super::scan::{
    MAX_INITIALS, MAX_NAME_WORDS, MAX_PARTICLES, Run, Span, lex_summary, push, reason_with_room,
    run_after_comma, take_given_after_comma,
};

/// Police convention "SMITH, John" (or "Smith, John" when both are known names) at the start
/// of `rest`, which must be the whole remainder of the run ending at item `end`.
pub(super) fn surname_comma_given(
    items: &[Item],
    rest: Run<'_>,
    end: usize,
    out: &mut Vec<Span>,
) -> Option<usize> {
    // Cheap exit first: this runs at every position of a run, which may be huge.
    if rest.len() > 3 + MAX_PARTICLES || !matches!(items.get(end), Some(Item::Comma)) {
        return None;
    }
    let names = || rest.iter().filter(|u| u.kind == UnitKind::Name);
    let count = names().count();
    let first = rest.first()?;
    // The surname may begin with upper-case particles: "VAN DEN BERG, Joost". (In running
    // text a lower-case one is more often a preposition: "le témoignage de Dupont, Marie";
    // the matcher then finds the name from the surname on.)
    let lead = rest
        .iter()
        .take_while(|u| u.kind == UnitKind::Particle && u.upper)
        .count();
    if count == 0 || count > 3 || lead > MAX_PARTICLES || rest.get(lead)?.kind != UnitKind::Name {
        return None;
    }
    let upper = rest.iter().all(|u| u.upper || u.kind == UnitKind::Particle);
    let second = run_after_comma(items, end);
    let given = second
        .first()
        .filter(|g| g.kind == UnitKind::Name && !g.upper)?;
    let lexicon_pair = count <= 2
        && names().all(|s| s.hit.surname && !s.common)
        && given.hit.given
        && !given.common;
    if !upper && !lexicon_pair {
        return None;
    }
    if names().any(|n| n.prev_org || n.next_org) || given.next_org {
        return None;
    }
    let k2 = take_given_after_comma(second, false);
    let last = second.head(k2).last().filter(|_| k2 > 0)?;
    let lex = lex_summary(rest).merge(lex_summary(second.head(k2)));
    let (score, mut reason) = match (upper, lex.any()) {
        (true, true) => (0.9, reason_with_room("shape:SURNAME,Given")),
        (true, false) => (0.8, reason_with_room("shape:SURNAME,Given")),
        (false, _) => (0.85, reason_with_room("shape:Surname,Given")),
    };
    lex.append_to(&mut reason);
    push(out, first.start, last.end, score, reason);
    Some(end + 1 + k2)
}

/// What the matcher does at one position of a run without a cue.
pub(super) enum Step {
    /// A name of this many units, with score and reason.
    Name(usize, f32, &'static str),
    /// No name; skip this many units. A name-like span that touches an organisation or a
    /// street ("rue Victor Hugo", "Anna Schmidt GmbH") is skipped whole, so that no part of it
    /// comes back as a lone given name.
    Skip(usize),
}

/// A name starting at `rest[0]` without any cue.
pub(super) fn span_at(rest: Run<'_>) -> Step {
    let Some(first) = rest.first() else {
        return Step::Skip(1);
    };
    match first.kind {
        UnitKind::Particle => upper_particles_surname_given(rest),
        UnitKind::Initial => initials_then_name(rest),
        UnitKind::Name if first.hit.given => given_first(rest),
        UnitKind::Name if first.upper => {
            // "KOWALSKI Jan": an upper-case surname before a capitalised given name.
            // A given name that is also a word ("Jan") needs the surname to be a known one.
            let g = rest.get(1).filter(|g| {
                g.kind == UnitKind::Name
                    && !g.upper
                    && g.hit.given
                    && (!g.common || first.hit.surname)
            });
            match g {
                Some(g) if first.prev_org || g.next_org => Step::Skip(2),
                Some(_) => Step::Name(2, 0.85, "shape:SURNAME Given;lexicon:given"),
                None => Step::Skip(1),
            }
        }
        UnitKind::Name => Step::Skip(1),
    }
}

/// "DE VRIES Sanne", "VAN DEN BERG Lotte": upper-case particles, an upper-case surname and a
/// capitalised given name of the lexicon (the police shape "KOWALSKI Jan" of [`span_at`]
/// with particles); anything else at a particle is no name.
fn upper_particles_surname_given(rest: Run<'_>) -> Step {
    let lead = rest
        .iter()
        .take(MAX_PARTICLES + 1)
        .take_while(|u| u.kind == UnitKind::Particle && u.upper)
        .count();
    if lead == 0 || lead > MAX_PARTICLES {
        return Step::Skip(1);
    }
    let surname = rest
        .get(lead)
        .filter(|s| s.kind == UnitKind::Name && s.upper);
    let given = rest.get(lead + 1).filter(|g| {
        g.kind == UnitKind::Name
            && !g.upper
            && g.hit.given
            && (!g.common || surname.is_some_and(|s| s.hit.surname))
    });
    match (surname, given) {
        (Some(s), Some(g)) if s.prev_org || g.next_org => Step::Skip(lead + 2),
        (Some(_), Some(_)) => Step::Name(lead + 2, 0.85, "shape:SURNAME Given;lexicon:given"),
        _ => Step::Skip(1),
    }
}

fn initials_then_name(rest: Run<'_>) -> Step {
    let initials = rest
        .iter()
        .take(MAX_INITIALS + 1)
        .take_while(|u| u.kind == UnitKind::Initial)
        .count();
    if initials > MAX_INITIALS {
        return Step::Skip(1);
    }
    let mut i = initials;
    while rest.get(i).is_some_and(|u| u.kind == UnitKind::Particle) && i - initials < MAX_PARTICLES
    {
        i += 1;
    }
    match rest.get(i).filter(|u| u.kind == UnitKind::Name) {
        None => Step::Skip(1),
        Some(name) if name.next_org || name.prev_org => Step::Skip(i + 1),
        Some(name) if name.common => Step::Skip(1),
        Some(name) if name.hit.any() => Step::Name(i + 1, 0.85, "shape:initial+Cap;lexicon"),
        // An initial before a word no lexicon knows is usually a sentence boundary
        // ("annex B. Further…", "Anlage B. Sachschaden"): the evaluation set showed these as
        // the largest class of false names. With a cue ("Herr J. Xyz") the cue path finds it.
        Some(_) => Step::Skip(1),
    }
}

fn given_first(rest: Run<'_>) -> Step {
    let Some(first) = rest.first() else {
        return Step::Skip(1);
    };
    let mut taken = 1;
    let (mut strong, mut weak, mut unknown, mut initial, mut names) =
        (false, false, false, false, 1);
    let mut i = 1;
    while let Some(u) = rest.get(i) {
        match u.kind {
            UnitKind::Particle if i - taken == MAX_PARTICLES => break,
            UnitKind::Particle => {
                i += 1;
                continue;
            }
            UnitKind::Initial if names == MAX_NAME_WORDS => break,
            UnitKind::Initial => {
                initial = true;
                names += 1;
            }
            UnitKind::Name => {
                if names == MAX_NAME_WORDS {
                    break;
                }
                if u.hit.any() && !u.common {
                    strong = true;
                } else if u.hit.any() || u.common {
                    weak = true;
                } else if unknown || strong || weak {
                    break;
                } else {
                    unknown = true;
                }
                names += 1;
            }
        }
        i += 1;
        taken = i;
    }
    let Some(last) = rest.get(taken.saturating_sub(1)) else {
        return Step::Skip(1);
    };
    if first.prev_org || last.next_org {
        return Step::Skip(taken);
    }
    let found = match (first.common, strong, weak, unknown, initial) {
        (false, true, _, _, _) if first.upper && last.upper => (0.85, "lexicon:given+surname"),
        (false, true, _, _, _) => (0.9, "lexicon:given+surname"),
        (false, false, true, _, _) => (0.75, "lexicon:given+surname;common"),
        (false, false, false, true, _) => (0.7, "lexicon:given+shape"),
        (false, false, false, false, true) => (0.7, "lexicon:given+initial"),
        (false, false, false, false, false) if !first.upper && !first.prev_locative => {
            (0.55, "lexicon:given")
        }
        (true, true, _, _, _) => (0.7, "lexicon:given+surname;common"),
        _ => return Step::Skip(1),
    };
    Step::Name(taken, found.0, found.1)
}
