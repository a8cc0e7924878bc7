// Peak memory of sealing and opening a large payload through the streaming API, in Node.
//
//   node bench/memory-envelope.mjs [--bytes N] [--wasm] [--out file.json]
//
// The parent spawns itself as a child (`--child`, plain `node`, default heap limits) and samples
// the child's /proc/<pid>/status (VmRSS) every 50 ms from outside, so a pipeline that keeps the
// child's event loop busy cannot hide a peak. The child makes the input on the fly (64 KiB
// pieces, never materialised), pipes sealStream → openStream → a sink that counts the bytes and
// checks a running hash, samples process.memoryUsage() and the wasm memory every 50 ms from
// inside the pipeline, and reads the kernel's exact peak (VmHWM, reset after the baseline).
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const totalBytes = Number(opt('--bytes', String(1024 * 1024 * 1024)));
const webCrypto = !args.includes('--wasm');
const MiB = 1024 * 1024;

function procStatus(pid = 'self') {
  const s = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k) => { const m = s.match(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm')); return m ? Number(m[1]) * 1024 : null; };
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

async function child() {
  let m;
  for (let attempt = 0; ; attempt++) {
    try {
      const url = new URL('../pkg/borderseal_node.js', import.meta.url);
      if (attempt) url.search = `?retry=${attempt}`;
      m = await import(url.href);
      break;
    } catch (err) {
      if (attempt >= 9) throw err;
      console.error(`memory: importing pkg/ failed (${err.message}); retrying in 3 s`);
      await new Promise((ok) => setTimeout(ok, 3000));
    }
  }
  const { runStreamPipeline } = await import('./envelope.mjs');
  // The wasm exports (with `memory`): initSync returns them once the module is initialised.
  const wasm = m.initSync(undefined);
  const wasmBytes = () => wasm?.memory?.buffer?.byteLength ?? null;

  // Warm up on 4 MiB so that the baseline includes the compiled code and a grown wasm memory
  // for one chunk, as any real use would, then settle.
  await runStreamPipeline(m, { totalBytes: 4 * MiB, webCrypto });
  globalThis.gc?.();
  await new Promise((ok) => setTimeout(ok, 200));
  globalThis.gc?.();
  const base = { ...process.memoryUsage(), wasm: wasmBytes() };
  let hwmReset = false;
  try { writeFileSync('/proc/self/clear_refs', '5'); hwmReset = true; } catch { /* older kernels */ }
  process.send?.({ type: 'baseline', rss: base.rss });

  const peak = { rss: base.rss, heapUsed: base.heapUsed, heapTotal: base.heapTotal, arrayBuffers: base.arrayBuffers, external: base.external, wasm: base.wasm };
  let samples = 0;
  const sample = () => {
    const u = process.memoryUsage();
    samples++;
    for (const k of ['rss', 'heapUsed', 'heapTotal', 'arrayBuffers', 'external']) if (u[k] > peak[k]) peak[k] = u[k];
    const w = wasmBytes();
    if (w > peak.wasm) peak.wasm = w;
  };
  const timer = setInterval(sample, 50); // fires when the event loop turns
  const r = await runStreamPipeline(m, { totalBytes, webCrypto, onProgress: sample, sampleEveryMs: 50 });
  clearInterval(timer);
  sample();
  const kernel = procStatus();
  // What is left once the garbage is collected: tells retained memory from GC lag.
  globalThis.gc?.();
  await new Promise((ok) => setTimeout(ok, 200));
  const afterGc = process.memoryUsage();
  process.send?.({
    type: 'result',
    result: {
      ...r,
      webCrypto,
      samples,
      baseline: base,
      peak,
      kernelPeakRss: hwmReset ? kernel.hwm : null,
      afterGc,
      gcExposed: typeof globalThis.gc === 'function',
    },
  });
}

async function parent() {
  const me = fileURLToPath(import.meta.url);
  const childArgs = ['--expose-gc', me, '--child', '--bytes', String(totalBytes)];
  if (!webCrypto) childArgs.push('--wasm');
  const proc = spawn(process.execPath, childArgs, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let baselineRss = null;
  let outsidePeak = 0;
  let outsideSamples = 0;
  let result = null;
  const poll = setInterval(() => {
    if (baselineRss === null) return;
    try {
      const { rss } = procStatus(proc.pid);
      outsideSamples++;
      if (rss > outsidePeak) outsidePeak = rss;
    } catch { /* exited */ }
  }, 50);
  proc.on('message', (msg) => {
    if (msg.type === 'baseline') { baselineRss = msg.rss; outsidePeak = msg.rss; }
    if (msg.type === 'result') { result = msg.result; clearInterval(poll); }
  });
  const code = await new Promise((ok) => proc.on('exit', ok));
  clearInterval(poll);
  if (code !== 0 || !result) throw new Error(`memory child exited with ${code}`);
  const peakRss = Math.max(result.peak.rss, outsidePeak, result.kernelPeakRss ?? 0);
  const out = {
    runtime: 'node',
    runtimeVersion: process.version,
    path: webCrypto ? 'stream-webcrypto' : 'stream-wasm',
    bytes: result.bytes,
    hashOk: result.hashOk,
    seconds: result.seconds,
    mbps: result.bytes / 1e6 / result.seconds,
    baseline: result.baseline,
    peak: result.peak,
    peakRssOutside: outsidePeak,
    kernelPeakRss: result.kernelPeakRss,
    samplesInside: result.samples,
    samplesOutside: outsideSamples,
    peakRssOverBaseline: peakRss - result.baseline.rss,
    peakHeapUsedOverBaseline: result.peak.heapUsed - result.baseline.heapUsed,
    peakArrayBuffersOverBaseline: result.peak.arrayBuffers - result.baseline.arrayBuffers,
    afterGcOverBaseline: {
      rss: result.afterGc.rss - result.baseline.rss,
      heapUsed: result.afterGc.heapUsed - result.baseline.heapUsed,
      arrayBuffers: result.afterGc.arrayBuffers - result.baseline.arrayBuffers,
    },
    wasmMemory: { baseline: result.baseline.wasm, peak: result.peak.wasm },
  };
  const json = JSON.stringify(out, null, 2);
  const dest = opt('--out', null);
  if (dest) writeFileSync(dest, json + '\n');
  else console.log(json);
}

if (args.includes('--child')) await child();
else await parent();
