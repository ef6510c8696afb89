// The ahead-of-time route for models written as equations, for hosts that run only WebAssembly
// compiled ahead of time (workerd and production edge platforms forbid compiling bytes at run
// time): the module of every program a network generates (ts/equations/wasm/programs-module.ts).
// `spikewasm compile` writes it, the host imports it compiled, and the wasm backend takes it
// instead of compiling its own. Its custom section `spikewasm-kernels` stamps it with
// the kernel ABI and a checksum of its code, which a network recomputes from its own programs
// (generating code needs no compiler) before it uses it.
import * as abi from '../../assembly/abi.js';
import { fail } from '../errors.js';
import { generatedPrograms, type GeneratedProgram } from '../equations/synapse-program.js';
import type { ModuleFunction } from '../equations/wasm/encode.js';
import { programFunctions, programsModuleBytes } from '../equations/wasm/programs-module.js';
import { crc32 } from '../io/crc32.js';
import { buildNetwork } from '../layout/build.js';
import type { NetworkDescription } from '../model/description.js';
import { ModelRegistry } from '../model/neurons/registry.js';

/**
 * The kernels module of a description (what `spikewasm compile` writes). The network is built
 * (its synapses drawn) because the programs depend on its sizes; nothing is run.
 */
export function kernelsModule(description: NetworkDescription, models: ModelRegistry = new ModelRegistry()): Uint8Array<ArrayBuffer> {
  return kernelsModuleBytes(generatedPrograms(buildNetwork(description, { recordAllSpikes: false, models })));
}

export const KERNELS_SECTION = 'spikewasm-kernels';

interface Stamp {
  abi: number;
  programs: number;
  crc32: number;
}

function stampOf(functions: ModuleFunction[]): Stamp {
  return { abi: abi.ABI_VERSION, programs: functions.length, crc32: crc32(programsModuleBytes(functions)) };
}

/** The module of a network's programs, stamped. */
function kernelsModuleBytes(programs: readonly GeneratedProgram[]): Uint8Array<ArrayBuffer> {
  const functions = programFunctions(programs);
  const stamp = new TextEncoder().encode(JSON.stringify(stampOf(functions)));
  return programsModuleBytes(functions, { [KERNELS_SECTION]: stamp });
}

/** Refuses a kernels module that was not made for these programs (another network, another version), naming why. */
export function checkKernelsModule(path: string, module: unknown, programs: readonly GeneratedProgram[]): void {
  if (!(module instanceof WebAssembly.Module)) fail('E_PARAM', path, 'must be a compiled WebAssembly.Module (the file spikewasm compile wrote, imported as a wasm module)');
  const sections = WebAssembly.Module.customSections(module, KERNELS_SECTION);
  if (sections.length !== 1) fail('E_FORMAT', path, `is not a kernels module written by spikewasm compile (it has no ${KERNELS_SECTION} section)`);
  let given: Partial<Stamp>;
  try {
    given = JSON.parse(new TextDecoder().decode(sections[0]!)) as Partial<Stamp>;
  } catch {
    return fail('E_FORMAT', path, `its ${KERNELS_SECTION} section is not the stamp spikewasm compile writes`);
  }
  const expected = stampOf(programFunctions(programs));
  if (given.abi !== expected.abi) fail('E_FORMAT', path, `was compiled for kernel ABI ${String(given.abi)}; this library speaks ${expected.abi}: compile the model again`);
  if (given.programs !== expected.programs || given.crc32 !== expected.crc32) {
    fail('E_MODEL', path, `was compiled for another network (${String(given.programs)} programs, checksum ${String(given.crc32)}; this network has ${expected.programs}, checksum ${expected.crc32}): compile this model file`);
  }
}
