//! One stable sort for the whole library, compiled once.
//!
//! Why not `slice::sort_by`: the standard library's sorts (driftsort and ipnsort) are generic
//! and large, and every element type and comparator gets its own copy. borderseal had 14 of
//! them, 86 KB of wasm code: measured with the name section of the release `.wasm`, they were
//! a tenth of all code. Here one plain merge sort orders a permutation of indices behind a
//! `dyn` comparator; the generic wrappers only build the permutation and apply it, a few
//! hundred bytes each. The cost is a dynamic call per comparison and one pass to permute,
//! which is nothing next to the work around it: what is sorted here are findings, spans,
//! terms and object keys, thousands at most, never every byte of a text.
//!
//! Stable: equal elements keep their order, as with `slice::sort_by`. A comparator that is
//! not a total order leaves the elements in some order, never loses or duplicates one.

use core::cmp::Ordering;

/// Below this length a run is sorted by insertion (fewer moves and calls than merging).
const INSERTION: usize = 12;

/// Sorts `v` stably by `cmp`, like `v.sort_by(cmp)`.
pub fn sort_by<T>(v: &mut Vec<T>, mut cmp: impl FnMut(&T, &T) -> Ordering) {
    // Already sorted (findings usually are): one pass, nothing allocated or moved.
    if v.windows(2).all(|w| match (w.first(), w.get(1)) {
        (Some(a), Some(b)) => cmp(a, b) != Ordering::Greater,
        _ => true,
    }) {
        return;
    }
    let order = {
        let items: &[T] = v;
        permutation(
            items.len(),
            &mut |a, b| match (items.get(a), items.get(b)) {
                (Some(x), Some(y)) => cmp(x, y),
                _ => Ordering::Equal,
            },
        )
    };
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

/// The stable sorting permutation of `n` elements compared by index.
fn permutation(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut scratch = vec![0; n];
    merge_sort(&mut order, &mut scratch, cmp);
    order
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

#[cfg(test)]
mod tests {
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
