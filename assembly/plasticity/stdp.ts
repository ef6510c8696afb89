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
// With per-synapse delays (KF_SYNAPSE_DELAYS) every synapse keeps its own presynaptic traces,
// and each spike in flight walks its row in delay order (K_PERM) with a cursor: the synapses
// whose axonal delay is a are handled a steps after the emission, each exactly once. When delays
// learn (KF_LEARN_DELAYS, delay-learning.ts) a spike records its row's delays as it leaves and is
// handled by those instead (arrivalsBySentDelay), so a delay that changes moves no spike in flight.
// Traces are f64 and decay lazily, by one table factor when they are read or bumped (abi.ts,
// K_FADE_*), so a pair's change equals A exp(-dt/tau) to within a few f64 roundings before the
// one rounding to f32, and a step costs nothing for neurons that did not fire.
import {
  J_COL, J_D_SHARED, J_PLAST, J_POST, J_PRE, J_PRE_END, J_PRE_START, J_RECEPTOR, J_ROWPTR, J_STP, J_W, J_NSYN,
  FADE_LO, FADE_SHIFT, K_A3MINUS, K_A3PLUS, K_AMINUS, K_APLUS, K_DEN_STEPS, K_DT, K_ELIG, K_FADE_MINUS, K_FADE_PLUS,
  K_FADE_X, K_FADE_Y, K_LAST_POST, K_LAST_PRE, K_LIMIT_MINUS, K_LIMIT_PLUS, K_LIMIT_X, K_LIMIT_Y,
  K_ELIG_DECAY, K_FLAGS, K_MOD, K_POST_TRACES, K_PRE_OFFSET, K_PRE_TRACES, K_RATE, K_REV_PRE, K_REV_PTR,
  K_REV_SYN, K_ROWS_PAD, K_WMAX, K_WMIN, KF_MULTIPLICATIVE, KF_NEAREST, KF_NO_PAIRS, KF_SYMMETRIC, KF_TRIPLET,
  K_DEC_RATE, K_RATE_GAIN, K_SCALE_ETA, K_SCALE_EVERY, K_SCALE_TARGET, P_HIST, J_D, J_DELAY_BYTES, J_WIDTHS,
  K_CURSORS, K_DL_SENT, K_MAX_AXONAL, K_PERM, K_SYN_LAST, K_SYN_TRACES, KF_SYNAPSE_DELAYS,
  P_HIST_CNT, P_HIST_LEN, P_NPAD, P_NREC, P_RING, P_RING_LEN, P_WORDS,
} from "../abi";
import { region, word } from "../memory";
import { beginDelayLearning, notePostSpike, pairWithArrival, pairWithPostSpike } from "./delay-learning";
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
export function historySlot(base: usize, pop: usize, n: u32): usize {
  return region(base, pop, P_HIST) + <usize>(n % <u32>word(pop, P_HIST_LEN)) * (<usize>word(pop, P_NPAD) << 2);
}

export function historyCount(base: usize, pop: usize, n: u32): i32 {
  return load<i32>(region(base, pop, P_HIST_CNT) + (<usize>(n % <u32>word(pop, P_HIST_LEN)) << 2));
}

// What the arrival helpers below read, set once per plasticStep call.
let col: usize = 0;
let postTraces: usize = 0;
let lastPost: usize = 0;
let fadePlus: usize = 0;
let fadeMinus: usize = 0;
let fadeX: usize = 0;
let limitPlus: u32 = 0;
let limitMinus: u32 = 0;
let limitX: u32 = 0;
let pairs = false;
let nearest = false;
let triplet = false;
let scale: f64 = 0;
let sign: f64 = 0;
let offset: f64 = 0;
let aMinus2: f64 = 0;
let aMinus3: f64 = 0;

/** Delivers synapse e's weight into the ring slot `target`, then depresses it through o1 at `arrival`. */
// @ts-ignore: decorator
@inline function deliver(e: i32, target: usize, efficacy: f32, stp: bool, factor: f64, arrival: u32): void {
  const j = <usize>load<i32>(col + (<usize>e << 2));
  const cell = target + (j << 2);
  const w = load<f32>(weights + (<usize>e << 2));
  store<f32>(cell, load<f32>(cell) + (stp ? w * efficacy : w));
  if (pairs) {
    const o1Now = load<f64>(postTraces + (j << 3)) * fade(fadeMinus, limitMinus, arrival - load<u32>(lastPost + (j << 2)));
    change(e, <f32>((offset + sign * (o1Now * factor)) * scale));
  }
}

/** Presynaptic trace t (a row, or a synapse) after an arrival at `arrival`: x1 bumped, x2 (triplet) set to x2Now + 1. */
// @ts-ignore: decorator
@inline function bump(x1: usize, x2: usize, last: usize, t: usize, arrival: u32, x2Now: f64): void {
  const at = x1 + (t << 3);
  store<f64>(at, nearest ? 1.0 : load<f64>(at) * fade(fadePlus, limitPlus, arrival - load<u32>(last + (t << 2))) + 1.0);
  if (triplet) store<f64>(x2 + (t << 3), x2Now + 1.0);
  store<u32>(last + (t << 2), arrival);
}

/** x2 of trace t at `arrival`, before its bump (0 without triplet terms). */
// @ts-ignore: decorator
@inline function slowTrace(x2: usize, last: usize, t: usize, arrival: u32): f64 {
  return triplet ? load<f64>(x2 + (t << 3)) * fade(fadeX, limitX, arrival - load<u32>(last + (t << 2))) : 0;
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
  col = region(base, proj, J_COL);
  eligibility = word(k, K_ELIG) != 0 ? region(base, k, K_ELIG) : 0;
  const rate = f32At(k, K_RATE);
  // With a modulator the rate scales the weight drive, not what the eligibility traces take.
  scale = eligibility != 0 ? 1.0 : <f64>rate;
  nearest = (flags & KF_NEAREST) != 0;
  triplet = (flags & KF_TRIPLET) != 0;
  pairs = (flags & KF_NO_PAIRS) == 0 && rate != 0;
  const bySynapse = (flags & KF_SYNAPSE_DELAYS) != 0;
  const rowsPad = word(k, K_ROWS_PAD);
  const postPad = word(post, P_NPAD);
  // Presynaptic traces: per row with one delay, per synapse with per-synapse delays.
  const nSyn = word(proj, J_NSYN);
  const x1 = bySynapse ? region(base, k, K_SYN_TRACES) : region(base, k, K_PRE_TRACES);
  const x2 = x1 + (<usize>(bySynapse ? (nSyn + 1) & ~1 : rowsPad) << 3);
  const xLast = bySynapse ? region(base, k, K_SYN_LAST) : region(base, k, K_LAST_PRE);
  postTraces = region(base, k, K_POST_TRACES);
  const o2 = postTraces + (<usize>postPad << 3);
  const estimates = o2 + (<usize>postPad << 3);
  const scaleEvery = word(k, K_SCALE_EVERY);
  const den = <u32>word(k, K_DEN_STEPS);
  lastPost = region(base, k, K_LAST_POST);
  fadePlus = region(base, k, K_FADE_PLUS);
  fadeMinus = region(base, k, K_FADE_MINUS);
  fadeX = region(base, k, K_FADE_X);
  const fadeY = region(base, k, K_FADE_Y);
  limitPlus = <u32>word(k, K_LIMIT_PLUS);
  limitMinus = <u32>word(k, K_LIMIT_MINUS);
  limitX = <u32>word(k, K_LIMIT_X);
  const limitY = <u32>word(k, K_LIMIT_Y);

  if (eligibility != 0) driveByModulator(base, k, nSyn, rate);
  const learnDelays = beginDelayLearning(base, proj, k, rate);

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
          const syn = load<i32>(revSyn + (<usize>e << 2));
          const t = bySynapse ? <usize>syn : <usize>load<i32>(revPre + (<usize>e << 2));
          const x1Now = load<f64>(x1 + (t << 3)) * fade(fadePlus, limitPlus, step - load<u32>(xLast + (t << 2)));
          change(syn, <f32>(factor * x1Now * scale));
        }
      }
      if (learnDelays) {
        const last = load<i32>(revPtr + (j << 2), 4);
        for (let e = load<i32>(revPtr + (j << 2)); e < last; e++) {
          const syn = load<i32>(revSyn + (<usize>e << 2));
          pairWithArrival(syn, load<u32>(xLast + (<usize>syn << 2)), step);
        }
        notePostSpike(j, step);
      }
      const oj = postTraces + (j << 3);
      store<f64>(oj, nearest ? 1.0 : load<f64>(oj) * fade(fadeMinus, limitMinus, since) + 1.0);
      if (triplet) store<f64>(o2 + (j << 3), o2j + 1.0);
      store<u32>(lastPost + (j << 2), step);
      if (scaleEvery != 0) store<f64>(estimates + (j << 3), load<f64>(estimates + (j << 3)) + f64At(k, K_RATE_GAIN));
    }
  }

  if (scaleEvery != 0) {
    decay(estimates, postPad, f64At(k, K_DEC_RATE));
    if (rate != 0 && (step + 1) % <u32>scaleEvery == 0) scaleSynapses(k, col, nSyn, estimates, rate);
  }

  const preStart = word(proj, J_PRE_START);
  const preEnd = word(proj, J_PRE_END);
  const rowPtr = region(base, proj, J_ROWPTR);
  const slots = <u32>word(post, P_RING_LEN);
  const slotBytes = <usize>word(post, P_NREC) * (<usize>postPad << 2);
  // Every arrival at s + 1 reaches the neuron at s + 1 + den: one ring slot for all of them.
  const target = region(base, post, P_RING) + <usize>word(proj, J_RECEPTOR) * (<usize>postPad << 2)
    + <usize>((step % slots + 1 + den) % slots) * slotBytes;
  aMinus2 = f32At(k, K_AMINUS);
  aMinus3 = f32At(k, K_A3MINUS);
  sign = flags & KF_SYMMETRIC ? 1.0 : -1.0;
  offset = f32At(k, K_PRE_OFFSET);
  const arrival = step + 1;
  if (bySynapse) {
    x1Traces = x1;
    x2Traces = x2;
    xLastSteps = xLast;
    if (learnDelays) return arrivalsBySentDelay(base, proj, k, pre, den, arrival, target);
    return arrivalsBySynapse(base, proj, k, pre, den, arrival, target, 0);
  }

  const axonal = <u32>word(proj, J_D_SHARED) - den;
  if (arrival < axonal) return 0;
  const emitted = arrival - axonal;
  const spikes = historySlot(base, pre, emitted);
  const count = historyCount(base, pre, emitted);
  const stp = word(proj, J_STP) != 0 ? region(base, proj, J_STP) : 0;
  let events = 0;
  for (let s = 0; s < count; s++) {
    const i = load<i32>(spikes + (<usize>s << 2));
    if (i < preStart || i >= preEnd) continue;
    const row = i - preStart;
    const efficacy: f32 = stp != 0 ? stpEfficacy(base, stp, row, emitted) : 1;
    const x2Now = slowTrace(x2, xLast, <usize>row, arrival);
    const factor = aMinus2 + aMinus3 * x2Now;
    const first = load<i32>(rowPtr + (<usize>row << 2));
    const last = load<i32>(rowPtr + (<usize>row << 2), 4);
    events += last - first;
    for (let e = first; e < last; e++) deliver(e, target, efficacy, stp != 0, factor, arrival);
    bump(x1, x2, xLast, <usize>row, arrival, x2Now);
  }
  return events;
}

/**
 * Arrivals at `arrival` with per-synapse delays: every spike in flight (emitted 1 to K_MAX_AXONAL
 * steps ago) handles the synapses of its row whose axonal delay equals its age, from its cursor
 * into the row's delay order, and leaves the cursor at the next delay. A synapse is handled by
 * the built-in rule (arriveAtSynapse; `onPre` 0) or by a synapse model's onPre program (its
 * table slot), for that synapse alone; returns the synapses handled.
 */
export function arrivalsBySynapse(base: usize, proj: usize, k: usize, pre: usize, den: u32, arrival: u32, target: usize, onPre: u32): i32 {
  const preStart = word(proj, J_PRE_START);
  const preEnd = word(proj, J_PRE_END);
  const rowPtr = region(base, proj, J_ROWPTR);
  const perm = region(base, k, K_PERM);
  const cursors = region(base, k, K_CURSORS);
  const delays = region(base, proj, J_D);
  const wide = (word(proj, J_WIDTHS) & J_DELAY_BYTES) == 2;
  const histLen = <u32>word(pre, P_HIST_LEN);
  const prePad = <usize>word(pre, P_NPAD);
  const maxAxonal = <u32>word(k, K_MAX_AXONAL);
  let events = 0;
  for (let age: u32 = 1; age <= maxAxonal && age <= arrival; age++) {
    const emitted = arrival - age;
    const spikes = historySlot(base, pre, emitted);
    const count = historyCount(base, pre, emitted);
    const slotCursors = cursors + <usize>(emitted % histLen) * (prePad << 2);
    for (let s = 0; s < count; s++) {
      const i = load<i32>(spikes + (<usize>s << 2));
      if (i < preStart || i >= preEnd) continue;
      const row = i - preStart;
      const last = load<i32>(rowPtr + (<usize>row << 2), 4);
      const at = slotCursors + (<usize>s << 2);
      // A spike starts its walk at the start of its row the step after it was emitted.
      let c = age == 1 ? load<i32>(rowPtr + (<usize>row << 2)) : load<i32>(at);
      while (c < last) {
        const e = load<i32>(perm + (<usize>c << 2));
        const d = wide ? <u32>load<u16>(delays + (<usize>e << 1)) : <u32>load<u8>(delays + <usize>e);
        if (d - den != age) break;
        // (A branch, not a function pointer: the built-in rule's handling stays inlined here.)
        if (onPre != 0) call_indirect<void>(onPre, base, proj, row, e, e + 1, target, arrival);
        else arriveAtSynapse(e, target, arrival);
        events++;
        c++;
      }
      store<i32>(at, c);
    }
  }
  return events;
}

/**
 * Arrivals at `arrival` when delays learn: every spike in flight (emitted 1 to K_MAX_AXONAL steps
 * ago) handles the synapses of its row whose axonal delay, as the spike left (K_DL_SENT), equals
 * its age; at age 1 it records its row's delays in force. Each handled synapse then pairs with
 * its post neuron's last spike. Returns the synapses handled.
 */
function arrivalsBySentDelay(base: usize, proj: usize, k: usize, pre: usize, den: u32, arrival: u32, target: usize): i32 {
  const preStart = word(proj, J_PRE_START);
  const preEnd = word(proj, J_PRE_END);
  const rowPtr = region(base, proj, J_ROWPTR);
  const delays = region(base, proj, J_D);
  const shift: usize = (word(proj, J_WIDTHS) & J_DELAY_BYTES) == 2 ? 1 : 0;
  const sentSlots = region(base, k, K_DL_SENT);
  const slotBytes = <usize>word(proj, J_NSYN) << shift;
  const histLen = <u32>word(pre, P_HIST_LEN);
  const maxAxonal = <u32>word(k, K_MAX_AXONAL);
  let events = 0;
  for (let age: u32 = 1; age <= maxAxonal && age <= arrival; age++) {
    const emitted = arrival - age;
    const spikes = historySlot(base, pre, emitted);
    const count = historyCount(base, pre, emitted);
    const sent = sentSlots + <usize>(emitted % histLen) * slotBytes;
    for (let s = 0; s < count; s++) {
      const i = load<i32>(spikes + (<usize>s << 2));
      if (i < preStart || i >= preEnd) continue;
      const row = i - preStart;
      const first = load<i32>(rowPtr + (<usize>row << 2));
      const last = load<i32>(rowPtr + (<usize>row << 2), 4);
      if (age == 1) memory.copy(sent + (<usize>first << shift), delays + (<usize>first << shift), <usize>(last - first) << shift);
      for (let e = first; e < last; e++) {
        const d = shift ? <u32>load<u16>(sent + (<usize>e << 1)) : <u32>load<u8>(sent + <usize>e);
        if (d - den != age) continue;
        arriveAtSynapse(e, target, arrival);
        pairWithPostSpike(e, <usize>load<i32>(col + (<usize>e << 2)), arrival);
        events++;
      }
    }
  }
  return events;
}

// What arriveAtSynapse reads besides its arguments, set by plasticStep before it walks the arrivals.
let x1Traces: usize = 0;
let x2Traces: usize = 0;
let xLastSteps: usize = 0;

/** A built-in rule's presynaptic arrival at synapse e (per-synapse traces): deliver, depress, bump. */
// @ts-ignore: decorator
@inline function arriveAtSynapse(e: i32, target: usize, arrival: u32): void {
  const x2Now = slowTrace(x2Traces, xLastSteps, <usize>e, arrival);
  deliver(e, target, 1, false, aMinus2 + aMinus3 * x2Now, arrival);
  bump(x1Traces, x2Traces, xLastSteps, <usize>e, arrival, x2Now);
}
