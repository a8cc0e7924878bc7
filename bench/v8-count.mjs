// Driver of scripts/v8-count.sh (run under valgrind): `analyze` (or detection alone) of a text
// file, a given number of times, with the package in DIR.
//
//   node bench/v8-count.mjs DIR TEXT_FILE analyze|detect CALLS
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [dir, file, fn, calls] = process.argv.slice(2);
const m = await import(pathToFileURL(resolve(dir, 'borderseal_node.js')).href);
const text = readFileSync(file, 'utf8');
const r = new m.Redactor();
let n = 0;
for (let i = 0; i < Number(calls); i++) {
  n += fn === 'detect' ? r.__benchDetect(text) : r.analyze(text).length;
}
console.log(n);
