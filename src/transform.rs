//! Transform: apply the decided actions to a text, overlap-safe.
//!
//! Invariants (PRODUCT.md C3): bytes outside every finding are copied unchanged; where
//! findings overlap, the union of the overlapping spans is replaced as one piece under the
//! strictest action among them, so no part of any finding stays in clear; the choice is
//! deterministic (strictness, then entity name, then position).

pub mod operators;
pub mod pseudonym;

pub use pseudonym::PseudonymKey;

use crate::decide::Action;
use crate::detect::Entity;
use crate::error::{Error, ErrorCode, Result};

/// A span to transform.
#[derive(Clone, Debug, PartialEq)]
pub struct Span {
    /// Byte offset of the first byte (on a `char` boundary).
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// Entity type, if any.
    pub entity: Option<Entity>,
    /// Label text / pseudonym domain (the entity name, or a field domain).
    pub domain: String,
    /// The decided action.
    pub action: Action,
}

/// The transformed text.
#[derive(Clone, Debug, PartialEq)]
pub struct Applied {
    /// The output.
    pub text: String,
    /// Byte ranges of the output that an operator wrote (labels, tokens, masks, …).
    pub inserted: Vec<(usize, usize)>,
    /// Per input span (same order): the action actually applied.
    pub applied: Vec<&'static str>,
}

/// Applies `spans` to `text`. Spans may overlap and come in any order.
pub fn apply(text: &str, spans: &[Span], key: Option<&PseudonymKey>) -> Result<Applied> {
    for s in spans {
        if s.start >= s.end
            || !text.is_char_boundary(s.start)
            || !text.is_char_boundary(s.end)
            || s.end > text.len()
        {
            return Err(Error::new(
                ErrorCode::Internal,
                "finding offsets are not on character boundaries of the text",
            ));
        }
    }
    let mut order: Vec<usize> = (0..spans.len()).collect();
    crate::sort::sort_by_key(&mut order, |&i| spans.get(i).map(|s| (s.start, s.end)));
    let mut out = String::with_capacity(text.len());
    let mut inserted = Vec::new();
    let mut applied = vec!["keep"; spans.len()];
    let mut copied_to = 0;
    let mut i = 0;
    while i < order.len() {
        // Gather the cluster of spans that overlap (transitively) with this one.
        let mut cluster = vec![order.get(i).copied().unwrap_or(0)];
        let mut end = spans
            .get(cluster.first().copied().unwrap_or(0))
            .map_or(0, |s| s.end);
        let start = spans
            .get(cluster.first().copied().unwrap_or(0))
            .map_or(0, |s| s.start);
        i += 1;
        while let Some(&j) = order.get(i) {
            match spans.get(j) {
                Some(s) if s.start < end => {
                    end = end.max(s.end);
                    cluster.push(j);
                    i += 1;
                }
                _ => break,
            }
        }
        let winner = cluster
            .iter()
            .copied()
            .filter_map(|j| spans.get(j).map(|s| (j, s)))
            .max_by(|(_, a), (_, b)| {
                a.action
                    .strictness()
                    .cmp(&b.action.strictness())
                    .then_with(|| b.domain.cmp(&a.domain))
                    .then_with(|| b.start.cmp(&a.start))
            })
            .map(|(_, s)| s)
            .ok_or_else(|| Error::new(ErrorCode::Internal, "empty overlap cluster"))?;
        // A partial operator (mask, generalise) fitted to one finding would show part of
        // another: on a merged span mask everything, and label instead of generalising.
        let action = match (&winner.action, cluster.len() > 1) {
            (Action::Mask { mask_char, .. }, true) => Action::Mask {
                keep_start: 0,
                keep_end: 0,
                mask_char: *mask_char,
            },
            (Action::Generalize { .. }, true) => Action::Label(None),
            (a, _) => a.clone(),
        };
        out.push_str(text.get(copied_to..start).unwrap_or(""));
        let value = text.get(start..end).unwrap_or("");
        let (replacement, name) =
            operators::render(&action, winner.entity, &winner.domain, value, key)?;
        let at = out.len();
        out.push_str(&replacement);
        if name != "keep" {
            inserted.push((at, out.len()));
        }
        for j in cluster {
            if let Some(slot) = applied.get_mut(j) {
                *slot = name;
            }
        }
        copied_to = end;
    }
    out.push_str(text.get(copied_to..).unwrap_or(""));
    Ok(Applied {
        text: out,
        inserted,
        applied,
    })
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn span(start: usize, end: usize, e: Entity, action: Action) -> Span {
        Span {
            start,
            end,
            entity: Some(e),
            domain: e.as_str().to_owned(),
            action,
        }
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn outside_text_unchanged_and_every_operator_applies() {
        let text = "mail a@b.eu or call +4915112345678 from 10.1.2.3";
        let key = PseudonymKey::new("k1", &[1; 32]).unwrap();
        let spans = vec![
            span(5, 11, Entity::Email, Action::Label(None)),
            span(
                20,
                34,
                Entity::Phone,
                Action::Mask {
                    keep_start: 0,
                    keep_end: 3,
                    mask_char: '*',
                },
            ),
            span(
                40,
                48,
                Entity::IpAddress,
                Action::Generalize {
                    method: None,
                    keep: None,
                },
            ),
        ];
        let a = apply(text, &spans, Some(&key)).unwrap();
        assert_eq!(
            a.text,
            "mail [EMAIL] or call ***********678 from 10.1.2.0/24"
        );
        assert_eq!(a.applied, vec!["label", "mask", "generalize"]);
        for (s, e) in &a.inserted {
            assert!(a.text.is_char_boundary(*s) && a.text.is_char_boundary(*e));
        }
        let r = apply(text, &[span(5, 11, Entity::Email, Action::Remove)], None).unwrap();
        assert_eq!(r.text, "mail  or call +4915112345678 from 10.1.2.3");
        let p = apply(
            text,
            &[span(5, 11, Entity::Email, Action::Pseudonym)],
            Some(&key),
        )
        .unwrap();
        assert!(
            p.text.starts_with("mail [EMAIL:k1:")
                && p.text.ends_with("] or call +4915112345678 from 10.1.2.3")
        );
        let k = apply(text, &[span(5, 11, Entity::Email, Action::Keep)], None).unwrap();
        assert_eq!(k.text, text);
        assert!(k.inserted.is_empty());
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn overlap_partial_takes_union_under_strictest() {
        let text = "xx ABCDEFGH yy";
        let spans = vec![
            span(3, 8, Entity::Person, Action::Keep),
            span(6, 11, Entity::Email, Action::Label(None)),
        ];
        let a = apply(text, &spans, None).unwrap();
        assert_eq!(a.text, "xx [EMAIL] yy");
        assert_eq!(a.applied, vec!["label", "label"]);
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn overlap_nested_identical_and_chained() {
        let text = "0123456789abcdef";
        // nested: outer mask, inner remove → remove wins over the whole outer span
        let nested = apply(
            text,
            &[
                span(
                    2,
                    12,
                    Entity::Iban,
                    Action::Mask {
                        keep_start: 2,
                        keep_end: 2,
                        mask_char: '*',
                    },
                ),
                span(4, 6, Entity::Phone, Action::Remove),
            ],
            None,
        )
        .unwrap();
        assert_eq!(nested.text, "01cdef");
        // identical spans, same strictness: ties broken by entity name, both ways round
        let s1 = span(0, 4, Entity::Phone, Action::Label(None));
        let s2 = span(0, 4, Entity::Email, Action::Label(None));
        let a = apply(text, &[s1.clone(), s2.clone()], None).unwrap();
        let b = apply(text, &[s2, s1], None).unwrap();
        assert_eq!(a.text, b.text);
        assert_eq!(a.text, "[EMAIL]456789abcdef");
        // chained A∩B, B∩C but not A∩C → one cluster
        let c = apply(
            text,
            &[
                span(
                    0,
                    4,
                    Entity::Email,
                    Action::Mask {
                        keep_start: 1,
                        keep_end: 0,
                        mask_char: '#',
                    },
                ),
                span(
                    3,
                    8,
                    Entity::Phone,
                    Action::Mask {
                        keep_start: 0,
                        keep_end: 1,
                        mask_char: '#',
                    },
                ),
                span(7, 10, Entity::Url, Action::Keep),
            ],
            None,
        )
        .unwrap();
        assert_eq!(c.text, "##########abcdef");
        // adjacent spans do not merge
        let d = apply(
            text,
            &[
                span(0, 2, Entity::Email, Action::Label(None)),
                span(2, 4, Entity::Phone, Action::Label(None)),
            ],
            None,
        )
        .unwrap();
        assert_eq!(d.text, "[EMAIL][PHONE]456789abcdef");
        // generalize in a merged cluster becomes a label
        let g = apply(
            "1.2.3.4x",
            &[
                span(
                    0,
                    7,
                    Entity::IpAddress,
                    Action::Generalize {
                        method: None,
                        keep: None,
                    },
                ),
                span(6, 8, Entity::Person, Action::Keep),
            ],
            None,
        )
        .unwrap();
        assert_eq!(g.text, "[IP_ADDRESS]");
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn rejects_offsets_off_char_boundaries() {
        let e = apply("äb", &[span(1, 2, Entity::Email, Action::Remove)], None).unwrap_err();
        assert_eq!(e.code(), ErrorCode::Internal);
    }
}
