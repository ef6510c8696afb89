// Poisson inputs (Brian2's PoissonInput, NEST's poisson_generator with one train per target):
// every step each neuron of the target population receives k ~ Poisson(lambda) events, drawn
// independently per neuron, and k * weight goes into its receptor's ring slot `delay` steps
// ahead, where a static synapse of that delay delivers.
//
// k is drawn by inversion of the distribution function on a uniform u in (0, 1) made from one
// 32-bit Philox word, with only +, * and / in f64 (exp(-lambda) comes from the image, computed
// by detExp when the network was planned), so every host draws the same k. The loop stops at
// PI_KMAX, which the tail never reaches (docs/model-format.md, "Poisson inputs"). The neuron
// gets f32(k * weight) added once (k * weight is exact in f64): one rounding for all its events
// instead of one per event, and no work per event beyond one turn of the inversion loop.
import {
  H_PIN, H_SEED_HI, H_SEED_LO, P_N, P_WORDS, PI_DELAY, PI_EXP, PI_KMAX, PI_LAMBDA, PI_POP, PI_RECEPTOR, PI_WEIGHT,
  PI_WORDS, PIN_COUNT, PIN_HEAD, RNG_POISSON_INPUT,
} from "../abi";
import { region, word } from "../memory";
import { openDeliveryRing, ringAt, ringSlotBytes, ringSlots } from "../dendrites/segments";
import { philox, rngOut0, rngOut1, rngOut2, rngOut3, streamWord } from "../rng";

// The input being delivered, read once per step (as propagate does for its projection).
let inSlot: usize = 0;
let inN: i32 = 0;
let inLambda: f64 = 0;
let inP0: f64 = 0;
let inKMax: i32 = 0;
let inWeight: f32 = 0;

/** Delivers one step of every Poisson input into the delay rings; returns the events delivered. */
export function deliverPoissonInputs(base: usize, pops: usize, step: u32): i64 {
  if (word(base, H_PIN) == 0) return 0;
  const table = region(base, base, H_PIN);
  const count = word(table, PIN_COUNT);
  let events: i64 = 0;
  for (let k = 0; k < count; k++) {
    events += deliverInput(base, pops, table + (<usize>(PIN_HEAD + k * PI_WORDS) << 2), k, step);
  }
  return events;
}

function deliverInput(base: usize, pops: usize, rec: usize, index: i32, step: u32): i64 {
  const pop = pops + (<usize>(word(rec, PI_POP) * P_WORDS) << 2);
  openDeliveryRing(base, pop, word(rec, PI_RECEPTOR));
  let slot = step % ringSlots + <u32>word(rec, PI_DELAY);
  if (slot >= ringSlots) slot -= ringSlots;
  inSlot = ringAt + <usize>slot * ringSlotBytes;
  inN = word(pop, P_N);
  inLambda = load<f64>(rec + (<usize>PI_LAMBDA << 2));
  inP0 = load<f64>(rec + (<usize>PI_EXP << 2));
  inKMax = word(rec, PI_KMAX);
  inWeight = load<f32>(rec + (<usize>PI_WEIGHT << 2));
  const k0 = <u32>word(base, H_SEED_LO);
  const k1 = <u32>word(base, H_SEED_HI);
  const stream = streamWord(RNG_POISSON_INPUT, index);
  let events: i64 = 0;
  for (let i = 0; i < inN; i += 4) {
    philox(<u32>(i >> 2), step, stream, 0, k0, k1);
    events += deliverEvents(i, rngOut0) + deliverEvents(i + 1, rngOut1) + deliverEvents(i + 2, rngOut2) + deliverEvents(i + 3, rngOut3);
  }
  return events;
}

/** Neuron i's events of this step, drawn from the Philox word x, added into its ring cell. */
// @ts-ignore: decorator
@inline function deliverEvents(i: i32, x: u32): i32 {
  if (i >= inN) return 0; // padding lanes take nothing
  const k = poissonCount(x);
  if (k == 0) return 0;
  const cell = inSlot + (<usize>i << 2);
  store<f32>(cell, load<f32>(cell) + <f32>(<f64>k * <f64>inWeight));
  return k;
}

/** k ~ Poisson(inLambda) by inversion on u = (x + 1/2) 2^-32. */
// @ts-ignore: decorator
@inline function poissonCount(x: u32): i32 {
  const u = (<f64>x + 0.5) * 2.3283064365386963e-10; // 2^-32
  let k = 0;
  let p = inP0;
  let cdf = p;
  while (u > cdf && k < inKMax) {
    k++;
    p *= inLambda / <f64>k;
    cdf += p;
  }
  return k;
}
