// Where the time goes, by ablation (the kernel has no timers: it imports nothing): each
// workload runs as is, without its spike monitor, and without its projections (neuron update
// and spike detection only). Prints one JSON line per workload.
// node bench/profile.mjs [--workloads cuba-4k-1s,...]   (after npm run build)
import { parseArgs } from 'node:util';
import { createSimulator } from '../dist/hosts/node.js';
import { describe, workloads } from './workloads.mjs';

const { values } = parseArgs({ options: { workloads: { type: 'string', default: 'cuba-4k-1s,cuba-40k-1s,cuba-400k-1s,coba-4k-1s,coba-40k-1s' } } });
const sim = await createSimulator();

async function timed(desc, seconds) {
  const net = sim.load(desc);
  await net.build();
  const t0 = performance.now();
  await net.run(seconds);
  return { seconds: (performance.now() - t0) / 1000, events: await net.synapticEvents() };
}

for (const name of values.workloads.split(',')) {
  const w = workloads[name];
  const full = describe(w.model, w.neurons, 1);
  await timed(full, Math.min(w.seconds, 0.1)); // warm-up: V8 tiers the kernel up during the first run
  const all = await timed(full, w.seconds);
  const unmonitored = await timed({ ...full, monitors: [] }, w.seconds);
  const neuronsOnly = await timed({ ...full, monitors: [], projections: [] }, w.seconds);
  console.log(JSON.stringify({
    workload: name,
    runSeconds: all.seconds,
    withoutSpikeMonitor: unmonitored.seconds,
    neuronUpdateAndDetection: neuronsOnly.seconds,
    propagation: unmonitored.seconds - neuronsOnly.seconds,
    spikeMonitor: all.seconds - unmonitored.seconds,
    synapticEvents: all.events,
  }));
}
