import { SpikewasmError } from '../../ts/errors.js';
import { buildNetwork } from '../../ts/layout/build.js';
import { resolveInputs } from '../../ts/model/inputs.js';
import { planPoissonInputs } from '../../ts/model/poisson-inputs.js';
import { resolveMonitors } from '../../ts/model/monitors.js';
import { planPopulation, POPULATION_KEYS, type PlannedPopulation } from '../../ts/model/plan-population.js';
import { isPlainObject, plainCopy } from '../../ts/model/plain-data.js';
import { ModelRegistry } from '../../ts/model/neurons/registry.js';
import { planProjection, type PlannedProjection } from '../../ts/model/build-projections.js';
import { NETWORK_KEYS, type NetworkDescription } from '../../ts/model/description.js';
import { checkInteger, checkKeys, checkNumber } from '../../ts/model/params.js';
import { checkModulators } from '../../ts/model/plasticity.js';
import { seedKey } from '../../ts/model/random/philox.js';
import { currentVersion } from '../../ts/model/versions.js';
import { findPopulation } from '../../ts/model/selection.js';

/**
 * Every error the loader finds in a description, not just the first: the loader's own checks
 * (the same functions buildNetwork calls), run item by item so that one broken population,
 * projection, input or monitor does not hide the next. Items that refer to populations are
 * checked only once every population is valid (their references could not be resolved), and
 * weights monitors once every projection is.
 * Nothing per neuron or per synapse is allocated; the synapses are counted (drawn without being
 * kept), as building counts them, so a file is valid exactly when it builds.
 */
export function modelErrors(given: NetworkDescription): SpikewasmError[] {
  const errors: SpikewasmError[] = [];
  const attempt = <T>(check: () => T): T | undefined => {
    try {
      return check();
    } catch (e) {
      if (!(e instanceof SpikewasmError)) throw e;
      errors.push(e);
      return undefined;
    }
  };
  // Valid is what builds: planned, memory checked, synapses counted (nothing is allocated).
  const valid = attempt(() => buildNetwork(given) !== undefined);
  if (valid) return [];
  const first = errors.pop()!;
  if (given === null || typeof given !== 'object' || Array.isArray(given)) return [first];
  // What is not plain data (holes, functions, deep nesting) is the first error, and the only one.
  const desc = attempt(() => currentVersion(plainCopy('', given)));
  if (!desc) return errors;

  attempt(() => checkKeys('', desc, NETWORK_KEYS));
  // With a broken dt, go on with the default one, so the items are still checked.
  const dt = attempt(() => checkNumber('dt', desc.dt, 'positive')) ?? 1e-4;
  const key = seedKey(attempt(() => checkInteger('seed', desc.seed ?? 0, 0)) ?? 0);
  const models = new ModelRegistry();
  const pops = Array.isArray(desc.populations) ? desc.populations.map((p, i) => {
    // Settings that do not depend on each other are checked each on its own first, so that one
    // does not hide another; the population is planned once they hold.
    const path = `populations[${i}]`;
    const before = errors.length;
    if (isPlainObject(p)) {
      attempt(() => checkKeys(path, p, POPULATION_KEYS));
      attempt(() => checkInteger(`${path}.size`, p.size, 1, 2 ** 28));
      attempt(() => models.get(`${path}.model`, p.model));
    }
    return errors.length > before ? undefined : attempt(() => planPopulation(p, i, dt, key, models));
  }) : [];
  if (pops.length > 0 && pops.every((p) => p !== undefined)) {
    const built = pops as PlannedPopulation[];
    const projections = Array.isArray(desc.projections) ? desc.projections : [];
    const modulators = attempt(() => checkModulators(desc.modulators, dt, (path, ref) => findPopulation(path, ref, built).index)) ?? [];
    const modulatorNames = modulators.map((m) => m.name);
    const plans = projections.map((j, i) => attempt(() => planProjection(j, i, built, dt, modulatorNames)));
    // One item at a time, at its own index: the resolvers skip the holes of a sparse array.
    const alone = <T>(list: T[], k: number): T[] => Object.assign(new Array<T>(k + 1), { [k]: list[k] });
    const inputs = Array.isArray(desc.inputs) ? desc.inputs : [];
    inputs.forEach((_, k) => attempt(() => resolveInputs(alone(inputs, k), built, dt)));
    const poissonInputs = Array.isArray(desc.poissonInputs) ? desc.poissonInputs : [];
    poissonInputs.forEach((_, k) => attempt(() => planPoissonInputs(alone(poissonInputs, k), built, dt)));
    // Weights monitors name projections: checked once every projection is valid.
    const allPlans = plans.every((j) => j !== undefined);
    const monitors = Array.isArray(desc.monitors) ? desc.monitors : [];
    monitors.forEach((m, k) => (allPlans || m?.type !== 'weights') && attempt(() => resolveMonitors(alone(monitors, k), built, plans as PlannedProjection[], dt)));
  }
  // What only the whole description shows (duplicate names, memory) is the first error itself.
  if (!errors.some((e) => e.message === first.message)) errors.push(first);
  return errors;
}
