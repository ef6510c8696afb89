import { fail, shown } from '../errors.js';
import type { ValueSpec } from './description.js';
import type { RandomStream } from './random/stream.js';

/** How many values are handed over at a time: bounded memory however large the population. */
const CHUNK = 1 << 16;

/**
 * Hands `count` values to `each` in chunks of at most CHUNK, each chunk written by `fill`
 * first (the chunk is reused: copy what you keep).
 */
export function inChunks(count: number, fill: (values: Float64Array, start: number) => void, each: (values: Float64Array, start: number) => void): void {
  const chunk = new Float64Array(Math.min(count, CHUNK));
  for (let start = 0; start < count; start += CHUNK) {
    const values = chunk.subarray(0, Math.min(CHUNK, count - start));
    fill(values, start);
    each(values, start);
  }
}

/** A distribution's spec: the values a stream draws. */
export type DrawnSpec = Extract<ValueSpec, { uniform: unknown } | { normal: unknown }>;

/**
 * The wasm kernel's drawValues, offered by the wasm backend (as part of its ConnectivityKernel):
 * the same numbers as eachValue's uniform and normal loops, faster.
 */
export interface ValueKernel {
  /**
   * Fills each chunk it is handed with the next values of `spec` drawn from `rng`, which must be
   * untouched; it reads the stream's key and counter only and does not advance `rng`. Null
   * where the kernel does not draw this spec.
   */
  valueDrawer(spec: DrawnSpec, rng: RandomStream): ((values: Float64Array) => void) | null;
}

/**
 * Expands a value spec into `count` values (f64), in order, in chunks (inChunks): a number
 * repeats, an array gives its entries (its length was checked where it was planned), a
 * distribution draws from `stream` in order (by `kernel` where it offers to). A normal
 * distribution is clipped to [min, max] where they are given. The values are the same however
 * they are chunked.
 */
export function eachValue(
  spec: ValueSpec, count: number, stream: () => RandomStream, each: (values: Float64Array, start: number) => void, kernel?: ValueKernel,
): void {
  const rng = typeof spec === 'number' || Array.isArray(spec) ? null : stream();
  const drawn = kernel && rng && count > 0 && rng.untouched ? kernel.valueDrawer(spec as DrawnSpec, rng) : null;
  inChunks(count, (values, start) => {
    if (drawn) drawn(values);
    else if (typeof spec === 'number') values.fill(spec);
    else if (Array.isArray(spec)) for (let i = 0; i < values.length; i++) values[i] = spec[start + i]!;
    else if ('uniform' in spec) {
      const [lo, hi] = spec.uniform;
      for (let i = 0; i < values.length; i++) values[i] = lo + (hi - lo) * rng!.uniform();
    } else {
      const { mean, std, min = -Infinity, max = Infinity } = spec.normal;
      for (let i = 0; i < values.length; i++) values[i] = Math.min(max, Math.max(min, mean + std * rng!.normal()));
    }
  }, each);
}

/**
 * Whether any value a spec produces is other than 0 once stored as f32 (a drawn one is taken as
 * nonzero unless its whole range rounds to 0).
 */
export function mayBeNonZeroF32(spec: ValueSpec): boolean {
  const f = Math.fround;
  if (typeof spec === 'number') return f(spec) !== 0;
  if (Array.isArray(spec)) return spec.some((x) => f(x) !== 0);
  if ('uniform' in spec) return f(spec.uniform[0]) !== 0 || f(spec.uniform[1]) !== 0;
  const { mean, std, min = -Infinity, max = Infinity } = spec.normal;
  // Without spread, or clipped to one value, every draw is the clipped mean; otherwise the
  // draws span [min, max], all rounding to 0 only when both ends do.
  if (std === 0 || min === max) return f(Math.min(max, Math.max(min, mean))) !== 0;
  return f(min) !== 0 || f(max) !== 0;
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
