// Twin of assembly/neurons/lif.ts, scalar, operation for operation in f32 (Math.fround after
// every step), lanes in the same order, padding lanes included.
import * as abi from '../../../../assembly/abi.js';
import { openPopulation, inputCurrent, receptorWord } from './common.js';
import type { Mem } from '../memory.js';

const f = Math.fround;

export function updateLif(m: Mem, rec: number, step: number): void {
  lifKernel(m, rec, step, false);
}

export function updateAlif(m: Mem, rec: number, step: number): void {
  lifKernel(m, rec, step, true);
}

/** lif (adaptive = false) and alif: exact integration; twin of lifKernel in assembly/neurons/lif.ts. */
function lifKernel(m: Mem, rec: number, step: number, adaptive: boolean): void {
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
