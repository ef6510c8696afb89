// A modulator with several sources (an astrocyte: docs/model-format.md, "Modulators") against its
// definition, stepped in float64: each step v = baseline + (v - baseline) e^(-dt/tau) plus each
// source's gain times its spikes that step, the first source first. Two spike sources at known
// times, one counted up and one down; within 2e-6 (f32 storage and decay factor). On every backend.
import { expect, it } from 'vitest';
import type { NetworkDescription } from '../../ts/model/description.js';
import { backendsFor, describeBackends } from '../support/backends.js';
import { refusalOf } from '../support/helpers.js';
import { planNetwork } from '../../ts/model/plan-network.js';

const dt = 1e-4;
const [tau, baseline, gainUp, gainDown] = [0.01, 0.1, 0.5, -0.2];
const upSteps = [[5, 40, 41, 90], [40, 60]];
const downSteps = [[10, 40, 120], [41, 42, 43]];

function network(): NetworkDescription {
  const times = (steps: number[][]) => steps.map((list) => list.map((s) => s * dt));
  return {
    dt,
    populations: [
      { name: 'up', size: 2, model: 'spike_source', params: { spikeTimes: times(upSteps) } },
      { name: 'down', size: 2, model: 'spike_source', params: { spikeTimes: times(downSteps) } },
    ],
    modulators: [
      { name: 'plain', tau: 0.02, initial: 1 },
      { name: 'astro', tau, baseline, source: [{ population: 'up', gain: gainUp }, { population: 'down', gain: gainDown }] },
    ],
  };
}

describeBackends('a modulator with two sources of opposite sign', await backendsFor(), (backend) => {
  it('follows its definition step by step (within f32 rounding)', async () => {
    const net = (await backend.simulator()).load(network());
    const spikes = (lists: number[][], step: number) => lists.reduce((n, l) => n + l.filter((s) => s === step).length, 0);
    const decay = Math.exp(-dt / tau);
    let v = 0;
    for (let step = 0; step < 150; step++) {
      v = baseline + (v - baseline) * decay + gainUp * spikes(upSteps, step) + gainDown * spikes(downSteps, step);
      if (step % 10 === 9 || [40, 41, 43].includes(step)) {
        await net.run((step + 1) * dt - net.time);
        expect(Math.abs((await net.modulatorValue('astro')) - v), `after step ${step}`).toBeLessThan(2e-6);
      }
    }
    // The other modulator, with no source, only decays (its factor rounded to f32, 150 times: 1e-5).
    expect(Math.abs((await net.modulatorValue('plain')) - Math.exp(-150 * dt / 0.02))).toBeLessThan(1e-5);
  });
});

it('an empty source list and a source that is not {population, gain} are refused', () => {
  const desc = network();
  desc.modulators![1]!.source = [];
  expect(refusalOf(() => planNetwork(desc)).path).toBe('modulators[1].source');
  desc.modulators![1]!.source = [{ population: 'up', gain: 1 }, { population: 'up' } as never];
  expect(refusalOf(() => planNetwork(desc)).path).toBe('modulators[1].source[1].gain');
});
