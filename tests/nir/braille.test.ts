// The Braille-reading network of the NIR paper, exported by snnTorch: 12 inputs, a recurrent
// CubaLIF layer, 7 CubaLIF outputs. Both published variants (bias with reset to zero; no bias
// with reset by subtraction) and the nested-graph form load with the file's shapes and
// parameters, and on a fixed synthetic input give exactly the spikes of a plain Math.fround
// implementation of the network written here, in the snnTorch preset's order of one step:
// forward Euler of every neuron (v with the previous step's synaptic current), threshold,
// the inputs sent in the previous step added to the held input, reset (docs/nir.md).
import { describe, expect, it } from 'vitest';
import type { SpikeData } from '../../ts/api/monitors.js';
import { readHdf5, type NirArray, type NirGroup } from '../../ts/nir/hdf5.js';
import { importNIR, type NirImportOptions } from '../../ts/nir/import.js';
import { backends, simulator } from '../support/helpers.js';
import { fixture, spikeTimes, syntheticRaster } from './support.js';

const f = Math.fround;
const DT = 1e-4;
const STEPS = 400;

interface Layer {
  n: number;
  tauSyn: number;
  tauMem: number;
  r: number;
  wIn: number;
  vThreshold: number;
  bias: Float64Array;
  /** Incoming weights: source name -> [post][pre]. */
  inputs: { from: 'input' | 'hidden'; weight: NirArray }[];
}

/** The file's arrays, read as datasets with no importer in between. */
function layers(file: string, nested: boolean): { hidden: Layer; out: Layer } {
  const nodes = (readHdf5(fixture(file), file).node as NirGroup).nodes as NirGroup;
  const inner = nested ? ((nodes.lif1 as NirGroup).nodes as NirGroup) : nodes;
  const node = (name: string) => ((nested ? { ...nodes, ...Object.fromEntries(Object.entries(inner).map(([k, v]) => [`lif1.${k}`, v])) } : nodes)[name] as NirGroup);
  const value = (g: NirGroup, key: string) => (g[key] as NirArray).values[0] as number;
  const cell = (name: string, inputs: Layer['inputs'], biases: string[]): Layer => {
    const g = node(name);
    const n = (g.r as NirArray).values.length;
    const bias = new Float64Array(n);
    for (const b of biases) if (node(b).bias) (node(b).bias as NirArray).values.forEach((x, j) => (bias[j]! += x as number));
    return { n, tauSyn: value(g, 'tau_syn'), tauMem: value(g, 'tau_mem'), r: value(g, 'r'), wIn: value(g, 'w_in'), vThreshold: value(g, 'v_threshold'), bias, inputs };
  };
  const hiddenName = nested ? 'lif1.lif1' : 'lif1.lif';
  const hidden = cell(hiddenName, [{ from: 'input', weight: node('fc1').weight as NirArray }, { from: 'hidden', weight: node('lif1.w_rec').weight as NirArray }], ['fc1', 'lif1.w_rec']);
  const out = cell('lif2', [{ from: 'hidden', weight: node('fc2').weight as NirArray }], ['fc2']);
  return { hidden, out };
}

/** The network stepped in f32, as the preset defines a step; spikes per layer as [step, neuron]. */
function reference(net: { hidden: Layer; out: Layer }, raster: boolean[][], reset: 'zero' | 'subtract'): { hidden: number[][]; out: number[][] } {
  const state = [net.hidden, net.out].map((L) => ({ L, isyn: new Float32Array(L.n), v: new Float32Array(L.n), held: new Float32Array(L.n), next: new Float32Array(L.n) }));
  const record: number[][][] = [[], []];
  let sent = { input: [] as number[], hidden: [] as number[] };
  for (let step = 0; step < raster.length; step++) {
    const spiked: number[][] = [];
    state.forEach(({ L, isyn, v, held }, k) => {
      const kSyn = f(DT / L.tauSyn);
      const kMem = f(DT / L.tauMem);
      const fired: number[] = [];
      for (let j = 0; j < L.n; j++) {
        const drive = L.bias.some((b) => b !== 0) ? f(held[j]! + f(L.bias[j]!)) : held[j]!;
        const isynNew = f(isyn[j]! + f(f(f(f(L.wIn) * drive) - isyn[j]!) * kSyn));
        v[j] = f(v[j]! + f(f(f(0 - v[j]!) + f(f(L.r) * isyn[j]!)) * kMem));
        isyn[j] = isynNew;
        held[j] = 0;
        if (v[j]! > f(L.vThreshold)) fired.push(j);
      }
      spiked.push(fired);
      fired.forEach((j) => record[k]!.push([step, j]));
    });
    // What was sent in the previous step arrives now, summed in the order the synapses are sent.
    state.forEach(({ L, held, next }) => {
      next.fill(0);
      for (const { from, weight } of L.inputs) {
        const cols = weight.shape[1]!;
        for (const i of sent[from]) for (let j = 0; j < L.n; j++) {
          const w = weight.values[j * cols + i] as number;
          if (w !== 0) next[j] = f(next[j]! + f(w));
        }
      }
      for (let j = 0; j < L.n; j++) held[j] = f(held[j]! + next[j]!);
    });
    state.forEach(({ L, v }, k) => {
      const lateSubtract = f(L.vThreshold / (1 - DT / L.tauMem));
      for (const j of spiked[k]!) v[j] = reset === 'zero' ? 0 : f(v[j]! - lateSubtract);
    });
    sent = { input: raster[step]!.flatMap((s, i) => (s ? [i] : [])), hidden: spiked[0]! };
  }
  return { hidden: record[0]!, out: record[1]! };
}

const CASES: { file: string; options: NirImportOptions; reset: 'zero' | 'subtract'; hidden: number; nested: boolean; hiddenName: string }[] = [
  { file: '03_rnn_braille_noDelay_bias_zero.nir', options: { preset: 'snntorch', reset: 'zero' }, reset: 'zero', hidden: 38, nested: false, hiddenName: 'lif1.lif' },
  { file: '03_rnn_braille_noDelay_noBias_subtract.nir', options: { preset: 'snntorch' }, reset: 'subtract', hidden: 40, nested: false, hiddenName: 'lif1.lif' },
  { file: '03_rnn_braille_nested.nir', options: { preset: 'snntorch', reset: 'zero' }, reset: 'zero', hidden: 38, nested: true, hiddenName: 'lif1.lif1' },
];

describe('NIR Braille networks (snnTorch)', () => {
  for (const c of CASES) {
    it(`${c.file} loads with its shapes and parameters`, () => {
      const imported = importNIR(fixture(c.file), c.options);
      const sizes = Object.fromEntries(imported.model.populations.map((p) => [p.name, p.size]));
      expect(sizes).toEqual({ input: 12, [c.hiddenName]: c.hidden, lif2: 7 });
      const counts = Object.fromEntries(imported.model.projections!.map((p) => [p.name, (p.rule as { pre: number[] }).pre.length]));
      const file = layers(c.file, c.nested);
      const nonzero = (a: NirArray) => a.values.filter((x) => x !== 0).length;
      expect(counts).toEqual({
        [`input->${c.hiddenName}`]: nonzero(file.hidden.inputs[0]!.weight),
        [`${c.hiddenName}->${c.hiddenName}`]: nonzero(file.hidden.inputs[1]!.weight),
        [`${c.hiddenName}->lif2`]: nonzero(file.out.inputs[0]!.weight),
      });
      const hidden = imported.model.populations.find((p) => p.name === c.hiddenName)!;
      expect(hidden.params).toMatchObject({ tau_syn: `${file.hidden.tauSyn} s`, tau_mem: `${file.hidden.tauMem} s`, r: file.hidden.r, w_in: file.hidden.wIn, v_threshold: file.hidden.vThreshold });
      expect(imported.outputs).toMatchObject([{ node: 'output', population: 'lif2', record: 'spikes', latency: 4 }]);
      if (c.nested) expect(imported.warnings.some((w) => w.includes('"lif", which is no node; read as "lif1"'))).toBe(true);
    });

    it.each(backends)(`${c.file} gives exactly the spikes of the f32 reference (%s backend)`, async (backend) => {
      const raster = syntheticRaster(STEPS, 12, 0.15, 7);
      const imported = importNIR(fixture(c.file), { ...c.options, inputs: { input: spikeTimes(raster, DT) } });
      const model = { ...imported.model, monitors: [...imported.model.monitors!, { type: 'spikes' as const, name: 'hidden', population: c.hiddenName }] };
      const net = (await simulator(backend)).load(model);
      await net.run(STEPS * DT);
      const pairs = (d: SpikeData) => Array.from(d.steps, (s, k) => [s, d.neurons[k]!]);
      const expected = reference(layers(c.file, c.nested), raster, c.reset);
      expect(expected.hidden.length).toBeGreaterThan(50);
      expect(expected.out.length).toBeGreaterThan(10);
      expect(pairs(net.getMonitor<SpikeData>('hidden').read())).toEqual(expected.hidden);
      expect(pairs(net.getMonitor<SpikeData>('output').read())).toEqual(expected.out);
    });
  }
});
