// adex: adaptive exponential integrate-and-fire, forward Euler, one neuron at a time (the
// exponential is detmath's expF32, in f32 arithmetic, the same bits as the reference's).
import {
  CA_A, CA_B, CA_DELTA_T, CA_DT_OVER_C, CA_DT_OVER_TAUW, CA_EL, CA_EXP_CAP, CA_GL,
  CA_INV_DELTA_T, CA_REF_STEPS, CA_VPEAK, CA_VRESET, CA_VT, CR_DECAY, S_REF, S_W,
} from "../abi";
import { expF32 } from "../detmath";
import { coefF32, word } from "../memory";
import {
  closePopulation, openPopulation, popBias, popCoef, popDecaying, popLane, popN, popNPad,
  popReceptors, popRecv, popRing, popSpikes, popState, popStepCurrent, receptorCoef,
} from "./common";

export function updateAdex(base: usize, rec: usize, step: u32): void {
  openPopulation(base, rec, step);
  const n = popN;
  const nPad = popNPad;
  const receptors = popReceptors;
  const lane = popLane;
  const coef = popCoef;
  const vArr = popState;
  const refArr = vArr + <usize>S_REF * lane;
  const wArr = vArr + <usize>S_W * lane;
  const recv = popRecv;
  const ring = popRing;
  const bias = popBias;
  const stepCurrent = popStepCurrent;
  const decaying = popDecaying;
  const spikes = popSpikes;

  const gL = coefF32(coef, CA_GL);
  const eL = coefF32(coef, CA_EL);
  const dtOverC = coefF32(coef, CA_DT_OVER_C);
  const vReset = coefF32(coef, CA_VRESET);
  const vPeak = coefF32(coef, CA_VPEAK);
  const refSteps = word(coef, CA_REF_STEPS);
  const vT = coefF32(coef, CA_VT);
  const deltaT = coefF32(coef, CA_DELTA_T);
  const invDeltaT = coefF32(coef, CA_INV_DELTA_T);
  const a = coefF32(coef, CA_A);
  const b = coefF32(coef, CA_B);
  const dtOverTauW = coefF32(coef, CA_DT_OVER_TAUW);
  const expCap = coefF32(coef, CA_EXP_CAP);

  let count = 0;
  for (let i = 0; i < nPad; i++) {
    const at = <usize>i << 2;
    const v = load<f32>(vArr + at);
    let ref = load<i32>(refArr + at);
    const w = load<f32>(wArr + at);
    let synaptic: f32 = 0;
    for (let r = 0; r < decaying; r++) {
      const cell = recv + <usize>r * lane + at;
      const slot = ring + <usize>r * lane + at;
      const current = load<f32>(cell);
      synaptic = synaptic + current;
      store<f32>(cell, current * coefF32(receptorCoef(coef, r), CR_DECAY) + load<f32>(slot));
      store<f32>(slot, 0);
    }
    let x = (v - vT) * invDeltaT;
    if (x > expCap) x = expCap;
    const upswing = expF32(x);
    let dv = gL * (eL - v) + gL * deltaT * upswing;
    dv = dv - w + synaptic + (load<f32>(bias + at) + load<f32>(stepCurrent + at));
    let vNew = v + dv * dtOverC;
    let wNew = w + (a * (v - eL) - w) * dtOverTauW;
    if (ref > 0) {
      vNew = vReset;
      ref--;
    } else if (vNew > vPeak) {
      vNew = vReset;
      wNew = wNew + b;
      ref = refSteps;
      if (i < n) {
        store<i32>(spikes + (<usize>count << 2), i);
        count++;
      }
    }
    for (let r = decaying; r < receptors; r++) {
      const slot = ring + <usize>r * lane + at;
      vNew = vNew + (ref > 0 ? 0 : load<f32>(slot));
      store<f32>(slot, 0);
    }
    store<f32>(vArr + at, vNew);
    store<i32>(refArr + at, ref);
    store<f32>(wArr + at, wNew);
  }
  closePopulation(rec, count);
}
