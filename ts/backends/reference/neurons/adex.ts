// Twin of assembly/neurons/adex.ts, in f32 operation for operation (the exponential is
// expF32, the algorithm both languages write out).
import * as abi from '../../../../assembly/abi.js';
import { expF32 } from '../../../model/random/detmath.js';
import { openPopulation, receptorWord } from './common.js';
import type { Mem } from '../memory.js';

const f = Math.fround;

/** Twin of assembly/neurons/adex.ts. */
export function updateAdex(m: Mem, rec: number, step: number): void {
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
    const upswing = expF32(x);
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
