import { fail, shown } from '../errors.js';
import type { ValueSpec } from './description.js';
import type { RandomStream } from './random/stream.js';

/**
 * Expands a value spec into `count` values (f64): a number repeats, an array must have
 * exactly `count` entries, a distribution draws from `stream` in order. A normal
 * distribution is clipped to [min, max] where they are given.
 */
export function sampleValues(path: string, spec: ValueSpec, count: number, stream: () => RandomStream): Float64Array {
  const out = new Float64Array(count);
  if (typeof spec === 'number') return out.fill(spec);
  if (Array.isArray(spec)) {
    if (spec.length !== count) fail('E_PARAM', path, `has ${spec.length} values, expected ${count}`);
    out.set(spec);
    return out;
  }
  const rng = stream();
  if ('uniform' in spec) {
    const [lo, hi] = spec.uniform;
    for (let i = 0; i < count; i++) out[i] = lo + (hi - lo) * rng.uniform();
    return out;
  }
  const { mean, std, min = -Infinity, max = Infinity } = spec.normal;
  for (let i = 0; i < count; i++) out[i] = Math.min(max, Math.max(min, mean + std * rng.normal()));
  return out;
}

/** The smallest value a spec can produce (for checks that must hold for every draw). */
export function lowestValue(spec: ValueSpec): number {
  if (typeof spec === 'number') return spec;
  if (Array.isArray(spec)) return spec.reduce((m, x) => Math.min(m, x), Infinity);
  if ('uniform' in spec) return spec.uniform[0];
  return spec.normal.min ?? -Infinity;
}

/** The largest value a spec can produce. */
export function highestValue(spec: ValueSpec): number {
  if (typeof spec === 'number') return spec;
  if (Array.isArray(spec)) return spec.reduce((m, x) => Math.max(m, x), -Infinity);
  if ('uniform' in spec) return spec.uniform[1];
  return spec.normal.max ?? Infinity;
}

/**
 * One number for each of `count` items, as the API takes them: a number for all, or an
 * array-like with exactly `count` entries. The length is checked before anything is read, so a
 * huge or bogus `length` is an error, not an allocation. `what` names the items in the error.
 */
export function oneEach(path: string, values: unknown, count: number, what: string): number[] {
  if (typeof values === 'number') return new Array<number>(count).fill(values);
  const length = values !== null && typeof values === 'object' ? (values as { length?: unknown }).length : undefined;
  if (typeof length !== 'number' || !Number.isSafeInteger(length) || length < 0) fail('E_PARAM', path, `must be a number or an array of numbers (got ${shown(values)})`);
  if (length !== count) fail('E_PARAM', path, `has ${length} values, expected ${count} (${what}) or one number`);
  return Array.from(values as ArrayLike<number>);
}
