// The step loop of assembly/engine.ts and the propagation of assembly/synapses/propagate.ts,
// in plain TypeScript over the same layout image: the oracle the wasm kernel must match.
import * as abi from '../../../assembly/abi.js';
import type { Mem } from './memory.js';
import { adex, izhikevich, lif, lifCond, poisson, spikeSource } from './neurons.js';
import { plasticStep, stpEfficacy, updateModulators } from './plasticity.js';

function hasRoom(m: Mem): boolean {
  const h = m.i32;
  if (h[abi.H_SPK_CAP]! > 0 && h[abi.H_SPK_CAP]! - h[abi.H_SPK_LEN]! < h[abi.H_SPK_NEED]!) return false;
  if (h[abi.H_ST_N]! > 0 && h[abi.H_ST_CAP]! - h[abi.H_ST_LEN]! < h[abi.H_ST_N]!) return false;
  if (h[abi.H_CNT_CAP]! > 0 && h[abi.H_CNT_CAP]! - h[abi.H_CNT_LEN]! < h[abi.H_NPOPS]!) return false;
  return true;
}

function applyCurrentEvents(m: Mem, step: number): void {
  const { i32, u32, f32 } = m;
  const total = i32[abi.H_EVT_N]!;
  const events = i32[abi.H_EVT]! >>> 2;
  let pos = i32[abi.H_EVT_POS]!;
  for (; pos < total; pos++) {
    const e = events + pos * abi.EVENT_WORDS;
    if (u32[e]! > step) break;
    f32[i32[e + 1]! >>> 2] = f32[e + 2]!;
  }
  i32[abi.H_EVT_POS] = pos;
}

function sampleState(m: Mem, step: number): void {
  const { i32, u32 } = m;
  const cells = i32[abi.H_ST_N]!;
  if (cells === 0) return;
  const gather = i32[abi.H_ST_GATHER]! >>> 2;
  const out = i32[abi.H_ST_REC]! >>> 2;
  let len = i32[abi.H_ST_LEN]!;
  for (let k = 0; k < cells; k++) {
    if (step % u32[gather + 2 * k + 1]! !== 0) continue;
    u32[out + len++] = u32[i32[gather + 2 * k]! >>> 2]!;
  }
  i32[abi.H_ST_LEN] = len;
}

function updatePopulation(m: Mem, rec: number, step: number): void {
  switch (m.i32[rec + abi.P_MODEL]) {
    case abi.M_LIF: return lif(m, rec, step, false);
    case abi.M_ALIF: return lif(m, rec, step, true);
    case abi.M_LIF_COND: return lifCond(m, rec, step);
    case abi.M_ADEX: return adex(m, rec, step);
    case abi.M_IZHIKEVICH: return izhikevich(m, rec, step);
    case abi.M_POISSON: return poisson(m, rec, step);
    case abi.M_SPIKE_SOURCE: return spikeSource(m, rec, step);
    default: throw new Error(`reference backend: unknown model id ${m.i32[rec + abi.P_MODEL]}`);
  }
}

function openHistorySlot(m: Mem, rec: number, step: number): void {
  const { i32 } = m;
  const slots = i32[rec + abi.P_HIST_LEN]!;
  if (slots !== 0) i32[rec + abi.P_SPIKES] = i32[rec + abi.P_HIST]! + (step % slots) * i32[rec + abi.P_NPAD]! * 4;
}

function closeHistorySlot(m: Mem, rec: number, step: number): void {
  const { i32 } = m;
  const slots = i32[rec + abi.P_HIST_LEN]!;
  if (slots !== 0) i32[(i32[rec + abi.P_HIST_CNT]! >>> 2) + (step % slots)] = i32[rec + abi.P_NSPIKES]!;
}

function recordSpikes(m: Mem, rec: number, step: number): void {
  const { i32, u32 } = m;
  if (i32[rec + abi.P_RECORD] === 0) return;
  const count = i32[rec + abi.P_NSPIKES]!;
  const spikes = i32[rec + abi.P_SPIKES]! >>> 2;
  const gStart = i32[rec + abi.P_GSTART]!;
  const outSteps = i32[abi.H_SPK_REC]! >>> 2;
  const outNeurons = outSteps + i32[abi.H_SPK_CAP]!;
  let len = i32[abi.H_SPK_LEN]!;
  for (let s = 0; s < count; s++, len++) {
    u32[outSteps + len] = step;
    i32[outNeurons + len] = gStart + i32[spikes + s]!;
  }
  i32[abi.H_SPK_LEN] = len;
}

function propagate(m: Mem, proj: number, pops: number, step: number): number {
  const { i32, f32, u16 } = m;
  const pre = pops + i32[proj + abi.J_PRE]! * abi.P_WORDS;
  const post = pops + i32[proj + abi.J_POST]! * abi.P_WORDS;
  const nSpikes = i32[pre + abi.P_NSPIKES]!;
  if (nSpikes === 0) return 0;
  const spikes = i32[pre + abi.P_SPIKES]! >>> 2;
  const preStart = i32[proj + abi.J_PRE_START]!;
  const preEnd = i32[proj + abi.J_PRE_END]!;
  const rowPtr = i32[proj + abi.J_ROWPTR]! >>> 2;
  const col = i32[proj + abi.J_COL]! >>> 2;
  const weights = i32[proj + abi.J_W]! >>> 2;
  const wideDelays = i32[proj + abi.J_D_BYTES] === 2;
  const delays = wideDelays ? i32[proj + abi.J_D]! >>> 1 : i32[proj + abi.J_D]!;
  const sharedWeight = f32[proj + abi.J_W_SHARED]!;
  const sharedDelay = i32[proj + abi.J_D_SHARED]!;
  const slots = i32[post + abi.P_RING_LEN]!;
  const nPad = i32[post + abi.P_NPAD]!;
  const slotWords = i32[post + abi.P_NREC]! * nPad;
  const ring = (i32[post + abi.P_RING]! >>> 2) + i32[proj + abi.J_RECEPTOR]! * nPad;
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
      const cell = ring + slot * slotWords + i32[col + k]!;
      const w = weights === 0 ? sharedWeight : f32[weights + k]!;
      f32[cell] = Math.fround(f32[cell]! + (stp !== 0 ? Math.fround(w * efficacy) : w));
    }
  }
  return events;
}

function countSpikes(m: Mem, pops: number): void {
  const { i32 } = m;
  if (i32[abi.H_CNT_CAP] === 0) return;
  const out = i32[abi.H_CNT_REC]! >>> 2;
  let len = i32[abi.H_CNT_LEN]!;
  for (let p = 0; p < i32[abi.H_NPOPS]!; p++) i32[out + len++] = i32[pops + p * abi.P_WORDS + abi.P_NSPIKES]!;
  i32[abi.H_CNT_LEN] = len;
}

/** Runs up to `steps` steps; returns the steps done (fewer when a record buffer is full). */
export function run(m: Mem, steps: number): number {
  const { i32, u32 } = m;
  const pops = i32[abi.H_POPS]! >>> 2;
  const projs = i32[abi.H_PROJS]! >>> 2;
  for (let s = 0; s < steps; s++) {
    if (!hasRoom(m)) return s;
    const step = u32[abi.H_STEP]!;
    applyCurrentEvents(m, step);
    sampleState(m, step);
    for (let p = 0; p < i32[abi.H_NPOPS]!; p++) {
      const rec = pops + p * abi.P_WORDS;
      openHistorySlot(m, rec, step);
      updatePopulation(m, rec, step);
      closeHistorySlot(m, rec, step);
      recordSpikes(m, rec, step);
    }
    updateModulators(m, pops);
    let events = 0;
    for (let j = 0; j < i32[abi.H_NPROJS]!; j++) {
      const proj = projs + j * abi.J_WORDS;
      events += i32[proj + abi.J_PLAST] !== 0 ? plasticStep(m, proj, pops, step) : propagate(m, proj, pops, step);
    }
    m.view.setFloat64(abi.H_SYN_EVENTS * 4, m.view.getFloat64(abi.H_SYN_EVENTS * 4, true) + events, true);
    countSpikes(m, pops);
    u32[abi.H_STEP] = step + 1;
  }
  return steps;
}
