// lif and alif: exact integration of v with exponentially decaying current receptors,
// four neurons per SIMD step, branch-free threshold, reset and refractory countdown.
// ts/backends/reference/neurons/lif.ts is the scalar twin; both give the same bits.
import {
  CL_ADAPT_DECAY, CL_ADAPT_DRIFT, CL_ADAPT_JUMP, CL_P20, CL_P22, CL_REF_STEPS, CL_VREST, CL_VRESET, CL_VTHRESH,
  C_REC_STRIDE, CR_DECAY, CR_GAIN, CURRENT_BIAS, CURRENT_BIAS_STEPS, CURRENT_NONE, S_REF, S_THETA,
} from "../abi";
import { coefSplat } from "../memory";
import {
  appendSpikes, closePopulation, openPopulation, popBias, popCoef, popDecaying,
  popCurrent, popLane, popN, popNPad, popReceptors, popRecv, popRing, popSpikes, popState,
  popStepCurrent, receptorCoef, spikeCount, trimPadding,
} from "./common";

export function updateLif(base: usize, rec: usize, step: u32): void {
  openPopulation(base, rec, step);
  lifVariant(rec, false);
}

export function updateAlif(base: usize, rec: usize, step: u32): void {
  openPopulation(base, rec, step);
  lifVariant(rec, true);
}

/**
 * Picks the loop compiled for this population's shape. Each variant is its own small function
 * with lifKernel inlined under constant flags, so the other shapes' branches fold away (one
 * source, no per-vector tests of flags that never change), and an engine's optimising compiler
 * compiles only the shapes a network uses, when it first needs them.
 */
// @ts-ignore: decorator
@inline function lifVariant(rec: usize, adaptive: bool): void {
  const two = popDecaying == 2;
  const delta = popDecaying < popReceptors;
  switch (popCurrent + 3 * ((<i32>two) | (<i32>delta << 1) | (<i32>adaptive << 2))) {
    case 0: lif0(rec); break;
    case 1: lif1(rec); break;
    case 2: lif2(rec); break;
    case 3: lif3(rec); break;
    case 4: lif4(rec); break;
    case 5: lif5(rec); break;
    case 6: lif6(rec); break;
    case 7: lif7(rec); break;
    case 8: lif8(rec); break;
    case 9: lif9(rec); break;
    case 10: lif10(rec); break;
    case 11: lif11(rec); break;
    case 12: alif12(rec); break;
    case 13: alif13(rec); break;
    case 14: alif14(rec); break;
    case 15: alif15(rec); break;
    case 16: alif16(rec); break;
    case 17: alif17(rec); break;
    case 18: alif18(rec); break;
    case 19: alif19(rec); break;
    case 20: alif20(rec); break;
    case 21: alif21(rec); break;
    case 22: alif22(rec); break;
    default: alif23(rec);
  }
}

// Shape k = current + 3 * (two | delta << 1 | adaptive << 2); lifKernel's flags say what each is.
function lif0(rec: usize): void { lifKernel(rec, false, CURRENT_NONE, false, false); }
function lif1(rec: usize): void { lifKernel(rec, false, CURRENT_BIAS_STEPS, false, false); }
function lif2(rec: usize): void { lifKernel(rec, false, CURRENT_BIAS, false, false); }
function lif3(rec: usize): void { lifKernel(rec, false, CURRENT_NONE, true, false); }
function lif4(rec: usize): void { lifKernel(rec, false, CURRENT_BIAS_STEPS, true, false); }
function lif5(rec: usize): void { lifKernel(rec, false, CURRENT_BIAS, true, false); }
function lif6(rec: usize): void { lifKernel(rec, false, CURRENT_NONE, false, true); }
function lif7(rec: usize): void { lifKernel(rec, false, CURRENT_BIAS_STEPS, false, true); }
function lif8(rec: usize): void { lifKernel(rec, false, CURRENT_BIAS, false, true); }
function lif9(rec: usize): void { lifKernel(rec, false, CURRENT_NONE, true, true); }
function lif10(rec: usize): void { lifKernel(rec, false, CURRENT_BIAS_STEPS, true, true); }
function lif11(rec: usize): void { lifKernel(rec, false, CURRENT_BIAS, true, true); }
function alif12(rec: usize): void { lifKernel(rec, true, CURRENT_NONE, false, false); }
function alif13(rec: usize): void { lifKernel(rec, true, CURRENT_BIAS_STEPS, false, false); }
function alif14(rec: usize): void { lifKernel(rec, true, CURRENT_BIAS, false, false); }
function alif15(rec: usize): void { lifKernel(rec, true, CURRENT_NONE, true, false); }
function alif16(rec: usize): void { lifKernel(rec, true, CURRENT_BIAS_STEPS, true, false); }
function alif17(rec: usize): void { lifKernel(rec, true, CURRENT_BIAS, true, false); }
function alif18(rec: usize): void { lifKernel(rec, true, CURRENT_NONE, false, true); }
function alif19(rec: usize): void { lifKernel(rec, true, CURRENT_BIAS_STEPS, false, true); }
function alif20(rec: usize): void { lifKernel(rec, true, CURRENT_BIAS, false, true); }
function alif21(rec: usize): void { lifKernel(rec, true, CURRENT_NONE, true, true); }
function alif22(rec: usize): void { lifKernel(rec, true, CURRENT_BIAS_STEPS, true, true); }
function alif23(rec: usize): void { lifKernel(rec, true, CURRENT_BIAS, true, true); }

/**
 * adaptive: alif's threshold; current: which input-current arrays to read (CURRENT_*); two:
 * exactly two decaying receptors (CUBA's shape, constants held in registers); hasDelta: delta
 * receptors present.
 */
// @ts-ignore: decorator
@inline function lifKernel(rec: usize, adaptive: bool, current: i32, two: bool, hasDelta: bool): void {
  const lane = popLane;
  const end = <usize>popNPad << 2;
  const coef = popCoef;
  const vArr = popState;
  const refOffset = <usize>S_REF * lane;
  const thetaOffset = <usize>S_THETA * lane;
  const recv = popRecv;
  const ring = popRing;
  const spikes = popSpikes;
  const bias = popBias;
  const stepCurrent = popStepCurrent;
  const decaying = popDecaying;
  const receptors = popReceptors;

  const p22 = coefSplat(coef, CL_P22);
  const p20 = coefSplat(coef, CL_P20);
  const vRest = coefSplat(coef, CL_VREST);
  const vReset = coefSplat(coef, CL_VRESET);
  const vThresh = coefSplat(coef, CL_VTHRESH);
  const refSteps = coefSplat(coef, CL_REF_STEPS);
  const adaptDecay = coefSplat(coef, CL_ADAPT_DECAY);
  const adaptJump = coefSplat(coef, CL_ADAPT_JUMP);
  const adaptDrift = coefSplat(coef, CL_ADAPT_DRIFT);
  const zero = i32x4.splat(0);
  // The common shape (CUBA's): exactly two decaying receptors, constants held in registers.
  const gain0 = two ? coefSplat(receptorCoef(coef, 0), CR_GAIN) : zero;
  const decay0 = two ? coefSplat(receptorCoef(coef, 0), CR_DECAY) : zero;
  const gain1 = two ? coefSplat(receptorCoef(coef, 1), CR_GAIN) : zero;
  const decay1 = two ? coefSplat(receptorCoef(coef, 1), CR_DECAY) : zero;

  // A pointer per array group, bumped each vector, with the group's other arrays at fixed
  // offsets from it: V8 then computes no base + offset address per array and spills less than
  // with one index into many arrays.
  let vAt = vArr;
  let recvAt = recv;
  let ringAt = ring;
  let inputAt = bias;
  const stepOffset = stepCurrent - bias;
  const stop = vArr + end;
  for (; vAt < stop; vAt += 16, recvAt += 16, ringAt += 16) {
    const v = v128.load(vAt);
    let ref = v128.load(vAt + refOffset);
    let vNew = f32x4.add(f32x4.mul(f32x4.sub(v, vRest), p22), vRest);
    if (current != CURRENT_NONE) {
      let input = v128.load(inputAt);
      if (current == CURRENT_BIAS_STEPS) input = f32x4.add(input, v128.load(inputAt + stepOffset));
      vNew = f32x4.add(vNew, f32x4.mul(input, p20));
      inputAt += 16; // only here: unread, it would stay a live loop variable
    }
    // Decaying receptors: their current drives v over this step, then decays and takes this
    // step's delivery from the ring and clears its cell.
    let cell = recvAt;
    let slot = ringAt;
    let c = receptorCoef(coef, 0);
    if (two) {
      const i0 = v128.load(cell);
      const i1 = v128.load(cell + lane);
      vNew = f32x4.add(vNew, f32x4.mul(i0, gain0));
      vNew = f32x4.add(vNew, f32x4.mul(i1, gain1));
      v128.store(cell, f32x4.add(f32x4.mul(i0, decay0), v128.load(slot)));
      v128.store(cell + lane, f32x4.add(f32x4.mul(i1, decay1), v128.load(slot + lane)));
      v128.store(slot, zero);
      v128.store(slot + lane, zero);
      slot += lane << 1;
    } else for (let r = 0; r < decaying; r++) {
      const current = v128.load(cell);
      vNew = f32x4.add(vNew, f32x4.mul(current, coefSplat(c, CR_GAIN)));
      v128.store(cell, f32x4.add(f32x4.mul(current, coefSplat(c, CR_DECAY)), v128.load(slot)));
      v128.store(slot, zero);
      cell += lane;
      slot += lane;
      c += C_REC_STRIDE << 2;
    }
    // A refractory neuron is held at reset and its countdown drops by one (mask lanes are -1);
    // one that crosses threshold spikes, resets and starts the countdown. The countdown is
    // never negative, so a neuron not held has 0 there and OR sets it to refSteps.
    const held = i32x4.gt_s(ref, zero);
    let threshold = vThresh;
    let theta = zero;
    if (adaptive) {
      theta = v128.load(vAt + thetaOffset);
      threshold = f32x4.add(vThresh, theta);
    }
    const spike = v128.andnot(f32x4.gt(vNew, threshold), held);
    vNew = v128.bitselect(vReset, vNew, v128.or(held, spike));
    ref = v128.or(i32x4.add(ref, held), v128.and(spike, refSteps));
    if (adaptive) {
      theta = f32x4.sub(f32x4.add(f32x4.mul(theta, adaptDecay), v128.and(spike, adaptJump)), adaptDrift);
      v128.store(vAt + thetaOffset, theta);
    }
    // Delta receptors jump v; inputs that reach a neuron held at reset are lost, as in NEST's
    // iaf_psc_delta.
    if (hasDelta) {
      const blocked = i32x4.gt_s(ref, zero);
      for (let r = decaying; r < receptors; r++) {
        vNew = f32x4.add(vNew, v128.andnot(v128.load(slot), blocked));
        v128.store(slot, zero);
        slot += lane;
      }
    }
    v128.store(vAt, vNew);
    v128.store(vAt + refOffset, ref);
    appendSpikes(spikes, i32x4.bitmask(spike), <i32>((vAt - vArr) >> 2));
  }
  closePopulation(rec, trimPadding(spikes, spikeCount));
}
