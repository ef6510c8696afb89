// Twin of assembly/plasticity/synapse-program.ts in plain TypeScript over the same image (that
// file describes the order of events): the program step of a synapse model written as equations.
import * as abi from '../../../../assembly/abi.js';
import type { Mem } from '../memory.js';
import { deliveryRing } from '../dendrites/segments.js';
import { arrivalsBySynapse, historyCount, historySlot } from './stdp.js';

export function programStep(m: Mem, proj: number, pops: number, step: number): number {
  const { i32 } = m;
  const k = i32[proj + abi.J_PLAST]! >>> 2;
  const pre = pops + i32[proj + abi.J_PRE]! * abi.P_WORDS;
  const post = pops + i32[proj + abi.J_POST]! * abi.P_WORDS;
  const onPre = m.programs[i32[k + abi.K_PROGRAM]! - 1]!;
  const onPost = m.programs[i32[k + abi.K_PROGRAM]!]!;
  const den = i32[k + abi.K_DEN_STEPS]!;
  if (i32[k + abi.K_FLAGS]! & abi.KF_SYNAPSE_STEP) m.programs[i32[k + abi.K_PROGRAM]! + 1]!(m, proj, 0, 0, 0, 0, step);

  if (step >= den) {
    const at = historySlot(m, post, step - den);
    const count = historyCount(m, post, step - den);
    const revPtr = i32[k + abi.K_REV_PTR]! >>> 2;
    for (let s = 0; s < count; s++) {
      const j = i32[at + s]!;
      const [first, last] = [i32[revPtr + j]!, i32[revPtr + j + 1]!];
      if (first < last) onPost(m, proj, j, first, last, 0, step);
    }
  }

  const preStart = i32[proj + abi.J_PRE_START]!;
  const preEnd = i32[proj + abi.J_PRE_END]!;
  const rowPtr = i32[proj + abi.J_ROWPTR]! >>> 2;
  const { at: ring, slots, slotWords } = deliveryRing(m, post, i32[proj + abi.J_RECEPTOR]!);
  const target = slots === 0 ? 0 : ring + (((step % slots) + 1 + den) % slots) * slotWords;
  const arrival = (step + 1) >>> 0;
  let events = 0;
  if (i32[k + abi.K_FLAGS]! & abi.KF_SYNAPSE_DELAYS) {
    return arrivalsBySynapse(m, proj, k, pre, den, arrival, (row, e) => onPre(m, proj, row, e, e + 1, target, arrival));
  }

  const axonal = i32[proj + abi.J_D_SHARED]! - den;
  if (arrival < axonal) return 0;
  const at = historySlot(m, pre, arrival - axonal);
  const count = historyCount(m, pre, arrival - axonal);
  for (let s = 0; s < count; s++) {
    const i = i32[at + s]!;
    if (i < preStart || i >= preEnd) continue;
    const row = i - preStart;
    const [first, last] = [i32[rowPtr + row]!, i32[rowPtr + row + 1]!];
    events += last - first;
    if (first < last) onPre(m, proj, row, first, last, target, arrival);
  }
  return events;
}
