/**
 * Where the webgpu backend gets its device: a `GPU` (navigator.gpu, or `create([])` of the
 * `webgpu` package in Node), or a `GPUDevice` the caller already holds. Typed loosely so the
 * public API's declarations need no WebGPU type package.
 */
export type GpuSource = { requestAdapter(options?: object): Promise<unknown> } | { createBuffer(descriptor: object): unknown };
