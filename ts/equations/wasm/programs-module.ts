// All of a network's generated programs as functions of one module (program1, program2, ...,
// numbered as the kernel numbers them), each function's globals after the previous one's: the
// wasm backend compiles it when a network loads, and `spikewasm compile` writes it (stamped) for
// hosts that cannot compile at run time (ts/api/kernels.ts).
import { SYNAPSE_EVENTS, type GeneratedProgram } from '../synapse-program.js';
import { moduleBytes, type ModuleFunction } from './encode.js';
import { KERNEL_IMPORTS, updateCode } from './generate.js';
import { synapseHandlerCode } from './generate-synapse.js';

export function programFunctions(programs: readonly GeneratedProgram[]): ModuleFunction[] {
  const functions: ModuleFunction[] = [];
  let globals = 0;
  const add = (make: (globalBase: number) => ModuleFunction['code']) => {
    const code = make(globals);
    globals += code.globalCount;
    functions.push({ name: `program${functions.length + 1}`, code });
  };
  for (const p of programs) {
    if ('syn' in p) for (const event of SYNAPSE_EVENTS) add((base) => synapseHandlerCode(p, event, base));
    else add((base) => updateCode(p, base));
  }
  return functions;
}

/** The module of `functions` (programFunctions), with custom sections (name -> bytes). */
export function programsModuleBytes(functions: ModuleFunction[], custom: Record<string, Uint8Array> = {}): Uint8Array<ArrayBuffer> {
  return moduleBytes('kernel', { shared: false }, KERNEL_IMPORTS, functions, custom);
}
