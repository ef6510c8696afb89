// The soak check: CUBA (4000 neurons) for 10^6 steps (100 s of model time) in chunks of 1 s,
// its spike monitor read and cleared after every chunk, as a closed loop would. Prints one
// JSON line per 10 chunks (steps, RSS, JS heap, loop throughput) and a summary
// with the memory growth per 10^5 steps. A bench, not a test: docs/reliability.md records a run.
//   node bench/soak.mjs [--chunks 100]        (after npm run build)
import { parseArgs } from 'node:util';
import { createSimulator } from '../dist/hosts/node.js';
import { cuba } from './workloads.mjs';

const { values } = parseArgs({ options: { chunks: { type: 'string', default: '100' } } });
const chunks = Number(values.chunks);
const sim = await createSimulator();
const desc = cuba(4000, 1);
const net = sim.load(desc);
const spikes = net.getMonitor('spikes');
const mib = (bytes) => Math.round((bytes / 2 ** 20) * 100) / 100;
const memory = () => ({ rssMiB: mib(process.memoryUsage().rss), heapMiB: mib(process.memoryUsage().heapUsed) });
await net.run(1);
spikes.clear();
const start = { steps: net.steps, ...memory() };
let total = 0;
const t0 = performance.now();
for (let k = 1; k <= chunks; k++) {
  await net.run(1);
  total += spikes.read().times.length;
  spikes.clear();
  if (k % 10 === 0) {
    const seconds = (performance.now() - t0) / 1000;
    console.log(JSON.stringify({ steps: net.steps, ...memory(), stepsPerSecond: Math.round((net.steps - start.steps) / seconds), spikes: total }));
  }
}
const end = memory();
const per = (x) => Math.round(((x * 1e5) / (net.steps - start.steps)) * 1000) / 1000;
console.log(JSON.stringify({
  summary: 'soak', steps: net.steps - start.steps, spikes: total, meanRateHz: total / (4000 * chunks),
  rssGrowthMiBPer1e5Steps: per(end.rssMiB - start.rssMiB), heapGrowthMiBPer1e5Steps: per(end.heapMiB - start.heapMiB),
  start, end, seconds: (performance.now() - t0) / 1000,
}));
