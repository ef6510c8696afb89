// Two-compartment cells learning by burst-dependent plasticity on the wasm kernel against the
// plain-TypeScript reference backend, bit for bit: raster, final state of every cell, every
// weight, synaptic events; and run whole against run in chunks.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import type { SpikeData } from '../../ts/api/monitors.js';
import { rasterHash } from '../../ts/io/raster-hash.js';
import { simulator } from '../support/helpers.js';
import { bursting } from '../support/networks.js';

const read = (file: string) => JSON.parse(readFileSync(new URL(`../../examples/bursting/${file}`, import.meta.url), 'utf8'));
const desc = () => bursting(read('two-compartment-cell.json'), read('burst-plasticity-synapse.json').synapse);

async function fingerprint(backend: 'wasm' | 'reference', chunks: number[]) {
  const net = (await simulator(backend)).load(desc(), { keepRaster: true });
  for (const c of chunks) await net.run(c);
  const raster = net.raster();
  const cells = net.getPopulation(2);
  const state = Object.fromEntries(await Promise.all(['vs', 'vd', 'ws', 'wd', 'thr', 'ev', 'bu', 'Ebar', 'Bbar'].map(async (v) => [v, Array.from(await cells.get(v))])));
  const { times } = net.getMonitor<SpikeData>(0).read();
  return {
    cellSpikes: times.length,
    hash: await rasterHash(raster.steps, raster.neurons),
    events: await net.synapticEvents(),
    state,
    weights: Array.from(await net.getProjection(4).get('w')),
  };
}

it('two-compartment cells and burst-dependent plasticity: wasm equals reference, and chunked runs equal whole ones', async () => {
  const [wasm, reference, chunked] = await Promise.all([fingerprint('wasm', [0.5]), fingerprint('reference', [0.5]), fingerprint('wasm', [0.2, 0.3])]);
  // The cells fire, some of their events are bursts and some not, and the weights moved.
  expect(wasm.cellSpikes).toBeGreaterThan(100);
  const burstiness = wasm.state.Bbar!.map((b, k) => b / wasm.state.Ebar![k]!).filter(Number.isFinite);
  expect(Math.max(...burstiness)).toBeGreaterThan(0.5);
  expect(Math.min(...burstiness)).toBeLessThan(0.5);
  const initial = await (await simulator('wasm')).load(desc()).getProjection(4).get('w');
  expect(wasm.weights.filter((w, k) => w !== initial[k]).length).toBeGreaterThan(100);
  expect(wasm).toEqual(reference);
  expect(chunked).toEqual(wasm);
}, 60_000);
