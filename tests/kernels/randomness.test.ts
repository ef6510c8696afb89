// Independent randomness: different populations, projections and neurons draw uncorrelated
// numbers, and the draws have the variance their distributions say, over several seeds.
//
// Every check is a two-sided test at significance 1e-5 (|z| < 4.42 for a normal statistic;
// chi-square bounds from the Wilson-Hilferty approximation), so that across the ~100 checks of
// this file a correct generator fails with probability about 1e-3, while shared or shifted
// streams (identical trains, the same synapses drawn twice) are off by hundreds of standard
// deviations. The runs are seeded, so a result does not change from run to run.
import { describe, expect, it } from 'vitest';
import { simulator } from '../support/helpers.js';

const Z = 4.42;
const seeds = [1, 2, 3, 4, 5];
const dt = 1e-4;

/** Wilson-Hilferty bounds of a chi-square variable with k degrees of freedom at two-sided 1e-5. */
function chiSquareBounds(k: number): [number, number] {
  const a = 2 / (9 * k);
  return [k * (1 - a - Z * Math.sqrt(a)) ** 3, k * (1 - a + Z * Math.sqrt(a)) ** 3];
}

/** Pearson correlation of two equally long series. */
function correlation(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** Spikes as a set of step * size + neuron keys, and counts per step and per neuron. */
function trains(steps: Uint32Array, neurons: Int32Array, size: number, nSteps: number) {
  const keys = new Set<number>();
  const perStep = new Float64Array(nSteps);
  const perNeuron = new Float64Array(size);
  steps.forEach((s, k) => {
    keys.add(s * size + neurons[k]!);
    perStep[s]!++;
    perNeuron[neurons[k]!]!++;
  });
  return { keys, perStep, perNeuron };
}

describe.each(seeds)('randomness, seed %i', (seed) => {
  it('two Poisson populations fire independent trains: coincidences at lags -1, 0, 1 step and population counts as chance gives', async () => {
    const size = 200;
    const rate = 50;
    const nSteps = 20000;
    const sim = await simulator();
    const net = sim.network({ dt, seed });
    const A = net.population(size, 'poisson', { rate });
    const B = net.population(size, 'poisson', { rate });
    const sa = net.monitorSpikes(A);
    const sb = net.monitorSpikes(B);
    await net.run(nSteps * dt);
    const a = trains(sa.read().steps, sa.read().neurons, size, nSteps);
    const b = trains(sb.read().steps, sb.read().neurons, size, nSteps);
    const p = rate * dt;
    for (const lag of [-1, 0, 1]) {
      let together = 0;
      for (const key of a.keys) if (b.keys.has(key + lag * size)) together++;
      // Same neuron index, steps `lag` apart: Binomial(size * nSteps, p^2).
      const mean = size * nSteps * p * p;
      expect(Math.abs(together - mean) / Math.sqrt(mean * (1 - p * p)), `lag ${lag}`).toBeLessThan(Z);
    }
    expect(Math.abs(correlation(a.perStep, b.perStep)) * Math.sqrt(nSteps)).toBeLessThan(Z);
  });

  it('neurons of one Poisson population are independent, and their counts vary as binomials do', async () => {
    const size = 400;
    const nSteps = 20000;
    const p = 0.002; // 20 Hz
    const sim = await simulator();
    const net = sim.network({ dt, seed });
    const A = net.population(size, 'poisson', { rate: p / dt });
    const sa = net.monitorSpikes(A);
    await net.run(nSteps * dt);
    const a = trains(sa.read().steps, sa.read().neurons, size, nSteps);
    // Neighbours (the same Philox block for lanes 0-3, the next block for lane 3 -> 4): coincidences of i and i + 1.
    let together = 0;
    for (const key of a.keys) if (key % size !== size - 1 && a.keys.has(key + 1)) together++;
    const mean = (size - 1) * nSteps * p * p;
    expect(Math.abs(together - mean) / Math.sqrt(mean)).toBeLessThan(Z);
    // Dispersion of the counts across neurons: (n - 1) s^2 / (nSteps p (1 - p)) is chi-square with n - 1 degrees of freedom.
    const counts = Array.from(a.perNeuron);
    const m = counts.reduce((s, x) => s + x, 0) / size;
    const ss = counts.reduce((s, x) => s + (x - m) ** 2, 0);
    const [lo, hi] = chiSquareBounds(size - 1);
    const statistic = ss / (nSteps * p * (1 - p));
    expect(statistic).toBeGreaterThan(lo);
    expect(statistic).toBeLessThan(hi);
    // The total count: Binomial(size * nSteps, p).
    const total = size * nSteps * p;
    expect(Math.abs(m * size - total) / Math.sqrt(total * (1 - p))).toBeLessThan(Z);
  });

  it('two projections with the same rule draw different synapses, weights and delays', async () => {
    const size = 300;
    const p = 0.1;
    const sim = await simulator();
    const net = sim.network({ dt, seed });
    const A = net.population(size, 'lif', { tauM: 0.02, vRest: -0.07, vThresh: -0.05, vReset: -0.07, receptors: { e: { tau: 0.005 } } });
    const options = { receptor: 'e', rule: { type: 'fixed_probability' as const, p }, weight: { uniform: [0, 1e-3] as [number, number] }, delay: { uniform: [1e-4, 5e-3] as [number, number] } };
    const first = net.connect(A, A, options);
    const second = net.connect(A, A, options);
    await net.build();
    const [x, y] = [await first.weights(), await second.weights()];
    const pairs = (t: typeof x) => new Set(Array.from(t.pre, (pre, k) => pre * size + t.post[k]!));
    const px = pairs(x);
    let shared = 0;
    for (const key of pairs(y)) if (px.has(key)) shared++;
    // Each of the size^2 pairs is in both with probability p^2.
    const mean = size * size * p * p;
    expect(Math.abs(shared - mean) / Math.sqrt(mean * (1 - p * p))).toBeLessThan(Z);
    // The synapse counts: Binomial(size^2, p) each.
    for (const t of [x, y]) expect(Math.abs(t.pre.length - size * size * p) / Math.sqrt(size * size * p * (1 - p))).toBeLessThan(Z);
    const n = Math.min(x.weight.length, y.weight.length);
    expect(Math.abs(correlation(x.weight.subarray(0, n), y.weight.subarray(0, n))) * Math.sqrt(n)).toBeLessThan(Z);
    expect(Math.abs(correlation(x.delay.subarray(0, n), y.delay.subarray(0, n))) * Math.sqrt(n)).toBeLessThan(Z);
    // Within one projection, a synapse's weight and delay come from different streams.
    expect(Math.abs(correlation(x.weight, x.delay)) * Math.sqrt(x.weight.length)).toBeLessThan(Z);
  });

  it('initial values and Izhikevich noise are drawn independently per population and per neuron, the noise with unit variance', async () => {
    const size = 500;
    const nSteps = 2000;
    const noise = 1;
    const sim = await simulator();
    const net = sim.network({ dt: 1e-3, seed });
    // Euler, so that each step's noise can be read back from v and u: g = ((v' - v) / h - dv/dt(v, u)) / noise.
    const params = { scheme: 'euler', a: 0.02, b: 0.2, c: -65, d: 8, noise };
    const init = { v: { uniform: [-72, -68] as [number, number] } };
    const A = net.population(size, 'izhikevich', params, init);
    const B = net.population(size, 'izhikevich', params, init);
    const stA = net.monitorState(A, ['v', 'u'], { neurons: [0, 1] });
    const stB = net.monitorState(B, ['v', 'u'], { neurons: [0] });
    await net.build();
    const [va, vb] = [await A.get('v'), await B.get('v')];
    expect(Math.abs(correlation(va, vb)) * Math.sqrt(size)).toBeLessThan(Z);
    expect(Math.abs(correlation(va.subarray(0, size - 1), va.subarray(1))) * Math.sqrt(size - 1)).toBeLessThan(Z);
    await net.run(nSteps * 1e-3);
    const draws = (data: ReturnType<typeof stA.read>, neuron: number, of: number) => {
      const v = data.values.v!;
      const u = data.values.u!;
      const g: number[] = [];
      for (let t = 0; t + 1 < nSteps; t++) {
        const [v0, v1, u0] = [v[t * of + neuron]!, v[(t + 1) * of + neuron]!, u[t * of + neuron]!];
        // A reset (after v reached 30 mV) hides the step's draw; with this noise the cells stay far below.
        if (v0 > -40 || v1 > -40) return fail(`neuron ${neuron} left the subthreshold range at step ${t}`);
        g.push((v1 - v0 - (0.04 * v0 * v0 + 5 * v0 + 140 - u0)) / noise);
      }
      return g;
    };
    const fail = (why: string): never => {
      throw new Error(why);
    };
    const [a0, a1, b0] = [draws(stA.read(), 0, 2), draws(stA.read(), 1, 2), draws(stB.read(), 0, 1)];
    const n = a0.length;
    expect(Math.abs(correlation(a0, b0)) * Math.sqrt(n)).toBeLessThan(Z);
    expect(Math.abs(correlation(a0, a1)) * Math.sqrt(n)).toBeLessThan(Z);
    expect(Math.abs(correlation(a0.slice(1), a0.slice(0, -1))) * Math.sqrt(n - 1)).toBeLessThan(Z);
    for (const g of [a0, a1, b0]) {
      expect(Math.abs(g.reduce((s, x) => s + x, 0)) / Math.sqrt(n)).toBeLessThan(Z);
      const [lo, hi] = chiSquareBounds(n);
      const squares = g.reduce((s, x) => s + x * x, 0);
      expect(squares).toBeGreaterThan(lo);
      expect(squares).toBeLessThan(hi);
    }
  });
});
