// Extracts given names and surnames from @faker-js/faker (MIT) into sorted, normalised word lists.
//
// Usage:
//   mkdir -p /tmp/lex && cd /tmp/lex && npm install @faker-js/faker@10.6.0
//   node tools/lexicon/build.mjs /tmp/lex target/lexicon
//   cargo run --example build_lexicon -- target/lexicon data/lexicon   (writes data/lexicon/names.lex)
//
// The lists are faker's, plus the feminine forms of its Polish surnames and the names of
// data/lexicon/supplement.txt (frequent names faker lacks).
//
// Why these rules:
// - keys are NFC and lower-cased (the recognizer lower-cases each word the same way before the lookup);
// - each entry is split on spaces and particles ("van", "de", "la", ...) are dropped, because the
//   recognizer looks words up one at a time and treats particles itself;
// - only Latin-script entries are kept: the reports this crate protects are written in EU languages, and
//   transliterated names are Latin too; other scripts would only add size;
// - an ASCII-folded variant ("muller" for "müller", "lukasz" for "łukasz") is added because police systems
//   often strip diacritics; front coding in names.lex shares the prefix, so the variant costs little.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [fakerRoot, outDir] = process.argv.slice(2);
if (!fakerRoot || !outDir) {
  console.error('usage: node build.mjs <dir containing node_modules/@faker-js/faker> <out dir>');
  process.exit(2);
}
const pkgDir = join(fakerRoot, 'node_modules', '@faker-js', 'faker');
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
const { allLocales } = await import(pathToFileURL(join(pkgDir, 'dist', 'index.js')).href);

// Latin-script locales: the EU languages first, then others whose names show up in European reports.
const LOCALES = [
  'en', 'en_AU', 'en_CA', 'en_GB', 'en_GH', 'en_IE', 'en_IN', 'en_NG', 'en_US', 'en_ZA',
  'de', 'de_AT', 'de_CH', 'fr', 'fr_BE', 'fr_CA', 'fr_CH', 'fr_LU', 'fr_SN',
  'es', 'es_MX', 'it', 'nl', 'nl_BE', 'pl', 'pt_PT', 'pt_BR', 'sv', 'fi', 'da', 'nb_NO',
  'cs_CZ', 'sk', 'ro', 'ro_MD', 'hr', 'sl_SI', 'sr_RS_latin', 'hu', 'lv', 'cy', 'af_ZA',
  'tr', 'az', 'uz_UZ_latin', 'ku_kmr_latin', 'id_ID', 'yo_NG', 'zu_ZA',
];
const PARTICLES = new Set([
  'van', 'von', 'vom', 'der', 'den', 'de', 'del', 'della', 'dei', 'degli', 'di', 'da', 'das', 'dos', 'do',
  'du', 'la', 'le', 'les', 'los', 'ter', 'ten', 'te', 'zu', 'zum', 'zur', 'af', 'av', 'y', 'e', 'bin', 'ibn', 'al', 'el',
]);
const LATIN = /^[\p{Script=Latin}'\-]+$/u;

function values(field) {
  if (field == null) return [];
  if (Array.isArray(field)) return field;
  return Object.values(field).flatMap((v) => (Array.isArray(v) ? v : []));
}

function fold(word) {
  return word
    .replace(/ß/g, 'ss').replace(/æ/g, 'ae').replace(/œ/g, 'oe').replace(/ø/g, 'o')
    .replace(/ł/g, 'l').replace(/đ/g, 'd').replace(/ð/g, 'd').replace(/þ/g, 'th').replace(/ı/g, 'i')
    .normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
}

function add(set, raw) {
  const nfc = raw.normalize('NFC').replace(/[\u2019\u02bc]/g, "'").trim();
  for (const part of nfc.split(/\s+/)) {
    const key = part.toLowerCase();
    if (key.length < 2 || PARTICLES.has(key) || !LATIN.test(key)) continue;
    if (key.startsWith('-') || key.endsWith('-') || key.startsWith("'") || key.endsWith("'")) continue;
    set.add(key);
    const folded = fold(key);
    if (folded !== key && LATIN.test(folded)) set.add(folded);
  }
}

// Polish surnames in -ski, -cki and -dzki have a feminine form in -ska, -cka, -dzka (Kowalski,
// Kowalska); faker's Polish list holds the masculine forms only.
function feminine(name) {
  const m = /^(.*(?:sk|ck|dzk))i$/u.exec(name.normalize('NFC'));
  return m ? `${m[1]}a` : null;
}

const given = new Set();
const surname = new Set();
const used = [];
for (const code of LOCALES) {
  const person = allLocales[code]?.person;
  if (!person) continue;
  used.push(code);
  for (const n of values(person.first_name)) add(given, n);
  for (const n of values(person.middle_name)) add(given, n);
  for (const n of values(person.last_name)) {
    add(surname, n);
    const f = code === 'pl' ? feminine(n) : null;
    if (f) add(surname, f);
  }
}

// Frequent names that faker's lists lack, compiled by the project (see the file's header).
const supplementPath = new URL('../../data/lexicon/supplement.txt', import.meta.url);
let supplemented = 0;
for (const line of readFileSync(supplementPath, 'utf8').split('\n')) {
  const m = /^(given|surname):(.*)$/.exec(line.replace(/#.*/, '').trim());
  if (!m) continue;
  for (const n of m[2].trim().split(/\s+/).filter(Boolean)) {
    add(m[1] === 'given' ? given : surname, n);
    supplemented++;
  }
}

// Byte-wise order, which is what build_lexicon's front coding expects (it sorts again anyway).
const sortBytes = (a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b));
mkdirSync(outDir, { recursive: true });
for (const [name, set] of [['given', given], ['surname', surname]]) {
  const list = [...set].sort(sortBytes);
  writeFileSync(join(outDir, `${name}.txt`), list.join('\n') + '\n');
  console.log(`${name}: ${list.length} keys`);
}
writeFileSync(
  join(outDir, 'SOURCE'),
  `@faker-js/faker ${pkg.version} (${pkg.license})\nlocales: ${used.join(' ')}\n`
    + `plus Polish feminine surnames derived from the masculine ones, and ${supplemented} names of data/lexicon/supplement.txt\n`,
);
console.log(`source: @faker-js/faker ${pkg.version}; locales: ${used.length}`);
