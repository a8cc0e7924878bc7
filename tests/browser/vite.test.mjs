// A tiny Vite app that imports the package (installed from its npm tarball) is built and
// loaded in real Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { startServer } from '../../scripts/serve.mjs';
import { launch, openPage, ROOT } from './chromium.mjs';

const consumer = join(ROOT, 'target', 'consumer');
const app = join(consumer, 'vite-app');
let server, browser, base;

before(async () => {
  assert.ok(existsSync(join(consumer, 'node_modules', 'borderseal')), 'run through scripts/test-js.sh');
  rmSync(app, { recursive: true, force: true });
  cpSync(join(ROOT, 'tests', 'vite-app'), app, { recursive: true });
  await build({ root: app, configFile: join(app, 'vite.config.js') });
  server = await startServer({ port: 0, mounts: [['/', join(app, 'dist')]] });
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

test('the build emits the wasm module as an asset', () => {
  const assets = readdirSync(join(app, 'dist', 'assets'));
  assert.ok(assets.some((f) => f.endsWith('.wasm')), assets.join(', '));
});

test('the built app runs the module in Chromium', async () => {
  const expected = JSON.parse(readFileSync(join(consumer, 'node_modules', 'borderseal', 'package.json'), 'utf8')).version;
  const { page, problems } = await openPage(browser, `${base}/`);
  await page.waitForFunction(() => document.getElementById('version').textContent !== 'loading…');
  assert.equal(await page.textContent('#version'), expected);
  assert.deepEqual(problems, []);
});
