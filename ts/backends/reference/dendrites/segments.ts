// Twin of assembly/dendrites/segments.ts: dendritic segments' inputs, thresholds and plateaus
// before their population's update, and the plateaus its spikes end after it.
import * as abi from '../../../../assembly/abi.js';
import type { Mem } from '../memory.js';

/** The segments of the population record `rec` (a word index; its P_SEG is set), before its update at `step`. */
export function updateSegments(m: Mem, rec: number, step: number): void {
  const { i32, f32 } = m;
  const block = i32[rec + abi.P_SEG]! >>> 2;
  const segments = i32[block + abi.SG_COUNT]!;
  const n = i32[rec + abi.P_N]!;
  const nPad = i32[rec + abi.P_NPAD]!;
  const ring = (i32[block + abi.SG_RING]! >>> 2) + (step % i32[block + abi.SG_RING_LEN]!) * segments * nPad;
  const input = i32[block + abi.SG_INPUT]! >>> 2;
  const timer = i32[block + abi.SG_TIMER]! >>> 2;
  const theta = f32[block + abi.SG_THETA]!;
  const decay = f32[block + abi.SG_DECAY]!;
  const duration = i32[block + abi.SG_DURATION]!;
  const amplitude = f32[block + abi.SG_AMPLITUDE]!;
  const current = (i32[rec + abi.P_PARAMS]! >>> 2) + i32[block + abi.SG_CURRENT]! * nPad;
  const traceSlot = i32[block + abi.SG_TRACE]!;
  const trace = traceSlot < 0 ? -1 : (i32[rec + abi.P_STATE]! >>> 2) + traceSlot * nPad;
  // Padding lanes too, as the kernel's vectors write them.
  f32.fill(0, current, current + nPad);
  for (let k = 0; k < segments; k++) {
    for (let i = 0; i < n; i++) {
      const cell = k * nPad + i;
      const arriving = f32[ring + cell]!;
      f32[ring + cell] = 0;
      let left = i32[timer + cell]!;
      if (left > 0) {
        left--;
      } else {
        let u = Math.fround(Math.fround(f32[input + cell]! * decay) + arriving);
        if (u >= theta) {
          left = duration;
          u = 0;
          if (trace >= 0) f32[trace + i] = f32[trace + i]! + 1;
        }
        f32[input + cell] = u;
      }
      i32[timer + cell] = left;
      if (left > 0) f32[current + i] = amplitude;
    }
  }
}

/** After the update: each neuron that spiked this step ends its plateaus and clears its segments' inputs. */
export function endPlateaus(m: Mem, rec: number): void {
  const { i32, f32 } = m;
  const block = i32[rec + abi.P_SEG]! >>> 2;
  const segments = i32[block + abi.SG_COUNT]!;
  const nPad = i32[rec + abi.P_NPAD]!;
  const input = i32[block + abi.SG_INPUT]! >>> 2;
  const timer = i32[block + abi.SG_TIMER]! >>> 2;
  const spikes = i32[rec + abi.P_SPIKES]! >>> 2;
  for (let s = 0; s < i32[rec + abi.P_NSPIKES]!; s++) {
    const i = i32[spikes + s]!;
    for (let k = 0; k < segments; k++) {
      f32[input + k * nPad + i] = 0;
      i32[timer + k * nPad + i] = 0;
    }
  }
}

/**
 * Where a projection's deliveries go (word indices): slot 0 of its receptor's delay ring, or of
 * its segment's; `slots` is 0 for a population without receptors or segments (no ring).
 */
export function deliveryRing(m: Mem, post: number, receptor: number): { at: number; slots: number; slotWords: number } {
  const { i32 } = m;
  const nPad = i32[post + abi.P_NPAD]!;
  if (receptor >= abi.SEGMENT_RECEPTOR) {
    const block = i32[post + abi.P_SEG]! >>> 2;
    return {
      at: (i32[block + abi.SG_RING]! >>> 2) + (receptor - abi.SEGMENT_RECEPTOR) * nPad,
      slots: i32[block + abi.SG_RING_LEN]!,
      slotWords: i32[block + abi.SG_COUNT]! * nPad,
    };
  }
  const slots = i32[post + abi.P_RING_LEN]!;
  return { at: slots === 0 ? 0 : (i32[post + abi.P_RING]! >>> 2) + receptor * nPad, slots, slotWords: i32[post + abi.P_NREC]! * nPad };
}
