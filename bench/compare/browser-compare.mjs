// Chromium driver of the comparison: serves pkg/ and bench/ on a loopback port, opens Debian's
// headless Chromium through playwright-core, and runs bench/compare/compare.mjs in the page (the
// same code as in Node, on the same generated inputs, with the libraries as Vite bundles), then
// the worst-case inputs in module Workers that the page terminates on timeout.
//   node bench/compare/browser-compare.mjs [--out f.json] [--settings JSON] [--worst-timeout-ms N]
//        [--worst-sizes a,b,c] [--no-worst] [--no-compare]
import { chromium } from 'playwright-core';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../scripts/serve.mjs';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const args = process.argv.slice(2);
const opt = (n, d) => { const i = args.indexOf(n); return i >= 0 ? args[i + 1] : d; };
const log = (s) => console.error(s);
const settings = JSON.parse(opt('--settings', '{}'));

// The Chromium flags of the browser tests (Debian Chromium, root, closed network).
import { CHROMIUM_ARGS } from '../../tests/browser/chromium.mjs';

async function openPage(browser, origin) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('console', (msg) => { if (!msg.text().startsWith('Failed to load resource')) log(`[page] ${msg.text()}`); });
  page.on('pageerror', (e) => log(`[pageerror] ${e.message}`));
  // Any same-origin document will do (served as text, runs nothing): loopback is a secure
  // context, and the server's CSP allows same-origin modules, workers and wasm.
  await page.goto(`${origin}/bench/compare/corpus.mjs`);
  return { context, page };
}

const server = await startServer({ port: 0, mounts: [['/pkg/', resolve(ROOT, 'pkg')], ['/bench/', resolve(ROOT, 'bench')]] });
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
const result = { runtime: 'chromium', runtimeVersion: browser.version() };
try {
  if (!args.includes('--no-compare')) {
    const { context, page } = await openPage(browser, origin);
    Object.assign(result, await page.evaluate(async (settings) => {
      const { loadLibs } = await import('/bench/compare/libs-browser.mjs');
      const { runCompare } = await import('/bench/compare/compare.mjs');
      const libs = await loadLibs();
      const r = await runCompare(libs, { runtime: 'chromium', log: (s) => console.log(s), ...settings });
      r.libNotes = libs.notes;
      r.packageVersion = libs.borderseal.version();
      return r;
    }, settings));
    result.runtime = 'chromium';
    await context.close();
  }
  if (!args.includes('--no-worst')) {
    log('chromium: worst-case inputs');
    const { context, page } = await openPage(browser, origin);
    result.worst = await page.evaluate(async ({ timeoutMs, sizes }) => {
      const { runWorstCase } = await import('/bench/compare/worst.mjs');
      function spawn() {
        const worker = new Worker('/bench/compare/worst-worker.mjs', { type: 'module' });
        let pending = null;
        let readyOk;
        const ready = new Promise((ok) => { readyOk = ok; });
        worker.onmessage = (e) => { if (e.data.ready) readyOk(e.data); else if (pending) { const p = pending; pending = null; p(e.data); } };
        worker.onerror = (e) => { const msg = { ok: false, error: String(e.message) }; if (pending) { const p = pending; pending = null; p(msg); } else readyOk({ tools: [], error: msg.error }); };
        return { ready, call: (msg) => new Promise((ok) => { pending = ok; worker.postMessage(msg); }), terminate: () => worker.terminate() };
      }
      const r = await runWorstCase({ spawn, timeoutMs, sizes, log: (s) => console.log(s) });
      r.runtime = 'chromium';
      return r;
    }, { timeoutMs: Number(opt('--worst-timeout-ms', '5000')), sizes: opt('--worst-sizes', '32768,65536,1048576').split(',').map(Number) });
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
const json = JSON.stringify(result, null, 2);
const out = opt('--out', null);
if (out) writeFileSync(out, json + '\n'); else console.log(json);
