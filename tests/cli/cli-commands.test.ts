// spikewasm run (piped and on a terminal), info and validate, as a user runs them (plot: plot.test.ts).
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ProgressLine } from '../../hosts/cli/progress.js';
import { buildNetwork } from '../../ts/layout/build.js';
import type { NetworkDescription } from '../../ts/model/description.js';
import { cli, spikewasm } from '../support/cli.js';
import { example } from '../support/helpers.js';
import { available } from '../support/requirements.js';

const exec = promisify(execFile);
const cuba = new URL('../../examples/cuba.json', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'spikewasm-cli-'));

function file(name: string, data: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof data === 'string' ? data : JSON.stringify(data));
  return path;
}

/** Five sources firing at known times, feeding a LIF population that stays silent. */
const spikeTimes = [[0.0104, 0.02, 0.05], [0.011], [], [0.001, 0.0026, 0.004, 0.0901], [0.099]];
const sources: NetworkDescription = {
  dt: 1e-3,
  duration: 0.1,
  populations: [
    { name: 'S', size: 5, model: 'spike_source', params: { spikeTimes } },
    { name: 'L', size: 3, model: 'lif', params: { tauM: 0.02, vRest: -0.07, vThresh: -0.05, vReset: -0.07, receptors: { e: { tau: 0.005 } } } },
  ],
  projections: [{ pre: { population: 'S' }, post: { population: 'L' }, receptor: 'e', weight: 1e-3, rule: { type: 'all_to_all' } }],
};

describe('spikewasm run', () => {
  it('piped or with --json, prints the JSON summary alone', async () => {
    for (const flags of [[], ['--json']]) {
      const r = await spikewasm('run', cuba, '--duration', '0.02', ...flags);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      const lines = r.stdout.split('\n');
      expect(lines.length).toBe(2); // one line and its newline
      expect(JSON.parse(lines[0]!)).toMatchObject({ steps: 200, neurons: 4000 });
    }
  });

  const hasScript = available('the progress line on a terminal', (process.platform !== 'linux' || !existsSync('/usr/bin/script')) && 'needs Linux and /usr/bin/script (util-linux) to fake a terminal');
  it.skipIf(!hasScript)('on a terminal, draws a progress line and erases it before the summary', async () => {
    // util-linux script(1) gives the command a pseudo-terminal.
    const { stdout } = await exec('/usr/bin/script', ['-qec', `${process.execPath} ${cli} run ${cuba} --duration 0.3`, '/dev/null']);
    expect(stdout).toContain('3000/3000 steps');
    expect(stdout).toMatch(/x real time/);
    const summary = JSON.parse(stdout.slice(stdout.lastIndexOf('\x1b[K') + 3).trim());
    // Run in pieces for the progress line, the network is the same as in one run.
    const piped = JSON.parse((await spikewasm('run', cuba, '--duration', '0.3')).stdout);
    expect(summary).toMatchObject({ steps: 3000, rasterHash: piped.rasterHash, synapticEvents: piped.synapticEvents });
  });

  it('exits 1 naming the problem, 2 for a bad command line', async () => {
    expect(await spikewasm('run', join(dir, 'missing.json'))).toMatchObject({ code: 1, stderr: expect.stringContaining('cannot read the model file') });
    expect(await spikewasm('run', cuba, '--duration', 'soon')).toMatchObject({ code: 1, stderr: expect.stringContaining('--duration: must be a number') });
    expect(await spikewasm('run', cuba, '--duration=-1')).toMatchObject({ code: 1, stderr: expect.stringContaining('--duration') });
    expect(await spikewasm('run', cuba, '--frobnicate')).toMatchObject({ code: 2, stderr: expect.stringContaining('usage: spikewasm run') });
    expect(await spikewasm('info')).toMatchObject({ code: 2, stderr: expect.stringContaining('spikewasm: a file is needed\nusage: spikewasm info') });
    expect(await spikewasm('info', cuba, 'extra.json')).toMatchObject({ code: 2, stderr: expect.stringContaining(`spikewasm: info takes one file (got "${cuba}", "extra.json")`) });
    expect(await spikewasm('plot', cuba, '--out', join(dir, 'x.pdf'))).toMatchObject({ code: 1, stderr: expect.stringContaining('--out: must end in .svg or .png') });
    expect(await spikewasm('run', cuba, '--out', join(dir, 'x.txt'))).toMatchObject({ code: 1, stderr: expect.stringContaining('--out: must end in .json, .csv, .npz or .h5') });
    expect(await spikewasm('run', cuba, '--duration', '0.001', '--out', join(dir, 'no/such/folder.json'))).toMatchObject({ code: 1, stderr: expect.stringContaining('--out: cannot write') });
    expect(await spikewasm('plot', cuba, '--out', join(dir, 'x.svg'))).toMatchObject({ code: 1, stderr: expect.stringContaining('[E_FORMAT]: summary.steps') });
    expect(await spikewasm('info', file('bad.json', { ...sources, dt: 0 }))).toMatchObject({ code: 1, stderr: expect.stringContaining('dt: must be > 0') });
    expect(await spikewasm('demo', '--port', 'http')).toMatchObject({ code: 1, stderr: expect.stringContaining('--port: must be a whole number from 0 to 65535') });
    expect(await spikewasm('demo', '--port', '65536')).toMatchObject({ code: 1, stderr: expect.stringContaining('--port: must be a whole number from 0 to 65535') });
    expect(await spikewasm('demo', cuba)).toMatchObject({ code: 2, stderr: expect.stringContaining(`spikewasm: demo takes no file (got "${cuba}")\nusage: spikewasm demo [--port <n>]`) });
    const taken = createServer().listen(0, '127.0.0.1');
    await once(taken, 'listening');
    const { port } = taken.address() as AddressInfo;
    expect(await spikewasm('demo', '--port', String(port))).toMatchObject({ code: 1, stderr: expect.stringContaining(`--port: port ${port} is in use`) });
    taken.close();
  });
});

describe('the command line explains itself', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

  it('--version prints the package version; an unknown or missing command says so and exits 2', async () => {
    expect(await spikewasm('--version')).toMatchObject({ code: 0, stdout: `spikewasm ${pkg.version}\n` });
    expect(await spikewasm('frobnicate')).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown command "frobnicate" (commands: run, plot, info, validate, compile, connectome, import, export, demo)') });
    expect(await spikewasm()).toMatchObject({ code: 2, stderr: expect.stringContaining('a command is needed') });
    expect((await spikewasm('--help')).stdout).toContain('spikewasm <command> --help describes a command');
  });

  it('each command\'s --help says what it does and describes every option it takes', async () => {
    for (const [command, options] of Object.entries({
      run: ['duration', 'seed', 'out', 'backend', 'json'], plot: ['out', 'from', 'to', 'size', 'populations', 'neurons', 'variables', 'bin', 'max-points', 'isi-bins'], info: ['json'],
      validate: ['json'], compile: ['out'], connectome: ['format', 'out', 'muscle-table', 'muscles', 'g-gap', 'g-syn'],
      import: ['out', 'preset', 'dt', 'spike', 'reset', 'reset-latency', 'duration'], export: ['to', 'out', 'outputs', 'backend', 'connectors'],
      demo: ['port'],
    })) {
      const { code, stdout } = await spikewasm(command, '--help');
      expect(code, command).toBe(0);
      expect(stdout, command).toMatch(new RegExp(`^usage: spikewasm ${command} `));
      for (const o of options) expect(stdout, `${command} --${o}`).toMatch(new RegExp(`\\n  --${o} +\\S`));
      // An option the command refuses is not offered in its help.
      expect(stdout.match(/\n {2}--[a-z-]+/g)!.length, command).toBe(options.length + 1);
    }
  });

  it('timings in the summary are milliseconds, not float noise', async () => {
    const { stdout } = await spikewasm('run', cuba, '--duration', '0.01', '--json');
    const summary = JSON.parse(stdout) as { buildSeconds: number; runSeconds: number };
    for (const t of [summary.buildSeconds, summary.runSeconds]) expect(Math.round(t * 1000)).toBe(t * 1000);
  });

  it('the package exports its package.json, and its JavaScript points to no source map it does not ship', async () => {
    const { stdout } = await exec(process.execPath, ['--input-type=module', '-e', "const m = await import('spikewasm/package.json', { with: { type: 'json' } }); console.log(m.default.version);"], { cwd: new URL('../..', import.meta.url).pathname });
    expect(stdout.trim()).toBe(pkg.version);
    const withMaps = (readdirSync(new URL('../../dist/', import.meta.url), { recursive: true }) as string[])
      .filter((f) => f.endsWith('.js') && readFileSync(new URL(`../../dist/${f}`, import.meta.url), 'utf8').includes('sourceMappingURL'));
    expect(withMaps).toEqual([]);
  });
});

describe('ProgressLine', () => {
  it('shows model time, steps, real-time factor and time left, and erases itself', () => {
    const written: string[] = [];
    let clock = 0;
    const line = new ProgressLine({ write: (s) => written.push(s), columns: 100 }, () => clock);
    line.update({ step: 0, totalSteps: 10000, dt: 1e-4, wallSeconds: 0 });
    clock = 500;
    line.update({ step: 2500, totalSteps: 10000, dt: 1e-4, wallSeconds: 0.5 }); // 0.25 s of model time in 0.5 s
    clock = 550;
    line.update({ step: 3000, totalSteps: 10000, dt: 1e-4, wallSeconds: 0.6 }); // within 100 ms: not redrawn
    expect(written.length).toBe(2);
    expect(written[1]).toContain('0.250/1.000 s');
    expect(written[1]).toContain('2500/10000 steps');
    expect(written[1]).toContain('0.50x real time');
    expect(written[1]).toContain('1.5 s left'); // 0.75 s of model time at half speed
    line.done();
    line.done();
    expect(written.slice(2)).toEqual(['\r\x1b[K']);
  });
});

describe('spikewasm info', () => {
  it('reports the bytes the built network takes, before building it', async () => {
    // Rules whose synapse counts are exact: all_to_all between two populations, fixed_indegree, one_to_one, list.
    const model: NetworkDescription = {
      ...sources,
      populations: [...sources.populations, { name: 'M', size: 37, model: 'lif', params: { tauM: 0.02, vRest: -0.07, vThresh: -0.05, vReset: -0.07, receptors: { e: { tau: 0.005 }, d: { tau: 0 } } } }],
      projections: [
        ...sources.projections!,
        { pre: { population: 'L' }, post: { population: 'M' }, receptor: 'e', weight: 1e-3, delay: 0.3, rule: { type: 'fixed_indegree', k: 2 } },
        { pre: { population: 'M', stop: 3 }, post: { population: 'L' }, receptor: 'e', weight: [1, 2, 3], rule: { type: 'one_to_one' } },
        { pre: { population: 'S' }, post: { population: 'M' }, receptor: 'd', rule: { type: 'list', pre: [0, 4], post: [36, 0], delay: [0.002, 0.001] } },
      ],
      monitors: [{ type: 'state', population: 'M', variables: ['v', 'e'], every: 2 }, { type: 'rate', population: 'L' }],
    };
    const r = await spikewasm('info', file('exact.json', model), '--json');
    expect(r.code).toBe(0);
    const info = JSON.parse(r.stdout);
    const built = buildNetwork(model, { recordAllSpikes: true });
    expect(info.memory.totalBytes).toBe(built.layout.totalBytes);
    expect(info.memory.headerBytes + info.memory.neuronBytes + info.memory.synapseBytes + info.memory.recordBytes).toBe(info.memory.totalBytes);
    expect(info.neurons).toBe(5 + 3 + 37);
    expect(info.projections.map((j: { expectedSynapses: number }) => j.expectedSynapses)).toEqual(built.projections.map((j) => j.synapses));
    expect((await spikewasm('info', file('exact.json', model))).stdout).toContain(`(${built.layout.totalBytes} bytes)`);
  });

  it('expects the synapses a random rule draws, within a few standard deviations', async () => {
    const info = JSON.parse((await spikewasm('info', cuba, '--json')).stdout);
    const built = buildNetwork(example('cuba.json'), { recordAllSpikes: true });
    const drawn = built.projections.reduce((s, j) => s + j.synapses, 0);
    expect(Math.abs(drawn - info.expectedSynapses)).toBeLessThan(5 * Math.sqrt(info.expectedSynapses));
    expect(Math.abs(built.layout.totalBytes - info.memory.totalBytes)).toBeLessThan(4 * 5 * Math.sqrt(info.expectedSynapses) + 64);
  });
});

describe('a network too large for a 32-bit memory', () => {
  const lif = { tauM: 0.02, vRest: -0.07, vThresh: -0.05, vReset: -0.07, receptors: { e: { tau: 0.005 } } };
  const huge = {
    dt: 1e-4,
    populations: [{ name: 'P', size: 100000, model: 'lif', params: lif }],
    projections: [{ pre: { population: 'P' }, post: { population: 'P' }, receptor: 'e', weight: 1e-3, rule: { type: 'all_to_all' } }],
  };

  it('info still describes it, and says it does not fit', async () => {
    const r = await spikewasm('info', file('huge.json', huge), '--json');
    expect(r.code).toBe(0);
    const info = JSON.parse(r.stdout);
    expect(info.expectedSynapses).toBe(1e10);
    expect(info.fits).toBe(false);
    expect(info.memory.synapseBytes).toBeGreaterThan(4e10); // 4-byte column indices, at least
    expect((await spikewasm('info', file('huge.json', huge))).stdout).toContain('too large');
  });

  it('validate reports it', async () => {
    const r = await spikewasm('validate', file('huge.json', huge));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\(top level\): the network needs about 3\d\.\d\d GiB/);
  });
});

describe('spikewasm validate', () => {
  it('accepts a valid file', async () => {
    expect(await spikewasm('validate', cuba)).toMatchObject({ code: 0, stdout: `${cuba}: valid\n` });
  });

  it('warns of values that look like a unit mistake (ms and mV written as s and V), and not in the examples', async () => {
    const model = { dt: 1e-4, populations: [{ name: 'P', size: 2, model: 'lif_cond', params: { cM: 200, gL: '10 nS', eL: -70, vThresh: '-50 mV', vReset: -0.06, receptors: { e: { tau: 5, eRev: 0 } } } }] };
    const r = await spikewasm('validate', file('units.json', model));
    expect(r).toMatchObject({ code: 0, stdout: expect.stringContaining('units.json: valid (3 warnings)') });
    expect(r.stderr).toContain('populations[0].params.cM: warning: 200 F looks like a unit mistake: values are in F; for 200 pF write 2e-10 or "200 pF"');
    expect(r.stderr).toContain('populations[0].params.eL: warning: -70 V looks like a unit mistake: values are in V; for -70 mV write -0.07 or "-70 mV"');
    expect(r.stderr).toContain('populations[0].params.receptors.e.tau: warning: 5 s looks like a unit mistake');
    const json = JSON.parse((await spikewasm('validate', file('units.json', model), '--json')).stdout) as { valid: boolean; warnings: { path: string }[] };
    expect([json.valid, json.warnings.map((w) => w.path)]).toEqual([true, ['populations[0].params.cM', 'populations[0].params.eL', 'populations[0].params.receptors.e.tau']]);
    const examples = readdirSync(new URL('../../examples/', import.meta.url)).filter((f) => f.endsWith('.json'));
    for (const f of examples) expect((await spikewasm('validate', new URL(`../../examples/${f}`, import.meta.url).pathname)).stderr, f).toBe('');
  });

  it('lists every error with its path, found by the loader\'s own checks', async () => {
    const p = { tauM: 0.02, vRest: -0.07, vThresh: -0.05, vReset: -0.07, receptors: { e: { tau: 0.005 } } };
    const broken = {
      dt: -1e-4,
      populaton: 3,
      populations: [
        { name: 'P', size: 10, model: 'lif', params: { ...p, tauM: -0.02 } },
        { name: 'Q', size: 2.5, model: 'lif_typo' },
        { name: 'R', size: 10, model: 'lif', params: { ...p, vReset: -0.04 } },
      ],
      projections: [{ pre: { population: 'P' }, post: { population: 'P' }, receptor: 'e', rule: { type: 'fixed_prob', p: 0.1 } }],
    };
    const r = await spikewasm('validate', file('broken.json', broken));
    expect(r.code).toBe(1);
    const paths = r.stderr.trim().split('\n').slice(0, -1).map((l) => l.split(': ')[1]);
    // Projections are checked once every population is valid: their references need them.
    expect(paths).toEqual(['populaton', 'dt', 'populations[0].params.tauM', 'populations[1].size', 'populations[1].model', 'populations[2].params.vReset']);
    expect(r.stderr).toContain(`${paths.length} errors`);
    const fixed = { ...broken, dt: 1e-4, populaton: undefined, populations: [broken.populations[0]!, { name: 'Q', size: 2, model: 'lif', params: p }] };
    fixed.populations[0] = { ...fixed.populations[0]!, params: p };
    const again = await spikewasm('validate', file('fixed.json', fixed));
    expect(again.stderr).toMatch(/projections\[0\]\.rule\.type: .*"fixed_prob"/);
    // Each Poisson input on its own, as each projection.
    const poisson = {
      ...fixed, projections: [],
      poissonInputs: [
        { population: 'P', receptor: 'e', rate: -5, weight: 1e-12 },
        { population: 'Nowhere', receptor: 'e', rate: 5, weight: 1e-12 },
        { population: 'P', receptor: 'e', rate: 5, weight: 1e-12, delay: 1e-3 },
      ],
    };
    const inputs = await spikewasm('validate', file('poisson.json', poisson));
    expect(inputs.code).toBe(1);
    expect(inputs.stderr.trim().split('\n').slice(0, -1).map((l) => l.split(': ')[1])).toEqual(['poissonInputs[0].rate', 'poissonInputs[1].population']);
  });

  it('refuses what only counting the synapses shows, as building does', async () => {
    const p = { tauM: 0.02, vRest: -0.07, vThresh: -0.05, vReset: -0.07, receptors: { e: { tau: 0.005 } } };
    const model = {
      dt: 1e-4,
      populations: [{ name: 'P', size: 10, model: 'lif', params: p }],
      projections: [{ name: 'J', pre: { population: 'P' }, post: { population: 'P' }, receptor: 'e', rule: { type: 'fixed_probability', p: 0.1 }, weight: { uniform: [0, 1e-3] } }],
      monitors: [{ type: 'weights', projection: 'J', synapses: [1000], every: 10 }],
    };
    const r = await spikewasm('validate', file('counted.json', model));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/monitors\[0\]\.synapses\[0\]: .*1000/);
  });

  it('finds several errors that only the loader sees (references), each at its own path', async () => {
    const p = { tauM: 0.02, vRest: -0.07, vThresh: -0.05, vReset: -0.07, receptors: { e: { tau: 0.005 } } };
    const model = {
      dt: 1e-4,
      populations: [{ name: 'P', size: 10, model: 'lif', params: p }],
      projections: [
        { pre: { population: 'P' }, post: { population: 'P' }, receptor: 'e', rule: { p: 0.1 } },
        { pre: { population: 'P' }, post: { population: 'P' }, receptor: 'ampa', rule: { p: 0.1 } },
        { pre: { population: 'X' }, post: { population: 'P' }, receptor: 'e', rule: { p: 0.1 } },
      ],
      inputs: [{ type: 'current_step', target: { population: 'P', stop: 11 }, times: [0], amplitudes: [1] }],
      monitors: [{ type: 'spikes', population: 'P' }, { type: 'rate', population: 'nope' }],
    };
    const r = await spikewasm('validate', file('refs.json', model), '--json');
    expect(r.code).toBe(1);
    const { valid, problems } = JSON.parse(r.stdout);
    expect(valid).toBe(false);
    expect(problems.map((q: { path: string }) => q.path)).toEqual(['projections[1].receptor', 'projections[2].pre.population', 'inputs[0].target', 'monitors[1].population']);
  });
});
