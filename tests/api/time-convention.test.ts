// One time convention: a monitor's every and bin in seconds (or quantities), steps only as the
// explicit everySteps and binSteps; model files of version 1 (or none), whose every counted
// steps, load unchanged. The samples a monitor takes are checked against the step arithmetic
// (sample k at step k * interval), not against another monitor alone.
import { describe, expect, it } from 'vitest';
import { modelErrors } from '../../hosts/cli/check-model.js';
import { parseModel } from '../../ts/io/model-file.js';
import type { NetworkDescription } from '../../ts/model/description.js';
import type { RateData, StateData, WeightData } from '../../ts/api/monitors.js';
import { failureOf, refusalOf, simulator } from '../support/helpers.js';

const DT = 1e-4;
const lif = { tauM: 0.02, vRest: 0, vThresh: 1, vReset: 0, bias: 0.9, rM: 1, receptors: { e: { tau: 0.005 } } };

/** A driven LIF population with a plastic projection; its monitors are the argument. */
function description(monitors: NetworkDescription['monitors'], version?: 1 | 2): NetworkDescription {
  return {
    ...(version === undefined ? {} : { version }),
    dt: DT,
    seed: 3,
    populations: [
      { name: 'drive', size: 20, model: 'poisson', params: { rate: 200 } },
      { name: 'L', size: 4, model: 'lif', params: lif, init: { v: { uniform: [0, 0.9] } } },
    ],
    projections: [{
      name: 'J', pre: { population: 'drive' }, post: { population: 'L' }, receptor: 'e', weight: 0.05, rule: { type: 'all_to_all' },
      plasticity: { rule: 'stdp', aPlus: 0.01, aMinus: 0.012, tauPlus: 0.02, tauMinus: 0.02, wMax: 0.1 },
    }],
    monitors,
  };
}

async function samples(desc: NetworkDescription): Promise<{ v: StateData; w: WeightData; r: RateData; json: NetworkDescription }> {
  const net = (await simulator()).load(desc);
  await net.run(0.02);
  return { v: net.getMonitor<StateData>('v').read(), w: net.getMonitor<WeightData>('w').read(), r: net.getMonitor<RateData>('r').read(), json: net.toJSON() };
}

describe('monitor intervals', () => {
  it('every in seconds, a quantity, everySteps and a version-1 file\'s every in steps take the same samples', async () => {
    const forms: NetworkDescription[] = [
      description([{ type: 'state', name: 'v', population: 'L', variables: ['v'], every: 1e-3 }, { type: 'weights', name: 'w', projection: 'J', every: 2e-3 }, { type: 'rate', name: 'r', population: 'L', bin: 5e-4 }], 2),
      description([{ type: 'state', name: 'v', population: 'L', variables: ['v'], every: '1 ms' }, { type: 'weights', name: 'w', projection: 'J', every: '2 ms' }, { type: 'rate', name: 'r', population: 'L', bin: '0.5 ms' }], 2),
      description([{ type: 'state', name: 'v', population: 'L', variables: ['v'], everySteps: 10 }, { type: 'weights', name: 'w', projection: 'J', everySteps: 20 }, { type: 'rate', name: 'r', population: 'L', binSteps: 5 }], 2),
      description([{ type: 'state', name: 'v', population: 'L', variables: ['v'], every: 10 }, { type: 'weights', name: 'w', projection: 'J', every: 20 }, { type: 'rate', name: 'r', population: 'L', bin: 5e-4 }], 1),
      description([{ type: 'state', name: 'v', population: 'L', variables: ['v'], every: 10 }, { type: 'weights', name: 'w', projection: 'J', every: 20 }, { type: 'rate', name: 'r', population: 'L', bin: 5e-4 }]),
    ];
    const runs = await Promise.all(forms.map(samples));
    const [first] = runs;
    // 0.02 s of 1e-4 s steps: samples at steps 0, 10, ..., 190 and 0, 20, ..., 180; bins of 5 steps.
    expect([...first!.v.times].map((t) => Math.round(t / DT))).toEqual(Array.from({ length: 20 }, (_, k) => 10 * k));
    expect([...first!.w.times].map((t) => Math.round(t / DT))).toEqual(Array.from({ length: 10 }, (_, k) => 20 * k));
    expect(first!.r.counts.length).toBe(40);
    for (const run of runs) {
      expect(run.v).toEqual(first!.v);
      expect(run.w).toEqual(first!.w);
      expect(run.r).toEqual(first!.r);
    }
    // A version-1 file is written back as version 2, its steps as seconds.
    expect(runs[4]!.json.version).toBe(2);
    expect(runs[4]!.json.monitors!.slice(0, 2)).toEqual([
      { type: 'state', name: 'v', population: 'L', variables: ['v'], every: 0.001 },
      { type: 'weights', name: 'w', projection: 'J', every: 0.002 },
    ]);
  });

  it('the API takes seconds, quantities or everySteps, as a file does', async () => {
    const net = (await simulator()).load(description([]));
    const L = net.getPopulation('L');
    const a = net.monitorState(L, ['v'], { every: 1e-3 });
    const b = net.monitorState(L, ['v'], { every: '1 ms' });
    const c = net.monitorState(L, ['v'], { everySteps: 10 });
    const w = net.monitorWeights(net.getProjection('J'), { every: '2 ms', synapses: [0, 5] });
    const r = net.monitorRate(L, { binSteps: 5 });
    await net.run(0.02);
    expect(a.read().times.length).toBe(20);
    expect(b.read()).toEqual(a.read());
    expect(c.read()).toEqual(a.read());
    expect([...w.read().times].map((t) => Math.round(t / DT))).toEqual(Array.from({ length: 10 }, (_, k) => 20 * k));
    expect(r.read().counts.length).toBe(40);
    expect(net.toJSON().monitors).toEqual([
      { type: 'state', population: 0, variables: ['v'], every: 1e-3, neurons: [0, 1, 2, 3] },
      { type: 'state', population: 0, variables: ['v'], every: '1 ms', neurons: [0, 1, 2, 3] },
      { type: 'state', population: 0, variables: ['v'], everySteps: 10, neurons: [0, 1, 2, 3] },
      { type: 'weights', projection: 0, every: '2 ms', synapses: [0, 5] },
      { type: 'rate', population: 0, binSteps: 5 },
    ].map((m) => ('population' in m ? { ...m, population: 1 } : m)));
  });

  it('refuses an interval that is not a whole number of steps, both forms at once, and a version-1 every in seconds', async () => {
    const sim = await simulator();
    const state = (extra: object) => ({ type: 'state' as const, name: 'v', population: 'L', variables: ['v'], ...extra });
    const cases: [NetworkDescription, string, RegExp][] = [
      [description([state({ every: 1.5e-4 })], 2), 'monitors[0].every', /whole number of steps of 0\.0001 s, .*1\.5 steps\); everySteps gives it in steps/],
      [description([state({ every: '20 us' })], 2), 'monitors[0].every', /whole number of steps .*0\.2 steps/],
      [description([state({ every: '1 mV' })], 2), 'monitors[0].every', /must be in s \(got "1 mV", which is in V\)/],
      [description([state({ every: 1e-3, everySteps: 10 })], 2), 'monitors[0].everySteps', /keep one/],
      [description([state({ everySteps: 2.5 })], 2), 'monitors[0].everySteps', /integer/],
      [description([{ type: 'rate', population: 'L', bin: 1e-3, binSteps: 10 }], 2), 'monitors[0].binSteps', /keep one/],
      [description([state({ every: '1 ms' })], 1), 'monitors[0].every', /counts steps in a model file of version 1 .*"version": 2 gives it in seconds/],
      [description([state({ every: 1e-3 })]), 'monitors[0].every', /counts steps in a model file of version 1/],
      [description([state({ every: 0 })], 1), 'monitors[0].every', /whole number of steps from 1 to 2\^31 - 1 \(got 0\)/],
      [{ ...description([{ type: 'weights', projection: 'J', everySteps: 10 }], 2), projections: [{ ...description([]).projections![0]!, plasticity: undefined }] }, 'monitors[0].everySteps', /one shared weight/],
      [{ ...description([], 2), description: { text: 'x' } as never }, 'description', /must be text/],
    ];
    for (const [desc, path, message] of cases) {
      const e = await failureOf(async () => sim.load(desc).build());
      expect(e.path, path).toBe(path);
      expect(e.message, path).toMatch(message);
    }
  });

  it('spikewasm validate reads a version-1 file\'s every as steps while it lists the file\'s other errors', () => {
    const desc = { ...description([{ type: 'state', population: 'L', variables: ['v'], every: 300000 }], 1), inputs: [{ type: 'current_step' as const, target: { population: 'nope' }, times: [0], amplitudes: [1e-3] }] };
    expect(modelErrors(desc).map((e) => e.path)).toEqual(['inputs[0].target.population']);
  });

  it('model files: versions 1 and 2 parse, another version is refused naming both', () => {
    for (const version of [undefined, 1, 2]) expect(parseModel(JSON.stringify(description([], version as 1 | 2))).version).toBe(version);
    const e = refusalOf(() => parseModel(JSON.stringify({ ...description([]), version: 3 })));
    expect(e.code).toBe('E_FORMAT');
    expect(e.message).toBe('version: this spikewasm reads model files of versions 1 and 2 (got 3)');
  });
});
