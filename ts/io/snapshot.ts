import * as abi from '../../assembly/abi.js';
import { fail } from '../errors.js';
import type { NetworkDescription } from '../model/description.js';
import {
  SN_ABI, SN_FLAG_RASTER as FLAG_RASTER, SN_FLAGS, SN_HEADER_BYTES as HEADER_BYTES, SN_IMAGE_LENGTH, SN_JSON_LENGTH, SN_RESERVED,
  SN_STEP, SN_TARGET_TIME, SN_VERSION, SNAPSHOT_VERSION,
} from '../../assembly/snapshot-layout.js';
import { crc32 } from './crc32.js';

export { SNAPSHOT_VERSION };

/*
 * A snapshot is one little-endian blob (docs/snapshot-format.md):
 *
 *   0  u8[8]  magic "SPKWSNAP"
 *   8  u32    format version (SNAPSHOT_VERSION)
 *  12  u32    ABI version of the kernel that wrote the image
 *  16  u32    flags: bit 0 = the network keeps a raster (it changes the layout)
 *  20  u32    description length in bytes (UTF-8 JSON)
 *  24  u64    image length in bytes
 *  32  u32    step count (the image's H_STEP)
 *  36  u32    0
 *  40  f64    model time asked for so far (targetTime, seconds)
 *  48  ...    description JSON, zero-padded to a multiple of 16
 *  ..  ...    layout image (starts 16-aligned, so a kernel can run it in place)
 *  end u32    CRC-32 of every byte before it
 */

const MAGIC = 'SPKWSNAP';

export interface Snapshot {
  version: number;
  abiVersion: number;
  description: NetworkDescription;
  keepRaster: boolean;
  /** Steps simulated when the snapshot was taken. */
  step: number;
  /** Model time asked for so far, in seconds (runs round their end time from it). */
  targetTime: number;
  /** The whole layout image: state, delay rings with spikes in flight, synapses, counters. */
  image: Uint8Array;
}

const pad16 = (n: number) => Math.ceil(n / 16) * 16;

export function writeSnapshot(s: Omit<Snapshot, 'version' | 'abiVersion'>): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(s.description));
  const imageAt = HEADER_BYTES + pad16(json.length);
  const blob = new Uint8Array(imageAt + s.image.length + 4);
  const view = new DataView(blob.buffer);
  blob.set(new TextEncoder().encode(MAGIC), 0);
  view.setUint32(SN_VERSION, SNAPSHOT_VERSION, true);
  view.setUint32(SN_ABI, abi.ABI_VERSION, true);
  view.setUint32(SN_FLAGS, s.keepRaster ? FLAG_RASTER : 0, true);
  view.setUint32(SN_JSON_LENGTH, json.length, true);
  view.setBigUint64(SN_IMAGE_LENGTH, BigInt(s.image.length), true);
  view.setUint32(SN_STEP, s.step, true);
  view.setFloat64(SN_TARGET_TIME, s.targetTime, true);
  blob.set(json, HEADER_BYTES);
  blob.set(s.image, imageAt);
  view.setUint32(blob.length - 4, crc32(blob.subarray(0, blob.length - 4)), true);
  return blob;
}

/** Checks and decodes a snapshot; anything else, another version or a corrupted blob fails with E_FORMAT. */
export function readSnapshot(blob: Uint8Array): Snapshot {
  if (!(blob instanceof Uint8Array)) fail('E_FORMAT', 'snapshot', 'must be a Uint8Array');
  if (blob.length < HEADER_BYTES + 4 || new TextDecoder().decode(blob.subarray(0, 8)) !== MAGIC) {
    fail('E_FORMAT', 'snapshot', 'is not a spikewasm snapshot (no "SPKWSNAP" magic)');
  }
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const version = view.getUint32(SN_VERSION, true);
  if (version !== SNAPSHOT_VERSION) fail('E_FORMAT', 'snapshot', `has format version ${version}; this library reads version ${SNAPSHOT_VERSION}`);
  const stored = view.getUint32(blob.length - 4, true);
  const actual = crc32(blob.subarray(0, blob.length - 4));
  if (stored !== actual) fail('E_FORMAT', 'snapshot', `is corrupted (CRC-32 ${hex(actual)}, stored ${hex(stored)})`);
  const abiVersion = view.getUint32(SN_ABI, true);
  if (abiVersion < abi.ABI_OLDEST_IMAGE || abiVersion > abi.ABI_VERSION) {
    fail('E_FORMAT', 'snapshot', `holds an image for kernel ABI ${abiVersion}; this library runs images of ABI ${abi.ABI_OLDEST_IMAGE} to ${abi.ABI_VERSION}`);
  }
  const jsonLength = view.getUint32(SN_JSON_LENGTH, true);
  const imageLength = Number(view.getBigUint64(SN_IMAGE_LENGTH, true));
  const imageAt = HEADER_BYTES + pad16(jsonLength);
  if (imageAt + imageLength + 4 !== blob.length) fail('E_FORMAT', 'snapshot', `lengths do not add up (${blob.length} bytes)`);
  let description: NetworkDescription;
  try {
    description = JSON.parse(new TextDecoder().decode(blob.subarray(HEADER_BYTES, HEADER_BYTES + jsonLength))) as NetworkDescription;
  } catch (e) {
    fail('E_FORMAT', 'snapshot.description', `is not JSON: ${(e as Error).message}`);
  }
  if (description === null || typeof description !== 'object' || Array.isArray(description) || typeof description.dt !== 'number') {
    fail('E_FORMAT', 'snapshot.description', 'is not a network description');
  }
  if ((view.getUint32(SN_FLAGS, true) & ~FLAG_RASTER) !== 0 || view.getUint32(SN_RESERVED, true) !== 0) fail('E_FORMAT', 'snapshot', 'has unknown flags or reserved bytes set');
  const step = view.getUint32(SN_STEP, true);
  const targetTime = view.getFloat64(SN_TARGET_TIME, true);
  // The model time asked for rounds to the step the image is at (what Network.run keeps).
  if (!(Math.abs(targetTime / description.dt - step) <= 0.5)) {
    fail('E_FORMAT', 'snapshot.targetTime', `${targetTime} s does not round to step ${step} at dt ${description.dt} s`);
  }
  // A copy (Node's Buffer.slice would give a view into the blob).
  const image = new Uint8Array(blob.subarray(imageAt, imageAt + imageLength));
  const header = new DataView(image.buffer);
  if (imageLength < abi.H_WORDS * 4 || header.getInt32(abi.H_MAGIC * 4, true) !== abi.ABI_MAGIC || header.getUint32(abi.H_STEP * 4, true) !== step) {
    fail('E_FORMAT', 'snapshot.image', 'is not a layout image of this network (header magic or step count differ)');
  }
  return {
    version,
    abiVersion,
    description,
    keepRaster: (view.getUint32(SN_FLAGS, true) & FLAG_RASTER) !== 0,
    step,
    targetTime,
    image,
  };
}

function hex(x: number): string {
  return x.toString(16).padStart(8, '0');
}
