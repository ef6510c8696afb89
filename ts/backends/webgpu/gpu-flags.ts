// The WebGPU flag values (fixed by the spec), so the backend does not depend on the
// GPUBufferUsage / GPUShaderStage / GPUMapMode globals, which Node's `webgpu` package only
// provides when its `globals` are installed.
export const MAP_READ = 0x1;
export const COPY_SRC = 0x4;
export const COPY_DST = 0x8;
export const UNIFORM = 0x40;
export const STORAGE = 0x80;
export const COMPUTE_STAGE = 0x4;
