// Envelope benchmarks of borderseal, run as the same code in Node and in a Chromium page.
//
// `runEnvelopeBench(m, env)` takes the package module `m` (already initialised) and returns a
// plain JSON-able result. It measures, interleaved round by round so that the noise of a busy
// machine hits every variant alike (and ratios are taken within each round):
//   - seal / open throughput for 1 KiB, 1 MiB and 64 MiB: `sealStream`/`openStream` on the
//     WebCrypto path (default) and on the wasm path (`{ webCrypto: false }`), one-shot
//     `seal`/`open`, and raw WebCrypto AES-256-GCM over the same data in 64 KiB chunks (the
//     upper bound: what the bulk chunks would cost with no envelope around them);
//   - the latency of `seal` of 10 KB to 1, 3 and 10 recipients (and `open` of the 3-recipient one).
// `runStreamPipeline(m, opts)` pipes a generated stream through sealStream → openStream into a
// counting, hashing sink; the memory benchmarks (bench/memory-envelope.mjs and the Chromium
// variant in bench/browser-envelope.mjs) use it.
//
// Units: sizes are binary (1 KiB = 1024 B, 64 MiB = 67,108,864 B); MB/s is 10^6 bytes per second.

import { makeReportOfSize } from './compare/corpus.mjs';

export const CHUNK = 64 * 1024; // the envelope's chunk size and the raw baseline's chunk size
const KiB = 1024;
const MiB = 1024 * 1024;

const now = () => performance.now();

export function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { median, min: s[0], max: s[s.length - 1], n: s.length };
}

/** Deterministic pseudo-random bytes (xorshift32), fast enough to make 64 MiB quickly. */
export function fillPseudoRandom(bytes, seed = 0x9e3779b9) {
  let x = seed >>> 0 || 1;
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >>> 2);
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    words[i] = x;
  }
  for (let i = words.length * 4; i < bytes.length; i++) bytes[i] = (i * 131 + seed) & 0xff;
  return x;
}

/** A ReadableStream over `bytes` in pieces of `piece` bytes (views, no copies). */
function streamOf(bytes, piece = CHUNK) {
  let at = 0;
  return new ReadableStream({
    pull(c) {
      if (at >= bytes.length) { c.close(); return; }
      c.enqueue(bytes.subarray(at, Math.min(at + piece, bytes.length)));
      at += piece;
    },
  });
}

async function drain(readable) {
  const reader = readable.getReader();
  let n = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return n;
    n += value.length;
  }
}

async function collect(readable) {
  const parts = [];
  let len = 0;
  const reader = readable.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    len += value.length;
  }
  const out = new Uint8Array(len);
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

function rawNonce(i) {
  const iv = new Uint8Array(12);
  new DataView(iv.buffer).setUint32(8, i);
  return iv;
}

function equalBytes(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const fmtSize = (n) => (n >= MiB ? `${n / MiB} MiB` : n >= KiB ? `${n / KiB} KiB` : `${n} B`);

/**
 * Runs every variant of one size, round by round. Each variant's `seal` and `open` is a
 * function doing ONE operation; small sizes repeat it `reps` times per sample (calibrated in
 * the warm-up so that a sample lasts ≥ minSampleMs), 64 MiB does it once per sample.
 */
async function benchSize(m, ctx, size) {
  const { subtle, pub, priv, env, log } = ctx;
  const data = new Uint8Array(size);
  fillPseudoRandom(data, 0x1234567 + size);
  const opts = { recipients: [pub], metadata: { marking: 'TLP:AMBER', bench: true } };

  // Inputs for the open side, made once outside the timings, and checked once.
  const envStream = await collect(m.sealStream(streamOf(data), opts));
  const envOneShot = m.seal(data, opts);
  {
    const o = m.openStream(streamOf(envStream), priv);
    const back = await collect(o.readable);
    await o.result;
    if (!equalBytes(back, data)) throw new Error(`stream round trip failed at ${size}`);
    const o2 = m.openStream(streamOf(envStream), priv, { webCrypto: false });
    if (!equalBytes(await collect(o2.readable), data)) throw new Error(`wasm stream round trip failed at ${size}`);
    await o2.result;
    if (!equalBytes(m.open(envOneShot, priv).plaintext, data)) throw new Error(`one-shot round trip failed at ${size}`);
    if (size < 16 * MiB) { // the wasm seal path's own output (at 64 MiB this would cost seconds; the tests cover it)
      const envWasm = await collect(m.sealStream(streamOf(data), { ...opts, webCrypto: false }));
      if (!equalBytes(m.open(envWasm, priv).plaintext, data)) throw new Error(`wasm-path seal round trip failed at ${size}`);
    }
  }
  // Raw WebCrypto: one key import per envelope (as ours does), 64 KiB chunks, counter nonces.
  const rawKeyBytes = new Uint8Array(32);
  crypto.getRandomValues(rawKeyBytes);
  const rawKey = await subtle.importKey('raw', rawKeyBytes, 'AES-GCM', false, ['encrypt', 'decrypt']);
  const rawSealed = [];
  for (let at = 0, i = 0; at < size; at += CHUNK, i++) {
    rawSealed.push(new Uint8Array(await subtle.encrypt({ name: 'AES-GCM', iv: rawNonce(i) }, rawKey, data.subarray(at, at + CHUNK))));
  }

  const variants = {
    'stream-webcrypto': {
      seal: async () => { await drain(m.sealStream(streamOf(data), opts)); },
      open: async () => { const o = m.openStream(streamOf(envStream), priv); await drain(o.readable); await o.result; },
    },
    'stream-wasm': {
      seal: async () => { await drain(m.sealStream(streamOf(data), { ...opts, webCrypto: false })); },
      open: async () => { const o = m.openStream(streamOf(envStream), priv, { webCrypto: false }); await drain(o.readable); await o.result; },
    },
    'oneshot-wasm': {
      seal: async () => { m.seal(data, opts); },
      open: async () => { m.open(envOneShot, priv); },
    },
    'raw-webcrypto': {
      seal: async () => {
        const key = await subtle.importKey('raw', rawKeyBytes, 'AES-GCM', false, ['encrypt']);
        for (let at = 0, i = 0; at < size; at += CHUNK, i++) {
          await subtle.encrypt({ name: 'AES-GCM', iv: rawNonce(i) }, key, data.subarray(at, at + CHUNK));
        }
      },
      open: async () => {
        const key = await subtle.importKey('raw', rawKeyBytes, 'AES-GCM', false, ['decrypt']);
        for (let i = 0; i < rawSealed.length; i++) {
          await subtle.decrypt({ name: 'AES-GCM', iv: rawNonce(i) }, key, rawSealed[i]);
        }
      },
    },
  };

  const names = Object.keys(variants);
  const reps = {};
  const samples = {};
  const cpuSamples = {};
  const cpu = env.cpuMs ?? null; // process CPU time in ms (Node only): how much of a core we got
  for (const v of names) {
    for (const op of ['seal', 'open']) { reps[`${v}.${op}`] = 1; samples[`${v}.${op}`] = []; cpuSamples[`${v}.${op}`] = []; }
  }

  // Large sizes: the round trip of every path just above (same data, same code) is the warm-up;
  // a whole extra round of 64 MiB through the wasm paths would cost ~15 s per runtime here.
  const warmup = size >= 16 * MiB ? env.warmupLarge : env.warmup;
  // The WebCrypto variants are cheap, so they get more samples (runsFast) than the wasm ones
  // (runs); every sample of a wasm variant has a raw sample from the same round.
  const rounds = warmup + Math.max(env.runs, env.runsFast);
  for (let r = 0; r < rounds; r++) {
    const warm = r < warmup;
    // Each round: per operation, raw and ours back to back (alternating which goes first, to
    // cancel order effects such as the GC debt one leaves to the next), then the wasm paths.
    const order = [];
    for (const op of ['seal', 'open']) {
      const pair = [`raw-webcrypto.${op}`, `stream-webcrypto.${op}`];
      order.push(...(r % 2 ? pair.reverse() : pair));
    }
    if (r < warmup + env.runs) order.push('stream-wasm.seal', 'stream-wasm.open', 'oneshot-wasm.seal', 'oneshot-wasm.open');
    for (const k of order) {
      const [v, op] = k.split('.');
      const fn = variants[v][op];
      if (r === 0 && size < 16 * MiB) {
        // Calibrate: how many operations make a sample of at least minSampleMs (after one
        // untimed call, which may grow the wasm memory or compile a path).
        await fn();
        let n = 1;
        for (;;) {
          const t0 = now();
          for (let i = 0; i < n; i++) await fn();
          const dt = now() - t0;
          if (dt >= env.minSampleMs || n >= 1 << 16) break;
          n = Math.min(1 << 16, Math.max(n * 2, Math.ceil((n * env.minSampleMs * 1.2) / Math.max(dt, 0.05))));
        }
        reps[k] = n;
      }
      const n = reps[k];
      const c0 = cpu?.();
      const t0 = now();
      for (let i = 0; i < n; i++) await fn();
      const ms = (now() - t0) / n;
      if (!warm) {
        samples[k].push(ms);
        if (cpu) cpuSamples[k].push((cpu() - c0) / n);
      }
    }
    log?.(`  ${fmtSize(size)}: round ${r + 1}/${rounds}${warm ? ' (warm-up)' : ''} done`);
  }

  const out = { bytes: size, label: fmtSize(size), variants: {}, ratios: {} };
  const mbps = (ms) => size / 1e6 / (ms / 1e3);
  for (const v of names) {
    out.variants[v] = {};
    for (const op of ['seal', 'open']) {
      const ms = samples[`${v}.${op}`];
      const t = stats(ms.map(mbps));
      out.variants[v][op] = { mbps: t, msPerOp: stats(ms), opsPerSample: reps[`${v}.${op}`] };
      // MB per second of process CPU time (all threads, so WebCrypto's worker threads count):
      // what the code does per core-second, whatever share of the busy machine it got.
      if (cpu) out.variants[v][op].mbPerCpuSecond = stats(cpuSamples[`${v}.${op}`].map(mbps));
    }
  }
  // ours/raw throughput ratio, taken round by round (same round = same machine load).
  for (const v of ['stream-webcrypto', 'stream-wasm', 'oneshot-wasm']) {
    out.ratios[v] = {};
    for (const op of ['seal', 'open']) {
      const ours = samples[`${v}.${op}`];
      const raw = samples[`raw-webcrypto.${op}`];
      out.ratios[v][op] = stats(ours.map((ms, i) => raw[i] / ms)); // same round, same i
      out.ratios[v][op].ofMedians = stats(raw).median / stats(ours).median;
    }
  }
  return out;
}

/**
 * Latency of one-shot `seal` of a 10 KB report to n recipients, `open` of the 3-recipient one,
 * and `redactText` + `seal` of a generated 10 KB police report to 3 recipients (the budget).
 */
async function benchRecipients(m, ctx) {
  const { env, log } = ctx;
  const report = new Uint8Array(10 * 1000);
  fillPseudoRandom(report, 77);
  const keys = [];
  for (let i = 0; i < Math.max(...env.recipients); i++) keys.push(m.generateKeyPair());
  const meta = { marking: 'TLP:AMBER', policyFingerprint: 'sha256:' + 'ab'.repeat(32), auditDigest: 'sha256:' + 'cd'.repeat(32) };
  const cases = {};
  for (const n of env.recipients) {
    const opts = { recipients: keys.slice(0, n).map((k) => k.publicJwk), metadata: meta };
    cases[`seal-${n}`] = () => m.seal(report, opts);
  }
  const env3 = m.seal(report, { recipients: keys.slice(0, 3).map((k) => k.publicJwk), metadata: meta });
  // The last recipient's stanza is found last: the worst case for open.
  const last3 = keys[2].privateJwk;
  if (!equalBytes(m.open(env3, last3).plaintext, report)) throw new Error('10 KB round trip failed');
  cases['open-3'] = () => m.open(env3, last3);
  // The budget's operation: redact a 10 KB police report (default policy) and seal the
  // result to 3 recipients, the policy fingerprint and audit digest bound in.
  const text = makeReportOfSize(10 * 1000);
  const redactor = new m.Redactor();
  const sendCtx = { recipient: 'bka.de', country: 'DE', marking: 'TLP:AMBER', legalBasis: 'led-art-35' };
  const three = keys.slice(0, 3).map((k) => k.publicJwk);
  cases['redact-seal-3'] = () => {
    const r = redactor.redactText(text, sendCtx);
    return m.seal(r.text, { recipients: three, metadata: { marking: 'TLP:AMBER' }, redaction: r });
  };
  cases['redact-10KB'] = () => redactor.redactText(text, sendCtx);

  const names = Object.keys(cases);
  const reps = {};
  const samples = Object.fromEntries(names.map((k) => [k, []]));
  const rounds = env.warmup + env.latencyRuns;
  for (let r = 0; r < rounds; r++) {
    for (const k of names) {
      const fn = cases[k];
      if (r === 0) {
        fn();
        let n = 1;
        for (;;) {
          const t0 = now();
          for (let i = 0; i < n; i++) fn();
          const dt = now() - t0;
          if (dt >= env.minSampleMs || n >= 1 << 14) break;
          n = Math.min(1 << 14, Math.max(n * 2, Math.ceil((n * env.minSampleMs * 1.2) / Math.max(dt, 0.05))));
        }
        reps[k] = n;
      }
      const n = reps[k];
      const t0 = now();
      for (let i = 0; i < n; i++) fn();
      if (r >= env.warmup) samples[k].push((now() - t0) / n);
    }
    // Let timers and the GC in between batches, as a page would.
    await new Promise((ok) => setTimeout(ok, 0));
  }
  redactor.free();
  log?.('  10 KB latency done');
  const out = {};
  for (const k of names) out[k] = { ms: stats(samples[k]), opsPerSample: reps[k] };
  return out;
}

/**
 * The package's own benchmark body: the same code in Node and in the browser page.
 * env: { runtime, runs (wasm variants), runsFast (WebCrypto variants), warmup, warmupLarge (for ≥ 16 MiB),
 *        latencyRuns, sizes, recipients, minSampleMs, log, cpuMs (optional: process CPU time in ms) }
 */
export async function runEnvelopeBench(m, env = {}) {
  env = {
    runs: 5, runsFast: 11, warmup: 1, warmupLarge: 0, latencyRuns: 9, sizes: [KiB, MiB, 64 * MiB], recipients: [1, 3, 10], minSampleMs: 40, ...env,
  };
  const log = env.log ?? null;
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new Error('crypto.subtle is missing: not a secure context?');
  const kp = m.generateKeyPair();
  const ctx = { subtle, pub: kp.publicJwk, priv: kp.privateJwk, env, log };
  const started = now();
  const result = {
    runtime: env.runtime ?? 'unknown',
    userAgent: globalThis.navigator?.userAgent ?? null,
    packageVersion: m.version(),
    chunkBytes: m.SealStream.chunkSize(),
    runs: env.runs,
    runsFast: env.runsFast,
    warmup: env.warmup,
    warmupLarge: env.warmupLarge,
    throughput: [],
    latency10KB: null,
  };
  if (result.chunkBytes !== CHUNK) throw new Error(`chunk size ${result.chunkBytes}, expected ${CHUNK}`);
  for (const size of env.sizes) {
    log?.(`${result.runtime}: ${fmtSize(size)}`);
    result.throughput.push(await benchSize(m, ctx, size));
  }
  log?.(`${result.runtime}: 10 KB to ${env.recipients.join('/')} recipients`);
  result.latency10KB = await benchRecipients(m, ctx);
  result.seconds = (now() - started) / 1e3;
  return result;
}

/**
 * Streams `totalBytes` of generated data (64 KiB pieces made on the fly, never kept) through
 * sealStream → openStream into a sink that counts the bytes and keeps a running hash, which
 * must equal the source's. `onProgress(bytesSoFar)` is called at least every `sampleEveryMs`
 * of pipeline activity (from inside the pipeline, so that sampling works even when the
 * pipeline keeps the event loop busy with microtasks). Returns { bytes, seconds, hashOk }.
 */
export async function runStreamPipeline(m, { totalBytes, webCrypto = true, raw = false, onProgress, sampleEveryMs = 50, piece = CHUNK } = {}) {
  const kp = m.generateKeyPair();
  const key = m.PrivateKey.fromJwk(kp.privateJwk);
  const opts = { recipients: [kp.publicJwk], metadata: { marking: 'TLP:AMBER', bench: 'memory' } };
  if (!webCrypto) opts.webCrypto = false;

  // FNV-1a-style running hash over 32-bit little-endian words; the byte stream is cut into
  // words identically on both sides whatever the piece sizes are.
  function hasher() {
    let h = 0x811c9dc5 | 0;
    let carry = 0; let carryN = 0;
    return {
      update(b) {
        let i = 0;
        while (carryN && i < b.length) {
          carry |= b[i++] << (8 * carryN++);
          if (carryN === 4) { h = Math.imul(h ^ carry, 0x01000193); carry = 0; carryN = 0; }
        }
        const rest = b.length - i;
        const words = rest >>> 2;
        if (words) {
          const off = b.byteOffset + i;
          if ((off & 3) === 0) {
            const w = new Uint32Array(b.buffer, off, words);
            for (let j = 0; j < words; j++) h = Math.imul(h ^ w[j], 0x01000193);
          } else {
            const dv = new DataView(b.buffer, off, words * 4);
            for (let j = 0; j < words; j++) h = Math.imul(h ^ dv.getUint32(j * 4, true), 0x01000193);
          }
          i += words * 4;
        }
        while (i < b.length) {
          carry |= b[i++] << (8 * carryN++);
          if (carryN === 4) { h = Math.imul(h ^ carry, 0x01000193); carry = 0; carryN = 0; }
        }
      },
      digest() { return [h >>> 0, carry >>> 0, carryN]; },
    };
  }

  const srcHash = hasher();
  const sinkHash = hasher();
  let produced = 0;
  let consumed = 0;
  let seed = 0x2545f491;
  let lastSample = now();
  const tick = () => {
    const t = now();
    if (t - lastSample >= sampleEveryMs) { lastSample = t; onProgress?.(consumed); }
  };

  const source = new ReadableStream({
    pull(c) {
      tick();
      if (produced >= totalBytes) { c.close(); return; }
      const n = Math.min(piece, totalBytes - produced);
      const b = new Uint8Array(n); // a fresh buffer each time, as a file reader would give
      seed = fillPseudoRandom(b, seed);
      srcHash.update(b);
      produced += n;
      c.enqueue(b);
    },
  }, { highWaterMark: 1 });

  const t0 = now();
  let opened;
  if (raw) {
    // The floor of any WebCrypto streaming design: the same source and sink, with nothing but
    // AES-256-GCM per 64 KiB chunk in two TransformStreams (no envelope, no framing).
    const rawKey = await crypto.subtle.importKey('raw', new Uint8Array(32).fill(1), 'AES-GCM', false, ['encrypt', 'decrypt']);
    let e = 0; let d = 0;
    const gcm = (op, next) => new TransformStream({
      async transform(x, c) { c.enqueue(new Uint8Array(await crypto.subtle[op]({ name: 'AES-GCM', iv: rawNonce(next()) }, rawKey, x))); },
    });
    const readable = source.pipeThrough(gcm('encrypt', () => e++)).pipeThrough(gcm('decrypt', () => d++));
    opened = { readable, result: Promise.resolve() };
  } else {
    const sealed = m.sealStream(source, opts);
    opened = m.openStream(sealed, key, webCrypto ? undefined : { webCrypto: false });
  }
  const reader = opened.readable.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    sinkHash.update(value);
    consumed += value.length;
    tick();
  }
  await opened.result;
  const seconds = (now() - t0) / 1e3;
  key.free();
  const a = srcHash.digest(); const b = sinkHash.digest();
  return { bytes: consumed, expected: totalBytes, seconds, hashOk: consumed === totalBytes && a.every((x, i) => x === b[i]) };
}

// ---------------------------------------------------------------------------------------------
// Report: the Markdown table of one run (scripts/bench-envelope.sh writes it and prints it).
// `all` = { machine, node, chromium, memory: [..] } as that script assembles it.

const f1 = (x) => (x == null || !Number.isFinite(x) ? 'n/a' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const range = (s, f = f1) => `${f(s.median)} (${f(s.min)}–${f(s.max)})`;
const pct = (x) => `${(x * 100).toFixed(0)} %`;
const ms = (x) => (x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : `${(x * 1000).toFixed(0)} µs`);
const msUnit = (x) => (x >= 1 ? `${ms(x)} ms` : ms(x));
const MB = (b) => (b == null ? 'n/a' : `${(b / 1e6).toFixed(1)} MB`);

export function budgetChecks(all) {
  const rows = [];
  for (const rt of ['node', 'chromium']) {
    const r = all[rt];
    if (!r) continue;
    const big = r.throughput.find((t) => t.bytes >= 16 * MiB) ?? r.throughput[r.throughput.length - 1];
    for (const op of ['seal', 'open']) {
      const ratio = big.ratios['stream-webcrypto'][op];
      rows.push({
        what: `${op} ${big.label}, \`${op}Stream\` (WebCrypto path) vs raw WebCrypto, ${rt}`,
        budget: '≥ 70 %',
        measured: `${pct(ratio.median)} (${pct(ratio.min)}–${pct(ratio.max)}) per round; medians ${f1(big.variants['stream-webcrypto'][op].mbps.median)} vs ${f1(big.variants['raw-webcrypto'][op].mbps.median)} MB/s`,
        pass: ratio.median >= 0.7,
      });
    }
    for (const op of ['seal', 'open']) {
      const v = big.variants['stream-wasm'][op];
      const one = big.variants['oneshot-wasm'][op];
      const cpu = v.mbPerCpuSecond ? `; ${f1(v.mbPerCpuSecond.median)} MB per CPU-second` : '';
      rows.push({
        what: `${op} ${big.label}, pure-wasm path (\`${op}Stream\` with \`webCrypto: false\`), ${rt}`,
        budget: '≥ 75 MB/s',
        measured: `${range(v.mbps)} MB/s${cpu} (one-shot \`${op}\`: ${f1(one.mbps.median)} MB/s)`,
        pass: v.mbps.median >= 75,
      });
    }
    const rs = r.latency10KB['redact-seal-3'];
    const l3 = r.latency10KB['seal-3'];
    rows.push({
      what: `redact a 10 KB police report (\`redactText\`, default policy) and \`seal\` it to 3 recipients, ${rt}`,
      budget: '≤ 5 ms',
      measured: `${msUnit(rs.ms.median)} (${msUnit(rs.ms.min)}–${msUnit(rs.ms.max)}); of which \`seal\` alone ${msUnit(l3.ms.median)}`,
      pass: rs.ms.median <= 5,
    });
  }
  for (const mem of all.memory ?? []) {
    if (mem.bytes < 1024 * MiB || mem.path === 'raw-webcrypto') continue;
    const node = mem.runtime === 'node';
    const floor = (all.memory ?? []).find((x) => x.path === 'raw-webcrypto' && x.runtime === mem.runtime && x.bytes === mem.bytes);
    const floorGrow = floor && (node ? floor.peakRssOverBaseline : floor.rendererRss.overBaseline);
    const floorNote = floor ? `; raw WebCrypto pipeline, same source and sink: ${MB(floorGrow)}` : '';
    const grow = node ? mem.peakRssOverBaseline : mem.rendererRss.overBaseline;
    const after = node ? mem.afterGcOverBaseline?.rss : mem.rendererRss.afterGcOverBaseline;
    rows.push({
      what: `peak ${node ? 'RSS' : 'renderer RSS'} sealing + opening ${mem.bytes / MiB / 1024} GiB through \`sealStream\` → \`openStream\` (${mem.path}), ${mem.runtime}`,
      budget: '≤ 64 MB',
      measured: `${MB(grow)} over baseline; ${MB(after)} after a forced GC (${mem.hashOk ? 'hash ok' : 'HASH MISMATCH'})${floorNote}`,
      pass: grow <= 64e6 && mem.hashOk,
    });
  }
  return rows;
}

export function renderReport(all) {
  const L = [];
  const mc = all.machine ?? {};
  L.push('# borderseal — envelope benchmarks', '');
  L.push(`- date: ${mc.date ?? 'n/a'}; whole run ${mc.seconds ?? 'n/a'} s`);
  L.push(`- machine: ${mc.nproc ?? '?'} CPUs (\`nproc\`), ${mc.cpuModel ?? '?'}; load average ${mc.loadBefore ?? '?'} before, ${mc.loadAfter ?? '?'} after`);
  L.push(`- Node ${all.node?.runtimeVersion ?? 'n/a'} (V8 ${all.node?.v8 ?? '?'}); Chromium ${all.chromium?.runtimeVersion ?? 'n/a'} (headless, \`/usr/bin/chromium\`)`);
  L.push(`- package: borderseal ${mc.packageVersion ?? '?'} (\`version()\` = ${all.node?.packageVersion ?? all.chromium?.packageVersion ?? '?'}), pkg/borderseal_core_bg.wasm sha256 ${mc.wasmSha256 ?? '?'}; git ${mc.gitCommit ?? '?'}`);
  const rn = all.node ?? all.chromium ?? {};
  L.push(`- each figure: median (min–max) of ${rn.runsFast ?? '?'} samples for the WebCrypto variants (ours and raw), ${rn.runs ?? '?'} for the wasm`);
  L.push('  ones, after warm-up. Variants run interleaved round by round, raw and ours back to back (alternating which goes');
  L.push('  first); the ours/raw ratio is taken within each round, then its median is reported (the ratio of the medians is');
  L.push('  in the JSON). 1 KiB/1 MiB samples repeat the operation to last ≥ 40 ms; 64 MiB: one operation per sample, warmed');
  L.push('  up by a checked round trip of every path on the same data.');
  L.push('- units: sizes binary (KiB, MiB); MB/s = 10^6 bytes of plaintext per second. Raw WebCrypto = AES-256-GCM,');
  L.push('  64 KiB chunks, counter nonces, awaited one after another (as the streams do), one key import per envelope.');
  L.push('');

  L.push('## Budgets', '');
  L.push('| what | budget | measured | verdict |', '|---|---|---|---|');
  for (const b of budgetChecks(all)) L.push(`| ${b.what} | ${b.budget} | ${b.measured} | ${b.pass ? 'PASS' : '**FAIL**'} |`);
  L.push('');

  const names = { 'stream-webcrypto': '`sealStream`/`openStream` (WebCrypto)', 'stream-wasm': '`sealStream`/`openStream` (`webCrypto: false`)', 'oneshot-wasm': '`seal`/`open` one-shot (wasm)', 'raw-webcrypto': 'raw WebCrypto AES-256-GCM, 64 KiB chunks' };
  L.push('## Throughput, MB/s: median (min–max)', '');
  L.push('| runtime | size | path | seal | open | seal ours/raw | open ours/raw | seal MB/CPU-s | open MB/CPU-s |');
  L.push('|---|---|---|---|---|---|---|---|---|');
  for (const rt of ['node', 'chromium']) {
    const r = all[rt];
    if (!r) continue;
    for (const t of r.throughput) {
      for (const [v, o] of Object.entries(t.variants)) {
        const ra = t.ratios[v];
        const cpu = (op) => (o[op].mbPerCpuSecond ? f1(o[op].mbPerCpuSecond.median) : '–');
        L.push(`| ${rt} | ${t.label} | ${names[v] ?? v} | ${range(o.seal.mbps)} | ${range(o.open.mbps)} | ${ra ? pct(ra.seal.median) : '–'} | ${ra ? pct(ra.open.median) : '–'} | ${cpu('seal')} | ${cpu('open')} |`);
      }
    }
  }
  L.push('', 'MB/CPU-s (Node only): plaintext MB per second of process CPU time, all threads — what the code does per');
  L.push('core-second whatever share of the busy machine it got (WebCrypto in Node runs on libuv worker threads).', '');

  L.push('## Latency, 10 KB report (one-shot `seal` of 10 KB; `redactText` of a generated 10 KB police report, then `seal`)', '');
  L.push('| runtime | operation | median | min | max | ops per sample |', '|---|---|---|---|---|---|');
  for (const rt of ['node', 'chromium']) {
    const r = all[rt];
    if (!r) continue;
    for (const [k, v] of Object.entries(r.latency10KB)) {
      const labels = { 'open-3': 'open (3 recipients, last stanza: the worst case)', 'redact-seal-3': '`redactText` + `seal` to 3 recipients', 'redact-10KB': '`redactText` alone (default policy)' };
      const label = labels[k] ?? `seal to ${k.slice(5)} recipient${k.slice(5) === '1' ? '' : 's'}`;
      L.push(`| ${rt} | ${label} | ${msUnit(v.ms.median)} | ${msUnit(v.ms.min)} | ${msUnit(v.ms.max)} | ${v.opsPerSample} |`);
    }
  }
  L.push('');

  L.push('## Peak memory, streaming seal → open (input made on the fly in 64 KiB pieces, sink counts and hashes)', '');
  L.push('| runtime | path | payload | MB/s (seal+open, one thread) | peak RSS − baseline | peak JS heap − baseline | peak ArrayBuffers − baseline | RSS − baseline after a forced GC | wasm memory (baseline → peak) | data |');
  L.push('|---|---|---|---|---|---|---|---|---|---|');
  for (const mem of all.memory ?? []) {
    const payload = mem.bytes >= 1024 * MiB ? `${mem.bytes / MiB / 1024} GiB` : `${mem.bytes / MiB} MiB`;
    const wasm = `${MB(mem.wasmMemory?.baseline)} → ${MB(mem.wasmMemory?.peak)}`;
    if (mem.runtime === 'node') {
      L.push(`| node | ${mem.path} | ${payload} | ${f1(mem.mbps)} | ${MB(mem.peakRssOverBaseline)} (baseline ${MB(mem.baseline.rss)}) | ${MB(mem.peakHeapUsedOverBaseline)} | ${MB(mem.peakArrayBuffersOverBaseline)} | ${MB(mem.afterGcOverBaseline?.rss)} | ${wasm} | ${mem.hashOk ? 'hash ok' : 'HASH MISMATCH'} |`);
    } else {
      L.push(`| chromium | ${mem.path} | ${payload} | ${f1(mem.mbps)} | renderer ${MB(mem.rendererRss.overBaseline)} (baseline ${MB(mem.rendererRss.baseline)}) | ${MB(mem.jsHeapUsed.overBaseline)} (CDP JSHeapUsedSize; \`performance.memory\` ${MB(mem.performanceMemory.peak - mem.performanceMemory.baseline)}, coarse) | – | renderer ${MB(mem.rendererRss.afterGcOverBaseline)} | ${wasm} | ${mem.hashOk ? 'hash ok' : 'HASH MISMATCH'} |`);
    }
  }
  L.push('', 'Node: the child runs with default heap limits; RSS is sampled every 50 ms inside the pipeline and from the parent');
  L.push('(/proc/<pid>/status), and the kernel\'s exact peak (VmHWM, reset after the baseline) is included; baseline = after a');
  L.push('4 MiB warm-up and a GC. Chromium: renderer RSS from /proc every 50 ms, JS heap from CDP `Performance.getMetrics`');
  L.push('(the JSON has a time series). A small "after a forced GC" figure with a large peak means the peak is garbage the');
  L.push('collector had not yet reclaimed (GC lag), not memory the pipeline holds on to.');
  return L.join('\n') + '\n';
}
