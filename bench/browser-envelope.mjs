// Chromium driver of the envelope benchmarks: serves pkg/, bench/ and www/ on a loopback port,
// opens Debian's headless Chromium through playwright-core, and runs bench/envelope.mjs in the
// page (the same code as in Node), then a shorter streaming-memory run in a fresh renderer.
//   node bench/browser-envelope.mjs [--out file.json] [--quick] [--memory-bytes N] [--no-memory | --memory-only]
import { chromium } from 'playwright-core';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../scripts/serve.mjs';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const quick = args.includes('--quick');
const memoryBytes = Number(opt('--memory-bytes', String(256 * 1024 * 1024)));
const log = (s) => console.error(s);

// The Chromium flags of the browser tests (Debian Chromium, root, closed network).
import { CHROMIUM_ARGS } from '../tests/browser/chromium.mjs';

// --- the renderer processes of our browser (descendants of this process), read from /proc ---
function procTable() {
  const rows = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      rows.push({ pid: Number(d), ppid });
    } catch { /* gone */ }
  }
  return rows;
}
function rendererPids() {
  const rows = procTable();
  const mine = new Set([process.pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const r of rows) if (!mine.has(r.pid) && mine.has(r.ppid)) { mine.add(r.pid); grew = true; }
  }
  const out = [];
  for (const pid of mine) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) out.push(pid);
    } catch { /* gone */ }
  }
  return out;
}
function rssOf(pid) {
  try {
    const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
    return m ? Number(m[1]) * 1024 : null;
  } catch { return null; }
}

async function openBenchPage(context, origin) {
  const page = await context.newPage();
  page.on('console', (msg) => { if (!msg.text().startsWith('Failed to load resource')) log(`[page] ${msg.text()}`); });
  page.on('response', (r) => { if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) log(`[page] HTTP ${r.status()} ${r.url()}`); });
  page.on('pageerror', (e) => log(`[pageerror] ${e.message}`));
  // Any same-origin document will do: the module is imported by the evaluated code. This one is
  // served as text and runs nothing by itself; the origin is a secure context (loopback), so
  // crypto.subtle exists, and the server's CSP allows same-origin modules and wasm.
  await page.goto(`${origin}/bench/envelope.mjs`);
  // Import the package (retrying: the lead may be rebuilding pkg/), init the wasm, keep both.
  for (let attempt = 0; ; attempt++) {
    try {
      await page.evaluate(async (attempt) => {
        const q = attempt ? `?retry=${attempt}` : '';
        const m = await import(`/pkg/borderseal.js${q}`);
        const wasm = await m.default();
        const bench = await import('/bench/envelope.mjs');
        globalThis.__bench = { m, wasm, bench };
      }, attempt);
      return page;
    } catch (err) {
      if (attempt >= 9) throw err;
      log(`chromium: loading pkg/ failed (${err.message.split('\n')[0]}); retrying in 3 s`);
      await new Promise((ok) => setTimeout(ok, 3000));
      await page.reload();
    }
  }
}

async function throughputBench(browser, origin) {
  const context = await browser.newContext();
  const page = await openBenchPage(context, origin);
  const settings = quick ? { runs: 2, runsFast: 3, latencyRuns: 3, sizes: [1024, 1 << 20, 8 << 20], minSampleMs: 10 } : {};
  const result = await page.evaluate(async (settings) => {
    const { m, bench } = globalThis.__bench;
    return bench.runEnvelopeBench(m, { runtime: 'chromium', log: (s) => console.log(s), ...settings });
  }, settings);
  await context.close();
  return result;
}

async function memoryBench(browser, origin, raw = false) {
  const context = await browser.newContext();
  const page = await openBenchPage(context, origin);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const metrics = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const get = (n) => metrics.find((x) => x.name === n)?.value ?? null;
    return { jsHeapUsed: get('JSHeapUsedSize'), jsHeapTotal: get('JSHeapTotalSize') };
  };
  // Warm up (compiles the code, grows wasm memory for one chunk), then settle and take a baseline.
  await page.evaluate(async () => {
    const { m, bench } = globalThis.__bench;
    await bench.runStreamPipeline(m, { totalBytes: 4 * 1024 * 1024 });
  });
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await new Promise((ok) => setTimeout(ok, 300));
  // The renderer doing the work is the one of this page; other renderers (closed contexts,
  // spares) are watched too and the one that grows most is reported.
  const pids = rendererPids();
  const base = { ...(await metrics()), rss: Object.fromEntries(pids.map((p) => [p, rssOf(p)])) };
  const peak = { jsHeapUsed: base.jsHeapUsed, jsHeapTotal: base.jsHeapTotal, rss: { ...base.rss } };
  let samples = 0;
  let running = true;
  const series = []; // [seconds, max renderer RSS over baseline, JS heap used], about every 0.5 s
  const t0 = Date.now();
  const poll = (async () => {
    while (running) {
      let grow = 0;
      for (const p of pids) {
        const r = rssOf(p);
        if (r > (peak.rss[p] ?? 0)) peak.rss[p] = r;
        if (r - (base.rss[p] ?? 0) > grow) grow = r - (base.rss[p] ?? 0);
      }
      let heap = null;
      try {
        const x = await metrics();
        heap = x.jsHeapUsed;
        if (x.jsHeapUsed > peak.jsHeapUsed) peak.jsHeapUsed = x.jsHeapUsed;
        if (x.jsHeapTotal > peak.jsHeapTotal) peak.jsHeapTotal = x.jsHeapTotal;
      } catch { /* page busy or closing */ }
      if (samples % 10 === 0) series.push([(Date.now() - t0) / 1e3, grow, heap]);
      samples++;
      await new Promise((ok) => setTimeout(ok, 50));
    }
  })();
  const inPage = await page.evaluate(async ([totalBytes, raw]) => {
    const { m, bench, wasm } = globalThis.__bench;
    const pm = () => performance.memory?.usedJSHeapSize ?? null;
    const wasmBytes = () => wasm?.memory?.buffer?.byteLength ?? null;
    const base = { heapUsed: pm(), wasm: wasmBytes() };
    const peak = { ...base };
    let samples = 0;
    const sample = () => {
      samples++;
      const h = pm(); if (h > peak.heapUsed) peak.heapUsed = h;
      const w = wasmBytes(); if (w > peak.wasm) peak.wasm = w;
    };
    const r = await bench.runStreamPipeline(m, { totalBytes, raw, onProgress: sample, sampleEveryMs: 50 });
    sample();
    return { ...r, performanceMemory: { baseline: base.heapUsed, peak: peak.heapUsed }, wasmMemory: { baseline: base.wasm, peak: peak.wasm }, samples };
  }, [memoryBytes, raw]);
  running = false;
  await poll;
  // What is left once the garbage is collected: tells retained memory from GC lag.
  await cdp.send('HeapProfiler.collectGarbage');
  await new Promise((ok) => setTimeout(ok, 300));
  const afterGc = { ...(await metrics()), rss: Object.fromEntries(pids.map((p) => [p, rssOf(p)])) };
  await context.close();
  let rssGrowth = 0; let rssPid = null;
  for (const p of pids) {
    const g = (peak.rss[p] ?? 0) - (base.rss[p] ?? 0);
    if (rssPid === null || g > rssGrowth) { rssGrowth = g; rssPid = p; }
  }
  return {
    runtime: 'chromium',
    path: raw ? 'raw-webcrypto' : 'stream-webcrypto',
    bytes: inPage.bytes,
    hashOk: inPage.hashOk,
    seconds: inPage.seconds,
    mbps: inPage.bytes / 1e6 / inPage.seconds,
    cdpSamples: samples,
    jsHeapUsed: { baseline: base.jsHeapUsed, peak: peak.jsHeapUsed, overBaseline: peak.jsHeapUsed - base.jsHeapUsed },
    jsHeapTotal: { baseline: base.jsHeapTotal, peak: peak.jsHeapTotal },
    rendererRss: { pid: rssPid, baseline: base.rss[rssPid], peak: peak.rss[rssPid], overBaseline: rssGrowth, afterGcOverBaseline: afterGc.rss[rssPid] - base.rss[rssPid] },
    jsHeapUsedAfterGcOverBaseline: afterGc.jsHeapUsed - base.jsHeapUsed,
    series,
    performanceMemory: inPage.performanceMemory,
    wasmMemory: inPage.wasmMemory,
  };
}

const server = await startServer({
  port: 0,
  mounts: [['/pkg/', resolve(ROOT, 'pkg')], ['/bench/', resolve(ROOT, 'bench')], ['/', resolve(ROOT, 'www')]],
});
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
let result;
try {
  result = args.includes('--memory-only') ? {} : await throughputBench(browser, origin);
  result.runtimeVersion = browser.version();
  if (!args.includes('--no-memory')) {
    log(`chromium: memory, ${memoryBytes / 1048576} MiB through sealStream → openStream`);
    result.memory = await memoryBench(browser, origin);
    // The platform's floor: the same pipeline with bare WebCrypto AES-GCM and no envelope.
    log(`chromium: memory, ${memoryBytes / 1048576} MiB through a raw WebCrypto pipeline (the floor)`);
    result.memoryRaw = await memoryBench(browser, origin, true);
  }
} finally {
  await browser.close();
  server.close();
}
const json = JSON.stringify(result, null, 2);
const dest = opt('--out', null);
if (dest) writeFileSync(dest, json + '\n');
else console.log(json);
