// Deterministic exp and log in f64, written with + - * / only, so every JavaScript engine
// and the wasm kernel (assembly/detmath.ts, the same algorithm) give the same bits.
// Math.exp and Math.log are not required to be correctly rounded and differ between
// engines in the last bit, which would break bit-identical results across hosts.

const LN2_HI = 6.93147180369123816490e-1;
const LN2_LO = 1.90821492927058770002e-10;
const LOG2E = 1.4426950408889634;
const SQRT2 = 1.4142135623730951;

const scratch = new DataView(new ArrayBuffer(8));

/** 2^k for an integer k in [-1022, 1023]. */
function pow2(k: number): number {
  scratch.setUint32(4, (k + 1023) * 1048576, true);
  scratch.setUint32(0, 0, true);
  return scratch.getFloat64(0, true);
}

/** The Taylor coefficients of detExp, highest power first. */
const EXP_SERIES = [
  1 / 6227020800, 1 / 479001600, 1 / 39916800, 1 / 3628800, 1 / 362880, 1 / 40320, 1 / 5040, 1 / 720, 1 / 120, 1 / 24, 1 / 6, 0.5, 1, 1,
];

export function detExp(x: number): number {
  if (x !== x) return x;
  if (x > 709) x = 709;
  if (x < -700) x = -700;
  const k = Math.floor(x * LOG2E + 0.5);
  const r = x - k * LN2_HI - k * LN2_LO;
  // Taylor series of e^r for |r| <= ln2/2, Horner form, 13 terms.
  let p = EXP_SERIES[0]!;
  for (let j = 1; j < EXP_SERIES.length; j++) p = p * r + EXP_SERIES[j]!;
  return p * pow2(k);
}

/** ln m for m in [1, 2), by 2 atanh((m - 1) / (m + 1)); |s| <= 0.1716 after folding at sqrt 2. */
function logMantissa(m: number): number {
  const s = (m - 1) / (m + 1);
  const s2 = s * s;
  let p = 1 / 21;
  p = p * s2 + 1 / 19;
  p = p * s2 + 1 / 17;
  p = p * s2 + 1 / 15;
  p = p * s2 + 1 / 13;
  p = p * s2 + 1 / 11;
  p = p * s2 + 1 / 9;
  p = p * s2 + 1 / 7;
  p = p * s2 + 1 / 5;
  p = p * s2 + 1 / 3;
  return 2 * s + 2 * s * (s2 * p);
}

/**
 * ln((x + 1) / 2^32) for a u32 x: the log of a uniform in (0, 1], read from the integer's
 * bits (count of leading zeros) instead of a float's, so no DataView is needed.
 */
export function logUniform32(x: number): number {
  if (x === 0xffffffff) return 0;
  const y = x + 1;
  const zeros = Math.clz32(y);
  // y shifted to [2^31, 2^32), as [1, 2); an integer shift, since Math.pow is slow in V8.
  return logOf(((y << zeros) >>> 0) / 2147483648, -zeros - 1);
}

/** ln(m 2^e) for m in [1, 2): m above sqrt 2 is halved first, so |s| stays small. */
function logOf(m: number, e: number): number {
  if (m > SQRT2) {
    m = m * 0.5;
    e += 1;
  }
  return e * LN2_HI + (logMantissa(m) + e * LN2_LO);
}

/** Natural log for x > 0 (NaN for x <= 0 or NaN, Infinity for Infinity). */
export function detLog(x: number): number {
  if (!(x > 0)) return NaN;
  if (x === Infinity) return x;
  let e = 0;
  if (x < 2.2250738585072014e-308) {
    x = x * 18014398509481984; // 2^54: lift subnormals
    e = -54;
  }
  scratch.setFloat64(0, x, true);
  const hi = scratch.getUint32(4, true);
  e += ((hi >>> 20) & 0x7ff) - 1023;
  scratch.setUint32(4, (hi & 0x000fffff) | 0x3ff00000, true);
  return logOf(scratch.getFloat64(0, true), e); // mantissa in [1, 2)
}

const f = Math.fround;

/** Twin of assembly/detmath.ts expF32: e^x in f32 arithmetic (every operation rounded to f32). */
export const EXP_F32_MAX = f(88.3762626647949);
export const EXP_F32_MIN = f(-87.33654);
export const LOG2E_F32 = f(1.44269504088896341);
export const LN2_HI_F32 = 0.693359375;
export const LN2_LO_F32 = f(-2.12194440e-4);
/** cephes' expf polynomial, highest power first. */
export const EXP_F32_SERIES = [1.9875691500e-4, 1.3981999507e-3, 8.3334519073e-3, 4.1665795894e-2, 1.6666665459e-1, 5.0000001201e-1].map(f);

export function expF32(x: number): number {
  if (x !== x) return x;
  if (x > EXP_F32_MAX) return Infinity;
  if (x < EXP_F32_MIN) return 0;
  const k = Math.floor(f(f(x * LOG2E_F32) + 0.5));
  const r = f(f(x - f(k * LN2_HI_F32)) - f(k * LN2_LO_F32));
  let p = EXP_F32_SERIES[0]!;
  for (let j = 1; j < EXP_F32_SERIES.length; j++) p = f(f(p * r) + EXP_F32_SERIES[j]!);
  const y = f(f(f(f(p * r) * r) + r) + 1);
  return f(y * pow2f(k));
}

/** 2^k as an f32 for k in [-126, 127]. */
function pow2f(k: number): number {
  scratch.setInt32(0, ((k + 127) << 23), true);
  return scratch.getFloat32(0, true);
}
