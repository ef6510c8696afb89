// Twin of assembly/engine.ts: the step loop in plain TypeScript over the same layout image,
// the oracle the wasm kernel must match.
import * as abi from '../../../assembly/abi.js';
import type { Mem } from './memory.js';
import { neuronKernel } from './neurons/index.js';
import { endPlateaus, updateSegments } from './dendrites/segments.js';
import { updateModulators } from './plasticity/modulators.js';
import { plasticStep } from './plasticity/stdp.js';
import { programStep } from './plasticity/synapse-program.js';
import { couple, isCoupling } from './synapses/couplings.js';
import { deliverPoissonInputs } from './synapses/poisson-input.js';
import { propagate } from './synapses/propagate.js';

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
    couple(m);
    for (let p = 0; p < i32[abi.H_NPOPS]!; p++) {
      const rec = pops + p * abi.P_WORDS;
      openHistorySlot(m, rec, step);
      const segmented = i32[rec + abi.P_SEG] !== 0;
      if (segmented) updateSegments(m, rec, step);
      neuronKernel(i32[rec + abi.P_KERNEL]!)(m, rec, step);
      if (segmented) endPlateaus(m, rec);
      closeHistorySlot(m, rec, step);
      recordSpikes(m, rec, step);
    }
    updateModulators(m, pops);
    let events = 0;
    for (let j = 0; j < i32[abi.H_NPROJS]!; j++) {
      if (isCoupling(m, j)) continue;
      const proj = projs + j * abi.J_WORDS;
      const block = i32[proj + abi.J_PLAST]! >>> 2;
      events += block === 0 ? propagate(m, proj, pops, step)
        : i32[block + abi.K_FLAGS]! & abi.KF_PROGRAM ? programStep(m, proj, pops, step) : plasticStep(m, proj, pops, step);
    }
    events += deliverPoissonInputs(m, pops, step);
    m.view.setFloat64(abi.H_SYN_EVENTS * 4, m.view.getFloat64(abi.H_SYN_EVENTS * 4, true) + events, true);
    countSpikes(m, pops);
    u32[abi.H_STEP] = step + 1;
  }
  return steps;
}
