// Fixed-probability connectivity drawn in the kernel, a block of rows per call: the twin of the
// fixed_probability loop of ts/model/connectivity.ts eachSynapse (the same Philox stream, the
// same geometric skips, the same columns), which spends about 60 ns a synapse in JavaScript.
// The host calls connectStart (../build-stream.ts) once per projection, then connectRows until
// every row is drawn, reading each call's row ends to count the rows
// (ts/backends/wasm/connect-rows.ts); calls stay short so that V8's optimised code, which only a
// new call can enter, takes over early.
import { detLog } from "../detmath";
import { nextWord } from "../build-stream";

/**
 * Failures before the first success of Bernoulli(p), logQ = log(1 - p): RandomStream.geometric
 * (its logUniform32 reads ln((x + 1) / 2^32) from the integer's bits; detLog of the same
 * double decomposes it into the same mantissa and exponent).
 */
// @ts-ignore: decorator
@inline function geometric(logQ: f64): f64 {
  return Math.floor(detLog((<f64>nextWord() + 1.0) * 2.3283064365386963e-10) / logQ);
}

/**
 * Draws rows first.. (up to `last`) of a projection onto nPost neurons into `columns` (i32, or
 * u16 when `narrow`), which has room for `room` columns, and each drawn row's end (columns so
 * far) into `rowEnds`.
 * A row is started only while room for a whole row (nPost) is left; returns the rows drawn
 * (0 when logQ = log(1 - p) is not negative: a skip would never end a row).
 * noSelf: row i leaves out column i - selfOffset (the neuron itself, when autapses are off).
 */
export function connectRows(
  first: i32, last: i32, nPost: i32, logQ: f64, noSelf: bool, selfOffset: i32,
  columns: usize, room: i32, rowEnds: usize, narrow: bool,
): i32 {
  if (!(logQ < 0)) return 0;
  const end = <f64>nPost;
  let n = 0;
  let i = first;
  for (; i < last && room - n >= nPost; i++) {
    const self = noSelf ? <f64>(i - selfOffset) : -1.0;
    // f64 as in JavaScript: a skip may pass 2^31 when p is tiny.
    for (let j = geometric(logQ); j < end; j += 1.0 + geometric(logQ)) {
      if (j == self) continue;
      if (narrow) store<u16>(columns + (<usize>n << 1), <u16>j);
      else store<i32>(columns + (<usize>n << 2), <i32>j);
      n++;
    }
    store<i32>(rowEnds + (<usize>(i - first) << 2), n);
  }
  return i - first;
}
