import * as abi from '../../../assembly/abi.js';
import { fail } from '../../errors.js';
import { checkNumber } from '../params.js';
import type { NeuronModel } from './model.js';

/**
 * Poisson spike trains: neuron i spikes in a step with probability rate_i * dt
 * (rates per neuron, changeable between runs).
 */
export const poisson: NeuronModel<'poisson'> = {
  name: 'poisson',
  kernel: abi.KERNEL_POISSON,
  source: 'poisson',
  rules: { rate: { unit: 'Hz', range: 'nonnegative', perNeuron: true, doc: 'Firing rate (Hz), one value per neuron allowed; rate * dt must not exceed 1.' } },
  receptorRules: null,
  stateVars: [],
  perNeuronParams: ['rate'],
  takesCurrent: false,
  coefficients() {},
};

/** A Poisson rate (Hz) as the kernel stores it: the spike probability per step (f32). */
export function spikeProbability(rate: number, dt: number): number {
  return Math.fround(rate * dt);
}

/** A rate must be >= 0 and give a probability per step of at most 1. */
export function checkRate(path: string, rate: unknown, dt: number): void {
  checkNumber(path, rate, 'nonnegative');
  if ((rate as number) * dt > 1) fail('E_PARAM', path, `rate ${rate as number} Hz exceeds 1/dt`);
}

/** New rates set while a network runs, as the kernel stores them. `at(i)` names rate i in an error. */
export function spikeProbabilities(rates: ArrayLike<number>, dt: number, at: (i: number) => string): Float32Array<ArrayBuffer> {
  return Float32Array.from(rates, (rate, i) => {
    checkRate(at(i), rate, dt);
    return spikeProbability(rate, dt);
  });
}

/** Spikes at given times: params.spikeTimes[i] lists neuron i's times in seconds. */
export const spikeSource: NeuronModel<'spike_source'> = {
  name: 'spike_source',
  kernel: abi.KERNEL_SPIKE_SOURCE,
  source: 'spike_times',
  rules: {},
  receptorRules: null,
  stateVars: [],
  perNeuronParams: [],
  takesCurrent: false,
  coefficients() {},
};
