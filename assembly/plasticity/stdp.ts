// Spike-timing-dependent plasticity on one plastic projection, event-driven, one step at a time.
//
// Times are those at the synapse: a presynaptic spike emitted at step n arrives at step
// n + axonal delay (the projection's delay less its dendritic part) and its weight reaches the
// neuron at n + delay, as for a static projection; a postsynaptic spike at step m reaches the
// synapse at m + dendritic delay. At the step-s call:
//   1. eligibility traces (modulated projections) move the weights by dt * rate * m * c, then decay
//      (the pair terms below then go to c unscaled by the learning rate);
//   2. postsynaptic spikes reaching the synapses at s potentiate through the presynaptic traces,
//      then bump the postsynaptic traces (so a pair at the same step counts as pre-before-post,
//      as in Brian2, where on_pre runs before on_post);
//   3. presynaptic spikes arriving at s + 1 deliver their weight (before it changes, as Brian2's
//      on_pre does), are depressed through the postsynaptic traces, then bump the presynaptic
//      traces. Arrivals are handled one step early so the weight still lands in the ring slot
//      of its delivery step; the postsynaptic traces then hold every spike up to s, which is
//      exactly what an arrival at s + 1 pairs with.
//   4. every K_SCALE_EVERY steps, synaptic scaling multiplies each weight by
//      1 + rate * eta * interval * (target - the post neuron's rate estimate).
// Traces are f64 and decay lazily, by one table factor when they are read or bumped (abi.ts,
// K_FADE_*), so a pair's change equals A exp(-dt/tau) to within a few f64 roundings before the
// one rounding to f32, and a step costs nothing for neurons that did not fire.
import {
  J_COL, J_D_SHARED, J_PLAST, J_POST, J_PRE, J_PRE_END, J_PRE_START, J_RECEPTOR, J_ROWPTR, J_STP, J_W, J_NSYN,
  FADE_LO, FADE_SHIFT, K_A3MINUS, K_A3PLUS, K_AMINUS, K_APLUS, K_DEN_STEPS, K_DT, K_ELIG, K_FADE_MINUS, K_FADE_PLUS,
  K_FADE_X, K_FADE_Y, K_LAST_POST, K_LAST_PRE, K_LIMIT_MINUS, K_LIMIT_PLUS, K_LIMIT_X, K_LIMIT_Y,
  K_ELIG_DECAY, K_FLAGS, K_MOD, K_POST_TRACES, K_PRE_OFFSET, K_PRE_TRACES, K_RATE, K_REV_PRE, K_REV_PTR,
  K_REV_SYN, K_ROWS_PAD, K_WMAX, K_WMIN, KF_MULTIPLICATIVE, KF_NEAREST, KF_NO_PAIRS, KF_SYMMETRIC, KF_TRIPLET,
  K_DEC_RATE, K_RATE_GAIN, K_SCALE_ETA, K_SCALE_EVERY, K_SCALE_TARGET, P_HIST,
  P_HIST_CNT, P_HIST_LEN, P_NPAD, P_NREC, P_RING, P_RING_LEN, P_WORDS,
} from "../abi";
import { region, word } from "../memory";
import { modulatorValue } from "./modulators";
import { stpEfficacy } from "./stp";

let flags: i32 = 0;
let wMin: f32 = 0;
let wMax: f32 = 0;
let weights: usize = 0;
/** Eligibility traces, or 0 when changes go straight to the weights. */
let eligibility: usize = 0;

// @ts-ignore: decorator
@inline function f32At(block: usize, k: i32): f32 {
  return load<f32>(block + (<usize>k << 2));
}

// @ts-ignore: decorator
@inline function f64At(block: usize, k: i32): f64 {
  return load<f64>(block + (<usize>k << 2));
}

/** Applies a change to synapse k: soft-bounded if asked, into its eligibility trace or its clipped weight. */
function change(k: i32, d: f32): void {
  const at = weights + (<usize>k << 2);
  const w = load<f32>(at);
  if (flags & KF_MULTIPLICATIVE) d = d > 0 ? d * (wMax - w) : d * (w - wMin);
  if (eligibility != 0) {
    const c = eligibility + (<usize>k << 2);
    store<f32>(c, load<f32>(c) + d);
    return;
  }
  const v = w + d;
  store<f32>(at, v < wMin ? wMin : v > wMax ? wMax : v);
}

/** exp(-steps dt / tau) from a fade table at `table` (0 at and beyond its `limit`). */
// @ts-ignore: decorator
@inline function fade(table: usize, limit: u32, steps: u32): f64 {
  if (steps >= limit) return 0;
  return load<f64>(table + (<usize>(steps & (FADE_LO - 1)) << 3)) * load<f64>(table + (<usize>(FADE_LO + (steps >> FADE_SHIFT)) << 3));
}

function decay(traces: usize, n: i32, factor: f64): void {
  const f = f64x2.splat(factor);
  for (let i = 0; i < n; i += 2) {
    const at = traces + (<usize>i << 3);
    v128.store(at, f64x2.mul(v128.load(at), f));
  }
}

function driveByModulator(base: usize, k: usize, nSyn: i32, rate: f32): void {
  const g: f32 = rate * f32At(k, K_DT) * modulatorValue(base, word(k, K_MOD));
  const fade = f32At(k, K_ELIG_DECAY);
  // Four synapses at a time, clipped with compare-and-select so the bits equal the scalar
  // tail's `v < wMin ? wMin : v > wMax ? wMax : v` (min/max would differ on signed zeros).
  const vg = f32x4.splat(g);
  const vFade = f32x4.splat(fade);
  const lo = f32x4.splat(wMin);
  const hi = f32x4.splat(wMax);
  const whole = nSyn & ~3;
  for (let s = 0; s < whole; s += 4) {
    const c = eligibility + (<usize>s << 2);
    const trace = v128.load(c);
    if (g != 0) {
      const at = weights + (<usize>s << 2);
      const v = f32x4.add(v128.load(at), f32x4.mul(trace, vg));
      v128.store(at, v128.bitselect(lo, v128.bitselect(hi, v, f32x4.gt(v, hi)), f32x4.lt(v, lo)));
    }
    v128.store(c, f32x4.mul(trace, vFade));
  }
  for (let s = whole; s < nSyn; s++) {
    const c = eligibility + (<usize>s << 2);
    const trace = load<f32>(c);
    if (g != 0) {
      const at = weights + (<usize>s << 2);
      const v = load<f32>(at) + trace * g;
      store<f32>(at, v < wMin ? wMin : v > wMax ? wMax : v);
    }
    store<f32>(c, trace * fade);
  }
}

/** Synaptic scaling: each weight moves toward its post neuron's target rate, multiplicatively. */
function scaleSynapses(k: usize, col: usize, nSyn: i32, estimates: usize, rate: f32): void {
  const eta = f64At(k, K_SCALE_ETA) * <f64>rate;
  const target = f64At(k, K_SCALE_TARGET);
  for (let s = 0; s < nSyn; s++) {
    const estimate = load<f64>(estimates + (<usize>load<i32>(col + (<usize>s << 2)) << 3));
    const factor = <f32>(1.0 + eta * (target - estimate));
    const at = weights + (<usize>s << 2);
    const v = load<f32>(at) * factor;
    store<f32>(at, v < wMin ? wMin : v > wMax ? wMax : v);
  }
}

/** Spikes of `pop` emitted at step n, from its history ring: (address, count). */
function historySlot(base: usize, pop: usize, n: u32): usize {
  return region(base, pop, P_HIST) + <usize>(n % <u32>word(pop, P_HIST_LEN)) * (<usize>word(pop, P_NPAD) << 2);
}

function historyCount(base: usize, pop: usize, n: u32): i32 {
  return load<i32>(region(base, pop, P_HIST_CNT) + (<usize>(n % <u32>word(pop, P_HIST_LEN)) << 2));
}

/** One step of a plastic projection (see the file comment); returns the synaptic events delivered. */
export function plasticStep(base: usize, proj: usize, pops: usize, step: u32): i32 {
  const k = region(base, proj, J_PLAST);
  const pre = pops + (<usize>(word(proj, J_PRE) * P_WORDS) << 2);
  const post = pops + (<usize>(word(proj, J_POST) * P_WORDS) << 2);
  flags = word(k, K_FLAGS);
  wMin = f32At(k, K_WMIN);
  wMax = f32At(k, K_WMAX);
  weights = region(base, proj, J_W);
  eligibility = word(k, K_ELIG) != 0 ? region(base, k, K_ELIG) : 0;
  const rate = f32At(k, K_RATE);
  // With a modulator the rate scales the weight drive, not what the eligibility traces take.
  const scale: f64 = eligibility != 0 ? 1.0 : <f64>rate;
  const nearest = (flags & KF_NEAREST) != 0;
  const triplet = (flags & KF_TRIPLET) != 0;
  const rowsPad = word(k, K_ROWS_PAD);
  const postPad = word(post, P_NPAD);
  const r1 = region(base, k, K_PRE_TRACES);
  const r2 = r1 + (<usize>rowsPad << 3);
  const o1 = region(base, k, K_POST_TRACES);
  const o2 = o1 + (<usize>postPad << 3);
  const estimates = o2 + (<usize>postPad << 3);
  const scaleEvery = word(k, K_SCALE_EVERY);
  const pairs = (flags & KF_NO_PAIRS) == 0 && rate != 0;
  const den = <u32>word(k, K_DEN_STEPS);

  if (eligibility != 0) driveByModulator(base, k, word(proj, J_NSYN), rate);

  const lastPre = region(base, k, K_LAST_PRE);
  const lastPost = region(base, k, K_LAST_POST);
  const fadePlus = region(base, k, K_FADE_PLUS);
  const fadeMinus = region(base, k, K_FADE_MINUS);
  const fadeX = region(base, k, K_FADE_X);
  const fadeY = region(base, k, K_FADE_Y);
  const limitPlus = <u32>word(k, K_LIMIT_PLUS);
  const limitMinus = <u32>word(k, K_LIMIT_MINUS);
  const limitX = <u32>word(k, K_LIMIT_X);
  const limitY = <u32>word(k, K_LIMIT_Y);
  if (step >= den) {
    const spikes = historySlot(base, post, step - den);
    const count = historyCount(base, post, step - den);
    const revPtr = region(base, k, K_REV_PTR);
    const revSyn = region(base, k, K_REV_SYN);
    const revPre = region(base, k, K_REV_PRE);
    const a2: f64 = f32At(k, K_APLUS);
    const a3: f64 = f32At(k, K_A3PLUS);
    for (let s = 0; s < count; s++) {
      const j = <usize>load<i32>(spikes + (<usize>s << 2));
      const since = step - load<u32>(lastPost + (j << 2));
      const o2j = triplet ? load<f64>(o2 + (j << 3)) * fade(fadeY, limitY, since) : 0;
      if (pairs) {
        const factor = a2 + a3 * o2j;
        const last = load<i32>(revPtr + (j << 2), 4);
        for (let e = load<i32>(revPtr + (j << 2)); e < last; e++) {
          const row = <usize>load<i32>(revPre + (<usize>e << 2));
          const r1Now = load<f64>(r1 + (row << 3)) * fade(fadePlus, limitPlus, step - load<u32>(lastPre + (row << 2)));
          change(load<i32>(revSyn + (<usize>e << 2)), <f32>(factor * r1Now * scale));
        }
      }
      const oj = o1 + (j << 3);
      store<f64>(oj, nearest ? 1.0 : load<f64>(oj) * fade(fadeMinus, limitMinus, since) + 1.0);
      if (triplet) store<f64>(o2 + (j << 3), o2j + 1.0);
      store<u32>(lastPost + (j << 2), step);
      if (scaleEvery != 0) store<f64>(estimates + (j << 3), load<f64>(estimates + (j << 3)) + f64At(k, K_RATE_GAIN));
    }
  }

  if (scaleEvery != 0) {
    decay(estimates, postPad, f64At(k, K_DEC_RATE));
    if (rate != 0 && (step + 1) % <u32>scaleEvery == 0) scaleSynapses(k, region(base, proj, J_COL), word(proj, J_NSYN), estimates, rate);
  }

  const axonal = <u32>word(proj, J_D_SHARED) - den;
  const arrival = step + 1;
  if (arrival < axonal) return 0;
  const emitted = arrival - axonal;
  const spikes = historySlot(base, pre, emitted);
  const count = historyCount(base, pre, emitted);
  const preStart = word(proj, J_PRE_START);
  const preEnd = word(proj, J_PRE_END);
  const rowPtr = region(base, proj, J_ROWPTR);
  const col = region(base, proj, J_COL);
  const stp = word(proj, J_STP) != 0 ? region(base, proj, J_STP) : 0;
  const slots = <u32>word(post, P_RING_LEN);
  const slotBytes = <usize>word(post, P_NREC) * (<usize>postPad << 2);
  const target = region(base, post, P_RING) + <usize>word(proj, J_RECEPTOR) * (<usize>postPad << 2)
    + <usize>((step % slots + 1 + den) % slots) * slotBytes;
  const a2: f64 = f32At(k, K_AMINUS);
  const a3: f64 = f32At(k, K_A3MINUS);
  const sign: f64 = flags & KF_SYMMETRIC ? 1.0 : -1.0;
  const offset: f64 = f32At(k, K_PRE_OFFSET);
  let events = 0;
  for (let s = 0; s < count; s++) {
    const i = load<i32>(spikes + (<usize>s << 2));
    if (i < preStart || i >= preEnd) continue;
    const row = i - preStart;
    const ri = r1 + (<usize>row << 3);
    const since = arrival - load<u32>(lastPre + (<usize>row << 2));
    const efficacy: f32 = stp != 0 ? stpEfficacy(base, stp, row, emitted) : 1;
    const r2Now = triplet ? load<f64>(r2 + (<usize>row << 3)) * fade(fadeX, limitX, since) : 0;
    const factor = a2 + a3 * r2Now;
    const first = load<i32>(rowPtr + (<usize>row << 2));
    const last = load<i32>(rowPtr + (<usize>row << 2), 4);
    events += last - first;
    for (let e = first; e < last; e++) {
      const j = <usize>load<i32>(col + (<usize>e << 2));
      const cell = target + (j << 2);
      const w = load<f32>(weights + (<usize>e << 2));
      store<f32>(cell, load<f32>(cell) + (stp != 0 ? w * efficacy : w));
      if (pairs) {
        const o1Now = load<f64>(o1 + (j << 3)) * fade(fadeMinus, limitMinus, arrival - load<u32>(lastPost + (j << 2)));
        change(e, <f32>((offset + sign * (o1Now * factor)) * scale));
      }
    }
    store<f64>(ri, nearest ? 1.0 : load<f64>(ri) * fade(fadePlus, limitPlus, since) + 1.0);
    if (triplet) store<f64>(r2 + (<usize>row << 3), r2Now + 1.0);
    store<u32>(lastPre + (<usize>row << 2), arrival);
  }
  return events;
}
