// Twin of assembly/neurons/common.ts: the population a kernel updates, as word indices into
// the image, and the inputs every kernel reads.
import * as abi from '../../../../assembly/abi.js';
import type { Mem } from '../memory.js';

const f = Math.fround;

/** The population being updated, as word indices (twin of openPopulation in assembly/neurons/common.ts). */
export interface PopulationView {
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

export function openPopulation(m: Mem, rec: number, step: number): PopulationView {
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
export function inputCurrent(f32: Float32Array, current: number, bias: number, stepCurrent: number): number {
  return current === abi.CURRENT_BIAS_STEPS ? f(f32[bias]! + f32[stepCurrent]!) : f32[bias]!;
}

export function receptorWord(coef: number, r: number, k: number): number {
  return coef + abi.C_REC0 + r * abi.C_REC_STRIDE + k;
}
