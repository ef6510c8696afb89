// Descriptions are plain data: what JSON can hold (numbers, strings, booleans, null, arrays,
// plain objects), plus typed arrays of numbers, which the API accepts wherever it accepts an
// array of numbers. Anything else (a function, a symbol, a class instance, a value nested
// deeper than any model needs) is refused with a typed error naming where it is, before the
// description is copied or read: a user's value must never reach structuredClone, a recursive
// walk or an `in` test.
import { fail, shown } from '../errors.js';

/** Deeper than any description needs (a model file nests about 6 levels). */
export const MAX_DEPTH = 32;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

const isNumberArray = (value: unknown) => ArrayBuffer.isView(value) && !(value instanceof DataView) && !(value instanceof BigInt64Array) && !(value instanceof BigUint64Array);

/** Refuses anything in `value` that is not plain data, naming its path; walks without recursion. */
export function checkPlainData(path: string, value: unknown): void {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path, depth: 0 }];
  while (stack.length > 0) {
    const { value: v, path: p, depth } = stack.pop()!;
    if (v === null || v === undefined || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') continue;
    if (isNumberArray(v)) continue;
    if (depth >= MAX_DEPTH) fail('E_FORMAT', p, `is nested more than ${MAX_DEPTH} levels deep`);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        if (!Object.hasOwn(v, i)) fail('E_PARAM', `${p}[${i}]`, 'is missing (the array has a hole there)');
        stack.push({ value: v[i], path: `${p}[${i}]`, depth: depth + 1 });
      }
      continue;
    }
    if (!isPlainObject(v)) {
      const what = typeof v === 'object' ? `a ${(v as object).constructor?.name ?? 'non-plain'} object` : `a ${typeof v}`;
      fail('E_PARAM', p, `must be plain data (numbers, strings, arrays, objects), not ${what}`);
    }
    for (const key of Object.keys(v)) stack.push({ value: v[key], path: p ? `${p}.${key}` : key, depth: depth + 1 });
    if (Object.getOwnPropertySymbols(v).length > 0) fail('E_PARAM', p, 'must not have symbol keys');
  }
}

/** An optional settings object: absent, or a plain object with no key outside `allowed`. */
export function checkOptions(path: string, value: unknown, allowed: readonly string[]): Record<string, unknown> {
  if (value === undefined) return {};
  if (!isPlainObject(value)) fail('E_PARAM', path, `must be an object of settings (got ${shown(value)})`);
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) fail('E_PARAM', `${path}.${key}`, `is not a setting here (known: ${allowed.join(', ')})`);
  }
  return value;
}
