// Spikes -> delay rings: each spike of the presynaptic slice walks its CSR row and adds the
// weight into the target's ring slot (step + delay) mod slots. Order is fixed (spikes in
// ascending index, then CSR order), so every sum is deterministic. With short-term plasticity
// each spike transmits a fraction of the weights (plasticity/stp.ts).
import {
  J_COL, J_D, J_D_BYTES, J_D_SHARED, J_POST, J_PRE, J_PRE_END, J_PRE_START, J_RECEPTOR, J_ROWPTR, J_W,
  J_STP, J_W_SHARED, P_NPAD, P_NREC, P_NSPIKES, P_RING, P_RING_LEN, P_SPIKES,
} from "../abi";
import { region, word } from "../memory";
import { stpEfficacy } from "../plasticity/stp";

/** Delivers one step's spikes through a projection; returns the synaptic events made. */
export function propagate(base: usize, proj: usize, pops: usize, popWords: i32, step: u32): i32 {
  const pre = pops + (<usize>(word(proj, J_PRE) * popWords) << 2);
  const post = pops + (<usize>(word(proj, J_POST) * popWords) << 2);
  const nSpikes = word(pre, P_NSPIKES);
  if (nSpikes == 0) return 0;
  const spikes = region(base, pre, P_SPIKES);
  const preStart = word(proj, J_PRE_START);
  const preEnd = word(proj, J_PRE_END);
  const rowPtr = region(base, proj, J_ROWPTR);
  const col = region(base, proj, J_COL);
  const weights = word(proj, J_W) != 0 ? region(base, proj, J_W) : 0;
  const delays = word(proj, J_D) != 0 ? region(base, proj, J_D) : 0;
  const wideDelays = word(proj, J_D_BYTES) == 2;
  const sharedWeight = load<f32>(proj + (<usize>J_W_SHARED << 2));
  const slots = <u32>word(post, P_RING_LEN);
  const nPad = <usize>word(post, P_NPAD);
  const slotBytes = <usize>word(post, P_NREC) * nPad * 4;
  const ring = region(base, post, P_RING) + <usize>word(proj, J_RECEPTOR) * nPad * 4;
  const now = step % slots;
  const stp = word(proj, J_STP) != 0 ? region(base, proj, J_STP) : 0;
  const sharedDelay = <u32>word(proj, J_D_SHARED);

  const delayKind = delays == 0 ? DELAY_SHARED : wideDelays ? DELAY_U16 : DELAY_U8;
  const delaySource = delays == 0 ? <usize>sharedDelay : delays;

  let events = 0;
  for (let s = 0; s < nSpikes; s++) {
    if (s % TOUCH_GROUP == 0) touchRows(spikes, s, min(s + TOUCH_GROUP, nSpikes), preStart, preEnd, rowPtr, col);
    const i = load<i32>(spikes + (<usize>s << 2));
    if (i < preStart || i >= preEnd) continue;
    const row = rowPtr + (<usize>(i - preStart) << 2);
    const first = load<i32>(row);
    const last = load<i32>(row, 4);
    events += last - first;
    const efficacy: f32 = stp != 0 ? stpEfficacy(base, stp, i - preStart, step) : 1;
    if (delays == 0 && stp == 0) {
      let slot = now + sharedDelay;
      if (slot >= slots) slot -= slots;
      const target = ring + <usize>slot * slotBytes;
      // Bumped pointers into the row (V8 computes no base + index address per synapse).
      const colEnd = col + (<usize>last << 2);
      let colAt = col + (<usize>first << 2);
      if (weights == 0) {
        for (; colAt < colEnd; colAt += 4) {
          const cell = target + (<usize>load<i32>(colAt) << 2);
          store<f32>(cell, load<f32>(cell) + sharedWeight);
        }
      } else {
        for (let wAt = weights + (<usize>first << 2); colAt < colEnd; colAt += 4, wAt += 4) {
          const cell = target + (<usize>load<i32>(colAt) << 2);
          store<f32>(cell, load<f32>(cell) + load<f32>(wAt));
        }
      }
    } else {
      // One loop per delay and weight storage, so the loop tests no flag per synapse. Without
      // short-term plasticity the efficacy is 1, and w * 1 is w exactly.
      switch (delayKind + <i32>(weights != 0) * 3) {
        case 0: scatter(first, last, col, weights, sharedWeight, efficacy, ring, now, slots, slotBytes, delaySource, DELAY_SHARED, false); break;
        case 1: scatter(first, last, col, weights, sharedWeight, efficacy, ring, now, slots, slotBytes, delaySource, DELAY_U8, false); break;
        case 2: scatter(first, last, col, weights, sharedWeight, efficacy, ring, now, slots, slotBytes, delaySource, DELAY_U16, false); break;
        case 3: scatter(first, last, col, weights, sharedWeight, efficacy, ring, now, slots, slotBytes, delaySource, DELAY_SHARED, true); break;
        case 4: scatter(first, last, col, weights, sharedWeight, efficacy, ring, now, slots, slotBytes, delaySource, DELAY_U8, true); break;
        default: scatter(first, last, col, weights, sharedWeight, efficacy, ring, now, slots, slotBytes, delaySource, DELAY_U16, true);
      }
    }
  }
  return events;
}

/** Where scatter takes a synapse's delay from: the projection's one delay, or u8 / u16 per synapse. */
const DELAY_SHARED = 0;
const DELAY_U8 = 1;
const DELAY_U16 = 2;

/**
 * One row's synapses into the ring slots of their delays, weighted by `efficacy`. Inlined with
 * constant `delayKind` and `perSynapse`; `delays` is the shared delay (DELAY_SHARED) or the
 * projection's delay array.
 */
// @ts-ignore: decorator
@inline function scatter(
  first: i32, last: i32, col: usize, weights: usize, sharedWeight: f32, efficacy: f32, ring: usize,
  now: u32, slots: u32, slotBytes: usize, delays: usize, delayKind: i32, perSynapse: bool,
): void {
  for (let k = first; k < last; k++) {
    let slot = now + (delayKind == DELAY_SHARED ? <u32>delays
      : delayKind == DELAY_U16 ? <u32>load<u16>(delays + (<usize>k << 1)) : <u32>load<u8>(delays + <usize>k));
    if (slot >= slots) slot -= slots;
    const cell = ring + <usize>slot * slotBytes + (<usize>load<i32>(col + (<usize>k << 2)) << 2);
    const w = perSynapse ? load<f32>(weights + (<usize>k << 2)) : sharedWeight;
    store<f32>(cell, load<f32>(cell) + w * efficacy);
  }
}

/** Spikes whose CSR rows are touched together before they are scattered. */
const TOUCH_GROUP = 32;

/**
 * Wasm has no prefetch instruction: reading one word per cache line of the CSR rows of the next
 * few spikes, back to back, has their cache misses (rows of a large network are not in the
 * caches) overlap, instead of the scatter loop stalling on each row in turn. The values are
 * dropped; the loads stay, because a wasm load may trap.
 */
function touchRows(spikes: usize, from: i32, to: i32, preStart: i32, preEnd: i32, rowPtr: usize, col: usize): void {
  for (let s = from; s < to; s++) {
    const i = load<i32>(spikes + (<usize>s << 2));
    if (i < preStart || i >= preEnd) continue;
    const row = rowPtr + (<usize>(i - preStart) << 2);
    const end = col + (<usize>load<i32>(row, 4) << 2);
    for (let at = col + (<usize>load<i32>(row) << 2); at < end; at += 64) load<i32>(at);
  }
}
