// Spike sources: Poisson trains (one Philox block gives the draws of four neurons) and
// spikes at given steps.
import {
  H_SEED_HI, H_SEED_LO, P_INDEX, P_SPIKES, P_SRC_EVT, P_SRC_N, P_SRC_POS, PO_PROB,
  RNG_POISSON,
} from "../abi";
import { region, setWord, word } from "../memory";
import {
  appendSpikes, closePopulation, openPopulation, popLane, popN, popParams, popSpikes, spikeCount,
} from "./common";
import { philox, rngOut0, rngOut1, rngOut2, rngOut3, streamWord } from "../rng";

// @ts-ignore: decorator
@inline function uniform24(x: u32): f32 {
  return <f32>(x >>> 8) * (5.9604644775390625e-8 as f32); // 2^-24
}

export function updatePoisson(base: usize, rec: usize, step: u32): void {
  openPopulation(base, rec, step);
  const n = popN;
  const prob = popParams + <usize>PO_PROB * popLane;
  const k0 = <u32>word(base, H_SEED_LO);
  const k1 = <u32>word(base, H_SEED_HI);
  const stream = streamWord(RNG_POISSON, word(rec, P_INDEX));
  for (let i = 0; i < n; i += 4) {
    philox(<u32>(i >> 2), step, stream, 0, k0, k1);
    const at = prob + (<usize>i << 2);
    const bits =
      <i32>(uniform24(rngOut0) < load<f32>(at)) |
      (<i32>(uniform24(rngOut1) < load<f32>(at, 4)) << 1) |
      (<i32>(uniform24(rngOut2) < load<f32>(at, 8)) << 2) |
      (<i32>(uniform24(rngOut3) < load<f32>(at, 12)) << 3);
    appendSpikes(popSpikes, bits, i); // padding lanes have probability 0
  }
  closePopulation(rec, spikeCount);
}

export function updateSpikeSource(base: usize, rec: usize, step: u32): void {
  const events = region(base, rec, P_SRC_EVT);
  const total = word(rec, P_SRC_N);
  const spikes = region(base, rec, P_SPIKES);
  let pos = word(rec, P_SRC_POS);
  let count = 0;
  while (pos < total && load<u32>(events + (<usize>pos << 3)) <= step) {
    store<i32>(spikes + (<usize>count << 2), load<i32>(events + (<usize>pos << 3), 4));
    count++;
    pos++;
  }
  setWord(rec, P_SRC_POS, pos);
  closePopulation(rec, count);
}
