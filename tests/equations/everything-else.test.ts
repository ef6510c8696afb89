// Everything else works on populations written as equations, the same bits on wasm and the
// reference backend: STDP and short-term plasticity onto them, every monitor, current steps,
// net.step inputs, snapshots (restoring regenerates the update), and model files.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Network } from '../../ts/api/network.js';
import { readSnapshot } from '../../ts/io/snapshot.js';
import { rasterHash } from '../../ts/io/raster-hash.js';
import { modelErrors } from '../../hosts/cli/check-model.js';
import { simulator } from '../support/helpers.js';
import { CUBA } from '../support/equation-models.js';

const bits = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');

/** Poisson inputs onto CUBA-as-equations through STDP, recurrent synapses with STP, monitors and current steps. */
function build(net: Network) {
  const equations = `dv/dt = (vRest - v + ge + gi + I_input) / tauM : volt (unless refractory)
                     dge/dt = -ge / tauE : volt
                     dgi/dt = -gi / tauI : volt
                     I_input : volt`;
  const P = net.population(200, { ...CUBA, equations }, { v: { uniform: ['-60 mV', '-50 mV'] } });
  const src = net.population(100, 'poisson', { rate: 15 });
  const plastic = net.connect(src, P, {
    synapse: { onPre: 'ge += w' }, weight: { uniform: ['0.5 mV', '1.5 mV'] }, rule: { p: 0.2 },
    plasticity: { rule: 'stdp', aPlus: 0.05e-3, aMinus: 0.0525e-3, tauPlus: 0.02, tauMinus: 0.02, wMin: 0, wMax: 3e-3 },
  });
  net.connect(P.slice(150), P, { synapse: { onPre: 'gi += w' }, weight: '-3 mV', rule: { p: 0.1 }, stp: { U: 0.5, tauRec: 0.2, tauFacil: 0 }, delay: '2 ms' });
  net.currentStep(P.slice(0, 50), [0.1, 0.2], [2e-3, 0]);
  const spikes = net.monitorSpikes(P);
  const state = net.monitorState(P, ['v', 'ge', 'gi'], { neurons: [0, 7, 199], everySteps: 5 });
  const rate = net.monitorRate(P, { bin: 0.01 });
  const weights = net.monitorWeights(plastic, { everySteps: 100 });
  return { P, spikes, state, rate, weights };
}

describe('populations written as equations with the rest of spikewasm', () => {
  it('STDP, STP, monitors, current steps and net.step inputs: wasm equals reference', async () => {
    const results = [];
    for (const backend of ['wasm', 'reference'] as const) {
      const net = (await simulator(backend)).network({ dt: 1e-4, seed: 5 });
      const { P, spikes, state, rate, weights } = build(net);
      await net.run(0.25);
      const step = await net.step(200, { current: [{ target: P.slice(100, 120), amplitude: 5e-3 }], spikes: [{ target: P, receptor: 'ge', neurons: [3, 4], weight: 20e-3 }] });
      results.push({
        spikes: spikes.read(), state: state.read(), rate: rate.read(), weights: weights.read(),
        stepped: step.spikes[P.name]!, v: await P.get('v'),
      });
    }
    const [wasm, ref] = results as [typeof results[0], typeof results[0]];
    expect(wasm.spikes.times.length).toBeGreaterThan(200);
    expect(Array.from(wasm.spikes.steps)).toEqual(Array.from(ref.spikes.steps));
    expect(Array.from(wasm.spikes.neurons)).toEqual(Array.from(ref.spikes.neurons));
    for (const name of ['v', 'ge', 'gi']) expect(bits(wasm.state.values[name]!)).toBe(bits(ref.state.values[name]!));
    expect(wasm.state.times.length).toBe(540); // 2700 steps, every 5th
    expect(Array.from(wasm.rate.counts)).toEqual(Array.from(ref.rate.counts));
    expect(bits(wasm.weights.weights)).toBe(bits(ref.weights.weights));
    expect(Array.from(wasm.stepped.neurons)).toEqual(Array.from(ref.stepped.neurons));
    expect(bits(wasm.v)).toBe(bits(ref.v));
    // STDP changed the weights; the current step and the injected spikes changed what followed.
    const w = wasm.weights.weights;
    const perSample = w.length / wasm.weights.times.length;
    expect(Array.from(w.slice(-perSample)).some((x, k) => x !== w[k])).toBe(true);
    const driven = (from: number, to: number, t0: number, t1: number) => Array.from(wasm.spikes.neurons).filter((i, k) => i >= from && i < to && wasm.spikes.times[k]! >= t0 && wasm.spikes.times[k]! < t1).length;
    expect(driven(0, 50, 0.1, 0.2)).toBeGreaterThan(driven(50, 100, 0.1, 0.2));
    expect(Array.from(wasm.stepped.neurons).filter((i) => i >= 100 && i < 120).length).toBeGreaterThan(Array.from(wasm.stepped.neurons).filter((i) => i >= 120 && i < 140).length);
  });

  it('snapshot and restore: the same spikes and final image as the run straight through', async () => {
    const sim = await simulator();
    const straight = sim.network({ dt: 1e-4, seed: 9 });
    const run = async (net: Network, seconds: number) => { await net.run(seconds); return net; };
    build(straight);
    await run(straight, 0.3);
    const first = sim.network({ dt: 1e-4, seed: 9 });
    build(first);
    await run(first, 0.15);
    const second = await sim.restore(await first.snapshot());
    await second.run(0.15);
    const hash = async (net: Network) => createHash('sha256').update(readSnapshot(await net.snapshot()).image).digest('hex');
    expect(second.steps).toBe(3000);
    expect(await hash(second)).toBe(await hash(straight));
  });

  it('examples/cobahh.json: valid for spikewasm validate, and it runs', async () => {
    const desc = JSON.parse(readFileSync(new URL('../../examples/cobahh.json', import.meta.url), 'utf8'));
    expect(modelErrors(desc)).toEqual([]);
    desc.populations[0].size = 400;
    desc.projections[0].pre.stop = 320;
    desc.projections[1].pre.start = 320;
    const net = (await simulator()).load(desc, { keepRaster: true });
    await net.run(0.05);
    expect(net.raster().steps.length).toBeGreaterThan(100);
    expect(await rasterHash(net.raster().steps, net.raster().neurons)).toMatch(/^[0-9a-f]{64}$/);
  });
});
