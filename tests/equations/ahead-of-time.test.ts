// The ahead-of-time route for hosts that cannot compile WebAssembly at run time (workerd,
// production edge platforms): `spikewasm compile` writes one module of a model's programs, the
// host compiles it when it deploys, and `sim.load(description, { kernels })` runs with it, the
// same bits as the run-time route, straight through and from a snapshot; a module made for
// another network or version is a typed error.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { kernelsModule, KERNELS_SECTION } from '../../ts/api/kernels.js';
import type { NetworkDescription } from '../../ts/model/description.js';
import { example, failureOf, simulator } from '../support/helpers.js';

/** COBAHH written as equations (a tenth of its size) and a Song 2000 rule written as a synapse model: both kinds of program. */
function both(): NetworkDescription {
  const hh = example('cobahh.json');
  hh.populations[0]!.size = 400;
  hh.projections![0]!.pre = { population: hh.projections![0]!.pre.population, stop: 320 };
  hh.projections![1]!.pre = { population: hh.projections![1]!.pre.population, start: 320 };
  const song = example('stdp-song2000-equations.json');
  return {
    dt: 1e-4, seed: 5,
    populations: [...hh.populations, ...song.populations],
    projections: [...hh.projections!, ...song.projections!],
    monitors: [{ type: 'spikes', population: 0 }, { type: 'spikes', population: 2 }],
  };
}

const compileAtRunTime = WebAssembly.compile;
afterEach(() => {
  WebAssembly.compile = compileAtRunTime;
});

/** Runs a network on a host that cannot compile at run time (as workerd): WebAssembly.compile throws once the kernel is compiled. */
async function withoutRuntimeCompile<T>(run: () => Promise<T>): Promise<T> {
  WebAssembly.compile = () => Promise.reject(new Error('WebAssembly.compile(): Wasm code generation disallowed by embedder'));
  try {
    return await run();
  } finally {
    WebAssembly.compile = compileAtRunTime;
  }
}

async function outcome(net: import('../../ts/api/network.js').Network) {
  const raster = net.raster();
  return { spikes: raster.steps.length, raster: Array.from(raster.steps).join(), w: Array.from((await net.getProjection('stdp').weights()).weight).join() };
}

describe('models written as equations, compiled ahead of time', () => {
  it('a host that cannot compile at run time refuses them, and runs them from the compiled module with the run-time bits', async () => {
    const desc = both();
    const runtime = (await simulator('wasm')).load(desc, { keepRaster: true });
    await runtime.run(0.2);
    const expected = await outcome(runtime);
    expect(expected.spikes).toBeGreaterThan(100);

    const kernels = await WebAssembly.compile(kernelsModule(desc));
    const sim = await simulator('wasm');
    const refused = await withoutRuntimeCompile(() => failureOf(() => sim.load(desc).run(0.01)));
    expect([refused.code, refused.path]).toEqual(['E_BACKEND', 'populations[0]']);
    const net = sim.load(desc, { keepRaster: true, kernels });
    await withoutRuntimeCompile(() => net.run(0.1));
    const restored = await withoutRuntimeCompile(async () => {
      const r = await sim.restore(await net.snapshot(), { kernels });
      await r.run(0.1);
      return r;
    });
    await withoutRuntimeCompile(() => net.run(0.1));
    expect(await outcome(net)).toEqual(expected);
    expect((await restored.getProjection('stdp').weights()).weight).toEqual((await runtime.getProjection('stdp').weights()).weight);
  }, 60_000);

  it('a module for another network, another version or no module at all: typed errors', async () => {
    const desc = both();
    const sim = await simulator('wasm');
    // Another seed draws other synapses but the same programs (the module fits it too); another size does not.
    expect(() => sim.load({ ...desc, seed: 6 }, { kernels: new WebAssembly.Module(kernelsModule(desc)) })).not.toThrow();
    const other = structuredClone(desc);
    other.populations[0]!.size = 404;
    const wrongNetwork = await failureOf(() => sim.load(desc, { kernels: new WebAssembly.Module(kernelsModule(other)) }).run(0.01));
    expect([wrongNetwork.code, wrongNetwork.path]).toEqual(['E_MODEL', 'kernels']);
    expect(wrongNetwork.message).toContain('compiled for another network');
    const plain = await failureOf(() => sim.load(desc, { kernels: new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])) }).run(0.01));
    expect([plain.code, plain.message]).toEqual(['E_FORMAT', expect.stringContaining(`no ${KERNELS_SECTION} section`)]);
    // The stamp, {"abi":N,...}, ends the module: the same module stamped for ABI 1.
    const bytes = kernelsModule(desc);
    const at = Buffer.from(bytes).lastIndexOf('{"abi":') + '{"abi":'.length;
    const older = bytes.slice();
    older[at] = '1'.charCodeAt(0);
    const oldAbi = await failureOf(() => sim.load(desc, { kernels: new WebAssembly.Module(older) }).run(0.01));
    expect([oldAbi.code, oldAbi.message]).toEqual(['E_FORMAT', expect.stringContaining('compiled for kernel ABI 1')]);
    const notModule = await failureOf(() => sim.load(desc, { kernels: bytes as never }).run(0.01));
    expect([notModule.code, notModule.path]).toEqual(['E_PARAM', 'kernels']);
    expect((await failureOf(async () => sim.load(desc, { kernelz: 1 } as never))).code).toBe('E_PARAM');
  }, 60_000);

  it('spikewasm compile writes the module; a model with nothing written as equations needs none', async () => {
    const run = promisify(execFile);
    const cli = new URL('../../dist/hosts/cli.js', import.meta.url).pathname;
    const dir = mkdtempSync(join(tmpdir(), 'spikewasm-compile-'));
    const model = new URL('../../examples/cobahh.json', import.meta.url).pathname;
    const { stdout } = await run(process.execPath, [cli, 'compile', model, '--out', join(dir, 'cobahh-kernels.wasm')]);
    expect(stdout).toMatch(/cobahh-kernels\.wasm: 1 program, \d+ bytes/);
    const written = readFileSync(join(dir, 'cobahh-kernels.wasm'));
    expect(Buffer.compare(written, Buffer.from(kernelsModule(example('cobahh.json'))))).toBe(0);
    const none = await run(process.execPath, [cli, 'compile', new URL('../../examples/cuba.json', import.meta.url).pathname, '--out', join(dir, 'x.wasm')]).catch((e) => e as { code: number; stderr: string });
    expect((none as { code: number }).code).toBe(1);
    expect((none as { stderr: string }).stderr).toContain('writes nothing as equations');
  }, 60_000);
});
