// The demo portal, served as `make demo` serves it, loads the package in real Chromium
// (no bundler) and renders version().
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, CSP } from '../../scripts/serve.mjs';
import { launch, openPage, ARTIFACTS, ROOT } from './chromium.mjs';

const expectedVersion = JSON.parse(readFileSync(join(ROOT, 'pkg', 'package.json'), 'utf8')).version;
let server, browser, base;

before(async () => {
  server = await startServer({ port: 0 });
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

test('the index page renders version() from the wasm module', async () => {
  const { page, problems } = await openPage(browser, `${base}/`);
  await page.waitForFunction(() => document.getElementById('version').textContent !== 'loading…');
  assert.equal(await page.textContent('#version'), expectedVersion);
  assert.equal(await page.textContent('#status'), '');
  assert.deepEqual(problems, []);
  await page.screenshot({ path: join(ARTIFACTS, 'index.png'), fullPage: true });
});

test('the server sends wasm as application/wasm and a strict CSP', async () => {
  const res = await fetch(`${base}/pkg/borderseal_core_bg.wasm`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/wasm');
  assert.equal(res.headers.get('content-security-policy'), CSP);
  assert.match(CSP, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(CSP, /unsafe-inline/);
});

test('the server refuses to leave its folders', async () => {
  for (const path of ['/../Cargo.toml', '/%2e%2e/Cargo.toml', '/pkg/..%2f..%2fCargo.toml', '/%00']) {
    const res = await fetch(`${base}${path}`);
    assert.equal(res.status, 404, path);
  }
});
