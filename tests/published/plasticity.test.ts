// Published plasticity results: Song, Miller & Abbott (2000) with the set-up of Brian2's
// examples/synapses/STDP.py (examples/stdp-song2000.json), also over seeds 1-5 against Brian2
// (tests/support/brian2.ts has the bands). Izhikevich (2007) distal reward is in
// distal-reward.test.ts (a file of its own, so its long runs go on beside others).
import { describe, expect, it } from 'vitest';
import type { WeightData } from '../../ts/api/monitors.js';
import { example, simulator } from '../support/helpers.js';
import { agreesWithBrian2 } from '../support/brian2.js';

describe('Song, Miller & Abbott (2000): competitive Hebbian learning', () => {
  it('100 s of additive STDP makes the weights bimodal and the output rate fall', async () => {
    const desc = example('stdp-song2000.json');
    desc.monitors!.push({ type: 'weights', name: 'samples', projection: 'stdp', synapses: [0, 1, 2], every: 100_000 });
    const net = (await simulator('wasm')).load(desc);
    await net.run(desc.duration!);
    const wMax = 1e-10;
    const w = Array.from((await net.getProjection('stdp').weights()).weight, (x) => x / wMax);
    const deciles = new Array<number>(10).fill(0);
    for (const x of w) deciles[Math.min(9, Math.floor(x * 10))]!++;
    const ends = deciles[0]! + deciles[9]!;
    expect(ends).toBeGreaterThan(w.length / 3);
    for (let d = 1; d < 9; d++) {
      expect(deciles[0]!).toBeGreaterThan(deciles[d]!);
      expect(deciles[9]!).toBeGreaterThan(deciles[d]!);
    }
    const rates = net.getMonitor<{ rates: Float64Array }>('output rate').read().rates;
    const first = (rates[0]! + rates[1]!) / 2;
    const last = (rates[98]! + rates[99]!) / 2;
    expect(last).toBeLessThan(first * 0.7);
    // A weights monitor samples chosen synapses every 10 s: the first sample is the drawn weights.
    const samples = net.getMonitor<WeightData>('samples').read();
    expect(Array.from(samples.times)).toEqual(Array.from({ length: 10 }, (_, k) => k * 10));
    expect(samples.weights.length).toBe(30);
    const fresh = (await simulator('wasm')).load(desc);
    const drawn = (await fresh.getProjection('stdp').weights()).weight; // before any step
    expect(Array.from(samples.weights.slice(0, 3))).toEqual(Array.from(drawn.slice(0, 3)));
    expect(Array.from(samples.weights.slice(27))).not.toEqual(Array.from(drawn.slice(0, 3)));
  }, 120_000);
});

describe('Song, Miller & Abbott (2000) against Brian2, seeds 1-5', () => {
  // Brian2 over seeds 1-10: deciles 0 and 9 hold 0.242 +- 0.007 and 0.190 +- 0.009 of the
  // weights, the middle ones 0.055-0.105; the output rate falls from 42 +- 7 Hz (first 2 s) to
  // 21 +- 2.5 Hz (last 2 s), 25.8 +- 1.8 Hz over the 100 s.
  it('the final weight deciles and the output rates', async () => {
    const runs: Record<string, number>[] = [];
    for (const seed of [1, 2, 3, 4, 5]) {
      const net = (await simulator('wasm')).load({ ...example('stdp-song2000.json'), seed });
      await net.run(100);
      const w = Array.from((await net.getProjection('stdp').weights()).weight, (x) => x / 1e-10);
      const run: Record<string, number> = {};
      for (let d = 0; d < 10; d++) run[`decile${d}`] = w.filter((x) => Math.min(9, Math.floor(x * 10)) === d).length / w.length;
      const rates = net.getMonitor<{ rates: Float64Array }>('output rate').read().rates;
      run.rateFirst = (rates[0]! + rates[1]!) / 2;
      run.rateLast = (rates[98]! + rates[99]!) / 2;
      run.rateMean = rates.reduce((s, r) => s + r, 0) / rates.length;
      runs.push(run);
    }
    for (const stat of Object.keys(runs[0]!)) agreesWithBrian2('song2000', stat, runs.map((r) => r[stat]!));
  }, 300_000);
});
