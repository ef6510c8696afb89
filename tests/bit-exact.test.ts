// The wasm kernel against the plain-TypeScript reference backend: every model and every
// synapse path, compared bit for bit (raster hash, final state of every population,
// synaptic event count), and chunking invariance: run(T) equals run(T/2) twice.
import { describe, expect, it } from 'vitest';
import { rasterHash } from '../ts/io/raster-hash.js';
import type { NetworkDescription } from '../ts/model/description.js';
import { backends, example, simulator } from './helpers.js';

const mV = 1e-3;
const ms = 1e-3;

/** One network that uses every model, receptor kind, rule, weight/delay form and input. */
export function everything(seed = 7): NetworkDescription {
  return {
    dt: 1e-4,
    seed,
    populations: [
      { name: 'noise', size: 50, model: 'poisson', params: { rate: { uniform: [5, 60] } } },
      { name: 'cue', size: 5, model: 'spike_source', params: { spikeTimes: [[0.001, 0.02], [0.0155], [], [0.03, 0.031, 0.032], [0]] } },
      {
        name: 'lif', size: 103, model: 'lif',
        params: { tauM: 20 * ms, vRest: -65 * mV, vThresh: -50 * mV, vReset: -65 * mV, tRef: 2 * ms, rM: 1e8, bias: { normal: { mean: 1.3e-10, std: 3e-11 } }, receptors: { e: { tau: 5 * ms }, i: { tau: 10 * ms }, d: { tau: 0 }, s: { tau: 20 * ms } } },
        init: { v: { uniform: [-65 * mV, -50 * mV] }, e: { uniform: [0, 1e-11] } },
      },
      {
        name: 'alif', size: 37, model: 'alif',
        params: { tauM: 15 * ms, vRest: -60 * mV, vThresh: -52 * mV, vReset: -62 * mV, tRef: 1 * ms, tauTheta: 50 * ms, thetaPlus: 2 * mV, bias: 0.012, receptors: { e: { tau: 3 * ms }, d: { tau: 0 } } },
        init: { v: { uniform: [-62 * mV, -52 * mV] } },
      },
      {
        name: 'cond', size: 41, model: 'lif_cond',
        params: { cM: 200e-12, gL: 10e-9, eL: -60 * mV, vThresh: -50 * mV, vReset: -60 * mV, tRef: 5 * ms, bias: 0.21e-9, receptors: { e: { tau: 5 * ms, eRev: 0 }, i: { tau: 10 * ms, eRev: -80 * mV } } },
        init: { v: { uniform: [-60 * mV, -50 * mV] } },
      },
      {
        name: 'adex', size: 9, model: 'adex',
        params: { cM: 281e-12, gL: 30e-9, eL: -70.6 * mV, vT: -50.4 * mV, deltaT: 2 * mV, a: 4e-9, b: 80.5e-12, tauW: 144 * ms, vReset: -70.6 * mV, vPeak: 0, tRef: 0.5 * ms, bias: { uniform: [0.5e-9, 1e-9] }, receptors: { e: { tau: 5 * ms }, d: { tau: 0 } } },
      },
      {
        name: 'izh', size: 22, model: 'izhikevich',
        params: { a: { uniform: [0.02, 0.1] }, b: 0.2, c: -65, d: { uniform: [2, 8] }, scheme: 'euler', noise: 3, bias: 4, receptors: { p: { tau: 0 }, x: { tau: 4 * ms } } },
        init: { v: { normal: { mean: -65, std: 3 } } },
      },
      {
        name: 'izh03', size: 6, model: 'izhikevich',
        params: { a: 0.02, b: 0.2, c: -50, d: 2, scheme: 'izhikevich2003', bias: 10, receptors: { p: { tau: 0 } } },
      },
    ],
    projections: [
      { pre: { population: 'noise' }, post: { population: 'lif' }, receptor: 'e', rule: { type: 'fixed_probability', p: 0.2 }, weight: { uniform: [1e-11, 3e-11] }, delay: { uniform: [1e-4, 3e-3] } },
      { pre: { population: 'noise', stop: 25 }, post: { population: 'cond' }, receptor: 'e', rule: { type: 'fixed_indegree', k: 5 }, weight: 3e-9, delay: 1.5e-3 },
      { pre: { population: 'cue' }, post: { population: 'lif', start: 10, stop: 15 }, receptor: 'd', rule: { type: 'one_to_one' }, weight: 4 * mV, delay: [1e-4, 2e-4, 5e-4, 1e-3, 3e-3] },
      { pre: { population: 'lif' }, post: { population: 'lif' }, receptor: 'i', rule: { type: 'fixed_probability', p: 0.1, autapses: false }, weight: { normal: { mean: -2e-11, std: 5e-12, max: 0 } }, delay: { normal: { mean: 2e-3, std: 5e-4, min: 1e-4, max: 4e-3 } } },
      { pre: { population: 'lif', stop: 50 }, post: { population: 'alif' }, receptor: 'e', rule: { type: 'fixed_outdegree', k: 4, multapses: true }, weight: 0.02, delay: 2e-4 },
      { pre: { population: 'alif' }, post: { population: 'cond' }, receptor: 'i', rule: { type: 'all_to_all' }, weight: { uniform: [1e-9, 5e-9] } },
      { pre: { population: 'cond' }, post: { population: 'alif' }, receptor: 'd', rule: { type: 'list', pre: [0, 1, 2, 3, 40], post: [0, 0, 5, 36, 2], weight: [1 * mV, 2 * mV, 3 * mV, 1 * mV, 0.5 * mV], delay: [1e-4, 2e-4, 3e-4, 4e-4, 6.5e-3] } },
      { pre: { population: 'noise' }, post: { population: 'adex' }, receptor: 'e', rule: { type: 'fixed_probability', p: 0.3 }, weight: 2e-10, delay: 1e-3 },
      { pre: { population: 'cue' }, post: { population: 'adex' }, receptor: 'd', rule: { type: 'all_to_all' }, weight: 2 * mV },
      { pre: { population: 'lif' }, post: { population: 'izh' }, receptor: 'p', rule: { type: 'fixed_probability', p: 0.2 }, weight: { uniform: [0, 5] } },
      { pre: { population: 'izh' }, post: { population: 'izh' }, receptor: 'x', rule: { type: 'fixed_probability', p: 0.3 }, weight: -2, delay: 5e-4 },
      { pre: { population: 'izh' }, post: { population: 'izh03' }, receptor: 'p', rule: { type: 'fixed_indegree', k: 3 }, weight: 3 },
    ],
    inputs: [
      { type: 'current_step', target: { population: 'lif', start: 0, stop: 20 }, times: [0.01, 0.025], amplitudes: [5e-11, 0] },
      { type: 'current_step', target: { population: 'lif', start: 10, stop: 30 }, times: [0.02], amplitudes: [-3e-11] },
      { type: 'current_step', target: { population: 'izh' }, times: [0, 0.03], amplitudes: [2, -1] },
    ],
    monitors: [
      { type: 'state', population: 'lif', variables: ['v', 'e', 'refractory'], neurons: [0, 11, 102], every: 3 },
      { type: 'rate', population: 'cond', bin: 2e-3 },
    ],
  };
}

/** Runs a description in chunks and returns everything a run produces, as comparable values. */
async function fingerprint(backend: (typeof backends)[number], desc: NetworkDescription, chunks: number[]) {
  const sim = await simulator(backend);
  const net = sim.load(desc, { keepRaster: true });
  for (const c of chunks) await net.run(c);
  const built = await net.build();
  const raster = net.raster();
  const state: Record<string, string> = {};
  for (const pop of built.populations) {
    for (const v of [...pop.model.stateVars.map((s) => s.name), ...pop.params.receptors.map((r) => r.name)]) {
      const values = await net.getPopulation(pop.index).get(v);
      state[`${pop.name}.${v}`] = Buffer.from(values.buffer).toString('hex');
    }
  }
  const perPopulation = Object.fromEntries(built.populations.map((p) => {
    const first = built.layout.populations[p.index]!.globalStart;
    return [p.name, raster.neurons.filter((g) => g >= first && g < first + p.size).length];
  }));
  return {
    spikes: raster.steps.length,
    perPopulation,
    hash: await rasterHash(raster.steps, raster.neurons),
    events: await net.synapticEvents(),
    state,
    monitors: desc.monitors!.map((_, k) => JSON.stringify(net.getMonitor(k).read(), (_key, v) => (ArrayBuffer.isView(v) ? Array.from(v as Float32Array) : v))),
  };
}

describe('wasm equals reference bit for bit', () => {
  it('on a network using every model, rule, receptor kind and input', async () => {
    const desc = everything();
    const [wasm, reference] = await Promise.all(backends.map((b) => fingerprint(b, desc, [0.06])));
    // The network must actually be active for the comparison to mean something.
    for (const [name, count] of Object.entries(wasm.perPopulation)) expect(count, `${name} fires`).toBeGreaterThan(2);
    expect(wasm).toEqual(reference);
  }, 60_000);

  it('on the CUBA network for 0.2 s', async () => {
    const desc = { ...example('cuba.json'), monitors: [] };
    const [wasm, reference] = await Promise.all(backends.map((b) => fingerprint(b, desc, [0.2])));
    expect(wasm.spikes).toBeGreaterThan(1000);
    expect(wasm).toEqual(reference);
  }, 60_000);
});

describe.each(backends)('chunking invariance (%s)', (backend) => {
  it('run(T) equals run(T/2) + run(T/2) and many uneven chunks', async () => {
    const desc = everything(11);
    const whole = await fingerprint(backend, desc, [0.04]);
    const halves = await fingerprint(backend, desc, [0.02, 0.02]);
    const uneven = await fingerprint(backend, desc, [0.0001, 0.0133, 0, 0.0066, 0.02]);
    expect(whole.spikes).toBeGreaterThan(100);
    expect(halves).toEqual(whole);
    expect(uneven).toEqual(whole);
  }, 60_000);
});

describe('one description, two faces', () => {
  it('a network rebuilt from its toJSON() runs the same spikes', async () => {
    const sim = await simulator('wasm');
    const net = sim.network({ dt: 1e-4, seed: 21, keepRaster: true });
    const P = net.population(500, 'lif', { tauM: 0.02, vRest: -0.049, vThresh: -0.05, vReset: -0.06, tRef: 0.005, receptors: { e: { tau: 0.005 }, i: { tau: 0.01 } } }, { v: { uniform: [-0.06, -0.05] } });
    net.connect(P.slice(0, 400), P, { receptor: 'e', weight: 1.62e-3 * 8, rule: { p: 0.02 }, delay: { uniform: [1e-4, 2e-3] } });
    net.connect(P.slice(400), P, { receptor: 'i', weight: -9e-3 * 8, rule: { p: 0.02 } });
    const json = JSON.parse(JSON.stringify(net.toJSON()));
    await net.run(0.1);
    const again = sim.load(json, { keepRaster: true });
    await again.run(0.1);
    const a = net.raster();
    const b = again.raster();
    expect(a.steps.length).toBeGreaterThan(100);
    expect(await rasterHash(b.steps, b.neurons)).toBe(await rasterHash(a.steps, a.neurons));
  });
});

describe('seeds', () => {
  it('the same seed gives the same run; another seed a different one', async () => {
    const a = await fingerprint('wasm', everything(3), [0.03]);
    const b = await fingerprint('wasm', everything(3), [0.03]);
    const c = await fingerprint('wasm', everything(4), [0.03]);
    expect(b).toEqual(a);
    expect(c.hash).not.toBe(a.hash);
  }, 30_000);
});
