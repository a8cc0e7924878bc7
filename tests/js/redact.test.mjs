// Detection, policy and redaction through the installed package, as a portal calls them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Redactor, presets, generateKeyPair, seal, open } from 'borderseal';

const REPORT = 'Zeuge Jörg Baumann 😀 (jorg.baumann@example.de, IBAN DE89 3704 0044 0532 0130 00) '
  + 'meldete sich am 3.4.2026 bei der Polizei. Karte 4111 1111 1111 1111.';
const VALUES = ['Jörg Baumann', 'jorg.baumann@example.de', 'DE89 3704 0044 0532 0130 00', '4111 1111 1111 1111'];

function expectCode(fn, code) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof Error);
    assert.equal(e.name, 'BordersealError');
    assert.equal(e.code, code, e.message);
    return true;
  });
}

test('analyze finds every value with exact UTF-16 offsets (emoji and umlauts before them)', () => {
  const r = new Redactor();
  const findings = r.analyze(REPORT);
  for (const v of VALUES) {
    const f = findings.find((x) => REPORT.slice(x.start, x.end) === v);
    assert.ok(f, `${v} not found exactly: ${JSON.stringify(findings.map((x) => [x.entity, REPORT.slice(x.start, x.end)]))}`);
    assert.ok(f.score > 0 && f.score <= 1);
    assert.equal(typeof f.reason, 'string');
    assert.equal(typeof f.action, 'string');
  }
  assert.deepEqual(new Set(findings.map((f) => f.entity)).has('CREDIT_CARD'), true);
  r.free();
});

test('conditions of the send rules that hold reach JS whole, in the result and in the audit record', () => {
  const r = new Redactor('led-strict');
  const out = r.redactText('Zeuge Jörg Baumann, Tel. +49 30 12345678.', { recipient: 'europol', marking: 'TLP:AMBER H1 H3' });
  assert.deepEqual(out.conditions, [
    'H1: not to be disclosed in judicial proceedings without the permission of the provider',
    'H3: other restrictions of the provider apply; see the accompanying handling instructions',
  ]);
  assert.deepEqual(out.audit.conditions, out.conditions);
  assert.equal(`sha256:${createHash('sha256').update(JSON.stringify(out.audit)).digest('hex')}`, out.auditDigest);
  r.free();
});

test('redactText removes every value, keeps the rest, and audits without personal data', () => {
  const r = new Redactor('led-strict');
  const out = r.redactText(REPORT, { recipient: 'bka.de', country: 'DE', marking: 'TLP:AMBER', legalBasis: 'led-art-35' });
  for (const v of VALUES) assert.ok(!out.text.includes(v), `${v} leaked: ${out.text}`);
  assert.ok(out.text.startsWith('Zeuge '));
  assert.ok(out.text.includes('😀'));
  const audit = JSON.stringify(out.audit);
  for (const v of VALUES) assert.ok(!audit.includes(v), `${v} in the audit record`);
  assert.equal(out.audit.offsets, 'utf16');
  assert.equal(out.audit.policy.id, 'led-strict');
  assert.equal(out.audit.policy.fingerprint, r.policyFingerprint);
  assert.match(out.auditDigest, /^sha256:[0-9a-f]{64}$/);
  // The record comes in its canonical (RFC 8785) member order: JSON.stringify gives back
  // the bytes the digest covers.
  assert.equal(`sha256:${createHash('sha256').update(JSON.stringify(out.audit)).digest('hex')}`, out.auditDigest);
  assert.deepEqual(Object.keys(out.audit), [...Object.keys(out.audit)].sort());
  // Audit offsets point into the original string, in UTF-16 units.
  for (const f of out.audit.findings) assert.ok(VALUES.some((v) => REPORT.slice(f.start, f.end) === v) || f.entity, f);
  const email = out.audit.findings.find((f) => f.entity === 'EMAIL');
  assert.equal(REPORT.slice(email.start, email.end), VALUES[1]);
  r.free();
});

test('the redaction result seals with its fingerprint and audit digest bound in', () => {
  const r = new Redactor();
  const out = r.redactText(REPORT, { marking: 'TLP:AMBER' });
  const partner = generateKeyPair();
  const env = seal(out.text, {
    recipients: [partner.publicJwk],
    metadata: { marking: 'TLP:AMBER', policyFingerprint: out.audit.policy.fingerprint, auditDigest: out.auditDigest },
  });
  const opened = open(env, partner.privateJwk);
  assert.equal(new TextDecoder().decode(opened.plaintext), out.text);
  assert.equal(opened.metadata.auditDigest, out.auditDigest);
  // Or let seal bind them: fingerprint, digest and conditions from the result itself.
  const bound = open(seal(out.text, { recipients: [partner.publicJwk], redaction: out }), partner.privateJwk);
  assert.equal(bound.metadata.policyFingerprint, out.audit.policy.fingerprint);
  assert.equal(bound.metadata.auditDigest, out.auditDigest);
  assert.deepEqual(bound.metadata.conditions, out.conditions);
  assert.throws(
    () => seal(out.text, { recipients: [partner.publicJwk], redaction: out, metadata: { auditDigest: 'sha256:00' } }),
    (e) => e.code === 'INVALID_ARGUMENT',
  );
  assert.throws(() => seal('x', { recipients: [partner.publicJwk], redaction: { audit: {} } }), (e) => e.code === 'INVALID_ARGUMENT');
});

test('keyed pseudonyms are stable across runs and redactors, and need a key', () => {
  expectCode(() => new Redactor('partner-linkage'), 'MISSING_PSEUDONYM_KEY');
  const key = new Uint8Array(32).fill(9);
  const a = new Redactor('partner-linkage', { pseudonymKey: key, pseudonymKeyId: 'k1' });
  const b = new Redactor('partner-linkage', { pseudonymKey: key, pseudonymKeyId: 'k1' });
  const x = a.redactText('Contact: jorg.baumann@example.de').text;
  const y = b.redactText('Mail from jorg.baumann@example.de today').text;
  const token = /\[[^\]]*k1[^\]]*\]/.exec(x)?.[0];
  assert.ok(token, x);
  assert.ok(y.includes(token), `${x} / ${y}`);
  assert.ok(!x.includes('jorg.baumann'));
  assert.equal(a.redactText('x').audit.pseudonym_key_id, undefined);
  assert.equal(a.redactText('Contact: jorg.baumann@example.de').audit.pseudonym_key_id, 'k1');
});

test('policies: presets by name, errors with codes', () => {
  const names = presets().map((p) => p.name);
  assert.deepEqual(names, ['led-strict', 'partner-linkage', 'public-release']);
  for (const p of presets()) assert.ok(p.description.length > 20);
  expectCode(() => new Redactor('no-such-preset'), 'UNKNOWN_PRESET');
  expectCode(() => new Redactor('{"id": 5}'), 'INVALID_POLICY');
  expectCode(() => new Redactor({ id: 'x' }), 'INVALID_POLICY');
  expectCode(() => new Redactor('{not json'), 'INVALID_POLICY');
});

test('a marking the policy forbids for this recipient blocks the send', () => {
  const r = new Redactor('public-release');
  expectCode(() => r.redactText('nothing personal here', { marking: 'TLP:RED' }), 'BLOCKED_BY_POLICY');
  const strict = new Redactor();
  expectCode(() => strict.redactText('x', { marking: 'TLP:RED', recipient: 'partner.example' }), 'BLOCKED_BY_POLICY');
});

test('redactJson walks a STIX bundle and reports JSON paths', () => {
  const bundle = {
    type: 'bundle',
    id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d',
    objects: [
      {
        type: 'email-addr', spec_version: '2.1',
        id: 'email-addr--2d77a846-6264-5d51-b586-e43822ea1ea3', value: 'jorg.baumann@example.de',
      },
      {
        type: 'note', spec_version: '2.1', id: 'note--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061',
        created: '2026-01-01T00:00:00.000Z', modified: '2026-01-01T00:00:00.000Z',
        content: 'Jörg Baumann paid from DE89 3704 0044 0532 0130 00.',
        object_refs: ['email-addr--2d77a846-6264-5d51-b586-e43822ea1ea3'],
      },
    ],
  };
  const r = new Redactor();
  const out = r.redactJson(bundle, { marking: 'TLP:AMBER' });
  const text = JSON.stringify(out.value);
  for (const v of VALUES.slice(0, 3)) assert.ok(!text.includes(v), `${v} leaked`);
  const email = out.value.objects.find((o) => o.type === 'email-addr');
  assert.notEqual(email.id, 'email-addr--2d77a846-6264-5d51-b586-e43822ea1ea3', 'value-derived id re-minted');
  const note = out.value.objects.find((o) => o.type === 'note');
  assert.deepEqual(note.object_refs, [email.id], 'references follow the new id');
  assert.ok(out.findings.every((f) => typeof f.path === 'string' && f.path.startsWith('/')));
  assert.ok(!JSON.stringify(out.audit).includes('jorg.baumann'));
});

test('limits are explicit errors', () => {
  const r = new Redactor();
  let deep = 'x';
  for (let i = 0; i < 500; i++) deep = [deep];
  expectCode(() => r.redactJson(deep), 'JSON_TOO_DEEP');
  expectCode(() => r.analyze(42), 'INVALID_ARGUMENT');
});

test('findings carry their strings exactly, JSON keys beyond ASCII included, as the audit record does', () => {
  // The findings' strings cross as one joined string cut by UTF-16 lengths; the audit
  // record's findings are built from them in JS, and the digest (of the record as Rust
  // wrote it) says they are what was hashed. Keys with umlauts, an emoji (a surrogate
  // pair), `/` and `~` (escaped in the JSON pointer), quotes, a backslash and control
  // characters (escaped in JSON), and more distinct strings than the interner scans.
  const value = {
    'Straße 🚓': 'Mail anna.schmidt@example.com or jorg.baumann@example.de',
    'Zeugen/€~': ['IBAN DE89 3704 0044 0532 0130 00', 'Tel. +49 30 1234567'],
    plain: 'Zeuge Jörg Baumann 😀, Karte 4111 1111 1111 1111',
  };
  for (let i = 0; i < 80; i++) value[`k${i}ü`] = `Zeugin Anna Schmidt${i} passport C01X00T47`;
  value['q"\\\n\u0001\u2028'] = 'Mail x.y@example.org';
  const r = new Redactor();
  const out = r.redactJson(value, { marking: 'TLP:AMBER' });
  assert.equal(`sha256:${createHash('sha256').update(JSON.stringify(out.audit)).digest('hex')}`, out.auditDigest);
  assert.ok(out.findings.some((f) => f.path === '/q"\\\n\u0001\u2028'));
  assert.ok(out.findings.length > 80, `${out.findings.length}`);
  const paths = new Set(out.findings.map((f) => f.path));
  for (const p of ['/Straße 🚓', '/Zeugen~1€~0/0', '/Zeugen~1€~0/1', '/plain', '/k79ü']) {
    assert.ok(paths.has(p), `${p} missing: ${[...paths].slice(0, 8)}`);
  }
  const keys = ['entity', 'path', 'start', 'end', 'action', 'rule', 'recognizer', 'score'];
  const pick = (f) => Object.fromEntries(keys.map((k) => [k, f[k]]));
  assert.deepEqual(out.findings.map(pick), out.audit.findings.map(pick));
  r.free();
});

test('the audit record is the one its digest covers, for texts of every kind and every operator', () => {
  // Texts built from pieces: names, identifiers, repeats (same-value findings), emoji and
  // umlauts before them, nothing at all; a policy that labels and one that pseudonymises.
  const pieces = ['Zeuge Jörg Baumann', '😀', 'anna.schmidt@example.de', 'IBAN DE89 3704 0044 0532 0130 00',
    'Tel. +49 30 12345678', 'der Bahnhof', 'Passport no. C01X00T47', 'GPS 48.8584, 2.2945', 'Baumann', '\n', 'é'];
  const key = new Uint8Array(32).fill(7);
  const redactors = [new Redactor('led-strict'), new Redactor('partner-linkage', { pseudonymKey: key, pseudonymKeyId: 'k7' })];
  let seed = 11;
  const next = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  let findings = 0;
  for (let round = 0; round < 60; round++) {
    const parts = [];
    for (let k = 0; k < round % 13; k++) parts.push(pieces[next(pieces.length)]);
    const text = parts.join(next(2) ? ' ' : ', ');
    for (const r of redactors) {
      const out = r.redactText(text, { marking: 'TLP:AMBER' });
      assert.equal(`sha256:${createHash('sha256').update(JSON.stringify(out.audit)).digest('hex')}`, out.auditDigest, text);
      assert.equal(out.audit.findings.length, out.findings.length);
      findings += out.findings.length;
    }
  }
  assert.ok(findings > 200, `${findings}`);
  for (const r of redactors) r.free();
});

test('texts cross whole, short and long: ASCII, then umlauts, emoji and lone surrogates', () => {
  // A text of 8,192 UTF-16 units or more whose first 4,096 are ASCII is encoded by
  // TextEncoder.encodeInto into a buffer of one byte a unit, then the rest into room for
  // three; one with a character beyond ASCII early takes wasm-bindgen's conversion. A text
  // of 64 to 8,191 units is encoded by one encodeInto into room for three bytes a unit, and
  // a shorter one by wasm-bindgen. The values after a buffer's end, surrogate pairs across
  // it and lone surrogates (read as U+FFFD) must keep exact offsets every way.
  const r = new Redactor();
  const values = ['Jörg Baumann', 'jorg.baumann@example.de', 'DE89 3704 0044 0532 0130 00'];
  const report = `Zeuge ${values[0]} (${values[1]}, IBAN ${values[2]}) sagte aus. `;
  const tails = ['', 'Grüße 😀 ', '😀'.repeat(3000), 'x\uD800 lone \uDC00 ', 'é'.repeat(5000), '😀'.repeat(20)];
  for (const pad of ['The officers recorded the statement. '.repeat(300), 'Bericht. ', '']) {
    for (const tail of tails) {
      for (const text of [pad + tail + report + tail, tail + pad + report, pad + report]) {
        const found = r.analyze(text).map((f) => text.slice(f.start, f.end));
        const where = `${text.length} units, after ${JSON.stringify(tail.slice(0, 12))}`;
        for (const v of values) assert.ok(found.includes(v), `${v} not found exactly: ${where}`);
        const out = r.redactText(text, { marking: 'TLP:AMBER' }).text;
        for (const v of values) assert.ok(!out.includes(v), `${v} left in the output`);
        assert.ok(out.startsWith(text.slice(0, 5).replace(/\uD800|\uDC00/g, '\uFFFD')), where);
      }
    }
  }
  // Under 64 units: wasm-bindgen's conversion.
  const short = 'Mail: jorg.baumann@example.de 😀\uD800';
  assert.ok(short.length < 64);
  assert.deepEqual(
    r.analyze(short).map((f) => short.slice(f.start, f.end)),
    ['jorg.baumann@example.de'],
  );
  r.free();
});
