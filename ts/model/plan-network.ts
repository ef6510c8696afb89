import * as abi from '../../assembly/abi.js';
import { fail, shown } from '../errors.js';
import { planPopulation, type PlannedPopulation } from './plan-population.js';
import { planProjection, type PlannedProjection } from './build-projections.js';
import { SYNAPSE_EVENTS } from '../equations/synapse-program.js';
import { NETWORK_KEYS, type NetworkDescription } from './description.js';
import { resolveInputs, type CurrentEvent } from './inputs.js';
import { checkNeuronsFit } from './memory-limit.js';
import { resolveMonitors, type ResolvedMonitor } from './monitors.js';
import { currentVersion } from './versions.js';
import { ModelRegistry } from './neurons/registry.js';
import { checkInteger, checkKeys, checkNumber } from './params.js';
import { plainCopy } from './plain-data.js';
import { checkModulators, type ResolvedModulator } from './plasticity.js';
import { planPoissonInputs, type PlannedPoissonInput } from './poisson-inputs.js';
import { seedKey } from './random/philox.js';
import { findPopulation } from './selection.js';
import { highestValue } from './values.js';

/** A checked description whose synapses are not drawn yet (ts/layout/build.ts draws and lays it out). */
export interface PlannedNetwork {
  dt: number;
  seed: number;
  key: [number, number];
  populations: PlannedPopulation[];
  projections: PlannedProjection[];
  currentEvents: CurrentEvent[];
  modulators: ResolvedModulator[];
  poissonInputs: PlannedPoissonInput[];
  monitors: ResolvedMonitor[];
}

/**
 * Checks a description and plans it without drawing synapses: populations are planned from their
 * sizes (ts/model/plan-population.ts), projections only planned, so the memory can be reported before it is allocated.
 */
export function planNetwork(given: NetworkDescription, models: ModelRegistry = new ModelRegistry()): PlannedNetwork {
  if (given === null || typeof given !== 'object' || Array.isArray(given)) fail('E_FORMAT', '', `a network description must be an object (got ${shown(given)})`);
  const desc = currentVersion(plainCopy('', given));
  checkKeys('', desc, NETWORK_KEYS);
  if (desc.description !== undefined && typeof desc.description !== 'string') fail('E_PARAM', 'description', `must be text (got ${shown(desc.description)})`);
  const dt = checkNumber('dt', desc.dt, 'positive');
  const seed = checkInteger('seed', desc.seed ?? 0, 0);
  const key = seedKey(seed);
  if (!Array.isArray(desc.populations) || desc.populations.length === 0) fail('E_PARAM', 'populations', 'must be a non-empty array');
  checkNeuronsFit(desc, models);
  const populations = desc.populations.map((p, i) => planPopulation(p, i, dt, key, models));
  // Equation populations' updates are programs 1, 2, ... in population order.
  populations.filter((p) => p.model.equations).forEach((p, k) => (p.coefI32[abi.CE_PROGRAM] = k + 1));
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
  // Then each synapse model's three (ts/equations/synapse-program.ts), in projection order.
  let program = populations.filter((p) => p.model.equations).length + 1;
  for (const j of plans) {
    if (!j.synapseModel) continue;
    j.synapseModel.program = program;
    program += SYNAPSE_EVENTS.length;
  }
  const poissonInputs = planPoissonInputs(desc.poissonInputs, populations, dt);
  const currentEvents = resolveInputs(desc.inputs ?? [], populations, dt);
  const inputs = inputTargets(currentEvents);
  checkSummedTargets(plans, populations, inputs);
  for (const p of populations) {
    const steps = inputs.some((e) => e.population === p.index && e.parameter < 0);
    p.coefI32[abi.C_CURRENT] = steps ? abi.CURRENT_BIAS_STEPS : p.biased ? abi.CURRENT_BIAS : abi.CURRENT_NONE;
  }
  const monitors = resolveMonitors(desc.monitors ?? [], populations, plans, dt);
  return { dt, seed, key, populations, projections: plans, currentEvents, modulators, poissonInputs, monitors };
}

/**
 * Two projections cannot sum into the same variable of the same neurons: each sets it every
 * step. Couplings clear their targets in the whole population and add to them, so a summed
 * variable cannot also take a coupling's current (couplings may share a target). Dendritic
 * plateaus set their current every step, so neither may write it.
 */
function checkSummedTargets(plans: readonly PlannedProjection[], populations: readonly PlannedPopulation[], inputs: readonly InputTarget[]): void {
  // Inputs set their parameters from their steps on; nothing else may set them every step.
  for (const e of inputs.filter((e) => e.parameter >= 0)) {
    const pop = populations[e.population]!;
    const setter = parameterSetter(pop, plans, e.parameter);
    if (setter) fail('E_MODEL', 'inputs', `an input sets ${pop.model.equations!.params[e.parameter]!.name} of population '${pop.name}', which ${setter} every step`);
  }
  plans.forEach((j, k) => {
    const plateau = populations[j.post.population]!.dendrites?.current;
    const sets = [...(j.synapseModel?.syn.summed.map((s) => s.slot) ?? []), ...(j.coupling ? [j.coupling.current] : [])];
    if (plateau !== undefined && sets.includes(plateau)) {
      fail('E_MODEL', j.path, `sets the parameter that the dendritic plateaus of population '${populations[j.post.population]!.name}' hold (dendrites.plateau.current): give the plateau a parameter of its own`);
    }
    for (const s of j.synapseModel?.syn.summed ?? []) {
      const clash = plans.slice(0, k).find((o) => o.post.population === j.post.population && o.post.start < j.post.stop && j.post.start < o.post.stop
        && o.synapseModel?.syn.summed.some((t) => t.slot === s.slot));
      if (clash) fail('E_MODEL', `${j.path}.synapse.model`, `${s.name}_post of these neurons is summed by projection '${clash.name}' already: sum both in one projection`);
      const coupling = plans.find((o) => o.post.population === j.post.population && o.coupling?.current === s.slot);
      if (coupling) fail('E_MODEL', `${j.path}.synapse.model`, `${s.name}_post takes the currents of coupling projection '${coupling.name}': sum into another parameter`);
    }
  });
}

/** What the inputs set: a population's step current (parameter -1) or one of its per-neuron parameters. */
interface InputTarget { population: number; parameter: number }

/** Each (population, parameter) some current event sets, once (one pass over what may be millions of events). */
function inputTargets(events: readonly CurrentEvent[]): InputTarget[] {
  const seen = new Set<number>();
  for (const e of events) seen.add(e.population * 0x10000 + e.parameter + 1);
  return [...seen].map((key) => ({ population: Math.floor(key / 0x10000), parameter: (key % 0x10000) - 1 }));
}

/** What sets per-neuron parameter `slot` of a population every step (its plateaus, a coupling, a summed variable), in words; null when nothing does. */
export function parameterSetter(pop: PlannedPopulation, plans: readonly Pick<PlannedProjection, 'name' | 'post' | 'coupling' | 'synapseModel'>[], slot: number): string | null {
  if (pop.dendrites?.current === slot) return 'its dendritic plateaus hold (dendrites.plateau.current)';
  const setter = plans.find((j) => j.post.population === pop.index && (j.coupling?.current === slot || j.synapseModel?.syn.summed.some((s) => s.slot === slot)));
  return setter ? `projection '${setter.name}' sets` : null;
}

/** The largest delay (s) a planned projection can draw; planProjection bounded it already. */
export function highestDelay(j: PlannedProjection): number {
  const listed = j.rule.type === 'list' && j.rule.delay ? highestValue(j.rule.delay) : -Infinity;
  return Math.max(highestValue(j.delay), listed, j.plasticity?.delayLearning?.max ?? -Infinity);
}
