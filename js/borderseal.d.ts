// Types of the borderseal package: the generated module, plus the stream functions that
// js/stream.js adds on top of it.
import type { SealOptions, OpenInfo, Jwk, PrivateKey, SealStream } from './borderseal_core.js';

export * from './borderseal_core.js';
export { default, initSync } from './borderseal_core.js';

/**
 * Seals a stream of bytes (as `seal`), returning the envelope as a stream, with bounded
 * memory. The bulk chunks run through WebCrypto where `crypto.subtle` exists (same bytes).
 */
export function sealStream(readable: ReadableStream<Uint8Array>, options: SealOptions): ReadableStream<Uint8Array>;

/**
 * As `sealStream`, but drives a `SealStream` the caller made (for example a seeded one from
 * `SealStream.withSeedInsecure` in a test). The stream frees `sealer` when it ends.
 */
export function sealStreamWith(
  readable: ReadableStream<Uint8Array>,
  sealer: SealStream,
  options?: { webCrypto?: boolean },
): ReadableStream<Uint8Array>;

/**
 * Opens an envelope given as a stream. `readable` yields each chunk's plaintext only after
 * its tag verified; `result` resolves once the whole envelope verified. On any failure
 * `readable` errors and `result` rejects: treat what was read as incomplete until then.
 */
export function openStream(
  readable: ReadableStream<Uint8Array>,
  privateKey: Jwk | PrivateKey,
  options?: { webCrypto?: boolean },
): { readable: ReadableStream<Uint8Array>; result: Promise<OpenInfo> };
