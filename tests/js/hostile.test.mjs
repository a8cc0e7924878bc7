// Hostile calls from JavaScript in Node (the same module runs in Chromium, tests/browser).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as m from 'borderseal';
import { runHostile } from './hostile.mjs';

test('every export answers hostile values with a coded Error and keeps working', () => {
  const { failures, count } = runHostile(m);
  assert.ok(count > 300, `only ${count} calls`);
  assert.deepEqual(failures, []);
});
