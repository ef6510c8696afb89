import { SpikewasmError } from '../errors.js';
import type { Backend, BackendName, WasmSource } from './backend.js';
import { ReferenceBackend } from './reference/reference-backend.js';
import { WasmBackend, compileKernel } from './wasm/wasm-backend.js';
import { openDevice } from './webgpu/device.js';
import type { GpuSource } from './webgpu/gpu-source.js';
import { WebGpuBackend } from './webgpu/webgpu-backend.js';

export type BackendChoice = BackendName | 'auto';

/**
 * Makes a backend factory for a choice. 'auto' means wasm (the reference backend is an oracle,
 * never picked silently; webgpu has been measured only on software adapters so far, so no
 * benchmark says where it wins: docs/webgpu.md). When no candidate can start, the error lists
 * each one's reason.
 */
export async function openBackend(choice: BackendChoice, wasm: WasmSource | undefined, gpu?: GpuSource): Promise<() => Promise<Backend>> {
  const candidates: BackendName[] = choice === 'auto' ? ['wasm'] : [choice];
  const reasons: string[] = [];
  for (const name of candidates) {
    try {
      if (name === 'reference') return async () => new ReferenceBackend();
      if (name === 'wasm') {
        if (wasm === undefined) throw new Error('no kernel module was given (use a host entry such as "spikewasm", or pass {wasm})');
        const module = await compileKernel(wasm);
        await WasmBackend.create(module); // fails here, not at the first run
        return () => WasmBackend.create(module);
      }
      if (name === 'webgpu') {
        const device = await openDevice(gpu);
        return async () => new WebGpuBackend(device);
      }
      throw new Error('unknown backend');
    } catch (e) {
      if (e instanceof SpikewasmError) throw e;
      reasons.push(`${name}: ${(e as Error).message}`);
    }
  }
  throw new SpikewasmError('E_BACKEND', 'backend', `no backend could start for ${JSON.stringify(choice)}: ${reasons.join('; ')}`);
}
