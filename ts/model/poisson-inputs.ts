// Poisson inputs (docs/model-format.md, "Poisson inputs"): checked against their populations
// here; the kernel's assembly/synapses/poisson-input.ts draws and delivers their events.
import * as abi from '../../assembly/abi.js';
import { fail, shown } from '../errors.js';
import { checkDelayRange, namedReceptor } from './build-projections.js';
import type { PoissonInputDescription } from './description.js';
import { checkKeys, checkNumber } from './params.js';
import { isPlainObject } from './plain-data.js';
import type { PlannedPopulation } from './plan-population.js';
import { detExp } from './random/detmath.js';
import { findPopulation } from './selection.js';

/** What the image's Poisson-input record holds (abi PI_*). */
export interface PlannedPoissonInput {
  index: number;
  name: string;
  path: string;
  population: number;
  receptor: number;
  /** Steps ahead, at least 1. */
  delaySteps: number;
  /** The weight as the kernel adds it (f32). */
  weight: number;
  /** rate dt: mean events per neuron and step. */
  lambda: number;
  /** exp(-lambda) by detExp, the same bits on every host. */
  expNegLambda: number;
  /** Most events one neuron takes in a step. */
  kMax: number;
}

const POISSON_INPUT_KEYS = ['name', 'population', 'receptor', 'rate', 'weight', 'delay'];

/**
 * The largest count the inversion may return: lambda + 12 sqrt(lambda) + 12, where the tail
 * P(k > kMax) is at most 3.1e-27 for every lambda up to abi.PIN_MAX_LAMBDA; a uniform made from 32
 * bits (steps of 2^-32) never reaches it, so it only bounds a step's work.
 */
export function poissonCountBound(lambda: number): number {
  return Math.ceil(lambda + 12 * Math.sqrt(lambda) + 12);
}

export function planPoissonInputs(given: unknown, populations: readonly PlannedPopulation[], dt: number): PlannedPoissonInput[] {
  if (given === undefined) return [];
  if (!Array.isArray(given)) fail('E_PARAM', 'poissonInputs', `must be an array (got ${shown(given)})`);
  return given.map((desc: unknown, index) => {
    const path = `poissonInputs[${index}]`;
    if (!isPlainObject(desc)) fail('E_PARAM', path, `must be an object such as { population, receptor, rate, weight, delay } (got ${shown(desc)})`);
    checkKeys(path, desc, POISSON_INPUT_KEYS);
    const d = desc as unknown as PoissonInputDescription;
    if (d.name !== undefined && typeof d.name !== 'string') fail('E_PARAM', `${path}.name`, `must be text (got ${shown(d.name)})`);
    const target = findPopulation(`${path}.population`, d.population, populations);
    if (target.model.equations) fail('E_MODEL', `${path}.population`, `population '${target.name}' is written as equations; Poisson inputs deliver into a built-in model's receptor (connect a poisson population to it instead)`);
    const { receptor, weightUnit, conductance } = namedReceptor(path, `${path}.population`, d.receptor, target);
    const rate = checkNumber(`${path}.rate`, d.rate, 'nonnegative', 'Hz');
    const lambda = rate * dt;
    if (lambda > abi.PIN_MAX_LAMBDA) fail('E_PARAM', `${path}.rate`, `rate * dt is ${lambda} events per neuron and step, above ${abi.PIN_MAX_LAMBDA}: use a shorter dt or a larger weight at a lower rate`);
    const weight = Math.fround(checkNumber(`${path}.weight`, d.weight, conductance ? 'nonnegative' : 'any', weightUnit));
    if (!Number.isFinite(weight)) fail('E_PARAM', `${path}.weight`, `is beyond the f32 range the kernel stores (got ${shown(d.weight)})`);
    const delay = checkNumber(`${path}.delay`, d.delay ?? dt, 'positive', 's');
    checkDelayRange(`${path}.delay`, delay, delay, dt);
    return {
      index,
      name: d.name ?? `poissonInput${index}`,
      path,
      population: target.index,
      receptor,
      delaySteps: Math.round(delay / dt),
      weight,
      lambda,
      expNegLambda: detExp(-lambda),
      kMax: poissonCountBound(lambda),
    };
  });
}
