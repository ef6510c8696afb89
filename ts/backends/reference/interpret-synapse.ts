// The reference backend's run of a synapse model's onPre or onPost: what
// ts/equations/wasm/generate-synapse.ts generates, over the same image, operation for operation
// (ts/equations/synapse-program.ts says what they do).
import * as abi from '../../../assembly/abi.js';
import { evaluate } from '../../equations/evaluate.js';
import { setVariables, type SynapseProgram } from '../../equations/synapse-program.js';
import type { Mem } from './memory.js';

const f = Math.fround;

export function interpretSynapseHandler(program: SynapseProgram, event: 'pre' | 'post') {
  const { syn, synPad, slots, fadeLimits } = program;
  const statements = event === 'pre' ? syn.onPre : syn.onPost;
  const written = setVariables(statements);
  const values = new Float64Array(syn.variables.length);
  const reads = new Float64Array(syn.reads.length);
  const fades = new Float64Array(syn.taus.length);
  const leaves = { state: (k: number) => values[k]!, param: (k: number) => reads[k]!, t: 0 };

  return (m: Mem, proj: number, who: number, first: number, last: number, target: number, step: number): void => {
    const { i32, u32, f32, f64 } = m;
    const pops = i32[abi.H_POPS]! >>> 2;
    const stateOf = (population: number) => i32[pops + population * abi.P_WORDS + abi.P_STATE]! >>> 2;
    const block = i32[proj + abi.J_PLAST]! >>> 2;
    const preStart = i32[proj + abi.J_PRE_START]!;
    const weights = i32[proj + abi.J_W]! >>> 2;
    const arrays = i32[block + abi.K_SYN_TRACES]! >>> 2;
    const lastStep = i32[block + abi.K_SYN_LAST]! >>> 2;
    const tables = syn.taus.map((_, t) => i32[block + abi.K_FADE_PLUS + t]! >>> 3);
    leaves.t = step * program.dt;
    const readInto = (k: number, neuron: number) => {
      const r = syn.reads[k]!;
      if ('modulator' in r) reads[k] = f32[(i32[abi.H_MODS]! >>> 2) + r.modulator * abi.MO_WORDS + abi.MO_VALUE]!;
      else reads[k] = f32[(r.side === 'pre' ? stateOf(program.prePopulation) + r.slot * program.preNPad : stateOf(program.postPopulation) + r.slot * program.postNPad) + neuron]!;
    };
    const perEvent = (k: number) => {
      const r = syn.reads[k]!;
      return 'modulator' in r || r.side === event;
    };
    let i = event === 'pre' ? preStart + who : 0;
    let j = event === 'post' ? who : 0;
    syn.reads.forEach((_, k) => { if (perEvent(k)) readInto(k, event === 'pre' ? i : j); });
    const at = (k: number, e: number) => (slots[k]! < 0 ? weights + e : arrays + slots[k]! * synPad + e);

    for (let x = first; x < last; x++) {
      let e = x;
      if (event === 'pre') j = i32[(i32[proj + abi.J_COL]! >>> 2) + e]!;
      else {
        e = i32[(i32[block + abi.K_REV_SYN]! >>> 2) + x]!;
        i = preStart + i32[(i32[block + abi.K_REV_PRE]! >>> 2) + x]!;
      }
      syn.reads.forEach((_, k) => { if (!perEvent(k)) readInto(k, event === 'pre' ? j : i); });
      if (tables.length > 0) {
        const steps = (step - u32[lastStep + e]!) >>> 0;
        u32[lastStep + e] = step;
        tables.forEach((table, k) => {
          fades[k] = steps >= fadeLimits[k]! ? 0 : f64[table + (steps & (abi.FADE_LO - 1))]! * f64[table + abi.FADE_LO + (steps >>> abi.FADE_SHIFT)]!;
        });
      }
      syn.variables.forEach((v, k) => {
        const x0 = f32[at(k, e)]!;
        values[k] = v.decay ? (x0 - v.decay.rest) * fades[v.decay.table]! + v.decay.rest : x0;
      });
      for (const s of statements) {
        if ('variable' in s) values[s.variable] = evaluate(s.value, leaves);
        else f32[target + j] = f(f32[target + j]! + f(evaluate(s.deliver, leaves)));
      }
      syn.variables.forEach((v, k) => {
        if (v.decay || written.has(k)) f32[at(k, e)] = values[k]!;
      });
    }
  };
}
