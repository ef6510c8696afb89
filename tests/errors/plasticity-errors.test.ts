// Bad plasticity input gets a typed SpikewasmError naming the field, before anything runs.
import { describe, expect, it } from 'vitest';
import type { NetworkDescription, PlasticityDescription, ProjectionDescription } from '../../ts/model/description.js';
import { SpikewasmError } from '../../ts/errors.js';
import { failureOf, simulator } from '../support/helpers.js';

const lif = { tauM: 0.02, vRest: -0.07, vThresh: -0.05, vReset: -0.07, receptors: { e: { tau: 0.005 } } };
const stdp = { rule: 'stdp', aPlus: 0.01, aMinus: 0.01, tauPlus: 0.02, tauMinus: 0.02, wMax: 1 } as const;

function net(projection: Partial<ProjectionDescription>, extra: Partial<NetworkDescription> = {}): NetworkDescription {
  return {
    dt: 1e-4,
    populations: [{ name: 'P', size: 10, model: 'lif', params: lif }],
    projections: [{ name: 'j', pre: { population: 'P' }, post: { population: 'P' }, receptor: 'e', rule: { type: 'fixed_indegree', k: 2 }, weight: 0.5, delay: 1e-3, ...projection }],
    ...extra,
  };
}

describe('plasticity errors name the field', () => {
  it.each([
    ['unknown rule', net({ plasticity: { ...stdp, rule: 'bcm' } as never }), 'E_PARAM', 'projections[0].plasticity.rule', '"bcm"'],
    ['misspelt setting', net({ plasticity: { ...stdp, tauPlux: 0.02 } as never }), 'E_PARAM', 'projections[0].plasticity.tauPlux', 'not a setting'],
    ['a triplet setting on stdp', net({ plasticity: { ...stdp, tauY: 0.1 } as never }), 'E_PARAM', 'projections[0].plasticity.tauY', 'not a setting'],
    ['missing wMax', net({ plasticity: { ...stdp, wMax: undefined } as never }), 'E_PARAM', 'projections[0].plasticity.wMax', 'undefined'],
    ['wMin above wMax', net({ plasticity: { ...stdp, wMin: 2 } }), 'E_PARAM', 'projections[0].plasticity.wMin', '2 > 1'],
    ['negative amplitude', net({ plasticity: { ...stdp, aMinus: -0.01 } }), 'E_PARAM', 'projections[0].plasticity.aMinus', '-0.01'],
    ['unknown pairing', net({ plasticity: { ...stdp, pairing: 'first' } as never }), 'E_PARAM', 'projections[0].plasticity.pairing', '"first"'],
    ['short-term plasticity with per-synapse delays', net({ delay: { uniform: [1e-3, 2e-3] }, plasticity: stdp, stp: { U: 0.5, tauRec: 0.1 } }), 'E_PARAM', 'projections[0].stp', 'one delay'],
    ['a dendritic delay longer than the shortest of per-synapse delays', net({ delay: { uniform: [1e-3, 2e-3] }, plasticity: { ...stdp, dendriticDelay: 1e-3 } }), 'E_PARAM', 'projections[0].plasticity.dendriticDelay', 'axonal'],
    ['dendritic delay leaving no axonal step', net({ plasticity: { ...stdp, dendriticDelay: 1e-3 } }), 'E_PARAM', 'projections[0].plasticity.dendriticDelay', 'axonal'],
    ['unknown modulator', net({ plasticity: { ...stdp, modulator: 'da', tauC: 1 } }), 'E_MODEL', 'projections[0].plasticity.modulator', '"da"'],
    ['modulator without tauC', net({ plasticity: { ...stdp, modulator: 'da' } }, { modulators: [{ name: 'da', tau: 0.2 }] }), 'E_PARAM', 'projections[0].plasticity.tauC', 'undefined'],
    ['tauC without modulator', net({ plasticity: { ...stdp, tauC: 1 } }), 'E_PARAM', 'projections[0].plasticity.tauC', 'modulator'],
    ['rule none without scaling', net({ plasticity: { rule: 'none', wMax: 1 } as PlasticityDescription }), 'E_PARAM', 'projections[0].plasticity.scaling', 'needs scaling'],
    ['scaling interval below a step', net({ plasticity: { ...stdp, scaling: { targetRate: 5, tau: 1, eta: 0.1, interval: 1e-6 } } }), 'E_PARAM', 'projections[0].plasticity.scaling.interval', 'one step'],
    ['U above 1', net({ stp: { U: 1.5, tauRec: 0.1 } }), 'E_PARAM', 'projections[0].stp.U', '1.5'],
    ['stp without tauRec', net({ stp: { U: 0.5 } as never }), 'E_PARAM', 'projections[0].stp.tauRec', 'undefined'],
    ['modulator source out of the network', net({}, { modulators: [{ name: 'a', tau: 1, source: { population: 'Q', gain: 1 } }] }), 'E_INDEX', 'modulators[0].source.population', '"Q"'],
    ['duplicate modulator', net({}, { modulators: [{ name: 'a', tau: 1 }, { name: 'a', tau: 2 }] }), 'E_PARAM', 'modulators[1].name', '"a"'],
    ['sampling a shared weight', net({}, { monitors: [{ type: 'weights', projection: 'j', every: 10 }] }), 'E_MODEL', 'monitors[0].every', 'shared weight'],
    ['sampled synapse out of range', net({ plasticity: stdp }, { monitors: [{ type: 'weights', projection: 'j', every: 10, synapses: [20] }] }), 'E_INDEX', 'monitors[0].synapses[0]', '20'],
    ['trace time constant too long for its fade table', net({ plasticity: { ...stdp, tauPlus: 1e5 } }), 'E_PARAM', 'projections[0].plasticity.tauPlus', 'too long'],
    ['amplitude beyond f32', net({ plasticity: { ...stdp, aPlus: 1e39 } }), 'E_PARAM', 'projections[0].plasticity.aPlus', 'f32'],
    ['initial weights outside the bounds', net({ weight: 2, plasticity: stdp }), 'E_PARAM', 'projections[0].weight', 'within the plastic bounds'],
    ['an unclipped normal weight distribution', net({ weight: { normal: { mean: 0.5, std: 0.1 } }, plasticity: stdp }), 'E_PARAM', 'projections[0].weight', 'needs min and max'],
    ['scaling interval beyond 2^31 steps', net({ plasticity: { ...stdp, scaling: { targetRate: 5, tau: 1, eta: 0.1, interval: 3e5 } } }), 'E_PARAM', 'projections[0].plasticity.scaling.interval', '2^31'],
    ['negative conductance bound', {
      dt: 1e-4,
      populations: [{ name: 'C', size: 4, model: 'lif_cond', params: { cM: 2e-10, gL: 1e-8, eL: -0.06, vThresh: -0.05, vReset: -0.06, receptors: { e: { tau: 0.005, eRev: 0 } } } }],
      projections: [{ pre: { population: 'C' }, post: { population: 'C' }, receptor: 'e', rule: { type: 'all_to_all' }, weight: 1e-9, delay: 1e-3, plasticity: { ...stdp, wMin: -1e-9, wMax: 1e-8 } }],
    }, 'E_PARAM', 'projections[0].plasticity.wMin', 'below 0'],
    ['synapses without every', net({ plasticity: stdp }, { monitors: [{ type: 'weights', projection: 'j', synapses: [1] }] }), 'E_PARAM', 'monitors[0].synapses', 'needs every'],
  ])('%s', async (_label, desc, code, path, mention) => {
    const sim = await simulator('wasm');
    const e = await failureOf(() => sim.load(desc as NetworkDescription).run(0.001));
    expect(e.code).toBe(code);
    expect(e.path).toBe(path);
    expect(e.message).toContain(mention);
  });

  it('run-time operations refuse what does not apply', async () => {
    const sim = await simulator('wasm');
    const n = sim.load(net({ plasticity: stdp }, { projections: [
      { name: 'j', pre: { population: 'P' }, post: { population: 'P' }, receptor: 'e', rule: { type: 'fixed_indegree', k: 2 }, weight: 0.5, delay: 1e-3, plasticity: stdp },
      { name: 'static', pre: { population: 'P' }, post: { population: 'P' }, receptor: 'e', rule: { type: 'one_to_one' }, weight: 0.1 },
    ] }));
    expect((await failureOf(() => n.getProjection('static').setLearningRate(0.5))).path).toBe('projections[1].setLearningRate');
    expect((await failureOf(() => n.getProjection('j').setLearningRate(-1))).path).toBe('projections[0].setLearningRate');
    expect((await failureOf(() => n.getProjection('j').setWeights([1, 2]))).message).toContain('expected 20');
    expect((await failureOf(() => n.getProjection('static').setWeights(0.2))).code).toBe('E_MODEL');
    expect((await failureOf(() => n.modulate('dopamine', 1))).code).toBe('E_INDEX');
    expect((await failureOf(() => n.step(1, { modulators: { dopamine: 1 } }))).path).toBe('step.modulators.dopamine');
    expect((await failureOf(() => n.step(1, { modulators: 5 as never }))).path).toBe('step.modulators');
    expect((await failureOf(() => n.getProjection('j').setLearningRate(1e39))).message).toContain('f32');
    expect((await failureOf(() => n.getProjection('j').setWeights(null as never))).path).toBe('projections[0].setWeights');
    expect((await failureOf(() => n.getProjection('j').setWeights(5))).message).toContain('within [0, 1]');
    expect(() => n.monitorWeights(null as never, { every: 1 })).toThrow(SpikewasmError);
    const other = sim.load(net({ plasticity: stdp }));
    expect(() => n.monitorWeights(other.getProjection('j'), { every: 1 })).toThrow('is projection 0 of another network, not of this one');
    // None of these changed the network: it still runs, with the weights it was built with.
    await n.run(0.01);
    expect(Array.from((await n.getProjection('j').weights()).weight).every((w) => w >= 0 && w <= 1)).toBe(true);
  });

  it('setWeights and setLearningRate act on the running network', async () => {
    const sim = await simulator('wasm');
    const n = sim.load(net({ plasticity: stdp }, { monitors: [{ type: 'spikes', population: 'P' }] }));
    await n.getProjection('j').setWeights(Array.from({ length: 20 }, (_, i) => i / 20));
    expect(Array.from((await n.getProjection('j').weights()).weight)).toEqual(Array.from({ length: 20 }, (_, i) => Math.fround(i / 20)));
    await n.getProjection('j').setLearningRate(0);
    expect(n.toJSON().projections![0]!.plasticity!.learningRate).toBe(0); // a saved model keeps it frozen
    const { spikes } = await n.step(1000, { current: [{ target: n.getPopulation('P'), amplitude: 0.05 }] });
    expect(spikes.P!.neurons.length).toBeGreaterThan(10); // pairs happen, but the weights are frozen
    expect(Array.from((await n.getProjection('j').weights()).weight)).toEqual(Array.from({ length: 20 }, (_, i) => Math.fround(i / 20)));
  });
});
