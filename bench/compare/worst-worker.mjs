// Worker body of the worst-case benchmark (a Node worker thread or a browser module Worker):
// loads the tools once, then for each message { tool, kind, bytes, reps } builds the crafted input
// and times `reps` calls of the tool on it. The parent terminates the worker on timeout: a
// backtracking regex cannot be interrupted from inside.
import { makeWorstCase } from './corpus.mjs';
import { redactors } from './tools.mjs';

const browser = typeof WorkerGlobalScope !== 'undefined';
let post;
let onMessage;
if (browser) {
  post = (m) => self.postMessage(m);
  onMessage = (f) => { self.onmessage = (e) => f(e.data); };
} else {
  const { parentPort } = await import('node:worker_threads');
  post = (m) => parentPort.postMessage(m);
  onMessage = (f) => parentPort.on('message', f);
}
const libs = browser ? await (await import('./libs-browser.mjs')).loadLibs() : await (await import('./libs-node.mjs')).loadLibs();
const tools = Object.fromEntries(redactors(libs).map((t) => [t.id, t]));
onMessage(({ tool, kind, bytes, reps = 1 }) => {
  try {
    const input = makeWorstCase(kind, bytes);
    const t = tools[tool];
    const times = [];
    for (let i = 0; i < reps; i++) {
      const t0 = performance.now();
      const out = t.run(input);
      times.push(performance.now() - t0);
      if (out && typeof out === 'object' && 'refused' in out) { post({ ok: true, times, refused: out.refused }); return; }
    }
    post({ ok: true, times });
  } catch (err) {
    post({ ok: false, error: `${err.code ?? err.name}: ${String(err.message).slice(0, 200)}` });
  }
});
post({ ready: true, tools: Object.keys(tools) });
