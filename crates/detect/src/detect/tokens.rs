//! Non-national identifiers on a candidate: IBAN, payment card, IMEI/IMSI, VIN, crypto
//! addresses, DE ID card, passport number, licence plate, numeric dates of birth, IPv4,
//! and MAC addresses written with `-` or `.`.

use super::checksum::{icao_ok, luhn, num};
use super::context::{
    self, BIRTH, CARD, CRYPTO, IBAN, IDCARD, IMEI, IMSI, IP, MAC, PASSPORT, PLATE, VERSION, VIN,
};
use super::date;
use super::entity::Entity as E;
use super::finance;
use super::hit::{Hit, Sink, emit};
use super::segment::Cand;

/// Reporting-body prefixes of IMEI type allocation codes (GSMA): a Luhn-valid 15-digit
/// number outside them is more likely something else.
const IMEI_RBI: &[u32] = &[
    1, 10, 30, 33, 35, 44, 45, 49, 50, 51, 52, 53, 54, 86, 91, 98, 99,
];

/// Mobile country codes in use (ITU-T E.212), as ranges.
const MCC: &[(u32, u32)] = &[
    (202, 299),
    (302, 302),
    (310, 316),
    (330, 376),
    (400, 472),
    (502, 553),
    (602, 659),
    (702, 750),
    (901, 901),
];

/// Whether `c` is a piece of a longer run of groups of four letters and digits joined by
/// single spaces, the way account numbers are written ("NL33 MSTS 4806 0783 56", "RO57 JNIF
/// 09ED WF46 3VGP", whose checks failed): every group of `c` has four characters, and a group
/// of four stands right before or after it. Such a piece is no licence plate, whatever plate
/// word stands nearby; a plate on its own ("AB12 CDE", "1234 BCD") still is one.
fn quad_run_piece(c: &Cand<'_>) -> bool {
    let bytes = c.text.as_bytes();
    let quad = |a: usize, b: usize| {
        b == a + 4
            && bytes.get(a..b).is_some_and(|g| {
                g.iter()
                    .all(|x| x.is_ascii_uppercase() || x.is_ascii_digit())
            })
    };
    let alnum = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_alphanumeric);
    let before = c.start >= 5 && bytes.get(c.start - 1) == Some(&b' ') && {
        let mut a = c.start - 1;
        while a > 0 && alnum(a - 1) {
            a -= 1;
        }
        quad(a, c.start - 1)
    };
    let after = bytes.get(c.end) == Some(&b' ') && {
        let mut b = c.end + 1;
        while alnum(b) {
            b += 1;
        }
        quad(c.end + 1, b)
    };
    c.groups().iter().all(|&g| g == 4) && (before || after)
}

/// Tries every non-national recognizer on `c`.
pub(crate) fn visit(c: &Cand<'_>, out: &mut Sink<'_>) {
    let s = c.compact();
    let t = c.text;
    // Every hit is for the whole candidate.
    macro_rules! hit {
        ($h:expr) => {
            emit(t, c.start, c.end, $h, out)
        };
    }
    let plain = c.unbroken();
    let digits = c.all_digits();
    let upper = c.no_lower();

    if s.len() >= 15 && upper && s.first().is_some_and(u8::is_ascii_uppercase) {
        let spaced = c.uniform_sep(b" ") && c.groups().iter().rev().skip(1).all(|&g| g == 4);
        if (plain || spaced) && finance::iban(s) {
            hit!(
                Hit::new(E::Iban, "iban", 0.95, 1.0)
                    .check("mod97")
                    .ctx(&IBAN)
            );
        }
    }
    if digits && (12..=19).contains(&s.len()) {
        let g = c.groups();
        let grouped = c.uniform_sep(b" -")
            && g.iter().rev().skip(1).all(|l| (3..=6).contains(l))
            && g.last().is_some_and(|l| (1..=6).contains(l));
        if (plain || grouped) && finance::card(s).is_some() {
            hit!(
                Hit::new(E::CreditCard, "credit_card", 0.9, 1.0)
                    .check("luhn")
                    .ctx(&CARD)
            );
        }
    }
    if digits && s.len() == 15 {
        imei_imsi(c, s, out);
    }
    if plain && s.len() == 17 && upper {
        vin(s, &mut |h| emit(t, c.start, c.end, h, out));
    }
    if plain {
        if let Some(v) = finance::eth(s) {
            let h = Hit::new(E::EthAddress, "eth_address", 0.75, 0.95).ctx(&CRYPTO);
            hit!(if v {
                Hit {
                    base: 0.95,
                    boosted: 1.0,
                    ..h.check("eip55")
                }
            } else {
                h
            });
        } else if finance::btc_base58(s) {
            hit!(
                Hit::new(E::BtcAddress, "btc_address", 0.95, 1.0)
                    .check("base58check")
                    .ctx(&CRYPTO)
            );
        } else if let Some(kind) = finance::btc_segwit(s) {
            hit!(
                Hit::new(E::BtcAddress, "btc_address", 0.95, 1.0)
                    .check(kind)
                    .ctx(&CRYPTO)
            );
        }
    }
    if plain && s.len() == 10 && upper {
        let (body, check) = s.split_at(9);
        let charset = body
            .iter()
            .all(|&b| b.is_ascii_digit() || b"CFGHJKLMNPRTVWXYZ".contains(&b));
        if charset && check.first().is_some_and(|&d| icao_ok(body, d)) {
            let base = if body.iter().any(u8::is_ascii_uppercase) {
                0.55
            } else {
                0.3
            };
            hit!(
                Hit::new(E::DeIdCard, "de_id_card", base, 0.9)
                    .check("icao9303")
                    .ctx(&IDCARD)
            );
        }
    }
    if plain && (6..=10).contains(&s.len()) && upper && c.has_digit() {
        hit!(Hit::new(E::PassportNumber, "passport_number", 0.1, 0.85).ctx(&PASSPORT));
    }
    if c.groups().len() <= 3
        && (4..=10).contains(&s.len())
        && upper
        && c.has_digit()
        && c.has_upper()
        && c.seps().iter().all(|b| matches!(b, b' ' | b'-'))
        && !quad_run_piece(c)
    {
        hit!(Hit::new(E::LicensePlate, "license_plate", 0.1, 0.85).ctx(&PLATE));
    }
    if c.groups().len() == 3 && c.uniform_sep(b"./-") && digits && numeric_date(c, s) {
        hit!(Hit::new(E::DateOfBirth, "date_of_birth", 0.1, 0.85).ctx(&BIRTH));
    }
    if digits && c.groups().len() >= 4 {
        ipv4(c, out);
    }
    if c.all_hex() && !c.mixed_case() && matches!(c.groups().len(), 3 | 6) {
        mac(c, &mut |h| emit(t, c.start, c.end, h, out));
    }
}

fn imei_imsi(c: &Cand<'_>, s: &[u8], out: &mut Sink<'_>) {
    let hit = |h: Hit, out: &mut Sink<'_>| emit(c.text, c.start, c.end, h, out);
    let plain = c.unbroken();
    let grouped = (c.shape(&[2, 6, 6, 1]) || c.shape(&[8, 6, 1])) && c.uniform_sep(b" -");
    // With both words around (`IMSI … / IMEI …`), the nearer one names the number.
    let d_imei = out.distance(c.text, c.start, &IMEI).unwrap_or(usize::MAX);
    let d_imsi = out.distance(c.text, c.start, &IMSI).unwrap_or(usize::MAX);
    if (plain || grouped) && luhn(s) && d_imsi >= d_imei {
        let rbi = s
            .get(..2)
            .and_then(num)
            .is_some_and(|p| IMEI_RBI.contains(&p));
        let base = if rbi { 0.6 } else { 0.3 };
        hit(
            Hit::new(E::Imei, "imei", base, 0.95)
                .check("luhn")
                .ctx(&IMEI),
            out,
        );
    }
    let mcc = s.get(..3).and_then(num).unwrap_or(0);
    if plain && MCC.iter().any(|&(a, b)| (a..=b).contains(&mcc)) {
        let words = if d_imsi < d_imei {
            &IMSI
        } else {
            &context::NONE
        };
        hit(Hit::new(E::Imsi, "imsi", 0.3, 0.9).ctx(words), out);
    }
}

/// VIN (ISO 3779): no I, O, Q; letters and digits; check digit at position 9 (49 CFR 565).
fn vin(s: &[u8], hit: &mut impl FnMut(Hit)) {
    const W: [u32; 17] = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
    const T: &[u8; 26] = b"12345678012345070923456789";
    if s.iter().any(|b| matches!(b, b'I' | b'O' | b'Q'))
        || !s.iter().any(u8::is_ascii_uppercase)
        || s.iter().filter(|b| b.is_ascii_digit()).count() < 3
    {
        return;
    }
    let mut sum = 0u32;
    for (&b, w) in s.iter().zip(W) {
        let v = match b {
            b'0'..=b'9' => u32::from(b - b'0'),
            b'A'..=b'Z' => T
                .get(usize::from(b - b'A'))
                .map_or(0, |&t| u32::from(t.saturating_sub(b'0'))),
            _ => return,
        };
        sum += v * w;
    }
    let expect = match sum % 11 {
        10 => b'X',
        r => b'0' + r as u8,
    };
    if s.get(8) == Some(&expect) {
        hit(Hit::new(E::Vin, "vin", 0.8, 1.0).check("iso3779").ctx(&VIN));
    } else {
        hit(Hit::new(E::Vin, "vin", 0.15, 0.75).ctx(&VIN));
    }
}

/// `d.m.yyyy`, `d/m/yyyy`, `d-m-yyyy`, `d.m.yy` or `yyyy-mm-dd`, a plausible birth date.
fn numeric_date(c: &Cand<'_>, s: &[u8]) -> bool {
    let g = c.groups();
    let part = |a: usize, b: usize| s.get(a..b).and_then(num);
    match g {
        [4, 2, 2] => {
            matches!((part(0, 4), part(4, 6), part(6, 8)), (Some(y), Some(m), Some(d)) if date::plausible_birth(y, m, d))
        }
        [d @ 1..=2, m @ 1..=2, y @ (2 | 4)] => {
            let (d, m, y) = (usize::from(*d), usize::from(*m), usize::from(*y));
            let (Some(dd), Some(mm), Some(yy)) =
                (part(0, d), part(d, d + m), part(d + m, d + m + y))
            else {
                return false;
            };
            let year = if y == 2 { date::expand_yy(yy) } else { yy };
            date::plausible_birth(year, mm, dd)
        }
        _ => false,
    }
}

fn ipv4(c: &Cand<'_>, out: &mut Sink<'_>) {
    let g = c.groups();
    let seps = c.seps();
    if !(seps == b"..." || seps == b".../") {
        return;
    }
    let s = c.compact();
    let mut pos = 0usize;
    for (i, &len) in g.iter().enumerate() {
        let len = usize::from(len);
        let Some(part) = s.get(pos..pos + len) else {
            return;
        };
        let Some(v) = num(part) else { return };
        let limit = if i == 4 { 32 } else { 255 };
        if len > 3 || v > limit || (len > 1 && part.first() == Some(&b'0')) {
            return;
        }
        pos += len;
    }
    if out.context(c.text, c.start, &VERSION).is_some()
        || c.text
            .get(..c.start)
            .is_some_and(|t| t.ends_with(['v', 'V']))
    {
        return;
    }
    let hit = Hit::new(E::IpAddress, "ip_address", 0.6, 0.85).ctx(&IP);
    emit(c.text, c.start, c.end, hit, out);
}

fn mac(c: &Cand<'_>, hit: &mut impl FnMut(Hit)) {
    if c.shape(&[2, 2, 2, 2, 2, 2]) && c.uniform_sep(b"-") {
        hit(Hit::new(E::MacAddress, "mac_address", 0.75, 0.95).ctx(&MAC));
    } else if c.shape(&[4, 4, 4]) && c.uniform_sep(b".") {
        hit(Hit::new(E::MacAddress, "mac_address", 0.7, 0.95).ctx(&MAC));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vin_hits(s: &str) -> Vec<f32> {
        let mut v = Vec::new();
        vin(s.as_bytes(), &mut |h: Hit| v.push(h.base));
        v
    }

    #[test]
    fn vin_check_digit() {
        assert_eq!(vin_hits("1G4AH59H45G118341"), vec![0.8]); // CFR sample, check 4
        assert_eq!(vin_hits("1M8GDM9AXKP042788"), vec![0.8]); // check X
        assert_eq!(
            vin_hits("1G4AH59H55G118341"),
            vec![0.15],
            "check fails: context only"
        );
        assert!(vin_hits("1G4AH59H45G11834O").is_empty(), "O never appears");
    }
}
