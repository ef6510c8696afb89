/// <reference types="@webgpu/types" />

import type { GpuSource } from './gpu-source.js';

/**
 * Each device keeps its GPU and adapter alive: in Node's `webgpu` package, collecting them
 * destroys the native instance under a live device and crashes the process.
 */
const owners = new WeakMap<GPUDevice, unknown[]>();

/** A device from the given source or navigator.gpu; throws a plain Error saying why there is none. */
export async function openDevice(source: GpuSource | undefined): Promise<GPUDevice> {
  const given = source ?? (globalThis as { navigator?: { gpu?: GPU } }).navigator?.gpu;
  if (!given) throw new Error('no navigator.gpu in this host (in Node: npm install webgpu, the optional package that brings Dawn, then --backend webgpu or createSimulator({ backend: \'webgpu\' }); see docs/webgpu.md)');
  if ('createBuffer' in given) return given as unknown as GPUDevice;
  const adapter = await (given as GPU).requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new Error('no WebGPU adapter');
  // Large networks need large storage buffers: ask for all the adapter offers.
  const device = await adapter.requestDevice({
    requiredLimits: {
      maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
      maxBufferSize: adapter.limits.maxBufferSize,
    },
  });
  owners.set(device, [given, adapter]);
  return device;
}
