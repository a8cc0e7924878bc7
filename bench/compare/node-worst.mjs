// Node driver of the worst-case benchmark: each tool call in a worker thread, terminated on timeout.
//   node bench/compare/node-worst.mjs [--timeout-ms N] [--sizes a,b,c] [--out file.json]
import { Worker } from 'node:worker_threads';
import { writeFileSync } from 'node:fs';
import { runWorstCase } from './worst.mjs';

const args = process.argv.slice(2);
const opt = (n, d) => { const i = args.indexOf(n); return i >= 0 ? args[i + 1] : d; };

function spawn() {
  const worker = new Worker(new URL('./worst-worker.mjs', import.meta.url));
  let pending = null;
  let readyOk;
  const ready = new Promise((ok) => { readyOk = ok; });
  worker.on('message', (m) => { if (m.ready) readyOk(m); else if (pending) { const p = pending; pending = null; p(m); } });
  worker.on('error', (e) => { if (pending) { const p = pending; pending = null; p({ ok: false, error: String(e.message) }); } });
  return {
    ready,
    call: (msg) => new Promise((ok) => { pending = ok; worker.postMessage(msg); }),
    terminate: () => { worker.terminate(); },
  };
}

const result = await runWorstCase({
  spawn,
  timeoutMs: Number(opt('--timeout-ms', '5000')),
  sizes: opt('--sizes', '32768,65536,1048576').split(',').map(Number),
  log: (s) => console.error(s),
});
result.runtime = 'node';
const json = JSON.stringify(result, null, 2);
const out = opt('--out', null);
if (out) writeFileSync(out, json + '\n'); else console.log(json);
