// A model added at run time: a variant of a built-in kernel is a descriptor naming that kernel,
// with its own parameters and derived values, and nothing else. Here NEST's iaf_psc_exp
// parameterisation of lif (membrane capacitance cM instead of the resistance rM = tauM / cM),
// registered on each simulator: it runs bit for bit the same on wasm and the reference, and
// gives exactly the spikes of the built-in lif with rM = tauM / cM.
import { expect, it } from 'vitest';
import * as abi from '../../assembly/abi.js';
import { rasterHash } from '../../ts/io/raster-hash.js';
import type { NetworkDescription } from '../../ts/model/description.js';
import { lif, lifCoefficients } from '../../ts/model/neurons/lif.js';
import type { NeuronModel } from '../../ts/model/neurons/model.js';
import { backendsFor, describeBackends, type TestBackend } from '../support/backends.js';
import { failureOf, simulator } from '../support/helpers.js';

const rulesWithoutRm = Object.fromEntries(Object.entries(lif.rules).filter(([name]) => name !== 'rM'));
const lifNest: NeuronModel<'lif_nest'> = {
  ...lif,
  name: 'lif_nest',
  kernel: abi.KERNEL_LIF,
  rules: { ...rulesWithoutRm, cM: { unit: 'F', range: 'positive' } },
  coefficients: (p, dt, words) => lifCoefficients({ ...p, scalars: { ...p.scalars, rM: p.scalars.tauM! / p.scalars.cM! } }, dt, words),
};

const cM = 250e-12;
const tauM = 10e-3;
function network(model: 'lif_nest' | 'lif'): NetworkDescription {
  const membrane = model === 'lif_nest' ? { cM } : { rM: tauM / cM };
  return {
    dt: 1e-4,
    seed: 9,
    populations: [
      { name: 'drive', size: 40, model: 'poisson', params: { rate: 400 } },
      {
        name: 'cells', size: 30, model,
        params: { tauM, vRest: -65e-3, vThresh: -50e-3, vReset: -65e-3, tRef: 2e-3, bias: { uniform: [100e-12, 300e-12] }, ...membrane, receptors: { e: { tau: 0.5e-3 } } },
        init: { v: { uniform: [-65e-3, -55e-3] } },
      },
    ],
    projections: [{ pre: { population: 'drive' }, post: { population: 'cells' }, receptor: 'e', rule: { type: 'fixed_probability', p: 0.3 }, weight: 87.8e-12, delay: 1.5e-3 }],
  };
}

async function raster(backend: TestBackend, desc: NetworkDescription) {
  const net = (await backend.simulator()).load(desc, { keepRaster: true });
  await net.run(0.3);
  const { steps, neurons } = net.raster();
  return { spikes: steps.length, hash: await rasterHash(steps, neurons), v: Array.from(await net.getPopulation('cells').get('v')) };
}

const backends = await backendsFor();
for (const b of backends.filter((x) => !x.missing)) {
  const sim = await b.simulator();
  if (!sim.models.names.includes('lif_nest')) sim.models.register(lifNest);
}

describeBackends('a variant model registered at run time', backends, (backend) => {
  it('gives exactly the built-in lif\'s spikes and state with rM = tauM / cM', async () => {
    const [variant, builtin] = [await raster(backend, network('lif_nest')), await raster(backend, network('lif'))];
    expect(variant.spikes).toBeGreaterThan(100);
    expect(variant).toEqual(builtin);
  });
});

it('runs bit for bit the same on wasm and the reference', async () => {
  const [wasm, reference] = await Promise.all(backends.filter((b) => b.exact).map((b) => raster(b, network('lif_nest'))));
  expect(wasm).toEqual(reference);
});

it('is refused, naming it, by a simulator that does not know it; its name and kernel are checked', async () => {
  const plain = await (await import('../../hosts/node.js')).createSimulator();
  const e = await failureOf(() => plain.load(network('lif_nest')).build());
  expect(e.code).toBe('E_MODEL');
  expect(e.message).toMatch(/^populations\[1\]\.model: unknown neuron model "lif_nest" \(known: lif, alif, lif_cond, adex, izhikevich, poisson, spike_source\)/);
  const sim = await simulator();
  expect(() => sim.models.register(lifNest)).toThrow(/a model named "lif_nest" exists already/);
  expect(() => plain.models.register({ ...lifNest, name: 'Bad Name' })).toThrow(/model\.name: must be a lower-case name/);
  expect(() => plain.models.register({ ...lifNest, name: 'lif_x', kernel: 99 })).toThrow(/lif_x\.kernel: must be a neuron kernel id/);
  // A variant keeps what its kernel reads: an Izhikevich kernel without u would read outside the population.
  expect(() => plain.models.register({ ...lifNest, name: 'izh_x', kernel: abi.KERNEL_IZHIKEVICH })).toThrow(/^izh_x: must keep what kernel izhikevich reads as izhikevich does/);
});
