// Dendritic segments and the permanence rule on the wasm kernel against the plain-TypeScript
// reference backend, bit for bit: raster, final state and plateau currents of every cell,
// every synapse's permanence, synaptic events; and run whole against run in chunks.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { rasterHash } from '../../ts/io/raster-hash.js';
import { simulator } from '../support/helpers.js';
import { segments } from '../support/networks.js';

const rule = JSON.parse(readFileSync(new URL('../../examples/sequence-memory/permanence-synapse.json', import.meta.url), 'utf8')).synapse;

async function fingerprint(backend: 'wasm' | 'reference', chunks: number[]) {
  const net = (await simulator(backend)).load(segments(rule), { keepRaster: true });
  for (const c of chunks) await net.run(c);
  const raster = net.raster();
  const cells = net.getPopulation(1);
  const state = Object.fromEntries(await Promise.all(['v', 'Iex', 'z', 'Idend'].map(async (v) => [v, Array.from(await cells.get(v))])));
  const plastic = net.getProjection(2);
  return {
    cellSpikes: (net.getMonitor(0).read() as { times: Float64Array }).times.length,
    hash: await rasterHash(raster.steps, raster.neurons),
    events: await net.synapticEvents(),
    state,
    permanence: Array.from(await plastic.get('p')),
    plateaus: Array.from((net.getMonitor(1).read() as { values: { z: Float32Array } }).values.z),
  };
}

it('segments and permanences: wasm equals reference, and chunked runs equal whole ones', async () => {
  const [wasm, reference, chunked] = await Promise.all([fingerprint('wasm', [0.3]), fingerprint('reference', [0.3]), fingerprint('wasm', [0.1, 0.15, 0.05])]);
  // Something happened: cells fired, plateaus started, and permanences moved from their initial values.
  expect(wasm.cellSpikes).toBeGreaterThan(200);
  expect(Math.max(...wasm.plateaus)).toBeGreaterThan(0.5);
  const initial = await (await simulator('wasm')).load(segments(rule)).getProjection(2).get('p');
  expect(wasm.permanence.filter((p, k) => p !== initial[k]).length).toBeGreaterThan(500);
  expect(wasm).toEqual(reference);
  expect(chunked).toEqual(wasm);
}, 60_000);
