// A small static file server on 127.0.0.1 (a secure context, so crypto.subtle works), with the
// types module scripts and wasm streaming compilation insist on. The demo (demo/serve.mjs) and
// the host tests (tests/hosts/hosts.test.ts) both use it.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.json': 'application/json',
  '.csv': 'text/csv; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
};

/**
 * Serves the files under `root`.
 * @param {string} root
 * @param {{ port?: number, headers?: Record<string, string>, folders?: string[], home?: string }} [options]
 *   port: 0 (the default) picks a free one; headers: sent with every reply; folders: when given,
 *   only these top-level folders of root are served; home: where `/` redirects to.
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function serve(root, options = {}) {
  const { port = 0, headers = {}, folders, home } = options;
  const server = createServer(async (req, res) => {
    // normalize() of an absolute path cannot climb above `/`, so nothing outside root is served.
    let path;
    try {
      path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    } catch {
      return void res.writeHead(400, headers).end(); // a malformed escape in the URL
    }
    if (path === '/' && home) return void res.writeHead(302, { ...headers, location: home }).end();
    if (path.endsWith('/')) path += 'index.html';
    const top = path.split('/')[1];
    try {
      if (folders && !folders.includes(top)) throw new Error('not served');
      const body = await readFile(join(root, path));
      res.writeHead(200, { ...headers, 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404, headers).end();
    }
  });
  await new Promise((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
