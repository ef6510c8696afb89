// Models written as equations on the webgpu backend, whose WGSL is generated from the same trees
// as the wasm update (ts/equations/wgsl/generate.ts), against wasm on a software adapter: every
// function of the language within the tolerance docs/webgpu.md states ("Models written as
// equations"), AdEx against the built-in kernel, network statistics (CUBA, COBAHH with escape
// noise, gap junctions and graded synapses) and snapshots. The single-neuron checks of tests/equations/ (lif, Hodgkin-Huxley,
// escape noise, divergence) run on webgpu in their own files, over every backend.
import { describe, expect, it } from 'vitest';
import type { Simulator } from '../../hosts/node.js';
import type { SpikeData } from '../../ts/api/monitors.js';
import type { EquationModelOptions } from '../../ts/api/network.js';
import type { NetworkDescription } from '../../ts/model/description.js';
import { rasterHash } from '../../ts/io/raster-hash.js';
import { simulatorOf, webgpuMissing } from '../support/backends.js';
import { adexEquations, CUBA } from '../support/equation-models.js';
import { simulator, statistics } from '../support/helpers.js';
import { available } from '../support/requirements.js';
import { smallCobahh } from '../hosts/scratch.js';
import { couplings } from '../support/networks.js';

const hasGpu = available('webgpu on a software adapter', await webgpuMissing());

/** Distance in f32 units in the last place (the two values are f32s). */
function ulps(a: number, b: number): number {
  if (Object.is(a, b) || a === b) return 0;
  const bits = new Int32Array(new Float32Array([a, b]).buffer);
  const ordered = (i: number) => (i < 0 ? -(i & 0x7fffffff) : i);
  return Math.abs(ordered(bits[0]!) - ordered(bits[1]!));
}

/**
 * Each function as a reset statement evaluates it (x kept apart from 0 and the ranges' ends
 * where the function needs it), and the largest difference from wasm it may show: in ulps,
 * or absolute where the function's WGSL part is bounded absolutely. Measured on SwiftShader in
 * the comment; the bounds leave room for GPUs that fuse multiply-adds.
 */
const FUNCTIONS: Record<string, { expression: string; ulps?: number; absolute?: number }> = {
  exp: { expression: 'exp(clip(x, -87, 88))', ulps: 4 }, // 0
  exprel: { expression: 'exprel(clip(x, -87, 88))', ulps: 4 }, // 0
  arithmetic: { expression: '(x * 0.3 - 1.7) / (x + 0.123) + x', ulps: 4 }, // 0
  sqrt: { expression: 'sqrt(abs(x))', ulps: 4 }, // 0
  roundings: { expression: 'floor(x) + ceil(x * 0.7) + abs(x)', ulps: 0 }, // 0
  clip: { expression: 'clip(x, -3.5, inf) + clip(x, -inf, 2.25)', ulps: 0 }, // 0
  t: { expression: 't / ms + x', ulps: 4 }, // 0
  sin: { expression: 'sin(x)', ulps: 4 }, // 1
  cos: { expression: 'cos(x)', ulps: 4 }, // 1
  tanh: { expression: 'tanh(x)', ulps: 8 }, // 4
  log: { expression: 'log(abs(x) + 1e-3)', absolute: 2e-6 }, // 4.8e-7
  power: { expression: '(abs(x) + 1e-3)**1.5 / (abs(x) + 1)**1.5', absolute: 4e-6 }, // 7.5e-7 of values up to 1
  rand: { expression: 'rand()', ulps: 0 }, // 0: the same Philox bits
  randn: { expression: 'randn()', absolute: 2e-5 }, // 3.8e-6
};

async function evaluated(sim: Simulator, xs: number[]): Promise<Float32Array[]> {
  const names = Object.keys(FUNCTIONS);
  const net = sim.network({ dt: 1e-4, seed: 5 });
  const P = net.population(xs.length, {
    equations: ['dx/dt = 0 / second : 1', ...names.map((n) => `df_${n}/dt = 0 / second : 1`)].join('\n'),
    threshold: 'x > -1e9', reset: names.map((n) => `f_${n} = ${FUNCTIONS[n]!.expression}`).join('; '), method: 'euler',
  }, { x: xs });
  await net.run(5e-4);
  return Promise.all(names.map((n) => P.get(`f_${n}`) as Promise<Float32Array>));
}

/** Runs `desc` on wasm and webgpu for `duration`; the spikes of population `population` on each. */
async function bothBackends(desc: NetworkDescription, duration: number) {
  const runOn = async (sim: Simulator) => {
    const net = sim.load(desc, { keepRaster: true });
    await net.run(duration);
    return net;
  };
  return [await runOn(await simulator()), await runOn(await simulatorOf('webgpu'))] as const;
}

const spikesOf = (r: { steps: Uint32Array; neurons: Uint32Array | Int32Array }, from: number, to: number) => {
  const steps: number[] = [];
  r.neurons.forEach((g, k) => { if (g >= from && g < to) steps.push(r.steps[k]!); });
  return steps;
};

describe.skipIf(!hasGpu)('models written as equations on webgpu (software adapter)', () => {
  it('every function of the language, over 4000 arguments in [-60, 60]: within its tolerance of wasm', async () => {
    const xs = Array.from({ length: 4000 }, (_, k) => -60 + (120 * k) / 3999);
    const [wasm, gpu] = [await evaluated(await simulator(), xs), await evaluated(await simulatorOf('webgpu'), xs)];
    Object.entries(FUNCTIONS).forEach(([name, bound], k) => {
      const [a, b] = [wasm[k]!, gpu[k]!];
      expect(new Set(a).size, `${name} takes many values`).toBeGreaterThan(100);
      let worst = 0;
      a.forEach((x, i) => { worst = Math.max(worst, bound.absolute !== undefined ? Math.abs(x - b[i]!) : ulps(x, b[i]!)); });
      expect(worst, name).toBeLessThanOrEqual(bound.absolute ?? bound.ulps!);
    });
  });

  it('conditions, refractoriness by a condition, not_refractory, lastspike and i: the spikes of wasm, each within a step', async () => {
    const model: EquationModelOptions = {
      equations: `dv/dt = (drive - v) / tau : 1 (unless refractory)
                  du/dt = -u / tau : 1
                  drive : 1`,
      threshold: '((v > 1) and not (u > 1.5)) or ((v > 1.4) and not_refractory)',
      reset: 'v = 0.2 * i / N; u += clip((t - lastspike) / (20 * ms), 0, 1)',
      refractory: 'u > 0.9',
      method: 'euler',
      params: { tau: '10 ms', drive: Array.from({ length: 40 }, (_, i) => 1.02 + 0.02 * i) },
    };
    const runOn = async (sim: Simulator) => {
      const net = sim.network({ dt: 1e-4 });
      const P = net.population(40, model);
      const spikes = net.monitorSpikes(P);
      await net.run(0.3);
      return spikes.read();
    };
    const [a, b] = [await runOn(await simulator()), await runOn(await simulatorOf('webgpu'))];
    expect(a.steps.length).toBeGreaterThan(200);
    for (let i = 0; i < 40; i++) {
      const of = (d: SpikeData) => Array.from(d.steps).filter((_, k) => d.neurons[k] === i);
      const [want, got] = [of(a), of(b)];
      expect(got.length, `neuron ${i}`).toBe(want.length);
      got.forEach((s, k) => expect(Math.abs(s - want[k]!), `neuron ${i}`).toBeLessThanOrEqual(1));
    }
  });

  it.each(['tonic', 'initial burst'])('AdEx written as equations (Naud et al. 2008, %s): the built-in adex spike steps of wasm, each within 2 steps', async (pattern) => {
    // Naud et al. 2008 Table 1, as tests/equations/builtin-models.test.ts runs them for 1 s.
    const p = pattern === 'tonic'
      ? { C: 200e-12, gL: 10e-9, eL: -70e-3, vT: -50e-3, deltaT: 2e-3, a: 2e-9, tauW: 30e-3, b: 0, vReset: -58e-3, I: 500e-12 }
      : { C: 130e-12, gL: 18e-9, eL: -58e-3, vT: -50e-3, deltaT: 2e-3, a: 4e-9, tauW: 150e-3, b: 120e-12, vReset: -50e-3, I: 400e-12 };
    const eq = (await simulatorOf('webgpu')).network({ dt: 1e-5 });
    const P = eq.population(1, adexEquations(p) as EquationModelOptions, { v: `${p.eL} V` });
    const builtin = (await simulator()).network({ dt: 1e-5 });
    const Q = builtin.population(1, 'adex', { cM: p.C, gL: p.gL, eL: p.eL, vT: p.vT, deltaT: p.deltaT, a: p.a, tauW: p.tauW, b: p.b, vReset: p.vReset, vPeak: 0, bias: p.I });
    const [x, y] = [eq.monitorSpikes(P), builtin.monitorSpikes(Q)];
    await eq.run(0.15);
    await builtin.run(0.15);
    const [got, want] = [Array.from(x.read().steps), Array.from((y.read() as SpikeData).steps)];
    expect(want.length).toBeGreaterThanOrEqual(5);
    expect(got.length).toBe(want.length);
    got.forEach((s, k) => expect(Math.abs(s - want[k]!)).toBeLessThanOrEqual(2));
  });

  it('CUBA written as equations (4000 neurons, 0.5 s): the mean rate (within 5 %) and CV (within 0.05) of wasm', async () => {
    const desc: NetworkDescription = {
      dt: 1e-4, seed: 3,
      populations: [{ name: 'P', size: 4000, model: { equations: CUBA.equations, threshold: CUBA.threshold, reset: CUBA.reset, refractory: CUBA.refractory, method: CUBA.method }, params: CUBA.params, init: { v: { uniform: ['-60 mV', '-50 mV'] } } } as never],
      projections: [
        { pre: { population: 'P', stop: 3200 }, post: { population: 'P' }, synapse: { onPre: 'ge += w' }, weight: '1.62 mV', rule: { p: 0.02 } } as never,
        { pre: { population: 'P', start: 3200 }, post: { population: 'P' }, synapse: { onPre: 'gi += w' }, weight: '-9 mV', rule: { p: 0.02 } } as never,
      ],
    };
    const [a, b] = await bothBackends(desc, 0.5);
    const stats = (net: typeof a) => {
      const r = net.raster();
      return statistics({ steps: r.steps, neurons: Int32Array.from(r.neurons), times: Float64Array.from(r.steps, (s) => s * 1e-4) }, 4000, 0.5);
    };
    const [x, y] = [stats(a), stats(b)];
    expect(x.rate).toBeGreaterThan(3);
    expect(Math.abs(y.rate / x.rate - 1)).toBeLessThanOrEqual(0.05);
    expect(Math.abs(y.cv - x.cv)).toBeLessThanOrEqual(0.05);
  });

  it("COBAHH (exponential Euler, exprel) driving an escape-noise population (rand()): wasm's spike counts within 5 % per population", async () => {
    const desc = smallCobahh() as NetworkDescription;
    const [a, b] = await bothBackends(desc, 0.1);
    for (const [from, to] of [[0, 400], [400, 450]] as const) {
      const [x, y] = [spikesOf(a.raster(), from, to).length, spikesOf(b.raster(), from, to).length];
      expect(x, `neurons ${from}-${to} fire`).toBeGreaterThan(50);
      expect(Math.abs(y / x - 1), `neurons ${from}-${to}`).toBeLessThanOrEqual(0.05);
    }
  });

  it("electrical and graded synapses among cells written as equations (one thread, wasm's order): wasm's spike count within 5 % and its potentials within 1 mV", async () => {
    const desc = couplings();
    const [a, b] = await bothBackends(desc, 0.1);
    const [x, y] = [a.raster().steps.length, b.raster().steps.length];
    expect(x).toBeGreaterThan(100);
    expect(Math.abs(y / x - 1)).toBeLessThanOrEqual(0.05);
    const [va, vb] = [await a.getPopulation('graded').get('v'), await b.getPopulation('graded').get('v')];
    va.forEach((v, i) => expect(Math.abs(v - vb[i]!), `graded ${i}`).toBeLessThan(1e-3));
  });

  it('a snapshot of an equation network taken on webgpu restores on webgpu (the same raster as straight through) and on wasm', async () => {
    const desc = smallCobahh() as NetworkDescription;
    const gpu = await simulatorOf('webgpu');
    const straight = gpu.load(desc, { keepRaster: true });
    await straight.run(0.06);
    const first = gpu.load(desc, { keepRaster: true });
    await first.run(0.03);
    const blob = await first.snapshot();
    const [onGpu, onWasm] = [await gpu.restore(blob), await (await simulator()).restore(blob)];
    await onGpu.run(0.03);
    await onWasm.run(0.03);
    const tail = async (net: typeof straight) => {
      const r = net.raster();
      const k = r.steps.findIndex((s) => s >= 300);
      return { spikes: r.steps.length - k, hash: await rasterHash(r.steps.slice(k), r.neurons.slice(k)) };
    };
    const want = await tail(straight);
    expect(want.spikes).toBeGreaterThan(100);
    expect(await tail(onGpu)).toEqual(want);
    expect(await onGpu.getPopulation('P').get('v')).toEqual(await straight.getPopulation('P').get('v'));
    // On wasm the run goes on from the same state; its spikes differ from the GPU's only by the arithmetic.
    expect(Math.abs((await tail(onWasm)).spikes / want.spikes - 1)).toBeLessThanOrEqual(0.1);
  });
});
