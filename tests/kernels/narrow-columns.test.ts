// Static projections onto populations of at most 65,536 neurons keep their columns as u16
// (J_NARROW_COLUMNS), halving their memory: which projections get them, that the highest
// index (65,535) is reached and 65,536 is not wrapped, and that the two backends agree.
// (tests/api/snapshot-fixtures.test.ts checks that i32 columns of older images still run,
// with the same spikes as u16 ones.)
import { describe, expect, it } from 'vitest';
import { buildNetwork } from '../../ts/layout/build.js';
import type { NetworkDescription } from '../../ts/model/description.js';
import { backends, simulator } from '../support/helpers.js';
import { couplings, everything } from '../support/networks.js';
import { plasticEverything } from '../support/plasticity-fixtures.js';

const ms = 1e-3;
const lif = { tauM: 20 * ms, vRest: -0.07, vThresh: 0, vReset: -0.07, rM: 1e8, receptors: { e: { tau: 5 * ms }, i: { tau: 5 * ms } } };

/** One spike at 1 ms onto every neuron of a population of `size`: per-synapse weights and delays on e, shared ones on i. */
function fanOut(size: number): NetworkDescription {
  return {
    dt: 0.1 * ms,
    seed: 4,
    populations: [
      { name: 'src', size: 1, model: 'spike_source', params: { spikeTimes: [[1 * ms]] } },
      { name: 'post', size, model: 'lif', params: lif },
    ],
    projections: [
      { name: 'drawn', pre: { population: 'src' }, post: { population: 'post' }, receptor: 'e', rule: { type: 'all_to_all' }, weight: { uniform: [1e-10, 2e-10] }, delay: { uniform: [0.5 * ms, 1.5 * ms] } },
      { name: 'shared', pre: { population: 'src' }, post: { population: 'post' }, receptor: 'i', rule: { type: 'all_to_all' }, weight: 3e-10, delay: 1 * ms },
    ],
  };
}

describe('u16 columns (J_NARROW_COLUMNS)', () => {
  it('are what static projections onto at most 65,536 neurons get; plastic ones, couplings and larger targets keep i32', () => {
    const widths = (desc: NetworkDescription) => {
      const built = buildNetwork(desc);
      return Object.fromEntries(built.projections.map((j, k) => [j.name, built.layout.projections[k]!.columnBytes]));
    };
    expect(widths(fanOut(65536))).toEqual({ drawn: 2, shared: 2 });
    expect(widths(fanOut(65537))).toEqual({ drawn: 4, shared: 4 });
    for (const desc of [everything(), plasticEverything()]) {
      const built = buildNetwork(desc);
      built.projections.forEach((j, k) => {
        const staticOne = !j.plasticity && !j.synapseModel && !j.coupling;
        expect(built.layout.projections[k]!.columnBytes, j.name).toBe(staticOne ? 2 : 4);
      });
    }
    expect(buildNetwork(plasticEverything()).projections.some((j) => j.plasticity)).toBe(true);
    expect(buildNetwork(plasticEverything()).projections.some((j) => j.stp && !j.plasticity)).toBe(true);
    const coupled = buildNetwork(couplings());
    coupled.projections.forEach((j, k) => { if (j.coupling) expect(coupled.layout.projections[k]!.columnBytes, j.name).toBe(4); });
    expect(coupled.projections.some((j) => j.coupling)).toBe(true);
  });

  it.each([65536, 65537])('a spike reaches every one of %i neurons, the last included, the same on both backends', async (size) => {
    const results = [];
    for (const backend of backends) {
      const net = (await simulator(backend)).load(fanOut(size));
      await net.run(3 * ms);
      const table = await net.getProjection('drawn').weights();
      const e = await net.getPopulation('post').get('e');
      const i = await net.getPopulation('post').get('i');
      results.push({ table, e, i });
    }
    const [wasm, reference] = results;
    for (const r of results) {
      expect(r.table.post.length).toBe(size);
      expect(r.table.post[size - 1]).toBe(size - 1);
      expect(Array.from(r.table.post).every((c, k) => c === k)).toBe(true);
      // Every neuron received its drawn weight on e and the shared one on i.
      expect(r.e.every((x) => x > 0)).toBe(true);
      expect(r.i.every((x) => x === r.i[0] && x > 0)).toBe(true);
    }
    expect(reference!.e).toEqual(wasm!.e);
    expect(reference!.i).toEqual(wasm!.i);
    expect(reference!.table).toEqual(wasm!.table);
  });
});
