// Bad input gets a typed SpikewasmError naming the field and the value, before anything
// is allocated or run; nothing traps.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SpikewasmError } from '../../ts/errors.js';
import { parseModel } from '../../ts/io/model-file.js';
import type { NetworkDescription } from '../../ts/model/description.js';
import { example, failureOf, simulator } from '../support/helpers.js';

const lif = { tauM: 0.02, vRest: -0.07, vThresh: -0.05, vReset: -0.07, receptors: { e: { tau: 0.005 } } };

function withPopulation(params: Record<string, unknown>, extra: Partial<NetworkDescription> = {}): NetworkDescription {
  return { dt: 1e-4, populations: [{ name: 'P', size: 10, model: 'lif', params }], ...extra };
}

async function failure(desc: unknown): Promise<SpikewasmError> {
  const sim = await simulator('wasm');
  return failureOf(() => sim.load(desc as NetworkDescription).run(0.001));
}

describe('typed errors that name the field and the value', () => {
  it.each([
    ['unknown model', { dt: 1e-4, populations: [{ size: 3, model: 'hodgkin' }] }, 'E_MODEL', 'populations[0].model', '"hodgkin"'],
    ['negative parameter', withPopulation({ ...lif, tauM: -0.02 }), 'E_PARAM', 'populations[0].params.tauM', '-0.02'],
    ['NaN parameter', withPopulation({ ...lif, vThresh: NaN }), 'E_PARAM', 'populations[0].params.vThresh', 'NaN'],
    ['missing parameter', withPopulation({ tauM: 0.02 }), 'E_PARAM', 'populations[0].params.vRest', 'required'],
    ['misspelt parameter', withPopulation({ ...lif, tauMem: 0.01 }), 'E_PARAM', 'populations[0].params.tauMem', 'not a parameter'],
    ['reset above threshold', withPopulation({ ...lif, vReset: -0.04 }), 'E_PARAM', 'populations[0].params.vReset', '-0.04'],
    ['negative dt', { ...withPopulation(lif), dt: -1 }, 'E_PARAM', 'dt', '-1'],
    ['zero-size population', { dt: 1e-4, populations: [{ size: 0, model: 'lif', params: lif }] }, 'E_PARAM', 'populations[0].size', '0'],
    ['unknown receptor', withPopulation(lif, { projections: [{ pre: { population: 'P' }, post: { population: 'P' }, receptor: 'gaba', rule: { type: 'all_to_all' } }] }), 'E_MODEL', 'projections[0].receptor', '"gaba"'],
    ['delay below one step', withPopulation(lif, { projections: [{ pre: { population: 'P' }, post: { population: 'P' }, receptor: 'e', rule: { type: 'all_to_all' }, delay: 4e-5 }] }), 'E_PARAM', 'projections[0].delay', '0.00004 s'],
    ['slice out of range', withPopulation(lif, { projections: [{ pre: { population: 'P', start: 5, stop: 11 }, post: { population: 'P' }, receptor: 'e', rule: { type: 'all_to_all' } }] }), 'E_INDEX', 'projections[0].pre', '11'],
    ['list index out of range', withPopulation(lif, { projections: [{ pre: { population: 'P' }, post: { population: 'P' }, receptor: 'e', rule: { type: 'list', pre: [0, 1], post: [3, 10] } }] }), 'E_INDEX', 'projections[0].rule.post[1]', '10'],
    ['unknown population', withPopulation(lif, { projections: [{ pre: { population: 'Q' }, post: { population: 'P' }, receptor: 'e', rule: { type: 'all_to_all' } }] }), 'E_INDEX', 'projections[0].pre.population', '"Q"'],
    ['monitor of an unknown variable', withPopulation(lif, { monitors: [{ type: 'state', population: 'P', variables: ['w'] }] }), 'E_MODEL', 'monitors[0].variables[0]', '"w"'],
    ['monitor neuron out of range', withPopulation(lif, { monitors: [{ type: 'state', population: 'P', variables: ['v'], neurons: [10] }] }), 'E_INDEX', 'monitors[0].neurons[0]', '10'],
    ['array of the wrong length', withPopulation({ ...lif, bias: [1, 2, 3] }), 'E_PARAM', 'populations[0].params.bias', '3 values'],
    ['weights of the wrong length (before memory is allocated)', withPopulation(lif, { projections: [{ pre: { population: 'P' }, post: { population: 'P' }, receptor: 'e', rule: { type: 'one_to_one' }, weight: [1, 2, 3] }] }), 'E_PARAM', 'projections[0].weight', 'has 3 values, expected 10'],
    ['delays of the wrong length', withPopulation(lif, { projections: [{ pre: { population: 'P' }, post: { population: 'P' }, receptor: 'e', rule: { type: 'all_to_all' }, delay: [1e-3] }] }), 'E_PARAM', 'projections[0].delay', 'has 1 values, expected 100'],
    ['too many partners', withPopulation(lif, { projections: [{ pre: { population: 'P' }, post: { population: 'P' }, receptor: 'e', rule: { type: 'fixed_indegree', k: 11 } }] }), 'E_PARAM', 'projections[0].rule.k', '11'],
    ['izhikevich without a scheme', { dt: 1e-4, populations: [{ size: 1, model: 'izhikevich', params: {} }] }, 'E_PARAM', 'populations[0].params.scheme', 'undefined'],
    ['poisson rate above 1/dt', { dt: 1e-3, populations: [{ size: 2, model: 'poisson', params: { rate: 2000 } }] }, 'E_PARAM', 'populations[0].params.rate', '2000'],
    ['listed poisson rate above 1/dt', { dt: 1e-3, populations: [{ size: 2, model: 'poisson', params: { rate: [5, 1001] } }] }, 'E_PARAM', 'populations[0].params.rate[1]', '1001'],
    ['poisson rates drawn without a bound', { dt: 1e-3, populations: [{ size: 2, model: 'poisson', params: { rate: { normal: { mean: 5, std: 1, min: 0 } } } }] }, 'E_PARAM', 'populations[0].params.rate', 'Infinity Hz'],
    ['poisson rates drawn up to above 1/dt', { dt: 1e-3, populations: [{ size: 2, model: 'poisson', params: { rate: { uniform: [5, 1500] } } }] }, 'E_PARAM', 'populations[0].params.rate', '1500 Hz'],
    ['an initial value list of the wrong length', { dt: 1e-4, populations: [{ size: 10, model: 'lif', params: lif, init: { v: [-0.07, -0.06] } }] }, 'E_PARAM', 'populations[0].init.v', '2 values'],
    ['misspelt projection setting', withPopulation(lif, { projections: [{ pre: { population: 'P' }, post: { population: 'P' }, receptor: 'e', rule: { type: 'all_to_all' }, weigth: 1e-3 } as never] }), 'E_PARAM', 'projections[0].weigth', 'not a setting'],
    ['misspelt rule setting', withPopulation(lif, { projections: [{ pre: { population: 'P' }, post: { population: 'P' }, receptor: 'e', rule: { type: 'fixed_probability', prob: 0.1 } as never }] }), 'E_PARAM', 'projections[0].rule.prob', 'not a setting'],
    ['misspelt distribution setting', withPopulation(lif, { projections: [{ pre: { population: 'P' }, post: { population: 'P' }, receptor: 'e', rule: { type: 'all_to_all' }, weight: { normal: { mean: 1, sd: 2 } } as never }] }), 'E_PARAM', 'projections[0].weight.normal.sd', 'not a setting'],
    ['a listed weight that is not a number', withPopulation(lif, { projections: [{ pre: { population: 'P' }, post: { population: 'P' }, receptor: 'e', rule: { type: 'list', pre: [0], post: [1], weight: ['0.1'] as never } }] }), 'E_PARAM', 'projections[0].rule.weight[0]', '"0.1"'],
    ['duplicate monitor names', withPopulation(lif, { monitors: [{ type: 'spikes', population: 'P', name: 'm' }, { type: 'rate', population: 'P', name: 'm' }] }), 'E_PARAM', 'monitors[1].name', '"m"'],
    ['a receptor named like a state variable', withPopulation({ ...lif, receptors: { v: { tau: 0.005 } } }), 'E_PARAM', 'populations[0].params.receptors.v', 'state variable'],
    ['unknown top-level key', { ...withPopulation(lif), monitor: [] }, 'E_PARAM', 'monitor', 'not a setting'],
    ['current step beyond step 2^32', withPopulation(lif, { inputs: [{ type: 'current_step', target: { population: 'P' }, times: [2 ** 32 * 1e-4 + 1], amplitudes: [1] }] }), 'E_PARAM', 'inputs[0].times[0]', 'beyond the last step'],
    ['negative conductance weight', { dt: 1e-4, populations: [{ name: 'C', size: 2, model: 'lif_cond', params: { cM: 2e-10, gL: 1e-8, eL: -0.06, vThresh: -0.05, vReset: -0.06, receptors: { e: { tau: 0.005, eRev: 0 } } } }], projections: [{ pre: { population: 'C' }, post: { population: 'C' }, receptor: 'e', rule: { type: 'all_to_all' }, weight: -1e-9 }] }, 'E_PARAM', 'projections[0].weight', '-1e-9'],
    ['unknown Poisson-input setting', withPopulation(lif, { poissonInputs: [{ population: 'P', receptor: 'e', rate: 100, weight: 1e-3, ratee: 5 } as never] }), 'E_PARAM', 'poissonInputs[0].ratee', 'not a setting'],
    ['negative Poisson-input rate', withPopulation(lif, { poissonInputs: [{ population: 'P', receptor: 'e', rate: -5, weight: 1e-3 }] }), 'E_PARAM', 'poissonInputs[0].rate', '-5'],
    ['Poisson-input rate x dt above 100', withPopulation(lif, { poissonInputs: [{ population: 'P', receptor: 'e', rate: 2e6, weight: 1e-3 }] }), 'E_PARAM', 'poissonInputs[0].rate', '200 events per neuron and step, above 100'],
    ['Poisson input onto an unknown population', withPopulation(lif, { poissonInputs: [{ population: 'Q', receptor: 'e', rate: 100, weight: 1e-3 }] }), 'E_INDEX', 'poissonInputs[0].population', '"Q"'],
    ['Poisson input onto an unknown receptor', withPopulation(lif, { poissonInputs: [{ population: 'P', receptor: 'gaba', rate: 100, weight: 1e-3 }] }), 'E_MODEL', 'poissonInputs[0].receptor', '"gaba"'],
    ['Poisson-input delay below one step', withPopulation(lif, { poissonInputs: [{ population: 'P', receptor: 'e', rate: 100, weight: 1e-3, delay: 4e-5 }] }), 'E_PARAM', 'poissonInputs[0].delay', '0.00004 s'],
    ['Poisson-input weight in the wrong unit', withPopulation(lif, { poissonInputs: [{ population: 'P', receptor: 'e', rate: '100 Hz', weight: '1 nS' }] }), 'E_UNITS', 'poissonInputs[0].weight', 'nS'],
    ['negative conductance weight of a Poisson input', { dt: 1e-4, populations: [{ name: 'C', size: 2, model: 'lif_cond', params: { cM: 2e-10, gL: 1e-8, eL: -0.06, vThresh: -0.05, vReset: -0.06, receptors: { e: { tau: 0.005, eRev: 0 } } } }], poissonInputs: [{ population: 'C', receptor: 'e', rate: 100, weight: -1e-9 }] }, 'E_PARAM', 'poissonInputs[0].weight', '-1e-9'],
    ['Poisson input onto a spike source', { dt: 1e-4, populations: [{ name: 'S', size: 2, model: 'poisson', params: { rate: 5 } }], poissonInputs: [{ population: 'S', receptor: 'e', rate: 100, weight: 1 }] }, 'E_MODEL', 'poissonInputs[0].population', 'takes no synaptic input'],
  ])('%s', async (_what, desc, code, path, value) => {
    const e = await failure(desc);
    expect(e.code).toBe(code);
    expect(e.path).toBe(path);
    expect(e.message).toContain(value);
    expect(e.message.startsWith(path)).toBe(true);
  });

  it('refuses a network that would not fit in memory before allocating it', async () => {
    const desc: NetworkDescription = {
      dt: 1e-4,
      populations: [{ name: 'P', size: 100000, model: 'lif', params: lif }],
      projections: [{ pre: { population: 'P' }, post: { population: 'P' }, receptor: 'e', rule: { type: 'all_to_all' }, weight: 1e-3 }],
    };
    const before = process.memoryUsage().arrayBuffers;
    const e = await failure(desc);
    expect(e.code).toBe('E_MEMORY');
    expect(e.message).toMatch(/about 3\d\.\d\d GiB/);
    // 10^10 synapses were never drawn: no large buffer was allocated on the way.
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 2 ** 20);
  });

  it('refuses more receptors than a population may have (indices from 65,536 on name dendritic segments)', async () => {
    const receptors = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, k) => [`r${k}`, { tau: 1e-3 }]));
    const desc = (n: number): NetworkDescription => ({
      dt: 1e-4,
      populations: [{ name: 'P', size: 4, model: 'lif', params: { ...lif, receptors: receptors(n) } }],
      poissonInputs: [{ population: 'P', receptor: `r${n - 1}`, rate: 1000, weight: 1e-3 }],
    });
    const e = await failure(desc(65537));
    expect([e.code, e.path]).toEqual(['E_MODEL', 'populations[0].params.receptors']);
    expect(e.message).toContain('has 65537 receptors; a population has at most 65536');
    // The last receptor allowed receives its events.
    const net = (await simulator('wasm')).load(desc(65536));
    await net.run(0.01);
    expect((await net.getPopulation('P').get('r65535')).some((x) => x > 0)).toBe(true);
  });

  it('refuses structural changes after the first run and negative durations', async () => {
    const net = (await simulator('wasm')).network();
    const P = net.population(3, 'lif', lif);
    await net.run(0.001);
    expect(() => net.population(3, 'lif', lif)).toThrow(/E_STATE|cannot be added/);
    expect(() => net.monitorSpikes(P)).toThrow(SpikewasmError);
    await expect(net.run(-1)).rejects.toThrow(/run.duration: must be >= 0/);
  });

  it('rejects model files that are not JSON, of another format or version, or with unknown keys', () => {
    expect(() => parseModel('{"dt": 1e-4,')).toThrow(/E_FORMAT|not valid JSON/);
    expect(() => parseModel('{"format": "nest", "dt": 1}')).toThrow(/format: must be "spikewasm-model"/);
    expect(() => parseModel('{"version": 3, "dt": 1}')).toThrow(/version/);
  });
});

describe('spikewasm run with a bad file', () => {
  const run = promisify(execFile);
  const cli = new URL('../../dist/hosts/cli.js', import.meta.url).pathname;

  it('exits non-zero with a message naming the field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spikewasm-'));
    const file = join(dir, 'bad.json');
    const desc = example('cuba.json');
    (desc.populations[0]!.params as Record<string, unknown>).tauM = -0.02;
    writeFileSync(file, JSON.stringify(desc));
    const result = await run(process.execPath, [cli, 'run', file]).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('SpikewasmError [E_PARAM]: populations[0].params.tauM: must be > 0 (got -0.02)');
    rmSync(dir, { recursive: true });
  });
});
