import { fail, shown } from '../errors.js';
import type { Selection } from './description.js';
import type { PlannedPopulation } from './plan-population.js';
import { checkKeys } from './params.js';

export interface ResolvedSelection {
  population: number;
  start: number;
  stop: number;
}

/** Finds a population by name or index. */
export function findPopulation(path: string, ref: unknown, pops: readonly PlannedPopulation[]): PlannedPopulation {
  if (typeof ref === 'number' && Number.isInteger(ref) && ref >= 0 && ref < pops.length) return pops[ref]!;
  if (typeof ref === 'string') {
    const found = pops.find((p) => p.name === ref);
    if (found) return found;
  }
  return fail('E_INDEX', path, `no population ${shown(ref)} (have: ${pops.map((p) => p.name).join(', ')})`);
}

export function resolveSelection(path: string, sel: Selection, pops: readonly PlannedPopulation[]): ResolvedSelection {
  if (sel === null || typeof sel !== 'object') fail('E_PARAM', path, `must be {population, start?, stop?} (got ${shown(sel)})`);
  checkKeys(path, sel, ['population', 'start', 'stop']);
  const pop = findPopulation(`${path}.population`, sel.population, pops);
  const start = sel.start ?? 0;
  const stop = sel.stop ?? pop.size;
  if (!Number.isInteger(start) || !Number.isInteger(stop) || start < 0 || stop > pop.size || start >= stop) {
    fail('E_INDEX', path, `slice [${shown(start)}, ${shown(stop)}) is not a non-empty range within [0, ${pop.size})`);
  }
  return { population: pop.index, start, stop };
}
