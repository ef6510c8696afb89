import { fail, shown } from '../errors.js';
import type { PlannedPopulation } from './plan-population.js';
import type { BuiltProjection, PlannedProjection } from './build-projections.js';
import type { MonitorDescription } from './description.js';
import { checkInteger, checkKeys, checkNumber, toSteps } from './params.js';
import { findPopulation } from './selection.js';

export interface StateProbe {
  name: string;
  /** 'state': model state variable `index`; 'receptor': receptor `index`; 'param': per-neuron parameter `index` of equations. */
  kind: 'state' | 'receptor' | 'param';
  index: number;
  isInt: boolean;
}

export type ResolvedMonitor =
  | { type: 'spikes'; name: string; population: number }
  | { type: 'state'; name: string; population: number; variables: StateProbe[]; neurons: number[]; every: number }
  | { type: 'rate'; name: string; population: number; binSteps: number }
  /**
   * every 0: the final table only, read on request; else the chosen synapses (null: all) sampled
   * every `every` steps, with their delays too when the projection's delays learn (`delays`).
   */
  | { type: 'weights'; name: string; projection: number; synapses: number[] | null; every: number; delays: boolean };

export function resolveMonitors(monitors: MonitorDescription[], pops: readonly PlannedPopulation[], plans: readonly PlannedProjection[], dt: number): ResolvedMonitor[] {
  if (!Array.isArray(monitors)) fail('E_PARAM', 'monitors', 'must be an array');
  const names = new Set<string>();
  return monitors.map((m, k): ResolvedMonitor => {
    const path = `monitors[${k}]`;
    if (m === null || typeof m !== 'object') fail('E_PARAM', path, `must be an object (got ${shown(m)})`);
    const settings: Record<string, string[]> = {
      spikes: ['population'],
      state: ['population', 'variables', 'neurons', 'every', 'everySteps'],
      rate: ['population', 'bin', 'binSteps'],
      weights: ['projection', 'synapses', 'every', 'everySteps'],
    };
    if (typeof m.type === 'string' && Object.hasOwn(settings, m.type)) checkKeys(path, m, ['type', 'name', ...settings[m.type]!]);
    const name = m.name ?? `monitor${k}`;
    if (typeof name !== 'string' || name === '') fail('E_PARAM', `${path}.name`, `must be a non-empty string (got ${shown(name)})`);
    if (names.has(name)) fail('E_PARAM', `${path}.name`, `duplicate monitor name ${shown(name)}`);
    // The CSV output (spikewasm run --out x.csv) keeps the run's own rows under these records.
    if (name === 'raster' || name === 'run') fail('E_PARAM', `${path}.name`, `${shown(name)} names the run's own rows in CSV output; choose another name`);
    names.add(name);
    if (m.type === 'weights') {
      const j = typeof m.projection === 'number' ? plans[m.projection] : plans.find((p) => p.name === m.projection);
      if (!j) fail('E_INDEX', `${path}.projection`, `no projection ${shown(m.projection)}`);
      const every = intervalSteps(path, m, dt) ?? 0;
      if (every > 0 && !j.perSynapseWeight) fail('E_MODEL', `${path}.${m.everySteps === undefined ? 'every' : 'everySteps'}`, `projection '${j.name}' has one shared weight, which never changes: nothing to sample`);
      if (m.synapses !== undefined && every === 0) fail('E_PARAM', `${path}.synapses`, 'chooses synapses to sample, which needs every or everySteps');
      if (m.synapses !== undefined && !Array.isArray(m.synapses)) fail('E_PARAM', `${path}.synapses`, 'must be an array of synapse indices (CSR order)');
      const synapses = m.synapses === undefined ? null : m.synapses.map((s, i) => checkInteger(`${path}.synapses[${i}]`, s, 0));
      return { type: 'weights', name, projection: j.index, synapses, every, delays: every > 0 && j.plasticity?.delayLearning != null };
    }
    const pop = findPopulation(`${path}.population`, m.population, pops);
    switch (m.type) {
      case 'spikes':
        return { type: 'spikes', name, population: pop.index };
      case 'rate': {
        if (m.bin !== undefined && m.binSteps !== undefined) fail('E_PARAM', `${path}.binSteps`, 'gives the bin in steps, which bin already gives in seconds: keep one');
        if (m.binSteps !== undefined) return { type: 'rate', name, population: pop.index, binSteps: checkInteger(`${path}.binSteps`, m.binSteps, 1, 2 ** 31 - 1) };
        // A bin is rounded to whole steps (as version 1 did): counts are per step, so any bin is exact in steps.
        const bin = checkNumber(`${path}.bin`, m.bin ?? 1e-3, 'positive', 's');
        const binSteps = toSteps(bin, dt);
        if (binSteps < 1) fail('E_PARAM', `${path}.bin`, `must be at least one step (got ${bin} s with dt ${dt} s)`);
        return { type: 'rate', name, population: pop.index, binSteps };
      }
      case 'state': {
        const every = intervalSteps(path, m, dt) ?? 1;
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

/**
 * A sampling interval in steps, from `every` (seconds or a quantity: a whole number of steps, to
 * within rounding) or `everySteps`; undefined when neither is given.
 */
function intervalSteps(path: string, m: { every?: unknown; everySteps?: unknown }, dt: number): number | undefined {
  if (m.every !== undefined && m.everySteps !== undefined) fail('E_PARAM', `${path}.everySteps`, 'gives the interval in steps, which every already gives in seconds: keep one');
  if (m.everySteps !== undefined) return checkInteger(`${path}.everySteps`, m.everySteps, 1, 2 ** 31 - 1);
  if (m.every === undefined) return undefined;
  const seconds = checkNumber(`${path}.every`, m.every, 'positive', 's');
  const steps = seconds / dt;
  const whole = Math.round(steps);
  if (whole < 1 || whole > 2 ** 31 - 1 || Math.abs(steps - whole) > 1e-6 * whole) {
    fail('E_PARAM', `${path}.every`, `must be a whole number of steps of ${dt} s, from 1 to 2^31 - 1 (got ${seconds} s, ${Number(steps.toPrecision(6))} steps); everySteps gives it in steps`);
  }
  return whole;
}

/** Finds a readable variable of a population: a state variable, a receptor or a per-neuron parameter of equations, by name. */
export function stateProbe(path: string, name: unknown, pop: PlannedPopulation): StateProbe {
  const s = pop.model.stateVars.findIndex((v) => v.name === name);
  if (s >= 0) return { name: name as string, kind: 'state', index: s, isInt: pop.model.stateVars[s]!.type === 'i32' };
  const r = pop.params.receptors.findIndex((v) => v.name === name);
  if (r >= 0) return { name: name as string, kind: 'receptor', index: r, isInt: false };
  // Per-neuron parameters of equations change during a run when couplings, summed variables or plateaus set them.
  const params = pop.model.equations?.params ?? [];
  const q = params.findIndex((v) => v.name === name);
  if (q >= 0) return { name: name as string, kind: 'param', index: q, isInt: false };
  // An equation population's receptors carry the names of the variables they add to: each name once.
  const known = [...new Set([...pop.model.stateVars.map((v) => v.name), ...pop.params.receptors.map((v) => v.name), ...params.map((v) => v.name)])];
  return fail('E_MODEL', path, `${pop.model.name} population '${pop.name}' has no variable ${shown(name)} (has: ${known.join(', ') || 'none'})`);
}

/** Refuses sampled synapses beyond the synapses a projection drew (known only once drawn). */
export function checkSampledSynapses(monitors: readonly ResolvedMonitor[], projections: readonly BuiltProjection[]): void {
  monitors.forEach((m, k) => {
    if (m.type !== 'weights' || !m.synapses) return;
    const n = projections[m.projection]!.synapses;
    m.synapses.forEach((s, i) => s >= n && fail('E_INDEX', `monitors[${k}].synapses[${i}]`, `synapse ${s} out of range [0, ${n}) of projection '${projections[m.projection]!.name}'`));
  });
}
