import { fail, shown } from '../errors.js';
import { valueIn } from '../equations/units.js';
import type { ReceptorDescription, ValueSpec } from './description.js';

export type Range = 'positive' | 'nonnegative' | 'any';

export interface ParamRule {
  unit: string;
  /** Used when the parameter is absent; no default makes it required. */
  default?: number;
  range: Range;
  /** Accepts one value per neuron (an array or a distribution), not only one number. */
  perNeuron?: boolean;
  /** What it is, with its unit, for the JSON Schema and error messages' readers. */
  doc: string;
}

/** A parameter that names one of a few choices (required). */
export interface OptionRule {
  choices: readonly string[];
  doc: string;
}

export type ParamRules = Record<string, ParamRule>;

/** Parameters after validation: numbers, or value specs for per-neuron parameters. */
export interface ResolvedParams {
  scalars: Record<string, number>;
  perNeuron: Record<string, ValueSpec>;
  receptors: ResolvedReceptor[];
  /** Model options that are not numbers (e.g. the izhikevich scheme). */
  options: Record<string, string>;
}

export interface ResolvedReceptor {
  name: string;
  tau: number;
  eRev: number;
}

/** Refuses keys an object may not have, so a misspelt setting is an error, not a silent default. */
export function checkKeys(path: string, value: object, allowed: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) fail('E_PARAM', path ? `${path}.${key}` : key, `is not a setting here (known: ${allowed.join(', ')})`);
  }
}

/** The longest delay in steps: delay cells (abi J_D) are at most u16. */
export const MAX_DELAY_STEPS = 0xffff;

/**
 * A number in range; `unit` (a rule's unit: 's', 'V', 'mV', '1/ms') lets it be given as a
 * quantity string ('20 ms'), converted to that unit.
 */
export function checkNumber(path: string, value: unknown, range: Range, unit?: string): number {
  value = valueIn(path, value, unit);
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    fail('E_PARAM', path, `must be a finite number (got ${shown(value)})`);
  }
  if (range === 'positive' && !(value > 0)) fail('E_PARAM', path, `must be > 0 (got ${shown(value)})`);
  if (range === 'nonnegative' && !(value >= 0)) fail('E_PARAM', path, `must be >= 0 (got ${shown(value)})`);
  return value;
}

/** A number the kernel stores as f32: finite after rounding to f32 too. */
export function checkF32(path: string, value: unknown, range: Range): number {
  const x = checkNumber(path, value, range);
  if (!Number.isFinite(Math.fround(x))) fail('E_PARAM', path, `is beyond the f32 range the kernel stores (got ${x})`);
  return x;
}

export function checkInteger(path: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail('E_PARAM', path, `must be an integer in [${min}, ${max}] (got ${shown(value)})`);
  }
  return value;
}

/** Checks a value spec's shape and numbers (not its length, which depends on the use). */
export function checkValueSpec(path: string, spec: unknown, range: Range, unit?: string): ValueSpec {
  if (typeof spec === 'number' || typeof spec === 'string') return checkNumber(path, spec, range, unit);
  if (ArrayBuffer.isView(spec) && !(spec instanceof DataView)) spec = Array.from(spec as unknown as ArrayLike<number>);
  if (Array.isArray(spec)) return spec.map((x, i) => checkNumber(`${path}[${i}]`, x, range, unit));
  if (spec !== null && typeof spec === 'object') {
    const o = spec as Record<string, unknown>;
    checkKeys(path, o, Object.hasOwn(o, 'uniform') ? ['uniform'] : ['normal']);
    if (Object.hasOwn(o, 'uniform')) {
      const u = o.uniform;
      if (!Array.isArray(u) || u.length !== 2) fail('E_PARAM', `${path}.uniform`, `must be [low, high] (got ${shown(u)})`);
      const lo = checkNumber(`${path}.uniform[0]`, u[0], range, unit);
      const hi = checkNumber(`${path}.uniform[1]`, u[1], range, unit);
      if (!(hi >= lo)) fail('E_PARAM', `${path}.uniform`, `high must be >= low (got ${shown(u)})`);
      return { uniform: [lo, hi] };
    }
    if (Object.hasOwn(o, 'normal')) {
      const n = o.normal as Record<string, unknown> | null;
      if (n === null || typeof n !== 'object') fail('E_PARAM', `${path}.normal`, `must be {mean, std, min?, max?}`);
      checkKeys(`${path}.normal`, n, ['mean', 'std', 'min', 'max']);
      const mean = checkNumber(`${path}.normal.mean`, n.mean, 'any', unit);
      const std = checkNumber(`${path}.normal.std`, n.std, 'nonnegative', unit);
      const min = n.min === undefined ? undefined : checkNumber(`${path}.normal.min`, n.min, 'any', unit);
      const max = n.max === undefined ? undefined : checkNumber(`${path}.normal.max`, n.max, 'any', unit);
      if (range !== 'any' && min === undefined) {
        fail('E_PARAM', `${path}.normal.min`, `is required: the value must stay ${range === 'positive' ? '> 0' : '>= 0'}`);
      }
      if (min !== undefined) checkNumber(`${path}.normal.min`, min, range);
      if (min !== undefined && max !== undefined && !(max >= min)) {
        fail('E_PARAM', `${path}.normal`, `max must be >= min (got ${min}, ${max})`);
      }
      return { normal: { mean, std, ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) } };
    }
  }
  return fail('E_PARAM', path, `must be a number, an array of numbers, {uniform: [lo, hi]} or {normal: {mean, std}} (got ${shown(spec)})`);
}

export interface ReceptorRules {
  /** Whether tau 0 (a delta synapse) is allowed. */
  allowDelta: boolean;
  /** Whether each receptor needs a reversal potential. */
  needsReversal: boolean;
}

/** Validates a parameter object against its rules; unknown names are errors. */
export function resolveParams(
  path: string,
  params: Record<string, unknown> | undefined,
  rules: ParamRules,
  receptorRules: ReceptorRules | null,
  options: Record<string, OptionRule> = {},
): ResolvedParams {
  const given = params ?? {};
  if (typeof given !== 'object' || Array.isArray(given)) fail('E_PARAM', path, `must be an object (got ${shown(given)})`);
  const out: ResolvedParams = { scalars: {}, perNeuron: {}, receptors: [], options: {} };
  for (const key of Object.keys(given)) {
    if (!Object.hasOwn(rules, key) && !Object.hasOwn(options, key) && !(key === 'receptors' && receptorRules)) {
      const known = [...Object.keys(rules), ...Object.keys(options), ...(receptorRules ? ['receptors'] : [])];
      fail('E_PARAM', `${path}.${key}`, `is not a parameter of this model (known: ${known.join(', ')})`);
    }
  }
  for (const [name, rule] of Object.entries(rules)) {
    const p = `${path}.${name}`;
    let value = given[name];
    if (value === undefined) {
      if (rule.default === undefined) fail('E_PARAM', p, `is required (${rule.unit})`);
      value = rule.default;
    }
    if (rule.perNeuron) out.perNeuron[name] = checkValueSpec(p, value, rule.range, rule.unit);
    else out.scalars[name] = checkNumber(p, value, rule.range, rule.unit);
  }
  for (const [name, { choices }] of Object.entries(options)) {
    const value = given[name];
    if (typeof value !== 'string' || !choices.includes(value)) {
      fail('E_PARAM', `${path}.${name}`, `must be one of ${choices.map((c) => JSON.stringify(c)).join(', ')} (got ${shown(value)})`);
    }
    out.options[name] = value;
  }
  if (receptorRules) out.receptors = resolveReceptors(`${path}.receptors`, given.receptors, receptorRules);
  return out;
}

function resolveReceptors(path: string, value: unknown, rules: ReceptorRules): ResolvedReceptor[] {
  if (value === undefined) return [];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    fail('E_PARAM', path, `must map receptor names to {tau${rules.needsReversal ? ', eRev' : ''}} (got ${shown(value)})`);
  }
  const receptors = Object.entries(value as Record<string, ReceptorDescription>).map(([name, r]) => {
    const p = `${path}.${name}`;
    if (r === null || typeof r !== 'object') fail('E_PARAM', p, `must be {tau${rules.needsReversal ? ', eRev' : ''}} (got ${shown(r)})`);
    for (const key of Object.keys(r)) {
      if (key !== 'tau' && !(key === 'eRev' && rules.needsReversal)) fail('E_PARAM', `${p}.${key}`, 'is not a receptor setting of this model');
    }
    const tau = checkNumber(`${p}.tau`, r.tau, rules.allowDelta ? 'nonnegative' : 'positive', 's');
    const eRev = rules.needsReversal ? checkNumber(`${p}.eRev`, r.eRev, 'any', 'V') : 0;
    return { name, tau, eRev };
  });
  // Decaying receptors first: kernels then loop over them without testing for delta ones.
  return [...receptors.filter((r) => r.tau > 0), ...receptors.filter((r) => r.tau === 0)];
}

/** Steps a duration lasts, rounded to the nearest whole step. */
export function toSteps(seconds: number, dt: number): number {
  return Math.round(seconds / dt);
}
