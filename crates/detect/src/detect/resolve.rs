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

use super::entity::Entity;
use super::finding::Finding;
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// How strongly a candidate's reason vouches for it: a deny-list term, then a checksum or a
/// context word. A reason names its checksum first and its context word next
/// (`checksum:luhn;context:"tel"`, `context:"passport"`, see `hit::write_reason`), so
/// `starts_with` answers what `contains` would: `contains` built a substring searcher
/// twice per call, 0.4 % of `analyze` of the 10 MB corpus in wasm.
fn class(f: &Finding) -> u8 {
    if f.reason.starts_with("deny_list") {
        2
    } else if f.reason.starts_with("checksum:") || f.reason.starts_with("context:") {
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

/// Merges same-type overlaps (rule 1). The result is in order of start, and of entity
/// where starts are equal (two findings of one type never share a start: they merge).
///
/// One pass in order of start, each finding merged into the last one of its type when it
/// starts before that one's end. Within a type the candidates come in the order of start,
/// then priority, then reason, as when they were sorted by type first: the same merges,
/// and [`resolve`]'s sort by start and end then finds them in order (mostly) or makes the
/// same order of them. (Sorted by type first, the list needed a second sort by start: two
/// radix sorts of ~35,000 candidates in the 10 MB corpus, where this is one.)
fn merge_same_type(mut c: Vec<Finding>) -> Vec<Finding> {
    crate::sort::sort_by_key_then(
        &mut c,
        |f| crate::sort::offset(f.start),
        |a, b| {
            a.start
                .cmp(&b.start)
                .then(a.entity.cmp(&b.entity))
                .then_with(|| priority(a, b))
                .then_with(|| a.reason.cmp(&b.reason))
        },
    );
    let mut out: Vec<Finding> = Vec::with_capacity(c.len());
    // Per type, where its last finding is in `out`.
    let mut last_of = [usize::MAX; Entity::ALL.len()];
    for f in c {
        let slot = last_of.get_mut(f.entity as usize);
        if let Some(last) = slot
            .as_deref()
            .and_then(|&i| out.get_mut(i))
            .filter(|l| f.start < l.end)
        {
            absorb(last, f);
            continue;
        }
        if let Some(slot) = slot {
            *slot = out.len();
        }
        out.push(f);
    }
    out
}

/// Merges `f` into `last` (same type, overlapping): the union of the spans, and the score,
/// recognizer and reason of the one whose reason vouches more, or of the higher score.
fn absorb(last: &mut Finding, f: Finding) {
    last.end = last.end.max(f.end);
    if class(&f) > class(last) || (class(&f) == class(last) && f.score > last.score) {
        last.score = f.score;
        last.recognizer = f.recognizer;
        last.reason = f.reason;
    }
}

/// Resolves overlaps; the result is sorted by start and no two findings overlap.
///
/// Rule 2 is applied cluster by cluster: after sorting by start, a *cluster* is a maximal run
/// of candidates that overlap one another transitively. A candidate can only clash with
/// members of its own cluster, so the greedy pass over each cluster, in the same priority
/// order, keeps exactly what one greedy pass over all candidates keeps. Most clusters of
/// real text are a single finding, which is kept as it is without any further work.
pub(crate) fn resolve(candidates: Vec<Finding>) -> Vec<Finding> {
    let mut merged = merge_same_type(candidates);
    crate::sort::sort_by_key_then(
        &mut merged,
        |f| crate::sort::offset(f.start),
        |a, b| a.start.cmp(&b.start).then(a.end.cmp(&b.end)),
    );
    by_clusters(merged)
}

/// Rule 2 over findings sorted by start (and end): [`greedy`] on each cluster in turn.
fn by_clusters(merged: Vec<Finding>) -> Vec<Finding> {
    let mut out = Vec::with_capacity(merged.len());
    let mut cluster: Vec<Finding> = Vec::new();
    let mut cluster_end = 0;
    for f in merged {
        if f.start >= cluster_end {
            greedy(&mut cluster, &mut out);
        }
        cluster_end = cluster_end.max(f.end);
        cluster.push(f);
    }
    greedy(&mut cluster, &mut out);
    out
}

/// Rule 2 on one cluster (emptied): appends the kept candidates to `out`, sorted by start.
fn greedy(cluster: &mut Vec<Finding>, out: &mut Vec<Finding>) {
    if cluster.len() <= 1 {
        // Most clusters: one candidate, moved by value (`append` copied it with a
        // `memory.copy` call in wasm, one per finding).
        out.extend(cluster.pop());
        return;
    }
    // The class needs string searches in the reason: compute it once per finding, not once
    // per comparison.
    let mut keyed: Vec<(u8, Finding)> = cluster.drain(..).map(|f| (class(&f), f)).collect();
    crate::sort::sort_by(&mut keyed, |(ca, a), (cb, b)| {
        cb.cmp(ca).then_with(|| priority(a, b))
    });
    // Kept spans by start; they are disjoint, so only the last one starting before a
    // candidate's end can overlap it (a cluster can be as long as the text: `1 1 1 …`).
    let mut kept: BTreeMap<usize, Finding> = BTreeMap::new();
    for (_, f) in keyed {
        let clash = kept
            .range(..f.end)
            .next_back()
            .is_some_and(|(_, k)| k.end > f.start);
        if !clash {
            kept.insert(f.start, f);
        }
    }
    out.extend(kept.into_values());
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::detect::Entity;

    #[test]
    fn a_reason_vouches_as_its_words_say() {
        // Every reason the recognizers write, and the person recognizer's and the deny
        // list's: the class read from the start is the class read anywhere in it.
        let mut reasons = vec![
            "deny_list".to_string(),
            "title:\"Herr\";lexicon:surname".to_string(),
            "field:\"Name:\"".to_string(),
            "lexicon:given+surname".to_string(),
        ];
        for check in [None, Some("luhn")] {
            for word in [None, Some("tel.")] {
                for against in [None, Some("order")] {
                    reasons.push(crate::detect::hit::write_reason((check, word, against)));
                }
            }
        }
        for reason in &reasons {
            let finding = f(Entity::Phone, 0, 1, 0.5, reason);
            let anywhere = if reason.contains("deny_list") {
                2
            } else {
                u8::from(reason.contains("checksum:") || reason.contains("context:"))
            };
            assert_eq!(class(&finding), anywhere, "{reason}");
        }
        assert_eq!(
            reasons
                .iter()
                .filter(|r| class(&f(Entity::Phone, 0, 1, 0.5, r)) == 1)
                .count(),
            6
        );
    }

    fn f(entity: Entity, start: usize, end: usize, score: f32, reason: &str) -> Finding {
        Finding {
            entity,
            start,
            end,
            score,
            recognizer: "t",
            reason: reason.into(),
        }
    }

    /// Rule 1 as it was first written: sorted by type, then start, each candidate merged
    /// into the one before it when that is of its type and it starts before its end.
    fn merge_by_type_first(mut c: Vec<Finding>) -> Vec<Finding> {
        c.sort_by(|a, b| {
            a.entity
                .cmp(&b.entity)
                .then(a.start.cmp(&b.start))
                .then_with(|| priority(a, b))
                .then_with(|| a.reason.cmp(&b.reason))
        });
        let mut out: Vec<Finding> = Vec::new();
        for f in c {
            if let Some(last) = out
                .last_mut()
                .filter(|l| l.entity == f.entity && f.start < l.end)
            {
                absorb(last, f);
                continue;
            }
            out.push(f);
        }
        out.sort_by(|a, b| a.start.cmp(&b.start).then(a.end.cmp(&b.end)));
        out
    }

    #[test]
    fn merging_in_order_of_start_is_merging_by_type_first() {
        // Random candidates, dense enough that types share starts and overlap in chains,
        // with ties in length, score, recognizer and reason.
        let mut next = crate::detect::lcg(0x00E2_6E55);
        let types = [Entity::Phone, Entity::Iban, Entity::Person, Entity::Email];
        let reasons = ["format", "checksum:luhn", "context:\"tel\"", "deny_list"];
        let recognizers = ["a", "b"];
        let mut merged = 0;
        for _ in 0..3000 {
            let c: Vec<Finding> = (0..next(40))
                .map(|_| {
                    let start = next(60);
                    Finding {
                        entity: types[next(types.len())],
                        start,
                        end: start + 1 + next(8),
                        score: [0.5, 0.6, 0.9][next(3)],
                        recognizer: recognizers[next(2)],
                        reason: reasons[next(reasons.len())].into(),
                    }
                })
                .collect();
            let want = merge_by_type_first(c.clone());
            let mut got = merge_same_type(c.clone());
            got.sort_by(|a, b| a.start.cmp(&b.start).then(a.end.cmp(&b.end)));
            merged += c.len() - want.len();
            let show = |v: &[Finding]| {
                v.iter()
                    .map(|f| {
                        (
                            f.entity,
                            f.start,
                            f.end,
                            f.score,
                            f.recognizer,
                            f.reason.to_string(),
                        )
                    })
                    .collect::<Vec<_>>()
            };
            assert_eq!(show(&got), show(&want), "{:?}", show(&c));
            assert_eq!(show(&resolve(c.clone())), show(&by_clusters(want)));
        }
        assert!(merged > 10_000, "{merged}");
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

    /// The greedy pass over all candidates at once, as it was before clusters.
    fn one_global_pass(candidates: Vec<Finding>) -> Vec<Finding> {
        let merged = merge_same_type(candidates);
        let mut keyed: Vec<(u8, Finding)> = merged.into_iter().map(|f| (class(&f), f)).collect();
        keyed.sort_by(|(ca, a), (cb, b)| cb.cmp(ca).then_with(|| priority(a, b)));
        let mut kept: BTreeMap<usize, Finding> = BTreeMap::new();
        for (_, f) in keyed {
            if kept
                .range(..f.end)
                .next_back()
                .is_none_or(|(_, k)| k.end <= f.start)
            {
                kept.insert(f.start, f);
            }
        }
        kept.into_values().collect()
    }

    #[test]
    fn clusters_keep_what_one_global_pass_keeps() {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = |n: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % n
        };
        let entities = [Entity::Phone, Entity::Iban, Entity::Email, Entity::Person];
        let reasons = ["format", "checksum:luhn", "context:\"tel\"", "deny_list"];
        for round in 0..2000 {
            let n = 1 + next(12) as usize;
            let width = if round % 2 == 0 { 40 } else { 200 };
            let c: Vec<Finding> = (0..n)
                .map(|_| {
                    let start = next(width) as usize;
                    let end = start + 1 + next(15) as usize;
                    let score = [0.5, 0.7, 0.9][next(3) as usize];
                    f(
                        entities[next(4) as usize],
                        start,
                        end,
                        score,
                        reasons[next(4) as usize],
                    )
                })
                .collect();
            assert_eq!(resolve(c.clone()), one_global_pass(c.clone()), "{c:?}");
        }
    }
}
