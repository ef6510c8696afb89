// net.step(k): a few steps at a time for closed loops. Inputs are written into the loaded
// network between calls (bias currents, Poisson rates, receptor kicks); the spikes of just
// those steps come back, not the whole history. Stepping k at a time gives the very same
// network as one run: the kernel does not know how its steps were split.
import * as abi from '../../assembly/abi.js';
import { fail, shown } from '../errors.js';
import { biasCells, currentModeCell, neuronCell, ringRow } from '../layout/cells.js';
import { checkF32, checkInteger } from '../model/params.js';
import { checkOptions, isPlainObject } from '../model/plain-data.js';
import { biasValues } from '../model/neuron-values.js';
import type { PlannedPopulation } from '../model/plan-population.js';
import { oneEach } from '../model/values.js';
import { parameterSetter } from '../model/plan-network.js';
import type { Population, PopulationRef } from './handles.js';
import { modulatorWrite } from './modulators.js';
import { stepTimes, type SpikeData } from './monitors.js';
import type { Runner } from './runner.js';
import { concatRecords, spikesOf, type SpikeRecord } from './spike-record.js';

/**
 * A current (amperes; izhikevich: its own input units) added to the bias of the target neurons,
 * from this step on until it is set again (a sample-and-hold input, as a sensor reading is).
 * With `parameter`, the value of that per-neuron parameter of equations instead (a dendrite's
 * injected current, in the parameter's SI unit).
 */
export interface CurrentInput {
  target: PopulationRef;
  /** One value for every target neuron, or one per neuron. */
  amplitude: number | ArrayLike<number>;
  parameter?: string;
}

/** New Poisson rates (Hz) of a whole poisson population, from this step on (as Population.setRates). */
export interface RateInput {
  target: Population;
  rate: number | ArrayLike<number>;
}

/**
 * Spikes arriving now: `weight` is added to `receptor` of each listed neuron (indices within
 * the target; a neuron listed twice gets it twice) at the first step of the call, exactly as a
 * spike through a projection would arrive. Units are the receptor's weight units.
 */
export interface SpikeInput {
  target: PopulationRef;
  receptor: string;
  neurons: ArrayLike<number>;
  weight: number;
}

export interface StepInput {
  current?: CurrentInput[];
  rates?: RateInput[];
  spikes?: SpikeInput[];
  /** Amounts added to modulators (by name) before the steps: a reward, a dopamine burst, an error. */
  modulators?: Record<string, number>;
}

export interface StepResult {
  /** The first step this call ran. */
  start: number;
  /** Steps run. */
  steps: number;
  /** Model time (s) at the end of the call. */
  time: number;
  /**
   * The spikes of these steps, per population that records spikes (those with a spike monitor;
   * all of them when the network keeps a raster), by population name. Times are absolute.
   */
  spikes: Record<string, SpikeData>;
  /** Wall-clock seconds the steps took (inputs and reading spikes included). */
  wallSeconds: number;
  /** Model seconds per wall second in this call. */
  realTimeFactor: number;
}

/** What Network hands stepRunner: its own checks of a target and of new Poisson rates. */
export interface StepChecks {
  /** The population index of `target`, a population or slice of this network; fails on anything else. */
  target(target: unknown, path: string): number;
  /** Checks new rates of a whole Poisson population; returns the write that applies them. */
  ratesWrite(population: number, rates: unknown, path: string): () => Promise<void>;
}

/** Applies the inputs, runs k steps and returns their spikes. Called by Network.step on the built network. */
export async function stepRunner(runner: Runner, k: number, input: StepInput, checks: StepChecks): Promise<StepResult> {
  const t0 = performance.now();
  const start = runner.steps;
  checkInteger('step.steps', k, 0, 0xffffffff - start);
  checkOptions('step.input', input, ['current', 'rates', 'spikes', 'modulators']);
  // Check every input before writing any, so a bad one leaves the network as it was.
  const writes = [
    ...list<CurrentInput>(input.current, 'step.current', ['target', 'amplitude', 'parameter']).map((c, i) => currentWrite(runner, checks.target(c.target, `step.current[${i}].target`), c, `step.current[${i}]`)),
    ...list<SpikeInput>(input.spikes, 'step.spikes', ['target', 'receptor', 'neurons', 'weight']).map((s, i) => spikeWrite(runner, checks.target(s.target, `step.spikes[${i}].target`), s, `step.spikes[${i}]`)),
    ...list<RateInput>(input.rates, 'step.rates', ['target', 'rate']).map((r, i) => {
      const path = `step.rates[${i}]`;
      const p = checks.target(r?.target, `${path}.target`);
      if (r.target.start !== 0 || r.target.stop !== runner.net.populations[p]!.size) fail('E_PARAM', `${path}.target`, 'new rates go to a whole population, not a slice');
      return checks.ratesWrite(p, r.rate, `${path}.rate`);
    }),
    ...modulatorEntries(input.modulators).map(([name, amount]) =>
      modulatorWrite(runner, name, checkF32(`step.modulators.${name}`, amount, 'any'), `step.modulators.${name}`)),
  ];
  for (const write of writes) await write();

  const taken: SpikeRecord[] = [];
  runner.streamed = taken;
  try {
    await runner.run(k);
  } finally {
    runner.streamed = null;
  }
  const spikes = byPopulation(runner, concatRecords(taken));
  const wallSeconds = (performance.now() - t0) / 1000;
  const dt = runner.net.dt;
  return {
    start,
    steps: k,
    time: runner.steps * dt,
    spikes,
    wallSeconds,
    realTimeFactor: wallSeconds > 0 ? (k * dt) / wallSeconds : Infinity,
  };
}

function modulatorEntries(modulators: unknown): [string, unknown][] {
  if (modulators === undefined) return [];
  if (!isPlainObject(modulators)) fail('E_PARAM', 'step.modulators', `must be an object of amounts by modulator name (got ${shown(modulators)})`);
  return Object.entries(modulators);
}

/** An optional input list: absent, or an array of objects with these keys. */
function list<T>(items: unknown, path: string, keys: string[]): T[] {
  if (items === undefined) return [];
  if (!Array.isArray(items)) fail('E_PARAM', path, `must be an array (got ${shown(items)})`);
  items.forEach((item, i) => {
    if (item === undefined) fail('E_PARAM', `${path}[${i}]`, 'must be an object');
    checkOptions(`${path}[${i}]`, item, keys);
  });
  return items as T[];
}

/** Values for the neurons of a target: one number for all, or one per neuron. */
function perNeuron(path: string, values: unknown, size: number): number[] {
  return oneEach(path, values, size, 'one per target neuron').map((x, i) => checkF32(`${path}[${i}]`, x, 'any'));
}

/** Populations' own biases, expanded the first time a current is injected into each. */
const ownBiases = new WeakMap<PlannedPopulation, Float32Array>();

function ownBias(pop: PlannedPopulation): Float32Array {
  let bias = ownBiases.get(pop);
  if (!bias) ownBiases.set(pop, (bias = biasValues(pop)));
  return bias;
}

/** Checks a current input; returns the write that applies it. */
function currentWrite(runner: Runner, p: number, input: CurrentInput, path: string): () => Promise<void> {
  const pop = runner.net.populations[p]!;
  if (input.parameter !== undefined) return parameterWrite(runner, pop, input, path);
  if (!pop.model.takesCurrent) fail('E_MODEL', `${path}.target`, `${pop.model.name} population '${pop.name}' takes no input current`);
  const { start, stop } = input.target;
  const amplitude = perNeuron(`${path}.amplitude`, input.amplitude, stop - start);
  // The bias region holds the model's own bias plus the injected current (summed in f64, rounded once).
  const own = ownBias(pop);
  const bias = Float32Array.from(amplitude, (a, i) => checkF32(`${path}.amplitude`, own[start + i]! + a, 'any'));
  return async () => {
    await runner.backend.write(biasCells(runner.net.layout, p, start), bias);
    // Populations built without any current skip the current term until told otherwise (and
    // ones without current steps keep skipping the step-current array).
    const current = pop.coefI32[abi.C_CURRENT] === abi.CURRENT_BIAS_STEPS ? abi.CURRENT_BIAS_STEPS : abi.CURRENT_BIAS;
    await runner.backend.write(currentModeCell(runner.net.layout, p), new Int32Array([current]));
  };
}

/** Checks a current input into a per-neuron parameter of equations; returns the write that sets it. */
function parameterWrite(runner: Runner, pop: PlannedPopulation, input: CurrentInput, path: string): () => Promise<void> {
  const params = pop.model.equations?.params ?? fail('E_MODEL', `${path}.parameter`, `${pop.model.name} population '${pop.name}' has no per-neuron parameters: that takes a model written as equations`);
  const slot = params.findIndex((q) => q.name === input.parameter);
  if (slot < 0) fail('E_MODEL', `${path}.parameter`, `population '${pop.name}' declares no per-neuron parameter ${shown(input.parameter)} (declares: ${params.map((q) => q.name).join(', ') || 'none'})`);
  const setter = parameterSetter(pop, runner.net.projections, slot);
  if (setter) fail('E_MODEL', `${path}.parameter`, `${input.parameter} of population '${pop.name}' is what ${setter} every step`);
  const { start, stop } = input.target;
  const values = Float32Array.from(perNeuron(`${path}.amplitude`, input.amplitude, stop - start));
  return () => runner.backend.write(neuronCell(runner.net.layout, pop.index, 'param', slot, start), values);
}

/** Checks a spike input; returns the write that applies it. */
function spikeWrite(runner: Runner, p: number, input: SpikeInput, path: string): () => Promise<void> {
  const pop = runner.net.populations[p]!;
  const r = pop.params.receptors.findIndex((x) => x.name === input.receptor);
  if (r < 0) {
    const known = pop.params.receptors.map((x) => x.name);
    fail('E_MODEL', `${path}.receptor`, `population '${pop.name}' has no receptor ${shown(input.receptor)} (has: ${known.join(', ') || 'none'})`);
  }
  const conductance = pop.model.receptorRules?.needsReversal ?? false;
  const weight = checkF32(`${path}.weight`, input.weight, conductance ? 'nonnegative' : 'any');
  const { start, stop } = input.target;
  const listed = input.neurons !== null && typeof input.neurons === 'object' ? (input.neurons as { length?: unknown }).length : undefined;
  if (typeof listed !== 'number' || !Number.isSafeInteger(listed) || listed < 0 || listed > 2 ** 28) {
    fail('E_PARAM', `${path}.neurons`, `must be an array of neuron indices (got ${shown(input.neurons)})`);
  }
  const neurons = Array.from(input.neurons, (n, i) => {
    if (!Number.isInteger(n) || n < 0 || start + n >= stop) fail('E_INDEX', `${path}.neurons[${i}]`, `neuron index ${shown(n)} out of range [0, ${stop - start})`);
    return start + n;
  });
  return async () => {
    // The ring slot the next step delivers: the same cells a projection's spike would add to.
    const row = ringRow(runner.net.layout, p, pop.params.receptors.length, r, runner.steps);
    const cells = new Float32Array(await runner.backend.read(row.at, row.bytes));
    for (const n of neurons) cells[n] = cells[n]! + weight;
    await runner.backend.write(row.at, cells);
  };
}

/** Splits a spike record by recording population. */
function byPopulation(runner: Runner, record: SpikeRecord): Record<string, SpikeData> {
  const { populations, layout, dt } = runner.net;
  const out: Record<string, SpikeData> = {};
  layout.populations.forEach((lp, k) => {
    if (!layout.input.populations[k]!.recordSpikes) return;
    const { steps, neurons } = spikesOf(record, lp.globalStart, lp.globalStart + populations[k]!.size, runner.oneRecorder);
    out[populations[k]!.name] = { steps, neurons, times: stepTimes(steps, dt) };
  });
  return out;
}
