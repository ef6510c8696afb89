// Browser entry (also the default for unknown ESM hosts): fetches the kernel that ships next
// to this module and compiles it while it downloads.
import { createSimulator as createCore, type SimulatorOptions, type Simulator } from '../ts/api/simulator.js';
import { compileKernel } from '../ts/backends/wasm/wasm-backend.js';

export * from '../ts/index.js';

let kernel: Promise<WebAssembly.Module> | undefined;

/** The compiled kernel (dist/spikewasm.wasm, next to dist/hosts/), fetched once per page or worker. */
export function kernelModule(): Promise<WebAssembly.Module> {
  kernel ??= fetch(new URL('../spikewasm.wasm', import.meta.url)).then(compileKernel);
  return kernel;
}

export async function createSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const wantsWasm = (options.backend ?? 'auto') !== 'reference';
  return createCore({ ...options, wasm: options.wasm ?? (wantsWasm ? await kernelModule() : undefined) });
}
