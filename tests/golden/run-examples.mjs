// The golden runs: every model file in examples/, run on the wasm backend for the first
// `seconds` of its duration with every spike kept; returns their spike counts and raster
// hashes. tests/published/golden.test.ts compares them with examples.json; update.mjs rewrites that file.
import { readdirSync, readFileSync } from 'node:fs';

/** Seconds of each example to run (the long plasticity runs are cut to keep the suite quick). */
const LIMIT = 2;

export async function goldenRuns(sw) {
  const sim = await sw.createSimulator({ backend: 'wasm' });
  const dir = new URL('../../examples/', import.meta.url);
  const runs = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const description = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
    const seconds = Math.min(description.duration ?? LIMIT, LIMIT);
    const net = sim.load(description, { keepRaster: true });
    await net.run(seconds);
    const { steps, neurons } = net.raster();
    runs[file] = { seconds, spikes: steps.length, rasterHash: await sw.rasterHash(steps, neurons) };
  }
  return runs;
}
