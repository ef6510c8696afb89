import * as abi from '../../assembly/abi.js';
import { fail, shown } from '../api/errors.js';
import { padded, planLayout, type Layout, type LayoutInput } from '../layout/plan.js';
import { buildPopulation, type BuiltPopulation } from './build-populations.js';
import { buildProjection, planProjection, type BuiltProjection, type PlannedProjection } from './build-projections.js';
import type { ConnectivityKernel } from './connectivity.js';
import { NETWORK_KEYS, type InputDescription, type MonitorDescription, type NetworkDescription } from './description.js';
import { checkInteger, checkKeys, checkNumber, toSteps } from './params.js';
import { checkModulators, type ResolvedModulator } from './plasticity.js';
import { seedKey } from './random/philox.js';
import { findPopulation, resolveSelection } from './selection.js';
import { highestValue } from './values.js';

/** The most a 32-bit WebAssembly memory can hold, less room for the kernel's own data. */
export const MAX_MEMORY_BYTES = 2 ** 32 - 2 ** 20;

export interface CurrentEvent {
  step: number;
  population: number;
  neuron: number;
  /** The total step current of the neuron from this step on. */
  value: number;
}

export interface StateProbe {
  name: string;
  /** 'state': model state variable `index`; 'receptor': receptor `index`. */
  kind: 'state' | 'receptor';
  index: number;
  isInt: boolean;
}

export type ResolvedMonitor =
  | { type: 'spikes'; name: string; population: number }
  | { type: 'state'; name: string; population: number; variables: StateProbe[]; neurons: number[]; every: number }
  | { type: 'rate'; name: string; population: number; binSteps: number }
  /** every 0: the final table only, read on request; else the chosen synapses (null: all) sampled every `every` steps. */
  | { type: 'weights'; name: string; projection: number; synapses: number[] | null; every: number };

export interface BuiltNetwork {
  dt: number;
  seed: number;
  key: [number, number];
  populations: BuiltPopulation[];
  projections: BuiltProjection[];
  currentEvents: CurrentEvent[];
  modulators: ResolvedModulator[];
  monitors: ResolvedMonitor[];
  layout: Layout;
}

/** A checked description whose synapses are not drawn yet, with the memory it will need. */
export interface PlannedNetwork {
  dt: number;
  seed: number;
  key: [number, number];
  populations: BuiltPopulation[];
  projections: PlannedProjection[];
  currentEvents: CurrentEvent[];
  modulators: ResolvedModulator[];
  monitors: ResolvedMonitor[];
  /** The layout with each projection at its expected synapse count and largest possible delay. */
  expectedLayout: Layout;
}

/**
 * Checks a description and plans it without drawing synapses: populations are built (they are
 * small), projections only planned, so the memory can be reported before it is allocated.
 */
export function planNetwork(desc: NetworkDescription, options: { recordAllSpikes?: boolean } = {}): PlannedNetwork {
  if (desc === null || typeof desc !== 'object' || Array.isArray(desc)) fail('E_FORMAT', '', `a network description must be an object (got ${shown(desc)})`);
  checkKeys('', desc, NETWORK_KEYS);
  const dt = checkNumber('dt', desc.dt, 'positive');
  const seed = checkInteger('seed', desc.seed ?? 0, 0);
  const key = seedKey(seed);
  if (!Array.isArray(desc.populations) || desc.populations.length === 0) fail('E_PARAM', 'populations', 'must be a non-empty array');
  const populations = desc.populations.map((p, i) => buildPopulation(p, i, dt, key));
  const names = new Set<string>();
  for (const p of populations) {
    if (names.has(p.name)) fail('E_PARAM', `populations[${p.index}].name`, `duplicate population name ${shown(p.name)}`);
    names.add(p.name);
  }
  const projectionDescs = desc.projections ?? [];
  if (!Array.isArray(projectionDescs)) fail('E_PARAM', 'projections', 'must be an array');
  const modulators = checkModulators(desc.modulators, dt, (path, ref) => findPopulation(path, ref, populations).index);
  const modulatorNames = modulators.map((m) => m.name);
  const plans = projectionDescs.map((j, i) => planProjection(j, i, populations, dt, modulatorNames));
  const currentEvents = resolveInputs(desc.inputs ?? [], populations, dt);
  for (const p of populations) {
    const steps = currentEvents.some((e) => e.population === p.index);
    const biased = p.bias?.some((b) => b !== 0) ?? false;
    p.coefI32[abi.C_CURRENT] = steps ? abi.CURRENT_BIAS_STEPS : biased ? abi.CURRENT_BIAS : abi.CURRENT_NONE;
  }
  const monitors = resolveMonitors(desc.monitors ?? [], populations, plans, dt);
  const recordAll = options.recordAllSpikes ?? false;
  const expectedLayout = planLayout(layoutInput(populations, plans, (j) => Math.ceil(j.expected), (j) => Math.round(highest(j) / dt),
    currentEvents.length, modulators.length, monitors, recordAll));
  return { dt, seed, key, populations, projections: plans, currentEvents, modulators, monitors, expectedLayout };
}

/** Refuses a layout larger than a 32-bit WebAssembly memory; `about` for a planned (expected) one. */
export function checkMemory(layout: Layout, about: boolean): void {
  if (layout.totalBytes > MAX_MEMORY_BYTES) {
    fail('E_MEMORY', '', `the network needs ${about ? 'about ' : ''}${gib(layout.totalBytes)} of memory, more than the ${gib(MAX_MEMORY_BYTES)} a 32-bit WebAssembly memory holds`);
  }
}

/**
 * Checks a description and draws everything random in it: the network, ready to load.
 * `connectivity` (the wasm backend's) draws fixed_probability rules faster, with the same bits.
 */
export function buildNetwork(desc: NetworkDescription, options: { recordAllSpikes?: boolean; connectivity?: ConnectivityKernel } = {}): BuiltNetwork {
  const { dt, seed, key, populations, projections: plans, currentEvents, modulators, monitors, expectedLayout } = planNetwork(desc, options);
  checkMemory(expectedLayout, true); // before drawing synapses that would not fit
  const projections = plans.map((j) => buildProjection(j, dt, key, options.connectivity));
  monitors.forEach((m, k) => {
    if (m.type !== 'weights' || !m.synapses) return;
    const n = projections[m.projection]!.csr.col.length;
    m.synapses.forEach((s, i) => s >= n && fail('E_INDEX', `monitors[${k}].synapses[${i}]`, `synapse ${s} out of range [0, ${n}) of projection '${projections[m.projection]!.name}'`));
  });
  const layout = planLayout(layoutInput(populations, plans, (j) => projections[j.index]!.csr.col.length, (j) => projections[j.index]!.maxDelay,
    currentEvents.length, modulators.length, monitors, options.recordAllSpikes ?? false));
  checkMemory(layout, false);
  return { dt, seed, key, populations, projections, currentEvents, modulators, monitors, layout };
}

/** The largest delay (s) a planned projection can draw; planProjection bounded it already. */
function highest(j: PlannedProjection): number {
  const listed = j.rule.type === 'list' && j.rule.delay ? highestValue(j.rule.delay) : -Infinity;
  return Math.max(highestValue(j.delay), listed);
}

function gib(bytes: number): string {
  return `${(bytes / 2 ** 30).toFixed(2)} GiB`;
}

function layoutInput(
  pops: readonly BuiltPopulation[],
  plans: readonly PlannedProjection[],
  synapses: (j: PlannedProjection) => number,
  maxDelay: (j: PlannedProjection) => number,
  currentEvents: number,
  modulators: number,
  monitors: readonly ResolvedMonitor[],
  recordAll: boolean,
): LayoutInput {
  const recorded = new Set(monitors.flatMap((m) => (m.type === 'spikes' ? [m.population] : [])));
  // Plastic projections read the spikes of their pre population up to the axonal delay back,
  // and those of their post population up to the dendritic delay back.
  const historySlots = (p: number) => plans.reduce((slots, j) => {
    if (!j.plasticity) return slots;
    const pre = j.pre.population === p ? j.plasticity.axonalSteps : 0;
    const post = j.post.population === p ? j.plasticity.dendriticSteps + 1 : 0;
    return Math.max(slots, pre, post);
  }, 0);
  return {
    populations: pops.map((p) => ({
      modelId: p.model.id,
      size: p.size,
      receptors: p.params.receptors.length,
      stateVars: p.model.stateVars.length,
      perNeuronParams: p.model.perNeuronParams.length,
      takesCurrent: p.model.takesCurrent,
      maxDelay: plans.filter((j) => j.post.population === p.index).reduce((m, j) => Math.max(m, Math.min(maxDelay(j), 0xffff)), 0),
      sourceEvents: p.sourceEvents ? p.sourceEvents.length / 2 : 0,
      recordSpikes: recordAll || recorded.has(p.index),
      historySlots: historySlots(p.index),
    })),
    projections: plans.map((j) => ({
      rows: j.sides.nPre,
      synapses: synapses(j),
      perSynapseWeight: j.perSynapseWeight,
      perSynapseDelay: j.perSynapseDelay,
      delayBytes: maxDelay(j) < 256 ? 1 : 2,
      plastic: j.plasticity
        ? {
          postSize: j.postSize,
          modulated: j.plasticity.modulator >= 0,
          fadeLengths: j.plasticity.fades.map((t) => t.values.length),
          synapseDelays: (j.plasticity.flags & abi.KF_SYNAPSE_DELAYS) !== 0,
          cursorCells: historySlots(j.pre.population) * padded(pops[j.pre.population]!.size),
        }
        : null,
      stp: j.stp !== null,
    })),
    currentEvents,
    stateCells: monitors.reduce((cells, m) => cells + sampledCells(m, (j) => synapses(plans[j]!)), 0),
    countSpikes: monitors.some((m) => m.type === 'rate'),
    modulators,
  };
}

/** Cells a monitor samples each time (state and sampled weights monitors share the state record). */
export function sampledCells(m: ResolvedMonitor, synapses: (projection: number) => number): number {
  if (m.type === 'state') return m.variables.length * m.neurons.length;
  if (m.type === 'weights' && m.every > 0) return m.synapses?.length ?? synapses(m.projection);
  return 0;
}

/**
 * Current steps become events that set a neuron's total step current from a given step on:
 * the sum of every input covering it, summed in f64 and rounded once, so overlapping inputs
 * add up without drift.
 */
export function resolveInputs(inputs: InputDescription[], pops: readonly BuiltPopulation[], dt: number): CurrentEvent[] {
  if (!Array.isArray(inputs)) fail('E_PARAM', 'inputs', 'must be an array');
  const perNeuron = new Map<string, { population: number; neuron: number; inputs: { steps: number[]; amps: number[] }[] }>();
  inputs.forEach((input, k) => {
    const path = `inputs[${k}]`;
    if (input === null || typeof input !== 'object' || input.type !== 'current_step') {
      fail('E_PARAM', `${path}.type`, `unknown input type ${shown((input as { type?: unknown } | null)?.type)} (known: current_step)`);
    }
    checkKeys(path, input, ['type', 'target', 'times', 'amplitudes']);
    const sel = resolveSelection(`${path}.target`, input.target, pops);
    if (!pops[sel.population]!.model.takesCurrent) fail('E_MODEL', `${path}.target`, `${pops[sel.population]!.model.name} takes no input current`);
    const { times, amplitudes } = input;
    if (!Array.isArray(times) || !Array.isArray(amplitudes) || times.length !== amplitudes.length || times.length === 0) {
      fail('E_PARAM', path, 'times and amplitudes must be non-empty arrays of equal length');
    }
    const steps = times.map((t, i) => {
      const step = toSteps(checkNumber(`${path}.times[${i}]`, t, 'nonnegative'), dt);
      if (step > 0xffffffff) fail('E_PARAM', `${path}.times[${i}]`, `time ${t} s is beyond the last step (2^32 - 1)`);
      return step;
    });
    steps.forEach((s, i) => i > 0 && s <= steps[i - 1]! && fail('E_PARAM', `${path}.times[${i}]`, `must come at least one step after the previous time (got ${times[i]})`));
    amplitudes.forEach((a, i) => checkNumber(`${path}.amplitudes[${i}]`, a, 'any'));
    for (let n = sel.start; n < sel.stop; n++) {
      const id = `${sel.population}:${n}`;
      if (!perNeuron.has(id)) perNeuron.set(id, { population: sel.population, neuron: n, inputs: [] });
      perNeuron.get(id)!.inputs.push({ steps, amps: amplitudes });
    }
  });
  const events: CurrentEvent[] = [];
  for (const { population, neuron, inputs: list } of perNeuron.values()) {
    const changes = [...new Set(list.flatMap((i) => i.steps))].sort((a, b) => a - b);
    for (const step of changes) {
      let total = 0;
      for (const { steps, amps } of list) {
        let k = -1;
        while (k + 1 < steps.length && steps[k + 1]! <= step) k++;
        if (k >= 0) total += amps[k]!;
      }
      events.push({ step, population, neuron, value: Math.fround(total) });
    }
  }
  return events.sort((a, b) => a.step - b.step || a.population - b.population || a.neuron - b.neuron);
}

export function resolveMonitors(monitors: MonitorDescription[], pops: readonly BuiltPopulation[], plans: readonly PlannedProjection[], dt: number): ResolvedMonitor[] {
  if (!Array.isArray(monitors)) fail('E_PARAM', 'monitors', 'must be an array');
  const names = new Set<string>();
  return monitors.map((m, k): ResolvedMonitor => {
    const path = `monitors[${k}]`;
    if (m === null || typeof m !== 'object') fail('E_PARAM', path, `must be an object (got ${shown(m)})`);
    const settings: Record<string, string[]> = {
      spikes: ['population'],
      state: ['population', 'variables', 'neurons', 'every'],
      rate: ['population', 'bin'],
      weights: ['projection', 'synapses', 'every'],
    };
    if (typeof m.type === 'string' && Object.hasOwn(settings, m.type)) checkKeys(path, m, ['type', 'name', ...settings[m.type]!]);
    const name = m.name ?? `monitor${k}`;
    if (typeof name !== 'string' || name === '') fail('E_PARAM', `${path}.name`, `must be a non-empty string (got ${shown(name)})`);
    if (names.has(name)) fail('E_PARAM', `${path}.name`, `duplicate monitor name ${shown(name)}`);
    names.add(name);
    if (m.type === 'weights') {
      const j = typeof m.projection === 'number' ? plans[m.projection] : plans.find((p) => p.name === m.projection);
      if (!j) fail('E_INDEX', `${path}.projection`, `no projection ${shown(m.projection)}`);
      const every = m.every === undefined ? 0 : checkInteger(`${path}.every`, m.every, 1, 2 ** 31 - 1);
      if (every > 0 && !j.perSynapseWeight) fail('E_MODEL', `${path}.every`, `projection '${j.name}' has one shared weight, which never changes: nothing to sample`);
      if (m.synapses !== undefined && every === 0) fail('E_PARAM', `${path}.synapses`, 'chooses synapses to sample, which needs every');
      if (m.synapses !== undefined && !Array.isArray(m.synapses)) fail('E_PARAM', `${path}.synapses`, 'must be an array of synapse indices (CSR order)');
      const synapses = m.synapses === undefined ? null : m.synapses.map((s, i) => checkInteger(`${path}.synapses[${i}]`, s, 0));
      return { type: 'weights', name, projection: j.index, synapses, every };
    }
    const pop = findPopulation(`${path}.population`, m.population, pops);
    switch (m.type) {
      case 'spikes':
        return { type: 'spikes', name, population: pop.index };
      case 'rate': {
        const bin = checkNumber(`${path}.bin`, m.bin ?? 1e-3, 'positive');
        const binSteps = toSteps(bin, dt);
        if (binSteps < 1) fail('E_PARAM', `${path}.bin`, `must be at least one step (got ${bin} s with dt ${dt} s)`);
        return { type: 'rate', name, population: pop.index, binSteps };
      }
      case 'state': {
        const every = checkInteger(`${path}.every`, m.every ?? 1, 1, 2 ** 31 - 1);
        if (!Array.isArray(m.variables) || m.variables.length === 0) fail('E_PARAM', `${path}.variables`, 'must be a non-empty array of variable names');
        const variables = m.variables.map((v, i) => stateProbe(`${path}.variables[${i}]`, v, pop));
        const neurons = m.neurons ?? Array.from({ length: pop.size }, (_, i) => i);
        if (!Array.isArray(neurons)) fail('E_PARAM', `${path}.neurons`, 'must be an array of neuron indices');
        neurons.forEach((n, i) => {
          if (!Number.isInteger(n) || n < 0 || n >= pop.size) fail('E_INDEX', `${path}.neurons[${i}]`, `neuron index ${shown(n)} out of range [0, ${pop.size})`);
        });
        return { type: 'state', name, population: pop.index, variables, neurons: [...neurons], every };
      }
      default:
        return fail('E_PARAM', `${path}.type`, `unknown monitor type ${shown((m as { type?: unknown }).type)} (known: spikes, state, rate, weights)`);
    }
  });
}

/** Finds a readable variable of a population: a state variable or a receptor by name. */
export function stateProbe(path: string, name: unknown, pop: BuiltPopulation): StateProbe {
  const s = pop.model.stateVars.findIndex((v) => v.name === name);
  if (s >= 0) return { name: name as string, kind: 'state', index: s, isInt: pop.model.stateVars[s]!.type === 'i32' };
  const r = pop.params.receptors.findIndex((v) => v.name === name);
  if (r >= 0) return { name: name as string, kind: 'receptor', index: r, isInt: false };
  const known = [...pop.model.stateVars.map((v) => v.name), ...pop.params.receptors.map((v) => v.name)];
  return fail('E_MODEL', path, `${pop.model.name} population '${pop.name}' has no variable ${shown(name)} (has: ${known.join(', ') || 'none'})`);
}
