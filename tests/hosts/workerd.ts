// Cloudflare workerd: the probe worker is bundled with esbuild under the "workerd" condition,
// the kernel stays a separate wasm module (workerd refuses to compile wasm from bytes), and
// `workerd serve` runs them from a generated config; the cases go in as a POST.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { repo } from './scratch.js';
import { freePort } from './free-port.js';
import { unwrap, type HostResults } from './results.js';

export async function runWorkerd(dir: string): Promise<HostResults> {
  await build({
    entryPoints: [join(dir, 'worker.mjs')],
    outfile: join(dir, 'worker.bundle.mjs'),
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser'],
    logLevel: 'silent',
    // The kernel import becomes the config's wasm module of that name.
    plugins: [{ name: 'wasm-module', setup: (b) => b.onResolve({ filter: /\.wasm$/ }, () => ({ path: './spikewasm.wasm', external: true })) }],
  });
  const port = await freePort();
  writeFileSync(join(dir, 'workerd.capnp'), `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .probe) ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ] );
const probe :Workerd.Worker = (
  modules = [ (name = "worker.mjs", esModule = embed "worker.bundle.mjs"),
              (name = "spikewasm.wasm", wasm = embed "node_modules/spikewasm/dist/spikewasm.wasm") ],
  compatibilityDate = "2025-01-01" );
`);
  const server = spawn(join(repo, 'node_modules/.bin/workerd'), ['serve', 'workerd.capnp'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  server.stderr.on('data', (d) => (stderr += d));
  const cases = readFileSync(join(dir, 'cases.json'));
  try {
    for (let i = 0; ; i++) {
      if (server.exitCode !== null) throw new Error(`workerd exited (${server.exitCode}): ${stderr}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: cases });
        return unwrap('workerd', await res.json());
      } catch (e) {
        if (i >= 100 || !(e instanceof TypeError)) throw new Error(`workerd: ${(e as Error).message}; ${stderr}`);
        await new Promise((r) => setTimeout(r, 100)); // not listening yet
      }
    }
  } finally {
    server.kill();
  }
}
