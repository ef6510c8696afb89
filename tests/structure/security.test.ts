// Security basics: the shipped code never evaluates strings as code (the demo page's CSP
// forbids it, tests/hosts/demo.test.ts checks that CSP), and the static server behind the demo
// and the host tests serves nothing outside its folder, whatever the request path says and
// wherever a link inside it points.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serve } from '../../hosts/cli/static-server.js';

const dist = new URL('../../dist/', import.meta.url).pathname;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** A raw GET of `path`, exactly as written (no URL normalisation on the client side). */
function get(url: string, path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    request({ hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject).end();
  });
}

describe('security basics', () => {
  it('no shipped JavaScript calls eval or new Function', () => {
    const shipped = files(dist).filter((f) => f.endsWith('.js'));
    expect(shipped.length).toBeGreaterThan(50);
    for (const file of shipped) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/\beval\s*\(|\bnew\s+Function\s*\(/);
    }
  });

  it('the static server refuses every path outside its folder and its allowed folders', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'spikewasm-serve-'));
    const root = join(parent, 'root');
    mkdirSync(join(root, 'public'), { recursive: true });
    mkdirSync(join(root, 'private'));
    writeFileSync(join(parent, 'secret.txt'), 'SECRET');
    writeFileSync(join(root, 'private', 'hidden.txt'), 'HIDDEN');
    writeFileSync(join(root, 'public', 'ok.txt'), 'OK');
    // Links inside the served folder that lead out of it, to a file and to a folder.
    symlinkSync(join(parent, 'secret.txt'), join(root, 'public', 'link.txt'));
    symlinkSync(join(root, 'private'), join(root, 'public', 'inside'));
    const server = await serve(root, { folders: ['public'] });
    try {
      expect(await get(server.url, '/public/ok.txt')).toEqual({ status: 200, body: 'OK' });
      // A query string is not part of the path.
      expect(await get(server.url, '/public/ok.txt?/../../secret.txt')).toEqual({ status: 200, body: 'OK' });
      for (const path of [
        '/../secret.txt', '/public/../../secret.txt', '/%2e%2e/secret.txt', '/public/%2e%2e/%2e%2e/secret.txt',
        '/public/..%2f..%2fsecret.txt', '/%2E%2E%2Fsecret.txt', '//../secret.txt', '/public/%252e%252e/secret.txt',
        '/private/hidden.txt', '/public/../private/hidden.txt', '/public/ok.txt%00.html', '/%E0%A4%A',
        '/public/link.txt', '/public/inside/hidden.txt', `${parent}/secret.txt`,
      ]) {
        const { status, body } = await get(server.url, path);
        expect([400, 404], path).toContain(status);
        expect(body, path).not.toMatch(/SECRET|HIDDEN/);
      }
    } finally {
      await server.close();
    }
  });
});
