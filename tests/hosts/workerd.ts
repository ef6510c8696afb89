// Cloudflare workerd: a worker is bundled with esbuild under the "workerd" condition, its
// WebAssembly stays separate wasm modules (workerd refuses to compile wasm from bytes): the
// kernel, and the programs of models written as equations, compiled ahead of time by the packed
// package's `spikewasm compile`. `workerd serve` runs them from a generated config.
import { execFile, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { repo, writtenAsEquations, type Case } from './scratch.js';
import { freePort } from './free-port.js';
import { unwrap, type HostResults } from './results.js';

const run = promisify(execFile);

/** `spikewasm compile` of the packed package: the model file `model`'s kernels module into `out`. */
function compileKernels(dir: string, model: string, out: string) {
  return run(process.execPath, [join(dir, 'node_modules/spikewasm/dist/hosts/cli.js'), 'compile', model, '--out', out]);
}

/**
 * Bundles `entry` (a path under `dir`) and serves it with workerd, its .wasm imports being the
 * kernel and `wasm` (module names relative to the bundle, files under `dir`); returns the body
 * of one request.
 */
async function serveWorker(dir: string, entry: string, wasm: string[], init: RequestInit): Promise<unknown> {
  await build({
    entryPoints: [join(dir, entry)],
    outfile: join(dir, 'worker.bundle.mjs'),
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser'],
    logLevel: 'silent',
    // Wasm imports stay imports of the config's wasm modules: the kernel's, and the others by file name.
    plugins: [{
      name: 'wasm-module',
      setup: (b) => b.onResolve({ filter: /\.wasm$/ }, (args) => {
        const name = args.path.replace(/^.*\//, '');
        return { path: wasm.includes(name) ? `./${name}` : './spikewasm.wasm', external: true };
      }),
    }],
  });
  const port = await freePort();
  writeFileSync(join(dir, 'workerd.capnp'), `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .probe) ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ] );
const probe :Workerd.Worker = (
  modules = [ (name = "worker.mjs", esModule = embed "worker.bundle.mjs"),
              (name = "spikewasm.wasm", wasm = embed "node_modules/spikewasm/dist/spikewasm.wasm")${wasm.map((file) => `,\n              (name = "${file}", wasm = embed "${file}")`).join('')} ],
  compatibilityDate = "2025-01-01" );
`);
  const server = spawn(join(repo, 'node_modules/.bin/workerd'), ['serve', 'workerd.capnp'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  server.stderr.on('data', (d) => (stderr += d));
  try {
    for (let i = 0; ; i++) {
      if (server.exitCode !== null) throw new Error(`workerd exited (${server.exitCode}): ${stderr}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/`, init);
        return await res.json();
      } catch (e) {
        if (i >= 100 || !(e instanceof TypeError)) throw new Error(`workerd: ${(e as Error).message}; ${stderr}`);
        await new Promise((r) => setTimeout(r, 100)); // not listening yet
      }
    }
  } finally {
    server.kill();
  }
}

/** The probe on every case (POSTed), the equation cases through the ahead-of-time route (kernels.mjs imports their modules). */
export async function runWorkerd(dir: string): Promise<HostResults> {
  const cases = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as Case[];
  const compiled = cases.flatMap((c, k) => (writtenAsEquations(c.description) ? [{ name: c.name, file: `kernels-${k}.wasm` }] : []));
  for (const { name, file } of compiled) {
    const model = join(dir, `${file}.json`);
    writeFileSync(model, JSON.stringify(cases.find((c) => c.name === name)!.description));
    await compileKernels(dir, model, join(dir, file));
  }
  writeFileSync(join(dir, 'kernels.mjs'), [
    ...compiled.map(({ file }, k) => `import k${k} from './${file}';`),
    `export default { ${compiled.map(({ name }, k) => `${JSON.stringify(name)}: k${k}`).join(', ')} };`,
  ].join('\n'));
  const body = readFileSync(join(dir, 'cases.json'));
  return unwrap('workerd', await serveWorker(dir, 'worker.mjs', compiled.map((c) => c.file), { method: 'POST', body }));
}

/** examples/workerd/worker.mjs as its header says to run it: COBAHH from its compiled kernels; returns its answer. */
export async function runWorkerdExample(dir: string): Promise<{ seconds: number; spikes: number }> {
  mkdirSync(join(dir, 'example/workerd'), { recursive: true });
  copyFileSync(join(repo, 'examples/workerd/worker.mjs'), join(dir, 'example/workerd/worker.mjs'));
  copyFileSync(join(repo, 'examples/cobahh.json'), join(dir, 'example/cobahh.json'));
  await compileKernels(dir, join(dir, 'example/cobahh.json'), join(dir, 'cobahh-kernels.wasm'));
  return await serveWorker(dir, 'example/workerd/worker.mjs', ['cobahh-kernels.wasm'], {}) as { seconds: number; spikes: number };
}
