// Parameter values that are valid but look like a unit mistake: a tauM of 20 (20 s, where
// 20 ms was meant) or a vRest of -70 (-70 V). Every built-in model but izhikevich takes SI
// units, so the milli-, pico- or nano- a user had in mind is a thousand times or more off.
// `spikewasm validate` reports these as warnings; they never stop a model from loading.
import { SpikewasmError } from '../errors.js';
import type { NetworkDescription } from './description.js';
import { ModelRegistry } from './neurons/registry.js';
import { isPlainObject } from './plain-data.js';
import { checkNumber } from './params.js';

export interface UnitWarning {
  path: string;
  message: string;
}

/** Per SI unit: the largest magnitude a neuron model's parameter plausibly has, and what was likely meant. */
const PLAUSIBLE: Record<string, { most: number; meant: string; scale: number }> = {
  s: { most: 1, meant: 'ms', scale: 1e-3 },
  V: { most: 1, meant: 'mV', scale: 1e-3 },
  F: { most: 1e-6, meant: 'pF', scale: 1e-12 },
  S: { most: 1e-3, meant: 'nS', scale: 1e-9 },
  A: { most: 1e-6, meant: 'pA', scale: 1e-12 },
};

export function unitWarnings(desc: NetworkDescription, models = new ModelRegistry()): UnitWarning[] {
  const warnings: UnitWarning[] = [];
  const check = (path: string, value: unknown, unit: string | undefined) => {
    const p = unit === undefined ? undefined : PLAUSIBLE[unit];
    if (p === undefined) return;
    let x: number;
    try {
      x = checkNumber(path, value, 'any', unit);
    } catch (e) {
      if (e instanceof SpikewasmError) return; // an error, which validate reports as such
      throw e;
    }
    if (Math.abs(x) > p.most) {
      warnings.push({ path, message: `${x} ${unit} looks like a unit mistake: values are in ${unit}; for ${x} ${p.meant} write ${Number((x * p.scale).toPrecision(12))} or "${x} ${p.meant}"` });
    }
  };
  (desc.populations ?? []).forEach((pop, k) => {
    if (!isPlainObject(pop) || typeof pop.model !== 'string' || !models.names.includes(pop.model) || !isPlainObject(pop.params)) return;
    const model = models.get('', pop.model);
    for (const [key, value] of Object.entries(pop.params)) {
      const path = `populations[${k}].params.${key}`;
      if (key === 'receptors' && isPlainObject(value)) {
        for (const [name, r] of Object.entries(value)) {
          if (!isPlainObject(r)) continue;
          // A receptor's tau is in seconds for every model, izhikevich included.
          check(`${path}.${name}.tau`, r.tau, 's');
          if (r.eRev !== undefined) check(`${path}.${name}.eRev`, r.eRev, 'V');
        }
      } else if (typeof value === 'number' || typeof value === 'string') {
        check(path, value, model.rules[key]?.unit);
      }
    }
  });
  return warnings;
}
