import * as abi from '../../../assembly/abi.js';
import { SpikewasmError } from '../../errors.js';
import { neuronPrograms, type NeuronProgram } from './programs.js';
import type { ImageTables } from './tables.js';

/** The neuron program that runs a kernel (a KERNEL_* id), if any WGSL program names it. */
export function programFor(kernel: number): NeuronProgram | undefined {
  return neuronPrograms.find((p) => p.kernels.includes(kernel));
}

function kernelName(id: number): string {
  const entry = Object.entries(abi).find(([name, value]) => name.startsWith('KERNEL_') && value === id);
  return entry ? entry[0].slice('KERNEL_'.length).toLowerCase() : `id ${id}`;
}

/** Throws E_MODEL naming the first population kernel the webgpu backend lacks. */
export function checkSupported(tables: ImageTables): void {
  tables.populations.forEach((p, k) => {
    // An equation population's update is generated at load (assembled-pipelines.ts).
    if (p.kernel !== abi.KERNEL_EQUATION && !programFor(p.kernel)) {
      throw new SpikewasmError('E_MODEL', `populations[${k}].model`, `neuron kernel "${kernelName(p.kernel)}" has no WGSL program, so the webgpu backend cannot run it (use backend "wasm")`);
    }
    if (p.segments) throw new SpikewasmError('E_BACKEND', `populations[${k}].dendrites`, 'dendritic segments have no WGSL program yet, so the webgpu backend cannot run them (use backend "wasm")');
  });
  tables.projections.forEach((j, k) => {
    if (j.synapseModel) throw new SpikewasmError('E_BACKEND', `projections[${k}].synapse`, 'a synapse model written as equations has no WGSL yet, so the webgpu backend cannot run it (use backend "wasm")');
    if (j.learnedDelays) throw new SpikewasmError('E_BACKEND', `projections[${k}].plasticity.delays`, 'delay learning has no WGSL program yet, so the webgpu backend cannot run it (use backend "wasm")');
    // Per-synapse traces and delay-ordered arrivals (assembly/plasticity/stdp.ts) have no WGSL program yet.
    if (j.synapseDelays) throw new SpikewasmError('E_MODEL', `projections[${k}].delay`, 'plasticity with per-synapse delays is not supported by the webgpu backend (use backend "wasm")');
  });
  if (tables.poissonInputs > 0) throw new SpikewasmError('E_BACKEND', 'poissonInputs', 'Poisson inputs have no WGSL program yet, so the webgpu backend cannot run them (use backend "wasm", or poisson populations connected one to one)');
}
