// The Izhikevich (2003) neuron shows its published firing patterns (the paper's Fig. 2) under
// an input step of 10 mV/ms: regular spiking (RS), intrinsically bursting (IB), chattering
// (CH), fast spiking (FS). Patterns are recognised from interspike intervals, with thresholds
// rather than expected spike times; each is checked with forward Euler at dt = 0.1 ms and with
// the paper's half-step scheme at dt = 0.5 ms and 1 ms (the paper's network step). The neurons
// come from examples/izhikevich-patterns.json; the step starts at 10 ms.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../hosts/node.js';
import { backendsFor, describeBackends, simulatorOf, type BackendName } from '../support/backends.js';
import type { SpikeData } from '../../ts/api/monitors.js';
import type { NetworkDescription } from '../../ts/model/description.js';

const patternFile = JSON.parse(
  readFileSync(new URL('../../examples/izhikevich-patterns.json', import.meta.url), 'utf8'),
) as NetworkDescription;
const ONSET = 10; // ms
const DURATION = 1; // s
/** ISIs below this (ms) are within a burst. */
const BURST_ISI = 10;

type Scheme = 'euler' | 'izhikevich2003';
type Pattern = 'RS' | 'IB' | 'CH' | 'FS';

/** Runs the pattern file with another scheme, step and backend; spike times (ms) by neuron type. */
async function runPatterns(scheme: Scheme, dt: number, backend: BackendName = 'wasm'): Promise<Record<Pattern, number[]>> {
  const desc = structuredClone(patternFile);
  desc.dt = dt;
  for (const p of desc.populations) p.params!.scheme = scheme;
  desc.monitors = desc.monitors!.filter((m) => m.type === 'spikes');
  const sim = await simulatorOf(backend);
  const net = sim.load(desc);
  await net.run(DURATION);
  const out = {} as Record<Pattern, number[]>;
  desc.monitors.forEach((m, k) => {
    const data = net.getMonitor<SpikeData>(k).read();
    out[(m as { population: string }).population as Pattern] = Array.from(data.times, (t) => t * 1000);
  });
  return out;
}

const isis = (t: number[]) => t.slice(1).map((x, i) => x - t[i]!);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
/** Spikes per second in [from, to) ms. */
const rate = (t: number[], from: number, to: number) => (t.filter((x) => x >= from && x < to).length * 1000) / (to - from);
/** Rate in the first 100 ms of input over the rate in the second half second: > 1 is adaptation. */
const onsetOverSteady = (t: number[]) => rate(t, ONSET, ONSET + 100) / rate(t, 500, 1000);

const settings: [Scheme, number][] = [
  ['euler', 1e-4],
  ['izhikevich2003', 5e-4],
  ['izhikevich2003', 1e-3],
];

describe.each(settings)('Izhikevich firing patterns, %s at dt = %s s', (scheme, dt) => {
  let spikes: Record<Pattern, number[]>;
  const get = async () => (spikes ??= await runPatterns(scheme, dt));

  it('nothing fires before the input step', async () => {
    const s = await get();
    for (const t of Object.values(s)) expect(t[0]!).toBeGreaterThanOrEqual(ONSET);
  });

  it('RS fires tonically with spike-frequency adaptation and no bursts', async () => {
    const t = (await get()).RS;
    const isi = isis(t);
    // Measured: first ISI 22.4 ms then 45.1 ms (Euler 0.1 ms); 25.5 then ~46.5 (0.5 ms);
    // 30 then 47-64 (1 ms: the half-step scheme's overshoot at 1 ms makes the ISIs irregular,
    // as the paper's own code does).
    expect(t.length).toBeGreaterThanOrEqual(15);
    expect(Math.min(...isi)).toBeGreaterThan(BURST_ISI * 1.5);
    expect(isi[0]!).toBeLessThan(0.7 * median(isi.slice(-5)));
    // Measured onset/steady rate: 1.36-1.5.
    expect(onsetOverSteady(t)).toBeGreaterThan(1.3);
  });

  it('FS fires tonically at a high rate with little adaptation', async () => {
    const s = await get();
    const t = s.FS;
    const isi = isis(t);
    // Measured steady rates: FS 130 / 90 / 64 Hz against RS 22 / 22 / 20 Hz (Euler 0.1 ms,
    // half steps 0.5 ms, 1 ms); onset/steady 1.08 / 1.00 / 1.09.
    expect(rate(t, 500, 1000)).toBeGreaterThan(2.5 * rate(s.RS, 500, 1000));
    expect(onsetOverSteady(t)).toBeLessThan(1.2);
    expect(onsetOverSteady(t)).toBeLessThan(onsetOverSteady(s.RS));
    // tonic: no pauses, every ISI within a factor 2 of the median
    const m = median(isi);
    for (const x of isi) {
      expect(x).toBeGreaterThan(m / 2.5);
      expect(x).toBeLessThan(2 * m);
    }
  });

  it('IB fires an initial burst, then single spikes', async () => {
    const t = (await get()).IB;
    const isi = isis(t);
    let burst = 0; // ISIs in the initial burst
    while (burst < isi.length && isi[burst]! < BURST_ISI) burst++;
    const tonic = isi.slice(burst);
    // Measured: burst ISIs 2.5, 4.4 ms then 39.9 and 31.6 ms on (Euler 0.1 ms); 3, 6.5 then
    // 32.5-43 (0.5 ms); 4 then 34-53 (1 ms).
    expect(burst).toBeGreaterThanOrEqual(1);
    // A real burst, not the onset doublet an RS-like cell with d = 4 and c = -65 makes
    // (first ISI 5.5 / 6.5 / 9 ms at the three settings).
    expect(isi[0]!).toBeLessThan(5);
    expect(tonic.length).toBeGreaterThanOrEqual(10);
    expect(Math.min(...tonic)).toBeGreaterThan(20);
    expect(Math.min(...tonic)).toBeGreaterThan(3 * Math.max(...isi.slice(0, burst)));
  });

  it('CH fires repeated bursts: ISIs are bimodal, short within bursts and long between them', async () => {
    const t = (await get()).CH;
    const isi = isis(t);
    const short = isi.filter((x) => x < BURST_ISI);
    const long = isi.filter((x) => x > 25);
    // Measured: bursts of 5 spikes (7 in the first) with ISIs 2.1-6.3 ms, 46.6-48.1 ms apart
    // (Euler 0.1 ms); bursts of 4-6 with 2-4 ms ISIs (0.5 ms); bursts of 2-3 with 3-8 ms ISIs,
    // 48-55 ms apart (1 ms).
    expect(short.length + long.length).toBe(isi.length);
    expect(long.length).toBeGreaterThanOrEqual(10);
    expect(short.length).toBeGreaterThanOrEqual(long.length);
    // every burst has at least two spikes: no two long ISIs in a row, none first or last
    expect(isi[0]!).toBeLessThan(BURST_ISI);
    expect(isi[isi.length - 1]!).toBeLessThan(BURST_ISI);
    for (let k = 1; k < isi.length; k++) expect(isi[k - 1]! > 25 && isi[k]! > 25).toBe(false);
  });
});

/**
 * The paper's MATLAB loop for one neuron, in float64, written here independently of the
 * kernels: at each step t, a neuron with v >= 30 fires (v = c, u += d), then v takes two half
 * steps (the 2003 scheme) or one Euler step, then u follows (from the new v in the 2003 scheme,
 * from the old v with Euler). The loop records a spike at the step after the one whose update
 * reached 30 mV; spikewasm stamps it with the step that reached it (docs/model-format.md), one
 * step earlier. Returns spikewasm's steps.
 */
function float64Spikes(p: { a: number; b: number; c: number; d: number }, scheme: Scheme, dt: number): number[] {
  const h = dt * 1000;
  const onset = Math.round((ONSET * 1e-3) / dt);
  const dvdt = (v: number, u: number, input: number) => 0.04 * v * v + 5 * v + 140 - u + input;
  let v = -65;
  let u = p.b * v;
  const fired: number[] = [];
  for (let t = 0; t <= Math.round(DURATION / dt); t++) {
    if (v >= 30) {
      fired.push(t - 1);
      v = p.c;
      u += p.d;
    }
    const input = t >= onset ? 10 : 0;
    if (scheme === 'izhikevich2003') {
      v += 0.5 * h * dvdt(v, u, input);
      v += 0.5 * h * dvdt(v, u, input);
      u += h * p.a * (p.b * v - u);
    } else {
      const vOld = v;
      v += h * dvdt(v, u, input);
      u += h * p.a * (p.b * vOld - u);
    }
  }
  return fired;
}

describeBackends('Izhikevich against the float64 loop', await backendsFor(), (backend) => {
  // f32 and f64 trajectories part after some spikes: the rounding of v near the peak moves a
  // spike by a step and the phase difference then grows (measured: RS, IB, CH, FS identical
  // for the first 5-17 spikes; counts equal with Euler at 0.1 ms, within 3 of 20-91 spikes with
  // the 2003 scheme, CH at 1 ms 43 against 46, 7 %). A scheme updated in the wrong order is
  // far outside this: u from the old v makes FS fire 124 spikes instead of 65 at 1 ms.
  // webgpu runs the 2003 scheme's settings (1000-2000 steps); Euler at 0.1 ms takes 10,000
  // steps, which its software adapter takes minutes for.
  it.each(settings.filter(([scheme]) => backend.exact || scheme === 'izhikevich2003'))(
    '%s at dt = %s s: the first five spike steps are the same, and the counts agree within 10 %%',
    async (scheme, dt) => {
      const spikes = await runPatterns(scheme, dt, backend.name);
      for (const pop of patternFile.populations) {
        const expected = float64Spikes(pop.params as { a: number; b: number; c: number; d: number }, scheme, dt);
        const mine = spikes[pop.name as Pattern].map((ms) => Math.round(ms / (dt * 1000)));
        expect(expected.length).toBeGreaterThan(15);
        expect(mine.slice(0, 5), pop.name).toEqual(expected.slice(0, 5));
        expect(Math.abs(mine.length - expected.length), pop.name).toBeLessThanOrEqual(0.1 * expected.length);
      }
    },
  );
});

describe('Izhikevich model', () => {
  it('the reference backend gives the same spikes as wasm', async () => {
    const wasm = await runPatterns('izhikevich2003', 1e-3);
    const reference = await runPatterns('izhikevich2003', 1e-3, 'reference');
    expect(reference).toEqual(wasm);
    const wasmFine = await runPatterns('euler', 1e-4);
    const referenceFine = await runPatterns('euler', 1e-4, 'reference');
    expect(referenceFine).toEqual(wasmFine);
  });

  // With no input the stable equilibrium solves 0.04 v^2 + 5 v + 140 - b v = 0 with u = b v:
  // v = (-(5 - b) - sqrt((5 - b)^2 - 22.4)) / 0.08, i.e. -70 mV for b = 0.2, -64.41 mV for b = 0.25.
  describe.each(['wasm', 'reference'] as const)('rest (%s)', (backend) => {
    it.each([
      ['euler', 1e-4],
      ['izhikevich2003', 1e-3],
    ] as [Scheme, number][])('a neuron started at its resting equilibrium stays there (%s, dt %s s)', async (scheme, dt) => {
      const bs = [0.2, 0.25, 0.2, 0.25];
      const as = [0.02, 0.02, 0.1, 0.1];
      const rest = bs.map((b) => (-(5 - b) - Math.sqrt((5 - b) ** 2 - 4 * 0.04 * 140)) / (2 * 0.04));
      expect(rest[0]).toBeCloseTo(-70, 12);
      const sim = await createSimulator({ backend });
      const net = sim.network({ dt, seed: 3 });
      const P = net.population(4, 'izhikevich', { scheme, a: as, b: bs, c: -65, d: 8 }, { v: rest });
      const spikes = net.monitorSpikes(P);
      const state = net.monitorState(P, ['v', 'u'], { everySteps: Math.round(1e-3 / dt) });
      await net.run(1);
      expect(spikes.read().times.length).toBe(0);
      const { values } = state.read();
      const v = values.v!;
      const u = values.u!;
      expect(v.length).toBe(4 * 1000);
      for (let k = 0; k < v.length; k++) {
        expect(Math.abs(v[k]! - rest[k % 4]!)).toBeLessThan(1e-3);
        expect(Math.abs(u[k]! - bs[k % 4]! * rest[k % 4]!)).toBeLessThan(1e-3);
      }
    });
  });
});
