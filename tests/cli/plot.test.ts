// spikewasm plot as a user runs it: on a run of known spikes, the figure holds exactly those
// spikes, bins and intervals, and the traces pass through the sampled values; on every example,
// each axis has labelled ticks, each population its rate panel, each traced neuron its line, and
// the PNG (saved under test-results/plots/ to look at) is not blank. CSV runs plot as JSON ones.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { NetworkDescription } from '../../ts/model/description.js';
import { spikewasm } from '../support/cli.js';
import { learningDelays } from '../support/networks.js';
import { all, parseSvg, type SvgNode } from '../support/svg-tree.js';

const dir = mkdtempSync(join(tmpdir(), 'spikewasm-plot-'));
const repo = new URL('../..', import.meta.url).pathname;
const pictures = join(repo, 'test-results', 'plots');

function file(name: string, data: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(data));
  return path;
}

/** Sources firing at known times into three LIF neurons whose v a state monitor samples every step. */
const spikeTimes = [[0.0104, 0.02, 0.05], [0.011], [], [0.001, 0.0026, 0.004, 0.0901], [0.099]];
const known: NetworkDescription = {
  dt: 1e-3,
  duration: 0.1,
  populations: [
    { name: 'S', size: 5, model: 'spike_source', params: { spikeTimes } },
    { name: 'L', size: 3, model: 'lif', params: { tauM: 0.02, vRest: -0.07, vThresh: -0.05, vReset: -0.07, receptors: { e: { tau: 0.005 } } }, init: { v: [-0.07, -0.065, -0.06] } },
  ],
  projections: [{ pre: { population: 'S' }, post: { population: 'L' }, receptor: 'e', weight: 1e-3, rule: { type: 'all_to_all' } }],
  monitors: [{ name: 'v', type: 'state', population: 'L', variables: ['v'] }],
};
const knownSpikes = spikeTimes.flatMap((ts, n) => ts.map((t) => ({ step: Math.round(t / 1e-3), n })));

/** Runs a model file to a run record (json or csv), once per name. */
const records = new Map<string, Promise<string>>();
function recordOf(name: string, model: string, ext: 'json' | 'csv', ...flags: string[]): Promise<string> {
  const key = `${name}.${ext}`;
  if (!records.has(key)) {
    records.set(key, (async () => {
      const out = join(dir, key);
      const r = await spikewasm('run', model, '--out', out, ...flags);
      expect(r, `${name}: ${r.stderr}`).toMatchObject({ code: 0 });
      return out;
    })());
  }
  return records.get(key)!;
}

async function plotted(record: string, ...flags: string[]): Promise<{ svg: string; tree: SvgNode }> {
  const out = join(dir, `plot-${Math.random().toString(36).slice(2)}.svg`);
  const r = await spikewasm('plot', record, '--out', out, ...flags);
  expect(r, r.stderr).toMatchObject({ code: 0, stderr: '' });
  expect(r.stdout).toMatch(new RegExp(`^${out}: \\d+ spikes in \\d+ panels(, the raster as a density grid)?\n$`));
  const svg = readFileSync(out, 'utf8');
  return { svg, tree: parseSvg(svg) };
}

const panels = (tree: SvgNode, kind: string) => all(tree, 'g.panel').filter((p) => p.attrs['data-kind'] === kind);
const counts = (node: SvgNode, cls: string) => all(node, `.${cls}`).map((b) => Number(b.attrs['data-count']));

/** Each axis: its tick labels as numbers, with their positions along the axis. */
function axesOf(node: SvgNode): { axis: 'x' | 'y'; label: string; ticks: { value: number; at: number }[] }[] {
  return all(node, 'g.axis').map((a) => ({
    axis: a.attrs['data-axis'] as 'x' | 'y',
    label: all(a, '.axis-label')[0]?.text ?? '',
    ticks: all(a, '.tick-label').map((t) => ({ value: Number(t.text), at: Number(a.attrs['data-axis'] === 'x' ? t.attrs.x : t.attrs.y) })),
  }));
}

/** The linear map from pixels back to values along an axis, from its first and last tick. */
function inverse(ticks: { value: number; at: number }[], offset = 0): (px: number) => number {
  const [a, b] = [ticks[0]!, ticks[ticks.length - 1]!];
  return (px) => a.value + ((px - (a.at - offset)) / (b.at - a.at)) * (b.value - a.value);
}

describe('spikewasm plot on a run of known spikes', () => {
  const model = file('known-model.json', known);

  it('draws one tick per spike, and each population\'s rate bins count its spikes', async () => {
    const { tree } = await plotted(await recordOf('known', model, 'json'), '--bin', '0.01', '--isi-bins', '7');
    expect(all(tree, 'path.spikes').map((p) => p.attrs.d!.match(/M/g)!.length)).toEqual([knownSpikes.length]); // L never fires
    const expected = new Array<number>(10).fill(0);
    for (const { step } of knownSpikes) expected[Math.floor(step / 10)]!++;
    const rate = panels(tree, 'rate');
    expect(rate.map((p) => p.attrs['data-population'])).toEqual(['S', 'L']);
    expect(counts(rate[0]!, 'rate-bin')).toEqual(expected);
    expect(counts(rate[1]!, 'rate-bin')).toEqual(new Array(10).fill(0));
    // Intervals in steps: neuron 0: 10, 30; neuron 3: 2, 1, 86. Seven bins over [0, 86 steps].
    expect(counts(panels(tree, 'isi')[0]!, 'isi-bin')).toEqual([3, 0, 1, 0, 0, 0, 1]);
  });

  it('draws each sampled neuron\'s v through its sampled values, in mV', async () => {
    const record = await recordOf('known', model, 'json');
    const v = JSON.parse(readFileSync(record, 'utf8')).monitors.v;
    expect(v.units).toEqual({ v: 'V' });
    const [trace] = panels((await plotted(record)).tree, 'trace');
    const y = axesOf(trace!).find((a) => a.axis === 'y')!;
    expect(y.label).toBe('v (mV)');
    const toValue = inverse(y.ticks, 4); // a y tick label sits 4 px below its tick
    const lines = all(trace!, 'path.trace');
    expect(lines.map((l) => Number(l.attrs['data-neuron']))).toEqual([0, 1, 2]);
    const pxPerMv = Math.abs(y.ticks[1]!.at - y.ticks[0]!.at) / Math.abs(y.ticks[1]!.value - y.ticks[0]!.value);
    lines.forEach((line, k) => {
      const ys = [...line.attrs.d!.matchAll(/[ML][\d.]+ ([\d.]+)/g)].map((m) => toValue(Number(m[1])));
      const sampled = v.times.map((_: number, s: number) => v.values.v[s * 3 + k] * 1e3);
      expect(ys.length).toBe(sampled.length);
      ys.forEach((mv, s) => expect(Math.abs(mv - sampled[s]), `neuron ${k} sample ${s}`).toBeLessThan(0.02 / pxPerMv));
    });
  });

  it('--from and --to show [from, to): a spike at --to belongs to the next window', async () => {
    const record = await recordOf('known', model, 'json');
    const shown = async (from: number, to: number) => {
      const { tree } = await plotted(record, '--from', String(from), '--to', String(to), '--bin', '0.01');
      const ticks = all(tree, 'path.spikes').map((p) => p.attrs.d!.match(/M/g)!.length).reduce((a, b) => a + b, 0);
      const binned = counts(panels(tree, 'rate')[0]!, 'rate-bin').reduce((a, b) => a + b);
      return { ticks, binned, x: axesOf(panels(tree, 'raster')[0]!).find((a) => a.axis === 'x')! };
    };
    // Spikes at steps 10 and 50 sit on the edges of [0.01, 0.05) and [0.05, 0.1).
    const early = await shown(0.01, 0.05);
    const late = await shown(0.05, 0.1);
    expect(early.ticks).toBe(knownSpikes.filter(({ step }) => step >= 10 && step < 50).length);
    expect(late.ticks).toBe(knownSpikes.filter(({ step }) => step >= 50).length);
    expect([early.binned, late.binned]).toEqual([early.ticks, late.ticks]);
    expect(early.x.label).toBe('time (ms)');
    expect([early.x.ticks[0]!.value, early.x.ticks.at(-1)!.value]).toEqual([10, 50]);
  });

  it('writes the same figure as a PNG: its size, and rows that are not all alike', async () => {
    const record = await recordOf('known', model, 'json');
    const { svg } = await plotted(record, '--size', '800x1000');
    const out = join(dir, 'plot.png');
    expect(await spikewasm('plot', record, '--out', out, '--size', '800x1000')).toMatchObject({ code: 0, stderr: '' });
    const png = readFileSync(out);
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([800, 1000]);
    expect(svg).toMatch(/^<svg [^>]*width="800" height="1000"/);
    expect(distinctRows(png)).toBeGreaterThan(20);
  });

  it('refuses records with spikes outside the run or its populations, and options it cannot honour', async () => {
    const record = await recordOf('known', model, 'json');
    const good = JSON.parse(readFileSync(record, 'utf8'));
    const bad = (edit: (r: typeof good) => void) => {
      const copy = structuredClone(good);
      edit(copy);
      return file(`bad-${Math.random()}.json`, copy);
    };
    const refused = async (args: string[], message: string) => expect(await spikewasm('plot', ...args, '--out', join(dir, 'b.svg'))).toMatchObject({ code: 1, stderr: expect.stringContaining(message) });
    await refused([bad((r) => (r.spikes.times[0] = -5))], 'spikes.times[0]');
    await refused([bad((r) => (r.spikes.neurons[1] = 1e6))], 'spikes.neurons[1]');
    await refused([bad((r) => (r.monitors.v.values.v.length = 7))], 'monitors["v"].values.v: must be an array of');
    await refused([bad((r) => (r.monitors.v.times[2] = 5))], 'monitors["v"].times[2]: must lie within the run');
    await refused([record, '--isi-bins', '200000'], '--isi-bins');
    await refused([record, '--to', '2'], "--to: must be a time in seconds at least one step (0.001 s) after --from (0) and at most the run's end, 0.1");
    await refused([record, '--size', '800x200'], '--size: height must be a whole number of pixels from 713 (for these 5 panels) to 20000 (got 200)');
    await refused([record, '--size', 'big'], '--size: must be WIDTHxHEIGHT or WIDTH');
    await refused([record, '--neurons', '7'], '--neurons: neuron 7 is not in any state monitor (they sample 0, 1, 2)');
    await refused([record, '--variables', 'w'], '--variables: w is not sampled by any state monitor (they sample v)');
    await refused([record, '--populations', 'Q'], '--populations: "Q" is not a population of the run (it has S, L)');
    await refused([record, '--populations', ','], '--populations: must name at least one population');
    await refused([record, '--populations', 'S,S'], '--populations: names "S" twice');
    await refused([record, '--bin', '0.0001'], '--bin: must be at least one step (0.001 s)');
    await refused([record, '--from', '0.05', '--to', '0.0505'], '--to: must be a time in seconds at least one step (0.001 s) after --from (0.05)');
    await refused([record, '--size', '1000x30000'], 'to 20000 (got 30000)');
    await refused([bad((r) => (r.summary.steps = 0))], 'spikes.times[0]: must lie within the run');
    await refused([bad((r) => (r.summary.steps = 10.5))], 'summary.steps: must be a whole number of steps');
    await refused([bad((r) => ([r.spikes.times[0], r.spikes.times[1]] = [r.spikes.times[1], r.spikes.times[0]]))], 'spikes.times[1]: must not come before the time before it');
  });

  it('draws a state monitor with no samples in the window as an empty panel in the variable\'s unit', async () => {
    const good = JSON.parse(readFileSync(await recordOf('known', model, 'json'), 'utf8'));
    Object.assign(good.monitors.v, { times: [], values: { v: [] } });
    const { svg, tree } = await plotted(file('no-samples.json', good));
    const [trace] = panels(tree, 'trace');
    expect(axesOf(trace!).find((a) => a.axis === 'y')!.label).toBe('v (V)');
    expect(all(trace!, 'path.trace').map((l) => l.attrs.d)).toEqual(['', '', '']);
    expect(svg).not.toMatch(/Infinity|NaN/);
  });

  it('above --max-points, counts every spike into cells of whole steps, shaded as the colour scale says, dropping none', async () => {
    const { tree } = await plotted(await recordOf('known', model, 'json'), '--max-points', '3');
    expect(all(tree, 'path.spikes')).toEqual([]);
    const raster = panels(tree, 'raster')[0]!;
    expect(raster.attrs['data-mode']).toBe('density');
    // 100 steps on 730 px: a column per step; 8 neurons, a row each. Every cell holds one spike.
    const cells = all(raster, 'path.cells');
    expect(cells.map((p) => p.attrs.d!.match(/M/g)!.length).reduce((a, b) => a + b)).toBe(new Set(knownSpikes.map(({ step, n }) => `${step}:${n}`)).size);
    expect(cells.map((p) => Number(p.attrs['data-spikes'])).reduce((a, b) => a + b)).toBe(knownSpikes.length);
    const scale = all(raster, 'g.colour-scale')[0]!;
    const y = axesOf(scale)[0]!;
    expect(y.ticks.map((t) => t.value)).toEqual([0, 1, 2]);
    const toCount = inverse(y.ticks, 4);
    const shades = all(scale, 'rect.shade');
    expect(shades.length).toBe(8);
    for (const shade of shades) {
      // Each band spans the counts its data-counts names, on the scale's own ticks.
      const [lo, hi] = shade.attrs['data-counts']!.split('-').map(Number) as [number, number];
      const [top, bottom] = [Number(shade.attrs.y), Number(shade.attrs.y) + Number(shade.attrs.height)];
      expect(toCount(top)).toBeCloseTo(hi, 1);
      expect(toCount(bottom)).toBeCloseTo(lo, 1);
    }
    for (const cell of cells) {
      const [lo, hi] = cell.attrs['data-counts']!.split('-').map(Number) as [number, number];
      expect(lo < 1 && 1 <= hi, `one spike per cell in the band ${lo}-${hi}`).toBe(true);
      expect(cell.attrs.fill).toBe(shades.find((b) => b.attrs['data-counts'] === cell.attrs['data-counts'])!.attrs.fill);
    }
  });

  it('plots a CSV run as the same figure as its JSON run: states with units, sampled weights, an empty weights monitor', async () => {
    const song = JSON.parse(readFileSync(join(repo, 'examples', 'stdp-song2000.json'), 'utf8')) as NetworkDescription;
    Object.assign(song, { version: 2, monitors: [{ type: 'weights', name: 'w', projection: 'stdp', every: '0.1 s', synapses: [3, 1, 2] }] });
    const empty: NetworkDescription = {
      ...known,
      projections: [...known.projections!, { name: 'none', pre: { population: 'S' }, post: { population: 'L' }, receptor: 'e', weight: 1e-3, rule: { type: 'fixed_probability', p: 0 } }],
      monitors: [...known.monitors!, { type: 'weights', name: 'w0', projection: 'none' }],
    };
    // Delays that learn are sampled with the weights: two more panels, in ms; none for a projection that drew no synapse.
    const base = learningDelays();
    const nothing = { ...base.projections![1]!, name: 'nothing', rule: { type: 'fixed_probability', p: 0 } };
    const delays = {
      ...base, version: 2, duration: 0.3, projections: [...base.projections!, nothing],
      monitors: [{ type: 'weights', name: 'd', projection: 'recurrent', every: '0.05 s', synapses: [0, 1, 2] }, { type: 'weights', name: 'd0', projection: 'nothing', every: '0.05 s' }],
    } as NetworkDescription;
    for (const [name, path, flags] of [['known', model, []], ['song-csv', file('song-csv-model.json', song), ['--duration', '0.5']], ['empty', file('empty-model.json', empty), []], ['delays', file('delays-model.json', delays), []]] as const) {
      const json = await plotted(await recordOf(name, path, 'json', ...flags));
      const csv = await plotted(await recordOf(name, path, 'csv', ...flags));
      expect(csv.svg, name).toBe(json.svg);
      if (name !== 'delays') continue;
      const [histogram] = panels(json.tree, 'delays-histogram');
      const [traces] = panels(json.tree, 'delays-time');
      expect(panels(json.tree, 'delays-histogram').length).toBe(1);
      expect(all(traces!, '.delay-trace').length).toBe(3);
      expect(axesOf(traces!).find((a) => a.axis === 'y')!.label).toBe('delay (ms)');
      expect(counts(histogram!, 'delay-bin').reduce((a, b) => a + b, 0)).toBe((JSON.parse(readFileSync(await recordOf(name, path, 'json'), 'utf8')) as { monitors: { d: { delay: number[] } } }).monitors.d.delay.length);
    }
  });

  it('refuses a monitor named raster or run, which name the run\'s own CSV rows', async () => {
    for (const name of ['raster', 'run']) {
      const r = await spikewasm('run', file(`named-${name}.json`, { ...known, monitors: [{ type: 'spikes', name, population: 'S' }] }));
      expect(r).toMatchObject({ code: 1, stderr: expect.stringContaining(`monitors[0].name: "${name}" names the run's own rows in CSV output`) });
    }
  });

  it('refuses a CSV without its run rows, or with a row it cannot read, naming the line', async () => {
    const text = readFileSync(await recordOf('known', model, 'csv'), 'utf8');
    const lines = text.split('\n');
    const write = (name: string, body: string) => {
      const path = join(dir, name);
      writeFileSync(path, body);
      return path;
    };
    const noRun = write('old.csv', lines.filter((l) => !l.startsWith('run,')).join('\n'));
    expect(await spikewasm('plot', noRun, '--out', join(dir, 'c.svg'))).toMatchObject({ code: 1, stderr: expect.stringContaining('has no "run" rows') });
    const broken = write('broken.csv', [...lines.slice(0, 6), 'raster,spikes,soon,S,0,,,', ...lines.slice(6)].join('\n'));
    expect(await spikewasm('plot', broken, '--out', join(dir, 'c.svg'))).toMatchObject({ code: 1, stderr: expect.stringContaining('broken.csv:7: time must be a number (got "soon")') });
    const outside = write('outside.csv', [...lines.slice(0, 6), 'raster,spikes,0.01,L,3,,,', ...lines.slice(6)].join('\n'));
    expect(await spikewasm('plot', outside, '--out', join(dir, 'c.svg'))).toMatchObject({ code: 1, stderr: expect.stringContaining('outside.csv:7: neuron must be an index within population "L", [0, 3) (got 3)') });
    const undeclared = write('undeclared.csv', [...lines, 'w9,state,0.001,L,0,,v,1'].join('\n'));
    expect(await spikewasm('plot', undeclared, '--out', join(dir, 'c.svg'))).toMatchObject({ code: 1, stderr: expect.stringContaining(`undeclared.csv:${lines.length + 1}: is a state row of "w9", which no row of type "monitor" declares`) });
  });
});

describe('spikewasm plot of intervals with a long tail', () => {
  it('ends the ISI axis at the 99th percentile and counts the longer intervals it leaves out', async () => {
    // 150 neurons fire twice 5 ms apart, one twice 900 ms apart.
    const spikeTimes = [...Array.from({ length: 150 }, (_, n) => [0.01 + n * 1e-3, 0.015 + n * 1e-3]), [0.02, 0.92]];
    const model = file('tail-model.json', { dt: 1e-3, duration: 1, populations: [{ name: 'S', size: 151, model: 'spike_source', params: { spikeTimes } }] });
    const { tree } = await plotted(await recordOf('tail', model, 'json'));
    const [isi] = panels(tree, 'isi');
    expect(all(isi!, '.panel-title')[0]!.text).toBe('inter-spike intervals: 151 from 151 neurons; 1 longer than 5 ms (up to 900 ms) not shown');
    expect(counts(isi!, 'isi-bin').reduce((a, b) => a + b)).toBe(150);
    expect(axesOf(isi!).find((a) => a.axis === 'x')!.ticks.at(-1)!.value).toBe(5);
    const r = await spikewasm('plot', await recordOf('tail', model, 'json'), '--bin', '0.001', '--out', join(dir, 't.svg'));
    expect(r).toMatchObject({ code: 1, stderr: expect.stringContaining('--bin: 0.001 s makes 1000 bins across the window, more than its 730 pixels') });
  });
});

describe('spikewasm plot of a weights monitor that samples', () => {
  it('draws a line per sampled synapse through its sampled weights, and the final histogram counts every synapse', async () => {
    const song = JSON.parse(readFileSync(join(repo, 'examples', 'stdp-song2000.json'), 'utf8')) as NetworkDescription;
    Object.assign(song, { version: 2, monitors: [{ type: 'weights', name: 'w', projection: 'stdp', every: '0.1 s', synapses: [0, 7, 500, 999] }] });
    const record = await recordOf('song-sampled', file('song-sampled-model.json', song), 'json', '--duration', '2');
    const w = JSON.parse(readFileSync(record, 'utf8')).monitors.w;
    const { tree } = await plotted(record);
    expect(counts(panels(tree, 'weights-histogram')[0]!, 'weight-bin').reduce((a, b) => a + b)).toBe(1000);
    const [overTime] = panels(tree, 'weights-time');
    const y = axesOf(overTime!).find((a) => a.axis === 'y')!;
    // Conductances in siemens (the projection's receptor has a reversal potential), shown in pS.
    expect(w.units).toEqual({ weight: 'S' });
    expect(y.label).toBe('weight (pS)');
    const scale = -12;
    const toWeight = inverse(y.ticks, 4);
    const lines = all(overTime!, 'path.weight-trace');
    expect(lines.map((l) => Number(l.attrs['data-synapse']))).toEqual([0, 7, 500, 999]);
    const pxPerUnit = Math.abs(y.ticks[1]!.at - y.ticks[0]!.at) / Math.abs(y.ticks[1]!.value - y.ticks[0]!.value);
    lines.forEach((line, k) => {
      const ys = [...line.attrs.d!.matchAll(/[ML][\d.]+ ([\d.]+)/g)].map((m) => toWeight(Number(m[1])) * 10 ** scale);
      expect(ys.length).toBe(w.samples.times.length);
      ys.forEach((v, s) => expect(Math.abs(v - w.samples.weights[s * 4 + k]), `synapse ${k} sample ${s}`).toBeLessThan((0.02 / pxPerUnit) * 10 ** scale));
    });
    expect(all(overTime!, '.legend-entry').map((e) => e.text)).toEqual([0, 7, 500, 999].map((s) => `${w.pre[s]} → ${w.post[s]}`));
  });
});

/** Every example, run briefly: a figure a reader can use. */
const EXAMPLES: [string, number][] = [
  ['cuba', 0.3], ['coba', 0.3], ['cobahh', 0.2], ['izhikevich-2003', 0.5], ['izhikevich-patterns', 0.3],
  ['stdp-song2000', 5], ['stdp-song2000-equations', 2], ['distal-reward', 2],
];

describe.each(EXAMPLES)('spikewasm plot of examples/%s.json', (name, duration) => {
  it('labels every axis with at least 3 ticks, has a rate panel per population, a line per traced neuron and a legend; the PNG is not blank', async () => {
    const model = join(repo, 'examples', `${name}.json`);
    const description = JSON.parse(readFileSync(model, 'utf8')) as NetworkDescription;
    const record = await recordOf(name, model, 'json', '--duration', String(duration));
    const { tree } = await plotted(record);
    for (const axis of axesOf(tree)) {
      expect(axis.ticks.length, `${axis.label} ticks`).toBeGreaterThanOrEqual(3);
      expect(axis.ticks.every((t) => Number.isFinite(t.value)), axis.label).toBe(true);
      expect(new Set(axis.ticks.map((t) => t.value)).size, axis.label).toBe(axis.ticks.length);
      expect(axis.label, 'every axis is labelled').not.toBe('');
    }
    const timeAxes = all(tree, 'g.panel').filter((p) => p.attrs['data-kind'] !== 'isi' && p.attrs['data-kind'] !== 'weights-histogram');
    for (const p of timeAxes) expect(axesOf(p).find((a) => a.axis === 'x')!.label).toMatch(/^time \((s|ms)\)$/);
    const populations = description.populations.map((p, k) => p.name ?? `population${k}`);
    expect(panels(tree, 'rate').map((p) => p.attrs['data-population'])).toEqual(populations);
    expect(all(all(tree, 'g.legend')[0]!, '.legend-entry').length).toBe(populations.length);
    const states = (description.monitors ?? []).filter((m) => m.type === 'state');
    expect(panels(tree, 'trace').length).toBe(states.reduce((n, m) => n + (m.type === 'state' ? m.variables?.length ?? 0 : 0), 0));
    for (const trace of panels(tree, 'trace')) {
      const lines = all(trace, 'path.trace');
      expect(lines.length).toBeGreaterThan(0);
      expect(all(trace, '.legend-entry').length).toBe(lines.length);
      for (const l of lines) expect(l.attrs.d!.match(/L/g)?.length ?? 0).toBeGreaterThan(10);
    }
    const weights = (description.monitors ?? []).filter((m) => m.type === 'weights');
    expect(panels(tree, 'weights-histogram').length).toBe(weights.length);
    mkdirSync(pictures, { recursive: true });
    const png = join(pictures, `${name}.png`);
    expect(await spikewasm('plot', record, '--out', png)).toMatchObject({ code: 0 });
    expect(distinctRows(readFileSync(png))).toBeGreaterThan(50);
  });
});

/** Distinct pixel rows of a PNG (its inflated IDAT data: a filter byte and 4 bytes a pixel per row). */
function distinctRows(png: Buffer): number {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
  const chunks: Buffer[] = [];
  for (let at = 8; at < png.length; at += 12 + png.readUInt32BE(at)) {
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT') chunks.push(png.subarray(at + 8, at + 8 + png.readUInt32BE(at)));
  }
  const rows = inflateSync(Buffer.concat(chunks));
  expect(rows.length).toBe(height * (1 + 4 * width));
  return new Set(Array.from({ length: height }, (_, r) => rows.subarray(r * (1 + 4 * width), (r + 1) * (1 + 4 * width)).toString('base64'))).size;
}
