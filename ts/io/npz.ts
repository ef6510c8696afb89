// NumPy's .npz: a ZIP archive (stored, not compressed) of .npy files, one per array, which
// numpy.load reads as a dict of arrays. Written byte for byte the same in every host: no times
// (every entry dated 1980-01-01), entries in the order given.
import { fail } from '../errors.js';
import { crc32 } from './crc32.js';
import { numberBytes } from './number-bytes.js';

export interface NpyArray {
  readonly dtype: 'f32' | 'f64' | 'i64' | 'string';
  readonly shape: readonly number[];
  /** In C order; strings for 'string' (stored as NumPy's '<U' unicode). */
  readonly values: ArrayLike<number> | readonly string[];
}

/** The archive's bytes; `arrays` by name (a name may hold '/': numpy keeps it in the key). */
export function writeNpz(arrays: ReadonlyMap<string, NpyArray>): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const [name, array] of arrays) {
    const file = npy(array, name);
    const entry = new TextEncoder().encode(`${name}.npy`);
    const crc = crc32(file);
    if (offset + file.length > 0xfffffffe) fail('E_MEMORY', name, 'the archive would pass 4 GiB, more than a ZIP without its 64-bit extension holds');
    parts.push(header(0x04034b50, entry, crc, file.length), entry, file);
    central.push(header(0x02014b50, entry, crc, file.length, offset), entry);
    offset += 30 + entry.length + file.length;
  }
  const size = central.reduce((s, c) => s + c.length, 0);
  const end = new Uint8Array(22);
  const v = new DataView(end.buffer);
  v.setUint32(0, 0x06054b50, true);
  v.setUint16(8, arrays.size, true);
  v.setUint16(10, arrays.size, true);
  v.setUint32(12, size, true);
  v.setUint32(16, offset, true);
  return concat([...parts, ...central, end]);
}

/** A local (30 bytes) or central (46 bytes, with `offset`) file header, stored, UTF-8 name. */
function header(signature: number, name: Uint8Array, crc: number, size: number, offset?: number): Uint8Array {
  const central = offset !== undefined;
  const h = new Uint8Array(central ? 46 : 30);
  const v = new DataView(h.buffer);
  v.setUint32(0, signature, true);
  let p = 4;
  if (central) {
    v.setUint16(p, 20, true); // made by: version 2.0
    p += 2;
  }
  v.setUint16(p, 20, true); // needed: 2.0
  v.setUint16(p + 2, 0x0800, true); // the name is UTF-8
  v.setUint16(p + 4, 0, true); // stored
  v.setUint16(p + 6, 0, true); // 00:00
  v.setUint16(p + 8, 0x21, true); // 1980-01-01
  v.setUint32(p + 10, crc, true);
  v.setUint32(p + 14, size, true);
  v.setUint32(p + 18, size, true);
  v.setUint16(p + 22, name.length, true);
  if (central) v.setUint32(42, offset, true);
  return h;
}

/** One .npy file (format 1.0): magic, a header dict padded to 64 bytes, the data little-endian. */
function npy(a: NpyArray, name: string): Uint8Array {
  const count = a.shape.reduce((x, y) => x * y, 1);
  if (a.values.length !== count) fail('E_PARAM', name, `holds ${a.values.length} values for shape [${a.shape.join(', ')}]`);
  let descr: string;
  let data: Uint8Array;
  if (a.dtype === 'string') {
    const points = (a.values as readonly string[]).map((s) => Array.from(s, (c) => c.codePointAt(0)!));
    const width = Math.max(1, ...points.map((p) => p.length));
    descr = `<U${width}`;
    const words = new Uint32Array(width * points.length);
    points.forEach((p, k) => words.set(p, k * width));
    data = new Uint8Array(words.buffer);
  } else {
    descr = { f32: '<f4', f64: '<f8', i64: '<i8' }[a.dtype];
    data = numberBytes(a.dtype, a.values as ArrayLike<number>, name);
  }
  const shape = a.shape.length === 1 ? `(${a.shape[0]},)` : `(${a.shape.join(', ')})`;
  let dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shape}, }`;
  dict += ' '.repeat(63 - ((10 + dict.length) % 64)) + '\n';
  const head = new Uint8Array(10 + dict.length);
  head.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]); // \x93NUMPY 1.0
  new DataView(head.buffer).setUint16(8, dict.length, true);
  head.set(new TextEncoder().encode(dict), 10);
  return concat([head, data]);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
