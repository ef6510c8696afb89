// Physical units: the SI dimensions of a quantity, the unit names equations and parameter values
// may use (Brian2's names: mV, ms, nS, pA, pF, uS, Hz, cm, umetre, msecond, ...), and the reading
// of quantity strings such as '20 ms' or '-49 mV' into SI numbers.
import { fail, shown } from '../errors.js';

/** Exponents of metre, kilogram, second, ampere, kelvin, mole, candela. */
export type Dim = readonly [number, number, number, number, number, number, number];

export const DIMENSIONLESS: Dim = [0, 0, 0, 0, 0, 0, 0];
const BASE_SYMBOLS = ['m', 'kg', 's', 'A', 'K', 'mol', 'cd'];

export function dimEqual(a: Dim, b: Dim): boolean {
  return a.every((x, k) => x === b[k]);
}

export function dimTimes(a: Dim, b: Dim, sign = 1): Dim {
  return a.map((x, k) => x + sign * b[k]!) as unknown as Dim;
}

export function dimPower(a: Dim, p: number): Dim {
  return a.map((x) => x * p) as unknown as Dim;
}

export const isDimensionless = (d: Dim): boolean => dimEqual(d, DIMENSIONLESS);

interface UnitDef {
  scale: number;
  dim: Dim;
}

const d = (m: number, kg: number, s: number, A: number, K = 0, mol = 0, cd = 0): Dim => [m, kg, s, A, K, mol, cd];
const VOLT = d(2, 1, -3, -1);

/** Units by their full and short names, unprefixed; prefixes apply to each. */
const UNITS: Record<string, UnitDef> = {};
function unit(names: string[], scale: number, dim: Dim): void {
  for (const name of names) UNITS[name] = { scale, dim };
}
unit(['metre', 'meter', 'm'], 1, d(1, 0, 0, 0));
unit(['gram', 'gramme', 'g'], 1e-3, d(0, 1, 0, 0));
unit(['second', 's'], 1, d(0, 0, 1, 0));
unit(['amp', 'ampere', 'A'], 1, d(0, 0, 0, 1));
unit(['kelvin', 'K'], 1, d(0, 0, 0, 0, 1));
unit(['mole', 'mol'], 1, d(0, 0, 0, 0, 0, 1));
unit(['candela', 'cd'], 1, d(0, 0, 0, 0, 0, 0, 1));
unit(['volt', 'V'], 1, VOLT);
unit(['ohm'], 1, dimTimes(VOLT, d(0, 0, 0, 1), -1));
unit(['siemens', 'S'], 1, dimTimes(d(0, 0, 0, 1), VOLT, -1));
unit(['farad', 'F'], 1, dimTimes(d(0, 0, 1, 1), VOLT, -1));
unit(['coulomb', 'C'], 1, d(0, 0, 1, 1));
unit(['hertz', 'Hz'], 1, d(0, 0, -1, 0));
unit(['newton', 'N'], 1, d(1, 1, -2, 0));
unit(['joule', 'J'], 1, d(2, 1, -2, 0));
unit(['watt', 'W'], 1, d(2, 1, -3, 0));
unit(['pascal', 'Pa'], 1, d(-1, 1, -2, 0));
unit(['litre', 'liter', 'l', 'L'], 1e-3, d(3, 0, 0, 0));
unit(['molar', 'M'], 1e3, d(-3, 0, 0, 0, 0, 1));

const PREFIXES: Record<string, number> = {
  y: 1e-24, z: 1e-21, a: 1e-18, f: 1e-15, p: 1e-12, n: 1e-9, u: 1e-6, µ: 1e-6, m: 1e-3, c: 1e-2, d: 1e-1,
  da: 1e1, h: 1e2, k: 1e3, M: 1e6, G: 1e9, T: 1e12,
};

/**
 * A unit name: a unit, a prefixed unit ('mV', 'msecond', 'uS'), or either with a power suffix
 * 2 or 3 ('cm2', 'umetre3'), as Brian2 names them; undefined for any other name.
 */
export function lookupUnit(name: string): UnitDef | undefined {
  const power = /^(.+?)([23])$/.exec(name);
  if (power) {
    const u = lookupUnit(power[1]!);
    const p = Number(power[2]);
    return u && { scale: u.scale ** p, dim: dimPower(u.dim, p) };
  }
  if (Object.hasOwn(UNITS, name)) return UNITS[name];
  for (const [prefix, factor] of Object.entries(PREFIXES)) {
    if (!name.startsWith(prefix)) continue;
    const base = name.slice(prefix.length);
    // A prefix goes on a base unit only ('mmolar' yes, 'kkg' no: kg is a prefixed gram).
    if (Object.hasOwn(UNITS, base) && base !== 'kg') return { scale: factor * UNITS[base]!.scale, dim: UNITS[base]!.dim };
  }
  return undefined;
}

const NAMED: [string, Dim][] = [
  ['V', VOLT], ['A', d(0, 0, 0, 1)], ['s', d(0, 0, 1, 0)], ['S', UNITS.S!.dim], ['F', UNITS.F!.dim],
  ['ohm', UNITS.ohm!.dim], ['Hz', d(0, 0, -1, 0)], ['m', d(1, 0, 0, 0)], ['C', d(0, 0, 1, 1)],
  ['V/s', dimTimes(VOLT, d(0, 0, 1, 0), -1)], ['A/s', d(0, 0, -1, 1)], ['S/s', dimTimes(UNITS.S!.dim, d(0, 0, 1, 0), -1)],
];

/** A dimension as people write it: 'V', 'S', '1' (dimensionless) or SI base units ('m^-2 kg^-1 s^4 A^2'). */
export function showDim(dim: Dim): string {
  if (isDimensionless(dim)) return '1 (dimensionless)';
  const named = NAMED.find(([, n]) => dimEqual(n, dim));
  if (named) return named[0];
  return dim.flatMap((x, k) => (x === 0 ? [] : [x === 1 ? BASE_SYMBOLS[k]! : `${BASE_SYMBOLS[k]}^${x}`])).join(' ');
}

/** A quantity: its value in SI units and its dimension. */
export interface Quantity {
  value: number;
  dim: Dim;
}

/**
 * Reads a quantity string: a number, a unit expression, or a number followed by one ('20 ms',
 * '-49 mV', '1.62*mV', '0.5 nS/cm2', '10 * 1/ms'). Units multiply, divide and take integer
 * powers (`**`); nothing else is allowed.
 */
export function parseQuantity(path: string, text: string): Quantity {
  const tokens = [...text.matchAll(/\s*(?:(\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)|([A-Za-zµ_][A-Za-z0-9µ_]*)|(\*\*|[-+*/()])|(\S))/gy)];
  const consumed = tokens.reduce((n, t) => n + t[0].length, 0);
  const bad = tokens.find((t) => t[4] !== undefined);
  if (bad || consumed !== text.length || text.trim() === '') {
    fail('E_UNITS', path, `${shown(text)} is not a quantity: write a number and a unit, such as '20 ms' or '-49 mV'`);
  }
  let pos = 0;
  const peek = () => tokens[pos];
  const atom = (): Quantity => {
    const t = tokens[pos++];
    if (!t) return fail('E_UNITS', path, `${shown(text)} ends too early`);
    if (t[1] !== undefined) return { value: Number(t[1]), dim: DIMENSIONLESS };
    if (t[2] !== undefined) {
      const u = lookupUnit(t[2]);
      if (!u) fail('E_UNITS', path, `${shown(t[2])} in ${shown(text)} is not a unit (units such as mV, ms, nS, pA, pF, uS, Hz, cm2)`);
      return { value: u.scale, dim: u.dim };
    }
    if (t[3] === '(') {
      const q = product();
      if (tokens[pos++]?.[3] !== ')') fail('E_UNITS', path, `${shown(text)} has an unclosed parenthesis`);
      return q;
    }
    if (t[3] === '-' || t[3] === '+') {
      const q = power();
      return t[3] === '-' ? { value: -q.value, dim: q.dim } : q;
    }
    return fail('E_UNITS', path, `${shown(text)}: unexpected ${shown(t[3])}`);
  };
  const power = (): Quantity => {
    const base = atom();
    if (peek()?.[3] !== '**') return base;
    pos++;
    const exponent = power();
    if (!isDimensionless(exponent.dim) || !Number.isInteger(exponent.value)) fail('E_UNITS', path, `${shown(text)}: a power must be a whole number`);
    return { value: base.value ** exponent.value, dim: dimPower(base.dim, exponent.value) };
  };
  const product = (): Quantity => {
    let q = power();
    for (;;) {
      const t = peek();
      // '20 ms': a number followed by a unit multiplies it.
      if (t && (t[2] !== undefined || t[3] === '(')) {
        const r = power();
        q = { value: q.value * r.value, dim: dimTimes(q.dim, r.dim) };
      } else if (t && (t[3] === '*' || t[3] === '/')) {
        pos++;
        const r = power();
        q = t[3] === '*' ? { value: q.value * r.value, dim: dimTimes(q.dim, r.dim) } : { value: q.value / r.value, dim: dimTimes(q.dim, r.dim, -1) };
      } else return q;
    }
  };
  const q = product();
  if (pos !== tokens.length) fail('E_UNITS', path, `${shown(text)}: unexpected ${shown(tokens[pos]![0].trim())}`);
  if (!Number.isFinite(q.value)) fail('E_UNITS', path, `${shown(text)} is not a finite quantity`);
  return q;
}

/** The dimension and scale of a unit written as text ('V', 'mV/ms', '1/ms', '1'). */
function unitOf(text: string): UnitDef {
  const q = parseQuantity('unit', text);
  return { scale: q.value, dim: q.dim };
}

/**
 * A value given for something measured in `unit` (a parameter rule's unit such as 's', 'V',
 * 'mV'): a plain number is taken as already in that unit; a quantity string must have its
 * dimension and is converted to it.
 */
export function valueIn(path: string, value: unknown, unit: string | undefined): unknown {
  // Without a unit a string is no number, which the caller's check says.
  if (typeof value !== 'string' || unit === undefined) return value;
  const q = parseQuantity(path, value);
  const target = unitOf(unit);
  if (!dimEqual(q.dim, target.dim)) {
    fail('E_UNITS', path, `must be in ${showDim(target.dim)} (got ${shown(value)}, which is in ${showDim(q.dim)})`);
  }
  return q.value / target.scale;
}

/** A dimension written as a unit text that parseQuantity reads back ('m**2 * kg * s**-3 * A**-1'; '1'). */
export function unitText(dim: Dim): string {
  const named = NAMED.find(([, n]) => dimEqual(n, dim));
  if (named) return named[0];
  const parts = dim.flatMap((x, k) => (x === 0 ? [] : [x === 1 ? BASE_SYMBOLS[k]! : `${BASE_SYMBOLS[k]}**${x}`]));
  return parts.length === 0 ? '1' : parts.join(' * ');
}

/** A shared parameter of a model: a plain number (dimensionless, as in Brian2) or a quantity string; `hint` says how to give other values. */
export function sharedQuantity(path: string, value: unknown, hint: string): Quantity {
  if (typeof value === 'number' && Number.isFinite(value)) return { value, dim: DIMENSIONLESS };
  if (typeof value === 'string') return parseQuantity(path, value);
  return fail('E_PARAM', path, `a shared parameter is a number (dimensionless) or a quantity such as '20 ms' (got ${shown(value)}); ${hint}`);
}
