// Trained linear readouts (ts/api/readout.ts, ts/api/ridge.ts): the ridge fit against the
// closed form computed another way (the dual form, Xc^T (Xc Xc^T + lambda I)^-1 Yc, by Gaussian
// elimination, in float64), within 1e-6; a liquid of LIF neurons read after each trial tells two
// jittered spike templates apart on held-out trials, and cannot learn labels that carry no
// information (shuffled); bad options get typed errors.
import { describe, expect, it } from 'vitest';
import { fitRidge } from '../../ts/api/ridge.js';
import { RandomStream } from '../../ts/model/random/stream.js';
import { refusalOf, simulator } from '../support/helpers.js';

/** x solving A x = b for each column of B (Gaussian elimination with partial pivoting). */
function solve(A: number[][], B: number[][]): number[][] {
  const n = A.length;
  const M = A.map((row, i) => [...row, ...B[i]!]);
  const m = B[0]!.length;
  for (let c = 0; c < n; c++) {
    const p = M.slice(c).reduce((best, row, k) => (Math.abs(row[c]!) > Math.abs(M[best]![c]!) ? c + k : best), c);
    [M[c], M[p]] = [M[p]!, M[c]!];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = M[r]![c]! / M[c]![c]!;
      for (let k = c; k < n + m; k++) M[r]![k]! -= f * M[c]![k]!;
    }
  }
  return M.map((row, i) => row.slice(n).map((x) => x / M[i]![i]!));
}

/** The dual form of centred ridge regression: W = Xc^T (Xc Xc^T + lambda I)^-1 Yc, b = mean(Y) - mean(X) W. */
function dualRidge(X: number[][], Y: number[][], lambda: number) {
  const mean = (rows: number[][]) => rows[0]!.map((_, k) => rows.reduce((s, r) => s + r[k]!, 0) / rows.length);
  const [mx, my] = [mean(X), mean(Y)];
  const Xc = X.map((r) => r.map((x, k) => x - mx[k]!));
  const Yc = Y.map((r) => r.map((y, k) => y - my[k]!));
  const K = Xc.map((a, i) => Xc.map((b, j) => a.reduce((s, x, k) => s + x * b[k]!, 0) + (i === j ? lambda : 0)));
  const alpha = solve(K, Yc);
  const W = mx.map((_, k) => my.map((_, o) => Xc.reduce((s, r, i) => s + r[k]! * alpha[i]![o]!, 0)));
  const b = my.map((m, o) => m - mx.reduce((s, x, k) => s + x * W[k]![o]!, 0));
  return { W, b };
}

describe('ridge regression', () => {
  it.each([[40, 12, 3, 0.5], [15, 30, 4, 2], [60, 60, 2, 1e-3]])('%i trials x %i features, %i outputs, lambda %d: equal to the dual closed form within 1e-6', (n, d, outputs, lambda) => {
    const random = new RandomStream([24, n * 100 + d], 0, 0);
    const X = Array.from({ length: n }, () => Array.from({ length: d }, () => Math.floor(random.uniform() * 6)));
    const Y = Array.from({ length: n }, () => Array.from({ length: outputs }, () => random.uniform()));
    const fit = fitRidge(Float64Array.from(X.flat()), Float64Array.from(Y.flat()), n, lambda);
    const { W, b } = dualRidge(X, Y, lambda);
    for (let k = 0; k < d; k++) for (let o = 0; o < outputs; o++) expect(Math.abs(fit.weights[k * outputs + o]! - W[k]![o]!)).toBeLessThan(1e-6);
    for (let o = 0; o < outputs; o++) expect(Math.abs(fit.intercepts[o]! - b[o]!)).toBeLessThan(1e-6);
  });
});

it('two identical features with a vanishing penalty: E_NUMERIC asking for a larger lambda, not NaN weights', () => {
  const e = refusalOf(() => fitRidge(Float64Array.from([1, 1, 2, 2, 3, 3, 5, 5, 8, 8]), Float64Array.from([0, 1, 0, 1, 1]), 5, 1e-300));
  expect([e.code, e.path]).toEqual(['E_NUMERIC', 'readout.train.lambda']);
});

describe('a readout of a liquid', () => {
  const dt = 1e-4;
  const TRIAL = 0.06;
  const TRIALS = 80;
  /** Two templates of one spike per input neuron in the first 40 ms of a trial, each spike jittered by up to 2 ms per trial. */
  function schedule(seed: number) {
    const random = new RandomStream([seed, 24], 1, 0);
    const templates = [0, 1].map(() => Array.from({ length: 20 }, () => 0.002 + random.uniform() * 0.036));
    const classes = Array.from({ length: TRIALS }, (_, k) => k % 2);
    const spikeTimes = Array.from({ length: 20 }, (_, i) => classes.map((c, k) => Math.round((k * TRIAL + templates[c]![i]! + (random.uniform() - 0.5) * 0.004) / dt) * dt));
    return { classes, spikeTimes };
  }

  /** A liquid of 150 LIF neurons (120 excitatory) driven by the templates, recorded after each trial with `label(trial, template)`. */
  async function recorded(seed: number, label: (trial: number, template: number) => string) {
    const { classes, spikeTimes } = schedule(seed);
    const net = (await simulator()).network({ dt, seed });
    const input = net.population(20, 'spike_source', { spikeTimes });
    const liquid = net.population(150, 'lif', { tauM: 0.02, vRest: -0.065, vThresh: -0.05, vReset: -0.065, tRef: 0.002, receptors: { e: { tau: 0.005 }, i: { tau: 0.01 } } }, { v: { uniform: [-0.065, -0.055] } });
    net.connect(input, liquid, { receptor: 'e', weight: 0.02, rule: { p: 0.3 } });
    net.connect(liquid.slice(0, 120), liquid, { receptor: 'e', weight: 0.003, rule: { p: 0.1 } });
    net.connect(liquid.slice(120), liquid, { receptor: 'i', weight: -0.01, rule: { p: 0.1 } });
    const readout = net.readout(liquid, { window: TRIAL, bins: 3 });
    const features = [];
    for (const [k, c] of classes.entries()) {
      await net.run(TRIAL);
      features.push(readout.record(label(k, c)));
    }
    return { readout, features };
  }

  it('tells two jittered spike templates apart on held-out trials (3 seeds)', async () => {
    for (const seed of [1, 2, 3]) {
      const { readout, features } = await recorded(seed, (_, template) => (template === 0 ? 'A' : 'B'));
      expect(readout.trials).toBe(TRIALS);
      expect(readout.features).toBe(150 * 3);
      // The liquid answers every trial (some 60-100 spikes in its 60 ms).
      expect(Math.min(...features.map((f) => f.reduce((a, b) => a + b, 0)))).toBeGreaterThan(20);
      const trained = readout.train({ lambda: 1, testFraction: 0.25, seed });
      expect(trained.classes).toEqual(['A', 'B']);
      expect([trained.trainTrials, trained.testTrials]).toEqual([60, 20]);
      expect(trained.testAccuracy, `seed ${seed}`).toBeGreaterThanOrEqual(0.9);
      expect(trained.predict(features[0]!)).toBe('A');
    }
  }, 60_000);

  it('the same liquid with labels drawn at random, not by template: held-out accuracy near chance', async () => {
    const random = new RandomStream([7, 7], 2, 0);
    const { readout } = await recorded(1, () => (random.uniform() < 0.5 ? 'A' : 'B'));
    const accuracies = [1, 2, 3, 4, 5].map((seed) => readout.train({ testFraction: 0.5, seed }).testAccuracy);
    expect(accuracies.reduce((s, a) => s + a, 0) / accuracies.length).toBeLessThan(0.7);
  }, 60_000);

  it('refuses bad options with typed errors', async () => {
    const net = (await simulator()).network({ dt });
    const P = net.population(4, 'poisson', { rate: 500 });
    expect(refusalOf(() => net.readout(P, { window: 1e-5 })).path).toBe('readout.window');
    expect(refusalOf(() => net.readout(P, { window: 0.01, bins: 3 })).path).toBe('readout.bins');
    expect(refusalOf(() => net.readout(P, { window: 0.01, every: 2 } as never)).path).toBe('readout.options.every');
    const readout = net.readout(P, { window: 0.01 });
    expect(refusalOf(() => readout.record('A')).message).toContain('fewer than the window');
    await net.run(0.02);
    // discard() drops what the monitors hold: the window's spikes are gone from the next record.
    readout.discard();
    expect(readout.record('A').reduce((a, b) => a + b, 0)).toBe(0);
    await net.run(0.02);
    expect(readout.record('A').reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(refusalOf(() => readout.train()).message).toContain('at least two labels');
    readout.record('B');
    expect(refusalOf(() => readout.train({ testFraction: 1 })).path).toBe('readout.train.testFraction');
    expect(refusalOf(() => readout.record(Number.NaN)).path).toBe('readout.record');
  });
});
