// net.step(k): stepping in pieces is the same network as one run (bit for bit), injected
// currents act as the closed-form LIF says, injected spikes arrive like a projection's.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { RealTimeMeter } from '../../ts/api/realtime.js';
import type { Simulator } from '../../ts/api/simulator.js';
import { backends, failureOf, simulator } from '../support/helpers.js';

const ms = 1e-3;
const mV = 1e-3;
const dt = 1e-4;

/** A small CUBA network (Brette et al. 2007 at 400 neurons), with Poisson drive to exercise rates. */
function cuba(sim: Simulator, keepRaster = false) {
  const net = sim.network({ dt, seed: 5, keepRaster });
  const P = net.population(400, 'lif', {
    tauM: 20 * ms, vRest: -49 * mV, vThresh: -50 * mV, vReset: -60 * mV, tRef: 5 * ms,
    receptors: { e: { tau: 5 * ms }, i: { tau: 10 * ms } },
  }, { v: { uniform: [-60 * mV, -50 * mV] } }, 'P');
  const drive = net.population(20, 'poisson', { rate: 10 }, {}, 'drive');
  net.connect(P.slice(0, 320), P, { receptor: 'e', weight: 1.62 * mV * 5, rule: { p: 0.05 }, delay: { uniform: [0.1 * ms, 2 * ms] } });
  net.connect(P.slice(320), P, { receptor: 'i', weight: -9 * mV, rule: { p: 0.05 } });
  net.connect(drive, P, { receptor: 'e', weight: 2 * mV, rule: { p: 0.1 } });
  const spikes = net.monitorSpikes(P);
  const v = net.monitorState(P, ['v'], { neurons: [0, 7, 399], everySteps: 3 });
  return { net, P, drive, spikes, v };
}

describe.each(backends)('net.step (%s)', (backend) => {
  it('stepping k at a time gives the raster and traces of one run, and each call returns only its own spikes', async () => {
    const sim = await simulator(backend);
    const whole = cuba(sim, true);
    await whole.net.run(0.2);
    const pieces = cuba(sim, true);
    const steps: number[] = [];
    const neurons: number[] = [];
    let done = 0;
    for (const k of [1, 7, 0, 100, 33, 500, 1, 358]) {
      const r = await pieces.net.step(k);
      expect(r.start).toBe(done);
      done += k;
      expect(r.steps).toBe(k);
      expect(r.time).toBeCloseTo(done * dt, 12);
      for (const s of r.spikes.P!.steps) expect(s >= r.start && s < r.start + k).toBe(true);
      steps.push(...r.spikes.P!.steps);
      neurons.push(...r.spikes.P!.neurons);
    }
    await pieces.net.run(0.2 - done * dt); // run() after step() continues from the same step
    expect(pieces.net.steps).toBe(2000);
    expect(pieces.net.raster()).toEqual(whole.net.raster());
    expect(pieces.v.read()).toEqual(whole.v.read());
    const all = whole.spikes.read();
    expect(all.steps.length).toBeGreaterThan(100);
    expect(steps).toEqual(Array.from(all.steps.subarray(0, steps.length)));
    expect(neurons).toEqual(Array.from(all.neurons.subarray(0, neurons.length)));
    expect(all.steps[steps.length]).toBeGreaterThanOrEqual(done); // nothing of the first `done` steps missed
  });

  it('rates given to step() are those setRates() would set', async () => {
    const sim = await simulator(backend);
    const a = cuba(sim, true);
    const b = cuba(sim, true);
    await a.net.run(0.05);
    await a.drive.setRates(Array.from({ length: 20 }, (_, i) => 20 * i));
    await a.net.run(0.05);
    await b.net.step(500);
    await b.net.step(500, { rates: [{ target: b.drive, rate: Array.from({ length: 20 }, (_, i) => 20 * i) }] });
    expect(b.net.raster()).toEqual(a.net.raster());
  });

  it('an injected current makes a LIF fire at the closed-form interval, and only while it is on', async () => {
    const sim = await simulator(backend);
    const tauM = 20 * ms;
    const tRef = 2 * ms;
    const rM = 1e8;
    const net = sim.network({ dt });
    const P = net.population(2, 'lif', { tauM, vRest: -70 * mV, vThresh: -55 * mV, vReset: -75 * mV, tRef, rM });
    net.monitorSpikes(P);
    const I = 3e-10;
    const on = await net.step(3000, { current: [{ target: P.slice(0, 1), amplitude: I }] });
    const vInf = -70 * mV + rM * I;
    const first = tauM * Math.log((vInf - -70 * mV) / (vInf - -55 * mV));
    const isi = tRef + tauM * Math.log((vInf - -75 * mV) / (vInf - -55 * mV));
    const { times, neurons } = on.spikes.population0!;
    expect(new Set(neurons)).toEqual(new Set([0])); // neuron 1 got no current
    expect(times.length).toBe(1 + Math.floor((0.3 - first) / isi));
    expect(Math.abs(times[0]! - first)).toBeLessThanOrEqual(dt * 1.0001);
    for (let k = 1; k < times.length; k++) expect(Math.abs(times[k]! - times[k - 1]! - isi)).toBeLessThanOrEqual(dt * 1.0001);

    // Off again: no more spikes; v relaxes to vRest as exp(-t/tauM).
    const v0 = (await P.get('v'))[0]!;
    const off = await net.step(1000, { current: [{ target: P, amplitude: [0, 0] }] });
    expect(off.spikes.population0!.times.length).toBe(0);
    expect((await P.get('v'))[0]).toBeCloseTo(-70 * mV + (v0 - -70 * mV) * Math.exp(-0.1 / tauM), 6);
  });

  it('an injected current leaves the model\'s current steps in force', async () => {
    // Neuron 0 fires on a current step from t = 0; injecting into neuron 1 must not switch the
    // kernels to reading the bias alone (populations without current steps skip that array).
    const sim = await simulator(backend);
    const tauM = 20 * ms;
    const tRef = 2 * ms;
    const rM = 1e8;
    const I = 3e-10;
    const net = sim.network({ dt });
    const P = net.population(2, 'lif', { tauM, vRest: -70 * mV, vThresh: -55 * mV, vReset: -75 * mV, tRef, rM });
    net.currentStep(P.slice(0, 1), [0], [I]);
    net.monitorSpikes(P);
    const before = await net.step(1000);
    const after = await net.step(2000, { current: [{ target: P.slice(1, 2), amplitude: I }] });
    const vInf = -70 * mV + rM * I;
    const isi = tRef + tauM * Math.log((vInf - -75 * mV) / (vInf - -55 * mV));
    const fired = (r: typeof after, neuron: number) => r.spikes.population0!.times.filter((_, k) => r.spikes.population0!.neurons[k] === neuron);
    expect(fired(before, 0).length).toBeGreaterThan(0);
    const stepped = fired(after, 0);
    // Neuron 0 keeps its interval through the 0.2 s after the injection.
    expect(stepped.length).toBeGreaterThanOrEqual(Math.floor(0.2 / isi) - 1);
    for (let k = 1; k < stepped.length; k++) expect(Math.abs(stepped[k]! - stepped[k - 1]! - isi)).toBeLessThanOrEqual(dt * 1.0001);
    expect(fired(after, 1).length).toBeGreaterThan(0);
  });

  it('an injected spike arrives exactly as one from a spike_source through a projection', async () => {
    const sim = await simulator(backend);
    const params = { tauM: 20 * ms, vRest: -70 * mV, vThresh: -50 * mV, vReset: -70 * mV, rM: 1e8, receptors: { e: { tau: 5 * ms }, d: { tau: 0 } } };
    const viaSource = sim.network({ dt });
    const src = viaSource.population(1, 'spike_source', { spikeTimes: [[1 * ms]] });
    const A = viaSource.population(3, 'lif', params);
    viaSource.connect(src, A.slice(1, 2), { receptor: 'e', weight: 4e-10, delay: 2 * ms, rule: { type: 'all_to_all' } });
    viaSource.connect(src, A.slice(2, 3), { receptor: 'd', weight: 3 * mV, delay: 2 * ms, rule: { type: 'all_to_all' } });
    const traceA = viaSource.monitorState(A, ['v', 'e']);
    await viaSource.run(0.02);

    const injected = sim.network({ dt });
    const B = injected.population(3, 'lif', params);
    const traceB = injected.monitorState(B, ['v', 'e']);
    // The source fires at step 10; with a 20-step delay its weight lands in the slot of step 30.
    await injected.step(30);
    await injected.step(170, { spikes: [{ target: B, receptor: 'e', neurons: [1], weight: 4e-10 }, { target: B.slice(2), receptor: 'd', neurons: [0], weight: 3 * mV }] });
    const a = traceA.read();
    const b = traceB.read();
    expect(b.values.v).toEqual(a.values.v);
    expect(b.values.e).toEqual(a.values.e);
    expect(Math.max(...b.values.v!)).toBeGreaterThan(-70 * mV); // it did arrive
  });

  it('names what is wrong with an input', async () => {
    const sim = await simulator(backend);
    const { net, P, drive } = cuba(sim);
    await expect(net.step(1.5)).rejects.toMatchObject({ code: 'E_PARAM', path: 'step.steps' });
    await expect(net.step(1, { current: [{ target: drive, amplitude: 1 }] })).rejects.toMatchObject({ code: 'E_MODEL', path: 'step.current[0].target' });
    await expect(net.step(1, { current: [{ target: P.slice(0, 3), amplitude: [1, 2] }] })).rejects.toMatchObject({ code: 'E_PARAM', path: 'step.current[0].amplitude' });
    await expect(net.step(1, { current: [{ target: P, amplitude: NaN }] })).rejects.toMatchObject({ code: 'E_PARAM', path: 'step.current[0].amplitude[0]' });
    await expect(net.step(1, { spikes: [{ target: P, receptor: 'x', neurons: [0], weight: 1 }] })).rejects.toMatchObject({ code: 'E_MODEL', path: 'step.spikes[0].receptor' });
    await expect(net.step(1, { spikes: [{ target: P.slice(0, 10), receptor: 'e', neurons: [10], weight: 1 }] })).rejects.toMatchObject({ code: 'E_INDEX', path: 'step.spikes[0].neurons[0]' });
    await expect(net.step(1, { rates: [{ target: P, rate: 5 }] })).rejects.toMatchObject({ code: 'E_MODEL' });
    await expect(net.step(1, { current: [{ target: { index: 0, start: 0, stop: 3 } as never, amplitude: 1 }] })).rejects.toMatchObject({ code: 'E_PARAM', path: 'step.current[0].target' });
    expect(net.steps).toBe(0); // nothing ran
    // A bad input leaves the others unwritten: the network then runs as if never touched.
    await expect(net.step(1, { current: [{ target: P, amplitude: 1 }], spikes: [{ target: P, receptor: 'x', neurons: [0], weight: 1 }] })).rejects.toMatchObject({ code: 'E_MODEL' });
    const untouched = cuba(sim);
    await net.run(0.02);
    await untouched.net.run(0.02);
    expect(net.getMonitor('monitor0').read()).toEqual(untouched.spikes.read());
  });
});

describe('RealTimeMeter', () => {
  it('averages model time over wall time within its window', () => {
    const m = new RealTimeMeter(1);
    expect(m.factor).toBeNaN();
    m.add(0.1, 0.05);
    expect(m.factor).toBeCloseTo(2, 12);
    m.add(0.3, 0.05);
    expect(m.factor).toBeCloseTo(4, 12);
    m.add(1, 1); // the first two samples fall out of the 1 s window
    expect(m.factor).toBeCloseTo(1, 12);
    m.add(0, 0);
    expect(m.factor).toBeCloseTo(1, 12);
  });
});

describe('examples/closed-loop.mjs', () => {
  it('steps the network once per reading of a stream; the motor fires only when driven', async () => {
    const child = spawn(process.execPath, [new URL('../../examples/closed-loop.mjs', import.meta.url).pathname], { stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdin.end('0\n0\n1\n1\n');
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const code = await new Promise((done) => child.on('close', done));
    expect({ code, err }).toEqual({ code: 0, err: '' });
    const lines = out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.time)).toEqual([0.02, 0.04, 0.06, 0.08]);
    expect(lines.map((l) => l.motorSpikes > 0)).toEqual([false, false, true, true]);
  });
});

describe('step refuses input that would reach outside its targets or the f32 range', () => {
  const make = async () => {
    const net = (await simulator('wasm')).network({ dt: 1e-4 });
    const a = net.population(4, 'lif', { tauM: 0.01, vRest: 0, vThresh: 1, vReset: 0, receptors: { e: { tau: 0.005 } } }, {}, 'a');
    const p = net.population(10, 'poisson', { rate: 0 }, {}, 'p');
    net.monitorSpikes(p);
    await net.build();
    return { net, a, p };
  };

  it('names the field and leaves the network as it was', async () => {
    const { net, a, p } = await make();
    const other = await make();
    const before = Array.from(await a.get('v'));
    const cases: [unknown, string][] = [
      [{ current: [{ target: other.a, amplitude: 1 }] }, 'step.current[0].target'],
      [{ spikes: [{ target: other.a.slice(1, 3), receptor: 'e', neurons: [0], weight: 1 }] }, 'step.spikes[0].target'],
      [{ spikes: [{ target: a, receptor: 'e', neurons: [0], weight: 1e300 }] }, 'step.spikes[0].weight'],
      [{ current: [{ target: a, amplitude: 1e300 }] }, 'step.current[0].amplitude[0]'],
      [{ spikes: [{ target: a, receptor: 'e', neurons: null, weight: 1 }] }, 'step.spikes[0].neurons'],
      [{ current: {} }, 'step.current'],
      [{ rates: 5 }, 'step.rates'],
      [{ rates: [{ target: p.slice(0, 2), rate: 50 }] }, 'step.rates[0].target'],
      [{ rates: [{ target: p, rate: 500 }, { target: p, rate: -1 }] }, 'step.rates[1].rate[0]'],
    ];
    for (const [input, path] of cases) expect((await failureOf(() => net.step(10, input as never))).path).toBe(path);
    // Nothing was written: the neurons sit at rest and the sources stay silent (rate 500 never applied).
    const r = await net.step(100);
    expect(Array.from(await a.get('v'))).toEqual(before);
    expect(r.spikes.p!.steps.length).toBe(0);
  });

  it('keeps run()\'s rounding: step(0) between two runs changes nothing', async () => {
    const steps = async (between: boolean) => {
      const { net } = await make();
      await net.run(0.00025);
      if (between) await net.step(0);
      await net.run(0.00025);
      return net.steps;
    };
    expect(await steps(true)).toBe(await steps(false));
  });
});
