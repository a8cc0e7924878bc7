//! Overlap resolution: from overlapping candidates to a sorted, non-overlapping finding list.
//!
//! Rules, in order (deterministic for any input order):
//! 1. Candidates of the **same type** that overlap (contained or partial) are merged into
//!    one finding covering their union: both were judged personal data of that type, and
//!    keeping only one would leave the other's extra characters in clear.
//! 2. Across **different types**, a greedy pass keeps a candidate only if it overlaps no
//!    kept one, trying them by priority: deny-list terms first, then findings vouched for
//!    by a checksum or a context word (so `Passport: 123456782` stays a passport number
//!    rather than a bare Luhn-valid number without context), then the one covering more text (so a container beats what it contains and
//!    less is left in clear), then the higher score, the earlier start, the entity order.
//!
//! A finding is never split or shortened: it is kept whole or dropped whole (C3).

use super::finding::Finding;
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// How strongly a candidate's reason vouches for it.
fn class(f: &Finding) -> u8 {
    if f.reason.starts_with("deny_list") {
        2
    } else if f.reason.contains("checksum:") || f.reason.contains("context:") {
        1
    } else {
        0
    }
}

/// Priority after the class: longer first, then higher score, earlier start, entity order.
fn priority(a: &Finding, b: &Finding) -> Ordering {
    let len = |f: &Finding| f.end.saturating_sub(f.start);
    len(b)
        .cmp(&len(a))
        .then(b.score.total_cmp(&a.score))
        .then(a.start.cmp(&b.start))
        .then(a.entity.cmp(&b.entity))
        .then(a.recognizer.cmp(b.recognizer))
}

/// Merges same-type overlaps (rule 1).
fn merge_same_type(mut c: Vec<Finding>) -> Vec<Finding> {
    c.sort_by(|a, b| {
        a.entity
            .cmp(&b.entity)
            .then(a.start.cmp(&b.start))
            .then_with(|| priority(a, b))
            .then_with(|| a.reason.cmp(&b.reason))
    });
    let mut out: Vec<Finding> = Vec::with_capacity(c.len());
    for f in c {
        if let Some(last) = out
            .last_mut()
            .filter(|l| l.entity == f.entity && f.start < l.end)
        {
            last.end = last.end.max(f.end);
            if class(&f) > class(last) || (class(&f) == class(last) && f.score > last.score) {
                last.score = f.score;
                last.recognizer = f.recognizer;
                last.reason = f.reason;
            }
            continue;
        }
        out.push(f);
    }
    out
}

/// Resolves overlaps; the result is sorted by start and no two findings overlap.
pub(crate) fn resolve(candidates: Vec<Finding>) -> Vec<Finding> {
    let merged = merge_same_type(candidates);
    // The class needs string searches in the reason: compute it once per finding, not once
    // per comparison.
    let mut keyed: Vec<(u8, Finding)> = merged.into_iter().map(|f| (class(&f), f)).collect();
    keyed.sort_by(|(ca, a), (cb, b)| cb.cmp(ca).then_with(|| priority(a, b)));
    let merged = keyed.into_iter().map(|(_, f)| f);
    // Kept spans by start; they are disjoint, so only the last one starting before a
    // candidate's end can overlap it.
    let mut kept: BTreeMap<usize, Finding> = BTreeMap::new();
    for f in merged {
        let clash = kept
            .range(..f.end)
            .next_back()
            .is_some_and(|(_, k)| k.end > f.start);
        if !clash {
            kept.insert(f.start, f);
        }
    }
    kept.into_values().collect()
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::detect::Entity;

    fn f(entity: Entity, start: usize, end: usize, score: f32, reason: &str) -> Finding {
        Finding {
            entity,
            start,
            end,
            score,
            recognizer: "t",
            reason: reason.to_string(),
        }
    }

    fn spans(v: &[Finding]) -> Vec<(Entity, usize, usize)> {
        v.iter().map(|x| (x.entity, x.start, x.end)).collect()
    }

    #[test]
    fn same_type_partial_overlap_is_merged_to_union() {
        let r = resolve(vec![
            f(Entity::Phone, 5, 15, 0.6, "format"),
            f(Entity::Phone, 0, 8, 0.9, "format"),
        ]);
        assert_eq!(spans(&r), vec![(Entity::Phone, 0, 15)]);
        assert!((r[0].score - 0.9).abs() < f32::EPSILON);
    }

    #[test]
    fn same_type_contained_is_absorbed() {
        let r = resolve(vec![
            f(Entity::Url, 0, 30, 0.7, "format"),
            f(Entity::Url, 10, 20, 0.7, "format"),
        ]);
        assert_eq!(spans(&r), vec![(Entity::Url, 0, 30)]);
    }

    #[test]
    fn different_type_contained_keeps_the_container() {
        let r = resolve(vec![
            f(Entity::Email, 8, 20, 0.95, "format"),
            f(Entity::Url, 0, 30, 0.7, "format"),
        ]);
        assert_eq!(spans(&r), vec![(Entity::Url, 0, 30)]);
    }

    #[test]
    fn validated_beats_unvalidated_container() {
        let r = resolve(vec![
            f(Entity::Phone, 0, 30, 0.9, "format"),
            f(Entity::CreditCard, 4, 23, 0.9, "checksum:luhn"),
        ]);
        assert_eq!(spans(&r), vec![(Entity::CreditCard, 4, 23)]);
    }

    #[test]
    fn different_type_partial_overlap_keeps_longer_then_higher_score() {
        let r = resolve(vec![
            f(Entity::DateOfBirth, 0, 10, 0.9, "format"),
            f(Entity::Phone, 6, 16, 0.5, "format"),
        ]);
        assert_eq!(spans(&r), vec![(Entity::DateOfBirth, 0, 10)]);
        let r = resolve(vec![
            f(Entity::DateOfBirth, 0, 10, 0.4, "format"),
            f(Entity::Phone, 6, 16, 0.5, "format"),
        ]);
        assert_eq!(spans(&r), vec![(Entity::Phone, 6, 16)]);
    }

    #[test]
    fn deny_list_beats_everything_and_disjoint_kept_sorted() {
        let r = resolve(vec![
            f(Entity::Iban, 20, 40, 1.0, "checksum:mod97"),
            f(Entity::Person, 2, 30, 1.0, "deny_list"),
            f(Entity::Email, 50, 60, 0.9, "format"),
            f(Entity::Email, 41, 45, 0.9, "format"),
        ]);
        assert_eq!(
            spans(&r),
            vec![
                (Entity::Person, 2, 30),
                (Entity::Email, 41, 45),
                (Entity::Email, 50, 60)
            ]
        );
    }

    #[test]
    fn input_order_does_not_matter() {
        let a = vec![
            f(Entity::Phone, 0, 10, 0.5, "x"),
            f(Entity::Imei, 0, 10, 0.5, "x"),
            f(Entity::Vin, 5, 15, 0.5, "x"),
        ];
        let mut b = a.clone();
        b.reverse();
        assert_eq!(resolve(a), resolve(b));
    }
}
