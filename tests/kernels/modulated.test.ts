// Three-factor learning against its definition: a pre-post pair leaves an eligibility trace
// c0 = A+ exp(-dt/tau+) that decays with tauC; a modulator raised to M later (decaying with its
// own tau) then moves the weight by sum over steps of rate * dt * m_s * c_s. A negative M
// (an error signal) moves it the other way, and a later reward moves it less, by exp(-delay/tauC).
import { describe, expect, it } from 'vitest';
import type { PlasticityDescription } from '../../ts/model/description.js';
import { simulator } from '../support/helpers.js';
import { dt, pairNetwork } from '../support/plasticity-fixtures.js';

const ms = 1e-3;
const rule = {
  rule: 'stdp', aPlus: 0.01, aMinus: 0.012, tauPlus: 20 * ms, tauMinus: 20 * ms, wMin: -1, wMax: 1,
  modulator: 'm', tauC: 0.2, learningRate: 2,
} as PlasticityDescription;
const tauM = 0.05;

/** Runs the pair (pre at 40 ms, post driven at 50 ms), waits until `rewardAt`, adds M, runs 1 s more. */
async function rewarded(M: number, rewardAt: number) {
  const desc = { ...pairNetwork([0.04], [0.05], rule, { w0: 0 }), modulators: [{ name: 'm', tau: tauM }] };
  const net = (await simulator('wasm')).load(desc);
  await net.run(rewardAt);
  const untouched = (await net.getProjection('plastic').weights()).weight[0]!;
  await net.modulate('m', M);
  await net.run(1);
  const pre = net.getMonitor<{ steps: Uint32Array }>('pre').read().steps[0]!;
  const post = net.getMonitor<{ steps: Uint32Array }>('post').read().steps[0]!;
  return { untouched, w: (await net.getProjection('plastic').weights()).weight[0]!, pre, post, T: Math.round(rewardAt / dt), steps: net.steps };
}

/** The definition, in f64: c is set at the post spike's step P and decays once per later step. */
function expected(M: number, r: Awaited<ReturnType<typeof rewarded>>): number {
  const c0 = rule.aPlus! * Math.exp(-((r.post - (r.pre + 1)) * dt) / rule.tauPlus!);
  const dc = Math.exp(-dt / rule.tauC!);
  const dm = Math.exp(-dt / tauM);
  let w = 0;
  for (let s = r.T; s < r.steps; s++) w += rule.learningRate! * dt * (M * dm ** (s - r.T + 1)) * (c0 * dc ** (s - r.post - 1));
  return w;
}

describe('modulated STDP through eligibility traces', () => {
  it('a reward turns the eligibility of one pair into the weight change its definition gives', async () => {
    const r = await rewarded(40, 0.1);
    expect(r.post - r.pre).toBeGreaterThan(50); // pre before post, within tau+
    expect(r.untouched).toBe(0); // no modulator yet: the pair only set c
    const dw = expected(40, r);
    expect(dw).toBeGreaterThan(1e-3);
    expect(Math.abs(r.w - dw)).toBeLessThan(1e-3 * dw);
  });

  it('a negative modulator (an error) moves the weight the other way by the same amount', async () => {
    const [up, down] = await Promise.all([rewarded(40, 0.1), rewarded(-40, 0.1)]);
    expect(down.w).toBeLessThan(0);
    expect(Math.abs(down.w + up.w)).toBeLessThan(1e-6 * up.w);
  });

  it('a reward 0.5 s later moves it less, by the eligibility decay exp(-0.4 s / tauC)', async () => {
    const [soon, late] = await Promise.all([rewarded(40, 0.1), rewarded(40, 0.5)]);
    const ratio = late.w / soon.w;
    expect(Math.abs(ratio - Math.exp(-0.4 / rule.tauC!))).toBeLessThan(2e-3);
    expect(Math.abs(late.w - expected(40, late))).toBeLessThan(1e-3 * late.w);
  });
});
