// What the Node and browser entries share: the kernel, obtained once per process or page (and
// again after a failure, so a network hiccup is not cached), and createSimulator on top of it.
import { SpikewasmError } from '../ts/errors.js';
import { createSimulator as createCore, SIMULATOR_OPTIONS, type SimulatorOptions, type Simulator } from '../ts/api/simulator.js';
import { checkOptions } from '../ts/model/plain-data.js';
import type { GpuSource } from '../ts/backends/webgpu/gpu-source.js';

export interface KernelEntry {
  kernelModule(): Promise<WebAssembly.Module>;
  createSimulator(options?: SimulatorOptions): Promise<Simulator>;
}

/** `gpu`: where backend 'webgpu' finds a GPU when the options give none (default: navigator.gpu). */
export function kernelEntry(obtain: () => Promise<WebAssembly.Module>, gpu?: () => Promise<GpuSource | undefined>): KernelEntry {
  let kernel: Promise<WebAssembly.Module> | undefined;
  const kernelModule = (): Promise<WebAssembly.Module> => {
    kernel ??= obtain().catch((e: unknown) => {
      kernel = undefined;
      throw e instanceof SpikewasmError ? e : new SpikewasmError('E_BACKEND', 'wasm', `could not load the kernel: ${(e as Error).message}`);
    });
    return kernel;
  };
  return {
    kernelModule,
    async createSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
      checkOptions('createSimulator.options', options, SIMULATOR_OPTIONS);
      const wantsWasm = (options.backend ?? 'auto') !== 'reference';
      const source = options.gpu ?? (options.backend === 'webgpu' ? await gpu?.() : undefined);
      return createCore({ ...options, gpu: source, wasm: options.wasm ?? (wantsWasm ? await kernelModule() : undefined) });
    },
  };
}
