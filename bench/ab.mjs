// Two builds of the package timed against each other in one process: `analyze` (or detection
// alone) of the 10 MB mixed corpus, two rounds of warm-up, then ROUNDS rounds of four calls,
// A B B A and B A A B in turn, so that neither build is always called first. Each round gives
// one paired ratio, (B + B) / (A + A) of its own four calls: the machine's drift between
// rounds cancels out of it. On a shared machine whose speed drifts, only such a ratio is
// worth reading (docs/PERFORMANCE.md). Run it in both orders (A and B swapped) and average:
// the build loaded second has measured 2-3 % slower whichever it was.
//
//   node bench/ab.mjs DIR_A DIR_B [ROUNDS] [analyze|detect] [mixed|varied]
//
// `varied`: the comparison benchmark's reports joined into 10 MB (as `bench/detect.mjs --only
// varied`), a value every ~110 bytes, each drawn anew, instead of the mixed corpus.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { makeCorpus } from './compare/corpus.mjs';
import { corpus } from './corpus.mjs';

const [a, b] = process.argv.slice(2, 4);
if (!a || !b) {
  console.error('usage: node bench/ab.mjs DIR_A DIR_B [ROUNDS] [analyze|detect] [mixed|varied]');
  process.exit(2);
}
const rounds = Number(process.argv[4] ?? 15);
const fn = process.argv[5] ?? 'analyze';
const varied = process.argv[6] === 'varied';
const ma = await import(`${pathToFileURL(resolve(a, 'borderseal_node.js')).href}?a`);
const mb = await import(`${pathToFileURL(resolve(b, 'borderseal_node.js')).href}?b`);
const text = varied
  ? makeCorpus({ targetBytes: 10_000_000 }).reports.map((r) => r.text).join('\n\n')
  : corpus(10_000_000);
const ra = new ma.Redactor();
const rb = new mb.Redactor();
let na;
let nb;
const call = (r) => (fn === 'detect' ? r.__benchDetect(text) : r.analyze(text).length);
const time = (r, which) => {
  const t = performance.now();
  const n = call(r);
  if (which === 'a') na = n;
  else nb = n;
  return performance.now() - t;
};
for (let i = 0; i < 2; i++) {
  time(ra, 'a');
  time(rb, 'b');
}
const ta = [];
const tb = [];
const ratios = [];
for (let i = 0; i < rounds; i++) {
  let a1;
  let a2;
  let b1;
  let b2;
  if (i % 2 === 0) {
    a1 = time(ra, 'a');
    b1 = time(rb, 'b');
    b2 = time(rb, 'b');
    a2 = time(ra, 'a');
  } else {
    b1 = time(rb, 'b');
    a1 = time(ra, 'a');
    a2 = time(ra, 'a');
    b2 = time(rb, 'b');
  }
  ta.push(a1, a2);
  tb.push(b1, b2);
  ratios.push((b1 + b2) / (a1 + a2));
}
const median = (v) => [...v].sort((x, y) => x - y)[Math.floor(v.length / 2)];
const geomean = (v) => Math.exp(v.reduce((s, x) => s + Math.log(x), 0) / v.length);
const line = (dir, v, n) =>
  `${dir}: min ${Math.min(...v).toFixed(1)} ms, median ${median(v).toFixed(1)} ms (${n} ${fn === 'detect' ? 'found' : 'findings'})`;
console.log(line(`A ${a}`, ta, na));
console.log(line(`B ${b}`, tb, nb));
const pct = (r) => `${((r - 1) * 100).toFixed(1)} %`;
console.log(
  `B against A: paired ratio ${median(ratios).toFixed(4)} by the median of ${rounds} rounds (${pct(median(ratios))}), ` +
    `${geomean(ratios).toFixed(4)} by their geometric mean; minimum ${pct(Math.min(...tb) / Math.min(...ta))}, ` +
    `median ${pct(median(tb) / median(ta))}`,
);
