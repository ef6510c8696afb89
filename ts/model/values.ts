import { fail } from '../errors.js';
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
