// The kernel's twin of ts/model/random/stream.ts RandomStream: the stream a network is built
// from (counter (block, 0, stream, 0) under the network's key, words taken in order), for the
// draws the host leaves to the kernel (synapses/connect.ts, connect-pairs.ts, draw-values.ts).
// One stream at a time: connectStart restarts it, and the host draws one projection's
// connectivity or one value array to the end before it starts another.
import { detLog } from "./detmath";
import { philox, rngOut0, rngOut1, rngOut2, rngOut3 } from "./rng";

// Philox key and third counter word, the next block, and the words of the current block not
// used yet (as RandomStream keeps them).
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

/** RandomStream.nextU32. */
export function nextWord(): u32 {
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

/** The words `below` accepts for n: 2^32 less 2^32 mod n (computed once per loop). */
// @ts-ignore: decorator
@inline export function belowLimit(n: u32): u64 {
  return 0x100000000 - (0x100000000 % <u64>n);
}

/** RandomStream.below: uniform in [0, n), words at or above `limit` (belowLimit(n)) rejected. */
// @ts-ignore: decorator
@inline export function below(n: u32, limit: u64): u32 {
  let x = nextWord();
  while (<u64>x >= limit) x = nextWord();
  return x % n;
}

/** RandomStream.uniform: [0, 1) from 27 + 26 bits of two words, exact in f64. */
export function uniform(): f64 {
  const hi = nextWord() >>> 5;
  const lo = nextWord() >>> 6;
  return (<f64>hi * 67108864.0 + <f64>lo) / 9007199254740992.0;
}

/** RandomStream.normal: Marsaglia's polar method on pairs of uniforms. */
export function normal(): f64 {
  let x: f64;
  let s: f64;
  do {
    x = 2.0 * uniform() - 1.0;
    const y = 2.0 * uniform() - 1.0;
    s = x * x + y * y;
  } while (!(s < 1.0 && s > 0.0));
  return x * Math.sqrt((-2.0 * detLog(s)) / s);
}
