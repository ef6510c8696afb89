// The N-MNIST convolutional network of the NIR paper, exported by Sinabs: Conv2d, IF, SumPool2d,
// Flatten and Affine nodes on a 2x34x34 input. It loads with the connectivity its convolutions
// and pooling stand for, and on a synthetic input gives exactly the spikes of a direct Math.fround
// implementation of its layers (tests/nir/direct-cnn.mjs).
import { describe, expect, it } from 'vitest';
import type { SpikeData } from '../../ts/api/monitors.js';
import { readHdf5, type NirArray, type NirGroup } from '../../ts/nir/hdf5.js';
import { importNIR } from '../../ts/nir/import.js';
import { simulator } from '../support/helpers.js';
import { fixture, spikeTimes, syntheticRaster } from './support.js';
import { directCnn } from './direct-cnn.mjs';

const DT = 1e-4;
const STEPS = 24;
const FILE = '02_cnn_cnn_sinabs.nir';
const nodes = (readHdf5(fixture(FILE), FILE).node as NirGroup).nodes as NirGroup;
const values = (node: string, key: string) => ((nodes[node] as NirGroup)[key] as NirArray).values as number[];
const direct = directCnn(nodes) as { layers: { name: string; size: number }[]; run(raster: boolean[][]): number[][][]; synapses(): number };
const LAYERS = direct.layers;

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
    const expected = direct.run(raster);
    expect(imported.synapses).toBe(direct.synapses());
    const model = { ...imported.model, monitors: LAYERS.map((L) => ({ type: 'spikes' as const, name: L.name, population: L.name })) };
    const net = (await simulator()).load(model);
    await net.run(STEPS * DT);
    LAYERS.forEach((L, k) => {
      const d = net.getMonitor<SpikeData>(L.name).read();
      expect(Array.from(d.steps, (s, n) => [s, d.neurons[n]!]), `layer ${L.name}`).toEqual(expected[k]);
    });
    // Every layer spikes, the last one included, so each step of the chain is compared.
    expect(expected.map((r) => r.length).every((n) => n > 0)).toBe(true);
  });
});
