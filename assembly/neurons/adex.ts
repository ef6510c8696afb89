// adex: adaptive exponential integrate-and-fire, forward Euler, one neuron at a time (the
// exponential is detmath's f64 series, the same bits as the reference's).
import {
  CA_A, CA_B, CA_DELTA_T, CA_DT_OVER_C, CA_DT_OVER_TAUW, CA_EL, CA_EXP_CAP, CA_GL,
  CA_INV_DELTA_T, CA_REF_STEPS, CA_VPEAK, CA_VRESET, CA_VT, CR_DECAY, CR_DELTA,
} from "../abi";
import { detExp } from "../detmath";
import { coefF32, word } from "../memory";
import {
  closePopulation, openPopulation, popBias, popCoef, popLane, popN, popNPad, popReceptors,
  popRecv, popRing, popSpikes, popState, popStepCurrent, receptorCoef,
} from "./common";

export function updateAdex(base: usize, rec: usize, step: u32): void {
  openPopulation(base, rec, step);
  const n = popN;
  const nPad = popNPad;
  const receptors = popReceptors;
  const lane = popLane;
  const coef = popCoef;
  const vArr = popState;
  const refArr = vArr + lane;
  const wArr = refArr + lane;
  const recv = popRecv;
  const ring = popRing;
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
    for (let r = 0; r < receptors; r++) {
      const c = receptorCoef(r);
      if (word(c, CR_DELTA) != 0) continue;
      const cell = recv + <usize>r * lane + at;
      const current = load<f32>(cell);
      synaptic = synaptic + current;
      store<f32>(cell, current * coefF32(c, CR_DECAY));
    }
    let x = (v - vT) * invDeltaT;
    if (x > expCap) x = expCap;
    const upswing = <f32>detExp(<f64>x);
    let dv = gL * (eL - v) + gL * deltaT * upswing;
    dv = dv - w + synaptic + (load<f32>(popBias + at) + load<f32>(popStepCurrent + at));
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
    if (ring != 0) {
      for (let r = 0; r < receptors; r++) {
        const slot = ring + <usize>r * lane + at;
        const input = load<f32>(slot);
        store<f32>(slot, 0);
        const c = receptorCoef(r);
        if (word(c, CR_DELTA) != 0) {
          vNew = vNew + (ref > 0 ? 0 : input);
        } else {
          const cell = recv + <usize>r * lane + at;
          store<f32>(cell, load<f32>(cell) + input);
        }
      }
    }
    store<f32>(vArr + at, vNew);
    store<i32>(refArr + at, ref);
    store<f32>(wArr + at, wNew);
  }
  closePopulation(rec, count);
}
