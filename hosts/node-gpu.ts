// Node has no navigator.gpu; the `webgpu` package (Dawn), when installed, provides a GPU.
import type { GpuSource } from '../ts/backends/webgpu/gpu-source.js';

let gpu: Promise<GpuSource | undefined> | undefined;

/** The GPU of the optional `webgpu` package (one per process), or undefined when it is not installed. */
export function nodeGpu(): Promise<GpuSource | undefined> {
  gpu ??= import('webgpu').then(({ create }) => create([]), () => undefined);
  return gpu;
}
