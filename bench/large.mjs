// Large networks: how long planning takes, and the peak memory (RSS) of planning, building and
// running, against the image the network plans. Each case runs in a child process of its own,
// so its peak RSS is its own. Prints one JSON line per case; docs/reliability.md ("Large
// networks") records a run.
// A bench, not a test (minutes and gigabytes).
//   node bench/large.mjs [--only name,name]        (after npm run build)
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const lif = { tauM: 0.02, vRest: -0.049, vThresh: -0.05, vReset: -0.06, tRef: 0.005, receptors: { e: { tau: 0.005 } } };

/** name: [what is done (plan: the memory check only; run: build and run 10 steps), description]. */
const cases = {
  'poisson-2^28-plan': ['plan', { dt: 1e-4, populations: [{ size: 2 ** 28, model: 'poisson', params: { rate: 5 } }] }],
  'poisson-2^28-run': ['run', { dt: 1e-4, populations: [{ size: 2 ** 28, model: 'poisson', params: { rate: 5 } }] }],
  'lif-14x2^28-plan': ['plan', { dt: 1e-4, populations: Array.from({ length: 14 }, (_, k) => ({ name: `P${k}`, size: 2 ** 28, model: 'lif', params: lif })) }],
  'lif-14x2^28-run': ['run', { dt: 1e-4, populations: Array.from({ length: 14 }, (_, k) => ({ name: `P${k}`, size: 2 ** 28, model: 'lif', params: lif })) }],
  'lif-1e8-run': ['run', {
    dt: 1e-4,
    populations: [{ size: 1e8, model: 'lif', params: { ...lif, bias: { uniform: [0, 1e-12] } }, init: { v: { uniform: [-0.06, -0.05] } } }],
  }],
  // The cortical microcircuit's size: 10^5 neurons, 3000 synapses each, drawn weights and delays.
  'synapses-3e8-run': ['run', {
    dt: 1e-4,
    populations: [{ name: 'P', size: 1e5, model: 'lif', params: lif, init: { v: { uniform: [-0.06, -0.05] } } }],
    projections: [{
      pre: { population: 'P' }, post: { population: 'P' }, receptor: 'e', rule: { type: 'fixed_indegree', k: 3000 },
      weight: { normal: { mean: 1e-4, std: 1e-5 } }, delay: { normal: { mean: 1.5e-3, std: 7.5e-4, min: 1e-4, max: 1e-2 } },
    }],
  }],
};

/** One case, in this process: prints its JSON line. */
async function child(name) {
  const [what, desc] = cases[name];
  const { planNetwork } = await import('../dist/ts/model/plan-network.js');
  const { expectedLayout } = await import('../dist/ts/layout/build.js');
  const { createSimulator } = await import('../dist/hosts/node.js');
  const t0 = performance.now();
  const line = { name, what };
  try {
    line.plannedBytes = expectedLayout(planNetwork(desc)).totalBytes;
    line.planSeconds = (performance.now() - t0) / 1000;
    if (what === 'run') {
      const net = (await createSimulator()).load(desc);
      const built = await net.build();
      line.synapses = built.projections.reduce((s, j) => s + j.synapses, 0);
      line.buildSeconds = (performance.now() - t0) / 1000 - line.planSeconds;
      await net.run(10 * desc.dt);
      line.outcome = 'ran';
    } else {
      line.outcome = 'planned';
    }
  } catch (e) {
    line.outcome = e.code ?? `untyped: ${e.message}`;
    line.message = e.message;
  }
  line.seconds = (performance.now() - t0) / 1000;
  line.peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
  if (line.plannedBytes !== undefined) line.rssOverImageMiB = Math.round(line.peakRssMiB - line.plannedBytes / 2 ** 20);
  console.log(JSON.stringify(line));
}

const { values } = parseArgs({ options: { only: { type: 'string' }, child: { type: 'string' } } });
if (values.child) {
  await child(values.child);
} else {
  const names = values.only ? values.only.split(',') : Object.keys(cases);
  for (const name of names) {
    if (!cases[name]) throw new Error(`unknown case ${name}; cases: ${Object.keys(cases).join(', ')}`);
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', name], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
    process.stdout.write(r.stdout || `${JSON.stringify({ name, outcome: `crashed: exit ${r.status} ${r.signal ?? ''}` })}\n`);
  }
}
