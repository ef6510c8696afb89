// Burst-dependent plasticity (examples/bursting/burst-plasticity-synapse.json, Payeur et al.
// 2021) against its closed form on a controlled input. Relay cells that spike exactly when told
// carry the cell's own spike classification (the ev, nspk, bu, Ebar, Bbar lines of
// examples/bursting/two-compartment-cell.json). The presynaptic cell sends events at 20 Hz; the
// postsynaptic cell fires single spikes (events), then bursts, then single spikes again. The test
// classifies the observed spike trains itself (16 ms rule) and integrates the rule in float64:
// at each postsynaptic spike w += eta (burst - Pbar event) Epre, Pbar = Bbar / Ebar, Epre the
// presynaptic event trace. Weights after each phase must agree within 1e-6 (measured: 3e-7, the
// f32 storage of w and the traces), on both exact backends; bursts above their average
// potentiate, events below it depress.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SpikeData } from '../../ts/api/monitors.js';
import type { NetworkDescription } from '../../ts/model/description.js';
import { simulator } from '../support/helpers.js';

const read = (file: string) => JSON.parse(readFileSync(new URL(`../../examples/bursting/${file}`, import.meta.url), 'utf8'));
const cell = read('two-compartment-cell.json');
const rule = read('burst-plasticity-synapse.json').synapse;
const CLASSIFIED = /^(ev|bu|nspk|Ebar|Bbar)\b/;
const classification = {
  equations: (cell.model.equations as string).split('\n').filter((l) => CLASSIFIED.test(l.replace(/^d/, ''))),
  reset: (cell.model.reset as string).split('\n').filter((l) => CLASSIFIED.test(l)),
};

const dt = 1e-4;
const [isiBurst, tauAvg, tauPre, eta] = [0.016, 2, 0.05, 0.01];

/** A cell that spikes two steps after each spike of its driver and classifies its spikes as the two-compartment cell does. */
const relay = {
  equations: ['dv/dt = -v / (0.5 * ms) : volt', 'dge_s/dt = -ge_s / (1 * ms) : 1', ...classification.equations].join('\n'),
  threshold: 'v > 1 * mV',
  reset: ['v = 0 * mV', ...classification.reset].join('\n'),
  method: 'euler',
};

/** Post spikes: single ones 100 ms apart, then bursts of two spikes 5 ms apart, then single ones. */
function postDrive(): number[] {
  const times: number[] = [];
  for (let t = 0.05; t < 1.5; t += 0.1) times.push(t);
  for (let t = 1.55; t < 3; t += 0.1) times.push(t, t + 0.005);
  for (let t = 3.05; t < 4.5; t += 0.1) times.push(t);
  return times.map((t) => Math.round(t / dt) * dt);
}
const preDrive = () => Array.from({ length: 90 }, (_, k) => Math.round((0.02 + k * 0.05) / dt) * dt);

function network(): NetworkDescription {
  const params = { isi_burst: `${isiBurst} s`, tau_avg: `${tauAvg} s` };
  return {
    dt,
    seed: 1,
    populations: [
      { name: 'drivers', size: 2, model: 'spike_source', params: { spikeTimes: [preDrive(), postDrive()] } },
      { name: 'pre', size: 1, model: relay as never, params },
      { name: 'post', size: 1, model: relay as never, params },
    ],
    projections: [
      { pre: { population: 'drivers', start: 0, stop: 1 }, post: { population: 'pre' }, synapse: { onPre: 'v += w' }, weight: '10 mV', rule: 'all_to_all', delay: dt },
      { pre: { population: 'drivers', start: 1, stop: 2 }, post: { population: 'post' }, synapse: { onPre: 'v += w' }, weight: '10 mV', rule: 'all_to_all', delay: dt },
      { pre: { population: 'pre' }, post: { population: 'post' }, synapse: { ...rule, params: { ...rule.params, tau_pre: `${tauPre} s`, eta } }, init: { w: 0.5 }, rule: 'all_to_all', delay: dt },
    ],
    monitors: [{ type: 'spikes', population: 'pre' }, { type: 'spikes', population: 'post' }],
  };
}

/** Whether each spike opens an event and whether it makes its event a burst (the 16 ms rule). */
function classify(steps: number[]): { ev: boolean; bu: boolean }[] {
  let inEvent = 0;
  return steps.map((s, k) => {
    const ev = k === 0 || (s - steps[k - 1]!) * dt > isiBurst;
    inEvent = ev ? 1 : inEvent + 1;
    return { ev, bu: inEvent === 2 };
  });
}

/** The rule in float64 from the spike trains: the weight after each post spike. */
function closedForm(preSteps: number[], postSteps: number[], w0: number): number[] {
  const pre = classify(preSteps);
  const post = classify(postSteps);
  // A presynaptic spike at step p reaches the synapse at p + 1 (one step of delay), where Epre gains ev_pre.
  const arrivals = preSteps.map((p, k) => ({ step: p + 1, ev: pre[k]!.ev }));
  let w = w0;
  return postSteps.map((s, k) => {
    const before = postSteps.slice(0, k + 1).map((q, j) => ({ q, ...post[j]! }));
    // The moving averages as the cell integrates them (Euler: a factor 1 - dt/tau per step; e^(-dt/tau) would differ by 1e-5 over the run).
    const decay = (steps: number) => (1 - dt / tauAvg) ** steps / tauAvg;
    const Ebar = before.reduce((sum, x) => sum + (x.ev ? decay(s - x.q) : 0), 0);
    const Bbar = before.reduce((sum, x) => sum + (x.bu ? decay(s - x.q) : 0), 0);
    const Epre = arrivals.reduce((sum, a) => sum + (a.ev && a.step <= s ? Math.exp(-(s - a.step) * dt / tauPre) : 0), 0);
    w += eta * ((post[k]!.bu ? 1 : 0) - (Bbar / Ebar) * (post[k]!.ev ? 1 : 0)) * Epre;
    return w;
  });
}

describe.each(['wasm', 'reference'] as const)('burst-dependent plasticity (%s)', (backend) => {
  it('events, then bursts, then events: the weight follows the closed form within 1e-6, up while bursts exceed their average, down after', async () => {
    const desc = network();
    const phases = [1.5, 3, 4.5];
    const net = (await simulator(backend)).load(desc);
    const synapse = net.getProjection(2);
    const weights: number[] = [];
    let done = 0;
    for (const end of phases) {
      await net.run(end - done);
      done = end;
      weights.push((await synapse.get('w'))[0]!);
    }
    const steps = (k: number) => Array.from(net.getMonitor<SpikeData>(k).read().times, (t) => Math.round(t / dt));
    const [preSteps, postSteps] = [steps(0), steps(1)];
    // The relays spike two steps after their drivers, every time.
    expect(postSteps).toEqual(postDrive().map((t) => Math.round(t / dt) + 2));
    expect(preSteps).toEqual(preDrive().map((t) => Math.round(t / dt) + 2));
    const expected = closedForm(preSteps, postSteps, 0.5);
    const at = (end: number) => expected[postSteps.filter((s) => s * dt < end).length - 1]!;
    phases.forEach((end, k) => expect(Math.abs(weights[k]! - at(end)), `after ${end} s`).toBeLessThan(1e-6));
    // Single events with no bursts yet: Pbar = 0, nothing changes; bursts potentiate; events after them depress.
    expect(weights[0]).toBe(0.5);
    expect(weights[1]! - weights[0]!).toBeGreaterThan(0.01);
    expect(weights[2]! - weights[1]!).toBeLessThan(-0.01);
  });
});
