// Node entry: reads the kernel file that ships next to this module and hands it to the core.
import { readFile } from 'node:fs/promises';
import { createSimulator as createCore, type SimulatorOptions, type Simulator } from '../ts/api/simulator.js';

export * from '../ts/index.js';

let kernel: Promise<WebAssembly.Module> | undefined;

/** The compiled kernel (dist/spikewasm.wasm), compiled once per process. */
export function kernelModule(): Promise<WebAssembly.Module> {
  kernel ??= readFile(new URL('../spikewasm.wasm', import.meta.url)).then((bytes) => WebAssembly.compile(bytes));
  return kernel;
}

export async function createSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const wantsWasm = (options.backend ?? 'auto') !== 'reference';
  return createCore({ ...options, wasm: options.wasm ?? (wantsWasm ? await kernelModule() : undefined) });
}
