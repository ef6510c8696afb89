// How much memory a network may take: one 32-bit WebAssembly memory. Populations are checked
// against it from their sizes alone, before any per-neuron value is made, so a network far too
// large is refused at once instead of after building gigabytes of arrays.
import { fail } from '../errors.js';
import type { NetworkDescription } from './description.js';
import type { ModelRegistry } from './neurons/registry.js';
import { isPlainObject } from './plain-data.js';

/** The most a 32-bit WebAssembly memory can hold, less room for the kernel's own data. */
export const MAX_MEMORY_BYTES = 2 ** 32 - 2 ** 20;

export function gib(bytes: number): string {
  return `${(bytes / 2 ** 30).toFixed(2)} GiB`;
}

/**
 * The least the neurons of a description take in the image: per neuron its state variables,
 * each receptor with one delay-ring slot, its spike slot, input currents and per-neuron
 * parameters (4 bytes each). Populations that are not valid yet count for nothing: the
 * builder reports them.
 */
export function leastNeuronBytes(desc: NetworkDescription, models: ModelRegistry): number {
  if (!Array.isArray(desc.populations)) return 0;
  let bytes = 0;
  for (const p of desc.populations) {
    if (!isPlainObject(p) || !Number.isInteger(p.size) || (p.size as number) < 1 || (p.size as number) > 2 ** 28 || !models.names.includes(p.model as string)) continue;
    const model = models.get('', p.model);
    const receptors = isPlainObject(p.params) && isPlainObject(p.params.receptors) ? Object.keys(p.params.receptors).length : 0;
    const words = model.stateVars.length + 2 * receptors + 1 + (model.takesCurrent ? 2 : 0) + model.perNeuronParams.length;
    bytes += Math.ceil((p.size as number) / 4) * 4 * 4 * words;
  }
  return bytes;
}

export function checkNeuronsFit(desc: NetworkDescription, models: ModelRegistry): void {
  const least = leastNeuronBytes(desc, models);
  if (least > MAX_MEMORY_BYTES) {
    fail('E_MEMORY', 'populations', `the neurons alone need at least ${gib(least)} of memory, more than the ${gib(MAX_MEMORY_BYTES)} a 32-bit WebAssembly memory holds`);
  }
}
