// Presidio's pattern recognizers on the same inputs as the JS tools, in a Python subprocess
// (bench/compare/presidio_bench.py): the report corpus (throughput + what it finds, scored by the
// same function as the JS tools) and the crafted worst-case inputs (each call killed after the
// timeout; the process is restarted then).
//   node bench/compare/presidio.mjs --python PY [--corpus-bytes N] [--runs N] [--timeout-ms N]
//        [--worst-sizes a,b,c] [--no-worst] [--out f.json]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { makeCorpus, makeWorstCase, WORST_CASES } from './corpus.mjs';
import { score } from './tools.mjs';
import { summarise } from './compare.mjs';
import { stats } from '../envelope.mjs';

const args = process.argv.slice(2);
const opt = (n, d) => { const i = args.indexOf(n); return i >= 0 ? args[i + 1] : d; };
const python = opt('--python', 'python3');
const script = fileURLToPath(new URL('./presidio_bench.py', import.meta.url));
const timeoutMs = Number(opt('--timeout-ms', '5000'));
const log = (s) => console.error(s);
const dir = mkdtempSync(join(tmpdir(), 'bench-presidio-'));
const result = { tool: 'presidio' };

try {
  // --- corpus ---
  const corpus = makeCorpus({ targetBytes: Number(opt('--corpus-bytes', String(10 * 1000 * 1000))) });
  const jsonl = join(dir, 'corpus.jsonl');
  writeFileSync(jsonl, corpus.reports.map((r) => JSON.stringify(r.text)).join('\n') + '\n');
  const runs = Number(opt('--runs', '1'));
  log(`presidio: corpus ${(corpus.bytes / 1e6).toFixed(1)} MB, ${runs} run(s)`);
  const outFile = join(dir, 'corpus.json');
  const r = spawnSync(python, [script, 'corpus', jsonl, String(runs), outFile], { stdio: ['ignore', 'inherit', 'inherit'], timeout: 20 * 60 * 1000 });
  if (r.status !== 0) throw new Error(`presidio corpus run failed (status ${r.status}, ${r.error?.message ?? ''})`);
  const p = JSON.parse(readFileSync(outFile, 'utf8'));
  const scores = corpus.reports.map((rep, i) => score(rep, p.findings[i], 'spans'));
  const { findings, seconds, ...meta } = p;
  result.meta = meta;
  result.redaction = {
    bytes: corpus.bytes, reports: corpus.reports.length, runs,
    mbps: stats(seconds.map((s) => corpus.bytes / 1e6 / s)), seconds: stats(seconds),
    ...summarise(corpus, scores),
  };
  log(`presidio: ${result.redaction.mbps.median.toFixed(2)} MB/s, recall ${result.redaction.recall.toFixed(3)}`);

  // --- worst cases ---
  if (!args.includes('--no-worst')) {
    const sizes = opt('--worst-sizes', '32768,65536,1048576').split(',').map(Number);
    let proc = null; let lines = null;
    const start = async () => {
      proc = spawn(python, [script, 'serve'], { stdio: ['pipe', 'pipe', 'inherit'] });
      const rl = createInterface({ input: proc.stdout });
      const queue = []; const waiting = [];
      rl.on('line', (l) => { const m = JSON.parse(l); if (waiting.length) waiting.shift()(m); else queue.push(m); });
      lines = () => (queue.length ? Promise.resolve(queue.shift()) : new Promise((ok) => waiting.push(ok)));
      await lines(); // ready (recognizers loaded, patterns compiled lazily on first use)
    };
    const call = (job) => new Promise((ok) => {
      const timer = setTimeout(() => ok({ timeout: true }), timeoutMs);
      lines().then((m) => { clearTimeout(timer); ok(m); });
      proc.stdin.write(JSON.stringify(job) + '\n');
    });
    await start();
    // Warm-up: compile every pattern on a small text.
    const warm = join(dir, 'warm.txt'); writeFileSync(warm, corpus.reports[0].text); await call({ file: warm });
    const rows = [];
    for (const kind of Object.keys(WORST_CASES)) {
      let timedOutAt = null;
      for (const bytes of sizes) {
        const row = { tool: 'presidio', kind, bytes };
        if (timedOutAt !== null) { Object.assign(row, { status: 'skipped', note: `timed out at ${timedOutAt} B` }); rows.push(row); continue; }
        const file = join(dir, 'worst.txt');
        writeFileSync(file, makeWorstCase(kind, bytes));
        const first = await call({ file, reps: 1 });
        if (first.timeout) {
          Object.assign(row, { status: 'timeout', ms: { median: null, min: timeoutMs, max: null, n: 0 } });
          timedOutAt = bytes;
          proc.kill('SIGKILL');
          await start();
        } else {
          let times = first.times;
          if (first.times[0] * 3 * 1000 < timeoutMs / 2) {
            const more = await call({ file, reps: 3 });
            if (more.timeout) { proc.kill('SIGKILL'); await start(); } else times = more.times;
          }
          Object.assign(row, { status: 'ok', ms: stats(times.map((s) => s * 1000)) });
        }
        rows.push(row);
        log(`  worst presidio ${kind} ${bytes}: ${row.status} ${row.ms?.median != null ? row.ms.median.toFixed(1) + ' ms' : ''}`);
      }
    }
    proc.kill('SIGKILL');
    result.worst = { timeoutMs, sizes, runs: 3, results: rows };
  }
} catch (err) {
  result.error = String(err.message);
  log(`presidio: ${result.error}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const json = JSON.stringify(result, null, 2);
const out = opt('--out', null);
if (out) writeFileSync(out, json + '\n'); else console.log(json);
