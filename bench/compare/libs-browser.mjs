// The compared libraries in a Chromium page or worker: the Vite bundles of bench/compare/build.mjs
// (served under /bench/compare/.build/) and the package as published (/pkg/borderseal.js).
const bundle = (name) => import(`/bench/compare/.build/${name}/${name}.js`);

export async function loadLibs() {
  const notes = {};
  let borderseal;
  for (let attempt = 0; ; attempt++) {
    try {
      borderseal = await import(`/pkg/borderseal.js${attempt ? `?retry=${attempt}` : ''}`);
      await borderseal.default();
      break;
    } catch (err) {
      if (attempt >= 9) throw err;
      await new Promise((ok) => setTimeout(ok, 3000)); // pkg/ may be being rebuilt
    }
  }
  let redactPii;
  try {
    redactPii = await bundle('redact-pii');
    new redactPii.SyncRedactor().redact('x');
  } catch (err) {
    // The package index pulls in @google-cloud/dlp (Node only): use its synchronous core.
    notes['redact-pii'] = `package index failed in the browser (${String(err.message).slice(0, 120)}); ran redact-pii/lib/SyncCompositeRedactor`;
    redactPii = await bundle('redact-pii-sync-only');
  }
  const [redactpiiNode, hpke, age, openpgp, jose] = await Promise.all([
    bundle('redactpii-node'), bundle('hpke-core'), bundle('age-encryption'), bundle('openpgp'), bundle('jose'),
  ]);
  return { borderseal, redactPii, redactpiiNode, hpke, age, openpgp, jose, notes };
}
