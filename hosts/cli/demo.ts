// spikewasm demo: serves the live demo page (demo/), the package's built modules (dist/), the
// model files (examples/) and the connectome tables (data/) on 127.0.0.1 until Ctrl-C, under a
// strict Content Security Policy: scripts only from this origin, wasm compilation allowed, no
// eval and no inline scripts. Nothing is fetched from the network, so the page works offline.
// It serves the installed package itself: `npx spikewasm demo` needs no clone.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fail } from '../../ts/errors.js';
import { serve } from './static-server.js';

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; img-src 'self' data:; object-src 'none'; base-uri 'none'";
export const DEFAULT_PORT = 8080;

/** The package's root: this module is dist/hosts/cli/demo.js. */
const root = new URL('../../../', import.meta.url);

export async function demo(values: { port?: string | boolean }): Promise<number> {
  const port = portOption(values.port);
  for (const needed of ['demo/index.html', 'dist/spikewasm.wasm']) {
    if (!existsSync(new URL(needed, root))) fail('E_STATE', 'demo', `${needed} is missing from ${fileURLToPath(root)}: in a clone, run npm run build first (npm run demo does)`);
  }
  let url: string;
  try {
    ({ url } = await serve(fileURLToPath(root), {
      port,
      folders: ['demo', 'dist', 'examples', 'data'],
      home: '/demo/',
      headers: { 'content-security-policy': CSP, 'cache-control': 'no-store' },
    }));
  } catch (e) {
    const { code, message } = e as NodeJS.ErrnoException;
    return fail('E_PARAM', '--port', code === 'EADDRINUSE' ? `port ${port} is in use: choose another (--port 0 picks a free one)` : `cannot listen on 127.0.0.1:${port}: ${message}`);
  }
  // The listening server keeps the process running after this returns, until Ctrl-C.
  process.stdout.write(`spikewasm demo: ${url}/demo/\nWeb Worker fed by a timer: ${url}/examples/worker-timer.html\nCtrl-C stops the server.\n`);
  return 0;
}

function portOption(text: string | boolean | undefined): number {
  if (text === undefined) return DEFAULT_PORT;
  const port = Number(text);
  if (typeof text !== 'string' || !/^\d+$/.test(text.trim()) || port > 65535) fail('E_PARAM', '--port', `must be a whole number from 0 to 65535, 0 picking a free port (got ${JSON.stringify(text)})`);
  return port;
}
