// Spikes -> delay rings: each spike of the presynaptic slice walks its CSR row and adds the
// weight into the target's ring slot (step + delay) mod slots. Order is fixed (spikes in
// ascending index, then CSR order), so every sum is deterministic. With short-term plasticity
// each spike transmits a fraction of the weights (plasticity/stp.ts). Columns are i32, or u16
// (J_NARROW_COLUMNS) for static projections onto populations of at most 65,536 neurons.
import {
  J_COL, J_D, J_D_SHARED, J_DELAY_BYTES, J_NARROW_COLUMNS, J_POST, J_PRE, J_PRE_END, J_PRE_START, J_RECEPTOR,
  J_ROWPTR, J_STP, J_W, J_W_SHARED, J_WIDTHS, P_NSPIKES, P_SPIKES,
} from "../abi";
import { region, word } from "../memory";
import { openDeliveryRing, ringAt, ringSlotBytes, ringSlots } from "../dendrites/segments";
import { stpEfficacy } from "../plasticity/stp";

// The projection being propagated, read once per call by propagate (as openPopulation does for
// neuron kernels), so each storage's loop below is a small function of its own.
let projBase: usize = 0;
let projStep: u32 = 0;
let projSpikes: usize = 0;
let projNSpikes: i32 = 0;
let projPreStart: i32 = 0;
let projPreEnd: i32 = 0;
let projRowPtr: usize = 0;
let projCol: usize = 0;
/** Per-synapse weights; 0 when the projection has one shared weight. */
let projWeights: usize = 0;
let projSharedWeight: f32 = 0;
/** Per-synapse delays (u8 or u16); 0 when the projection has one delay, projSharedDelay steps. */
let projDelays: usize = 0;
let projSharedDelay: u32 = 0;
/** Ring of the target receptor (or segment), the slot of this step, the ring's length and one slot's bytes. */
let projRing: usize = 0;
let projNow: u32 = 0;
let projSlots: u32 = 0;
let projSlotBytes: usize = 0;
/** Short-term plasticity state; 0 without it. */
let projStp: usize = 0;

/**
 * Where a synapse's delay comes from. STATIC: the projection's one delay, without short-term
 * plasticity; DELAY_SHARED: the one delay, with it; DELAY_U8, DELAY_U16: per synapse, with or
 * without it. The kernel switch below counts on these being 0..3.
 */
const STATIC = 0;
const DELAY_SHARED = 1;
const DELAY_U8 = 2;
const DELAY_U16 = 3;

/** Delivers one step's spikes through a projection; returns the synaptic events made. */
export function propagate(base: usize, proj: usize, pops: usize, popWords: i32, step: u32): i32 {
  const pre = pops + (<usize>(word(proj, J_PRE) * popWords) << 2);
  const post = pops + (<usize>(word(proj, J_POST) * popWords) << 2);
  projNSpikes = word(pre, P_NSPIKES);
  if (projNSpikes == 0) return 0;
  projBase = base;
  projStep = step;
  projSpikes = region(base, pre, P_SPIKES);
  projPreStart = word(proj, J_PRE_START);
  projPreEnd = word(proj, J_PRE_END);
  projRowPtr = region(base, proj, J_ROWPTR);
  projCol = region(base, proj, J_COL);
  projWeights = word(proj, J_W) != 0 ? region(base, proj, J_W) : 0;
  projSharedWeight = load<f32>(proj + (<usize>J_W_SHARED << 2));
  projDelays = word(proj, J_D) != 0 ? region(base, proj, J_D) : 0;
  projSharedDelay = <u32>word(proj, J_D_SHARED);
  openDeliveryRing(base, post, word(proj, J_RECEPTOR));
  projSlots = ringSlots;
  projSlotBytes = ringSlotBytes;
  projRing = ringAt;
  projNow = step % projSlots;
  projStp = word(proj, J_STP) != 0 ? region(base, proj, J_STP) : 0;

  const widths = word(proj, J_WIDTHS);
  const delayKind = projDelays != 0 ? ((widths & J_DELAY_BYTES) == 2 ? DELAY_U16 : DELAY_U8)
    : projStp != 0 ? DELAY_SHARED : STATIC;
  // Called through the function table: binaryen would inline a small kernel called from one
  // place into run, whose optimised code an engine only uses from the next call of run on.
  let kernel: () => i32;
  switch (delayKind + 4 * <i32>(projWeights != 0) + 8 * <i32>((widths & J_NARROW_COLUMNS) != 0)) {
    case 0: kernel = propagateStatic; break;
    case 1: kernel = propagateStp; break;
    case 2: kernel = propagateU8; break;
    case 3: kernel = propagateU16; break;
    case 4: kernel = propagateStaticWeights; break;
    case 5: kernel = propagateStpWeights; break;
    case 6: kernel = propagateU8Weights; break;
    case 7: kernel = propagateU16Weights; break;
    case 8: kernel = propagateStaticNarrow; break;
    case 9: kernel = propagateStpNarrow; break;
    case 10: kernel = propagateU8Narrow; break;
    case 11: kernel = propagateU16Narrow; break;
    case 12: kernel = propagateStaticWeightsNarrow; break;
    case 13: kernel = propagateStpWeightsNarrow; break;
    case 14: kernel = propagateU8WeightsNarrow; break;
    default: kernel = propagateU16WeightsNarrow;
  }
  return kernel();
}

// One small function per storage (rowsKernel inlined under constant flags): no flag is tested
// per synapse, and an engine's optimising compiler compiles only the storages a network uses,
// each quickly.
function propagateStatic(): i32 { return rowsKernel(STATIC, false, false); }
function propagateStp(): i32 { return rowsKernel(DELAY_SHARED, false, false); }
function propagateU8(): i32 { return rowsKernel(DELAY_U8, false, false); }
function propagateU16(): i32 { return rowsKernel(DELAY_U16, false, false); }
function propagateStaticWeights(): i32 { return rowsKernel(STATIC, true, false); }
function propagateStpWeights(): i32 { return rowsKernel(DELAY_SHARED, true, false); }
function propagateU8Weights(): i32 { return rowsKernel(DELAY_U8, true, false); }
function propagateU16Weights(): i32 { return rowsKernel(DELAY_U16, true, false); }
function propagateStaticNarrow(): i32 { return rowsKernel(STATIC, false, true); }
function propagateStpNarrow(): i32 { return rowsKernel(DELAY_SHARED, false, true); }
function propagateU8Narrow(): i32 { return rowsKernel(DELAY_U8, false, true); }
function propagateU16Narrow(): i32 { return rowsKernel(DELAY_U16, false, true); }
function propagateStaticWeightsNarrow(): i32 { return rowsKernel(STATIC, true, true); }
function propagateStpWeightsNarrow(): i32 { return rowsKernel(DELAY_SHARED, true, true); }
function propagateU8WeightsNarrow(): i32 { return rowsKernel(DELAY_U8, true, true); }
function propagateU16WeightsNarrow(): i32 { return rowsKernel(DELAY_U16, true, true); }

/** The column of synapse k: u16 (narrow) or i32. */
// @ts-ignore: decorator
@inline function columnAt(col: usize, k: i32, narrow: bool): usize {
  return narrow ? <usize>load<u16>(col + (<usize>k << 1)) : <usize>load<i32>(col + (<usize>k << 2));
}

/**
 * The rows of this step's spikes; delayKind: where delays come from; perSynapse: weights per
 * synapse; narrow: u16 columns.
 */
// @ts-ignore: decorator
@inline function rowsKernel(delayKind: i32, perSynapse: bool, narrow: bool): i32 {
  const spikes = projSpikes;
  const nSpikes = projNSpikes;
  const preStart = projPreStart;
  const preEnd = projPreEnd;
  const rowPtr = projRowPtr;
  const col = projCol;
  const weights = projWeights;
  const sharedWeight = projSharedWeight;
  const ring = projRing;
  const now = projNow;
  const slots = projSlots;
  const slotBytes = projSlotBytes;
  const delays = delayKind == DELAY_SHARED ? <usize>projSharedDelay : projDelays;

  let events = 0;
  for (let s = 0; s < nSpikes; s++) {
    if (s % TOUCH_GROUP == 0) touchRows(spikes, s, min(s + TOUCH_GROUP, nSpikes), preStart, preEnd, rowPtr, col, narrow ? 1 : 2);
    const i = load<i32>(spikes + (<usize>s << 2));
    if (i < preStart || i >= preEnd) continue;
    const row = rowPtr + (<usize>(i - preStart) << 2);
    const first = load<i32>(row);
    const last = load<i32>(row, 4);
    events += last - first;
    if (delayKind == STATIC) {
      let slot = now + projSharedDelay;
      if (slot >= slots) slot -= slots;
      const target = ring + <usize>slot * slotBytes;
      // Bumped pointers into the row (V8 computes no base + index address per synapse), four
      // synapses per turn and then the rest, in order (a row may name a target twice).
      const shift: usize = narrow ? 1 : 2;
      const colEnd = col + (<usize>last << shift);
      const colEnd4 = colEnd - ((<usize>(last - first) & 3) << shift);
      let colAt = col + (<usize>first << shift);
      let wAt = weights + (<usize>first << 2);
      // (wAt moves only with per-synapse weights, or it would stay a live loop variable.)
      for (; colAt < colEnd4; colAt += 4 << shift) {
        const c0 = target + (columnAt(colAt, 0, narrow) << 2);
        store<f32>(c0, load<f32>(c0) + (perSynapse ? load<f32>(wAt) : sharedWeight));
        const c1 = target + (columnAt(colAt, 1, narrow) << 2);
        store<f32>(c1, load<f32>(c1) + (perSynapse ? load<f32>(wAt, 4) : sharedWeight));
        const c2 = target + (columnAt(colAt, 2, narrow) << 2);
        store<f32>(c2, load<f32>(c2) + (perSynapse ? load<f32>(wAt, 8) : sharedWeight));
        const c3 = target + (columnAt(colAt, 3, narrow) << 2);
        store<f32>(c3, load<f32>(c3) + (perSynapse ? load<f32>(wAt, 12) : sharedWeight));
        if (perSynapse) wAt += 16;
      }
      for (; colAt < colEnd; colAt += 1 << shift) {
        const cell = target + (columnAt(colAt, 0, narrow) << 2);
        store<f32>(cell, load<f32>(cell) + (perSynapse ? load<f32>(wAt) : sharedWeight));
        if (perSynapse) wAt += 4;
      }
    } else {
      // Without short-term plasticity the efficacy is 1, and w * 1 is w exactly.
      const efficacy: f32 = projStp != 0 ? stpEfficacy(projBase, projStp, i - preStart, projStep) : 1;
      scatter(first, last, col, weights, sharedWeight, efficacy, ring, now, slots, slotBytes, delays, delayKind, perSynapse, narrow);
    }
  }
  return events;
}

/**
 * One row's synapses into the ring slots of their delays, weighted by `efficacy`. Inlined with
 * constant `delayKind`, `perSynapse` and `narrow`; `delays` is the shared delay (DELAY_SHARED) or the
 * projection's delay array.
 */
// @ts-ignore: decorator
@inline function scatter(
  first: i32, last: i32, col: usize, weights: usize, sharedWeight: f32, efficacy: f32, ring: usize,
  now: u32, slots: u32, slotBytes: usize, delays: usize, delayKind: i32, perSynapse: bool, narrow: bool,
): void {
  for (let k = first; k < last; k++) {
    let slot = now + (delayKind == DELAY_SHARED ? <u32>delays
      : delayKind == DELAY_U16 ? <u32>load<u16>(delays + (<usize>k << 1)) : <u32>load<u8>(delays + <usize>k));
    if (slot >= slots) slot -= slots;
    const cell = ring + <usize>slot * slotBytes + (columnAt(col, k, narrow) << 2);
    const w = perSynapse ? load<f32>(weights + (<usize>k << 2)) : sharedWeight;
    store<f32>(cell, load<f32>(cell) + w * efficacy);
  }
}

/** Spikes whose CSR rows are touched together before they are scattered. */
const TOUCH_GROUP = 32;

/**
 * Wasm has no prefetch instruction: reading one byte per cache line of the CSR rows of the next
 * few spikes, back to back, has their cache misses (rows of a large network are not in the
 * caches) overlap, instead of the scatter loop stalling on each row in turn. The values are
 * dropped; the loads stay, because a wasm load may trap.
 */
function touchRows(spikes: usize, from: i32, to: i32, preStart: i32, preEnd: i32, rowPtr: usize, col: usize, columnShift: usize): void {
  for (let s = from; s < to; s++) {
    const i = load<i32>(spikes + (<usize>s << 2));
    if (i < preStart || i >= preEnd) continue;
    const row = rowPtr + (<usize>(i - preStart) << 2);
    const end = col + (<usize>load<i32>(row, 4) << columnShift);
    for (let at = col + (<usize>load<i32>(row) << columnShift); at < end; at += 64) load<u8>(at);
  }
}
