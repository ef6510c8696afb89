// spikewasm run --out run.npz / run.h5: NumPy's numpy.load and h5py read the same arrays, and
// they hold what the JSON record holds (every spike, each monitor's samples).
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../hosts/cli/run-record.js';
import { example } from '../support/helpers.js';
import { pythonWith } from '../support/python.js';
import { available } from '../support/requirements.js';

const exec = promisify(execFile);
const cli = new URL('../../dist/hosts/cli.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'spikewasm-python-'));
const h5py = pythonWith('h5py');

/** Every array of an .npz or .h5 file as a flat JSON object keyed by path (Python's own readers). */
const DUMP = `
import sys, json
import numpy as np, h5py
def plain(a):
    return a.tolist() if a.dtype.kind != "S" else [x.decode() for x in a.ravel()]
if sys.argv[1].endswith(".npz"):
    out = {k: v.item() if v.shape == () else plain(v) for k, v in np.load(sys.argv[1]).items()}
else:
    out = {}
    def visit(name, item):
        if isinstance(item, h5py.Dataset):
            value = item[()]
            out[name] = value.decode() if isinstance(value, bytes) else value.item() if item.shape == () else plain(value)
    h5py.File(sys.argv[1], "r").visititems(visit)
print(json.dumps(out))`;

describe.runIf(available('reading .npz and .h5 results with numpy and h5py', h5py.missing))('results for Python', () => {
  it('run --out .npz and .h5 hold the JSON record\'s spikes and monitors, read by numpy and h5py', async () => {
    const model = example('cuba.json');
    const song = example('stdp-song2000.json');
    // CUBA with Song 2000's plastic projection beside it, its delays learning too, so a weights monitor has samples of both.
    (song.projections![0]!.plasticity as { delays?: object }).delays = { rate: 0.2, window: 0.02, min: 1e-4, max: 5e-3 };
    model.populations.push(...song.populations);
    model.projections!.push(...song.projections!);
    model.monitors!.push(
      { type: 'state', name: 'v', population: 'P', variables: ['v'], neurons: [0, 5, 9], every: 10 },
      { type: 'weights', name: 'w', projection: 'stdp', synapses: [0, 1, 2], every: 100 },
    );
    const file = join(dir, 'cuba.json');
    writeFileSync(file, JSON.stringify(model));
    const outs = ['json', 'npz', 'h5'].map((ext) => join(dir, `run.${ext}`));
    for (const out of outs) await exec(process.execPath, [cli, 'run', file, '--duration', '0.05', '--out', out, '--json']);
    const record = JSON.parse(readFileSync(outs[0]!, 'utf8')) as RunRecord & { monitors: Record<string, Record<string, unknown>> };
    const [npz, h5] = outs.slice(1).map((out) => JSON.parse(execFileSync(h5py.python, ['-c', DUMP, out], { encoding: 'utf8' })) as Record<string, unknown>);
    // Two runs of the same model: the same arrays but for the timings in the summary.
    const timeless = (r: Record<string, unknown>) => ({ ...r, summary: { ...JSON.parse(r.summary as string), buildSeconds: 0, runSeconds: 0 } });
    expect(timeless(h5)).toEqual(timeless(npz));
    expect(npz['spikes/times']).toEqual(record.spikes.times);
    // The record numbers neurons across populations; the arrays within each, with its index.
    const firsts = record.spikes.populations.map((p) => p.firstIndex);
    const population = record.spikes.neurons.map((g) => firsts.findLastIndex((f) => f <= g));
    expect(npz['spikes/population']).toEqual(population);
    expect(npz['spikes/neurons']).toEqual(record.spikes.neurons.map((g, k) => g - firsts[population[k]!]!));
    expect(new Set(population)).toEqual(new Set([0, 1, 2]));
    expect(npz['populations/names']).toEqual(['P', 'input', 'neuron']);
    expect(npz.dt).toBe(1e-4);
    expect(JSON.parse(npz.summary as string)).toEqual(expect.objectContaining({ spikes: record.spikes.times.length }));
    const spikes = record.monitors.spikes as { times: number[]; neurons: number[] };
    expect([npz['monitors/spikes/times'], npz['monitors/spikes/neurons']]).toEqual([spikes.times, spikes.neurons]);
    const v = record.monitors.v as { times: number[]; neurons: number[]; values: { v: number[] } };
    expect(npz['monitors/v/neurons']).toEqual([0, 5, 9]);
    expect((npz['monitors/v/v'] as number[][]).flat()).toEqual(v.values.v);
    expect((npz['monitors/v/v'] as number[][]).length).toBe(v.times.length);
    const rate = record.monitors.rate as { rates: number[]; counts: number[] };
    expect([npz['monitors/rate/rates'], npz['monitors/rate/counts']]).toEqual([rate.rates, rate.counts]);
    const w = record.monitors.w as { weight: number[]; samples: { weights: number[] } };
    expect(npz['monitors/w/weight']).toEqual(w.weight);
    expect((npz['monitors/w/samples'] as number[][]).flat()).toEqual(w.samples.weights);
    const sampledDelays = (w.samples as { delays?: number[] }).delays!;
    expect(sampledDelays.length).toBe(w.samples.weights.length);
    expect((npz['monitors/w/sample_delays'] as number[][]).flat()).toEqual(sampledDelays);
    expect(npz['monitors/w/type']).toBe('weights');
  }, 60_000);
});
