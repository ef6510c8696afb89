// Scalar twins of the neuron kernels in assembly/neurons/, operation for operation in f32
// (Math.fround after every step), lanes in the same order, padding lanes included.
import * as abi from '../../../assembly/abi.js';
import { detExp } from '../../model/random/detmath.js';
import { gaussianAt } from '../../model/random/gaussian.js';
import { philox, streamWord } from '../../model/random/philox.js';
import type { Mem } from './memory.js';

const f = Math.fround;

/** The population being updated, as word indices (twin of openPopulation in assembly/neurons/common.ts). */
interface PopulationView {
  n: number;
  nPad: number;
  receptors: number;
  coef: number;
  /** State variable k at state + k * nPad. */
  state: number;
  recv: number;
  bias: number;
  stepCurrent: number;
  params: number;
  /** This step's delay-ring slot (receptor r at ring + r * nPad); -1 without receptors. */
  ring: number;
  spikes: number;
  /** Receptors below this index decay; the others are delta receptors. */
  decaying: number;
  /** abi.CURRENT_*: which input-current arrays the kernels read. */
  current: number;
}

function openPopulation(m: Mem, rec: number, step: number): PopulationView {
  const field = (k: number) => m.i32[rec + k]!;
  const nPad = field(abi.P_NPAD);
  const receptors = field(abi.P_NREC);
  const slots = field(abi.P_RING_LEN);
  return {
    n: field(abi.P_N),
    nPad,
    receptors,
    coef: field(abi.P_COEF) >>> 2,
    state: field(abi.P_STATE) >>> 2,
    recv: field(abi.P_RECV) >>> 2,
    bias: field(abi.P_BIAS) >>> 2,
    stepCurrent: field(abi.P_ISTEP) >>> 2,
    params: field(abi.P_PARAMS) >>> 2,
    ring: slots === 0 ? -1 : (field(abi.P_RING) >>> 2) + (step % slots) * receptors * nPad,
    spikes: field(abi.P_SPIKES) >>> 2,
    decaying: m.i32[(field(abi.P_COEF) >>> 2) + abi.C_DECAYING]!,
    current: m.i32[(field(abi.P_COEF) >>> 2) + abi.C_CURRENT]!,
  };
}

/** A neuron's input current: its bias, plus its step current when steps are scheduled. */
function inputCurrent(f32: Float32Array, current: number, bias: number, stepCurrent: number): number {
  return current === abi.CURRENT_BIAS_STEPS ? f(f32[bias]! + f32[stepCurrent]!) : f32[bias]!;
}

function receptorWord(coef: number, r: number, k: number): number {
  return coef + abi.C_REC0 + r * abi.C_REC_STRIDE + k;
}

/** lif (adaptive = false) and alif: exact integration; twin of assembly/neurons/lif.ts. */
export function lif(m: Mem, rec: number, step: number, adaptive: boolean): void {
  const { f32, i32 } = m;
  const pop = openPopulation(m, rec, step);
  const { n, nPad, receptors, coef, recv, bias, stepCurrent, ring, spikes, decaying, current } = pop;
  const vArr = pop.state;
  const refArr = vArr + abi.S_REF * nPad;
  const thetaArr = vArr + abi.S_THETA * nPad;
  const p22 = f32[coef + abi.CL_P22]!;
  const p20 = f32[coef + abi.CL_P20]!;
  const vRest = f32[coef + abi.CL_VREST]!;
  const vReset = f32[coef + abi.CL_VRESET]!;
  const vThresh = f32[coef + abi.CL_VTHRESH]!;
  const refSteps = i32[coef + abi.CL_REF_STEPS]!;
  const adaptDecay = f32[coef + abi.CL_ADAPT_DECAY]!;
  const adaptJump = f32[coef + abi.CL_ADAPT_JUMP]!;
  const adaptDrift = f32[coef + abi.CL_ADAPT_DRIFT]!;

  let count = 0;
  for (let i = 0; i < nPad; i++) {
    const v = f32[vArr + i]!;
    let ref = i32[refArr + i]!;
    let vNew = f(f(f(v - vRest) * p22) + vRest);
    if (current !== abi.CURRENT_NONE) vNew = f(vNew + f(inputCurrent(f32, current, bias + i, stepCurrent + i) * p20));
    for (let r = 0; r < decaying; r++) {
      const cell = recv + r * nPad + i;
      const slot = ring + r * nPad + i;
      const current = f32[cell]!;
      vNew = f(vNew + f(current * f32[receptorWord(coef, r, abi.CR_GAIN)]!));
      f32[cell] = f(f(current * f32[receptorWord(coef, r, abi.CR_DECAY)]!) + f32[slot]!);
      f32[slot] = 0;
    }
    const held = ref > 0;
    if (held) {
      vNew = vReset;
      ref -= 1;
    }
    let threshold = vThresh;
    let theta = 0;
    if (adaptive) {
      theta = f32[thetaArr + i]!;
      threshold = f(vThresh + theta);
    }
    const spike = vNew > threshold && !held;
    if (spike) {
      vNew = vReset;
      ref = refSteps;
    }
    if (adaptive) f32[thetaArr + i] = f(f(f(theta * adaptDecay) + (spike ? adaptJump : 0)) - adaptDrift);
    for (let r = decaying; r < receptors; r++) {
      const slot = ring + r * nPad + i;
      vNew = f(vNew + (ref > 0 ? 0 : f32[slot]!));
      f32[slot] = 0;
    }
    f32[vArr + i] = vNew;
    i32[refArr + i] = ref;
    if (spike && i < n) i32[spikes + count++] = i;
  }
  i32[rec + abi.P_NSPIKES] = count;
}

/** Twin of assembly/neurons/lif-cond.ts. */
export function lifCond(m: Mem, rec: number, step: number): void {
  const { f32, i32 } = m;
  const pop = openPopulation(m, rec, step);
  const { n, nPad, receptors, coef, recv, bias, stepCurrent, ring, spikes, current } = pop;
  const vArr = pop.state;
  const refArr = vArr + abi.S_REF * nPad;
  const gL = f32[coef + abi.CC_GL]!;
  const eL = f32[coef + abi.CC_EL]!;
  const dtOverC = f32[coef + abi.CC_DT_OVER_C]!;
  const vReset = f32[coef + abi.CC_VRESET]!;
  const vThresh = f32[coef + abi.CC_VTHRESH]!;
  const refSteps = i32[coef + abi.CC_REF_STEPS]!;

  let count = 0;
  for (let i = 0; i < nPad; i++) {
    const v = f32[vArr + i]!;
    let ref = i32[refArr + i]!;
    let drive = f(gL * f(eL - v));
    for (let r = 0; r < receptors; r++) {
      const cell = recv + r * nPad + i;
      const slot = ring + r * nPad + i;
      const g = f32[cell]!;
      drive = f(drive + f(g * f(f32[receptorWord(coef, r, abi.CR_EREV)]! - v)));
      f32[cell] = f(f(g * f32[receptorWord(coef, r, abi.CR_DECAY)]!) + f32[slot]!);
      f32[slot] = 0;
    }
    if (current !== abi.CURRENT_NONE) drive = f(drive + inputCurrent(f32, current, bias + i, stepCurrent + i));
    let vNew = f(v + f(drive * dtOverC));
    const held = ref > 0;
    if (held) {
      vNew = vReset;
      ref -= 1;
    }
    const spike = vNew > vThresh && !held;
    if (spike) {
      vNew = vReset;
      ref = refSteps;
    }
    f32[vArr + i] = vNew;
    i32[refArr + i] = ref;
    if (spike && i < n) i32[spikes + count++] = i;
  }
  i32[rec + abi.P_NSPIKES] = count;
}

/** Twin of assembly/neurons/adex.ts. */
export function adex(m: Mem, rec: number, step: number): void {
  const { f32, i32 } = m;
  const pop = openPopulation(m, rec, step);
  const { n, nPad, receptors, coef, recv, bias, stepCurrent, ring, spikes, decaying } = pop;
  const vArr = pop.state;
  const refArr = vArr + abi.S_REF * nPad;
  const wArr = vArr + abi.S_W * nPad;
  const c = (k: number) => f32[coef + k]!;
  const gL = c(abi.CA_GL);
  const eL = c(abi.CA_EL);
  const dtOverC = c(abi.CA_DT_OVER_C);
  const vReset = c(abi.CA_VRESET);
  const vPeak = c(abi.CA_VPEAK);
  const refSteps = i32[coef + abi.CA_REF_STEPS]!;
  const vT = c(abi.CA_VT);
  const deltaT = c(abi.CA_DELTA_T);
  const invDeltaT = c(abi.CA_INV_DELTA_T);
  const a = c(abi.CA_A);
  const b = c(abi.CA_B);
  const dtOverTauW = c(abi.CA_DT_OVER_TAUW);
  const expCap = c(abi.CA_EXP_CAP);

  let count = 0;
  for (let i = 0; i < nPad; i++) {
    const v = f32[vArr + i]!;
    let ref = i32[refArr + i]!;
    const w = f32[wArr + i]!;
    let synaptic = 0;
    for (let r = 0; r < decaying; r++) {
      const cell = recv + r * nPad + i;
      const slot = ring + r * nPad + i;
      const current = f32[cell]!;
      synaptic = f(synaptic + current);
      f32[cell] = f(f(current * f32[receptorWord(coef, r, abi.CR_DECAY)]!) + f32[slot]!);
      f32[slot] = 0;
    }
    let x = f(f(v - vT) * invDeltaT);
    if (x > expCap) x = expCap;
    const upswing = f(detExp(x));
    let dv = f(f(gL * f(eL - v)) + f(f(gL * deltaT) * upswing));
    dv = f(f(f(dv - w) + synaptic) + f(f32[bias + i]! + f32[stepCurrent + i]!));
    let vNew = f(v + f(dv * dtOverC));
    let wNew = f(w + f(f(f(a * f(v - eL)) - w) * dtOverTauW));
    if (ref > 0) {
      vNew = vReset;
      ref--;
    } else if (vNew > vPeak) {
      vNew = vReset;
      wNew = f(wNew + b);
      ref = refSteps;
      if (i < n) i32[spikes + count++] = i;
    }
    for (let r = decaying; r < receptors; r++) {
      const slot = ring + r * nPad + i;
      vNew = f(vNew + (ref > 0 ? 0 : f32[slot]!));
      f32[slot] = 0;
    }
    f32[vArr + i] = vNew;
    i32[refArr + i] = ref;
    f32[wArr + i] = wNew;
  }
  i32[rec + abi.P_NSPIKES] = count;
}

const F04 = f(0.04);

function dvdt(v: number, u: number, input: number): number {
  const quadratic = f(f(f(F04 * v) * v) + f(5 * v));
  return f(f(f(quadratic + 140) - u) + input);
}

/** Twin of assembly/neurons/izhikevich.ts. */
export function izhikevich(m: Mem, rec: number, step: number): void {
  const { f32, i32 } = m;
  const pop = openPopulation(m, rec, step);
  const { n, nPad, receptors, coef, recv, bias, stepCurrent, ring, spikes } = pop;
  const vArr = pop.state;
  const uArr = vArr + abi.S_U * nPad;
  const params = pop.params;
  const h = f32[coef + abi.CI_H]!;
  const halfH = f32[coef + abi.CI_HALF_H]!;
  const published = i32[coef + abi.CI_SCHEME] !== 0;
  const vPeak = f32[coef + abi.CI_VPEAK]!;
  const noise = f32[coef + abi.CI_NOISE]!;
  const k0 = m.u32[abi.H_SEED_LO]!;
  const k1 = m.u32[abi.H_SEED_HI]!;
  const stream = streamWord(abi.RNG_NOISE, i32[rec + abi.P_INDEX]!);

  let count = 0;
  for (let i = 0; i < nPad; i++) {
    const v = f32[vArr + i]!;
    const u = f32[uArr + i]!;
    let input = f(f32[bias + i]! + f32[stepCurrent + i]!);
    for (let r = 0; r < receptors; r++) {
      const cell = recv + r * nPad + i;
      const slot = ring + r * nPad + i;
      const current = f32[cell]!;
      input = f(input + current);
      f32[cell] = f(f(current * f32[receptorWord(coef, r, abi.CR_DECAY)]!) + f32[slot]!);
      f32[slot] = 0;
    }
    if (noise > 0) input = f(input + f(noise * f(gaussianAt(i, step, stream, k0, k1))));
    const a = f32[params + abi.IZ_A * nPad + i]!;
    const b = f32[params + abi.IZ_B * nPad + i]!;
    let vNew: number;
    let uNew: number;
    if (published) {
      vNew = f(v + f(halfH * dvdt(v, u, input)));
      vNew = f(vNew + f(halfH * dvdt(vNew, u, input)));
      uNew = f(u + f(h * f(a * f(f(b * vNew) - u))));
    } else {
      vNew = f(v + f(h * dvdt(v, u, input)));
      uNew = f(u + f(h * f(a * f(f(b * v) - u))));
    }
    if (vNew >= vPeak) {
      vNew = f32[params + abi.IZ_C * nPad + i]!;
      uNew = f(uNew + f32[params + abi.IZ_D * nPad + i]!);
      if (i < n) i32[spikes + count++] = i;
    }
    f32[vArr + i] = vNew;
    f32[uArr + i] = uNew;
  }
  i32[rec + abi.P_NSPIKES] = count;
}

const words = new Uint32Array(4);

/** Twin of assembly/neurons/sources.ts updatePoisson. */
export function poisson(m: Mem, rec: number, step: number): void {
  const { f32, i32 } = m;
  const { n, nPad, params, spikes } = openPopulation(m, rec, step);
  const prob = params + abi.PO_PROB * nPad;
  const stream = streamWord(abi.RNG_POISSON, i32[rec + abi.P_INDEX]!);
  let count = 0;
  for (let i = 0; i < n; i += 4) {
    philox(i >>> 2, step, stream, 0, m.u32[abi.H_SEED_LO]!, m.u32[abi.H_SEED_HI]!, words);
    for (let lane = 0; lane < 4 && i + lane < n; lane++) {
      if (f((words[lane]! >>> 8) * 5.9604644775390625e-8) < f32[prob + i + lane]!) i32[spikes + count++] = i + lane;
    }
  }
  i32[rec + abi.P_NSPIKES] = count;
}

/** Twin of assembly/neurons/sources.ts updateSpikeSource. */
export function spikeSource(m: Mem, rec: number, step: number): void {
  const { i32, u32 } = m;
  const events = i32[rec + abi.P_SRC_EVT]! >>> 2;
  const total = i32[rec + abi.P_SRC_N]!;
  const spikes = i32[rec + abi.P_SPIKES]! >>> 2;
  let pos = i32[rec + abi.P_SRC_POS]!;
  let count = 0;
  while (pos < total && u32[events + 2 * pos]! <= step) {
    i32[spikes + count++] = i32[events + 2 * pos + 1]!;
    pos++;
  }
  i32[rec + abi.P_SRC_POS] = pos;
  i32[rec + abi.P_NSPIKES] = count;
}
