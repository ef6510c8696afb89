import * as abi from '../../../assembly/abi.js';
import { SpikewasmError } from '../../errors.js';
import type { GeneratedProgram } from '../../equations/synapse-program.js';
import { programFunctions, programsModuleBytes } from '../../equations/wasm/programs-module.js';
import type { ConnectivityKernel } from '../../model/connectivity.js';
import type { Backend, WasmSource } from '../backend.js';
import { kernelConnectivity, type ConnectExports } from './connect-rows.js';
import { growMemory } from './grow-memory.js';

interface KernelExports extends ConnectExports {
  abiVersion(): number;
  run(base: number, steps: number): number;
  table: WebAssembly.Table;
  setFirstProgramSlot(slot: number): void;
}

/** Compiles (or accepts) the kernel module from what a host provides. */
export async function compileKernel(source: WasmSource): Promise<WebAssembly.Module> {
  if (source instanceof WebAssembly.Module) return source;
  if (typeof Response !== 'undefined' && source instanceof Response) {
    if (!source.ok) throw new Error(`fetching the kernel from ${source.url} failed: HTTP ${source.status}`);
    // compileStreaming insists on the application/wasm type, which file: URLs and some servers lack.
    const streams = typeof WebAssembly.compileStreaming === 'function' && source.headers.get('content-type')?.split(';')[0]?.trim() === 'application/wasm';
    return streams ? WebAssembly.compileStreaming(source) : WebAssembly.compile(await source.arrayBuffer());
  }
  return WebAssembly.compile(source as BufferSource);
}

/** The SIMD kernel (dist/spikewasm.wasm): the network lives in its linear memory at heapBase(). */
export class WasmBackend implements Backend {
  readonly name = 'wasm' as const;
  private kernel: KernelExports | null = null;
  private base = 0;

  private constructor(private readonly instance: WebAssembly.Instance) {}

  static async create(module: WebAssembly.Module): Promise<WasmBackend> {
    const instance = await WebAssembly.instantiate(module, {});
    const exports = instance.exports as unknown as KernelExports;
    if (exports.abiVersion() !== abi.ABI_VERSION) {
      throw new SpikewasmError('E_BACKEND', '', `the wasm kernel speaks ABI ${exports.abiVersion()}, this library ${abi.ABI_VERSION}: rebuild or reinstall spikewasm`);
    }
    return new WasmBackend(instance);
  }

  /** Until a network is loaded, the memory above heapBase is free for drawing connectivity. */
  get connectivity(): ConnectivityKernel | undefined {
    return this.kernel ? undefined : kernelConnectivity(this.instance.exports as unknown as KernelExports);
  }

  async load(bytes: number, write: (image: Uint8Array) => void, programs: readonly GeneratedProgram[] = [], kernels?: WebAssembly.Module): Promise<void> {
    const kernel = this.instance.exports as unknown as KernelExports;
    if (kernels) await placeCompiledPrograms(kernel, kernels);
    else await placePrograms(kernel, programs);
    this.base = kernel.heapBase();
    growMemory(kernel.memory, this.base + bytes);
    const image = new Uint8Array(kernel.memory.buffer, this.base, bytes);
    image.fill(0); // connectivity may have been drawn here
    write(image);
    this.kernel = kernel;
  }

  async run(steps: number): Promise<number> {
    return this.loaded().run(this.base, steps);
  }

  async read(offset: number, bytes: number): Promise<ArrayBuffer> {
    const start = this.base + offset;
    return this.loaded().memory.buffer.slice(start, start + bytes);
  }

  async write(offset: number, data: ArrayBufferView): Promise<void> {
    new Uint8Array(this.loaded().memory.buffer, this.base + offset, data.byteLength).set(
      new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    );
  }

  dispose(): void {
    this.kernel = null;
  }

  private loaded(): KernelExports {
    if (!this.kernel) throw new Error('wasm backend: no network loaded');
    return this.kernel;
  }
}

/** A compiled programs module's functions (program1, program2, ...) into the kernel's function table. */
async function placeCompiledPrograms(kernel: KernelExports, kernels: WebAssembly.Module): Promise<void> {
  const instance = await WebAssembly.instantiate(kernels, { kernel: kernel as unknown as WebAssembly.ModuleImports });
  const functions = WebAssembly.Module.exports(kernels).filter((e) => e.kind === 'function');
  if (functions.length === 0) return;
  const first = kernel.table.grow(functions.length);
  kernel.setFirstProgramSlot(first);
  functions.forEach((_, k) => kernel.table.set(first + k, instance.exports[`program${k + 1}`] as () => void));
}

/** Compiles the module of the generated programs (ts/equations/wasm/programs-module.ts) and places its functions. */
async function placePrograms(kernel: KernelExports, programs: readonly GeneratedProgram[]): Promise<void> {
  if (programs.length === 0) return;
  let module: WebAssembly.Module;
  try {
    module = await WebAssembly.compile(programsModuleBytes(programFunctions(programs)));
  } catch (e) {
    const first = programs[0]!;
    const path = 'syn' in first ? `projections[${first.projection}].synapse` : `populations[${first.population}]`;
    throw new SpikewasmError('E_BACKEND', path, `this host does not compile WebAssembly at run time, which models written as equations need: compile them ahead of time (spikewasm compile) and load with { kernels } (${(e as Error).message})`);
  }
  await placeCompiledPrograms(kernel, module);
}
