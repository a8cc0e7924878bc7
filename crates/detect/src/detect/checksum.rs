//! Check-digit algorithms with their published definitions (domain.md §5), on ASCII bytes.
//!
//! Every function takes the candidate's compact form (separators removed) and answers
//! `false` for any byte outside the algorithm's alphabet, so no input can panic here.

use sha2::{Digest, Sha256};
use sha3::Keccak256;

/// The value of an ASCII digit.
pub(crate) fn dv(b: u8) -> Option<u32> {
    b.is_ascii_digit().then(|| u32::from(b - b'0'))
}

/// `true` if every byte is an ASCII digit (and there is at least one).
pub(crate) fn all_digits(s: &[u8]) -> bool {
    !s.is_empty() && s.iter().all(u8::is_ascii_digit)
}

/// The decimal value of up to 9 ASCII digits (callers check the length).
pub(crate) fn num(s: &[u8]) -> Option<u32> {
    if s.len() > 9 || !all_digits(s) {
        return None;
    }
    Some(
        s.iter()
            .fold(0u32, |acc, &b| acc * 10 + u32::from(b - b'0')),
    )
}

/// Σ digit × weight over the zipped prefix; `None` if a byte is not a digit.
pub(crate) fn weighted(s: &[u8], weights: &[u32]) -> Option<u32> {
    s.iter()
        .zip(weights)
        .try_fold(0u32, |acc, (&b, &w)| dv(b).map(|d| acc + d * w))
}

/// Luhn (ISO/IEC 7812-1 annex B): doubling every second digit from the right, total ≡ 0 mod 10.
pub(crate) fn luhn(s: &[u8]) -> bool {
    if !all_digits(s) {
        return false;
    }
    let sum: u32 = s
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let x = d * 2;
                if x > 9 { x - 9 } else { x }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// `A`=10 … `Z`=35, digits as themselves (ISO 7064 / ISO 13616 alphabet).
pub(crate) fn alnum_value(b: u8) -> Option<u32> {
    match b {
        b'0'..=b'9' => Some(u32::from(b - b'0')),
        b'A'..=b'Z' => Some(u32::from(b - b'A') + 10),
        _ => None,
    }
}

/// The remainder mod 97 of the number spelled by `s` (letters expand to two digits).
pub(crate) fn mod97<'a>(s: impl IntoIterator<Item = &'a u8>) -> Option<u32> {
    s.into_iter().try_fold(0u32, |r, &b| {
        let v = alnum_value(b)?;
        Some(if v < 10 {
            (r * 10 + v) % 97
        } else {
            (r * 100 + v) % 97
        })
    })
}

/// ISO 7064 MOD 11,10 over all digits including the check digit (domain.md §5.7).
pub(crate) fn iso7064_mod11_10(s: &[u8]) -> bool {
    let Some((&last, body)) = s.split_last() else {
        return false;
    };
    let mut p = 10u32;
    for &b in body {
        let Some(d) = dv(b) else { return false };
        let mut x = (d + p) % 10;
        if x == 0 {
            x = 10;
        }
        p = (2 * x) % 11;
    }
    dv(last) == Some((11 - p) % 10)
}

/// ICAO 9303 character value: digits, `A`=10…`Z`=35, filler `<` = 0.
fn icao_value(b: u8) -> Option<u32> {
    if b == b'<' { Some(0) } else { alnum_value(b) }
}

/// ICAO 9303 7-3-1 check digit of `field`.
pub(crate) fn icao_check(field: &[u8]) -> Option<u32> {
    const W: [u32; 3] = [7, 3, 1];
    field
        .iter()
        .zip(W.iter().cycle())
        .try_fold(0u32, |acc, (&b, &w)| icao_value(b).map(|v| acc + v * w))
        .map(|s| s % 10)
}

/// `true` if `check` is the 7-3-1 check digit of `field`. A `<` check digit is accepted only
/// for an all-filler field (Doc 9303 lets an empty optional field carry `<`).
pub(crate) fn icao_ok(field: &[u8], check: u8) -> bool {
    if check == b'<' {
        return field.iter().all(|&b| b == b'<');
    }
    icao_check(field).is_some() && icao_check(field) == dv(check)
}

const VERHOEFF_D: [[u8; 10]; 10] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
    [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
    [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
    [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
    [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
    [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
    [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
    [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const VERHOEFF_P: [[u8; 10]; 8] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
    [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
    [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
    [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
    [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
    [7, 0, 4, 2, 1, 5, 6, 8, 3, 9],
];

/// Verhoeff (dihedral group D5) over all digits including the check digit (domain.md §5.6).
pub(crate) fn verhoeff(s: &[u8]) -> bool {
    if !all_digits(s) {
        return false;
    }
    let mut c = 0u8;
    for (i, &b) in s.iter().rev().enumerate() {
        let d = usize::from(b - b'0');
        let p = VERHOEFF_P
            .get(i % 8)
            .and_then(|row| row.get(d))
            .copied()
            .unwrap_or(0);
        c = VERHOEFF_D
            .get(usize::from(c))
            .and_then(|row| row.get(usize::from(p)))
            .copied()
            .unwrap_or(1);
    }
    c == 0
}

const B58: &[u8] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/// Decodes Base58Check (≤ 35 characters) and verifies the double-SHA-256 checksum; returns
/// the payload (version byte + hash) without the 4 checksum bytes.
pub(crate) fn base58check(s: &[u8]) -> Option<Vec<u8>> {
    if s.is_empty() || s.len() > 35 {
        return None;
    }
    // Big-endian base-256 accumulator; 35 base-58 digits fit in 26 bytes.
    let mut acc = [0u8; 26];
    for &ch in s {
        let mut carry = u32::try_from(B58.iter().position(|&a| a == ch)?).ok()?;
        for byte in acc.iter_mut().rev() {
            let x = u32::from(*byte) * 58 + carry;
            *byte = (x & 0xff) as u8;
            carry = x >> 8;
        }
        if carry != 0 {
            return None;
        }
    }
    let zeros = s.iter().take_while(|&&c| c == b'1').count();
    let first = acc.iter().position(|&b| b != 0).unwrap_or(acc.len());
    let mut bytes = vec![0u8; zeros];
    bytes.extend_from_slice(acc.get(first..)?);
    let (payload, check) = bytes.split_at_checked(bytes.len().checked_sub(4)?)?;
    let digest = Sha256::digest(Sha256::digest(payload));
    (digest.get(..4)? == check).then(|| payload.to_vec())
}

const BECH32_CHARSET: &[u8] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";
/// BIP-173 constant for bech32, BIP-350 constant for bech32m.
const BECH32_CONST: u32 = 1;
const BECH32M_CONST: u32 = 0x2bc8_30a3;

fn bech32_polymod(values: impl Iterator<Item = u8>) -> u32 {
    const GEN: [u32; 5] = [
        0x3b6a_57b2,
        0x2650_8e6d,
        0x1ea1_19fa,
        0x3d42_33dd,
        0x2a14_62b3,
    ];
    let mut chk = 1u32;
    for v in values {
        let top = chk >> 25;
        chk = ((chk & 0x01ff_ffff) << 5) ^ u32::from(v);
        for (i, g) in GEN.iter().enumerate() {
            if (top >> i) & 1 == 1 {
                chk ^= g;
            }
        }
    }
    chk
}

/// Which checksum a valid SegWit address used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Bech32Kind {
    /// BIP-173, witness version 0.
    Bech32,
    /// BIP-350, witness versions 1–16.
    Bech32m,
}

/// Validates a SegWit address (`bc1…` / `tb1…`) per BIP-173/350: one case, the checksum
/// constant that the witness version requires, program length and padding.
pub(crate) fn segwit(s: &[u8]) -> Option<Bech32Kind> {
    if s.len() < 14 || s.len() > 90 {
        return None;
    }
    let lower = s.iter().any(u8::is_ascii_lowercase);
    let upper = s.iter().any(u8::is_ascii_uppercase);
    if lower && upper {
        return None; // BIP-173: "Decoders MUST NOT accept strings where some characters are uppercase and some are lowercase"
    }
    let low: Vec<u8> = s.iter().map(u8::to_ascii_lowercase).collect();
    let sep = low.iter().rposition(|&b| b == b'1')?;
    let (hrp, rest) = low.split_at_checked(sep)?;
    let data_chars = rest.get(1..)?;
    if hrp != b"bc" && hrp != b"tb" || data_chars.len() < 7 {
        return None;
    }
    let data: Vec<u8> = data_chars
        .iter()
        .map(|c| {
            BECH32_CHARSET
                .iter()
                .position(|a| a == c)
                .and_then(|p| u8::try_from(p).ok())
        })
        .collect::<Option<_>>()?;
    let expanded = hrp
        .iter()
        .map(|c| c >> 5)
        .chain(core::iter::once(0))
        .chain(hrp.iter().map(|c| c & 31))
        .chain(data.iter().copied());
    let pm = bech32_polymod(expanded);
    let (&version, payload) = data.split_first()?;
    let program5 = payload.get(..payload.len().checked_sub(6)?)?;
    let kind = match (version, pm) {
        (0, BECH32_CONST) => Bech32Kind::Bech32,
        (1..=16, BECH32M_CONST) => Bech32Kind::Bech32m,
        _ => return None,
    };
    // Regroup 5-bit words into bytes; leftover bits must be < 5 and zero (BIP-173).
    let (mut acc, mut bits, mut len) = (0u32, 0u32, 0usize);
    for &v in program5 {
        acc = (acc << 5) | u32::from(v);
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            len += 1;
            acc &= (1 << bits) - 1;
        }
    }
    if bits >= 5 || acc != 0 || !(2..=40).contains(&len) || (version == 0 && len != 20 && len != 32)
    {
        return None;
    }
    Some(kind)
}

/// EIP-55: `hex40` (the 40 hex characters after `0x`) in mixed case carries a checksum;
/// a letter is upper-case iff the matching nibble of Keccak-256(lower-case hex) is ≥ 8.
pub(crate) fn eip55(hex40: &[u8]) -> bool {
    if hex40.len() != 40 || !hex40.iter().all(u8::is_ascii_hexdigit) {
        return false;
    }
    let lower: Vec<u8> = hex40.iter().map(u8::to_ascii_lowercase).collect();
    let hash = Keccak256::digest(&lower);
    hex40.iter().enumerate().all(|(i, &c)| {
        let Some(byte) = hash.get(i / 2) else {
            return false;
        };
        let nibble = if i % 2 == 0 { byte >> 4 } else { byte & 0x0f };
        match c {
            b'a'..=b'f' => nibble < 8,
            b'A'..=b'F' => nibble >= 8,
            _ => true,
        }
    })
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn luhn_vectors() {
        assert!(luhn(b"4111111111111111"));
        assert!(luhn(b"354178036859789")); // IMEI, domain.md §5.9
        assert!(luhn(b"123456782")); // CA SIN
        assert!(!luhn(b"4111111111111112"));
        assert!(!luhn(b""));
        assert!(!luhn(b"41x1"));
    }

    #[test]
    fn mod97_iban_and_nir() {
        // GB82WEST12345698765432 rearranged: BBAN + country + check.
        assert_eq!(mod97(b"WEST12345698765432GB82"), Some(1));
        assert_eq!(mod97(b"WEST12345698765432GB83"), Some(2));
        assert_eq!(mod97(b"a"), None);
    }

    #[test]
    fn iso7064_vectors() {
        assert!(iso7064_mod11_10(b"36574261809"));
        assert!(!iso7064_mod11_10(b"36574261808"));
        assert!(!iso7064_mod11_10(b""));
    }

    #[test]
    fn icao_specimen() {
        assert_eq!(icao_check(b"L898902C3"), Some(6));
        assert_eq!(icao_check(b"740812"), Some(2));
        assert_eq!(icao_check(b"120415"), Some(9));
        assert!(icao_ok(b"ZE184226B<<<<<", b'1'));
        assert!(icao_ok(b"<<<<", b'<'));
        assert!(!icao_ok(b"AB", b'<'));
        assert_eq!(icao_check(b"a"), None);
    }

    #[test]
    fn verhoeff_aadhaar() {
        assert!(verhoeff(b"234123412346"));
        assert!(!verhoeff(b"234123412347"));
        assert!(verhoeff(b"2363")); // the classic Verhoeff example 236 → check 3
    }

    #[test]
    fn base58check_vectors() {
        let p = base58check(b"1NEDqZPvTWRaoho48qXuLLsrYomMXPABfD").unwrap();
        assert_eq!(p.len(), 21);
        assert_eq!(p.first(), Some(&0));
        assert!(base58check(b"1NEDqZPvTWRaoho48qXuLLsrYomMXPABfE").is_none());
        assert!(base58check(b"0OIl").is_none());
    }

    #[test]
    fn segwit_vectors() {
        assert_eq!(
            segwit(b"bc1qardv855yjngspvxuttq897aqca3lxju2y69jce"),
            Some(Bech32Kind::Bech32)
        );
        assert_eq!(
            segwit(b"BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4"),
            Some(Bech32Kind::Bech32)
        );
        assert_eq!(
            segwit(b"bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0"),
            Some(Bech32Kind::Bech32m)
        );
        // Mixed case and a flipped character are rejected.
        assert_eq!(segwit(b"bc1qardv855yjngspvxuttq897aqca3lxju2y69jcE"), None);
        assert_eq!(segwit(b"bc1qardv855yjngspvxuttq897aqca3lxju2y69jcf"), None);
    }

    #[test]
    fn eip55_vectors() {
        for a in [
            "5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            "fB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
            "dbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
            "D1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
        ] {
            assert!(eip55(a.as_bytes()), "{a}");
        }
        assert!(!eip55(b"5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"));
    }
}
