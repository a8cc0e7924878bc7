// Receive page: load a private key, open an envelope, verify it, show what it holds.
import { PrivateKey } from '../pkg/borderseal.js';
import { start, WorkerClient, offerDownload, describeError, readJsonFile, formatBytes } from './common.js';

await start();
const $ = (id) => document.getElementById(id);
const worker = new WorkerClient();
let privateJwk = null;
let envelope = null;

$('key-file').addEventListener('change', async (e) => {
  const file = e.target.files[0];
  if (!file) return;
  try {
    const jwk = await readJsonFile(file);
    const key = PrivateKey.fromJwk(jwk);
    $('key-info').textContent = `Key loaded: kid ${key.kid}.`;
    key.free();
    privateJwk = jwk;
  } catch (err) {
    privateJwk = null;
    $('key-info').textContent = `That file is not a usable private key: ${describeError(err)}`;
  }
});

function chooseEnvelope(file) {
  envelope = file;
  $('recv-status').textContent = file ? `Envelope: ${file.name} (${formatBytes(file.size)}).` : '';
}
$('env-file').addEventListener('change', (e) => chooseEnvelope(e.target.files[0]));
const drop = $('drop');
drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('over');
  chooseEnvelope(e.dataTransfer.files[0]);
});

function showMetadata(r) {
  const rows = [
    ['Marking', r.metadata.marking],
    ['Conditions', (r.metadata.conditions ?? []).map((c) => c.text ?? c.code ?? JSON.stringify(c)).join('; ') || 'none'],
    ['Policy', `${r.metadata.policyId ?? '?'} (fingerprint ${r.metadata.policyFingerprint ?? '?'})`],
    ['Audit digest', r.metadata.auditDigest],
    ['Sender', r.metadata.sender],
    ['Sender signature', r.signer ? `verified, key ${r.signer.kid}` : 'not signed'],
    ['Created', r.metadata.createdAt],
    ['Opened with key', r.recipientKid],
  ];
  $('metadata').replaceChildren(...rows.flatMap(([k, v]) => {
    const dt = document.createElement('dt');
    dt.textContent = k;
    const dd = document.createElement('dd');
    dd.textContent = v ?? '—';
    return [dt, dd];
  }));
}

$('open').addEventListener('click', async () => {
  $('content').hidden = true;
  $('report').textContent = '';
  $('attachments').replaceChildren();
  if (!privateJwk || !envelope) {
    $('recv-status').textContent = 'Load your private key and an envelope first.';
    return;
  }
  const progress = $('progress');
  progress.hidden = false;
  try {
    const r = await worker.call('open', { envelope, privateJwk }, ({ done, total }) => {
      progress.value = total ? done / total : 0;
    }).promise;
    showMetadata(r);
    $('report').textContent = r.report;
    $('attachments').replaceChildren(...r.attachments.map((p) => {
      const li = document.createElement('li');
      const a = document.createElement('a');
      offerDownload(a, p.blob, p.name, `${p.name} (${formatBytes(p.size)})`);
      li.append(a);
      return li;
    }));
    const reportItem = document.createElement('li');
    const reportLink = document.createElement('a');
    offerDownload(reportLink, new Blob([r.report], { type: 'text/plain' }), r.reportName ?? 'report.txt', `${r.reportName ?? 'report.txt'} (the redacted report)`);
    reportItem.append(reportLink);
    const audit = document.createElement('li');
    const a = document.createElement('a');
    offerDownload(a, new Blob([r.audit], { type: 'application/json' }), 'audit.json', 'audit.json (the sender\'s audit record)');
    audit.append(a);
    $('attachments').prepend(reportItem, audit);
    $('content').hidden = false;
    $('recv-status').textContent = 'Opened and verified: nobody changed this envelope on the way.';
  } catch (err) {
    $('recv-status').textContent = err.code === 'NOT_A_RECIPIENT'
      ? 'This envelope is not addressed to your key.'
      : `This envelope cannot be opened: it was altered or damaged on the way, or is not a borderseal envelope. Nothing from it is shown. (${err.code ?? 'error'})`;
  } finally {
    progress.hidden = true;
  }
});
document.body.dataset.ready = 'true'; // the page is wired up (tests wait for this)
