// NIR export: a network exported and imported back with the conventions the export reports is
// the same network, bit for bit: the paper's LIF and Braille networks (their descriptions come
// back equal) and a CUBA-like network built here with spikewasm's random connectivity (its
// spikes come back equal). What NIR cannot say is refused naming the population or projection.
import { describe, expect, it } from 'vitest';
import type { SpikeData } from '../../ts/api/monitors.js';
import type { NetworkDescription, ProjectionDescription } from '../../ts/model/description.js';
import { importNIR, type NirImportOptions } from '../../ts/nir/import.js';
import { nirPopulation } from '../../ts/nir/population.js';
import { exportNIR } from '../../ts/nir/export.js';
import { failureOf, refusalOf, simulator } from '../support/helpers.js';
import { fixture, spikeTimes, syntheticRaster } from './support.js';

const DT = 1e-4;

/** Every spike of every population that is not a spike source, as [population, step, neuron]. */
async function spikesOf(model: NetworkDescription, duration: number): Promise<number[][]> {
  const watched = model.populations.filter((p) => p.model !== 'spike_source').map((p) => p.name!).sort();
  const net = (await simulator()).load({ ...model, monitors: watched.map((name) => ({ type: 'spikes' as const, name: `all:${name}`, population: name })) });
  await net.run(duration);
  return watched.flatMap((name, k) => {
    const d = net.getMonitor<SpikeData>(`all:${name}`).read();
    return Array.from(d.steps, (s, n) => [k, s, d.neurons[n]!]);
  });
}

/** The model exported by a built network, imported back with the conventions the export reports. */
async function roundTrip(model: NetworkDescription, inputs: NirImportOptions['inputs'], outputs?: string[]): Promise<{ back: NetworkDescription; bytes: Uint8Array }> {
  const { bytes, conventions } = await (await simulator()).load(model).toNIR(outputs ? { outputs } : {});
  return { back: importNIR(bytes, { ...conventions, inputs }).model, bytes };
}

describe('NIR export and import give back the network', () => {
  const lifInputs = { input: [[0.006, 0.022, 0.027, 0.031, 0.032]] };
  const braille = (file: string, options: NirImportOptions) => {
    const inputs = { input: spikeTimes(syntheticRaster(300, 12, 0.15, 7), DT) };
    return { model: importNIR(fixture(file), { ...options, inputs }).model, inputs };
  };

  it('the paper\'s LIF network (Norse): the same description', async () => {
    const model = importNIR(fixture('01_lif_lif_norse.nir'), { preset: 'norse', dt: DT, inputs: lifInputs }).model;
    const { back } = await roundTrip(model, lifInputs);
    expect(back).toEqual(model);
  });

  for (const [file, options] of [['03_rnn_braille_noDelay_bias_zero.nir', { preset: 'snntorch', reset: 'zero' }], ['03_rnn_braille_noDelay_noBias_subtract.nir', { preset: 'snntorch' }]] as const) {
    it(`${file}: the same description and spikes`, async () => {
      const { model, inputs } = braille(file, options);
      const { back } = await roundTrip(model, inputs);
      expect(back).toEqual(model);
      const spikes = await spikesOf(model, 0.03);
      expect(spikes.length).toBeGreaterThan(100);
      expect(await spikesOf(back, 0.03)).toEqual(spikes);
    });
  }

  it('a CUBA-like network with random connectivity and a delayed projection: the same spikes', async () => {
    const conventions = { preset: 'snntorch' };
    const cell = (name: string, size: number) => nirPopulation({ name, size, type: 'CubaLIF', conventions, params: { tau_syn: 5e-3, tau_mem: 20e-3, r: 200, v_leak: 0, v_threshold: 1, w_in: 50 } });
    const exc = cell('exc', 320);
    const inh = cell('inh', 80);
    const inputs = { input: spikeTimes(syntheticRaster(2000, 40, 0.01, 11), DT) };
    const connect = (pre: string, post: string, weight: unknown, p: number, delay?: number): ProjectionDescription => ({
      pre: { population: pre }, post: { population: post }, synapse: exc.synapse, weight: weight as never, rule: { type: 'fixed_probability', p }, ...(delay ? { delay } : {}),
    });
    // Projections into a population in the order of their sources' names, as an import orders them.
    const model: NetworkDescription = {
      dt: DT, seed: 5,
      populations: [exc.population, inh.population, { name: 'input', size: 40, model: 'spike_source', params: { spikeTimes: inputs.input } }],
      projections: [
        connect('exc', 'exc', { uniform: [0, 0.004] }, 0.1), connect('exc', 'inh', 0.004, 0.1, 3 * DT),
        connect('inh', 'exc', { normal: { mean: -0.02, std: 0.004, max: 0 } }, 0.1), connect('inh', 'inh', -0.02, 0.1),
        connect('input', 'exc', 0.03, 0.2), connect('input', 'inh', 0.03, 0.2),
      ],
    };
    const { back } = await roundTrip(model, inputs, ['exc', 'inh']);
    const delayed = back.projections!.find((j) => j.name === 'exc->inh')!.rule as { delay: number[] };
    expect(new Set(delayed.delay.map((d) => Math.round(d / DT)))).toEqual(new Set([3]));
    const spikes = await spikesOf(model, 0.2);
    expect(spikes.filter(([k]) => k === 0).length).toBeGreaterThan(200);
    expect(spikes.filter(([k]) => k === 1).length).toBeGreaterThan(50);
    expect(await spikesOf(back, 0.2)).toEqual(spikes);
  });
});

describe('NIR export names and wires the nodes it adds', () => {
  it('an LI read by a Threshold sends spikes from the Threshold; nodes it adds avoid the names taken', async () => {
    const conventions = { preset: 'norse', dt: DT };
    const li = nirPopulation({ name: 'li', size: 2, type: 'LI', conventions, params: { tau: 2e-3, r: 5, v_leak: 0 }, threshold: 0.5 });
    // A population called "output" and one called "li_threshold": the Output and Threshold nodes take other names.
    const sink = nirPopulation({ name: 'output', size: 2, type: 'LIF', conventions, params: { tau: 5e-3, r: 1, v_leak: 0, v_threshold: 0.02 } });
    const spare = nirPopulation({ name: 'li_threshold', size: 1, type: 'IF', conventions, params: { r: 1, v_threshold: 1 } });
    const inputs = { input: spikeTimes(syntheticRaster(400, 2, 0.3, 3), DT) };
    const model: NetworkDescription = {
      dt: DT,
      populations: [li.population, spare.population, sink.population, { name: 'input', size: 2, model: 'spike_source', params: { spikeTimes: inputs.input } }],
      projections: [
        { pre: { population: 'li' }, post: { population: 'output' }, synapse: sink.synapse, rule: 'one_to_one', weight: 2 },
        { pre: { population: 'input' }, post: { population: 'li' }, synapse: li.synapse, rule: 'one_to_one', weight: 1 },
        { pre: { population: 'input' }, post: { population: 'li_threshold' }, synapse: spare.synapse, rule: 'all_to_all', weight: 0.5 },
      ],
    };
    const { back } = await roundTrip(model, inputs, ['output', 'li_threshold']);
    expect(back.populations.map((p) => p.name).sort()).toEqual(['input', 'li', 'li_threshold', 'output']);
    const spikes = await spikesOf(model, 0.04);
    expect(spikes.filter(([k]) => k === 0).length).toBeGreaterThan(10); // li, by its threshold
    expect(spikes.filter(([k]) => k === 2).length).toBeGreaterThan(10); // output, driven by li's spikes
    expect(await spikesOf(back, 0.04)).toEqual(spikes);
  });
});

describe('NIR export refuses what NIR cannot say', () => {
  const lif = importNIR(fixture('01_lif_lif_norse.nir'), { preset: 'norse', dt: DT }).model;
  const refusal = async (model: NetworkDescription) => failureOf(async () => (await simulator()).load(model).toNIR());

  it('a built-in model, naming the population', async () => {
    const e = await refusal({ dt: DT, populations: [{ name: 'cells', size: 2, model: 'lif', params: { tauM: 0.02, vRest: 0, vThresh: 1, vReset: 0 } }] });
    expect([e.code, e.path]).toEqual(['E_MODEL', 'populations[0].model']);
  });

  it('equations of another form, a refractory period, plasticity, a current step', async () => {
    const other = structuredClone(lif);
    (other.populations[0]!.model as { equations: string }).equations += '\nextra : 1';
    expect((await refusal(other)).path).toBe('populations[0].model');
    const held = structuredClone(lif);
    (held.populations[0]!.model as { refractory?: string }).refractory = '2 ms';
    expect((await refusal(held)).message).toMatch(/a refractory period cannot be said in NIR/);
    const plastic = structuredClone(lif);
    plastic.projections![0]!.plasticity = { rule: 'stdp', aPlus: 0.01, aMinus: 0.01, tauPlus: 0.02, tauMinus: 0.02, wMin: 0, wMax: 10 } as never;
    expect((await refusal(plastic)).path).toBe('projections[0].plasticity');
    const stepped = { ...structuredClone(lif), inputs: [{ type: 'current_step' as const, target: { population: '1' }, times: [0], amplitudes: [1] }] };
    expect(refusalOf(() => exportNIR(stepped, [])).path).toBe('inputs');
  });

  it('delays that differ within a source\'s and within a target\'s synapses', async () => {
    const model: NetworkDescription = {
      dt: DT,
      populations: [{ name: 'input', size: 2, model: 'spike_source', params: { spikeTimes: [[], []] } }, nirPopulation({ name: 'cells', size: 2, type: 'IF', conventions: { preset: 'sinabs' }, params: { r: 1, v_threshold: 1 } }).population],
      projections: [{ pre: { population: 'input' }, post: { population: 'cells' }, synapse: { onPre: 'v += w' }, rule: { type: 'list', pre: [0, 0, 1, 1], post: [0, 1, 0, 1], weight: [1, 1, 1, 1], delay: [DT, 2 * DT, 2 * DT, DT] } }],
    };
    const e = await refusal(model);
    expect([e.code, e.path]).toEqual(['E_MODEL', 'projections[0].delay']);
  });
});
