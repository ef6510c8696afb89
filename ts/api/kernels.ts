// The ahead-of-time route for models written as equations: the bytes of one WebAssembly module
// holding every program a model's network generates (ts/equations/wasm/kernels-module.ts), to
// compile when a worker is deployed and hand to `sim.load(description, { kernels })`.
import { buildNetwork } from '../layout/build.js';
import { generatedPrograms } from '../equations/synapse-program.js';
import { kernelsModuleBytes } from '../equations/wasm/kernels-module.js';
import type { NetworkDescription } from '../model/description.js';
import { ModelRegistry } from '../model/neurons/registry.js';

/**
 * The kernels module of a description (what `spikewasm compile` writes). The network is built
 * (its synapses drawn) because the programs depend on its sizes; nothing is run.
 */
export function kernelsModule(description: NetworkDescription, models: ModelRegistry = new ModelRegistry()): Uint8Array<ArrayBuffer> {
  return kernelsModuleBytes(generatedPrograms(buildNetwork(description, { recordAllSpikes: false, models })));
}
