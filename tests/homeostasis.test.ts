// Homeostasis brings rates to their targets: intrinsic plasticity (alif targetRate),
// multiplicative synaptic scaling, and Vogels & Sprekeler (2011) inhibitory plasticity, each
// starting from a rate far from the target. Tolerance: the mean rate over the last 10 s within
// 15 % of the target (the 40 neurons share their Poisson inputs, so the population rate swings
// by about +-30 % from one second to the next). Vogels-Sprekeler gets 30 %: its fixed point is
// the target rate only for uncorrelated spikes, and each inhibitory spike lowers the post
// neuron's firing just after it, which settles the rate somewhat above the target (about +20 %
// here).
import { describe, expect, it } from 'vitest';
import type { NetworkDescription, PopulationDescription, ProjectionDescription } from '../ts/model/description.js';
import { simulator } from './helpers.js';

const ms = 1e-3;
const mV = 1e-3;

/** 40 neurons each fed by 50 of 200 Poisson inputs at 10 Hz; returns the rate per second of run. */
async function rates(neuron: PopulationDescription, projections: ProjectionDescription[], seconds: number, extra: PopulationDescription[] = []): Promise<number[]> {
  const desc: NetworkDescription = {
    dt: 1e-4,
    seed: 3,
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

describe('homeostasis', () => {
  it('intrinsic plasticity: an alif population settles at its target rate', async () => {
    const neuron: PopulationDescription = { name: 'neuron', size: 40, model: 'alif', params: { ...lifParams, tauTheta: 1e6, thetaPlus: 0.5 * mV, targetRate: 8 } };
    const r = await rates(neuron, [input('neuron', 'e', 8 * mV)], 30);
    expect(r[0]!).toBeGreaterThan(16);
    expect(Math.abs(tail(r, 10) - 8)).toBeLessThan(8 * 0.15);
  }, 60_000);

  for (const [label, weight] of [['from above', 8 * mV], ['from below', 2 * mV]] as const) {
    it(`synaptic scaling brings the rate to the target ${label}`, async () => {
      const neuron: PopulationDescription = { name: 'neuron', size: 40, model: 'lif', params: lifParams };
      const plasticity = { rule: 'none', wMax: 20 * mV, scaling: { targetRate: 6, tau: 1, eta: 0.02, interval: 0.1 } } as const;
      const r = await rates(neuron, [input('neuron', 'e', weight, plasticity)], 40);
      expect(label === 'from above' ? r[0]! > 12 : r[0]! < 1).toBe(true);
      expect(Math.abs(tail(r, 10) - 6)).toBeLessThan(6 * 0.15);
    }, 60_000);
  }

  it('Vogels-Sprekeler inhibitory plasticity balances excitation down to the target rate', async () => {
    const neuron: PopulationDescription = {
      name: 'neuron', size: 40, model: 'lif_cond',
      params: { cM: 200e-12, gL: 10e-9, eL: -60 * mV, vThresh: -50 * mV, vReset: -60 * mV, tRef: 5 * ms, receptors: { e: { tau: 5 * ms, eRev: 0 }, i: { tau: 10 * ms, eRev: -80 * mV } } },
    };
    const inhibitory: PopulationDescription = { name: 'inh', size: 200, model: 'poisson', params: { rate: 10 } };
    const r = await rates(neuron, [
      input('neuron', 'e', 2.5e-9),
      { pre: { population: 'inh' }, post: { population: 'neuron' }, receptor: 'i', rule: { type: 'fixed_indegree', k: 50 }, weight: 0, delay: 1e-4,
        plasticity: { rule: 'vogels_sprekeler', eta: 6e-11, tau: 20 * ms, targetRate: 5, wMax: 1e-7 } },
    ], 30, [inhibitory]);
    expect(r[0]!).toBeGreaterThan(30);
    expect(Math.abs(tail(r, 10) - 5)).toBeLessThan(5 * 0.3);
  }, 60_000);
});
