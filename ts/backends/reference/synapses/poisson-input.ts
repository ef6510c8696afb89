// Twin of assembly/synapses/poisson-input.ts: each Poisson input in table order, neurons in
// ascending index, k ~ Poisson(lambda) by inversion on u = (x + 1/2) 2^-32 in f64, and
// f32(k * weight) added into the receptor's ring slot `delay` steps ahead.
import * as abi from '../../../../assembly/abi.js';
import { philox, streamWord } from '../../../model/random/philox.js';
import type { Mem } from '../memory.js';
import { deliveryRing } from '../dendrites/segments.js';

const f = Math.fround;

const words = new Uint32Array(4);

/** Twin of assembly/synapses/poisson-input.ts deliverPoissonInputs. */
export function deliverPoissonInputs(m: Mem, pops: number, step: number): number {
  const { i32, f32, f64, u32 } = m;
  if (i32[abi.H_PIN] === 0) return 0;
  const table = i32[abi.H_PIN]! >>> 2;
  let events = 0;
  for (let k = 0; k < i32[table + abi.PIN_COUNT]!; k++) {
    const rec = table + abi.PIN_HEAD + k * abi.PI_WORDS;
    const pop = pops + i32[rec + abi.PI_POP]! * abi.P_WORDS;
    const { at, slots, slotWords } = deliveryRing(m, pop, i32[rec + abi.PI_RECEPTOR]!);
    let slot = (step % slots) + i32[rec + abi.PI_DELAY]!;
    if (slot >= slots) slot -= slots;
    const cells = at + slot * slotWords;
    const n = i32[pop + abi.P_N]!;
    const lambda = f64[(rec + abi.PI_LAMBDA) >>> 1]!;
    const p0 = f64[(rec + abi.PI_EXP) >>> 1]!;
    const kMax = i32[rec + abi.PI_KMAX]!;
    const w = f32[rec + abi.PI_WEIGHT]!;
    const stream = streamWord(abi.RNG_POISSON_INPUT, k);
    for (let i = 0; i < n; i += 4) {
      philox(i >>> 2, step, stream, 0, u32[abi.H_SEED_LO]!, u32[abi.H_SEED_HI]!, words);
      for (let lane = 0; lane < 4 && i + lane < n; lane++) {
        const u = (words[lane]! + 0.5) * 2.3283064365386963e-10; // 2^-32
        let count = 0;
        let p = p0;
        let cdf = p;
        while (u > cdf && count < kMax) {
          count++;
          p *= lambda / count;
          cdf += p;
        }
        if (count === 0) continue;
        f32[cells + i + lane] = f(f32[cells + i + lane]! + f(count * w));
        events += count;
      }
    }
  }
  return events;
}
