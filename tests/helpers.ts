import { readFileSync } from 'node:fs';
import { createSimulator, type Simulator } from '../hosts/node.js';
import type { NetworkDescription } from '../ts/model/description.js';

export const backends = ['wasm', 'reference'] as const;

const sims = new Map<string, Promise<Simulator>>();

/** One simulator per backend for the whole test file. */
export function simulator(backend: (typeof backends)[number] = 'wasm'): Promise<Simulator> {
  if (!sims.has(backend)) sims.set(backend, createSimulator({ backend }));
  return sims.get(backend)!;
}

export function example(name: string): NetworkDescription {
  return JSON.parse(readFileSync(new URL(`../examples/${name}`, import.meta.url), 'utf8')) as NetworkDescription;
}

/** Interspike intervals per neuron from (index, time) spike lists. */
export function intervals(indices: ArrayLike<number>, times: ArrayLike<number>, n: number): number[][] {
  const last = new Float64Array(n).fill(NaN);
  const out: number[][] = Array.from({ length: n }, () => []);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k]!;
    if (!Number.isNaN(last[i]!)) out[i]!.push(times[k]! - last[i]!);
    last[i] = times[k]!;
  }
  return out;
}

export function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return s / xs.length;
}

export function cv(xs: number[]): number {
  const m = mean(xs);
  const v = xs.reduce((s, x) => s + (x - m) ** 2, 0) / xs.length;
  return Math.sqrt(v) / m;
}
