// Small networks that make chosen spike pairs at a plastic synapse, shared by the plasticity tests.
import type { NetworkDescription, PlasticityDescription } from '../ts/model/description.js';

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
