// Every plasticity rule on the wasm kernel against the plain-TypeScript reference: the whole
// memory image (weights, traces, eligibility, short-term state, modulators, neurons, rings)
// must be identical byte for byte after a run that also changes learning rates and
// modulators between chunks.
import { describe, expect, it } from 'vitest';
import * as abi from '../../assembly/abi.js';
import { kernelModule } from '../../hosts/node.js';
import { Runner } from '../../ts/api/runner.js';
import { openBackend } from '../../ts/backends/registry.js';
import { buildNetwork } from '../../ts/layout/build.js';
import { imageOf } from '../../ts/layout/image.js';
import type { NetworkDescription } from '../../ts/model/description.js';
import { backends } from '../support/helpers.js';
import { plasticEverything } from '../support/plasticity-fixtures.js';

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

const ms = 1e-3;

/** plasticEverything plus three plastic projections with per-synapse delays (which webgpu refuses), one of whose delays learn (in u16 cells). */
function withSynapseDelays(): NetworkDescription {
  const desc = plasticEverything();
  desc.projections!.push(
    { name: 'delayed triplet', pre: { population: 'noise' }, post: { population: 'lif', start: 20 }, receptor: 'e', rule: { type: 'fixed_probability', p: 0.25 }, weight: { uniform: [1e-11, 3e-11] }, delay: { uniform: [2e-4, 3e-3] },
      plasticity: { rule: 'triplet', a2Plus: 5e-12, a3Plus: 6.2e-12, a2Minus: 7e-12, a3Minus: 2.3e-13, tauPlus: 16.8 * ms, tauMinus: 33.7 * ms, tauX: 101 * ms, tauY: 125 * ms, wMax: 5e-11, dendriticDelay: 1e-4 } },
    { name: 'delayed modulated', pre: { population: 'lif' }, post: { population: 'izh' }, receptor: 'p', rule: { type: 'fixed_probability', p: 0.2 }, weight: 1, delay: { uniform: [1e-4, 2e-3] },
      plasticity: { rule: 'stdp', pairing: 'nearest', aPlus: 0.5, aMinus: 0.6, tauPlus: 20 * ms, tauMinus: 20 * ms, wMax: 6, modulator: 'astro', tauC: 0.2 } },
    { name: 'learning delays', pre: { population: 'noise' }, post: { population: 'lif', start: 30 }, receptor: 'e', rule: { type: 'fixed_probability', p: 0.3 }, weight: { uniform: [1e-11, 3e-11] }, delay: { uniform: [1e-3, 20e-3] },
      plasticity: { rule: 'stdp', aPlus: 5e-12, aMinus: 6e-12, tauPlus: 20 * ms, tauMinus: 20 * ms, wMax: 5e-11, dendriticDelay: 2e-4, delays: { rate: 0.3, window: 15 * ms, min: 0.5 * ms, max: 30 * ms } } },
  );
  return desc;
}

describe('plasticity: wasm equals reference byte for byte', () => {
  it('on a network using every rule, short-term plasticity, both kinds of modulator and per-synapse delays', async () => {
    const desc = withSynapseDelays();
    const [wasm, reference] = await Promise.all(backends.map((b) => finalImage(b, desc)));
    expect(wasm.spikes).toBeGreaterThan(200);
    // Weights moved: the comparison covers changed state, not only initial values.
    const start = buildNetwork(desc);
    for (const [k, proj] of wasm.built.projections.entries()) {
      if (!proj.plasticity) continue;
      const at = wasm.built.layout.projections[k]!.weights;
      const now = new Float32Array(wasm.image.buffer, at, proj.synapses);
      const initial = start.projections[k]!.weights!;
      expect(now.some((w, i) => w !== initial[i]), `${proj.name} changed`).toBe(true);
    }
    // Learned delays moved too (their first cells differ from the drawn ones).
    const learning = wasm.built.projections.findIndex((j) => j.name === 'learning delays');
    const cells = wasm.built.layout.projections[learning]!.delays;
    const drawn = new Uint16Array(imageOf(wasm.built).slice(cells, cells + 2 * wasm.built.projections[learning]!.synapses));
    const learned = new Uint16Array(wasm.image.slice(cells, cells + 2 * drawn.length).buffer);
    expect(learned.filter((d, i) => d !== drawn[i]).length).toBeGreaterThan(drawn.length / 10);
    const firstDifference = wasm.image.findIndex((b, i) => b !== reference.image[i]);
    expect(firstDifference).toBe(-1);
  }, 120_000);
});
