// One spikewasm run of a workload in this process; prints one JSON line.
// node bench/run-spikewasm.mjs --model cuba --neurons 4000 --duration 1 [--seed 1] [--backend wasm]
import { parseArgs } from 'node:util';
import { createSimulator } from '../dist/hosts/node.js';
import { describe } from './workloads.mjs';

const { values } = parseArgs({
  options: {
    model: { type: 'string', default: 'cuba' },
    neurons: { type: 'string', default: '4000' },
    duration: { type: 'string', default: '1' },
    seed: { type: 'string', default: '1' },
    backend: { type: 'string', default: 'wasm' },
  },
});
const neurons = Number(values.neurons);
const duration = Number(values.duration);
const sim = await createSimulator({ backend: values.backend });
const desc = describe(values.model, neurons, Number(values.seed));
const net = sim.load(desc);
let heapPeak = 0;
const sample = () => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed));
const t0 = performance.now();
const built = await net.build();
const t1 = performance.now();
sample();
await net.run(duration);
const t2 = performance.now();
sample();
const spikes = net.monitorData(desc.monitors.findIndex((m) => m.type === 'spikes')).steps.length;
const events = await net.synapticEvents();
const synapses = built.projections.reduce((s, j) => s + j.synapses, 0);
// Bytes the layout gives to synapses: CSR rows, columns, per-synapse weights and delays, and
// for plastic projections the reverse index and eligibility traces (neuron traces not counted).
const synapseBytes = built.layout.projections.reduce((s, j, k) => {
  const p = built.projections[k];
  const n = p.synapses;
  const rows = (p.pre.stop - p.pre.start + 1) * 4;
  const plastic = j.plastic ? ((built.populations[p.post.population].size + 1) * 4) + n * (8 + (j.plastic.eligibility ? 4 : 0)) : 0;
  return s + rows + n * (j.columnBytes + (j.weights ? 4 : 0) + (j.delays ? j.delayBytes : 0)) + plastic;
}, 0);
console.log(JSON.stringify({
  program: 'spikewasm',
  backend: sim.backend,
  workload: values.model,
  neurons: built.populations.reduce((s, p) => s + p.size, 0),
  synapses,
  bioSeconds: duration,
  buildSeconds: (t1 - t0) / 1000,
  runSeconds: (t2 - t1) / 1000,
  spikes,
  meanRateHz: spikes / (neurons * duration),
  synapticEvents: events,
  eventsPerSecond: events / ((t2 - t1) / 1000),
  bytesPerSynapse: synapseBytes / synapses,
  // The wasm memory holds exactly the layout (plus the kernel's few bytes of static data).
  wasmMemoryBytes: sim.backend === 'wasm' ? built.layout.totalBytes : 0,
  jsHeapPeakBytes: heapPeak,
  maxRssBytes: process.resourceUsage().maxRSS * 1024,
}));
