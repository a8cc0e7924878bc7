//! Calendar plausibility shared by the date-encoding identifiers and DATE_OF_BIRTH.

/// Birth dates after this year are rejected. The core has no clock (wasm32 has no
/// `SystemTime`), so "not in the future" is approximated by a fixed horizon.
pub(crate) const MAX_YEAR: u32 = 2035;

/// Earliest plausible year of birth in a report.
pub(crate) const MIN_YEAR: u32 = 1800;

/// `true` for a real calendar day of the proleptic Gregorian calendar.
pub(crate) fn valid(y: u32, m: u32, d: u32) -> bool {
    let leap = (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// A plausible date of birth: a real day between [`MIN_YEAR`] and [`MAX_YEAR`].
pub(crate) fn plausible_birth(y: u32, m: u32, d: u32) -> bool {
    (MIN_YEAR..=MAX_YEAR).contains(&y) && valid(y, m, d)
}

/// A two-digit year read as the latest matching year not after [`MAX_YEAR`] − 10
/// (numbers written without century are birth years in the past).
pub(crate) fn expand_yy(yy: u32) -> u32 {
    if 2000 + yy <= MAX_YEAR - 10 {
        2000 + yy
    } else {
        1900 + yy
    }
}

/// Month names (lower case, nominative and common genitive forms) of the supported
/// languages, with the month number.
pub(crate) const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("januar", 1),
    ("jänner", 1),
    ("februar", 2),
    ("märz", 3),
    ("mai", 5),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("dezember", 12),
    ("janvier", 1),
    ("février", 2),
    ("mars", 3),
    ("avril", 4),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    ("gennaio", 1),
    ("febbraio", 2),
    ("aprile", 4),
    ("maggio", 5),
    ("giugno", 6),
    ("luglio", 7),
    ("settembre", 9),
    ("ottobre", 10),
    ("dicembre", 12),
    ("januari", 1),
    ("februari", 2),
    ("maart", 3),
    ("mei", 5),
    ("augustus", 8),
    ("stycznia", 1),
    ("lutego", 2),
    ("marca", 3),
    ("kwietnia", 4),
    ("maja", 5),
    ("czerwca", 6),
    ("lipca", 7),
    ("sierpnia", 8),
    ("września", 9),
    ("października", 10),
    ("listopada", 11),
    ("grudnia", 12),
    ("janeiro", 1),
    ("fevereiro", 2),
    ("março", 3),
    ("maio", 5),
    ("junho", 6),
    ("julho", 7),
    ("setembro", 9),
    ("outubro", 10),
    ("dezembro", 12),
    ("mars", 3),
    ("augusti", 8),
    ("tammikuuta", 1),
    ("helmikuuta", 2),
    ("maaliskuuta", 3),
    ("huhtikuuta", 4),
    ("toukokuuta", 5),
    ("kesäkuuta", 6),
    ("heinäkuuta", 7),
    ("elokuuta", 8),
    ("syyskuuta", 9),
    ("lokakuuta", 10),
    ("marraskuuta", 11),
    ("joulukuuta", 12),
    ("desember", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("okt", 10),
    ("nov", 11),
    ("dec", 12),
    ("dez", 12),
];

/// The month number of a month name in any supported language (case-insensitive).
pub(crate) fn month(word: &str) -> Option<u32> {
    // Length first: most words in a report are not month names and differ in length.
    MONTHS
        .iter()
        .filter(|(m, _)| m.len() == word.len())
        .find(|(m, _)| m.chars().eq(word.chars().flat_map(char::to_lowercase)))
        .map(|&(_, n)| n)
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn calendar() {
        assert!(valid(2000, 2, 29));
        assert!(!valid(1900, 2, 29));
        assert!(!valid(2023, 4, 31));
        assert!(!valid(2023, 13, 1));
        assert!(!valid(2023, 1, 0));
        assert!(plausible_birth(1985, 3, 12));
        assert!(!plausible_birth(2099, 3, 12));
        assert_eq!(expand_yy(85), 1985);
        assert_eq!(expand_yy(10), 2010);
        assert_eq!(month("März"), Some(3));
        assert_eq!(month("JULIO"), Some(7));
        assert_eq!(month("września"), Some(9));
        assert_eq!(month("officers"), None);
    }
}
