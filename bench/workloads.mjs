// The benchmark workloads as spikewasm model descriptions. CUBA is Brian2's examples/CUBA.py
// (exact integration, autapses allowed, 80 synapses per neuron at any size); COBA is the
// self-sustained variant Brian2-based benchmarks use (20 mV drive, conductances in units of the
// leak: we 0.6, wi 6.7). Both use a one-step (0.1 ms) delay, spikewasm's minimum.
import { readFileSync } from 'node:fs';

const mV = 1e-3;
const ms = 1e-3;

function network(n, population, excitatory, inhibitory, seed) {
  const p = 80 / n;
  const ne = Math.round(0.8 * n);
  return {
    dt: 1e-4,
    seed,
    populations: [population],
    projections: [
      { name: 'Ce', pre: { population: 'P', stop: ne }, post: { population: 'P' }, receptor: 'e', weight: excitatory, rule: { type: 'fixed_probability', p } },
      { name: 'Ci', pre: { population: 'P', start: ne }, post: { population: 'P' }, receptor: 'i', weight: inhibitory, rule: { type: 'fixed_probability', p } },
    ],
    monitors: [{ name: 'spikes', type: 'spikes', population: 'P' }],
  };
}

export function cuba(n, seed = 1) {
  return network(n, {
    name: 'P', size: n, model: 'lif',
    params: { tauM: 20 * ms, vRest: -49 * mV, vThresh: -50 * mV, vReset: -60 * mV, tRef: 5 * ms, receptors: { e: { tau: 5 * ms }, i: { tau: 10 * ms } } },
    init: { v: { uniform: [-60 * mV, -50 * mV] } },
  }, (60 * 0.27 / 10) * mV, (-20 * 4.5 / 10) * mV, seed);
}

/**
 * CUBA with pair STDP on the excitatory-to-excitatory synapses (additive, all-to-all, tau 20 ms,
 * A+ = 1 % of the initial weight, A- = 1.05 A+, weights in [0, 2 w]): the plastic workload,
 * compared with the same network without plasticity.
 */
export function cubaStdp(n, seed = 1) {
  const desc = cuba(n, seed);
  const ne = Math.round(0.8 * n);
  const ce = desc.projections[0];
  const w = ce.weight;
  desc.projections = [
    { ...ce, name: 'EE', post: { population: 'P', stop: ne },
      plasticity: { rule: 'stdp', aPlus: 0.01 * w, aMinus: 0.0105 * w, tauPlus: 20 * ms, tauMinus: 20 * ms, wMin: 0, wMax: 2 * w } },
    { ...ce, name: 'EI', post: { population: 'P', start: ne } },
    desc.projections[1],
  ];
  return desc;
}

/**
 * Additive pair STDP written as a synapse model, as Brian2's examples/synapses/STDP.py writes
 * it (traces of 20 ms in the weights' unit, w clipped to [0, wmax]), delivering w to `target`.
 */
function pairStdpSynapse(target, unit, params) {
  return {
    model: `w : ${unit}
            dapre/dt = -apre / taupre : ${unit} (event-driven)
            dapost/dt = -apost / taupost : ${unit} (event-driven)`,
    onPre: `${target} += w
            apre += dApre
            w = clip(w + apost, 0, wmax)`,
    onPost: `apost += dApost
             w = clip(w + apre, 0, wmax)`,
    params: { taupre: '20 ms', taupost: '20 ms', ...params },
  };
}

/** cuba_stdp with the rule written as a synapse model, as Brian2's bench writes it (bench/brian2/bench.py). */
export function cubaStdpEquations(n, seed = 1) {
  const desc = cubaStdp(n, seed);
  const ee = desc.projections[0];
  const w = ee.weight;
  delete ee.plasticity;
  delete ee.receptor;
  ee.synapse = pairStdpSynapse('e', 'amp', { dApre: `${0.01 * w} A`, dApost: `${-0.0105 * w} A`, wmax: `${2 * w} A` });
  return desc;
}

/** Song et al. (2000), examples/stdp-song2000.json; with `written`, its rule as a synapse model. */
export function song2000(written, seed = 2000) {
  const desc = JSON.parse(readFileSync(new URL('../examples/stdp-song2000.json', import.meta.url), 'utf8'));
  desc.seed = seed;
  desc.monitors = [{ name: 'spikes', type: 'spikes', population: 'neuron' }];
  if (!written) return desc;
  const j = desc.projections[0];
  delete j.plasticity;
  delete j.receptor;
  j.synapse = pairStdpSynapse('e', 'siemens', { dApre: '1 pS', dApost: '-1.05 pS', wmax: '100 pS' });
  return desc;
}

/** CUBA with per-synapse delays uniform in 0.1–5 ms (the delayed propagation path; spikewasm only). */
export function cubaDelays(n, seed = 1) {
  const desc = cuba(n, seed);
  for (const projection of desc.projections) projection.delay = { uniform: [1e-4, 5e-3] };
  return desc;
}

export function coba(n, seed = 1) {
  // Conductances in units of the leak: with gL = 1 nS and cM = tauM * gL, weights 0.6 / 6.7 nS.
  const gL = 1e-9;
  return network(n, {
    name: 'P', size: n, model: 'lif_cond',
    params: { cM: 20 * ms * gL, gL, eL: -60 * mV, vThresh: -50 * mV, vReset: -60 * mV, tRef: 5 * ms, bias: 20 * mV * gL, receptors: { e: { tau: 5 * ms, eRev: 0 }, i: { tau: 10 * ms, eRev: -80 * mV } } },
    init: { v: { uniform: [-60 * mV, -50 * mV] } },
  }, 0.6 * gL, 6.7 * gL, seed);
}

/** CUBA written as equations (the example), the built-in cuba workload's network. */
export function cubaEquations(n, seed = 1) {
  const desc = cuba(n, seed);
  desc.populations[0] = {
    name: 'P', size: n,
    model: {
      equations: `dv/dt = (vRest - v + ge + gi) / tauM : volt (unless refractory)
                  dge/dt = -ge / tauE : volt
                  dgi/dt = -gi / tauI : volt`,
      threshold: 'v > vThresh', reset: 'v = vReset', refractory: '5 ms', method: 'exact',
    },
    params: { tauM: '20 ms', vRest: '-49 mV', vThresh: '-50 mV', vReset: '-60 mV', tauE: '5 ms', tauI: '10 ms' },
    init: { v: { uniform: ['-60 mV', '-50 mV'] } },
  };
  const [ce, ci] = desc.projections;
  desc.projections = [
    { ...ce, receptor: undefined, synapse: { onPre: 'ge += w' } },
    { ...ci, receptor: undefined, synapse: { onPre: 'gi += w' } },
  ];
  return desc;
}

/** Brian2's COBAHH (examples/cobahh.json), scaled to n neurons with 80 synapses each. */
export function cobahh(n, seed = 1) {
  const desc = JSON.parse(readFileSync(new URL('../examples/cobahh.json', import.meta.url), 'utf8'));
  const ne = Math.round(0.8 * n);
  desc.seed = seed;
  desc.populations[0].size = n;
  desc.projections[0].pre.stop = ne;
  desc.projections[1].pre.start = ne;
  for (const j of desc.projections) j.rule.p = 80 / n;
  desc.monitors = [{ name: 'spikes', type: 'spikes', population: 'P' }];
  return desc;
}

export function izhikevich2003() {
  return JSON.parse(readFileSync(new URL('../examples/izhikevich-2003.json', import.meta.url), 'utf8'));
}

/** Workloads by name: [description maker, model, neurons, bio seconds]. */
export const workloads = {
  'cuba-4k-1s': { model: 'cuba', neurons: 4000, seconds: 1 },
  'cuba-4k-10s': { model: 'cuba', neurons: 4000, seconds: 10 },
  'cuba-40k-1s': { model: 'cuba', neurons: 40000, seconds: 1 },
  'cuba-400k-1s': { model: 'cuba', neurons: 400000, seconds: 1 },
  'coba-4k-1s': { model: 'coba', neurons: 4000, seconds: 1 },
  'coba-40k-1s': { model: 'coba', neurons: 40000, seconds: 1 },
  'izhikevich-2003-1s': { model: 'izhikevich', neurons: 1000, seconds: 1 },
  'cuba-10k-1s': { model: 'cuba', neurons: 10000, seconds: 1 },
  'cuba-stdp-10k-1s': { model: 'cuba_stdp', neurons: 10000, seconds: 1 },
  'cuba-stdp-eq-10k-1s': { model: 'cuba_stdp_eq', neurons: 10000, seconds: 1 },
  'song-2000-10s': { model: 'song', neurons: 1001, seconds: 10 },
  'song-2000-eq-10s': { model: 'song_eq', neurons: 1001, seconds: 10 },
  'cuba-eq-4k-1s': { model: 'cuba_eq', neurons: 4000, seconds: 1 },
  'cobahh-4k-1s': { model: 'cobahh', neurons: 4000, seconds: 1 },
};

export function describe(model, neurons, seed) {
  if (model === 'cuba') return cuba(neurons, seed);
  if (model === 'coba') return coba(neurons, seed);
  if (model === 'cuba_stdp') return cubaStdp(neurons, seed);
  if (model === 'cuba_stdp_eq') return cubaStdpEquations(neurons, seed);
  if (model === 'song' || model === 'song_eq') return song2000(model === 'song_eq', seed);
  if (model === 'cuba_delays') return cubaDelays(neurons, seed);
  if (model === 'cuba_eq') return cubaEquations(neurons, seed);
  if (model === 'cobahh') return cobahh(neurons, seed);
  if (model === 'izhikevich') return { ...izhikevich2003(), seed };
  throw new Error(`unknown workload model ${model}`);
}
