// Twin of assembly/neurons/lif-cond.ts, in f32 operation for operation.
import * as abi from '../../../../assembly/abi.js';
import { openPopulation, inputCurrent, receptorWord } from './common.js';
import type { Mem } from '../memory.js';

const f = Math.fround;

/** Twin of assembly/neurons/lif-cond.ts. */
export function updateLifCond(m: Mem, rec: number, step: number): void {
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
