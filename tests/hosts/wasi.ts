// The JavaScript-free WASI command continues each case's half-way snapshot (Node's) under a
// runtime's node:wasi: snapshot on stdin, "step neuron" lines on stdout, hashed here the way
// the JS hosts hash their rasters.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rasterHash } from '../../ts/io/raster-hash.js';
import { readSnapshot } from '../../ts/io/snapshot.js';
import { commands } from './process-hosts.js';
import { writtenAsEquations, type Case } from './scratch.js';
import type { WasiResults } from './results.js';

function runOnce(file: string, args: string[], dir: string, input: string, output: string): Promise<string> {
  const stdin = openSync(input, 'r');
  const stdout = openSync(output, 'w');
  return new Promise<string>((resolve, reject) => {
    const child = spawn(file, args, { cwd: dir, stdio: [stdin, stdout, 'pipe'], timeout: 120_000, env: { ...process.env, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' } });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => (code === 0 ? resolve(stderr) : reject(new Error(`exited with ${code ?? signal}: ${stderr}`))));
  }).finally(() => {
    closeSync(stdin);
    closeSync(stdout);
  });
}

/** `runtime` is Node, Deno or Bun (process-hosts.ts); runs fixtures/run-wasi.mjs with it. */
export async function runWasi(runtime: string, dir: string): Promise<WasiResults> {
  const [file, hostArgs] = commands[runtime]!;
  const args = [...hostArgs, 'run-wasi.mjs'];
  const cases = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as Case[];
  const results: WasiResults = {};
  for (const c of cases) {
    if (writtenAsEquations(c.description)) continue; // refused by name: tests/hosts/wasi-command.test.ts
    const snapshot = Buffer.from(c.snapshot, 'base64');
    const steps = Math.round(c.duration / (c.description as { dt: number }).dt) - readSnapshot(snapshot).step;
    writeFileSync(join(dir, 'in.bin'), snapshot);
    try {
      await runOnce(file, [...args, String(steps)], dir, join(dir, 'in.bin'), join(dir, 'out.txt'));
    } catch (e) {
      throw new Error(`WASI under ${runtime}, ${c.name}: ${(e as Error).message}`);
    }
    const lines = readFileSync(join(dir, 'out.txt'), 'utf8').split('\n').filter(Boolean).map((l) => l.split(' ').map(Number));
    results[c.name] = { spikes: lines.length, rasterHash: await rasterHash(lines.map((l) => l[0]!), lines.map((l) => l[1]!)) };
  }
  return results;
}
