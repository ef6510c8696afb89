// Generates the WebAssembly update of one equation population: the step of
// ts/equations/program.ts over four neurons per SIMD vector, nothing allocated in the loop. The
// module imports the kernel's memory and its deterministic functions (assembly/index.ts exports
// them) and exports `update(base, rec, step)`, which the kernel calls through its function
// table. Every tree is evaluated as ts/backends/reference/interpret-equations.ts evaluates it, lane by lane.
import * as abi from '../../../assembly/abi.js';
import { EXP_SERIES, LN2_HI, LN2_LO, LOG2E } from '../../model/random/detmath.js';
import { streamWord } from '../../model/random/philox.js';
import { EXPREL_SERIES } from '../detmath.js';
import type { Node, UnaryFn } from '../nodes.js';
import { randomStreamIndex, type EquationProgram } from '../program.js';
import { Code, F32, F64, I32, moduleBytes, V128, type FunctionImport } from './encode.js';

/** The kernel exports a generated module imports, by the module name 'kernel'. */
export const KERNEL_IMPORTS: FunctionImport[] = [
  ...['detExp', 'detLog', 'detSin', 'detCos', 'detTanh', 'detExprel'].map((field) => ({ module: 'kernel', field, params: [F64], results: [F64] } as FunctionImport)),
  ...['equationUniform', 'equationNormal'].map((field) => ({ module: 'kernel', field, params: [I32, I32, I32, I32, I32], results: [F32] } as FunctionImport)),
];
const FN_INDEX: Partial<Record<UnaryFn, number>> = { exp: 0, log: 1, sin: 2, cos: 3, tanh: 4, exprel: 5 };
const UNIFORM = 6;
const NORMAL = 7;

// SIMD opcodes (after the 0xfd prefix).
const OP = {
  f32x4Splat: 19, i32x4Splat: 17, extract: 31, replace: 32, i32Gt: 59, i32Lt: 57, i32Add: 174,
  eq: 65, ne: 66, lt: 67, gt: 68, le: 69, ge: 70, not: 77, and: 78, andnot: 79, or: 80, bitselect: 82,
  anyTrue: 83, bitmask: 164, ceil: 103, floor: 104, abs: 224, neg: 225, sqrt: 227, add: 228, sub: 229,
  mul: 230, div: 231, min: 232, max: 233, convert: 250,
  // f64x2, for exp and exprel two lanes at a time
  shuffle: 13, promote: 95, demote: 94, dAbs: 236, dAdd: 240, dSub: 241, dMul: 242, dDiv: 243, dMin: 244, dMax: 245,
  dFloor: 117, dLt: 73, truncSat: 252, extendLow: 199, i64Add: 206, i64Shl: 203,
} as const;
/** i8x16.shuffle lanes: f32 lanes 2, 3 of the first operand into lanes 0, 1. */
const HIGH_HALF = [8, 9, 10, 11, 12, 13, 14, 15, 8, 9, 10, 11, 12, 13, 14, 15];
/** The low 8 bytes of each operand: f32 lanes 0, 1 of the first, then 0, 1 of the second. */
const LOW_HALVES = [0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23];
const BASE = 0;
const REC = 1;
const STEP = 2;

export function generateUpdate(program: EquationProgram): Uint8Array<ArrayBuffer> {
  const { eq, population, dt, targets, lastspikeSlot, countdownSlot } = program;
  const c = new Code(3);
  const local = (type: typeof I32 | typeof V128) => c.local(type);
  const region = (word: number) => c.get(BASE).get(REC).loadI32(word * 4).op(0x6a);

  const n = local(I32);
  const laneBytes = local(I32);
  const off = local(I32);
  const count = local(I32);
  const bits = local(I32);
  const k0 = local(I32);
  const k1 = local(I32);
  const ring = local(I32);
  const coef = local(I32);
  const spikes = local(I32);
  c.get(REC).loadI32(abi.P_N * 4).set(n);
  c.get(REC).loadI32(abi.P_NPAD * 4).i32(2).op(0x74).set(laneBytes);
  region(abi.P_COEF).set(coef);
  region(abi.P_SPIKES).set(spikes);
  c.get(BASE).loadI32(abi.H_SEED_LO * 4).set(k0);
  c.get(BASE).loadI32(abi.H_SEED_HI * 4).set(k1);

  // A pointer per array: state variable k, per-neuron parameter q, receptor r's ring slot.
  const arrayPointers = (word: number, count: number) => Array.from({ length: count }, (_, k) => {
    const p = local(I32);
    region(word).get(laneBytes).i32(k).op(0x6c, 0x6a).set(p);
    return p;
  });
  const stateCount = eq.states.length + (lastspikeSlot >= 0 ? 1 : 0) + (countdownSlot >= 0 ? 1 : 0);
  const statePtr = arrayPointers(abi.P_STATE, stateCount);
  const paramPtr = arrayPointers(abi.P_PARAMS, eq.params.length);
  const biasPtr = eq.input ? arrayPointers(abi.P_BIAS, 1)[0]! : -1;
  const stepPtr = eq.input ? arrayPointers(abi.P_ISTEP, 1)[0]! : -1;
  // This step's ring slot: P_RING + (step % slots) * receptors * laneBytes; none without slots.
  c.get(REC).loadI32(abi.P_RING_LEN * 4).op(0x45, 0x04, 0x40).i32(0).set(ring).op(0x05);
  region(abi.P_RING).get(STEP).get(REC).loadI32(abi.P_RING_LEN * 4).op(0x70).i32(targets.length).op(0x6c).get(laneBytes).op(0x6c, 0x6a).set(ring).op(0x0b);
  const ringPtr = targets.map((_, r) => {
    const p = local(I32);
    c.get(ring).get(laneBytes).i32(r).op(0x6c, 0x6a).set(p);
    return p;
  });
  const tVec = local(V128);
  c.get(STEP).op(0xb8).f64(dt).op(0xa2, 0xb6).simd(OP.f32x4Splat).set(tVec);

  const x = eq.states.map(() => local(V128));
  const fresh = eq.states.map(() => local(V128));
  const params = eq.params.map(() => local(V128));
  const temps = eq.step.temps.map(() => local(V128));
  const input = local(V128);
  const held = local(V128);
  const free = local(V128);
  const spike = local(V128);
  const index = local(V128);
  const lastspike = local(V128);
  const countdown = local(V128);
  const bad = local(V128);
  const nonFinite = local(V128);
  let reading = x;

  const lanewise = (arg: () => void, call: (lane: number) => void) => {
    const v = local(V128);
    arg();
    c.tee(v);
    for (let lane = 0; lane < 4; lane++) {
      c.get(v).simd(OP.extract, lane);
      call(lane);
      c.simd(OP.replace, lane);
    }
  };
  /** detExp (ts/model/random/detmath.ts) on two f64 lanes, operation for operation. */
  const exp2 = (x: number) => {
    const [k, r] = [local(V128), local(V128)];
    const clamped = local(V128);
    c.get(x).f64x2(709).simd(OP.dMin).f64x2(-700).simd(OP.dMax).set(clamped);
    c.get(clamped).f64x2(LOG2E).simd(OP.dMul).f64x2(0.5).simd(OP.dAdd).simd(OP.dFloor).set(k);
    c.get(clamped).get(k).f64x2(LN2_HI).simd(OP.dMul).simd(OP.dSub).get(k).f64x2(LN2_LO).simd(OP.dMul).simd(OP.dSub).set(r);
    c.f64x2(EXP_SERIES[0]!);
    for (const coefficient of EXP_SERIES.slice(1)) c.get(r).simd(OP.dMul).f64x2(coefficient).simd(OP.dAdd);
    // 2^k: (k + 1023) << 52 as the bits of an f64.
    c.get(k).simd(OP.truncSat).simd(OP.extendLow).i64x2(1023).simd(OP.i64Add).i32(52).simd(OP.i64Shl).simd(OP.dMul);
  };
  /** detExprel (ts/equations/detmath.ts) on two f64 lanes: the series where |x| < 0.5, else (e^x - 1) / x. */
  const exprel2 = (x: number) => {
    c.f64x2(EXPREL_SERIES[0]!);
    for (const coefficient of EXPREL_SERIES.slice(1)) c.get(x).simd(OP.dMul).f64x2(coefficient).simd(OP.dAdd);
    exp2(x);
    c.f64x2(1).simd(OP.dSub).get(x).simd(OP.dDiv);
    c.get(x).simd(OP.dAbs).f64x2(0.5).simd(OP.dLt).simd(OP.bitselect);
  };
  /** A function of f32 lanes computed in f64, two lanes at a time, rounded back to f32. */
  const vectorFn = (arg: () => void, fn: (x: number) => void) => {
    const [all, low, high] = [local(V128), local(V128), local(V128)];
    arg();
    c.tee(all).simd(OP.promote).set(low);
    c.get(all).get(all).simd(OP.shuffle, ...HIGH_HALF).simd(OP.promote).set(high);
    fn(low);
    c.simd(OP.demote);
    fn(high);
    c.simd(OP.demote).simd(OP.shuffle, ...LOW_HALVES);
  };
  const emit = (node: Node): void => {
    switch (node.op) {
      case 'const': c.f32x4(Math.fround(node.value)); return;
      case 'state': c.get(reading[node.index]!); return;
      case 'param': c.get(params[node.index]!); return;
      case 'temp': c.get(temps[node.index]!); return;
      case 'input': c.get(input); return;
      case 't': c.get(tVec); return;
      case 'i': c.get(index).simd(OP.convert); return;
      case 'lastspike': c.get(lastspike); return;
      case 'free': c.get(free); return;
      case 'neg': emit(node.a); c.simd(OP.neg); return;
      case 'add': case 'sub': case 'mul': case 'div': case 'min': case 'max':
      case 'lt': case 'gt': case 'le': case 'ge': case 'eq': case 'ne':
        emit(node.a);
        emit(node.b);
        c.simd(OP[node.op]);
        return;
      case 'and': case 'or': emit(node.a); emit(node.b); c.simd(OP[node.op]); return;
      case 'not': emit(node.a); c.simd(OP.not); return;
      case 'select': emit(node.a); emit(node.b); emit(node.c); c.simd(OP.bitselect); return;
      case 'fn': {
        const simdOp = node.fn === 'sqrt' || node.fn === 'abs' || node.fn === 'floor' || node.fn === 'ceil' ? OP[node.fn] : undefined;
        if (simdOp !== undefined) {
          emit(node.a);
          c.simd(simdOp);
          return;
        }
        if (node.fn === 'exp' || node.fn === 'exprel') {
          vectorFn(() => emit(node.a), node.fn === 'exp' ? exp2 : exprel2);
          return;
        }
        const fn = FN_INDEX[node.fn]!;
        lanewise(() => emit(node.a), () => c.op(0xbb, 0x10, fn, 0xb6));
        return;
      }
      case 'pow': {
        // exp(b * log(a)) in f64, lane by lane.
        const b = local(V128);
        emit(node.b);
        c.set(b);
        lanewise(() => emit(node.a), (lane) => c.op(0xbb, 0x10, FN_INDEX.log!).get(b).simd(OP.extract, lane).op(0xbb, 0xa2, 0x10, FN_INDEX.exp!, 0xb6));
        return;
      }
      case 'rand': case 'randn': {
        const stream = streamWord(node.op === 'rand' ? abi.RNG_EQ_UNIFORM : abi.RNG_EQ_NORMAL, randomStreamIndex(node.site, population));
        c.f32x4(0);
        for (let lane = 0; lane < 4; lane++) {
          c.get(off).i32(2).op(0x76).i32(lane).op(0x6a).get(STEP).i32(stream).get(k0).get(k1).op(0x10, node.op === 'rand' ? UNIFORM : NORMAL);
          c.simd(OP.replace, lane);
        }
        return;
      }
    }
  };
  const load = (ptr: number) => c.get(ptr).get(off).op(0x6a).loadV128();
  const store = (ptr: number, value: number) => c.get(ptr).get(off).op(0x6a).get(value).storeV128();

  // The loop over vectors.
  c.op(0x02, 0x40, 0x03, 0x40);
  c.get(off).get(laneBytes).op(0x4f, 0x0d, 1);
  x.forEach((v, k) => { load(statePtr[k]!); c.set(v); });
  params.forEach((v, q) => { load(paramPtr[q]!); c.set(v); });
  if (eq.input) { load(biasPtr); load(stepPtr); c.simd(OP.add).set(input); }
  if (lastspikeSlot >= 0) { load(statePtr[lastspikeSlot]!); c.set(lastspike); }
  c.get(off).i32(2).op(0x76).simd(OP.i32x4Splat).i32x4(0, 1, 2, 3).simd(OP.i32Add).set(index);
  if (countdownSlot >= 0) {
    load(statePtr[countdownSlot]!);
    c.tee(countdown).i32x4(0, 0, 0, 0).simd(OP.i32Gt).set(held);
  } else if (eq.refractory && 'condition' in eq.refractory) {
    emit(eq.refractory.condition);
    c.set(held);
  } else c.i32x4(0, 0, 0, 0).set(held);
  c.get(held).simd(OP.not).set(free);
  eq.step.temps.forEach((t, j) => { emit(t); c.set(temps[j]!); });
  eq.step.next.forEach((t, k) => { emit(t); c.set(fresh[k]!); });
  reading = fresh;
  if (eq.threshold) {
    emit(eq.threshold);
    c.get(held).simd(OP.andnot).set(spike);
  } else c.i32x4(0, 0, 0, 0).set(spike);
  targets.forEach((k, r) => {
    c.get(fresh[k]!);
    load(ringPtr[r]!);
    c.simd(OP.add).set(fresh[k]!);
    c.get(ringPtr[r]!).get(off).op(0x6a).i32x4(0, 0, 0, 0).storeV128();
  });
  for (const { index: k, value } of eq.reset) {
    emit(value);
    c.get(fresh[k]!).get(spike).simd(OP.bitselect).set(fresh[k]!);
  }
  if (countdownSlot >= 0) {
    const steps = eq.refractory && 'steps' in eq.refractory ? eq.refractory.steps : 0;
    c.get(countdown).get(held).simd(OP.i32Add).get(spike).i32x4(steps, steps, steps, steps).simd(OP.and).simd(OP.or).set(countdown);
    store(statePtr[countdownSlot]!, countdown);
  }
  if (lastspikeSlot >= 0) {
    c.get(tVec).get(lastspike).get(spike).simd(OP.bitselect).set(lastspike);
    store(statePtr[lastspikeSlot]!, lastspike);
  }
  c.i32x4(0, 0, 0, 0).set(nonFinite);
  fresh.forEach((v, k) => {
    store(statePtr[k]!, v);
    // x - x is 0 for finite x, NaN for NaN and infinities.
    c.get(nonFinite).get(v).get(v).simd(OP.sub).f32x4(0).simd(OP.ne).simd(OP.or).set(nonFinite);
  });
  c.get(bad).get(nonFinite).get(index).get(n).simd(OP.i32x4Splat).simd(OP.i32Lt).simd(OP.and).simd(OP.or).set(bad);
  // Spikes, in ascending order.
  c.get(spike).simd(OP.bitmask).set(bits);
  c.op(0x02, 0x40, 0x03, 0x40);
  c.get(bits).op(0x45, 0x0d, 1);
  c.get(spikes).get(count).i32(2).op(0x74, 0x6a).get(off).i32(2).op(0x76).get(bits).op(0x68, 0x6a).storeI32();
  c.get(count).i32(1).op(0x6a).set(count);
  c.get(bits).get(bits).i32(1).op(0x6b, 0x71).set(bits);
  c.op(0x0c, 0, 0x0b, 0x0b);
  c.get(off).i32(16).op(0x6a).set(off);
  c.op(0x0c, 0, 0x0b, 0x0b);

  // Padding lanes' spikes come last: drop them.
  c.op(0x02, 0x40, 0x03, 0x40);
  c.get(count).op(0x45, 0x0d, 1);
  c.get(spikes).get(count).i32(2).op(0x74, 0x6a).i32(4).op(0x6b).loadI32().get(n).op(0x48, 0x0d, 1);
  c.get(count).i32(1).op(0x6b).set(count);
  c.op(0x0c, 0, 0x0b, 0x0b);
  c.get(REC).get(count).storeI32(abi.P_NSPIKES * 4);
  // The first step at which a state variable of a real neuron became NaN or infinite.
  c.get(bad).simd(OP.anyTrue).get(coef).loadI32(abi.CE_DIVERGED * 4).op(0x45, 0x71, 0x04, 0x40);
  c.get(coef).get(STEP).i32(1).op(0x6a).storeI32(abi.CE_DIVERGED * 4).op(0x0b);
  return moduleBytes('kernel', KERNEL_IMPORTS, 'update', [I32, I32, I32], c);
}
