// The tools compared, behind one interface each, built from a `libs` object so that the same
// code runs in Node (libs = the npm packages) and in Chromium (libs = the Vite bundles that
// bench/compare/build.mjs makes, the same bundles whose gzip size is reported):
//   libs = { borderseal, redactPii, redactpiiNode, hpke, age, openpgp, jose }
//
// Redactors: { id, label, output: 'spans' | 'text', run(text) } — `run` does what a portal would
// do with one report. Sealers: { id, label, streaming, setup(n) → ctx, seal(ctx, bytes), open(ctx, ct) }.

export const CHUNK = 64 * 1024;

export function redactors(libs) {
  const list = [];
  const bs = libs.borderseal;
  if (bs) {
    const r = new bs.Redactor();
    list.push({ id: 'borderseal-analyze', label: 'borderseal `analyze` (detection only)', output: 'spans', run: (t) => r.analyze(t) });
    list.push({
      id: 'borderseal-redactText',
      label: 'borderseal `redactText` (detect + policy + operators + verify + audit)',
      output: 'text',
      run: (t) => {
        try {
          const o = r.redactText(t);
          return o.text;
        } catch (err) {
          // Fails closed (e.g. RESIDUAL_PII): nothing leaves, so nothing leaks; counted apart.
          return { refused: err.code ?? err.message };
        }
      },
    });
  }
  if (libs.redactPii) {
    const r = new libs.redactPii.SyncRedactor();
    list.push({ id: 'redact-pii', label: '`redact-pii` `SyncRedactor.redact` (defaults)', output: 'text', run: (t) => r.redact(t) });
  }
  if (libs.redactpiiNode) {
    const r = new libs.redactpiiNode.Redactor();
    list.push({ id: '@redactpii/node', label: '`@redactpii/node` `Redactor.redact` (defaults)', output: 'text', run: (t) => r.redact(t) });
  }
  return list;
}

/**
 * Scores one report: a label counts as found when the findings' union covers its whole span
 * (span tools) or when its value no longer appears in the output (text tools); a decoy counts
 * as a false positive when a finding overlaps it (span tools) or its value was changed (text
 * tools). The entity type a tool gives is not compared (every tool names types differently).
 */
export function score(report, output, kind) {
  const found = [];
  const decoyHits = [];
  if (output && typeof output === 'object' && !Array.isArray(output) && 'refused' in output) {
    return { refused: output.refused, found: report.labels.map(() => null), decoyHits: report.decoys.map(() => null) };
  }
  if (kind === 'spans') {
    const spans = output.map((f) => (Array.isArray(f) ? [f[0], f[1]] : [f.start, f.end])).sort((a, b) => a[0] - b[0]);
    const covered = (s, e) => {
      let at = s;
      for (const [a, b] of spans) {
        if (a > at) break;
        if (b > at) at = b;
        if (at >= e) return true;
      }
      return at >= e;
    };
    const overlaps = (s, e) => spans.some(([a, b]) => a < e && b > s);
    for (const l of report.labels) found.push(covered(l.start, l.end));
    for (const d of report.decoys) decoyHits.push(overlaps(d.start, d.end));
  } else {
    for (const l of report.labels) found.push(!output.includes(l.value));
    for (const d of report.decoys) decoyHits.push(!output.includes(d.value));
  }
  return { found, decoyHits };
}

// ---------------------------------------------------------------------------------------------

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
async function drainLength(readable) {
  const reader = readable.getReader();
  let n = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return n;
    n += value.length;
  }
}
const rawNonce = (i) => { const iv = new Uint8Array(12); new DataView(iv.buffer).setUint32(8, i); return iv; };

export function sealers(libs) {
  const list = [];
  const subtle = globalThis.crypto.subtle;
  const bs = libs.borderseal;
  if (bs) {
    const keys = (n) => Array.from({ length: n }, () => bs.generateKeyPair());
    const meta = { marking: 'TLP:AMBER', bench: 'compare' };
    const bsSetup = (n) => { const k = keys(n); return { opts: { recipients: k.map((x) => x.publicJwk), metadata: meta }, priv: k[0].privateJwk }; };
    list.push({
      id: 'borderseal-stream-webcrypto', label: 'borderseal `sealStream`/`openStream` (WebCrypto bulk)', ours: true,
      streaming: 'yes (ReadableStream, 64 KiB chunks, bounded memory)', setup: bsSetup,
      seal: (c, d) => collect(bs.sealStream(streamOf(d), c.opts)),
      open: async (c, ct) => { const o = bs.openStream(streamOf(ct), c.priv); const n = await drainLength(o.readable); await o.result; return n; },
    });
    list.push({
      id: 'borderseal-stream-wasm', label: 'borderseal `sealStream`/`openStream` (`webCrypto: false`, pure wasm)', ours: true,
      streaming: 'yes (same format)', setup: bsSetup,
      seal: (c, d) => collect(bs.sealStream(streamOf(d), { ...c.opts, webCrypto: false })),
      open: async (c, ct) => { const o = bs.openStream(streamOf(ct), c.priv, { webCrypto: false }); const n = await drainLength(o.readable); await o.result; return n; },
    });
    list.push({
      id: 'borderseal-oneshot', label: 'borderseal `seal`/`open` (one-shot, wasm)', ours: true,
      streaming: 'n/a (one-shot API of the same format)', setup: bsSetup,
      seal: async (c, d) => bs.seal(d, c.opts),
      open: async (c, ct) => bs.open(ct, c.priv).plaintext.length,
    });
  }
  if (libs.hpke) {
    const { CipherSuite, DhkemX25519HkdfSha256, HkdfSha256, Aes256Gcm } = libs.hpke;
    const suite = new CipherSuite({ kem: new DhkemX25519HkdfSha256(), kdf: new HkdfSha256(), aead: new Aes256Gcm() });
    list.push({
      id: '@hpke/core', label: '`@hpke/core` single-shot `seal`/`open` (X25519, HKDF-SHA256, AES-256-GCM); n recipients = n copies',
      streaming: 'no (single-shot; the context API has no chunk framing, truncation detection is the app\'s job)',
      setup: async (n) => {
        const kps = [];
        for (let i = 0; i < n; i++) kps.push(await suite.kem.generateKeyPair());
        return { kps };
      },
      seal: async (c, d) => {
        const out = [];
        for (const kp of c.kps) out.push(await suite.seal({ recipientPublicKey: kp.publicKey }, d));
        return out;
      },
      open: async (c, ct) => new Uint8Array(await suite.open({ recipientKey: c.kps[0].privateKey, enc: ct[0].enc }, ct[0].ct)).length,
    });
  }
  if (libs.age) {
    const { Encrypter, Decrypter, generateIdentity, identityToRecipient } = libs.age;
    list.push({
      id: 'age-encryption', label: '`age-encryption` (X25519 stanzas, ChaCha20-Poly1305 STREAM in JS)',
      streaming: 'yes (ReadableStream in and out, 64 KiB STREAM chunks)',
      setup: async (n) => {
        const ids = [];
        for (let i = 0; i < n; i++) ids.push(await generateIdentity());
        const e = new Encrypter();
        for (const id of ids) e.addRecipient(await identityToRecipient(id));
        const d = new Decrypter();
        d.addIdentity(ids[0]);
        return { e, d };
      },
      seal: (c, d) => c.e.encrypt(d),
      open: async (c, ct) => (await c.d.decrypt(ct)).length,
    });
  }
  if (libs.openpgp) {
    const pgp = libs.openpgp;
    list.push({
      id: 'openpgp', label: '`openpgp` (curve25519 ECDH keys, default config, binary messages)',
      streaming: 'yes (web streams; decryption can release unauthenticated plaintext unless `allowUnauthenticatedStream` stays off, which buffers)',
      setup: async (n) => {
        const keys = [];
        for (let i = 0; i < n; i++) {
          const { privateKey } = await pgp.generateKey({ type: 'ecc', curve: 'curve25519Legacy', userIDs: [{ name: `Agency ${i}` }], format: 'object' });
          keys.push(privateKey);
        }
        return { keys, pubs: keys.map((k) => k.toPublic()) };
      },
      seal: async (c, d) => pgp.encrypt({ message: await pgp.createMessage({ binary: d }), encryptionKeys: c.pubs, format: 'binary' }),
      open: async (c, ct) => (await pgp.decrypt({ message: await pgp.readMessage({ binaryMessage: ct }), decryptionKeys: c.keys[0], format: 'binary' })).data.length,
    });
  }
  if (libs.jose) {
    const jose = libs.jose;
    list.push({
      id: 'jose', label: '`jose` JWE General JSON, ECDH-ES+A256KW / A256GCM on X25519',
      streaming: 'no (whole payload in memory, base64url JSON)',
      setup: async (n) => {
        const kps = [];
        for (let i = 0; i < n; i++) kps.push(await jose.generateKeyPair('ECDH-ES+A256KW', { crv: 'X25519' }));
        return { kps };
      },
      seal: async (c, d) => {
        const enc = new jose.GeneralEncrypt(d).setProtectedHeader({ enc: 'A256GCM' });
        for (const kp of c.kps) enc.addRecipient(kp.publicKey).setUnprotectedHeader({ alg: 'ECDH-ES+A256KW' });
        return enc.encrypt();
      },
      open: async (c, ct) => (await jose.generalDecrypt(ct, c.kps[0].privateKey)).plaintext.length,
    });
  }
  list.push({
    id: 'raw-webcrypto', label: 'raw WebCrypto AES-256-GCM, 64 KiB chunks (upper bound: no key wrapping, no header)',
    streaming: 'no (one-shot per call; chunking is the app\'s job)', noRecipients: true,
    setup: async () => {
      const raw = new Uint8Array(32);
      crypto.getRandomValues(raw);
      return { raw };
    },
    seal: async (c, d) => {
      const key = await subtle.importKey('raw', c.raw, 'AES-GCM', false, ['encrypt']);
      const out = [];
      for (let at = 0, i = 0; at < d.length || i === 0; at += CHUNK, i++) {
        out.push(new Uint8Array(await subtle.encrypt({ name: 'AES-GCM', iv: rawNonce(i) }, key, d.subarray(at, at + CHUNK))));
      }
      return out;
    },
    open: async (c, ct) => {
      const key = await subtle.importKey('raw', c.raw, 'AES-GCM', false, ['decrypt']);
      let n = 0;
      for (let i = 0; i < ct.length; i++) n += (await subtle.decrypt({ name: 'AES-GCM', iv: rawNonce(i) }, key, ct[i])).byteLength;
      return n;
    },
  });
  return list;
}
