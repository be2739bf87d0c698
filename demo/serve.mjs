#!/usr/bin/env node
// A tiny static server for the demo: demo/ at /, dist/ at /attune/ (as a site
// would host Attune's files), with correct MIME types (application/wasm, so
// instantiateStreaming works) and an optional strict Content-Security-Policy.
//
//   node demo/serve.mjs [--port 8080] [--host 127.0.0.1] [--csp]
//
// Also used by the e2e tests: startServer({port: 0, csp}) -> {url, close()}.
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOTS = [
  // ATTUNE_DIST serves another build (e.g. a snapshot of dist/ while others rebuild it).
  ['/attune/', path.resolve(process.env.ATTUNE_DIST ?? path.join(here, '../dist'))],
  ['/', here],
];
export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; worker-src 'self'; require-trusted-types-for 'script'";
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
  '.onnx': 'application/octet-stream', '.ts': 'text/plain; charset=utf-8',
};

/** Maps a URL path to a file under one of ROOTS, or null (never outside them). */
function resolve(urlPath) {
  let p;
  try {
    p = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (p.includes('\0')) return null;
  for (const [prefix, dir] of ROOTS) {
    if (!p.startsWith(prefix)) continue;
    let file = path.resolve(dir, '.' + p.slice(prefix.length - 1));
    if (file !== dir && !file.startsWith(dir + path.sep)) return null;
    try {
      if (statSync(file).isDirectory()) file = path.join(file, 'index.html');
      if (statSync(file).isFile()) return file;
    } catch {
      /* try the next root */
    }
  }
  return null;
}

function isFile(p) {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

export function startServer({ port = 8080, host = '127.0.0.1', csp = false, log = null } = {}) {
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    log?.(req.method, url.pathname);
    const headers = { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-cache' };
    // ?csp=strict turns the policy on for one page, so one server serves both.
    if (csp || url.searchParams.get('csp') === 'strict') headers['Content-Security-Policy'] = STRICT_CSP;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
      return;
    }
    const file = resolve(url.pathname);
    if (!file) {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    // The build's precompressed twins (file.br / file.gz) when the browser
    // takes them; an ETag so an unchanged file is revalidated, not re-sent;
    // hashed chunk names never change content, so they are cached for good.
    const accepts = String(req.headers['accept-encoding'] ?? '');
    // A twin older than its file is stale (the wasm was rebuilt without
    // scripts/build-web.mjs): the file itself is sent then.
    const fresh = (twin) => isFile(twin) && statSync(twin).mtimeMs >= statSync(file).mtimeMs;
    const twin = [['br', '.br'], ['gzip', '.gz']].find(([enc, ext]) => new RegExp(`\\b${enc}\\b`).test(accepts) && fresh(file + ext));
    const body = twin ? file + twin[1] : file;
    const st = statSync(body);
    const etag = `"${st.size.toString(36)}-${Math.floor(st.mtimeMs).toString(36)}${twin ? '-' + twin[0] : ''}"`;
    if (/\/chunks\/[^/]+-[A-Z0-9]{8}\.js$/.test(file)) headers['Cache-Control'] = 'public, max-age=31536000, immutable';
    Object.assign(headers, { 'Content-Type': type, ETag: etag, Vary: 'Accept-Encoding' });
    if (twin) headers['Content-Encoding'] = twin[0];
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers).end();
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Length': st.size });
    if (req.method === 'HEAD') res.end();
    else createReadStream(body).on('error', () => res.destroy()).pipe(res);
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      ok({ url: `http://${host}:${actual}/`, server, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const opt = (name, def) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : def;
  };
  const port = Number(opt('--port', process.env.PORT ?? 8080));
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`serve: --port must be 0..65535, got ${opt('--port')}`);
    process.exit(2);
  }
  startServer({ port, host: opt('--host', '127.0.0.1'), csp: argv.includes('--csp') })
    .then(({ url }) => console.log(`Attune demo: ${url}${argv.includes('--csp') ? '  (strict CSP + Trusted Types)' : ''}`))
    .catch((err) => {
      console.error(`serve: cannot listen: ${err.message}`);
      process.exit(1);
    });
}
