// Izhikevich (2007) distal reward: examples/distal-reward.json with its reward loop
// (examples/distal-reward.mjs), over seeds 1-5.
import { describe, expect, it } from 'vitest';
import { distalReward } from '../../examples/distal-reward.mjs';
import { simulator } from '../support/helpers.js';

describe('Izhikevich (2007): distal reward, seeds 1-5', () => {
  // The paper's network and rule (examples/distal-reward.json): rewards of 3 instead of 0.5
  // of dopamine, so that a few rewards do what some forty do in the paper's hour. How many
  // rewards a run earns depends on the seed (pairings of the chosen synapse are rare at first:
  // 2-7 in 500 s), so each run goes on until 8 rewards have been delivered, and 5 s more.
  // Measured (seeds 1-5): the chosen synapse ends at 4.0, 1.5, 4.0, 4.0, 4.0 (seed 2 reached 2.6,
  // then a reward met a negative eligibility and took it back down), the other 64,000
  // synapses' mean at 0.96-1.02 and 0.6-1.3 % of them as strong as the chosen one. So every seed
  // must raise the chosen synapse above its start and keep the others near theirs, and the
  // median seed must bring it to the bound with fewer than 2 % of the others as strong.
  // The bands are set from our own runs (and the paper's qualitative result), not from another
  // simulator: they guard the behaviour against regressions.
  it('every seed raises the rewarded synapse while the others stay near their start; the median seed brings it to the bound, above 98 % of the others', async () => {
    const outcomes: { final: number; strongerShare: number }[] = [];
    for (const seed of [1, 2, 3, 4, 5]) {
      const { chosen, history, rewards, weights } = await distalReward(await simulator('wasm'), 1500, { reward: 3, seed, untilRewards: 8 });
      expect(rewards, `seed ${seed}`).toBe(8);
      const final = history.at(-1)!;
      expect(final, `seed ${seed}`).toBeGreaterThan(1.2);
      const others = Array.from(weights as Float32Array).filter((_, i) => i !== chosen.index).sort((a, b) => a - b);
      const mean = others.reduce((s, w) => s + w, 0) / others.length;
      expect(mean, `seed ${seed}`).toBeGreaterThan(0.8);
      expect(mean, `seed ${seed}`).toBeLessThan(1.2);
      expect(others[others.length >> 1]!, `seed ${seed}`).toBeGreaterThan(0.75);
      expect(others[others.length >> 1]!, `seed ${seed}`).toBeLessThan(1.25);
      outcomes.push({ final, strongerShare: others.filter((w) => w >= final).length / others.length });
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[2]!;
    expect(median(outcomes.map((o) => o.final))).toBeGreaterThan(0.95 * 4);
    expect(median(outcomes.map((o) => o.strongerShare))).toBeLessThan(0.02);
  }, 900_000);
});
