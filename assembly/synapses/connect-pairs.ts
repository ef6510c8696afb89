// fixed_total_number connectivity with multapses drawn in the kernel: the twin of that rule's
// loop in ts/model/connectivity.ts eachSynapse (each synapse's pre, then its post, by
// RandomStream.below), which spends most of a large network's build in JavaScript. The host
// draws the pairs twice from the same stream, in short calls (ts/backends/wasm/connect-rows.ts):
// once to count the rows, once to place the columns; sortRows (sort-rows.ts) then orders them.
import { below, belowLimit } from "../build-stream";

/**
 * Draws `count` (pre, post) pairs of nPre x nPost neurons, continuing the stream. `next` holds
 * one i32 per pre neuron: with `columns` 0 it counts each pre's pairs; otherwise it is where
 * each row's next column goes, and post + offset is stored at columns[next[pre]++] (u16 when
 * `narrow`, else i32).
 */
export function connectPairs(count: i32, nPre: u32, nPost: u32, next: usize, columns: usize, offset: i32, narrow: bool): void {
  const preLimit = belowLimit(nPre);
  const postLimit = belowLimit(nPost);
  if (columns == 0) {
    for (let m = 0; m < count; m++) {
      const at = next + (<usize>below(nPre, preLimit) << 2);
      below(nPost, postLimit); // drawn, not kept: the counts need only the pre
      store<i32>(at, load<i32>(at) + 1);
    }
    return;
  }
  for (let m = 0; m < count; m++) {
    const at = next + (<usize>below(nPre, preLimit) << 2);
    const j = below(nPost, postLimit);
    const k = load<i32>(at);
    store<i32>(at, k + 1);
    if (narrow) store<u16>(columns + (<usize>k << 1), <u16>(<i32>j + offset));
    else store<i32>(columns + (<usize>k << 2), <i32>j + offset);
  }
}
