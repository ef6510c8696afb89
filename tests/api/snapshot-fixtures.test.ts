// Snapshots users saved with an earlier release restore and continue bit-identically: the
// fixtures in tests/fixtures/snapshots/ were written by the release named in expected.json
// (make.mjs says how). Each continues to the end of its run here and must give that release's
// spikes and final image, and the spikes of this build's own straight run from the
// description the snapshot carries.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { rasterHash } from '../../ts/io/raster-hash.js';
import { readSnapshot } from '../../ts/io/snapshot.js';
import { buildNetwork } from '../../ts/layout/build.js';
import { wideColumnsOf } from '../../ts/layout/image-widths.js';
import { backends, simulator } from '../support/helpers.js';

const dir = new URL('../fixtures/snapshots/', import.meta.url);
const expected = JSON.parse(readFileSync(new URL('expected.json', dir), 'utf8')) as {
  writtenBy: { commit: string; snapshotVersion: number };
  networks: Record<string, { splitStep: number; endStep: number; spikesAfterSplit: number; tailRasterHash: string; finalImageHash: string }>;
};
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe(`snapshots written by release ${expected.writtenBy.commit.slice(0, 7)}`, () => {
  it.each(Object.entries(expected.networks).flatMap(([name, e]) => backends.map((b) => [name, b, e] as const)))(
    '%s restores on %s and continues with that release\'s spikes and final image',
    async (name, backend, e) => {
      const blob = gunzipSync(readFileSync(new URL(`${name}.snapshot.gz`, dir)));
      const sim = await simulator(backend);
      const restored = await sim.restore(blob); // the fixtures were taken with keepRaster
      expect(restored.steps).toBe(e.splitStep);
      await restored.run((e.endStep - e.splitStep) * restored.dt);
      expect(restored.steps).toBe(e.endStep);
      const { steps, neurons } = restored.raster();
      expect(steps.length).toBe(e.spikesAfterSplit);
      expect(await rasterHash(steps, neurons)).toBe(e.tailRasterHash);
      expect(sha256(readSnapshot(await restored.snapshot()).image)).toBe(e.finalImageHash);
    },
  );

  it.each(Object.keys(expected.networks))('%s: a network restored from it keeps its i32 columns through its own snapshots, with the same spikes', async (name) => {
    const e = expected.networks[name]!;
    const blob = gunzipSync(readFileSync(new URL(`${name}.snapshot.gz`, dir)));
    const sim = await simulator();
    const restored = await sim.restore(blob);
    const half = Math.floor((e.endStep - e.splitStep) / 2);
    await restored.run(half * restored.dt);
    const first = restored.raster();
    const again = readSnapshot(await restored.snapshot());
    const projections = again.description.projections?.length ?? 0;
    expect(wideColumnsOf(again.image).size).toBe(projections);
    const continued = await sim.restore(await restored.snapshot());
    await continued.run((e.endStep - e.splitStep - half) * continued.dt);
    const second = continued.raster();
    expect(first.steps.length + second.steps.length).toBe(e.spikesAfterSplit);
    expect(await rasterHash([...first.steps, ...second.steps], [...first.neurons, ...second.neurons])).toBe(e.tailRasterHash);
    // The same description loaded afresh gets u16 columns wherever they may be.
    const fresh = (await simulator()).load(again.description, { keepRaster: true });
    await fresh.run(restored.dt);
    const built = buildNetwork(again.description);
    const narrowable = built.layout.projections.filter((j) => j.columnBytes === 2).length;
    expect(projections - wideColumnsOf(readSnapshot(await fresh.snapshot()).image).size).toBe(narrowable);
  });

  it.each(Object.keys(expected.networks))('%s: this build\'s straight run gives the spikes the snapshot continues with', async (name) => {
    const e = expected.networks[name]!;
    const { description } = readSnapshot(gunzipSync(readFileSync(new URL(`${name}.snapshot.gz`, dir))));
    const net = (await simulator()).load(description, { keepRaster: true });
    await net.run(e.endStep * net.dt);
    const { steps, neurons } = net.raster();
    const tail = Array.from(steps.keys()).filter((i) => steps[i]! >= e.splitStep);
    expect(tail.length).toBe(e.spikesAfterSplit);
    expect(await rasterHash(tail.map((i) => steps[i]!), tail.map((i) => neurons[i]!))).toBe(e.tailRasterHash);
  });
});
