// Small networks that make chosen spike pairs at a plastic synapse, shared by the plasticity tests.
import type { NetworkDescription, PlasticityDescription } from '../../ts/model/description.js';

export const dt = 1e-4;
const mV = 1e-3;

/**
 * One presynaptic source firing at `preTimes` onto one LIF neuron through a plastic synapse
 * (receptor 'p', a tiny weight scale so it never moves the post spikes), and a driver that
 * makes the LIF neuron fire one step after each of `postDrive` (delta receptor, 40 mV).
 */
export function pairNetwork(preTimes: number[], postDrive: number[], plasticity: PlasticityDescription, options: { w0?: number; delay?: number } = {}): NetworkDescription {
  return {
    dt,
    seed: 1,
    populations: [
      { name: 'pre', size: 1, model: 'spike_source', params: { spikeTimes: [preTimes] } },
      { name: 'driver', size: 1, model: 'spike_source', params: { spikeTimes: [postDrive] } },
      {
        name: 'post', size: 1, model: 'lif',
        params: { tauM: 10e-3, vRest: -70 * mV, vThresh: -50 * mV, vReset: -70 * mV, tRef: 0, rM: 1e-12, receptors: { p: { tau: 5e-3 }, d: { tau: 0 } } },
      },
    ],
    projections: [
      { name: 'plastic', pre: { population: 'pre' }, post: { population: 'post' }, receptor: 'p', rule: { type: 'all_to_all' }, weight: options.w0 ?? 0.5, delay: options.delay ?? dt, plasticity },
      { name: 'drive', pre: { population: 'driver' }, post: { population: 'post' }, receptor: 'd', rule: { type: 'all_to_all' }, weight: 40 * mV, delay: dt },
    ],
    monitors: [
      { type: 'spikes', name: 'post', population: 'post' },
      { type: 'spikes', name: 'pre', population: 'pre' },
    ],
  };
}

const ms = 1e-3;

/** A network using every plasticity rule, short-term plasticity and both kinds of modulator. */
export function plasticEverything(seed = 5): NetworkDescription {
  return {
    dt: 1e-4,
    seed,
    populations: [
      { name: 'noise', size: 80, model: 'poisson', params: { rate: { uniform: [10, 60] } } },
      {
        name: 'lif', size: 61, model: 'lif',
        params: { tauM: 20 * ms, vRest: -65 * mV, vThresh: -50 * mV, vReset: -65 * mV, tRef: 2 * ms, rM: 1e8, bias: 1.2e-10, receptors: { e: { tau: 5 * ms }, i: { tau: 10 * ms }, d: { tau: 0 } } },
        init: { v: { uniform: [-65 * mV, -50 * mV] } },
      },
      {
        name: 'cond', size: 23, model: 'lif_cond',
        params: { cM: 200e-12, gL: 10e-9, eL: -60 * mV, vThresh: -50 * mV, vReset: -60 * mV, tRef: 5 * ms, bias: 0.22e-9, receptors: { e: { tau: 5 * ms, eRev: 0 }, i: { tau: 10 * ms, eRev: -80 * mV } } },
      },
      {
        name: 'ip', size: 19, model: 'alif',
        params: { tauM: 15 * ms, vRest: -60 * mV, vThresh: -52 * mV, vReset: -62 * mV, tRef: 1 * ms, tauTheta: 1e4, thetaPlus: 0.5 * mV, targetRate: 8, rM: 1e8, receptors: { e: { tau: 3 * ms } } },
      },
      {
        name: 'izh', size: 30, model: 'izhikevich',
        params: { a: 0.02, b: 0.2, c: -65, d: 8, scheme: 'euler', noise: 4, bias: 5, receptors: { p: { tau: 0 } } },
      },
    ],
    modulators: [
      // An astrocyte weighing two populations' spikes against each other.
      { name: 'astro', tau: 50 * ms, source: [{ population: 'izh', gain: 0.1 }, { population: 'cond', gain: -0.04 }] },
      { name: 'reward', tau: 200 * ms, initial: 1, baseline: 0.3 },
    ],
    projections: [
      { name: 'mult', pre: { population: 'noise' }, post: { population: 'lif' }, receptor: 'e', rule: { type: 'fixed_probability', p: 0.3 }, weight: { uniform: [1e-11, 4e-11] }, delay: 1 * ms,
        plasticity: { rule: 'stdp', aPlus: 0.01, aMinus: 0.0105, tauPlus: 20 * ms, tauMinus: 20 * ms, wMax: 6e-11, weightDependence: 'multiplicative', scaling: { targetRate: 5, tau: 0.05, eta: 0.1, interval: 7e-3 } } },
      { name: 'scaled', pre: { population: 'noise' }, post: { population: 'ip' }, receptor: 'e', rule: { type: 'fixed_indegree', k: 20 }, weight: 3e-11, delay: 2e-4,
        plasticity: { rule: 'none', wMax: 1e-9, scaling: { targetRate: 12, tau: 0.02, eta: 0.5, interval: 1e-3 } } },
      { name: 'triplet', pre: { population: 'noise', start: 40 }, post: { population: 'lif', stop: 30 }, receptor: 'e', rule: { type: 'fixed_indegree', k: 6 }, weight: 2e-11, delay: 3e-4,
        plasticity: { rule: 'triplet', a2Plus: 5e-12, a3Plus: 6.2e-12, a2Minus: 7e-12, a3Minus: 2.3e-13, tauPlus: 16.8 * ms, tauMinus: 33.7 * ms, tauX: 101 * ms, tauY: 125 * ms, wMax: 5e-11, dendriticDelay: 1e-4 } },
      { name: 'recurrent', pre: { population: 'lif' }, post: { population: 'lif' }, receptor: 'i', rule: { type: 'fixed_probability', p: 0.2, autapses: false }, weight: -1e-11, delay: 2 * ms,
        plasticity: { rule: 'stdp', aPlus: 1e-12, aMinus: 1e-12, tauPlus: 10 * ms, tauMinus: 30 * ms, wMin: -5e-11, wMax: 0, symmetric: true, pairing: 'nearest', dendriticDelay: 0.8 * ms } },
      { name: 'inhibitory', pre: { population: 'lif', start: 31 }, post: { population: 'cond' }, receptor: 'i', rule: { type: 'fixed_probability', p: 0.5 }, weight: 1e-9, delay: 5e-4,
        plasticity: { rule: 'vogels_sprekeler', eta: 1e-10, tau: 20 * ms, targetRate: 5, wMax: 1e-8 } },
      { name: 'depressing', pre: { population: 'noise' }, post: { population: 'izh' }, receptor: 'p', rule: { type: 'fixed_probability', p: 0.2 }, weight: 3, delay: { uniform: [1e-4, 3e-3] },
        stp: { U: 0.5, tauRec: 0.1 } },
      { name: 'facilitating', pre: { population: 'noise', stop: 20 }, post: { population: 'lif' }, receptor: 'd', rule: { type: 'fixed_outdegree', k: 5 }, weight: 1 * mV, delay: 6e-4,
        stp: { U: 0.1, tauRec: 0.05, tauFacil: 0.5 }, plasticity: { rule: 'stdp', aPlus: 1e-4, aMinus: 1e-4, tauPlus: 20 * ms, tauMinus: 20 * ms, wMax: 3 * mV } },
      { name: 'modulated', pre: { population: 'lif' }, post: { population: 'izh' }, receptor: 'p', rule: { type: 'fixed_probability', p: 0.3 }, weight: 2, delay: 1 * ms,
        plasticity: { rule: 'stdp', aPlus: 0.5, aMinus: 0.6, tauPlus: 20 * ms, tauMinus: 20 * ms, wMax: 6, modulator: 'astro', tauC: 0.2 } },
      { name: 'rewarded', pre: { population: 'izh' }, post: { population: 'cond' }, receptor: 'e', rule: { type: 'fixed_probability', p: 0.4 }, weight: 2e-9, delay: 1 * ms,
        plasticity: { rule: 'stdp', aPlus: 1e-10, aMinus: 1.2e-10, tauPlus: 20 * ms, tauMinus: 20 * ms, wMax: 6e-9, modulator: 'reward', tauC: 0.5 } },
    ],
    monitors: [{ type: 'spikes', population: 'lif' }],
  };
}
