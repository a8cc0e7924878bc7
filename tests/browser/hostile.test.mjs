// The hostile-call suite in headless Chromium, against the package as a page loads it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer } from '../../scripts/serve.mjs';
import { launch, ROOT } from './chromium.mjs';

let server, browser, base;
before(async () => {
  server = await startServer({
    port: 0,
    mounts: [['/pkg/', join(ROOT, 'pkg')], ['/tests/', join(ROOT, 'tests')], ['/', join(ROOT, 'www')]],
  });
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

test('hostile calls in Chromium: coded Errors, module still alive', async () => {
  const page = await browser.newPage();
  await page.goto(`${base}/`);
  const outcome = await page.evaluate(async () => {
    const m = await import('/pkg/borderseal.js');
    await m.default();
    const { runHostile } = await import('/tests/js/hostile.mjs');
    return runHostile(m);
  });
  assert.ok(outcome.count > 300, `only ${outcome.count} calls`);
  assert.deepEqual(outcome.failures, []);
});
