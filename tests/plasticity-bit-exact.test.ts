// Every plasticity rule on the wasm kernel against the plain-TypeScript reference: the whole
// memory image (weights, traces, eligibility, short-term state, modulators, neurons, rings)
// must be identical byte for byte after a run that also changes learning rates and
// modulators between chunks.
import { describe, expect, it } from 'vitest';
import * as abi from '../assembly/abi.js';
import { kernelModule } from '../hosts/node.js';
import { Runner } from '../ts/api/runner.js';
import { openBackend } from '../ts/backends/registry.js';
import { buildNetwork } from '../ts/model/build.js';
import type { NetworkDescription } from '../ts/model/description.js';
import { backends } from './helpers.js';

const ms = 1e-3;
const mV = 1e-3;

export function plasticEverything(seed = 5): NetworkDescription {
  return {
    dt: 1e-4,
    seed,
    populations: [
      { name: 'noise', size: 80, model: 'poisson', params: { rate: { uniform: [10, 60] } } },
      {
        name: 'lif', size: 61, model: 'lif',
        params: { tauM: 20 * ms, vRest: -65 * mV, vThresh: -50 * mV, vReset: -65 * mV, tRef: 2 * ms, rM: 1e8, bias: 1.2e-10, receptors: { e: { tau: 5 * ms }, i: { tau: 10 * ms }, d: { tau: 0 } } },
        init: { v: { uniform: [-65 * mV, -50 * mV] } },
      },
      {
        name: 'cond', size: 23, model: 'lif_cond',
        params: { cM: 200e-12, gL: 10e-9, eL: -60 * mV, vThresh: -50 * mV, vReset: -60 * mV, tRef: 5 * ms, bias: 0.22e-9, receptors: { e: { tau: 5 * ms, eRev: 0 }, i: { tau: 10 * ms, eRev: -80 * mV } } },
      },
      {
        name: 'ip', size: 19, model: 'alif',
        params: { tauM: 15 * ms, vRest: -60 * mV, vThresh: -52 * mV, vReset: -62 * mV, tRef: 1 * ms, tauTheta: 1e4, thetaPlus: 0.5 * mV, targetRate: 8, rM: 1e8, receptors: { e: { tau: 3 * ms } } },
      },
      {
        name: 'izh', size: 30, model: 'izhikevich',
        params: { a: 0.02, b: 0.2, c: -65, d: 8, scheme: 'euler', noise: 4, bias: 5, receptors: { p: { tau: 0 } } },
      },
    ],
    modulators: [
      { name: 'astro', tau: 50 * ms, source: { population: 'izh', gain: 0.1 } },
      { name: 'reward', tau: 200 * ms, initial: 1, baseline: 0.3 },
    ],
    projections: [
      { name: 'mult', pre: { population: 'noise' }, post: { population: 'lif' }, receptor: 'e', rule: { type: 'fixed_probability', p: 0.3 }, weight: { uniform: [1e-11, 4e-11] }, delay: 1 * ms,
        plasticity: { rule: 'stdp', aPlus: 0.01, aMinus: 0.0105, tauPlus: 20 * ms, tauMinus: 20 * ms, wMax: 6e-11, weightDependence: 'multiplicative', scaling: { targetRate: 5, tau: 0.05, eta: 0.1, interval: 7e-3 } } },
      { name: 'scaled', pre: { population: 'noise' }, post: { population: 'ip' }, receptor: 'e', rule: { type: 'fixed_indegree', k: 20 }, weight: 3e-11, delay: 2e-4,
        plasticity: { rule: 'none', wMax: 1e-9, scaling: { targetRate: 12, tau: 0.02, eta: 0.5, interval: 1e-3 } } },
      { name: 'triplet', pre: { population: 'noise', start: 40 }, post: { population: 'lif', stop: 30 }, receptor: 'e', rule: { type: 'fixed_indegree', k: 6 }, weight: 2e-11, delay: 3e-4,
        plasticity: { rule: 'triplet', a2Plus: 5e-12, a3Plus: 6.2e-12, a2Minus: 7e-12, a3Minus: 2.3e-13, tauPlus: 16.8 * ms, tauMinus: 33.7 * ms, tauX: 101 * ms, tauY: 125 * ms, wMax: 5e-11, dendriticDelay: 1e-4 } },
      { name: 'recurrent', pre: { population: 'lif' }, post: { population: 'lif' }, receptor: 'i', rule: { type: 'fixed_probability', p: 0.2, autapses: false }, weight: -1e-11, delay: 2 * ms,
        plasticity: { rule: 'stdp', aPlus: 1e-12, aMinus: 1e-12, tauPlus: 10 * ms, tauMinus: 30 * ms, wMin: -5e-11, wMax: 0, symmetric: true, pairing: 'nearest', dendriticDelay: 0.8 * ms } },
      { name: 'inhibitory', pre: { population: 'lif', start: 31 }, post: { population: 'cond' }, receptor: 'i', rule: { type: 'fixed_probability', p: 0.5 }, weight: 1e-9, delay: 5e-4,
        plasticity: { rule: 'vogels_sprekeler', eta: 1e-10, tau: 20 * ms, targetRate: 5, wMax: 1e-8 } },
      { name: 'delayed triplet', pre: { population: 'noise' }, post: { population: 'lif', start: 20 }, receptor: 'e', rule: { type: 'fixed_probability', p: 0.25 }, weight: { uniform: [1e-11, 3e-11] }, delay: { uniform: [2e-4, 3e-3] },
        plasticity: { rule: 'triplet', a2Plus: 5e-12, a3Plus: 6.2e-12, a2Minus: 7e-12, a3Minus: 2.3e-13, tauPlus: 16.8 * ms, tauMinus: 33.7 * ms, tauX: 101 * ms, tauY: 125 * ms, wMax: 5e-11, dendriticDelay: 1e-4 } },
      { name: 'delayed modulated', pre: { population: 'lif' }, post: { population: 'izh' }, receptor: 'p', rule: { type: 'fixed_probability', p: 0.2 }, weight: 1, delay: { uniform: [1e-4, 2e-3] },
        plasticity: { rule: 'stdp', pairing: 'nearest', aPlus: 0.5, aMinus: 0.6, tauPlus: 20 * ms, tauMinus: 20 * ms, wMax: 6, modulator: 'astro', tauC: 0.2 } },
      { name: 'depressing', pre: { population: 'noise' }, post: { population: 'izh' }, receptor: 'p', rule: { type: 'fixed_probability', p: 0.2 }, weight: 3, delay: { uniform: [1e-4, 3e-3] },
        stp: { U: 0.5, tauRec: 0.1 } },
      { name: 'facilitating', pre: { population: 'noise', stop: 20 }, post: { population: 'lif' }, receptor: 'd', rule: { type: 'fixed_outdegree', k: 5 }, weight: 1 * mV, delay: 6e-4,
        stp: { U: 0.1, tauRec: 0.05, tauFacil: 0.5 }, plasticity: { rule: 'stdp', aPlus: 1e-4, aMinus: 1e-4, tauPlus: 20 * ms, tauMinus: 20 * ms, wMax: 3 * mV } },
      { name: 'modulated', pre: { population: 'lif' }, post: { population: 'izh' }, receptor: 'p', rule: { type: 'fixed_probability', p: 0.3 }, weight: 2, delay: 1 * ms,
        plasticity: { rule: 'stdp', aPlus: 0.5, aMinus: 0.6, tauPlus: 20 * ms, tauMinus: 20 * ms, wMax: 6, modulator: 'astro', tauC: 0.2 } },
      { name: 'rewarded', pre: { population: 'izh' }, post: { population: 'cond' }, receptor: 'e', rule: { type: 'fixed_probability', p: 0.4 }, weight: 2e-9, delay: 1 * ms,
        plasticity: { rule: 'stdp', aPlus: 1e-10, aMinus: 1.2e-10, tauPlus: 20 * ms, tauMinus: 20 * ms, wMax: 6e-9, modulator: 'reward', tauC: 0.5 } },
    ],
    monitors: [{ type: 'spikes', population: 'lif' }],
  };
}

async function finalImage(backend: (typeof backends)[number], desc: NetworkDescription): Promise<{ image: Uint8Array; spikes: number; built: ReturnType<typeof buildNetwork> }> {
  const built = buildNetwork(desc, { recordAllSpikes: true });
  const factory = await openBackend(backend, await kernelModule());
  const runner = await Runner.start(built, await factory(), true);
  await runner.run(400);
  // Host operations between chunks: a reward, a frozen projection, then a thawed one.
  const reward = built.layout.modulators + (1 * abi.MO_WORDS + abi.MO_VALUE) * 4;
  const rate = built.layout.projections[0]!.plastic!.block + abi.K_RATE * 4;
  await runner.backend.write(reward, new Float32Array([2.5]));
  await runner.backend.write(rate, new Float32Array([0]));
  await runner.run(333);
  await runner.backend.write(rate, new Float32Array([0.5]));
  await runner.run(267);
  return { image: new Uint8Array(await runner.backend.read(0, built.layout.totalBytes)), spikes: runner.raster!.steps.length, built };
}

describe('plasticity: wasm equals reference byte for byte', () => {
  it('on a network using every rule, short-term plasticity and both kinds of modulator', async () => {
    const desc = plasticEverything();
    const [wasm, reference] = await Promise.all(backends.map((b) => finalImage(b, desc)));
    expect(wasm.spikes).toBeGreaterThan(200);
    // Weights moved: the comparison covers changed state, not only initial values.
    const start = buildNetwork(desc);
    for (const [k, proj] of wasm.built.projections.entries()) {
      if (!proj.plasticity) continue;
      const at = wasm.built.layout.projections[k]!.weights;
      const now = new Float32Array(wasm.image.buffer, at, proj.csr.col.length);
      const initial = start.projections[k]!.weights!;
      expect(now.some((w, i) => w !== initial[i]), `${proj.name} changed`).toBe(true);
    }
    const firstDifference = wasm.image.findIndex((b, i) => b !== reference.image[i]);
    expect(firstDifference).toBe(-1);
  }, 120_000);
});
