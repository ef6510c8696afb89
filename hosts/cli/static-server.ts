// A small static file server on 127.0.0.1 (a secure context, so crypto.subtle works), with the
// types module scripts and wasm streaming compilation insist on. `spikewasm demo`
// (hosts/cli/demo.ts) and the browser tests (tests/hosts/hosts.test.ts) both use it.
import { readFile, realpath } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, posix, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.json': 'application/json',
  '.csv': 'text/csv; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
};

export interface ServeOptions {
  /** 0 (the default) picks a free one. */
  port?: number;
  /** Sent with every reply. */
  headers?: Record<string, string>;
  /** When given, only these top-level folders of root are served. */
  folders?: string[];
  /** Where `/` redirects to. */
  home?: string;
}

export interface Served {
  /** http://127.0.0.1:<port>, without a trailing slash. */
  url: string;
  close(): Promise<void>;
}

/** Serves the files under `root`. */
export async function serve(root: string, options: ServeOptions = {}): Promise<Served> {
  const { port = 0, headers = {}, folders, home } = options;
  const server = createServer(async (req, res) => {
    // normalize() of an absolute path cannot climb above `/`; URL paths use '/' on every platform.
    let path: string;
    try {
      path = posix.normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    } catch {
      return void res.writeHead(400, headers).end(); // a malformed escape in the URL
    }
    if (path === '/' && home) return void res.writeHead(302, { ...headers, location: home }).end();
    if (path.endsWith('/')) path += 'index.html';
    const top = path.split('/')[1] ?? '';
    try {
      if (folders && !folders.includes(top)) throw new Error('not served');
      // A link inside a served folder may point anywhere: serve only files whose real path stays inside.
      const file = await realpath(join(root, path));
      const within = await realpath(folders ? join(root, top) : root);
      if (!file.startsWith(within + sep)) throw new Error('not served');
      const body = await readFile(file);
      res.writeHead(200, { ...headers, 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404, headers).end();
    }
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
