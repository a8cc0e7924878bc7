// The npm package as a user gets it: `npm pack`, installed into a scratch project, then
// `import ... from 'borderseal'` in Node with no extra step. (Run by scripts/test-js.sh
// from that scratch project.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import init, { version, limits, errorCodes } from 'borderseal';

const require = createRequire(import.meta.url);
const pkgJson = require('borderseal/package.json');

test('version() is the package version', () => {
  assert.equal(version(), pkgJson.version);
  assert.match(version(), /^\d+\.\d+\.\d+$/);
});

test('init() is harmless in Node (shared browser/Node code may call it)', async () => {
  await init();
  assert.equal(version(), pkgJson.version);
});

test('limits() returns the documented plain object', () => {
  const l = limits();
  assert.equal(Object.getPrototypeOf(l), Object.prototype);
  assert.deepEqual(Object.keys(l).sort(), ['maxHeaderBytes', 'maxJsonDepth', 'maxJsonNodes', 'maxMetadataBytes', 'maxPolicyBytes', 'maxRecipients', 'maxTermBytes', 'maxTerms', 'maxTextBytes']);
  for (const v of Object.values(l)) assert.ok(Number.isSafeInteger(v) && v > 0);
});

test('errorCodes() lists the stable codes', () => {
  const codes = errorCodes();
  assert.ok(codes.includes('DECRYPT_FAILED'));
  assert.ok(codes.includes('RESIDUAL_PII'));
  assert.equal(new Set(codes).size, codes.length);
  for (const c of codes) assert.match(c, /^[A-Z_]+$/);
});

test('the package ships types, the wasm file and both entry points', () => {
  assert.equal(pkgJson.type, 'module');
  assert.equal(pkgJson.exports['.'].node, './borderseal_node.js');
  assert.equal(pkgJson.exports['.'].default, './borderseal.js');
  for (const f of ['borderseal.d.ts', 'borderseal_core_bg.wasm', 'borderseal.js', 'borderseal_node.js']) {
    assert.ok(pkgJson.files.includes(f), f);
    require.resolve(`borderseal/package.json`); // resolvable package root
  }
});
