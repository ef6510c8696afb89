import { fail, shown } from '../errors.js';
import type { ConnectRule } from './description.js';
import { checkInteger, checkKeys, checkNumber } from './params.js';
import { detLog } from './random/detmath.js';
import type { RandomStream } from './random/stream.js';
import type { ValueKernel } from './values.js';

export interface Sides {
  nPre: number;
  nPost: number;
  /**
   * When pre and post are slices of the same population: post index j is the same neuron
   * as pre index j + autapseOffset (so autapses can be left out). null otherwise.
   */
  autapseOffset: number | null;
}

/** A rule after its settings have been checked. */
export type CheckedRule = ConnectRule & { autapses: boolean; multapses: boolean };

export function checkRule(path: string, rule: unknown, sides: Sides): CheckedRule {
  // The rules with nothing to set may be named alone: 'all_to_all', 'one_to_one'.
  if (rule === 'all_to_all' || rule === 'one_to_one') rule = { type: rule };
  if (rule === null || typeof rule !== 'object') fail('E_PARAM', path, `must be a connection rule object (got ${shown(rule)})`);
  const r = { ...(rule as Record<string, unknown>) };
  if (r.type === undefined && 'p' in r) r.type = 'fixed_probability'; // shorthand {p}
  const known = ['all_to_all', 'one_to_one', 'fixed_probability', 'fixed_indegree', 'fixed_outdegree', 'fixed_total_number', 'list'];
  if (typeof r.type !== 'string' || !known.includes(r.type)) {
    fail('E_PARAM', `${path}.type`, `unknown connection rule ${shown(r.type)} (known: ${known.join(', ')})`);
  }
  const settings: Record<string, string[]> = {
    all_to_all: ['autapses'],
    one_to_one: [],
    fixed_probability: ['p', 'autapses'],
    fixed_indegree: ['k', 'autapses', 'multapses'],
    fixed_outdegree: ['k', 'autapses', 'multapses'],
    fixed_total_number: ['n', 'autapses', 'multapses'],
    list: ['pre', 'post', 'weight', 'delay'],
  };
  checkKeys(path, rule as object, [...(Object.hasOwn(rule as object, 'type') ? ['type'] : []), ...settings[r.type]!]);
  const autapses = r.autapses === undefined ? true : r.autapses;
  const multapses = r.multapses === undefined ? false : r.multapses;
  if (typeof autapses !== 'boolean') fail('E_PARAM', `${path}.autapses`, `must be true or false (got ${shown(autapses)})`);
  if (typeof multapses !== 'boolean') fail('E_PARAM', `${path}.multapses`, `must be true or false (got ${shown(multapses)})`);
  const base = { autapses, multapses };
  const selfCount = sides.autapseOffset === null || autapses ? 0 : 1;
  switch (r.type) {
    case 'all_to_all':
      return { type: 'all_to_all', ...base };
    case 'one_to_one':
      if (sides.nPre !== sides.nPost) fail('E_PARAM', path, `one_to_one needs equal sizes (pre ${sides.nPre}, post ${sides.nPost})`);
      return { type: 'one_to_one', ...base };
    case 'fixed_probability': {
      const p = checkNumber(`${path}.p`, r.p, 'nonnegative');
      if (p > 1) fail('E_PARAM', `${path}.p`, `must be <= 1 (got ${p})`);
      return { type: 'fixed_probability', p, ...base };
    }
    case 'fixed_indegree':
    case 'fixed_outdegree': {
      const pool = r.type === 'fixed_indegree' ? sides.nPre : sides.nPost;
      const k = checkInteger(`${path}.k`, r.k, 0);
      if (!multapses && k > pool - selfCount) {
        fail('E_PARAM', `${path}.k`, `${k} distinct partners asked of only ${pool - selfCount} (set multapses: true to allow repeats)`);
      }
      if (multapses && k > 0 && pool - selfCount <= 0) fail('E_PARAM', `${path}.k`, `no partner to choose from`);
      return { type: r.type, k, ...base };
    }
    case 'fixed_total_number': {
      const n = checkInteger(`${path}.n`, r.n, 0, 2 ** 31 - 1);
      // Leaving self-pairs out of a partial overlap would make the pairs' draw non-uniform: not offered.
      if (!autapses && sides.autapseOffset !== null) fail('E_PARAM', `${path}.autapses`, 'fixed_total_number keeps autapses where pre and post overlap (autapses: false is not supported for it)');
      const pairs = sides.nPre * sides.nPost;
      if (n > 0 && pairs === 0) fail('E_PARAM', `${path}.n`, `${n} synapses asked between empty selections`);
      if (!multapses && n > pairs) fail('E_PARAM', `${path}.n`, `${n} distinct pairs asked of only ${pairs} (set multapses: true to allow repeats)`);
      if (!multapses && pairs > 2 ** 32) fail('E_PARAM', `${path}.multapses`, `distinct pairs are drawn from at most 2^32 pairs (these selections have ${pairs}); set multapses: true`);
      return { type: 'fixed_total_number', n, ...base };
    }
    default: {
      const pre = r.pre;
      const post = r.post;
      if (!Array.isArray(pre) || !Array.isArray(post) || pre.length !== post.length) {
        fail('E_PARAM', path, 'a list rule needs arrays pre and post of equal length');
      }
      pre.forEach((x, i) => checkIndex(`${path}.pre[${i}]`, x, sides.nPre));
      post.forEach((x, i) => checkIndex(`${path}.post[${i}]`, x, sides.nPost));
      for (const key of ['weight', 'delay'] as const) {
        const a = r[key];
        if (a !== undefined && (!Array.isArray(a) || a.length !== pre.length)) {
          fail('E_PARAM', `${path}.${key}`, `must be an array with one value per listed synapse (${pre.length})`);
        }
      }
      return { type: 'list', pre, post, weight: r.weight as number[] | undefined, delay: r.delay as number[] | undefined, ...base };
    }
  }
}

function checkIndex(path: string, x: unknown, n: number): void {
  if (typeof x !== 'number' || !Number.isInteger(x) || x < 0 || x >= n) {
    fail('E_INDEX', path, `neuron index ${shown(x)} out of range [0, ${n})`);
  }
}

/** Synapses a rule will make, known before building (expected value for random rules). */
export function expectedSynapses(rule: CheckedRule, s: Sides): number {
  switch (rule.type) {
    case 'all_to_all': return s.nPre * s.nPost;
    case 'one_to_one': return s.nPre;
    case 'fixed_probability': return s.nPre * s.nPost * rule.p;
    case 'fixed_indegree': return rule.k * s.nPost;
    case 'fixed_outdegree': return rule.k * s.nPre;
    case 'fixed_total_number': return rule.n;
    case 'list': return rule.pre.length;
  }
}

/**
 * The wasm kernel's connectivity drawing, offered by the wasm backend: the same draws as
 * eachSynapse's fixed_probability and fixed_total_number (multapses) loops, faster, and the
 * values of eachValue (ValueKernel). Each method reads the stream's key and counter only and
 * does not advance `rng`, so the stream must not be used again afterwards; noSelf: row i
 * leaves out column i - selfOffset.
 */
export interface ConnectivityKernel extends ValueKernel {
  /** The row pointers (nPre + 1) of a fixed_probability rule. */
  fixedProbabilityRows(nPre: number, nPost: number, logQ: number, rng: RandomStream, noSelf: boolean, selfOffset: number): Int32Array<ArrayBuffer>;
  /**
   * Draws the columns (local indices) of the rows countRows counted straight into `col`, using
   * `rowEnds` (nPre + 1 words) as scratch, when both are views of the kernel's own memory (the
   * image being written there); false, touching nothing, when they are not.
   */
  fixedProbabilityColumns(
    nPre: number, nPost: number, logQ: number, rng: RandomStream, noSelf: boolean, selfOffset: number,
    rowPtr: Int32Array, col: Int32Array | Uint16Array, rowEnds: Int32Array,
  ): boolean;
  /** The row pointers (nPre + 1) of `n` synapses of a fixed_total_number rule with multapses. */
  fixedTotalNumberRows(nPre: number, nPost: number, n: number, rng: RandomStream): Int32Array<ArrayBuffer>;
  /**
   * Draws the columns plus `offset` of those rows straight into `col`, each row ascending, using
   * `scratch` (nPre + 1 words) as scratch, when both are views of the kernel's own memory; false,
   * touching nothing, when they are not.
   */
  fixedTotalNumberColumns(
    nPre: number, nPost: number, rng: RandomStream, rowPtr: Int32Array, col: Int32Array | Uint16Array, offset: number, scratch: Int32Array,
  ): boolean;
}

// Synapses are laid out in compressed sparse rows (row = local pre index, columns ascending
// within a row, repeated pairs in the order drawn). Connectivity is drawn twice, from two
// streams that give the same numbers: countRows finds the row pointers, which the layout needs,
// keeping no column; placeColumns then writes the columns straight into the image, so a
// projection's columns are never held in JavaScript.

/** The row pointers (nPre + 1) of a rule's synapses, drawn from `rng`. */
export function countRows(rule: CheckedRule, s: Sides, rng: RandomStream, kernel?: ConnectivityKernel): Int32Array<ArrayBuffer> {
  if (rule.type === 'list') return rowStarts(Int32Array.from(rule.pre), s.nPre);
  if (rule.type === 'fixed_probability' && kernel && rule.p > 0 && rule.p < 1 && rng.untouched) {
    return kernel.fixedProbabilityRows(s.nPre, s.nPost, logOneMinus(rule.p), rng, !rule.autapses && s.autapseOffset !== null, s.autapseOffset ?? 0);
  }
  if (rule.type === 'fixed_total_number' && rule.multapses && kernel && rng.untouched) {
    return kernel.fixedTotalNumberRows(s.nPre, s.nPost, rule.n, rng);
  }
  const rowPtr = new Int32Array(s.nPre + 1);
  eachSynapse(rule, s, rng, (i) => rowPtr[i + 1]!++);
  for (let i = 0; i < s.nPre; i++) rowPtr[i + 1]! += rowPtr[i]!;
  return rowPtr;
}

/**
 * Writes each synapse's column plus `offset` into `col` (rowPtr[nPre] long; u16 where every
 * column fits) at its place in CSR order; `rng` must give the numbers countRows drew (`order`:
 * a list rule's listOrder). `kernel` draws fixed_probability and fixed_total_number (multapses)
 * columns when `col` and `scratch` (nPre + 1 words, e.g. the image's row pointers, written
 * afterwards) are in its memory.
 */
export function placeColumns(
  rule: CheckedRule, s: Sides, rng: RandomStream, rowPtr: Int32Array, order: Int32Array | null, col: Int32Array | Uint16Array, offset: number,
  kernel?: ConnectivityKernel, scratch?: Int32Array,
): void {
  if (rule.type === 'list') {
    order!.forEach((m, k) => (col[k] = rule.post[m]! + offset));
    return;
  }
  const noSelf = !rule.autapses && s.autapseOffset !== null;
  if (rule.type === 'fixed_probability' && kernel && scratch && rule.p > 0 && rule.p < 1 && rng.untouched
    && kernel.fixedProbabilityColumns(s.nPre, s.nPost, logOneMinus(rule.p), rng, noSelf, s.autapseOffset ?? 0, rowPtr, col, scratch)) {
    if (offset !== 0) for (let k = 0; k < col.length; k++) col[k]! += offset;
    return;
  }
  if (rule.type === 'fixed_total_number' && rule.multapses && kernel && scratch && rng.untouched
    && kernel.fixedTotalNumberColumns(s.nPre, s.nPost, rng, rowPtr, col, offset, scratch)) return;
  // Rows fill in the order their synapses come: by row for most rules, by post neuron for
  // fixed_indegree, which leaves each row in post order too; fixed_total_number's come in any
  // order, so its rows are sorted after.
  const next = rowPtr.slice(0, s.nPre);
  eachSynapse(rule, s, rng, (i, j) => (col[next[i]!++] = j + offset));
  if (rule.type === 'fixed_total_number') for (let i = 0; i < s.nPre; i++) col.subarray(rowPtr[i]!, rowPtr[i + 1]!).sort();
  // The two passes must agree (the counts may come from the wasm kernel): a row filled short
  // or long would shift every later synapse.
  for (let i = 0; i < s.nPre; i++) {
    if (next[i] !== rowPtr[i + 1]) throw new Error(`connectivity: row ${i} was counted with ${rowPtr[i + 1]! - rowPtr[i]!} synapses and placed with ${next[i]! - rowPtr[i]!}`);
  }
}

/** Every synapse of a random or regular rule as (row, column), drawing from `rng` in a fixed order. */
function eachSynapse(rule: Exclude<CheckedRule, { type: 'list' }>, s: Sides, rng: RandomStream, emit: (i: number, j: number) => void): void {
  const noSelf = !rule.autapses && s.autapseOffset !== null;
  const offset = s.autapseOffset ?? 0;
  // The partner index that is the neuron itself, if it is in range and must be left out.
  const selfIndex = (x: number, n: number) => (noSelf && x >= 0 && x < n ? x : -1);
  switch (rule.type) {
    case 'all_to_all':
    case 'fixed_probability': {
      const p = rule.type === 'all_to_all' ? 1 : rule.p;
      if (p <= 0) return;
      const logQ = p < 1 ? logOneMinus(p) : 0;
      for (let i = 0; i < s.nPre; i++) {
        for (let j = p < 1 ? rng.geometric(logQ) : 0; j < s.nPost; j += p < 1 ? 1 + rng.geometric(logQ) : 1) {
          if (!(noSelf && j + offset === i)) emit(i, j);
        }
      }
      return;
    }
    case 'one_to_one':
      for (let i = 0; i < s.nPre; i++) emit(i, i);
      return;
    case 'fixed_outdegree':
      for (let i = 0; i < s.nPre; i++) {
        for (const j of choose(rule.k, s.nPost, rule.multapses, selfIndex(i - offset, s.nPost), rng)) emit(i, j);
      }
      return;
    case 'fixed_indegree':
      for (let j = 0; j < s.nPost; j++) {
        for (const i of choose(rule.k, s.nPre, rule.multapses, selfIndex(j + offset, s.nPre), rng)) emit(i, j);
      }
      return;
    case 'fixed_total_number':
      if (rule.multapses) {
        // Each synapse independently: its pre, then its post, uniform.
        for (let m = 0; m < rule.n; m++) {
          const i = rng.below(s.nPre);
          emit(i, rng.below(s.nPost));
        }
      } else {
        // n distinct pairs of the nPre * nPost (at most 2^32, checked), by Floyd's algorithm.
        for (const x of floyd(rule.n, s.nPre * s.nPost, rng)) emit(Math.floor(x / s.nPost), x % s.nPost);
      }
  }
}

/** k distinct integers of [0, pool) (k <= pool <= 2^32) in the order Floyd's algorithm picks them. */
function floyd(k: number, pool: number, rng: RandomStream): Set<number> {
  const picked = new Set<number>();
  for (let t = pool - k; t < pool; t++) {
    const x = rng.below(t + 1);
    picked.add(picked.has(x) ? t : x);
  }
  return picked;
}

/** log(1 - p), accurate also where 1 - p rounds to 1 (a series for small p). */
export function logOneMinus(p: number): number {
  if (p >= 1e-4) return detLog(1 - p);
  return -p * (1 + p * (1 / 2 + p * (1 / 3 + p / 4)));
}

/**
 * k indices from [0, n) except `excluded` (-1 for none), sorted: without repeats by Floyd's
 * algorithm, with repeats by independent draws. Draws come from a pool with the excluded
 * index cut out, so the result never depends on a rejection loop.
 */
function choose(k: number, n: number, repeats: boolean, excluded: number, rng: RandomStream): Int32Array {
  const pool = excluded >= 0 ? n - 1 : n;
  const out = new Int32Array(k);
  if (repeats) {
    for (let m = 0; m < k; m++) out[m] = rng.below(pool);
  } else {
    let m = 0;
    for (const x of floyd(k, pool, rng)) out[m++] = x;
  }
  if (excluded >= 0) for (let m = 0; m < k; m++) if (out[m]! >= excluded) out[m]!++;
  return out.sort();
}

/** Row pointers of the CSR whose row of each entry is `row[m]`: rows count their entries. */
function rowStarts(row: Int32Array, rows: number): Int32Array<ArrayBuffer> {
  const rowPtr = new Int32Array(rows + 1);
  for (let m = 0; m < row.length; m++) rowPtr[row[m]! + 1]!++;
  for (let i = 0; i < rows; i++) rowPtr[i + 1]! += rowPtr[i]!;
  return rowPtr;
}

/**
 * The synapses of a list in CSR order, as places in the list: sorted by (pre, post, place) with
 * two stable counting sorts (by post, then by pre), linear in the list's length.
 */
export function listOrder(rule: Extract<CheckedRule, { type: 'list' }>, s: Sides): Int32Array {
  const pre = Int32Array.from(rule.pre);
  const post = Int32Array.from(rule.post);
  const postNext = rowStarts(post, s.nPost);
  const byPost = new Int32Array(pre.length);
  for (let m = 0; m < pre.length; m++) byPost[postNext[post[m]!]!++] = m;
  const next = rowStarts(pre, s.nPre);
  const order = new Int32Array(pre.length);
  for (const m of byPost) order[next[pre[m]!]!++] = m;
  return order;
}
