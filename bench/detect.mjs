// Detection throughput and worst-case benchmark of the built package, in Node.
//
//   node bench/detect.mjs [--pkg DIR] [--quick] [--only mixed|varied|crafted|<crafted name>] [--json FILE]
//
// (1) A deterministic mixed multilingual report corpus (≥ 10 MB of UTF-8; the same generator,
//     byte for byte, as examples/bench_detect.rs, so native and wasm figures are comparable):
//     MB/s (1 MB = 10^6 bytes of UTF-8) of `Redactor.analyze`, `Redactor.redactText` and, if
//     the build has the hook, detection alone — median of 5 runs after a warm-up, with min/max,
//     by wall clock and by process CPU time (the machine may be shared).
// (2) Crafted worst-case inputs of 1 MB and 2 MB for each recognizer family (the set of
//     examples/bench_detect.rs): ms per call and the 2 MB / 1 MB ratio (≈ 2 means linear).
// Figures only, no assertion: the budgets of PRODUCT.md are checked by people.

import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { corpus, repeatTo, CRAFTED, GENERATED } from './corpus.mjs';
import { makeCorpus } from './compare/corpus.mjs';

const args = process.argv.slice(2);
const opt = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const quick = args.includes('--quick');
const only = opt('--only');
const pkgDir = opt('--pkg');
const jsonOut = opt('--json');
const url = pkgDir
  ? pathToFileURL(resolve(pkgDir, 'borderseal_node.js')).href
  : new URL('../pkg/borderseal_node.js', import.meta.url).href;
const m = await import(url);

// ---- timing ----

const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

/** Runs `fn` `runs` times after `warm` warm-up runs: sorted wall and CPU ms, and fn's last result. */
function time(fn, runs, warm = 1) {
  let out;
  for (let i = 0; i < warm; i++) out = fn();
  const wall = [];
  const cpu = [];
  for (let i = 0; i < runs; i++) {
    const c = cpuMs();
    const t = performance.now();
    out = fn();
    wall.push(performance.now() - t);
    cpu.push(cpuMs() - c);
  }
  wall.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return { wall, cpu, out };
}
const median = (v) => v[Math.floor(v.length / 2)];
const f1 = (x) => x.toFixed(1);

const result = { node: process.version, pkg: url, mixed: {}, crafted: [] };
const redactor = new m.Redactor();
const ctx = { marking: 'TLP:AMBER' };
const detectOnly = typeof redactor.__benchDetect === 'function';

/** Times each `[name, fn]` of `rows` on `mb` MB and prints a line each; the rows, by name. */
function throughput(rows, mb, runs) {
  console.log(`${'call'.padEnd(12)} ${'findings'.padStart(9)} ${'MB/s wall'.padStart(10)} ${'min'.padStart(7)} ${'max'.padStart(7)} ${'MB/s CPU'.padStart(9)}`);
  const out = {};
  for (const [name, fn] of rows) {
    let r;
    try {
      r = time(fn, runs);
    } catch (e) {
      out[name] = { error: e.code ?? String(e) };
      console.log(`${name.padEnd(12)} error ${e.code ?? ''} ${e.message}`);
      continue;
    }
    const row = {
      findings: r.out,
      mbps: mb / (median(r.wall) / 1e3),
      mbpsMin: mb / (r.wall[r.wall.length - 1] / 1e3),
      mbpsMax: mb / (r.wall[0] / 1e3),
      mbpsCpu: mb / (median(r.cpu) / 1e3),
    };
    out[name] = row;
    console.log(`${name.padEnd(12)} ${String(row.findings).padStart(9)} ${f1(row.mbps).padStart(10)} ${f1(row.mbpsMin).padStart(7)} ${f1(row.mbpsMax).padStart(7)} ${f1(row.mbpsCpu).padStart(9)}`);
  }
  return out;
}

if (!only || only === 'mixed') {
  const size = quick ? 2_000_000 : 10_000_000;
  const text = corpus(size);
  const bytes = Buffer.byteLength(text);
  const mb = bytes / 1e6;
  const runs = quick ? 3 : 5;
  const rows = [
    ['analyze', () => redactor.analyze(text).length],
    ['redactText', () => redactor.redactText(text, ctx).findings.length],
  ];
  if (detectOnly) rows.push(['detect only', () => redactor.__benchDetect(text)]);
  console.log(`mixed corpus: ${f1(mb)} MB of UTF-8 (${text.length} UTF-16 units), median of ${runs} after a warm-up`);
  Object.assign(result.mixed, throughput(rows, mb, runs));
  // The product's unit of work: one 10 KB report per call (includes the per-call overhead).
  const reports = [];
  for (let i = 0; i + 10_000 <= text.length && reports.length < 200; i += 10_000) reports.push(text.slice(i, i + 10_000));
  const rb = reports.reduce((n, s) => n + Buffer.byteLength(s), 0) / 1e6;
  let failed = 0;
  const r = time(() => {
    for (const s of reports) {
      try { redactor.redactText(s, ctx); } catch { failed++; }
    }
    return reports.length;
  }, runs);
  result.mixed.redactText10k = { reports: reports.length, mbps: rb / (median(r.wall) / 1e3), msPerReport: median(r.wall) / reports.length, failedCalls: failed };
  console.log(`redactText on ${reports.length} reports of 10k UTF-16 units: ${f1(result.mixed.redactText10k.mbps)} MB/s, ${result.mixed.redactText10k.msPerReport.toFixed(3)} ms per report${failed ? `, ${failed} calls failed` : ''}`);
}

// (1b) The same calls on varied report text: the comparison benchmark's reports (English
// narrative, every value drawn anew: names from 25 × 25, identifiers with fresh digits and valid
// check digits, one value every ~110 bytes) joined into one text. The mixed corpus repeats 16
// sentences and 18 values, so a value, a name or a context word met once is met again in
// cache; here tens of thousands of distinct values reach propagation and the findings'
// conversion. Both figures matter: this one is nearer a case file or an export.
if (!only || only === 'varied') {
  const size = quick ? 2_000_000 : 10_000_000;
  const text = makeCorpus({ targetBytes: size }).reports.map((r) => r.text).join('\n\n');
  const mb = Buffer.byteLength(text) / 1e6;
  const runs = quick ? 3 : 5;
  const rows = [['analyze', () => redactor.analyze(text).length]];
  if (detectOnly) rows.push(['detect only', () => redactor.__benchDetect(text)]);
  console.log(`\nvaried corpus (bench/compare/corpus.mjs, reports joined): ${f1(mb)} MB, median of ${runs} after a warm-up`);
  result.varied = throughput(rows, mb, runs);
}

if (only !== 'mixed' && only !== 'varied') {
  console.log(`\nworst cases: Redactor.analyze, median of ${quick ? 1 : 3} runs (ms; 2/1 ≈ 2 means linear)`);
  console.log(`${'input'.padEnd(18)} ${'1 MB'.padStart(8)} ${'2 MB'.padStart(8)} ${'2/1'.padStart(5)} ${'CPU 1MB'.padStart(8)} ${'findings'.padStart(9)}`);
  const cases = [...CRAFTED.map(([name, unit]) => [name, (bytes) => repeatTo(unit, bytes)]), ...GENERATED];
  for (const [name, make] of cases) {
    if (only && only !== 'crafted' && only !== name) continue;
    const one = make(1_000_000);
    const two = make(2_000_000);
    const runs = quick ? 1 : 3;
    const a = time(() => redactor.analyze(one).length, runs);
    const b = time(() => redactor.analyze(two).length, runs);
    const row = { name, ms1: median(a.wall), ms2: median(b.wall), cpu1: median(a.cpu), cpu2: median(b.cpu), findings: a.out };
    row.ratio = row.ms2 / row.ms1;
    result.crafted.push(row);
    console.log(`${name.padEnd(18)} ${f1(row.ms1).padStart(8)} ${f1(row.ms2).padStart(8)} ${row.ratio.toFixed(2).padStart(5)} ${f1(row.cpu1).padStart(8)} ${String(row.findings).padStart(9)}`);
  }
  const worst = result.crafted.reduce((w, r) => (r.ms1 > (w?.ms1 ?? -1) ? r : w), null);
  if (worst) console.log(`slowest: ${worst.name} ${f1(worst.ms1)} ms per MB`);
}

redactor.free();
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(result, null, 2) + '\n');
