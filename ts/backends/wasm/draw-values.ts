// The wasm backend's ValueKernel: uniform and normal values drawn by the kernel's drawValues
// (assembly/synapses/draw-values.ts) into its static scratch, copied out chunk by chunk; the
// same numbers as ts/model/values.ts eachValue draws in JavaScript.
import * as abi from '../../../assembly/abi.js';
import type { RandomStream } from '../../model/random/stream.js';
import type { DrawnSpec, ValueKernel } from '../../model/values.js';

export interface DrawExports {
  memory: WebAssembly.Memory;
  connectStart(k0: number, k1: number, stream: number): void;
  drawValues(count: number, isNormal: number, a: number, b: number, lo: number, hi: number): number;
}

/**
 * The kernel draws from one stream at a time; `stream.owner` is the draw that started it last,
 * so that a drawer whose stream was restarted in between fails instead of going on wrong.
 */
export function kernelValues(kernel: DrawExports, stream: { owner: object | null }): ValueKernel {
  return {
    valueDrawer(spec: DrawnSpec, rng: RandomStream) {
      if (!rng.untouched) return null;
      const [isNormal, a, b, lo, hi] = 'uniform' in spec
        ? [0, spec.uniform[0], spec.uniform[1], 0, 0]
        : [1, spec.normal.mean, spec.normal.std, spec.normal.min ?? -Infinity, spec.normal.max ?? Infinity];
      const self = {};
      let started = false;
      return (values: Float64Array) => {
        if (!started) {
          kernel.connectStart(rng.key0, rng.key1, rng.stream);
          stream.owner = self;
          started = true;
        } else if (stream.owner !== self) {
          throw new Error('wasm backend: another draw restarted the kernel\'s stream while values were drawn from it');
        }
        for (let k = 0; k < values.length; k += abi.DRAW_VALUES_MAX) {
          const count = Math.min(abi.DRAW_VALUES_MAX, values.length - k);
          const at = kernel.drawValues(count, isNormal, a, b, lo, hi);
          values.set(new Float64Array(kernel.memory.buffer, at, count), k);
        }
      };
    },
  };
}
