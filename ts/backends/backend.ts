import type { GeneratedProgram } from '../equations/synapse-program.js';
import type { ConnectivityKernel } from '../model/connectivity.js';

/** Where a network runs. Both backends hold the same layout image (ts/layout/plan.ts). */
export interface Backend {
  readonly name: BackendName;
  /**
   * Allocates the image's `bytes` (zeroed) once and has `write` fill them in place: the image is
   * written straight into the memory that runs it, never held twice. `programs` are what was
   * written as equations: the equation populations' updates (programs 1, 2, ..., abi CE_PROGRAM),
   * then each synapse model's three (abi K_PROGRAM). `kernels`: the same programs compiled ahead
   * of time (ts/api/kernels.ts, checked against `programs` already), for hosts
   * that cannot compile at run time.
   */
  load(bytes: number, write: (image: Uint8Array) => void, programs?: readonly GeneratedProgram[], kernels?: WebAssembly.Module): Promise<void>;
  /** Runs up to `steps` steps; returns how many ran (fewer when a record buffer needs draining). */
  run(steps: number): Promise<number>;
  /** A copy of `bytes` bytes at layout offset `offset`. */
  read(offset: number, bytes: number): Promise<ArrayBuffer>;
  /** Overwrites bytes at layout offset `offset`. */
  write(offset: number, data: ArrayBufferView): Promise<void>;
  dispose(): void;
  /** Draws fixed_probability connectivity faster than the builder's own loop (same bits); the wasm backend has one until a network is loaded. */
  readonly connectivity?: ConnectivityKernel;
}

export type BackendName = 'wasm' | 'webgpu' | 'reference';

/** What a host hands the core so it can run the kernel: a compiled module, its bytes, or a fetch Response. */
export type WasmSource = WebAssembly.Module | BufferSource | Response;
