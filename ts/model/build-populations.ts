import * as abi from '../../assembly/abi.js';
import { fail, shown } from '../errors.js';
import type { PopulationDescription, ValueSpec } from './description.js';
import type { ModelRegistry } from './neurons/registry.js';
import { spikeProbabilities } from './neurons/sources.js';
import type { NeuronModel } from './neurons/model.js';
import { checkInteger, checkKeys, checkValueSpec, resolveParams, toSteps, type ResolvedParams } from './params.js';
import { isPlainObject } from './plain-data.js';
import { RandomStream } from './random/stream.js';
import { sampleValues } from './values.js';

export interface BuiltPopulation {
  index: number;
  name: string;
  model: NeuronModel;
  size: number;
  params: ResolvedParams;
  /** Coefficient words (f32; some read as i32 through `coefI32`). */
  coef: Float32Array;
  coefI32: Int32Array;
  /** One array per model state variable (i32 variables as raw bits). */
  state: Float32Array[];
  receptorState: Float32Array[];
  /** Per-neuron parameters in model.perNeuronParams order (poisson: spike probability per step). */
  perNeuron: Float32Array[];
  bias: Float32Array | null;
  /** spike_source: (step, local index) pairs, by step then index. */
  sourceEvents: Int32Array | null;
}

/** Words of a population's coefficient block: the model's own, then C_REC_STRIDE per receptor. */
export function coefWords(receptors: number): number {
  return abi.C_REC0 + receptors * abi.C_REC_STRIDE;
}

/** Validates a population description and computes everything its memory will hold. */
export function buildPopulation(desc: PopulationDescription, index: number, dt: number, key: [number, number], models: ModelRegistry): BuiltPopulation {
  const path = `populations[${index}]`;
  if (!isPlainObject(desc)) fail('E_PARAM', path, `must be an object (got ${shown(desc)})`);
  checkKeys(path, desc, ['name', 'size', 'model', 'params', 'init']);
  const size = checkInteger(`${path}.size`, desc.size, 1, 2 ** 28);
  const model = models.get(`${path}.model`, desc.model);
  const name = desc.name === undefined ? `population${index}` : desc.name;
  if (typeof name !== 'string' || name === '') fail('E_PARAM', `${path}.name`, `must be a non-empty string (got ${shown(name)})`);
  if (desc.params !== undefined && !isPlainObject(desc.params)) fail('E_PARAM', `${path}.params`, `must be an object of parameters (got ${shown(desc.params)})`);
  const rawParams: Record<string, unknown> = { ...desc.params };
  const timed = model.source === 'spike_times';
  const spikeTimes = timed ? rawParams.spikeTimes : undefined;
  delete rawParams.spikeTimes;
  if (!timed && desc.params !== undefined && Object.hasOwn(desc.params, 'spikeTimes')) {
    fail('E_PARAM', `${path}.params.spikeTimes`, `is only a parameter of spike sources (spike_source)`);
  }
  const params = resolveParams(`${path}.params`, rawParams, model.rules, model.receptorRules, model.options);
  const stateNames = model.stateVars.map((v) => v.name);
  for (const r of params.receptors) {
    if (stateNames.includes(r.name)) fail('E_PARAM', `${path}.params.receptors.${r.name}`, `a receptor may not share its name with a state variable of ${model.name} (${stateNames.join(', ')})`);
  }
  model.check?.(params, `${path}.params`, dt);

  const coefBuffer = new ArrayBuffer(coefWords(params.receptors.length) * 4);
  const coef = new Float32Array(coefBuffer);
  const coefI32 = new Int32Array(coefBuffer);
  model.coefficients(params, dt, { f32: coef, i32: coefI32 });

  // One stream for every per-neuron parameter, drawn in a fixed order (perNeuronParams, bias).
  let paramRng: RandomStream | undefined;
  const paramStream = () => (paramRng ??= new RandomStream(key, abi.RNG_PARAM, index));
  const perNeuron64 = model.perNeuronParams.map((p) =>
    sampleValues(`${path}.params.${p}`, params.perNeuron[p]!, size, paramStream));
  const perNeuron = perNeuron64.map((values) => Float32Array.from(values));
  if (model.source === 'poisson') {
    const each = typeof params.perNeuron.rate !== 'number';
    perNeuron[abi.PO_PROB] = spikeProbabilities(perNeuron64[0]!, dt, (i) => `${path}.params.rate${each ? `[${i}]` : ''}`);
  }
  const bias = model.takesCurrent
    ? Float32Array.from(sampleValues(`${path}.params.bias`, params.perNeuron.bias!, size, paramStream))
    : null;

  const { state, receptorState } = initialState(path, desc.init, model, params, size, index, key, perNeuron64);
  const sourceEvents = timed ? sourceSchedule(`${path}.params.spikeTimes`, spikeTimes, size, dt) : null;
  return { index, name, model, size, params, coef, coefI32, state, receptorState, perNeuron, bias, sourceEvents };
}

function initialState(
  path: string,
  init: Record<string, ValueSpec> | undefined,
  model: NeuronModel,
  params: ResolvedParams,
  size: number,
  index: number,
  key: [number, number],
  perNeuron: Float64Array[],
) {
  if (init !== undefined && !isPlainObject(init)) fail('E_PARAM', `${path}.init`, `must be an object of initial values (got ${shown(init)})`);
  const given = init ?? {};
  const settable = [...model.stateVars.filter((v) => v.type === 'f32').map((v) => v.name), ...params.receptors.map((r) => r.name)];
  for (const name of Object.keys(given)) {
    if (!settable.includes(name)) {
      fail('E_MODEL', `${path}.init.${name}`, `is not a state variable of ${model.name} (settable: ${settable.join(', ') || 'none'})`);
    }
  }
  let rng: RandomStream | undefined;
  const stream = () => (rng ??= new RandomStream(key, abi.RNG_INIT, index));
  const sample = (name: string, fallback: number) => {
    const spec = given[name] === undefined ? fallback : checkValueSpec(`${path}.init.${name}`, given[name], 'any');
    return Float32Array.from(sampleValues(`${path}.init.${name}`, spec, size, stream));
  };
  const state = model.stateVars.map((v) => {
    if (v.type === 'i32') return new Float32Array(new Int32Array(size).buffer);
    return sample(v.name, typeof v.init === 'number' ? v.init : v.init(params));
  });
  const receptorState = params.receptors.map((r) => sample(r.name, 0));
  model.deriveInit?.(new Set(Object.keys(given)), state, perNeuron);
  return { state, receptorState };
}

function sourceSchedule(path: string, times: unknown, size: number, dt: number): Int32Array {
  if (times === undefined) return new Int32Array(0);
  if (!Array.isArray(times) || times.length !== size) {
    fail('E_PARAM', path, `must be an array of ${size} arrays of spike times (got ${shown(times)})`);
  }
  const events: number[][] = [];
  times.forEach((list, i) => {
    if (!Array.isArray(list)) fail('E_PARAM', `${path}[${i}]`, `must be an array of times in seconds (got ${shown(list)})`);
    const steps = list.map((t, k) => {
      if (typeof t !== 'number' || !Number.isFinite(t) || t < 0) fail('E_PARAM', `${path}[${i}][${k}]`, `must be a time >= 0 (got ${shown(t)})`);
      return toSteps(t, dt);
    }).sort((a, b) => a - b);
    steps.forEach((s, k) => {
      if (k > 0 && steps[k - 1] === s) fail('E_PARAM', `${path}[${i}]`, `two spikes fall in step ${s} (closer than dt)`);
      if (s > 0xffffffff) fail('E_PARAM', `${path}[${i}]`, `time ${s * dt} s is beyond the last step`);
      events.push([s, i]);
    });
  });
  events.sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
  const out = new Int32Array(events.length * 2);
  events.forEach(([s, i], k) => {
    out[2 * k] = s! | 0;
    out[2 * k + 1] = i!;
  });
  return out;
}
