// The multistep-regression branching ratio (ts/api/branching.ts, Wilting & Priesemann 2018)
// against branching processes of known m: A(t+1) ~ Poisson(m A(t) + h), 200 000 steps, observed
// whole and subsampled (each event seen with probability 0.05). The estimate must lie within
// 0.01 of m in every case; the one-step slope r_1, which a naive estimate would use, is off by far
// more under subsampling (the bias the method removes).
import { describe, expect, it } from 'vitest';
import { branchingRatio } from '../../ts/api/branching.js';
import { RandomStream } from '../../ts/model/random/stream.js';
import { refusalOf } from '../support/helpers.js';

/** A Poisson draw with mean `mean` (Knuth's product method in chunks of mean 30, exact in law). */
function poisson(random: RandomStream, mean: number): number {
  let n = 0;
  for (let left = mean; left > 0; left -= 30) {
    const limit = Math.exp(-Math.min(left, 30));
    let p = random.uniform();
    while (p > limit) {
      n++;
      p *= random.uniform();
    }
  }
  return n;
}

function branchingProcess(m: number, h: number, steps: number, seed: number, sampled: number): Float64Array {
  const random = new RandomStream([seed, 2018], 3, 0);
  const seen = new Float64Array(steps);
  let a = h / (1 - m);
  for (let t = 0; t < steps; t++) {
    a = poisson(random, m * a + h);
    let k = 0;
    if (sampled === 1) k = a;
    else for (let i = 0; i < a; i++) if (random.uniform() < sampled) k++;
    seen[t] = k;
  }
  return seen;
}

describe('the branching ratio by multistep regression', () => {
  it.each([
    [0.8, 20, 1], [0.95, 5, 1], [0.99, 1, 1],
    [0.8, 20, 0.05], [0.95, 5, 0.05], [0.99, 1, 0.05],
  ])('m = %d (drive %d, sampled %d): the estimate is within 0.01', (m, h, sampled) => {
    const counts = branchingProcess(m, h, 200_000, Math.round(m * 100 + sampled * 7), sampled);
    const estimate = branchingRatio(counts, 40);
    expect(Math.abs(estimate.m - m), `estimated ${estimate.m}`).toBeLessThan(0.01);
    // Subsampled, the one-step slope is far below m (b m with b << 1); whole, b is about 1.
    if (sampled < 1) expect(m - estimate.slopes[0]!).toBeGreaterThan(0.1);
    else expect(Math.abs(estimate.b - 1)).toBeLessThan(0.05);
  }, 60_000);

  it('refuses too short a series, one that does not vary and one that oscillates', () => {
    expect(refusalOf(() => branchingRatio([1, 2, 3], 40)).path).toBe('branchingRatio.counts');
    expect(refusalOf(() => branchingRatio([1, 2, 3, 4, 5, 6], 1.5)).path).toBe('branchingRatio.kMax');
    expect(refusalOf(() => branchingRatio(new Float64Array(1000).fill(3), 10)).message).toContain('does not vary');
    // A period-2 oscillation: slopes -1, +1, -1, ... follow no b m^k with m in (0, 2).
    const oscillating = Float64Array.from({ length: 1000 }, (_, t) => (t % 2 ? 10 : 2) + (t % 7) * 0.01);
    expect(refusalOf(() => branchingRatio(oscillating, 10)).message).toContain('may oscillate');
  });
});
