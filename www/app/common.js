// Shared helpers of the demo pages: the worker client, downloads, and module start-up.
import init, { version } from '../pkg/borderseal.js';

/** Starts the module on the page (for light calls) and shows its version. */
export async function start() {
  await init();
  for (const el of document.querySelectorAll('#version')) el.textContent = version();
}

/** A promise-based client of app/worker.js with progress callbacks and cancellation. */
export class WorkerClient {
  #worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  #next = 1;
  #calls = new Map();

  constructor() {
    this.#worker.onmessage = ({ data }) => {
      const call = this.#calls.get(data.id);
      if (!call) return;
      if (data.progress) {
        call.onProgress?.(data.progress);
        return;
      }
      this.#calls.delete(data.id);
      if (data.error) call.reject(Object.assign(new Error(data.error.message), data.error));
      else call.resolve(data.result);
    };
    this.#worker.onerror = (e) => {
      for (const c of this.#calls.values()) c.reject(new Error(`worker failed: ${e.message}`));
      this.#calls.clear();
    };
  }

  /** Runs `op` in the worker; returns { id, promise }. */
  call(op, args, onProgress) {
    const id = this.#next++;
    const promise = new Promise((resolve, reject) => this.#calls.set(id, { resolve, reject, onProgress }));
    this.#worker.postMessage({ ...args, op, id });
    return { id, promise };
  }

  cancel(id) {
    this.#worker.postMessage({ op: 'cancel', target: id, id: 0 });
  }
}

/** Offers `blob` as a download through `link` (an <a>), revoking the previous URL. */
export function offerDownload(link, blob, filename, label) {
  if (link.href) URL.revokeObjectURL(link.href);
  link.href = URL.createObjectURL(blob);
  link.download = filename;
  link.textContent = label ?? `Download ${filename}`;
  link.hidden = false;
}

/** A readable message for an error from the module or the demo. */
export function describeError(err) {
  const code = err?.code ? `${err.code}: ` : '';
  return `${code}${err?.message ?? err}`;
}

/** Reads a JSON file chosen by the user. */
export async function readJsonFile(file) {
  return JSON.parse(await file.text());
}

/** Formats a byte count for people. */
export function formatBytes(n) {
  const units = ['B', 'KB', 'MB', 'GB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i += 1; }
  return `${n.toFixed(i ? 1 : 0)} ${units[i]}`;
}
