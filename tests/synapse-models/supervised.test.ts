// Supervised symmetric STDP with an adaptive threshold (Hao et al. 2020, Neural Networks
// 121:387), examples/supervised-stdp.mjs: ten classes of Poisson spike templates, a teacher
// current during training, held-out samples classified by the output neuron that fires most.
import { describe, expect, it } from 'vitest';
import { supervisedStdp } from '../../examples/supervised-stdp.mjs';
import { simulator } from '../support/helpers.js';

describe('Hao et al. (2020): supervised symmetric STDP, seeds 1-3', () => {
  it('held-out accuracy above 90 % on every seed; each output neuron listens to its own class', async () => {
    for (const seed of [1, 2, 3]) {
      const { accuracy, ownWeight, otherWeight } = await supervisedStdp(await simulator('wasm'), seed);
      expect(accuracy, `seed ${seed}`).toBeGreaterThan(0.9);
      expect(ownWeight, `seed ${seed}`).toBeGreaterThan(10 * otherWeight);
    }
  }, 120_000);

  it('the control: the same network, teacher and test with learning off classifies at chance or below', async () => {
    const { accuracy } = await supervisedStdp(await simulator('wasm'), 1, { learn: false });
    expect(accuracy).toBeLessThan(0.3);
  }, 60_000);
});
