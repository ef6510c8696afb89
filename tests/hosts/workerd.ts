// Cloudflare workerd: the probe worker is bundled with esbuild under the "workerd" condition,
// the kernel stays a separate wasm module (workerd refuses to compile wasm from bytes), as do
// the equation cases' programs (compiled ahead of time), and `workerd serve` runs them from a
// generated config; the cases go in as a POST.
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { repo, writtenAsEquations, type Case } from './scratch.js';
import { freePort } from './free-port.js';
import { unwrap, type HostResults } from './results.js';

const run = promisify(execFile);

export async function runWorkerd(dir: string): Promise<HostResults> {
  // The equation cases run through the ahead-of-time route: each case's programs compiled by
  // `spikewasm compile` into a wasm module of the config, imported by kernels.mjs.
  const cases = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as Case[];
  const compiled = cases.flatMap((c, k) => (writtenAsEquations(c.description) ? [{ name: c.name, file: `kernels-${k}.wasm` }] : []));
  for (const { name, file } of compiled) {
    const model = join(dir, `${file}.json`);
    writeFileSync(model, JSON.stringify(cases.find((c) => c.name === name)!.description));
    await run(process.execPath, [join(dir, 'node_modules/spikewasm/dist/hosts/cli.js'), 'compile', model, '--out', join(dir, file)]);
  }
  writeFileSync(join(dir, 'kernels.mjs'), [
    ...compiled.map(({ file }, k) => `import k${k} from './${file}';`),
    `export default { ${compiled.map(({ name }, k) => `${JSON.stringify(name)}: k${k}`).join(', ')} };`,
  ].join('\n'));
  await build({
    entryPoints: [join(dir, 'worker.mjs')],
    outfile: join(dir, 'worker.bundle.mjs'),
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser'],
    logLevel: 'silent',
    // Wasm imports stay imports of the config's wasm modules: the kernel's, and the kernels modules by their file names.
    plugins: [{ name: 'wasm-module', setup: (b) => b.onResolve({ filter: /\.wasm$/ }, (args) => ({ path: args.path.startsWith('./kernels-') ? args.path : './spikewasm.wasm', external: true })) }],
  });
  const port = await freePort();
  writeFileSync(join(dir, 'workerd.capnp'), `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .probe) ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ] );
const probe :Workerd.Worker = (
  modules = [ (name = "worker.mjs", esModule = embed "worker.bundle.mjs"),
              (name = "spikewasm.wasm", wasm = embed "node_modules/spikewasm/dist/spikewasm.wasm")${compiled.map(({ file }) => `,
              (name = "${file}", wasm = embed "${file}")`).join('')} ],
  compatibilityDate = "2025-01-01" );
`);
  const server = spawn(join(repo, 'node_modules/.bin/workerd'), ['serve', 'workerd.capnp'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  server.stderr.on('data', (d) => (stderr += d));
  const body = readFileSync(join(dir, 'cases.json'));
  try {
    for (let i = 0; ; i++) {
      if (server.exitCode !== null) throw new Error(`workerd exited (${server.exitCode}): ${stderr}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body });
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
