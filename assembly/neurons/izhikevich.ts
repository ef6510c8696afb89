// izhikevich: the 2003 model in its published units, one neuron at a time, with the
// paper's half-step scheme or forward Euler, and an optional Gaussian input per step.
import {
  CI_H, CI_HALF_H, CI_NOISE, CI_SCHEME, CI_VPEAK, CR_DECAY, H_SEED_HI, H_SEED_LO, IZ_A, IZ_B,
  IZ_C, IZ_D, P_INDEX, RNG_NOISE, S_U,
} from "../abi";
import { coefF32, word } from "../memory";
import { gaussianAt, streamWord } from "../rng";
import {
  closePopulation, openPopulation, popBias, popCoef, popLane, popN, popNPad, popParams,
  popReceptors, popRecv, popRing, popSpikes, popState, popStepCurrent, receptorCoef,
} from "./common";

// @ts-ignore: decorator
@inline function dvdt(v: f32, u: f32, input: f32): f32 {
  return (0.04 as f32) * v * v + (5.0 as f32) * v + (140.0 as f32) - u + input;
}

export function updateIzhikevich(base: usize, rec: usize, step: u32): void {
  openPopulation(base, rec, step);
  const n = popN;
  const nPad = popNPad;
  const receptors = popReceptors;
  const lane = popLane;
  const coef = popCoef;
  const vArr = popState;
  const uArr = vArr + <usize>S_U * lane;
  const params = popParams;
  const recv = popRecv;
  const ring = popRing;
  const bias = popBias;
  const stepCurrent = popStepCurrent;
  const spikes = popSpikes;

  const h = coefF32(coef, CI_H);
  const halfH = coefF32(coef, CI_HALF_H);
  const published = word(coef, CI_SCHEME) != 0;
  const vPeak = coefF32(coef, CI_VPEAK);
  const noise = coefF32(coef, CI_NOISE);
  const k0 = <u32>word(base, H_SEED_LO);
  const k1 = <u32>word(base, H_SEED_HI);
  const stream = streamWord(RNG_NOISE, word(rec, P_INDEX));

  let count = 0;
  for (let i = 0; i < nPad; i++) {
    const at = <usize>i << 2;
    const v = load<f32>(vArr + at);
    const u = load<f32>(uArr + at);
    let input = load<f32>(bias + at) + load<f32>(stepCurrent + at);
    for (let r = 0; r < receptors; r++) {
      const cell = recv + <usize>r * lane + at;
      const slot = ring + <usize>r * lane + at;
      const current = load<f32>(cell);
      input = input + current;
      store<f32>(cell, current * coefF32(receptorCoef(coef, r), CR_DECAY) + load<f32>(slot));
      store<f32>(slot, 0);
    }
    if (noise > 0) input = input + noise * <f32>gaussianAt(<u32>i, step, stream, k0, k1);
    const a = load<f32>(params + <usize>IZ_A * lane + at);
    const b = load<f32>(params + <usize>IZ_B * lane + at);
    let vNew: f32;
    let uNew: f32;
    if (published) {
      vNew = v + halfH * dvdt(v, u, input);
      vNew = vNew + halfH * dvdt(vNew, u, input);
      uNew = u + h * (a * (b * vNew - u));
    } else {
      vNew = v + h * dvdt(v, u, input);
      uNew = u + h * (a * (b * v - u));
    }
    if (vNew >= vPeak) {
      vNew = load<f32>(params + <usize>IZ_C * lane + at);
      uNew = uNew + load<f32>(params + <usize>IZ_D * lane + at);
      if (i < n) {
        store<i32>(spikes + (<usize>count << 2), i);
        count++;
      }
    }
    store<f32>(vArr + at, vNew);
    store<f32>(uArr + at, uNew);
  }
  closePopulation(rec, count);
}
