// The reference backend's run of a synapse model's onPre, onPost or step: what
// ts/equations/wasm/generate-synapse.ts generates, over the same image, operation for operation
// (ts/equations/synapse-program.ts says what they do), divergence record included.
import * as abi from '../../../assembly/abi.js';
import { evaluate, type Leaves } from '../../equations/evaluate.js';
import { setVariables, type SynapseEvent, type SynapseProgram } from '../../equations/synapse-program.js';
import type { Mem } from './memory.js';

const f = Math.fround;

export function interpretSynapseHandler(program: SynapseProgram, event: SynapseEvent) {
  const { syn, synPad, slots, fadeLimits } = program;
  const values = new Float64Array(syn.variables.length);
  const reads = new Float64Array(syn.reads.length);
  const fades = new Float64Array(syn.taus.length);
  const plain: Leaves = { state: (k) => values[k]!, param: (k) => reads[k]!, temp: () => NaN, t: 0 };
  const statements = event === 'pre' ? syn.onPre : syn.onPost;
  const written = setVariables(statements);

  return (m: Mem, proj: number, who: number, first: number, last: number, target: number, step: number): void => {
    const { i32, u32, f32, f64 } = m;
    const pops = i32[abi.H_POPS]! >>> 2;
    const populationRegion = (population: number, word: number) => i32[pops + population * abi.P_WORDS + word]! >>> 2;
    const block = i32[proj + abi.J_PLAST]! >>> 2;
    const preStart = i32[proj + abi.J_PRE_START]!;
    const weights = i32[proj + abi.J_W]! >>> 2;
    const arrays = i32[block + abi.K_SYN_TRACES]! >>> 2;
    const col = i32[proj + abi.J_COL]! >>> 2;
    const revSyn = i32[block + abi.K_REV_SYN]! >>> 2;
    const revPre = i32[block + abi.K_REV_PRE]! >>> 2;
    plain.t = step * program.dt;
    const readSide = (side: 'pre' | 'post', neuron: number) => syn.reads.forEach((r, k) => {
      if (!('side' in r) || r.side !== side) return;
      const [population, nPad] = side === 'pre' ? [program.prePopulation, program.preNPad] : [program.postPopulation, program.postNPad];
      reads[k] = f32[populationRegion(population, abi.P_STATE) + r.slot * nPad + neuron]!;
    });
    syn.reads.forEach((r, k) => {
      if ('modulator' in r) reads[k] = f32[(i32[abi.H_MODS]! >>> 2) + r.modulator * abi.MO_WORDS + abi.MO_VALUE]!;
    });
    const at = (k: number, e: number) => (slots[k]! < 0 ? weights + e : arrays + slots[k]! * synPad + e);
    // The stored values (as f32) add up to a non-finite sum exactly when one of them is NaN or infinite.
    let stored = 0;
    const store = (k: number, e: number) => {
      f32[at(k, e)] = values[k]!;
      stored += f(values[k]!);
    };
    const recordDivergence = () => {
      if (stored - stored !== 0 && i32[proj + abi.J_DIVERGED] === 0) i32[proj + abi.J_DIVERGED] = step + 1;
    };
    const loadAll = (e: number) => syn.variables.forEach((_, k) => { values[k] = f32[at(k, e)]!; });

    if (event === 'step') {
      if (syn.summed.length > 0) {
        const revPtr = i32[block + abi.K_REV_PTR]! >>> 2;
        const params = populationRegion(program.postPopulation, abi.P_PARAMS);
        const sums = new Float64Array(syn.summed.length);
        for (let j = program.postStart; j < program.postStop; j++) {
          sums.fill(0);
          readSide('post', j);
          for (let y = i32[revPtr + j]!; y < i32[revPtr + j + 1]!; y++) {
            const e = i32[revSyn + y]!;
            readSide('pre', preStart + i32[revPre + y]!);
            loadAll(e);
            syn.summed.forEach((s, k) => { sums[k] = sums[k]! + evaluate(s.value, plain); });
          }
          syn.summed.forEach((s, k) => { f32[params + s.slot * program.postNPad + j] = sums[k]!; });
        }
      }
      if (syn.clock) {
        const { variables: clockVars, step: integration } = syn.clock;
        const rowPtr = i32[proj + abi.J_ROWPTR]! >>> 2;
        const temps = new Float64Array(integration.temps.length);
        const leaves: Leaves = {
          state: (k) => values[clockVars[k]!]!,
          param: (p) => (p < reads.length ? reads[p]! : values[p - reads.length]!),
          temp: (k) => temps[k]!,
          t: plain.t,
        };
        const next = new Float64Array(clockVars.length);
        for (let row = 0; row < i32[proj + abi.J_PRE_END]! - preStart; row++) {
          readSide('pre', preStart + row);
          for (let e = i32[rowPtr + row]!; e < i32[rowPtr + row + 1]!; e++) {
            readSide('post', i32[col + e]!);
            loadAll(e);
            integration.temps.forEach((tree, k) => { temps[k] = evaluate(tree, leaves); });
            integration.next.forEach((tree, k) => { next[k] = evaluate(tree, leaves); });
            clockVars.forEach((v, k) => { values[v] = next[k]!; store(v, e); });
          }
        }
      }
      recordDivergence();
      return;
    }

    const lastStep = i32[block + abi.K_SYN_LAST]! >>> 2;
    const tables = syn.taus.map((_, t) => i32[block + abi.K_FADE_PLUS + t]! >>> 3);
    let i = event === 'pre' ? preStart + who : 0;
    let j = event === 'post' ? who : 0;
    readSide(event, event === 'pre' ? i : j);
    for (let x = first; x < last; x++) {
      let e = x;
      if (event === 'pre') {
        j = i32[col + e]!;
        readSide('post', j);
      } else {
        e = i32[revSyn + x]!;
        i = preStart + i32[revPre + x]!;
        readSide('pre', i);
      }
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
        if ('variable' in s) values[s.variable] = evaluate(s.value, plain);
        else f32[target + j] = f(f32[target + j]! + f(evaluate(s.deliver, plain)));
      }
      syn.variables.forEach((v, k) => {
        if (v.decay || written.has(k)) store(k, e);
      });
    }
    recordDivergence();
  };
}
