// Hodgkin-Huxley from Brian2's examples/COBAHH.py equations, verbatim (Brette et al. 2007,
// benchmark 3), integrated by exponential Euler: one neuron against a float64 exponential
// Euler written here, and the 4000-neuron network against Brian2's own run of it
// (tests/references/brian2/cobahh.json, made by cobahh.py there).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mean, simulator, statistics } from '../support/helpers.js';
import { COBAHH } from '../support/equation-models.js';
import { backendsFor, describeBackends } from '../support/backends.js';

const mV = 1e-3;
const AREA = 20000e-12;
const P = {
  Cm: 1e-6 * 1e4 * AREA, gl: 5e-5 * 1e4 * AREA, El: -60 * mV, EK: -90 * mV, ENa: 50 * mV,
  gNa: 100e-3 * 1e4 * AREA, gKd: 30e-3 * 1e4 * AREA, VT: -63 * mV, taue: 5e-3, taui: 10e-3, Ee: 0, Ei: -80 * mV,
};
const exprel = (x: number) => (x === 0 ? 1 : Math.expm1(x) / x);

/** Spike steps of one COBAHH neuron driven by `w` into ge at the given arrival steps, in float64. */
function float64Steps(arrivals: Set<number>, w: number, steps: number, dt: number): number[] {
  let [v, m, n, h, ge, gi] = [-65 * mV, 0, 0, 0, 0, 0];
  const refractory = Math.round(3e-3 / dt) - 1;
  let countdown = 0;
  const spikes: number[] = [];
  const expEuler = (x: number, a: number, b: number) => -(b / a) + (x + b / a) * Math.exp(a * dt);
  for (let s = 0; s < steps; s++) {
    const am = (0.32 * 4) / exprel((13 * mV - v + P.VT) / (4 * mV)) / 1e-3;
    const bm = (0.28 * 5) / exprel((v - P.VT - 40 * mV) / (5 * mV)) / 1e-3;
    const ah = (0.128 * Math.exp((17 * mV - v + P.VT) / (18 * mV))) / 1e-3;
    const bh = 4 / (1 + Math.exp((40 * mV - v + P.VT) / (5 * mV))) / 1e-3;
    const an = (0.032 * 5) / exprel((15 * mV - v + P.VT) / (5 * mV)) / 1e-3;
    const bn = (0.5 * Math.exp((10 * mV - v + P.VT) / (40 * mV))) / 1e-3;
    const gNa = P.gNa * m * m * m * h;
    const gK = P.gKd * n * n * n * n;
    const a = -(P.gl + ge + gi + gNa + gK) / P.Cm;
    const b = (P.gl * P.El + ge * P.Ee + gi * P.Ei + gNa * P.ENa + gK * P.EK) / P.Cm;
    [v, m, n, h, ge, gi] = [expEuler(v, a, b), expEuler(m, -(am + bm), am), expEuler(n, -(an + bn), an), expEuler(h, -(ah + bh), ah), ge * Math.exp(-dt / P.taue), gi * Math.exp(-dt / P.taui)];
    const held = countdown > 0;
    const spike = !held && v > -20 * mV;
    if (arrivals.has(s)) ge += w;
    countdown = held ? countdown - 1 : spike ? refractory : 0;
    if (spike) spikes.push(s);
  }
  return spikes;
}

describeBackends('Hodgkin-Huxley (COBAHH equations, exponential Euler), one neuron', await backendsFor(), (backend) => {
  it('spike steps within one step of a float64 exponential Euler', async () => {
    const dt = 1e-4;
    const sourceSteps = Array.from({ length: 150 }, (_, k) => 20 + 13 * k);
    const net = (await backend.simulator()).network({ dt });
    const src = net.population(1, 'spike_source', { spikeTimes: [sourceSteps.map((s) => s * dt)] });
    const H = net.population(1, COBAHH, { v: '-65 mV' });
    net.connect(src, H, { synapse: { onPre: 'ge += w' }, weight: '12 nS', rule: { type: 'all_to_all' } });
    const spikes = net.monitorSpikes(H);
    await net.run(0.2);
    // A spike emitted at step s is delivered, one step of delay later, at the end of step s + 1.
    const want = float64Steps(new Set(sourceSteps.map((s) => s + 1)), 12e-9, 2000, dt);
    const got = Array.from(spikes.read().steps);
    expect(want.length).toBeGreaterThan(10);
    expect(got.length).toBe(want.length);
    got.forEach((s, k) => expect(Math.abs(s - want[k]!)).toBeLessThanOrEqual(1));
  });
});

describe('Hodgkin-Huxley (COBAHH equations, exponential Euler), the network', () => {

  it('4000 neurons, 1 s: rate and CV within 10 % of Brian2 over 3 seeds', async () => {
    const reference = JSON.parse(readFileSync(new URL('../references/brian2/cobahh.json', import.meta.url), 'utf8')).cobahh as { rate: number[]; cv: number[] };
    const sim = await simulator('wasm');
    const runs = [];
    for (const seed of [1, 2, 3]) {
      const net = sim.network({ dt: 1e-4, seed });
      const H = net.population(4000, COBAHH, {
        v: { normal: { mean: '-65 mV', std: '5 mV' } }, ge: { normal: { mean: '40 nS', std: '15 nS' } }, gi: { normal: { mean: '200 nS', std: '120 nS' } },
      });
      net.connect(H.slice(0, 3200), H, { synapse: { onPre: 'ge += w' }, weight: '6 nS', rule: { p: 0.02 } });
      net.connect(H.slice(3200), H, { synapse: { onPre: 'gi += w' }, weight: '67 nS', rule: { p: 0.02 } });
      const spikes = net.monitorSpikes(H);
      await net.run(1);
      runs.push(statistics(spikes.read(), 4000, 1));
    }
    const [rate, cv] = [mean(runs.map((r) => r.rate)), mean(runs.map((r) => r.cv))];
    expect(rate).toBeGreaterThan(1);
    expect(Math.abs(rate / mean(reference.rate) - 1)).toBeLessThan(0.1);
    expect(Math.abs(cv / mean(reference.cv) - 1)).toBeLessThan(0.1);
  }, 300_000);
});
