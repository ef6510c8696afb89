// A NIR file's HDF5 tree, read with jsfive (pure JavaScript: no wasm compiled from bytes, so it
// runs in workerd too) into plain groups and datasets. NIR stores everything as datasets, no
// attributes: numbers (f4, f8, int64, gzip-compressed or not) and strings (fixed or variable length).
import { Dataset, File, Group } from './jsfive.js';
import { fail } from '../errors.js';

/** A dataset: its shape and its values in C order (strings for string datasets). */
export interface NirArray {
  readonly shape: readonly number[];
  readonly values: readonly number[] | readonly string[];
}

export interface NirGroup {
  readonly [name: string]: NirGroup | NirArray;
}

export function isArray(x: NirGroup | NirArray | undefined): x is NirArray {
  return x !== undefined && Array.isArray((x as NirArray).shape) && Array.isArray((x as NirArray).values);
}

/** The whole file as a tree. An unreadable file is E_FORMAT naming `path` (a file name or 'bytes'). */
export function readHdf5(bytes: ArrayBuffer | Uint8Array, path: string): NirGroup {
  const buffer = bytes instanceof Uint8Array ? bytes.slice().buffer : bytes;
  let file: File;
  try {
    file = new File(buffer, path);
  } catch (e) {
    return fail('E_FORMAT', path, `is not an HDF5 file NIR can be read from (${(e as Error).message})`);
  }
  return readGroup(file, path);
}

/** Deeper than any NIR file nests (a graph in a graph in a graph...): links that loop back. */
const MAX_DEPTH = 64;

function readGroup(group: Group, path: string, depth = 0): NirGroup {
  if (depth > MAX_DEPTH) fail('E_FORMAT', path, `nests groups more than ${MAX_DEPTH} deep (do its links loop back?)`);
  const out: Record<string, NirGroup | NirArray> = {};
  for (const key of group.keys) {
    const where = `${path}:${key}`;
    let child: Group | Dataset | null;
    try {
      child = group.get(key);
    } catch (e) {
      return fail('E_FORMAT', where, `cannot be read (${(e as Error).message})`);
    }
    if (child instanceof Group) out[key] = readGroup(child, `${path}/${key}`, depth + 1);
    else if (child instanceof Dataset) out[key] = readDataset(child, `${path}/${key}`);
    else fail('E_FORMAT', where, 'is neither a group nor a dataset');
  }
  return out;
}

function readDataset(d: Dataset, path: string): NirArray {
  let raw: unknown;
  try {
    raw = d.value;
  } catch (e) {
    return fail('E_FORMAT', path, `cannot be read (${(e as Error).message}); NIR files hold numbers and strings, gzip-compressed or not`);
  }
  const list = Array.isArray(raw) || ArrayBuffer.isView(raw) ? Array.from(raw as ArrayLike<unknown>) : [raw];
  const values = list.map((v) => (typeof v === 'bigint' ? Number(v) : v));
  const size = d.shape.reduce((a, b) => a * b, 1);
  if (values.length !== size) fail('E_FORMAT', path, `holds ${values.length} values for shape [${d.shape.join(', ')}]`);
  if (values.every((v) => typeof v === 'number')) return { shape: [...d.shape], values: values as number[] };
  if (values.every((v) => typeof v === 'string')) return { shape: [...d.shape], values: (values as string[]).map((s) => s.replace(/\0+$/, '')) };
  return fail('E_FORMAT', path, `has values of type ${String(d.dtype)}, neither numbers nor strings`);
}
