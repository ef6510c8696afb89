import * as abi from '../../../assembly/abi.js';
import { SpikewasmError } from '../../api/errors.js';
import { modelNames, neuronModel } from '../../model/neurons/index.js';
import type { ImageTables } from './tables.js';

/** Models with a WGSL program (shaders/*.wgsl); the others fail to load rather than run wrong. */
export const gpuModels = new Map<number, string>([
  [abi.M_LIF, 'lif'],
  [abi.M_ALIF, 'lif'],
  [abi.M_LIF_COND, 'lif-cond'],
  [abi.M_IZHIKEVICH, 'izhikevich'],
  [abi.M_POISSON, 'poisson'],
  [abi.M_SPIKE_SOURCE, 'spike-source'],
]);

function modelName(id: number): string {
  return modelNames.find((name) => neuronModel('', name).id === id) ?? `model id ${id}`;
}

/** Throws E_MODEL naming the first population model or synapse feature the webgpu backend lacks. */
export function checkSupported(image: ArrayBuffer, tables: ImageTables): void {
  const unsupported = (path: string, what: string) => {
    throw new SpikewasmError('E_MODEL', path, `${what} is not supported by the webgpu backend yet (use backend "wasm")`);
  };
  tables.populations.forEach((p, k) => {
    if (!gpuModels.has(p.model)) unsupported(`populations[${k}].model`, `neuron model "${modelName(p.model)}"`);
    // Its per-step Gaussian draws need f64 arithmetic, which WGSL lacks.
    if (p.model === abi.M_IZHIKEVICH && new Float32Array(image, p.coef + abi.CI_NOISE * 4, 1)[0]! > 0) {
      unsupported(`populations[${k}].params.noise`, 'izhikevich input noise');
    }
  });
  const i32 = new Int32Array(image);
  tables.projections.forEach((j, k) => {
    if (j.stp) unsupported(`projections[${k}].stp`, 'short-term plasticity');
    if (!j.plastic) return;
    // Pair STDP runs (shaders/stdp.wgsl); not the rules that need more state.
    const block = j.plastic >>> 2;
    if (i32[block + abi.K_FLAGS]! & abi.KF_TRIPLET) unsupported(`projections[${k}].plasticity`, 'triplet STDP');
    if (i32[block + abi.K_FLAGS]! & abi.KF_SYNAPSE_DELAYS) unsupported(`projections[${k}].delay`, 'plasticity with per-synapse delays');
    if (i32[block + abi.K_ELIG]) unsupported(`projections[${k}].plasticity`, 'modulated plasticity (eligibility traces)');
    if (i32[block + abi.K_SCALE_EVERY]) unsupported(`projections[${k}].plasticity`, 'synaptic scaling');
  });
  if (tables.modulators > 0) unsupported('modulators', 'a neuromodulator');
}
