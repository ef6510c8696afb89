import * as abi from '../../../assembly/abi.js';
import type { NeuronModel } from './model.js';

/**
 * Poisson spike trains: neuron i spikes in a step with probability rate_i * dt
 * (rates per neuron, changeable between runs).
 */
export const poisson: NeuronModel = {
  name: 'poisson',
  id: abi.M_POISSON,
  rules: { rate: { unit: 'Hz', range: 'nonnegative', perNeuron: true } },
  receptorRules: null,
  stateVars: [],
  perNeuronParams: ['rate'],
  takesCurrent: false,
  coefficients() {},
};

/** Spikes at given times: params.spikeTimes[i] lists neuron i's times in seconds. */
export const spikeSource: NeuronModel = {
  name: 'spike_source',
  id: abi.M_SPIKE_SOURCE,
  rules: {},
  receptorRules: null,
  stateVars: [],
  perNeuronParams: [],
  takesCurrent: false,
  coefficients() {},
};
