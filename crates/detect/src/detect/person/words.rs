//! Cue words: titles, role words, field labels, naming cues, particles and locative
//! prepositions in the twelve languages (en de fr es it nl pl pt sv fi da no).
//!
//! Each list is one string of space-separated, lower-case, NFC words per language, so a
//! reviewer can read and extend it; [`for_each`] feeds them (with the stop lists of
//! [`super::stop`]) into the lexicon's table, next to the name lists, so that each word of
//! a text costs one lookup for all of them.

use super::stop;

/// Bit flags of a word. A word may carry several (e.g. "de" is a particle and a locative).
pub(super) mod flag {
    /// A title or rank before a name: Mr, Herr, Mme, Pan, Inspector.
    pub const TITLE: u32 = 1 << 0;
    /// A title only when a '.' follows (the French "M.").
    pub const TITLE_DOT: u32 = 1 << 1;
    /// A title only when capitalised: lower-case it is an ordinary word ("miss", "don").
    pub const TITLE_CAP: u32 = 1 << 11;
    /// A role word of police reports: suspect, Zeuge, témoin.
    pub const ROLE: u32 = 1 << 2;
    /// A field label when followed by ':' (Name:, Nachname:, Nom :).
    pub const LABEL: u32 = 1 << 3;
    /// A word that turns a following "name:" label into something else (File name:).
    pub const LABEL_BLOCK: u32 = 1 << 4;
    /// A naming cue: alias, genannt, named.
    pub const CUE: u32 = 1 << 5;
    /// A name particle: van, von, de, della, af.
    pub const PARTICLE: u32 = 1 << 6;
    /// A locative preposition: a lone given name after it is more likely a place.
    pub const LOCATIVE: u32 = 1 << 7;
    /// Never part of a name: months, weekdays, function words, headings, places.
    pub const STOP: u32 = 1 << 8;
    /// An organisation, street or place-prefix word: a name touching it names no person.
    pub const ORG: u32 = 1 << 9;
    /// A given name (or surname) that is also a common word: needs more evidence.
    pub const COMMON: u32 = 1 << 10;
    /// A reference word: annex, Anlage, pièce. A capital letter with a dot right after it is
    /// a reference ("see annex B. Katrin Richter"), not an initial.
    pub const REF: u32 = 1 << 14;
    /// The bits above, which come from the hand-written lists of this module and `stop`.
    pub const WORD_MASK: u32 = ((1 << 12) - 1) | REF;
    /// A given name of the name lexicon (`data/lexicon/`).
    pub const GIVEN: u32 = 1 << 12;
    /// A surname of the name lexicon.
    pub const SURNAME: u32 = 1 << 13;
}

const TITLES: &[&str] = &[
    "mr mrs ms miss mx mister madam dr prof doctor professor sir dame lord lady officer detective inspector sergeant sgt constable det insp supt superintendent",
    "herr herrn frau fräulein hr doktor kommissar kommissarin polizeimeister polizeiobermeister polizeihauptmeister kriminalkommissar kriminalhauptkommissar khk pom phm",
    "mme mlle monsieur madame mademoiselle commissaire inspecteur brigadier gendarme capitaine lieutenant",
    "sr sra srta señor señora señorita don doña dña inspectora comisario comisaria subinspector",
    "sig signor signore signora signorina dott dottor dottore dottoressa avv ing ispettore commissario maresciallo brigadiere appuntato",
    "dhr mevr mw mej meneer mevrouw juffrouw hoofdagent rechercheur",
    "pan pani panna komisarz aspirant sierżant posterunkowy",
    "senhor senhora dona inspetor inspectora comissário",
    "fru fröken kommissarie inspektör polisinspektör",
    "herra rouva neiti komisario rikoskomisario ylikonstaapeli",
    "frk kommissær politiassistent politibetjent politioverbetjent",
];

/// Titles that are only titles with a following '.', because bare they are initials or words.
const TITLES_DOT: &str = "m";

const ROLES: &[&str] = &[
    "suspect suspects witness witnesses victim offender perpetrator accused defendant informant complainant detainee",
    "zeuge zeugin zeugen verdächtige verdächtiger verdächtigen beschuldigte beschuldigter beschuldigten tatverdächtige tatverdächtiger tatverdächtigen opfer geschädigte geschädigter täter täterin festgenommene festgenommener angeklagte angeklagter",
    "témoin témoins suspecte victime prévenu prévenue plaignant plaignante accusé accusée interpellé interpellée",
    "sospechoso sospechosa testigo víctima detenido detenida investigado investigada denunciante acusado acusada agresor",
    "indagato indagata testimone vittima sospettato sospettata arrestato arrestata imputato imputata fermato fermata",
    "verdachte getuige slachtoffer aangever aangeefster betrokkene aangehoudene",
    "podejrzany podejrzana podejrzanego podejrzanej świadek świadka pokrzywdzony pokrzywdzona ofiara zatrzymany zatrzymana oskarżony oskarżona sprawca",
    "suspeito suspeita testemunha vítima arguido arguida detido detida ofendido ofendida",
    "misstänkt misstänkte vittne vittnet målsägande målsäganden offret gärningsman gärningsmannen anhållen anhållne",
    "epäilty epäillyn epäillyksi todistaja uhri asianomistaja pidätetty",
    "mistænkt mistænkte vidne vidnet offeret forurettede sigtet sigtede anholdte",
    "mistenkt mistenkte vitne vitnet fornærmede siktet siktede pågrepet pågrepne",
];

const LABELS: &[&str] = &[
    "name names surname surnames forename forenames firstname lastname fullname alias aka",
    "nachname vorname vornamen familienname geburtsname",
    "nom noms prénom prénoms famille",
    "apellidos apellido nombre nombres",
    "nome cognome nomi",
    "naam achternaam voornaam voornamen",
    "imię imiona nazwisko",
    "apelido apelidos sobrenome",
    "namn efternamn förnamn",
    "nimi sukunimi etunimi etunimet",
    "navn fornavn efternavn etternavn mellemnavn mellomnavn",
];

const LABEL_BLOCKS: &str = "user file host company domain device account product server computer project network brand \
    firm vessel ship street operation code screen band trade business organisation organization station app package \
    model team group village town city country place";

const CUES: &str = "named called alias aka genannt namens dit dite nommé nommée llamado llamada detto detta chiamato chiamata \
    genaamd zwany zwana chamado chamada kallad kaldet kalt nimeltä";

const PARTICLES: &str = "van von vom der den de del della dei degli di da das dos do du la le ter ten zu zum zur af av bin ibn al ap ab ó ní nic uí y";

/// Titles that are English words too; they only count capitalised ("Miss Smith", not "miss").
const TITLES_CAPITALISED: &str = "don miss dame lady lord";

/// Reference words (flag::REF), which are never part of a name either: the letter or number
/// after them labels an exhibit or an annex. Only words that name an annex or an exhibit:
/// after a broader one ("item", "position") an initial is as likely ("item B. Smith sold").
const REFS: &[&str] = &[
    "annex appendix attachment enclosure exhibit",
    "anlage anhang beilage asservat",
    "annexe pièce scellé",
    "anexo apéndice pieza",
    "allegato reperto",
    "bijlage",
    "załącznik",
    "apenso",
    "bilaga",
    "liite",
    "bilag vedlegg",
];

const LOCATIVES: &[&str] = &[
    "in at from to near into via towards",
    "nach aus bei im ab",
    "à au aux en vers de",
    "a desde hacia por para",
    "da di per verso",
    "naar uit bij nabij te",
    "w we z ze do przez",
    "em no na",
    "i från till på vid mot",
    "fra til ved mod",
];

/// Every list with the flags of its words.
const LISTS: &[(&[&str], u32)] = &[
    (TITLES, flag::TITLE),
    (&[TITLES_DOT], flag::TITLE_DOT),
    (&[TITLES_CAPITALISED], flag::TITLE_CAP),
    (ROLES, flag::ROLE),
    (LABELS, flag::LABEL),
    (&[LABEL_BLOCKS], flag::LABEL_BLOCK),
    (&[CUES], flag::CUE),
    (&[PARTICLES], flag::PARTICLE),
    (LOCATIVES, flag::LOCATIVE),
    (stop::STOP, flag::STOP),
    (stop::ORG, flag::ORG | flag::STOP),
    (stop::COMMON, flag::COMMON),
    (REFS, flag::REF | flag::STOP),
];

/// Calls `add(word, bits)` for every word of every list (a word listed twice gets both
/// lists' bits: the table ORs them). One loop over [`LISTS`]: each caller's copy of this
/// function stays as small as one list's (the package's size budget).
pub(super) fn for_each(mut add: impl FnMut(&'static str, u32)) {
    for &(lines, bits) in LISTS {
        for line in lines {
            for w in line.split_whitespace() {
                add(w, bits);
            }
        }
    }
}

/// Number of words [`for_each`] yields (duplicates counted), to size the table.
pub(super) fn count() -> usize {
    let mut n = 0;
    for_each(|_, _| n += 1);
    n
}

/// The filter bit of a word ending in the bytes `a b c` (12 bits of a multiplicative hash).
const fn tail_bit(a: u8, b: u8, c: u8) -> usize {
    let x = (a as u32) | ((b as u32) << 8) | ((c as u32) << 16);
    (x.wrapping_mul(0x9E37_79B1) >> 20) as usize
}

/// One bit per [`tail_bit`] of the last three bytes of a street suffix: 4,096 bits, so a word
/// that ends in none of them (nearly every word) is ruled out with one load.
static STREET_TAILS: [u64; 64] = street_tails();

// Evaluated at compile time: an index out of range would fail the build, it cannot panic at
// run time (every suffix has at least three bytes).
#[allow(clippy::indexing_slicing)]
const fn street_tails() -> [u64; 64] {
    let mut t = [0u64; 64];
    let mut i = 0;
    while i < stop::STREET_SUFFIXES.len() {
        let s = stop::STREET_SUFFIXES[i].as_bytes();
        let n = s.len();
        let k = tail_bit(s[n - 3], s[n - 2], s[n - 1]);
        t[k / 64] |= 1 << (k % 64);
        i += 1;
    }
    t
}

/// [`flag::ORG`] | [`flag::STOP`] for a one-word street name ("Hauptstraße", "Storgatan"),
/// recognised by its ending; 0 otherwise.
pub(super) fn street_bits(key: &[u8]) -> u32 {
    // Every word of the text comes here: a filter of the suffixes' last three bytes rejects
    // nearly all words before any suffix is compared (a unit test checks that every suffix
    // gets through).
    let &[.., a, b, c] = key else { return 0 };
    let k = tail_bit(a, b, c);
    let maybe_street = STREET_TAILS
        .get(k / 64)
        .is_some_and(|w| w & (1 << (k % 64)) != 0);
    if maybe_street && street_suffix(key) {
        flag::ORG | flag::STOP
    } else {
        0
    }
}

/// Whether `key` ends with a street suffix and has more before it. Out of line: the filter
/// of [`street_bits`] lets few words through, and its callers inline it.
#[inline(never)]
fn street_suffix(key: &[u8]) -> bool {
    stop::STREET_SUFFIXES
        .iter()
        .any(|s| key.len() > s.len() && key.ends_with(s.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::collections::HashMap;

    /// The word flags the embedded lexicon's table answers for `key`.
    fn flags(key: &str) -> u32 {
        super::super::lexicon::embedded().flags(key.as_bytes())
    }

    #[test]
    fn lists_are_lower_case_and_flags_merge() {
        let mut map: HashMap<&str, u32> = HashMap::new();
        for_each(|w, bits| *map.entry(w).or_insert(0) |= bits);
        for key in map.keys() {
            assert_eq!(
                *key,
                key.to_lowercase(),
                "list entries must be lower case: {key}"
            );
        }
        // The table answers exactly what the lists hold (street endings add ORG | STOP).
        for (key, bits) in &map {
            assert_eq!(
                flags(key) & !street_bits(key.as_bytes()),
                *bits & !street_bits(key.as_bytes()),
                "{key}"
            );
            assert_eq!(flags(key) & *bits, *bits, "{key}");
        }
        assert_eq!((flags("xqzw"), flags("")), (0, 0));
        assert_ne!(flags("herr") & flag::TITLE, 0);
        assert_ne!(flags("świadek") & flag::ROLE, 0);
        assert_ne!(flags("nachname") & flag::LABEL, 0);
        assert_eq!(
            flags("de") & (flag::PARTICLE | flag::LOCATIVE),
            flag::PARTICLE | flag::LOCATIVE
        );
        assert_ne!(flags("hauptstraße") & flag::ORG, 0);
        assert_ne!(flags("storgatan") & flag::ORG, 0);
        assert_eq!(flags("müller"), 0);
        for s in stop::STREET_SUFFIXES {
            assert_ne!(
                flags(&format!("haupt{s}")) & flag::ORG,
                0,
                "{s} escapes the last-bytes filter"
            );
        }
    }

    #[test]
    fn every_language_has_titles_and_roles() {
        // One line per language in each table keeps the twelve-language promise checkable.
        assert_eq!(TITLES.len(), 11, "no and da share a line");
        assert_eq!(ROLES.len(), 12);
        for w in [
            "mr", "herr", "mme", "sra", "sig", "dhr", "pan", "senhor", "fru", "herra", "frk",
        ] {
            assert_ne!(flags(w) & flag::TITLE, 0, "{w}");
        }
        for w in [
            "suspect",
            "zeuge",
            "témoin",
            "testigo",
            "testimone",
            "getuige",
            "podejrzany",
            "testemunha",
            "vittne",
            "todistaja",
            "vidne",
            "vitne",
        ] {
            assert_ne!(flags(w) & flag::ROLE, 0, "{w}");
        }
    }
}
