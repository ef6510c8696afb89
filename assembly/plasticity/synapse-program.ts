// A plastic projection whose rule is a synapse model written as equations (KF_PROGRAM): the
// order of events of stdp.ts (read its header) with the statements in the projection's three
// generated programs (ts/equations/synapse-program.ts): at the step-s call, the model's step
// runs (clock-driven and summed variables, when it has any), then postsynaptic spikes
// reaching the synapses at s run onPost over their incoming synapses, then presynaptic spikes
// arriving at s + 1 run onPre over their rows, whose deliveries land in the ring slot of
// s + 1 + den. With per-synapse delays each spike in flight walks its row in delay order, as
// the built-in rules do, and onPre runs for one synapse at a time.
import {
  J_D_SHARED, J_POST, J_PRE, J_PRE_END, J_PRE_START, J_RECEPTOR, J_ROWPTR, J_PLAST,
  K_DEN_STEPS, K_FLAGS, K_PROGRAM, K_REV_PTR, KF_SYNAPSE_DELAYS, KF_SYNAPSE_STEP,
  P_WORDS,
} from "../abi";
import { region, word } from "../memory";
import { openDeliveryRing, ringAt, ringSlotBytes, ringSlots } from "../dendrites/segments";
import { programSlot } from "../programs";
import { arrivalsBySynapse, historyCount, historySlot } from "./stdp";

export function programStep(base: usize, proj: usize, pops: usize, step: u32): i32 {
  const k = region(base, proj, J_PLAST);
  const pre = pops + (<usize>(word(proj, J_PRE) * P_WORDS) << 2);
  const post = pops + (<usize>(word(proj, J_POST) * P_WORDS) << 2);
  const onPre = programSlot(<u32>word(k, K_PROGRAM));
  const onPost = onPre + 1;
  const den = <u32>word(k, K_DEN_STEPS);
  if (word(k, K_FLAGS) & KF_SYNAPSE_STEP) call_indirect<void>(onPre + 2, base, proj, 0, 0, 0, 0, step);

  if (step >= den) {
    const spikes = historySlot(base, post, step - den);
    const count = historyCount(base, post, step - den);
    const revPtr = region(base, k, K_REV_PTR);
    for (let s = 0; s < count; s++) {
      const j = load<i32>(spikes + (<usize>s << 2));
      const first = load<i32>(revPtr + (<usize>j << 2));
      const last = load<i32>(revPtr + (<usize>j << 2), 4);
      if (first < last) call_indirect<void>(onPost, base, proj, j, first, last, 0, step);
    }
  }

  const preStart = word(proj, J_PRE_START);
  const preEnd = word(proj, J_PRE_END);
  const rowPtr = region(base, proj, J_ROWPTR);
  openDeliveryRing(base, post, word(proj, J_RECEPTOR));
  const slots = ringSlots;
  // (A post population without receptors has no ring: then nothing is delivered.)
  const target = slots == 0 ? <usize>0 : ringAt + <usize>((step % slots + 1 + den) % slots) * ringSlotBytes;
  const arrival = step + 1;
  let events = 0;
  if (word(k, K_FLAGS) & KF_SYNAPSE_DELAYS) return arrivalsBySynapse(base, proj, k, pre, den, arrival, target, onPre);

  const axonal = <u32>word(proj, J_D_SHARED) - den;
  if (arrival < axonal) return 0;
  const spikes = historySlot(base, pre, arrival - axonal);
  const count = historyCount(base, pre, arrival - axonal);
  for (let s = 0; s < count; s++) {
    const i = load<i32>(spikes + (<usize>s << 2));
    if (i < preStart || i >= preEnd) continue;
    const row = i - preStart;
    const first = load<i32>(rowPtr + (<usize>row << 2));
    const last = load<i32>(rowPtr + (<usize>row << 2), 4);
    events += last - first;
    if (first < last) call_indirect<void>(onPre, base, proj, row, first, last, target, arrival);
  }
  return events;
}
