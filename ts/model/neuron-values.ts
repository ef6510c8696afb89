// A population's per-neuron values (initial state, receptor states, per-neuron parameters,
// bias), expanded from their specs straight into the columns that hold them: the image's, when
// a network is loaded. Nothing per neuron is kept in JavaScript, so the memory a population
// takes is the image's. Every drawn column walks its stream in one fixed order (state variables
// then receptors on the init stream; per-neuron parameters then bias on the parameter stream),
// the same bits however the columns are written.
import * as abi from '../../assembly/abi.js';
import { spikeProbability } from './neurons/sources.js';
import type { PlannedPopulation } from './plan-population.js';
import { RandomStream } from './random/stream.js';
import { eachValue } from './values.js';

/** Where a population's columns go, each a view of `size` f32 values (or null where it has none). */
export interface NeuronColumns {
  state: Float32Array[];
  receptorState: Float32Array[];
  perNeuron: Float32Array[];
  bias: Float32Array | null;
}

/** Writes every per-neuron value of a population into `out` (i32 state variables start at 0). */
export function writeNeuronValues(pop: PlannedPopulation, dt: number, out: NeuronColumns): void {
  const { model, params, size } = pop;
  // The init stream first: izhikevich derives u from v while its parameters are written.
  let initRng: RandomStream | undefined;
  const initStream = () => (initRng ??= new RandomStream(pop.key, abi.RNG_INIT, pop.index));
  const fill = (name: string, fallback: number, column: Float32Array) =>
    eachValue(pop.init[name] ?? fallback, size, initStream, (values, start) => column.set(values, start));
  model.stateVars.forEach((v, k) => {
    if (v.type === 'i32') out.state[k]!.fill(0);
    else fill(v.name, typeof v.init === 'number' ? v.init : v.init(params), out.state[k]!);
  });
  params.receptors.forEach((r, k) => fill(r.name, 0, out.receptorState[k]!));

  const given = new Set(Object.keys(pop.init));
  eachParameterValue(pop, (q, values, start) => {
    if (q === BIAS) {
      out.bias!.set(values, start);
      return;
    }
    const column = out.perNeuron[q]!;
    // Poisson rates are stored as spike probabilities per step (planPopulation bounded them).
    if (model.source === 'poisson') for (let i = 0; i < values.length; i++) column[start + i] = spikeProbability(values[i]!, dt);
    else column.set(values, start);
    model.deriveInit?.(given, out.state, q, values, start);
  });
}

/** A population's own bias (f32, as the image holds it at the start), for inputs that add to it. */
export function biasValues(pop: PlannedPopulation): Float32Array {
  const bias = new Float32Array(pop.size);
  eachParameterValue(pop, (q, values, start) => {
    if (q === BIAS) bias.set(values, start);
  });
  return bias;
}

const BIAS = -1;

/**
 * Walks the parameter stream in its order, chunk by chunk: each per-neuron parameter (q, its
 * index in model.perNeuronParams), then the bias (q = BIAS) where the model has one.
 */
function eachParameterValue(pop: PlannedPopulation, visit: (q: number, values: Float64Array, start: number) => void): void {
  let rng: RandomStream | undefined;
  const stream = () => (rng ??= new RandomStream(pop.key, abi.RNG_PARAM, pop.index));
  pop.model.perNeuronParams.forEach((name, q) =>
    eachValue(pop.params.perNeuron[name]!, pop.size, stream, (values, start) => visit(q, values, start)));
  if (pop.model.takesCurrent) eachValue(pop.params.perNeuron.bias!, pop.size, stream, (values, start) => visit(BIAS, values, start));
}
