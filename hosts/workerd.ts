// Cloudflare workerd entry: workerd forbids compiling wasm from bytes at run time, so the
// kernel comes in as a module import, compiled when the worker is deployed. Bundlers for
// workers (wrangler, esbuild with a CompiledWasm rule) keep this import as a wasm module.
import kernel from '../spikewasm.wasm';
import { createSimulator as createCore, type SimulatorOptions, type Simulator } from '../ts/api/simulator.js';

export * from '../ts/index.js';

export function kernelModule(): Promise<WebAssembly.Module> {
  return Promise.resolve(kernel);
}

export function createSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  return createCore({ ...options, wasm: options.wasm ?? kernel });
}
