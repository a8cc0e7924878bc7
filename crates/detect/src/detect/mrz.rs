//! PASSPORT_MRZ: machine-readable zones of ICAO Doc 9303 travel documents (TD1 3×30,
//! TD2 2×36, TD3 2×44), recognised by line shape and all 7-3-1 check digits including the
//! composite one (domain.md §5.1).

use super::checksum::icao_ok;
use super::entity::Entity as E;
use super::hit::{Hit, Sink, emit};
use super::segment::{left_ok, right_ok};

fn mrz_byte(b: &u8) -> bool {
    b.is_ascii_uppercase() || b.is_ascii_digit() || *b == b'<'
}

/// `(field, check)` pairs and the composite ranges of a line, as byte offsets.
fn checks(line: &[u8], fields: &[(usize, usize)]) -> bool {
    fields
        .iter()
        .all(|&(a, b)| match (line.get(a..b), line.get(b)) {
            (Some(f), Some(&c)) => icao_ok(f, c),
            _ => false,
        })
}

fn composite(parts: &[&[u8]], check: Option<&u8>) -> bool {
    let joined: Vec<u8> = parts.concat();
    check.is_some_and(|&c| icao_ok(&joined, c))
}

fn part(line: &[u8], a: usize, b: usize) -> &[u8] {
    line.get(a..b).unwrap_or_default()
}

/// TD3 line 2 (44) or TD2 line 2 (36): document number, birth, expiry (and for TD3 the
/// personal number) check digits, then the composite.
fn data_line_ok(l2: &[u8]) -> bool {
    let n = l2.len();
    // Birth and expiry dates are digits in every real MRZ (a filler-only line is not one).
    let dates = [part(l2, 13, 19), part(l2, 21, 27)];
    if !dates.iter().all(|d| d.iter().all(u8::is_ascii_digit)) {
        return false;
    }
    let mut fields = vec![(0, 9), (13, 19), (21, 27)];
    if n == 44 {
        fields.push((28, 42));
    }
    checks(l2, &fields)
        && composite(
            &[part(l2, 0, 10), part(l2, 13, 20), part(l2, 21, n - 1)],
            l2.get(n - 1),
        )
}

fn td1_ok(l1: &[u8], l2: &[u8]) -> bool {
    // A `<` at position 15 means a long document number continued in the optional data;
    // the composite still covers it.
    if !part(l2, 0, 6)
        .iter()
        .chain(part(l2, 8, 14))
        .all(u8::is_ascii_digit)
    {
        return false;
    }
    let doc_ok = l1.get(14) == Some(&b'<') || checks(l1, &[(5, 14)]);
    doc_ok
        && checks(l2, &[(0, 6), (8, 14)])
        && composite(
            &[
                part(l1, 5, 30),
                part(l2, 0, 7),
                part(l2, 8, 15),
                part(l2, 18, 29),
            ],
            l2.get(29),
        )
}

fn name_line_ok(l1: &[u8]) -> bool {
    l1.first().is_some_and(u8::is_ascii_uppercase) && l1.contains(&b'<')
}

/// The maximal run of MRZ characters around `at`.
fn token_at(bytes: &[u8], at: usize) -> (usize, usize) {
    let s = at
        - bytes
            .get(..at)
            .map_or(0, |r| r.iter().rev().take_while(|b| mrz_byte(b)).count());
    let e = at
        + bytes
            .get(at..)
            .map_or(0, |r| r.iter().take_while(|b| mrz_byte(b)).count());
    (s, e)
}

/// The token that follows `e` after whitespace only (the next line of the zone).
fn next_token(bytes: &[u8], e: usize) -> Option<(usize, usize)> {
    let gap = bytes
        .get(e..)?
        .iter()
        .take_while(|b| b.is_ascii_whitespace())
        .count();
    let s = e + gap;
    (gap > 0 && bytes.get(s).is_some_and(mrz_byte)).then(|| token_at(bytes, s))
}

/// Scans `text` for MRZ blocks. Every zone has a `<` in its first line (fillers or the
/// `<<` between names), so the scan jumps from `<` to `<` (a `memchr`), expands each to its
/// line and reads the following lines from there; text without `<` costs one fast search.
pub(crate) fn scan(text: &str, out: &mut Sink<'_>) {
    let bytes = text.as_bytes();
    let mut pos = 0;
    while let Some(lt) = bytes
        .get(pos..)
        .and_then(|r| memchr::memchr(b'<', r))
        .map(|p| p + pos)
    {
        let (s, e) = token_at(bytes, lt);
        pos = e.max(lt + 1);
        let len = e - s;
        if !matches!(len, 30 | 36 | 44) || !left_ok(text, s) || !right_ok(text, e) {
            continue;
        }
        let line = |t: (usize, usize)| part(bytes, t.0, t.1);
        let fits = |t: &(usize, usize)| t.1 - t.0 == len && right_ok(text, t.1);
        let first = line((s, e));
        let mut end = None;
        if let Some(l2) = next_token(bytes, e).filter(fits) {
            if len != 30 && name_line_ok(first) && data_line_ok(line(l2)) {
                end = Some(l2.1);
            } else if len == 30 && name_line_ok(first) && td1_ok(first, line(l2)) {
                end = next_token(bytes, l2.1).filter(fits).map(|l3| l3.1);
            }
        }
        if end.is_none() && len == 44 && data_line_ok(first) {
            end = Some(e);
        }
        if let Some(end) = end {
            let hit = Hit::new(E::PassportMrz, "passport_mrz", 0.99, 1.0).check("icao9303");
            emit(text, s, end, hit, out);
            pos = end;
        }
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn icao_specimen_td3() {
        let t = "MRZ:\nP<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10\n";
        let mut sink = Sink::default();
        scan(t, &mut sink);
        let out = sink.findings;
        assert_eq!(out.len(), 1);
        assert_eq!(&t[out[0].start..out[0].end], t[5..].trim_end());
        let bad = t.replace("<<<<<10", "<<<<<11");
        let mut sink = Sink::default();
        scan(&bad, &mut sink);
        assert!(sink.findings.is_empty());
    }
}
