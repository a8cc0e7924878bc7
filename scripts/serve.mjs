// A small static server for the demo portal: www/ at /, the built package at /pkg/.
// Loopback only, GET/HEAD only, no directory listings, strict security headers (the demo
// must work with no network access beyond its own origin), and the right MIME type for .wasm.
import { createServer } from 'node:http';
import { createReadStream, promises as fs } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
};

/** The Content-Security-Policy of every response: nothing but this origin, no inline script. */
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Maps a URL path to a file under one of the served folders, or null. */
function resolvePath(mounts, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  for (const [prefix, dir] of mounts) {
    if (decoded === prefix.slice(0, -1) || decoded.startsWith(prefix)) {
      const rel = normalize(decoded.slice(prefix.length)).replace(/^([/\\])+/, '');
      const full = resolve(dir, rel);
      if (full !== dir && !full.startsWith(dir + sep)) return null; // no escaping the mount
      return full;
    }
  }
  return null;
}

/**
 * Starts the server. `mounts` maps URL prefixes (ending in '/') to folders, most specific
 * first. Resolves to the Node server once it listens; `server.address().port` gives the port.
 */
export function startServer({ port = 8080, host = '127.0.0.1', mounts } = {}) {
  const table = (mounts ?? [
    ['/pkg/', join(ROOT, 'pkg')],
    ['/', join(ROOT, 'www')],
  ]).map(([p, d]) => [p, resolve(d)]);
  const server = createServer(async (req, res) => {
    const headers = {
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'Cache-Control': 'no-store',
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
      return;
    }
    let file = resolvePath(table, req.url ?? '/');
    try {
      if (file && (await fs.stat(file)).isDirectory()) file = join(file, 'index.html');
      const stat = file ? await fs.stat(file) : null;
      if (!stat || !stat.isFile()) throw new Error('not found');
      res.writeHead(200, {
        ...headers,
        'Content-Type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Length': stat.size,
      });
      if (req.method === 'HEAD') res.end();
      else createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok(server));
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT ?? 8080);
  const server = await startServer({ port });
  const { port: actual } = server.address();
  console.log(`borderseal demo: http://127.0.0.1:${actual}/  (Ctrl-C to stop)`);
}
