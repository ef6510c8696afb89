// Delay learning (docs/delay-learning.md), spikewasm alone, in one process (npm run build first):
//   node bench/delay-learning.mjs [--neurons 4000] [--rounds 5]
// The cost of delays that learn against the same network with fixed delays: CUBA with pair STDP
// on E->E (bench/workloads.mjs, cuba_stdp) and per-synapse delays uniform in 0.1-5 ms on every
// projection, against the same network whose E->E delays also learn (rate 0.1, window 5 ms,
// bounds 0.1-5 ms, so both keep the same spike history). Fixed per-synapse delays walk each row
// once per spike in delay order; learned ones scan a spike's row at every step of its flight.
// Learning changes the dynamics (other spikes, other events), so both networks also run with
// E->E's learning rate 0 (weights and delays frozen, the same spikes in both): that pair
// isolates what the learned-delay arrival path costs, the other pair adds the pairings.
// Variants alternate within each round; medians over the rounds. One JSON line.
import { parseArgs } from 'node:util';
import { createSimulator } from '../dist/hosts/node.js';
import { alternate } from './alternating.mjs';
import { cubaStdp } from './workloads.mjs';

const { values } = parseArgs({ options: { neurons: { type: 'string', default: '4000' }, rounds: { type: 'string', default: '5' } } });
const n = Number(values.neurons);
const rounds = Number(values.rounds);
const sim = await createSimulator({ backend: 'wasm' });

const ms = 1e-3;
const fixed = cubaStdp(n);
fixed.monitors = [];
for (const projection of fixed.projections) projection.delay = { uniform: [0.1 * ms, 5 * ms] };
const learning = structuredClone(fixed);
learning.projections[0].plasticity.delays = { rate: 0.1, window: 5 * ms, min: 0.1 * ms, max: 5 * ms };

const frozen = (desc) => {
  const copy = structuredClone(desc);
  copy.projections[0].plasticity.learningRate = 0;
  return copy;
};

const duration = 1;
const steps = Math.round(duration / fixed.dt);
const t = await alternate(sim, { fixed, learning, fixedFrozen: frozen(fixed), learningFrozen: frozen(learning) }, duration, rounds);
const round = (x, digits) => +x.toFixed(digits);
const each = (f) => Object.fromEntries(Object.entries(t).map(([k, v]) => [k, f(v)]));
const ee = sim.load(fixed);
await ee.run(0);
console.log(JSON.stringify({
  measure: 'delay-learning', workload: 'cuba_stdp with per-synapse delays', neurons: n, steps, rounds,
  plasticSynapses: (await ee.getProjection('EE').weights()).weight.length,
  seconds: each((v) => round(v.seconds, 4)),
  events: each((v) => v.events),
  usPerStep: each((v) => round((v.seconds / steps) * 1e6, 2)),
  learningOverFixed: round(t.learning.seconds / t.fixed.seconds, 3),
  frozenLearningOverFixed: round(t.learningFrozen.seconds / t.fixedFrozen.seconds, 3),
}));
