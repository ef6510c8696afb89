import * as abi from '../../../assembly/abi.js';
import type { ImageTables } from './tables.js';

/** Largest fixed-point sum a ring cell may hold: 2^30 leaves room for the rounding of each weight. */
const CELL_LIMIT = 2 ** 30;

/**
 * The fixed-point exponent k of every (population, receptor): weights reach the GPU's delay
 * rings as round(w * 2^k) in an i32 (shaders/neurons/common.wgsl says why). The largest sum one ring
 * cell can receive is the sum of |w| over a neuron's incoming synapses on that receptor (each
 * synapse delivers into a given slot at most once per turn of the ring; a plastic weight counts
 * as the larger of |wMin| and |wMax|), so k is the largest
 * power that keeps that bound below 2^30. A receptor nothing projects onto gets k = 0.
 */
export function receptorExponents(image: ArrayBuffer, tables: ImageTables): number[][] {
  const bounds = tables.populations.map((p) => Array.from({ length: p.receptors }, () => new Float64Array(p.nPad)));
  const i32 = new Int32Array(image);
  const u16 = new Uint16Array(image);
  const f32 = new Float32Array(image);
  for (const [k, j] of tables.projections.entries()) {
    // Couplings deliver nothing through the rings.
    if (tables.couplings.includes(k)) continue;
    const sums = bounds[j.post]![j.receptor]!;
    const columns = j.narrowColumns ? u16 : i32;
    const col = j.col / columns.BYTES_PER_ELEMENT;
    const w = j.weights >>> 2;
    // Plastic weights may reach either bound.
    const bound = j.plastic ? Math.max(Math.abs(f32[(j.plastic >>> 2) + abi.K_WMIN]!), Math.abs(f32[(j.plastic >>> 2) + abi.K_WMAX]!)) : 0;
    for (let s = 0; s < j.synapses; s++) sums[columns[col + s]!]! += j.plastic ? bound : Math.abs(j.weights ? f32[w + s]! : j.sharedWeight);
  }
  return bounds.map((receptors) => receptors.map((sums) => {
    const bound = sums.reduce((a, b) => Math.max(a, b), 0);
    if (bound === 0) return 0;
    // f32 must hold 2^k and 2^-k as normal numbers.
    return Math.max(-126, Math.min(126, Math.floor(Math.log2(CELL_LIMIT / bound))));
  }));
}
