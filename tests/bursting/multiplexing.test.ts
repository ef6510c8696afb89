// Burst multiplexing (examples/bursting/multiplexing-network.mjs; protocol, criterion and findings
// in docs/bursting.md, "Multiplexing"; after Naud & Sprekeler 2018 and Payeur et al. 2021): 2000
// two-compartment cells with background Poisson noise get a somatic and a dendritic current that
// vary independently over 10 s. For seeds 1-3, compared with the injected currents themselves
// (each averaged over the same 50 ms bins, no lag): the event rate follows the somatic current
// and the burst fraction the dendritic one, each with Pearson r > 0.9, while each readout
// correlates with the other current with |r| < 0.3 (the cross-talk; printed). The events and
// bursts, classified from spike times, are the ones the cell's own reset marks (ev, bu).
// About 10 s per seed on one core (planning the current steps takes a third of it).
import { describe, expect, it } from 'vitest';
import type { SpikeData, StateData } from '../../ts/api/monitors.js';
import type { NetworkDescription } from '../../ts/model/description.js';
import { simulator } from '../support/helpers.js';
import { classify, multiplexingModel, multiplexingTrace, runMultiplexing } from '../../examples/bursting/multiplexing-network.mjs';

interface Correlations { eventRateSomatic: number; burstFractionDendritic: number; eventRateDendritic: number; burstFractionSomatic: number }

describe.each([1, 2, 3])('seed %i', (seed) => {
  it('the event rate decodes the somatic current and the burst fraction the dendritic one (r > 0.9), with little cross-talk', async () => {
    const result = (await runMultiplexing(await simulator(), { seed }, [])) as { correlations: Correlations; eventRateHz: number; burstFraction: number };
    const r = result.correlations;
    console.info(`multiplexing seed ${seed}: ${JSON.stringify({ ...r, eventRateHz: result.eventRateHz, burstFraction: result.burstFraction })}`);
    expect(r.eventRateSomatic).toBeGreaterThan(0.9);
    expect(r.burstFractionDendritic).toBeGreaterThan(0.9);
    expect(Math.abs(r.eventRateDendritic)).toBeLessThan(0.3);
    expect(Math.abs(r.burstFractionSomatic)).toBeLessThan(0.3);
  }, 60_000);
});

describe('the classification', () => {
  it('marks as events and bursts exactly the spikes the cell marks with ev and bu', async () => {
    const settings = { seed: 1, cells: 50, duration: 2 };
    const desc = multiplexingModel(settings) as NetworkDescription;
    desc.monitors!.push({ name: 'classes', type: 'state', population: 'cells', variables: ['ev', 'bu'] });
    const net = (await simulator()).load(desc);
    await net.run(settings.duration);
    const { steps, neurons } = net.getMonitor<SpikeData>('spikes').read();
    const { ev, bu } = classify(steps, neurons, settings.cells, settings) as { ev: Uint8Array; bu: Uint8Array };
    const { values } = net.getMonitor<StateData>('classes').read();
    // The reset of step n sets ev and bu; the monitor sees them at the start of step n + 1.
    const at = (name: 'ev' | 'bu', s: number) => values[name]![(steps[s]! + 1) * settings.cells + neurons[s]!];
    const spikes = Array.from(steps.keys()).filter((s) => steps[s]! + 1 < values.ev!.length / settings.cells);
    expect(spikes.length).toBeGreaterThan(300);
    expect(spikes.filter((s) => bu[s] === 1).length).toBeGreaterThan(30);
    for (const s of spikes) expect([ev[s], bu[s]]).toEqual([at('ev', s), at('bu', s)]);
  });
});

describe('multiplexingTrace', () => {
  it('gives per-bin arrays of equal length for a plot', async () => {
    const trace = (await multiplexingTrace(await simulator(), { cells: 100, duration: 1.5 })) as Record<string, number[]>;
    const keys = ['time', 'somaticPa', 'dendriticPa', 'eventRateHz', 'burstFraction'];
    for (const key of keys) {
      expect(trace[key]).toHaveLength(20);
      expect(trace[key]!.every(Number.isFinite)).toBe(true);
    }
    expect(trace.time![0]).toBeCloseTo(0.5, 9);
  });
});
