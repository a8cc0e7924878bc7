// Bundles each compared library the way an app would ship it to a browser: Vite 8 (rolldown) in
// library mode, ES module, minified, tree-shaken to the functions the benchmark uses
// (bench/compare/entries/*.mjs), browser conditions. The page of the Chromium run imports these
// same files, and their size is reported after the real `gzip -9` (as `make size` measures the .wasm).
//   node bench/compare/build.mjs [outDir]   → prints JSON { name: { file, bytes, gzip9 } }
import { build } from 'vite';
import { readFileSync, readdirSync, mkdirSync, statSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { resolve, basename } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const outDir = resolve(process.argv[2] ?? resolve(here, '.build'));
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const result = {};
const gz = (buf) => execFileSync('gzip', ['-9', '-c'], { input: buf, maxBuffer: 1 << 30 }).length;
for (const f of readdirSync(resolve(here, 'entries')).filter((x) => x.endsWith('.mjs')).sort()) {
  const name = basename(f, '.mjs');
  const dir = resolve(outDir, name);
  try {
    await build({
      configFile: false,
      logLevel: 'error',
      root: here,
      resolve: { conditions: ['browser', 'module', 'import', 'default'] },
      define: { 'process.env.NODE_ENV': '"production"' },
      build: {
        outDir: dir,
        emptyOutDir: true,
        minify: true,
        sourcemap: false,
        reportCompressedSize: false,
        assetsInlineLimit: 0,
        lib: { entry: resolve(here, 'entries', f), formats: ['es'], fileName: () => `${name}.js` },
      },
    });
    // The entry plus the chunks it imports (rolldown's runtime helpers, browser stubs): all of
    // it ships. Sizes are summed per file, each gzip -9 on its own (as a server would send them).
    const files = readdirSync(dir).filter((x) => x.endsWith('.js'));
    let bytes = 0; let gzip9 = 0; let wasmInlined = null;
    for (const x of files) {
      let buf = readFileSync(resolve(dir, x));
      // borderseal: Vite inlines the .wasm as a data: URL in library mode; count the glue apart
      // (the .wasm is measured from pkg/, fetched as its own file with streaming compilation).
      const m = buf.toString('latin1').match(/data:application\/wasm;base64,[A-Za-z0-9+/=]+/);
      if (m) { wasmInlined = m[0].length; buf = Buffer.from(buf.toString('latin1').replace(m[0], ''), 'latin1'); }
      bytes += buf.length;
      gzip9 += gz(buf);
    }
    result[name] = { file: resolve(dir, `${name}.js`), files, bytes, gzip9, ...(wasmInlined ? { wasmInlinedBase64Chars: wasmInlined } : {}) };
  } catch (err) {
    result[name] = { error: String(err.message).split('\n').slice(0, 3).join(' ') };
  }
}
const wasm = fileURLToPath(new URL('../../pkg/borderseal_core_bg.wasm', import.meta.url));
const wasmBuf = readFileSync(wasm);
result['borderseal.wasm'] = { file: wasm, bytes: wasmBuf.length, gzip9: gz(wasmBuf), modified: statSync(wasm).mtime.toISOString() };
console.log(JSON.stringify(result, null, 2));
