import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { SpikewasmError } from '../../ts/errors.js';
import type { Simulator } from '../../hosts/node.js';
import type { NetworkDescription } from '../../ts/model/description.js';
import type { SpikeData } from '../../ts/api/monitors.js';
import { simulatorOf, type BackendName } from './backends.js';

/** The backends that compute wasm's bits (tests/support/backends.ts runs suites over all of them). */
export const backends = ['wasm', 'reference'] as const;

/** One simulator per backend for the whole test file. */
export function simulator(backend: BackendName = 'wasm'): Promise<Simulator> {
  return simulatorOf(backend);
}

export function example(name: string): NetworkDescription {
  return JSON.parse(readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8')) as NetworkDescription;
}

export function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return s / xs.length;
}

/** The SpikewasmError an operation fails with (the test fails if it succeeds or throws anything else). */
export async function failureOf(operation: () => Promise<unknown>): Promise<SpikewasmError> {
  try {
    await operation();
  } catch (e) {
    expect(e).toBeInstanceOf(SpikewasmError);
    return e as SpikewasmError;
  }
  throw new Error('expected a SpikewasmError');
}

/** The SpikewasmError that `operation` throws at once (a check, not a run). */
export function refusalOf(operation: () => unknown): SpikewasmError {
  try {
    operation();
  } catch (e) {
    expect(e).toBeInstanceOf(SpikewasmError);
    return e as SpikewasmError;
  }
  throw new Error('expected a SpikewasmError');
}

/** Mean rate (Hz) and mean CV of interspike intervals over neurons with at least 3 spikes. */
export function statistics(data: SpikeData, n: number, duration: number): { rate: number; cv: number; counted: number } {
  const times: number[][] = Array.from({ length: n }, () => []);
  for (let k = 0; k < data.times.length; k++) times[data.neurons[k]!]!.push(data.times[k]!);
  const cvs: number[] = [];
  for (const t of times) {
    if (t.length < 3) continue;
    const isi = t.slice(1).map((x, i) => x - t[i]!);
    const m = isi.reduce((s, x) => s + x, 0) / isi.length;
    const sd = Math.sqrt(isi.reduce((s, x) => s + (x - m) ** 2, 0) / isi.length);
    cvs.push(sd / m);
  }
  return { rate: data.times.length / (n * duration), cv: cvs.reduce((s, x) => s + x, 0) / cvs.length, counted: cvs.length };
}
