// Philox4x32-10 (Salmon et al. 2011, Random123), the counter-based generator behind every
// random number in spikewasm. assembly/rng.ts is its twin; both pass Random123's
// known-answer vectors (tests/kernels/rng.test.ts).

const M0 = 0xd2511f53;
const M1 = 0xcd9e8d57;
const W0 = 0x9e3779b9;
const W1 = 0xbb67ae85;

/**
 * High 32 bits of the 64-bit product of a u32 and the multiplier m = mH * 2^16 + mL, exact in
 * f64: every intermediate is an integer below 2^49.
 */
function mulhi(a: number, mH: number, mL: number): number {
  return Math.floor((a * mH + Math.floor((a * mL) / 65536)) / 65536);
}

const M0H = M0 >>> 16;
const M0L = M0 & 0xffff;
const M1H = M1 >>> 16;
const M1L = M1 & 0xffff;

/** Writes the four output words for counter (c0..c3) and key (k0, k1) into `out`. */
export function philox(
  c0: number, c1: number, c2: number, c3: number,
  k0: number, k1: number,
  out: Uint32Array,
): void {
  for (let round = 0; round < 10; round++) {
    if (round > 0) {
      k0 = (k0 + W0) >>> 0;
      k1 = (k1 + W1) >>> 0;
    }
    const hi0 = mulhi(c0, M0H, M0L);
    const lo0 = Math.imul(M0, c0) >>> 0;
    const hi1 = mulhi(c2, M1H, M1L);
    const lo1 = Math.imul(M1, c2) >>> 0;
    c0 = (hi1 ^ c1 ^ k0) >>> 0;
    c1 = lo1;
    c2 = (hi0 ^ c3 ^ k1) >>> 0;
    c3 = lo0;
  }
  out[0] = c0;
  out[1] = c1;
  out[2] = c2;
  out[3] = c3;
}

/** The Philox key for a user seed (any safe non-negative integer). */
export function seedKey(seed: number): [number, number] {
  return [seed >>> 0, Math.floor(seed / 4294967296) >>> 0];
}

/** Third counter word: which stream (purpose in the high byte, object index below). */
export function streamWord(purpose: number, index: number): number {
  return ((purpose << 24) | (index & 0xffffff)) >>> 0;
}
