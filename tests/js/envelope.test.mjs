// The envelope through the installed package: keys, one-shot seal/open, streams on both the
// WebCrypto and the wasm path, and the failures a receiving agency must see.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  generateKeyPair, PrivateKey, PublicKey, seal, open, sealStream, sealStreamWith, openStream, SealStream, OpenStream, limits,
} from 'borderseal';

const enc = new TextEncoder();

function streamOf(bytes, piece = 7777) {
  let at = 0;
  return new ReadableStream({
    pull(c) {
      if (at >= bytes.length) { c.close(); return; }
      c.enqueue(bytes.slice(at, at + piece));
      at += piece;
    },
  });
}

async function collect(readable) {
  const parts = [];
  let len = 0;
  for await (const p of readable) { parts.push(p); len += p.length; }
  const out = new Uint8Array(len);
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

function patterned(n) {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (i * 31 + (i >> 8)) & 0xff;
  return b;
}

function expectCode(fn, code) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof Error, 'a real Error');
    assert.equal(e.name, 'BordersealError');
    assert.equal(e.code, code, e.message);
    return true;
  });
}

test('generateKeyPair gives RFC 8037 JWKs with an RFC 7638 kid', () => {
  const { publicJwk, privateJwk } = generateKeyPair();
  assert.equal(publicJwk.kty, 'OKP');
  assert.equal(publicJwk.crv, 'X25519');
  assert.match(publicJwk.x, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(publicJwk.d, undefined);
  assert.match(privateJwk.d, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(privateJwk.kid, publicJwk.kid);
  const key = PrivateKey.fromJwk(privateJwk);
  assert.equal(key.kid, publicJwk.kid);
  assert.equal(PublicKey.fromJwk(publicJwk).kid, publicJwk.kid);
  key.free();
});

test('seal and open round-trip text and bytes, to several recipients', () => {
  const a = generateKeyPair();
  const b = generateKeyPair();
  const env = seal('Bericht über den Verdächtigen 🚓', { recipients: [a.publicJwk, b.publicJwk], metadata: { marking: 'TLP:AMBER' } });
  for (const k of [a, b]) {
    const r = open(env, k.privateJwk);
    assert.equal(new TextDecoder().decode(r.plaintext), 'Bericht über den Verdächtigen 🚓');
    assert.deepEqual(r.metadata, { marking: 'TLP:AMBER' });
    assert.equal(r.recipientKid, k.publicJwk.kid);
    assert.equal(r.signer, null);
  }
  const bytes = patterned(200_000);
  assert.deepEqual(open(seal(bytes, { recipients: [a.publicJwk] }), a.privateJwk).plaintext, bytes);
});

test('a key held in wasm opens too', () => {
  const key = PrivateKey.generate();
  const env = seal('x', { recipients: [key.publicJwk()] });
  assert.equal(new TextDecoder().decode(key.open(env).plaintext), 'x');
  key.free();
});

test('failures carry stable codes and release nothing', () => {
  const a = generateKeyPair();
  const stranger = generateKeyPair();
  const env = seal(enc.encode('secret report'), { recipients: [a.publicJwk] });
  expectCode(() => open(env, stranger.privateJwk), 'NOT_A_RECIPIENT');
  const flipped = env.slice();
  flipped[flipped.length - 5] ^= 1;
  expectCode(() => open(flipped, a.privateJwk), 'DECRYPT_FAILED');
  expectCode(() => open(env.subarray(0, env.length - 1), a.privateJwk), 'DECRYPT_FAILED');
  expectCode(() => open(enc.encode('not an envelope at all'), a.privateJwk), 'NOT_AN_ENVELOPE');
  expectCode(() => open('text', a.privateJwk), 'INVALID_ARGUMENT');
  expectCode(() => seal('x', { recipients: [] }), 'INVALID_ARGUMENT');
  expectCode(() => seal('x', {}), 'INVALID_ARGUMENT');
  expectCode(() => seal('x', { recipients: [{ kty: 'OKP', crv: 'X25519', x: 'AAAA' }] }), 'INVALID_KEY');
  // The all-zero point has order 1 (RFC 7748): every shared secret with it is zero.
  expectCode(() => seal('x', { recipients: [{ kty: 'OKP', crv: 'X25519', x: 'A'.repeat(43) }] }), 'WEAK_KEY');
  expectCode(() => seal('x', { recipients: [{ kty: 'EC', crv: 'P-256', x: 'A', y: 'B' }] }), 'INVALID_KEY');
  const many = Array.from({ length: limits().maxRecipients + 1 }, () => a.publicJwk);
  expectCode(() => seal('x', { recipients: many }), 'TOO_MANY_RECIPIENTS');
  expectCode(() => PrivateKey.fromJwk({ ...a.privateJwk, x: stranger.publicJwk.x }), 'INVALID_KEY');
});

for (const webCrypto of [true, false]) {
  test(`streams round-trip on the ${webCrypto ? 'WebCrypto' : 'wasm'} path, at chunk edges`, async () => {
    const k = generateKeyPair();
    for (const n of [0, 1, 65535, 65536, 65537, 3 * 65536, 200_001]) {
      const data = patterned(n);
      const env = await collect(sealStream(streamOf(data), { recipients: [k.publicJwk], metadata: { n }, webCrypto }));
      // Either path opens what either path sealed: the bytes on the wire are the same format.
      assert.deepEqual(open(env, k.privateJwk).plaintext, data, `one-shot open, n=${n}`);
      for (const openWith of [true, false]) {
        const { readable, result } = openStream(streamOf(env, 10_000), k.privateJwk, { webCrypto: openWith });
        assert.deepEqual(await collect(readable), data, `stream open, n=${n}`);
        assert.deepEqual((await result).metadata, { n });
      }
    }
  });

  test(`a damaged stream errors and its result rejects (${webCrypto ? 'WebCrypto' : 'wasm'} path)`, async () => {
    const k = generateKeyPair();
    const env = seal(patterned(300_000), { recipients: [k.publicJwk] });
    for (const cut of [env.length - 1, env.length - 65552 - 7]) {
      const { readable, result } = openStream(streamOf(env.subarray(0, cut)), k.privateJwk, { webCrypto });
      await assert.rejects(collect(readable), (e) => e.code === 'DECRYPT_FAILED');
      await assert.rejects(result, (e) => e.code === 'DECRYPT_FAILED');
    }
    const bad = env.slice();
    bad[bad.length - 70_000] ^= 0x80;
    const { readable } = openStream(streamOf(bad), k.privateJwk, { webCrypto });
    await assert.rejects(collect(readable), (e) => e.code === 'DECRYPT_FAILED');
  });
}

test('the stream classes refuse misuse with STREAM_STATE', () => {
  const k = generateKeyPair();
  const s = new SealStream({ recipients: [k.publicJwk] });
  s.takeHeader();
  expectCode(() => s.takeHeader(), 'STREAM_STATE');
  s.finish();
  expectCode(() => s.push(new Uint8Array(1)), 'STREAM_STATE');
  s.free();
  const o = new OpenStream(k.privateJwk);
  expectCode(() => o.finish(), 'NOT_AN_ENVELOPE');
  o.free();
});

test('the WebCrypto path and the wasm path write identical bytes for the same seed', async () => {
  const k = generateKeyPair();
  const seed = new Uint8Array(32).fill(7);
  for (const n of [0, 5, 65536, 65537, 250_000]) {
    const data = patterned(n);
    const options = { recipients: [k.publicJwk], metadata: { n } };
    const viaWebCrypto = await collect(sealStreamWith(streamOf(data, 1000), SealStream.withSeedInsecure(options, seed), { webCrypto: true }));
    const viaWasm = await collect(sealStreamWith(streamOf(data, 70_000), SealStream.withSeedInsecure(options, seed), { webCrypto: false }));
    assert.equal(viaWebCrypto.length, viaWasm.length);
    assert.ok(Buffer.from(viaWebCrypto).equals(Buffer.from(viaWasm)), `n=${n}`);
    assert.deepEqual(open(viaWasm, k.privateJwk).plaintext, data);
  }
});

test('signed streams: both paths, any piece size, identical bytes, damage detected', async () => {
  const k = generateKeyPair();
  const signingKey = { kty: 'OKP', crv: 'Ed25519', d: 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' };
  const data = patterned(3 * 65536 + 99);
  const options = { recipients: [k.publicJwk], signingKey, metadata: { signed: true } };
  const seed = new Uint8Array(32).fill(9);
  // Signed, the WebCrypto path hands every sealed chunk's bytes to wasm for the digest.
  const viaWebCrypto = await collect(sealStreamWith(streamOf(data, 4096), SealStream.withSeedInsecure(options, seed), { webCrypto: true }));
  const viaWasm = await collect(sealStreamWith(streamOf(data, 70_000), SealStream.withSeedInsecure(options, seed), { webCrypto: false }));
  assert.ok(Buffer.from(viaWebCrypto).equals(Buffer.from(viaWasm)));
  const env = viaWasm;
  // Pieces inside a chunk, exactly a sealed chunk, across chunks, and the whole envelope.
  for (const piece of [777, 65552, 150_000, env.length]) {
    for (const webCrypto of [true, false]) {
      const { readable, result } = openStream(streamOf(env, piece), k.privateJwk, { webCrypto });
      assert.deepEqual(await collect(readable), data, `piece ${piece}, webCrypto ${webCrypto}`);
      assert.equal((await result).signer.kid, 'kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k');
    }
  }
  // A flipped bit in the second chunk, a wrong signature, a dropped final chunk.
  const header = env.length - (3 * 65552 + 99 + 16) - 64;
  const damaged = [env.slice(), env.slice(), new Uint8Array([...env.subarray(0, header + 3 * 65552), ...env.subarray(env.length - 64)])];
  damaged[0][header + 65552 + 10] ^= 1;
  damaged[1][env.length - 1] ^= 1;
  for (const [i, bad] of damaged.entries()) {
    for (const webCrypto of [true, false]) {
      const { readable, result } = openStream(streamOf(bad, 30_000), k.privateJwk, { webCrypto });
      await assert.rejects(collect(readable), (e) => ['DECRYPT_FAILED', 'SIGNATURE_INVALID'].includes(e.code), `case ${i}`);
      await assert.rejects(result);
    }
  }
});

test('a signed envelope reports its verified signer', async () => {
  const k = generateKeyPair();
  // An Ed25519 JWK from RFC 8037 Appendix A.1.
  const signingKey = { kty: 'OKP', crv: 'Ed25519', d: 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' };
  const env = seal('signed', { recipients: [k.publicJwk], signingKey });
  const r = open(env, k.privateJwk);
  assert.equal(r.signer.kid, 'kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k');
  const { readable, result } = openStream(streamOf(env), k.privateJwk);
  await collect(readable);
  assert.equal((await result).signer.kid, 'kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k');
});
