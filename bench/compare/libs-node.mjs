// The compared libraries in Node: the npm packages as installed (devDependencies), and the
// built borderseal package (retrying briefly: pkg/ may be being rebuilt).
export async function importPackage(rel = '../../pkg/borderseal_node.js') {
  let lastErr;
  for (let attempt = 0; attempt < 10; attempt++) {
    try {
      const url = new URL(rel, import.meta.url);
      if (attempt) url.search = `?retry=${attempt}`; // a failed import is cached per URL
      return await import(url.href);
    } catch (err) {
      lastErr = err;
      console.error(`node: importing pkg/ failed (${err.message}); retrying in 3 s`);
      await new Promise((ok) => setTimeout(ok, 3000));
    }
  }
  throw lastErr;
}

export async function loadLibs() {
  const [borderseal, redactPii, redactpiiNode, hpke, age, openpgp, jose] = await Promise.all([
    importPackage(), import('redact-pii'), import('@redactpii/node'), import('@hpke/core'), import('age-encryption'), import('openpgp'), import('jose'),
  ]);
  return { borderseal, redactPii: redactPii.default ?? redactPii, redactpiiNode, hpke, age, openpgp, jose };
}
