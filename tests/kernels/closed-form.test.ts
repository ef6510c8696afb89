// Checks against closed-form solutions of the model equations (computed here in f64), on every
// backend (tests/support/backends.ts).
import { expect, it } from 'vitest';
import { backendsFor, describeBackends } from '../support/backends.js';
import { mean } from '../support/helpers.js';

const ms = 1e-3;
const mV = 1e-3;
const dt = 1e-4;

describeBackends('closed forms', await backendsFor(), (backend) => {
  it('LIF under constant current fires at the analytic interspike interval (within one step)', async () => {
    const sim = await backend.simulator();
    const tauM = 20 * ms;
    const tRef = 2 * ms;
    const rM = 1e8;
    const currents = [1.6e-10, 2e-10, 3e-10, 6e-10];
    const net = sim.network({ dt });
    const P = net.population(currents.length, 'lif', { tauM, vRest: -70 * mV, vThresh: -55 * mV, vReset: -75 * mV, tRef, rM, bias: currents });
    const spikes = net.monitorSpikes(P);
    await net.run(0.5);
    const { neurons, times } = spikes.read();
    currents.forEach((current, i) => {
      const vInf = -70 * mV + rM * current;
      const first = tauM * Math.log((vInf - -70 * mV) / (vInf - -55 * mV));
      const isi = tRef + tauM * Math.log((vInf - -75 * mV) / (vInf - -55 * mV));
      const mine = Array.from(times).filter((_, k) => neurons[k] === i);
      expect(mine.length).toBeGreaterThan(3);
      expect(Math.abs(mine[0]! - first)).toBeLessThanOrEqual(dt * 1.0001);
      for (let k = 1; k < mine.length; k++) expect(Math.abs(mine[k]! - mine[k - 1]! - isi)).toBeLessThanOrEqual(dt * 1.0001);
    });
  });

  it('a LIF below threshold stays silent and settles at vRest + rM I', async () => {
    const sim = await backend.simulator();
    const net = sim.network({ dt });
    const P = net.population(1, 'lif', { tauM: 10 * ms, vRest: -70 * mV, vThresh: -50 * mV, vReset: -70 * mV, rM: 1e8, bias: 1.5e-10 });
    const spikes = net.monitorSpikes(P);
    await net.run(0.3);
    expect(spikes.read().times.length).toBe(0);
    expect((await P.get('v'))[0]).toBeCloseTo(-70 * mV + 1e8 * 1.5e-10, 6);
  });

  it('a receptor current decays as exp(-t/tau) and v follows the exact two-exponential response', async () => {
    const sim = await backend.simulator();
    const tauS = 5 * ms;
    const tauM = 20 * ms;
    const w = 2e-10;
    const rM = 1e8;
    const net = sim.network({ dt });
    const src = net.population(1, 'spike_source', { spikeTimes: [[1 * ms]] });
    const P = net.population(1, 'lif', { tauM, vRest: -70 * mV, vThresh: 0, vReset: -70 * mV, rM, receptors: { e: { tau: tauS } } });
    net.connect(src, P, { receptor: 'e', rule: { type: 'one_to_one' }, weight: w, delay: 1 * ms });
    const st = net.monitorState(P, ['v', 'e']);
    await net.run(0.1);
    const { times, values } = st.read();
    // The spike at step 10 with a 10-step delay reaches the receptor at the end of step 20.
    const arrival = 21 * dt;
    let checked = 0;
    times.forEach((t, k) => {
      const e = values.e![k]!;
      const v = values.v![k]!;
      if (t < arrival - dt / 2) {
        expect(e).toBe(0);
        expect(v).toBe(Math.fround(-70 * mV));
        return;
      }
      const s = t - arrival;
      const eExact = w * Math.exp(-s / tauS);
      const vExact = -70 * mV + ((rM * w * tauS) / (tauS - tauM)) * (Math.exp(-s / tauS) - Math.exp(-s / tauM));
      expect(Math.abs(e - eExact)).toBeLessThanOrEqual(2e-5 * w);
      expect(Math.abs(v - vExact)).toBeLessThanOrEqual(2e-6 * 70 * mV);
      checked++;
    });
    expect(checked).toBeGreaterThan(700);
  });

  it('several projections onto one receptor add up', async () => {
    const sim = await backend.simulator();
    const net = sim.network({ dt });
    const a = net.population(1, 'spike_source', { spikeTimes: [[1 * ms]] });
    const b = net.population(2, 'spike_source', { spikeTimes: [[1 * ms], [0.8 * ms]] });
    const P = net.population(1, 'lif', { tauM: 10 * ms, vRest: -70 * mV, vThresh: 0, vReset: -70 * mV, receptors: { e: { tau: 5 * ms } } });
    net.connect(a, P, { receptor: 'e', rule: { type: 'all_to_all' }, weight: 1.5e-3, delay: 1e-3 });
    net.connect(b, P, { receptor: 'e', rule: { type: 'all_to_all' }, weight: [2e-3, 4e-3], delay: [1e-3, 1.2e-3] });
    const st = net.monitorState(P, ['e']);
    await net.run(0.01);
    const { values } = st.read();
    // All three spikes arrive at the end of step 20 (10 + 10, 10 + 10, 8 + 12).
    expect(values.e![20]).toBe(0);
    expect(values.e![21]).toBeCloseTo(7.5e-3, 9);
    expect(values.e![31]).toBeCloseTo(7.5e-3 * Math.exp(-1 * ms / (5 * ms)), 8);
  });

  it.each([
    ['one-byte', [1e-4, 2.6e-4, 1e-3, 7.25e-3, 12.34e-3]],
    ['two-byte', [1e-4, 2.6e-4, 1e-3, 7.25e-3, 40.02e-3]], // 400 steps: delays stored in 16 bits
  ])('a spike with delay d arrives exactly round(d/dt) steps later, per synapse (%s delays)', async (_width, delays) => {
    const sim = await backend.simulator();
    const net = sim.network({ dt });
    const src = net.population(1, 'spike_source', { spikeTimes: [[0.5 * ms]] });
    const P = net.population(delays.length, 'lif', { tauM: 10 * ms, vRest: -70 * mV, vThresh: 0, vReset: -70 * mV, receptors: { d: { tau: 0 } } });
    const proj = net.connect(src, P, { receptor: 'd', rule: { type: 'all_to_all' }, weight: 1 * mV, delay: delays });
    const st = net.monitorState(P, ['v']);
    await net.run(0.05);
    expect(Array.from((await proj.weights()).delay, (d) => Math.round(d / dt))).toEqual(delays.map((d) => Math.round(d / dt)));
    const { times, values } = st.read();
    delays.forEach((d, i) => {
      const samples = Array.from(times).map((t, k) => [t, values.v![k * delays.length + i]!] as const);
      const jumped = samples.find(([, v]) => v > -70 * mV + 0.5 * mV)!;
      // Spike at step 5; it reaches v at the end of step 5 + round(d/dt): seen at the start of the next.
      expect(Math.round(jumped[0] / dt)).toBe(5 + Math.round(d / dt) + 1);
    });
  });

  it('an adaptive threshold decays back as thetaPlus exp(-t/tauTheta)', async () => {
    const sim = await backend.simulator();
    const net = sim.network({ dt });
    const src = net.population(1, 'spike_source', { spikeTimes: [[2 * ms]] });
    const P = net.population(1, 'alif', { tauM: 10 * ms, vRest: -70 * mV, vThresh: -60 * mV, vReset: -70 * mV, tauTheta: 30 * ms, thetaPlus: 4 * mV, receptors: { d: { tau: 0 } } });
    net.connect(src, P, { receptor: 'd', rule: { type: 'all_to_all' }, weight: 20 * mV });
    const spikes = net.monitorSpikes(P);
    const st = net.monitorState(P, ['theta']);
    await net.run(0.1);
    const { times } = spikes.read();
    expect(times.length).toBe(1);
    const fired = times[0]!;
    const { times: ts, values } = st.read();
    let checked = 0;
    ts.forEach((t, k) => {
      const theta = values.theta![k]!;
      if (t <= fired) return expect(theta).toBe(0);
      // theta jumps at the end of the spike step, then decays once per step.
      const exact = 4 * mV * Math.exp(-(t - fired - dt) / (30 * ms));
      expect(Math.abs(theta - exact)).toBeLessThanOrEqual(1e-5 * 4 * mV);
      checked++;
    });
    expect(checked).toBeGreaterThan(900);
  });

  it('a current step charges a LIF as vRest + rM I (1 - exp(-(t - t0)/tauM))', async () => {
    const sim = await backend.simulator();
    const net = sim.network({ dt });
    const P = net.population(2, 'lif', { tauM: 15 * ms, vRest: -70 * mV, vThresh: 0, vReset: -70 * mV, rM: 1e8 });
    net.currentStep(P.slice(1, 2), [10 * ms, 40 * ms], [1e-10, 0]);
    const st = net.monitorState(P, ['v']);
    await net.run(0.06);
    const { times, values } = st.read();
    times.forEach((t, k) => {
      expect(values.v![2 * k]).toBe(Math.fround(-70 * mV));
      const v = values.v![2 * k + 1]!;
      // The current acts from step 100 on; the sample at the start of step s holds v(s dt).
      const on = Math.min(Math.max(t - 10 * ms, 0), 30 * ms);
      let exact = -70 * mV + 1e8 * 1e-10 * (1 - Math.exp(-on / (15 * ms)));
      if (t > 40 * ms) exact = -70 * mV + (exact + 70 * mV) * Math.exp(-(t - 40 * ms) / (15 * ms));
      expect(Math.abs(v - exact)).toBeLessThanOrEqual(1e-6);
    });
  });
});

// Runs of several thousand steps and more: wasm and reference only. On webgpu's software
// adapter a step takes milliseconds; tests/backends/webgpu.test.ts holds lif_cond, adex and
// Poisson sources to wasm's behaviour on shorter runs.
describeBackends('closed forms of long runs', await backendsFor({ exact: true }), (backend) => {
  it('conductances decay exactly and lif_cond settles at eL + I/gL', async () => {
    const sim = await backend.simulator();
    const net = sim.network({ dt });
    const src = net.population(1, 'spike_source', { spikeTimes: [[1 * ms]] });
    const P = net.population(1, 'lif_cond', { cM: 200e-12, gL: 10e-9, eL: -60 * mV, vThresh: -40 * mV, vReset: -60 * mV, bias: 0.1e-9, receptors: { e: { tau: 5 * ms, eRev: 0 } } });
    net.connect(src, P, { receptor: 'e', rule: { type: 'all_to_all' }, weight: 3e-9 });
    const st = net.monitorState(P, ['e']);
    await net.run(0.4);
    const { times, values } = st.read();
    const arrival = 12 * dt;
    times.forEach((t, k) => {
      const g = values.e![k]!;
      if (t < arrival - dt / 2) return expect(g).toBe(0);
      expect(Math.abs(g - 3e-9 * Math.exp(-(t - arrival) / (5 * ms)))).toBeLessThanOrEqual(3e-9 * 2e-5);
    });
    expect((await P.get('v'))[0]).toBeCloseTo(-60 * mV + 0.1e-9 / 10e-9, 6);
  });

  it('adex without spikes settles at the fixed point of its equations', async () => {
    const sim = await backend.simulator();
    const p = { cM: 281e-12, gL: 30e-9, eL: -70.6 * mV, vT: -50.4 * mV, deltaT: 2 * mV, a: 4e-9, b: 80.5e-12, tauW: 144 * ms, vReset: -70.6 * mV };
    const current = 0.3e-9;
    const net = sim.network({ dt });
    const P = net.population(1, 'adex', { ...p, bias: current });
    const spikes = net.monitorSpikes(P);
    await net.run(2);
    expect(spikes.read().times.length).toBe(0);
    // Solve -gL (v - eL) + gL dT exp((v - vT)/dT) - a (v - eL) + I = 0 by bisection below vT.
    const g = (v: number) => -p.gL * (v - p.eL) + p.gL * p.deltaT * Math.exp((v - p.vT) / p.deltaT) - p.a * (v - p.eL) + current;
    let lo = p.eL;
    let hi = p.vT;
    for (let k = 0; k < 200; k++) {
      const mid = (lo + hi) / 2;
      if (g(mid) > 0) lo = mid;
      else hi = mid;
    }
    expect((await P.get('v'))[0]).toBeCloseTo(lo, 5);
    expect((await P.get('w'))[0]).toBeCloseTo(p.a * (lo - p.eL), 13);
  });

  it('poisson sources fire at their rates, with exponential interspike intervals', async () => {
    const sim = await backend.simulator();
    const net = sim.network({ dt, seed: 5 });
    const rates = [5, 20, 80];
    const P = net.population(300, 'poisson', { rate: Array.from({ length: 300 }, (_, i) => rates[i % 3]!) });
    const spikes = net.monitorSpikes(P);
    await net.run(2);
    const { neurons, times } = spikes.read();
    rates.forEach((rate, r) => {
      const count = Array.from(neurons).filter((i) => i % 3 === r).length;
      const expected = 100 * rate * 2;
      expect(Math.abs(count - expected)).toBeLessThan(4 * Math.sqrt(expected));
    });
    // Exponential ISIs: mean equals std (CV 1) for the 80 Hz group.
    const last = new Map<number, number>();
    const isis: number[] = [];
    neurons.forEach((i, k) => {
      if (i % 3 !== 2) return;
      if (last.has(i)) isis.push(times[k]! - last.get(i)!);
      last.set(i, times[k]!);
    });
    const m = mean(isis);
    const sd = Math.sqrt(mean(isis.map((x) => (x - m) ** 2)));
    expect(m).toBeCloseTo(1 / 80, 3);
    expect(sd / m).toBeGreaterThan(0.95);
    expect(sd / m).toBeLessThan(1.05);
  });
});
