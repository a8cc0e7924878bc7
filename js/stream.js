// Streaming seal and open over WHATWG ReadableStreams, with the bulk AES-256-GCM chunks
// running through WebCrypto (hardware AES) where `crypto.subtle` exists, and through wasm
// otherwise. Both paths write the same bytes: wasm keeps the header, the chunk order, the
// final flag, the payload digest and the signature; WebCrypto only encrypts or decrypts
// 64 KiB chunks with the nonces wasm hands out (docs/FORMAT.md, "WebCrypto fast path").
import { SealStream, OpenStream, PrivateKey } from './borderseal_core.js';

function subtleFor(options) {
  if (options?.webCrypto === false) return null;
  return globalThis.crypto?.subtle ?? null;
}

function decryptFailed() {
  return Object.assign(new Error('the envelope cannot be opened'), { name: 'BordersealError', code: 'DECRYPT_FAILED' });
}

async function importPayloadKey(subtle, raw, usage) {
  try {
    return await subtle.importKey('raw', raw, 'AES-GCM', false, [usage]);
  } finally {
    raw.fill(0); // the JS copy of the payload key lives only for this call
  }
}

/**
 * Seals a stream of bytes to the recipients of `options` (as `seal`), returning the
 * envelope as a stream. Memory stays bounded: at most one 64 KiB chunk is buffered.
 * Set `options.webCrypto = false` to force the pure-wasm path.
 */
export function sealStream(readable, options) {
  const subtle = subtleFor(options);
  const sealer = new SealStream(options);
  const chunkSize = SealStream.chunkSize();
  return pipeSeal(readable, sealer, subtle, chunkSize);
}

/** Test hook: as `sealStream`, from a `SealStream` made by the caller. */
export function sealStreamWith(readable, sealer, options) {
  return pipeSeal(readable, sealer, subtleFor(options), SealStream.chunkSize());
}

// WebCrypto runs AES-GCM off the JS thread: a few chunks in flight at once let it overlap
// with reading, framing and hashing here. Output order is still the chunk order.
const IN_FLIGHT = 4;
// The AES-GCM tag after each chunk's ciphertext (FORMAT.md).
const TAG_LEN = 16;

function pipeSeal(readable, sealer, subtle, chunkSize) {
  const reader = readable.getReader();
  let key = null;
  const buf = new Uint8Array(chunkSize);
  let fill = 0;
  let finished = false;
  let nextIndex = 0;
  const inflight = [];
  const signed = sealer.needsChunkBytes();

  // WebCrypto takes a copy of `data` before `encrypt` returns (WebCrypto spec, §14.3.1
  // "getting a copy of the bytes held by the data parameter"), so the buffer is refilled at
  // once without a copy of our own.
  function startChunk(plain, isFinal) {
    const iv = SealStream.nonceFor(nextIndex, isFinal);
    nextIndex += 1;
    const sealed = subtle.encrypt({ name: 'AES-GCM', iv }, key, plain).then((b) => new Uint8Array(b));
    sealed.catch(() => {}); // reported when its turn comes
    inflight.push({ sealed, isFinal });
  }

  // wasm checks each chunk's length and order, counts it into the payload digest, and
  // returns the trailer (signature) after the final one.
  async function emitOldest(controller) {
    const { sealed, isFinal } = inflight.shift();
    const bytes = await sealed;
    // Unsigned: wasm needs only the length (the bytes are not copied in); signed: the
    // bytes feed the payload digest the signature covers.
    const trailer = signed ? sealer.acceptSealedChunk(bytes, isFinal) : sealer.acceptSealedLength(bytes.length, isFinal);
    controller.enqueue(bytes);
    if (trailer.length) controller.enqueue(trailer);
  }

  function close() {
    finished = true;
    buf.fill(0);
    sealer.free();
  }

  return new ReadableStream({
    async start(controller) {
      controller.enqueue(sealer.takeHeader());
      if (subtle) {
        nextIndex = sealer.nextChunkIndex();
        key = await importPayloadKey(subtle, sealer.payloadKeyForWebCrypto(), 'encrypt');
      }
    },
    // A pull must enqueue something (or close): the stream calls it again only then, so
    // it reads on until a chunk is complete.
    async pull(controller) {
      try {
        for (;;) {
          if (inflight.length >= IN_FLIGHT) {
            await emitOldest(controller);
            return;
          }
          const { done, value } = await reader.read();
          if (done) {
            if (subtle) {
              startChunk(buf.subarray(0, fill), true);
              while (inflight.length) await emitOldest(controller);
            } else {
              controller.enqueue(sealer.finish());
            }
            close();
            controller.close();
            return;
          }
          const data = value instanceof Uint8Array ? value : new Uint8Array(value);
          if (!subtle) {
            const out = sealer.push(data);
            if (out.length) {
              controller.enqueue(out);
              return;
            }
            continue;
          }
          let at = 0;
          while (at < data.length) {
            if (fill === chunkSize) {
              // More data follows, so the buffered chunk is not the last one.
              startChunk(buf, false);
              fill = 0;
            }
            const take = Math.min(chunkSize - fill, data.length - at);
            buf.set(data.subarray(at, at + take), fill);
            fill += take;
            at += take;
          }
        }
      } catch (err) {
        if (!finished) close();
        await reader.cancel(err).catch(() => {});
        throw err;
      }
    },
    async cancel(reason) {
      if (!finished) close();
      await reader.cancel(reason);
    },
  }, { highWaterMark: 1 });
}

/**
 * Opens an envelope given as a stream. Returns `{ readable, result }`: `readable` yields
 * the plaintext of each chunk only after its tag verified; `result` resolves to
 * `{ metadata, recipientKid, signer }` once the whole envelope (final chunk, signature)
 * verified. If anything fails, `readable` errors and `result` rejects: a consumer must treat
 * what it read as incomplete until `result` resolves. Set `webCrypto: false` in `options`
 * to force the pure-wasm path.
 */
export function openStream(readable, privateKey, options) {
  const subtle = subtleFor(options);
  const opener = privateKey instanceof PrivateKey ? privateKey.opener() : new OpenStream(privateKey);
  const reader = readable.getReader();
  const sealedChunkLen = SealStream.chunkSize() + TAG_LEN;
  let key = null;
  let finished = false;
  let settle;
  const result = new Promise((resolve, reject) => { settle = { resolve, reject }; });
  result.catch(() => {}); // the readable reports the same error

  function close() {
    finished = true;
    opener.free();
  }

  // WebCrypto path: wasm reads the header, then only counts the payload bytes, which stay
  // here (no copy into wasm and back). For each count it answers with the nonces of the
  // chunks it now knows to be complete and not final; the framing rules stay in wasm.
  const held = []; // payload pieces not yet cut into chunks (views of the input)
  let heldOffset = 0; // bytes of held[0] already cut
  // The next `n` bytes held, as views of the input pieces (one view unless the chunk spans
  // pieces). Nothing is copied here.
  function cut(n) {
    const parts = [];
    while (n > 0) {
      const piece = held[0];
      const take = Math.min(piece.length - heldOffset, n);
      parts.push(piece.subarray(heldOffset, heldOffset + take));
      heldOffset += take;
      n -= take;
      if (heldOffset === piece.length) { held.shift(); heldOffset = 0; }
    }
    return parts;
  }
  function cutAll() {
    let n = -heldOffset;
    for (const p of held) n += p.length;
    return join(cut(n), new Uint8Array(n));
  }
  // A chunk that spans pieces is joined into one scratch buffer, reused for every such chunk:
  // WebCrypto (and wasm) copy their input before the call returns (WebCrypto, "get a copy of
  // the bytes held by the data parameter"). A fresh 64 KiB buffer per chunk cost as much
  // main-thread time as the decryption itself in Chromium.
  let scratch = null;
  function join(parts, into) {
    if (parts.length === 1) return parts[0];
    const out = into ?? (scratch ??= new Uint8Array(sealedChunkLen));
    let at = 0;
    for (const p of parts) { out.set(p, at); at += p.length; }
    return out.subarray(0, at);
  }

  async function decrypt(nonce, sealed) {
    try {
      return new Uint8Array(await subtle.decrypt({ name: 'AES-GCM', iv: nonce }, key, sealed));
    } catch {
      throw decryptFailed();
    }
  }

  // Chunks framed but not started, and decryptions in flight (oldest first; each resolves
  // only after its tag verified). At most IN_FLIGHT run at once, whatever the input's
  // piece sizes, so memory stays bounded.
  const ready = [];
  const inflight = [];
  function startReady() {
    while (ready.length && inflight.length < IN_FLIGHT) {
      const { nonce, parts } = ready.shift();
      const plain = decrypt(nonce, join(parts));
      plain.catch(() => {}); // reported when its turn comes
      inflight.push(plain);
    }
  }

  function frame(data) {
    if (!opener.headerReady()) {
      data = data.subarray(opener.pushHeader(data));
      if (!opener.headerReady()) return false;
    }
    if (!data.length) return true;
    held.push(data);
    const nonces = opener.pushExternal(data.length);
    const signed = opener.needsChunkBytes();
    for (let i = 0; i < nonces.length; i += 12) {
      const parts = cut(sealedChunkLen);
      if (signed) opener.digestExternal(join(parts)); // in chunk order, as announced
      ready.push({ nonce: nonces.subarray(i, i + 12), parts });
    }
    return true;
  }

  const out = new ReadableStream({
    async pull(controller) {
      try {
        for (;;) {
          if (subtle) startReady();
          if (inflight.length >= IN_FLIGHT) {
            controller.enqueue(await inflight.shift());
            return;
          }
          const { done, value } = await reader.read();
          if (done) {
            let info;
            if (subtle) {
              const { chunk, ...rest } = opener.finishExternal(cutAll());
              ready.push({ nonce: chunk.nonce, parts: [chunk.sealed] });
              while (ready.length || inflight.length) {
                startReady();
                const plain = await inflight.shift();
                if (plain.length) controller.enqueue(plain);
              }
              info = rest;
            } else {
              const { plaintext, ...rest } = opener.finish();
              if (plaintext.length) controller.enqueue(plaintext);
              info = rest;
            }
            close();
            controller.close();
            settle.resolve(info);
            return;
          }
          const data = value instanceof Uint8Array ? value : new Uint8Array(value);
          if (!subtle) {
            const plain = opener.push(data);
            if (plain.length) {
              controller.enqueue(plain);
              return;
            }
            continue;
          }
          const headerDone = opener.headerReady();
          if (frame(data) && !headerDone) {
            // The key is needed from the first chunk on, and must be taken before finish.
            key = await importPayloadKey(subtle, opener.payloadKeyForWebCrypto(), 'decrypt');
          }
        }
      } catch (err) {
        if (!finished) close();
        settle.reject(err);
        await reader.cancel(err).catch(() => {});
        throw err;
      }
    },
    async cancel(reason) {
      if (!finished) close();
      settle.reject(reason ?? new Error('cancelled'));
      await reader.cancel(reason);
    },
  }, { highWaterMark: 1 });
  return { readable: out, result };
}
