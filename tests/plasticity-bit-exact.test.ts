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
import { plasticEverything } from './plasticity-fixtures.js';

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
