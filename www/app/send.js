// Send page: preview findings live, redact, and seal report + attachments to partner keys.
import { generateKeyPair, presets, PublicKey } from '../pkg/borderseal.js';
import { start, WorkerClient, offerDownload, describeError, readJsonFile, formatBytes } from './common.js';
import { renderHighlights } from './highlight.js';

await start();
const $ = (id) => document.getElementById(id);
const worker = new WorkerClient();
const state = { policy: 'led-strict', recipients: [], attachments: [], sealing: null };

// Policies: the built-in presets, or a file.
const presetList = presets();
for (const p of presetList) $('policy').append(new Option(p.name, p.name));
function describePreset() {
  $('policy-info').textContent = presetList.find((p) => p.name === state.policy)?.description ?? '';
}
$('policy').value = state.policy;
describePreset();
$('policy').addEventListener('change', () => { state.policy = $('policy').value; describePreset(); schedulePreview(); });
$('policy-file').addEventListener('change', async (e) => {
  const file = e.target.files[0];
  if (!file) return;
  try {
    state.policy = await readJsonFile(file);
    $('policy-info').textContent = `Using ${file.name} (${state.policy.id ?? 'no id'}).`;
    schedulePreview();
  } catch (err) {
    $('policy-info').textContent = `That policy file cannot be used: ${describeError(err)}`;
  }
});

function context() {
  const v = (id) => $(id).value.trim() || undefined;
  return { recipient: v('ctx-recipient'), country: v('ctx-country')?.toUpperCase(), legalBasis: v('ctx-basis'), marking: v('ctx-marking') };
}

// The report: typed, pasted or loaded.
function isJson(text) {
  const t = text.trimStart();
  if (!t.startsWith('{') && !t.startsWith('[')) return false;
  try { JSON.parse(text); return true; } catch { return false; }
}
$('report-file').addEventListener('change', async (e) => {
  const file = e.target.files[0];
  if (!file) return;
  $('report').value = await file.text();
  schedulePreview();
});

// Live preview, computed in the worker; only the newest request is rendered.
let timer = 0;
let latest = 0;
function schedulePreview() {
  clearTimeout(timer);
  timer = setTimeout(preview, 150);
}
async function preview() {
  const text = $('report').value;
  const json = isJson(text);
  $('report-kind').textContent = text ? (json ? 'JSON (fields are scanned as text in the preview)' : 'Free text') : '';
  const { id, promise } = worker.call('analyze', { policy: state.policy, text });
  latest = id;
  try {
    const { findings, ms } = await promise;
    if (id !== latest) return;
    const shown = renderHighlights($('preview'), text, findings);
    const types = new Set(findings.map((f) => f.entity));
    $('preview-summary').textContent = text
      ? `${findings.length} finding(s) of ${types.size} type(s) in ${ms.toFixed(0)} ms${shown < findings.length ? `; the first ${shown} are highlighted` : ''}. Hover or focus a highlight for details.`
      : 'Type or load a report.';
  } catch (err) {
    if (id === latest) $('preview-summary').textContent = `Preview unavailable: ${describeError(err)}`;
  }
}
$('report').addEventListener('input', schedulePreview);

// Recipients.
function addRecipient(jwk, label) {
  const key = PublicKey.fromJwk(jwk); // validates: kty, crv, length, low-order points
  const kid = key.kid;
  key.free();
  if (state.recipients.some((r) => r.kid === kid)) return;
  state.recipients.push({ jwk, kid });
  const li = document.createElement('li');
  li.textContent = `${label} — kid ${kid}`;
  const rm = document.createElement('button');
  rm.type = 'button';
  rm.textContent = 'Remove';
  rm.setAttribute('aria-label', `Remove recipient ${label}`);
  rm.addEventListener('click', () => {
    state.recipients = state.recipients.filter((r) => r.kid !== kid);
    li.remove();
  });
  li.append(' ', rm);
  $('recipients').append(li);
}
$('recipient-files').addEventListener('change', async (e) => {
  for (const file of e.target.files) {
    try {
      addRecipient(await readJsonFile(file), file.name);
    } catch (err) {
      $('send-status').textContent = `${file.name} is not a usable public key: ${describeError(err)}`;
    }
  }
});
$('demo-key').addEventListener('click', () => {
  const { publicJwk, privateJwk } = generateKeyPair();
  addRecipient(publicJwk, 'Demo partner');
  const p = $('demo-key-download');
  p.textContent = 'Give this private key to the demo partner (it opens the envelope on the Receive page): ';
  const a = document.createElement('a');
  a.id = 'demo-private-key';
  offerDownload(a, new Blob([JSON.stringify(privateJwk, null, 2)], { type: 'application/json' }), `partner-${privateJwk.kid.slice(0, 8)}.private.jwk.json`, 'download private JWK');
  p.append(a);
});

// Attachments.
$('attachments').addEventListener('change', (e) => {
  state.attachments = [...e.target.files];
  const list = $('attachment-list');
  list.replaceChildren(...state.attachments.map((f) => {
    const li = document.createElement('li');
    li.textContent = `${f.name} (${formatBytes(f.size)})`;
    return li;
  }));
});

function showResult(text, result) {
  $('original').textContent = text;
  $('redacted').textContent = result.text;
  $('audit').textContent = JSON.stringify(result.audit, null, 2);
}

$('redact').addEventListener('click', async () => {
  const text = $('report').value;
  $('send-status').textContent = 'Redacting…';
  try {
    const r = await worker.call('redact', { policy: state.policy, report: text, isJson: isJson(text), ctx: context() }).promise;
    showResult(text, r);
    $('send-status').textContent = `Redacted: ${r.findings.length} finding(s) handled.`;
  } catch (err) {
    $('send-status').textContent = err.code === 'BLOCKED_BY_POLICY' ? `Blocked: ${err.message}` : `Cannot redact: ${describeError(err)}`;
  }
});

$('seal').addEventListener('click', async () => {
  const text = $('report').value;
  if (state.recipients.length === 0) {
    $('send-status').textContent = 'Add at least one recipient key first.';
    return;
  }
  const progress = $('progress');
  progress.hidden = false;
  progress.value = 0;
  $('cancel').hidden = false;
  $('seal').disabled = true;
  $('download').hidden = true;
  $('send-status').textContent = 'Sealing…';
  const call = worker.call('seal', {
    policy: state.policy, report: text, isJson: isJson(text), ctx: context(),
    recipients: state.recipients.map((r) => r.jwk), attachments: state.attachments, sender: 'demo portal',
  }, ({ done, total }) => {
    progress.value = total ? done / total : 0;
    $('send-status').textContent = `Sealing… ${formatBytes(done)} of ${formatBytes(total)}`;
  });
  state.sealing = call.id;
  try {
    const r = await call.promise;
    showResult(text, r);
    offerDownload($('download'), r.blob, 'report.bseal', `Download the envelope (${formatBytes(r.bytes)})`);
    $('send-status').textContent = `Sealed to ${state.recipients.length} recipient(s): ${formatBytes(r.bytes)}.`;
    $('download').click();
  } catch (err) {
    $('send-status').textContent = err.code === 'BLOCKED_BY_POLICY'
      ? `Blocked: this report may not be sent to this recipient. ${err.message}`
      : err.code === 'CANCELLED' ? 'Sealing cancelled; nothing was produced.' : `Cannot seal: ${describeError(err)}`;
  } finally {
    state.sealing = null;
    progress.hidden = true;
    $('cancel').hidden = true;
    $('seal').disabled = false;
  }
});
$('cancel').addEventListener('click', () => { if (state.sealing) worker.cancel(state.sealing); });

schedulePreview();
document.body.dataset.ready = 'true'; // the page is wired up (tests wait for this)
