// Models written as equations against the built-in kernels they restate: the same spike steps
// (lif with exact integration, adex with forward Euler in the kernel's operation order) and the
// same network statistics (CUBA), plus AdEx's published firing patterns (Naud et al. 2008).
import { describe, expect, it } from 'vitest';
import type { SpikeData } from '../../ts/api/monitors.js';
import { mean, simulator, statistics } from '../support/helpers.js';
import { adexEquations, CUBA } from '../support/equation-models.js';
import { backendsFor, describeBackends } from '../support/backends.js';

const LIF = {
  equations: `dv/dt = (vRest - v + I) / tauM : volt (unless refractory)
              I : volt`,
  threshold: 'v > vThresh', reset: 'v = vReset', refractory: '5 ms', method: 'exact' as const,
};

const steps = (d: SpikeData) => Array.from(d.steps);

describeBackends('equation models restate the built-in kernels', await backendsFor(), (backend) => {
  it('100 uncoupled lif neurons with distinct constant currents: the built-in lif spike steps of wasm (webgpu: each within 1 step)', async () => {
    const currents = Array.from({ length: 100 }, (_, i) => 9e-3 + i * 0.25e-3); // 9 to 33.75 mV: some never reach threshold
    const eq = (await backend.simulator()).network({ dt: 1e-4 });
    const P = eq.population(100, { ...LIF, params: { tauM: '20 ms', vRest: '-60 mV', vThresh: '-50 mV', vReset: '-60 mV', I: currents } }, { v: '-60 mV' });
    const builtin = (await simulator('wasm')).network({ dt: 1e-4 });
    const Q = builtin.population(100, 'lif', { tauM: 20e-3, vRest: -60e-3, vThresh: -50e-3, vReset: -60e-3, tRef: 5e-3, bias: currents });
    const a = eq.monitorSpikes(P);
    const b = builtin.monitorSpikes(Q);
    await eq.run(1);
    await builtin.run(1);
    expect(a.read().times.length).toBeGreaterThan(3000);
    if (backend.exact) {
      expect(steps(a.read())).toEqual(steps(b.read()));
      expect(Array.from(a.read().neurons)).toEqual(Array.from(b.read().neurons));
      return;
    }
    // f32 arithmetic that the GPU may fuse: per neuron, as many spikes, each within a step.
    for (let i = 0; i < 100; i++) {
      const of = (d: SpikeData) => steps(d).filter((_, k) => d.neurons[k] === i);
      const [got, want] = [of(a.read()), of(b.read())];
      expect(got.length, `neuron ${i}`).toBe(want.length);
      got.forEach((s, k) => expect(Math.abs(s - want[k]!)).toBeLessThanOrEqual(1));
    }
  });
});

describe('equation models restate the built-in kernels in networks', () => {
  it('CUBA from equations: rate and CV within 3 % of the built-in lif network, over 5 seeds', async () => {
    const sim = await simulator('wasm');
    const run = async (seed: number, equations: boolean) => {
      const net = sim.network({ dt: 1e-4, seed });
      const P = equations
        ? net.population(4000, CUBA, { v: { uniform: ['-60 mV', '-50 mV'] } })
        : net.population(4000, 'lif', { tauM: 20e-3, vRest: -49e-3, vThresh: -50e-3, vReset: -60e-3, tRef: 5e-3, receptors: { e: { tau: 5e-3 }, i: { tau: 10e-3 } } }, { v: { uniform: [-60e-3, -50e-3] } });
      const e = P.slice(0, 3200);
      const i = P.slice(3200);
      if (equations) {
        net.connect(e, P, { synapse: { onPre: 'ge += w' }, weight: '1.62 mV', rule: { p: 0.02 } });
        net.connect(i, P, { synapse: { onPre: 'gi += w' }, weight: '-9 mV', rule: { p: 0.02 } });
      } else {
        net.connect(e, P, { receptor: 'e', weight: 1.62e-3, rule: { p: 0.02 } });
        net.connect(i, P, { receptor: 'i', weight: -9e-3, rule: { p: 0.02 } });
      }
      const spikes = net.monitorSpikes(P);
      await net.run(1);
      return statistics(spikes.read(), 4000, 1);
    };
    const seeds = [1, 2, 3, 4, 5];
    const eq = await Promise.all(seeds.map((s) => run(s, true)));
    const builtin = await Promise.all(seeds.map((s) => run(s, false)));
    const rate = [mean(eq.map((s) => s.rate)), mean(builtin.map((s) => s.rate))];
    const cv = [mean(eq.map((s) => s.cv)), mean(builtin.map((s) => s.cv))];
    expect(rate[1]).toBeGreaterThan(3);
    expect(Math.abs(rate[0]! / rate[1]! - 1)).toBeLessThan(0.03);
    expect(Math.abs(cv[0]! / cv[1]! - 1)).toBeLessThan(0.03);
  });
});

/** Naud, Marcille, Clopath & Gerstner (2008), Table 1: C pF, gL nS, EL mV, VT mV, a nS, tauW ms, b pA, Vr mV, I pA (deltaT 2 mV). */
const NAUD = {
  tonic: [200, 10, -70, -50, 2, 30, 0, -58, 500],
  adapting: [200, 12, -70, -50, 2, 300, 60, -58, 500],
  'initial burst': [130, 18, -58, -50, 4, 150, 120, -50, 400],
  'regular bursting': [200, 10, -58, -50, 2, 120, 100, -46, 210],
  irregular: [100, 12, -60, -50, -11, 130, 30, -48, 160],
} as const;

/** ISIs in ms of one neuron's spike times. */
const isis = (times: Float64Array) => Array.from(times.slice(1), (t, k) => (t - times[k]!) * 1e3);
const cvOf = (xs: number[]) => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2))) / mean(xs);

/** What each pattern's ISIs show (Naud et al. 2008, Fig. 4 and its text). */
const CRITERIA: Record<keyof typeof NAUD, (isi: number[]) => void> = {
  tonic: (isi) => expect(cvOf(isi.slice(1))).toBeLessThan(0.05),
  adapting: (isi) => {
    expect(isi[isi.length - 1]! / isi[0]!).toBeGreaterThan(2); // intervals lengthen
    expect(cvOf(isi.slice(-4))).toBeLessThan(0.05); // to a steady rate
  },
  'initial burst': (isi) => {
    const steady = mean(isi.slice(-3));
    expect(isi[0]! / steady).toBeLessThan(0.25); // a burst of short intervals first
    expect(cvOf(isi.slice(-4))).toBeLessThan(0.05); // then regular spiking
  },
  'regular bursting': (isi) => {
    const long = isi.filter((x) => x > 3 * Math.min(...isi));
    expect(long.length).toBeGreaterThanOrEqual(3); // bursts separated by long pauses, again and again
    expect(long.length).toBeLessThan(isi.length / 1.5); // with short intervals within each burst
  },
  irregular: (isi) => expect(cvOf(isi.slice(2))).toBeGreaterThan(0.25),
};

describe('AdEx from equations (Naud et al. 2008 Table 1)', () => {
  it.each(Object.keys(NAUD) as (keyof typeof NAUD)[])('%s: spike steps of the built-in adex, and the pattern', async (pattern) => {
    const [C, gL, eL, vT, a, tauW, b, vReset, I] = NAUD[pattern];
    const p = { C: C * 1e-12, gL: gL * 1e-9, eL: eL * 1e-3, vT: vT * 1e-3, deltaT: 2e-3, a: a * 1e-9, tauW: tauW * 1e-3, b: b * 1e-12, vReset: vReset * 1e-3, I: I * 1e-12 };
    const sim = await simulator('wasm');
    const eq = sim.network({ dt: 1e-5 });
    const P = eq.population(1, adexEquations(p), { v: `${p.eL} V` });
    const builtin = sim.network({ dt: 1e-5 });
    const Q = builtin.population(1, 'adex', { cM: p.C, gL: p.gL, eL: p.eL, vT: p.vT, deltaT: p.deltaT, a: p.a, tauW: p.tauW, b: p.b, vReset: p.vReset, vPeak: 0, bias: p.I });
    const [x, y] = [eq.monitorSpikes(P), builtin.monitorSpikes(Q)];
    await eq.run(1);
    await builtin.run(1);
    expect(x.read().times.length).toBeGreaterThan(5);
    expect(steps(x.read())).toEqual(steps(y.read()));
    CRITERIA[pattern](isis(x.read().times));
  });
});
