//! Context words: is a keyword for this entity written just before the candidate?
//!
//! The window is bounded ([`WINDOW`] bytes before the candidate), lower-cased per `char`, and
//! a word must start at a word boundary, so "hotel" is not "tel". Words are matched as
//! prefixes ("passport" also finds "passports", "reisepass" finds "Reisepassnummer").

/// Bytes before the candidate that are searched (about five words of report text).
pub(crate) const WINDOW: usize = 48;

/// Room for the lower-cased window: lower-casing can lengthen a character's UTF-8 form
/// (at most 3×), so three windows' worth always fits.
const BUF: usize = 3 * WINDOW;

/// The lower-cased window before a candidate and the offsets in it where a word may begin
/// (after a non-alphanumeric character). Each list word is then compared only there, so a
/// lookup costs a few byte compares, not a substring search per word. Built in fixed
/// buffers: no allocation per candidate.
pub(crate) struct Window {
    buf: [u8; BUF],
    len: usize,
    starts: [u8; WINDOW],
    n: usize,
    /// Which bytes begin a word in the window: a list word whose first byte is not here
    /// is skipped with one lookup.
    firsts: [u64; 4],
}

impl Window {
    /// The window before `start` (empty if `start` is out of range).
    pub(crate) fn new(text: &str, start: usize) -> Window {
        let mut w = Window {
            buf: [0; BUF],
            len: 0,
            starts: [0; WINDOW],
            n: 0,
            firsts: [0; 4],
        };
        let mut from = start.saturating_sub(WINDOW);
        while from < start && !text.is_char_boundary(from) {
            from += 1;
        }
        let Some(raw) = text.get(from..start) else {
            return w;
        };
        let mut prev_alnum = false;
        if raw.is_ascii() {
            // The common case: one byte per character, lower-cased in place.
            if let Some(dst) = w.buf.get_mut(..raw.len()) {
                dst.copy_from_slice(raw.as_bytes());
                dst.make_ascii_lowercase();
                w.len = raw.len();
            }
            for i in 0..w.len {
                let Some(&b) = w.buf.get(i) else { break };
                if !prev_alnum && !b.is_ascii_whitespace() {
                    w.mark_start(i, b);
                }
                prev_alnum = b.is_ascii_alphanumeric();
            }
            return w;
        }
        for ch in raw.chars() {
            // Most characters of a mixed window are still ASCII: skip the case tables.
            let full = if ch.is_ascii() {
                !w.push_char(ch.to_ascii_lowercase(), &mut prev_alnum)
            } else {
                ch.to_lowercase().any(|c| !w.push_char(c, &mut prev_alnum))
            };
            if full {
                break;
            }
        }
        w
    }

    /// Appends one lower-cased character; `false` if the buffer is full.
    fn push_char(&mut self, c: char, prev_alnum: &mut bool) -> bool {
        let mut tmp = [0u8; 4];
        let enc = c.encode_utf8(&mut tmp).as_bytes();
        let Some(dst) = self.buf.get_mut(self.len..self.len + enc.len()) else {
            return false;
        };
        dst.copy_from_slice(enc);
        if !*prev_alnum && !c.is_whitespace() {
            self.mark_start(self.len, enc.first().copied().unwrap_or(0));
        }
        *prev_alnum = c.is_alphanumeric();
        self.len += enc.len();
        true
    }

    fn mark_start(&mut self, at: usize, first: u8) {
        if let (Some(slot), Ok(at)) = (self.starts.get_mut(self.n), u8::try_from(at)) {
            *slot = at;
            self.n += 1;
        }
        if let Some(m) = self.firsts.get_mut(usize::from(first >> 6)) {
            *m |= 1 << (first & 63);
        }
    }

    fn bytes(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or_default()
    }

    /// Offsets where `word` begins at a word start. Words of up to three bytes (`ssn`,
    /// `tel`, `sin`, `ip`) must also end at a word end, so `sin` is not "since".
    fn hits<'a>(&'a self, word: &'a str) -> impl Iterator<Item = usize> + 'a {
        let short = word.len() <= 3;
        let w = word.as_bytes();
        let t = self.bytes();
        let possible = w.first().is_some_and(|&b| {
            self.firsts
                .get(usize::from(b >> 6))
                .is_some_and(|m| m & (1 << (b & 63)) != 0)
        });
        let n = if possible { self.n } else { 0 };
        self.starts
            .iter()
            .take(n)
            .map(|&i| usize::from(i))
            .filter(move |&i| {
                if t.get(i) != w.first() || !t.get(i..).is_some_and(|r| r.starts_with(w)) {
                    return false;
                }
                !short || next_char(t, i + w.len()).is_none_or(|c| !c.is_alphanumeric())
            })
    }

    /// The first word of `words` in the window.
    pub(crate) fn find(&self, words: &[&'static str]) -> Option<&'static str> {
        words
            .iter()
            .copied()
            .find(|word| self.hits(word).next().is_some())
    }

    /// How far before the candidate the nearest word of `words` begins.
    pub(crate) fn distance(&self, words: &[&'static str]) -> Option<usize> {
        words
            .iter()
            .filter_map(|word| self.hits(word).last())
            .max()
            .map(|at| self.len - at)
    }
}

/// The character starting at byte `i` of the UTF-8 bytes `t` (`None` at the end).
fn next_char(t: &[u8], i: usize) -> Option<char> {
    let rest = t.get(i..)?;
    let n = rest.len().min(4);
    (1..=n).find_map(|k| core::str::from_utf8(rest.get(..k)?).ok()?.chars().next())
}

/// The first context word of `words` that occurs in the window before `start`.
pub(crate) fn find(text: &str, start: usize, words: &[&'static str]) -> Option<&'static str> {
    if words.is_empty() {
        return None;
    }
    Window::new(text, start).find(words)
}

/// How far before `start` the nearest word of `words` begins (in bytes of the lower-cased
/// window), so two entities' words can be compared: the nearer one describes the candidate.
pub(crate) fn distance(text: &str, start: usize, words: &[&'static str]) -> Option<usize> {
    Window::new(text, start).distance(words)
}

/// Words that say "this is a date of birth", in en, de, fr, es, it, nl, pl, pt, sv, fi, da, no.
pub(crate) const BIRTH: &[&str] = &[
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
pub(crate) const PASSPORT: &[&str] = &[
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
pub(crate) const PLATE: &[&str] = &[
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
pub(crate) const PHONE: &[&str] = &[
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
pub(crate) const IP: &[&str] = &[
    "ip",
    "host",
    "server",
    "adresse ip",
    "dirección ip",
    "indirizzo ip",
];

/// Words that say a dotted number is a version or section number, not an address.
pub(crate) const VERSION: &[&str] = &[
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

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn word_start_and_case() {
        let t = "Ihr REISEPASSNUMMER lautet C01X00T47";
        let at = t.find("C01").unwrap();
        assert_eq!(find(t, at, PASSPORT), Some("reisepass"));
        let t = "hotel 0301234567";
        assert_eq!(find(t, 6, PHONE), None);
        let t = "Tel. 0301234567";
        assert_eq!(find(t, 5, PHONE), Some("tel"));
    }

    #[test]
    fn short_words_are_whole_words() {
        const SIN: &[&str] = &["sin"];
        assert_eq!(find("since 2019: 1", 12, SIN), None);
        assert_eq!(find("SIN: 1", 5, SIN), Some("sin"));
        assert_eq!(find("password: X", 10, PASSPORT), None);
        assert_eq!(find("Pass-Nr. X", 9, PASSPORT), Some("pass-"));
        assert_eq!(distance("IMSI 1 / IMEI 2", 14, &["imei"]), Some(5));
    }

    #[test]
    fn window_is_bounded_and_char_safe() {
        let far = format!("passport {} X", "ü".repeat(40));
        assert_eq!(find(&far, far.len() - 1, PASSPORT), None);
        let near = "född: 1985";
        assert_eq!(find(near, 7, BIRTH), Some("född"));
        assert_eq!(find("abc", 99, BIRTH), None);
    }
}
