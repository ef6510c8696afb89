// Dendritic segments against closed forms: a plateau starts in the step its segment's input
// reaches theta, holds the current parameter for exactly its duration (the soma, a passive
// membrane integrated exactly, follows R A (1 - exp(-t / tau_m)) and then decays), inputs add
// within the segment's window with exp(-dt / tau) per step, and a spike ends the plateau.
import { expect, it } from 'vitest';
import type { EquationModelOptions } from '../../ts/api/network.js';
import type { StateData } from '../../ts/api/monitors.js';
import { backendsFor, describeBackends } from '../support/backends.js';

const dt = 1e-4;
const [R, tauM, A] = [50e6, 10e-3, 200e-12];
/** A passive soma (or, with a threshold, one that spikes) and a dendritic current parameter. */
function cell(threshold?: string): EquationModelOptions {
  return {
    equations: `dv/dt = (-v + R * Idend) / tau_m : volt
                dz/dt = -z / (400 * ms) : 1
                Idend : amp`,
    params: { R: `${R} ohm`, tau_m: `${tauM} s` },
    ...(threshold ? { threshold, reset: 'v = 0 * mV' } : {}),
    dendrites: { segments: 2, theta: 3, tau: '0.5 ms', plateau: { duration: '2 ms', current: 'Idend', amplitude: `${A} A` }, trace: 'z' },
  };
}

/** Steps at which each of a spike source's neurons fires, as spike times. */
const at = (...steps: number[][]) => steps.map((list) => list.map((s) => s * dt));

// The webgpu backend refuses segments (tests/dendrites/errors.test.ts).
describeBackends('dendritic segments', await backendsFor({ exact: true }), (backend) => {
  async function run(spikeSteps: number[][], segment: string, threshold?: string) {
    const net = (await backend.simulator()).network({ dt });
    const src = net.population(spikeSteps.length, 'spike_source', { spikeTimes: at(...spikeSteps) });
    const P = net.population(1, cell(threshold));
    net.connect(src, P, { synapse: { onPre: `${segment} += w` }, weight: 1, delay: 2 * dt, rule: 'all_to_all' });
    const state = net.monitorState(P, ['v', 'z', 'Idend']);
    const spikes = net.monitorSpikes(P);
    await net.run(100 * dt);
    const { values } = state.read() as StateData;
    return { v: Array.from(values.v!), z: Array.from(values.z!), current: Array.from(values.Idend!), spikes: Array.from(spikes.read().times) };
  }

  it('three coincident inputs at theta 3 start a plateau two steps (the delay) later; it holds the current 20 steps, which the soma integrates exactly', async () => {
    const { v, z, current } = await run([[10], [10], [10]], 'segment1');
    const onset = 12;
    const D = 20;
    // The parameter as sampled at the start of each step: set during steps onset .. onset + D - 1.
    expect(current.map((x, m) => (x === Math.fround(A) ? m : -1)).filter((m) => m >= 0)).toEqual(Array.from({ length: D }, (_, k) => onset + 1 + k));
    for (let m = 0; m < v.length; m++) {
      const on = Math.min(Math.max(m - onset, 0), D);
      const rise = R * A * (1 - Math.exp(-on * dt / tauM));
      const expected = m <= onset + D ? rise : R * A * (1 - Math.exp(-D * dt / tauM)) * Math.exp(-(m - onset - D) * dt / tauM);
      expect(Math.abs(v[m]! - expected)).toBeLessThan(1e-6 * R * A + 1e-9);
    }
    // The onset adds 1 to the trace in its step (then the trace decays with 400 ms).
    expect(z[onset]).toBe(0);
    expect(Math.abs(z[onset + 1]! - Math.exp(-dt / 0.4))).toBeLessThan(1e-6);
  });

  it('two inputs stay below theta 3: no plateau', async () => {
    const { v, z } = await run([[10], [10]], 'segment0');
    expect(Math.max(...v.map(Math.abs))).toBe(0);
    expect(Math.max(...z)).toBe(0);
  });

  it('inputs one step apart add with exp(-dt/tau): 1 + 1 + e^(-dt/tau) reaches 3 only once all three are in, and e^(-1/5) leaves 2.82 below it', async () => {
    // Two inputs at step 10 and one at 11: u = 2 e^(-0.2) + 1 = 2.64 < 3; no plateau.
    expect(Math.max(...(await run([[10], [10], [11]], 'segment0')).z)).toBe(0);
    // Three at step 10 and one at 11 with the window: the plateau starts at 12 from the first three.
    const { z } = await run([[10], [10], [10], [11]], 'segment0');
    expect(z.findIndex((x) => x > 0)).toBe(13);
  });

  it('a spike of the neuron ends its plateau: the soma falls back from its reset at once', async () => {
    // R A = 10 mV: a threshold at 1 mV is crossed 11 steps into the 20-step plateau.
    const { v, spikes } = await run([[10], [10], [10]], 'segment0', 'v > 1 * mV');
    expect(spikes.length).toBe(1);
    const spikeStep = Math.round(spikes[0]! / dt);
    expect(spikeStep).toBe(12 + Math.ceil(-Math.log(0.9) * tauM / dt) - 1);
    // After the reset to 0 the plateau no longer drives it: v stays 0.
    expect(v.slice(spikeStep + 1).every((x) => x === 0)).toBe(true);
  });
});
