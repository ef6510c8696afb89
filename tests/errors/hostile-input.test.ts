// Hostile input gets a typed error naming what was wrong: never a TypeError, RangeError or
// DOMException from inside the library, never a silent no-op. One test per case found by
// trying the API, the loader and the command line as a hostile user would.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../hosts/node.js';
import type { NetworkDescription } from '../../ts/model/description.js';
import { failureOf, simulator } from '../support/helpers.js';

const sim = () => simulator();

const lif = { tauM: 0.02, vRest: -0.07, vThresh: -0.05, vReset: -0.07, receptors: { e: { tau: 0.005 } } };
const exec = promisify(execFile);
const cli = new URL('../../dist/hosts/cli.js', import.meta.url).pathname;

function nested(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

/** Runs a command of the CLI on a model file; returns its exit code and error output. */
async function cliOn(command: string, model: unknown): Promise<{ code: number; stdout: string; stderr: string }> {
  const file = join(mkdtempSync(join(tmpdir(), 'spikewasm-hostile-')), 'model.json');
  writeFileSync(file, JSON.stringify(model));
  try {
    const { stdout } = await exec(process.execPath, [cli, command, file]);
    return { code: 0, stdout, stderr: '' };
  } catch (e) {
    const { code, stdout, stderr } = e as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

const file = (population: Record<string, unknown>): NetworkDescription => ({ dt: 1e-4, duration: 0.01, populations: [{ size: 1, model: 'lif', ...population } as never] });

describe('hostile input', () => {
  it('1. params that are not an object: E_PARAM from the loader, the API and every CLI command', async () => {
    const sim = await simulator();
    expect((await failureOf(() => sim.load(file({ params: 5 })).build())).message).toBe('populations[0].params: must be an object of parameters (got 5)');
    expect(() => sim.network().population(5, 'lif', 7 as never)).toThrow('population.params: must be an object of parameters (got 7)');
    for (const command of ['validate', 'info', 'run']) {
      const { code, stderr } = await cliOn(command, file({ params: 5 }));
      expect(code, command).toBe(1);
      expect(stderr, command).toMatch(/populations\[0\]\.params: must be an object of parameters \(got 5\)/);
      expect(stderr, command).not.toMatch(/TypeError|    at /);
    }
  });

  it('2. a value nested 5000 arrays deep: E_FORMAT naming it, from the API, the loader and the CLI', async () => {
    const sim = await simulator();
    const deep = nested(5000);
    const api = await failureOf(async () => sim.network().population(5, 'lif', { ...lif, bias: deep }));
    expect(api.code).toBe('E_FORMAT');
    expect(api.message).toMatch(/^population\.params\.bias(\[0\])+: is nested more than 32 levels deep$/);
    expect((await failureOf(() => sim.load(file({ params: { ...lif, bias: deep } })).build())).code).toBe('E_FORMAT');
    for (const command of ['validate', 'info']) {
      const { code, stderr } = await cliOn(command, file({ params: { ...lif, bias: nested(3000) } }));
      expect(code, command).toBe(1);
      expect(stderr, command).toMatch(/populations\[0\]\.params\.bias/);
      expect(stderr, command).not.toMatch(/RangeError|    at /);
    }
  });

  it('3. keys that only the prototype has are unknown parameters; init null is refused, as validate refuses it', async () => {
    const sim = await simulator();
    for (const key of ['constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf']) {
      const e = await failureOf(() => sim.load(file({ params: { ...lif, [key]: 1 } })).build());
      expect(e.message, key).toMatch(new RegExp(`^populations\\[0\\]\\.params\\.${key}: is not a parameter of this model`));
    }
    expect((await failureOf(() => sim.load(file({ params: lif, init: null })).build())).message).toBe('populations[0].init: must be an object of initial values (got null)');
    const { code, stderr } = await cliOn('validate', file({ params: lif, init: null }));
    expect(code).toBe(1);
    expect(stderr).toMatch(/init/);
  });

  it('4. null and non-data arguments to the API: E_PARAM naming the argument', async () => {
    const sim = await simulator();
    const net = sim.network();
    const P = net.population(3, 'lif', lif);
    expect(() => sim.network(null as never)).toThrow('network.options: must be an object of settings (got null)');
    expect(() => net.connect(P, P, null as never)).toThrow('connect.options: must be an object of settings (got null)');
    expect(() => net.connect(null as never, P, { receptor: 'e', rule: { p: 0.1 } })).toThrow('connect.pre: must be a population (or a slice of one) of this network (got null)');
    expect(() => net.monitorSpikes(null as never)).toThrow('monitorSpikes.population: must be a population of this network (got null)');
    expect(() => net.monitorState(P, ['v'], { neurons: 3 as never })).toThrow('monitorState.neurons: must be an array of neuron indices (got 3)');
    expect(() => sim.load(file({ params: { ...lif, f: () => 1 } }))).toThrow('populations[0].params.f: must be plain data (numbers, strings, arrays, objects), not a function');
    expect(() => net.population(2, 'lif', { ...lif, s: Symbol('x') })).toThrow('population.params.s: must be plain data (numbers, strings, arrays, objects), not a symbol');
    expect(() => net.population(2, 'lif', { ...lif, m: new Map() })).toThrow('population.params.m: must be plain data (numbers, strings, arrays, objects), not a Map object');
  });

  it('5. handles of another network, misspelt step inputs and unknown options are refused', async () => {
    const sim = await simulator();
    const net = sim.network();
    const P = net.population(3, 'lif', lif);
    const other = sim.network();
    const Q = other.population(3, 'lif', lif);
    expect(() => net.connect(Q, P, { receptor: 'e', rule: { p: 0.1 } })).toThrow('connect.pre: is population 0 of another network, not of this one');
    expect(() => net.connect(P, Q.slice(1), { receptor: 'e', rule: { p: 0.1 } })).toThrow('connect.post: is population 0 of another network');
    expect(() => net.monitorSpikes(Q)).toThrow('monitorSpikes.population: is population 0 of another network');
    expect(() => net.monitorState(Q, ['v'])).toThrow('monitorState.population: is population 0 of another network');
    expect(() => net.currentStep(Q, [0], [1])).toThrow('currentStep.target: is population 0 of another network');
    expect(() => net.connect(P, P, { receptor: 'e', rule: { p: 0.1 }, weigth: 1 } as never)).toThrow('connect.options.weigth: is not a setting here');
    const poisson = sim.network();
    const R = poisson.population(3, 'poisson', { rate: 10 });
    expect((await failureOf(() => poisson.step(10, { rate: [{ target: R, rate: 5 }] } as never))).message).toBe('step.input.rate: is not a setting here (known: current, rates, spikes, modulators)');
    expect((await failureOf(() => poisson.step(10, { rates: [{ target: R, rates: 5 }] } as never))).message).toMatch(/^step\.rates\[0\]\.rates: is not a setting here/);
    expect((await failureOf(() => poisson.step(10, { current: [{ target: Q, amplitude: 1 }] }))).message).toBe('step.current[0].target: is population 0 of another network, not of this one');
    expect((await failureOf(() => createSimulator({ threads: 2 } as never))).message).toBe('createSimulator.options.threads: is not a setting here (known: backend, gpu, wasm)');
    expect(() => sim.load(file({ params: lif }), { keepraster: true } as never)).toThrow('load.options.keepraster: is not a setting here');
    expect(() => sim.network({ keepRaster: 'yes' } as never)).toThrow('network.options.keepRaster: must be true or false');
  });

  it('6 (in part). populations whose neurons alone cannot fit are refused from their sizes, before any per-neuron value is made', async () => {
    // 14 populations of 2^28 LIF neurons ran for minutes and gigabytes before; the check reads sizes only.
    const params = { tauM: 0.02, vRest: 0, vThresh: 1, vReset: 0 };
    const huge: NetworkDescription = { dt: 1e-4, populations: Array.from({ length: 14 }, (_, k) => ({ name: `P${k}`, size: 2 ** 28, model: 'lif', params })) };
    const e = await failureOf(() => sim().then((s) => s.load(huge).build()));
    expect(e.code).toBe('E_MEMORY');
    expect(e.message).toBe('populations: the neurons alone need at least 70.00 GiB of memory, more than the 4.00 GiB a 32-bit WebAssembly memory holds');
    const { code, stderr } = await cliOn('info', huge);
    expect(code).toBe(1);
    expect(stderr).toMatch(/E_MEMORY.*at least 70\.00 GiB/);
  });

  it('6. 2^28 Poisson neurons, the largest population: info plans it from its size, run refuses it with E_MEMORY before building', async () => {
    // Both expanded a JavaScript array per neuron before and crashed Node (heap out of memory).
    const poisson: NetworkDescription = { dt: 1e-4, duration: 0.001, populations: [{ size: 2 ** 28, model: 'poisson', params: { rate: 5 } }] };
    const info = await cliOn('info', poisson);
    expect(info.code).toBe(0);
    expect(info.stdout).toMatch(/268435456 neurons in 1 population/);
    expect(info.stdout).toMatch(/neurons +2\.00 GiB/);
    const run = await cliOn('run', poisson); // with its raster recorded: 4 GiB
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/E_MEMORY.*needs about 4\.00 GiB/);
  });
});

