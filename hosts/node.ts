// Node entry: reads the kernel file that ships next to this module and hands it to the core.
import { readFile } from 'node:fs/promises';
import { createSimulator as createCore, type SimulatorOptions, type Simulator } from '../ts/api/simulator.js';
import { nodeGpu } from './node-gpu.js';

export * from '../ts/index.js';

let kernel: Promise<WebAssembly.Module> | undefined;

/**
 * The compiled kernel, compiled once per process. Installed, this module is dist/hosts/node.js
 * and the kernel dist/spikewasm.wasm; run from the TypeScript sources (the tests), the
 * kernel is still the built one in dist/.
 */
export function kernelModule(): Promise<WebAssembly.Module> {
  kernel ??= readFile(new URL('../spikewasm.wasm', import.meta.url))
    .catch(() => readFile(new URL('../dist/spikewasm.wasm', import.meta.url)))
    .then((bytes) => WebAssembly.compile(bytes));
  return kernel;
}

export async function createSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const wantsWasm = (options.backend ?? 'auto') !== 'reference';
  const gpu = options.gpu ?? (options.backend === 'webgpu' ? await nodeGpu() : undefined);
  return createCore({ ...options, gpu, wasm: options.wasm ?? (wantsWasm ? await kernelModule() : undefined) });
}
