// Monitors: spikes, state every k steps, binned rates and weights agree with each other
// and with what the network did, including runs long enough to fill the record buffers.
import { describe, expect, it } from 'vitest';
import { backends, simulator } from '../support/helpers.js';

describe.each(backends)('monitors (%s)', (backend) => {
  it('after a run that failed part way, the next run drains what was recorded, at its own steps', async () => {
    const ms = 1e-3;
    const mV = 1e-3;
    const make = async () => {
      const net = (await simulator(backend)).network({ dt: 1e-4, seed: 1 });
      const P = net.population(4, 'lif', { tauM: 20 * ms, vRest: -65 * mV, vThresh: -50 * mV, vReset: -70 * mV, rM: 1e8, bias: 0.2e-9 });
      const v = net.monitorState(P, ['v'], { neurons: [0, 3], everySteps: 1 });
      const spikes = net.monitorSpikes(P);
      await net.build();
      return { net, v, spikes };
    };
    const failing = await make();
    // Its backend fails on the third call, as a lost GPU device would (the test reaches into the runner).
    const backendOf = (failing.net as unknown as { runner: { backend: { run(n: number): Promise<number> } } }).runner.backend;
    const run = backendOf.run.bind(backendOf);
    let calls = 0;
    backendOf.run = async (n) => {
      if (++calls === 3) throw new Error('device lost');
      return run(n);
    };
    await expect(failing.net.run(0.05)).rejects.toThrow('device lost');
    // The failed run ended where it stopped (32 + 64 steps): the next one runs its own 500 steps from there.
    expect(failing.net.steps).toBe(96);
    await failing.net.run(0.05);
    expect(failing.net.steps).toBe(596);
    const clean = await make();
    await clean.net.run(failing.net.steps * 1e-4);
    expect(clean.net.steps).toBe(failing.net.steps);
    expect(failing.v.read().times.length).toBe(failing.net.steps);
    expect(failing.v.read()).toEqual(clean.v.read());
    expect(failing.spikes.read().steps.length).toBeGreaterThan(0);
    expect(failing.spikes.read()).toEqual(clean.spikes.read());
  });

  it('a backend that runs no step even with drained buffers fails the run (E_BACKEND) rather than hang', async () => {
    const net = (await simulator(backend)).network({ dt: 1e-4 });
    net.monitorSpikes(net.population(4, 'lif', { tauM: 0.02, vRest: -0.065, vThresh: -0.05, vReset: -0.07, rM: 1e8, bias: 0.2e-9 }));
    await net.build();
    const backendOf = (net as unknown as { runner: { backend: { run(n: number): Promise<number> } } }).runner.backend;
    const run = backendOf.run.bind(backendOf);
    let calls = 0;
    backendOf.run = async (n) => (++calls > 2 ? 0 : run(n));
    await expect(net.run(0.1)).rejects.toMatchObject({ code: 'E_BACKEND', path: 'run' });
    expect(net.steps).toBe(32 + 64);
  });

  it('drain record buffers that fill up mid-run without losing a spike', async () => {
    // 20000 sources firing at every step: 20000 spikes per step fill the spike buffer
    // (room for 20000 + 2^18) every ~14 steps.
    const net = (await simulator(backend)).network({ dt: 1e-3 });
    const P = net.population(20000, 'poisson', { rate: 1000 });
    const spikes = net.monitorSpikes(P);
    const rate = net.monitorRate(P, { bin: 5e-3 });
    await net.run(0.05);
    const { steps, neurons, times } = spikes.read();
    expect(steps.length).toBe(20000 * 50);
    expect(neurons[20000 * 37 + 123]).toBe(123);
    expect(steps[20000 * 37]).toBe(37);
    // Spike times are the steps times dt, in doubles.
    expect(times.length).toBe(steps.length);
    expect(times[20000 * 37 + 5]).toBe(37 * 1e-3);
    expect(times[steps.length - 1]).toBe(49 * 1e-3);
    expect(Array.from(rate.read().rates)).toEqual(new Array(10).fill(1000));
  });

  it('samples state every k steps at the start of the step, for chosen neurons', async () => {
    const net = (await simulator(backend)).network({ dt: 1e-4 });
    const P = net.population(6, 'lif', { tauM: 0.01, vRest: -0.07, vThresh: -0.05, vReset: -0.07, rM: 1, bias: [0, 0.001, 0.002, 0.003, 0.004, 0.005] });
    const st = net.monitorState(P, ['v', 'refractory'], { neurons: [5, 2], everySteps: 7 });
    const all = net.monitorState(P, ['v']);
    await net.run(0.01);
    const sparse = st.read();
    const dense = all.read();
    expect(Array.from(sparse.times)).toEqual(Array.from({ length: 15 }, (_, k) => k * 7 * 1e-4));
    expect(sparse.neurons).toEqual([5, 2]);
    sparse.times.forEach((_, s) => {
      expect(sparse.values.v![2 * s]).toBe(dense.values.v![s * 7 * 6 + 5]);
      expect(sparse.values.v![2 * s + 1]).toBe(dense.values.v![s * 7 * 6 + 2]);
    });
    expect(sparse.values.refractory).toBeInstanceOf(Int32Array);
    // The last sample is the value at the start of the last step, not the final value.
    expect(dense.times.length).toBe(100);
  });

  it('bins population rates from the same spikes the spike monitor sees', async () => {
    const net = (await simulator(backend)).network({ dt: 1e-4, seed: 3 });
    const P = net.population(200, 'poisson', { rate: 40 });
    const spikes = net.monitorSpikes(P);
    const rate = net.monitorRate(P, { bin: 2e-3 });
    await net.run(0.1);
    await net.run(0.0033);
    const { steps } = spikes.read();
    const { counts, rates, times } = rate.read();
    expect(counts.length).toBe(52);
    counts.forEach((c, b) => {
      const inBin = Array.from(steps).filter((s) => Math.floor(s / 20) === b).length;
      expect(c).toBe(inBin);
    });
    expect(times[1]).toBeCloseTo(2e-3, 12);
    expect(rates[51]).toBeCloseTo(counts[51]! / (200 * 13e-4), 6);
  });

  it('changes Poisson rates between runs', async () => {
    const net = (await simulator(backend)).network({ dt: 1e-4, seed: 2 });
    const P = net.population(500, 'poisson', { rate: 0 });
    const spikes = net.monitorSpikes(P);
    await net.run(0.1);
    expect(spikes.read().steps.length).toBe(0);
    await P.setRates(50);
    await net.run(0.2);
    const n = spikes.read().steps.length;
    expect(Math.abs(n - 5000)).toBeLessThan(4 * Math.sqrt(5000));
    await expect(P.setRates([1, 2])).rejects.toThrow(/has 2 values, expected 500 \(one rate per neuron\)/);
  });
});

describe('clearing monitors', () => {
  /** A small noisy network with spike, rate (7-step bins) and state monitors. */
  async function noisy() {
    const net = (await simulator('wasm')).network({ dt: 1e-4, seed: 9 });
    const P = net.population(200, 'poisson', { rate: 80 });
    const L = net.population(5, 'lif', { tauM: 0.01, vRest: 0, vThresh: 1, vReset: 0, receptors: { e: { tau: 0.002 } } });
    net.connect(P, L, { receptor: 'e', weight: 0.3, rule: { type: 'fixed_indegree', k: 20 } });
    return { net, spikes: net.monitorSpikes(P), rate: net.monitorRate(P, { bin: 7e-4 }), state: net.monitorState(L, ['v'], { neurons: [0], everySteps: 3 }) };
  }

  it('forgets what was recorded and keeps recording: the rest equals an uncleared run', async () => {
    const whole = await noisy();
    await whole.net.run(0.05);
    const cleared = await noisy();
    await cleared.net.run(0.02);
    cleared.spikes.clear();
    cleared.rate.clear();
    cleared.state.clear();
    await cleared.net.run(0.03);

    const all = whole.spikes.read();
    const tail = cleared.spikes.read();
    const from = all.steps.findIndex((s) => s >= 200);
    expect(tail.steps.length).toBeGreaterThan(100);
    expect(Array.from(tail.steps)).toEqual(Array.from(all.steps.slice(from)));
    expect(Array.from(tail.neurons)).toEqual(Array.from(all.neurons.slice(from)));

    // Bins stay on the 7-step grid from step 0: step 200 lies in bin 28 (196..202), cut short.
    const allRates = whole.rate.read();
    const tailRates = cleared.rate.read();
    expect(tailRates.times[0]).toBeCloseTo(0.02, 12);
    expect(tailRates.times[1]).toBeCloseTo(203 * 1e-4, 12);
    expect(Array.from(tailRates.counts.slice(1))).toEqual(Array.from(allRates.counts.slice(29)));
    expect(tailRates.counts[0]).toBe(all.steps.filter((s) => s >= 200 && s < 203).length);
    expect(tailRates.rates[0]).toBeCloseTo(tailRates.counts[0]! / (200 * 3e-4), 9);

    const allState = whole.state.read();
    const tailState = cleared.state.read();
    expect(tailState.times[0]).toBeCloseTo(201 * 1e-4, 12); // the first multiple of 3 from step 200
    expect(tailState.values.v!.length).toBeGreaterThan(90);
    expect(Array.from(tailState.values.v!)).toEqual(Array.from(allState.values.v!.slice(67)));
  });
});

describe('monitors of a restored network', () => {
  it('a rate monitor starts at the restored step, on the grid from step 0', async () => {
    const sim = await simulator('wasm');
    const net = sim.network({ dt: 1e-4, seed: 2 });
    const P = net.population(100, 'poisson', { rate: 50 });
    const rate = net.monitorRate(P, { bin: 0.01 });
    await net.run(0.105);
    const restored = await sim.restore(await net.snapshot());
    await restored.run(0.05);
    await net.run(0.05);
    const after = restored.getMonitor<{ times: Float64Array; counts: Int32Array }>(rate.index).read();
    const straight = rate.read();
    expect(after.times[0]).toBeCloseTo(0.105, 12); // a partial first bin, [1050, 1100)
    expect(after.times[1]).toBeCloseTo(0.11, 12);
    expect(Array.from(after.counts.slice(1))).toEqual(Array.from(straight.counts.slice(11)));
  });
});
