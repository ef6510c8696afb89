// Short-term plasticity against the Markram-Wang-Tsodyks (1998) recursion, and triplet STDP
// against its definition (Pfister & Gerstner 2006) and the pairing-frequency dependence it
// was fitted to (Sjostrom et al. 2001): potentiation grows with the pairing frequency.
import { describe, expect, it } from 'vitest';
import type { NetworkDescription, PlasticityDescription, StpDescription } from '../../ts/model/description.js';
import { simulator } from '../support/helpers.js';
import { dt, pairNetwork } from '../support/plasticity-fixtures.js';

const ms = 1e-3;

/** EPSC amplitudes (jumps of the receptor current) of a regular train through a TM synapse. */
async function epscs(stp: StpDescription, rate: number, spikes: number): Promise<number[]> {
  const times = Array.from({ length: spikes }, (_, k) => 0.01 + k / rate);
  const tau = 2 * ms;
  const desc: NetworkDescription = {
    dt,
    populations: [
      { name: 'pre', size: 1, model: 'spike_source', params: { spikeTimes: [times] } },
      { name: 'post', size: 1, model: 'lif', params: { tauM: 10 * ms, vRest: 0, vThresh: 1, vReset: 0, rM: 1e-3, receptors: { e: { tau } } } },
    ],
    projections: [{ pre: { population: 'pre' }, post: { population: 'post' }, receptor: 'e', rule: { type: 'all_to_all' }, weight: 1, delay: dt, stp }],
    monitors: [{ type: 'state', name: 'I', population: 'post', variables: ['e'] }],
  };
  const net = (await simulator('wasm')).load(desc);
  await net.run(times.at(-1)! + 0.01);
  const I = net.getMonitor<{ values: { e: Float32Array } }>('I').read().values.e;
  const decay = Math.exp(-dt / tau);
  const jumps: number[] = [];
  for (let s = 1; s < I.length; s++) {
    const jump = I[s]! - I[s - 1]! * decay;
    if (jump > 1e-4) jumps.push(jump);
  }
  return jumps;
}

/** Markram, Wang & Tsodyks (1998): u1 = U, R1 = 1, EPSC_n = w u_n R_n. */
function markram(stp: StpDescription, interval: number, spikes: number): number[] {
  const out: number[] = [];
  let u = stp.U;
  let R = 1;
  for (let n = 0; n < spikes; n++) {
    out.push(u * R);
    const facil = stp.tauFacil ? Math.exp(-interval / stp.tauFacil) : 0;
    const rec = Math.exp(-interval / stp.tauRec);
    const uNext = stp.U + u * (1 - stp.U) * facil;
    R = R * (1 - u) * rec + 1 - rec;
    u = uNext;
  }
  return out;
}

describe('Tsodyks-Markram short-term plasticity', () => {
  const sets: [string, StpDescription, number][] = [
    ['depression-dominated', { U: 0.5, tauRec: 0.8 }, 20],
    ['facilitation-dominated', { U: 0.03, tauRec: 0.13, tauFacil: 0.53 }, 20],
    ['mixed at 50 Hz', { U: 0.2, tauRec: 0.2, tauFacil: 0.2 }, 50],
  ];
  for (const [label, stp, rate] of sets) {
    it(`${label}: EPSC amplitudes follow the recursion`, async () => {
      const got = await epscs(stp, rate, 12);
      const expected = markram(stp, 1 / rate, 12);
      expect(got.length).toBe(12);
      got.forEach((a, n) => expect(Math.abs(a - expected[n]!)).toBeLessThan(2e-6 * Math.max(1, expected[n]!) + 1e-6));
    });
  }

  it('depression makes later EPSCs smaller, facilitation larger', async () => {
    const dep = await epscs({ U: 0.5, tauRec: 0.8 }, 20, 6);
    const fac = await epscs({ U: 0.03, tauRec: 0.13, tauFacil: 0.53 }, 20, 6);
    expect(dep.at(-1)!).toBeLessThan(dep[0]! / 2);
    expect(fac.at(-1)!).toBeGreaterThan(fac[0]! * 2);
  });
});

// Pfister & Gerstner (2006), visual cortex, minimal all-to-all model.
const triplet = {
  rule: 'triplet', a2Plus: 5e-10, a3Plus: 6.2e-3, a2Minus: 7e-3, a3Minus: 0,
  tauPlus: 16.8 * ms, tauMinus: 33.7 * ms, tauX: 101 * ms, tauY: 125 * ms, wMin: -10, wMax: 10,
} as const;

/** The triplet rule evaluated from its definition, summing the traces over the spike lists. */
function tripletByDefinition(preArrivals: number[], posts: number[]): number {
  const trace = (spikes: number[], t: number, tau: number, strict: boolean) =>
    spikes.reduce((s, x) => s + ((strict ? x < t : x <= t) ? Math.exp(-(t - x) / tau) : 0), 0);
  let dw = 0;
  for (const t of posts) dw += trace(preArrivals, t, triplet.tauPlus, false) * (triplet.a2Plus + triplet.a3Plus * trace(posts, t, triplet.tauY, true));
  for (const t of preArrivals) dw -= trace(posts, t, triplet.tauMinus, true) * (triplet.a2Minus + triplet.a3Minus * trace(preArrivals, t, triplet.tauX, true));
  return dw;
}

async function pairing(rate: number, lag: number, pairs = 60): Promise<number> {
  const starts = Array.from({ length: pairs }, (_, k) => 0.02 + k / rate);
  const sim = await simulator('wasm');
  // The driver fires the post neuron one step after its own spike; place it so post - pre = lag.
  const net = sim.load(pairNetwork(starts, starts.map((t) => t + lag - dt - dt), triplet as PlasticityDescription, { w0: 0 }));
  await net.run(starts.at(-1)! + 0.2);
  const pre = Array.from(net.getMonitor<{ steps: Uint32Array }>('pre').read().steps, (s) => (s + 1) * dt);
  const post = Array.from(net.getMonitor<{ steps: Uint32Array }>('post').read().steps, (s) => s * dt);
  expect(pre.length).toBe(pairs);
  expect(post.length).toBe(pairs);
  const w = (await net.getProjection('plastic').weights()).weight[0]!;
  expect(Math.abs(w - tripletByDefinition(pre, post))).toBeLessThan(1e-5);
  return w;
}

describe('triplet STDP', () => {
  it('equals its definition and potentiation grows with pairing frequency (dt = +10 ms)', async () => {
    const rates = [1, 10, 20, 40, 50];
    const dw = [];
    for (const rate of rates) dw.push(await pairing(rate, 10 * ms));
    for (let k = 1; k < dw.length; k++) expect(dw[k]!).toBeGreaterThan(dw[k - 1]!);
    expect(dw[0]!).toBeLessThan(dw.at(-1)! / 4);
  }, 60_000);

  it('post-before-pre depresses at 1 Hz and potentiates at 50 Hz (dt = -10 ms)', async () => {
    expect(await pairing(1, -10 * ms)).toBeLessThan(0);
    expect(await pairing(50, -10 * ms)).toBeGreaterThan(0);
  }, 60_000);
});
