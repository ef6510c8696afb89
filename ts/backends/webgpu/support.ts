import * as abi from '../../../assembly/abi.js';
import { SpikewasmError } from '../../errors.js';
import { modelNames, neuronModel } from '../../model/neurons/index.js';
import type { ImageTables } from './tables.js';

/** Models with a WGSL program (shaders/*.wgsl); the others fail to load rather than run wrong. */
export const gpuModels = new Map<number, string>([
  [abi.M_LIF, 'lif'],
  [abi.M_ALIF, 'lif'],
  [abi.M_LIF_COND, 'lif-cond'],
  [abi.M_ADEX, 'adex'],
  [abi.M_IZHIKEVICH, 'izhikevich'],
  [abi.M_POISSON, 'poisson'],
  [abi.M_SPIKE_SOURCE, 'spike-source'],
]);

function modelName(id: number): string {
  return modelNames.find((name) => neuronModel('', name).id === id) ?? `model id ${id}`;
}

/** Throws E_MODEL naming the first population model the webgpu backend lacks. */
export function checkSupported(tables: ImageTables): void {
  tables.populations.forEach((p, k) => {
    if (!gpuModels.has(p.model)) {
      throw new SpikewasmError('E_MODEL', `populations[${k}].model`, `neuron model "${modelName(p.model)}" is not supported by the webgpu backend (use backend "wasm")`);
    }
  });
  tables.projections.forEach((j, k) => {
    // Per-synapse traces and delay-ordered arrivals (assembly/plasticity/stdp.ts) have no WGSL program yet.
    if (j.synapseDelays) throw new SpikewasmError('E_MODEL', `projections[${k}].delay`, 'plasticity with per-synapse delays is not supported by the webgpu backend (use backend "wasm")');
  });
}
