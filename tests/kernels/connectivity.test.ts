// Connection rules produce what their definitions say; weights and delays land on the
// synapses they belong to.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as abi from '../../assembly/abi.js';
import { compileKernel, WasmBackend } from '../../ts/backends/wasm/wasm-backend.js';
import { countRows, type CheckedRule, type Sides } from '../../ts/model/connectivity.js';
import type { ConnectRule, NetworkDescription, ValueSpec } from '../../ts/model/description.js';
import { seedKey } from '../../ts/model/random/philox.js';
import { RandomStream } from '../../ts/model/random/stream.js';
import { simulator } from '../support/helpers.js';

const lif = { tauM: 0.02, vRest: -0.07, vThresh: -0.05, vReset: -0.07, receptors: { e: { tau: 0.005 } } };

async function synapses(rule: ConnectRule, options: { nPre?: number; nPost?: number; same?: boolean; weight?: ValueSpec; delay?: ValueSpec; seed?: number } = {}) {
  const { nPre = 40, nPost = 30, same = false, weight = 1e-3, delay, seed = 1 } = options;
  const desc: NetworkDescription = {
    dt: 1e-4,
    seed,
    populations: same
      ? [{ name: 'A', size: nPre, model: 'lif', params: lif }]
      : [{ name: 'A', size: nPre, model: 'lif', params: lif }, { name: 'B', size: nPost, model: 'lif', params: lif }],
    projections: [{ pre: { population: 'A' }, post: { population: same ? 'A' : 'B' }, receptor: 'e', rule, weight, ...(delay === undefined ? {} : { delay }) }],
  };
  const net = (await simulator()).load(desc);
  await net.build();
  return net.getProjection(0).weights();
}

function pairs(t: { pre: Int32Array; post: Int32Array }): string[] {
  return Array.from(t.pre, (p, k) => `${p}-${t.post[k]}`);
}

describe('connection rules', () => {
  it('all_to_all makes every pair once, without autapses when asked', async () => {
    expect((await synapses({ type: 'all_to_all' })).pre.length).toBe(40 * 30);
    const noSelf = await synapses({ type: 'all_to_all', autapses: false }, { same: true });
    expect(noSelf.pre.length).toBe(40 * 39);
    expect(pairs(noSelf).some((p) => p.split('-')[0] === p.split('-')[1])).toBe(false);
    expect(new Set(pairs(noSelf)).size).toBe(40 * 39);
  });

  it('one_to_one pairs i with i', async () => {
    const t = await synapses({ type: 'one_to_one' }, { nPre: 30, nPost: 30 });
    expect(Array.from(t.pre)).toEqual(Array.from(t.post));
    expect(t.pre.length).toBe(30);
  });

  it('fixed_probability makes a binomial number of distinct pairs, in CSR order', async () => {
    const t = await synapses({ type: 'fixed_probability', p: 0.1 }, { nPre: 400, nPost: 500 });
    const expected = 400 * 500 * 0.1;
    expect(Math.abs(t.pre.length - expected)).toBeLessThan(4 * Math.sqrt(expected * 0.9));
    expect(new Set(pairs(t)).size).toBe(t.pre.length);
    for (let k = 1; k < t.pre.length; k++) {
      expect(t.pre[k]! > t.pre[k - 1]! || (t.pre[k] === t.pre[k - 1] && t.post[k]! > t.post[k - 1]!)).toBe(true);
    }
    // Every target index appears about equally often (uniform choice of partners).
    const perPost = new Array(500).fill(0);
    t.post.forEach((j) => perPost[j]++);
    expect(Math.max(...perPost)).toBeLessThan(40 + 5 * Math.sqrt(40));
  });

  it('fixed_indegree gives every target exactly k distinct sources', async () => {
    const t = await synapses({ type: 'fixed_indegree', k: 7, autapses: false }, { same: true });
    const bySource = new Map<number, Set<number>>();
    t.post.forEach((j, k) => bySource.set(j, (bySource.get(j) ?? new Set()).add(t.pre[k]!)));
    expect(bySource.size).toBe(40);
    for (const [j, sources] of bySource) {
      expect(sources.size).toBe(7);
      expect(sources.has(j)).toBe(false);
    }
  });

  it('fixed_indegree with multapses may repeat a source but still gives k synapses', async () => {
    const t = await synapses({ type: 'fixed_indegree', k: 60, multapses: true }, { nPre: 20 });
    const perPost = new Array(30).fill(0);
    t.post.forEach((j) => perPost[j]++);
    expect(perPost.every((c) => c === 60)).toBe(true);
  });

  it('fixed_outdegree gives every source exactly k distinct targets', async () => {
    const t = await synapses({ type: 'fixed_outdegree', k: 5 });
    const perPre = new Map<number, Set<number>>();
    t.pre.forEach((i, k) => perPre.set(i, (perPre.get(i) ?? new Set()).add(t.post[k]!)));
    expect(perPre.size).toBe(40);
    for (const targets of perPre.values()) expect(targets.size).toBe(5);
  });

  it('fixed_total_number makes exactly n synapses, pairs uniform (chi-square over rows and over columns), rows in post order', async () => {
    const [nPre, nPost, n] = [60, 50, 30_000];
    const t = await synapses({ type: 'fixed_total_number', n, multapses: true }, { nPre, nPost });
    expect(t.pre.length).toBe(n);
    for (let k = 1; k < n; k++) expect(t.pre[k]! > t.pre[k - 1]! || (t.pre[k] === t.pre[k - 1] && t.post[k]! >= t.post[k - 1]!)).toBe(true);
    // Counts per row and per column are multinomial with equal cells: chi-square with cells - 1
    // degrees of freedom; 4 standard deviations above its mean fails once in ~10^4 seeds.
    const chiSquare = (counts: number[]) => counts.reduce((sum, c) => sum + (c - n / counts.length) ** 2 / (n / counts.length), 0);
    const within = (counts: number[]) => chiSquare(counts) < counts.length - 1 + 4 * Math.sqrt(2 * (counts.length - 1));
    const perRow = new Array(nPre).fill(0);
    const perColumn = new Array(nPost).fill(0);
    t.pre.forEach((i, k) => { perRow[i]++; perColumn[t.post[k]!]++; });
    expect(within(perRow)).toBe(true);
    expect(within(perColumn)).toBe(true);
    // Each pair's count is Binomial(n, 1 / pairs), variance about 10 here: independent draws, not
    // stratified ones (whose counts would barely vary). The sample variance over 3000 pairs has a
    // standard error of about 0.26.
    const perPair = new Map<string, number>();
    for (const p of pairs(t)) perPair.set(p, (perPair.get(p) ?? 0) + 1);
    const cells = nPre * nPost;
    const counts = Array.from({ length: cells }, (_, c) => perPair.get(`${Math.floor(c / nPost)}-${c % nPost}`) ?? 0);
    const mean = n / cells;
    const variance = counts.reduce((sum, c) => sum + (c - mean) ** 2, 0) / (cells - 1);
    expect(Math.abs(variance - n * (1 / cells) * (1 - 1 / cells))).toBeLessThan(1.1);
  });

  it('fixed_total_number without multapses draws n distinct pairs; it keeps autapses where pre and post overlap', async () => {
    const t = await synapses({ type: 'fixed_total_number', n: 1000 }, { nPre: 40, nPost: 30 });
    expect(t.pre.length).toBe(1000);
    expect(new Set(pairs(t)).size).toBe(1000);
    const all = await synapses({ type: 'fixed_total_number', n: 1200 }, { nPre: 40, nPost: 30 });
    expect(new Set(pairs(all)).size).toBe(1200);
    const same = await synapses({ type: 'fixed_total_number', n: 20_000, multapses: true }, { nPre: 40, same: true });
    expect(pairs(same).filter((p) => p.split('-')[0] === p.split('-')[1]).length).toBeGreaterThan(0);
  });

  it('fixed_total_number refuses what it cannot draw, naming the field', async () => {
    const refused = async (rule: unknown, options: Parameters<typeof synapses>[1], message: RegExp) => {
      await expect(synapses(rule as ConnectRule, options)).rejects.toMatchObject({ code: 'E_PARAM', message });
    };
    await refused({ type: 'fixed_total_number', n: 1201 }, {}, /1201 distinct pairs asked of only 1200 \(set multapses: true/);
    await refused({ type: 'fixed_total_number', n: 10, autapses: false }, { same: true }, /keeps autapses where pre and post overlap/);
    await refused({ type: 'fixed_total_number', n: -1 }, {}, /must be an integer in \[0, 2147483647\]/);
    await refused({ type: 'fixed_total_number', k: 5 }, {}, /is not a setting here \(known: type, n, autapses, multapses\)/);
  });

  it('a list keeps each synapse with its own weight and delay', async () => {
    const t = await synapses({ type: 'list', pre: [3, 0, 3, 1], post: [2, 9, 1, 1], weight: [0.1, 0.2, 0.3, 0.4], delay: [1e-3, 2e-3, 3e-3, 4e-3] });
    const got = pairs(t).map((p, k) => `${p}:${t.weight[k]!.toFixed(2)}:${t.delay[k]!.toFixed(4)}`);
    expect(got).toEqual(['0-9:0.20:0.0020', '1-1:0.40:0.0040', '3-1:0.30:0.0030', '3-2:0.10:0.0010']);
  });

  it('a long list with repeated pairs lands in CSR order: by pre, then post, then place in the list', async () => {
    const rng = new RandomStream(seedKey(9), 0, 0);
    const pre = Array.from({ length: 3000 }, () => rng.below(40));
    const post = Array.from({ length: 3000 }, () => rng.below(30));
    const weight = pre.map((_, k) => k / 4096); // exact in f32: each weight tells its place in the list
    const t = await synapses({ type: 'list', pre, post, weight });
    const expected = pre.map((_, k) => k).sort((a, b) => pre[a]! - pre[b]! || post[a]! - post[b]! || a - b);
    expect(Array.from(t.weight, (w) => w * 4096)).toEqual(expected);
    expect(pairs(t)).toEqual(expected.map((k) => `${pre[k]}-${post[k]}`));
  });

  it('fixed_indegree rows are in post order, repeated pairs kept', async () => {
    const t = await synapses({ type: 'fixed_indegree', k: 60, multapses: true }, { nPre: 20 });
    const keys = pairs(t).map((p) => p.split('-').map(Number) as [number, number]);
    const sorted = [...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    expect(keys).toEqual(sorted);
  });

  it('draws weights and delays from their distributions, delays in whole steps', async () => {
    const t = await synapses({ type: 'all_to_all' }, { weight: { uniform: [1, 3] }, delay: { normal: { mean: 2e-3, std: 5e-4, min: 1e-3, max: 3e-3 } } });
    const w = Array.from(t.weight);
    expect(Math.min(...w)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...w)).toBeLessThan(3);
    expect(w.reduce((a, b) => a + b) / w.length).toBeCloseTo(2, 1);
    for (const d of t.delay) {
      expect(d).toBeGreaterThanOrEqual(1e-3 - 1e-12);
      expect(d).toBeLessThanOrEqual(3e-3 + 1e-12);
      expect(Math.abs(d / 1e-4 - Math.round(d / 1e-4))).toBeLessThan(1e-9);
    }
  });

  it('the same seed gives the same network, another seed another', async () => {
    const rule: ConnectRule = { type: 'fixed_probability', p: 0.2 };
    const a = pairs(await synapses(rule, { seed: 9 }));
    expect(pairs(await synapses(rule, { seed: 9 }))).toEqual(a);
    expect(pairs(await synapses(rule, { seed: 10 }))).not.toEqual(a);
  });
});

describe('fixed_probability rows counted by the wasm kernel (connectRows)', () => {
  const wasmBackend = async () => WasmBackend.create(await compileKernel(readFileSync(new URL('../../dist/spikewasm.wasm', import.meta.url))));
  const kernelOf = async () => (await wasmBackend()).connectivity!;
  const rule = (p: number, autapses = true): CheckedRule => ({ type: 'fixed_probability', p, autapses, multapses: false });

  it('counts the rows of the builder\'s own loop exactly (placeColumns then fills them)', async () => {
    const kernel = await kernelOf();
    const cases: [Sides, CheckedRule, number][] = [
      [{ nPre: 40, nPost: 30, autapseOffset: null }, rule(0.2), 1],
      [{ nPre: 200, nPost: 200, autapseOffset: 0 }, rule(0.5, false), 2], // autapses left out
      [{ nPre: 150, nPost: 200, autapseOffset: 50 }, rule(0.3, false), 3], // pre is a slice of post
      [{ nPre: 300, nPost: 100, autapseOffset: -20 }, rule(0.97, false), 4], // p near 1
      [{ nPre: 500, nPost: 100_000, autapseOffset: null }, rule(1e-7), 5], // skips past 2^31, rows mostly empty
      [{ nPre: 300, nPost: 4000, autapseOffset: null }, rule(1e-4), 6], // where log(1 - p) switches to its series
      [{ nPre: 40_000, nPost: 50, autapseOffset: null }, rule(0.1), 7], // more rows than one call draws
      [{ nPre: 2000, nPost: 300_000, autapseOffset: null }, rule(0.002), 8], // calls end when the room runs out
    ];
    for (const [sides, r, seed] of cases) {
      const stream = () => new RandomStream(seedKey(seed), abi.RNG_CONNECT, seed);
      const own = countRows(r, sides, stream());
      const counted = countRows(r, sides, stream(), kernel);
      expect(counted, `case ${seed}`).toEqual(own);
    }
  });

  it('is offered only until a network is loaded (it draws in the memory the network takes)', async () => {
    const backend = await wasmBackend();
    expect(backend.connectivity).toBeDefined();
    await backend.load(64, () => {});
    expect(backend.connectivity).toBeUndefined();
  });
});
