// Homeostasis brings rates to their targets: intrinsic plasticity (alif targetRate),
// multiplicative synaptic scaling, and Vogels & Sprekeler (2011) inhibitory plasticity, each
// starting from a rate far from the target, over seeds 1-5.
//
// The target rate is the independent quantity; the tolerances come from our own runs of seeds
// 1-5 with the target as given, halved and doubled (the mean rate over the last 10 s of 40 neurons that share their Poisson inputs, so the population rate
// swings by about +-30 % from one second to the next): intrinsic plasticity and scaling land
// within 7 % of any of the three targets, so 10 % is allowed and a halved or doubled target
// (50 % or 100 % off) fails. Vogels-Sprekeler settles above its target: its fixed point is the
// target only for uncorrelated spikes, and each inhibitory spike lowers the post neuron's
// firing just after it. Measured rate / target: 1.13-1.23 (target 5 Hz), 1.35-1.54 (2.5 Hz),
// 1.06-1.14 (10 Hz); allowed 1.0-1.35 of 5 Hz, which a halved (3.4-3.9 Hz) or doubled
// (10.6-11.4 Hz) target leaves.
import { describe, expect, it } from 'vitest';
import type { NetworkDescription, PopulationDescription, ProjectionDescription } from '../../ts/model/description.js';
import { simulator } from '../support/helpers.js';

const ms = 1e-3;
const mV = 1e-3;

/** 40 neurons each fed by 50 of 200 Poisson inputs at 10 Hz; returns the rate per second of run. */
async function rates(seed: number, neuron: PopulationDescription, projections: ProjectionDescription[], seconds: number, extra: PopulationDescription[] = []): Promise<number[]> {
  const desc: NetworkDescription = {
    dt: 1e-4,
    seed,
    populations: [{ name: 'input', size: 200, model: 'poisson', params: { rate: 10 } }, ...extra, { ...neuron, name: 'neuron', size: 40 }],
    projections,
    monitors: [{ type: 'rate', name: 'rate', population: 'neuron', bin: 1 }],
  };
  const net = (await simulator('wasm')).load(desc);
  await net.run(seconds);
  return Array.from(net.getMonitor<{ rates: Float64Array }>('rate').read().rates);
}

const tail = (r: number[], n: number) => r.slice(-n).reduce((s, x) => s + x, 0) / n;
const input = (post: string, receptor: string, weight: number, plasticity?: ProjectionDescription['plasticity']): ProjectionDescription => ({
  pre: { population: 'input' }, post: { population: post }, receptor, rule: { type: 'fixed_indegree', k: 50 }, weight, delay: 1e-4, ...(plasticity ? { plasticity } : {}),
});
const lifParams = { tauM: 20 * ms, vRest: -70 * mV, vThresh: -54 * mV, vReset: -70 * mV, tRef: 2 * ms, receptors: { e: { tau: 5 * ms } } };

describe.each([1, 2, 3, 4, 5])('homeostasis, seed %i', (seed) => {
  it('intrinsic plasticity: an alif population settles at its target rate', async () => {
    const neuron: PopulationDescription = { name: 'neuron', size: 40, model: 'alif', params: { ...lifParams, tauTheta: 1e6, thetaPlus: 0.5 * mV, targetRate: 8 } };
    const r = await rates(seed, neuron, [input('neuron', 'e', 8 * mV)], 30);
    expect(r[0]!).toBeGreaterThan(16);
    expect(Math.abs(tail(r, 10) - 8)).toBeLessThan(8 * 0.1);
  }, 60_000);

  for (const [label, weight] of [['from above', 8 * mV], ['from below', 2 * mV]] as const) {
    it(`synaptic scaling brings the rate to the target ${label}`, async () => {
      const neuron: PopulationDescription = { name: 'neuron', size: 40, model: 'lif', params: lifParams };
      const plasticity = { rule: 'none', wMax: 20 * mV, scaling: { targetRate: 6, tau: 1, eta: 0.02, interval: 0.1 } } as const;
      const r = await rates(seed, neuron, [input('neuron', 'e', weight, plasticity)], 40);
      expect(label === 'from above' ? r[0]! > 12 : r[0]! < 1).toBe(true);
      expect(Math.abs(tail(r, 10) - 6)).toBeLessThan(6 * 0.1);
    }, 60_000);
  }

  it('Vogels-Sprekeler inhibitory plasticity balances excitation down to the target rate', async () => {
    const neuron: PopulationDescription = {
      name: 'neuron', size: 40, model: 'lif_cond',
      params: { cM: 200e-12, gL: 10e-9, eL: -60 * mV, vThresh: -50 * mV, vReset: -60 * mV, tRef: 5 * ms, receptors: { e: { tau: 5 * ms, eRev: 0 }, i: { tau: 10 * ms, eRev: -80 * mV } } },
    };
    const inhibitory: PopulationDescription = { name: 'inh', size: 200, model: 'poisson', params: { rate: 10 } };
    const r = await rates(seed, neuron, [
      input('neuron', 'e', 2.5e-9),
      { pre: { population: 'inh' }, post: { population: 'neuron' }, receptor: 'i', rule: { type: 'fixed_indegree', k: 50 }, weight: 0, delay: 1e-4,
        plasticity: { rule: 'vogels_sprekeler', eta: 6e-11, tau: 20 * ms, targetRate: 5, wMax: 1e-7 } },
    ], 30, [inhibitory]);
    expect(r[0]!).toBeGreaterThan(30);
    expect(tail(r, 10)).toBeGreaterThanOrEqual(5);
    expect(tail(r, 10)).toBeLessThanOrEqual(5 * 1.35);
  }, 60_000);
});
