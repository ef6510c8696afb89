// How the fluent API behaves at its edges: slices, rounding of run durations, runs asked for
// without awaiting, typed arrays as values, rules that draw no synapse.
import { describe, expect, it } from 'vitest';
import * as abi from '../../assembly/abi.js';
import { rasterHash } from '../../ts/io/raster-hash.js';
import { buildNetwork } from '../../ts/layout/build.js';
import { currentModeCell } from '../../ts/layout/cells.js';
import { imageOf } from '../../ts/layout/image.js';
import { backends, example, simulator } from '../support/helpers.js';

const lif = { tauM: 0.01, vRest: -0.07, vThresh: -0.05, vReset: -0.07, receptors: { e: { tau: 0.005 } } };

describe('the fluent API', () => {
  it('rounds the end time of each run, not each duration (Brian2-style)', async () => {
    const net = (await simulator()).network({ dt: 1e-4 });
    net.population(1, 'lif', lif);
    for (let k = 0; k < 10; k++) await net.run(1.5e-4);
    expect(net.steps).toBe(15);
    for (let k = 0; k < 10; k++) await net.run(0.4e-4);
    expect(net.steps).toBe(19);
  });

  it('runs asked for without awaiting happen one after the other', async () => {
    const sim = await simulator();
    const make = () => {
      const net = sim.network({ dt: 1e-4, seed: 4, keepRaster: true });
      const P = net.population(50, 'poisson', { rate: 300 });
      return { net, spikes: net.monitorSpikes(P), state: null };
    };
    const a = make();
    await Promise.all([a.net.run(0.01), a.net.run(0.01), a.net.synapticEvents()]);
    const b = make();
    await b.net.run(0.02);
    expect(a.net.steps).toBe(200);
    expect(Array.from(a.spikes.read().steps)).toEqual(Array.from(b.spikes.read().steps));
  });

  it('samples state on a slice with neuron indices relative to the slice; refuses slices for spike monitors', async () => {
    const net = (await simulator()).network({ dt: 1e-4 });
    const P = net.population(10, 'lif', { ...lif, rM: 1, bias: Array.from({ length: 10 }, (_, i) => i * 1e-3) });
    const part = net.monitorState(P.slice(5, 8), ['v'], { neurons: [0, 2] });
    const all = net.monitorState(P, ['v']);
    expect(() => net.monitorSpikes(P.slice(5, 8) as never)).toThrow(/must be a whole population, not a slice/);
    expect(() => net.monitorState(P.slice(5, 8), ['v'], { neurons: [3] })).toThrow(/out of range \[0, 3\)/);
    await net.run(0.005);
    const p = part.read();
    const a = all.read();
    expect(p.neurons).toEqual([5, 7]);
    p.times.forEach((_, s) => {
      expect(p.values.v![2 * s]).toBe(a.values.v![10 * s + 5]);
      expect(p.values.v![2 * s + 1]).toBe(a.values.v![10 * s + 7]);
    });
  });

  it('a bias that rounds to 0 in f32 is no bias: the kernel skips the current term, as without one', async () => {
    const mode = (bias: unknown) => {
      const net = buildNetwork({ dt: 1e-4, populations: [{ size: 2, model: 'lif', params: { ...lif, bias } as never }] });
      return new DataView(imageOf(net)).getInt32(currentModeCell(net.layout, 0), true);
    };
    expect(mode(0)).toBe(abi.CURRENT_NONE);
    for (const bias of [[1e-50, 0], [-0, 0], { uniform: [-1e-50, 1e-50] }, { normal: { mean: -5, std: 0.01, min: 0, max: 0 } }]) {
      expect(mode(bias), JSON.stringify(bias)).toBe(abi.CURRENT_NONE);
    }
    for (const bias of [[1e-40, 0], { uniform: [0, 1e-12] }, { normal: { mean: 0, std: 1e-12 } }]) {
      expect(mode(bias), JSON.stringify(bias)).toBe(abi.CURRENT_BIAS); // 1e-40 is a subnormal f32, not 0
    }
  });

  it('accepts typed arrays wherever it accepts arrays of numbers', async () => {
    const net = (await simulator()).network({ dt: 1e-4 });
    const bias = new Float64Array([0, 1e-3, 2e-3]);
    const v0 = new Float32Array([-0.07, -0.06, -0.055]);
    const P = net.population(3, 'lif', { ...lif, bias }, { v: v0 });
    await net.run(0.001);
    // Each neuron relaxes from its own v0 towards vRest + bias (rM 1): v(t) = vInf + (v0 - vInf) exp(-t / tauM).
    const v = await P.get('v');
    for (let i = 0; i < 3; i++) {
      const vInf = -0.07 + bias[i]!;
      expect(v[i], `neuron ${i}`).toBeCloseTo(vInf + (v0[i]! - vInf) * Math.exp(-0.001 / 0.01), 6);
    }
    expect(new Set(v).size).toBe(3);
  });

  it.each(backends)('runs projections that drew no synapse, with per-synapse delays (%s)', async (backend) => {
    const net = (await simulator(backend)).network({ dt: 1e-4, seed: 1, keepRaster: true });
    const src = net.population(5, 'poisson', { rate: 500 });
    const P = net.population(10, 'lif', lif);
    net.connect(src, P, { receptor: 'e', rule: { p: 0 }, delay: { uniform: [1e-3, 2e-3] } });
    net.connect(src, P, { receptor: 'e', rule: { type: 'fixed_indegree', k: 0 }, delay: [] });
    net.connect(src, P, { receptor: 'e', rule: { p: 1e-17 }, weight: 1 });
    await net.run(0.01);
    expect(await net.synapticEvents()).toBe(0);
    expect(net.raster().steps.length).toBeGreaterThan(10);
    expect(await rasterHash(net.raster().steps, net.raster().neurons)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('networks loaded from a description', () => {
  it('give their populations, projections and monitors by name', async () => {
    const net = (await simulator()).load(example('cuba.json'));
    await net.run(0.05);
    const spikes = net.getMonitor<import('../../ts/api/monitors.js').SpikeData>('spikes').read();
    const rate = net.getMonitor<import('../../ts/api/monitors.js').RateData>('rate').read();
    expect(spikes.steps.length).toBeGreaterThan(0);
    expect(rate.counts.reduce((a, b) => a + b, 0)).toBe(spikes.steps.length);
    expect((await net.getPopulation('P').get('v')).length).toBe(4000);
    expect((await net.getProjection('Ci').weights()).pre.every((i) => i >= 3200)).toBe(true);
    expect(() => net.getMonitor('nope')).toThrow(/no monitor "nope" \(have: spikes, rate\)/);
  });
});
