// A liquid learning by STDP whose depression an astrocyte scales (a modulator with two signed
// sources, read by the synapse model) on the wasm kernel against the plain-TypeScript reference
// backend, bit for bit: raster, astrocyte, every weight, synaptic events; whole against chunked.
import { expect, it } from 'vitest';
import { rasterHash } from '../../ts/io/raster-hash.js';
import { simulator } from '../support/helpers.js';
import { astrocyteLiquid } from '../support/networks.js';

async function fingerprint(backend: 'wasm' | 'reference', chunks: number[]) {
  const net = (await simulator(backend)).load(astrocyteLiquid(), { keepRaster: true });
  const astro: number[] = [];
  for (const c of chunks) {
    await net.run(c);
    astro.push(await net.modulatorValue('astro'));
  }
  const raster = net.raster();
  return {
    spikes: raster.steps.length,
    hash: await rasterHash(raster.steps, raster.neurons),
    events: await net.synapticEvents(),
    astro: astro.at(-1),
    weights: Array.from(await net.getProjection('EE').get('w')),
  };
}

it('an astrocyte-gated liquid: wasm equals reference, and chunked runs equal whole ones', async () => {
  const [wasm, reference, chunked] = await Promise.all([fingerprint('wasm', [0.5]), fingerprint('reference', [0.5]), fingerprint('wasm', [0.2, 0.3])]);
  // The liquid fires, the astrocyte moves off its bias, and the weights moved.
  expect(wasm.spikes).toBeGreaterThan(200);
  expect(Math.abs(wasm.astro! - 1)).toBeGreaterThan(0.01);
  const initial = await (await simulator('wasm')).load(astrocyteLiquid()).getProjection('EE').get('w');
  expect(wasm.weights.filter((w, k) => w !== initial[k]).length).toBeGreaterThan(100);
  expect(wasm).toEqual(reference);
  expect(chunked).toEqual(wasm);
}, 60_000);
