// The wasm backend's ConnectivityKernel: fixed_probability rows drawn by the kernel's
// connectRows (assembly/synapses/connect.ts) a block at a time into scratch memory at
// heapBase (before a network is copied there), each block's columns copied out. Many short
// calls rather than one: V8 enters its optimised code for a function only at a new call.
import { growColumns, type ConnectivityKernel, type Csr } from '../../model/connectivity.js';
import type { RandomStream } from '../../model/random/stream.js';
import { growMemory } from './grow-memory.js';

export interface ConnectExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  connectStart(k0: number, k1: number, stream: number): void;
  connectRows(
    first: number, last: number, nPost: number, logQ: number, noSelf: number, selfOffset: number,
    columns: number, room: number, rowEnds: number,
  ): number;
}

/** Columns one call may write beyond one whole row, and rows one call may draw. */
const ROOM = 1 << 18;
const ROWS = 1 << 14;

export function kernelConnectivity(kernel: ConnectExports): ConnectivityKernel {
  return {
    fixedProbability(nPre: number, nPost: number, logQ: number, capacity: number, rng: RandomStream, noSelf: boolean, selfOffset: number): Csr {
      const room = ROOM + nPost;
      const columnsAt = kernel.heapBase();
      const rowEndsAt = columnsAt + room * 4;
      growMemory(kernel.memory, rowEndsAt + ROWS * 4);

      const rowPtr = new Int32Array(nPre + 1);
      let col = new Int32Array(capacity);
      let n = 0;
      kernel.connectStart(rng.key0, rng.key1, rng.stream);
      for (let first = 0; first < nPre;) {
        const rows = kernel.connectRows(first, Math.min(nPre, first + ROWS), nPost, logQ, noSelf ? 1 : 0, selfOffset, columnsAt, room, rowEndsAt);
        if (rows === 0) throw new Error('wasm backend: connectRows drew no row'); // room holds a whole row: cannot happen
        const rowEnds = new Int32Array(kernel.memory.buffer, rowEndsAt, rows);
        const count = rowEnds[rows - 1]!;
        if (n + count > col.length) col = growColumns(col, n + count);
        col.set(new Int32Array(kernel.memory.buffer, columnsAt, count), n);
        for (let r = 0; r < rows; r++) rowPtr[first + r + 1] = n + rowEnds[r]!;
        n += count;
        first += rows;
      }
      return { rowPtr, col: col.slice(0, n) };
    },
  };
}
