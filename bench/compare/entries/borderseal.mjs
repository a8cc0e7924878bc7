// What a portal imports from borderseal for the compared features (the .wasm is fetched apart).
export { default, Redactor, seal, open, generateKeyPair, sealStream, openStream } from '../../../pkg/borderseal.js';
