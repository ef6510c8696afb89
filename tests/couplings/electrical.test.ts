// Electrical synapses (gap junctions) against closed forms: two passive cells converge with the
// analytic time constants, and N coupled cells under constant currents settle where
// (G_L + L_gap) V = G_L E_L + I, L_gap the graph Laplacian of the junctions (solved here in
// float64). On every backend.
import { describe, expect, it } from 'vitest';
import type { EquationModelOptions } from '../../ts/api/network.js';
import type { StateData } from '../../ts/api/monitors.js';
import { backendsFor, describeBackends, simulatorOf } from '../support/backends.js';
import { failureOf } from '../support/helpers.js';

const PASSIVE: EquationModelOptions = {
  equations: `dv/dt = (gL*(EL - v) + Igap + I_input) / C : volt
              Igap : amp
              I_input : amp`,
  params: { gL: '10 nS', EL: '-70 mV', C: '200 pF' },
};
const [gL, EL, C] = [10e-9, -70e-3, 200e-12];

/** x solving A x = b (Gaussian elimination with partial pivoting, float64). */
function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    const p = M.slice(c).reduce((best, row, k) => (Math.abs(row[c]!) > Math.abs(M[best]![c]!) ? c + k : best), c);
    [M[c], M[p]] = [M[p]!, M[c]!];
    for (let r = c + 1; r < n; r++) {
      const f = M[r]![c]! / M[c]![c]!;
      for (let k = c; k <= n; k++) M[r]![k]! -= f * M[c]![k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) x[r] = (M[r]![n]! - M[r]!.slice(r + 1, n).reduce((s, a, k) => s + a * x[r + 1 + k]!, 0)) / M[r]![r]!;
  return x;
}

/** The rate of exponential decay of a positive sampled quantity, fitted by least squares on its log. */
function decayRate(times: number[], values: number[]): number {
  const y = values.map(Math.log);
  const [mt, my] = [times.reduce((s, t) => s + t, 0) / times.length, y.reduce((s, v) => s + v, 0) / y.length];
  const slope = times.reduce((s, t, k) => s + (t - mt) * (y[k]! - my), 0) / times.reduce((s, t) => s + (t - mt) ** 2, 0);
  return -slope;
}

describeBackends('electrical synapses', await backendsFor(), (backend) => {
  it('two passive cells: the difference decays with C/(gL + 2g), the mean with C/gL (within 0.3 %), each step as the explicit coupling computes it', async () => {
    const g = 5e-9;
    const dt = 5e-5;
    const net = (await backend.simulator()).network({ dt });
    const P = net.population(2, PASSIVE, { v: ['-50 mV', '-70 mV'] });
    net.connect(P, P, { electrical: { current: 'Igap' }, weight: `${g} S`, rule: { type: 'list', pre: [0], post: [1] } });
    const state = net.monitorState(P, ['v']);
    await net.run(0.03);
    const { times, values } = state.read() as StateData;
    const v = values.v!;
    const t = Array.from(times);
    const difference = t.map((_, k) => v[2 * k]! - v[2 * k + 1]!);
    const mean = t.map((_, k) => (v[2 * k]! + v[2 * k + 1]!) / 2 - EL);
    expect(Math.abs(decayRate(t, difference) / ((gL + 2 * g) / C) - 1)).toBeLessThan(0.003);
    expect(Math.abs(decayRate(t, mean) / (gL / C) - 1)).toBeLessThan(0.003);
    // The scheme itself: leak integrated exactly with the junction current held over the step,
    // so the difference shrinks by P - (1 - P) 2g/gL per step, P = exp(-dt gL/C).
    const P22 = Math.exp((-dt * gL) / C);
    const factor = P22 - ((1 - P22) * 2 * g) / gL;
    difference.forEach((d, k) => expect(Math.abs(d / (20e-3 * factor ** k) - 1), `step ${k}`).toBeLessThan(1e-4));
  });

  it('40 cells on a random junction graph under constant currents settle at the solution of (G_L + L_gap) V = G_L E_L + I (within 1e-4)', async () => {
    const n = 40;
    let seed = 12345;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const pre: number[] = [];
    const post: number[] = [];
    const weight: number[] = [];
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        if (random() < 0.1) { pre.push(i); post.push(j); weight.push((0.5 + 4.5 * random()) * 1e-9); }
      }
    }
    const bias = Array.from({ length: n }, () => random() * 100e-12);
    const net = (await backend.simulator()).network({ dt: 1e-4 });
    const P = net.population(n, { ...PASSIVE, params: { ...PASSIVE.params, bias } }, { v: '-70 mV' });
    net.connect(P, P, { electrical: { current: 'Igap' }, weight, rule: { type: 'list', pre, post } });
    await net.run(0.5); // 25 membrane time constants
    const A = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? gL : 0)));
    pre.forEach((i, k) => {
      const [j, g] = [post[k]!, weight[k]!];
      A[i]![i]! += g; A[j]![j]! += g; A[i]![j]! -= g; A[j]![i]! -= g;
    });
    const want = solve(A, bias.map((I) => gL * EL + I));
    const got = await P.get('v');
    expect(pre.length).toBeGreaterThan(50);
    want.forEach((w, i) => expect(Math.abs(got[i]! / w - 1), `cell ${i}`).toBeLessThan(1e-4));
  });

  it('a junction conductance past the stability bound is refused, naming the neuron; just below it the cells stay bounded', async () => {
    const sim = await backend.simulator();
    const build = (g: string) => {
      const net = sim.network({ dt: 1e-4 });
      const P = net.population(3, PASSIVE, { v: ['-50 mV', '-70 mV', '-60 mV'] });
      net.connect(P, P, { electrical: { current: 'Igap' }, weight: g, rule: { type: 'list', pre: [0, 1], post: [1, 2] } });
      return { net, P };
    };
    // Neuron 1 has two junctions: dt 2g / C passes 1 at g = C / (2 dt) = 1 uS.
    const e = await failureOf(() => build('1.05 uS').net.run(0.01));
    expect(e.code).toBe('E_PARAM');
    expect(e.path).toBe('projections[0].weight');
    expect(e.message).toMatch(/neuron 1 of population .* dt·Σg\/C = 1\.0[0-9]* exceeds 1/);
    const { net, P } = build('0.95 uS');
    await net.run(0.05);
    for (const v of await P.get('v')) expect(Math.abs(v - EL)).toBeLessThan(20e-3);
  });
});

describe('electrical synapses: what is refused', () => {
  it.each([
    ['across two populations', (net: Net) => net.connect(net.population(2, PASSIVE), net.population(2, PASSIVE), { electrical: { current: 'Igap' }, weight: '1 nS', rule: 'one_to_one' }), 'E_MODEL', /pre and post must be slices of the same population/],
    ['onto a built-in model', (net: Net) => { const P = net.population(2, 'lif', { tauM: 0.02, vRest: -0.07, vThresh: -0.05, vReset: -0.07 }); net.connect(P, P, { electrical: { current: 'Igap' }, weight: '1 nS', rule: 'one_to_one' }); }, 'E_MODEL', /write its model as equations/],
    ['an undeclared current', (net: Net) => { const P = net.population(2, PASSIVE); net.connect(P, P, { electrical: { current: 'Ix' }, weight: '1 nS', rule: 'one_to_one' }); }, 'E_MODEL', /declares no per-neuron parameter "Ix"/],
    ['a delay', (net: Net) => { const P = net.population(2, PASSIVE); net.connect(P, P, { electrical: { current: 'Igap' }, weight: '1 nS', delay: '1 ms', rule: 'one_to_one' }); }, 'E_PARAM', /takes no delay/],
    ['a weight in the wrong unit', (net: Net) => { const P = net.population(2, PASSIVE); net.connect(P, P, { electrical: { current: 'Igap' }, weight: '1 nA', rule: 'one_to_one' }); }, 'E_UNITS', /must be in S \(got "1 nA", which is in A\)/],
    ['a negative conductance', (net: Net) => { const P = net.population(2, PASSIVE); net.connect(P, P, { electrical: { current: 'Igap' }, weight: '-1 nS', rule: 'one_to_one' }); }, 'E_PARAM', /projections\[0\]\.weight/],
    ['an unknown key', (net: Net) => { const P = net.population(2, PASSIVE); net.connect(P, P, { electrical: { current: 'Igap', gain: 2 } as never, weight: '1 nS', rule: 'one_to_one' }); }, 'E_PARAM', /gain/],
  ])('%s', async (_, make, code, message) => {
    const net = (await simulatorOf('wasm')).network({ dt: 1e-4 });
    const e = await failureOf(async () => { make(net); await net.run(0.001); });
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
  });
});

type Net = ReturnType<Awaited<ReturnType<typeof simulatorOf>>['network']>;
