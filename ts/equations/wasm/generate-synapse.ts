// Generates the WebAssembly of a synapse model's onPre, onPost or step (ts/equations/synapse-program.ts
// says what each does): scalar f64 code over the synapses, each tree evaluated as
// ts/equations/evaluate.ts evaluates it; a stored value that is NaN or infinite records the step
// in the projection's J_DIVERGED. The module imports the kernel's memory and its
// deterministic f64 functions (those of generate.ts: the same import indices) and exports
// `update(base, proj, who, first, last, target, step)`.
import * as abi from '../../../assembly/abi.js';
import type { Node } from '../nodes.js';
import { setVariables, type SynapseEvent, type SynapseProgram } from '../synapse-program.js';
import { Code, F64, I32, moduleBytes, type MemoryImport } from './encode.js';
import { FN_INDEX, KERNEL_IMPORTS } from './generate.js';

const [BASE, PROJ, WHO, FIRST, LAST, TARGET, STEP] = [0, 1, 2, 3, 4, 5, 6];

const F64_OP = { neg: 0x9a, add: 0xa0, sub: 0xa1, mul: 0xa2, div: 0xa3, min: 0xa4, max: 0xa5, sqrt: 0x9f, abs: 0x99, floor: 0x9c, ceil: 0x9b } as const;
/** Conditions are i32 0 or 1: f64 comparisons, and i32 and/or/eqz on them. */
const CONDITION_OP = { eq: 0x61, ne: 0x62, lt: 0x63, gt: 0x64, le: 0x65, ge: 0x66, and: 0x71, or: 0x72, not: 0x45 } as const;
const SELECT = 0x1b;

export function generateSynapseHandler(program: SynapseProgram, event: SynapseEvent, memory: MemoryImport = { shared: false }): Uint8Array<ArrayBuffer> {
  return moduleBytes('kernel', memory, KERNEL_IMPORTS, [{ name: 'update', code: synapseHandlerCode(program, event, 0) }]);
}

/** The handler's code, its globals from `globalBase` on. */
export function synapseHandlerCode(program: SynapseProgram, event: SynapseEvent, globalBase: number): Code {
  const { syn, synPad, slots, fadeLimits } = program;
  const c = new Code([I32, I32, I32, I32, I32, I32, I32], globalBase);
  const i32 = () => c.local(I32);
  const f64 = () => c.local(F64);
  /** base + the i32 at `rec` + word * 4: a region's address. */
  const region = (rec: number, word: number) => c.get(BASE).get(rec).loadI32(word * 4).op(0x6a);
  /** address + index * 4 */
  const element = (address: number, index: number) => c.get(address).get(index).i32(2).op(0x74, 0x6a);
  /** for (x = from; x < to; x++) body, with `from` and `to` pushed by the callers. */
  const loop = (x: number, from: () => void, to: () => void, body: () => void) => {
    from();
    c.set(x).op(0x02, 0x40, 0x03, 0x40).get(x);
    to();
    c.op(0x4e, 0x0d, 1);
    body();
    c.get(x).i32(1).op(0x6a).set(x).op(0x0c, 0, 0x0b, 0x0b);
  };

  const pops = i32();
  c.get(BASE).get(BASE).loadI32(abi.H_POPS * 4).op(0x6a).set(pops);
  const populationRegion = (population: number, word: number) => {
    const at = i32();
    c.get(BASE).get(pops).loadI32((population * abi.P_WORDS + word) * 4).op(0x6a).set(at);
    return at;
  };
  const block = i32();
  region(PROJ, abi.J_PLAST).set(block);
  const preStart = i32();
  c.get(PROJ).loadI32(abi.J_PRE_START * 4).set(preStart);
  const { reads } = syn;
  const preState = reads.some((r) => 'side' in r && r.side === 'pre') ? populationRegion(program.prePopulation, abi.P_STATE) : -1;
  const postState = reads.some((r) => 'side' in r && r.side === 'post') ? populationRegion(program.postPopulation, abi.P_STATE) : -1;
  const weights = i32();
  if (syn.weight >= 0) region(PROJ, abi.J_W).set(weights);
  const arrays = i32();
  region(block, abi.K_SYN_TRACES).set(arrays);
  const t = f64();
  c.get(STEP).op(0xb8).f64(program.dt).op(0xa2).set(t);

  // Outside reads: modulators once, a neuron's values once for each neuron.
  const readLocals = reads.map(() => f64());
  const readSide = (side: 'pre' | 'post', neuron: number) => reads.forEach((r, k) => {
    if (!('side' in r) || r.side !== side) return;
    const [state, nPad] = side === 'pre' ? [preState, program.preNPad] : [postState, program.postNPad];
    element(state, neuron).loadF32(r.slot * nPad * 4).op(0xbb).set(readLocals[k]!);
  });
  reads.forEach((r, k) => {
    if ('modulator' in r) c.get(BASE).get(BASE).loadI32(abi.H_MODS * 4).op(0x6a).loadF32((r.modulator * abi.MO_WORDS + abi.MO_VALUE) * 4).op(0xbb).set(readLocals[k]!);
  });

  const values = syn.variables.map(() => f64());
  const temps: number[] = [];
  /** Emits a tree; `leaf` emits its state, param and temp nodes. */
  type Leaf = Node & { op: 'state' | 'param' | 'temp' };
  const emit = (node: Node, leaf: (node: Leaf) => void): void => {
    switch (node.op) {
      case 'const': c.f64(node.value); return;
      case 'state': case 'param': case 'temp': leaf(node); return;
      case 't': c.get(t); return;
      case 'neg': emit(node.a, leaf); c.op(F64_OP.neg); return;
      case 'add': case 'sub': case 'mul': case 'div': case 'min': case 'max':
        emit(node.a, leaf);
        emit(node.b, leaf);
        c.op(F64_OP[node.op]);
        return;
      case 'pow':
        // exp(log(a) * b), as generalPower computes it.
        emit(node.a, leaf);
        c.op(0x10, FN_INDEX.log!);
        emit(node.b, leaf);
        c.op(0xa2, 0x10, FN_INDEX.exp!);
        return;
      case 'fn':
        emit(node.a, leaf);
        if (node.fn === 'sqrt' || node.fn === 'abs' || node.fn === 'floor' || node.fn === 'ceil') c.op(F64_OP[node.fn]);
        else c.op(0x10, FN_INDEX[node.fn]!);
        return;
      case 'lt': case 'gt': case 'le': case 'ge': case 'eq': case 'ne': case 'and': case 'or':
        emit(node.a, leaf);
        emit(node.b, leaf);
        c.op(CONDITION_OP[node.op]);
        return;
      case 'not': emit(node.a, leaf); c.op(CONDITION_OP.not); return;
      // int(condition): both values, then the condition (wasm's select).
      case 'select': emit(node.a, leaf); emit(node.b, leaf); emit(node.c, leaf); c.op(SELECT); return;
      default: throw new Error(`a synapse tree cannot hold ${node.op}`);
    }
  };
  /** Leaves of statements and summed values: synapse variables and outside reads. */
  const plain = (node: Leaf) => c.get(node.op === 'state' ? values[node.index]! : readLocals[node.index]!);
  /** Loads variable k of synapse e into its local (f32 to f64). */
  const variableAt = (k: number, e: number) => element(slots[k]! < 0 ? weights : arrays, e);
  const offsetOf = (k: number) => (slots[k]! < 0 ? 0 : slots[k]! * synPad * 4);
  const loadVariable = (k: number, e: number) => variableAt(k, e).loadF32(offsetOf(k)).op(0xbb);
  // The stored values (as f32) add up to a non-finite sum exactly when one of them is NaN or infinite.
  const stored = f64();
  const storeVariable = (k: number, e: number) => {
    variableAt(k, e);
    c.get(values[k]!).op(0xb6).storeF32(offsetOf(k));
    c.get(stored).get(values[k]!).op(0xb6, 0xbb, 0xa0).set(stored);
  };
  /** Records the step in J_DIVERGED the first time a stored value was not finite. */
  const recordDivergence = () => {
    c.get(stored).get(stored).op(0xa1).f64(0).op(0x62, 0x04, 0x40);
    c.get(PROJ).loadI32(abi.J_DIVERGED * 4).op(0x45, 0x04, 0x40);
    c.get(PROJ).get(STEP).i32(1).op(0x6a).storeI32(abi.J_DIVERGED * 4);
    c.op(0x0b, 0x0b);
  };
  const x = i32();
  const e = i32();
  const i = i32();
  const j = i32();

  if (event === 'step') {
    // Summed variables over each post neuron's synapses (reverse index), then the clock-driven step (CSR order).
    if (syn.summed.length > 0) {
      const [revPtr, revSyn, revPre, y] = [i32(), i32(), i32(), i32()];
      region(block, abi.K_REV_PTR).set(revPtr);
      region(block, abi.K_REV_SYN).set(revSyn);
      region(block, abi.K_REV_PRE).set(revPre);
      const params = populationRegion(program.postPopulation, abi.P_PARAMS);
      const sums = syn.summed.map(() => f64());
      loop(j, () => c.i32(program.postStart), () => c.i32(program.postStop), () => {
        sums.forEach((sum) => c.f64(0).set(sum));
        readSide('post', j);
        loop(y, () => element(revPtr, j).loadI32(), () => element(revPtr, j).loadI32(4), () => {
          element(revSyn, y).loadI32().set(e);
          c.get(preStart);
          element(revPre, y).loadI32().op(0x6a).set(i);
          readSide('pre', i);
          syn.variables.forEach((_, k) => { loadVariable(k, e); c.set(values[k]!); });
          syn.summed.forEach((s, k) => {
            c.get(sums[k]!);
            emit(s.value, plain);
            c.op(0xa0).set(sums[k]!);
          });
        });
        syn.summed.forEach((s, k) => element(params, j).get(sums[k]!).op(0xb6).storeF32(s.slot * program.postNPad * 4));
      });
    }
    if (syn.clock) {
      const { variables: clockVars, step } = syn.clock;
      const [rowPtr, col, row] = [i32(), i32(), i32()];
      region(PROJ, abi.J_ROWPTR).set(rowPtr);
      region(PROJ, abi.J_COL).set(col);
      const next = clockVars.map(() => f64());
      step.temps.forEach(() => temps.push(f64()));
      const leaf = (node: Leaf) => {
        if (node.op === 'state') c.get(values[clockVars[node.index]!]!);
        else if (node.op === 'temp') c.get(temps[node.index]!);
        else c.get(node.index < reads.length ? readLocals[node.index]! : values[node.index - reads.length]!);
      };
      loop(row, () => c.i32(0), () => c.get(PROJ).loadI32(abi.J_PRE_END * 4).get(preStart).op(0x6b), () => {
        c.get(preStart).get(row).op(0x6a).set(i);
        readSide('pre', i);
        loop(e, () => element(rowPtr, row).loadI32(), () => element(rowPtr, row).loadI32(4), () => {
          element(col, e).loadI32().set(j);
          readSide('post', j);
          syn.variables.forEach((_, k) => { loadVariable(k, e); c.set(values[k]!); });
          step.temps.forEach((tree, k) => { emit(tree, leaf); c.set(temps[k]!); });
          step.next.forEach((tree, k) => { emit(tree, leaf); c.set(next[k]!); });
          clockVars.forEach((v, k) => { c.get(next[k]!).set(values[v]!); storeVariable(v, e); });
        });
      });
    }
    recordDivergence();
    return c;
  }

  const statements = event === 'pre' ? syn.onPre : syn.onPost;
  const written = setVariables(statements);
  const decaying = syn.variables.some((v) => v.decay);
  const last = i32();
  if (decaying) region(block, abi.K_SYN_LAST).set(last);
  const tables = syn.taus.map((_, table) => {
    const at = i32();
    region(block, abi.K_FADE_PLUS + table).set(at);
    return at;
  });
  const [col, revSyn, revPre] = [i32(), i32(), i32()];
  if (event === 'pre') {
    region(PROJ, abi.J_COL).set(col);
    c.get(preStart).get(WHO).op(0x6a).set(i);
    readSide('pre', i);
  } else {
    region(block, abi.K_REV_SYN).set(revSyn);
    region(block, abi.K_REV_PRE).set(revPre);
    c.get(WHO).set(j);
    readSide('post', j);
  }
  const steps = i32();
  const fades = syn.taus.map(() => f64());
  loop(x, () => c.get(FIRST), () => c.get(LAST), () => {
    if (event === 'pre') {
      c.get(x).set(e);
      element(col, e).loadI32().set(j);
      readSide('post', j);
    } else {
      element(revSyn, x).loadI32().set(e);
      c.get(preStart);
      element(revPre, x).loadI32().op(0x6a).set(i);
      readSide('pre', i);
    }
    if (decaying) {
      c.get(STEP);
      element(last, e).loadI32().op(0x6b).set(steps);
      element(last, e).get(STEP).storeI32();
      // exp(-steps dt / tau) = lo[steps & (FADE_LO - 1)] * hi[steps >> FADE_SHIFT], 0 at the limit.
      tables.forEach((table, k) => {
        c.get(steps).i32(fadeLimits[k]!).op(0x4f, 0x04, F64).f64(0).op(0x05);
        c.get(table).get(steps).i32(abi.FADE_LO - 1).op(0x71).i32(3).op(0x74, 0x6a).loadF64();
        c.get(table).get(steps).i32(abi.FADE_SHIFT).op(0x76).i32(3).op(0x74, 0x6a).loadF64(abi.FADE_LO * 8);
        c.op(0xa2, 0x0b).set(fades[k]!);
      });
    }
    syn.variables.forEach((v, k) => {
      loadVariable(k, e);
      // rest + (x - rest) * fade, as (x - rest) * fade + rest
      if (v.decay) c.f64(v.decay.rest).op(0xa1).get(fades[v.decay.table]!).op(0xa2).f64(v.decay.rest).op(0xa0);
      c.set(values[k]!);
    });
    for (const s of statements) {
      if ('variable' in s) {
        emit(s.value, plain);
        c.set(values[s.variable]!);
      } else {
        const cell = i32();
        element(TARGET, j).tee(cell).get(cell).loadF32();
        emit(s.deliver, plain);
        c.op(0xb6, 0x92).storeF32();
      }
    }
    syn.variables.forEach((v, k) => {
      if (v.decay || written.has(k)) storeVariable(k, e);
    });
  });
  recordDivergence();
  return c;
}
