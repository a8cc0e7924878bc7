// The demo's container for "a report plus attachments" inside one envelope's plaintext.
//
//   "BSB1" | u32 big-endian manifest length | manifest JSON (UTF-8) | part 0 bytes | part 1 bytes | …
//   manifest = { "version": 1, "parts": [{ "name", "type", "size" }, …] }
//
// Written and read as streams, so a 500 MB attachment never sits in memory: the reader
// collects large parts as Blobs in 8 MiB pieces (the browser may page Blob data to disk).
// This is a convention of the demo portal, not of the envelope format (docs/FORMAT.md),
// which seals any bytes.

const MAGIC = [0x42, 0x53, 0x42, 0x31]; // "BSB1"
const MAX_MANIFEST = 1 << 20;
const PIECE = 2 << 20;

/** A ReadableStream of the bundle of `parts` ({ name, type, size, stream() }: File-like). */
export function bundleStream(parts) {
  const manifest = new TextEncoder().encode(JSON.stringify({
    version: 1,
    parts: parts.map(({ name, type, size }) => ({ name, type: type || 'application/octet-stream', size })),
  }));
  const head = new Uint8Array(8 + manifest.length);
  head.set(MAGIC, 0);
  new DataView(head.buffer).setUint32(4, manifest.length);
  head.set(manifest, 8);
  let index = -1;
  let reader = null;
  return new ReadableStream({
    async pull(controller) {
      if (index < 0) {
        index = 0;
        controller.enqueue(head);
        return;
      }
      while (index < parts.length) {
        reader ??= parts[index].stream().getReader();
        const { done, value } = await reader.read();
        if (!done) {
          controller.enqueue(value);
          return;
        }
        reader = null;
        index += 1;
      }
      controller.close();
    },
    cancel(reason) {
      return reader?.cancel(reason);
    },
  }, { highWaterMark: 0 });
}

/** Total byte length of the bundle of `parts`, for progress bars. */
export function bundleSize(parts) {
  const manifestLen = new TextEncoder().encode(JSON.stringify({
    version: 1,
    parts: parts.map(({ name, type, size }) => ({ name, type: type || 'application/octet-stream', size })),
  })).length;
  return 8 + manifestLen + parts.reduce((n, p) => n + p.size, 0);
}

/** Parses a bundle pushed in pieces; `finish()` returns the parts as Blobs. */
export class BundleReader {
  #head = [];
  #headLen = 0;
  #manifest = null;
  #part = 0;
  #partLeft = 0;
  #pieces = [];
  #pending = [];
  #pendingLen = 0;
  #done = [];

  push(bytes) {
    let at = 0;
    while (at < bytes.length) {
      if (!this.#manifest) {
        at = this.#readHead(bytes, at);
        continue;
      }
      if (this.#part >= this.#manifest.parts.length) throw new Error('the bundle has bytes after its last part');
      const take = Math.min(this.#partLeft, bytes.length - at);
      this.#append(bytes.subarray(at, at + take));
      at += take;
      this.#partLeft -= take;
      this.#closePartsIfDone();
    }
  }

  finish() {
    if (!this.#manifest || this.#part < this.#manifest.parts.length) throw new Error('the bundle is incomplete');
    return this.#done;
  }

  #readHead(bytes, at) {
    const need = this.#headLen < 8 ? 8 : 8 + this.#manifestLen();
    const take = Math.min(need - this.#headLen, bytes.length - at);
    this.#head.push(bytes.slice(at, at + take));
    this.#headLen += take;
    if (this.#headLen === 8) {
      const h = this.#joined();
      if (!MAGIC.every((b, i) => h[i] === b)) throw new Error('not a borderseal demo bundle');
      if (this.#manifestLen() > MAX_MANIFEST) throw new Error('the bundle manifest is too large');
    } else if (this.#headLen === need) {
      const h = this.#joined();
      const m = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(h.subarray(8)));
      if (m?.version !== 1 || !Array.isArray(m.parts)) throw new Error('unknown bundle manifest');
      for (const p of m.parts) {
        if (typeof p?.name !== 'string' || !Number.isSafeInteger(p.size) || p.size < 0) throw new Error('bad bundle part');
      }
      this.#manifest = m;
      this.#partLeft = m.parts[0]?.size ?? 0;
      this.#closePartsIfDone();
    }
    return at + take;
  }

  #manifestLen() {
    const h = this.#joined();
    return new DataView(h.buffer, h.byteOffset, 8).getUint32(4);
  }

  #joined() {
    if (this.#head.length > 1) {
      const all = new Uint8Array(this.#headLen);
      let o = 0;
      for (const p of this.#head) { all.set(p, o); o += p.length; }
      this.#head = [all];
    }
    return this.#head[0];
  }

  #append(view) {
    this.#pending.push(view.slice());
    this.#pendingLen += view.length;
    if (this.#pendingLen >= PIECE) this.#flush();
  }

  #flush() {
    if (this.#pendingLen > 0) this.#pieces.push(new Blob(this.#pending));
    this.#pending = [];
    this.#pendingLen = 0;
  }

  #closePartsIfDone() {
    const parts = this.#manifest.parts;
    while (this.#part < parts.length && this.#partLeft === 0) {
      this.#flush();
      const p = parts[this.#part];
      this.#done.push({ name: p.name, type: p.type, size: p.size, blob: new Blob(this.#pieces, { type: p.type }) });
      this.#pieces = [];
      this.#part += 1;
      this.#partLeft = parts[this.#part]?.size ?? 0;
    }
  }
}
