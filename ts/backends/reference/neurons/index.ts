// The reference neuron kernels by id: for every KERNEL_<NAME> of assembly/abi.ts, the function
// update<Name> exported by one of these files, as assembly/neurons/ exports its twin (the same
// rule scripts/build-kernels.mjs follows for the wasm dispatch).
import * as abi from '../../../../assembly/abi.js';
import type { Mem } from '../memory.js';
import * as adex from './adex.js';
import * as equation from './equation.js';
import * as izhikevich from './izhikevich.js';
import * as lifCond from './lif-cond.js';
import * as lif from './lif.js';
import * as sources from './sources.js';

export type NeuronKernel = (m: Mem, rec: number, step: number) => void;

const functions: Record<string, NeuronKernel> = { ...adex, ...equation, ...izhikevich, ...lifCond, ...lif, ...sources };
const camel = (snake: string) => snake.toLowerCase().replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase());

/** KERNEL_* id -> its update function; a constant without its twin fails here, on loading the backend. */
const neuronKernels = new Map(Object.entries(abi).flatMap(([name, id]) => {
  if (!name.startsWith('KERNEL_')) return [];
  const fn = functions[`update${camel(name.slice('KERNEL_'.length))}`];
  if (!fn) throw new Error(`reference backend: ${name} has no update function in ts/backends/reference/neurons/`);
  return [[id as number, fn] as const];
}));

export function neuronKernel(id: number): NeuronKernel {
  const fn = neuronKernels.get(id);
  if (!fn) throw new Error(`reference backend: unknown neuron kernel id ${id}`);
  return fn;
}
