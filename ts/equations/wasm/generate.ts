// Generates the WebAssembly update of one equation population: the step of
// ts/equations/program.ts over four neurons per SIMD vector, nothing allocated in the loop. The
// module imports the kernel's memory and its deterministic functions (assembly/index.ts exports
// them) and exports `update(base, rec, step)`, which the kernel calls through its function
// table. Every tree is evaluated as ts/backends/reference/interpret-equations.ts evaluates it, lane by lane.
import * as abi from '../../../assembly/abi.js';
import { EXP_F32_MAX, EXP_F32_MIN, EXP_F32_SERIES, LN2_HI_F32, LN2_LO_F32, LOG2E_F32 } from '../../model/random/detmath.js';
import { streamWord } from '../../model/random/philox.js';
import { EXPREL_F32_SERIES } from '../detmath.js';
import { mentions, type Node, type UnaryFn } from '../nodes.js';
import { randomStreamIndex, type EquationProgram } from '../program.js';
import { Code, F32, F64, I32, moduleBytes, unsigned, V128, type FunctionImport, type MemoryImport } from './encode.js';

/** The kernel exports a generated module imports, by the module name 'kernel'. */
export const KERNEL_IMPORTS: FunctionImport[] = [
  ...['detExp', 'detLog', 'detSin', 'detCos', 'detTanh'].map((field) => ({ module: 'kernel', field, params: [F64], results: [F64] } as FunctionImport)),
  ...['equationUniform', 'equationNormal'].map((field) => ({ module: 'kernel', field, params: [I32, I32, I32, I32, I32], results: [F32] } as FunctionImport)),
];
/** Imported f64 functions by index: exp serves x**y (exp and exprel themselves run inline in f32). */
export const FN_INDEX: Partial<Record<UnaryFn, number>> = { exp: 0, log: 1, sin: 2, cos: 3, tanh: 4 };
const UNIFORM = 5;
const NORMAL = 6;

// SIMD opcodes (after the 0xfd prefix).
const OP = {
  f32x4Splat: 19, i32x4Splat: 17, extract: 31, replace: 32, i32Gt: 59, i32Add: 174,
  eq: 65, ne: 66, lt: 67, gt: 68, le: 69, ge: 70, not: 77, and: 78, andnot: 79, or: 80, bitselect: 82,
  anyTrue: 83, bitmask: 164, ceil: 103, floor: 104, abs: 224, neg: 225, sqrt: 227, add: 228, sub: 229,
  mul: 230, div: 231, min: 232, max: 233, convert: 250,
  truncSat: 248, i32Shl: 171,
} as const;
/** The module's i32 global: the spikes appended this step. */
const COUNT = 0;
const BASE = 0;
const REC = 1;
const STEP = 2;

/** Whether a node reads 'free' directly (not as the condition of a select). */
function freeOutsideSelect(n: Node): boolean {
  if (n.op === 'free') return true;
  if (n.op === 'select') return (n.c.op !== 'free' && freeOutsideSelect(n.c)) || freeOutsideSelect(n.a) || freeOutsideSelect(n.b);
  return ('a' in n && freeOutsideSelect(n.a)) || ('b' in n && freeOutsideSelect(n.b));
}

/**
 * The module's bytes. `memory`: the kernel's own memory (the default), or the shared memory of
 * a threaded kernel, so that each worker instantiates the module against its instance.
 */
export function generateUpdate(program: EquationProgram, memory: MemoryImport = { shared: false }): Uint8Array<ArrayBuffer> {
  return moduleBytes('kernel', memory, KERNEL_IMPORTS, [{ name: 'update', code: updateCode(program, 0) }]);
}

/** The update's code, its globals from `globalBase` on (a module of several programs places them one after another). */
export function updateCode(program: EquationProgram, globalBase: number): Code {
  const { eq, population, dt, targets, lastspikeSlot, countdownSlot } = program;
  const c = new Code([I32, I32, I32], globalBase);
  const local = (type: typeof I32 | typeof V128) => c.local(type);
  const region = (word: number) => c.get(BASE).get(REC).loadI32(word * 4).op(0x6a);

  const n = local(I32);
  const bits = local(I32);
  const k0 = local(I32);
  const k1 = local(I32);
  const coef = local(I32);
  const spikes = local(I32);
  c.get(REC).loadI32(abi.P_N * 4).set(n);
  region(abi.P_COEF).set(coef);
  region(abi.P_SPIKES).set(spikes);
  c.i32(0).setGlobal(COUNT);
  c.get(BASE).loadI32(abi.H_SEED_LO * 4).set(k0);
  c.get(BASE).loadI32(abi.H_SEED_HI * 4).set(k1);

  // One pointer per block of arrays, moved 16 bytes a vector; array k of a block lies at the
  // static offset k * laneBytes from it (the population's size is known when this is generated).
  const laneBytes = program.nPad * 4;
  const pointer = (word: number) => {
    const p = local(I32);
    region(word).set(p);
    return p;
  };
  const stateStart = pointer(abi.P_STATE);
  const [stateAt, stateEnd] = [local(I32), local(I32)];
  c.get(stateStart).tee(stateAt).i32(laneBytes).op(0x6a).set(stateEnd);
  // The neuron index of lane 0 of this vector.
  const firstNeuron = () => c.get(stateAt).get(stateStart).op(0x6b).i32(2).op(0x76);
  const paramAt = pointer(abi.P_PARAMS);
  const biasAt = eq.input ? pointer(abi.P_BIAS) : -1;
  const stepAt = eq.input ? pointer(abi.P_ISTEP) : -1;
  // This step's ring slot: P_RING + (step % slots) * receptors * laneBytes; none without slots.
  const ringAt = local(I32);
  c.get(REC).loadI32(abi.P_RING_LEN * 4).op(0x45, 0x04, 0x40).i32(0).set(ringAt).op(0x05);
  region(abi.P_RING).get(STEP).get(REC).loadI32(abi.P_RING_LEN * 4).op(0x70).i32(targets.length * laneBytes).op(0x6c, 0x6a).set(ringAt).op(0x0b);
  const moving = [stateAt, ...(eq.params.length > 0 ? [paramAt] : []), ...(targets.length > 0 ? [ringAt] : []), ...(eq.input ? [biasAt, stepAt] : [])];
  const tVec = local(V128);
  c.get(STEP).op(0xb8).f64(dt).op(0xa2, 0xb6).simd(OP.f32x4Splat).set(tVec);

  const trees = [...eq.step.temps, ...eq.step.next, ...eq.reset.map((r) => r.value), ...(eq.threshold ? [eq.threshold] : []), ...(eq.refractory && 'condition' in eq.refractory ? [eq.refractory.condition] : [])];
  const readsIndex = trees.some((t) => mentions(t, (m) => m.op === 'i'));
  // 'free' other than as the condition of a select (which the select reads as held).
  const readsFree = trees.some(freeOutsideSelect);
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
  /** expF32 (ts/model/random/detmath.ts) of the vector in local x, four lanes, operation for operation. */
  const exp4 = (x: number) => {
    const [k, r, y] = [local(V128), local(V128), local(V128)];
    const clamped = () => c.get(x).f32x4(EXP_F32_MAX).simd(OP.min).f32x4(EXP_F32_MIN).simd(OP.max);
    clamped();
    c.f32x4(LOG2E_F32).simd(OP.mul).f32x4(0.5).simd(OP.add).simd(OP.floor).set(k);
    clamped();
    c.get(k).f32x4(LN2_HI_F32).simd(OP.mul).simd(OP.sub).get(k).f32x4(LN2_LO_F32).simd(OP.mul).simd(OP.sub).set(r);
    c.f32x4(EXP_F32_SERIES[0]!);
    for (const coefficient of EXP_F32_SERIES.slice(1)) c.get(r).simd(OP.mul).f32x4(coefficient).simd(OP.add);
    c.get(r).simd(OP.mul).get(r).simd(OP.mul).get(r).simd(OP.add).f32x4(1).simd(OP.add);
    // 2^k: (k + 127) << 23 as the bits of an f32.
    c.get(k).simd(OP.truncSat).i32x4(127, 127, 127, 127).simd(OP.i32Add).i32(23).simd(OP.i32Shl).simd(OP.mul).set(y);
    // Beyond the range: infinity above, 0 below (as expF32 returns them).
    c.f32x4(Infinity).get(y).get(x).f32x4(EXP_F32_MAX).simd(OP.gt).simd(OP.bitselect).set(y);
    c.f32x4(0).get(y).get(x).f32x4(EXP_F32_MIN).simd(OP.lt).simd(OP.bitselect);
  };
  /** exprelF32 (ts/equations/detmath.ts) of the vector in local x: the series where |x| < 0.5, else from expF32. */
  const exprel4 = (x: number) => {
    c.f32x4(EXPREL_F32_SERIES[0]!);
    for (const coefficient of EXPREL_F32_SERIES.slice(1)) c.get(x).simd(OP.mul).f32x4(coefficient).simd(OP.add);
    exp4(x);
    c.f32x4(1).simd(OP.sub).get(x).simd(OP.div);
    c.get(x).simd(OP.abs).f32x4(0.5).simd(OP.lt).simd(OP.bitselect);
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
      case 'select':
        // select(free, a, b) is bitselect(b, a, held): no mask to invert.
        if (node.c.op === 'free') { emit(node.b); emit(node.a); c.get(held); } else { emit(node.a); emit(node.b); emit(node.c); }
        c.simd(OP.bitselect);
        return;
      case 'fn': {
        const simdOp = node.fn === 'sqrt' || node.fn === 'abs' || node.fn === 'floor' || node.fn === 'ceil' ? OP[node.fn] : undefined;
        if (simdOp !== undefined) {
          emit(node.a);
          c.simd(simdOp);
          return;
        }
        if (node.fn === 'exp' || node.fn === 'exprel') {
          const x = local(V128);
          emit(node.a);
          c.set(x);
          (node.fn === 'exp' ? exp4 : exprel4)(x);
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
          firstNeuron();
          c.i32(lane).op(0x6a).get(STEP).i32(stream).get(k0).get(k1).op(0x10, node.op === 'rand' ? UNIFORM : NORMAL);
          c.simd(OP.replace, lane);
        }
        return;
      }
    }
  };
  const load = (at: number, k = 0) => c.get(at).loadV128(k * laneBytes);
  const store = (at: number, k: number, value: number) => c.get(at).get(value).storeV128(k * laneBytes);

  // The loop over vectors, tested at its end (a population has at least one vector).
  c.op(0x03, 0x40);
  x.forEach((v, k) => { load(stateAt, k); c.set(v); });
  params.forEach((v, q) => { load(paramAt, q); c.set(v); });
  if (eq.input) { load(biasAt); load(stepAt); c.simd(OP.add).set(input); }
  if (lastspikeSlot >= 0) { load(stateAt, lastspikeSlot); c.set(lastspike); }
  if (readsIndex) {
    firstNeuron();
    c.simd(OP.i32x4Splat).i32x4(0, 1, 2, 3).simd(OP.i32Add).set(index);
  }
  if (countdownSlot >= 0) {
    load(stateAt, countdownSlot);
    c.tee(countdown).i32x4(0, 0, 0, 0).simd(OP.i32Gt).set(held);
  } else if (eq.refractory && 'condition' in eq.refractory) {
    emit(eq.refractory.condition);
    c.set(held);
  } else c.i32x4(0, 0, 0, 0).set(held);
  if (readsFree) c.get(held).simd(OP.not).set(free);
  eq.step.temps.forEach((t, j) => { emit(t); c.set(temps[j]!); });
  eq.step.next.forEach((t, k) => { emit(t); c.set(fresh[k]!); });
  reading = fresh;
  if (eq.threshold) {
    emit(eq.threshold);
    c.get(held).simd(OP.andnot).set(spike);
  } else c.i32x4(0, 0, 0, 0).set(spike);
  targets.forEach((k, r) => {
    c.get(fresh[k]!);
    load(ringAt, r);
    c.simd(OP.add).set(fresh[k]!);
    c.get(ringAt).i32x4(0, 0, 0, 0).storeV128(r * laneBytes);
  });
  for (const { index: k, value } of eq.reset) {
    emit(value);
    c.get(fresh[k]!).get(spike).simd(OP.bitselect).set(fresh[k]!);
  }
  if (countdownSlot >= 0) {
    const steps = eq.refractory && 'steps' in eq.refractory ? eq.refractory.steps : 0;
    c.get(countdown).get(held).simd(OP.i32Add).get(spike).i32x4(steps, steps, steps, steps).simd(OP.and).simd(OP.or).set(countdown);
    store(stateAt, countdownSlot, countdown);
  }
  if (lastspikeSlot >= 0) {
    c.get(tVec).get(lastspike).get(spike).simd(OP.bitselect).set(lastspike);
    store(stateAt, lastspikeSlot, lastspike);
  }
  fresh.forEach((v, k) => store(stateAt, k, v));
  // Spikes, in ascending order. The count lives in a global, not a local: the loop rarely
  // appends, and a count carried through it would take a register the loop needs (as the
  // built-in kernels' spikeCount, assembly/neurons/common.ts).
  c.get(spike).simd(OP.bitmask).tee(bits).op(0x04, 0x40);
  c.op(0x03, 0x40);
  c.get(spikes).getGlobal(COUNT).i32(2).op(0x74, 0x6a);
  firstNeuron();
  c.get(bits).op(0x68, 0x6a).storeI32();
  c.getGlobal(COUNT).i32(1).op(0x6a).setGlobal(COUNT);
  c.get(bits).get(bits).i32(1).op(0x6b, 0x71).tee(bits).op(0x0d, 0);
  c.op(0x0b, 0x0b);
  for (const at of moving) c.get(at).i32(16).op(0x6a).set(at);
  c.get(stateAt).get(stateEnd).op(0x49, 0x0d, 0, 0x0b);
  const count = local(I32);
  c.getGlobal(COUNT).set(count);

  // Divergence, in a pass of its own over the new state (in the loop above, the sum took
  // registers the update needs): the sum of every value is infinite or NaN when one is (or,
  // rarely, when finite values add up past the f32 range: the scan below tells these apart).
  c.get(stateStart).set(stateAt);
  c.op(0x03, 0x40);
  eq.states.forEach((_, k) => {
    load(stateAt, k);
    if (k > 0) c.simd(OP.add);
  });
  c.get(bad).simd(OP.add).set(bad);
  c.get(stateAt).i32(16).op(0x6a).set(stateAt);
  c.get(stateAt).get(stateEnd).op(0x49, 0x0d, 0, 0x0b);

  // Padding lanes' spikes come last: drop them.
  c.op(0x02, 0x40, 0x03, 0x40);
  c.get(count).op(0x45, 0x0d, 1);
  c.get(spikes).get(count).i32(2).op(0x74, 0x6a).i32(4).op(0x6b).loadI32().get(n).op(0x48, 0x0d, 1);
  c.get(count).i32(1).op(0x6b).set(count);
  c.op(0x0c, 0, 0x0b, 0x0b);
  c.get(REC).get(count).storeI32(abi.P_NSPIKES * 4);
  // A lane became NaN or infinite: find whether a real neuron's variable did (padding lanes
  // do not count), and record the step the first time.
  const value = c.local(F32);
  c.op(0x02, 0x40);
  c.get(bad).get(bad).simd(OP.sub).f32x4(0).simd(OP.ne).simd(OP.anyTrue).op(0x45, 0x0d, 0);
  c.get(coef).loadI32(abi.CE_DIVERGED * 4).op(0x0d, 0);
  const scan = local(I32);
  c.op(0x03, 0x40);
  c.get(scan).get(n).i32(2).op(0x74, 0x4f, 0x0d, 1);
  for (let k = 0; k < eq.states.length; k++) {
    c.get(stateStart).get(scan).op(0x6a, 0x2a, 2, ...unsigned(k * laneBytes)).tee(value).get(value).op(0x93, 0x43, 0, 0, 0, 0, 0x5c, 0x04, 0x40);
    c.get(coef).get(STEP).i32(1).op(0x6a).storeI32(abi.CE_DIVERGED * 4).op(0x0c, 2, 0x0b);
  }
  c.get(scan).i32(4).op(0x6a).set(scan).op(0x0c, 0, 0x0b, 0x0b);
  return c;
}
