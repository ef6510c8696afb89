// NALSM (Ivanov & Michmizos 2021) on a small scale, examples/liquid/liquid.mjs; protocol and
// findings in docs/liquid.md. Five seeds; per seed the unmodulated (static) liquid at the
// sub-critical start and the astrocyte-modulated liquid from a sub- and a super-critical start.
// Branching ratio: Wilting & Priesemann (2018) multistep regression on the liquid's spike counts
// in 2 ms bins (kMax 20) over a 10 s probe of stationary 20 Hz Poisson input, plasticity off,
// before and after 300 learning trials.
//
// The two criteria are NOT met by this model (docs/liquid.md, "Findings" and "Second round"): the
// astrocyte ends the super-critical runaway and raises the sub-critical liquid's m, but both end
// at m = 0.68-0.87, not 1 +- 0.05; and the modulated liquid's held-out accuracy is BELOW the
// static one's on every seed (printed, not asserted). The tests pin what holds reliably: the
// astrocyte ends a runaway, moves m up from below, and the task sits where the issue puts it. About 15 s (12 s of tests) on this 2-core machine.
import { beforeAll, describe, expect, it } from 'vitest';
import { branchingRatio } from '../../ts/api/branching.js';
import { runSeed } from '../../examples/liquid/liquid.mjs';
import { simulator } from '../support/helpers.js';

interface Run { branching: { before: number; after: number }; probeRate: { before: number; after: number }; readoutRate: number; testAccuracy: number }
interface SeedResult { seed: number; static: Run; astroFromSub: Run; astroFromSuper: Run }

const SEEDS = [1, 2, 3, 4, 5];
const results: SeedResult[] = [];

beforeAll(async () => {
  const sim = await simulator();
  for (const seed of SEEDS) results.push((await runSeed(sim, branchingRatio, seed)) as SeedResult);
  for (const r of results) {
    const row = (run: Run) => ({ m: [+run.branching.before.toFixed(3), +run.branching.after.toFixed(3)], probeHz: [+run.probeRate.before.toFixed(1), +run.probeRate.after.toFixed(1)], acc: +run.testAccuracy.toFixed(3) });
    console.info(`nalsm seed ${r.seed}: ${JSON.stringify({ static: row(r.static), astroFromSub: row(r.astroFromSub), astroFromSuper: row(r.astroFromSuper) })}`);
  }
}, 110_000);

describe('branching ratio (multistep regression, 2 ms bins) with the astrocyte', () => {
  it('the super-critical start runs away (> 300 Hz) and the astrocyte ends it (< 40 Hz)', () => {
    for (const r of results) {
      expect(r.astroFromSuper.probeRate.before, `seed ${r.seed}`).toBeGreaterThan(300);
      expect(r.astroFromSuper.probeRate.after, `seed ${r.seed}`).toBeLessThan(40);
    }
  });

  it('from the sub-critical start m rises (by > 0.03); from both starts it ends in [0.65, 0.9], short of 1 +- 0.05', () => {
    for (const r of results) {
      expect(r.astroFromSub.branching.before, `seed ${r.seed}`).toBeLessThan(0.7);
      expect(r.astroFromSub.branching.after - r.astroFromSub.branching.before, `seed ${r.seed}`).toBeGreaterThan(0.03);
      for (const run of [r.astroFromSub, r.astroFromSuper]) {
        expect(run.branching.after, `seed ${r.seed}`).toBeGreaterThan(0.65);
        expect(run.branching.after, `seed ${r.seed}`).toBeLessThan(0.9);
      }
      // The static liquid keeps its m (the probe measures the liquid, not the plasticity).
      expect(Math.abs(r.static.branching.after - r.static.branching.before), `seed ${r.seed}`).toBeLessThan(0.05);
    }
  });
});

describe('paired held-out accuracy, 10 classes of jittered Poisson templates, seeds 1-5', () => {
  it('the unmodulated liquid scores within 50-85 % on every seed (the task is tuned there)', () => {
    for (const r of results) {
      expect(r.static.testAccuracy, `seed ${r.seed}`).toBeGreaterThanOrEqual(0.5);
      expect(r.static.testAccuracy, `seed ${r.seed}`).toBeLessThanOrEqual(0.85);
    }
  });
});
