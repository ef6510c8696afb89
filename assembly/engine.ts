// The step loop: many steps per call, stopping early only when a record buffer needs
// draining by the host. One step: apply current-step events, sample state monitors (values
// at the start of the step), the couplings' currents (electrical and graded synapses, from
// the state at the start of the step), update every population (its dendritic segments first,
// then integrate, threshold, reset, deliver this step's ring slot; spikes end plateaus), record
// spikes, update the modulators, propagate the spikes into the delay rings (plastic
// projections learn as they deliver), then add the Poisson inputs' events into the rings (after
// the spikes, so a ring cell sums its spikes first, in projection order, then its inputs).
import {
  EVENT_WORDS, H_CNT_CAP, H_CNT_LEN, H_CNT_REC, H_EVT, H_EVT_N, H_EVT_POS, H_NPOPS, H_NPROJS,
  H_POPS, H_PROJS, H_SPK_CAP, H_SPK_LEN, H_SPK_NEED, H_SPK_REC, H_ST_CAP, H_ST_GATHER, H_ST_LEN,
  H_ST_N, H_ST_REC, H_STEP, H_SYN_EVENTS, J_PLAST, J_WORDS, K_FLAGS, KF_PROGRAM, P_GSTART, P_KERNEL, P_NSPIKES,
  P_RECORD, P_SEG, P_SPIKES, P_HIST, P_HIST_CNT, P_HIST_LEN, P_NPAD, P_WORDS,
} from "./abi";
import { region, setWord, word } from "./memory";
import { updatePopulation } from "./neurons/dispatch.generated";
import { endPlateaus, updateSegments } from "./dendrites/segments";
import { updateModulators } from "./plasticity/modulators";
import { plasticStep } from "./plasticity/stdp";
import { programStep } from "./plasticity/synapse-program";
import { couple, isCoupling } from "./synapses/couplings";
import { deliverPoissonInputs } from "./synapses/poisson-input";
import { propagate } from "./synapses/propagate";

function hasRoom(base: usize): bool {
  const spikeCap = word(base, H_SPK_CAP);
  if (spikeCap > 0 && spikeCap - word(base, H_SPK_LEN) < word(base, H_SPK_NEED)) return false;
  const cells = word(base, H_ST_N);
  if (cells > 0 && word(base, H_ST_CAP) - word(base, H_ST_LEN) < cells) return false;
  const countCap = word(base, H_CNT_CAP);
  if (countCap > 0 && countCap - word(base, H_CNT_LEN) < word(base, H_NPOPS)) return false;
  return true;
}

function applyCurrentEvents(base: usize, step: u32): void {
  const total = word(base, H_EVT_N);
  const events = region(base, base, H_EVT);
  let pos = word(base, H_EVT_POS);
  while (pos < total) {
    const e = events + (<usize>(pos * EVENT_WORDS) << 2);
    if (load<u32>(e) > step) break;
    store<f32>(base + <usize>load<i32>(e, 4), load<f32>(e, 8));
    pos++;
  }
  setWord(base, H_EVT_POS, pos);
}

function sampleState(base: usize, step: u32): void {
  const cells = word(base, H_ST_N);
  if (cells == 0) return;
  const gather = region(base, base, H_ST_GATHER);
  const out = region(base, base, H_ST_REC);
  let len = word(base, H_ST_LEN);
  for (let k = 0; k < cells; k++) {
    const g = gather + (<usize>k << 3);
    if (step % load<u32>(g, 4) != 0) continue;
    store<u32>(out + (<usize>len << 2), load<u32>(base + <usize>load<i32>(g)));
    len++;
  }
  setWord(base, H_ST_LEN, len);
}

/** A population with a spike history writes each step's spikes into the history slot of that step. */
function openHistorySlot(rec: usize, step: u32): void {
  const slots = word(rec, P_HIST_LEN);
  if (slots == 0) return;
  setWord(rec, P_SPIKES, word(rec, P_HIST) + <i32>(step % <u32>slots) * (word(rec, P_NPAD) << 2));
}

function closeHistorySlot(base: usize, rec: usize, step: u32): void {
  const slots = word(rec, P_HIST_LEN);
  if (slots == 0) return;
  store<i32>(region(base, rec, P_HIST_CNT) + (<usize>(step % <u32>slots) << 2), word(rec, P_NSPIKES));
}

function recordSpikes(base: usize, rec: usize, step: u32): void {
  if (word(rec, P_RECORD) == 0) return;
  const count = word(rec, P_NSPIKES);
  const spikes = region(base, rec, P_SPIKES);
  const gStart = word(rec, P_GSTART);
  const outSteps = region(base, base, H_SPK_REC);
  const outNeurons = outSteps + (<usize>word(base, H_SPK_CAP) << 2);
  let len = word(base, H_SPK_LEN);
  for (let s = 0; s < count; s++) {
    store<u32>(outSteps + (<usize>len << 2), step);
    store<i32>(outNeurons + (<usize>len << 2), gStart + load<i32>(spikes + (<usize>s << 2)));
    len++;
  }
  setWord(base, H_SPK_LEN, len);
}

function countSpikes(base: usize, pops: usize, nPops: i32): void {
  if (word(base, H_CNT_CAP) == 0) return;
  const out = region(base, base, H_CNT_REC);
  let len = word(base, H_CNT_LEN);
  for (let p = 0; p < nPops; p++) {
    store<i32>(out + (<usize>len << 2), word(pops + (<usize>(p * P_WORDS) << 2), P_NSPIKES));
    len++;
  }
  setWord(base, H_CNT_LEN, len);
}

/** Runs up to `steps` steps of the network whose layout starts at `base`; returns steps done. */
export function run(base: usize, steps: i32): i32 {
  const nPops = word(base, H_NPOPS);
  const nProjs = word(base, H_NPROJS);
  const pops = region(base, base, H_POPS);
  const projs = region(base, base, H_PROJS);
  const eventsAt = base + (<usize>H_SYN_EVENTS << 2);
  for (let s = 0; s < steps; s++) {
    if (!hasRoom(base)) return s;
    const step = <u32>word(base, H_STEP);
    applyCurrentEvents(base, step);
    sampleState(base, step);
    couple(base);
    for (let p = 0; p < nPops; p++) {
      const rec = pops + (<usize>(p * P_WORDS) << 2);
      openHistorySlot(rec, step);
      const segmented = word(rec, P_SEG) != 0;
      if (segmented) updateSegments(base, rec, step);
      updatePopulation(base, rec, step, word(rec, P_KERNEL));
      if (segmented) endPlateaus(base, rec);
      closeHistorySlot(base, rec, step);
      recordSpikes(base, rec, step);
    }
    updateModulators(base, pops);
    let events: i64 = 0;
    for (let j = 0; j < nProjs; j++) {
      const proj = projs + (<usize>(j * J_WORDS) << 2);
      if (isCoupling(base, j)) continue;
      events += word(proj, J_PLAST) == 0 ? propagate(base, proj, pops, P_WORDS, step)
        : word(region(base, proj, J_PLAST), K_FLAGS) & KF_PROGRAM ? programStep(base, proj, pops, step) : plasticStep(base, proj, pops, step);
    }
    events += deliverPoissonInputs(base, pops, step);
    store<f64>(eventsAt, load<f64>(eventsAt) + <f64>events);
    countSpikes(base, pops, nPops);
    setWord(base, H_STEP, <i32>(step + 1));
  }
  return steps;
}
