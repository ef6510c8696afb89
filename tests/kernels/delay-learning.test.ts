// Delay plasticity (docs/delay-learning.md) against its definition. Arrival steps are read off
// the membrane of a neuron that integrates each arrival as a jump (a delta receptor), and the
// expected ones come from the rule replayed by hand below, one event at a time, so the kernel is
// held to the rule and to "a spike in flight keeps the delay it left with", not to itself.
import { describe, expect, it } from 'vitest';
import type { StateData } from '../../ts/api/monitors.js';
import { readSnapshot, writeSnapshot } from '../../ts/io/snapshot.js';
import { buildNetwork } from '../../ts/layout/build.js';
import type { NetworkDescription, PlasticityDescription } from '../../ts/model/description.js';
import { backends, simulator } from '../support/helpers.js';
import { learningDelays } from '../support/networks.js';

const dt = 1e-4;
const mV = 1e-3;

/** Pre spikes (steps) into one neuron through a learning synapse; a driver makes it fire at `driveStep` + 1. */
function probeNetwork(preSteps: number[], driveStep: number, delays: PlasticityDescription['delays'], delay: number): NetworkDescription {
  return {
    dt,
    seed: 3,
    populations: [
      { name: 'pre', size: 1, model: 'spike_source', params: { spikeTimes: [preSteps.map((s) => s * dt)] } },
      { name: 'driver', size: 1, model: 'spike_source', params: { spikeTimes: [[driveStep * dt]] } },
      { name: 'post', size: 1, model: 'lif', params: { tauM: 10e-3, vRest: -70 * mV, vThresh: -50 * mV, vReset: -70 * mV, tRef: 0, rM: 1e-12, receptors: { d: { tau: 0 } } } },
    ],
    projections: [
      { name: 'learning', pre: { population: 'pre' }, post: { population: 'post' }, receptor: 'd', rule: { type: 'all_to_all' }, weight: 1 * mV, delay: delay * dt, plasticity: { rule: 'none', delays } },
      { name: 'drive', pre: { population: 'driver' }, post: { population: 'post' }, receptor: 'd', rule: { type: 'all_to_all' }, weight: 40 * mV, delay: dt },
    ],
    monitors: [
      { type: 'spikes', name: 'post', population: 'post' },
      { type: 'state', name: 'v', population: 'post', variables: ['v'] },
    ],
  };
}

/**
 * The rule replayed event by event (rate 1: a pairing moves the whole lag): returns each pre
 * spike's arrival step and the final delay. Post spikes are at `posts`; an arrival pairs with
 * the latest post spike before it, a post spike with the latest arrival at or before it (an
 * arrival and a post spike in one step: the arrival first, then the post spike at lag 0).
 */
function replay(preSteps: number[], posts: number[], d0: number, window: number, bounds: [number, number]): { arrivals: number[]; delay: number } {
  let delay = d0;
  let lastArrival: number | null = null;
  let lastPost: number | null = null;
  const inFlight: number[] = [];
  const arrivals: number[] = [];
  const clamp = (d: number) => Math.min(bounds[1], Math.max(bounds[0], d));
  const end = Math.max(...preSteps, ...posts) + bounds[1] + 1;
  for (let t = 0; t <= end; t++) {
    // Order within a step as at the synapse: arrivals pair first (with earlier post spikes), then
    // post spikes (with arrivals up to this step), then emissions leave with the delay as it is.
    for (const a of inFlight.filter((a) => a === t)) {
      arrivals.push(a);
      lastArrival = a;
      if (lastPost !== null && a - lastPost <= window) delay = clamp(delay - (a - lastPost));
    }
    if (posts.includes(t)) {
      if (lastArrival !== null && t - lastArrival <= window) delay = clamp(delay + (t - lastArrival));
      lastPost = t;
    }
    if (preSteps.includes(t)) inFlight.push(t + delay);
  }
  return { arrivals, delay };
}

/** Steps at which v rose by about the learning synapse's 1 mV (not the driver's 40 mV): its arrivals. */
function rises(v: Float32Array): number[] {
  const out: number[] = [];
  for (let t = 1; t < v.length; t++) {
    const jump = v[t]! - v[t - 1]!;
    if (jump > 0.5 * mV && jump < 5 * mV) out.push(t);
  }
  return out;
}

describe('delay plasticity', () => {
  for (const backend of backends) {
    it(`${backend}: a changed delay moves later spikes only; spikes in flight arrive as sent`, async () => {
      const preSteps = [5, 30, 45, 65];
      const delays = { rate: 1, window: 20 * dt, min: 2 * dt, max: 60 * dt };
      const net = (await simulator(backend)).load(probeNetwork(preSteps, 34, delays, 20));
      await net.run(200 * dt);
      const posts = Array.from(net.getMonitor<{ steps: Uint32Array }>('post').read().steps);
      expect(posts.length).toBe(1);
      // The spike sent at 30 is in flight when the post spike moves the delay, and the one sent at
      // 45 when the arrival at 50 moves it back: neither follows the change.
      expect(posts[0]).toBeGreaterThan(30);
      expect(posts[0]).toBeLessThan(45);
      const expected = replay(preSteps, posts, 20, 20, [2, 60]);
      expect(expected.arrivals[1]).toBe(50);
      expect(expected.arrivals[2]).toBe(45 + 20 + (posts[0]! - 25));
      const seen = rises(net.getMonitor<StateData>('v').read().values.v as Float32Array);
      expect(seen.map((t) => t - seen[0]!)).toEqual(expected.arrivals.map((t) => t - expected.arrivals[0]!));
      const table = await net.getProjection('learning').weights();
      expect(Math.round(table.delay[0]! / dt)).toBe(expected.delay);
    });
  }

  /**
   * Two inputs with a fixed lag into one coincidence detector (each input's jump alone stays below
   * threshold, two within about 4 ms cross it): the closed form of the rule's fixed point is arrival
   * together, d_early - d_late = lag, reached from either side.
   */
  for (const [dEarly, dLate] of [[50, 50], [70, 20]]) {
    it(`two inputs lagged by 20 steps: d_early - d_late converges to the lag (from ${dEarly} and ${dLate} steps)`, async () => {
      const lag = 20;
      const trials = 30;
      const period = 300; // steps: longer than the window, so trials do not pair with each other
      const early = Array.from({ length: trials }, (_, k) => k * period * dt);
      const desc: NetworkDescription = {
        dt,
        seed: 1,
        populations: [
          { name: 'inputs', size: 2, model: 'spike_source', params: { spikeTimes: [early, early.map((t) => t + lag * dt)] } },
          { name: 'detector', size: 1, model: 'lif', params: { tauM: 10e-3, vRest: -70 * mV, vThresh: -50 * mV, vReset: -70 * mV, tRef: 2e-3, rM: 1e-12, receptors: { d: { tau: 0 } } } },
        ],
        projections: [{
          name: 'learning', pre: { population: 'inputs' }, post: { population: 'detector' }, receptor: 'd', rule: { type: 'all_to_all' },
          weight: 12 * mV, delay: [dEarly * dt, dLate * dt],
          plasticity: { rule: 'none', delays: { rate: 0.5, window: 10e-3, min: 1e-3, max: 15e-3 } },
        }],
        monitors: [{ type: 'spikes', name: 'detector', population: 'detector' }],
      };
      const net = (await simulator('wasm')).load(desc);
      await net.run(trials * period * dt);
      expect(net.getMonitor<{ steps: Uint32Array }>('detector').read().steps.length).toBeGreaterThanOrEqual(trials - 1);
      const delays = (await net.getProjection('learning').weights()).delay;
      const [d0, d1] = [Math.round(delays[0]! / dt), Math.round(delays[1]! / dt)];
      expect(Math.abs(d0 - d1 - lag)).toBeLessThanOrEqual(1);
    });
  }

  describe('refuses settings it cannot honour, naming them', () => {
    const valid = { rate: 0.5, window: 10e-3, min: 1e-3, max: 15e-3 };
    const load = async (delays: unknown, change: (d: NetworkDescription) => void = () => {}) => {
      const desc = probeNetwork([5], 34, delays as PlasticityDescription['delays'], 20);
      change(desc);
      // A network is checked when it first runs.
      await (await simulator('wasm')).load(desc).run(dt);
    };
    const cases: [string, unknown, RegExp, ((d: NetworkDescription) => void)?][] = [
      ['a rate above 1', { ...valid, rate: 1.5 }, /plasticity\.delays\.rate.*at most 1/],
      ['a rate of 0', { ...valid, rate: 0 }, /plasticity\.delays\.rate.*> 0/],
      ['a window under one step', { ...valid, window: 1e-5 }, /plasticity\.delays\.window.*at least one step/],
      ['a minimum that leaves no axonal delay', { ...valid, min: 0.4e-4 }, /plasticity\.delays\.min.*at least one step of axonal delay/],
      ['a maximum below the minimum', { ...valid, max: 0.5e-3 }, /plasticity\.delays\.max.*at least min/],
      ['a maximum beyond u16 steps', { ...valid, max: 7 }, /plasticity\.delays\.max.*at most 65535 steps/],
      ['an unknown key', { ...valid, learningRate: 1 }, /plasticity\.delays.*learningRate/],
      ['not an object', 0.5, /plasticity\.delays.*must be \{rate, window, min, max\}/],
      ['a starting delay outside the bounds', { ...valid, min: 3e-3 }, /projections\[0\]\.delay.*within the learning bounds \[30, 150\] steps \(got 20 to 20\)/],
      ['a dendritic part the minimum does not cover', { ...valid, min: 1e-3 }, /plasticity\.delays\.min.*dendritic part 15/,
        (d) => { (d.projections![0]!.plasticity as { dendriticDelay?: number }).dendriticDelay = 1.5e-3; }],
    ];
    for (const [what, delays, message, change] of cases) {
      it(what, async () => {
        await expect(load(delays, change)).rejects.toMatchObject({ code: 'E_PARAM', message });
      });
    }
  });

  it('wasm equals reference, and a snapshot half-way carries the learned delays and the spikes in flight', async () => {
    const desc = learningDelays();
    const whole = async (backend: (typeof backends)[number]) => {
      const net = (await simulator(backend)).load(desc, { keepRaster: true });
      await net.run(1);
      return { raster: net.raster(), feedforward: await net.getProjection('feedforward').weights(), recurrent: await net.getProjection('recurrent').weights() };
    };
    const [wasm, reference] = [await whole('wasm'), await whole('reference')];
    expect(wasm.raster.steps.length).toBeGreaterThan(500);
    expect(reference.raster).toEqual(wasm.raster);
    expect(reference.feedforward).toEqual(wasm.feedforward);
    expect(reference.recurrent).toEqual(wasm.recurrent);
    // Both projections' delays moved (the comparison covers learned values, not drawn ones).
    const drawn = async (name: string) => (await (await simulator('wasm')).load(desc).getProjection(name).weights()).delay;
    for (const name of ['feedforward', 'recurrent'] as const) {
      const before = await drawn(name);
      const moved = wasm[name].delay.filter((d, s) => d !== before[s]).length;
      expect(moved, name).toBeGreaterThan(before.length / 4);
    }

    const first = (await simulator('wasm')).load(desc, { keepRaster: true });
    await first.run(0.5);
    const blob = await first.snapshot();
    for (const backend of backends) {
      const resumed = await (await simulator(backend)).restore(blob);
      await resumed.run(0.5);
      const tail = resumed.raster();
      const from = wasm.raster.steps.findIndex((s) => s >= 5000);
      expect(Array.from(tail.steps)).toEqual(Array.from(wasm.raster.steps.slice(from)));
      expect((await resumed.getProjection('feedforward').weights()).delay).toEqual(wasm.feedforward.delay);
      expect((await resumed.getProjection('recurrent').weights()).delay).toEqual(wasm.recurrent.delay);
    }
  });

  it('a snapshot whose learned delays lie outside their bounds is refused with E_FORMAT, naming the synapse', async () => {
    const desc = learningDelays();
    const net = (await simulator('wasm')).load(desc);
    await net.run(0.01);
    const s = readSnapshot(await net.snapshot());
    const built = buildNetwork(s.description, { recordAllSpikes: s.keepRaster });
    const at = built.layout.projections[0]!.plastic!.learnedDelays;
    for (const lie of [Number.NaN, 301, 4]) {
      const image = s.image.slice();
      new DataView(image.buffer).setFloat32(at + 7 * 4, lie, true);
      const blob = writeSnapshot({ description: s.description, keepRaster: s.keepRaster, step: s.step, targetTime: s.targetTime, image });
      await expect((await simulator('wasm')).restore(blob)).rejects.toMatchObject({
        code: 'E_FORMAT', message: expect.stringMatching(new RegExp(`projections\\[0\\]'s learned delay 7 is ${lie}, outside its bounds \\[5, 300\\] steps`)),
      });
    }
  });

  it('delays alone onto conductance synapses need no weight bounds, and keep conductances non-negative', async () => {
    const desc: NetworkDescription = {
      dt,
      seed: 2,
      populations: [
        { name: 'drive', size: 20, model: 'poisson', params: { rate: 40 } },
        { name: 'cells', size: 5, model: 'lif_cond', params: { cM: 200e-12, gL: 10e-9, eL: -60 * mV, vThresh: -50 * mV, vReset: -60 * mV, tRef: 2e-3, bias: 0.2e-9, receptors: { e: { tau: 5e-3, eRev: 0 } } } },
      ],
      projections: [{ name: 'learning', pre: { population: 'drive' }, post: { population: 'cells' }, receptor: 'e', rule: { type: 'all_to_all' }, weight: 2e-9, delay: 3e-3,
        plasticity: { rule: 'none', delays: { rate: 0.5, window: 5e-3, min: 1e-3, max: 8e-3 } } }],
      monitors: [{ type: 'spikes', name: 'cells', population: 'cells' }],
    };
    const net = (await simulator('wasm')).load(desc);
    await net.run(0.5);
    expect(net.getMonitor<{ steps: Uint32Array }>('cells').read().steps.length).toBeGreaterThan(10);
    const table = await net.getProjection('learning').weights();
    expect(table.delay.some((d) => Math.abs(d - 3e-3) > dt / 2)).toBe(true);
    expect(Array.from(new Set(table.weight))).toEqual([Math.fround(2e-9)]);
    await expect(net.getProjection('learning').setWeights(-1e-9)).rejects.toMatchObject({ code: 'E_PARAM', message: expect.stringMatching(/must lie within \[0, Infinity\]/) });
  });

  it('a weights monitor with every samples the delays that learn, unrounded, in seconds', async () => {
    const desc = learningDelays();
    const every = 500;
    desc.monitors!.push({ type: 'weights', name: 'recurrent', projection: 'recurrent', everySteps: every, synapses: [0, 3, 17] });
    const sampled = (await simulator('wasm')).load(desc);
    await sampled.run(0.3);
    const data = sampled.getMonitor<{ times: Float64Array; synapses: number[]; delays?: Float64Array }>('recurrent').read();
    expect(data.delays).toBeDefined();
    expect(data.delays!.length).toBe(data.times.length * 3);
    // The same network stopped at each sample step: its rounded delays are the samples rounded.
    const stepped = (await simulator('wasm')).load(learningDelays());
    let moved = 0;
    for (let k = 0; k < data.times.length; k++) {
      expect(Math.round(data.times[k]! / dt)).toBe(k * every);
      if (k > 0) await stepped.run(every * dt);
      const table = (await stepped.getProjection('recurrent').weights()).delay;
      data.synapses.forEach((s, i) => {
        const sample = data.delays![k * 3 + i]! / dt;
        expect(Math.abs(sample - table[s]! / dt), `sample ${k}, synapse ${s}`).toBeLessThanOrEqual(0.5 + 1e-9);
        if (k > 0 && sample !== data.delays![(k - 1) * 3 + i]! / dt) moved++;
      });
    }
    expect(moved).toBeGreaterThan(0);
  });
});
