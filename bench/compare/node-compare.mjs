// Node driver of the comparison (bench/compare/compare.mjs with the npm packages).
//   node bench/compare/node-compare.mjs [--settings JSON] [--out file.json]
import { writeFileSync, readFileSync } from 'node:fs';
import { loadLibs } from './libs-node.mjs';
import { runCompare } from './compare.mjs';

const args = process.argv.slice(2);
const opt = (n, d) => { const i = args.indexOf(n); return i >= 0 ? args[i + 1] : d; };
const libs = await loadLibs();
const result = await runCompare(libs, {
  runtime: 'node',
  log: (s) => console.error(s),
  ...JSON.parse(opt('--settings', '{}')),
});
result.runtimeVersion = process.version;
result.v8 = process.versions.v8;
result.packageVersion = libs.borderseal.version();
// Versions of the compared packages, as installed.
const versions = {};
for (const p of ['redact-pii', '@redactpii/node', '@hpke/core', 'age-encryption', 'openpgp', 'jose', 'vite', 'playwright-core']) {
  try { versions[p] = JSON.parse(readFileSync(new URL(`../../node_modules/${p}/package.json`, import.meta.url), 'utf8')).version; } catch { versions[p] = null; }
}
result.versions = versions;
const json = JSON.stringify(result, null, 2);
const out = opt('--out', null);
if (out) writeFileSync(out, json + '\n'); else console.log(json);
