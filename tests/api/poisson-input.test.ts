// net.poissonInput and a description's poissonInputs: the same network either way, kept by
// toJSON and model files, continued across snapshots, and refused by name where a backend or an
// export cannot say it.
import { describe, expect, it } from 'vitest';
import { rasterHash } from '../../ts/io/raster-hash.js';
import { parseModel } from '../../ts/io/model-file.js';
import type { NetworkDescription } from '../../ts/model/description.js';
import { failureOf, refusalOf, simulator } from '../support/helpers.js';
import { poissonDriven } from '../support/networks.js';

const lif = { tauM: 0.02, vRest: -0.065, vThresh: -0.05, vReset: -0.065, rM: 1e8, receptors: { e: { tau: 0.005 }, d: { tau: 0 } } };

async function raster(desc: NetworkDescription, seconds: number): Promise<string> {
  const net = (await simulator()).load(desc, { keepRaster: true });
  await net.run(seconds);
  const { steps, neurons } = net.raster();
  expect(steps.length).toBeGreaterThan(100);
  return rasterHash(steps, neurons);
}

describe('Poisson inputs in the API', () => {
  it('net.poissonInput builds the description a model file holds; toJSON and a model file round-trip it', async () => {
    const sim = await simulator();
    const net = sim.network({ dt: 1e-4, seed: 4, keepRaster: true });
    const P = net.population(50, 'lif', lif, {}, 'P');
    net.poissonInput(P, { receptor: 'e', rate: '12.8 kHz', weight: '10 pA', delay: '1.5 ms', name: 'background' });
    net.poissonInput(P, { receptor: 'd', rate: 500, weight: -0.5e-3 });
    const json = net.toJSON();
    expect(json.poissonInputs).toEqual([
      { receptor: 'e', rate: '12.8 kHz', weight: '10 pA', delay: '1.5 ms', name: 'background', population: 0 },
      { receptor: 'd', rate: 500, weight: -0.5e-3, population: 0 },
    ]);
    const fromFile = parseModel(JSON.stringify(json));
    expect(await raster(fromFile, 0.1)).toBe(await raster(json, 0.1));
    await net.run(0.1);
    const { steps, neurons } = net.raster();
    expect(await rasterHash(steps, neurons)).toBe(await raster(json, 0.1));
  });

  it('refuses a slice, a population of another network, unknown options, and additions after the first run', async () => {
    const sim = await simulator();
    const net = sim.network({ dt: 1e-4 });
    const P = net.population(10, 'lif', lif);
    const other = sim.network({ dt: 1e-4 }).population(10, 'lif', lif);
    expect(refusalOf(() => net.poissonInput(P.slice(0, 5) as never, { receptor: 'e', rate: 10, weight: 1 })).path).toBe('poissonInput.population');
    expect(refusalOf(() => net.poissonInput(other, { receptor: 'e', rate: 10, weight: 1 })).path).toBe('poissonInput.population');
    const unknown = refusalOf(() => net.poissonInput(P, { receptor: 'e', rate: 10, weight: 1, rat: 3 } as never));
    expect([unknown.code, unknown.path]).toEqual(['E_PARAM', 'poissonInput.options.rat']);
    await net.run(1e-3);
    expect(refusalOf(() => net.poissonInput(P, { receptor: 'e', rate: 10, weight: 1 })).code).toBe('E_STATE');
  });

  it('run, snapshot, restore, continue == the run straight through (events in flight in the rings)', async () => {
    const sim = await simulator();
    const straight = sim.load(poissonDriven(), { keepRaster: true });
    await straight.run(0.2);
    const first = sim.load(poissonDriven(), { keepRaster: true });
    await first.run(0.1);
    const second = await sim.restore(await first.snapshot());
    await second.run(0.1);
    const tail = (net: typeof straight) => {
      const { steps, neurons } = net.raster();
      const keep = [...steps.keys()].filter((i) => steps[i]! >= 1000);
      return rasterHash(keep.map((i) => steps[i]!), keep.map((i) => neurons[i]!));
    };
    expect(second.raster().steps.length).toBeGreaterThan(1000);
    expect(await rasterHash(second.raster().steps, second.raster().neurons)).toBe(await tail(straight));
    expect(Buffer.from((await second.getPopulation('lif').get('v')).buffer)).toEqual(Buffer.from((await straight.getPopulation('lif').get('v')).buffer));
    expect(await second.synapticEvents()).toBe(await straight.synapticEvents());
  });

  it('the NIR and PyNN exports refuse Poisson inputs by name', async () => {
    const net = (await simulator()).load(poissonDriven());
    const pynn = await failureOf(() => net.toPyNN());
    expect([pynn.code, pynn.path]).toEqual(['E_MODEL', 'poissonInputs']);
    expect(pynn.message).toMatch(/SpikeSourcePoisson/);
    const nir = await failureOf(() => net.toNIR());
    expect([nir.code, nir.path]).toEqual(['E_MODEL', 'poissonInputs']);
  });
});
