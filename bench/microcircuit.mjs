// The Potjans & Diesmann (2014) cortical microcircuit (examples/potjans2014/microcircuit.mjs) at
// full scale, or any --scale: build time, bytes per synapse, peak memory, the real-time factor
// of the simulation loop, and each population's rate beside the published full-scale rates
// (the goal: within 15 %). A bench, not a test: at full scale it takes minutes and about 2.5 GB.
// The run is in a child process so that its peak RSS is its own. Prints one JSON line.
//   node bench/microcircuit.mjs [--scale 1] [--presim 0.5] [--duration 1] [--seed 1]   (after npm run build)
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { microcircuit, POPULATIONS } from '../examples/potjans2014/microcircuit.mjs';

/**
 * Full-scale rates (Hz) with Poisson background, L2/3E ... L6I, that issue 30 compares with: NEST's
 * Potjans_2014 example's reference run (as quoted in the issue).
 */
const PUBLISHED = [0.903, 2.965, 4.414, 5.876, 7.569, 8.633, 1.105, 7.829];

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    presim: { type: 'string', default: '0.5' },
    duration: { type: 'string', default: '1' },
    seed: { type: 'string', default: '1' },
    child: { type: 'boolean', default: false },
  },
});

async function child() {
  const scale = Number(values.scale);
  const presim = Number(values.presim);
  const duration = Number(values.duration);
  const { createSimulator } = await import('../dist/hosts/node.js');
  const line = { bench: 'microcircuit', scale, seed: Number(values.seed), presim, duration };
  const t0 = performance.now();
  const desc = microcircuit(scale, { seed: Number(values.seed), duration: presim + duration });
  const net = (await createSimulator()).load(desc);
  const built = await net.build();
  line.buildSeconds = (performance.now() - t0) / 1000;
  line.neurons = POPULATIONS.reduce((n, name) => n + net.getPopulation(name).size, 0);
  line.synapses = built.projections.reduce((s, j) => s + j.synapses, 0);
  line.imageBytes = built.layout.totalBytes;
  line.bytesPerSynapse = Number((built.layout.totalBytes / line.synapses).toFixed(3));
  // The synapse arrays alone (row pointers, columns, weights, delays), without neurons and rings.
  line.synapseArrayBytesPerSynapse = Number((built.projections.reduce((bytes, j, k) => {
    const l = built.layout.projections[k];
    return bytes + (j.pre.stop - j.pre.start + 1) * 4 + j.synapses * (l.columnBytes + (l.weights ? 4 : 0) + (l.delays ? l.delayBytes : 0));
  }, 0) / line.synapses).toFixed(3));
  line.rssAfterBuildMiB = Math.round(process.resourceUsage().maxRSS / 1024);
  // The pre-simulation settles the initial transient; its spikes are dropped.
  const t1 = performance.now();
  await net.run(presim);
  for (const name of POPULATIONS) net.getMonitor(name).clear();
  const t2 = performance.now();
  await net.run(duration);
  const t3 = performance.now();
  line.presimRealTimeFactor = (t2 - t1) / 1000 / presim;
  line.realTimeFactor = (t3 - t2) / 1000 / duration;
  line.threads = 1;
  line.rates = {};
  line.publishedRates = {};
  line.rateOverPublished = {};
  POPULATIONS.forEach((name, i) => {
    const spikes = net.getMonitor(name).read();
    const rate = spikes.times.length / net.getPopulation(name).size / duration;
    line.rates[name] = Number(rate.toFixed(3));
    line.publishedRates[name] = PUBLISHED[i];
    line.rateOverPublished[name] = Number((rate / PUBLISHED[i]).toFixed(3));
  });
  line.ratesWithin15Percent = Object.values(line.rateOverPublished).every((r) => Math.abs(r - 1) <= 0.15);
  line.peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(JSON.stringify(line));
}

if (values.child) {
  await child();
} else {
  const args = ['--scale', values.scale, '--presim', values.presim, '--duration', values.duration, '--seed', values.seed, '--child'];
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), ...args], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  process.stdout.write(r.stdout || `${JSON.stringify({ bench: 'microcircuit', outcome: `crashed: exit ${r.status} ${r.signal ?? ''}` })}\n`);
}
