//! Validators of national identifiers, part 1: US, UK, FR, DE, IT, ES, NL, BE, PL
//! (domain.md §5.5). Each takes the compact form (separators removed) and says whether it
//! is well formed and its check digit (if the format has one) is right.

use super::checksum::{all_digits, dv, iso7064_mod11_10, mod97, num, weighted};
use super::date;

/// Reads `s[a..b]` as a decimal number.
pub(crate) fn field(s: &[u8], a: usize, b: usize) -> Option<u32> {
    s.get(a..b).and_then(num)
}

/// US SSN: no check digit; area 000/666/9xx, group 00, serial 0000, the published
/// advertising numbers, all-same digits and 123456789 are never issued.
pub(crate) fn us_ssn(s: &[u8]) -> bool {
    if s.len() != 9 || !all_digits(s) {
        return false;
    }
    let (Some(area), Some(group), Some(serial)) = (field(s, 0, 3), field(s, 3, 5), field(s, 5, 9))
    else {
        return false;
    };
    let same = s.iter().all(|&b| Some(&b) == s.first());
    let never_issued = area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0;
    !never_issued
        && !same
        && !matches!(s, b"078051120" | b"457555462" | b"219099999" | b"123456789")
}

/// UK NINO: prefix letters per HMRC allocation rules, six digits, suffix A–D.
pub(crate) fn uk_nino(s: &[u8]) -> bool {
    let [a, b, d @ .., suffix] = s else {
        return false;
    };
    s.len() == 9
        && a.is_ascii_uppercase()
        && b.is_ascii_uppercase()
        && !b"DFIQUV".contains(a)
        && !b"DFIOQUV".contains(b)
        && !matches!(
            [*a, *b],
            [b'B', b'G']
                | [b'G', b'B']
                | [b'N', b'K']
                | [b'K', b'N']
                | [b'N', b'T']
                | [b'T', b'N']
                | [b'Z', b'Z']
        )
        && all_digits(d)
        && matches!(suffix, b'A'..=b'D')
}

/// UK NHS number: weights 10…2, check = 11 − sum mod 11 (11 → 0, 10 never issued).
pub(crate) fn uk_nhs(s: &[u8]) -> bool {
    let [body @ .., last] = s else { return false };
    if s.len() != 10 || !all_digits(s) {
        return false;
    }
    let Some(sum) = weighted(body, &[10, 9, 8, 7, 6, 5, 4, 3, 2]) else {
        return false;
    };
    let check = match 11 - sum % 11 {
        11 => 0,
        10 => return false,
        c => c,
    };
    dv(*last) == Some(check)
}

/// FR NIR: sex, year, month (01–12, 20–42, 50–99), department (Corsica `2A`/`2B`),
/// commune, order, key = 97 − (first 13 digits mod 97), with 2A → 19 and 2B → 18.
pub(crate) fn fr_nir(s: &[u8]) -> bool {
    if s.len() != 15 {
        return false;
    }
    let mut digits = [0u8; 15];
    digits.copy_from_slice(s);
    match s.get(5..7) {
        Some(b"2A") => digits[5..7].copy_from_slice(b"19"),
        Some(b"2B") => digits[5..7].copy_from_slice(b"18"),
        _ => {}
    }
    if !all_digits(&digits) || !matches!(digits[0], b'1' | b'2' | b'3' | b'4' | b'7' | b'8') {
        return false;
    }
    let Some(month) = field(&digits, 3, 5) else {
        return false;
    };
    if !matches!(month, 1..=12 | 20..=42 | 50..=99) {
        return false;
    }
    let (Some(r), Some(key)) = (
        mod97(digits.get(..13).unwrap_or_default()),
        field(&digits, 13, 15),
    ) else {
        return false;
    };
    97 - r == key
}

/// DE Steuer-IdNr: 11 digits, first ≠ 0, ISO 7064 MOD 11,10, and in the first ten digits
/// exactly one digit occurs two or three times while every other digit occurs at most once.
pub(crate) fn de_tax_id(s: &[u8]) -> bool {
    if s.len() != 11 || !all_digits(s) || s.first() == Some(&b'0') {
        return false;
    }
    let mut counts = [0u8; 10];
    for &b in s.iter().take(10) {
        if let Some(c) = counts.get_mut(usize::from(b - b'0')) {
            *c += 1;
        }
    }
    let repeated = counts.iter().filter(|&&c| c >= 2).count();
    let ok_counts = counts.iter().all(|&c| c <= 3);
    repeated == 1 && ok_counts && iso7064_mod11_10(s)
}

const CF_ODD: [u32; 26] = [
    1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
];
/// Letters that replace the digits 0–9 in an *omocodia* codice fiscale.
const OMOCODE: &[u8] = b"LMNPQRSTUV";

/// IT codice fiscale (upper case): shape with omocodia, month letter, day 1–31 or 41–71,
/// check letter from the odd/even tables.
pub(crate) fn it_fiscal_code(s: &[u8]) -> bool {
    if s.len() != 16 {
        return false;
    }
    let num_pos = [6usize, 7, 9, 10, 12, 13, 14];
    let mut plain = [0u8; 16];
    for (i, (&b, p)) in s.iter().zip(plain.iter_mut()).enumerate() {
        *p = if num_pos.contains(&i) {
            match b {
                b'0'..=b'9' => b,
                _ => match OMOCODE.iter().position(|&o| o == b) {
                    Some(d) => b'0' + d as u8,
                    None => return false,
                },
            }
        } else if b.is_ascii_uppercase() {
            b
        } else {
            return false;
        };
    }
    if !b"ABCDEHLMPRST".contains(&plain[8]) {
        return false;
    }
    if !matches!(field(&plain, 9, 11), Some(1..=31 | 41..=71)) {
        return false;
    }
    let mut sum = 0u32;
    for (i, &b) in s.iter().take(15).enumerate() {
        let v = match b {
            b'0'..=b'9' => u32::from(b - b'0'),
            _ => u32::from(b - b'A'),
        };
        sum += if i % 2 == 0 {
            CF_ODD.get(v as usize).copied().unwrap_or(0)
        } else {
            v
        };
    }
    s.get(15) == Some(&(b'A' + (sum % 26) as u8))
}

const DNI_LETTERS: &[u8] = b"TRWAGMYFPDXBNJZSQVHLCKE";

/// ES DNI: 8 digits and the letter `TRWAGMYFPDXBNJZSQVHLCKE`[n mod 23].
pub(crate) fn es_dni(s: &[u8]) -> bool {
    let [d @ .., letter] = s else { return false };
    s.len() == 9
        && field(d, 0, 8).is_some_and(|n| DNI_LETTERS.get((n % 23) as usize) == Some(letter))
}

/// ES NIE: X/Y/Z (→ 0/1/2), 7 digits, and the DNI letter of the resulting number.
pub(crate) fn es_nie(s: &[u8]) -> bool {
    let [first, rest @ ..] = s else { return false };
    let lead = match first {
        b'X' => b'0',
        b'Y' => b'1',
        b'Z' => b'2',
        _ => return false,
    };
    let mut dni = [0u8; 9];
    dni[0] = lead;
    s.len() == 9 && {
        dni[1..].copy_from_slice(rest);
        es_dni(&dni)
    }
}

/// NL BSN: Σ d₁…d₈ × (9…2) − d₉ ≡ 0 mod 11, and not zero.
pub(crate) fn nl_bsn(s: &[u8]) -> bool {
    let [body @ .., last] = s else { return false };
    if s.len() != 9 || !all_digits(s) {
        return false;
    }
    let Some(sum) = weighted(body, &[9, 8, 7, 6, 5, 4, 3, 2]) else {
        return false;
    };
    let total = i64::from(sum) - i64::from(*last - b'0');
    sum > 0 && total.rem_euclid(11) == 0
}

/// BE national number (and BIS number): CC = 97 − (first nine digits mod 97), with a `2`
/// prefixed for births from 2000; month may carry +20/+40 (BIS), month or day may be 00.
pub(crate) fn be_nrn(s: &[u8]) -> bool {
    if s.len() != 11 || !all_digits(s) {
        return false;
    }
    let (Some(n), Some(cc), Some(yy), Some(mm), Some(dd)) = (
        field(s, 0, 9),
        field(s, 9, 11),
        field(s, 0, 2),
        field(s, 2, 4),
        field(s, 4, 6),
    ) else {
        return false;
    };
    let month = match mm {
        0..=12 => mm,
        20..=32 => mm - 20,
        40..=52 => mm - 40,
        _ => return false,
    };
    let date_ok = |y: u32| month == 0 || dd == 0 || date::valid(y, month, dd);
    let c1900 = 97 - n % 97 == cc && date_ok(1900 + yy);
    let c2000 = 97 - (2_000_000_000 + u64::from(n)) % 97 == u64::from(cc) && date_ok(2000 + yy);
    dd <= 31 && (c1900 || c2000)
}

/// PL PESEL: weights 1,3,7,9,…; check = (10 − sum mod 10) mod 10; the month carries the
/// century (+80 1800s, +0 1900s, +20 2000s, +40 2100s, +60 2200s).
pub(crate) fn pl_pesel(s: &[u8]) -> bool {
    let [body @ .., last] = s else { return false };
    if s.len() != 11 || !all_digits(s) {
        return false;
    }
    let (Some(yy), Some(mm), Some(dd)) = (field(s, 0, 2), field(s, 2, 4), field(s, 4, 6)) else {
        return false;
    };
    let (century, month) = match mm {
        81..=92 => (1800, mm - 80),
        1..=12 => (1900, mm),
        21..=32 => (2000, mm - 20),
        41..=52 => (2100, mm - 40),
        61..=72 => (2200, mm - 60),
        _ => return false,
    };
    let Some(sum) = weighted(body, &[1, 3, 7, 9, 1, 3, 7, 9, 1, 3]) else {
        return false;
    };
    date::valid(century + yy, month, dd) && dv(*last) == Some((10 - sum % 10) % 10)
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn official_vectors() {
        assert!(us_ssn(b"536904399"));
        assert!(uk_nino(b"AB123456C"));
        assert!(uk_nhs(b"9434765870"));
        assert!(fr_nir(b"295109912611193"));
        assert!(fr_nir(b"253072B07300470"));
        assert!(de_tax_id(b"36574261809"));
        assert!(it_fiscal_code(b"RCCMNL83S18D969H"));
        assert!(es_dni(b"54362315K"));
        assert!(es_nie(b"X2482300W"));
        assert!(nl_bsn(b"111222333"));
        assert!(be_nrn(b"85073003328"));
        assert!(be_nrn(b"17073003384"));
        assert!(pl_pesel(b"44051401359"));
    }

    #[test]
    fn negatives() {
        for bad in [
            &b"000123456"[..],
            b"666123456",
            b"912345678",
            b"123006789",
            b"123450000",
            b"078051120",
            b"111111111",
        ] {
            assert!(!us_ssn(bad), "{bad:?}");
        }
        assert!(!uk_nino(b"DA123456C"));
        assert!(!uk_nino(b"AO123456C"));
        assert!(!uk_nino(b"GB123456A"));
        assert!(!uk_nino(b"AB123456E"));
        assert!(!uk_nhs(b"9434765871"));
        assert!(!fr_nir(b"295109912611194"));
        assert!(!fr_nir(b"595109912611193"));
        assert!(!de_tax_id(b"36574261808"));
        assert!(!de_tax_id(b"06574261809"));
        assert!(!de_tax_id(b"11111111116")); // repetition rule
        assert!(!it_fiscal_code(b"RCCMNL83S18D969A"));
        assert!(!it_fiscal_code(b"RCCMNL83Z18D969H"));
        assert!(!es_dni(b"54362315A"));
        assert!(!es_nie(b"A2482300W"));
        assert!(!nl_bsn(b"111222334"));
        assert!(!nl_bsn(b"000000000"));
        assert!(!be_nrn(b"85073003329"));
        assert!(!pl_pesel(b"44051401358"));
        assert!(!pl_pesel(b"44151401359"));
    }

    #[test]
    fn omocodia_is_accepted() {
        // RCCMNL83S18D969H with the last place-code digit 9 → V; the check letter follows.
        let mut s = *b"RCCMNL83S18D96VH";
        let mut sum = 0u32;
        for (i, &b) in s.iter().take(15).enumerate() {
            let v = if b.is_ascii_digit() {
                u32::from(b - b'0')
            } else {
                u32::from(b - b'A')
            };
            sum += if i % 2 == 0 { CF_ODD[v as usize] } else { v };
        }
        s[15] = b'A' + (sum % 26) as u8;
        assert!(it_fiscal_code(&s));
    }
}
