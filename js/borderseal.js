// borderseal — entry point for browsers and bundlers.
//
// Call the default export once before anything else: `await init()` fetches and compiles
// borderseal_core_bg.wasm next to this file (bundlers such as Vite rewrite that URL).
export { default, initSync } from './borderseal_core.js';
export * from './borderseal_core.js';
export { sealStream, sealStreamWith, openStream } from './stream.js';
