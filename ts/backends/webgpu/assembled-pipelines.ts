/// <reference types="@webgpu/types" />
import * as abi from '../../../assembly/abi.js';
import type { EquationProgram } from '../../equations/program.js';
import type { GeneratedProgram } from '../../equations/synapse-program.js';
import { drawsRandom, mathConstants, updateWgsl } from '../../equations/wgsl/generate.js';
import type { Part, Programs } from './programs.js';
import { wgsl } from './shaders.generated.js';
import type { ImageTables } from './tables.js';

// Pipelines put together when a network loads, from shader parts and code written for it.

/**
 * The update pipeline of each equation population (by population index): WGSL generated from
 * the program its coefficient block numbers (abi CE_PROGRAM, 1 for programs[0]).
 */
export async function equationPipelines(progs: Programs, tables: ImageTables, image: ArrayBuffer, programs: readonly GeneratedProgram[]): Promise<Map<number, GPUComputePipeline>> {
  const i32 = new Int32Array(image);
  const made = tables.populations.flatMap((p, k) => {
    if (p.kernel !== abi.KERNEL_EQUATION) return [];
    const program = programs[i32[(p.coef >>> 2) + abi.CE_PROGRAM]! - 1];
    if (!program || 'syn' in program) throw new Error(`webgpu backend: population ${k} has no equation program`);
    const parts: Part[] = ['common', 'neurons/common', ...(drawsRandom(program) ? ['philox', 'gaussian'] as Part[] : []), 'equations/math'];
    return [progs.assemble(`equation population ${k}`, parts, `${mathConstants()}\n${updateWgsl(program as EquationProgram)}`).then((pipeline) => [k, pipeline] as const)];
  });
  return new Map(await Promise.all(made));
}

/** The couplings' program (shaders/synapses/couplings.wgsl), when the network has couplings: it needs equations/math.wgsl's expF32. */
export function couplingsPipeline(progs: Programs, tables: ImageTables): Promise<GPUComputePipeline> | null {
  return tables.couplings.length === 0 ? null : progs.assemble('couplings', ['common', 'equations/math'], `${mathConstants()}\n${wgsl['synapses/couplings']}`);
}
