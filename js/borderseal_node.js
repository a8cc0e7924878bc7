// borderseal — entry point for Node.js (>= 20): the module is instantiated synchronously
// from the file next to this one, so `import { version } from 'borderseal'` needs no extra
// step. Calling the default export `init()` as well is harmless (it returns at once), so
// code shared with the browser can keep its `await init()`.
import { readFileSync } from 'node:fs';
import { initSync } from './borderseal_core.js';

initSync({ module: readFileSync(new URL('./borderseal_core_bg.wasm', import.meta.url)) });

export { default, initSync } from './borderseal_core.js';
export * from './borderseal_core.js';
export { sealStream, sealStreamWith, openStream } from './stream.js';
