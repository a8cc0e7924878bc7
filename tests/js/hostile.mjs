// Hostile calls: every export of the package with wrong types, null/undefined, lone UTF-16
// surrogates, a 100 MB string, 10,000-deep JSON, huge arrays, cycles, throwing getters and
// wrong key objects. After each call, the answer must be a result or a real Error with a
// stable `code`, and the module must still work. Shared by Node and Chromium.

function deep(n, makeArray) {
  let v = 1;
  for (let i = 0; i < n; i++) v = makeArray ? [v] : { a: v };
  return v;
}

export function hostileValues() {
  const cyclic = { a: 1 };
  cyclic.self = cyclic;
  const throwingGetter = Object.defineProperty({}, 'recipients', { get() { throw new Error('boom'); }, enumerable: true });
  const throwingJson = { toJSON() { throw new Error('boom'); } };
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  return {
    undefined: undefined,
    null: null,
    zero: 0,
    nan: NaN,
    negative: -1,
    huge: 2 ** 60,
    true: true,
    bigint: 10n,
    symbol: Symbol('s'),
    function: () => 1,
    empty: '',
    text: 'Max Mustermann, max@example.org',
    loneHigh: 'abc\uD800def',
    loneLow: '\uDC00 start',
    reversedPair: '\uDE00\uD83D',
    emptyObject: {},
    emptyArray: [],
    numbers: [1, 2, 3],
    bytes0: new Uint8Array(0),
    bytes: new Uint8Array([1, 2, 3, 4, 5]),
    buffer: new ArrayBuffer(8),
    date: new Date(0),
    cyclic,
    throwingGetter,
    throwingJson,
    revokedProxy: revoked.proxy,
    deepObject: deep(10_000, false),
    deepArray: deep(10_000, true),
    hugeArray: new Array(1_000_000).fill(0),
    badJwk: { kty: 'OKP', crv: 'X25519', x: '!!!!' },
    lowOrderJwk: { kty: 'OKP', crv: 'X25519', x: 'A'.repeat(43) },
    recipientsNotArray: { recipients: 'everyone' },
    recipientsBad: { recipients: [null, 1, 'x'] },
  };
}

/** The calls to make: [name, fn(value)] for every export and method. */
function calls(m) {
  const kp = m.generateKeyPair();
  const redactor = m.Redactor ? new m.Redactor() : null;
  const env = m.seal('x', { recipients: [kp.publicJwk] });
  const list = [
    ['seal(v, ok)', (v) => m.seal(v, { recipients: [kp.publicJwk] })],
    ['seal(ok, v)', (v) => m.seal('x', v)],
    ['seal(ok, {recipients:[v]})', (v) => m.seal('x', { recipients: [v] })],
    ['seal(ok, {metadata:v})', (v) => m.seal('x', { recipients: [kp.publicJwk], metadata: v })],
    ['seal(ok, {signingKey:v})', (v) => m.seal('x', { recipients: [kp.publicJwk], signingKey: v })],
    ['open(v, ok)', (v) => m.open(v, kp.privateJwk)],
    ['open(ok, v)', (v) => m.open(env, v)],
    ['PrivateKey.fromJwk(v)', (v) => m.PrivateKey.fromJwk(v)],
    ['PublicKey.fromJwk(v)', (v) => m.PublicKey.fromJwk(v)],
    ['new SealStream(v)', (v) => new m.SealStream(v)],
    ['new OpenStream(v)', (v) => new m.OpenStream(v)],
    ['SealStream#push(v)', (v) => { const s = new m.SealStream({ recipients: [kp.publicJwk] }); try { return s.push(v); } finally { s.free(); } }],
    ['SealStream#acceptSealedChunk(v)', (v) => { const s = new m.SealStream({ recipients: [kp.publicJwk] }); try { return s.acceptSealedChunk(v, false); } finally { s.free(); } }],
    ['SealStream.nonceFor(v)', (v) => m.SealStream.nonceFor(v, false)],
    ['OpenStream#push(v)', (v) => { const o = new m.OpenStream(kp.privateJwk); try { return o.push(v); } finally { o.free(); } }],
    ['SealStream#acceptSealedLength(v)', (v) => { const s = new m.SealStream({ recipients: [kp.publicJwk] }); try { return s.acceptSealedLength(v, false); } finally { s.free(); } }],
    ['OpenStream#pushHeader(v)', (v) => { const o = new m.OpenStream(kp.privateJwk); try { return o.pushHeader(v); } finally { o.free(); } }],
    // After a verified header, so the count and the bytes reach the body checks.
    ['OpenStream#pushExternal(v)', (v) => { const o = new m.OpenStream(kp.privateJwk); try { o.pushHeader(env); return o.pushExternal(v); } finally { o.free(); } }],
    ['OpenStream#digestExternal(v)', (v) => { const o = new m.OpenStream(kp.privateJwk); try { o.pushHeader(env); return o.digestExternal(v); } finally { o.free(); } }],
    ['OpenStream#finishExternal(v)', (v) => { const o = new m.OpenStream(kp.privateJwk); try { o.pushHeader(env); return o.finishExternal(v); } finally { o.free(); } }],
  ];
  if (redactor) {
    list.push(
      ['new Redactor(v)', (v) => new m.Redactor(v).free()],
      ['new Redactor(undefined, v)', (v) => new m.Redactor(undefined, v).free()],
      ['Redactor#analyze(v)', (v) => redactor.analyze(v)],
      ['Redactor#redactText(v)', (v) => redactor.redactText(v)],
      ['Redactor#redactText(ok, v)', (v) => redactor.redactText('call max@example.org', v)],
      ['Redactor#redactJson(v)', (v) => redactor.redactJson(v)],
      ['Redactor#redactJson(ok, v)', (v) => redactor.redactJson({ a: 'max@example.org' }, v)],
    );
  }
  return { list, kp, redactor };
}

/** Checks the module still answers correctly (a panic would have killed the instance). */
function healthy(m, kp) {
  if (typeof m.version() !== 'string') return 'version() broke';
  const r = m.open(m.seal('still alive', { recipients: [kp.publicJwk] }), kp.privateJwk);
  if (new TextDecoder().decode(r.plaintext) !== 'still alive') return 'seal/open broke';
  return null;
}

/**
 * Runs every call with every hostile value; returns a list of failures (empty = pass) and
 * how many calls were made. `big` adds the 100 MB string.
 */
export function runHostile(m, { big = true } = {}) {
  const codes = new Set(m.errorCodes());
  const { list, kp, redactor } = calls(m);
  const values = hostileValues();
  if (big) values.string100MB = 'a'.repeat(100 * 1024 * 1024);
  const failures = [];
  let count = 0;
  for (const [name, fn] of list) {
    for (const [label, value] of Object.entries(values)) {
      count += 1;
      try {
        fn(value);
      } catch (err) {
        if (!(err instanceof Error)) failures.push(`${name} with ${label}: threw a non-Error ${String(err)}`);
        else if (!codes.has(err.code)) failures.push(`${name} with ${label}: Error without a stable code: ${err.name}: ${err.message}`);
      }
      const sick = healthy(m, kp);
      if (sick) {
        failures.push(`${name} with ${label}: the module stopped working (${sick})`);
        return { failures, count };
      }
    }
  }
  redactor?.free();
  return { failures, count };
}
