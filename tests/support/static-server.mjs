// Serves files from a root folder on loopback, with correct types for .js/.wasm, and the headers a
// page needs to be cross-origin isolated (for fine timers in benchmarks); on request compressed as
// a production server would (the benchmark's as-felt profile).
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ts': 'text/plain; charset=utf-8',
};

/** `bytes` as brotli (quality 11) or gzip (level 9) sends them. */
export const compressed = {
  br: (bytes) => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
  gzip: (bytes) => gzipSync(bytes, { level: 9 }),
};

/**
 * `mounts`: { '/': '/abs/www', '/pkg/': '/abs/pkg' }, longest prefix wins; `dynamic`: { '/config.json':
 * () => object } answered as JSON. `compress`: files go out brotli- or gzip-encoded as the request
 * accepts (the server's `encodings` lists those used); `immutable`: paths it matches may be cached
 * for good (else nothing is cached).
 */
export function startStaticServer({ mounts, port = 0, host = '127.0.0.1', isolate = false, dynamic = {}, compress = false, immutable = null } = {}) {
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
  const encodings = new Set();
  const encodedFiles = new Map();
  const server = http.createServer(async (req, res) => {
    // Never framed (a frame can hide what the page says), never cached.
    const headers = { 'cache-control': 'no-cache', 'content-security-policy': "frame-ancestors 'none'", 'x-frame-options': 'DENY' };
    if (isolate) {
      headers['cross-origin-opener-policy'] = 'same-origin';
      headers['cross-origin-embedder-policy'] = 'require-corp';
    }
    // Only this machine's names (no DNS rebinding: a page of another site cannot reach it by a name
    // that resolves here).
    const hostname = String(req.headers.host ?? '').replace(/:\d+$/, '');
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(hostname)) {
      res.writeHead(421, headers).end('this server answers only 127.0.0.1 and localhost');
      return;
    }
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400, headers).end('bad request');
      return;
    }
    if (path.endsWith('/')) path += 'index.html';
    const prefix = prefixes.find((p) => path.startsWith(p));
    // No hidden files or folders (.git, the emulator's state), whatever is mounted.
    if (!prefix || path.split('/').some((segment) => segment.startsWith('.'))) {
      res.writeHead(404, headers).end('not found');
      return;
    }
    const root = resolve(mounts[prefix]);
    const file = normalize(join(root, path.slice(prefix.length)));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403, headers).end();
      return;
    }
    if (Object.hasOwn(dynamic, path)) {
      res.writeHead(200, { ...headers, 'content-type': 'application/json' });
      res.end(JSON.stringify(dynamic[path]()));
      return;
    }
    try {
      let body = await readFile(file);
      headers['content-type'] = TYPES[extname(file)] ?? 'application/octet-stream';
      if (immutable?.test(path)) headers['cache-control'] = 'max-age=31536000, immutable';
      const accepts = String(req.headers['accept-encoding'] ?? '');
      const encoding = compress && ['br', 'gzip'].find((e) => new RegExp(`\\b${e}\\b`).test(accepts));
      if (encoding) {
        const key = `${encoding}:${file}`;
        if (!encodedFiles.has(key)) encodedFiles.set(key, compressed[encoding](body));
        body = encodedFiles.get(key);
        encodings.add(encoding);
        Object.assign(headers, { 'content-encoding': encoding, vary: 'accept-encoding' });
      }
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404, headers).end('not found');
    }
  });
  return new Promise((done) => {
    server.listen(port, host, () => {
      done({ url: `http://${host}:${server.address().port}`, encodings, close: () => new Promise((c) => { server.closeAllConnections(); server.close(() => c()); }) });
    });
  });
}
