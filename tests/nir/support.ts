// Reading the NIR fixtures (tests/nir/fixtures, with their provenance) for the NIR tests.
import { readFileSync } from 'node:fs';
import { mulberry32 } from '../../examples/seeded-random.mjs';

export function fixture(name: string): Uint8Array {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
}

/** The exact LIF solution of the paper's task: per 0.1 ms bin, (input, v, spike). */
export function exactLifTask(): { input: number[]; v: number[]; spikes: number[] } {
  const rows = readFileSync(new URL('./fixtures/01_lif_lif_exact.csv', import.meta.url), 'utf8').trim().split('\n').map((l) => l.split(',').map(Number));
  return {
    input: rows.map((r) => r[0]!),
    v: rows.map((r) => r[1]!),
    spikes: rows.flatMap((r, k) => (r[2]! > 0 ? [k] : [])),
  };
}

/** A fixed pseudo-random spike raster (the examples' mulberry32): raster[step][neuron]. */
export function syntheticRaster(steps: number, neurons: number, p: number, seed: number): boolean[][] {
  const next = mulberry32(seed);
  return Array.from({ length: steps }, () => Array.from({ length: neurons }, () => next() < p));
}

/** A raster as the spike times (s) of each neuron, step k at k * dt. */
export function spikeTimes(raster: boolean[][], dt: number): number[][] {
  const n = raster[0]?.length ?? 0;
  return Array.from({ length: n }, (_, i) => raster.flatMap((row, k) => (row[i] ? [k * dt] : [])));
}
