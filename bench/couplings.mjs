// Electrical and graded synapses (docs/couplings.md), spikewasm alone, in one process (npm run
// build first):
//   node bench/couplings.mjs [--rounds 5]
// - the C. elegans connectome (OpenWorm's table, c302's parameters, dt 0.01 ms): loop time per
//   step with its gap junctions and graded synapses, with the gap junctions alone, and with no
//   projections (the 300 cells' own update);
// - a gap junction against a plain LIF synapse: CUBA written as equations (4000 cells, 320 000
//   spiking synapses) with and without 320 000 gap junctions added, and without its synapses:
//   the cost of one junction for one step against the cost of one synaptic event.
// Variants alternate within each round; medians over the rounds. One JSON line per measurement.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createSimulator } from '../dist/hosts/node.js';
import { alternate } from './alternating.mjs';
import { parseConnectome } from '../dist/ts/connectome/formats.js';
import { connectomeDescription } from '../dist/ts/connectome/model.js';
import { cubaEquations } from './workloads.mjs';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' } } });
const rounds = Number(values.rounds);
const sim = await createSimulator({ backend: 'wasm' });

// The connectome.
const file = 'openworm_connectome_neurotransmitters.csv';
const connectome = parseConnectome('openworm', { name: file, text: readFileSync(new URL(`../data/celegans/${file}`, import.meta.url), 'utf8') });
const worm = { ...connectomeDescription(connectome), monitors: [] };
const junctions = worm.projections.find((j) => j.electrical).rule.pre.length;
const chemical = worm.projections.filter((j) => j.graded).reduce((n, j) => n + j.rule.pre.length, 0);
const wormDuration = 0.2;
const wormSteps = Math.round(wormDuration / worm.dt);
const w = await alternate(sim, {
  full: worm,
  gapOnly: { ...worm, projections: worm.projections.filter((j) => j.electrical) },
  cellsOnly: { ...worm, projections: [] },
}, wormDuration, rounds);
const perStep = (s) => +((s / wormSteps) * 1e6).toFixed(3);
console.log(JSON.stringify({
  measure: 'connectome-step', source: 'openworm', neurons: connectome.neurons.length, gapJunctionPairs: junctions, gradedConnections: chemical, dt: worm.dt, steps: wormSteps, rounds,
  usPerStep: { full: perStep(w.full.seconds), gapOnly: perStep(w.gapOnly.seconds), cellsOnly: perStep(w.cellsOnly.seconds) },
  realTimeFactor: +(w.full.seconds / wormDuration).toFixed(3),
}));

// A gap junction against a LIF synapse.
const n = 4000;
const cuba = cubaEquations(n);
cuba.populations[0].model.equations = cuba.populations[0].model.equations.replace('+ ge + gi) / tauM', '+ ge + gi + Igap) / tauM') + '\n Igap : volt';
cuba.monitors = [];
const spiking = cuba.projections;
// 320 000 junctions, as many as the spiking synapses; conductance 1e-4 (v per v per step), far inside the stability bound.
const electrical = { pre: { population: 'P' }, post: { population: 'P' }, electrical: { current: 'Igap' }, weight: 1e-4, rule: { type: 'fixed_probability', p: 320000 / (n * n) } };
const cubaDuration = 1;
const cubaSteps = Math.round(cubaDuration / cuba.dt);
const c = await alternate(sim, {
  lifSynapses: cuba,
  lifSynapsesAndJunctions: { ...cuba, projections: [...spiking, electrical] },
  noSynapses: { ...cuba, projections: [] },
}, cubaDuration, rounds);
const built = await sim.load({ ...cuba, projections: [electrical] }).build();
const junctionCount = built.projections[0].synapses;
const nsPerJunctionStep = ((c.lifSynapsesAndJunctions.seconds - c.lifSynapses.seconds) / (junctionCount * cubaSteps)) * 1e9;
const nsPerEvent = ((c.lifSynapses.seconds - c.noSynapses.seconds) / c.lifSynapses.events) * 1e9;
console.log(JSON.stringify({
  measure: 'junction-vs-synapse', neurons: n, steps: cubaSteps, rounds, junctions: junctionCount, synapticEvents: c.lifSynapses.events,
  seconds: Object.fromEntries(Object.entries(c).map(([k, v]) => [k, +v.seconds.toFixed(4)])),
  nsPerJunctionStep: +nsPerJunctionStep.toFixed(3), nsPerSynapticEvent: +nsPerEvent.toFixed(3), ratio: +(nsPerJunctionStep / nsPerEvent).toFixed(3),
}));
