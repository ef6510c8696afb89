import * as abi from '../../assembly/abi.js';
import { fail, shown } from '../errors.js';
import type { PlannedPopulation } from './plan-population.js';
import { buildCsr, checkRule, expectedSynapses, type CheckedRule, type ConnectivityKernel, type Csr, type Sides } from './connectivity.js';
import type { ProjectionDescription, ValueSpec } from './description.js';
import { checkKeys, checkNumber, checkValueSpec } from './params.js';
import { checkPlasticity, checkStp, type ResolvedPlasticity, type ResolvedStp } from './plasticity.js';
import { RandomStream } from './random/stream.js';
import { resolveSelection, type ResolvedSelection } from './selection.js';
import { eachValue, highestValue, lowestValue } from './values.js';

export const MAX_DELAY_STEPS = 0xffff;

export interface BuiltProjection {
  index: number;
  name: string;
  pre: ResolvedSelection;
  post: ResolvedSelection;
  receptor: number;
  csr: Csr;
  /** Per-synapse weights in CSR order, or null when all share `sharedWeight`. */
  weights: Float32Array | null;
  sharedWeight: number;
  /** Per-synapse delays in steps, or null when all share `sharedDelay`. */
  delays: Uint16Array | null;
  sharedDelay: number;
  maxDelay: number;
  plasticity: ResolvedPlasticity | null;
  stp: ResolvedStp | null;
  /** Plastic projections: the incoming synapses of every post neuron (whole post population). */
  reverse: ReverseIndex | null;
  /** Plastic projections with per-synapse delays: each row's CSR indices sorted by delay (stable). */
  delayOrder: Int32Array | null;
}

export interface ReverseIndex {
  /** Incoming synapses of post neuron j are entries ptr[j] .. ptr[j + 1]. */
  ptr: Int32Array;
  /** CSR index of each entry (ascending within a neuron). */
  synapse: Int32Array;
  /** Presynaptic row of each entry. */
  row: Int32Array;
}

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
}

export function planProjection(
  desc: ProjectionDescription, index: number, pops: readonly PlannedPopulation[], dt: number, modulators: readonly string[],
): PlannedProjection {
  const path = `projections[${index}]`;
  if (desc === null || typeof desc !== 'object') fail('E_PARAM', path, `must be an object (got ${shown(desc)})`);
  checkKeys(path, desc, ['name', 'pre', 'post', 'receptor', 'rule', 'weight', 'delay', 'plasticity', 'stp']);
  const pre = resolveSelection(`${path}.pre`, desc.pre, pops);
  const post = resolveSelection(`${path}.post`, desc.post, pops);
  const target = pops[post.population]!;
  if (!target.model.receptorRules) fail('E_MODEL', `${path}.post`, `${target.model.name} population '${target.name}' takes no synaptic input`);
  const receptor = target.params.receptors.findIndex((r) => r.name === desc.receptor);
  if (receptor < 0) {
    const known = target.params.receptors.map((r) => r.name);
    fail('E_MODEL', `${path}.receptor`, `population '${target.name}' has no receptor ${shown(desc.receptor)} (has: ${known.join(', ') || 'none'})`);
  }
  const samePop = pre.population === post.population && pre.start < post.stop && post.start < pre.stop;
  const sides: Sides = {
    nPre: pre.stop - pre.start,
    nPost: post.stop - post.start,
    autapseOffset: samePop ? post.start - pre.start : null,
  };
  const rule = checkRule(`${path}.rule`, desc.rule, sides);
  const conductance = target.model.receptorRules.needsReversal;
  // Per-synapse arrays are in CSR order (ascending pre, then post); their length is checked once drawn.
  const weight = checkValueSpec(`${path}.weight`, desc.weight ?? 0, conductance ? 'nonnegative' : 'any');
  const delay = checkValueSpec(`${path}.delay`, desc.delay ?? dt, 'positive');
  checkDelayRange(`${path}.delay`, lowestValue(delay), highestValue(delay), dt);
  const listed = rule.type === 'list';
  if (listed && rule.delay) rule.delay.forEach((d, i) => checkDelayRange(`${path}.rule.delay[${i}]`, checkNumber(`${path}.rule.delay[${i}]`, d, 'positive'), d, dt));
  if (listed && rule.weight) rule.weight.forEach((w, i) => checkNumber(`${path}.rule.weight[${i}]`, w, conductance ? 'nonnegative' : 'any'));
  const perSynapseDelay = typeof delay !== 'number' || (listed && rule.delay !== undefined);
  let plasticity: ResolvedPlasticity | null = null;
  if (desc.plasticity !== undefined) {
    const delays = listed && rule.delay ? rule.delay : [lowestValue(delay), highestValue(delay)];
    const [shortest, longest] = [Math.round(Math.min(...delays) / dt), Math.round(Math.max(...delays) / dt)];
    plasticity = checkPlasticity(`${path}.plasticity`, desc.plasticity, dt, shortest, modulators);
    if (perSynapseDelay) {
      // Per-synapse delays: per-synapse presynaptic traces, arrivals walked in delay order.
      plasticity.flags |= abi.KF_SYNAPSE_DELAYS;
      plasticity.axonalSteps = longest - plasticity.dendriticSteps;
      if (desc.stp !== undefined) fail('E_PARAM', `${path}.stp`, 'short-term plasticity on a plastic projection needs one delay for all its synapses');
    }
    if (conductance && plasticity.wMin < 0) fail('E_PARAM', `${path}.plasticity.wMin`, `conductance weights cannot go below 0 (got ${plasticity.wMin})`);
    const drawn = listed && rule.weight ? rule.weight : [lowestValue(weight), highestValue(weight)];
    if (drawn.some((w) => w < plasticity!.wMin || w > plasticity!.wMax)) {
      const hint = drawn.every(Number.isFinite) ? '' : '; a normal distribution needs min and max';
      fail('E_PARAM', `${path}.weight`, `weights must lie within the plastic bounds [${plasticity.wMin}, ${plasticity.wMax}] (got ${Math.min(...drawn)} to ${Math.max(...drawn)}${hint})`);
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
  };
}

function checkDelayRange(path: string, lo: number, hi: number, dt: number): void {
  if (!(Math.round(lo / dt) >= 1)) fail('E_PARAM', path, `delay below one step (got ${lo} s with dt ${dt} s)`);
  if (!(Math.round(hi / dt) <= MAX_DELAY_STEPS)) fail('E_PARAM', path, `delay above ${MAX_DELAY_STEPS} steps (got ${hi} s with dt ${dt} s)`);
}

/** Draws the synapses, weights and delays of a planned projection. */
export function buildProjection(plan: PlannedProjection, dt: number, key: [number, number], connectivity?: ConnectivityKernel): BuiltProjection {
  const { rule, index, path } = plan;
  const csr = buildCsr(rule, plan.sides, new RandomStream(key, abi.RNG_CONNECT, index), connectivity);
  const n = csr.col.length;
  const fromList = (values: number[] | undefined) =>
    rule.type === 'list' && values ? Float64Array.from(csr.listOrder!, (k) => values[k]!) : null;

  let weights: Float32Array | null = null;
  let sharedWeight = 0;
  const listedWeights = fromList(rule.type === 'list' ? rule.weight : undefined);
  if (listedWeights) weights = Float32Array.from(listedWeights);
  else if (typeof plan.weight === 'number' && plan.plasticity) weights = new Float32Array(n).fill(plan.weight);
  else if (typeof plan.weight === 'number') sharedWeight = Math.fround(plan.weight);
  else weights = drawInto(new Float32Array(n), `${path}.weight`, plan.weight, new RandomStream(key, abi.RNG_WEIGHT, index), (w) => w);

  let delays: Uint16Array | null = null;
  let sharedDelay = 0;
  const listedDelays = fromList(rule.type === 'list' ? rule.delay : undefined);
  const delaySteps = (seconds: Float64Array) => Uint16Array.from(seconds, (d) => Math.round(d / dt));
  if (listedDelays) delays = delaySteps(listedDelays);
  else if (typeof plan.delay === 'number') sharedDelay = Math.round(plan.delay / dt);
  else delays = drawInto(new Uint16Array(n), `${path}.delay`, plan.delay, new RandomStream(key, abi.RNG_DELAY, index), (d) => Math.round(d / dt));
  // At least one step even when no synapse was drawn: the target then still has a ring.
  const maxDelay = delays ? delays.reduce((m, d) => Math.max(m, d), 1) : sharedDelay;

  return {
    index,
    name: plan.name,
    pre: plan.pre,
    post: plan.post,
    receptor: plan.receptor,
    csr,
    weights,
    sharedWeight,
    delays,
    sharedDelay,
    maxDelay,
    plasticity: plan.plasticity,
    stp: plan.stp,
    reverse: plan.plasticity ? reverseIndex(csr, plan.post.start, plan.postSize) : null,
    delayOrder: plan.plasticity && delays ? delayOrder(csr, delays) : null,
  };
}

/** Draws one value per synapse straight into `out` (no f64 copy of the whole projection), through `map`. */
function drawInto<T extends Float32Array | Uint16Array>(out: T, path: string, spec: ValueSpec, rng: RandomStream, map: (x: number) => number): T {
  eachValue(path, spec, out.length, () => rng, (values, start) => {
    for (let i = 0; i < values.length; i++) out[start + i] = map(values[i]!);
  });
  return out;
}

/** Each row's synapses in order of delay; equal delays keep CSR order. */
function delayOrder(csr: Csr, delays: Uint16Array): Int32Array {
  const order = Int32Array.from({ length: csr.col.length }, (_, k) => k);
  for (let r = 0; r + 1 < csr.rowPtr.length; r++) {
    const row = order.subarray(csr.rowPtr[r]!, csr.rowPtr[r + 1]!);
    row.set(Array.from(row).sort((a, b) => delays[a]! - delays[b]! || a - b));
  }
  return order;
}

/** Counting sort of the synapses by post neuron; within a neuron they keep CSR order. */
function reverseIndex(csr: Csr, postStart: number, postSize: number): ReverseIndex {
  const ptr = new Int32Array(postSize + 1);
  for (let k = 0; k < csr.col.length; k++) ptr[postStart + csr.col[k]! + 1]!++;
  for (let j = 0; j < postSize; j++) ptr[j + 1]! += ptr[j]!;
  const next = ptr.slice(0, postSize);
  const synapse = new Int32Array(csr.col.length);
  const row = new Int32Array(csr.col.length);
  for (let r = 0; r + 1 < csr.rowPtr.length; r++) {
    for (let k = csr.rowPtr[r]!; k < csr.rowPtr[r + 1]!; k++) {
      const at = next[postStart + csr.col[k]!]!++;
      synapse[at] = k;
      row[at] = r;
    }
  }
  return { ptr, synapse, row };
}
