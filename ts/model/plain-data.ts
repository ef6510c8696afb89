// Descriptions are plain data: what JSON can hold (numbers, strings, booleans, null, arrays,
// plain objects), plus typed arrays of numbers, which the API accepts wherever it accepts an
// array of numbers (they are copied as arrays). Anything else (a function, a symbol, a class
// instance, a getter, a value nested deeper than any model needs) is refused with a typed error
// naming where it is, as the description is copied: a user's value never reaches
// structuredClone, a recursive walk or an `in` test.
import { fail, shown, SpikewasmError } from '../errors.js';
import { checkKeys } from './params.js';

/** Deeper than any description needs (a model file nests about 6 levels). */
export const MAX_DEPTH = 32;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

const isNumberArray = (value: unknown) => ArrayBuffer.isView(value) && !(value instanceof DataView) && !(value instanceof BigInt64Array) && !(value instanceof BigUint64Array);

/**
 * A copy of a user's value as plain data, refusing, with the path, what is not: a function, a
 * symbol, a class instance, an accessor property, a hole in an array, nesting deeper than
 * MAX_DEPTH. Each property is read once, so what is checked is what is copied (a getter cannot
 * answer differently the second time); typed arrays of numbers become arrays. Walks without
 * recursion; a proxy that throws while being read is an E_PARAM too.
 */
export function plainCopy<T>(path: string, value: T): T {
  const root: { value?: unknown } = {};
  const stack: { value: unknown; into: Record<string | number, unknown>; key: string | number; path: string; depth: number }[] = [
    { value, into: root, key: 'value', path, depth: 0 },
  ];
  let at = path;
  try {
    while (stack.length > 0) {
      const { value: v, into, key, path: p, depth } = stack.pop()!;
      at = p;
      if (v === null || v === undefined || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') {
        into[key] = v;
        continue;
      }
      if (isNumberArray(v)) {
        into[key] = Array.from(v as unknown as ArrayLike<number>);
        continue;
      }
      if (depth >= MAX_DEPTH) fail('E_FORMAT', p, `is nested more than ${MAX_DEPTH} levels deep`);
      if (Array.isArray(v)) {
        const copy = new Array<unknown>(v.length);
        into[key] = copy;
        for (let i = 0; i < v.length; i++) {
          const d = Object.getOwnPropertyDescriptor(v, i);
          if (!d) fail('E_PARAM', `${p}[${i}]`, 'is missing (the array has a hole there)');
          if (!('value' in d)) fail('E_PARAM', `${p}[${i}]`, 'must be a value, not a getter');
          const x: unknown = d.value;
          // Numbers and strings are copied here: a list of a million synapses makes no path strings.
          if (x === null || x === undefined || typeof x === 'number' || typeof x === 'string' || typeof x === 'boolean') copy[i] = x;
          else stack.push({ value: x, into: copy as unknown as Record<number, unknown>, key: i, path: `${p}[${i}]`, depth: depth + 1 });
        }
        continue;
      }
      if (!isPlainObject(v)) {
        const what = typeof v === 'object' ? `a ${(v as object).constructor?.name ?? 'non-plain'} object` : `a ${typeof v}`;
        fail('E_PARAM', p, `must be plain data (numbers, strings, arrays, objects), not ${what}`);
      }
      if (Object.getOwnPropertySymbols(v).length > 0) fail('E_PARAM', p, 'must not have symbol keys');
      const copy: Record<string, unknown> = {};
      into[key] = copy;
      for (const [name, d] of Object.entries(Object.getOwnPropertyDescriptors(v))) {
        const q = p ? `${p}.${name}` : name;
        if (!('value' in d)) fail('E_PARAM', q, 'must be a value, not a getter');
        if (!d.enumerable) continue;
        copy[name] = undefined; // keeps the key order (receptor order matters) while the stack fills it in
        stack.push({ value: d.value, into: copy, key: name, path: q, depth: depth + 1 });
      }
    }
  } catch (e) {
    if (e instanceof SpikewasmError) throw e;
    fail('E_PARAM', at, `could not be read as plain data (${(e as Error)?.message ?? String(e)})`);
  }
  return root.value as T;
}

/** An optional settings object: absent, or a plain object with no key outside `allowed`. */
export function checkOptions(path: string, value: unknown, allowed: readonly string[]): Record<string, unknown> {
  if (value === undefined) return {};
  if (!isPlainObject(value)) fail('E_PARAM', path, `must be an object of settings (got ${shown(value)})`);
  checkKeys(path, value, allowed);
  return value;
}
