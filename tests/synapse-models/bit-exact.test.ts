// Synapse models run the same bits on the wasm backend (generated modules) and the reference
// backend (the interpreter): spikes, neuron state and every synapse variable, over models that
// use every part of the language (event-driven decays to a rest value, four time constants,
// clock-driven variables by each method, summed variables, reads of both neurons and of a
// modulator, every function, deliveries onto built-in and equation populations, per-synapse
// delays), straight through and across a snapshot.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Network } from '../../ts/api/network.js';
import type { Projection } from '../../ts/api/handles.js';
import { readSnapshot } from '../../ts/io/snapshot.js';
import { simulator } from '../support/helpers.js';

/** Every synapse variable of each projection, in model order. */
const VARIABLES = {
  plastic: ['w', 'tr', 'a1', 'a2', 'a3', 'a4', 'gain'],
  clocked: ['w', 'c', 'u'],
  gap: ['g'],
};

function playground(net: Network, method: 'euler' | 'rk2' | 'rk4' | 'exponential_euler') {
  net.modulator('da', { tau: 0.05, initial: 0.5, baseline: 0.1 });
  const src = net.population(30, 'poisson', { rate: { uniform: [60, 160] } });
  const cells = net.population(12, {
    equations: `dv/dt = (vRest - v + ge - gi) / tau + Igap / C : volt
                dge/dt = -ge / (5*ms) : volt
                dgi/dt = -gi / (10*ms) : volt
                Igap : amp`,
    threshold: 'v > -52*mV', reset: 'v = vRest', refractory: '2 ms',
    params: { vRest: '-65 mV', tau: '15 ms', C: '150 pF' },
  }, { v: { uniform: ['-65 mV', '-53 mV'] } });
  const lif = net.population(7, 'lif', { tauM: 0.02, vRest: -0.065, vThresh: -0.052, vReset: -0.065, tRef: 0.002, rM: 1e8, receptors: { e: { tau: 0.005 } } });
  const plastic = net.connect(src, cells, {
    name: 'plastic',
    synapse: {
      model: `w : volt
              gain : 1
              dtr/dt = (rest - tr) / (30*ms) : 1 (event-driven)
              da1/dt = -a1 / t1 : 1 (event-driven)
              da2/dt = -a2 / t2 : 1 (event-driven)
              da3/dt = -a3 / t3 : 1 (event-driven)
              da4/dt = -a4 / t1 : 1 (event-driven)`,
      onPre: `ge += w * gain
              a1 += 1
              a2 += exp(-abs(v_post - vRest) / mV) + sqrt(abs(sin(t / ms))) + floor(tr * 3) / 7
              w = clip(w - (a3 * 0.2 + a4 * 0.1) * mV * cos(da) + tanh(v_post / mV + 60) * 0.01 * mV, 0*mV, 8*mV)
              tr = tr * 0.5 + log(1 + a1) ** 1.5 + ceil(a2) * 0.01
              ge -= 0.01 * w`,
      onPost: `a3 += 1
               a4 = a4 * 0.9 + 1
               w = clip(w + (a1 + a2 * 0.5) * 0.3 * mV * da + (t - 0.1*second) * mV / second * 0.001, 0*mV, 8*mV)
               gain = gain * 0.99 + 0.02`,
      params: { rest: 0.25, t1: '15 ms', t2: '40 ms', t3: '25 ms', vRest: '-65 mV' },
    },
    init: { w: { uniform: ['2 mV', '5 mV'] }, gain: { uniform: [0.8, 1.2] }, tr: { normal: { mean: 0.5, std: 0.1 } } },
    rule: { p: 0.4 }, delay: { uniform: ['1 ms', '4 ms'] },
  });
  const clocked = net.connect(src, lif, {
    name: 'clocked',
    synapse: {
      model: `dw/dt = k * da * c * pA / ms - w / tauW : amp (clock-driven)
              dc/dt = -c / tauC + (v_post - vRest) / mV / second * 0.01 : 1 (clock-driven)
              du/dt = (1 - u) / (50*ms) : 1 (clock-driven)
              dpre/dt = -pre / (20*ms) : 1 (event-driven)`,
      onPre: `e += w * u
              u -= 0.3 * u
              pre += 1
              c -= 0.2`,
      onPost: `c += pre`,
      params: { k: 2, tauW: '2 s', tauC: '200 ms', vRest: '-65 mV' },
      method,
    },
    init: { w: '40 pA', u: 1 }, rule: { p: 0.5 }, delay: '1.5 ms',
  });
  const gap = net.connect(cells, cells, {
    name: 'gap',
    synapse: { model: `g : siemens
                       Igap_post = g * (v_pre - v_post) : amp (summed)` },
    init: { g: { uniform: ['0.5 nS', '2 nS'] } }, rule: { p: 0.3, autapses: false },
  });
  return { pops: [cells, lif], projections: [plastic, clocked, gap] as Projection[] };
}

async function state(net: Network, built: ReturnType<typeof playground>) {
  const neuron = await Promise.all([built.pops[0]!.get('v'), built.pops[0]!.get('ge'), built.pops[1]!.get('v')]);
  const synapse = await Promise.all(built.projections.flatMap((j) => VARIABLES[j.name as keyof typeof VARIABLES].map((v) => j.get(v))));
  return { neuron, synapse };
}

const bits = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
const hash = (a: ArrayBufferView) => createHash('sha256').update(bits(a)).digest('hex');

describe('synapse models: wasm equals reference bit for bit', () => {
  it.each(['exponential_euler', 'euler', 'rk2', 'rk4'] as const)('every part of the language, clock-driven by %s', async (method) => {
    const runs = [];
    for (const backend of ['wasm', 'reference'] as const) {
      const net = (await simulator(backend)).network({ dt: 1e-4, seed: 4 });
      const built = playground(net, method);
      const spikes = built.pops.map((p) => net.monitorSpikes(p));
      await net.run(0.25);
      runs.push({ spikes: spikes.map((m) => Array.from(m.read().steps).join()), ...(await state(net, built)) });
    }
    const [wasm, ref] = runs as [typeof runs[0], typeof runs[0]];
    expect(wasm.spikes[0]!.split(',').length).toBeGreaterThan(20);
    expect(wasm.spikes).toEqual(ref.spikes);
    wasm.neuron.forEach((a, k) => expect(hash(a), `neuron variable ${k}`).toBe(hash(ref.neuron[k]!)));
    wasm.synapse.forEach((a, k) => expect(hash(a), `synapse variable ${k}`).toBe(hash(ref.synapse[k]!)));
    // The rule moved things: weights, traces and the clock-driven variables left their start (and stayed finite).
    for (const a of wasm.synapse) expect(Array.from(a).every(Number.isFinite)).toBe(true);
    const [w0, tr0] = [wasm.synapse[0]!, wasm.synapse[1]!];
    expect(new Set(w0).size).toBeGreaterThan(w0.length / 2);
    expect(Array.from(tr0).some((x) => x !== 0.5)).toBe(true);
    expect(Array.from(wasm.synapse[8]!).some((u) => u !== 1)).toBe(true);
  }, 60_000);

  it("the example of docs/synapse-models.md (the issue's), as written", async () => {
    const runs = [];
    for (const backend of ['wasm', 'reference'] as const) {
      const net = (await simulator(backend)).network({ dt: 1e-4, seed: 2 });
      const inputs = net.population(1000, 'poisson', { rate: 20 });
      const out = net.population(3, {
        equations: `dv/dt = (ge * (Ee - v) + El - v) / taum : volt
                    dge/dt = -ge / taue : 1`,
        threshold: 'v > vt', reset: 'v = vr', method: 'euler',
        params: { taum: '10 ms', Ee: '0 mV', El: '-74 mV', taue: '5 ms', vt: '-54 mV', vr: '-60 mV' },
      }, { v: '-60 mV' });
      const synapses = net.connect(inputs, out, {
        synapse: {
          model: `w : 1
                  dapre/dt = -apre / taupre : 1 (event-driven)
                  dapost/dt = -apost / taupost : 1 (event-driven)`,
          onPre: `ge += w * gmax
                  apre += dApre
                  w = clip(w + apost, 0, 1)`,
          onPost: `apost += dApost
                   w = clip(w + apre, 0, 1)`,
          params: { taupre: '20 ms', taupost: '20 ms', gmax: '0.01', dApre: 0.01, dApost: -0.0105 },
        },
        rule: 'all_to_all', init: { w: { uniform: [0, 1] } },
      });
      const spikes = net.monitorSpikes(out);
      await net.run(1);
      runs.push({ spikes: spikes.read().steps.length, w: hash(await synapses.get('w')), apost: hash(await synapses.get('apost')) });
    }
    expect(runs[0]!.spikes).toBeGreaterThan(5);
    expect(runs[0]).toEqual(runs[1]);
  });

  it('slices: each synapse reads and sums the neurons it connects (pre 3-5 onto post 1-3, one to one)', async () => {
    for (const backend of ['wasm', 'reference'] as const) {
      const net = (await simulator(backend)).network({ dt: 1e-4 });
      const pre = net.population(8, { equations: 'dv/dt = 0*volt/second : volt' }, { v: [0, 1, 2, 3, 4, 5, 6, 7].map((k) => `${k} mV`) });
      // u integrates I (set after step 0 from the state then): after two steps, u = dt * I / C.
      const post = net.population(5, { equations: 'du/dt = I / (1*pF) : volt\nI : amp', method: 'euler' });
      net.connect(pre.slice(3, 6), post.slice(1, 4), {
        synapse: { model: 'g : siemens\nI_post = g * (v_pre - u_post) : amp (summed)' },
        init: { g: ['1 nS', '2 nS', '3 nS'] }, rule: 'one_to_one',
      });
      await net.run(2e-4);
      const u = Array.from(await post.get('u'));
      [0, 1e-9 * 3e-3, 2e-9 * 4e-3, 3e-9 * 5e-3, 0].forEach((current, j) => expect(u[j]!, `${backend}, neuron ${j}`).toBeCloseTo(1e-4 * current / 1e-12, 9));
    }
  });

  it('run, snapshot, restore on the other backend, run == run straight through', async () => {
    const straight = (await simulator('wasm')).network({ dt: 1e-4, seed: 9 });
    const built = playground(straight, 'exponential_euler');
    await straight.run(0.2);
    const split = (await simulator('wasm')).network({ dt: 1e-4, seed: 9 });
    playground(split, 'exponential_euler');
    await split.run(0.1);
    const restored = await (await simulator('reference')).restore(await split.snapshot());
    await restored.run(0.1);
    const image = async (net: Network) => hash(readSnapshot(await net.snapshot()).image);
    expect(await image(restored)).toBe(await image(straight));
    expect((await state(straight, built)).synapse.length).toBe(11);
  }, 60_000);
});
