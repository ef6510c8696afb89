// The wasm backend's ConnectivityKernel: the row lengths of a fixed_probability rule counted
// by the kernel's connectRows (assembly/synapses/connect.ts) a block at a time, its columns
// drawn into scratch memory at heapBase (before a network is loaded there) and dropped: the
// columns themselves are placed into the image later (ts/model/connectivity.ts placeColumns).
// Many short calls rather than one: V8 enters its optimised code for a function only at a new call.
import type { ConnectivityKernel } from '../../model/connectivity.js';
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
    fixedProbabilityRows(nPre: number, nPost: number, logQ: number, rng: RandomStream, noSelf: boolean, selfOffset: number): Int32Array<ArrayBuffer> {
      const room = ROOM + nPost;
      const columnsAt = kernel.heapBase();
      const rowEndsAt = columnsAt + room * 4;
      growMemory(kernel.memory, rowEndsAt + ROWS * 4);

      const rowPtr = new Int32Array(nPre + 1);
      let n = 0;
      kernel.connectStart(rng.key0, rng.key1, rng.stream);
      for (let first = 0; first < nPre;) {
        const rows = kernel.connectRows(first, Math.min(nPre, first + ROWS), nPost, logQ, noSelf ? 1 : 0, selfOffset, columnsAt, room, rowEndsAt);
        if (rows === 0) throw new Error('wasm backend: connectRows drew no row'); // room holds a whole row: cannot happen
        const rowEnds = new Int32Array(kernel.memory.buffer, rowEndsAt, rows);
        for (let r = 0; r < rows; r++) rowPtr[first + r + 1] = n + rowEnds[r]!;
        n += rowEnds[rows - 1]!;
        first += rows;
      }
      return rowPtr;
    },
  };
}
