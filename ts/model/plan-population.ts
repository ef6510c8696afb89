import * as abi from '../../assembly/abi.js';
import { fail, shown } from '../errors.js';
import type { PopulationDescription, ValueSpec } from './description.js';
import { planDendrites, type PlannedDendrites } from './dendrites.js';
import type { ModelRegistry } from './neurons/registry.js';
import type { NeuronModel } from './neurons/model.js';
import { checkEquations } from '../equations/model.js';
import { equationNeuronModel } from './neurons/equation-model.js';
import { checkRate } from './neurons/sources.js';
import { checkInteger, checkKeys, checkValueSpec, resolveParams, toSteps, type ResolvedParams } from './params.js';
import { isPlainObject } from './plain-data.js';
import { highestValue, mayBeNonZeroF32 } from './values.js';

export interface PlannedPopulation {
  index: number;
  name: string;
  model: NeuronModel;
  size: number;
  /** Parameters; per-neuron ones stay value specs, expanded only into the image (ts/model/neuron-values.ts). */
  params: ResolvedParams;
  /** Initial values given for state variables and receptor states (checked specs), by name. */
  init: Record<string, ValueSpec>;
  /** The network's seed key, from which drawn values are expanded. */
  key: [number, number];
  /** Coefficient words (f32; some read as i32 through `coefI32`). */
  coef: Float32Array;
  coefI32: Int32Array;
  /** Whether the population has a bias that can be other than 0 (the kernel skips a zero one). */
  biased: boolean;
  /** spike_source: (step, local index) pairs, by step then index. */
  sourceEvents: Int32Array | null;
  /** Dendritic segments on every neuron, or null. */
  dendrites: PlannedDendrites | null;
}

/** The settings of a population description. */
export const POPULATION_KEYS = ['name', 'size', 'model', 'params', 'init', 'dendrites'];

/** Words of a population's coefficient block: the model's own, then C_REC_STRIDE per receptor. */
export function coefWords(receptors: number): number {
  return abi.C_REC0 + receptors * abi.C_REC_STRIDE;
}

/**
 * Validates a population description and plans it from its size: every check a per-neuron
 * value needs is made on its spec here, and nothing per neuron is expanded (that happens when
 * the image is written), so planning a population of 2^28 neurons takes no more memory than one.
 */
export function planPopulation(desc: PopulationDescription, index: number, dt: number, key: [number, number], models: ModelRegistry): PlannedPopulation {
  const path = `populations[${index}]`;
  if (!isPlainObject(desc)) fail('E_PARAM', path, `must be an object (got ${shown(desc)})`);
  checkKeys(path, desc, POPULATION_KEYS);
  const size = checkInteger(`${path}.size`, desc.size, 1, 2 ** 28);
  const name = desc.name === undefined ? `population${index}` : desc.name;
  if (typeof name !== 'string' || name === '') fail('E_PARAM', `${path}.name`, `must be a non-empty string (got ${shown(name)})`);
  if (desc.params !== undefined && !isPlainObject(desc.params)) fail('E_PARAM', `${path}.params`, `must be an object of parameters (got ${shown(desc.params)})`);
  const equations = isPlainObject(desc.model) ? checkEquations(`${path}.model`, desc.model, { ...desc.params }, `${path}.params`, dt, size) : null;
  const model = equations ? equationNeuronModel(equations) : models.get(`${path}.model`, desc.model);
  // An equation model's shared parameters are folded into its update; the rest are checked as any model's.
  const rawParams: Record<string, unknown> = equations
    ? Object.fromEntries(Object.entries(desc.params ?? {}).filter(([key]) => !Object.hasOwn(equations.shared, key)))
    : { ...desc.params };
  const timed = model.source === 'spike_times';
  const spikeTimes = timed ? rawParams.spikeTimes : undefined;
  delete rawParams.spikeTimes;
  if (!timed && desc.params !== undefined && Object.hasOwn(desc.params, 'spikeTimes')) {
    fail('E_PARAM', `${path}.params.spikeTimes`, `is only a parameter of spike sources (spike_source)`);
  }
  const params = resolveParams(`${path}.params`, rawParams, model.rules, model.receptorRules, model.options);
  // A receptor index at or above SEGMENT_RECEPTOR names a dendritic segment in the kernels.
  if (params.receptors.length > abi.SEGMENT_RECEPTOR) {
    fail('E_MODEL', `${path}.params.receptors`, `has ${params.receptors.length} receptors; a population has at most ${abi.SEGMENT_RECEPTOR}`);
  }
  const stateNames = model.stateVars.map((v) => v.name);
  for (const r of params.receptors) {
    if (stateNames.includes(r.name)) fail('E_PARAM', `${path}.params.receptors.${r.name}`, `a receptor may not share its name with a state variable of ${model.name} (${stateNames.join(', ')})`);
  }
  model.check?.(params, `${path}.params`, dt);
  for (const [name, spec] of Object.entries(params.perNeuron)) checkCount(`${path}.params.${name}`, spec, size);
  if (model.source === 'poisson') checkRates(`${path}.params.rate`, params.perNeuron.rate!, dt);
  const init = checkInit(path, desc.init, model, params, size);

  const coefBuffer = new ArrayBuffer(coefWords(params.receptors.length) * 4);
  const coef = new Float32Array(coefBuffer);
  const coefI32 = new Int32Array(coefBuffer);
  model.coefficients(params, dt, { f32: coef, i32: coefI32 });
  const biased = model.takesCurrent && mayBeNonZeroF32(params.perNeuron.bias!);
  const sourceEvents = timed ? sourceSchedule(`${path}.params.spikeTimes`, spikeTimes, size, dt) : null;
  const dendrites = desc.dendrites === undefined ? null : planDendrites(`${path}.dendrites`, desc.dendrites, model, name, dt);
  return { index, name, model, size, params, init, key, coef, coefI32, biased, sourceEvents, dendrites };
}

/** An explicit list of per-neuron values must have one per neuron. */
function checkCount(path: string, spec: ValueSpec, size: number): void {
  if (Array.isArray(spec) && spec.length !== size) fail('E_PARAM', path, `has ${spec.length} values, expected ${size}`);
}

/**
 * A spike probability per step is rate * dt, so no rate may exceed 1/dt: listed rates are
 * checked one by one, a distribution by its bound (a normal one needs max <= 1/dt), so the
 * answer does not depend on which values happen to be drawn.
 */
function checkRates(path: string, spec: ValueSpec, dt: number): void {
  if (typeof spec === 'number') checkRate(path, spec, dt);
  else if (Array.isArray(spec)) spec.forEach((rate, i) => checkRate(`${path}[${i}]`, rate, dt));
  else if (highestValue(spec) * dt > 1) {
    fail('E_PARAM', path, `the distribution reaches ${highestValue(spec)} Hz, above 1/dt = ${1 / dt} Hz (a normal one needs max <= 1/dt)`);
  }
}

/** Checks the initial values given: settable names only, valid specs of the right length. */
function checkInit(path: string, init: unknown, model: NeuronModel, params: ResolvedParams, size: number): Record<string, ValueSpec> {
  if (init !== undefined && !isPlainObject(init)) fail('E_PARAM', `${path}.init`, `must be an object of initial values (got ${shown(init)})`);
  const given = (init ?? {}) as Record<string, unknown>;
  const settable = [...model.stateVars.filter((v) => v.type === 'f32').map((v) => v.name), ...params.receptors.map((r) => r.name)];
  const checked: Record<string, ValueSpec> = {};
  for (const name of Object.keys(given)) {
    if (!settable.includes(name)) {
      fail('E_MODEL', `${path}.init.${name}`, `is not a state variable of ${model.name} (settable: ${settable.join(', ') || 'none'})`);
    }
    if (given[name] === undefined) continue;
    const unit = model.stateVars.find((v) => v.name === name)?.unit;
    checked[name] = checkValueSpec(`${path}.init.${name}`, given[name], 'any', unit);
    checkCount(`${path}.init.${name}`, checked[name], size);
  }
  return checked;
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
