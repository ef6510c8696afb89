// The N-MNIST CNN of the NIR paper (Sinabs export, tests/nir/fixtures) imported and run by
// spikewasm, against a direct JavaScript implementation of its layers (the scatter of
// tests/nir/cnn.test.ts: each spike through the convolution, pooling and dense weights after it,
// in f32) on the same synthetic samples, in one process (npm run build first):
//   node bench/nir-cnn.mjs [--samples 5] [--steps 300] [--density 0.02]
// Per sample, spikewasm loads the imported model with the sample's input spikes (the input is a
// spike source, fixed when a network is built) and runs it; the direct implementation only steps.
// Reports import time, synapses, planned memory, load and run time per sample; one JSON line each.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createSimulator, importNIR } from '../dist/hosts/node.js';
import { modelInfo } from '../dist/hosts/cli/info.js';
import { mulberry32 } from '../examples/seeded-random.mjs';
import { readHdf5 } from '../dist/ts/nir/hdf5.js';
import { directCnn } from '../tests/nir/direct-cnn.mjs';

const { values } = parseArgs({ options: { samples: { type: 'string', default: '5' }, steps: { type: 'string', default: '300' }, density: { type: 'string', default: '0.02' } } });
const [samples, steps, density] = [Number(values.samples), Number(values.steps), Number(values.density)];
const bytes = readFileSync(new URL('../tests/nir/fixtures/02_cnn_cnn_sinabs.nir', import.meta.url));
const dt = 1e-4;

let t = performance.now();
const imported = importNIR(bytes, { preset: 'sinabs' });
const importMs = performance.now() - t;
const { memory } = modelInfo(imported.model);
console.log(JSON.stringify({ measure: 'nir-cnn-import', synapses: imported.synapses, importMs: +importMs.toFixed(1), plannedBytes: memory.totalBytes, synapseBytes: memory.synapseBytes, bytesPerSynapse: +(memory.synapseBytes / imported.synapses).toFixed(2) }));

const sim = await createSimulator({ backend: 'wasm' });
const direct = directCnn(readHdf5(bytes, 'cnn').node.nodes);
for (let s = 0; s < samples; s++) {
  const next = mulberry32(100 + s);
  const raster = Array.from({ length: steps }, () => Array.from({ length: 2312 }, () => next() < density));
  const times = Array.from({ length: 2312 }, (_, i) => raster.flatMap((row, k) => (row[i] ? [k * dt] : [])));
  const model = { ...importNIR(bytes, { preset: 'sinabs', inputs: { input: times } }).model };
  t = performance.now();
  const net = sim.load(model);
  await net.run(0);
  const loadMs = performance.now() - t;
  t = performance.now();
  await net.run(steps * dt);
  const runMs = performance.now() - t;
  const spikes = net.getMonitor('output').read().steps.length;
  t = performance.now();
  const directSpikes = direct.run(raster).at(-1).length;
  const directMs = performance.now() - t;
  console.log(JSON.stringify({ measure: 'nir-cnn-sample', sample: s, steps, inputSpikes: times.flat().length, outputSpikes: spikes, directOutputSpikes: directSpikes, loadMs: +loadMs.toFixed(1), runMs: +runMs.toFixed(1), directMs: +directMs.toFixed(1), runOverDirect: +(runMs / directMs).toFixed(3) }));
}
