// Where the values the API reads and writes live in a loaded network's image: named byte
// offsets, so that nothing above ts/layout does arithmetic on addresses. A `Region` is a byte
// range: `at` the offset, `bytes` its length.
import * as abi from '../../assembly/abi.js';
import { padded } from './plan.js';
import type { Layout } from './plan.js';

export interface Region {
  at: number;
  bytes: number;
}

/** The header's i32 words (their meaning: abi.H_*). */
export const HEADER: Region = { at: 0, bytes: abi.H_WORDS * 4 };

/** The synaptic event counter, an f64. */
export const SYNAPTIC_EVENTS: Region = { at: abi.H_SYN_EVENTS * 4, bytes: 8 };

/** How many entries each record buffer holds now, read from a copy of the header. */
export function recordFills(header: Int32Array): { spikes: number; states: number; counts: number } {
  return { spikes: header[abi.H_SPK_LEN]!, states: header[abi.H_ST_LEN]!, counts: header[abi.H_CNT_LEN]! };
}

/** The header cells of the record buffers' fill levels: writing 0 to each empties the buffers. */
export const RECORD_FILL_CELLS: readonly number[] = [abi.H_SPK_LEN * 4, abi.H_ST_LEN * 4, abi.H_CNT_LEN * 4];

/** The step an image is at (a snapshot's image; a fresh one is at 0). */
export function imageStep(image: Uint8Array): number {
  return new DataView(image.buffer, image.byteOffset, image.byteLength).getUint32(abi.H_STEP * 4, true);
}

/** The first `n` entries of the spike record: u32 steps, and i32 global neuron indices. */
export function spikeRecord(L: Layout, n: number): { steps: Region; neurons: Region } {
  return { steps: { at: L.spikeRecord, bytes: n * 4 }, neurons: { at: L.spikeRecord + L.spikeCapacity * 4, bytes: n * 4 } };
}

/** The first `n` words of the state record (f32 or i32 bits of sampled cells). */
export function stateRecord(L: Layout, n: number): Region {
  return { at: L.stateRecord, bytes: n * 4 };
}

/** The first `n` words of the rate record (per-step spike counts, one per population). */
export function countRecord(L: Layout, n: number): Region {
  return { at: L.countRecord, bytes: n * 4 };
}

/** The three record buffers whole (a snapshot zeroes them, so equal states give equal bytes). */
export function recordBuffers(L: Layout): Region[] {
  return [
    { at: L.spikeRecord, bytes: L.spikeCapacity * 8 },
    { at: L.stateRecord, bytes: L.stateCapacity * 4 },
    { at: L.countRecord, bytes: L.countCapacity * 4 },
  ];
}

/** One neuron's cell of a state variable ('state'), receptor ('receptor') or per-neuron parameter ('param') `index`. */
export function neuronCell(L: Layout, population: number, kind: 'state' | 'receptor' | 'param', index: number, neuron: number): number {
  const p = L.populations[population]!;
  const base = kind === 'state' ? p.state : kind === 'receptor' ? p.receptorState : p.params;
  return base + (index * p.nPad + neuron) * 4;
}

/** A whole state variable or receptor of a population, neurons [0, size). */
export function variableRegion(L: Layout, population: number, kind: 'state' | 'receptor' | 'param', index: number, size: number): Region {
  return { at: neuronCell(L, population, kind, index, 0), bytes: size * 4 };
}

/** A Poisson population's spike probabilities per step (f32 per neuron). */
export function poissonProbabilities(L: Layout, population: number): number {
  const p = L.populations[population]!;
  return p.params + abi.PO_PROB * p.nPad * 4;
}

/** The bias currents (f32) of neurons from `neuron` on. */
export function biasCells(L: Layout, population: number, neuron: number): number {
  return L.populations[population]!.bias + neuron * 4;
}

/** The coefficient word that says which input currents the kernel adds (abi.CURRENT_*). */
export function currentModeCell(L: Layout, population: number): number {
  return L.populations[population]!.coef + abi.C_CURRENT * 4;
}

/** One receptor's row (f32 per padded neuron) of the delay-ring slot delivered at `step`. */
export function ringRow(L: Layout, population: number, receptors: number, receptor: number, step: number): Region {
  const p = L.populations[population]!;
  const slot = step % p.ringSlots;
  return { at: p.ring + (slot * receptors + receptor) * p.nPad * 4, bytes: p.nPad * 4 };
}

/**
 * A projection's synapse arrays: CSR row pointers (i32) and columns (i32 or u16, indices into
 * the whole post population), and, when not shared by all, weights (f32) and delays (u8 or u16
 * steps).
 */
export function synapseRegions(L: Layout, projection: number, rows: number, synapses: number): {
  rowPtr: Region; col: Region & { width: 2 | 4 }; weights: Region | null; delays: (Region & { width: 1 | 2 }) | null;
} {
  const j = L.projections[projection]!;
  return {
    rowPtr: { at: j.rowPtr, bytes: (rows + 1) * 4 },
    col: { at: j.col, bytes: synapses * j.columnBytes, width: j.columnBytes },
    weights: j.weights ? { at: j.weights, bytes: synapses * 4 } : null,
    delays: j.delays ? { at: j.delays, bytes: synapses * j.delayBytes, width: j.delayBytes } : null,
  };
}

/** The f32 array (one value per synapse, CSR order) of a synapse model's variable kept in array `slot` (not w). */
export function synapseVariableRegion(L: Layout, projection: number, slot: number, synapses: number): Region {
  return { at: L.projections[projection]!.plastic!.synapseTraces + slot * padded(synapses) * 4, bytes: synapses * 4 };
}

/** A plastic projection's learning rate (f32). */
export function learningRateCell(L: Layout, projection: number): number {
  return L.projections[projection]!.plastic!.block + abi.K_RATE * 4;
}

/** Modulator `k`'s value (f32). */
export function modulatorValueCell(L: Layout, k: number): number {
  return L.modulators + (k * abi.MO_WORDS + abi.MO_VALUE) * 4;
}
