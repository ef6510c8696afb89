// The wasm kernel's draws for building a network (connectPairs and sortRows for
// fixed_total_number with multapses, drawValues for uniform and normal values) give the
// numbers of the JavaScript loops they stand in for, and the builder falls back to those loops
// where the kernel does not draw.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as abi from '../../assembly/abi.js';
import { kernelConnectivity, type ConnectExports } from '../../ts/backends/wasm/connect-rows.js';
import { growMemory } from '../../ts/backends/wasm/grow-memory.js';
import { countRows, placeColumns, type CheckedRule, type ConnectivityKernel, type Sides } from '../../ts/model/connectivity.js';
import type { NetworkDescription, ProjectionDescription, ValueSpec } from '../../ts/model/description.js';
import { seedKey } from '../../ts/model/random/philox.js';
import { RandomStream } from '../../ts/model/random/stream.js';
import { eachValue } from '../../ts/model/values.js';
import { simulator } from '../support/helpers.js';

const module = new WebAssembly.Module(readFileSync(new URL('../../dist/spikewasm.wasm', import.meta.url)));

/** A fresh kernel instance and its ConnectivityKernel, with a count of the draws it took on. */
function freshKernel() {
  const exports = new WebAssembly.Instance(module, {}).exports as unknown as ConnectExports;
  const kernel = kernelConnectivity(exports);
  const taken = { columns: 0, values: 0 };
  const counting: ConnectivityKernel = {
    ...kernel,
    fixedTotalNumberColumns: (...args) => {
      const done = kernel.fixedTotalNumberColumns(...args);
      if (done) taken.columns++;
      return done;
    },
    valueDrawer: (spec, rng) => {
      const drawer = kernel.valueDrawer(spec, rng);
      if (drawer) taken.values++;
      return drawer;
    },
  };
  return { exports, kernel: counting, taken };
}

/** The first index where two arrays differ in their bits (or length), -1 when none. */
function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

const stream = (seed: number, purpose = abi.RNG_CONNECT) => new RandomStream(seedKey(seed), purpose, seed);
const multapses = (n: number): CheckedRule => ({ type: 'fixed_total_number', n, autapses: true, multapses: true });

describe('fixed_total_number with multapses drawn by the kernel (connectPairs, sortRows)', () => {
  const cases: [string, Sides, number][] = [
    ['nPre != nPost', { nPre: 40, nPost: 30, autapseOffset: null }, 1000],
    ['one neuron each side', { nPre: 1, nPost: 1, autapseOffset: null }, 5],
    ['no synapse', { nPre: 7, nPost: 1000, autapseOffset: null }, 0],
    ['one synapse', { nPre: 7, nPost: 1000, autapseOffset: null }, 1],
    ['a slice of the same population', { nPre: 150, nPost: 200, autapseOffset: 50 }, 40_000],
    ['more pairs than one call draws, rows sorted by radix', { nPre: 3, nPost: 50, autapseOffset: null }, 200_000],
    ['rows longer than the sort\'s scratch (heapsort)', { nPre: 2, nPost: 300, autapseOffset: null }, 150_000],
    ['three byte passes of the radix sort', { nPre: 500, nPost: 1 << 20, autapseOffset: null }, 300_000],
    ['below rejecting a quarter of the words', { nPre: 200, nPost: 3 * 2 ** 29, autapseOffset: null }, 20_000],
  ];

  it.each(cases)('%s: the same rows and columns as the JavaScript loop', (_, sides, n) => {
    const { exports, kernel, taken } = freshKernel();
    const seed = n + sides.nPre;
    const rule = multapses(n);
    const rowPtr = countRows(rule, sides, stream(seed));
    expect(firstDifference(countRows(rule, sides, stream(seed), kernel), rowPtr)).toBe(-1);

    const offset = 17;
    const own = new Int32Array(n);
    placeColumns(rule, sides, stream(seed), rowPtr, null, own, offset);
    // The columns and the scratch row pointers in the kernel's memory, as in an image.
    const at = exports.heapBase();
    growMemory(exports.memory, at + (n + sides.nPre + 1) * 4);
    const col = new Int32Array(exports.memory.buffer, at, n);
    const scratch = new Int32Array(exports.memory.buffer, at + n * 4, sides.nPre + 1);
    placeColumns(rule, sides, stream(seed), rowPtr, null, col, offset, kernel, scratch);
    expect(taken.columns).toBe(1);
    expect(firstDifference(col, own)).toBe(-1);
    // u16 columns (a static projection's, onto at most 65,536 neurons): drawn and sorted as u16.
    if (sides.nPost + offset > 0x10000) return;
    const narrow = new Uint16Array(exports.memory.buffer, at, n);
    narrow.fill(0xffff);
    placeColumns(rule, sides, stream(seed), rowPtr, null, narrow, offset, kernel, scratch);
    expect(taken.columns).toBe(2);
    expect(firstDifference(narrow, own)).toBe(-1);
  });

  it('falls back to the JavaScript loop on a stream already drawn from, columns outside its memory, or without multapses', () => {
    const { kernel, taken } = freshKernel();
    const sides: Sides = { nPre: 30, nPost: 40, autapseOffset: null };
    const used = () => {
      const rng = stream(5);
      rng.nextU32();
      return rng;
    };
    const rule = multapses(900);
    const rowPtr = countRows(rule, sides, used());
    expect(firstDifference(countRows(rule, sides, used(), kernel), rowPtr)).toBe(-1);
    const own = new Int32Array(900);
    placeColumns(rule, sides, used(), rowPtr, null, own, 0);
    const col = new Int32Array(900);
    placeColumns(rule, sides, used(), rowPtr, null, col, 0, kernel, new Int32Array(31));
    expect(firstDifference(col, own)).toBe(-1);
    // Outside the kernel's memory: the kernel declines, the loop draws the same columns.
    const fresh = countRows(rule, sides, stream(6));
    const outside = new Int32Array(900);
    placeColumns(rule, sides, stream(6), fresh, null, outside, 0, kernel, new Int32Array(31));
    const expected = new Int32Array(900);
    placeColumns(rule, sides, stream(6), fresh, null, expected, 0);
    expect(firstDifference(outside, expected)).toBe(-1);
    const distinct: CheckedRule = { ...rule, multapses: false };
    expect(firstDifference(countRows(distinct, sides, stream(7), kernel), countRows(distinct, sides, stream(7)))).toBe(-1);
    expect(taken.columns).toBe(0);
  });
});

describe('uniform and normal values drawn by the kernel (drawValues)', () => {
  const values = (spec: ValueSpec, count: number, rng: () => RandomStream, kernel?: ConnectivityKernel) => {
    const out = new Float64Array(count);
    eachValue(spec, count, rng, (chunk, start) => out.set(chunk, start), kernel);
    return out;
  };
  const specs: ValueSpec[] = [
    { normal: { mean: 87.8e-12, std: 8.78e-12, min: 0 } },
    { normal: { mean: -351e-12, std: 35.1e-12, max: 0 } },
    { normal: { mean: 1.5e-3, std: 0.75e-3, min: 1e-4, max: 9e-3 } },
    { normal: { mean: 0, std: 1 } },
    { normal: { mean: 2, std: 0 } },
    { normal: { mean: 0, std: 1, min: 0.5, max: 0.5 } },
    { normal: { mean: 0, std: 1, min: 0, max: 0 } }, // clipped to 0 from either side: -0 stays -0
    { uniform: [1e-3, 3e-3] },
    { uniform: [-2, -2] },
  ];

  it.each(specs)('%j: the same bits as eachValue\'s loop, across chunks', (spec) => {
    const { kernel, taken } = freshKernel();
    for (const count of [0, 1, 8193, 70_000]) {
      const rng = () => stream(count + 3, abi.RNG_WEIGHT);
      expect(firstDifference(values(spec, count, rng, kernel), values(spec, count, rng)), `count ${count}`).toBe(-1);
    }
    expect(taken.values).toBe(3);
  });

  it('falls back to the loop on a stream already drawn from, and for numbers and arrays', () => {
    const { kernel, taken } = freshKernel();
    const used = () => {
      const rng = stream(8, abi.RNG_DELAY);
      rng.uniform();
      return rng;
    };
    const spec: ValueSpec = { normal: { mean: 1, std: 0.5, min: 0 } };
    expect(firstDifference(values(spec, 1000, used, kernel), values(spec, 1000, used))).toBe(-1);
    expect(Array.from(values(2.5, 3, used, kernel))).toEqual([2.5, 2.5, 2.5]);
    expect(Array.from(values([1, 2, 3], 3, used, kernel))).toEqual([1, 2, 3]);
    expect(taken.values).toBe(0);
  });

  it('refuses to go on drawing values after another draw restarted the kernel\'s stream', () => {
    const { kernel } = freshKernel();
    const drawer = kernel.valueDrawer({ uniform: [0, 1] }, stream(1, abi.RNG_WEIGHT))!;
    drawer(new Float64Array(10));
    countRows(multapses(10), { nPre: 3, nPost: 3, autapseOffset: null }, stream(2), kernel);
    expect(() => drawer(new Float64Array(10))).toThrow(/restarted/);
  });
});

describe('networks of fixed_total_number projections built on wasm (kernel draws) and on the reference (JavaScript draws)', () => {
  const lif = { tauM: 0.02, vRest: -0.07, vThresh: -0.05, vReset: -0.07, receptors: { e: { tau: 0.005 } } };
  const weight: ValueSpec = { normal: { mean: 87.8e-12, std: 8.78e-12, min: 0 } };
  const delay: ValueSpec = { normal: { mean: 1.5e-3, std: 0.75e-3, min: 1e-4, max: 9e-3 } };
  const projection = (pre: ProjectionDescription['pre'], post: ProjectionDescription['post'], rule: ProjectionDescription['rule'], w: ValueSpec = weight, d: ValueSpec = delay): ProjectionDescription =>
    ({ pre, post, receptor: 'e', rule, weight: w, delay: d });
  const desc: NetworkDescription = {
    dt: 1e-4,
    seed: 11,
    populations: [
      { name: 'A', size: 300, model: 'lif', params: lif },
      { name: 'B', size: 170, model: 'lif', params: lif },
      { name: 'C', size: 1, model: 'lif', params: lif },
    ],
    projections: [
      projection({ population: 'A' }, { population: 'B' }, { type: 'fixed_total_number', n: 20_000, multapses: true }),
      projection({ population: 'B' }, { population: 'A' }, { type: 'fixed_total_number', n: 7, multapses: true }, { uniform: [1e-12, 2e-12] }, { uniform: [1e-4, 3e-3] }),
      projection({ population: 'A', start: 50, stop: 250 }, { population: 'A', start: 0, stop: 120 }, { type: 'fixed_total_number', n: 5000, multapses: true }),
      projection({ population: 'A' }, { population: 'B' }, { type: 'fixed_total_number', n: 0, multapses: true }),
      projection({ population: 'C' }, { population: 'C' }, { type: 'fixed_total_number', n: 1, multapses: true }),
      // Drawn by the JavaScript loops on both backends (distinct pairs), values by the kernel.
      projection({ population: 'A' }, { population: 'B' }, { type: 'fixed_total_number', n: 3000 }),
      projection({ population: 'B' }, { population: 'A' }, { type: 'fixed_indegree', k: 20 }, 1e-12, 2e-3),
    ],
  };

  it('gives the same synapse tables (pre, post, weight, delay)', async () => {
    const tables = [];
    for (const backend of ['wasm', 'reference'] as const) {
      const net = (await simulator(backend)).load(desc);
      await net.build();
      tables.push(await Promise.all(desc.projections.map((_, k) => net.getProjection(k).weights())));
    }
    const [wasm, reference] = tables;
    desc.projections.forEach((_, k) => {
      for (const field of ['pre', 'post', 'weight', 'delay'] as const) {
        expect(firstDifference(wasm![k]![field], reference![k]![field]), `projection ${k} ${field}`).toBe(-1);
      }
    });
    expect(wasm![0]!.pre.length).toBe(20_000);
    expect(wasm![3]!.pre.length).toBe(0);
    expect(wasm![4]!.pre.length).toBe(1);
  });
});
