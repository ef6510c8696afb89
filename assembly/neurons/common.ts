// Pieces every neuron kernel shares: the delay-ring slot of this step, appending spikes
// from a lane mask, and the lanes beyond the population size that must never spike.
import { P_NPAD, P_NREC, P_RING, P_RING_LEN } from "../abi";
import { word } from "../memory";

/** Address of this step's slot in a population's delay ring, or 0 when it has none. */
export function ringSlot(base: usize, rec: usize, step: u32): usize {
  const slots = <u32>word(rec, P_RING_LEN);
  if (slots == 0) return 0;
  const slotBytes = <usize>word(rec, P_NREC) * <usize>word(rec, P_NPAD) * 4;
  return base + <usize>word(rec, P_RING) + <usize>(step % slots) * slotBytes;
}

/** Lanes i..i+3 that are real neurons (a population of n), as a 4-bit mask. */
// @ts-ignore: decorator
@inline export function realLanes(i: i32, n: i32): i32 {
  const left = n - i;
  return left >= 4 ? 0xf : (1 << left) - 1;
}

/** Appends the set bits of a 4-lane mask (lanes i..i+3) to the spike list; returns the new count. */
// @ts-ignore: decorator
@inline export function appendSpikes(spikes: usize, count: i32, bits: i32, i: i32): i32 {
  while (bits != 0) {
    store<i32>(spikes + (<usize>count << 2), i + ctz(bits));
    count++;
    bits &= bits - 1;
  }
  return count;
}
