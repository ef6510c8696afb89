// Indices a plastic projection keeps over its synapses, written straight into the image from
// the image's own columns and delays (ts/layout/image.ts): the order of each row by delay, and
// the reverse index (the incoming synapses of every post neuron).

/** Where a projection's reverse index goes: ptr (post neurons + 1), and synapse and row (one per synapse). */
export interface ReverseIndex {
  /** Incoming synapses of post neuron j are entries ptr[j] .. ptr[j + 1]. */
  ptr: Int32Array;
  /** CSR index of each entry (ascending within a neuron). */
  synapse: Int32Array;
  /** Presynaptic row of each entry. */
  row: Int32Array;
}

/** Writes each row's synapses in order of delay into `order`; equal delays keep CSR order. */
export function writeDelayOrder(rowPtr: Int32Array, delays: ArrayLike<number>, order: Int32Array): void {
  for (let k = 0; k < order.length; k++) order[k] = k;
  for (let r = 0; r + 1 < rowPtr.length; r++) {
    const row = order.subarray(rowPtr[r]!, rowPtr[r + 1]!);
    row.set(Array.from(row).sort((a, b) => delays[a]! - delays[b]! || a - b));
  }
}

/**
 * Writes the reverse index of synapses whose columns `col` are post neuron indices (of the
 * whole post population): a counting sort by post neuron, CSR order kept within a neuron.
 */
export function writeReverseIndex(rowPtr: Int32Array, col: Int32Array | Uint16Array, out: ReverseIndex): void {
  const { ptr, synapse, row } = out;
  const postSize = ptr.length - 1;
  ptr.fill(0);
  for (let k = 0; k < col.length; k++) ptr[col[k]! + 1]!++;
  for (let j = 0; j < postSize; j++) ptr[j + 1]! += ptr[j]!;
  const next = ptr.slice(0, postSize);
  for (let r = 0; r + 1 < rowPtr.length; r++) {
    for (let k = rowPtr[r]!; k < rowPtr[r + 1]!; k++) {
      const at = next[col[k]!]!++;
      synapse[at] = k;
      row[at] = r;
    }
  }
}
