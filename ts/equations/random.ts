// rand() and randn() of equation models: a number per neuron, step and call site from the
// network's Philox streams. The twin of assembly/equation-math.ts equationUniform/Normal.
import { gaussianAt } from '../model/random/gaussian.js';
import { philox } from '../model/random/philox.js';

const out = new Uint32Array(4);

export function equationUniform(i: number, step: number, stream: number, k0: number, k1: number): number {
  philox(i, step, stream, 0, k0, k1, out);
  return Math.fround((out[0]! >>> 8) * 5.9604644775390625e-8);
}

export function equationNormal(i: number, step: number, stream: number, k0: number, k1: number): number {
  return Math.fround(gaussianAt(i, step, stream, k0, k1));
}
