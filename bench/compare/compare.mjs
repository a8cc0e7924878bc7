// The comparison benchmarks, as one function that runs unchanged in Node and in a Chromium page:
// `runCompare(libs, env)` measures, on the same generated inputs,
//   1. redaction throughput over the ≥ 10 MB report corpus (bench/compare/corpus.mjs), one report
//      per call as a portal would, every tool once per round (rounds interleave the tools, so
//      the noise of a busy machine hits all alike), and what each tool finds (recall per entity
//      type, false positives on decoys) from the outputs of the last round;
//   2. the latency of redact + seal of a 10 KB report to 1, 3 and 10 recipients;
//   3. seal / open throughput for 1 KiB, 1 MiB and 64 MiB, every sealer per round, with the
//      ours/theirs ratio taken within each round.
// The crafted worst-case inputs run in a worker with a timeout (bench/compare/worst.mjs).
import { stats, fillPseudoRandom } from '../envelope.mjs';
import { makeCorpus, makeReportOfSize } from './corpus.mjs';
import { redactors, sealers, score } from './tools.mjs';

const now = () => performance.now();
const KiB = 1024;
const MiB = 1024 * 1024;
const fmtSize = (n) => (n >= MiB ? `${n / MiB} MiB` : n >= KiB ? `${n / KiB} KiB` : `${n} B`);
const tick = () => new Promise((ok) => setTimeout(ok, 0));

async function redactionThroughput(libs, env, log) {
  const corpus = makeCorpus({ targetBytes: env.corpusBytes });
  const tools = redactors(libs);
  const warmReports = corpus.reports.slice(0, 50);
  for (const t of tools) for (const r of warmReports) t.run(r.text); // JIT, lexicon, regex caches
  const samples = Object.fromEntries(tools.map((t) => [t.id, []]));
  let outputs = null;
  for (let round = 0; round < env.corpusRuns; round++) {
    const last = round === env.corpusRuns - 1;
    if (last) outputs = Object.fromEntries(tools.map((t) => [t.id, new Array(corpus.reports.length)]));
    // Rotate the order each round so no tool always runs after the same neighbour's GC debt.
    const order = tools.map((_, i) => tools[(i + round) % tools.length]);
    for (const t of order) {
      const out = last ? outputs[t.id] : null;
      const t0 = now();
      for (let i = 0; i < corpus.reports.length; i++) {
        const o = t.run(corpus.reports[i].text);
        if (out) out[i] = o;
      }
      samples[t.id].push(now() - t0);
      log?.(`  corpus round ${round + 1}/${env.corpusRuns}: ${t.id} ${(corpus.bytes / 1e3 / samples[t.id].at(-1)).toFixed(2)} MB/s`);
      await tick();
    }
  }
  const result = { bytes: corpus.bytes, reports: corpus.reports.length, runs: env.corpusRuns, tools: {} };
  for (const t of tools) {
    const ms = samples[t.id];
    const sc = corpus.reports.map((rep, i) => score(rep, outputs[t.id][i], t.output));
    result.tools[t.id] = { label: t.label, output: t.output, mbps: stats(ms.map((x) => corpus.bytes / 1e3 / x)), seconds: stats(ms.map((x) => x / 1e3)), ...summarise(corpus, sc) };
  }
  // Ratios within each round: our MB/s over theirs.
  result.ratios = {};
  for (const ours of tools.filter((t) => t.id.startsWith('borderseal'))) {
    for (const t of tools.filter((x) => !x.id.startsWith('borderseal'))) {
      result.ratios[`${ours.id} / ${t.id}`] = stats(samples[ours.id].map((ms, i) => samples[t.id][i] / ms));
    }
  }
  return result;
}

/** Recall per entity type and decoy hits from per-report scores (shared with the Presidio path). */
export function summarise(corpus, scores) {
  const per = {};
  const decoys = {};
  let refused = 0;
  const refusedCodes = {};
  corpus.reports.forEach((rep, i) => {
    const s = scores[i];
    if (s.refused) { refused++; refusedCodes[s.refused] = (refusedCodes[s.refused] ?? 0) + 1; return; }
    rep.labels.forEach((l, j) => {
      per[l.entity] ??= { labels: 0, found: 0 };
      per[l.entity].labels++;
      if (s.found[j]) per[l.entity].found++;
    });
    rep.decoys.forEach((d, j) => {
      decoys[d.kind] ??= { decoys: 0, flagged: 0 };
      decoys[d.kind].decoys++;
      if (s.decoyHits[j]) decoys[d.kind].flagged++;
    });
  });
  let labels = 0; let found = 0; let dn = 0; let df = 0;
  for (const v of Object.values(per)) { labels += v.labels; found += v.found; v.recall = v.found / v.labels; }
  for (const v of Object.values(decoys)) { dn += v.decoys; df += v.flagged; v.rate = v.flagged / v.decoys; }
  return { recall: labels ? found / labels : null, labels, found, perEntity: per, decoys: { total: dn, flagged: df, rate: dn ? df / dn : null, perKind: decoys }, refusedReports: refused, refusedCodes };
}

async function timeReps(fn, minSampleMs, maxReps = 1 << 14) {
  let n = 1;
  for (;;) {
    const t0 = now();
    for (let i = 0; i < n; i++) await fn();
    const dt = now() - t0;
    if (dt >= minSampleMs || n >= maxReps) return n;
    n = Math.min(maxReps, Math.max(n * 2, Math.ceil((n * minSampleMs * 1.2) / Math.max(dt, 0.05))));
  }
}

async function latency(libs, env, log) {
  const text = makeReportOfSize(10 * 1000);
  const bytes = new TextEncoder().encode(text);
  const rs = Object.fromEntries(redactors(libs).map((t) => [t.id, t]));
  const ss = sealers(libs).filter((s) => !s.noRecipients && s.id !== 'borderseal-stream-wasm' && s.id !== 'borderseal-stream-webcrypto');
  const cases = {};
  const notes = {};
  // Redaction alone, each tool.
  for (const [id, t] of Object.entries(rs)) cases[`redact ${id}`] = async () => t.run(text);
  const ours = rs['borderseal-redactText'];
  const oursOut = ours?.run(text);
  const oursRefused = oursOut && typeof oursOut === 'object';
  if (oursRefused) notes.borderseal = `redactText refused the 10 KB report (${oursOut.refused}); the redact+seal rows time the refusal + seal of the analyze-only path`;
  for (const n of env.recipients) {
    for (const s of ss) {
      const ctx = await s.setup(n);
      if (s.ours) {
        const r = libs.borderseal && new libs.borderseal.Redactor();
        cases[`redact+seal ${n} borderseal (redactText + seal)`] = async () => {
          let out;
          try { out = r.redactText(text).text; } catch { r.analyze(text); out = text; }
          return s.seal(ctx, out);
        };
      } else {
        const red = rs['@redactpii/node'];
        if (red) cases[`redact+seal ${n} @redactpii/node + ${s.id}`] = async () => s.seal(ctx, new TextEncoder().encode(red.run(text)));
      }
      cases[`seal ${n} ${s.id}`] = async () => s.seal(ctx, bytes);
    }
  }
  const names = Object.keys(cases);
  const reps = {};
  const samples = Object.fromEntries(names.map((k) => [k, []]));
  for (let r = 0; r < env.warmup + env.latencyRuns; r++) {
    for (const k of names) {
      if (r === 0) { await cases[k](); reps[k] = await timeReps(cases[k], env.minSampleMs); }
      const t0 = now();
      for (let i = 0; i < reps[k]; i++) await cases[k]();
      if (r >= env.warmup) samples[k].push((now() - t0) / reps[k]);
    }
    await tick();
    log?.(`  10 KB latency round ${r + 1}/${env.warmup + env.latencyRuns}`);
  }
  const out = { reportBytes: bytes.length, notes, cases: {} };
  for (const k of names) out.cases[k] = { ms: stats(samples[k]), opsPerSample: reps[k] };
  return out;
}

async function cryptoThroughput(libs, env, log) {
  const list = sealers(libs);
  const result = { sizes: [], streaming: Object.fromEntries(list.map((s) => [s.id, s.streaming])), labels: Object.fromEntries(list.map((s) => [s.id, s.label])) };
  const ctxs = {};
  for (const s of list) ctxs[s.id] = await s.setup(1);
  for (const size of env.sizes) {
    const data = new Uint8Array(size);
    fillPseudoRandom(data, 0x5eed + size);
    const big = size >= 16 * MiB;
    // Inputs for the open side, made once and checked once (this is also the warm-up at 64 MiB).
    const cts = {};
    for (const s of list) {
      cts[s.id] = await s.seal(ctxs[s.id], data);
      const n = await s.open(ctxs[s.id], cts[s.id]);
      const len = typeof n === 'number' ? n : n.length;
      if (len !== size) throw new Error(`${s.id}: round trip of ${size} bytes gave ${len}`);
    }
    log?.(`  ${fmtSize(size)}: round trips checked`);
    const keys = [];
    for (const s of list) for (const op of ['seal', 'open']) keys.push([s, op]);
    const reps = {};
    const samples = Object.fromEntries(keys.map(([s, op]) => [`${s.id}.${op}`, []]));
    const warmup = big ? 0 : env.warmup;
    const runs = big ? env.runsLarge : env.runs;
    for (let r = 0; r < warmup + runs; r++) {
      const order = keys.map((_, i) => keys[(i + r * 2) % keys.length]);
      for (const [s, op] of order) {
        const k = `${s.id}.${op}`;
        const fn = op === 'seal' ? () => s.seal(ctxs[s.id], data) : () => s.open(ctxs[s.id], cts[s.id]);
        if (r === 0 && !big) { await fn(); reps[k] = await timeReps(fn, env.minSampleMs, 1 << 16); }
        const n = reps[k] ?? 1;
        const t0 = now();
        for (let i = 0; i < n; i++) await fn();
        if (r >= warmup) samples[k].push((now() - t0) / n);
        await tick();
      }
      log?.(`  ${fmtSize(size)}: round ${r + 1}/${warmup + runs}${r < warmup ? ' (warm-up)' : ''}`);
    }
    const mbps = (ms) => size / 1e6 / (ms / 1e3);
    const out = { bytes: size, label: fmtSize(size), runs, tools: {}, ratios: {} };
    for (const s of list) {
      out.tools[s.id] = {};
      for (const op of ['seal', 'open']) out.tools[s.id][op] = { mbps: stats(samples[`${s.id}.${op}`].map(mbps)), msPerOp: stats(samples[`${s.id}.${op}`]), opsPerSample: reps[`${s.id}.${op}`] ?? 1 };
    }
    for (const ours of list.filter((s) => s.ours)) {
      for (const s of list.filter((x) => !x.ours)) {
        for (const op of ['seal', 'open']) {
          const a = samples[`${ours.id}.${op}`];
          const b = samples[`${s.id}.${op}`];
          out.ratios[`${ours.id} / ${s.id}.${op}`] = stats(a.map((ms, i) => b[i] / ms)); // same round
        }
      }
    }
    result.sizes.push(out);
    await tick();
  }
  return result;
}

export async function runCompare(libs, env = {}) {
  env = {
    corpusBytes: 10 * 1000 * 1000, corpusRuns: 3, warmup: 1, runs: 5, runsLarge: 3, latencyRuns: 7,
    sizes: [KiB, MiB, 64 * MiB], recipients: [1, 3, 10], minSampleMs: 40, parts: ['redaction', 'latency', 'crypto'], ...env,
  };
  const log = env.log ?? null;
  const started = now();
  const out = { runtime: env.runtime ?? 'unknown', userAgent: globalThis.navigator?.userAgent ?? null, settings: { ...env, log: undefined } };
  if (env.parts.includes('redaction')) { log?.(`${out.runtime}: redaction of the corpus`); out.redaction = await redactionThroughput(libs, env, log); }
  if (env.parts.includes('latency')) { log?.(`${out.runtime}: 10 KB redact + seal latency`); out.latency = await latency(libs, env, log); }
  if (env.parts.includes('crypto')) { log?.(`${out.runtime}: seal/open throughput`); out.crypto = await cryptoThroughput(libs, env, log); }
  out.seconds = (now() - started) / 1e3;
  return out;
}
