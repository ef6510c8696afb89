// Delay plasticity (docs/delay-learning.md) against its definition. Arrival steps are read off
// the membrane of a neuron that integrates each arrival as a jump (a delta receptor), and the
// expected ones come from the rule replayed by hand below, one event at a time, so the kernel is
// held to the rule and to "a spike in flight keeps the delay it left with", not to itself.
import { describe, expect, it } from 'vitest';
import type { StateData } from '../../ts/api/monitors.js';
import type { NetworkDescription, PlasticityDescription } from '../../ts/model/description.js';
import { backends, simulator } from '../support/helpers.js';

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
 * the latest post spike before it, a post spike with the latest arrival at or before it.
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
    // Order within a step as at the synapse: post spikes pair first, then arrivals, then emissions leave.
    if (posts.includes(t)) {
      if (lastArrival !== null && t - lastArrival <= window) delay = clamp(delay + (t - lastArrival));
      lastPost = t;
    }
    for (const a of inFlight.filter((a) => a === t)) {
      arrivals.push(a);
      lastArrival = a;
      if (lastPost !== null && a - lastPost <= window) delay = clamp(delay - (a - lastPost));
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
});
