// The parameters of each built-in model as TypeScript types, so that `net.population(n, 'lif',
// { tauM: ... })` with a misspelt, missing or mistyped parameter fails type-checking instead of
// at run time. The run-time rules (ts/model/neurons/*.ts) stay the authority: a model file is
// checked by them whatever its types.

/**
 * A measured value: a number in the model's units (SI; izhikevich its own), or a quantity with
 * its unit ('20 ms', '-65 mV', '1.62 * mV'). TypeScript reads `${number}${string}` as one
 * character, then the rest, so a leading minus sign needs its own forms.
 */
export type QuantityValue = number | `${number}` | `${number} ${string}` | `${number}${string}` | `-${number}${string}`;

/** One value for every neuron, one each, or a distribution; numbers may be quantities. */
export type PerNeuron =
  | QuantityValue
  | QuantityValue[]
  | { uniform: [QuantityValue, QuantityValue] }
  | { normal: { mean: QuantityValue; std: QuantityValue; min?: QuantityValue; max?: QuantityValue } };

/** A decaying current (tau in s; 0: a delta receptor that jumps v). */
export interface CurrentReceptor {
  tau: QuantityValue;
}

/** A conductance with its reversal potential. */
export interface ConductanceReceptor {
  tau: QuantityValue;
  eRev: QuantityValue;
}

export interface LifParams {
  tauM: QuantityValue;
  vRest: QuantityValue;
  vThresh: QuantityValue;
  vReset: QuantityValue;
  tRef?: QuantityValue;
  rM?: QuantityValue;
  bias?: PerNeuron;
  receptors?: Record<string, CurrentReceptor>;
}

export interface AlifParams extends LifParams {
  tauTheta: QuantityValue;
  thetaPlus: QuantityValue;
  targetRate?: QuantityValue;
}

export interface LifCondParams {
  cM: QuantityValue;
  gL: QuantityValue;
  eL: QuantityValue;
  vThresh: QuantityValue;
  vReset: QuantityValue;
  tRef?: QuantityValue;
  bias?: PerNeuron;
  receptors?: Record<string, ConductanceReceptor>;
}

export interface AdexParams {
  cM: QuantityValue;
  gL: QuantityValue;
  eL: QuantityValue;
  vT: QuantityValue;
  deltaT: QuantityValue;
  a: QuantityValue;
  b: QuantityValue;
  tauW: QuantityValue;
  vReset: QuantityValue;
  vPeak?: QuantityValue;
  tRef?: QuantityValue;
  bias?: PerNeuron;
  receptors?: Record<string, CurrentReceptor>;
}

/** Izhikevich (2003) in the paper's units: mV, ms, mV/ms (receptor tau in seconds). */
export interface IzhikevichParams {
  scheme: 'izhikevich2003' | 'euler';
  a?: PerNeuron;
  b?: PerNeuron;
  c?: PerNeuron;
  d?: PerNeuron;
  vPeak?: QuantityValue;
  noise?: QuantityValue;
  bias?: PerNeuron;
  receptors?: Record<string, CurrentReceptor>;
}

export interface PoissonParams {
  rate: PerNeuron;
}

export interface SpikeSourceParams {
  /** Each neuron's spike times, in seconds. */
  spikeTimes: number[][];
}

/** The parameters of each built-in model, by name. */
export interface ModelParams {
  lif: LifParams;
  alif: AlifParams;
  lif_cond: LifCondParams;
  adex: AdexParams;
  izhikevich: IzhikevichParams;
  poisson: PoissonParams;
  spike_source: SpikeSourceParams;
}
