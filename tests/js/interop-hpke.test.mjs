// An independent second implementation of `open`, written from docs/FORMAT.md alone: the
// recipient stanza goes through @hpke/core (RFC 9180), everything else through WebCrypto
// (HKDF, HMAC-SHA256, AES-256-GCM, SHA-256, Ed25519), plus a little BigInt Edwards arithmetic
// for the small-order checks that WebCrypto's Ed25519 verify does not make (§4.5).
// It opens the published vectors (docs/vectors/*.json) and fresh envelopes from the installed
// `borderseal` package, and must reject what FORMAT.md §5 says a reader MUST reject.
//
// Run: node --test interop-hpke.test.mjs   (from a directory where `borderseal` is installed;
// the repo root is $BORDERSEAL_ROOT, or the first parent of cwd that holds docs/FORMAT.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateKeyPair, seal, open as packageOpen } from 'borderseal';

// ---------------------------------------------------------------------------------------------
// Locating the repository and @hpke/core
// ---------------------------------------------------------------------------------------------

function findRoot() {
  if (process.env.BORDERSEAL_ROOT) return resolve(process.env.BORDERSEAL_ROOT);
  for (const start of [process.cwd(), dirname(fileURLToPath(import.meta.url))]) {
    let dir = resolve(start);
    for (;;) {
      if (existsSync(join(dir, 'docs', 'FORMAT.md'))) return dir;
      const up = dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  throw new Error('repository root not found: set BORDERSEAL_ROOT');
}
const ROOT = findRoot();

async function loadHpke() {
  try {
    return await import('@hpke/core');
  } catch {
    return await import(pathToFileURL(join(ROOT, 'node_modules', '@hpke', 'core', 'esm', 'mod.js')).href);
  }
}
const { CipherSuite, DhkemX25519HkdfSha256, HkdfSha256, Aes256Gcm } = await loadHpke();

const subtle = globalThis.crypto.subtle;
const te = new TextEncoder();

// ---------------------------------------------------------------------------------------------
// Small byte helpers
// ---------------------------------------------------------------------------------------------

const hex = (b) => Buffer.from(b).toString('hex');
const unhex = (s) => new Uint8Array(Buffer.from(s, 'hex'));
const b64u = (b) => Buffer.from(b).toString('base64url');
const sha256 = async (b) => new Uint8Array(await subtle.digest('SHA-256', b));
const bytesEqual = (a, b) => a.length === b.length && a.every((v, i) => v === b[i]);
function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}
const u16 = (b, o) => (b[o] << 8) | b[o + 1];
const u32 = (b, o) => ((b[o] << 24) >>> 0) + (b[o + 1] << 16) + (b[o + 2] << 8) + b[o + 3];

// ---------------------------------------------------------------------------------------------
// The format constants (FORMAT.md §3, §4)
// ---------------------------------------------------------------------------------------------

const MAGIC = te.encode('BRDRSEAL');
const PREFIX_LEN = 38;
const STANZA_LEN = 112;
const MAX_METADATA = 32768;
const MAX_RECIPIENTS = 64;
const CHUNK = 65536;
const TAG = 16;
const SEALED_CHUNK = CHUNK + TAG; // 65 552
const WRAP_INFO_PREFIX = te.encode('borderseal/v1 wrap ');
const PAYLOAD_KEY_LABEL = te.encode('borderseal/v1 payload key');
const MAC_KEY_LABEL = te.encode('borderseal/v1 header mac key');
const SIG_PREFIX = te.encode('borderseal/v1 signature ');

class ReaderError extends Error {
  constructor(code, detail) {
    super(`${code}: ${detail}`);
    this.name = 'ReaderError';
    this.code = code;
  }
}
const fail = (code, detail) => { throw new ReaderError(code, detail); };

// §2: base64url without padding; reject padding, non-URL-safe characters, non-zero trailing bits.
function strictB64u32(s, what) {
  if (typeof s !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(s)) fail('INVALID_KEY', `${what} is not 43 base64url characters`);
  const b = new Uint8Array(Buffer.from(s, 'base64url'));
  if (b.length !== 32 || b64u(b) !== s) fail('INVALID_KEY', `${what} has non-zero trailing bits`);
  return b;
}

// §2: RFC 7638 thumbprint over the exact member order crv, kty, x.
async function thumbprint(crv, xB64u) {
  return sha256(te.encode(`{"crv":"${crv}","kty":"OKP","x":"${xB64u}"}`));
}

// §4.4: 11-byte big-endian chunk index ‖ final flag.
function nonceFor(i, isFinal) {
  const n = new Uint8Array(12);
  let v = BigInt(i);
  for (let k = 10; k >= 0; k--) { n[k] = Number(v & 0xffn); v >>= 8n; }
  n[11] = isFinal ? 1 : 0;
  return n;
}

// ---------------------------------------------------------------------------------------------
// Ed25519 strictness (§4.5): WebCrypto checks S < L, but accepts small-order keys and R
// (OpenSSL verifies cofactorless without those checks), so they are checked here.
// ---------------------------------------------------------------------------------------------

const P = 2n ** 255n - 19n;
const L = 2n ** 252n + 27742317777372353535851937790883648493n;
const mod = (a) => ((a % P) + P) % P;
function powmod(b, e) {
  let r = 1n; b = mod(b);
  while (e > 0n) { if (e & 1n) r = (r * b) % P; b = (b * b) % P; e >>= 1n; }
  return r;
}
const inv = (a) => powmod(a, P - 2n);
const D = mod(-121665n * inv(121666n));
const SQRT_M1 = powmod(2n, (P - 1n) / 4n);
const leToBig = (b) => b.reduceRight((acc, v) => (acc << 8n) | BigInt(v), 0n);

// RFC 8032 §5.1.3 decoding; null if not a point. With `reduce`, y ≥ p is taken mod p (as
// lenient decoders do), so that non-canonical encodings of small-order points are caught too.
function decodePoint(bytes, reduce = false) {
  const sign = bytes[31] >> 7;
  const yb = bytes.slice(); yb[31] &= 0x7f;
  let y = leToBig(yb);
  if (y >= P) { if (!reduce) return null; y -= P; }
  const u = mod(y * y - 1n);
  const v = mod(D * y * y + 1n);
  let x = mod(u * powmod(v, 3n) * powmod(u * powmod(v, 7n), (P - 5n) / 8n));
  const vx2 = mod(v * x * x);
  if (vx2 === u) { /* ok */ } else if (vx2 === mod(-u)) x = mod(x * SQRT_M1); else return null;
  if (x === 0n && sign === 1) return null;
  if (Number(x & 1n) !== sign) x = P - x;
  return [x, y];
}
function edAdd([x1, y1], [x2, y2]) {
  const t = mod(D * x1 * x2 * y1 * y2);
  return [mod((x1 * y2 + y1 * x2) * inv(1n + t)), mod((y1 * y2 + x1 * x2) * inv(1n - t))];
}
function scalarMult(k, pt) {
  let acc = [0n, 1n];
  for (let q = pt; k > 0n; k >>= 1n, q = edAdd(q, q)) if (k & 1n) acc = edAdd(acc, q);
  return acc;
}
function encodePoint([x, y]) {
  const b = new Uint8Array(32);
  let v = y;
  for (let i = 0; i < 32; i++) { b[i] = Number(v & 0xffn); v >>= 8n; }
  b[31] |= Number(x & 1n) << 7;
  return b;
}
const scalarBytes = (k) => { const b = new Uint8Array(32); for (let i = 0; i < 32; i++) { b[i] = Number(k & 0xffn); k >>= 8n; } return b; };
// [8]P is the identity, i.e. P is in the torsion subgroup.
function isSmallOrder(bytes) {
  const pt = decodePoint(bytes, true);
  if (pt === null) return false; // not a point at all; WebCrypto rejects it
  let q = pt;
  for (let k = 0; k < 3; k++) q = edAdd(q, q);
  return q[0] === 0n && q[1] === 1n;
}

// ---------------------------------------------------------------------------------------------
// The independent reader
// ---------------------------------------------------------------------------------------------

const suite = new CipherSuite({ kem: new DhkemX25519HkdfSha256(), kdf: new HkdfSha256(), aead: new Aes256Gcm() });

async function importRecipientKey(jwk) {
  if (!jwk || jwk.kty !== 'OKP' || jwk.crv !== 'X25519') fail('INVALID_KEY', 'not an X25519 OKP JWK');
  const d = strictB64u32(jwk.d, 'd');
  const sk = await suite.kem.deserializePrivateKey(d);
  // The public key is derived from d (X25519(d, 9)) and must match the JWK's x, so that the
  // kid we look for is really that of the key we decrypt with.
  const basePoint = new Uint8Array(32); basePoint[0] = 9;
  const bp = await subtle.importKey('raw', basePoint, { name: 'X25519' }, false, []);
  const pub = new Uint8Array(await subtle.deriveBits({ name: 'X25519', public: bp }, sk, 256));
  if (!bytesEqual(strictB64u32(jwk.x, 'x'), pub)) fail('INVALID_KEY', 'x does not match d');
  const kid = await thumbprint('X25519', b64u(pub));
  return { sk, kid };
}

/**
 * Opens `env` (Uint8Array) with a private X25519 JWK, following FORMAT.md §5 in order.
 * Returns { plaintext, metadata, recipientKid, signer, intermediate } or throws ReaderError.
 */
async function readerOpen(env, privateJwk) {
  // §5.1 magic
  if (env.length < 8 || !bytesEqual(env.subarray(0, 8), MAGIC)) fail('NOT_AN_ENVELOPE', 'bad magic');
  // §5.2 version, flags, suite; each checked as soon as its bytes are present
  if (env.length > 8 && env[8] !== 1) fail('UNSUPPORTED_VERSION', `version ${env[8]}`);
  if (env.length > 9 && (env[9] & 0xfe) !== 0) fail('UNSUPPORTED_VERSION', `flags ${env[9]}`);
  if (env.length >= 16 && (u16(env, 10) !== 0x0020 || u16(env, 12) !== 0x0001 || u16(env, 14) !== 0x0002)) {
    fail('UNSUPPORTED_VERSION', 'suite');
  }
  if (env.length < PREFIX_LEN) {
    if (env.length >= 36 && u32(env, 32) > MAX_METADATA) fail('HEADER_TOO_LARGE', 'M');
    fail('DECRYPT_FAILED', 'truncated prefix');
  }
  const signed = (env[9] & 1) === 1;
  const salt = env.slice(16, 32);
  const M = u32(env, 32);
  const N = u16(env, 36);
  // §5.3 limits, before anything else is read
  if (M > MAX_METADATA) fail('HEADER_TOO_LARGE', `M = ${M}`);
  if (N > MAX_RECIPIENTS) fail('TOO_MANY_RECIPIENTS', `N = ${N}`);
  if (N === 0) fail('NOT_A_RECIPIENT', 'N = 0');
  // §5.4 complete header
  const stanzasAt = PREFIX_LEN + M;
  const signerAt = stanzasAt + STANZA_LEN * N;
  const H = signerAt + (signed ? 32 : 0) + 32;
  if (env.length < H) fail('DECRYPT_FAILED', 'truncated header');
  const header = env.subarray(0, H);
  const stanzas = [];
  const seen = new Set();
  for (let i = 0; i < N; i++) {
    const s = header.subarray(stanzasAt + STANZA_LEN * i, stanzasAt + STANZA_LEN * (i + 1));
    const kidHex = hex(s.subarray(0, 32));
    if (seen.has(kidHex)) fail('DECRYPT_FAILED', 'duplicate kid');
    seen.add(kidHex);
    stanzas.push({ kid: s.slice(0, 32), enc: s.slice(32, 64), wrapped: s.slice(64, 112) });
  }
  // §5.5 find the stanza
  const { sk, kid } = await importRecipientKey(privateJwk);
  const stanza = stanzas.find((s) => bytesEqual(s.kid, kid));
  if (!stanza) fail('NOT_A_RECIPIENT', 'no stanza for this key');

  // §5.6: from here on every failure is DECRYPT_FAILED
  // 6.1 HPKE OpenBase (§4.1)
  const info = concat(WRAP_INFO_PREFIX, stanza.kid);
  let cek;
  try {
    cek = new Uint8Array(await suite.open({ recipientKey: sk, enc: stanza.enc, info }, stanza.wrapped, new Uint8Array(0)));
  } catch (e) {
    fail('DECRYPT_FAILED', `HPKE open: ${e.name}: ${e.message}`);
  }
  if (cek.length !== 32) fail('DECRYPT_FAILED', 'CEK is not 32 bytes');
  // §4.2 key schedule
  const ikm = await subtle.importKey('raw', cek, 'HKDF', false, ['deriveBits']);
  const expand = async (label) => new Uint8Array(await subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info: label }, ikm, 256));
  const payloadKey = await expand(PAYLOAD_KEY_LABEL);
  const macKey = await expand(MAC_KEY_LABEL);
  // 6.2 header MAC (§4.3), compared by WebCrypto's HMAC verify
  const hmacKey = await subtle.importKey('raw', macKey, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  const macOk = await subtle.verify('HMAC', hmacKey, header.slice(H - 32, H), header.slice(0, H - 32));
  if (!macOk) fail('DECRYPT_FAILED', 'header MAC');
  // 6.3 metadata: a UTF-8 JSON object, parsed only now
  let metadata;
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(header.subarray(PREFIX_LEN, stanzasAt));
    metadata = JSON.parse(text);
  } catch (e) {
    fail('DECRYPT_FAILED', `metadata: ${e.message}`);
  }
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) fail('DECRYPT_FAILED', 'metadata is not an object');
  // 6.4 / 6.5 chunks (§4.4)
  const T = signed ? 64 : 0;
  const aes = await subtle.importKey('raw', payloadKey, 'AES-GCM', false, ['decrypt']);
  const decrypt = async (ct, i, isFinal) => {
    try {
      return new Uint8Array(await subtle.decrypt({ name: 'AES-GCM', iv: nonceFor(i, isFinal), tagLength: 128 }, aes, ct));
    } catch {
      return fail('DECRYPT_FAILED', `chunk ${i} tag`);
    }
  };
  const parts = [];
  let pos = H;
  let i = 0;
  while (env.length - pos > SEALED_CHUNK + T) {
    parts.push(await decrypt(env.subarray(pos, pos + SEALED_CHUNK), i, false));
    pos += SEALED_CHUNK;
    i++;
  }
  const finalLen = env.length - pos - T;
  if (finalLen < TAG) fail('DECRYPT_FAILED', 'missing or short final chunk');
  if (finalLen === TAG && i !== 0) fail('DECRYPT_FAILED', 'empty final chunk after chunk 0');
  parts.push(await decrypt(env.subarray(pos, pos + finalLen), i, true));
  const payloadEnd = pos + finalLen;
  // §5.7 signature (§4.5)
  let signer = null;
  if (signed) {
    const signerKey = header.slice(signerAt, signerAt + 32);
    const sig = env.slice(payloadEnd, payloadEnd + 64);
    const message = concat(SIG_PREFIX, await sha256(header), await sha256(env.subarray(H, payloadEnd)));
    if (isSmallOrder(signerKey)) fail('SIGNATURE_INVALID', 'small-order signer key');
    if (leToBig(sig.subarray(32)) >= L) fail('SIGNATURE_INVALID', 'non-canonical S');
    if (isSmallOrder(sig.subarray(0, 32))) fail('SIGNATURE_INVALID', 'small-order R');
    let ok = false;
    try {
      const vk = await subtle.importKey('raw', signerKey, { name: 'Ed25519' }, false, ['verify']);
      ok = await subtle.verify('Ed25519', vk, sig, message);
    } catch {
      ok = false;
    }
    if (!ok) fail('SIGNATURE_INVALID', 'Ed25519 verify');
    const x = b64u(signerKey);
    signer = { kid: b64u(await thumbprint('Ed25519', x)), x };
  }
  return {
    plaintext: concat(...parts),
    metadata,
    recipientKid: b64u(kid),
    signer,
    intermediate: {
      cek, payloadKey, macKey, salt, info, headerLen: H, chunkCount: i + 1, headerMac: header.slice(H - 32, H),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Test helpers
// ---------------------------------------------------------------------------------------------

async function rejects(promise, code, what) {
  await assert.rejects(promise, (e) => {
    assert.ok(e instanceof ReaderError, `${what}: ${e && e.stack}`);
    assert.equal(e.code, code, `${what}: ${e.message}`);
    return true;
  }, what);
}
function packageCode(env, jwk) {
  try { packageOpen(env, jwk); return 'OK'; } catch (e) { return e.code; }
}
// Both readers must reject `env` with `code`.
async function bothReject(env, jwk, code, what) {
  await rejects(readerOpen(env, jwk), code, what);
  assert.equal(packageCode(env, jwk), code, `package on ${what}`);
}
function patterned(n) {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (i * 131 + (i >> 9) + 7) & 0xff;
  return b;
}
function flip(env, at, bit = 0) {
  const c = env.slice();
  c[at] ^= 1 << bit;
  return c;
}
function headerLenOf(env) {
  return PREFIX_LEN + u32(env, 32) + STANZA_LEN * u16(env, 36) + ((env[9] & 1) ? 32 : 0) + 32;
}
async function hmac(key, data) {
  const k = await subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await subtle.sign('HMAC', k, data));
}
async function sealChunk(payloadKey, i, isFinal, pt) {
  const k = await subtle.importKey('raw', payloadKey, 'AES-GCM', false, ['encrypt']);
  return new Uint8Array(await subtle.encrypt({ name: 'AES-GCM', iv: nonceFor(i, isFinal), tagLength: 128 }, k, pt));
}

// RFC 8037 A.1 Ed25519 key; its RFC 7638 thumbprint is given in RFC 8037 A.3.
const RFC8037_KEY = { kty: 'OKP', crv: 'Ed25519', d: 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' };
const RFC8037_KID = 'kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k';

// ---------------------------------------------------------------------------------------------
// 1. The published vectors
// ---------------------------------------------------------------------------------------------

const vectorDir = join(ROOT, 'docs', 'vectors');
const vectorFiles = readdirSync(vectorDir).filter((f) => f.endsWith('.json')).sort();

test('the vectors directory holds the three documented vectors', () => {
  for (const name of ['v1-empty.json', 'v1-three-recipients.json', 'v1-two-chunks-signed.json']) {
    assert.ok(vectorFiles.includes(name), name);
  }
});

for (const file of vectorFiles) {
  test(`vector ${file}: opened by the independent reader with every recipient key`, async () => {
    const v = JSON.parse(readFileSync(join(vectorDir, file), 'utf8'));
    const env = unhex(v.envelope_hex);
    assert.equal(env.length, v.envelope_len);
    assert.equal(hex(await sha256(env)), v.envelope_sha256);
    assert.ok(v.recipients.length >= 1);
    assert.equal(u16(env, 36), v.recipients.length, 'N');
    assert.equal((env[9] & 1) === 1, v.signer != null, 'signed flag');
    for (const r of v.recipients) {
      // §2: the published kid is the RFC 7638 thumbprint of x
      assert.equal(b64u(await thumbprint('X25519', r.public_jwk.x)), r.kid);
      const got = await readerOpen(env, r.private_jwk);
      assert.equal(got.plaintext.length, v.plaintext_len);
      assert.equal(hex(await sha256(got.plaintext)), v.plaintext_sha256);
      if (typeof v.plaintext_hex === 'string') assert.equal(hex(got.plaintext), v.plaintext_hex);
      if (v.plaintext_rule === 'byte i = i mod 251') assert.ok(got.plaintext.every((b, i) => b === i % 251), 'plaintext rule');
      assert.deepEqual(got.metadata, v.metadata);
      assert.equal(got.recipientKid, r.kid);
      // the intermediate values of the vector
      const im = v.intermediate;
      assert.equal(hex(got.intermediate.info), r.hpke_info_hex);
      assert.equal(hex(got.intermediate.cek), im.content_key_hex);
      assert.equal(hex(got.intermediate.payloadKey), im.payload_key_hex);
      assert.equal(hex(got.intermediate.macKey), im.header_mac_key_hex);
      assert.equal(hex(got.intermediate.salt), im.payload_salt_hex);
      assert.equal(got.intermediate.headerLen, im.header_len);
      assert.equal(got.intermediate.chunkCount, im.chunk_count);
      // the header MAC, recomputed outright and compared with the vector and the envelope
      const H = im.header_len;
      const mac = await hmac(unhex(im.header_mac_key_hex), env.subarray(0, H - 32));
      assert.equal(hex(mac), im.header_mac_hex);
      assert.equal(hex(env.subarray(H - 32, H)), im.header_mac_hex);
      assert.equal(hex(got.intermediate.headerMac), im.header_mac_hex);
      if (v.signer) {
        assert.ok(got.signer, 'signer reported');
        assert.equal(got.signer.x, v.signer.public_jwk.x);
        assert.equal(got.signer.kid, v.signer.kid);
        assert.equal(b64u(await thumbprint('Ed25519', v.signer.public_jwk.x)), v.signer.kid);
      } else {
        assert.equal(got.signer, null);
      }
      // and the package agrees
      const pkg = packageOpen(env, r.private_jwk);
      assert.ok(bytesEqual(pkg.plaintext, got.plaintext));
      assert.deepEqual(pkg.metadata, got.metadata);
    }
  });
}

test('vector v1-empty matches the worked example of FORMAT.md §9 byte for byte', async () => {
  const v = JSON.parse(readFileSync(join(vectorDir, 'v1-empty.json'), 'utf8'));
  const env = unhex(v.envelope_hex);
  assert.equal(env.length, 221);
  assert.equal(hex(env.subarray(0, 16)), '425244525345414c0100002000010002');
  assert.equal(hex(env.subarray(16, 32)), '88c6ae12c8f2148b4212706e05cfa764');
  assert.equal(hex(env.subarray(32, 38)), '000000170001');
  assert.equal(Buffer.from(env.subarray(38, 61)).toString(), '{"marking":"TLP:CLEAR"}');
  assert.equal(b64u(env.subarray(61, 93)), 'MmWokDRoMZOlc7jcsQbjpBEvXoRZydKFTxCUV3huUvw');
  assert.equal(hex(env.subarray(173, 205)), '02196c1dadd72cab4de065b76648b2fc5780aba78005343967e758892d0db3ab');
  assert.equal(hex(env.subarray(205)), 'c2cd207041673a817dd0b45a1317a72b');
  // the final empty chunk is the GCM tag of "" under payload_key and nonce 00…00‖01
  const tag = await sealChunk(unhex(v.intermediate.payload_key_hex), 0, true, new Uint8Array(0));
  assert.equal(hex(tag), 'c2cd207041673a817dd0b45a1317a72b');
  assert.equal(hex(nonceFor(2, false)), '000000000000000000000200');
  assert.equal(hex(nonceFor(0, true)), '000000000000000000000001');
});

// ---------------------------------------------------------------------------------------------
// 2. Fresh envelopes from the package, opened independently
// ---------------------------------------------------------------------------------------------

const SIZES = [0, 1, 65536, 65537, 200000];
const recipients = [generateKeyPair(), generateKeyPair(), generateKeyPair()];
const METADATA = {
  marking: 'TLP:AMBER+STRICT',
  sender: 'interop-test.invalid',
  createdAt: '2026-11-26T12:00:00Z',
  policyFingerprint: 'sha256:00',
  note: 'Grenzübergang — ünïcödé ✓',
  nested: { a: [1, 2, { b: null }], t: true },
};

for (const signed of [true, false]) {
  for (const size of SIZES) {
    test(`fresh envelope, ${size} bytes, 3 recipients, ${signed ? 'signed (RFC 8037 A.1)' : 'unsigned'}`, async () => {
      const pt = patterned(size);
      const env = seal(pt, {
        recipients: recipients.map((k) => k.publicJwk),
        metadata: METADATA,
        ...(signed ? { signingKey: RFC8037_KEY } : {}),
      });
      // the layout FORMAT.md predicts
      const M = u32(env, 32);
      const H = headerLenOf(env);
      const chunks = Math.max(1, Math.ceil(size / CHUNK));
      const finalPt = size === 0 ? 0 : size - (chunks - 1) * CHUNK;
      assert.equal(env[9], signed ? 1 : 0);
      assert.equal(u16(env, 36), 3);
      assert.equal(H, 38 + M + 3 * 112 + (signed ? 32 : 0) + 32);
      assert.equal(env.length, H + (chunks - 1) * SEALED_CHUNK + finalPt + TAG + (signed ? 64 : 0));
      for (const k of recipients) {
        const mine = await readerOpen(env, k.privateJwk);
        const theirs = packageOpen(env, k.privateJwk);
        assert.ok(bytesEqual(mine.plaintext, pt), 'independent reader: plaintext');
        assert.ok(bytesEqual(theirs.plaintext, pt), 'package: plaintext');
        assert.equal(hex(await sha256(mine.plaintext)), hex(await sha256(pt)));
        assert.deepEqual(mine.metadata, METADATA);
        assert.deepEqual(mine.metadata, theirs.metadata);
        assert.equal(mine.recipientKid, k.publicJwk.kid);
        assert.equal(mine.recipientKid, theirs.recipientKid);
        assert.equal(mine.intermediate.chunkCount, chunks);
        if (signed) {
          assert.deepEqual(mine.signer, { kid: RFC8037_KID, x: RFC8037_KEY.x });
          assert.equal(theirs.signer.kid, RFC8037_KID);
          assert.equal(theirs.signer.publicJwk.x, RFC8037_KEY.x);
        } else {
          assert.equal(mine.signer, null);
          assert.equal(theirs.signer, null);
        }
      }
      // a key that is not among the recipients
      await bothReject(env, generateKeyPair().privateJwk, 'NOT_A_RECIPIENT', 'stranger');
    });
  }
}

// ---------------------------------------------------------------------------------------------
// 3. What a reader MUST reject (FORMAT.md §5), checked on the independent reader and the package
// ---------------------------------------------------------------------------------------------

test('tampering: MAC, header fields, stanzas, chunks, truncation, reordering, trailer', async () => {
  const k = recipients[0];
  const jwk = k.privateJwk;
  const pt = patterned(200000); // 3 full chunks + a 3 392-byte final chunk
  for (const signed of [false, true]) {
    const env = seal(pt, {
      recipients: recipients.map((r) => r.publicJwk),
      metadata: METADATA,
      ...(signed ? { signingKey: RFC8037_KEY } : {}),
    });
    const tag = signed ? 'signed' : 'unsigned';
    const H = headerLenOf(env);
    const T = signed ? 64 : 0;
    const M = u32(env, 32);
    const stanzasAt = 38 + M;
    const end = env.length - T; // end of the final chunk
    const c = (i) => H + i * SEALED_CHUNK; // start of chunk i
    assert.ok(bytesEqual((await readerOpen(env, jwk)).plaintext, pt));

    // header MAC
    await bothReject(flip(env, H - 32), jwk, 'DECRYPT_FAILED', `${tag}: MAC first byte`);
    await bothReject(flip(env, H - 1, 7), jwk, 'DECRYPT_FAILED', `${tag}: MAC last bit`);
    // everything the MAC covers
    await bothReject(flip(env, 20), jwk, 'DECRYPT_FAILED', `${tag}: payload salt`);
    await bothReject(flip(env, 40), jwk, 'DECRYPT_FAILED', `${tag}: metadata`);
    await bothReject(flip(env, stanzasAt + STANZA_LEN + 70), jwk, 'DECRYPT_FAILED', `${tag}: another recipient's wrapped CEK`);
    await bothReject(flip(env, stanzasAt + STANZA_LEN + 40), jwk, 'DECRYPT_FAILED', `${tag}: another recipient's enc`);
    const mine = [0, 1, 2].find((i) => b64u(env.subarray(stanzasAt + i * 112, stanzasAt + i * 112 + 32)) === k.publicJwk.kid);
    await bothReject(flip(env, stanzasAt + mine * 112 + 100), jwk, 'DECRYPT_FAILED', `${tag}: own wrapped CEK`);
    await bothReject(flip(env, stanzasAt + mine * 112 + 33), jwk, 'DECRYPT_FAILED', `${tag}: own enc`);
    if (signed) await bothReject(flip(env, H - 40), jwk, 'DECRYPT_FAILED', 'signed: signer key (under the MAC)');
    // chunks
    await bothReject(flip(env, c(0) + 5), jwk, 'DECRYPT_FAILED', `${tag}: chunk 0 ciphertext`);
    await bothReject(flip(env, c(1) + SEALED_CHUNK - 1), jwk, 'DECRYPT_FAILED', `${tag}: chunk 1 tag`);
    await bothReject(flip(env, c(3) + 10), jwk, 'DECRYPT_FAILED', `${tag}: final chunk ciphertext`);
    await bothReject(flip(env, end - 1), jwk, 'DECRYPT_FAILED', `${tag}: final chunk tag`);
    // truncation
    const cut = (n) => concat(env.subarray(0, end - n), env.subarray(end)); // shorten the final chunk, keep the trailer
    await bothReject(cut(1), jwk, 'DECRYPT_FAILED', `${tag}: final chunk truncated by 1 byte`);
    await bothReject(cut(16), jwk, 'DECRYPT_FAILED', `${tag}: final chunk truncated by 16 bytes`);
    await bothReject(concat(env.subarray(0, c(3)), env.subarray(end)), jwk, 'DECRYPT_FAILED', `${tag}: final chunk dropped`);
    await bothReject(concat(env.subarray(0, c(3) + 10), env.subarray(end)), jwk, 'DECRYPT_FAILED', `${tag}: final chunk cut to 10 bytes`);
    await bothReject(env.subarray(0, env.length - 1), jwk, 'DECRYPT_FAILED', `${tag}: last byte dropped`);
    await bothReject(env.subarray(0, H), jwk, 'DECRYPT_FAILED', `${tag}: header only`);
    await bothReject(env.subarray(0, H - 1), jwk, 'DECRYPT_FAILED', `${tag}: header truncated`);
    await bothReject(env.subarray(0, 30), jwk, 'DECRYPT_FAILED', `${tag}: prefix truncated`);
    // reordering, duplicating, dropping chunks; trailing garbage
    const ch = (i) => env.subarray(c(i), c(i + 1));
    await bothReject(concat(env.subarray(0, H), ch(1), ch(0), env.subarray(c(2))), jwk, 'DECRYPT_FAILED', `${tag}: chunks 0 and 1 swapped`);
    await bothReject(concat(env.subarray(0, H), ch(0), ch(0), env.subarray(c(2))), jwk, 'DECRYPT_FAILED', `${tag}: chunk 0 duplicated`);
    await bothReject(concat(env.subarray(0, H), ch(0), env.subarray(c(2))), jwk, 'DECRYPT_FAILED', `${tag}: chunk 1 dropped`);
    await bothReject(concat(env, new Uint8Array([0])), jwk, 'DECRYPT_FAILED', `${tag}: one byte appended`);
    await bothReject(concat(env, new Uint8Array(64)), jwk, 'DECRYPT_FAILED', `${tag}: 64 bytes appended`);
    if (signed) {
      await bothReject(flip(env, env.length - 40), jwk, 'SIGNATURE_INVALID', 'signed: signature S');
      await bothReject(flip(env, env.length - 64), jwk, 'SIGNATURE_INVALID', 'signed: signature R');
      // a signed envelope with the signed flag cleared: the header shrinks, so the MAC fails
      await bothReject(flip(env, 9), jwk, 'DECRYPT_FAILED', 'signed: flag cleared');
    } else {
      await bothReject(flip(env, 9), jwk, 'DECRYPT_FAILED', 'unsigned: flag set');
    }
  }
});

test('public checks before any key is used: magic, version, flags, suite, limits, duplicates', async () => {
  const jwk = recipients[0].privateJwk;
  const env = seal('x', { recipients: recipients.map((r) => r.publicJwk) });
  await bothReject(new Uint8Array(0), jwk, 'NOT_AN_ENVELOPE', 'empty input');
  await bothReject(env.subarray(0, 7), jwk, 'NOT_AN_ENVELOPE', '7 bytes');
  await bothReject(flip(env, 0), jwk, 'NOT_AN_ENVELOPE', 'magic');
  await bothReject(flip(env, 8, 1), jwk, 'UNSUPPORTED_VERSION', 'version 3');
  for (let bit = 1; bit < 8; bit++) await bothReject(flip(env, 9, bit), jwk, 'UNSUPPORTED_VERSION', `flag bit ${bit}`);
  for (const at of [11, 13, 15]) await bothReject(flip(env, at), jwk, 'UNSUPPORTED_VERSION', `suite byte ${at}`);
  const setM = (m) => { const b = env.slice(); new DataView(b.buffer).setUint32(32, m); return b; };
  const setN = (n) => { const b = env.slice(); new DataView(b.buffer).setUint16(36, n); return b; };
  await bothReject(setM(32769), jwk, 'HEADER_TOO_LARGE', 'M = 32 769');
  await bothReject(setM(0xffffffff), jwk, 'HEADER_TOO_LARGE', 'M = 2^32 - 1');
  await bothReject(setM(32769).subarray(0, 38), jwk, 'HEADER_TOO_LARGE', 'M = 32 769, prefix only');
  await bothReject(setN(65), jwk, 'TOO_MANY_RECIPIENTS', 'N = 65');
  await bothReject(setN(65).subarray(0, 38), jwk, 'TOO_MANY_RECIPIENTS', 'N = 65, prefix only');
  await bothReject(setN(0), jwk, 'NOT_A_RECIPIENT', 'N = 0');
  // two stanzas with the same kid (stanza 0 copied over stanza 1)
  const M = u32(env, 32);
  const dup = env.slice();
  dup.copyWithin(38 + M + 112, 38 + M, 38 + M + 112);
  await bothReject(dup, jwk, 'DECRYPT_FAILED', 'duplicate kid');
  await bothReject(dup, recipients[2].privateJwk, 'DECRYPT_FAILED', 'duplicate kid, third recipient');
  // the same, with the header MAC recomputed, so that only the duplicate check rejects it
  const { intermediate: im } = await readerOpen(env, jwk);
  const dupHead = dup.slice(0, im.headerLen - 32);
  const dupValid = concat(dupHead, await hmac(im.macKey, dupHead), dup.subarray(im.headerLen));
  await bothReject(dupValid, jwk, 'DECRYPT_FAILED', 'duplicate kid under a valid MAC');
});

test('validly tagged but non-canonical or malformed envelopes are rejected (MAC and tags recomputed)', async () => {
  const k = recipients[1];
  const jwk = k.privateJwk;
  // A 65 536-byte plaintext has exactly one encoding: one 65 552-byte final chunk. The same
  // plaintext as a non-final chunk followed by an empty final chunk carries valid tags but
  // MUST be rejected (§4.4, §5.6.5).
  const pt = patterned(65536);
  const env = seal(pt, { recipients: [k.publicJwk], metadata: { marking: 'TLP:RED' } });
  const { intermediate: im } = await readerOpen(env, jwk);
  const H = im.headerLen;
  assert.equal(env.length, H + SEALED_CHUNK);
  const twoChunks = concat(env.subarray(0, H), await sealChunk(im.payloadKey, 0, false, pt), await sealChunk(im.payloadKey, 1, true, new Uint8Array(0)));
  await bothReject(twoChunks, jwk, 'DECRYPT_FAILED', 'empty final chunk after a full chunk');
  // sanity: the same construction with the real final chunk re-sealed opens
  const resealed = concat(env.subarray(0, H), await sealChunk(im.payloadKey, 0, true, pt));
  assert.ok(bytesEqual((await readerOpen(resealed, jwk)).plaintext, pt));

  // Metadata that is not a JSON object, under a valid MAC (§5.6.3).
  const withMetadata = async (bytes) => {
    const M = u32(env, 32);
    const rest = env.subarray(38 + M, H - 32);
    const prefix = env.slice(0, 38);
    new DataView(prefix.buffer).setUint32(32, bytes.length);
    const head = concat(prefix, bytes, rest);
    // the MAC key depends only on the CEK and salt, which are unchanged
    return concat(head, await hmac(im.macKey, head), env.subarray(H));
  };
  const ok = await withMetadata(te.encode('{ "marking" : "TLP:RED" }'));
  assert.deepEqual((await readerOpen(ok, jwk)).metadata, { marking: 'TLP:RED' }, 'non-compact metadata is fine');
  assert.deepEqual(packageOpen(ok, jwk).metadata, { marking: 'TLP:RED' });
  for (const [what, bytes] of [
    ['empty metadata (M = 0)', new Uint8Array(0)],
    ['an array', te.encode('[]')],
    ['a string', te.encode('"x"')],
    ['null', te.encode('null')],
    ['a number', te.encode('1')],
    ['truncated JSON', te.encode('{"a":')],
    ['invalid UTF-8', new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d])],
  ]) {
    await bothReject(await withMetadata(bytes), jwk, 'DECRYPT_FAILED', `metadata: ${what}`);
  }

  // Signatures (§4.5): strict verification.
  const sEnv = seal('signed report', { recipients: [k.publicJwk], signingKey: RFC8037_KEY });
  const s = await readerOpen(sEnv, jwk);
  const sH = s.intermediate.headerLen;
  // non-canonical S = S + L (the same signature for a cofactorless verifier that reduces S)
  const sig = sEnv.slice(sEnv.length - 64);
  let S = leToBig(sig.subarray(32)) + L;
  for (let i = 32; i < 64; i++) { sig[i] = Number(S & 0xffn); S >>= 8n; }
  await bothReject(concat(sEnv.subarray(0, sEnv.length - 64), sig), jwk, 'SIGNATURE_INVALID', 'non-canonical S');
  // a small-order signer key (the identity) under a valid MAC, with the signature (R = identity,
  // S = 0) that a cofactorless verifier without the small-order check accepts for any message
  const identity = new Uint8Array(32); identity[0] = 1;
  assert.ok(isSmallOrder(identity));
  assert.ok(!isSmallOrder(new Uint8Array(Buffer.from(RFC8037_KEY.x, 'base64url'))));
  const head = sEnv.slice(0, sH - 32);
  head.set(identity, sH - 64);
  const forged = concat(head, await hmac(s.intermediate.macKey, head), sEnv.subarray(sH, sEnv.length - 64), identity, new Uint8Array(32));
  await bothReject(forged, jwk, 'SIGNATURE_INVALID', 'small-order signer key');
  // the same identity key with a signature whose R = [s]B is not small order: only the check of
  // the key catches it
  const B = decodePoint(encodePoint([0n, mod(4n * inv(5n))]));
  const sc = 0x1234567890abcdefn;
  const identityNonCanonical = unhex('ee' + 'ff'.repeat(30) + '7f'); // y = p + 1
  assert.ok(isSmallOrder(identityNonCanonical));
  for (const A of [identity, identityNonCanonical]) {
    const h2 = sEnv.slice(0, sH - 32);
    h2.set(A, sH - 64);
    const forged2 = concat(h2, await hmac(s.intermediate.macKey, h2), sEnv.subarray(sH, sEnv.length - 64), encodePoint(scalarMult(sc, B)), scalarBytes(sc));
    await bothReject(forged2, jwk, 'SIGNATURE_INVALID', `small-order signer key ${hex(A).slice(0, 6)}…, ordinary R`);
  }
  // the real signer key and R = identity, with S = k·a so that [S]B = R + [k]A holds: rejected
  // because R has small order (verify_strict)
  const h = new Uint8Array(await subtle.digest('SHA-512', Buffer.from(RFC8037_KEY.d, 'base64url')));
  const a32 = h.slice(0, 32); a32[0] &= 248; a32[31] &= 127; a32[31] |= 64;
  const a = leToBig(a32);
  const A = new Uint8Array(Buffer.from(RFC8037_KEY.x, 'base64url'));
  assert.ok(bytesEqual(encodePoint(scalarMult(a, B)), A), 'RFC 8037 A.1: x = [a]B');
  const sigMessage = concat(SIG_PREFIX, await sha256(sEnv.subarray(0, sH)), await sha256(sEnv.subarray(sH, sEnv.length - 64)));
  const kHash = leToBig(new Uint8Array(await subtle.digest('SHA-512', concat(identity, A, sigMessage)))) % L;
  const smallR = concat(sEnv.subarray(0, sEnv.length - 64), identity, scalarBytes((kHash * a) % L));
  await bothReject(smallR, jwk, 'SIGNATURE_INVALID', 'small-order R');
});

test('JWK strictness (§2): padding, non-URL-safe characters, trailing bits, mismatched x', async () => {
  const { privateJwk, publicJwk } = recipients[0];
  const env = seal('x', { recipients: [publicJwk] });
  assert.ok(bytesEqual((await readerOpen(env, privateJwk)).plaintext, te.encode('x')));
  const d = privateJwk.d;
  const lastIdx = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.indexOf(d[42]);
  const withTrailingBit = d.slice(0, 42) + 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'[lastIdx ^ 1];
  const noX = { ...privateJwk };
  delete noX.x;
  const bad = [
    { ...privateJwk, d: `${d}=` },
    { ...privateJwk, d: `${d.slice(0, 10)}+${d.slice(11)}` },
    { ...privateJwk, d: `${d.slice(0, 10)}/${d.slice(11)}` },
    noX,
    { ...privateJwk, d: withTrailingBit },
    { ...privateJwk, d: d.slice(0, 42) },
    { ...privateJwk, x: generateKeyPair().publicJwk.x },
    { ...privateJwk, crv: 'Ed25519' },
  ];
  for (const j of bad) {
    await rejects(readerOpen(env, j), 'INVALID_KEY', JSON.stringify(j));
    assert.equal(packageCode(env, j), 'INVALID_KEY', `package on ${JSON.stringify(j)}`);
  }
});

// ---------------------------------------------------------------------------------------------
// 4. §4.1: a stanza whose enc is a low-order point (all-zero DH output) MUST be refused, even
//    when everything else in the envelope is valid. RFC 9180 by hand (HMAC-SHA256) to build it.
// ---------------------------------------------------------------------------------------------

const i2osp2 = (n) => new Uint8Array([n >> 8, n & 0xff]);
const HPKE_V1 = te.encode('HPKE-v1');
const KEM_SUITE = concat(te.encode('KEM'), i2osp2(0x0020));
const HPKE_SUITE = concat(te.encode('HPKE'), i2osp2(0x0020), i2osp2(0x0001), i2osp2(0x0002));
const ZERO_SALT = new Uint8Array(32); // HKDF-Extract's default salt; HMAC zero-pads keys anyway
const labeledExtract = (suiteId, salt, label, ikm) => hmac(salt.length ? salt : ZERO_SALT, concat(HPKE_V1, suiteId, te.encode(label), ikm));
const labeledExpand32 = async (suiteId, prk, label, info, len) =>
  (await hmac(prk, concat(i2osp2(len), HPKE_V1, suiteId, te.encode(label), info, new Uint8Array([1])))).slice(0, len);

// SealBase's AEAD step given enc and the DH output (RFC 9180 §4.1, §5.1, §5.2).
async function hpkeWrapWithDh(enc, dh, pkR, info, cek) {
  const eaePrk = await labeledExtract(KEM_SUITE, new Uint8Array(0), 'eae_prk', dh);
  const shared = await labeledExpand32(KEM_SUITE, eaePrk, 'shared_secret', concat(enc, pkR), 32);
  const pskIdHash = await labeledExtract(HPKE_SUITE, new Uint8Array(0), 'psk_id_hash', new Uint8Array(0));
  const infoHash = await labeledExtract(HPKE_SUITE, new Uint8Array(0), 'info_hash', info);
  const ctx = concat(new Uint8Array([0]), pskIdHash, infoHash);
  const secret = await labeledExtract(HPKE_SUITE, shared, 'secret', new Uint8Array(0));
  const key = await labeledExpand32(HPKE_SUITE, secret, 'key', ctx, 32);
  const nonce = await labeledExpand32(HPKE_SUITE, secret, 'base_nonce', ctx, 12);
  const k = await subtle.importKey('raw', key, 'AES-GCM', false, ['encrypt']);
  return new Uint8Array(await subtle.encrypt({ name: 'AES-GCM', iv: nonce, tagLength: 128 }, k, cek));
}

// A one-recipient, unsigned, one-chunk envelope written by hand from FORMAT.md §3–§4.
async function handSeal({ kid, enc, wrapped, cek, salt, metadata, plaintext }) {
  const meta = te.encode(JSON.stringify(metadata));
  const prefix = new Uint8Array(38);
  prefix.set(MAGIC, 0);
  prefix.set([1, 0, 0x00, 0x20, 0x00, 0x01, 0x00, 0x02], 8);
  prefix.set(salt, 16);
  new DataView(prefix.buffer).setUint32(32, meta.length);
  new DataView(prefix.buffer).setUint16(36, 1);
  const head = concat(prefix, meta, kid, enc, wrapped);
  const ikm = await subtle.importKey('raw', cek, 'HKDF', false, ['deriveBits']);
  const expand = async (label) => new Uint8Array(await subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info: label }, ikm, 256));
  return concat(head, await hmac(await expand(MAC_KEY_LABEL), head), await sealChunk(await expand(PAYLOAD_KEY_LABEL), 0, true, plaintext));
}

test('§4.1: a zero shared secret (low-order enc) is refused even in an otherwise valid envelope', async () => {
  const { privateJwk, publicJwk } = recipients[2];
  const pkR = new Uint8Array(Buffer.from(publicJwk.x, 'base64url'));
  const kid = await thumbprint('X25519', publicJwk.x);
  const info = concat(WRAP_INFO_PREFIX, kid);
  const cek = globalThis.crypto.getRandomValues(new Uint8Array(32));
  const salt = globalThis.crypto.getRandomValues(new Uint8Array(16));
  const plaintext = te.encode('chosen by whoever knows the shared secret');

  // Control: the hand-written HPKE and envelope, with a real ephemeral key, open in both readers.
  const eph = await subtle.generateKey({ name: 'X25519' }, true, ['deriveBits']);
  const encReal = new Uint8Array(await subtle.exportKey('raw', eph.publicKey));
  const pkRKey = await subtle.importKey('raw', pkR, { name: 'X25519' }, false, []);
  const dhReal = new Uint8Array(await subtle.deriveBits({ name: 'X25519', public: pkRKey }, eph.privateKey, 256));
  const good = await handSeal({ kid, enc: encReal, wrapped: await hpkeWrapWithDh(encReal, dhReal, pkR, info, cek), cek, salt, metadata: { m: 1 }, plaintext });
  const mine = await readerOpen(good, privateJwk);
  assert.ok(bytesEqual(mine.plaintext, plaintext));
  assert.ok(bytesEqual(mine.intermediate.cek, cek));
  assert.ok(bytesEqual(packageOpen(good, privateJwk).plaintext, plaintext));

  // The same with enc = a low-order point, so DH = 0^32 whatever the recipient's key: the
  // writer knows the shared secret, every tag and the MAC are valid, only the zero check stops it.
  const lowOrder = [
    new Uint8Array(32), // u = 0
    concat(new Uint8Array([1]), new Uint8Array(31)), // u = 1
    unhex('e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800'), // order 8
  ];
  for (const enc of lowOrder) {
    const bad = await handSeal({ kid, enc, wrapped: await hpkeWrapWithDh(enc, new Uint8Array(32), pkR, info, cek), cek, salt, metadata: { m: 1 }, plaintext });
    await bothReject(bad, privateJwk, 'DECRYPT_FAILED', `enc ${hex(enc).slice(0, 8)}…`);
    // and it is the KEM's zero check (Decap), not the AEAD, that refused it
    await assert.rejects(readerOpen(bad, privateJwk), /HPKE open: DecapError/);
  }
});
