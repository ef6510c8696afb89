// Deterministic sin, cos, tanh and exprel in f64 for equation models, written with + - * /
// and detExp only (Math.sin and friends differ between engines in the last bits). The twin
// assembly/equation-math.ts runs the same algorithm in the kernel, operation for operation.
import { detExp, expF32 } from '../model/random/detmath.js';

const PIO2_HI = 1.5707963267341256; // pi/2 split so that k * PIO2_HI is exact for |k| < 2^20
const PIO2_LO = 6.077100506506192e-11;
const TWO_OVER_PI = 0.6366197723675814;

/** sin(r) for |r| <= pi/4: Taylor series to r^19, Horner form. */
function sinKernel(r: number): number {
  const r2 = r * r;
  let p = -1 / 121645100408832000;
  p = p * r2 + 1 / 355687428096000;
  p = p * r2 - 1 / 1307674368000;
  p = p * r2 + 1 / 6227020800;
  p = p * r2 - 1 / 39916800;
  p = p * r2 + 1 / 362880;
  p = p * r2 - 1 / 5040;
  p = p * r2 + 1 / 120;
  p = p * r2 - 1 / 6;
  return r + r * r2 * p;
}

/** cos(r) for |r| <= pi/4: Taylor series to r^18. */
function cosKernel(r: number): number {
  const r2 = r * r;
  let p = 1 / 6402373705728000;
  p = p * r2 - 1 / 20922789888000;
  p = p * r2 + 1 / 87178291200;
  p = p * r2 - 1 / 479001600;
  p = p * r2 + 1 / 3628800;
  p = p * r2 - 1 / 40320;
  p = p * r2 + 1 / 720;
  p = p * r2 - 1 / 24;
  p = p * r2 + 0.5;
  return 1 - r2 * p;
}

/** sin (quadrant 0) or cos (quadrant 1) of x, reduced by multiples of pi/2. */
function sinCos(x: number, shift: number): number {
  if (!(x - x === 0)) return NaN; // NaN and infinities
  const k = Math.floor(x * TWO_OVER_PI + 0.5);
  const r = x - k * PIO2_HI - k * PIO2_LO;
  const q = (k + shift) - Math.floor((k + shift) / 4) * 4;
  if (q === 0) return sinKernel(r);
  if (q === 1) return cosKernel(r);
  if (q === 2) return -sinKernel(r);
  return -cosKernel(r);
}

export function detSin(x: number): number {
  return sinCos(x, 0);
}

export function detCos(x: number): number {
  return sinCos(x, 1);
}

const FACTORIALS = [1];
for (let k = 1; k <= 18; k++) FACTORIALS.push(FACTORIALS[k - 1]! * k);

/** exprel's series near 0, sum x^k / (k+1)! for k = 17 down to 0: 1/18!, 1/17!, ..., 1/1!. */
const EXPREL_SERIES = Array.from({ length: 18 }, (_, j) => 1 / FACTORIALS[18 - j]!);

/** (e^x - 1) / x, 1 at 0; a series near 0 where the subtraction would cancel. */
export function detExprel(x: number): number {
  if (x !== x) return x;
  if (Math.abs(x) < 0.5) {
    let p = EXPREL_SERIES[0]!;
    for (let k = 1; k < EXPREL_SERIES.length; k++) p = p * x + EXPREL_SERIES[k]!;
    return p;
  }
  return (detExp(x) - 1) / x;
}

/** tanh from expm1(2x) = 2x exprel(2x), accurate near 0 too. */
export function detTanh(x: number): number {
  if (x !== x) return x;
  if (x > 20) return 1;
  if (x < -20) return -1;
  const m = 2 * x * detExprel(2 * x);
  return m / (m + 2);
}

const f = Math.fround;

/** exprelF32's series near 0, sum x^k / (k+1)! for k = 7 down to 0, in f32: 1/8!, ..., 1/1!. */
export const EXPREL_F32_SERIES = Array.from({ length: 8 }, (_, j) => f(1 / FACTORIALS[8 - j]!));

/**
 * (e^x - 1) / x in f32 arithmetic, as equation models compute exprel (the generated SIMD code
 * does the same four lanes at a time): the series where |x| < 0.5, else from expF32.
 */
export function exprelF32(x: number): number {
  if (x !== x) return x;
  if (Math.abs(x) < 0.5) {
    let p = EXPREL_F32_SERIES[0]!;
    for (let k = 1; k < EXPREL_F32_SERIES.length; k++) p = f(f(p * x) + EXPREL_F32_SERIES[k]!);
    return p;
  }
  return f(f(expF32(x) - 1) / x);
}
