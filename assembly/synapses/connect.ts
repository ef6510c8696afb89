// Fixed-probability connectivity drawn in the kernel, a block of rows per call: the twin of the
// fixed_probability loop of ts/model/connectivity.ts eachSynapse (the same Philox stream, the
// same geometric skips, the same columns), which spends about 60 ns a synapse in JavaScript.
// The host calls connectStart once per projection, then connectRows until every row is drawn,
// reading each call's row ends to count the rows (ts/backends/wasm/connect-rows.ts); calls stay
// short so that V8's optimised code, which only a new call can enter, takes over early.
import { detLog } from "../detmath";
import { philox, rngOut0, rngOut1, rngOut2, rngOut3 } from "../rng";

// The stream being drawn: Philox key and third counter word, the next block, and the words
// of the current block not used yet (as ts/model/random/stream.ts RandomStream keeps them).
let key0: u32 = 0;
let key1: u32 = 0;
let streamWord: u32 = 0;
let block: u64 = 0;
let used: i32 = 4;
let word0: u32 = 0;
let word1: u32 = 0;
let word2: u32 = 0;
let word3: u32 = 0;

/** Starts the stream of counter (block, 0, stream, 0) under key (k0, k1) at block 0. */
export function connectStart(k0: u32, k1: u32, stream: u32): void {
  key0 = k0;
  key1 = k1;
  streamWord = stream;
  block = 0;
  used = 4;
}

function nextWord(): u32 {
  if (used == 4) {
    philox(<u32>block, <u32>(block >> 32), streamWord, 0, key0, key1);
    word0 = rngOut0;
    word1 = rngOut1;
    word2 = rngOut2;
    word3 = rngOut3;
    block++;
    used = 0;
  }
  const k = used++;
  return k == 0 ? word0 : k == 1 ? word1 : k == 2 ? word2 : word3;
}

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
