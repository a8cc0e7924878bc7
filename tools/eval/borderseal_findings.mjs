// Runs the built npm package (pkg/borderseal_node.js, the wasm a browser runs) over the
// evaluation set and prints one JSON line per record: {"id", "findings": [{entity, start,
// end}]} with UTF-8 byte offsets (the fixture's unit), then {"seconds", "bytes"} for the
// analyze calls alone.
//
//   node tools/eval/borderseal_findings.mjs tests/fixtures/eval/eval.jsonl [passes=5]
import { readFileSync } from 'node:fs';
import { Redactor } from '../../pkg/borderseal_node.js';

const path = process.argv[2] ?? new URL('../../tests/fixtures/eval/eval.jsonl', import.meta.url);
const records = readFileSync(path, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l));

// The default policy (led-strict), what the portal runs: the detector with that policy's
// thresholds (lower for the five weak-checksum national numbers) and same-value propagation,
// as `evaluate_policy()` in tests/eval.rs; `analyze` only previews, it changes nothing.
const redactor = new Redactor();
// One warm-up call: the first one loads the name lexicon and builds the word tables.
redactor.analyze('Zeuge Hans Müller, IBAN DE89 3704 0044 0532 0130 00.');
// JavaScript offsets are UTF-16 code units; the fixture counts UTF-8 bytes.
const toBytes = (text, i) => Buffer.byteLength(text.slice(0, i), 'utf8');

// Timing: the best of PASSES passes over the set (the first ones also pay for V8 tiering
// the wasm code up), so the figure is the steady state a portal sees.
const passes = Math.max(1, Number(process.argv[3] ?? 5));
let seconds = Infinity;
let bytes = 0;
let results = [];
for (let pass = 0; pass < passes; pass += 1) {
  let t = 0;
  bytes = 0;
  results = [];
  for (const rec of records) {
    const t0 = process.hrtime.bigint();
    const found = redactor.analyze(rec.text);
    t += Number(process.hrtime.bigint() - t0) / 1e9;
    bytes += Buffer.byteLength(rec.text, 'utf8');
    results.push([rec, found]);
  }
  seconds = Math.min(seconds, t);
}
const out = results.map(([rec, found]) =>
  JSON.stringify({
    id: rec.id,
    findings: found.map((f) => ({
      entity: f.entity,
      start: toBytes(rec.text, f.start),
      end: toBytes(rec.text, f.end),
      score: f.score,
    })),
  }),
);
out.push(JSON.stringify({ seconds, bytes }));
process.stdout.write(out.join('\n') + '\n');
