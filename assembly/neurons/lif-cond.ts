// lif_cond: conductance-based LIF. Conductances decay exactly; v takes a forward Euler step
// from the old v and conductances. Four neurons per SIMD step; the scalar twin is
// ts/backends/reference/neurons/lif-cond.ts.
import {
  C_REC_STRIDE, CURRENT_BIAS, CURRENT_BIAS_STEPS, CURRENT_NONE, CC_DT_OVER_C, CC_EL, CC_GL, CC_REF_STEPS, CC_VRESET, CC_VTHRESH, CR_DECAY, CR_EREV,
  S_REF,
} from "../abi";
import { coefSplat } from "../memory";
import {
  appendSpikes, closePopulation, openPopulation, popBias, popCoef, popCurrent,
  popLane, popNPad, popReceptors, popRecv, popRing, popSpikes, popState, popStepCurrent,
  receptorCoef, spikeCount, trimPadding,
} from "./common";

export function updateLifCond(base: usize, rec: usize, step: u32): void {
  openPopulation(base, rec, step);
  // One loop per shape (as for lif): lifCondKernel is inlined with constant flags.
  switch (popCurrent + 3 * <i32>(popReceptors == 2)) {
    case 0: lifCond0(rec); break;
    case 1: lifCond1(rec); break;
    case 2: lifCond2(rec); break;
    case 3: lifCond3(rec); break;
    case 4: lifCond4(rec); break;
    default: lifCond5(rec);
  }
}

function lifCond0(rec: usize): void { lifCondKernel(rec, CURRENT_NONE, false); }
function lifCond1(rec: usize): void { lifCondKernel(rec, CURRENT_BIAS_STEPS, false); }
function lifCond2(rec: usize): void { lifCondKernel(rec, CURRENT_BIAS, false); }
function lifCond3(rec: usize): void { lifCondKernel(rec, CURRENT_NONE, true); }
function lifCond4(rec: usize): void { lifCondKernel(rec, CURRENT_BIAS_STEPS, true); }
function lifCond5(rec: usize): void { lifCondKernel(rec, CURRENT_BIAS, true); }

/** current: which input-current arrays to read (CURRENT_*); two: exactly two receptors (COBA's shape). */
// @ts-ignore: decorator
@inline function lifCondKernel(rec: usize, current: i32, two: bool): void {
  const receptors = popReceptors;
  const lane = popLane;
  const end = <usize>popNPad << 2;
  const coef = popCoef;
  const vArr = popState;
  const refOffset = <usize>S_REF * lane;
  const recv = popRecv;
  const ring = popRing;
  const spikes = popSpikes;
  const bias = popBias;
  const stepCurrent = popStepCurrent;

  const gL = coefSplat(coef, CC_GL);
  const eL = coefSplat(coef, CC_EL);
  const dtOverC = coefSplat(coef, CC_DT_OVER_C);
  const vReset = coefSplat(coef, CC_VRESET);
  const vThresh = coefSplat(coef, CC_VTHRESH);
  const refSteps = coefSplat(coef, CC_REF_STEPS);
  const zero = i32x4.splat(0);
  // The common shape (COBA's): exactly two receptors, constants held in registers.
  const eRev0 = two ? coefSplat(receptorCoef(coef, 0), CR_EREV) : zero;
  const decay0 = two ? coefSplat(receptorCoef(coef, 0), CR_DECAY) : zero;
  const eRev1 = two ? coefSplat(receptorCoef(coef, 1), CR_EREV) : zero;
  const decay1 = two ? coefSplat(receptorCoef(coef, 1), CR_DECAY) : zero;

  // Bumped pointers, as in lif.ts.
  let vAt = vArr;
  let recvAt = recv;
  let ringAt = ring;
  let inputAt = bias;
  const stepOffset = stepCurrent - bias;
  const stop = vArr + end;
  for (; vAt < stop; vAt += 16, recvAt += 16, ringAt += 16) {
    const v = v128.load(vAt);
    let ref = v128.load(vAt + refOffset);
    let drive = f32x4.mul(gL, f32x4.sub(eL, v));
    let cell = recvAt;
    let slot = ringAt;
    let c = receptorCoef(coef, 0);
    if (two) {
      const g0 = v128.load(cell);
      const g1 = v128.load(cell + lane);
      drive = f32x4.add(drive, f32x4.mul(g0, f32x4.sub(eRev0, v)));
      drive = f32x4.add(drive, f32x4.mul(g1, f32x4.sub(eRev1, v)));
      v128.store(cell, f32x4.add(f32x4.mul(g0, decay0), v128.load(slot)));
      v128.store(cell + lane, f32x4.add(f32x4.mul(g1, decay1), v128.load(slot + lane)));
      v128.store(slot, zero);
      v128.store(slot + lane, zero);
    } else for (let r = 0; r < receptors; r++) {
      const g = v128.load(cell);
      drive = f32x4.add(drive, f32x4.mul(g, f32x4.sub(coefSplat(c, CR_EREV), v)));
      // Decay, then take this step's delivery from the ring and clear its cell.
      v128.store(cell, f32x4.add(f32x4.mul(g, coefSplat(c, CR_DECAY)), v128.load(slot)));
      v128.store(slot, zero);
      cell += lane;
      slot += lane;
      c += C_REC_STRIDE << 2;
    }
    if (current != CURRENT_NONE) {
      let input = v128.load(inputAt);
      if (current == CURRENT_BIAS_STEPS) input = f32x4.add(input, v128.load(inputAt + stepOffset));
      drive = f32x4.add(drive, input);
      inputAt += 16; // only here: unread, it would stay a live loop variable
    }
    let vNew = f32x4.add(v, f32x4.mul(drive, dtOverC));
    // Refractory hold, threshold and reset as in lif.ts (the countdown is never negative).
    const held = i32x4.gt_s(ref, zero);
    const spike = v128.andnot(f32x4.gt(vNew, vThresh), held);
    vNew = v128.bitselect(vReset, vNew, v128.or(held, spike));
    ref = v128.or(i32x4.add(ref, held), v128.and(spike, refSteps));
    v128.store(vAt, vNew);
    v128.store(vAt + refOffset, ref);
    appendSpikes(spikes, i32x4.bitmask(spike), <i32>((vAt - vArr) >> 2));
  }
  closePopulation(rec, trimPadding(spikes, spikeCount));
}
