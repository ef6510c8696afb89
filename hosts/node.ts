// Node entry: reads the kernel file that ships next to this module and hands it to the core.
import { readFile } from 'node:fs/promises';
import { kernelEntry } from './kernel-entry.js';
import { nodeGpu } from './node-gpu.js';

export * from '../ts/index.js';

/**
 * The compiled kernel, compiled once per process. Installed, this module is dist/hosts/node.js
 * and the kernel dist/spikewasm.wasm; run from the TypeScript sources (the tests), the
 * kernel is still the built one in dist/. Node has no navigator.gpu: backend 'webgpu' gets its
 * GPU from the optional `webgpu` package.
 */
export const { kernelModule, createSimulator } = kernelEntry(() =>
  readFile(new URL('../spikewasm.wasm', import.meta.url))
    .catch(() => readFile(new URL('../dist/spikewasm.wasm', import.meta.url)))
    .then((bytes) => WebAssembly.compile(bytes)), nodeGpu);
