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
    let word_len: usize = text.get(i..).map_or(0, |r| {
        r.chars()
            .take_while(|c| c.is_alphabetic())
            .map(char::len_utf8)
            .sum()
    });
    if !(3..=14).contains(&word_len) {
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
