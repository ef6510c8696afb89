// Philox4x32-10, the twin of ts/model/random/philox.ts (same counters, same bits).
import { detLog } from "./detmath";

const M0: u64 = 0xd2511f53;
const M1: u64 = 0xcd9e8d57;
const W0: u32 = 0x9e3779b9;
const W1: u32 = 0xbb67ae85;

// The four output words of the last call.
export let rngOut0: u32 = 0;
export let rngOut1: u32 = 0;
export let rngOut2: u32 = 0;
export let rngOut3: u32 = 0;

export function philox(c0: u32, c1: u32, c2: u32, c3: u32, k0: u32, k1: u32): void {
  for (let round = 0; round < 10; round++) {
    if (round > 0) {
      k0 += W0;
      k1 += W1;
    }
    const p0 = M0 * <u64>c0;
    const p1 = M1 * <u64>c2;
    const n0 = (<u32>(p1 >> 32)) ^ c1 ^ k0;
    const n2 = (<u32>(p0 >> 32)) ^ c3 ^ k1;
    c1 = <u32>p1;
    c3 = <u32>p0;
    c0 = n0;
    c2 = n2;
  }
  rngOut0 = c0;
  rngOut1 = c1;
  rngOut2 = c2;
  rngOut3 = c3;
}

/** Third counter word: purpose in the high byte, object index below. */
// @ts-ignore: decorator
@inline export function streamWord(purpose: i32, index: i32): u32 {
  return (<u32>purpose << 24) | (<u32>index & 0xffffff);
}

/**
 * A standard normal number for counter (c0, c1, c2), by Marsaglia's polar method on
 * 32-bit uniforms; rejected pairs move on to the next pair, then to the next c3.
 * ts/model/random/gaussian.ts `gaussianAt` is its twin.
 */
export function gaussianAt(c0: u32, c1: u32, c2: u32, k0: u32, k1: u32): f64 {
  let z: f64 = NaN;
  for (let c3: u32 = 0; z != z; c3++) {
    philox(c0, c1, c2, c3, k0, k1);
    z = polar(rngOut0, rngOut1);
    if (z != z) z = polar(rngOut2, rngOut3);
  }
  return z;
}

/** One polar-method try: the normal number, or NaN when the pair is rejected. */
function polar(a: u32, b: u32): f64 {
  const x = (<f64>a + 0.5) * 4.656612873077393e-10 - 1.0; // 2^-31
  const y = (<f64>b + 0.5) * 4.656612873077393e-10 - 1.0;
  const s = x * x + y * y;
  if (s >= 1.0) return NaN;
  return x * Math.sqrt((-2.0 * detLog(s)) / s);
}
