//! Validators of national identifiers, part 2: SE, FI, DK, NO, AT, CZ/SK, RO, PT, IE, CA,
//! AU, IN (domain.md §5.5), on the compact form.

use super::checksum::{all_digits, dv, luhn, num, verhoeff, weighted};
use super::date;
use super::national::field;

/// SE personnummer, 10 or 12 digits: a real date (day + 60 for a samordningsnummer) and
/// Luhn over the 10-digit form.
pub(crate) fn se_personnummer(s: &[u8]) -> bool {
    if !all_digits(s) {
        return false;
    }
    let (ten, century) = match s.len() {
        10 => (s, None),
        12 => (s.get(2..).unwrap_or_default(), field(s, 0, 2)),
        _ => return false,
    };
    let (Some(yy), Some(mm), Some(mut dd)) = (field(ten, 0, 2), field(ten, 2, 4), field(ten, 4, 6))
    else {
        return false;
    };
    if dd > 60 {
        dd -= 60;
    }
    let date_ok = match century {
        Some(c @ 18..=20) => date::valid(c * 100 + yy, mm, dd),
        Some(_) => false,
        None => date::valid(1900 + yy, mm, dd) || date::valid(2000 + yy, mm, dd),
    };
    date_ok && luhn(ten)
}

const HETU_CHECK: &[u8] = b"0123456789ABCDEFHJKLMNPRSTUVWXY";

/// FI HETU `DDMMYYCZZZQ`: century sign (`+` 1800s; `-YXWVU` 1900s; `A–F` 2000s), a real
/// date, individual number 002–999, Q = table[DDMMYYZZZ mod 31].
pub(crate) fn fi_hetu(s: &[u8]) -> bool {
    if s.len() != 11 {
        return false;
    }
    let century = match s.get(6) {
        Some(b'+') => 1800,
        Some(b'-' | b'Y' | b'X' | b'W' | b'V' | b'U') => 1900,
        Some(b'A'..=b'F') => 2000,
        _ => return false,
    };
    let (Some(dd), Some(mm), Some(yy), Some(ind)) = (
        field(s, 0, 2),
        field(s, 2, 4),
        field(s, 4, 6),
        field(s, 7, 10),
    ) else {
        return false;
    };
    let (Some(head), Some(tail)) = (s.get(..6).and_then(num), Some(ind)) else {
        return false;
    };
    let n = u64::from(head) * 1000 + u64::from(tail);
    date::valid(century + yy, mm, dd) && ind >= 2 && HETU_CHECK.get((n % 31) as usize) == s.get(10)
}

/// DK CPR `DDMMYYSSSS`: the check digit was abandoned in 2007, so only the date (century
/// from the 7th digit) is checked. Returns `Some(legacy_mod11_holds)` when valid.
pub(crate) fn dk_cpr(s: &[u8]) -> Option<bool> {
    if s.len() != 10 || !all_digits(s) {
        return None;
    }
    let (dd, mm, yy, seventh) = (
        field(s, 0, 2)?,
        field(s, 2, 4)?,
        field(s, 4, 6)?,
        field(s, 6, 7)?,
    );
    let century = match (seventh, yy) {
        (0..=3, _) | (4 | 9, 37..) => 1900,
        (4 | 9, _) | (5..=8, ..=57) => 2000,
        _ => 1800,
    };
    if !(date::valid(century + yy, mm, dd) && century + yy <= date::MAX_YEAR) {
        return None;
    }
    Some(weighted(s, &[4, 3, 2, 7, 6, 5, 4, 3, 2, 1])? % 11 == 0)
}

fn mod11_check(s: &[u8], weights: &[u32]) -> Option<u32> {
    match 11 - weighted(s, weights)? % 11 {
        11 => Some(0),
        10 => None,
        c => Some(c),
    }
}

/// NO fødselsnummer: two mod-11 check digits; date with D-number (day + 40) and H-number
/// (month + 40); FH-numbers (first digit 8 or 9) carry no date.
pub(crate) fn no_fnr(s: &[u8]) -> bool {
    if s.len() != 11 || !all_digits(s) {
        return false;
    }
    let k1 = mod11_check(s.get(..9).unwrap_or_default(), &[3, 7, 6, 1, 8, 9, 4, 5, 2]);
    let k2 = mod11_check(
        s.get(..10).unwrap_or_default(),
        &[5, 4, 3, 2, 7, 6, 5, 4, 3, 2],
    );
    if k1.is_none()
        || k1 != s.get(9).copied().and_then(dv)
        || k2.is_none()
        || k2 != s.get(10).copied().and_then(dv)
    {
        return false;
    }
    if matches!(s.first(), Some(b'8' | b'9')) {
        return true;
    }
    let (Some(mut dd), Some(mut mm), Some(yy), Some(ind)) = (
        field(s, 0, 2),
        field(s, 2, 4),
        field(s, 4, 6),
        field(s, 6, 9),
    ) else {
        return false;
    };
    if dd > 40 {
        dd -= 40;
    }
    if mm > 40 {
        mm -= 40;
    }
    let century = match (ind, yy) {
        (0..=499, _) | (900..=999, 40..) => 1900,
        (500..=749, 54..) => 1800,
        (500..=999, ..=39) => 2000,
        _ => return false,
    };
    date::valid(century + yy, mm, dd)
}

/// AT SVNR `SSSC DDMMYY`: first digit ≠ 0, C = Σ dᵢ × (3,7,9,0,5,8,4,2,1,6) mod 11
/// (10 → never issued), and a real day/month.
pub(crate) fn at_svnr(s: &[u8]) -> bool {
    if s.len() != 10 || !all_digits(s) || s.first() == Some(&b'0') {
        return false;
    }
    let (Some(sum), Some(c), Some(dd), Some(mm), Some(yy)) = (
        weighted(s, &[3, 7, 9, 0, 5, 8, 4, 2, 1, 6]),
        s.get(3).copied().and_then(dv),
        field(s, 4, 6),
        field(s, 6, 8),
        field(s, 8, 10),
    ) else {
        return false;
    };
    sum % 11 == c && (date::valid(1900 + yy, mm, dd) || date::valid(2000 + yy, mm, dd))
}

/// CZ/SK rodné číslo: 9 digits before 1954 (no check), 10 digits from 1954 with
/// C = (first 9 mod 11) mod 10; women month + 50, overflow + 20 from 2004.
pub(crate) fn cz_birth_number(s: &[u8]) -> bool {
    if !all_digits(s) || !(s.len() == 9 || s.len() == 10) {
        return false;
    }
    let (Some(yy), Some(mm), Some(dd)) = (field(s, 0, 2), field(s, 2, 4), field(s, 4, 6)) else {
        return false;
    };
    let year = if s.len() == 9 {
        if yy >= 54 {
            return false;
        }
        1900 + yy
    } else if yy < 54 {
        2000 + yy
    } else {
        1900 + yy
    };
    let (month, plus20) = match mm {
        1..=12 => (mm, false),
        51..=62 => (mm - 50, false),
        21..=32 => (mm - 20, true),
        71..=82 => (mm - 70, true),
        _ => return false,
    };
    if (plus20 && year < 2004) || !date::valid(year, month, dd) {
        return false;
    }
    if s.len() == 9 {
        return true;
    }
    let (Some(head), Some(check)) = (s.get(..9).and_then(num), s.get(9).copied().and_then(dv))
    else {
        return false;
    };
    (head % 11) % 10 == check
}

/// RO CNP: sex/century digit, a real date, county 01–52/70/80–83, weights
/// 2,7,9,1,4,6,3,5,8,2,7,9 with r = sum mod 11 (10 → 1).
pub(crate) fn ro_cnp(s: &[u8]) -> bool {
    let [body @ .., last] = s else { return false };
    if s.len() != 13 || !all_digits(s) {
        return false;
    }
    let (Some(sx), Some(yy), Some(mm), Some(dd), Some(county)) = (
        field(s, 0, 1),
        field(s, 1, 3),
        field(s, 3, 5),
        field(s, 5, 7),
        field(s, 7, 9),
    ) else {
        return false;
    };
    let date_ok = match sx {
        1 | 2 => date::valid(1900 + yy, mm, dd),
        3 | 4 => date::valid(1800 + yy, mm, dd),
        5 | 6 => date::valid(2000 + yy, mm, dd),
        7..=9 => date::valid(1900 + yy, mm, dd) || date::valid(2000 + yy, mm, dd),
        _ => false,
    };
    let Some(sum) = weighted(body, &[2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9]) else {
        return false;
    };
    let c = match sum % 11 {
        10 => 1,
        r => r,
    };
    date_ok && matches!(county, 1..=52 | 70 | 80..=83) && dv(*last) == Some(c)
}

/// PT NIF: first digit 1, 2, 3, 5, 6, 8 or 9; weights 9…2; check = (11 − sum mod 11),
/// 10 and 11 → 0.
pub(crate) fn pt_nif(s: &[u8]) -> bool {
    let [body @ .., last] = s else { return false };
    if s.len() != 9
        || !all_digits(s)
        || !matches!(
            s.first(),
            Some(b'1' | b'2' | b'3' | b'5' | b'6' | b'8' | b'9')
        )
    {
        return false;
    }
    let Some(sum) = weighted(body, &[9, 8, 7, 6, 5, 4, 3, 2]) else {
        return false;
    };
    let c = match 11 - sum % 11 {
        10 | 11 => 0,
        c => c,
    };
    dv(*last) == Some(c)
}

const PPS_ALPHABET: &[u8] = b"WABCDEFGHIJKLMNOPQRSTUV";

/// IE PPSN: 7 digits, a check letter, and optionally a second letter (A/B/H new format,
/// weighted 9 in the sum; W/T/X old format, not weighted).
pub(crate) fn ie_ppsn(s: &[u8]) -> bool {
    if !(s.len() == 8 || s.len() == 9) {
        return false;
    }
    let (Some(digits), Some(&check)) = (s.get(..7), s.get(7)) else {
        return false;
    };
    let Some(mut sum) = weighted(digits, &[8, 7, 6, 5, 4, 3, 2]) else {
        return false;
    };
    match s.get(8) {
        None | Some(b'W' | b'T' | b'X') => {}
        Some(&b @ (b'A' | b'B' | b'H')) => {
            let v = PPS_ALPHABET.iter().position(|&a| a == b).unwrap_or(0);
            sum += 9 * v as u32;
        }
        Some(_) => return false,
    }
    all_digits(digits) && PPS_ALPHABET.get((sum % 23) as usize) == Some(&check)
}

/// CA SIN: 9 digits, Luhn, first digit not 0 or 8.
pub(crate) fn ca_sin(s: &[u8]) -> bool {
    s.len() == 9 && !matches!(s.first(), Some(b'0' | b'8')) && luhn(s)
}

/// AU TFN (9-digit form only: the 8-digit weights are not confirmed, domain.md §7):
/// Σ dᵢ × (1,4,3,7,5,8,6,9,10) ≡ 0 mod 11.
pub(crate) fn au_tfn(s: &[u8]) -> bool {
    s.len() == 9 && weighted(s, &[1, 4, 3, 7, 5, 8, 6, 9, 10]).is_some_and(|x| x % 11 == 0)
}

/// IN Aadhaar: 12 digits, first 2–9, not a palindrome, Verhoeff.
pub(crate) fn in_aadhaar(s: &[u8]) -> bool {
    s.len() == 12
        && matches!(s.first(), Some(b'2'..=b'9'))
        && !s.iter().eq(s.iter().rev())
        && verhoeff(s)
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn official_vectors() {
        assert!(se_personnummer(b"8803200016"));
        assert!(se_personnummer(b"198803200016"));
        assert!(fi_hetu(b"131052-308T"));
        assert!(fi_hetu(b"131052A308T"));
        assert_eq!(dk_cpr(b"2110625629"), Some(true));
        assert!(no_fnr(b"15108695088"));
        assert!(at_svnr(b"1237010180"));
        assert!(cz_birth_number(b"7103192745"));
        assert!(ro_cnp(b"1630615123457"));
        assert!(pt_nif(b"501964843"));
        assert!(ie_ppsn(b"6433435F"));
        assert!(ie_ppsn(b"6433435OA"));
        assert!(ca_sin(b"123456782"));
        assert!(au_tfn(b"123456782"));
        assert!(in_aadhaar(b"234123412346"));
    }

    #[test]
    fn hetu_century_signs() {
        // The check character does not depend on the sign, so every 1900s sign validates.
        for sign in [b'-', b'Y', b'X', b'W', b'V', b'U'] {
            let mut s = *b"131052-308T";
            s[6] = sign;
            assert!(fi_hetu(&s), "{}", sign as char);
        }
        assert!(!fi_hetu(b"131052G308T"));
        assert!(!fi_hetu(b"131052-308U"));
        assert!(!fi_hetu(b"131052-001D"), "individual numbers start at 002");
    }

    #[test]
    fn negatives() {
        assert!(!se_personnummer(b"8803200017"));
        assert!(!se_personnummer(b"8813200016"));
        assert!(dk_cpr(b"3213625629").is_none());
        assert_eq!(
            dk_cpr(b"2110625628"),
            Some(false),
            "date valid, legacy check fails"
        );
        assert!(!no_fnr(b"15108695089"));
        assert!(!at_svnr(b"1238010180"));
        assert!(!at_svnr(b"0237010180"));
        assert!(!cz_birth_number(b"7103192746"));
        assert!(!cz_birth_number(b"7123192745"), "+20 month before 2004");
        assert!(!ro_cnp(b"1630615123458"));
        assert!(!pt_nif(b"501964844"));
        assert!(!pt_nif(b"401964843"));
        assert!(!ie_ppsn(b"6433435G"));
        assert!(!ca_sin(b"123456783"));
        assert!(!ca_sin(b"023456789"));
        assert!(!au_tfn(b"123456783"));
        assert!(!in_aadhaar(b"234123412347"));
        assert!(!in_aadhaar(b"134123412346"));
    }
}
