import { SYNAPSE_EVENTS, type GeneratedProgram } from '../../equations/synapse-program.js';
import { interpretProgram } from './interpret-equations.js';
import { interpretSynapseHandler } from './interpret-synapse.js';
import type { Backend } from '../backend.js';
import { run } from './engine.js';
import { views, type Mem } from './memory.js';

/**
 * Plain TypeScript over f32 (Math.fround after every operation): the oracle that the wasm
 * kernel matches bit for bit. It is many times slower than wasm; use it to check, not to run.
 */
export class ReferenceBackend implements Backend {
  readonly name = 'reference' as const;
  private buffer: ArrayBuffer | null = null;
  private mem: Mem | null = null;

  async load(bytes: number, write: (image: Uint8Array) => void, programs: readonly GeneratedProgram[] = []): Promise<void> {
    this.buffer = new ArrayBuffer(bytes);
    write(new Uint8Array(this.buffer));
    this.mem = views(this.buffer, programs.flatMap((p) => ('syn' in p ? SYNAPSE_EVENTS.map((event) => interpretSynapseHandler(p, event)) : [interpretProgram(p)])) as Mem['programs']);
  }

  async run(steps: number): Promise<number> {
    return run(this.memory(), steps);
  }

  async read(offset: number, bytes: number): Promise<ArrayBuffer> {
    this.memory();
    return this.buffer!.slice(offset, offset + bytes);
  }

  async write(offset: number, data: ArrayBufferView): Promise<void> {
    this.memory();
    new Uint8Array(this.buffer!, offset, data.byteLength).set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  }

  dispose(): void {
    this.buffer = null;
    this.mem = null;
  }

  private memory(): Mem {
    if (!this.mem) throw new Error('reference backend: no network loaded');
    return this.mem;
  }
}
