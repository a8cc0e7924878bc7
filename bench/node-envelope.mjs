// Node driver of the envelope benchmarks: imports the built package (retrying briefly, in case
// pkg/ is being rebuilt), runs bench/envelope.mjs and writes the result as JSON.
//   node bench/node-envelope.mjs [--out file.json] [--quick]
import { writeFileSync } from 'node:fs';
import { runEnvelopeBench } from './envelope.mjs';

const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const out = outAt >= 0 ? args[outAt + 1] : null;
const quick = args.includes('--quick');

async function importPackage() {
  let lastErr;
  for (let attempt = 0; attempt < 10; attempt++) {
    try {
      // A query string makes each attempt a fresh module record (a failed import is cached).
      const url = new URL('../pkg/borderseal_node.js', import.meta.url);
      if (attempt) url.search = `?retry=${attempt}`;
      return await import(url.href);
    } catch (err) {
      lastErr = err;
      console.error(`node: importing pkg/ failed (${err.message}); retrying in 3 s`);
      await new Promise((ok) => setTimeout(ok, 3000));
    }
  }
  throw lastErr;
}

const m = await importPackage();
const result = await runEnvelopeBench(m, {
  runtime: 'node',
  log: (s) => console.error(s),
  cpuMs: () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; },
  ...(quick ? { runs: 2, runsFast: 3, latencyRuns: 3, sizes: [1024, 1 << 20, 8 << 20], minSampleMs: 10 } : {}),
});
result.runtimeVersion = process.version;
result.v8 = process.versions.v8;
const json = JSON.stringify(result, null, 2);
if (out) writeFileSync(out, json + '\n');
else console.log(json);
