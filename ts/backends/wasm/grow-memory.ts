import { SpikewasmError } from '../../errors.js';

const PAGE = 65536;

/** Grows a wasm memory to hold at least `bytes` bytes; a refusal is an E_MEMORY error. */
export function growMemory(memory: WebAssembly.Memory, bytes: number): void {
  const have = memory.buffer.byteLength;
  if (bytes <= have) return;
  try {
    memory.grow(Math.ceil((bytes - have) / PAGE));
  } catch (e) {
    throw new SpikewasmError('E_MEMORY', '', `could not grow wasm memory to ${bytes} bytes: ${(e as Error).message}`);
  }
}
