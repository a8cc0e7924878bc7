// The inputs of the comparison benchmarks, generated deterministically (same seed → same bytes in
// Node, in Chromium and in the file handed to Presidio), so every tool sees the same text:
//
//   makeCorpus({ targetBytes, seed }) → { reports: [{ text, labels, decoys }], bytes }
//     mixed police-report text (English narrative with EU and US identifiers) where every
//     planted value is labelled with its entity type and offsets, plus decoys (values that look
//     like personal data but are not: bad check digits, amounts, case numbers) for false positives;
//   makeWorstCase(kind, bytes) → string: crafted inputs that make backtracking regexes slow.
//
// All text is ASCII, so string offsets = UTF-16 offsets = byte offsets = Python str offsets.

/** Deterministic PRNG (mulberry32). */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  return { next, int, pick: (xs) => xs[int(xs.length)], digits: (n) => Array.from({ length: n }, () => int(10)).join('') };
}

const GIVEN = ['Anna', 'Lukas', 'Marie', 'Jan', 'Sofia', 'Pierre', 'Giulia', 'Mateo', 'Eva', 'Piotr', 'Lars', 'Ines', 'Tomas', 'Elena', 'Johan', 'Claire', 'Marco', 'Katarzyna', 'Henrik', 'Laura', 'David', 'Sarah', 'Michael', 'Emma', 'Thomas'];
const SURNAME = ['Schmidt', 'Dubois', 'Rossi', 'Kowalski', 'Jansen', 'Garcia', 'Novak', 'Nielsen', 'Silva', 'Muller', 'Bernard', 'Ferrari', 'Lindqvist', 'Horvath', 'Martin', 'Smith', 'Johnson', 'Brown', 'Peeters', 'Fischer', 'Moreau', 'Bianchi', 'Wagner', 'Lopez', 'Virtanen'];
const TITLE = ['Mr', 'Mrs', 'Ms', 'Dr'];
const DOMAINS = ['example.com', 'mail.example.org', 'post.example.net', 'example.eu', 'inbox.example.de'];
const AGENCIES = ['the regional crime unit', 'the border police', 'the cybercrime desk', 'the financial intelligence unit', 'the liaison office'];
const FILLER = [
  'The officers recorded the statement and secured the premises until the forensic team arrived.',
  'No further incidents were reported during the night shift, and the patrol returned to the station at dawn.',
  'The vehicle was towed to the impound lot for further examination by the technical service.',
  'According to the witness, the meeting lasted about twenty minutes and ended without any argument.',
  'Analysis of the seized laptop is ongoing; a preliminary report is expected within two weeks.',
  'The partner agency was informed through the usual channel and acknowledged receipt the same day.',
  'CCTV footage from the nearby train station has been requested from the operator.',
  'The suspect declined to answer questions without a lawyer present and was released pending investigation.',
  'Several parcels were shipped to addresses abroad in the weeks before the search.',
  'The cash found in the apartment was counted twice in the presence of two officers.',
  'Financial flows suggest the accounts were used as transit accounts for a larger network.',
  'A translator was present during the interview; the statement was read back and signed.',
];

// --- identifiers with valid check digits ---------------------------------------------------
function luhnDigit(body) {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}
function mod97(numeric) {
  let r = 0;
  for (const c of numeric) r = (r * 10 + Number(c)) % 97;
  return r;
}
function iban(r) {
  const [cc, len] = r.pick([['DE', 18], ['FR', 23], ['NL', 14], ['IT', 23], ['ES', 20], ['BE', 12], ['AT', 16]]);
  let bban;
  if (cc === 'NL') bban = r.pick(['ABNA', 'INGB', 'RABO']) + r.digits(10);
  else if (cc === 'IT') bban = 'X' + r.digits(10) + r.digits(12);
  else bban = r.digits(len);
  const numeric = (bban + cc + '00').replace(/[A-Z]/g, (ch) => String(ch.charCodeAt(0) - 55));
  const check = String(98 - mod97(numeric)).padStart(2, '0');
  const compact = cc + check + bban;
  // Half of them printed in groups of four, as on paper.
  return r.int(2) ? compact : compact.replace(/(.{4})/g, '$1 ').trim();
}
function card(r) {
  const body = r.pick(['4', '51', '52', '55', '4929']) ;
  const b = body + r.digits(15 - body.length);
  const n = b + luhnDigit(b);
  return r.int(2) ? n : n.replace(/(\d{4})(?=\d)/g, '$1 ');
}
function imei(r) {
  const b = '35' + r.digits(12);
  return b + luhnDigit(b);
}
function ssn(r) {
  return `${String(100 + r.int(565)).padStart(3, '0')}-${String(10 + r.int(89))}-${String(1000 + r.int(8999))}`;
}
function phone(r) {
  return r.pick([
    () => `+33 6 ${r.digits(2)} ${r.digits(2)} ${r.digits(2)} ${r.digits(2)}`,
    () => `+49 151 ${r.digits(8)}`,
    () => `+31 6 ${r.digits(8)}`,
    () => `+39 347 ${r.digits(7)}`,
    () => `(${200 + r.int(700)}) ${200 + r.int(700)}-${r.digits(4)}`,
    () => `+1 ${200 + r.int(700)}-${200 + r.int(700)}-${r.digits(4)}`,
  ])();
}
const ipv4 = (r) => `${11 + r.int(180)}.${r.int(256)}.${r.int(256)}.${1 + r.int(254)}`;
const ipv6 = (r) => `2001:db8:${r.int(65536).toString(16)}:${r.int(65536).toString(16)}::${(1 + r.int(65535)).toString(16)}`;
const mac = (r) => Array.from({ length: 6 }, () => r.int(256).toString(16).padStart(2, '0')).join(':');
const dob = (r) => `${String(1 + r.int(28)).padStart(2, '0')}/${String(1 + r.int(12)).padStart(2, '0')}/${1950 + r.int(55)}`;

/** One report; `uniq` makes every planted value unique across the corpus (leak checks by value). */
function report(r, uniq) {
  const parts = [];
  const labels = [];
  const decoys = [];
  let len = 0;
  const text = (s) => { parts.push(s); len += s.length; };
  const pii = (entity, value) => { labels.push({ entity, start: len, end: len + value.length, value }); text(value); };
  const decoy = (kind, value) => { decoys.push({ kind, start: len, end: len + value.length, value }); text(value); };
  const given = () => r.pick(GIVEN);
  const sur = () => r.pick(SURNAME);
  const user = (g, s) => `${g.toLowerCase()}.${s.toLowerCase()}${uniq}`;
  const filler = (n) => { for (let i = 0; i < n; i++) text(' ' + r.pick(FILLER)); };

  const caseNo = `${2020 + r.int(6)}/${String(uniq).padStart(6, '0')}`;
  text(`Case ${caseNo}. Report of ${r.pick(AGENCIES)}.\n`);
  const g1 = given(); const s1 = sur();
  text(`On the morning of the search, officers met ${r.pick(TITLE)} `); pii('PERSON', `${g1} ${s1}`);
  text(', born '); pii('DATE_OF_BIRTH', dob(r)); text(', who gave the e-mail address ');
  pii('EMAIL', `${user(g1, s1)}@${r.pick(DOMAINS)}`); text(' and the phone number '); pii('PHONE', phone(r)); text('.');
  filler(1 + r.int(3));
  text('\nPayments were made from the account with IBAN '); pii('IBAN', iban(r));
  text(' and with the credit card '); pii('CREDIT_CARD', card(r)); text('.');
  if (r.int(2)) { text(' The order number '); decoy('ORDER_NUMBER', `${r.digits(4)}-${r.digits(4)}-${String(uniq).padStart(5, '0')}`); text(' was found on the receipt.'); }
  if (r.int(2)) {
    const b = '4' + r.digits(14); const bad = b + String((Number(luhnDigit(b)) + 1) % 10);
    text(' A note listed the number '); decoy('BAD_LUHN_16', bad); text(', which does not pass the card check.');
  }
  filler(1 + r.int(3));
  text('\nLog-ins to the account came from the IP address '); pii('IP_ADDRESS', ipv4(r));
  if (r.int(2)) { text(' and from '); pii('IP_ADDRESS', ipv6(r)); }
  text('; the router had the MAC address '); pii('MAC_ADDRESS', mac(r)); text(' and the phone the IMEI '); pii('IMEI', imei(r)); text('.');
  filler(r.int(3));
  const g2 = given(); const s2 = sur();
  text('\nA second person, '); pii('PERSON', `${g2} ${s2}`); text(', US social security number '); pii('US_SSN', ssn(r));
  text(', was contacted at '); pii('PHONE', phone(r)); text(' and wrote from '); pii('EMAIL', `${user(g2, s2)}@${r.pick(DOMAINS)}`); text('.');
  text(' Details were posted at '); pii('URL', `https://forum.example.net/u/${user(g2, s2)}/posts`); text('.');
  text(` The amount seized was `); decoy('AMOUNT', `${1000 + r.int(90000)}.${r.digits(2)}`); text(' EUR');
  text(`, stored under reference `); decoy('CASE_NUMBER', caseNo); text('.');
  filler(1 + r.int(4));
  text('\n');
  return { text: parts.join(''), labels, decoys };
}

export function makeCorpus({ targetBytes = 10 * 1000 * 1000, seed = 20261126 } = {}) {
  const r = rng(seed);
  const reports = [];
  let bytes = 0;
  for (let i = 0; bytes < targetBytes; i++) {
    const rep = report(r, i + 1);
    reports.push(rep);
    bytes += rep.text.length;
  }
  return { reports, bytes, seed };
}

/** A report of about `bytes` bytes (several generated reports concatenated), for latency. */
export function makeReportOfSize(bytes, seed = 4242) {
  const r = rng(seed);
  let text = '';
  for (let i = 0; text.length < bytes; i++) text += report(r, 900000 + i).text;
  return text.slice(0, bytes).replace(/\S*$/, '').padEnd(bytes, '.');
}

// --- crafted worst-case inputs --------------------------------------------------------------
// Each is a short unit repeated to the wanted size. Why each hurts a backtracking engine:
export const WORST_CASES = {
  // e-mail/URL local-part and domain classes scan to the end from every start position: quadratic.
  'dot-chain (a.a.a.…)': 'a.',
  // e-mail rules with `[…]+@\w+(\.\w+)*`: every '@' restarts a scan.
  'at-chain (a@a@…)': 'a@',
  '@@@…': '@',
  // digit-run rules (cards, phones, `\d{4,}`), optional separators: many ways to split one run.
  'digit run (0123456789…)': '0123456789',
  // phone / SSN / card rules with optional separators between digit groups.
  'digit tokens (1 2 3 …)': '1 ',
  // name rules over capitalised words (greeting + Capitalised Name heuristics).
  'capitalised words (Aaaa Bbbb …)': 'Aaaa Bbbb ',
  // `\s*` / `\s+` between optional groups.
  'whitespace run': ' ',
};

export function makeWorstCase(kind, bytes) {
  const unit = WORST_CASES[kind];
  if (!unit) throw new Error(`unknown worst case ${kind}`);
  return unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
}
