// What every neuron kernel shares: the population being updated (read once per step by
// openPopulation into module globals, so kernels allocate nothing), appending spikes from a
// lane mask, and dropping padding lanes' spikes.
import {
  C_CURRENT, C_DECAYING, C_REC0, C_REC_STRIDE, P_BIAS, P_COEF, P_ISTEP, P_N, P_NPAD, P_NREC, P_NSPIKES, P_PARAMS,
  P_RECV, P_RING, P_RING_LEN, P_SPIKES, P_STATE,
} from "../abi";
import { region, setWord, word } from "../memory";

export let popN: i32 = 0;
export let popNPad: i32 = 0;
export let popReceptors: i32 = 0;
/** Bytes of one per-neuron array (nPad f32). */
export let popLane: usize = 0;
export let popCoef: usize = 0;
/** State variable k at popState + k * popLane. */
export let popState: usize = 0;
/** Receptor r's state at popRecv + r * popLane. */
export let popRecv: usize = 0;
export let popBias: usize = 0;
export let popStepCurrent: usize = 0;
/** Per-neuron parameter k at popParams + k * popLane. */
export let popParams: usize = 0;
/** This step's delay-ring slot (receptor r at popRing + r * popLane); 0 without receptors. */
export let popRing: usize = 0;
export let popSpikes: usize = 0;
/** Receptors 0 .. popDecaying-1 decay; the others are delta receptors. */
export let popDecaying: i32 = 0;
/** Which input-current arrays the kernels read (abi CURRENT_*; unread arrays are all zero). */
export let popCurrent: i32 = 0;
/**
 * Spikes appendSpikes has written this step (openPopulation zeroes it). A global rather than a
 * loop variable: the loops rarely append, and a count carried through them took a register
 * they need (V8 spilled and reloaded it every vector).
 */
export let spikeCount: i32 = 0;

export function openPopulation(base: usize, rec: usize, step: u32): void {
  popN = word(rec, P_N);
  popNPad = word(rec, P_NPAD);
  popReceptors = word(rec, P_NREC);
  popLane = <usize>popNPad << 2;
  popCoef = region(base, rec, P_COEF);
  popState = region(base, rec, P_STATE);
  popRecv = region(base, rec, P_RECV);
  popBias = region(base, rec, P_BIAS);
  popStepCurrent = region(base, rec, P_ISTEP);
  popParams = region(base, rec, P_PARAMS);
  popSpikes = region(base, rec, P_SPIKES);
  popDecaying = word(popCoef, C_DECAYING);
  popCurrent = word(popCoef, C_CURRENT);
  spikeCount = 0;
  const slots = <u32>word(rec, P_RING_LEN);
  popRing = slots == 0 ? 0 : region(base, rec, P_RING) + <usize>(step % slots) * <usize>popReceptors * popLane;
}

/** Address of receptor r's coefficients in a coefficient block (pass popCoef, kept in a local). */
// @ts-ignore: decorator
@inline export function receptorCoef(coef: usize, r: i32): usize {
  return coef + (<usize>(C_REC0 + r * C_REC_STRIDE) << 2);
}

export function closePopulation(rec: usize, spikes: i32): void {
  setWord(rec, P_NSPIKES, spikes);
}

/**
 * Drops spikes of padding lanes (index >= n) from the end of the spike list (it is in
 * ascending order), so SIMD loops need not mask the last vector; returns the new count.
 */
export function trimPadding(spikes: usize, count: i32): i32 {
  while (count > 0 && load<i32>(spikes + (<usize>(count - 1) << 2)) >= popN) count--;
  return count;
}

/** Appends the set bits of a 4-lane mask (lanes i..i+3) to the spike list, counted in spikeCount. */
// @ts-ignore: decorator
@inline export function appendSpikes(spikes: usize, bits: i32, i: i32): void {
  // Tested before the loop: engines put a stack check at every loop header, and most vectors
  // have no spike.
  if (bits != 0) {
    let count = spikeCount;
    do {
      store<i32>(spikes + (<usize>count << 2), i + ctz(bits));
      count++;
      bits &= bits - 1;
    } while (bits != 0);
    spikeCount = count;
  }
}
