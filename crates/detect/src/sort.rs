//! One stable sort for the whole library, compiled once.
//!
//! Why not `slice::sort_by`: the standard library's sorts (driftsort and ipnsort) are generic
//! and large, and every element type and comparator gets its own copy. borderseal had 14 of
//! them, 86 KB of wasm code: measured with the name section of the release `.wasm`, they were
//! a tenth of all code. Here one plain merge sort orders a permutation of indices behind a
//! `dyn` comparator; the generic wrappers only build the permutation and apply it, a few
//! hundred bytes each.
//!
//! The long lists are findings: tens of thousands in a 10 MB report, sorted by position and
//! by score several times on the way. For them a dynamic call per comparison was 5 % of
//! `analyze` in wasm, so [`sort_by_key_then`] sorts a `u64` key per element by radix (a few
//! linear passes) and calls the comparator only within runs of equal keys.
//!
//! Stable: equal elements keep their order, as with `slice::sort_by`. A comparator that is
//! not a total order leaves the elements in some order, never loses or duplicates one.
//!
//! And one search of sorted lists that are asked in increasing order ([`partition_point_from`]).

use core::cmp::Ordering;

/// Below this length a run is sorted by insertion (fewer moves and calls than merging).
const INSERTION: usize = 12;

/// Sorts `v` stably by `cmp`, like `v.sort_by(cmp)`.
pub fn sort_by<T>(v: &mut Vec<T>, cmp: impl FnMut(&T, &T) -> Ordering) {
    // One key for all: `cmp` orders everything, by a merge sort.
    sort_by_key_then(v, |_| 0, cmp);
}

/// Sorts `v` stably by `key`, and elements with equal keys by `then`, like
/// `v.sort_by(|a, b| key(a).cmp(&key(b)).then_with(|| then(a, b)))`.
///
/// For the long lists (findings by position, seeds by score): a radix sort of the keys, a
/// few linear passes, costs a fraction of the comparison sort's dynamic calls, and `then`
/// only orders the runs of equal keys, which are short. A key may be coarser than the order
/// it stands for (a saturated offset, a position without its end): `then` decides the rest.
pub fn sort_by_key_then<T>(
    v: &mut Vec<T>,
    key: impl Fn(&T) -> u64,
    mut then: impl FnMut(&T, &T) -> Ordering,
) {
    let keys: Vec<u64> = v.iter().map(key).collect();
    let order = {
        let items: &[T] = v;
        keyed_permutation(&keys, &mut |a, b| match (items.get(a), items.get(b)) {
            (Some(x), Some(y)) => then(x, y),
            _ => Ordering::Equal,
        })
    };
    if let Some(order) = order {
        apply(v, &order);
    }
}

/// Up to this many elements, [`keyed_permutation`] compares instead of sorting by radix.
const SMALL: usize = 64;

/// The stable sorting permutation of the elements with `keys`, equal keys ordered by
/// `then` (by index); `None` when they are in order already. Not generic, so compiled once.
fn keyed_permutation(
    keys: &[u64],
    then: &mut dyn FnMut(usize, usize) -> Ordering,
) -> Option<Vec<usize>> {
    let in_order = |i: usize, then: &mut dyn FnMut(usize, usize) -> Ordering| match (
        keys.get(i),
        keys.get(i + 1),
    ) {
        (Some(a), Some(b)) => a.cmp(b).then_with(|| then(i, i + 1)) != Ordering::Greater,
        _ => true,
    };
    // Already sorted (findings usually are): one pass, nothing allocated or moved.
    if (0..keys.len().saturating_sub(1)).all(|i| in_order(i, then)) {
        return None;
    }
    if keys.len() <= SMALL {
        // A report's few findings: the radix sort's 256-entry count per key byte costs
        // more than comparing them (a stable sort by key, then `then`: the same order).
        let mut order: Vec<usize> = (0..keys.len()).collect();
        let mut scratch = vec![0; keys.len()];
        merge_sort(&mut order, &mut scratch, &mut |i, j| {
            let key = |k: usize| keys.get(k).copied().unwrap_or(0);
            key(i).cmp(&key(j)).then_with(|| then(i, j))
        });
        return Some(order);
    }
    let mut order = radix_order(keys);
    let mut scratch = Vec::new();
    let mut run = 0;
    while run < order.len() {
        let k = order.get(run).and_then(|&i| keys.get(i));
        let len = order
            .get(run..)
            .unwrap_or(&[])
            .iter()
            .take_while(|&&i| keys.get(i) == k)
            .count();
        if len > 1
            && let Some(slice) = order.get_mut(run..run + len)
        {
            scratch.resize(len, 0);
            merge_sort(slice, &mut scratch, then);
        }
        run += len.max(1);
    }
    Some(order)
}

/// A key that sorts scores from the highest down, in the order of
/// `b.total_cmp(&a)` (the bits of a float, made to compare as unsigned integers).
pub fn descending(score: f32) -> u64 {
    let bits = score.to_bits();
    let ascending = if bits >> 31 == 1 {
        !bits
    } else {
        bits | 1 << 31
    };
    u64::from(!ascending)
}

/// A byte offset as a sort key: exact below 4 GiB (a text is far shorter); above, saturated,
/// and the tie-breaker of [`sort_by_key_then`] orders the equal keys.
pub fn offset(at: usize) -> u64 {
    u64::from(u32::try_from(at).unwrap_or(u32::MAX))
}

/// The stable order of `keys` (indices), by a least-significant-digit radix sort on the
/// bytes in which the keys differ.
fn radix_order(keys: &[u64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    let mut next = vec![0; keys.len()];
    let first = keys.first().copied().unwrap_or(0);
    let varying = keys.iter().fold(0, |acc, &k| acc | (k ^ first));
    for shift in (0..64).step_by(8) {
        if (varying >> shift) & 0xFF == 0 {
            continue;
        }
        let digit = |i: usize| keys.get(i).map_or(0, |&k| ((k >> shift) & 0xFF) as usize);
        let mut at = [0usize; 256];
        for &i in &order {
            if let Some(c) = at.get_mut(digit(i)) {
                *c += 1;
            }
        }
        let mut sum = 0;
        for c in &mut at {
            (*c, sum) = (sum, sum + *c);
        }
        for &i in &order {
            if let Some(c) = at.get_mut(digit(i)) {
                if let Some(slot) = next.get_mut(*c) {
                    *slot = i;
                }
                *c += 1;
            }
        }
        core::mem::swap(&mut order, &mut next);
    }
    order
}

/// Puts the elements of `v` in `order` (a permutation of its indices).
fn apply<T>(v: &mut Vec<T>, order: &[usize]) {
    let mut slots: Vec<Option<T>> = v.drain(..).map(Some).collect();
    // `order` is a permutation of 0..n: every slot is taken exactly once.
    v.extend(
        order
            .iter()
            .filter_map(|&i| slots.get_mut(i).and_then(Option::take)),
    );
}

/// Sorts `v` stably by the key `key`, like `v.sort_by_key(key)`.
pub fn sort_by_key<T, K: Ord>(v: &mut Vec<T>, mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` in ascending order, like `v.sort()`.
pub fn sort<T: Ord>(v: &mut Vec<T>) {
    sort_by(v, T::cmp);
}

/// Top-down merge sort of `v` (indices) with `scratch` (at least as long as `v`).
fn merge_sort(
    v: &mut [usize],
    scratch: &mut [usize],
    cmp: &mut dyn FnMut(usize, usize) -> Ordering,
) {
    let n = v.len();
    if n <= INSERTION {
        insertion_sort(v, cmp);
        return;
    }
    let mid = n / 2;
    {
        let (lo, hi) = v.split_at_mut(mid);
        merge_sort(lo, scratch, cmp);
        merge_sort(hi, scratch, cmp);
        // Already in order (sorted or nearly sorted input): no merge needed.
        if let (Some(&l), Some(&h)) = (lo.last(), hi.first())
            && cmp(l, h) != Ordering::Greater
        {
            return;
        }
    }
    let Some(tmp) = scratch.get_mut(..n) else {
        return;
    };
    tmp.copy_from_slice(v);
    let (lo, hi) = tmp.split_at(mid);
    let (mut i, mut j) = (0, 0);
    for out in v.iter_mut() {
        // On a tie the left run's element goes first: that is what makes the sort stable.
        let from_hi = match (lo.get(i), hi.get(j)) {
            (Some(&l), Some(&h)) => cmp(l, h) == Ordering::Greater,
            (None, _) => true,
            (Some(_), None) => false,
        };
        let next = if from_hi {
            j += 1;
            hi.get(j - 1)
        } else {
            i += 1;
            lo.get(i - 1)
        };
        if let Some(&x) = next {
            *out = x;
        }
    }
}

fn insertion_sort(v: &mut [usize], cmp: &mut dyn FnMut(usize, usize) -> Ordering) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 {
            let (Some(&a), Some(&b)) = (v.get(j - 1), v.get(j)) else {
                break;
            };
            if cmp(a, b) != Ordering::Greater {
                break;
            }
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Steps of [`partition_point_from`]'s walk before it falls back to a binary search.
const WALK: usize = 8;

/// `items.partition_point(pred)` (`pred` true for a prefix of `items`), looked for from
/// `hint`: a walk of a few steps forward when the answer lies just after it, the usual case
/// for questions asked in increasing order (context windows, the folding's breaks), else a
/// binary search on the side of `hint` where the answer lies. The result does not depend on
/// `hint`.
pub fn partition_point_from<T>(items: &[T], hint: usize, pred: impl Fn(&T) -> bool) -> usize {
    let hint = hint.min(items.len());
    if hint > 0 && items.get(hint - 1).is_some_and(|x| !pred(x)) {
        return items.get(..hint).map_or(0, |h| h.partition_point(&pred));
    }
    let mut i = hint;
    while let Some(x) = items.get(i) {
        if !pred(x) {
            return i;
        }
        i += 1;
        if i - hint == WALK {
            return i + items.get(i..).map_or(0, |r| r.partition_point(&pred));
        }
    }
    i
}

#[cfg(test)]
mod tests {

    #[test]
    fn partition_point_from_any_hint_is_the_binary_search() {
        // Repeats, gaps and runs longer than the walk; keys before, inside, between and
        // after them; every hint.
        let pos = [
            0, 0, 3, 3, 3, 4, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 40, 41,
        ];
        for n in 0..=pos.len() {
            let items = pos.get(..n).unwrap_or_default();
            for key in 0..45 {
                let want = items.partition_point(|&p| p < key);
                for hint in 0..=n + 2 {
                    assert_eq!(
                        partition_point_from(items, hint, |&p| p < key),
                        want,
                        "n {n} key {key} hint {hint}"
                    );
                }
            }
        }
    }
    use super::*;

    /// xorshift64*, deterministic.
    fn rng(seed: u64) -> impl FnMut() -> u64 {
        let mut x = seed | 1;
        move || {
            x ^= x >> 12;
            x ^= x << 25;
            x ^= x >> 27;
            x.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }
    }

    #[test]
    fn matches_the_standard_stable_sort() {
        let mut next = rng(7);
        for n in [0, 1, 2, 3, 11, 12, 13, 24, 25, 100, 1000, 4099] {
            for keys in [2, 10, 1_000_000] {
                // (key, original position): equal keys must keep their order.
                let v: Vec<(u64, usize)> = (0..n).map(|i| (next() % keys, i)).collect();
                let mut ours = v.clone();
                sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
                let mut std = v.clone();
                std.sort_by_key(|a| a.0);
                assert_eq!(ours, std, "n={n} keys={keys}");
            }
        }
    }

    #[test]
    fn the_keyed_sort_matches_the_standard_stable_sort() {
        let mut next = rng(5);
        // Up to `SMALL` by comparison, above by radix.
        for n in [0, 1, 2, 3, 12, 13, SMALL, SMALL + 1, 100, 1000, 4099] {
            for keys in [1, 2, 300, 1_000_000, u64::MAX] {
                // (key, tie-breaker, original position): the key sorts first, the
                // tie-breaker among equal keys, the position among equal both.
                let v: Vec<(u64, u64, usize)> = (0..n)
                    .map(|i| (next() % keys.max(1), next() % 3, i))
                    .collect();
                let mut std = v.clone();
                std.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
                let mut ours = v.clone();
                sort_by_key_then(&mut ours, |a| a.0, |a, b| a.1.cmp(&b.1));
                assert_eq!(ours, std, "n={n} keys={keys}");
                // A coarser key (the top bits only): the tie-breaker does the rest.
                let mut coarse = v.clone();
                sort_by_key_then(
                    &mut coarse,
                    |a| a.0 >> 40,
                    |a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)),
                );
                assert_eq!(coarse, std, "coarse n={n} keys={keys}");
            }
        }
    }

    #[test]
    fn score_keys_sort_like_total_cmp_descending() {
        let scores = [
            0.0f32,
            -0.0,
            1.0,
            0.5,
            0.95,
            -1.0,
            f32::INFINITY,
            f32::NEG_INFINITY,
            f32::NAN,
            -f32::NAN,
            1e-30,
            -1e-30,
            0.25,
            0.7,
        ];
        for a in scores {
            for b in scores {
                assert_eq!(
                    descending(a).cmp(&descending(b)),
                    b.total_cmp(&a),
                    "{a} {b}"
                );
            }
        }
        assert_eq!(offset(7), 7);
        assert_eq!(offset(usize::MAX), u64::from(u32::MAX));
    }

    #[test]
    fn sorted_reversed_and_owned_values() {
        let mut v: Vec<String> = (0..200).rev().map(|i| format!("{i:03}")).collect();
        sort(&mut v);
        assert!(v.windows(2).all(|w| w.first() <= w.get(1)));
        assert_eq!(v.len(), 200);
        sort(&mut v);
        assert_eq!(v.first().map(String::as_str), Some("000"));
        let mut k = vec![(3, 'a'), (1, 'b'), (3, 'c'), (1, 'd')];
        sort_by_key(&mut k, |x| x.0);
        assert_eq!(k, vec![(1, 'b'), (1, 'd'), (3, 'a'), (3, 'c')]);
    }

    #[test]
    fn an_inconsistent_comparator_keeps_every_element() {
        let mut next = rng(11);
        let mut v: Vec<usize> = (0..500).collect();
        sort_by(&mut v, |_, _| match next() % 3 {
            0 => Ordering::Less,
            1 => Ordering::Equal,
            _ => Ordering::Greater,
        });
        let mut back = v.clone();
        back.sort_unstable();
        assert_eq!(back, (0..500).collect::<Vec<_>>());
    }
}
