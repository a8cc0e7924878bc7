//! DATE_OF_BIRTH written with a month name (`12 March 1985`, `12. März 1985`,
//! `5 de mayo de 1980`, `15 lipca 1990`, `March 12, 1985`): only reported next to a birth
//! word.

use super::checksum::num;
use super::context::BIRTH;
use super::date;
use super::entity::Entity as E;
use super::hit::{Hit, Sink, emit};
use super::segment::right_ok;

/// `i` moved past `s` if `t[i..]` starts with it. Compared byte by byte: this runs for
/// most words of a report, where a library `memcmp` call costs more than the compare.
fn skip(t: &str, i: usize, s: &str) -> usize {
    let (t, p) = (t.as_bytes(), s.as_bytes());
    let hit = p.iter().enumerate().all(|(k, c)| t.get(i + k) == Some(c));
    if hit { i + p.len() } else { i }
}

/// Longest month word [`at`] reads, in bytes ("października" has 13).
const MAX_MONTH_BYTES: usize = 14;

/// The length in bytes of the run of alphabetic characters at `i`, exact up to
/// [`MAX_MONTH_BYTES`] and some larger number for a longer run (whose end is not looked
/// for). ASCII letters are read a byte at a time; from the first byte beyond ASCII on, the
/// characters are decoded. Most numbers of a report stand before a word ("3 Zeugen", "12
/// Uhr"), and decoding each of their characters cost more than the rest of [`at`].
fn letters_at(text: &str, i: usize) -> usize {
    let b = text.as_bytes();
    let mut n = 0;
    loop {
        match b.get(i + n) {
            Some(c) if c.is_ascii_alphabetic() => {
                n += 1;
                if n > MAX_MONTH_BYTES {
                    return n;
                }
            }
            Some(c) if !c.is_ascii() => break,
            _ => return n,
        }
    }
    // A character beyond ASCII at `i + n`, a character boundary: ASCII bytes lie before it
    // (or `i` itself, a boundary where a word may start).
    for c in text.get(i + n..).unwrap_or_default().chars() {
        if !super::latin::alphabetic(c) {
            break;
        }
        n += c.len_utf8();
        if n > MAX_MONTH_BYTES {
            break;
        }
    }
    n
}

/// Tries `day month year` where the day is the segment `text[s..e]`.
pub(crate) fn at(text: &str, s: usize, e: usize, out: &mut Sink<'_>) {
    let b = text.as_bytes();
    let Some(day) = b.get(s..e).filter(|d| d.len() <= 2).and_then(num) else {
        return;
    };
    let mut i = skip(text, e, ".");
    if b.get(i) != Some(&b' ') {
        return;
    }
    i = skip(text, i + 1, "de ");
    let word_len = letters_at(text, i);
    if !(3..=MAX_MONTH_BYTES).contains(&word_len) {
        return;
    }
    let word = i..i + word_len;
    i = skip(text, i + word_len, ".");
    if b.get(i) != Some(&b' ') {
        return;
    }
    i = skip(text, i + 1, "de ");
    // The cheap shape checks come first: most "number word" pairs in a report are not dates.
    let Some(year) = b.get(i..i + 4).and_then(num) else {
        return;
    };
    let Some(month) = text.get(word).and_then(date::month) else {
        return;
    };
    let end = i + 4;
    if !right_ok(text, end) || !date::plausible_birth(year, month, day) {
        return;
    }
    emit(
        text,
        s,
        end,
        Hit::new(E::DateOfBirth, "date_of_birth", 0.1, 0.85).ctx(&BIRTH),
        out,
    );
}

/// Tries `Month day, year` (English order) where the month is the segment `text[s..e]`.
pub(crate) fn month_first(text: &str, s: usize, e: usize, out: &mut Sink<'_>) {
    let b = text.as_bytes();
    let mut i = skip(text, e, ".");
    if b.get(i) != Some(&b' ') || !(3..=9).contains(&(e - s)) {
        return;
    }
    i += 1;
    let n = b.get(i..).map_or(0, |r| {
        r.iter().take(3).take_while(|x| x.is_ascii_digit()).count()
    });
    let Some(day) = b
        .get(i..i + n)
        .filter(|d| (1..=2).contains(&d.len()))
        .and_then(num)
    else {
        return;
    };
    i = skip(text, i + n, ",");
    if b.get(i) != Some(&b' ') {
        return;
    }
    let Some(year) = b.get(i + 1..i + 5).and_then(num) else {
        return;
    };
    let Some(month) = text.get(s..e).and_then(date::month) else {
        return;
    };
    let end = i + 5;
    if right_ok(text, end) && date::plausible_birth(year, month, day) {
        let hit = Hit::new(E::DateOfBirth, "date_of_birth", 0.1, 0.85).ctx(&BIRTH);
        emit(text, s, end, hit, out);
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn letters_are_counted_as_the_characters_are() {
        // Every length around the limit, ASCII and not, letters and what ends them: digits,
        // spaces, a combining mark (no letter), a letter beyond ASCII first or later.
        const PIECES: &[&str] = &[
            "a",
            "März",
            "ä",
            "ß",
            "İ",
            "é",
            "\u{301}",
            "1",
            " ",
            ".",
            "października",
            "mayo",
            "Durchsuchungsbeschluss",
            "ǅ",
            "中",
            "🙂",
        ];
        let mut next = crate::detect::lcg(0x1E77_E125);
        let reference = |t: &str, i: usize| -> usize {
            t.get(i..).map_or(0, |r| {
                r.chars()
                    .take_while(|c| c.is_alphabetic())
                    .map(char::len_utf8)
                    .sum()
            })
        };
        let mut beyond = 0;
        for _ in 0..3000 {
            let text: String = (0..next(6)).map(|_| PIECES[next(PIECES.len())]).collect();
            for i in (0..=text.len() + 1).filter(|&i| text.is_char_boundary(i) || i > text.len()) {
                let (ours, want) = (letters_at(&text, i), reference(&text, i));
                if want <= MAX_MONTH_BYTES {
                    assert_eq!(ours, want, "{text:?} at {i}");
                } else {
                    assert!(ours > MAX_MONTH_BYTES, "{text:?} at {i}: {ours} for {want}");
                    beyond += 1;
                }
            }
        }
        assert!(beyond > 100, "{beyond}");
    }
}
