// Spike steps predicted exactly, not within a step: first spikes, interspike intervals with and
// without refractoriness, and delta input during refractoriness, on every backend.
//
// How the step follows from the arithmetic and the conventions (docs/model-format.md):
// - lif integrates exactly with f32 coefficients P22 = fround(exp(-dt/tauM)) and
//   P20 = fround(rM (1 - P22)): v[k+1] = vRest + (v[k] - vRest) P22 + I P20. This linear
//   recurrence has the closed form v[k] = vInf + (v0 - vInf) P22^k with vInf = vRest + I P20 / (1 - P22),
//   so v[k] passes vThresh first at k = floor(K) + 1, where K = ln((vThresh - vInf) / (v0 - vInf)) / ln P22.
//   The f32 rounding of each step (a few ulp of v, far below one step's change of v near
//   threshold) cannot move the crossing unless K lies within a hair of an integer, so each
//   case asserts that frac(K) is at least 0.02 from one (the prediction is decidable).
// - A step integrates from its start to its end; a spike is stamped with the step's start time,
//   so v[k] > vThresh (the state at the end of step k - 1) is a spike at step k - 1 = floor(K).
// - After spiking in step s a neuron is held at vReset through step s + round(tRef/dt) - 1 and
//   integrates again from vReset in step s + round(tRef/dt) (at least s + 1): the next spike
//   comes floor(K_reset) steps after that.
// - Delta input arriving at the end of a step after which the neuron is still held is discarded.
import { expect, it } from 'vitest';
import { backendsFor, describeBackends } from '../support/backends.js';

const ms = 1e-3;
const mV = 1e-3;
const dt = 1e-4;
const f = Math.fround;

/** The real-valued step count K to the crossing of vThresh from v0 under current I (see the header). */
function crossing(p: { tauM: number; vRest: number; vThresh: number; rM: number }, v0: number, current: number): number {
  const p22 = f(Math.exp(-dt / p.tauM));
  const p20 = f(p.rM * (1 - p22));
  const vInf = f(p.vRest) + (current === 0 ? 0 : f(current) * p20) / (1 - p22);
  return Math.log((f(p.vThresh) - vInf) / (f(v0) - vInf)) / Math.log(p22);
}

function decidable(k: number): number {
  const frac = k - Math.floor(k);
  expect(Math.min(frac, 1 - frac), `K = ${k} is too close to a whole step to predict`).toBeGreaterThan(0.02);
  return Math.floor(k);
}

describeBackends('exact spike steps', await backendsFor(), (backend) => {
  it.each([
    ['with a 2 ms refractory period', 2 * ms],
    ['with a refractory period of one step (nothing held)', 1 * dt],
    ['without a refractory period', 0],
  ])('LIF under constant current: first spike and every interspike interval, %s', async (_, tRef) => {
    const p = { tauM: 20 * ms, vRest: -70 * mV, vThresh: -55 * mV, vReset: -75 * mV, rM: 1e8 };
    const currents = [1.63e-10, 2.07e-10, 3.11e-10, 6.02e-10];
    const sim = await backend.simulator();
    const net = sim.network({ dt });
    const P = net.population(currents.length, 'lif', { ...p, tRef, bias: currents });
    const spikes = net.monitorSpikes(P);
    await net.run(0.5);
    const { neurons, steps, times } = spikes.read();
    const held = Math.max(Math.round(tRef / dt), 1);
    currents.forEach((current, i) => {
      const first = decidable(crossing(p, p.vRest, current));
      const isi = held + decidable(crossing(p, p.vReset, current));
      const mine = Array.from(steps).filter((_, k) => neurons[k] === i);
      expect(mine.length).toBeGreaterThan(5);
      expect(mine[0]).toBe(first);
      expect(mine.slice(1).map((s, k) => s - mine[k]!)).toEqual(new Array(mine.length - 1).fill(isi));
    });
    // Times are the steps' start times.
    expect(Array.from(times)).toEqual(Array.from(steps, (s) => s * dt));
  });

  it('delta input is discarded while the neuron is held, and jumps v from the step it is free', async () => {
    // A 20 mV kick at step 100 (arriving at the end of step 100 + 10) makes the neuron spike
    // in the next step, s = 111; with tRef 5 ms it is held in steps 112-160 and free after
    // step 160. Kicks of 5 mV arrive at the ends of steps 111 (the spike step), 130 and 159
    // (held after them: discarded) and 160 (free after it: added to vReset). The state sample
    // at step k is v at the end of step k - 1.
    const sim = await backend.simulator();
    const net = sim.network({ dt });
    const kicks = net.population(2, 'spike_source', { spikeTimes: [[10 * ms], [10.1 * ms, 12 * ms, 14.9 * ms, 15 * ms]] });
    const P = net.population(1, 'lif', { tauM: 20 * ms, vRest: -70 * mV, vThresh: -55 * mV, vReset: -70 * mV, tRef: 5 * ms, receptors: { d: { tau: 0 } } });
    net.connect(kicks, P, { receptor: 'd', rule: { type: 'all_to_all' }, weight: [20 * mV, 5 * mV], delay: 1 * ms });
    const spikes = net.monitorSpikes(P);
    const st = net.monitorState(P, ['v', 'refractory']);
    await net.run(0.02);
    expect(Array.from(spikes.read().steps)).toEqual([111]);
    const v = st.read().values.v!;
    const refractory = st.read().values.refractory!;
    expect(v[111]).toBe(f(-50 * mV)); // the kick, before the spike step
    for (let s = 112; s <= 160; s++) expect(v[s], `v at the start of step ${s}`).toBe(f(-70 * mV));
    expect(refractory[112]).toBe(49);
    expect(refractory[160]).toBe(1);
    expect(refractory[161]).toBe(0);
    expect(v[161]).toBe(f(f(-70 * mV) + f(5 * mV)));
    // Free again, v decays back towards vRest: exactly one step of the recurrence.
    const p22 = f(Math.exp(-dt / (20 * ms)));
    expect(v[162]).toBe(f(f(f(v[161]! - f(-70 * mV)) * p22) + f(-70 * mV)));
  });
});
