// The benchmark's inputs: the deterministic mixed report corpus and the crafted worst cases
// (the same generator, byte for byte, as examples/bench_detect.rs). Imported by detect.mjs and
// compare-packages.mjs.

const MASK = (1n << 64n) - 1n;
/** xorshift64*: deterministic, dependency-free; BigInt keeps the 64-bit arithmetic exact. */
class Rng {
  constructor(seed) { this.s = seed; }
  next() {
    let x = this.s;
    x ^= x >> 12n;
    x = (x ^ (x << 25n)) & MASK;
    x ^= x >> 27n;
    this.s = x;
    return (x * 0x2545F4914F6CDD1Dn) & MASK;
  }
  below(n) { return Number(this.next() % BigInt(n)); }
  pick(items) { return items[this.below(items.length)]; }
}

export const PROSE = [
  'Der Beschuldigte wurde am Dienstag gegen 14:30 Uhr in der Nähe des Bahnhofs angetroffen.',
  'Le suspect a été interpellé à la sortie du métro, porteur de 3 téléphones.',
  'El vehículo fue localizado en el aparcamiento del centro comercial a las 22:15.',
  'Il veicolo è stato sequestrato; la perquisizione ha dato esito positivo 👮.',
  'De verdachte verklaarde dat hij het pakket van een onbekende had ontvangen.',
  'Podejrzany odmówił składania wyjaśnień; zabezpieczono 2 laptopy.',
  'O suspeito foi detido em flagrante delito às 03:40 da manhã.',
  'Den misstänkte greps efter en kort jakt genom centrum 🚓.',
  'Epäilty otettiin kiinni rautatieasemalla klo 16.05.',
  'Den mistænkte blev anholdt på adressen kl. 09.20 ✅.',
  'The operation involved 4 agencies and 12 officers; no injuries were reported.',
  'Version 2.4.1 of the app was found; the file was 3.5 MB; case no. 2024/117-B.',
  'Betrag 1.234,56 EUR wurde am 03.04.2024 überwiesen (Az. 4 Js 123/24).',
  'Die Durchsuchung der Wohnung ergab keine weiteren Hinweise auf Mittäter.',
  'Les enquêteurs ont saisi des documents et un ordinateur portable 💻.',
  'The witness stated that the car left the scene heading north at high speed.',
];

export const PII = [
  'Tel. +49 30 12345678',
  'E-Mail anna.schmidt@example.de',
  'IBAN DE89 3704 0044 0532 0130 00',
  'geboren am 12.03.1985',
  'IP 192.168.10.25',
  'Karte 4111 1111 1111 1111',
  'Passport no. C01X00T47',
  'https://example.org/akte?id=42',
  'Kennzeichen B-AB 1234',
  'PESEL 44051401359',
  'GPS 48.8584, 2.2945',
  'MAC 00:1A:2B:3C:4D:5E',
  'NIR 2 95 10 99 126 111 93',
  'codice fiscale RCCMNL83S18D969H',
  'Zeuge Herr Jörg Baumann',
  'the suspect John Smith',
  'Mme Claire Dubois',
  'SMITH, John',
];

/** Prose sentences with one identifier every fourth sentence on average (≈ one per 350 bytes). */
export function corpus(bytes) {
  const rng = new Rng(0x9E3779B97F4A7C15n);
  const parts = [];
  let len = 0;
  const push = (s) => { parts.push(s); len += Buffer.byteLength(s); };
  while (len < bytes) {
    push(rng.pick(PROSE));
    push(' ');
    if (rng.below(4) === 0) {
      push(rng.pick(PII));
      push('. ');
    }
    if (rng.below(8) === 0) push('\n');
  }
  return parts.join('');
}

/** `unit` repeated to `bytes` bytes of UTF-8, cut at a character boundary. */
export function repeatTo(unit, bytes) {
  const ub = Buffer.byteLength(unit);
  let s = unit.repeat(Math.floor(bytes / ub));
  let left = bytes - Buffer.byteLength(s);
  for (const ch of unit) {
    const n = Buffer.byteLength(ch);
    if (n > left) break;
    s += ch;
    left -= n;
  }
  return s;
}

export const CRAFTED = [
  ['digits run', '1'],
  ['digits spaced', '1 '],
  ['digits dashed', '12-'],
  ['dotted quads', '12.12.'],
  ['card-like groups', '4111 1111 1111 1111 '],
  ['phone-like', '+49 30 12345678 '],
  ['national phone', '0171/1234567 '],
  ['alternating seps', '1-2.3/4 5+'],
  ['iban valid', 'DE89 3704 0044 0532 0130 00 '],
  ['upper words', 'AB12 CD34 '],
  ['iban-like words', 'DE12 DE34 '],
  ['aaaa', 'a'],
  ['AAAA', 'A'],
  ['@@@@', '@'],
  ['a@a@', 'a@'],
  ['a.a.', 'a.'],
  ['email valid', 'anna@example.de '],
  // The shortest valid address: the most findings a megabyte can hold (142,857).
  ['emails, dense', 'a@b.de '],
  ['::::', ':'],
  ['hex colon', 'ff:'],
  ['http://', 'http://'],
  ['www.', 'www.'],
  ['mrz <<<<', '<'],
  ['mrz specimen', 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10\n'],
  ['gps decimals', '48.8584, '],
  ['dms', '48°51\'30"N '],
  ['month dates', 'geboren 12 März 1985 '],
  ['numeric dates', 'geb. 12.03.1985 '],
  ['context words', 'passport Reisepass Tel. IBAN '],
  ['names', 'Herr Jörg Baumann und Frau Anna Schmidt, '],
  ['capitalised words', 'Aaaa Bbbb Cccc '],
  ['name labels', 'Name: Name\n'],
  ['emoji', '😀'],
  ['combining', 'e\u0301'],
];

/** Worst cases that are no repeated unit, by size (`bench/detect.mjs` only: examples/bench_detect.rs
 *  runs the CRAFTED units). "values alike": e-mail addresses `anna.NNNNN@example.de` (one every
 *  100 bytes' worth: 10,000 in a megabyte) that share their first four bytes, then the word "anna"
 *  to the size: every word start outside the found places meets the whole group of values in
 *  propagation's look (it was quadratic until stop 23: 171 s for this megabyte). */
export const GENERATED = [
  ['values alike', (bytes) => {
    const values = Math.floor(bytes / 100);
    let s = '';
    for (let i = 0; i < values; i++) s += `anna.${String(i).padStart(6, '0')}@example.de `;
    return s + repeatTo('anna ', bytes - Buffer.byteLength(s));
  }],
];
