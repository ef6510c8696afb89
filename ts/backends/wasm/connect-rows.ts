// The wasm backend's ConnectivityKernel: fixed_probability rows drawn by the kernel's
// connectRows (assembly/synapses/connect.ts) a block of rows per call, twice for each
// projection (ts/model/connectivity.ts): first to count the rows (columns drawn into scratch
// memory at heapBase, before the image is written there, and dropped), then to draw the
// columns straight into the image's column region while the image is written.
// fixed_total_number (multapses) the same way, by connectPairs (assembly/synapses/connect-pairs.ts),
// a block of pairs per call, counting into heapBase, then placing into the image, whose rows
// sortRows then orders; per-synapse values by drawValues (./draw-values.ts).
// Many short calls rather than one: V8 enters its optimised code for a function only at a new call.
import type { ConnectivityKernel } from '../../model/connectivity.js';
import type { RandomStream } from '../../model/random/stream.js';
import { kernelValues, type DrawExports } from './draw-values.js';
import { growMemory } from './grow-memory.js';

export interface ConnectExports extends DrawExports {
  heapBase(): number;
  connectRows(
    first: number, last: number, nPost: number, logQ: number, noSelf: number, selfOffset: number,
    columns: number, room: number, rowEnds: number, narrow: number,
  ): number;
  connectPairs(count: number, nPre: number, nPost: number, next: number, columns: number, offset: number, narrow: number): void;
  sortRows(columns: number, rowPtr: number, first: number, last: number, low: number, span: number, narrow: number): void;
}

/** Columns one counting call may write beyond one whole row, and rows one call may draw. */
const ROOM = 1 << 18;
const ROWS = 1 << 14;
/** Pairs one connectPairs call draws, and columns one sortRows call sorts (beyond one row). */
const PAIRS = 1 << 16;
const SORTED = 1 << 16;

export function kernelConnectivity(kernel: ConnectExports): ConnectivityKernel {
  // The kernel draws from one stream at a time: each draw here claims it (see kernelValues).
  const stream: { owner: object | null } = { owner: null };
  const start = (rng: RandomStream) => {
    kernel.connectStart(rng.key0, rng.key1, rng.stream);
    stream.owner = {};
  };
  /** Draws `n` pairs in calls of at most PAIRS (next, columns, offset, narrow: see connectPairs). */
  const drawPairs = (nPre: number, nPost: number, n: number, rng: RandomStream, next: number, columns: number, offset: number, narrow = false) => {
    start(rng);
    for (let done = 0; done < n; done += PAIRS) kernel.connectPairs(Math.min(PAIRS, n - done), nPre, nPost, next, columns, offset, narrow ? 1 : 0);
  };
  /**
   * Draws every row in calls of at most ROWS rows; `where` says where a call starting at row
   * `first` writes its columns and row ends and how much room it has; `drawn` reads the ends.
   */
  const drawRows = (
    nPre: number, nPost: number, logQ: number, rng: RandomStream, noSelf: boolean, selfOffset: number,
    where: (first: number) => { columnsAt: number; room: number; rowEndsAt: number },
    drawn: (first: number, rowEnds: Int32Array) => void,
    narrow = false,
  ) => {
    start(rng);
    for (let first = 0; first < nPre;) {
      const { columnsAt, room, rowEndsAt } = where(first);
      const rows = kernel.connectRows(first, Math.min(nPre, first + ROWS), nPost, logQ, noSelf ? 1 : 0, selfOffset, columnsAt, room, rowEndsAt, narrow ? 1 : 0);
      if (rows === 0) throw new Error('wasm backend: connectRows drew no row'); // room holds a whole row: cannot happen
      drawn(first, new Int32Array(kernel.memory.buffer, rowEndsAt, rows));
      first += rows;
    }
  };
  return {
    ...kernelValues(kernel, stream),

    fixedProbabilityRows(nPre, nPost, logQ, rng, noSelf, selfOffset) {
      const room = ROOM + nPost;
      const columnsAt = kernel.heapBase();
      const rowEndsAt = columnsAt + room * 4;
      growMemory(kernel.memory, rowEndsAt + ROWS * 4);
      const rowPtr = new Int32Array(nPre + 1);
      let n = 0;
      drawRows(nPre, nPost, logQ, rng, noSelf, selfOffset, () => ({ columnsAt, room, rowEndsAt }), (first, rowEnds) => {
        for (let r = 0; r < rowEnds.length; r++) rowPtr[first + r + 1] = n + rowEnds[r]!;
        n += rowEnds[rowEnds.length - 1]!;
      });
      return rowPtr;
    },

    fixedProbabilityColumns(nPre, nPost, logQ, rng, noSelf, selfOffset, rowPtr, col, rowEnds) {
      if (col.buffer !== kernel.memory.buffer || rowEnds.buffer !== kernel.memory.buffer) return false;
      const total = rowPtr[nPre]!;
      // The rows were counted from the same draws, so every row fits: the room given is what
      // is left of the column region, plus one row so that connectRows starts every row.
      drawRows(nPre, nPost, logQ, rng, noSelf, selfOffset, (first) => ({
        columnsAt: col.byteOffset + rowPtr[first]! * col.BYTES_PER_ELEMENT,
        room: total - rowPtr[first]! + nPost,
        rowEndsAt: rowEnds.byteOffset + (first + 1) * 4,
      }), (first, ends) => {
        for (let r = 0; r < ends.length; r++) {
          const counted = rowPtr[first + r + 1]! - rowPtr[first]!;
          if (ends[r] !== counted) throw new Error(`connectivity: row ${first + r} was counted with ${rowPtr[first + r + 1]! - rowPtr[first + r]!} synapses and drawn with another number`);
        }
      }, col instanceof Uint16Array);
      return true;
    },

    fixedTotalNumberRows(nPre, nPost, n, rng) {
      const countsAt = kernel.heapBase();
      growMemory(kernel.memory, countsAt + nPre * 4);
      new Int32Array(kernel.memory.buffer, countsAt, nPre).fill(0);
      drawPairs(nPre, nPost, n, rng, countsAt, 0, 0);
      const counts = new Int32Array(kernel.memory.buffer, countsAt, nPre);
      const rowPtr = new Int32Array(nPre + 1);
      for (let i = 0; i < nPre; i++) rowPtr[i + 1] = rowPtr[i]! + counts[i]!;
      return rowPtr;
    },

    fixedTotalNumberColumns(nPre, nPost, rng, rowPtr, col, offset, scratch) {
      if (col.buffer !== kernel.memory.buffer || scratch.buffer !== kernel.memory.buffer || scratch.length < nPre + 1) return false;
      const n = rowPtr[nPre]!;
      // Each row's next column starts at the row's start; the pairs are the ones counted, so
      // every row ends where the next begins.
      scratch.set(rowPtr.subarray(0, nPre));
      const narrow = col instanceof Uint16Array;
      drawPairs(nPre, nPost, n, rng, scratch.byteOffset, col.byteOffset, offset, narrow);
      for (let i = 0; i < nPre; i++) {
        if (scratch[i] !== rowPtr[i + 1]) throw new Error(`connectivity: row ${i} was counted with ${rowPtr[i + 1]! - rowPtr[i]!} synapses and placed with ${scratch[i]! - rowPtr[i]!}`);
      }
      scratch.set(rowPtr.subarray(0, nPre + 1));
      for (let first = 0; first < nPre;) {
        let last = first + 1;
        while (last < nPre && rowPtr[last + 1]! - rowPtr[first]! <= SORTED) last++;
        kernel.sortRows(col.byteOffset, scratch.byteOffset, first, last, offset, nPost, narrow ? 1 : 0);
        first = last;
      }
      return true;
    },
  };
}
