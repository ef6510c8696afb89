// Dendritic segments (docs/dendrites.md): K per neuron, each with its own synapses (projections
// that deliver into segment k rather than a receptor) and its own delay ring. Each step, before
// its population is updated, every segment adds this step's arrivals to its input, which decays
// by exp(-dt / tau) per step; an input at or above theta starts a plateau of SG_DURATION steps
// (the input is used up; arrivals during a plateau are dropped), and each onset adds 1 to the
// trace variable. While any of a neuron's segments is in its plateau, the population's current
// parameter is held at the amplitude, else at 0. After the update, a neuron that spiked ends
// its plateaus and clears its segments' inputs (Bouhadjar et al. 2022).
import {
  P_NPAD, P_NSPIKES, P_PARAMS, P_RING, P_RING_LEN, P_NREC, P_SEG, P_SPIKES, P_STATE,
  SEGMENT_RECEPTOR, SG_AMPLITUDE, SG_COUNT, SG_CURRENT, SG_DECAY, SG_DURATION, SG_INPUT, SG_RING, SG_RING_LEN,
  SG_THETA, SG_TIMER, SG_TRACE,
} from "../abi";
import { region, word } from "../memory";

/**
 * The segments of the population record `rec` (its P_SEG is set), before its update at `step`:
 * four neurons a vector, padding lanes included (nothing arrives for them, so they never start
 * a plateau). The lane-wise selects do what the reference twin's branches do, bit for bit.
 */
export function updateSegments(base: usize, rec: usize, step: u32): void {
  const block = region(base, rec, P_SEG);
  const segments = word(block, SG_COUNT);
  const lane = <usize>word(rec, P_NPAD) << 2;
  const ring = region(base, block, SG_RING) + <usize>(step % <u32>word(block, SG_RING_LEN)) * <usize>segments * lane;
  const input = region(base, block, SG_INPUT);
  const timer = region(base, block, SG_TIMER);
  const theta = f32x4.splat(load<f32>(block + (<usize>SG_THETA << 2)));
  const decay = f32x4.splat(load<f32>(block + (<usize>SG_DECAY << 2)));
  const duration = i32x4.splat(word(block, SG_DURATION));
  const amplitude = f32x4.splat(load<f32>(block + (<usize>SG_AMPLITUDE << 2)));
  const current = region(base, rec, P_PARAMS) + <usize>word(block, SG_CURRENT) * lane;
  const traceSlot = word(block, SG_TRACE);
  const trace = traceSlot < 0 ? <usize>0 : region(base, rec, P_STATE) + <usize>traceSlot * lane;
  const zero = i32x4.splat(0);
  const one = i32x4.splat(1);
  const oneF = f32x4.splat(1);
  for (let at: usize = 0; at < lane; at += 16) {
    let plateau = zero;
    for (let k = 0; k < segments; k++) {
      const cell = <usize>k * lane + at;
      const arriving = v128.load(ring + cell);
      v128.store(ring + cell, zero);
      const left = v128.load(timer + cell);
      const u = v128.load(input + cell);
      const held = i32x4.gt_s(left, zero);
      const summed = f32x4.add(f32x4.mul(u, decay), arriving);
      const starts = v128.andnot(f32x4.ge(summed, theta), held);
      // Held: count down, input kept; starting: the plateau's length, input used up; else the sum.
      const nextLeft = v128.bitselect(i32x4.sub(left, one), v128.bitselect(duration, left, starts), held);
      v128.store(timer + cell, nextLeft);
      v128.store(input + cell, v128.bitselect(u, v128.andnot(summed, starts), held));
      if (trace != 0 && v128.any_true(starts)) {
        const z = v128.load(trace + at);
        v128.store(trace + at, v128.bitselect(f32x4.add(z, oneF), z, starts));
      }
      plateau = v128.or(plateau, i32x4.gt_s(nextLeft, zero));
    }
    v128.store(current + at, v128.and(amplitude, plateau));
  }
}

/** After the update: each neuron that spiked this step ends its plateaus and clears its segments' inputs. */
export function endPlateaus(base: usize, rec: usize): void {
  const block = region(base, rec, P_SEG);
  const segments = word(block, SG_COUNT);
  const lane = <usize>word(rec, P_NPAD) << 2;
  const input = region(base, block, SG_INPUT);
  const timer = region(base, block, SG_TIMER);
  const spikes = region(base, rec, P_SPIKES);
  const count = word(rec, P_NSPIKES);
  for (let s = 0; s < count; s++) {
    const at = <usize>load<i32>(spikes + (<usize>s << 2)) << 2;
    for (let k = 0; k < segments; k++) {
      store<f32>(input + <usize>k * lane + at, 0);
      store<i32>(timer + <usize>k * lane + at, 0);
    }
  }
}

/** Where a projection's deliveries go: a receptor's delay ring, or a segment's. */
export let ringAt: usize = 0;
export let ringSlots: u32 = 0;
export let ringSlotBytes: usize = 0;

/**
 * Sets ringAt (slot 0 of the projection's receptor or segment), ringSlots and ringSlotBytes for
 * deliveries into the post population `post` through `receptor` (a J_RECEPTOR). A population
 * without receptors or segments has no ring: ringSlots is then 0.
 */
export function openDeliveryRing(base: usize, post: usize, receptor: i32): void {
  const lane = <usize>word(post, P_NPAD) << 2;
  if (receptor >= SEGMENT_RECEPTOR) {
    const block = region(base, post, P_SEG);
    ringSlots = <u32>word(block, SG_RING_LEN);
    ringSlotBytes = <usize>word(block, SG_COUNT) * lane;
    ringAt = region(base, block, SG_RING) + <usize>(receptor - SEGMENT_RECEPTOR) * lane;
    return;
  }
  ringSlots = <u32>word(post, P_RING_LEN);
  ringSlotBytes = <usize>word(post, P_NREC) * lane;
  ringAt = ringSlots == 0 ? 0 : region(base, post, P_RING) + <usize>receptor * lane;
}
