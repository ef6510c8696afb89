// Poisson inputs (assembly/synapses/poisson-input.ts and its reference twin) against the closed
// form of the Poisson distribution, against a static synapse's delivery step, and wasm against
// the reference bit for bit.
import { describe, expect, it } from 'vitest';
import * as abi from '../../assembly/abi.js';
import { rasterHash } from '../../ts/io/raster-hash.js';
import type { NetworkDescription } from '../../ts/model/description.js';
import { poissonCountBound } from '../../ts/model/poisson-inputs.js';
import { backends, simulator } from '../support/helpers.js';
import { poissonDriven } from '../support/networks.js';

const dt = 1e-4;
const N = 20000;

/**
 * A population whose receptor keeps what it is given (tau 1e9 s: its decay rounds to 1 in f32)
 * and never spikes: after `steps` steps its value / weight is the events delivered so far.
 */
function counting(rate: number, delay: number, extra: Partial<NetworkDescription> = {}): NetworkDescription {
  return {
    dt,
    seed: 11,
    populations: [{ name: 'P', size: N, model: 'lif', params: { tauM: 0.01, vRest: 0, vReset: 0, vThresh: 1e9, receptors: { e: { tau: 1e9 } } } }],
    poissonInputs: [{ population: 'P', receptor: 'e', rate, weight: 1, delay }],
    ...extra,
  };
}

async function received(desc: NetworkDescription, steps: number, backend: (typeof backends)[number] = 'wasm'): Promise<Float32Array> {
  const net = (await simulator(backend)).load(desc);
  await net.run(steps * dt);
  return (await net.getPopulation('P').get('e')) as Float32Array;
}

describe('Poisson inputs', () => {
  it.each([0.05, 1.3, 2.3, 20, abi.PIN_MAX_LAMBDA])('lambda %s: counts per neuron have the mean, variance and P(k = 0) of Poisson(lambda)', async (lambda) => {
    // Delay one step: the draws of step 0 are in the receptor after step 1, those of step 1 not yet.
    const k = await received(counting(lambda / dt, dt), 2);
    let sum = 0;
    let zeros = 0;
    for (const x of k) {
      expect(Number.isInteger(x)).toBe(true);
      sum += x;
      if (x === 0) zeros++;
    }
    const mean = sum / N;
    let ss = 0;
    for (const x of k) ss += (x - mean) ** 2;
    const variance = ss / (N - 1);
    // 5 standard errors: Var(mean) = lambda / N, Var(sample variance) = (lambda + 2 lambda^2) / N.
    expect(Math.abs(mean - lambda)).toBeLessThan(5 * Math.sqrt(lambda / N));
    expect(Math.abs(variance - lambda)).toBeLessThan(5 * Math.sqrt((lambda + 2 * lambda * lambda) / N));
    const p0 = Math.exp(-lambda);
    expect(Math.abs(zeros / N - p0)).toBeLessThan(5 * Math.sqrt((p0 * (1 - p0)) / N) + 1 / N);
  });

  it('the largest lambda allowed keeps the count bound within what the WASI command accepts', () => {
    expect(poissonCountBound(abi.PIN_MAX_LAMBDA)).toBe(232);
    expect(poissonCountBound(abi.PIN_MAX_LAMBDA)).toBeLessThanOrEqual(abi.PIN_MAX_K);
  });

  it('the whole distribution at lambda 2.3: each P(k) within sampling error (chi-square over k = 0..7 and the tail)', async () => {
    const lambda = 2.3;
    const k = await received(counting(lambda / dt, dt), 2);
    const observed = new Array(9).fill(0);
    for (const x of k) observed[Math.min(x, 8)]++;
    const p = Array.from({ length: 8 }, (_, j) => Math.exp(-lambda) * lambda ** j / [1, 1, 2, 6, 24, 120, 720, 5040][j]!);
    p.push(1 - p.reduce((a, b) => a + b, 0));
    const chi2 = observed.reduce((s, o, j) => s + (o - N * p[j]!) ** 2 / (N * p[j]!), 0);
    expect(chi2).toBeLessThan(26.1); // 8 degrees of freedom, p = 0.001
  });

  it('steps and inputs draw independently: two inputs onto one receptor, summed over 50 steps, are Poisson(50 (lambda1 + lambda2))', async () => {
    const desc = counting(0.4 / dt, dt);
    desc.poissonInputs!.push({ population: 'P', receptor: 'e', rate: 0.6 / dt, weight: 1, delay: dt });
    const k = await received(desc, 51);
    const mean = k.reduce((s, x) => s + x, 0) / N;
    const variance = k.reduce((s, x) => s + (x - mean) ** 2, 0) / (N - 1);
    expect(Math.abs(mean - 50)).toBeLessThan(5 * Math.sqrt(50 / N));
    expect(Math.abs(variance - 50)).toBeLessThan(5 * Math.sqrt((50 + 2 * 2500) / N));
  });

  it('delivers where a static synapse of the same delay does: nothing before step delay, then the events', async () => {
    const delay = 7 * dt;
    const spike: NetworkDescription = {
      dt,
      populations: [
        { name: 'src', size: 1, model: 'spike_source', params: { spikeTimes: [[0]] } },
        { name: 'P', size: 4, model: 'lif', params: { tauM: 0.01, vRest: 0, vReset: 0, vThresh: 1e9, receptors: { e: { tau: 1e9 } } } },
      ],
      projections: [{ pre: { population: 'src' }, post: { population: 'P' }, receptor: 'e', rule: 'all_to_all', weight: 1, delay }],
    };
    for (const steps of [7, 8]) {
      const fromSpike = await received(spike, steps);
      const fromInput = await received(counting(20 / dt, delay), steps);
      expect(fromSpike.every((x) => x === (steps === 8 ? 1 : 0))).toBe(true);
      expect(fromInput.some((x) => x > 0)).toBe(steps === 8);
    }
  });

  it('rate 0 delivers nothing; the synaptic event count is the events delivered', async () => {
    expect((await received(counting(0, dt), 10)).every((x) => x === 0)).toBe(true);
    const net = (await simulator()).load(counting(1.3 / dt, dt));
    await net.run(2 * dt);
    const k = await net.getPopulation('P').get('e');
    // Steps 0 and 1 drew events; step 0's reached the receptor, step 1's are in the ring.
    expect(await net.synapticEvents()).toBeGreaterThan(k.reduce((s, x) => s + x, 0));
    expect(await net.synapticEvents()).toBeLessThan(2 * 1.3 * N * 1.05);
  });

  it('wasm equals reference bit for bit on every receptor kind, whole and in chunks', async () => {
    const fingerprint = async (backend: (typeof backends)[number], chunks: number[]) => {
      const net = (await simulator(backend)).load(poissonDriven(), { keepRaster: true });
      for (const c of chunks) await net.run(c);
      const built = await net.build();
      const state: Record<string, string> = {};
      for (const pop of built.populations) {
        for (const v of [...pop.model.stateVars.map((s) => s.name), ...pop.params.receptors.map((r) => r.name)]) {
          state[`${pop.name}.${v}`] = Buffer.from((await net.getPopulation(pop.index).get(v)).buffer).toString('hex');
        }
      }
      const { steps, neurons } = net.raster();
      const perPopulation = built.populations.map((p) => {
        const first = built.layout.populations[p.index]!.globalStart;
        return neurons.filter((g) => g >= first && g < first + p.size).length;
      });
      return { perPopulation, hash: await rasterHash(steps, neurons), events: await net.synapticEvents(), state };
    };
    const [wasm, reference, chunked] = await Promise.all([fingerprint('wasm', [0.1]), fingerprint('reference', [0.1]), fingerprint('wasm', [0.0337, 0.0663])]);
    for (const count of wasm.perPopulation) expect(count).toBeGreaterThan(20);
    expect(wasm).toEqual(reference);
    expect(chunked).toEqual(wasm);
  }, 60_000);
});
