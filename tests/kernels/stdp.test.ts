// Pair STDP against its definition: for one pre/post pair, delta-w = A+ exp(-dt/tau+) when the
// pre spike reaches the synapse first (or at the same step), -A- exp(dt/tau-) otherwise, with
// dt = (post + dendritic delay) - (pre + axonal delay). Spike times are read from the monitors,
// so the check holds the kernel to the definition and to the delay convention, not to itself.
import { describe, expect, it } from 'vitest';
import type { PlasticityDescription } from '../../ts/model/description.js';
import { simulator } from '../support/helpers.js';
import { dt, pairNetwork } from '../support/plasticity-fixtures.js';

const ms = 1e-3;
const base = { rule: 'stdp', aPlus: 0.01, aMinus: 0.012, tauPlus: 20 * ms, tauMinus: 25 * ms, wMin: 0, wMax: 1 } as const;

async function runPair(preTimes: number[], postDrive: number[], plasticity: PlasticityDescription, options: { w0?: number; delay?: number } = {}) {
  const sim = await simulator('wasm');
  const net = sim.load(pairNetwork(preTimes, postDrive, plasticity, options));
  await net.run(0.15);
  const post = net.getMonitor<{ steps: Uint32Array }>('post').read().steps;
  const pre = net.getMonitor<{ steps: Uint32Array }>('pre').read().steps;
  const w = (await net.getProjection('plastic').weights()).weight[0]!;
  return { pre: Array.from(pre), post: Array.from(post), w };
}

/** Half an f32 ulp of w plus rounding of the change: what one f32 store can get right. */
function ulp(w: number): number {
  return 2 ** (Math.floor(Math.log2(Math.abs(w))) - 23);
}

describe('pair STDP window', () => {
  const lags = [-60, -31, -12, -5, -2, -1, 0, 1, 2, 7, 15, 40, 90];
  for (const weightDependence of ['additive', 'multiplicative'] as const) {
    for (const [delaySteps, dendriticSteps] of [[1, 0], [15, 0], [15, 6]] as const) {
      it(`${weightDependence}, delay ${delaySteps} steps (${dendriticSteps} dendritic)`, async () => {
        const w0 = 0.5;
        for (const lag of lags) {
          // Post driven at 50 ms (fires at step ~501); pre placed so the synaptic lag is `lag` steps.
          const plasticity = { ...base, weightDependence, dendriticDelay: dendriticSteps * dt } as PlasticityDescription;
          const probe = await runPair([], [0.05], plasticity, { w0, delay: delaySteps * dt });
          expect(probe.post.length).toBe(1);
          const postStep = probe.post[0]!;
          const axonal = delaySteps - dendriticSteps;
          const preStep = postStep + dendriticSteps - axonal - lag;
          const { pre, post, w } = await runPair([preStep * dt], [0.05], plasticity, { w0, delay: delaySteps * dt });
          expect(pre).toEqual([preStep]);
          expect(post).toEqual([postStep]);
          const synapticLag = (post[0]! + dendriticSteps) - (pre[0]! + axonal);
          expect(synapticLag).toBe(lag);
          const t = synapticLag * dt;
          const raw = t >= 0 ? base.aPlus * Math.exp(-t / base.tauPlus) : -base.aMinus * Math.exp(t / base.tauMinus);
          const dw = weightDependence === 'additive' ? raw : raw > 0 ? raw * (base.wMax - w0) : raw * (w0 - base.wMin);
          expect(Math.abs(w - (w0 + dw))).toBeLessThanOrEqual(ulp(w0) * 1.5);
        }
      });
    }
  }

  it('symmetric: post-before-pre potentiates by aMinus exp(dt/tauMinus)', async () => {
    const plasticity = { ...base, symmetric: true } as PlasticityDescription;
    const { pre, post, w } = await runPair([0.06], [0.05], plasticity);
    const t = (post[0]! - (pre[0]! + 1)) * dt;
    expect(t).toBeLessThan(0);
    expect(Math.abs(w - (0.5 + base.aMinus * Math.exp(t / base.tauMinus)))).toBeLessThanOrEqual(ulp(0.5) * 1.5);
  });

  it('hard bounds clip the weight at wMax and wMin', async () => {
    const up = await runPair([0.049], [0.05], { ...base, aPlus: 0.8 } as PlasticityDescription, { w0: 0.5 });
    expect(up.w).toBe(1);
    const down = await runPair([0.06], [0.05], { ...base, aMinus: 0.8 } as PlasticityDescription, { w0: 0.5 });
    expect(down.w).toBe(0);
  });
});

describe('pairing schemes on a spike triplet (pre, pre, post)', () => {
  it('all-to-all sums both pre spikes, nearest-neighbour takes only the later one', async () => {
    const preTimes = [0.03, 0.042];
    const results = await Promise.all((['all_to_all', 'nearest'] as const).map((pairing) =>
      runPair(preTimes, [0.05], { ...base, pairing } as PlasticityDescription)));
    const [all, nearest] = results;
    const lags = all!.pre.map((p) => (all!.post[0]! - (p + 1)) * dt);
    const allExpected = 0.5 + lags.reduce((s, t) => s + base.aPlus * Math.exp(-t / base.tauPlus), 0);
    const nearestExpected = 0.5 + base.aPlus * Math.exp(-lags[1]! / base.tauPlus);
    expect(Math.abs(all!.w - allExpected)).toBeLessThanOrEqual(ulp(0.5) * 2);
    expect(Math.abs(nearest!.w - nearestExpected)).toBeLessThanOrEqual(ulp(0.5) * 2);
    expect(all!.w).toBeGreaterThan(nearest!.w);
  });

  it('on (pre, post, post) all-to-all potentiates twice from one pre spike, nearest twice from its reset trace', async () => {
    const [all, nearest] = await Promise.all((['all_to_all', 'nearest'] as const).map((pairing) =>
      runPair([0.045], [0.05, 0.06], { ...base, pairing } as PlasticityDescription)));
    const lags = all!.post.map((p) => (p - (all!.pre[0]! + 1)) * dt);
    const expected = 0.5 + lags.reduce((s, t) => s + base.aPlus * Math.exp(-t / base.tauPlus), 0);
    // One pre spike: both schemes see the same single presynaptic trace.
    expect(Math.abs(all!.w - expected)).toBeLessThanOrEqual(ulp(0.5) * 2);
    expect(nearest!.w).toBe(all!.w);
  });
});

describe('pair STDP with per-synapse delays', () => {
  it('each synapse pairs at its own arrival: three synapses from one neuron, delays 1, 6 and 14 steps', async () => {
    for (const dendriticSteps of [0, 1]) {
      const plasticity = { ...base, dendriticDelay: dendriticSteps * dt } as PlasticityDescription;
      const delays = [1, 6, 14].map((d) => (d + dendriticSteps) * dt);
      const desc = pairNetwork([0.0493], [0.05], plasticity, { w0: 0.5 });
      desc.projections![0] = { ...desc.projections![0]!, rule: { type: 'list', pre: [0, 0, 0], post: [0, 0, 0], delay: delays } };
      delete desc.projections![0]!.delay;
      const net = (await simulator('wasm')).load(desc);
      await net.run(0.15);
      const pre = net.getMonitor<{ steps: Uint32Array }>('pre').read().steps[0]!;
      const post = net.getMonitor<{ steps: Uint32Array }>('post').read().steps[0]!;
      const { weight, delay } = await net.getProjection('plastic').weights();
      const changes = Array.from(weight, (w, k) => {
        const axonal = Math.round(delay[k]! / dt) - dendriticSteps;
        const t = ((post + dendriticSteps) - (pre + axonal)) * dt;
        const expected = t >= 0 ? base.aPlus * Math.exp(-t / base.tauPlus) : -base.aMinus * Math.exp(t / base.tauMinus);
        expect(Math.abs(w - (0.5 + expected))).toBeLessThanOrEqual(ulp(0.5) * 1.5);
        return Math.sign(expected);
      });
      // The pre spike comes 7 steps before the post one: the two short delays potentiate, the long one depresses.
      expect(changes).toEqual([1, 1, -1]);
    }
  });
});

describe('all-to-all pair STDP over spike trains, per-synapse delays', () => {
  it('each synapse\'s change is the sum over its pre-post pairs, spikes overlapping in flight', async () => {
    const plasticity = { ...base, wMin: -10, wMax: 10 } as PlasticityDescription;
    const delaySteps = [1, 9, 23];
    // Pre spikes 0.7 ms apart (several in flight on the 23-step synapse), posts around and between them.
    const preTimes = [0.02, 0.0207, 0.0214, 0.0221, 0.03, 0.0307];
    const desc = pairNetwork(preTimes, [0.0195, 0.0212, 0.0236, 0.0299, 0.0335], plasticity, { w0: 0 });
    desc.projections![0] = { ...desc.projections![0]!, rule: { type: 'list', pre: [0, 0, 0], post: [0, 0, 0], delay: delaySteps.map((d) => d * dt) } };
    delete desc.projections![0]!.delay;
    const net = (await simulator('wasm')).load(desc);
    await net.run(0.1);
    const pre = Array.from(net.getMonitor<{ steps: Uint32Array }>('pre').read().steps);
    const post = Array.from(net.getMonitor<{ steps: Uint32Array }>('post').read().steps);
    expect(pre.length).toBe(6);
    expect(post.length).toBe(5);
    const { weight } = await net.getProjection('plastic').weights();
    delaySteps.forEach((d, k) => {
      let dw = 0;
      for (const p of pre) {
        for (const q of post) {
          const t = (q - (p + d)) * dt; // post time minus arrival time at the synapse
          dw += t >= 0 ? base.aPlus * Math.exp(-t / base.tauPlus) : -base.aMinus * Math.exp(t / base.tauMinus);
        }
      }
      expect(Math.abs(weight[k]! - dw)).toBeLessThan(1e-6);
    });
  });
});
