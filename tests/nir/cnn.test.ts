// The N-MNIST convolutional network of the NIR paper, exported by Sinabs: Conv2d, IF, SumPool2d,
// Flatten and Affine nodes on a 2x34x34 input. It loads with the connectivity its convolutions
// and pooling stand for, and on a synthetic input gives exactly the spikes of a direct Math.fround
// implementation of its layers written here (each spike scattered through the layers after it, in
// the order of the neurons that spiked; the Sinabs preset's step: threshold, add what arrived,
// subtract the threshold from those that spiked).
import { describe, expect, it } from 'vitest';
import type { SpikeData } from '../../ts/api/monitors.js';
import { readHdf5, type NirArray, type NirGroup } from '../../ts/nir/hdf5.js';
import { importNIR } from '../../ts/nir/import.js';
import { simulator } from '../support/helpers.js';
import { fixture, spikeTimes, syntheticRaster } from './support.js';

const f = Math.fround;
const DT = 1e-4;
const STEPS = 24;
const FILE = '02_cnn_cnn_sinabs.nir';
const nodes = (readHdf5(fixture(FILE), FILE).node as NirGroup).nodes as NirGroup;
const values = (node: string, key: string) => ((nodes[node] as NirGroup)[key] as NirArray).values as number[];

/** Where one input element (c, y, x) of a Conv2d goes: emit(output index, weight). */
function convolve(node: string, c: number, y: number, x: number, inH: number, inW: number, emit: (j: number, w: number) => void): void {
  const shape = ((nodes[node] as NirGroup).weight as NirArray).shape as number[];
  const [cOut, cIn, kH, kW] = shape as [number, number, number, number];
  const [sY, sX] = values(node, 'stride');
  const [pY, pX] = values(node, 'padding');
  const outH = Math.floor((inH + 2 * pY! - kH) / sY!) + 1;
  const outW = Math.floor((inW + 2 * pX! - kW) / sX!) + 1;
  const weight = values(node, 'weight');
  for (let co = 0; co < cOut; co++) {
    for (let ky = 0; ky < kH; ky++) {
      const oy = (y + pY! - ky) / sY!;
      if (!Number.isInteger(oy) || oy < 0 || oy >= outH) continue;
      for (let kx = 0; kx < kW; kx++) {
        const ox = (x + pX! - kx) / sX!;
        if (!Number.isInteger(ox) || ox < 0 || ox >= outW) continue;
        const w = weight[((co * cIn + c) * kH + ky) * kW + kx]!;
        if (w !== 0) emit((co * outH + oy) * outW + ox, w);
      }
    }
  }
}

function dense(node: string, i: number, emit: (j: number, w: number) => void): void {
  const [rows, cols] = ((nodes[node] as NirGroup).weight as NirArray).shape as [number, number];
  const weight = values(node, 'weight');
  for (let j = 0; j < rows; j++) if (weight[j * cols + i] !== 0) emit(j, weight[j * cols + i]!);
}

/** Each layer: its size and where a spike of the layer before it goes. */
const LAYERS: { name: string; size: number; from: (i: number, emit: (j: number, w: number) => void) => void }[] = [
  { name: '1', size: 16 * 16 * 16, from: (i, emit) => convolve('0', Math.floor(i / 1156), Math.floor(i / 34) % 34, i % 34, 34, 34, emit) },
  { name: '3', size: 16 * 16 * 16, from: (i, emit) => convolve('2', Math.floor(i / 256), Math.floor(i / 16) % 16, i % 16, 16, 16, emit) },
  // SumPool2d 2x2, stride 2, then the convolution on the 8x8 pooled map.
  { name: '6', size: 8 * 8 * 8, from: (i, emit) => convolve('5', Math.floor(i / 256), Math.floor((Math.floor(i / 16) % 16) / 2), Math.floor((i % 16) / 2), 8, 8, emit) },
  // SumPool2d 2x2, stride 2, Flatten of (8, 4, 4), then the Affine.
  { name: '10', size: 256, from: (i, emit) => dense('9', Math.floor(i / 64) * 16 + Math.floor((Math.floor(i / 8) % 8) / 2) * 4 + Math.floor((i % 8) / 2), emit) },
  { name: '12', size: 10, from: (i, emit) => dense('11', i, emit) },
];

function reference(raster: boolean[][]): number[][][] {
  const v = LAYERS.map((L) => new Float32Array(L.size));
  const record: number[][][] = LAYERS.map(() => []);
  let sent: number[][] = LAYERS.map(() => []);
  let sentInput: number[] = [];
  for (let step = 0; step < raster.length; step++) {
    const fired = v.map((layer) => Array.from(layer).flatMap((x, j) => (x > 1 ? [j] : [])));
    LAYERS.forEach((L, k) => {
      const arrived = new Float32Array(L.size);
      for (const i of k === 0 ? sentInput : sent[k - 1]!) L.from(i, (j, w) => (arrived[j] = f(arrived[j]! + f(w))));
      for (let j = 0; j < L.size; j++) v[k]![j] = f(v[k]![j]! + arrived[j]!);
      for (const j of fired[k]!) v[k]![j] = f(v[k]![j]! - 1);
      fired[k]!.forEach((j) => record[k]!.push([step, j]));
    });
    sent = fired;
    sentInput = raster[step]!.flatMap((s, i) => (s ? [i] : []));
  }
  return record;
}

describe('NIR N-MNIST CNN (Sinabs)', () => {
  it('its biases are zero and its IF neurons have r = 1 and threshold 1, as the reference assumes', () => {
    for (const conv of ['0', '2', '5', '9', '11']) expect(values(conv, 'bias').every((b) => b === 0)).toBe(true);
    for (const L of LAYERS) {
      expect(values(L.name, 'r').every((r) => r === 1)).toBe(true);
      expect(values(L.name, 'v_threshold').every((t) => t === 1)).toBe(true);
    }
  });

  it('imports its convolutions and pooling as connectivity and spikes exactly as the f32 reference', { timeout: 120_000 }, async () => {
    const raster = syntheticRaster(STEPS, 2 * 34 * 34, 0.08, 3);
    const imported = importNIR(fixture(FILE), { preset: 'sinabs', inputs: { input: spikeTimes(raster, DT) } });
    expect(imported.model.populations.map((p) => [p.name, p.size])).toEqual([['1', 4096], ['3', 4096], ['6', 512], ['10', 256], ['12', 10], ['input', 2312]]);
    const expected = reference(raster);
    const synapses = LAYERS.map((L, k) => {
      let count = 0;
      for (let i = 0; i < (k === 0 ? 2312 : LAYERS[k - 1]!.size); i++) L.from(i, () => count++);
      return count;
    });
    expect(imported.synapses).toBe(synapses.reduce((a, b) => a + b));
    expect(imported.synapses).toBe(1_122_848);
    const model = { ...imported.model, monitors: LAYERS.map((L) => ({ type: 'spikes' as const, name: L.name, population: L.name })) };
    const net = (await simulator()).load(model);
    await net.run(STEPS * DT);
    LAYERS.forEach((L, k) => {
      const d = net.getMonitor<SpikeData>(L.name).read();
      expect(Array.from(d.steps, (s, n) => [s, d.indices[n]!]), `layer ${L.name}`).toEqual(expected[k]);
    });
    // Every layer spikes, the last one included, so each step of the chain is compared.
    expect(expected.map((r) => r.length).every((n) => n > 0)).toBe(true);
  });
});
