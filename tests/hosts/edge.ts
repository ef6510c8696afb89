// A Vercel-style edge runtime (@edge-runtime/vm): the probe, bundled with the host-free core
// into one script, runs in its sandbox; the kernel bytes come from the package's .wasm file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EdgeVM } from '@edge-runtime/vm';
import { build } from 'esbuild';
import { unwrap, type HostResults } from './results.js';

export async function runEdge(dir: string): Promise<HostResults> {
  const bundle = await build({
    entryPoints: [join(dir, 'edge.mjs')],
    absWorkingDir: dir,
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'neutral',
    conditions: ['edge-light', 'worker', 'browser'],
    logLevel: 'silent',
  });
  const vm = new EdgeVM();
  vm.evaluate(bundle.outputFiles[0]!.text);
  const kernel = new vm.context.Uint8Array(readFileSync(join(dir, 'node_modules/spikewasm/dist/spikewasm.wasm')));
  const reply = await vm.evaluate<(cases: string, kernel: Uint8Array) => Promise<string>>('runProbe')(readFileSync(join(dir, 'cases.json'), 'utf8'), kernel);
  return unwrap('edge-runtime', JSON.parse(reply));
}
