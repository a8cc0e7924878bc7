// The demo's Web Worker: every heavy call (analysis of a big report, redaction, sealing and
// opening of large envelopes) runs here so the page stays responsive.
import init, { Redactor, sealStream, openStream } from '../pkg/borderseal.js';
import { bundleStream, bundleSize, BundleReader } from './bundle.js';

const ready = init();
const redactors = new Map();
const cancelled = new Set();
const PIECE = 2 << 20;

function redactorFor(policy) {
  const key = typeof policy === 'string' ? policy : JSON.stringify(policy);
  let r = redactors.get(key);
  if (!r) {
    r = new Redactor(policy);
    redactors.set(key, r);
  }
  return r;
}

function errorInfo(err) {
  return { name: err?.name ?? 'Error', code: err?.code ?? 'DEMO_ERROR', message: err?.message ?? String(err) };
}

/** Counts bytes flowing through, reporting progress at most every 1 MiB. */
function counter(id, total) {
  let seen = 0;
  let last = 0;
  return new TransformStream({
    transform(chunk, controller) {
      if (cancelled.has(id)) throw Object.assign(new Error('cancelled by the user'), { code: 'CANCELLED' });
      seen += chunk.length;
      if (seen - last >= 1 << 20 || seen === total) {
        last = seen;
        postMessage({ id, progress: { done: seen, total } });
      }
      controller.enqueue(chunk);
    },
  });
}

/** Reads a byte stream into a Blob, holding at most PIECE bytes in the JS heap. */
async function toBlob(stream, type) {
  const pieces = [];
  let pending = [];
  let pendingLen = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    pending.push(value);
    pendingLen += value.length;
    if (pendingLen >= PIECE) {
      pieces.push(new Blob(pending));
      pending = [];
      pendingLen = 0;
    }
  }
  pieces.push(new Blob(pending));
  return new Blob(pieces, { type });
}

function redact(redactor, report, isJson, ctx) {
  if (isJson) {
    const r = redactor.redactJson(JSON.parse(report), ctx);
    return { ...r, text: JSON.stringify(r.value, null, 2) };
  }
  return redactor.redactText(report, ctx);
}

const ops = {
  analyze({ policy, text }) {
    const t0 = performance.now();
    const findings = redactorFor(policy).analyze(text);
    return { findings, ms: performance.now() - t0 };
  },

  redact({ policy, report, isJson, ctx }) {
    const r = redact(redactorFor(policy), report, isJson, ctx);
    return { text: r.text, findings: r.findings, audit: r.audit };
  },

  async seal({ id, policy, report, isJson, ctx, recipients, attachments, sender }) {
    const redactor = redactorFor(policy);
    const r = redact(redactor, report, isJson, ctx);
    const enc = new TextEncoder();
    const reportBytes = enc.encode(r.text);
    const auditBytes = enc.encode(JSON.stringify(r.audit, null, 2));
    const parts = [
      { name: isJson ? 'report.json' : 'report.txt', type: isJson ? 'application/json' : 'text/plain', size: reportBytes.length, stream: () => new Blob([reportBytes]).stream() },
      { name: 'audit.json', type: 'application/json', size: auditBytes.length, stream: () => new Blob([auditBytes]).stream() },
      ...attachments.map((f) => ({ name: f.name, type: f.type, size: f.size, stream: () => f.stream() })),
    ];
    const metadata = {
      marking: ctx.marking ?? null,
      recipient: ctx.recipient ?? null,
      policyId: r.audit.policy.id,
      sender,
      createdAt: new Date().toISOString(),
      contentType: 'application/vnd.borderseal.demo-bundle',
    };
    const total = bundleSize(parts);
    // `redaction` binds the policy fingerprint, the audit digest and the conditions into the
    // authenticated metadata.
    const redaction = { audit: r.audit, auditDigest: r.auditDigest, conditions: r.conditions };
    const sealed = sealStream(bundleStream(parts).pipeThrough(counter(id, total)), { recipients, metadata, redaction });
    const blob = await toBlob(sealed, 'application/octet-stream');
    return { blob, text: r.text, findings: r.findings, audit: r.audit, bytes: blob.size };
  },

  async open({ id, envelope, privateJwk }) {
    const { readable, result } = openStream(envelope.stream().pipeThrough(counter(id, envelope.size)), privateJwk);
    const bundle = new BundleReader();
    const reader = readable.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bundle.push(value);
    }
    const info = await result;
    const parts = bundle.finish();
    const [report, audit, ...attachments] = parts;
    return {
      metadata: info.metadata,
      recipientKid: info.recipientKid,
      signer: info.signer ?? null,
      report: report ? await report.blob.text() : '',
      reportName: report?.name,
      audit: audit ? await audit.blob.text() : '',
      attachments,
    };
  },
};

onmessage = async ({ data }) => {
  const { id, op } = data;
  if (op === 'cancel') {
    cancelled.add(data.target);
    return;
  }
  try {
    await ready;
    const result = await ops[op](data);
    postMessage({ id, result });
  } catch (err) {
    postMessage({ id, error: errorInfo(err) });
  } finally {
    cancelled.delete(id);
  }
};
