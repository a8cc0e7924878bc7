// The worst-case benchmark: every redactor on every crafted input (bench/compare/corpus.mjs
// WORST_CASES) at 32 KiB, 64 KiB and 1 MiB, each call in a worker that is terminated after
// `timeoutMs`, so a catastrophic case reads "> N s" instead of hanging the run. Once a tool times
// out on an input kind, its larger sizes of that kind are not run (they would only time out too:
// the cost grows with size) and are reported as skipped.
// `spawn()` is given by the runtime (Node worker_threads or a browser Worker) and returns
// { ready: Promise<{tools}>, call(msg) → Promise<reply>, terminate() }.
import { WORST_CASES } from './corpus.mjs';
import { stats } from '../envelope.mjs';

export async function runWorstCase({ spawn, sizes = [32 * 1024, 64 * 1024, 1024 * 1024], timeoutMs = 5000, runs = 3, log }) {
  let w = spawn();
  const { tools } = await w.ready;
  const results = [];
  for (const tool of tools) {
    for (const kind of Object.keys(WORST_CASES)) {
      let timedOutAt = null;
      for (const bytes of sizes) {
        const row = { tool, kind, bytes };
        if (timedOutAt !== null) {
          Object.assign(row, { status: 'skipped', note: `timed out at ${timedOutAt} B` });
          results.push(row);
          continue;
        }
        // One call first (it is also the warm-up when fast); repeat only when it was quick.
        const first = await callWithTimeout(w, { tool, kind, bytes, reps: 1 }, timeoutMs);
        if (first.timeout) {
          row.status = 'timeout';
          row.ms = { median: null, min: timeoutMs, max: null, n: 0 };
          timedOutAt = bytes;
          w.terminate();
          w = spawn();
          await w.ready;
        } else if (!first.ok) {
          Object.assign(row, { status: 'error', error: first.error });
        } else if (first.refused) {
          Object.assign(row, { status: 'refused', refused: first.refused, ms: stats(first.times) });
        } else {
          let times = first.times;
          if (first.times[0] * runs < timeoutMs / 2) {
            const more = await callWithTimeout(w, { tool, kind, bytes, reps: runs }, timeoutMs);
            if (more.ok) times = more.times; // else keep the first (the machine hiccupped)
            if (more.timeout) { w.terminate(); w = spawn(); await w.ready; }
          }
          Object.assign(row, { status: 'ok', ms: stats(times) });
        }
        results.push(row);
        log?.(`  worst ${tool} ${kind} ${bytes}: ${row.status} ${row.ms?.median != null ? row.ms.median.toFixed(1) + ' ms' : ''}`);
      }
    }
  }
  w.terminate();
  return { timeoutMs, sizes, runs, results };
}

function callWithTimeout(w, msg, timeoutMs) {
  return new Promise((ok) => {
    const timer = setTimeout(() => ok({ timeout: true }), timeoutMs);
    w.call(msg).then((r) => { clearTimeout(timer); ok(r); });
  });
}
