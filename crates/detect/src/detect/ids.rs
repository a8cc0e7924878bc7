//! National identifiers on a candidate: format (grouping as each country writes it),
//! validator, score and context words. Validators live in `national.rs`/`national2.rs`.

use super::context::{
    AADHAAR, BE, BSN, CF, CNP, CPR, CZ, DETAX, ES, FNR, HETU, NHS, NINO, NIR, PESEL, PPS, PT,
    REFERENCE, SE, SIN, SSN, SVNR, TFN,
};
use super::entity::Entity as E;
use super::hit::{Hit, Sink, emit};
use super::national as n1;
use super::national2 as n2;
use super::segment::Cand;

/// Score of a well-formed number whose format has no check digit (US SSN, UK NINO, DK CPR
/// since 2007) when no context word is near: just below the default threshold, so such
/// numbers are reported only next to their context word (or under a lower threshold).
const NO_CHECK: f32 = 0.45;

/// Tries every national-identifier recognizer on `c`.
pub(crate) fn visit(c: &Cand<'_>, out: &mut Sink<'_>) {
    let s = c.compact();
    let mut hit = |h: Hit| emit(c.text, c.start, c.end, h, out);
    let digits = c.all_digits();
    let plain = c.unbroken();
    match s.len() {
        9 if digits => nine_digits(c, s, &mut hit),
        9 => {
            let up: Vec<u8> = s.to_ascii_uppercase();
            if (plain || (c.shape(&[2, 2, 2, 2, 1]) && c.uniform_sep(b" "))) && n1::uk_nino(s) {
                hit(Hit::new(E::UkNino, "uk_nino", NO_CHECK, 0.95).ctx(&NINO));
            }
            let dni_shape = plain || (c.shape(&[8, 1]) && c.uniform_sep(b"- "));
            if dni_shape && n1::es_dni(&up) {
                hit(Hit::new(E::EsDni, "es_dni", 0.75, 1.0)
                    .check("mod23")
                    .ctx(&ES));
            }
            let nie_shape = dni_shape || (c.shape(&[1, 7, 1]) && c.uniform_sep(b"-"));
            if nie_shape && n1::es_nie(&up) {
                hit(Hit::new(E::EsNie, "es_nie", 0.85, 1.0)
                    .check("mod23")
                    .ctx(&ES));
            }
            if plain && s.len() == 9 && n2::ie_ppsn(s) {
                hit(Hit::new(E::IePpsn, "ie_ppsn", 0.7, 0.95)
                    .check("mod23")
                    .ctx(&PPS));
            }
        }
        8 if plain && !digits && n2::ie_ppsn(s) => {
            hit(Hit::new(E::IePpsn, "ie_ppsn", 0.7, 0.95)
                .check("mod23")
                .ctx(&PPS));
        }
        10 if digits => {
            if n1::uk_nhs(s) {
                let grouped = c.shape(&[3, 3, 4]) && c.uniform_sep(b" -");
                if grouped || plain {
                    let base = if grouped { 0.6 } else { 0.45 };
                    hit(Hit::new(E::UkNhs, "uk_nhs", base, 0.95)
                        .check("mod11")
                        .ctx(&NHS)
                        .unless(&REFERENCE));
                }
            }
            let dash64 = c.shape(&[6, 4]) && c.uniform_sep(b"-");
            if let Some(legacy) = n2::dk_cpr(s).filter(|_| dash64 || plain) {
                let base = if dash64 { NO_CHECK } else { 0.3 };
                let h = Hit::new(E::DkCpr, "dk_cpr", base, 0.9)
                    .ctx(&CPR)
                    .unless(&REFERENCE);
                hit(if legacy { h.check("mod11-legacy") } else { h });
            }
            if n2::at_svnr(s) && (plain || (c.shape(&[4, 6]) && c.uniform_sep(b" "))) {
                let base = if plain { 0.5 } else { 0.6 };
                hit(Hit::new(E::AtSvnr, "at_svnr", base, 0.95)
                    .check("mod11")
                    .ctx(&SVNR)
                    .unless(&REFERENCE));
            }
            let slash = c.shape(&[6, 4]) && c.uniform_sep(b"/");
            if n2::cz_birth_number(s) && (slash || plain) {
                let base = if slash { 0.75 } else { 0.5 };
                hit(Hit::new(E::CzBirthNumber, "cz_birth_number", base, 0.95)
                    .check("mod11")
                    .ctx(&CZ)
                    .unless(&REFERENCE));
            }
            let se = c.shape(&[6, 4]) && c.uniform_sep(b"-+");
            if n2::se_personnummer(s) && (se || plain) {
                let base = if se { 0.8 } else { 0.45 };
                hit(Hit::new(E::SePersonnummer, "se_personnummer", base, 0.95)
                    .check("luhn")
                    .ctx(&SE));
            }
            if c.shape(&[6, 4]) && c.uniform_sep(b"-+") {
                hetu(c, &mut hit);
            }
        }
        10 if c.shape(&[6, 4]) && c.uniform_sep(b"-+") => hetu(c, &mut hit),
        11 if digits => eleven_digits(c, s, &mut hit),
        11 if plain => hetu(c, &mut hit),
        12 if digits => {
            if n2::in_aadhaar(s) {
                let grouped = c.shape(&[4, 4, 4]) && c.uniform_sep(b" -");
                if grouped || plain {
                    let base = if grouped { 0.7 } else { 0.5 };
                    hit(Hit::new(E::InAadhaar, "in_aadhaar", base, 1.0)
                        .check("verhoeff")
                        .ctx(&AADHAAR));
                }
            }
            let se = c.shape(&[8, 4]) && c.uniform_sep(b"-+");
            if n2::se_personnummer(s) && (se || plain) {
                let base = if se { 0.8 } else { 0.65 };
                hit(Hit::new(E::SePersonnummer, "se_personnummer", base, 0.95)
                    .check("luhn")
                    .ctx(&SE));
            }
        }
        13 if digits && plain && n2::ro_cnp(s) => {
            hit(Hit::new(E::RoCnp, "ro_cnp", 0.85, 1.0)
                .check("mod11")
                .ctx(&CNP));
        }
        15 if n1::fr_nir(&s.to_ascii_uppercase()) => {
            let grouped = c.shape(&[1, 2, 2, 2, 3, 3, 2]) && c.uniform_sep(b" ");
            if grouped || plain || (c.shape(&[13, 2]) && c.uniform_sep(b" ")) {
                hit(Hit::new(E::FrNir, "fr_nir", 0.85, 1.0)
                    .check("mod97")
                    .ctx(&NIR));
            }
        }
        16 if plain => {
            let lower = s.iter().all(|b| !b.is_ascii_uppercase());
            let upper = s.iter().all(|b| !b.is_ascii_lowercase());
            if (lower || upper) && n1::it_fiscal_code(&s.to_ascii_uppercase()) {
                hit(Hit::new(E::ItFiscalCode, "it_fiscal_code", 0.9, 1.0)
                    .check("cin")
                    .ctx(&CF));
            }
        }
        _ => {}
    }
    // A 9-digit CZ birth number (before 1954) carries no check digit: context only.
    if s.len() == 9 && digits && c.shape(&[6, 3]) && c.uniform_sep(b"/") && n2::cz_birth_number(s) {
        hit(Hit::new(E::CzBirthNumber, "cz_birth_number", 0.3, 0.85).ctx(&CZ));
    }
}

fn nine_digits(c: &Cand<'_>, s: &[u8], hit: &mut impl FnMut(Hit)) {
    let plain = c.unbroken();
    let g333 = c.shape(&[3, 3, 3]);
    if n1::us_ssn(s) {
        let base = if c.shape(&[3, 2, 4]) && c.uniform_sep(b"-") {
            NO_CHECK
        } else if c.shape(&[3, 2, 4]) && c.uniform_sep(b" ") {
            0.4
        } else if plain {
            0.3
        } else {
            0.0
        };
        if base > 0.0 {
            hit(Hit::new(E::UsSsn, "us_ssn", base, 0.9)
                .ctx(&SSN)
                .unless(&REFERENCE));
        }
    }
    if n1::nl_bsn(s) && (plain || (c.shape(&[4, 2, 3]) && c.uniform_sep(b"."))) {
        let base = if plain { 0.4 } else { 0.5 };
        hit(Hit::new(E::NlBsn, "nl_bsn", base, 0.95)
            .check("mod11")
            .ctx(&BSN)
            .unless(&REFERENCE));
    }
    if n2::pt_nif(s) && (plain || (g333 && c.uniform_sep(b" "))) {
        let base = if plain { 0.4 } else { 0.45 };
        hit(Hit::new(E::PtNif, "pt_nif", base, 0.9)
            .check("mod11")
            .ctx(&PT)
            .unless(&REFERENCE));
    }
    if n2::ca_sin(s) && (plain || (g333 && c.uniform_sep(b" -"))) {
        // The hyphenated 3-3-3 form is the one printed on SIN cards.
        let base = if plain {
            0.4
        } else if c.uniform_sep(b"-") {
            0.5
        } else {
            0.45
        };
        hit(Hit::new(E::CaSin, "ca_sin", base, 0.95)
            .check("luhn")
            .ctx(&SIN)
            .unless(&REFERENCE));
    }
    if n2::au_tfn(s) && (plain || (g333 && c.uniform_sep(b" "))) {
        let base = if plain { 0.35 } else { 0.45 };
        hit(Hit::new(E::AuTfn, "au_tfn", base, 0.95)
            .check("mod11")
            .ctx(&TFN)
            .unless(&REFERENCE));
    }
}

fn eleven_digits(c: &Cand<'_>, s: &[u8], hit: &mut impl FnMut(Hit)) {
    let plain = c.unbroken();
    if n1::de_tax_id(s) {
        let grouped = (c.shape(&[2, 3, 3, 3]) || c.shape(&[3, 3, 3, 2])) && c.uniform_sep(b" ");
        if grouped || plain {
            let base = if grouped { 0.7 } else { 0.65 };
            hit(Hit::new(E::DeTaxId, "de_tax_id", base, 0.95)
                .check("mod11_10")
                .ctx(&DETAX));
        }
    }
    if n1::be_nrn(s) {
        let dotted = c.shape(&[2, 2, 2, 3, 2]) && c.seps() == b"..-.";
        let dashed = c.shape(&[6, 3, 2]) && c.uniform_sep(b"- ");
        if dotted || dashed || plain {
            let base = if plain { 0.6 } else { 0.85 };
            hit(Hit::new(E::BeNrn, "be_nrn", base, 1.0)
                .check("mod97")
                .ctx(&BE));
        }
    }
    if plain && n1::pl_pesel(s) {
        hit(Hit::new(E::PlPesel, "pl_pesel", 0.7, 1.0)
            .check("pesel")
            .ctx(&PESEL));
    }
    if n2::no_fnr(s) && (plain || (c.shape(&[6, 5]) && c.uniform_sep(b" "))) {
        hit(Hit::new(E::NoFnr, "no_fnr", 0.8, 1.0)
            .check("mod11")
            .ctx(&FNR));
    }
}

/// FI HETU: one segment with a letter century sign, or `DDMMYY` `-`/`+` `ZZZQ`.
fn hetu(c: &Cand<'_>, hit: &mut impl FnMut(Hit)) {
    let s = c.compact().to_ascii_uppercase();
    let mut full = [0u8; 11];
    let ok = if c.unbroken() {
        full.len() == s.len() && {
            full.copy_from_slice(&s);
            true
        }
    } else {
        match (s.get(..6), s.get(6..), c.seps().first()) {
            (Some(head), Some(tail), Some(&sep)) if tail.len() == 4 => {
                full[..6].copy_from_slice(head);
                full[6] = sep;
                full[7..].copy_from_slice(tail);
                true
            }
            _ => false,
        }
    };
    if ok && c.compact().iter().all(|b| !b.is_ascii_lowercase()) && n2::fi_hetu(&full) {
        hit(Hit::new(E::FiHetu, "fi_hetu", 0.85, 1.0)
            .check("mod31")
            .ctx(&HETU));
    }
}
