// Generates the WebAssembly of a synapse model's onPre or onPost (ts/equations/synapse-program.ts
// says what they do): scalar f64 code over the synapses of one event, each tree evaluated as
// ts/equations/evaluate.ts evaluates it. The module imports the kernel's memory and its
// deterministic f64 functions and exports `update(base, proj, who, first, last, target, step)`.
import * as abi from '../../../assembly/abi.js';
import type { Node } from '../nodes.js';
import { setVariables, type SynapseProgram } from '../synapse-program.js';
import { Code, F64, I32, moduleBytes, type MemoryImport } from './encode.js';
import { FN_INDEX, KERNEL_IMPORTS } from './generate.js';

const [BASE, PROJ, WHO, FIRST, LAST, TARGET, STEP] = [0, 1, 2, 3, 4, 5, 6];
/** The imported f64 functions (exp, log, sin, cos, tanh). */
const IMPORTS = KERNEL_IMPORTS.slice(0, 5);

const F64_OP = { neg: 0x9a, add: 0xa0, sub: 0xa1, mul: 0xa2, div: 0xa3, min: 0xa4, max: 0xa5, sqrt: 0x9f, abs: 0x99, floor: 0x9c, ceil: 0x9b } as const;

export function generateSynapseHandler(program: SynapseProgram, event: 'pre' | 'post', memory: MemoryImport = { shared: false }): Uint8Array<ArrayBuffer> {
  const { syn, synPad, slots, fadeLimits } = program;
  const statements = event === 'pre' ? syn.onPre : syn.onPost;
  const c = new Code(7);
  const i32 = () => c.local(I32);
  const f64 = () => c.local(F64);
  /** base + the i32 at `rec` + word * 4: a region's address. */
  const region = (rec: number, word: number) => c.get(BASE).get(rec).loadI32(word * 4).op(0x6a);

  const pops = i32();
  c.get(BASE).get(BASE).loadI32(abi.H_POPS * 4).op(0x6a).set(pops);
  const stateOf = (population: number) => {
    const at = i32();
    c.get(BASE).get(pops).loadI32((population * abi.P_WORDS + abi.P_STATE) * 4).op(0x6a).set(at);
    return at;
  };
  const block = i32();
  region(PROJ, abi.J_PLAST).set(block);
  const preStart = i32();
  c.get(PROJ).loadI32(abi.J_PRE_START * 4).set(preStart);
  const reads = syn.reads;
  const preState = reads.some((r) => 'side' in r && r.side === 'pre') ? stateOf(program.prePopulation) : -1;
  const postState = reads.some((r) => 'side' in r && r.side === 'post') ? stateOf(program.postPopulation) : -1;
  const weights = syn.weight >= 0 ? i32() : -1;
  if (weights >= 0) region(PROJ, abi.J_W).set(weights);
  const arrays = i32();
  region(block, abi.K_SYN_TRACES).set(arrays);
  const decaying = syn.variables.some((v) => v.decay);
  const last = i32();
  if (decaying) region(block, abi.K_SYN_LAST).set(last);
  const tables = syn.taus.map((_, t) => {
    const at = i32();
    region(block, abi.K_FADE_PLUS + t).set(at);
    return at;
  });
  const col = i32();
  const revSyn = i32();
  const revPre = i32();
  if (event === 'pre') region(PROJ, abi.J_COL).set(col);
  else {
    region(block, abi.K_REV_SYN).set(revSyn);
    region(block, abi.K_REV_PRE).set(revPre);
  }
  const t = f64();
  if (syn.onPre.concat(syn.onPost).length > 0) c.get(STEP).op(0xb8).f64(program.dt).op(0xa2).set(t);

  // Outside reads: modulators and the event's own side's neuron once, the other side's per synapse.
  const readLocals = reads.map(() => f64());
  const readInto = (k: number, neuron: number) => {
    const r = reads[k]!;
    if ('modulator' in r) {
      c.get(BASE).get(BASE).loadI32(abi.H_MODS * 4).op(0x6a).loadF32((r.modulator * abi.MO_WORDS + abi.MO_VALUE) * 4);
    } else {
      const [state, nPad] = r.side === 'pre' ? [preState, program.preNPad] : [postState, program.postNPad];
      c.get(state).get(neuron).i32(2).op(0x74, 0x6a).loadF32(r.slot * nPad * 4);
    }
    c.op(0xbb).set(readLocals[k]!);
  };
  const perEvent = (k: number) => {
    const r = reads[k]!;
    return 'modulator' in r || r.side === event;
  };
  const i = i32();
  const j = i32();
  if (event === 'pre') c.get(preStart).get(WHO).op(0x6a).set(i);
  else c.get(WHO).set(j);
  reads.forEach((_, k) => { if (perEvent(k)) readInto(k, event === 'pre' ? i : j); });

  const x = i32();
  const e = i32();
  const steps = i32();
  const fades = syn.taus.map(() => f64());
  const values = syn.variables.map(() => f64());
  const written = setVariables(statements);
  const emit = (node: Node): void => {
    switch (node.op) {
      case 'const': c.f64(node.value); return;
      case 'state': c.get(values[node.index]!); return;
      case 'param': c.get(readLocals[node.index]!); return;
      case 't': c.get(t); return;
      case 'neg': emit(node.a); c.op(F64_OP.neg); return;
      case 'add': case 'sub': case 'mul': case 'div': case 'min': case 'max':
        emit(node.a);
        emit(node.b);
        c.op(F64_OP[node.op]);
        return;
      case 'pow':
        // exp(log(a) * b), as generalPower computes it.
        emit(node.a);
        c.op(0x10, FN_INDEX.log!);
        emit(node.b);
        c.op(0xa2, 0x10, FN_INDEX.exp!);
        return;
      case 'fn':
        emit(node.a);
        if (node.fn === 'sqrt' || node.fn === 'abs' || node.fn === 'floor' || node.fn === 'ceil') c.op(F64_OP[node.fn]);
        else c.op(0x10, FN_INDEX[node.fn]!);
        return;
      default: throw new Error(`a synapse tree cannot hold ${node.op}`);
    }
  };
  /** The address of synapse e's entry in variable k's array. */
  const variableAt = (k: number) => {
    if (slots[k]! < 0) c.get(weights).get(e).i32(2).op(0x74, 0x6a);
    else c.get(arrays).get(e).i32(2).op(0x74, 0x6a);
  };
  const offsetOf = (k: number) => (slots[k]! < 0 ? 0 : slots[k]! * synPad * 4);

  // for (x = first; x < last; x++)
  c.get(FIRST).set(x);
  c.op(0x02, 0x40, 0x03, 0x40);
  c.get(x).get(LAST).op(0x4e, 0x0d, 1);
  if (event === 'pre') {
    c.get(x).set(e);
    c.get(col).get(e).i32(2).op(0x74, 0x6a).loadI32().set(j);
  } else {
    c.get(revSyn).get(x).i32(2).op(0x74, 0x6a).loadI32().set(e);
    c.get(preStart).get(revPre).get(x).i32(2).op(0x74, 0x6a).loadI32().op(0x6a).set(i);
  }
  reads.forEach((_, k) => { if (!perEvent(k)) readInto(k, event === 'pre' ? j : i); });
  if (decaying) {
    c.get(STEP).get(last).get(e).i32(2).op(0x74, 0x6a).loadI32().op(0x6b).set(steps);
    c.get(last).get(e).i32(2).op(0x74, 0x6a).get(STEP).storeI32();
    // exp(-steps dt / tau) = lo[steps & (FADE_LO - 1)] * hi[steps >> FADE_SHIFT], 0 at the limit.
    tables.forEach((table, k) => {
      c.get(steps).i32(fadeLimits[k]!).op(0x4f, 0x04, F64).f64(0).op(0x05);
      c.get(table).get(steps).i32(abi.FADE_LO - 1).op(0x71).i32(3).op(0x74, 0x6a).loadF64();
      c.get(table).get(steps).i32(abi.FADE_SHIFT).op(0x76).i32(3).op(0x74, 0x6a).loadF64(abi.FADE_LO * 8);
      c.op(0xa2, 0x0b).set(fades[k]!);
    });
  }
  syn.variables.forEach((v, k) => {
    variableAt(k);
    c.loadF32(offsetOf(k)).op(0xbb);
    if (v.decay) {
      // rest + (x - rest) * fade
      c.f64(v.decay.rest).op(0xa1).get(fades[v.decay.table]!).op(0xa2).f64(v.decay.rest).op(0xa0);
    }
    c.set(values[k]!);
  });
  for (const s of statements) {
    if ('variable' in s) {
      emit(s.value);
      c.set(values[s.variable]!);
    } else {
      const cell = i32();
      c.get(TARGET).get(j).i32(2).op(0x74, 0x6a).tee(cell).get(cell).loadF32();
      emit(s.deliver);
      c.op(0xb6, 0x92).storeF32();
    }
  }
  syn.variables.forEach((v, k) => {
    if (!v.decay && !written.has(k)) return;
    variableAt(k);
    c.get(values[k]!).op(0xb6).storeF32(offsetOf(k));
  });
  c.get(x).i32(1).op(0x6a).set(x);
  c.op(0x0c, 0, 0x0b, 0x0b);
  return moduleBytes('kernel', memory, IMPORTS, 'update', [I32, I32, I32, I32, I32, I32, I32], c);
}
