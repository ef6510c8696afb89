// Dendritic segments (docs/dendrites.md), spikewasm alone, in one process (npm run build first):
//   node bench/dendrites.mjs [--rounds 5]
// - the cost of a segment for one step: CUBA written as equations (4000 cells, 320 000
//   synapses) with 1, 4 and 16 segments per cell against the same network without segments,
//   the segments idle (no inputs: the per-step loop over inputs, timers and the plateau current);
// - the cost of an arrival at a segment against one at the soma: the same network with a
//   second, static projection of 320 000 synapses from the cells, delivering into segment0 or
//   into the soma's ge with weight 0 (the same spikes, so the same events);
// - the sequence-memory example (docs/sequence-memory.md: 906 cells, 162 000 E->E synapses
//   learning by the permanence rule onto segments), 60 training episodes, against a plain
//   network of the same size: the same cells and projections without segments, E->E static
//   into the soma with weight 0.
// Variants alternate within each round; medians over the rounds. One JSON line per measurement.
import { parseArgs } from 'node:util';
import { createSimulator } from '../dist/hosts/node.js';
import { alternate } from './alternating.mjs';
import { sequenceMemoryModel } from '../examples/sequence-memory/network.mjs';
import { cubaEquations } from './workloads.mjs';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' } } });
const rounds = Number(values.rounds);
const sim = await createSimulator({ backend: 'wasm' });

const n = 4000;
const cuba = cubaEquations(n);
cuba.monitors = [];
// The plateau current the segments hold; 0 pA keeps the dynamics those of CUBA.
cuba.populations[0].model.equations += '\n Idend : volt';
const withSegments = (segments, projections = cuba.projections) => ({
  ...cuba,
  populations: [{ ...cuba.populations[0], dendrites: { segments, theta: 5, tau: '5 ms', plateau: { duration: '20 ms', current: 'Idend', amplitude: 0 } } }],
  projections,
});
const duration = 1;
const steps = Math.round(duration / cuba.dt);

const idle = await alternate(sim, { none: cuba, k1: withSegments(1), k4: withSegments(4), k16: withSegments(16) }, duration, rounds);
const nsPerSegmentStep = (k) => +(((idle[`k${k}`].seconds - idle.none.seconds) / (n * k * steps)) * 1e9).toFixed(3);
console.log(JSON.stringify({
  measure: 'segment-step', neurons: n, steps, rounds,
  seconds: Object.fromEntries(Object.entries(idle).map(([k, v]) => [k, +v.seconds.toFixed(4)])),
  nsPerSegmentStep: { k1: nsPerSegmentStep(1), k4: nsPerSegmentStep(4), k16: nsPerSegmentStep(16) },
  nsPerNeuronStepWithout: +((idle.none.seconds / (n * steps)) * 1e9).toFixed(3),
}));

// Arrivals: a second projection from the excitatory cells, into a segment or into the soma.
const extra = (target) => ({ ...cuba.projections[0], synapse: { onPre: `${target} += w` }, weight: 0 });
const arrivals = await alternate(sim, {
  plain: withSegments(1),
  intoSegment: withSegments(1, [...cuba.projections, extra('segment0')]),
  intoSoma: withSegments(1, [...cuba.projections, extra('ge')]),
}, 4 * duration, rounds);
const added = arrivals.intoSegment.events - arrivals.plain.events;
console.log(JSON.stringify({
  measure: 'segment-arrival', neurons: n, steps: 4 * steps, rounds, addedEvents: added,
  seconds: Object.fromEntries(Object.entries(arrivals).map(([k, v]) => [k, +v.seconds.toFixed(4)])),
  nsPerArrival: { segment: +(((arrivals.intoSegment.seconds - arrivals.plain.seconds) / added) * 1e9).toFixed(3), soma: +(((arrivals.intoSoma.seconds - arrivals.plain.seconds) / added) * 1e9).toFixed(3) },
}));

// The sequence example against a plain network of its size.
const learning = { ...sequenceMemoryModel({ episodes: 60 }), monitors: [] };
const plain = structuredClone(learning);
delete plain.populations[1].dendrites;
plain.projections = plain.projections.map((j) => (j.name === 'EE' ? { ...j, synapse: { onPre: 'Iex += w' }, weight: 0, init: undefined } : j));
const episodes = await alternate(sim, { learning, plain }, learning.duration, rounds);
const episodeSteps = Math.round(learning.duration / learning.dt);
console.log(JSON.stringify({
  measure: 'sequence-example', cells: learning.populations[1].size + learning.populations[2].size, episodes: 60, modelSeconds: learning.duration, steps: episodeSteps, rounds,
  seconds: Object.fromEntries(Object.entries(episodes).map(([k, v]) => [k, +v.seconds.toFixed(4)])),
  events: Object.fromEntries(Object.entries(episodes).map(([k, v]) => [k, v.events])),
  usPerStep: Object.fromEntries(Object.entries(episodes).map(([k, v]) => [k, +((v.seconds / episodeSteps) * 1e6).toFixed(3)])),
  realTimeFactor: Object.fromEntries(Object.entries(episodes).map(([k, v]) => [k, +(v.seconds / learning.duration).toFixed(4)])),
  ratio: +(episodes.learning.seconds / episodes.plain.seconds).toFixed(3),
}));
