//! Cue words: titles, role words, field labels, naming cues, particles and locative
//! prepositions in the twelve languages (en de fr es it nl pl pt sv fi da no).
//!
//! Each list is one string of space-separated, lower-case, NFC words per language, so a
//! reviewer can read and extend it; [`flags`] merges them (with the stop lists of
//! [`super::stop`]) into one table, built once, so that each word costs one lookup.

use std::collections::HashMap;
use std::sync::OnceLock;

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

fn insert(map: &mut HashMap<&'static str, u32>, words: &'static str, bits: u32) {
    for w in words.split_whitespace() {
        *map.entry(w).or_insert(0) |= bits;
    }
}

fn build() -> HashMap<&'static str, u32> {
    let mut map = HashMap::with_capacity(2048);
    for line in TITLES {
        insert(&mut map, line, flag::TITLE);
    }
    insert(&mut map, TITLES_DOT, flag::TITLE_DOT);
    insert(&mut map, TITLES_CAPITALISED, flag::TITLE_CAP);
    for line in ROLES {
        insert(&mut map, line, flag::ROLE);
    }
    for line in LABELS {
        insert(&mut map, line, flag::LABEL);
    }
    insert(&mut map, LABEL_BLOCKS, flag::LABEL_BLOCK);
    insert(&mut map, CUES, flag::CUE);
    insert(&mut map, PARTICLES, flag::PARTICLE);
    for line in LOCATIVES {
        insert(&mut map, line, flag::LOCATIVE);
    }
    for line in stop::STOP {
        insert(&mut map, line, flag::STOP);
    }
    for line in stop::ORG {
        insert(&mut map, line, flag::ORG | flag::STOP);
    }
    for line in stop::COMMON {
        insert(&mut map, line, flag::COMMON);
    }
    map
}

/// The merged lists as a bucketed table: every word of the text is looked up here, and a
/// bucket index from the key's length and end bytes plus a short linear scan is several
/// times cheaper than hashing each word with SipHash (measured with `bench_person`).
struct Table {
    /// Entries grouped by bucket; bucket `b` is `entries[offsets[b]..offsets[b + 1]]`.
    entries: Vec<(&'static str, u32)>,
    offsets: Vec<usize>,
}

const BUCKETS: usize = 1 << 12;

fn bucket(key: &str) -> usize {
    let b = key.as_bytes();
    let first = usize::from(b.first().copied().unwrap_or(0));
    let last = usize::from(b.last().copied().unwrap_or(0));
    ((b.len() & 15) << 8 | (first ^ (last << 1))) & (BUCKETS - 1)
}

impl Table {
    fn new(map: HashMap<&'static str, u32>) -> Self {
        let mut entries: Vec<(&'static str, u32)> = map.into_iter().collect();
        entries.sort_unstable_by_key(|(k, _)| (bucket(k), *k));
        let mut offsets = Vec::with_capacity(BUCKETS + 1);
        let mut i = 0;
        for b in 0..=BUCKETS {
            while entries.get(i).is_some_and(|(k, _)| bucket(k) < b) {
                i += 1;
            }
            offsets.push(i);
        }
        Self { entries, offsets }
    }

    fn get(&self, key: &str) -> u32 {
        let b = bucket(key);
        let (Some(&from), Some(&to)) = (self.offsets.get(b), self.offsets.get(b + 1)) else {
            return 0;
        };
        let bucket = self.entries.get(from..to).unwrap_or(&[]);
        bucket
            .iter()
            .find(|(k, _)| *k == key)
            .map_or(0, |(_, f)| *f)
    }
}

/// The flags of a normalised (lower-case) word; 0 when it is in no list. Compound street
/// names ("Hauptstraße", "Storgatan") are recognised by their ending.
pub(super) fn flags(key: &str) -> u32 {
    static TABLE: OnceLock<Table> = OnceLock::new();
    let mut bits = TABLE.get_or_init(|| Table::new(build())).get(key);
    // Every street suffix ends in one of these bytes (a unit test checks it): most words are
    // rejected by one comparison instead of a dozen.
    let maybe_street = matches!(
        key.as_bytes().last(),
        Some(b'e' | b'n' | b'u' | b'j' | b't' | b'z')
    );
    if maybe_street
        && stop::STREET_SUFFIXES
            .iter()
            .any(|s| key.len() > s.len() && key.ends_with(s))
    {
        bits |= flag::ORG | flag::STOP;
    }
    bits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_lower_case_and_flags_merge() {
        let map = build();
        for key in map.keys() {
            assert_eq!(
                *key,
                key.to_lowercase(),
                "list entries must be lower case: {key}"
            );
        }
        // The bucketed table answers exactly what the map holds.
        let table = Table::new(map.clone());
        for (key, bits) in &map {
            assert_eq!(table.get(key), *bits, "{key}");
        }
        assert_eq!((table.get("xqzw"), table.get("")), (0, 0));
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
                "{s} escapes the last-byte filter"
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
