// Checks a projection's plasticity and short-term plasticity settings and derives what the
// kernels read (assembly/plasticity/): flags, amplitudes, f64 trace decays, delays in steps.
import * as abi from '../../assembly/abi.js';
import { fail, shown } from '../errors.js';
import type { ModulatorDescription, PlasticityDescription, StpDescription } from './description.js';
import { checkF32, checkKeys, checkNumber, MAX_DELAY_STEPS } from './params.js';
import { detExp } from './random/detmath.js';

export interface ResolvedPlasticity {
  /** 'equations': a synapse model written as equations (KF_PROGRAM). */
  rule: PlasticityDescription['rule'] | 'equations';
  flags: number;
  aPlus: number;
  aMinus: number;
  a3Plus: number;
  a3Minus: number;
  wMin: number;
  wMax: number;
  learningRate: number;
  preOffset: number;
  /** Time constants (s) of the traces r1, o1, r2, o2; 0 for a trace the rule does not use. */
  tauPlus: number;
  tauMinus: number;
  tauX: number;
  tauY: number;
  /** Fade tables of r1, o1, r2, o2 (see fadeTable). */
  fades: { values: Float64Array; limit: number }[];
  dendriticSteps: number;
  /** The projection's (longest) delay less its dendritic part (at least one step). */
  axonalSteps: number;
  /** Modulator index, or -1. */
  modulator: number;
  eligibilityDecay: number;
  /** Steps between scaling passes, 0 for none. */
  scalingEvery: number;
  scalingTarget: number;
  /** eta * interval (s). */
  scalingEta: number;
  rateGain: number;
  rateDecay: number;
  /** Delay plasticity (abi K_DL_*), or null when the delays stay as drawn. */
  delayLearning: ResolvedDelayLearning | null;
}

export interface ResolvedDelayLearning {
  rate: number;
  windowSteps: number;
  minSteps: number;
  maxSteps: number;
  /** The longest delay in seconds (the history and rings are sized for it). */
  max: number;
}

export interface ResolvedStp {
  U: number;
  rateRec: number;
  rateFacil: number;
}

/** Steps a fade table may cover (40 tau): 2^24 steps, a table of 17 kB. */
export const MAX_FADE_STEPS = 2 ** 24;

const COMMON = ['rule', 'wMin', 'wMax', 'learningRate', 'dendriticDelay', 'modulator', 'tauC', 'scaling', 'delays'];
const RULE_KEYS: Record<string, string[]> = {
  stdp: ['aPlus', 'aMinus', 'tauPlus', 'tauMinus', 'weightDependence', 'pairing', 'symmetric'],
  triplet: ['a2Plus', 'a3Plus', 'a2Minus', 'a3Minus', 'tauPlus', 'tauMinus', 'tauX', 'tauY'],
  vogels_sprekeler: ['eta', 'tau', 'targetRate'],
  none: [],
};

function choice<T extends string>(path: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value as T)) fail('E_PARAM', path, `must be one of ${allowed.map((a) => `"${a}"`).join(', ')} (got ${shown(value)})`);
  return value as T;
}

/**
 * @param delaySteps the projection's delay in steps (its shortest, with per-synapse delays)
 * @param modulators names of the network's modulators, in order
 */
export function checkPlasticity(path: string, desc: PlasticityDescription, dt: number, delaySteps: number, modulators: readonly string[]): ResolvedPlasticity {
  const rule = checkRule(path, desc, dt, delaySteps, modulators);
  return { ...rule, fades: [rule.tauPlus, rule.tauMinus, rule.tauX, rule.tauY].map((tau) => fadeTable(tau, dt)) };
}

/**
 * The plasticity block of a projection whose synapses follow a model written as equations:
 * its event-driven decays in the fade tables, and no built-in rule (the kernel runs the model's
 * programs instead, assembly/plasticity/synapse-program.ts).
 */
export function programPlasticity(taus: readonly number[], dt: number, dendriticSteps: number, axonalSteps: number, synapseDelays: boolean): ResolvedPlasticity {
  const tau = (t: number) => taus[t] ?? 0;
  return {
    rule: 'equations', flags: abi.KF_PROGRAM | (synapseDelays ? abi.KF_SYNAPSE_DELAYS : 0),
    aPlus: 0, aMinus: 0, a3Plus: 0, a3Minus: 0, wMin: -Infinity, wMax: Infinity, learningRate: 1, preOffset: 0,
    tauPlus: tau(0), tauMinus: tau(1), tauX: tau(2), tauY: tau(3),
    fades: [0, 1, 2, 3].map((t) => fadeTable(tau(t), dt)),
    dendriticSteps, axonalSteps, modulator: -1, eligibilityDecay: 0, ...checkScaling('', undefined, dt), delayLearning: null,
  };
}

function checkRule(path: string, desc: PlasticityDescription, dt: number, delaySteps: number, modulators: readonly string[]): Omit<ResolvedPlasticity, 'fades'> {
  if (desc === null || typeof desc !== 'object') fail('E_PARAM', path, `must be an object (got ${shown(desc)})`);
  const rule = desc.rule;
  if (typeof rule !== 'string' || !Object.hasOwn(RULE_KEYS, rule)) {
    fail('E_PARAM', `${path}.rule`, `unknown plasticity rule ${shown(rule)} (known: ${Object.keys(RULE_KEYS).join(', ')})`);
  }
  checkKeys(path, desc, [...COMMON, ...RULE_KEYS[rule]!]);
  const o = desc as unknown as Record<string, unknown>;
  const num = (key: string, range: 'positive' | 'nonnegative' | 'any', fallback?: number) =>
    o[key] === undefined && fallback !== undefined ? fallback : checkF32(`${path}.${key}`, o[key], range);
  const decay = (key: string) => detExp(-dt / num(key, 'positive'));

  // A rule that changes only delays leaves the weights as drawn: no bounds needed.
  const delaysOnly = rule === 'none' && o.scaling === undefined && o.delays !== undefined;
  const wMax = num('wMax', 'any', delaysOnly ? Infinity : undefined);
  const wMin = num('wMin', 'any', delaysOnly ? -Infinity : 0);
  if (!(wMin <= wMax)) fail('E_PARAM', `${path}.wMin`, `must be <= wMax (${wMin} > ${wMax})`);
  const learningRate = num('learningRate', 'nonnegative', 1);
  const dendritic = num('dendriticDelay', 'nonnegative', 0);
  const dendriticSteps = Math.round(dendritic / dt);
  if (dendriticSteps > delaySteps - 1) {
    fail('E_PARAM', `${path}.dendriticDelay`, `leaves less than one step of axonal delay (${dendriticSteps} of ${delaySteps} steps)`);
  }
  let modulator = -1;
  let eligibilityDecay = 0;
  if (o.modulator !== undefined) {
    modulator = modulators.indexOf(o.modulator as string);
    if (modulator < 0) fail('E_MODEL', `${path}.modulator`, `no modulator ${shown(o.modulator)} (have: ${modulators.join(', ') || 'none'})`);
    eligibilityDecay = decay('tauC');
  } else if (o.tauC !== undefined) {
    fail('E_PARAM', `${path}.tauC`, 'sets an eligibility trace, which needs a modulator');
  }
  const common = {
    rule, wMin, wMax, learningRate, dendriticSteps, axonalSteps: delaySteps - dendriticSteps, modulator, eligibilityDecay,
    ...checkScaling(`${path}.scaling`, o.scaling, dt),
    delayLearning: o.delays === undefined ? null : checkDelayLearning(`${path}.delays`, o.delays, dt, dendriticSteps),
  };
  const noPairs = { aPlus: 0, aMinus: 0, a3Plus: 0, a3Minus: 0, preOffset: 0, tauPlus: 0, tauMinus: 0, tauX: 0, tauY: 0 };
  // Trace fade tables cover 40 tau (fadeTable): keep them small and their step counts in range.
  const tau = (key: string) => {
    const t = num(key, 'positive');
    if (40 * t / dt > MAX_FADE_STEPS) fail('E_PARAM', `${path}.${key}`, `trace time constant too long: at most ${MAX_FADE_STEPS / 40} steps (got ${t} s with dt ${dt} s)`);
    return t;
  };
  if (rule === 'none') {
    if (o.scaling === undefined && o.delays === undefined) fail('E_PARAM', `${path}.scaling`, 'rule "none" needs scaling or delays (it has nothing else to do)');
    return { ...common, ...noPairs, flags: abi.KF_NO_PAIRS };
  }

  if (rule === 'stdp') {
    const dependence = choice(`${path}.weightDependence`, o.weightDependence, ['additive', 'multiplicative'], 'additive');
    const pairing = choice(`${path}.pairing`, o.pairing, ['all_to_all', 'nearest'], 'all_to_all');
    if (o.symmetric !== undefined && typeof o.symmetric !== 'boolean') fail('E_PARAM', `${path}.symmetric`, `must be true or false (got ${shown(o.symmetric)})`);
    const flags = (dependence === 'multiplicative' ? abi.KF_MULTIPLICATIVE : 0) | (pairing === 'nearest' ? abi.KF_NEAREST : 0)
      | (o.symmetric ? abi.KF_SYMMETRIC : 0);
    return {
      ...common, flags, aPlus: num('aPlus', 'nonnegative'), aMinus: num('aMinus', 'nonnegative'), a3Plus: 0, a3Minus: 0, preOffset: 0,
      tauPlus: tau('tauPlus'), tauMinus: tau('tauMinus'), tauX: 0, tauY: 0,
    };
  }
  if (rule === 'triplet') {
    return {
      ...common, flags: abi.KF_TRIPLET,
      aPlus: num('a2Plus', 'nonnegative'), a3Plus: num('a3Plus', 'nonnegative'),
      aMinus: num('a2Minus', 'nonnegative'), a3Minus: num('a3Minus', 'nonnegative', 0), preOffset: 0,
      tauPlus: tau('tauPlus'), tauMinus: tau('tauMinus'), tauX: tau('tauX'), tauY: tau('tauY'),
    };
  }
  // Vogels & Sprekeler (2011): pre spike w += eta (x_post - alpha), post spike w += eta x_pre,
  // alpha = 2 targetRate tau: a symmetric pair rule plus a fixed change per presynaptic spike.
  const eta = num('eta', 'nonnegative');
  const traceTau = tau('tau');
  const alpha = 2 * num('targetRate', 'nonnegative') * traceTau;
  return {
    ...common, flags: abi.KF_SYMMETRIC, aPlus: eta, aMinus: eta, a3Plus: 0, a3Minus: 0, preOffset: -eta * alpha,
    tauPlus: traceTau, tauMinus: traceTau, tauX: 0, tauY: 0,
  };
}

function checkDelayLearning(path: string, value: unknown, dt: number, dendriticSteps: number): ResolvedDelayLearning {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail('E_PARAM', path, `must be {rate, window, min, max} (got ${shown(value)})`);
  checkKeys(path, value, ['rate', 'window', 'min', 'max']);
  const d = value as Record<string, unknown>;
  const rate = checkF32(`${path}.rate`, d.rate, 'positive');
  if (rate > 1) fail('E_PARAM', `${path}.rate`, `is the fraction of the timing error one pairing removes: at most 1 (got ${rate})`);
  const steps = (key: string) => Math.round(checkNumber(`${path}.${key}`, d[key], 'positive', 's') / dt);
  const windowSteps = steps('window');
  if (windowSteps < 1) fail('E_PARAM', `${path}.window`, `must be at least one step (got ${shown(d.window)} s with dt ${dt} s)`);
  const [minSteps, maxSteps] = [steps('min'), steps('max')];
  if (minSteps < dendriticSteps + 1) fail('E_PARAM', `${path}.min`, `must leave at least one step of axonal delay (${minSteps} steps, dendritic part ${dendriticSteps})`);
  if (maxSteps < minSteps) fail('E_PARAM', `${path}.max`, `must be at least min (${maxSteps} < ${minSteps} steps)`);
  if (maxSteps > MAX_DELAY_STEPS) fail('E_PARAM', `${path}.max`, `must be at most ${MAX_DELAY_STEPS} steps (got ${maxSteps} with dt ${dt} s)`);
  if (windowSteps > 2 ** 31 - 1) fail('E_PARAM', `${path}.window`, `must be at most 2^31 - 1 steps (got ${windowSteps})`);
  return { rate, windowSteps, minSteps, maxSteps, max: maxSteps * dt };
}

function checkScaling(path: string, value: unknown, dt: number) {
  if (value === undefined) return { scalingEvery: 0, scalingTarget: 0, scalingEta: 0, rateGain: 0, rateDecay: 0 };
  if (value === null || typeof value !== 'object') fail('E_PARAM', path, 'must be {targetRate, tau, eta, interval?}');
  checkKeys(path, value, ['targetRate', 'tau', 'eta', 'interval']);
  const s = value as Record<string, unknown>;
  const tau = checkNumber(`${path}.tau`, s.tau, 'positive', 's');
  const interval = checkNumber(`${path}.interval`, s.interval ?? 1, 'positive', 's');
  const every = Math.round(interval / dt);
  if (every < 1) fail('E_PARAM', `${path}.interval`, `must be at least one step (got ${interval} s with dt ${dt} s)`);
  if (every > 2 ** 31 - 1) fail('E_PARAM', `${path}.interval`, `must be at most 2^31 - 1 steps (got ${interval} s with dt ${dt} s)`);
  return {
    scalingEvery: every,
    scalingTarget: checkNumber(`${path}.targetRate`, s.targetRate, 'nonnegative', 'Hz'),
    scalingEta: checkNumber(`${path}.eta`, s.eta, 'nonnegative') * every * dt,
    rateGain: 1 / tau,
    rateDecay: detExp(-dt / tau),
  };
}

/**
 * The fade table of a trace with time constant tau (abi.ts, K_FADE_*): exp(-k dt/tau) is
 * lo[k & (FADE_LO - 1)] * hi[k >> FADE_SHIFT] for k below `limit` = FADE_LO * hi.length steps,
 * which covers 40 tau (exp(-40) = 4e-18: nothing a trace of f32 changes can feel); tau 0 gives
 * an empty table.
 */
export function fadeTable(tau: number, dt: number): { values: Float64Array; limit: number } {
  if (tau === 0) return { values: new Float64Array(0), limit: 0 };
  const hi = Math.max(1, Math.ceil((40 * tau) / dt / abi.FADE_LO));
  const values = new Float64Array(abi.FADE_LO + hi);
  for (let j = 0; j < abi.FADE_LO; j++) values[j] = detExp((-j * dt) / tau);
  for (let m = 0; m < hi; m++) values[abi.FADE_LO + m] = detExp((-m * abi.FADE_LO * dt) / tau);
  return { values, limit: abi.FADE_LO * hi };
}

export function checkStp(path: string, desc: StpDescription, dt: number): ResolvedStp {
  if (desc === null || typeof desc !== 'object') fail('E_PARAM', path, `must be an object (got ${shown(desc)})`);
  checkKeys(path, desc, ['U', 'tauRec', 'tauFacil']);
  const U = checkNumber(`${path}.U`, desc.U, 'positive');
  if (U > 1) fail('E_PARAM', `${path}.U`, `must be in (0, 1] (got ${U})`);
  const tauFacil = checkNumber(`${path}.tauFacil`, desc.tauFacil ?? 0, 'nonnegative', 's');
  return { U, rateRec: dt / checkNumber(`${path}.tauRec`, desc.tauRec, 'positive', 's'), rateFacil: tauFacil > 0 ? dt / tauFacil : 0 };
}

export interface ResolvedModulator {
  name: string;
  decay: number;
  initial: number;
  baseline: number;
  source: number;
  gain: number;
  /** Its further sources (an astrocyte's), applied after the first in this order. */
  drives: { source: number; gain: number }[];
}

export function checkModulators(
  list: unknown,
  dt: number,
  findPopulation: (path: string, ref: unknown) => number,
): ResolvedModulator[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) fail('E_PARAM', 'modulators', 'must be an array');
  const names = new Set<string>();
  return list.map((m: ModulatorDescription, k): ResolvedModulator => {
    const path = `modulators[${k}]`;
    if (m === null || typeof m !== 'object') fail('E_PARAM', path, `must be an object (got ${shown(m)})`);
    checkKeys(path, m, ['name', 'tau', 'initial', 'baseline', 'source']);
    if (typeof m.name !== 'string' || m.name === '') fail('E_PARAM', `${path}.name`, `must be a non-empty string (got ${shown(m.name)})`);
    if (names.has(m.name)) fail('E_PARAM', `${path}.name`, `duplicate modulator name ${shown(m.name)}`);
    names.add(m.name);
    // One source, or a list of them (an astrocyte integrating several populations with signed gains).
    const listed = Array.isArray(m.source);
    const sources = (m.source === undefined ? [] : listed ? m.source : [m.source]) as unknown[];
    if (listed && sources.length === 0) fail('E_PARAM', `${path}.source`, 'must list at least one {population, gain}');
    const drives = sources.map((given, i) => {
      const at = listed ? `${path}.source[${i}]` : `${path}.source`;
      if (given === null || typeof given !== 'object') fail('E_PARAM', at, `must be {population, gain} (got ${shown(given)})`);
      checkKeys(at, given, ['population', 'gain']);
      const s = given as { population: unknown; gain: unknown };
      return { source: findPopulation(`${at}.population`, s.population), gain: checkNumber(`${at}.gain`, s.gain, 'any') };
    });
    const first = drives.shift() ?? { source: -1, gain: 0 };
    return {
      name: m.name,
      decay: detExp(-dt / checkNumber(`${path}.tau`, m.tau, 'positive', 's')),
      initial: checkNumber(`${path}.initial`, m.initial ?? 0, 'any'),
      baseline: checkNumber(`${path}.baseline`, m.baseline ?? 0, 'any'),
      source: first.source,
      gain: first.gain,
      drives,
    };
  });
}
