// Test networks shared by more than one test file.
import type { NetworkDescription } from '../../ts/model/description.js';

const mV = 1e-3;
const ms = 1e-3;

/** One network that uses every model, receptor kind, rule, weight/delay form and input. */
export function everything(seed = 7): NetworkDescription {
  return {
    dt: 1e-4,
    seed,
    populations: [
      { name: 'noise', size: 50, model: 'poisson', params: { rate: { uniform: [5, 60] } } },
      { name: 'cue', size: 5, model: 'spike_source', params: { spikeTimes: [[0.001, 0.02], [0.0155], [], [0.03, 0.031, 0.032], [0]] } },
      {
        name: 'lif', size: 103, model: 'lif',
        params: { tauM: 20 * ms, vRest: -65 * mV, vThresh: -50 * mV, vReset: -65 * mV, tRef: 2 * ms, rM: 1e8, bias: { normal: { mean: 1.3e-10, std: 3e-11 } }, receptors: { e: { tau: 5 * ms }, i: { tau: 10 * ms }, d: { tau: 0 }, s: { tau: 20 * ms } } },
        init: { v: { uniform: [-65 * mV, -50 * mV] }, e: { uniform: [0, 1e-11] } },
      },
      {
        name: 'alif', size: 37, model: 'alif',
        params: { tauM: 15 * ms, vRest: -60 * mV, vThresh: -52 * mV, vReset: -62 * mV, tRef: 1 * ms, tauTheta: 50 * ms, thetaPlus: 2 * mV, bias: 0.012, receptors: { e: { tau: 3 * ms }, d: { tau: 0 } } },
        init: { v: { uniform: [-62 * mV, -52 * mV] } },
      },
      {
        name: 'cond', size: 41, model: 'lif_cond',
        params: { cM: 200e-12, gL: 10e-9, eL: -60 * mV, vThresh: -50 * mV, vReset: -60 * mV, tRef: 5 * ms, bias: 0.21e-9, receptors: { e: { tau: 5 * ms, eRev: 0 }, i: { tau: 10 * ms, eRev: -80 * mV } } },
        init: { v: { uniform: [-60 * mV, -50 * mV] } },
      },
      {
        name: 'adex', size: 9, model: 'adex',
        params: { cM: 281e-12, gL: 30e-9, eL: -70.6 * mV, vT: -50.4 * mV, deltaT: 2 * mV, a: 4e-9, b: 80.5e-12, tauW: 144 * ms, vReset: -70.6 * mV, vPeak: 0, tRef: 0.5 * ms, bias: { uniform: [0.5e-9, 1e-9] }, receptors: { e: { tau: 5 * ms }, d: { tau: 0 } } },
      },
      {
        name: 'izh', size: 22, model: 'izhikevich',
        params: { a: { uniform: [0.02, 0.1] }, b: 0.2, c: -65, d: { uniform: [2, 8] }, scheme: 'euler', noise: 3, bias: 4, receptors: { p: { tau: 0 }, x: { tau: 4 * ms } } },
        init: { v: { normal: { mean: -65, std: 3 } } },
      },
      {
        name: 'izh03', size: 6, model: 'izhikevich',
        params: { a: 0.02, b: 0.2, c: -50, d: 2, scheme: 'izhikevich2003', bias: 10, receptors: { p: { tau: 0 } } },
      },
    ],
    projections: [
      { pre: { population: 'noise' }, post: { population: 'lif' }, receptor: 'e', rule: { type: 'fixed_probability', p: 0.2 }, weight: { uniform: [1e-11, 3e-11] }, delay: { uniform: [1e-4, 3e-3] } },
      { pre: { population: 'noise', stop: 25 }, post: { population: 'cond' }, receptor: 'e', rule: { type: 'fixed_indegree', k: 5 }, weight: 3e-9, delay: 1.5e-3 },
      { pre: { population: 'cue' }, post: { population: 'lif', start: 10, stop: 15 }, receptor: 'd', rule: { type: 'one_to_one' }, weight: 4 * mV, delay: [1e-4, 2e-4, 5e-4, 1e-3, 3e-3] },
      { pre: { population: 'lif' }, post: { population: 'lif' }, receptor: 'i', rule: { type: 'fixed_probability', p: 0.1, autapses: false }, weight: { normal: { mean: -2e-11, std: 5e-12, max: 0 } }, delay: { normal: { mean: 2e-3, std: 5e-4, min: 1e-4, max: 4e-3 } } },
      { pre: { population: 'lif', stop: 50 }, post: { population: 'alif' }, receptor: 'e', rule: { type: 'fixed_outdegree', k: 4, multapses: true }, weight: 0.02, delay: 2e-4 },
      { pre: { population: 'alif' }, post: { population: 'cond' }, receptor: 'i', rule: { type: 'all_to_all' }, weight: { uniform: [1e-9, 5e-9] } },
      { pre: { population: 'cond' }, post: { population: 'alif' }, receptor: 'd', rule: { type: 'list', pre: [0, 1, 2, 3, 40], post: [0, 0, 5, 36, 2], weight: [1 * mV, 2 * mV, 3 * mV, 1 * mV, 0.5 * mV], delay: [1e-4, 2e-4, 3e-4, 4e-4, 6.5e-3] } },
      { pre: { population: 'noise' }, post: { population: 'adex' }, receptor: 'e', rule: { type: 'fixed_probability', p: 0.3 }, weight: 2e-10, delay: 1e-3 },
      { pre: { population: 'cue' }, post: { population: 'adex' }, receptor: 'd', rule: { type: 'all_to_all' }, weight: 2 * mV },
      { pre: { population: 'lif' }, post: { population: 'izh' }, receptor: 'p', rule: { type: 'fixed_probability', p: 0.2 }, weight: { uniform: [0, 5] } },
      { pre: { population: 'izh' }, post: { population: 'izh' }, receptor: 'x', rule: { type: 'fixed_probability', p: 0.3 }, weight: -2, delay: 5e-4 },
      { pre: { population: 'izh' }, post: { population: 'izh03' }, receptor: 'p', rule: { type: 'fixed_indegree', k: 3 }, weight: 3 },
    ],
    inputs: [
      { type: 'current_step', target: { population: 'lif', start: 0, stop: 20 }, times: [0.01, 0.025], amplitudes: [5e-11, 0] },
      { type: 'current_step', target: { population: 'lif', start: 10, stop: 30 }, times: [0.02], amplitudes: [-3e-11] },
      { type: 'current_step', target: { population: 'izh' }, times: [0, 0.03], amplitudes: [2, -1] },
    ],
    monitors: [
      { type: 'state', population: 'lif', variables: ['v', 'e', 'refractory'], neurons: [0, 11, 102], every: 3 },
      { type: 'rate', population: 'cond', bin: 2e-3 },
    ],
  };
}

/**
 * Paths of the kernels that everything() does not reach (found by npm run coverage:kernels):
 * lif_cond without any input current, the exponential cap of a sharp adex, neurons (and so
 * their padding lanes) starting above their peak, and a plastic projection from a slice of its
 * population with per-synapse delays of 256 steps and more (two-byte delays).
 */
export function corners(seed = 5): NetworkDescription {
  return {
    dt: 1e-4,
    seed,
    populations: [
      { name: 'noise', size: 40, model: 'poisson', params: { rate: 80 } },
      {
        name: 'condQuiet', size: 6, model: 'lif_cond',
        params: { cM: 200e-12, gL: 10e-9, eL: -60 * mV, vThresh: -50 * mV, vReset: -60 * mV, tRef: 2 * ms, receptors: { e: { tau: 5 * ms, eRev: 0 } } },
      },
      {
        name: 'adexSharp', size: 3, model: 'adex',
        params: { cM: 281e-12, gL: 30e-9, eL: -70.6 * mV, vT: -50.4 * mV, deltaT: 0.1 * mV, a: 4e-9, b: 80.5e-12, tauW: 144 * ms, vReset: -70.6 * mV, vPeak: 0, bias: 1e-9 },
        init: { v: 5 * mV },
      },
      { name: 'izhHot', size: 3, model: 'izhikevich', params: { a: 0.02, b: 0.2, c: -65, d: 8, scheme: 'euler', bias: 5 }, init: { v: 35 } },
      {
        name: 'pre', size: 30, model: 'lif',
        params: { tauM: 10 * ms, vRest: -65 * mV, vThresh: -50 * mV, vReset: -65 * mV, tRef: 2 * ms, receptors: { e: { tau: 2 * ms } } },
      },
      {
        name: 'post', size: 7, model: 'lif',
        params: { tauM: 10 * ms, vRest: -65 * mV, vThresh: -50 * mV, vReset: -65 * mV, tRef: 2 * ms, receptors: { e: { tau: 2 * ms } } },
      },
    ],
    projections: [
      { pre: { population: 'noise' }, post: { population: 'condQuiet' }, receptor: 'e', rule: { type: 'fixed_probability', p: 0.5 }, weight: 2e-9, delay: 1e-4 },
      { pre: { population: 'noise' }, post: { population: 'pre' }, receptor: 'e', rule: { type: 'fixed_indegree', k: 10 }, weight: 12 * mV, delay: 1e-4 },
      {
        pre: { population: 'pre', start: 10 }, post: { population: 'post' }, receptor: 'e', rule: { type: 'all_to_all' },
        weight: { uniform: [10 * mV, 20 * mV] }, delay: { uniform: [1e-4, 40 * ms] },
        plasticity: { rule: 'stdp', aPlus: 2e-4, aMinus: 2.1e-4, tauPlus: 20 * ms, tauMinus: 20 * ms, wMax: 25 * mV },
      },
    ],
    monitors: [{ type: 'state', population: 'condQuiet', variables: ['v', 'e'], every: 7 }],
  };
}

/**
 * Electrical and graded synapses between populations written as equations, with spikes too:
 * spiking cells coupled by gap junctions, graded synapses from them onto passive cells and
 * back (two graded projections summing into one current), and a spiking projection.
 */
export function couplings(seed = 3): NetworkDescription {
  const membrane = (spiking: boolean) => ({
    equations: `dv/dt = (gL*(EL - v) + Igap + Isyn + I_input) / C : volt${spiking ? ' (unless refractory)' : ''}
                Igap : amp
                Isyn : amp
                I_input : amp`,
    ...(spiking ? { threshold: 'v > -50*mV', reset: 'v = -65*mV', refractory: '2 ms' } : {}),
  });
  const shared = { gL: '10 nS', EL: '-65 mV', C: '200 pF' };
  return {
    dt: 1e-4,
    seed,
    populations: [
      { name: 'cells', size: 61, model: membrane(true), params: { ...shared, bias: { uniform: ['0.3 nA', '0.45 nA'] } }, init: { v: { uniform: ['-65 mV', '-50 mV'] } } },
      { name: 'graded', size: 30, model: membrane(false), params: shared, init: { v: { uniform: ['-70 mV', '-60 mV'] } } },
    ],
    projections: [
      { pre: { population: 'cells' }, post: { population: 'cells' }, electrical: { current: 'Igap' }, weight: { uniform: ['0.5 nS', '3 nS'] }, rule: { type: 'fixed_probability', p: 0.1 } },
      { pre: { population: 'cells', stop: 40 }, post: { population: 'graded' }, graded: { current: 'Isyn', eRev: '0 mV', vTh: '-55 mV', vSlope: '4 mV' }, weight: '2 nS', rule: { type: 'fixed_probability', p: 0.2 } },
      { pre: { population: 'graded' }, post: { population: 'cells' }, graded: { current: 'Isyn', eRev: '-80 mV', vTh: '-58 mV', vSlope: '2 mV' }, weight: { uniform: ['0.1 nS', '1 nS'] }, rule: { type: 'fixed_probability', p: 0.2 } },
      { pre: { population: 'cells', start: 40 }, post: { population: 'graded' }, synapse: { onPre: 'v += w' }, weight: '0.5 mV', rule: { type: 'fixed_probability', p: 0.3 }, delay: 1.5e-3 },
    ],
    monitors: [{ type: 'spikes', population: 'cells' }, { type: 'state', population: 'graded', variables: ['v'], neurons: [0, 7, 29] }],
  } as NetworkDescription;
}

/**
 * Dendritic segments (docs/dendrites.md): cells with two segments each, one driven by Poisson
 * noise through static synapses and one by the cells themselves through the permanence rule of
 * examples/sequence-memory/permanence-synapse.json, whose plateaus depolarize the soma.
 */
export function segments(permanenceRule: object, seed = 5): NetworkDescription {
  return {
    dt: 1e-4,
    seed,
    populations: [
      { name: 'noise', size: 60, model: 'poisson', params: { rate: { uniform: [10, 40] } } },
      {
        name: 'cells', size: 50,
        model: {
          equations: `dv/dt = (-v + R * (Iex + Idend)) / tau_m : volt (unless refractory)
                      dIex/dt = -Iex / (2 * ms) : amp
                      dz/dt = -z / (400 * ms) : 1
                      Idend : amp`,
          threshold: 'v > 20 * mV', reset: 'v = 0 * mV', refractory: '5 ms',
        },
        params: { R: '40 Mohm', tau_m: '10 ms' },
        dendrites: { segments: ['dendrite', 'basal'], theta: 3, tau: '5 ms', plateau: { duration: '20 ms', current: 'Idend', amplitude: '300 pA' }, trace: 'z' },
      },
    ],
    projections: [
      { pre: { population: 'noise' }, post: { population: 'cells' }, synapse: { onPre: 'Iex += w' }, weight: '1 nA', rule: { type: 'fixed_indegree', k: 6 } },
      { pre: { population: 'noise' }, post: { population: 'cells' }, synapse: { onPre: 'basal += w' }, weight: { uniform: [0.5, 1.5] }, rule: { type: 'fixed_probability', p: 0.3 }, delay: { uniform: [1e-3, 3e-3] } },
      { pre: { population: 'cells' }, post: { population: 'cells' }, synapse: permanenceRule, init: { p: { uniform: [5, 15] }, w: 1 }, rule: { type: 'fixed_probability', p: 0.3 }, delay: 2e-3 },
    ],
    monitors: [{ type: 'spikes', population: 'cells' }, { type: 'state', population: 'cells', variables: ['v', 'Idend', 'z'], neurons: [0, 13, 49] }],
  } as NetworkDescription;
}

/**
 * Two-compartment cells (examples/bursting/two-compartment-cell.json) under Poisson noise onto
 * soma and dendrite, with dendritic currents that make some of them burst, and recurrent
 * synapses learning by burst-dependent plasticity (examples/bursting/burst-plasticity-synapse.json).
 */
export function bursting(cell: { model: object; params: object; init: object }, rule: object, seed = 9): NetworkDescription {
  const noise = (population: string, target: string, k: number, weight: number) => ({
    pre: { population }, post: { population: 'cells' }, synapse: { onPre: `${target} += w` }, weight, rule: { type: 'fixed_indegree', k },
  });
  return {
    dt: 1e-4,
    seed,
    populations: [
      { name: 'excitation', size: 200, model: 'poisson', params: { rate: 18 } },
      { name: 'inhibition', size: 60, model: 'poisson', params: { rate: 10 } },
      { name: 'cells', size: 30, model: cell.model, params: { ...cell.params, Id: { uniform: ['0 pA', '400 pA'] } }, init: cell.init },
    ],
    projections: [
      noise('excitation', 'ge_s', 20, 0.17), noise('inhibition', 'gi_s', 6, 0.26),
      noise('excitation', 'ge_d', 20, 0.0425), noise('inhibition', 'gi_d', 6, 0.065),
      { pre: { population: 'cells' }, post: { population: 'cells' }, synapse: rule, init: { w: { uniform: [0.02, 0.1] } }, rule: { type: 'fixed_probability', p: 0.3 }, delay: 1e-4 },
    ],
    monitors: [{ type: 'spikes', population: 'cells' }, { type: 'state', population: 'cells', variables: ['vs', 'vd', 'Ebar', 'Bbar'], neurons: [0, 17, 29] }],
  } as NetworkDescription;
}

/**
 * A small liquid whose E->E synapses learn by STDP with an astrocyte's depression (NALSM; docs/liquid.md):
 * the astrocyte is a modulator counting the liquid's spikes up and the input's down around its
 * bias, read by the synapse model's onPre.
 */
export function astrocyteLiquid(seed = 11): NetworkDescription {
  return {
    dt: 5e-4,
    seed,
    populations: [
      { name: 'input', size: 30, model: 'poisson', params: { rate: { uniform: [10, 40] } } },
      { name: 'liquid', size: 100, model: 'lif', params: { tauM: 0.02, vRest: -0.065, vThresh: -0.05, vReset: -0.065, tRef: 0.002, rM: 1e8, receptors: { e: { tau: 0.005 }, i: { tau: 0.01 } } }, init: { v: { uniform: [-0.065, -0.05] } } },
    ],
    modulators: [{ name: 'astro', tau: 0.1, initial: 1, baseline: 1, source: [{ population: 'liquid', gain: 0.01 }, { population: 'input', gain: -0.03 }] }],
    projections: [
      { pre: { population: 'input' }, post: { population: 'liquid' }, receptor: 'e', weight: 3e-10, rule: { type: 'fixed_probability', p: 0.2 } },
      {
        name: 'EE', pre: { population: 'liquid', stop: 80 }, post: { population: 'liquid', stop: 80 }, rule: { type: 'fixed_probability', p: 0.1, autapses: false },
        synapse: {
          model: 'w : amp\ndapre/dt = -apre / (20*ms) : 1 (event-driven)\ndapost/dt = -apost / (20*ms) : 1 (event-driven)',
          onPre: 'e += w\napre += 1\nw = clip(w - eta * astro * apost, 0*amp, wmax)',
          onPost: 'apost += 1\nw = clip(w + eta * apre, 0*amp, wmax)',
          params: { eta: '5 pA', wmax: '1 nA' },
        },
        init: { w: { uniform: ['0 pA', '400 pA'] } },
      },
      { pre: { population: 'liquid', start: 80 }, post: { population: 'liquid' }, receptor: 'i', weight: -2e-10, rule: { type: 'fixed_probability', p: 0.2 } },
      { pre: { population: 'liquid', stop: 80 }, post: { population: 'liquid', start: 80 }, receptor: 'e', weight: 1e-10, rule: { type: 'fixed_probability', p: 0.2 } },
    ],
    monitors: [{ type: 'spikes', population: 'liquid' }],
  } as NetworkDescription;
}

/**
 * Delays that learn (docs/delay-learning.md): Poisson inputs into LIF cells through synapses whose
 * delays (stored in u16 cells, up to 30 ms) and weights both learn, plus a recurrent projection
 * whose delays (u8 cells) learn alone, with a dendritic part.
 */
export function learningDelays(seed = 13): NetworkDescription {
  const ms = 1e-3;
  const mV = 1e-3;
  return {
    dt: 1e-4,
    seed,
    populations: [
      { name: 'input', size: 40, model: 'poisson', params: { rate: { uniform: [10, 40] } } },
      { name: 'cells', size: 24, model: 'lif', params: { tauM: 20 * ms, vRest: -65 * mV, vThresh: -50 * mV, vReset: -65 * mV, tRef: 2 * ms, rM: 1e8, bias: 1.2e-10, receptors: { e: { tau: 5 * ms } } }, init: { v: { uniform: [-65 * mV, -50 * mV] } } },
    ],
    projections: [
      {
        name: 'feedforward', pre: { population: 'input' }, post: { population: 'cells' }, receptor: 'e', rule: { type: 'fixed_probability', p: 0.4 },
        weight: { uniform: [1e-11, 4e-11] }, delay: { uniform: [1 * ms, 10 * ms] },
        plasticity: { rule: 'stdp', aPlus: 2e-12, aMinus: 2.4e-12, tauPlus: 20 * ms, tauMinus: 20 * ms, wMax: 6e-11, delays: { rate: 0.25, window: 12 * ms, min: 0.5 * ms, max: 30 * ms } },
      },
      {
        name: 'recurrent', pre: { population: 'cells' }, post: { population: 'cells' }, receptor: 'e', rule: { type: 'fixed_probability', p: 0.2, autapses: false },
        weight: 2e-11, delay: 5 * ms,
        plasticity: { rule: 'none', dendriticDelay: 0.3 * ms, delays: { rate: 0.5, window: 8 * ms, min: 1 * ms, max: 20 * ms } },
      },
    ],
    monitors: [{ type: 'spikes', population: 'cells' }],
  };
}

/**
 * Poisson inputs onto every built-in receptor kind (exponential current, delta, conductance,
 * adex's, izhikevich's), two onto one receptor (one with lambda 20 per step), an inhibitory one,
 * and a projection onto a receptor that an input also feeds (a ring cell sums both).
 */
export function poissonDriven(seed = 17): NetworkDescription {
  return {
    dt: 1e-4,
    seed,
    populations: [
      { name: 'noise', size: 30, model: 'poisson', params: { rate: 50 } },
      {
        name: 'lif', size: 101, model: 'lif',
        params: { tauM: 20 * ms, vRest: -65 * mV, vThresh: -50 * mV, vReset: -65 * mV, tRef: 2 * ms, rM: 1e8, receptors: { e: { tau: 5 * ms }, i: { tau: 10 * ms }, d: { tau: 0 } } },
        init: { v: { uniform: [-65 * mV, -50 * mV] } },
      },
      {
        name: 'cond', size: 23, model: 'lif_cond',
        params: { cM: 200e-12, gL: 10e-9, eL: -60 * mV, vThresh: -50 * mV, vReset: -60 * mV, tRef: 2 * ms, receptors: { e: { tau: 5 * ms, eRev: 0 }, i: { tau: 10 * ms, eRev: -80 * mV } } },
      },
      {
        name: 'adex', size: 9, model: 'adex',
        params: { cM: 281e-12, gL: 30e-9, eL: -70.6 * mV, vT: -50.4 * mV, deltaT: 2 * mV, a: 4e-9, b: 80.5e-12, tauW: 144 * ms, vReset: -70.6 * mV, vPeak: 0, tRef: 0.5 * ms, receptors: { e: { tau: 5 * ms } } },
      },
      { name: 'izh', size: 13, model: 'izhikevich', params: { a: 0.02, b: 0.2, c: -65, d: 8, scheme: 'euler', receptors: { p: { tau: 0 } } } },
    ],
    projections: [
      { pre: { population: 'noise' }, post: { population: 'lif' }, receptor: 'e', rule: { type: 'fixed_probability', p: 0.3 }, weight: 3e-11, delay: 1.5e-3 },
      { pre: { population: 'lif' }, post: { population: 'cond' }, receptor: 'i', rule: { type: 'fixed_probability', p: 0.2 }, weight: 2e-9, delay: 1e-3 },
    ],
    poissonInputs: [
      { name: 'background', population: 'lif', receptor: 'e', rate: 8 * 1600, weight: 1.2e-11, delay: 1.5e-3 },
      { population: 'lif', receptor: 'e', rate: 2e5, weight: 1e-13 },
      { population: 'lif', receptor: 'i', rate: 3000, weight: -2e-11, delay: '0.8 ms' },
      { population: 'lif', receptor: 'd', rate: 500, weight: 0.5 * mV, delay: 3e-4 },
      { population: 'cond', receptor: 'e', rate: 6000, weight: 2e-9, delay: 2e-3 },
      { population: 'adex', receptor: 'e', rate: 8000, weight: 3e-10 },
      { population: 'izh', receptor: 'p', rate: 20000, weight: 6 },
    ],
    monitors: [{ type: 'state', population: 'lif', variables: ['v', 'e', 'i'], neurons: [0, 50, 100], every: 5 }],
  };
}
