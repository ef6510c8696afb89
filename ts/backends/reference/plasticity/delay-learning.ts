// Twin of assembly/plasticity/delay-learning.ts (that file describes the rule): delay plasticity
// over the same image, f32 operations rounded with Math.fround.
import * as abi from '../../../../assembly/abi.js';
import type { Mem } from '../memory.js';

const f = Math.fround;

export interface DelayLearning {
  /** Post neuron's spike reaching the synapses at `step`: synapse e (last arrival `arrived`, 0: none) moves later. */
  pairWithArrival(e: number, arrived: number, step: number): void;
  /** Records post neuron j's spike at synapse step `step`, after its pairings. */
  notePostSpike(j: number, step: number): void;
  /** An arrival at synapse e (onto post neuron j) at `arrival`: it moves earlier when j fired before it. */
  pairWithPostSpike(e: number, j: number, arrival: number): void;
}

/** Plastic projection `proj`'s delay learning for this step (block at word k), or null when its delays are fixed. */
export function beginDelayLearning(m: Mem, proj: number, k: number, rate: number): DelayLearning | null {
  const { i32, u32, f32 } = m;
  if ((i32[k + abi.K_FLAGS]! & abi.KF_LEARN_DELAYS) === 0) return null;
  const gain = f(f32[k + abi.K_DL_RATE]! * rate);
  const window = u32[k + abi.K_DL_WINDOW]!;
  const lowest = f32[k + abi.K_DL_MIN]!;
  const highest = f32[k + abi.K_DL_MAX]!;
  const learned = i32[k + abi.K_DL_DELAYS]! >>> 2;
  const wide = (i32[proj + abi.J_WIDTHS]! & abi.J_DELAY_BYTES) === 2;
  const delays = wide ? i32[proj + abi.J_D]! >>> 1 : i32[proj + abi.J_D]!;
  const lastPost = i32[k + abi.K_DL_LAST_POST]! >>> 2;
  const move = (e: number, lag: number) => {
    if (gain === 0) return;
    const v = f(f32[learned + e]! + f(gain * lag));
    const d = !(v >= lowest) ? lowest : v > highest ? highest : v;
    f32[learned + e] = d;
    const steps = Math.floor(f(d + 0.5));
    if (wide) m.u16[delays + e] = steps;
    else m.u8[delays + e] = steps;
  };
  return {
    pairWithArrival(e, arrived, step) {
      const lag = (step - arrived) >>> 0;
      if (arrived !== 0 && lag <= window) move(e, f(lag));
    },
    notePostSpike(j, step) {
      u32[lastPost + j] = step + 1;
    },
    pairWithPostSpike(e, j, arrival) {
      const last = u32[lastPost + j]!;
      const lag = (arrival - (last - 1)) >>> 0;
      if (last !== 0 && lag <= window) move(e, -f(lag));
    },
  };
}
