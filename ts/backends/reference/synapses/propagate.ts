// Twin of assembly/synapses/propagate.ts: the spikes of a step scattered through a static
// projection's CSR rows into the post population's delay ring, in ascending neuron index and
// CSR order, with short-term plasticity's efficacy where the projection has it. Columns are i32,
// or u16 under J_NARROW_COLUMNS.
import * as abi from '../../../../assembly/abi.js';
import type { Mem } from '../memory.js';
import { deliveryRing } from '../dendrites/segments.js';
import { stpEfficacy } from '../plasticity/stp.js';

export function propagate(m: Mem, proj: number, pops: number, step: number): number {
  const { i32, f32, u16 } = m;
  const pre = pops + i32[proj + abi.J_PRE]! * abi.P_WORDS;
  const post = pops + i32[proj + abi.J_POST]! * abi.P_WORDS;
  const nSpikes = i32[pre + abi.P_NSPIKES]!;
  if (nSpikes === 0) return 0;
  const spikes = i32[pre + abi.P_SPIKES]! >>> 2;
  const preStart = i32[proj + abi.J_PRE_START]!;
  const preEnd = i32[proj + abi.J_PRE_END]!;
  const rowPtr = i32[proj + abi.J_ROWPTR]! >>> 2;
  const widths = i32[proj + abi.J_WIDTHS]!;
  const columns = (widths & abi.J_NARROW_COLUMNS) !== 0 ? u16 : i32;
  const col = i32[proj + abi.J_COL]! / columns.BYTES_PER_ELEMENT;
  const weights = i32[proj + abi.J_W]! >>> 2;
  const wideDelays = (widths & abi.J_DELAY_BYTES) === 2;
  const delays = wideDelays ? i32[proj + abi.J_D]! >>> 1 : i32[proj + abi.J_D]!;
  const sharedWeight = f32[proj + abi.J_W_SHARED]!;
  const sharedDelay = i32[proj + abi.J_D_SHARED]!;
  const { at: ring, slots, slotWords } = deliveryRing(m, post, i32[proj + abi.J_RECEPTOR]!);
  const now = step % slots;
  const stp = i32[proj + abi.J_STP]! >>> 2;
  let events = 0;
  for (let s = 0; s < nSpikes; s++) {
    const i = i32[spikes + s]!;
    if (i < preStart || i >= preEnd) continue;
    const first = i32[rowPtr + i - preStart]!;
    const last = i32[rowPtr + i - preStart + 1]!;
    events += last - first;
    const efficacy = stp !== 0 ? stpEfficacy(m, stp, i - preStart, step) : 1;
    for (let k = first; k < last; k++) {
      let slot = now + (delays === 0 ? sharedDelay : wideDelays ? u16[delays + k]! : m.u8[delays + k]!);
      if (slot >= slots) slot -= slots;
      const cell = ring + slot * slotWords + columns[col + k]!;
      const w = weights === 0 ? sharedWeight : f32[weights + k]!;
      f32[cell] = Math.fround(f32[cell]! + (stp !== 0 ? Math.fround(w * efficacy) : w));
    }
  }
  return events;
}
