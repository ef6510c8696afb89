// A minimal HDF5 writer: groups and contiguous, uncompressed datasets of f32, f64, int64 and
// fixed-length strings, no attributes. It writes the original file format (superblock 0,
// version 1 object headers, groups as symbol tables: a B-tree, symbol nodes and a local heap),
// which every HDF5 reader reads: libhdf5 (h5py, NIR's own nir.read) and jsfive. The same tree
// gives the same bytes in every host: no times, no host-dependent layout.
import { fail } from '../errors.js';
import { numberBytes } from './number-bytes.js';

export interface H5Dataset {
  readonly dtype: 'f32' | 'f64' | 'i64' | 'string';
  readonly shape: readonly number[];
  /** In C order; strings for 'string'. */
  readonly values: ArrayLike<number> | readonly string[];
}

/** Children by name, written in byte order of their names (HDF5 keeps a group's names sorted). */
export type H5Group = ReadonlyMap<string, H5Group | H5Dataset>;

const UNDEF = -1; // the undefined address, all bits set
const LEAF_K = 8; // a symbol node holds 2K entries
const INTERNAL_K = 16; // a group's B-tree node holds 2K symbol nodes: 512 names per group
const ENTRY = 40; // a symbol table entry, with 8-byte offsets and lengths

/** The file's bytes. */
export function writeHdf5(root: H5Group): Uint8Array {
  const out = new Bytes();
  out.reserve(96); // the superblock, written last
  const rootGroup = writeGroup(out, root, '');
  const sb = 0;
  out.bytes.set([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a], sb);
  // Versions 0 (superblock, free space, root entry, shared headers), offsets and lengths of 8 bytes.
  out.bytes.set([0, 0, 0, 0, 0, 8, 8, 0], sb + 8);
  out.u16(sb + 16, LEAF_K);
  out.u16(sb + 18, INTERNAL_K);
  out.u32(sb + 20, 0);
  out.u64(sb + 24, 0); // base address
  out.u64(sb + 32, UNDEF); // free-space info
  out.u64(sb + 40, out.length); // end of file
  out.u64(sb + 48, UNDEF); // driver info
  symbolEntry(out, sb + 56, 0, rootGroup);
  return out.bytes.slice(0, out.length);
}

interface Written {
  header: number;
  /** A group's B-tree and local heap, cached in the entries that point to it. */
  btree?: number;
  heap?: number;
}

function writeGroup(out: Bytes, group: H5Group, path: string): Written {
  const names = [...group.keys()].sort(compareBytes);
  for (const name of names) {
    if (name === '' || name.includes('/') || name.includes('\0') || name === '.') fail('E_PARAM', `${path}/${name}`, 'is not a name HDF5 can hold');
  }
  const children = names.map((name) => {
    const child = group.get(name)!;
    return { name, written: child instanceof Map ? writeGroup(out, child, `${path}/${name}`) : writeDataset(out, child as H5Dataset, `${path}/${name}`) };
  });
  const perNode = 2 * LEAF_K;
  const nodes = Math.max(1, Math.ceil(names.length / perNode));
  if (nodes > 2 * INTERNAL_K) fail('E_PARAM', path || '/', `holds ${names.length} names, more than ${2 * INTERNAL_K * perNode}`);

  // Local heap: the empty name at offset 0, then each name, null-terminated, padded to 8 bytes.
  const encoded = names.map((n) => new TextEncoder().encode(n));
  const offsets: number[] = [];
  let size = 8;
  for (const e of encoded) {
    offsets.push(size);
    size += pad8(e.length + 1);
  }
  const heap = out.reserve(32);
  const data = out.reserve(size);
  encoded.forEach((e, k) => out.bytes.set(e, data + offsets[k]!));
  out.bytes.set([0x48, 0x45, 0x41, 0x50, 0, 0, 0, 0], heap); // "HEAP", version 0
  out.u64(heap + 8, size);
  out.u64(heap + 16, 1); // no free block (libhdf5's H5HL_FREE_NULL)
  out.u64(heap + 24, data);

  // Symbol nodes of up to 2 LEAF_K entries each, in name order.
  const snods: number[] = [];
  for (let n = 0; n < nodes; n++) {
    const at = out.reserve(8 + perNode * ENTRY);
    out.bytes.set([0x53, 0x4e, 0x4f, 0x44, 1, 0], at); // "SNOD", version 1
    const slice = children.slice(n * perNode, (n + 1) * perNode);
    out.u16(at + 6, slice.length);
    slice.forEach((c, k) => symbolEntry(out, at + 8 + k * ENTRY, offsets[n * perNode + k]!, c.written));
    snods.push(at);
  }

  // The B-tree's one node: key 0 is the empty name; key k + 1 the last name of symbol node k.
  const btree = out.reserve(24 + (2 * INTERNAL_K + 1) * 8 + 2 * INTERNAL_K * 8);
  out.bytes.set([0x54, 0x52, 0x45, 0x45, 0, 0], btree); // "TREE", group node, leaf level
  out.u16(btree + 6, names.length === 0 ? 0 : snods.length);
  out.u64(btree + 8, UNDEF);
  out.u64(btree + 16, UNDEF);
  out.u64(btree + 24, 0);
  if (names.length > 0) {
    snods.forEach((s, n) => {
      out.u64(btree + 32 + n * 16, s);
      out.u64(btree + 40 + n * 16, offsets[Math.min((n + 1) * perNode, names.length) - 1]!);
    });
  }
  const message = new Uint8Array(16);
  const view = new DataView(message.buffer);
  view.setBigUint64(0, BigInt(btree), true);
  view.setBigUint64(8, BigInt(heap), true);
  return { header: objectHeader(out, [[0x11, message]]), btree, heap };
}

function writeDataset(out: Bytes, d: H5Dataset, path: string): Written {
  const count = d.shape.reduce((a, b) => a * b, 1);
  if (!d.shape.every((n) => Number.isInteger(n) && n >= 0) || d.values.length !== count) fail('E_PARAM', path, `holds ${d.values.length} values for shape [${d.shape.join(', ')}]`);
  const { type, bytes } = encode(d, path);
  const address = bytes.length === 0 ? UNDEF : out.reserve(bytes.length);
  if (bytes.length > 0) out.bytes.set(bytes, address);
  const space = new Uint8Array(8 + 8 * d.shape.length);
  space.set([1, d.shape.length, 0, 0]);
  const spaceView = new DataView(space.buffer);
  d.shape.forEach((n, k) => spaceView.setBigUint64(8 + 8 * k, BigInt(n), true));
  const layout = new Uint8Array(18);
  const layoutView = new DataView(layout.buffer);
  layout.set([3, 1]); // version 3, contiguous
  layoutView.setBigInt64(2, BigInt(address), true);
  layoutView.setBigUint64(10, BigInt(bytes.length), true);
  return { header: objectHeader(out, [[0x01, space], [0x03, type], [0x08, layout]]) };
}

/** The datatype message and the data, little-endian. */
function encode(d: H5Dataset, path: string): { type: Uint8Array; bytes: Uint8Array } {
  if (d.dtype === 'string') {
    const strings = (d.values as readonly string[]).map((s) => new TextEncoder().encode(s));
    const width = Math.max(1, ...strings.map((s) => s.length));
    const bytes = new Uint8Array(width * strings.length);
    strings.forEach((s, k) => bytes.set(s, k * width));
    const type = new Uint8Array(8);
    type.set([0x13, 0x11, 0, 0]); // version 1, string; null-padded, UTF-8
    new DataView(type.buffer).setUint32(4, width, true);
    return { type, bytes };
  }
  const bytes = numberBytes(d.dtype, d.values as ArrayLike<number>, path);
  const width = d.dtype === 'f32' ? 4 : 8;
  if (d.dtype === 'i64') {
    const type = new Uint8Array(12);
    type.set([0x10, 0x08, 0, 0]); // version 1, fixed point; little-endian, signed
    new DataView(type.buffer).setUint32(4, 8, true);
    new DataView(type.buffer).setUint16(10, 64, true); // bit offset 0, precision 64
    return { type, bytes };
  }
  // IEEE floating point, little-endian, implied leading mantissa bit; sign, exponent, mantissa, bias.
  const [sign, expAt, expSize, mantissa, bias] = width === 4 ? [31, 23, 8, 23, 127] : [63, 52, 11, 52, 1023];
  const type = new Uint8Array(20);
  const tv = new DataView(type.buffer);
  type.set([0x11, 0x20, sign, 0]);
  tv.setUint32(4, width, true);
  tv.setUint16(8, 0, true);
  tv.setUint16(10, width * 8, true);
  type.set([expAt, expSize, 0, mantissa], 12);
  tv.setUint32(16, bias, true);
  return { type, bytes };
}

/** A version 1 object header holding `messages` ([type, data]); returns its address. */
function objectHeader(out: Bytes, messages: [number, Uint8Array][]): number {
  const size = messages.reduce((s, [, m]) => s + 8 + pad8(m.length), 0);
  const at = out.reserve(16 + size);
  out.bytes[at] = 1;
  out.u16(at + 2, messages.length);
  out.u32(at + 4, 1); // reference count
  out.u32(at + 8, size);
  let p = at + 16;
  for (const [type, m] of messages) {
    out.u16(p, type);
    out.u16(p + 2, pad8(m.length));
    out.bytes.set(m, p + 8);
    p += 8 + pad8(m.length);
  }
  return at;
}

function symbolEntry(out: Bytes, at: number, nameOffset: number, w: Written): void {
  out.u64(at, nameOffset);
  out.u64(at + 8, w.header);
  out.u32(at + 16, w.btree === undefined ? 0 : 1); // 1: a group, its B-tree and heap cached below
  if (w.btree !== undefined) {
    out.u64(at + 24, w.btree);
    out.u64(at + 32, w.heap!);
  }
}

const pad8 = (n: number) => Math.ceil(n / 8) * 8;

function compareBytes(a: string, b: string): number {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  for (let k = 0; k < Math.min(x.length, y.length); k++) if (x[k] !== y[k]) return x[k]! - y[k]!;
  return x.length - y.length;
}

/** A growing buffer; every reservation starts on an 8-byte boundary and is zeroed. */
class Bytes {
  bytes = new Uint8Array(4096);
  length = 0;

  reserve(n: number): number {
    const at = pad8(this.length);
    const end = at + n;
    if (end > this.bytes.length) {
      const grown = new Uint8Array(Math.max(end, this.bytes.length * 2));
      grown.set(this.bytes);
      this.bytes = grown;
    }
    this.length = end;
    return at;
  }

  u16(at: number, x: number): void {
    new DataView(this.bytes.buffer).setUint16(at, x, true);
  }

  u32(at: number, x: number): void {
    new DataView(this.bytes.buffer).setUint32(at, x, true);
  }

  /** An address or length; UNDEF (-1) writes all bits set. */
  u64(at: number, x: number): void {
    new DataView(this.bytes.buffer).setBigInt64(at, BigInt(x), true);
  }
}
