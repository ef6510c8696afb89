import { fail, shown } from '../errors.js';
import type { PlannedPopulation } from './plan-population.js';
import type { InputDescription } from './description.js';
import { checkKeys, checkNumber, toSteps } from './params.js';
import { resolveSelection } from './selection.js';

export interface CurrentEvent {
  step: number;
  population: number;
  neuron: number;
  /** The per-neuron parameter (P_PARAMS slot) the event sets, or -1 for the step current. */
  parameter: number;
  /** The total step current (or parameter value) of the neuron from this step on. */
  value: number;
}

/** The per-neuron parameter an input names (its slot in an equation population), or -1 for the input current. */
function inputParameter(path: string, name: unknown, pop: PlannedPopulation): number {
  if (name === undefined) {
    if (!pop.model.takesCurrent) fail('E_MODEL', `${path}.target`, `${pop.model.name} takes no input current`);
    return -1;
  }
  const params = pop.model.equations?.params;
  if (!params) fail('E_MODEL', `${path}.parameter`, `${pop.model.name} population '${pop.name}' has no per-neuron parameters for an input to set: that takes a model written as equations`);
  if (typeof name !== 'string') fail('E_PARAM', `${path}.parameter`, `must name a per-neuron parameter (got ${shown(name)})`);
  const slot = params.findIndex((q) => q.name === name);
  if (slot < 0) fail('E_MODEL', `${path}.parameter`, `population '${pop.name}' declares no per-neuron parameter ${shown(name)} (declares: ${params.map((q) => q.name).join(', ') || 'none'})`);
  return slot;
}

/**
 * Current steps become events that set a neuron's total step current (or the per-neuron
 * parameter an input names) from a given step on: the sum of every input covering it, summed
 * in f64 and rounded once, so overlapping inputs add up without drift.
 */
export function resolveInputs(inputs: InputDescription[], pops: readonly PlannedPopulation[], dt: number): CurrentEvent[] {
  if (!Array.isArray(inputs)) fail('E_PARAM', 'inputs', 'must be an array');
  const perNeuron = new Map<string, { population: number; neuron: number; parameter: number; inputs: { index: number; steps: number[]; amps: number[] }[] }>();
  inputs.forEach((input, k) => {
    const path = `inputs[${k}]`;
    if (input === null || typeof input !== 'object' || input.type !== 'current_step') {
      fail('E_PARAM', `${path}.type`, `unknown input type ${shown((input as { type?: unknown } | null)?.type)} (known: current_step)`);
    }
    checkKeys(path, input, ['type', 'target', 'times', 'amplitudes', 'parameter']);
    const sel = resolveSelection(`${path}.target`, input.target, pops);
    const parameter = inputParameter(path, input.parameter, pops[sel.population]!);
    const { times, amplitudes } = input;
    if (!Array.isArray(times) || !Array.isArray(amplitudes) || times.length !== amplitudes.length || times.length === 0) {
      fail('E_PARAM', path, 'times and amplitudes must be non-empty arrays of equal length');
    }
    const steps = times.map((t, i) => {
      const step = toSteps(checkNumber(`${path}.times[${i}]`, t, 'nonnegative', 's'), dt);
      if (step > 0xffffffff) fail('E_PARAM', `${path}.times[${i}]`, `time ${t} s is beyond the last step (2^32 - 1)`);
      return step;
    });
    steps.forEach((s, i) => i > 0 && s <= steps[i - 1]! && fail('E_PARAM', `${path}.times[${i}]`, `must come at least one step after the previous time (got ${times[i]})`));
    amplitudes.forEach((a, i) => checkNumber(`${path}.amplitudes[${i}]`, a, 'any'));
    for (let n = sel.start; n < sel.stop; n++) {
      const id = `${sel.population}:${n}:${parameter}`;
      if (!perNeuron.has(id)) perNeuron.set(id, { population: sel.population, neuron: n, parameter, inputs: [] });
      perNeuron.get(id)!.inputs.push({ index: k, steps, amps: amplitudes });
    }
  });
  // Neurons covered by the same inputs share one schedule; events are bucketed by step, and
  // within a step come in (population, neuron, parameter) order, without sorting them all.
  const schedules = new Map<string, { step: number; value: number }[]>();
  const byStep = new Map<number, CurrentEvent[]>();
  const targets = [...perNeuron.values()].sort((a, b) => a.population - b.population || a.neuron - b.neuron || a.parameter - b.parameter);
  for (const { population, neuron, parameter, inputs: list } of targets) {
    const key = list.map((i) => i.index).join(',');
    let schedule = schedules.get(key);
    if (!schedule) schedules.set(key, (schedule = scheduleOf(list)));
    for (const { step, value } of schedule) {
      let bucket = byStep.get(step);
      if (!bucket) byStep.set(step, (bucket = []));
      bucket.push({ step, population, neuron, parameter, value });
    }
  }
  return [...byStep.keys()].sort((a, b) => a - b).flatMap((step) => byStep.get(step)!);
}

/** The total of inputs `list` at each step where one of them changes (summed in f64 in list order, rounded once). */
function scheduleOf(list: readonly { steps: number[]; amps: number[] }[]): { step: number; value: number }[] {
  const changes = [...new Set(list.flatMap((i) => i.steps))].sort((a, b) => a - b);
  // The steps are ascending, so each input's current amplitude only moves forward.
  const at = list.map(() => -1);
  return changes.map((step) => {
    let total = 0;
    list.forEach(({ steps, amps }, j) => {
      while (at[j]! + 1 < steps.length && steps[at[j]! + 1]! <= step) at[j]!++;
      if (at[j]! >= 0) total += amps[at[j]!]!;
    });
    return { step, value: Math.fround(total) };
  });
}

