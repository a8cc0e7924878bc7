//! Financial identifiers: IBAN (ISO 13616, all registry countries), payment cards
//! (ISO/IEC 7812 IIN ranges + Luhn), Bitcoin and Ethereum addresses.

use super::checksum::{all_digits, base58check, eip55, luhn, mod97, segwit};

/// SWIFT IBAN registry: country, total length, BBAN structure (`n` digits, `a` upper-case
/// letters, `c` alphanumeric, each with a fixed count), from domain.md §5.2.
const IBAN: &[(&[u8; 2], usize, &str)] = &[
    (b"AD", 24, "4n4n12c"),
    (b"AE", 23, "3n16n"),
    (b"AL", 28, "8n16c"),
    (b"AT", 20, "5n11n"),
    (b"AZ", 28, "4a20c"),
    (b"BA", 20, "3n3n8n2n"),
    (b"BE", 16, "3n7n2n"),
    (b"BG", 22, "4a4n2n8c"),
    (b"BH", 22, "4a14c"),
    (b"BI", 27, "5n5n11n2n"),
    (b"BR", 29, "8n5n10n1a1c"),
    (b"BY", 28, "4c4n16c"),
    (b"CH", 21, "5n12c"),
    (b"CR", 22, "4n14n"),
    (b"CY", 28, "3n5n16c"),
    (b"CZ", 24, "4n16n"),
    (b"DE", 22, "8n10n"),
    (b"DJ", 27, "5n5n11n2n"),
    (b"DK", 18, "4n9n1n"),
    (b"DO", 28, "4c20n"),
    (b"EE", 20, "2n2n11n1n"),
    (b"EG", 29, "4n4n17n"),
    (b"ES", 24, "4n4n1n1n10n"),
    (b"FI", 18, "3n11n"),
    (b"FK", 18, "2a12n"),
    (b"FO", 18, "4n9n1n"),
    (b"FR", 27, "5n5n11c2n"),
    (b"GB", 22, "4a6n8n"),
    (b"GE", 22, "2a16n"),
    (b"GI", 23, "4a15c"),
    (b"GL", 18, "4n9n1n"),
    (b"GR", 27, "3n4n16c"),
    (b"GT", 28, "4c20c"),
    (b"HN", 28, "4a20n"),
    (b"HR", 21, "7n10n"),
    (b"HU", 28, "3n4n1n15n1n"),
    (b"IE", 22, "4a6n8n"),
    (b"IL", 23, "3n3n13n"),
    (b"IQ", 23, "4a3n12n"),
    (b"IS", 26, "4n2n6n10n"),
    (b"IT", 27, "1a5n5n12c"),
    (b"JO", 30, "4a4n18c"),
    (b"KW", 30, "4a22c"),
    (b"KZ", 20, "3n13c"),
    (b"LB", 28, "4n20c"),
    (b"LC", 32, "4a24c"),
    (b"LI", 21, "5n12c"),
    (b"LT", 20, "5n11n"),
    (b"LU", 20, "3n13c"),
    (b"LV", 21, "4a13c"),
    (b"LY", 25, "3n3n15n"),
    (b"MC", 27, "5n5n11c2n"),
    (b"MD", 24, "2c18c"),
    (b"ME", 22, "3n13n2n"),
    (b"MK", 19, "3n10c2n"),
    (b"MN", 20, "4n12n"),
    (b"MR", 27, "5n5n11n2n"),
    (b"MT", 31, "4a5n18c"),
    (b"MU", 30, "4a2n2n12n3n3a"),
    (b"NI", 28, "4a20n"),
    (b"NL", 18, "4a10n"),
    (b"NO", 15, "4n6n1n"),
    (b"OM", 23, "3n16c"),
    (b"PK", 24, "4a16c"),
    (b"PL", 28, "8n16n"),
    (b"PS", 29, "4a21c"),
    (b"PT", 25, "4n4n11n2n"),
    (b"QA", 29, "4a21c"),
    (b"RO", 24, "4a16c"),
    (b"RS", 22, "3n13n2n"),
    (b"RU", 33, "9n5n15c"),
    (b"SA", 24, "2n18c"),
    (b"SC", 31, "4a2n2n16n3a"),
    (b"SD", 18, "2n12n"),
    (b"SE", 24, "3n16n1n"),
    (b"SI", 19, "5n8n2n"),
    (b"SK", 24, "4n6n10n"),
    (b"SM", 27, "1a5n5n12c"),
    (b"SO", 23, "4n3n12n"),
    (b"ST", 25, "4n4n11n2n"),
    (b"SV", 28, "4a20n"),
    (b"TL", 23, "3n14n2n"),
    (b"TN", 24, "2n3n13n2n"),
    (b"TR", 26, "5n1n16c"),
    (b"UA", 29, "6n19c"),
    (b"VA", 22, "3n15n"),
    (b"VG", 24, "4a16n"),
    (b"XK", 20, "4n10n2n"),
    (b"YE", 30, "4a4n18c"),
];

/// Country code (`A`–`Z` × `A`–`Z`) → 1 + its row in [`IBAN`], 0 for none: one lookup per
/// candidate instead of a search, since every upper-case run is asked.
// Evaluated at compile time: an out-of-range index here fails the build, it cannot panic
// at run time.
#[allow(clippy::indexing_slicing)]
const COUNTRY_INDEX: [u8; 676] = {
    let mut t = [0u8; 676];
    let mut i = 0;
    while i < IBAN.len() {
        let cc = IBAN[i].0;
        t[(cc[0] - b'A') as usize * 26 + (cc[1] - b'A') as usize] = (i + 1) as u8;
        i += 1;
    }
    t
};

/// The IBAN length of the registry country whose code `cc` starts with, if it is one.
pub(crate) fn iban_length(cc: &[u8]) -> Option<usize> {
    match cc {
        [a @ b'A'..=b'Z', b @ b'A'..=b'Z', ..] => COUNTRY_INDEX
            .get(usize::from(a - b'A') * 26 + usize::from(b - b'A'))
            .and_then(|&i| IBAN.get(usize::from(i).checked_sub(1)?))
            .map(|&(_, len, _)| len),
        _ => None,
    }
}

/// `true` if `bban` matches a structure string such as `"4a6n8n"`.
fn bban_shape(bban: &[u8], shape: &str) -> bool {
    let mut rest = bban;
    let mut count = 0usize;
    for ch in shape.bytes() {
        if ch.is_ascii_digit() {
            count = count * 10 + usize::from(ch - b'0');
            continue;
        }
        let Some((part, tail)) = rest.split_at_checked(count) else {
            return false;
        };
        let ok = match ch {
            b'n' => part.iter().all(u8::is_ascii_digit),
            b'a' => part.iter().all(u8::is_ascii_uppercase),
            _ => part
                .iter()
                .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase()),
        };
        if !ok {
            return false;
        }
        rest = tail;
        count = 0;
    }
    rest.is_empty()
}

/// IBAN in compact upper-case form: registry length and BBAN shape, check digits 02–98,
/// and ISO 7064 MOD 97-10 (rearranged number mod 97 = 1).
pub(crate) fn iban(s: &[u8]) -> bool {
    let (Some(cc), Some(check), Some(bban)) = (s.get(..2), s.get(2..4), s.get(4..)) else {
        return false;
    };
    let (Some(&a), Some(&b)) = (cc.first(), cc.get(1)) else {
        return false;
    };
    if !a.is_ascii_uppercase() || !b.is_ascii_uppercase() {
        return false;
    }
    let slot = usize::from(a - b'A') * 26 + usize::from(b - b'A');
    let Some(&(_, len, shape)) = COUNTRY_INDEX
        .get(slot)
        .and_then(|&i| IBAN.get(usize::from(i).checked_sub(1)?))
    else {
        return false;
    };
    s.len() == len
        && all_digits(check)
        && !matches!(check, b"00" | b"01" | b"99")
        && bban_shape(bban, shape)
        && mod97(bban.iter().chain(cc).chain(check)) == Some(1)
}

/// Payment card: IIN range with its lengths (domain.md §5.3), then Luhn.
pub(crate) fn card(s: &[u8]) -> Option<&'static str> {
    if !(12..=19).contains(&s.len()) || !luhn(s) {
        return None;
    }
    let p = |n: usize| s.get(..n).and_then(super::checksum::num).unwrap_or(0);
    let len = s.len();
    let brand = match () {
        _ if p(1) == 4 && matches!(len, 13 | 16 | 19) => "visa",
        _ if (51..=55).contains(&p(2)) && len == 16 => "mastercard",
        _ if (2221..=2720).contains(&p(4)) && len == 16 => "mastercard",
        _ if matches!(p(2), 34 | 37) && len == 15 => "amex",
        _ if (p(4) == 6011 || (644..=649).contains(&p(3)) || p(2) == 65) && len == 16 => "discover",
        _ if (3528..=3589).contains(&p(4)) && len == 16 => "jcb",
        _ if ((300..=305).contains(&p(3)) || p(3) == 309 || matches!(p(2), 36 | 38 | 39))
            && len == 14 =>
        {
            "diners"
        }
        _ if p(2) == 62 && (16..=19).contains(&len) => "unionpay",
        _ if matches!(
            p(4),
            5018 | 5020 | 5038 | 5612 | 5893 | 6304 | 6759 | 6761..=6763 | 604 | 6390
        ) && (12..=19).contains(&len) =>
        {
            "maestro"
        }
        _ if p(4) == 5019 && len == 16 => "dankort",
        _ => return None,
    };
    Some(brand)
}

/// Bitcoin legacy address (P2PKH `1…`, P2SH `3…`; testnet `m`/`n`/`2`): Base58Check to
/// 21 bytes with version 0x00, 0x05, 0x6f or 0xc4.
pub(crate) fn btc_base58(s: &[u8]) -> bool {
    (26..=35).contains(&s.len())
        && matches!(s.first(), Some(b'1' | b'3' | b'm' | b'n' | b'2'))
        && base58check(s)
            .is_some_and(|p| p.len() == 21 && matches!(p.first(), Some(0x00 | 0x05 | 0x6f | 0xc4)))
}

/// Bitcoin SegWit address; the checksum kind name for the reason.
pub(crate) fn btc_segwit(s: &[u8]) -> Option<&'static str> {
    segwit(s).map(|k| match k {
        super::checksum::Bech32Kind::Bech32 => "bech32",
        super::checksum::Bech32Kind::Bech32m => "bech32m",
    })
}

/// Ethereum address `0x` + 40 hex: `Some(true)` if mixed case with a valid EIP-55 checksum,
/// `Some(false)` if single case (no checksum to test), `None` if malformed or the
/// mixed-case checksum fails.
pub(crate) fn eth(s: &[u8]) -> Option<bool> {
    let hex = s.strip_prefix(b"0x")?;
    if hex.len() != 40 || !hex.iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    let lower = hex.iter().any(u8::is_ascii_lowercase);
    let upper = hex.iter().any(u8::is_ascii_uppercase);
    if lower && upper {
        eip55(hex).then_some(true)
    } else {
        Some(false)
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn iban_table_is_sorted_and_lengths_match_shapes() {
        assert!(IBAN.windows(2).all(|w| w[0].0 < w[1].0));
        for (cc, len, shape) in IBAN {
            let mut total = 4;
            let mut n = 0;
            for b in shape.bytes() {
                if b.is_ascii_digit() {
                    n = n * 10 + usize::from(b - b'0');
                } else {
                    total += n;
                    n = 0;
                }
            }
            assert_eq!(total, *len, "{}", String::from_utf8_lossy(*cc));
        }
    }

    #[test]
    fn iban_vectors() {
        assert!(iban(b"DE89370400440532013000"));
        assert!(iban(b"GB82WEST12345698765432"));
        assert!(iban(b"BE68539007547034"));
        assert!(iban(b"GR1601101250000000012300695"));
        assert!(!iban(b"DE89370400440532013001"), "check digits");
        assert!(!iban(b"DE8937040044053201300"), "length");
        assert!(!iban(b"GB82WE5T12345698765432"), "BBAN shape");
        assert!(!iban(b"XX89370400440532013000"), "country");
    }

    #[test]
    fn card_vectors() {
        assert_eq!(card(b"4111111111111111"), Some("visa"));
        assert_eq!(card(b"5555555555554444"), Some("mastercard"));
        assert_eq!(card(b"378282246310005"), Some("amex"));
        assert_eq!(card(b"6011111111111117"), Some("discover"));
        assert_eq!(card(b"4111111111111112"), None);
        assert_eq!(card(b"9111111111111111"), None, "no IIN range");
    }

    #[test]
    fn crypto_vectors() {
        assert!(btc_base58(b"1NEDqZPvTWRaoho48qXuLLsrYomMXPABfD"));
        assert!(!btc_base58(b"1NEDqZPvTWRaoho48qXuLLsrYomMXPABfE"));
        assert_eq!(
            btc_segwit(b"bc1qardv855yjngspvxuttq897aqca3lxju2y69jce"),
            Some("bech32")
        );
        assert_eq!(
            eth(b"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"),
            Some(true)
        );
        assert_eq!(
            eth(b"0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"),
            Some(false)
        );
        assert_eq!(eth(b"0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"), None);
    }
}
