// Browser entry (also the default for unknown ESM hosts): fetches the kernel that ships next
// to this module and compiles it while it downloads.
import { compileKernel } from '../ts/backends/wasm/wasm-backend.js';
import { kernelEntry } from './kernel-entry.js';

export * from '../ts/index.js';

/** The compiled kernel (dist/spikewasm.wasm, next to dist/hosts/), fetched once per page or worker. */
export const { kernelModule, createSimulator } = kernelEntry(() => fetch(new URL('../spikewasm.wasm', import.meta.url)).then(compileKernel));
