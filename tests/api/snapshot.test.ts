// Snapshots: a run split by snapshot and restore gives the same spikes and the same final
// image as the run straight through; blobs of another version, or corrupted ones, are refused.
import { createHash } from 'node:crypto';
import * as abi from '../../assembly/abi.js';
import { describe, expect, it } from 'vitest';
import { SpikewasmError } from '../../ts/errors.js';
import type { Network } from '../../ts/api/network.js';
import { crc32 } from '../../ts/io/crc32.js';
import { rasterHash } from '../../ts/io/raster-hash.js';
import { readSnapshot, writeSnapshot } from '../../ts/io/snapshot.js';
import type { NetworkDescription } from '../../ts/model/description.js';
import { example, simulator } from '../support/helpers.js';

/** CUBA with delays up to 10 ms, so many spikes are in flight in the delay rings at the split. */
function cubaWithDelays(): NetworkDescription {
  const desc = example('cuba.json');
  for (const j of desc.projections!) j.delay = { uniform: [1e-4, 1e-2] };
  return desc;
}

async function tail(net: Network, fromStep: number): Promise<string> {
  const { steps, neurons } = net.raster();
  const keep = Array.from(steps, (s, i) => (s >= fromStep ? i : -1)).filter((i) => i >= 0);
  return rasterHash(keep.map((i) => steps[i]!), keep.map((i) => neurons[i]!));
}

/** SHA-256 of the final image (comparing multi-megabyte arrays element by element in expect is slow). */
async function finalImage(net: Network): Promise<string> {
  return createHash('sha256').update(readSnapshot(await net.snapshot()).image).digest('hex');
}

describe('snapshots', () => {
  it.each([
    ['CUBA with delays up to 10 ms', cubaWithDelays(), 1.0],
    ['Izhikevich 2003 (noise drawn per step)', example('izhikevich-2003.json'), 0.5],
  ])('%s: run, snapshot, restore, run == run straight through', async (_, desc, half) => {
    const sim = await simulator();
    const straight = sim.load(desc, { keepRaster: true });
    await straight.run(2 * half);

    const first = sim.load(desc, { keepRaster: true });
    await first.run(half);
    const blob = await first.snapshot();
    const second = await sim.restore(blob);
    expect(second.steps).toBe(first.steps);
    await second.run(half);

    expect(second.steps).toBe(straight.steps);
    expect(second.raster().steps.length).toBeGreaterThan(1000);
    expect(await rasterHash(second.raster().steps, second.raster().neurons)).toBe(await tail(straight, first.steps));
    expect(await finalImage(second)).toBe(await finalImage(straight));
  });

  it('a snapshot taken on wasm continues on the reference backend with the same bits', async () => {
    const desc = cubaWithDelays();
    const wasm = (await simulator()).load(desc, { keepRaster: true });
    await wasm.run(0.2);
    const blob = await wasm.snapshot();
    await wasm.run(0.05);
    const reference = await (await simulator('reference')).restore(blob);
    await reference.run(0.05);
    expect(await rasterHash(reference.raster().steps, reference.raster().neurons)).toBe(await tail(wasm, 2000));
    expect(await finalImage(reference)).toBe(await finalImage(wasm));
  });

  it('keeps what restores the run: description, step count, model time, the raster flag', async () => {
    const sim = await simulator();
    const net = sim.load(cubaWithDelays(), { keepRaster: true });
    await net.run(0.01234);
    const s = readSnapshot(await net.snapshot());
    expect(s.step).toBe(123);
    expect(s.targetTime).toBe(0.01234);
    expect(s.keepRaster).toBe(true);
    expect(s.description).toEqual(net.toJSON());
    // A Node Buffer is a Uint8Array whose slice() is a view: restore must copy, not alias.
    const restored = await sim.restore(Buffer.from(await net.snapshot()));
    expect(restored.time).toBeCloseTo(0.0123, 12);
    expect(restored.toJSON()).toEqual(net.toJSON());
  });

  describe('refuses what it cannot trust, with E_FORMAT', () => {
    const blob = async () => {
      const net = (await simulator()).load(example('cuba.json'));
      await net.run(0.001);
      return net.snapshot();
    };
    /** Rewrites header fields and signs the blob again, as a later format or ABI would. */
    const resigned = (b: Uint8Array, edit: (v: DataView) => void) => {
      const copy = b.slice();
      const view = new DataView(copy.buffer);
      edit(view);
      view.setUint32(copy.length - 4, crc32(copy.subarray(0, copy.length - 4)), true);
      return copy;
    };
    const refused = async (b: Uint8Array, message: RegExp) => {
      const error = await (await simulator()).restore(b).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SpikewasmError);
      expect((error as SpikewasmError).code).toBe('E_FORMAT');
      expect((error as SpikewasmError).message).toMatch(message);
    };

    it('a flipped bit anywhere (description, image, trailer)', async () => {
      const b = await blob();
      for (const at of [60, b.length >> 1, b.length - 100, b.length - 1]) {
        const bad = b.slice();
        bad[at]! ^= 0x10;
        await refused(bad, /corrupted \(CRC-32/);
      }
    });

    it('a model time that does not round to the image\'s step, unknown flags', async () => {
      const b = await blob();
      await refused(resigned(b, (v) => v.setFloat64(40, 1e3, true)), /targetTime: 1000 s does not round to step 10/);
      await refused(resigned(b, (v) => v.setFloat64(40, NaN, true)), /does not round/);
      await refused(resigned(b, (v) => v.setUint32(16, 0x80, true)), /unknown flags/);
    });

    it('another format version or kernel ABI', async () => {
      const b = await blob();
      await refused(resigned(b, (v) => v.setUint32(8, 2, true)), /format version 2; this library reads version 1/);
      await refused(resigned(b, (v) => v.setUint32(12, 99, true)), new RegExp(`kernel ABI 99; this library runs images of ABI ${abi.ABI_OLDEST_IMAGE} to ${abi.ABI_VERSION}`));
      await refused(resigned(b, (v) => v.setUint32(12, 1, true)), /kernel ABI 1;/);
    });

    it('but runs an ABI 2 image as it is (ABI 3 changed only the spike record, empty in a snapshot)', async () => {
      const b = await blob();
      const sim = await simulator();
      const now = await sim.restore(b);
      await now.run(0.01);
      const older = await sim.restore(resigned(b, (v) => v.setUint32(12, 2, true)));
      await older.run(0.01);
      expect(await finalImage(older)).toBe(await finalImage(now));
    });

    it('something that is not a snapshot, a truncated one, an image of another size', async () => {
      const b = await blob();
      await refused(new TextEncoder().encode('{"format":"spikewasm-model"}'), /not a spikewasm snapshot/);
      await refused(b.subarray(0, b.length - 16), /corrupted|lengths/);
      await refused(resigned(b, (v) => v.setBigUint64(24, v.getBigUint64(24, true) - 16n, true)), /lengths do not add up/);
      await refused('not bytes' as never, /must be a Uint8Array/);
    });

    it('an image that does not belong to its description', async () => {
      const b = await blob();
      const s = readSnapshot(b);
      const other = (await simulator()).load({ ...s.description, populations: [{ ...s.description.populations[0]!, size: 4004 }] });
      await other.run(0.001);
      const image = readSnapshot(await other.snapshot()).image;
      await refused(writeSnapshot({ ...s, image }), /has \d+ bytes; the network it describes lays out \d+/);
    });
  });
});
