// Dendritic segments (docs/dendrites.md): K per neuron, each with its own synapses (projections
// that deliver into segment k rather than a receptor) and its own delay ring. Each step, before
// its population is updated, every segment adds this step's arrivals to its input, which decays
// by exp(-dt / tau) per step; an input at or above theta starts a plateau of SG_DURATION steps
// (the input is used up; arrivals during a plateau are dropped), and each onset adds 1 to the
// trace variable. While any of a neuron's segments is in its plateau, the population's current
// parameter is held at the amplitude, else at 0. After the update, a neuron that spiked ends
// its plateaus and clears its segments' inputs (Bouhadjar et al. 2022).
import {
  P_N, P_NPAD, P_NSPIKES, P_PARAMS, P_RING, P_RING_LEN, P_NREC, P_SEG, P_SPIKES, P_STATE,
  SEGMENT_RECEPTOR, SG_AMPLITUDE, SG_COUNT, SG_CURRENT, SG_DECAY, SG_DURATION, SG_INPUT, SG_RING, SG_RING_LEN,
  SG_THETA, SG_TIMER, SG_TRACE,
} from "../abi";
import { region, word } from "../memory";

/** The segments of the population record `rec` (its P_SEG is set), before its update at `step`. */
export function updateSegments(base: usize, rec: usize, step: u32): void {
  const block = region(base, rec, P_SEG);
  const segments = word(block, SG_COUNT);
  const n = word(rec, P_N);
  const lane = <usize>word(rec, P_NPAD) << 2;
  const ring = region(base, block, SG_RING) + <usize>(step % <u32>word(block, SG_RING_LEN)) * <usize>segments * lane;
  const input = region(base, block, SG_INPUT);
  const timer = region(base, block, SG_TIMER);
  const theta = load<f32>(block + (<usize>SG_THETA << 2));
  const decay = load<f32>(block + (<usize>SG_DECAY << 2));
  const duration = word(block, SG_DURATION);
  const amplitude = load<f32>(block + (<usize>SG_AMPLITUDE << 2));
  const current = region(base, rec, P_PARAMS) + <usize>word(block, SG_CURRENT) * lane;
  const traceSlot = word(block, SG_TRACE);
  const trace = traceSlot < 0 ? <usize>0 : region(base, rec, P_STATE) + <usize>traceSlot * lane;
  for (let i = 0; i < n; i++) store<f32>(current + (<usize>i << 2), 0);
  for (let k = 0; k < segments; k++) {
    const row = <usize>k * lane;
    for (let i = 0; i < n; i++) {
      const cell = row + (<usize>i << 2);
      const arriving = load<f32>(ring + cell);
      store<f32>(ring + cell, 0);
      let left = load<i32>(timer + cell);
      if (left > 0) {
        left--;
      } else {
        let u = load<f32>(input + cell) * decay + arriving;
        if (u >= theta) {
          left = duration;
          u = 0;
          if (trace != 0) store<f32>(trace + (<usize>i << 2), load<f32>(trace + (<usize>i << 2)) + 1);
        }
        store<f32>(input + cell, u);
      }
      store<i32>(timer + cell, left);
      if (left > 0) store<f32>(current + (<usize>i << 2), amplitude);
    }
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
