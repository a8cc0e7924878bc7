//! Context words: is a keyword for this entity written just before the candidate?
//!
//! A word of a list counts for a candidate if it begins at a word start (the character
//! before it is not alphanumeric, and it is not whitespace itself) at most [`WINDOW`] bytes
//! before the candidate and ends before the candidate starts. Characters are compared
//! lower-cased, words match as prefixes ("passport" also finds "passports", "reisepass"
//! finds "Reisepassnummer"), and words of up to three bytes (`ssn`, `tel`, `sin`, `ip`) must
//! also end at a word end, so "hotel" is not "tel" and `sin` is not "since".
//!
//! A phrase of several words ("national insurance", "social security") counts when its
//! last word begins in the window: "The National Insurance number given by James Thompson
//! was NX 80 29 67 A" names the number 54 bytes before it, and the window holds
//! "Insurance" but not "National". The index also finds a phrase from its last word (of
//! three bytes or more) and checks the words before it by looking back ([`Vocab::lead`]),
//! so the window, and what a question costs, stay as they are.
//!
//! Cost: candidates are many (in dense text one every few words, and several recognizers
//! ask about each), so the words are not searched per candidate. On the first question one
//! pass over the text records every occurrence of every word of every list ([`Index`]); then
//! a question is a short walk from the last question's window (a binary search when it is far
//! off) and a look at the few occurrences inside its own. That
//! pass looks at each byte once (a byte-class table; a two-byte prefix filter before any
//! word is compared), so detection stays linear whatever the text.
//!
//! Every list is declared here, by `lists!`: a recognizer can only name a [`Words`] built
//! by it, which is what guarantees that the index covers the list it asks about.
//!
//! Text that an operator wrote (a redaction label such as `[DATE_OF_BIRTH]`) is no evidence
//! about the text around it: the fail-closed re-scan of a redacted output masks those
//! ranges ([`Index::new`]), so the label's "birth" does not turn the next date into one.

use std::sync::OnceLock;

use crate::sort::partition_point_from;

/// Bytes before the candidate that are searched (about five words of report text).
pub(crate) const WINDOW: usize = 48;

/// Words of [`PHONE`] that only say "number". As the last part of an identifier's name
/// ("CPR-nummer") they are nearer the value than the identifier's own word, so they lift a
/// candidate only half way (see `hit::emit`).
pub(crate) const GENERIC_NUMBER_WORDS: &[&str] = &["nummer", "numéro", "número", "numero"];

/// A list of context words (lower case), declared by `lists!`.
pub(crate) struct Words {
    /// Position in [`ALL`]: the list's bit in [`Vocab::lists`].
    id: u8,
    words: &'static [&'static str],
}

impl Words {
    /// `true` for a list without words.
    pub(crate) fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

macro_rules! lists {
    ($($(#[$doc:meta])* $name:ident = [$($w:literal),* $(,)?];)*) => {
        /// List ids, in declaration order.
        #[allow(non_camel_case_types, clippy::upper_case_acronyms, dead_code)]
        #[derive(Clone, Copy)]
        enum Id { $($name),* }
        $($(#[$doc])* pub(crate) static $name: Words = Words {
            id: Id::$name as u8,
            words: &[$($w),*],
        };)*
        /// Every list: the words of the index.
        static ALL: &[&Words] = &[$(&$name),*];
    };
}

lists! {
    /// No words (a recognizer whose score does not depend on context).
    NONE = [];
    /// Words that say "this is a date of birth", in en, de, fr, es, it, nl, pl, pt, sv, fi, da, no.
    BIRTH = [
        "born",
        "birth",
        "dob",
        "d.o.b",
        "geboren",
        "geb.",
        "geburtsdatum",
        "né",
        "née",
        "naissance",
        "nacido",
        "nacida",
        "nacimiento",
        "nato",
        "nata",
        "nascita",
        "geboren op",
        "geboortedatum",
        "urodzon",
        "urodzenia",
        "nascido",
        "nascida",
        "nascimento",
        "född",
        "födelse",
        "syntynyt",
        "syntymä",
        "født",
        "fødd",
        "fødsels",
        "f.",
    ];
    /// Passport words.
    PASSPORT = [
        "passport",
        "reisepass",
        "passeport",
        "pasaporte",
        "passaporto",
        "paspoort",
        "paszport",
        "passaporte",
        "pass ",
        "pass:",
        "pass-",
        "pass.",
        "passnr",
        "passnummer",
        "passi",
        "pas ",
        "pas:",
        "pasnummer",
    ];
    /// Licence-plate words.
    PLATE = [
        "plate",
        "licence",
        "license",
        "registration",
        "kennzeichen",
        "nummernschild",
        "kfz",
        "immatricul",
        "plaque",
        "matrícula",
        "matricula",
        "targa",
        "kenteken",
        "nummerplaat",
        "rejestrac",
        "tablic",
        "registreringsnummer",
        "reg.nr",
        "regnr",
        "rekisteri",
        "nummerplade",
        "kjennemerke",
        "vehicle",
        "fahrzeug",
        "véhicule",
        "vehículo",
        "veicolo",
        "voertuig",
        "pojazd",
    ];
    /// Phone words.
    PHONE = [
        "phone",
        "tel",
        "mobile",
        "mobil",
        "cell",
        "call",
        "fax",
        "handy",
        "telefon",
        "téléphone",
        "telephone",
        "portable",
        "teléfono",
        "telefono",
        "móvil",
        "movil",
        "cellulare",
        "telefoon",
        "gsm",
        "telefonu",
        "komórk",
        "tlf",
        "puhelin",
        "puh",
        "matkapuhelin",
        "nummer",
        "numéro",
        "número",
        "numero",
        "whatsapp",
        "signal",
        "erreichbar",
        "anruf",
        "sms",
    ];
    /// IP-address words.
    IP = [
        "ip",
        "host",
        "server",
        "adresse ip",
        "dirección ip",
        "indirizzo ip",
    ];
    /// Words that say a dotted number is a version or section number, not an address.
    VERSION = [
        "version",
        "ver.",
        "v.",
        "release",
        "build",
        "firmware",
        "update",
        "section",
        "kapitel",
        "abschnitt",
        "article",
        "artikel",
        "art.",
        "§",
        "chapter",
        "paragraph",
        "versión",
        "versione",
    ];
    /// Words that say a number is a reference of a thing, not of a person: an order, an
    /// invoice, a case file, a parcel. A bare number that passes a weak (1 in 10 or 11)
    /// national check digit right after one of them is far more likely that reference
    /// (measured: 30 % of random 9-digit order numbers pass one of NL_BSN, PT_NIF, CA_SIN,
    /// AU_TFN), so it is not reported without the identifier's own context word
    /// ([`super::hit::Hit::unless`]). Words generic to identifiers ("number", "no.", "id")
    /// are not here. In en, de, fr, es, it, nl, pl, pt, sv, fi, da, no.
    REFERENCE = [
        "order",
        "invoice",
        "ticket",
        "case no",
        "case number",
        "case ref",
        "reference",
        "ref.",
        "ref:",
        "tracking",
        "shipment",
        "parcel",
        "transaction",
        "receipt",
        "serial",
        "bestell",
        "rechnung",
        "auftrag",
        "aktenzeichen",
        "az.",
        "vorgang",
        "tagebuch",
        "sendung",
        "commande",
        "facture",
        "dossier",
        "référence",
        "colis",
        "pedido",
        "factura",
        "expediente",
        "referencia",
        "envío",
        "ordine",
        "fattura",
        "pratica",
        "riferimento",
        "spedizione",
        "bestelling",
        "factuur",
        "zaaknummer",
        "dossiernummer",
        "kenmerk",
        "zending",
        "zamówienie",
        "faktura",
        "sygnatura",
        "przesyłka",
        "encomenda",
        "fatura",
        "processo",
        "referência",
        "beställning",
        "ärende",
        "diarienummer",
        "tilaus",
        "lasku",
        "diaari",
        "ordre",
        "journalnummer",
        "bestilling",
        "saksnummer",
    ];
    /// GPS-coordinate words (`gps.rs`).
    GPS = [
        "gps",
        "coordinates",
        "coordinate",
        "koordinaten",
        "coordonnées",
        "coordenadas",
        "coordinate",
        "coördinaten",
        "współrzędne",
        "lat",
        "position",
        "standort",
        "location",
        "posizione",
        "ubicación",
        "sijainti",
        "koordinater",
        "wgs",
    ];
    /// US social security number words (`ids.rs`).
    SSN = [
        "ssn",
        "social security",
        "soc. sec",
        "ss#",
    ];
    /// UK national insurance number words.
    NINO = [
        "nino",
        "national insurance",
        "ni number",
        "ni no",
        "nin",
    ];
    /// UK NHS number words.
    NHS = [
        "nhs",
    ];
    /// FR NIR (social security number) words.
    NIR = [
        "nir",
        "sécurité sociale",
        "securite sociale",
        "sécu",
        "insee",
        "social security",
    ];
    /// DE tax id words.
    DETAX = [
        "steuer",
        "idnr",
        "id-nr",
        "identifikationsnummer",
        "tax id",
        "tin",
    ];
    /// IT codice fiscale words.
    CF = [
        "codice fiscale",
        "cod. fisc",
        "c.f",
        "cf",
        "fiscal code",
    ];
    /// ES DNI/NIE words.
    ES = [
        "dni",
        "nie",
        "nif",
        "d.n.i",
        "documento",
        "identidad",
        "extranjero",
    ];
    /// NL BSN words.
    BSN = [
        "bsn",
        "burgerservicenummer",
        "sofinummer",
        "sofi",
    ];
    /// BE national register number words.
    BE = [
        "rijksregister",
        "registre national",
        "numéro national",
        "nationaal nummer",
        "nrn",
        "niss",
        "insz",
        "bis",
    ];
    /// PL PESEL words.
    PESEL = [
        "pesel",
    ];
    /// SE personnummer words.
    SE = [
        "personnummer",
        "personnr",
        "pnr",
        "samordningsnummer",
        "person number",
    ];
    /// FI HETU words.
    HETU = [
        "hetu",
        "henkilötunnus",
        "henkilotunnus",
        "personbeteckning",
        "sotu",
        "identity code",
    ];
    /// DK CPR words.
    CPR = [
        "cpr",
        "personnummer",
        "personnr",
    ];
    /// NO fødselsnummer words.
    FNR = [
        "fødselsnummer",
        "fodselsnummer",
        "personnummer",
        "fnr",
        "d-nummer",
    ];
    /// AT social insurance number words.
    SVNR = [
        "svnr",
        "sozialversicherung",
        "versicherungsnummer",
        "sv-nummer",
        "sv-nr",
        "vsnr",
    ];
    /// CZ birth number words.
    CZ = [
        "rodné",
        "rodne",
        "r.č",
        "rč",
        "birth number",
    ];
    /// RO CNP words.
    CNP = [
        "cnp",
        "cod numeric personal",
    ];
    /// PT NIF words.
    PT = [
        "nif",
        "contribuinte",
        "identificação fiscal",
        "nipc",
    ];
    /// IE PPSN words.
    PPS = [
        "pps",
        "personal public service",
    ];
    /// CA SIN words.
    SIN = [
        "sin",
        "social insurance",
        "nas",
        "assurance sociale",
    ];
    /// AU TFN words.
    TFN = [
        "tfn",
        "tax file",
    ];
    /// IN Aadhaar words.
    AADHAAR = [
        "aadhaar",
        "aadhar",
        "uidai",
        "uid",
    ];
    /// E-mail words (`net.rs`).
    EMAIL = [
        "mail",
        "e-mail",
        "email",
        "courriel",
        "correo",
        "posta",
        "adres",
    ];
    /// MAC-address words for colon-separated addresses (`net.rs`).
    NET_MAC = [
        "mac",
        "hardware",
        "ethernet",
        "wlan",
        "wifi",
        "bssid",
    ];
    /// IPv6 words (`net.rs`).
    NET_IP = [
        "ip",
        "host",
        "server",
    ];
    /// IBAN words (`tokens.rs`).
    IBAN = [
        "iban",
        "konto",
        "account",
        "compte",
        "cuenta",
        "conto",
        "rekening",
        "rachunek",
        "conta",
        "tili",
        "bank",
    ];
    /// Payment-card words.
    CARD = [
        "card",
        "credit",
        "visa",
        "mastercard",
        "amex",
        "karte",
        "carte",
        "tarjeta",
        "carta",
        "kaart",
        "karta",
        "cartão",
        "kort",
        "pan",
    ];
    /// IMEI words.
    IMEI = [
        "imei",
        "device",
        "gerät",
        "handy",
        "appareil",
        "dispositivo",
        "serial",
    ];
    /// IMSI words.
    IMSI = [
        "imsi",
        "subscriber",
        "sim",
    ];
    /// VIN words.
    VIN = [
        "vin",
        "fin",
        "fahrgestell",
        "fahrzeug-ident",
        "chassis",
        "châssis",
        "bastidor",
        "telaio",
        "chassisnummer",
        "vehicle identification",
        "identyfikacyjny",
    ];
    /// Crypto-address words.
    CRYPTO = [
        "btc",
        "bitcoin",
        "eth",
        "ethereum",
        "wallet",
        "crypto",
        "krypto",
    ];
    /// DE identity-card words.
    IDCARD = [
        "personalausweis",
        "ausweis",
        "id card",
        "identity card",
        "id-karte",
        "perso",
    ];
    /// MAC-address words for `-` and `.` forms (`tokens.rs`).
    MAC = [
        "mac",
        "hardware",
        "ethernet",
        "wlan",
        "wifi",
        "wi-fi",
        "bssid",
    ];
}

// A list's id is a bit of a `u64`.
const _: () = assert!(ALL.len() <= 64);

/// What a byte is, for word starts: ASCII only; other bytes are looked at as characters.
const OTHER: u8 = 0;
const ALNUM: u8 = 1;
const SPACE: u8 = 2;
const NON_ASCII: u8 = 3;

// Indexing in a `const` block: an out-of-range index would fail the build, not panic.
#[allow(clippy::indexing_slicing)]
static CLASS: [u8; 256] = {
    let mut t = [NON_ASCII; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphanumeric() {
            ALNUM
        } else if c.is_ascii_whitespace() {
            SPACE
        } else {
            OTHER
        };
        b += 1;
    }
    t
};

#[inline(always)]
fn class(b: u8) -> u8 {
    CLASS.get(usize::from(b)).copied().unwrap_or(NON_ASCII)
}

/// All words of all lists.
struct Vocab {
    /// The distinct words, sorted by bytes (words with a common prefix are adjacent).
    words: Vec<&'static str>,
    /// Per word: bit `id` set for each list that holds it.
    lists: Vec<u64>,
    /// Per word `i`: `ranks[rank_at[i]..rank_at[i + 1]]` are `(list id, position of the word
    /// in that list)`, so a hit's rank costs no string comparisons.
    rank_at: Vec<u32>,
    ranks: Vec<(u8, u16)>,
    /// Bit [`tri`]`(b0, b1, b2)` set if some word starts with the bytes `b0 b1 b2`: most word
    /// starts of a text are rejected by this one lookup. `tri_first` says the same (a key
    /// without entries); this 4 KiB summary of its 64 KiB stays in cache for the index's
    /// look at every word start, where the table is read only for the few that pass.
    tri: Vec<u64>,
    /// `(tri key, word, from its last word)`, sorted: every word of three bytes or more by
    /// its first three, and a phrase whose last word ([`last_word`]) has three bytes or more
    /// also by that word's first three (`true`).
    by_tri: Vec<(u16, u16, bool)>,
    /// Per tri key `k`, where its entries begin in `by_tri` (and `k + 1`'s, where they end):
    /// a word start's entries are two loads away, not a binary search (64 KiB).
    tri_first: Vec<u16>,
    /// Bit `b` set if a word of two bytes (`ip`, `cf`, `§`, …) starts with the byte `b`.
    two_first: [u64; 4],
    /// The words of two bytes, which `tri` cannot hold.
    two: Vec<u16>,
    /// Per word: the bytes before its last word (`national ` of `national insurance`; 0 for
    /// a word of one part). Where the index finds a phrase from its last word at `i`, the
    /// phrase must begin at `i - lead`.
    lead: Vec<u8>,
}

/// The last word of a phrase (after its last space that a character follows), or the
/// whole word. Words that end with a space (`pass `) are one part.
fn last_word(w: &str) -> &str {
    let t = w.trim_end_matches(' ');
    match t.rfind(' ') {
        Some(k) => w.get(k + 1..).unwrap_or(w),
        None => w,
    }
}

/// How many [`tri`] keys there are.
const TRI_KEYS: usize = 1 << 15;

/// The bit of a three-byte prefix in [`Vocab::tri`]: five bits of each byte, so distinct
/// ASCII letters never share a bit (other bytes may, which only costs a compare).
#[inline(always)]
fn tri(b: [u8; 3]) -> usize {
    usize::from(b[0] & 31) << 10 | usize::from(b[1] & 31) << 5 | usize::from(b[2] & 31)
}

impl Vocab {
    fn build() -> Vocab {
        let mut words: Vec<&'static str> =
            ALL.iter().flat_map(|l| l.words.iter().copied()).collect();
        crate::sort::sort(&mut words);
        words.dedup();
        let lists = words
            .iter()
            .map(|w| {
                ALL.iter()
                    .filter(|l| l.words.contains(w))
                    .fold(0u64, |m, l| m | (1u64 << l.id))
            })
            .collect();
        let mut rank_at = vec![0u32];
        let mut ranks = Vec::new();
        for w in &words {
            for l in ALL {
                if let Some(r) = l.words.iter().position(|x| x == w) {
                    ranks.extend(u16::try_from(r).map(|r| (l.id, r)));
                }
            }
            rank_at.push(u32::try_from(ranks.len()).unwrap_or(u32::MAX));
        }
        let mut tri_bits = vec![0u64; 512];
        let mut by_tri = Vec::new();
        let mut two = Vec::new();
        let mut two_first = [0u64; 4];
        let mut lead = Vec::with_capacity(words.len());
        for (i, w) in words.iter().enumerate() {
            let Ok(i) = u16::try_from(i) else { break };
            let last = last_word(w);
            lead.push(u8::try_from(w.len() - last.len()).unwrap_or(u8::MAX));
            let mut key = |a: u8, b: u8, c: u8, back: bool| {
                let k = tri([a, b, c]);
                if let Some(m) = tri_bits.get_mut(k >> 6) {
                    *m |= 1 << (k & 63);
                }
                by_tri.extend(u16::try_from(k).map(|k| (k, i, back)));
            };
            if let (true, [a, b, c, ..]) = (last.len() < w.len(), last.as_bytes()) {
                key(*a, *b, *c, true);
            }
            match w.as_bytes() {
                [a, b, c, ..] => key(*a, *b, *c, false),
                [a, ..] => {
                    two.push(i);
                    if let Some(m) = two_first.get_mut(usize::from(*a >> 6)) {
                        *m |= 1 << (*a & 63);
                    }
                }
                [] => {}
            }
        }
        crate::sort::sort(&mut by_tri);
        // How many entries each key has, then the running sum: where each key's entries begin.
        let mut tri_first = vec![0u16; TRI_KEYS + 1];
        for &(k, _, _) in &by_tri {
            if let Some(n) = tri_first.get_mut(usize::from(k) + 1) {
                *n += 1;
            }
        }
        let mut sum = 0;
        for n in &mut tri_first {
            sum += *n;
            *n = sum;
        }
        Vocab {
            words,
            lists,
            rank_at,
            ranks,
            tri: tri_bits,
            by_tri,
            tri_first,
            two_first,
            two,
            lead,
        }
    }

    /// The position of word `word` in list `list`, if it is there.
    fn rank(&self, word: u16, list: u8) -> Option<u16> {
        let i = usize::from(word);
        let (a, b) = (
            *self.rank_at.get(i)? as usize,
            *self.rank_at.get(i + 1)? as usize,
        );
        let (_, r) = self.ranks.get(a..b)?.iter().find(|(l, _)| *l == list)?;
        Some(*r)
    }

    fn get() -> &'static Vocab {
        static V: OnceLock<Vocab> = OnceLock::new();
        V.get_or_init(Vocab::build)
    }

    /// `true` if a word of two bytes starts with `b`.
    #[inline(always)]
    fn two_start(&self, b: u8) -> bool {
        self.two_first
            .get(usize::from(b >> 6))
            .is_some_and(|m| m & (1 << (b & 63)) != 0)
    }

    #[inline(always)]
    fn may_start(&self, b: [u8; 3]) -> bool {
        let k = tri(b);
        self.tri
            .get(k >> 6)
            .is_some_and(|m| m & (1 << (k & 63)) != 0)
    }
}

/// If `word` (lower case) is written at byte `i` of `text` (each character compared
/// lower-cased) and ends by `limit`, the byte offset where it ends.
fn match_at(text: &str, mut i: usize, word: &[u8], limit: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut k = 0;
    while k < word.len() {
        if i >= limit {
            return None;
        }
        let c = *bytes.get(i)?;
        if c < 0x80 {
            if c.to_ascii_lowercase() != *word.get(k)? {
                return None;
            }
            k += 1;
            i += 1;
            continue;
        }
        let ch = text.get(i..)?.chars().next()?;
        let mut buf = [0u8; LOWER_BYTES];
        for &x in lower_utf8(ch, &mut buf) {
            // A word may end inside a character's lower-case form ("İ" is "i̇").
            if k < word.len() {
                if word.get(k) != Some(&x) {
                    return None;
                }
                k += 1;
            }
        }
        i += ch.len_utf8();
    }
    (i <= limit).then_some(i)
}

/// Room for the UTF-8 of a character's lower case (at most three characters).
const LOWER_BYTES: usize = 12;

/// The UTF-8 of `ch.to_lowercase()` in `buf`: by rule for the Latin letters
/// (`latin::lower`), else from the Unicode tables.
#[inline(never)]
fn lower_utf8(ch: char, buf: &mut [u8; LOWER_BYTES]) -> &[u8] {
    if let Some(l) = super::latin::lower(ch) {
        return l.encode_utf8(buf).as_bytes();
    }
    let mut n = 0;
    for lc in ch.to_lowercase() {
        let Some(dst) = buf.get_mut(n..) else { break };
        n += lc.encode_utf8(dst).len();
    }
    buf.get(..n).unwrap_or_default()
}

/// The first three bytes of the lower-cased text at `i` (0 for bytes at or past `limit`).
fn lower_prefix(text: &str, i: usize, limit: usize) -> [u8; 3] {
    let bytes = text.as_bytes();
    if let Some(&[a, b, c]) = bytes.get(i..i + 3)
        && i + 3 <= limit
        && (a | b | c) < 0x80
    {
        return [
            a.to_ascii_lowercase(),
            b.to_ascii_lowercase(),
            c.to_ascii_lowercase(),
        ];
    }
    let mut out = [0u8; 3];
    let mut n = 0;
    let mut buf = [0u8; LOWER_BYTES];
    for ch in text.get(i..limit).unwrap_or_default().chars() {
        for &x in lower_utf8(ch, &mut buf) {
            if let Some(slot) = out.get_mut(n) {
                *slot = x;
                n += 1;
            }
        }
        if n >= 3 {
            break;
        }
    }
    out
}

/// `true` if the character at `i` is alphanumeric once lower-cased (`false` at `limit`).
fn alnum_at(text: &str, i: usize, limit: usize) -> bool {
    if i >= limit {
        return false;
    }
    match text.as_bytes().get(i) {
        Some(&b) if b < 0x80 => class(b) == ALNUM,
        Some(_) => text
            .get(i..)
            .and_then(|r| r.chars().next())
            .is_some_and(lower_alnum),
        None => false,
    }
}

/// Whether the lower-cased form of `c` ends with an alphanumeric character (it does exactly
/// when `c` is alphanumeric, except for "İ", whose lower case ends with a combining dot).
fn lower_alnum(c: char) -> bool {
    c != '\u{130}' && super::latin::alnum(c)
}

/// One occurrence of a word in the text.
#[derive(Clone, Copy)]
struct Occ {
    /// Byte offset of the first character.
    pos: usize,
    /// Where the index found it, and what must lie in a window: `pos`, or for a phrase
    /// found from its last word ([`last_word`]), that word's first character. A phrase
    /// wholly in a window may be recorded both ways, which changes no answer (the first
    /// word of a list and the nearest start are the same).
    at: usize,
    /// Byte offset one past the last character.
    end: usize,
    /// Index in [`Vocab::words`].
    word: u16,
    /// A word of up to three bytes followed by an alphanumeric character: it counts only
    /// where the window ends right after it (the next character is then outside the window).
    glued: bool,
}

/// The occurrences of every context word in the parts of one text that questions were
/// asked about. Built lazily, window by window: the recognizers ask in text order, so each
/// new window extends the indexed part at its end and every byte is indexed at most once
/// (a text without candidates is never indexed, and in report text with a candidate every
/// few hundred bytes only the windows are). A question about an earlier window that was
/// not indexed (the e-mail and URL scanners run after the segment scan) is answered from a
/// scan of that window alone.
pub(crate) struct Index<'m> {
    /// Byte ranges that are no evidence (sorted, disjoint, on `char` boundaries): their
    /// characters count as neither part of a word nor whitespace.
    mask: &'m [(usize, usize)],
    /// Occurrences in the indexed ranges, sorted by [`Occ::at`].
    occ: Vec<Occ>,
    /// The indexed ranges, sorted and disjoint.
    spans: Vec<(usize, usize)>,
    /// Occurrences of a window outside the indexed ranges.
    scratch: Vec<Occ>,
    /// The window `scratch` holds (`from`, `start`): a candidate asks about its window for
    /// several lists, one question after another.
    scratch_of: (usize, usize),
    /// Where the last window began in `occ`: questions come mostly in text order, often
    /// several about one candidate, so the next window is found by a short walk from here
    /// instead of two binary searches over every occurrence so far (see
    /// [`partition_point_from`]).
    cursor: usize,
}

impl<'m> Index<'m> {
    /// An empty index over a text whose ranges `mask` were written by an operator.
    pub(crate) fn new(mask: &'m [(usize, usize)]) -> Index<'m> {
        Index {
            mask,
            occ: Vec::new(),
            spans: Vec::new(),
            scratch: Vec::new(),
            scratch_of: (usize::MAX, 0),
            cursor: 0,
        }
    }

    /// The occurrences found inside the window before `start` (see [`Occ::at`]).
    fn window(&mut self, text: &str, start: usize) -> &[Occ] {
        if start > text.len() {
            return &[];
        }
        let mut from = start.saturating_sub(WINDOW);
        while from < start && !text.is_char_boundary(from) {
            from += 1;
        }
        let (occ, spans) = (&mut self.occ, &mut self.spans);
        let covered = match spans.last_mut() {
            // Past the indexed part: extend it (or start a new range after a gap).
            Some(last) if from >= last.0 => {
                if start > last.1 {
                    let a = from.max(last.1);
                    index(text, self.mask, a, start, occ);
                    if a == last.1 {
                        last.1 = start;
                    } else {
                        spans.push((a, start));
                    }
                }
                true
            }
            None => {
                index(text, self.mask, from, start, occ);
                spans.push((from, start));
                true
            }
            // Before the last range: answered from the index if one range covers it.
            Some(_) => {
                let k = spans.partition_point(|r| r.1 < start);
                spans.get(k).is_some_and(|r| r.0 <= from && start <= r.1)
            }
        };
        if !covered {
            if self.scratch_of != (from, start) {
                self.scratch.clear();
                index(text, self.mask, from, start, &mut self.scratch);
                self.scratch_of = (from, start);
            }
            return &self.scratch;
        }
        let lo = partition_point_from(&self.occ, self.cursor, |o| o.at < from);
        let hi = partition_point_from(&self.occ, lo, |o| o.at < start);
        self.cursor = lo;
        self.occ.get(lo..hi).unwrap_or_default()
    }

    /// The occurrences of `list`'s words that count for a candidate at `start`, as (offset,
    /// rank of the word in `list`).
    fn hits<'a>(
        &'a mut self,
        text: &'a str,
        start: usize,
        list: &'static Words,
    ) -> impl Iterator<Item = (usize, usize)> + 'a {
        let vocab = Vocab::get();
        let bit = 1u64 << list.id;
        self.window(text, start).iter().filter_map(move |o| {
            let in_list = vocab
                .lists
                .get(usize::from(o.word))
                .is_some_and(|m| m & bit != 0);
            if !in_list || o.end > start || (o.glued && o.end != start) {
                return None;
            }
            Some((o.pos, usize::from(vocab.rank(o.word, list.id)?)))
        })
    }

    /// The first word of `list` (in list order) written in the window before `start`.
    pub(crate) fn find(
        &mut self,
        text: &str,
        start: usize,
        list: &'static Words,
    ) -> Option<&'static str> {
        let rank = self.hits(text, start, list).map(|(_, r)| r).min()?;
        list.words.get(rank).copied()
    }

    /// How far before `start` the nearest word of `list` begins, so that two entities'
    /// words can be compared: the nearer one describes the candidate.
    pub(crate) fn distance(
        &mut self,
        text: &str,
        start: usize,
        list: &'static Words,
    ) -> Option<usize> {
        let pos = self.hits(text, start, list).map(|(p, _)| p).max()?;
        Some(start - pos)
    }
}

/// Records the occurrences of the words that begin in `text[a..b]` (matches may run past
/// `b`, up to the next masked range).
fn index(text: &str, mask: &[(usize, usize)], a: usize, b: usize, out: &mut Vec<Occ>) {
    let vocab = Vocab::get();
    let mut x = a;
    let mut m = mask.partition_point(|r| r.1 <= x);
    while x < b {
        let next = mask.get(m).copied();
        if let Some((_, me)) = next.filter(|r| r.0 <= x) {
            x = me.max(x + 1);
            m += 1;
            continue;
        }
        let limit = next.map_or(text.len(), |r| r.0).min(text.len());
        let y = b.min(limit);
        // The character before `x`: none at the start of the text, masked after a range.
        let after_mask = m
            .checked_sub(1)
            .and_then(|k| mask.get(k))
            .is_some_and(|r| r.1 == x);
        let prev_alnum = x > 0 && !after_mask && alnum_before(text, x);
        // Where the unmasked stretch around `x` begins: a phrase found from its last word
        // may begin before `x`, but not inside a masked range.
        let floor = m
            .checked_sub(1)
            .and_then(|k| mask.get(k))
            .map_or(0, |r| r.1);
        let bounds = Bounds { floor, limit };
        scan(text, x, y, bounds, prev_alnum, vocab, out);
        if y >= limit {
            x = limit;
        } else {
            break;
        }
    }
}

/// `true` if the character ending at `at` is alphanumeric (lower-cased).
fn alnum_before(text: &str, at: usize) -> bool {
    text.get(..at)
        .and_then(|t| t.chars().next_back())
        .is_some_and(lower_alnum)
}

/// The unmasked stretch of text a word found by the index lies in: from `floor` (the start
/// of the text or the end of a masked range) to `limit`.
#[derive(Clone, Copy)]
struct Bounds {
    floor: usize,
    limit: usize,
}

/// Records the occurrences of the words found in `text[from..to]` (see [`Occ::at`]), within
/// `bounds`; `prev_alnum`: whether the character before `from` counts as part of a word.
fn scan(
    text: &str,
    from: usize,
    to: usize,
    bounds: Bounds,
    mut prev_alnum: bool,
    vocab: &Vocab,
    out: &mut Vec<Occ>,
) {
    let limit = bounds.limit;
    let bytes = text.as_bytes();
    let mut i = from;
    while let Some(&b) = bytes.get(i).filter(|_| i < to) {
        match class(b) {
            ALNUM => {
                if !prev_alnum {
                    // Most words of a text start no context word: reject them here, from
                    // their first three bytes, without a call.
                    let quick = match bytes.get(i..i + 3) {
                        Some(&[a, b, c]) if i + 3 <= limit && (a | b | c) < 0x80 => Some([
                            a.to_ascii_lowercase(),
                            b.to_ascii_lowercase(),
                            c.to_ascii_lowercase(),
                        ]),
                        _ => None,
                    };
                    if quick.is_none_or(|p| vocab.may_start(p) || vocab.two_start(p[0])) {
                        words_at(text, i, bounds, vocab, out);
                    }
                }
                // The rest of an ASCII word holds no word start.
                i += 1;
                while bytes.get(i).is_some_and(|&b| class(b) == ALNUM) {
                    i += 1;
                }
                prev_alnum = true;
            }
            SPACE => {
                i += 1;
                prev_alnum = false;
            }
            OTHER => {
                if !prev_alnum {
                    words_at(text, i, bounds, vocab, out);
                }
                i += 1;
                prev_alnum = false;
            }
            _ => {
                let Some(ch) = text.get(i..).and_then(|r| r.chars().next()) else {
                    break;
                };
                if !prev_alnum && !ch.is_whitespace() {
                    words_at(text, i, bounds, vocab, out);
                }
                prev_alnum = lower_alnum(ch);
                i += ch.len_utf8();
            }
        }
    }
}

/// Records the words that begin at `i`, and the phrases whose last word begins there.
fn words_at(text: &str, i: usize, bounds: Bounds, vocab: &Vocab, out: &mut Vec<Occ>) {
    let to = bounds.limit;
    let p = lower_prefix(text, i, to);
    let mut push = |k: u16, back: bool| {
        let Some(w) = vocab.words.get(usize::from(k)).map(|w| w.as_bytes()) else {
            return;
        };
        let lead = if back {
            usize::from(vocab.lead.get(usize::from(k)).copied().unwrap_or(0))
        } else {
            0
        };
        // A phrase begins `lead` bytes earlier, at a word start of the same stretch (its
        // start or a character that is no part of a word before it).
        let Some(pos) = i.checked_sub(lead).filter(|&q| {
            lead == 0
                || (q >= bounds.floor
                    && text.is_char_boundary(q)
                    && (q == bounds.floor || !alnum_before(text, q)))
        }) else {
            return;
        };
        if let Some(end) = match_at(text, pos, w, to).filter(|&end| end > i) {
            out.push(Occ {
                pos,
                at: i,
                end,
                word: k,
                glued: w.len() <= 3 && alnum_at(text, end, to),
            });
        }
    };
    let [b0, b1, _] = p;
    if vocab.two_start(b0) {
        for &k in &vocab.two {
            let w = vocab
                .words
                .get(usize::from(k))
                .map_or(&[][..], |w| w.as_bytes());
            if w == [b0, b1] {
                push(k, false);
            }
        }
    }
    // A key without entries has an empty range: no test of `may_start` needed here.
    let key = tri(p);
    let at = |k: usize| usize::from(vocab.tri_first.get(k).copied().unwrap_or(0));
    for &(_, w, back) in vocab.by_tri.get(at(key)..at(key + 1)).unwrap_or_default() {
        push(w, back);
    }
}

/// The first context word of `list` that occurs in the window before `start` (for tests
/// and one-off questions; recognizers ask their [`Sink`](super::hit::Sink)).
#[cfg(test)]
pub(crate) fn find(text: &str, start: usize, list: &'static Words) -> Option<&'static str> {
    Index::new(&[]).find(text, start, list)
}

/// How far before `start` the nearest word of `list` begins.
#[cfg(test)]
pub(crate) fn distance(text: &str, start: usize, list: &'static Words) -> Option<usize> {
    Index::new(&[]).distance(text, start, list)
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn lower_utf8_is_the_unicode_lower_case_of_every_character() {
        let mut buf = [0u8; LOWER_BYTES];
        for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
            let want: String = c.to_lowercase().collect();
            assert_eq!(lower_utf8(c, &mut buf), want.as_bytes(), "{c:?}");
        }
    }

    #[test]
    fn word_start_and_case() {
        let t = "Ihr REISEPASSNUMMER lautet C01X00T47";
        let at = t.find("C01").unwrap();
        assert_eq!(find(t, at, &PASSPORT), Some("reisepass"));
        let t = "hotel 0301234567";
        assert_eq!(find(t, 6, &PHONE), None);
        let t = "Tel. 0301234567";
        assert_eq!(find(t, 5, &PHONE), Some("tel"));
    }

    #[test]
    fn short_words_are_whole_words() {
        assert_eq!(find("since 2019: 1", 12, &SIN), None);
        assert_eq!(find("SIN: 1", 5, &SIN), Some("sin"));
        assert_eq!(find("password: X", 10, &PASSPORT), None);
        assert_eq!(find("Pass-Nr. X", 9, &PASSPORT), Some("pass-"));
        assert_eq!(distance("IMSI 1 / IMEI 2", 14, &IMEI), Some(5));
    }

    #[test]
    fn tri_table_gives_each_keys_entries() {
        // The entries of every key, as a binary search over the sorted list finds them.
        let v = Vocab::get();
        let mut keys = 0;
        for key in 0..TRI_KEYS {
            let lo = v.by_tri.partition_point(|&(k, _, _)| usize::from(k) < key);
            let hi = v.by_tri.partition_point(|&(k, _, _)| usize::from(k) <= key);
            let got = (
                usize::from(v.tri_first[key]),
                usize::from(v.tri_first[key + 1]),
            );
            assert_eq!(got, (lo, hi), "key {key}");
            keys += usize::from(hi > lo);
        }
        assert!(keys > 200, "{keys}");
        assert_eq!(usize::from(v.tri_first[TRI_KEYS]), v.by_tri.len());
    }

    #[test]
    fn window_is_bounded_and_char_safe() {
        let far = format!("passport {} X", "ü".repeat(40));
        assert_eq!(find(&far, far.len() - 1, &PASSPORT), None);
        let near = "född: 1985";
        assert_eq!(find(near, 7, &BIRTH), Some("född"));
        assert_eq!(find("abc", 99, &BIRTH), None);
    }

    #[test]
    fn words_are_lower_case_and_lists_fit_the_index() {
        for l in ALL {
            for w in l.words {
                assert_eq!(
                    *w,
                    w.to_lowercase(),
                    "context words are compared lower-cased"
                );
                assert!(w.len() >= 2, "the index filters on two bytes");
            }
        }
    }

    #[test]
    fn masked_text_is_no_evidence() {
        // A redaction label right before a date is not a birth word.
        let t = "geboren am [DATE_OF_BIRTH]. Betrag 1.234,56 EUR wurde am 03.04.2024";
        let at = t.find("03.04").unwrap();
        let label = (t.find('[').unwrap(), t.find(']').unwrap() + 1);
        assert_eq!(Index::new(&[]).find(t, at, &BIRTH), Some("birth"));
        assert_eq!(Index::new(&[label]).find(t, at, &BIRTH), None);
        // A phrase found from its last word does not reach back into a masked range.
        let t = "National Insurance number given by James Thompson was NX 80 29 67 A";
        let at = t.find("NX").unwrap();
        assert!(at - t.find("National").unwrap() > WINDOW);
        assert_eq!(
            Index::new(&[]).find(t, at, &NINO),
            Some("national insurance")
        );
        assert_eq!(Index::new(&[(0, 8)]).find(t, at, &NINO), None);
        assert_eq!(Index::new(&[(0, 3)]).find(t, at, &NINO), None);
        // Text after a masked range starts a word.
        let t = "[X]tel 0301234567";
        assert_eq!(Index::new(&[(0, 3)]).find(t, 7, &PHONE), Some("tel"));
    }

    #[test]
    fn the_window_edge_is_no_word_start() {
        // The window's first byte falls inside "xpassport": no word begins there.
        let t = format!("x{}{}1234567", "passport", " ".repeat(40));
        let at = t.len() - 7;
        assert_eq!(at - WINDOW, 1);
        assert_eq!(find(&t, at, &PASSPORT), None);
        assert_eq!(find(&t[1..], at - 1, &PASSPORT), Some("passport"));
        // "hotel" cut to "tel" by the window is no phone word either.
        let t = format!("hotel{}0301234567", " ".repeat(45));
        assert_eq!(find(&t, 50, &PHONE), None);
        assert_eq!(find(&t[2..], 48, &PHONE), Some("tel"));
    }

    #[test]
    fn a_phrase_counts_from_its_last_word() {
        // "Insurance" begins in the window, "National" before it.
        let t = "The National Insurance number given by James Thompson was NX 80 29 67 A";
        let at = t.find("NX").unwrap();
        let first = t.find("National").unwrap();
        assert!(at - first > WINDOW && at - t.find("Insurance").unwrap() <= WINDOW);
        assert_eq!(find(t, at, &NINO), Some("national insurance"));
        // Its distance is the phrase's: the whole phrase describes the value.
        assert_eq!(distance(t, at, &NINO), Some(at - first));
        // The last word outside the window: nothing.
        let t = format!("national insurance{}AB123456C", " ".repeat(WINDOW - 8));
        assert_eq!(find(&t, t.len() - 9, &NINO), None);
        // The look back wants the phrase at a word start, whatever case it is written in.
        let t = "international insurance: AB123456C";
        assert_eq!(find(t, t.len() - 9, &NINO), None);
        let t = "SOCIAL SECURITY: 233 96 4255";
        assert_eq!(find(t, 17, &SSN), Some("social security"));
        // A two-byte last word ("ni no") and a phrase right at the text's start.
        let t = "NI no CE123456A";
        assert_eq!(find(t, 6, &NINO), Some("ni no"));
        // Index and window questions in text order give what one question alone gives.
        let t = "social security 1, then national insurance 2, then ssn 3";
        let mut index = Index::new(&[]);
        for (at, list, want) in [
            (t.find('1').unwrap(), &SSN, Some("social security")),
            (t.find('2').unwrap(), &NINO, Some("national insurance")),
            (t.find('3').unwrap(), &SSN, Some("ssn")),
        ] {
            assert_eq!(index.find(t, at, list), want, "{at}");
            assert_eq!(find(t, at, list), want, "{at}");
        }
    }

    /// The rule of the module's documentation, word by word and start by start: the
    /// reference the index is compared with.
    fn find_by_rule(text: &str, start: usize, list: &Words, reach: bool) -> Option<&'static str> {
        let mut from = start.saturating_sub(WINDOW);
        while from < start && !text.is_char_boundary(from) {
            from += 1;
        }
        let word_start = |p: usize| {
            text.is_char_boundary(p)
                && !alnum_before(text, p)
                && text[p..].chars().next().is_some_and(|c| !c.is_whitespace())
        };
        list.words.iter().copied().find(|w| {
            let lead = w.len() - last_word(w).len();
            // No phrase reaches further back than its lead (each is shorter than 32 bytes).
            assert!(lead < 32, "{w}");
            (from.saturating_sub(32)..start).any(|p| {
                let by_last = reach && lead > 0 && last_word(w).len() >= 3 && p + lead >= from;
                let in_window = p >= from || by_last;
                in_window
                    && word_start(p)
                    && match_at(text, p, w.as_bytes(), text.len()).is_some_and(|end| {
                        end <= start
                            && (w.len() > 3 || !alnum_at(text, end, text.len()) || end == start)
                    })
            })
        })
    }

    #[test]
    fn the_index_answers_by_the_rule() {
        // Phrases and their parts in several cases, single words, separators, letters
        // around them, non-ASCII text: every question at every candidate position, asked
        // in text order of one index and of a fresh one each.
        const PIECES: &[&str] = &[
            "national",
            "National",
            "NATIONAL",
            "insurance",
            "Insurance",
            "social",
            "Social",
            "security",
            "SECURITY",
            "number",
            "ni",
            "NI",
            "no",
            "soc.",
            "sec",
            "case",
            "tax",
            "id",
            "ssn",
            "tel",
            "hotel",
            "x",
            "Müller",
            "é",
            "İ",
            "  ",
            " ",
            " ",
            " ",
            ",",
            ".",
            "\n",
            "-",
            "7",
            "12",
            "given by James Thompson was",
        ];
        const LISTS: &[&Words] = &[&NINO, &SSN, &TFN, &SIN];
        let mut next = crate::detect::lcg(0xC0_47E7);
        let (mut found, mut by_last_word) = (0, 0);
        for _ in 0..200 {
            let n = 10 + next(40);
            let mut text = String::new();
            for _ in 0..n {
                text.push_str(PIECES[next(PIECES.len())]);
                if next(3) > 0 {
                    text.push(' ');
                }
            }
            let mut index = Index::new(&[]);
            let starts: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            for &at in starts.iter().step_by(3) {
                for list in LISTS {
                    let want = find_by_rule(&text, at, list, true);
                    by_last_word += usize::from(want != find_by_rule(&text, at, list, false));
                    assert_eq!(index.find(&text, at, list), want, "{text:?} at {at}");
                    assert_eq!(find(&text, at, list), want, "{text:?} at {at}");
                    found += usize::from(want.is_some());
                }
            }
            // Out of order, as the e-mail and URL scanners ask after the segment scan: a
            // window before the indexed part is read on its own, and kept while the next
            // list is asked about it.
            let mut back = Index::new(&[]);
            for &at in starts.iter().rev().step_by(5) {
                for list in LISTS {
                    let want = find_by_rule(&text, at, list, true);
                    assert_eq!(back.find(&text, at, list), want, "{text:?} at {at}, back");
                }
            }
        }
        // Many answers, and some that only a phrase's last word in the window gives.
        assert!(found > 1_000 && by_last_word > 40, "{found} {by_last_word}");
    }

    #[test]
    fn non_ascii_case_folding() {
        let t = "FÖDD 1985";
        assert_eq!(find(t, 6, &BIRTH), Some("född"));
        let t = "TÉLÉPHONE 0301234567";
        assert_eq!(find(t, 11, &PHONE), Some("téléphone"));
        // "İ" lower-cases to two characters; nothing breaks around it.
        let t = "İP 10.0.0.1 İ";
        assert_eq!(find(t, 4, &IP), None);
    }
}
