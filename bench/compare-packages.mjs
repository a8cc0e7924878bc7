// Checks that two builds of the package find and write the same: `analyze` and `redactText`
// (findings, audit record, output text) on the benchmark's 10 MB corpus and on variants of it
// (doubled spaces, upper case, CR LF and tabs), and on every crafted worst-case input.
// The SIMD paths of the detection engine run only in wasm, so the native dump of
// docs/PERFORMANCE.md ("Change nothing that is found") does not cover them; this does.
//
//   cp -r pkg /tmp/pkg-before   # before the change
//   bash scripts/build-pkg.sh   # after it
//   node bench/compare-packages.mjs /tmp/pkg-before pkg
//
// Then every report of the comparison benchmark's corpus (bench/compare/corpus.mjs, 2 MB of
// ~1.5 KB reports), one call each, as a portal makes them: a text that small takes other
// paths (same-value propagation looks for its values before it builds an automaton).
//
// Exits 1 at the first difference, naming the input.

import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { corpus, repeatTo, CRAFTED } from './corpus.mjs';
import { makeCorpus } from './compare/corpus.mjs';

const dirs = process.argv.slice(2);
if (dirs.length !== 2) {
  console.error('usage: node bench/compare-packages.mjs PKG_A PKG_B');
  process.exit(2);
}
const load = async (dir) => new (await import(pathToFileURL(resolve(dir, 'borderseal_node.js')).href)).Redactor();
const [a, b] = await Promise.all(dirs.map(load));
const ctx = { marking: 'TLP:AMBER' };
const digest = (f) => {
  try {
    return createHash('sha256').update(JSON.stringify(f())).digest('hex');
  } catch (e) {
    return `error ${e.code ?? ''} ${e.message}`;
  }
};

const base = corpus(10_000_000);
const inputs = [
  ['mixed corpus', base],
  ['doubled spaces', base.slice(0, 1_000_000).replace(/ /g, '  ')],
  ['upper case', base.slice(0, 1_000_000).toUpperCase()],
  ['CR LF and tabs', base.slice(0, 1_000_000).replace(/\n/g, '\r\n\t')],
  ...CRAFTED.map(([name, unit]) => [name, repeatTo(unit, 1_000_000)]),
];
for (const [name, text] of inputs) {
  for (const [call, f] of [['analyze', (r) => () => r.analyze(text)], ['redactText', (r) => () => r.redactText(text, ctx)]]) {
    const [da, db] = [digest(f(a)), digest(f(b))];
    if (da !== db) {
      console.log(`DIFFERENT: ${call} of ${name}`);
      process.exit(1);
    }
  }
  console.log(`same: ${name}`);
}
const { reports } = makeCorpus({ targetBytes: 2_000_000, seed: 7 });
for (const [i, { text }] of reports.entries()) {
  for (const [call, f] of [['analyze', (r) => () => r.analyze(text)], ['redactText', (r) => () => r.redactText(text, ctx)]]) {
    if (digest(f(a)) !== digest(f(b))) {
      console.log(`DIFFERENT: ${call} of report ${i} of the comparison corpus`);
      process.exit(1);
    }
  }
}
console.log(`same: ${reports.length} reports, one call each`);
console.log(`compare-packages: ${inputs.length} inputs and ${reports.length} reports, analyze and redactText, the same in both builds`);
