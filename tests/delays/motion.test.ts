// Motion direction from learned delays (Grimaldi & Perrinet 2023), examples/motion-delays.mjs:
// bars sweeping a 16 x 16 field in four directions as a noisy event stream, four output units
// whose input delays learn from a teacher spike, then held-out presentations classified by the
// unit that fires most with the delays frozen. The control is the same network, stream, teacher
// and test with the delays left at their equal initial values.
import { describe, expect, it } from 'vitest';
import { DIRECTIONS, motionDirections } from '../../examples/motion-delays.mjs';
import { simulator } from '../support/helpers.js';

/** Training presentations per direction (the example's default). */
const TRAIN = 12;

describe('Grimaldi & Perrinet (2023): motion direction from learned delays, seeds 1-3', () => {
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: held-out accuracy >= 90 %, delays linear in position (R^2 >= 0.9, slope about -2 ms), the untrained control far below`, async () => {
      const learned = await motionDirections(await simulator('wasm'), seed);
      const control = await motionDirections(await simulator('wasm'), seed, { learn: false });
      expect(learned.accuracy, `seed ${seed}`).toBeGreaterThanOrEqual(0.9);
      // Only the teacher's unit fired in training, once per presentation of its direction.
      DIRECTIONS.forEach((_, k) => {
        expect(learned.trainSpikes[k], `seed ${seed}, direction ${k}`).toEqual(DIRECTIONS.map((__, j) => (j === k ? TRAIN : 0)));
      });
      for (const unit of learned.units) {
        expect(unit.r2, `seed ${seed}, unit ${unit.direction}`).toBeGreaterThanOrEqual(0.9);
        // The sign the rule implies (later pixels need shorter delays), and near -DELTA = -2 ms per position.
        expect(unit.slope, `seed ${seed}, unit ${unit.direction}`).toBeLessThan(0);
        expect(Math.abs(unit.slope + 2), `seed ${seed}, unit ${unit.direction}`).toBeLessThan(0.4);
      }
      // With equal delays every unit sees the same input: the control cannot tell directions apart.
      expect(control.accuracy, `seed ${seed}`).toBeLessThanOrEqual(learned.accuracy - 0.5);
      expect(control.units.every((u: { slope: number }) => u.slope === 0), `seed ${seed}`).toBe(true);
    });
  }
});
