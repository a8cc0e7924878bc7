// Two builds of the package timed against each other in one process: `analyze` (or detection
// alone) of the 10 MB mixed corpus, the two called alternately, two rounds of warm-up, then
// ROUNDS each. On a shared machine whose speed drifts, only such a ratio is worth reading
// (docs/PERFORMANCE.md); run it in both orders.
//
//   node bench/ab.mjs DIR_A DIR_B [ROUNDS] [analyze|detect]
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { corpus } from './corpus.mjs';

const [a, b] = process.argv.slice(2, 4);
if (!a || !b) {
  console.error('usage: node bench/ab.mjs DIR_A DIR_B [ROUNDS] [analyze|detect]');
  process.exit(2);
}
const rounds = Number(process.argv[4] ?? 15);
const fn = process.argv[5] ?? 'analyze';
const ma = await import(`${pathToFileURL(resolve(a, 'borderseal_node.js')).href}?a`);
const mb = await import(`${pathToFileURL(resolve(b, 'borderseal_node.js')).href}?b`);
const text = corpus(10_000_000);
const ra = new ma.Redactor();
const rb = new mb.Redactor();
const call = (r) => (fn === 'detect' ? r.__benchDetect(text) : r.analyze(text).length);
const ta = [];
const tb = [];
let na;
let nb;
for (let i = 0; i < rounds + 2; i++) {
  let t = performance.now();
  na = call(ra);
  const da = performance.now() - t;
  t = performance.now();
  nb = call(rb);
  const db = performance.now() - t;
  if (i >= 2) {
    ta.push(da);
    tb.push(db);
  }
}
const median = (v) => [...v].sort((x, y) => x - y)[Math.floor(v.length / 2)];
const line = (dir, v, n) =>
  `${dir}: min ${Math.min(...v).toFixed(1)} ms, median ${median(v).toFixed(1)} ms (${n} ${fn === 'detect' ? 'found' : 'findings'})`;
console.log(line(`A ${a}`, ta, na));
console.log(line(`B ${b}`, tb, nb));
const pct = (x, y) => `${(((y - x) / x) * 100).toFixed(1)} %`;
console.log(`B against A: minimum ${pct(Math.min(...ta), Math.min(...tb))}, median ${pct(median(ta), median(tb))}`);
