// Runs a model file on the wasm kernel and on the plain-TypeScript reference backend,
// alternating, and prints one JSON line per run plus one with the medians and their ratio.
// Usage: node bench/backends.mjs [model.json] [--duration s] [--repeats n]   (after npm run build)
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createSimulator, parseModel } from '../dist/hosts/node.js';
import { runModel } from '../dist/hosts/cli/run-model.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { duration: { type: 'string', default: '1' }, repeats: { type: 'string', default: '3' } },
});
const file = positionals[0] ?? new URL('../examples/cuba.json', import.meta.url).pathname;
const description = parseModel(await readFile(file, 'utf8'));
const duration = Number(values.duration);
const repeats = Number(values.repeats);

const sims = { wasm: await createSimulator({ backend: 'wasm' }), reference: await createSimulator({ backend: 'reference' }) };
const times = { wasm: [], reference: [] };
const hashes = new Set();
for (let r = 0; r < repeats; r++) {
  for (const backend of ['wasm', 'reference']) {
    const { summary } = await runModel(sims[backend], description, { duration });
    times[backend].push(summary.runSeconds);
    hashes.add(summary.rasterHash);
    console.log(JSON.stringify({ workload: file.split('/').pop(), bioSeconds: duration, ...summary }));
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(JSON.stringify({
  workload: file.split('/').pop(),
  medianRunSeconds: { wasm: median(times.wasm), reference: median(times.reference) },
  referenceOverWasm: median(times.reference) / median(times.wasm),
  identicalRasters: hashes.size === 1,
}));
