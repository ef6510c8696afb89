// Numbers as little-endian bytes of a file format's numeric types (HDF5 datasets, NumPy's .npy).
import { fail } from '../errors.js';

export type NumberType = 'f32' | 'f64' | 'i64';

/** `values` as `type`, little-endian; an int64 must be an integer a double holds exactly (`path` names one that is not). */
export function numberBytes(type: NumberType, values: ArrayLike<number>, path: string): Uint8Array {
  const width = type === 'f32' ? 4 : 8;
  const bytes = new Uint8Array(width * values.length);
  const view = new DataView(bytes.buffer);
  for (let k = 0; k < values.length; k++) {
    const x = values[k]!;
    if (type === 'f32') view.setFloat32(4 * k, x, true);
    else if (type === 'f64') view.setFloat64(8 * k, x, true);
    else if (Number.isSafeInteger(x)) view.setBigInt64(8 * k, BigInt(x), true);
    else fail('E_PARAM', `${path}[${k}]`, `is not an integer int64 holds exactly (got ${x})`);
  }
  return bytes;
}
