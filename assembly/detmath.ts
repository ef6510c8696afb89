// Deterministic exp and log in f64: the twin of ts/model/random/detmath.ts, operation for
// operation, so the kernel and the TypeScript reference give the same bits.

const LN2_HI: f64 = 6.93147180369123816490e-1;
const LN2_LO: f64 = 1.90821492927058770002e-10;
const LOG2E: f64 = 1.4426950408889634;
const SQRT2: f64 = 1.4142135623730951;

function pow2(k: f64): f64 {
  return reinterpret<f64>(<u64>(<i64>k + 1023) << 52);
}

export function detExp(x: f64): f64 {
  if (x != x) return x;
  if (x > 709) x = 709;
  if (x < -700) x = -700;
  const k = Math.floor(x * LOG2E + 0.5);
  const r = x - k * LN2_HI - k * LN2_LO;
  let p: f64 = 1.0 / 6227020800.0;
  p = p * r + 1.0 / 479001600.0;
  p = p * r + 1.0 / 39916800.0;
  p = p * r + 1.0 / 3628800.0;
  p = p * r + 1.0 / 362880.0;
  p = p * r + 1.0 / 40320.0;
  p = p * r + 1.0 / 5040.0;
  p = p * r + 1.0 / 720.0;
  p = p * r + 1.0 / 120.0;
  p = p * r + 1.0 / 24.0;
  p = p * r + 1.0 / 6.0;
  p = p * r + 0.5;
  p = p * r + 1.0;
  p = p * r + 1.0;
  return p * pow2(k);
}

export function detLog(x: f64): f64 {
  if (!(x > 0)) return NaN;
  if (x == Infinity) return x;
  let e: i32 = 0;
  if (x < 2.2250738585072014e-308) {
    x = x * 18014398509481984.0;
    e = -54;
  }
  const bits = reinterpret<u64>(x);
  e += (<i32>(bits >> 52) & 0x7ff) - 1023;
  let m = reinterpret<f64>((bits & 0x000fffffffffffff) | 0x3ff0000000000000);
  if (m > SQRT2) {
    m = m * 0.5;
    e += 1;
  }
  const s = (m - 1.0) / (m + 1.0);
  const s2 = s * s;
  let p: f64 = 1.0 / 21.0;
  p = p * s2 + 1.0 / 19.0;
  p = p * s2 + 1.0 / 17.0;
  p = p * s2 + 1.0 / 15.0;
  p = p * s2 + 1.0 / 13.0;
  p = p * s2 + 1.0 / 11.0;
  p = p * s2 + 1.0 / 9.0;
  p = p * s2 + 1.0 / 7.0;
  p = p * s2 + 1.0 / 5.0;
  p = p * s2 + 1.0 / 3.0;
  const lnm = 2.0 * s + 2.0 * s * (s2 * p);
  const ef = <f64>e;
  return ef * LN2_HI + (lnm + ef * LN2_LO);
}

// expF32: e^x in f32 arithmetic only (Cody-Waite reduction, cephes' degree-5 polynomial, within
// 2 ulp), for f32 results where an f64 series would cost twice the work: the adex upswing and
// exp/exprel of models written as equations (their generated SIMD code runs it four lanes at
// a time). ts/model/random/detmath.ts expF32 is its twin; no fused multiply-add anywhere.
export const EXP_F32_MAX: f32 = 88.3762626647949;
export const EXP_F32_MIN: f32 = -87.33654;
const LOG2E_F32: f32 = 1.44269504088896341;
const LN2_HI_F32: f32 = 0.693359375;
const LN2_LO_F32: f32 = -2.12194440e-4;

export function expF32(x: f32): f32 {
  if (x != x) return x;
  if (x > EXP_F32_MAX) return Infinity;
  if (x < EXP_F32_MIN) return 0;
  const k = Mathf.floor(x * LOG2E_F32 + 0.5);
  const r = x - k * LN2_HI_F32 - k * LN2_LO_F32;
  let p: f32 = 1.9875691500e-4;
  p = p * r + 1.3981999507e-3;
  p = p * r + 8.3334519073e-3;
  p = p * r + 4.1665795894e-2;
  p = p * r + 1.6666665459e-1;
  p = p * r + 5.0000001201e-1;
  const y = p * r * r + r + 1;
  // 2^k for k in [-126, 127].
  return y * reinterpret<f32>((<i32>k + 127) << 23);
}
