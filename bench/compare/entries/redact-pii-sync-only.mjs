// redact-pii's synchronous redactor without the package index (which pulls in @google-cloud/dlp).
export { SyncCompositeRedactor as SyncRedactor } from 'redact-pii/lib/SyncCompositeRedactor.js';
