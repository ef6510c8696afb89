// The webgpu backend against the wasm backend, on a software adapter: Node's `webgpu` package
// (Dawn) on the SwiftShader Vulkan driver that Debian's chromium ships (docs/webgpu.md). Where
// neither that driver nor any other adapter exists, the suite is skipped and says so; where the
// driver exists (CI installs chromium), a missing adapter fails the suite.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSimulator, type Simulator } from '../hosts/node.js';
import { rasterHash } from '../ts/io/raster-hash.js';
import type { SpikeData } from '../ts/api/monitors.js';
import type { NetworkDescription } from '../ts/model/description.js';
import { failureOf, simulator, statistics } from './helpers.js';

const SWIFTSHADER = '/usr/lib/chromium/vk_swiftshader_icd.json';
const mV = 1e-3;
const ms = 1e-3;

async function openWebGpu(): Promise<Simulator | string> {
  // The Vulkan loader reads this when Dawn first asks for an instance, so setting it here works.
  if (!process.env.VK_ICD_FILENAMES && existsSync(SWIFTSHADER)) process.env.VK_ICD_FILENAMES = SWIFTSHADER;
  try {
    return await createSimulator({ backend: 'webgpu' });
  } catch (e) {
    if (existsSync(SWIFTSHADER)) throw e;
    return (e as Error).message;
  }
}

const gpu = await openWebGpu();
if (typeof gpu === 'string') console.log(`webgpu: skipped (no adapter): ${gpu}`);

/** Every model, receptor kind, delay form and monitor the webgpu backend supports, in one network. */
function supported(seed = 7): NetworkDescription {
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
    ],
    projections: [
      { pre: { population: 'noise' }, post: { population: 'lif' }, receptor: 'e', rule: { type: 'fixed_probability', p: 0.2 }, weight: { uniform: [1e-11, 3e-11] }, delay: { uniform: [1e-4, 3e-3] } },
      { pre: { population: 'cue' }, post: { population: 'lif', start: 10, stop: 15 }, receptor: 'd', rule: { type: 'one_to_one' }, weight: 4 * mV, delay: [1e-4, 2e-4, 5e-4, 1e-3, 3e-3] },
      { pre: { population: 'lif' }, post: { population: 'lif' }, receptor: 'i', rule: { type: 'fixed_probability', p: 0.1, autapses: false }, weight: { normal: { mean: -2e-11, std: 5e-12, max: 0 } }, delay: { normal: { mean: 2e-3, std: 5e-4, min: 1e-4, max: 4e-3 } } },
      { pre: { population: 'lif', stop: 50 }, post: { population: 'alif' }, receptor: 'e', rule: { type: 'fixed_outdegree', k: 4, multapses: true }, weight: 0.02, delay: 2e-4 },
      // Delays of 256 steps and more are stored in two bytes.
      { pre: { population: 'alif' }, post: { population: 'lif' }, receptor: 's', rule: { type: 'fixed_probability', p: 0.3 }, weight: 1e-11, delay: { uniform: [1e-3, 30e-3] } },
      { pre: { population: 'lif' }, post: { population: 'alif' }, receptor: 'd', rule: { type: 'list', pre: [0, 1, 2, 3, 40], post: [0, 0, 5, 36, 2], weight: [1 * mV, 2 * mV, 3 * mV, 1 * mV, 0.5 * mV], delay: [1e-4, 2e-4, 3e-4, 4e-4, 6.5e-3] } },
    ],
    inputs: [
      { type: 'current_step', target: { population: 'lif', start: 0, stop: 20 }, times: [0.01, 0.025], amplitudes: [5e-11, 0] },
      { type: 'current_step', target: { population: 'lif', start: 10, stop: 30 }, times: [0.02], amplitudes: [-3e-11] },
    ],
    monitors: [
      { type: 'spikes', population: 'noise' },
      { type: 'state', population: 'lif', variables: ['v', 'e', 'refractory'], neurons: [0, 11, 102], every: 3 },
      { type: 'rate', population: 'alif', bin: 2e-3 },
    ],
  };
}

async function run(sim: Simulator, desc: NetworkDescription, seconds: number[]) {
  const net = sim.load(desc, { keepRaster: true });
  for (const s of seconds) await net.run(s);
  return net;
}

const asJson = (x: unknown) => JSON.stringify(x, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as Float32Array) : v));

describe.skipIf(typeof gpu === 'string')('webgpu backend (software adapter)', () => {
  const webgpu = gpu as Simulator;

  it('runs lif, alif, poisson and spike_source with every delay form and monitor as wasm does', async () => {
    const desc = supported();
    const [a, b] = await Promise.all([run(await simulator(), desc, [0.03, 0.03]), run(webgpu, desc, [0.03, 0.03])]);
    expect(webgpu.backend).toBe('webgpu');
    const raster = a.raster();
    expect(raster.steps.length).toBeGreaterThan(200);
    expect(await rasterHash(b.raster().steps, b.raster().neurons)).toBe(await rasterHash(raster.steps, raster.neurons));
    expect(await b.synapticEvents()).toBe(await a.synapticEvents());
    desc.monitors!.forEach((_, k) => expect(asJson(b.getMonitor(k).read()), `monitor ${k}`).toBe(asJson(a.getMonitor(k).read())));
    for (const [pop, variable] of [['lif', 'v'], ['lif', 'e'], ['lif', 's'], ['alif', 'theta'], ['alif', 'v']] as const) {
      expect(await b.getPopulation(pop).get(variable), `${pop}.${variable}`).toEqual(await a.getPopulation(pop).get(variable));
    }
  });
});
