export { SyncRedactor } from 'redact-pii';
