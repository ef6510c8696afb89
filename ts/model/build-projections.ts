import * as abi from '../../assembly/abi.js';
import { fail, shown } from '../errors.js';
import { parseStatements, SourceText } from '../equations/parse.js';
import { checkSynapseModel, stateDim, type CheckedSynapse, type SynapseSide } from '../equations/synapse-model.js';
import { variableSlots } from '../equations/synapse-program.js';
import { DIMENSIONLESS, parseQuantity, unitText } from '../equations/units.js';
import { isPlainObject } from './plain-data.js';
import type { PlannedPopulation } from './plan-population.js';
import { checkRule, countRows, expectedSynapses, listOrder, type CheckedRule, type ConnectivityKernel, type Sides } from './connectivity.js';
import type { ProjectionDescription, ValueSpec } from './description.js';
import { checkKeys, checkNumber, checkValueSpec, MAX_DELAY_STEPS } from './params.js';
import { planCoupling, type Coupling } from './couplings.js';
import { checkPlasticity, checkStp, programPlasticity, type ResolvedPlasticity, type ResolvedStp } from './plasticity.js';
import { RandomStream } from './random/stream.js';
import { resolveSelection, type ResolvedSelection } from './selection.js';
import { eachValue, highestValue, inChunks, lowestValue, type ValueKernel } from './values.js';

/** A projection's synapses as built (the API's SynapseTable): indices within the populations, SI units. */
export interface SynapseList {
  readonly pre: ArrayLike<number>;
  readonly post: ArrayLike<number>;
  readonly weight: ArrayLike<number>;
  /** Seconds, whole steps. */
  readonly delay: ArrayLike<number>;
}

export interface BuiltProjection {
  index: number;
  name: string;
  pre: ResolvedSelection;
  post: ResolvedSelection;
  receptor: number;
  rule: CheckedRule;
  sides: Sides;
  /** CSR row pointers (nPre + 1); the columns are placed into the image (placeColumns). */
  rowPtr: Int32Array;
  synapses: number;
  /** List rules: each CSR synapse's place in the list; null for other rules. */
  listOrder: Int32Array | null;
  /** Per-synapse weights in CSR order (drawn into the image, see eachSynapseValue), or null when all share `sharedWeight`. */
  weights: SynapseValues | null;
  sharedWeight: number;
  /** Per-synapse delays in seconds, made into steps as they are written, or null when all share `sharedDelay` (steps). */
  delays: SynapseValues | null;
  sharedDelay: number;
  maxDelay: number;
  plasticity: ResolvedPlasticity | null;
  stp: ResolvedStp | null;
  synapseModel: SynapseModelPlan | null;
  /** Electrical or graded synapses: the projection couples every step instead of carrying spikes. */
  coupling: Coupling | null;
  /** As PlannedProjection.weightUnit. */
  weightUnit: string | null;
}

/**
 * A projection's synapse model: the checked model, the initial value of each of its arrays
 * (variables other than w, which the weights hold), and the number of its onPre program
 * (onPost is the next), set when the network is planned.
 */
export interface SynapseModelPlan {
  syn: CheckedSynapse;
  init: ValueSpec[];
  program: number;
}

/**
 * Per-synapse values as they are made when the image is written, not before (so a projection's
 * values are never held twice): a list rule's own values (in list order), or drawn from a spec
 * on the projection's stream for `purpose` (RNG_WEIGHT, RNG_DELAY), the same bits each time.
 */
export type SynapseValues = { listed: readonly number[] } | { spec: ValueSpec; purpose: number };

/** A projection whose description has been checked but whose synapses are not drawn yet. */
export interface PlannedProjection {
  index: number;
  name: string;
  path: string;
  pre: ResolvedSelection;
  post: ResolvedSelection;
  receptor: number;
  rule: CheckedRule;
  sides: Sides;
  weight: ValueSpec;
  delay: ValueSpec;
  /** Synapses expected, to check memory before drawing them. */
  expected: number;
  perSynapseWeight: boolean;
  perSynapseDelay: boolean;
  plasticity: ResolvedPlasticity | null;
  stp: ResolvedStp | null;
  /** Neurons of the whole post population (the reverse index covers all of them). */
  postSize: number;
  synapseModel: SynapseModelPlan | null;
  coupling: Coupling | null;
  /**
   * The unit of its weights ('S', 'A', 'V' for built-in receptors, the target variable's for
   * equations, '1' for dendritic segments); null where they are in a paper's units (izhikevich)
   * or a synapse model's own.
   */
  weightUnit: string | null;
}

/** A built-in model's receptor, named by `receptor`; weights in its unit. */
function builtinReceptor(path: string, desc: ProjectionDescription, target: PlannedPopulation): { receptor: number; weightUnit: string } {
  if (desc.synapse !== undefined) fail('E_MODEL', `${path}.synapse`, `synapse statements act on models written as equations; ${target.model.name} population '${target.name}' takes a receptor`);
  return namedReceptor(path, `${path}.post`, desc.receptor, target);
}

/**
 * Receptor `name` (at `${path}.receptor`) of a built-in model's population (named at
 * `targetPath` in errors): its index, the unit of weights onto it, and whether those weights are
 * conductances, which cannot be negative.
 */
export function namedReceptor(path: string, targetPath: string, name: unknown, target: PlannedPopulation): { receptor: number; weightUnit: string; conductance: boolean } {
  if (!target.model.receptorRules) fail('E_MODEL', targetPath, `${target.model.name} population '${target.name}' takes no synaptic input`);
  const receptor = target.params.receptors.findIndex((r) => r.name === name);
  if (receptor < 0) {
    const known = target.params.receptors.map((r) => r.name);
    fail('E_MODEL', `${path}.receptor`, `population '${target.name}' has no receptor ${shown(name)} (has: ${known.join(', ') || 'none'})`);
  }
  return { receptor, weightUnit: builtinWeightUnit(target, target.params.receptors[receptor]!), conductance: target.model.receptorRules.needsReversal };
}

/**
 * An equation model's target: `synapse: { onPre: 'x += w' }` adds each spike's weight to the
 * state variable x (weights in x's unit). Each variable projections add to becomes one of the
 * population's receptors, with its own delay ring.
 */
function equationTarget(path: string, desc: ProjectionDescription, target: PlannedPopulation): { receptor: number; weightUnit: string } {
  if (desc.receptor !== undefined) fail('E_MODEL', `${path}.receptor`, `population '${target.name}' is written as equations: say what a spike does with synapse: { onPre: 'x += w' }`);
  const synapse = desc.synapse as unknown;
  if (!isPlainObject(synapse)) fail('E_MODEL', `${path}.synapse`, `is required for a target written as equations: { onPre: 'x += w' } (got ${shown(synapse)})`);
  if (typeof synapse.onPre !== 'string') fail('E_EQUATION', `${path}.synapse.onPre`, `must be a statement such as 'ge += w' (got ${shown(synapse.onPre)})`);
  const src = new SourceText(`${path}.synapse.onPre`, synapse.onPre);
  const statements = parseStatements(src);
  const st = statements[0] ?? src.error({ line: 1, column: 1 }, "a statement such as 'ge += w' is required");
  if (statements.length !== 1 || st.op !== '+=' || st.expr.kind !== 'name' || st.expr.name !== 'w') {
    src.error(st, "without a synapse model, onPre is 'x += w' (add the weight to a variable of the target); give the synapse a model ('w : 1', ...) to write other statements");
  }
  const segment = target.dendrites?.names.indexOf(st.target) ?? -1;
  if (segment >= 0) return { receptor: abi.SEGMENT_RECEPTOR + segment, weightUnit: '1' };
  const states = target.model.equations!.states;
  const variable = states.findIndex((v) => v.name === st.target);
  if (variable < 0) src.error(st, `${shown(st.target)} is not a state variable${target.dendrites ? ' or segment' : ''} of population '${target.name}' (has: ${[...states.map((v) => v.name), ...target.dendrites?.names ?? []].join(', ')})`);
  let receptor = target.params.receptors.findIndex((r) => r.name === st.target);
  if (receptor < 0) receptor = target.params.receptors.push({ name: st.target, tau: 0, eRev: 0 }) - 1;
  return { receptor, weightUnit: unitText(states[variable]!.dim) };
}

export function planProjection(
  desc: ProjectionDescription, index: number, pops: readonly PlannedPopulation[], dt: number, modulators: readonly string[],
): PlannedProjection {
  const path = `projections[${index}]`;
  if (desc === null || typeof desc !== 'object') fail('E_PARAM', path, `must be an object (got ${shown(desc)})`);
  const coupled = desc.electrical !== undefined || desc.graded !== undefined;
  if (!coupled) checkKeys(path, desc, ['name', 'pre', 'post', 'receptor', 'synapse', 'init', 'rule', 'weight', 'delay', 'plasticity', 'stp']);
  const pre = resolveSelection(`${path}.pre`, desc.pre, pops);
  const post = resolveSelection(`${path}.post`, desc.post, pops);
  const target = pops[post.population]!;
  const coupling = coupled ? planCoupling(path, desc, pops[pre.population]!, target, pre.population === post.population) : null;
  const modelled = !coupled && desc.synapse !== undefined && (!target.model.equations || Object.keys(desc.synapse).some((key) => key !== 'onPre'));
  if (desc.init !== undefined && !modelled) fail('E_PARAM', `${path}.init`, 'sets the variables of a synapse model; this projection has none');
  const synapseModel = modelled ? planSynapseModel(path, desc, pops[pre.population]!, target, dt, modulators) : null;
  // A coupling delivers nothing through a receptor: its index is unused.
  const plain = coupling ? { receptor: 0, weightUnit: coupling.weightUnit } : synapseModel ? null : target.model.equations ? equationTarget(path, desc, target) : builtinReceptor(path, desc, target);
  const receptor = synapseModel ? synapseModel.receptor : plain!.receptor;
  const samePop = pre.population === post.population && pre.start < post.stop && post.start < pre.stop;
  const sides: Sides = {
    nPre: pre.stop - pre.start,
    nPost: post.stop - post.start,
    autapseOffset: samePop ? post.start - pre.start : null,
  };
  const rule = checkRule(`${path}.rule`, desc.rule, sides);
  // Conductances (and a coupling's) cannot be negative.
  const conductance = coupling !== null || (target.model.receptorRules?.needsReversal ?? false);
  // Per-synapse arrays are in CSR order (ascending pre, then post); their length is checked once counted.
  const weight = synapseModel ? synapseModel.weight : checkValueSpec(`${path}.weight`, desc.weight ?? 0, conductance ? 'nonnegative' : 'any', plain!.weightUnit);
  const delay = checkValueSpec(`${path}.delay`, desc.delay ?? dt, 'positive', 's');
  checkDelayRange(`${path}.delay`, lowestValue(delay), highestValue(delay), dt);
  const listed = rule.type === 'list';
  if (listed && rule.delay) rule.delay.forEach((d, i) => checkDelayRange(`${path}.rule.delay[${i}]`, checkNumber(`${path}.rule.delay[${i}]`, d, 'positive'), d, dt));
  if (listed && rule.weight) rule.weight.forEach((w, i) => checkNumber(`${path}.rule.weight[${i}]`, w, conductance ? 'nonnegative' : 'any'));
  // Delays that learn are kept per synapse even when they all start equal.
  const perSynapseDelay = typeof delay !== 'number' || (listed && rule.delay !== undefined) || desc.plasticity?.delays !== undefined;
  let plasticity: ResolvedPlasticity | null = null;
  const delays = listed && rule.delay ? rule.delay : [lowestValue(delay), highestValue(delay)];
  // Not Math.min(...delays): a list of a few hundred thousand synapses overflows the call stack.
  const [shortest, longest] = [Math.round(delays.reduce((a, b) => Math.min(a, b)) / dt), Math.round(delays.reduce((a, b) => Math.max(a, b)) / dt)];
  if (synapseModel) {
    if (desc.plasticity !== undefined) fail('E_PARAM', `${path}.plasticity`, 'a projection with a synapse model learns by its statements, not by a built-in rule');
    if (desc.stp !== undefined) fail('E_PARAM', `${path}.stp`, 'short-term plasticity does not combine with a synapse model yet: write it in the model');
    const syn = synapseModel.plan.syn;
    const dendritic = Math.round(checkNumber(`${path}.synapse.dendriticDelay`, syn.spec.dendriticDelay ?? 0, 'nonnegative', 's') / dt);
    if (dendritic > shortest - 1) fail('E_PARAM', `${path}.synapse.dendriticDelay`, `leaves less than one step of axonal delay (${dendritic} of ${shortest} steps)`);
    plasticity = programPlasticity(syn.taus, dt, dendritic, longest - dendritic, perSynapseDelay);
    if (syn.clock || syn.summed.length > 0) plasticity.flags |= abi.KF_SYNAPSE_STEP;
  } else if (desc.plasticity !== undefined) {
    if (receptor >= abi.SEGMENT_RECEPTOR) fail('E_MODEL', `${path}.plasticity`, 'synapses onto dendritic segments learn by a synapse model (the permanence rule of docs/dendrites.md), not by a built-in rule');
    plasticity = checkPlasticity(`${path}.plasticity`, desc.plasticity, dt, shortest, modulators);
    if (perSynapseDelay) {
      // Per-synapse delays: per-synapse presynaptic traces, arrivals walked in delay order.
      plasticity.flags |= abi.KF_SYNAPSE_DELAYS;
      plasticity.axonalSteps = longest - plasticity.dendriticSteps;
      if (desc.stp !== undefined) fail('E_PARAM', `${path}.stp`, `short-term plasticity on a plastic projection needs one delay for all its synapses${plasticity.delayLearning ? ' (delays that learn are per synapse)' : ''}`);
    }
    // Delays alone leave the weights unbounded (they never change), except that conductances stay >= 0.
    if (conductance && plasticity.wMin === -Infinity) plasticity.wMin = 0;
    const learning = plasticity.delayLearning;
    if (learning) {
      plasticity.flags |= abi.KF_LEARN_DELAYS;
      plasticity.axonalSteps = learning.maxSteps - plasticity.dendriticSteps;
      if (shortest < learning.minSteps || longest > learning.maxSteps) {
        fail('E_PARAM', `${path}.delay`, `delays must start within the learning bounds [${learning.minSteps}, ${learning.maxSteps}] steps (got ${shortest} to ${longest})`);
      }
    }
    if (conductance && plasticity.wMin < 0) fail('E_PARAM', `${path}.plasticity.wMin`, `conductance weights cannot go below 0 (got ${plasticity.wMin})`);
    const drawn = listed && rule.weight ? rule.weight : [lowestValue(weight), highestValue(weight)];
    if (drawn.some((w) => w < plasticity!.wMin || w > plasticity!.wMax)) {
      const hint = drawn.every(Number.isFinite) ? '' : '; a normal distribution needs min and max';
      fail('E_PARAM', `${path}.weight`, `weights must lie within the plastic bounds [${plasticity.wMin}, ${plasticity.wMax}] (got ${drawn.reduce((a, b) => Math.min(a, b))} to ${drawn.reduce((a, b) => Math.max(a, b))}${hint})`);
    }
  }
  const stp = desc.stp === undefined ? null : checkStp(`${path}.stp`, desc.stp, dt);
  return {
    index,
    name: desc.name ?? `projection${index}`,
    path,
    pre,
    post,
    receptor,
    rule,
    sides,
    weight,
    delay,
    expected: expectedSynapses(rule, sides),
    perSynapseWeight: plasticity !== null || typeof weight !== 'number' || (listed && rule.weight !== undefined),
    perSynapseDelay,
    plasticity,
    stp,
    postSize: target.size,
    synapseModel: synapseModel?.plan ?? null,
    coupling: coupling?.coupling ?? null,
    weightUnit: synapseModel || target.model.stateVars.some((v) => v.paperUnit !== undefined) ? null : plain!.weightUnit,
  };
}

/** A neuron population as synapse statements see it: its f32 state variables by slot, with their dimensions. */
function synapseSide(pop: PlannedPopulation): SynapseSide {
  return {
    name: pop.name,
    variables: pop.model.stateVars.flatMap((v, slot) => (v.type === 'f32' ? [{ name: v.name, slot, dim: stateDim(v.unit) }] : [])),
    perNeuron: pop.model.equations?.params.map((q, slot) => ({ name: q.name, slot, dim: q.dim })) ?? [],
  };
}

/**
 * Checks a projection's synapse model against its two populations; its target (what onPre
 * adds to) becomes the projection's receptor, a new one for a variable of an equation model.
 */
function planSynapseModel(path: string, desc: ProjectionDescription, source: PlannedPopulation, target: PlannedPopulation, dt: number, modulators: readonly string[]) {
  if (desc.receptor !== undefined) fail('E_MODEL', `${path}.receptor`, 'a synapse model names what it adds to in onPre (ge += w)');
  const segments = target.dendrites?.names ?? [];
  const receptors = target.model.equations
    ? [...target.model.equations.states.map((v) => ({ name: v.name, dim: v.dim })), ...segments.map((name) => ({ name, dim: DIMENSIONLESS }))]
    : target.params.receptors.map((r) => ({ name: r.name, dim: parseQuantity('unit', builtinWeightUnit(target, r)).dim }));
  const syn = checkSynapseModel(`${path}.synapse`, desc.synapse, { pre: synapseSide(source), post: synapseSide(target), targets: receptors, modulators, dt });
  // A model that delivers nothing (a gap junction's summed current) takes no receptor: its index is unused.
  const segment = syn.target === null ? -1 : segments.indexOf(syn.target);
  let receptor = syn.target === null ? 0 : segment >= 0 ? abi.SEGMENT_RECEPTOR + segment : target.params.receptors.findIndex((r) => r.name === syn.target);
  if (receptor < 0) receptor = target.params.receptors.push({ name: syn.target!, tau: 0, eRev: 0 }) - 1;

  const init: Record<string, unknown> = desc.init ?? {};
  if (!isPlainObject(init)) fail('E_PARAM', `${path}.init`, `must be an object of initial values by synapse variable (got ${shown(init)})`);
  for (const name of Object.keys(init)) {
    if (!syn.variables.some((v) => v.name === name)) fail('E_PARAM', `${path}.init.${name}`, `the synapse model has no variable ${name} (has: ${syn.variables.map((v) => v.name).join(', ') || 'none'})`);
  }
  if (syn.weight < 0 && desc.weight !== undefined) fail('E_PARAM', `${path}.weight`, 'the synapse model has no w to set');
  if (init.w !== undefined && desc.weight !== undefined) fail('E_PARAM', `${path}.weight`, 'sets w, as init.w does: give one of them');
  const valueOf = (k: number) => {
    const v = syn.variables[k]!;
    const given = v.name === 'w' ? init.w ?? desc.weight : init[v.name];
    return checkValueSpec(v.name === 'w' && desc.weight !== undefined ? `${path}.weight` : `${path}.init.${v.name}`, given ?? 0, 'any', unitText(v.dim));
  };
  const slots = variableSlots(syn);
  const arrays = syn.variables.flatMap((_, k) => (slots[k]! >= 0 ? [valueOf(k)] : []));
  return {
    plan: { syn, init: arrays, program: 0 } as SynapseModelPlan,
    receptor,
    weight: syn.weight >= 0 ? valueOf(syn.weight) : 0,
  };
}

/** The unit of a built-in receptor's weights: siemens (conductance), volts (delta), amperes (current). */
function builtinWeightUnit(target: PlannedPopulation, r: { tau: number }): string {
  return target.model.receptorRules!.needsReversal ? 'S' : r.tau === 0 ? 'V' : 'A';
}

/** A delay range (s) within [1, MAX_DELAY_STEPS] steps once rounded. */
export function checkDelayRange(path: string, lo: number, hi: number, dt: number): void {
  if (!(Math.round(lo / dt) >= 1)) fail('E_PARAM', path, `delay below one step (got ${lo} s with dt ${dt} s)`);
  if (!(Math.round(hi / dt) <= MAX_DELAY_STEPS)) fail('E_PARAM', path, `delay above ${MAX_DELAY_STEPS} steps (got ${hi} s with dt ${dt} s)`);
}

/**
 * Counts the synapses of a planned projection row by row; their columns, weights and delays are
 * drawn into the image when it is written (placeColumns, eachSynapseValue).
 */
export function buildProjection(plan: PlannedProjection, dt: number, key: [number, number], connectivity?: ConnectivityKernel): BuiltProjection {
  const { rule, index } = plan;
  const rowPtr = countRows(rule, plan.sides, new RandomStream(key, abi.RNG_CONNECT, index), connectivity);
  const n = rowPtr[rowPtr.length - 1]!;
  for (const [name, spec] of [['weight', plan.weight], ['delay', plan.delay]] as const) {
    if (Array.isArray(spec) && spec.length !== n) fail('E_PARAM', `${plan.path}.${name}`, `has ${spec.length} values, expected ${n} (one per synapse, in CSR order)`);
  }
  const order = rule.type === 'list' ? listOrder(rule, plan.sides) : null;
  const fromList = (values: number[] | undefined) => (values ? { listed: values } : null);

  // A plastic projection keeps one weight per synapse, even when they all start equal.
  const sharesWeight = typeof plan.weight === 'number' && !plan.plasticity;
  const weights = fromList(rule.type === 'list' ? rule.weight : undefined) ?? (sharesWeight ? null : { spec: plan.weight, purpose: abi.RNG_WEIGHT });
  const sharedWeight = weights ? 0 : Math.fround(plan.weight as number);
  const delays = fromList(rule.type === 'list' ? rule.delay : undefined) ?? (plan.perSynapseDelay ? { spec: plan.delay, purpose: abi.RNG_DELAY } : null);
  const sharedDelay = delays ? 0 : Math.round((plan.delay as number) / dt);
  // The ring lengths depend on the largest delay drawn: one pass over the draws, nothing kept.
  // At least one step even when no synapse was drawn: the target then still has a ring.
  let maxDelay = Math.max(delays ? 1 : sharedDelay, plan.plasticity?.delayLearning?.maxSteps ?? 0);
  if (delays) {
    eachSynapseValue(delays, n, order, key, index, (values) => {
      for (let i = 0; i < values.length; i++) maxDelay = Math.max(maxDelay, Math.round(values[i]! / dt));
    }, connectivity);
  }

  return {
    index,
    name: plan.name,
    pre: plan.pre,
    post: plan.post,
    receptor: plan.receptor,
    rule,
    sides: plan.sides,
    rowPtr,
    synapses: n,
    listOrder: order,
    weights,
    sharedWeight,
    delays,
    sharedDelay,
    maxDelay,
    plasticity: plan.plasticity,
    stp: plan.stp,
    synapseModel: plan.synapseModel,
    coupling: plan.coupling,
    weightUnit: plan.weightUnit,
  };
}

/**
 * Hands a projection's `n` per-synapse values to `each` in chunks, in CSR order (`order`: a list
 * rule's listOrder); `kernel` (the wasm backend's) may draw them.
 */
export function eachSynapseValue(
  values: SynapseValues, n: number, order: Int32Array | null, key: [number, number], index: number, each: (chunk: Float64Array, start: number) => void,
  kernel?: ValueKernel,
): void {
  if ('listed' in values) {
    const { listed } = values;
    inChunks(n, (chunk, start) => {
      for (let i = 0; i < chunk.length; i++) chunk[i] = listed[order![start + i]!]!;
    }, each);
  } else {
    eachValue(values.spec, n, () => new RandomStream(key, values.purpose, index), each, kernel);
  }
}
