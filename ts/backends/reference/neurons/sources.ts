// Twins of assembly/neurons/sources.ts: Poisson trains (one Philox block per four neurons)
// and spike sources (scheduled events).
import * as abi from '../../../../assembly/abi.js';
import { philox, streamWord } from '../../../model/random/philox.js';
import { openPopulation } from './common.js';
import type { Mem } from '../memory.js';

const f = Math.fround;

const words = new Uint32Array(4);

/** Twin of assembly/neurons/sources.ts updatePoisson. */
export function updatePoisson(m: Mem, rec: number, step: number): void {
  const { f32, i32 } = m;
  const { n, nPad, params, spikes } = openPopulation(m, rec, step);
  const prob = params + abi.PO_PROB * nPad;
  const stream = streamWord(abi.RNG_POISSON, i32[rec + abi.P_INDEX]!);
  let count = 0;
  for (let i = 0; i < n; i += 4) {
    philox(i >>> 2, step, stream, 0, m.u32[abi.H_SEED_LO]!, m.u32[abi.H_SEED_HI]!, words);
    for (let lane = 0; lane < 4 && i + lane < n; lane++) {
      if (f((words[lane]! >>> 8) * 5.9604644775390625e-8) < f32[prob + i + lane]!) i32[spikes + count++] = i + lane;
    }
  }
  i32[rec + abi.P_NSPIKES] = count;
}

/** Twin of assembly/neurons/sources.ts updateSpikeSource. */
export function updateSpikeSource(m: Mem, rec: number, step: number): void {
  const { i32, u32 } = m;
  const events = i32[rec + abi.P_SRC_EVT]! >>> 2;
  const total = i32[rec + abi.P_SRC_N]!;
  const spikes = i32[rec + abi.P_SPIKES]! >>> 2;
  let pos = i32[rec + abi.P_SRC_POS]!;
  let count = 0;
  while (pos < total && u32[events + 2 * pos]! <= step) {
    i32[spikes + count++] = i32[events + 2 * pos + 1]!;
    pos++;
  }
  i32[rec + abi.P_SRC_POS] = pos;
  i32[rec + abi.P_NSPIKES] = count;
}
