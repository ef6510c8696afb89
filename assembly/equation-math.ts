// What generated equation modules import from the kernel (ts/equations/wasm/): deterministic
// sin, cos and tanh (by exprel) in f64 (the twin of ts/equations/detmath.ts, operation for
// operation) and the random numbers of rand() and randn() (the twin of
// ts/equations/random.ts). Exported, so the kernel itself keeps zero imports.
import { detExp } from "./detmath";
import { gaussianAt, philox, rngOut0 } from "./rng";

const PIO2_HI: f64 = 1.5707963267341256;
const PIO2_LO: f64 = 6.077100506506192e-11;
const TWO_OVER_PI: f64 = 0.6366197723675814;

function sinKernel(r: f64): f64 {
  const r2 = r * r;
  let p: f64 = -1.0 / 121645100408832000.0;
  p = p * r2 + 1.0 / 355687428096000.0;
  p = p * r2 - 1.0 / 1307674368000.0;
  p = p * r2 + 1.0 / 6227020800.0;
  p = p * r2 - 1.0 / 39916800.0;
  p = p * r2 + 1.0 / 362880.0;
  p = p * r2 - 1.0 / 5040.0;
  p = p * r2 + 1.0 / 120.0;
  p = p * r2 - 1.0 / 6.0;
  return r + r * r2 * p;
}

function cosKernel(r: f64): f64 {
  const r2 = r * r;
  let p: f64 = 1.0 / 6402373705728000.0;
  p = p * r2 - 1.0 / 20922789888000.0;
  p = p * r2 + 1.0 / 87178291200.0;
  p = p * r2 - 1.0 / 479001600.0;
  p = p * r2 + 1.0 / 3628800.0;
  p = p * r2 - 1.0 / 40320.0;
  p = p * r2 + 1.0 / 720.0;
  p = p * r2 - 1.0 / 24.0;
  p = p * r2 + 0.5;
  return 1.0 - r2 * p;
}

function sinCos(x: f64, shift: f64): f64 {
  if (!(x - x == 0)) return NaN;
  const k = Math.floor(x * TWO_OVER_PI + 0.5);
  const r = x - k * PIO2_HI - k * PIO2_LO;
  const q = (k + shift) - Math.floor((k + shift) / 4.0) * 4.0;
  if (q == 0) return sinKernel(r);
  if (q == 1) return cosKernel(r);
  if (q == 2) return -sinKernel(r);
  return -cosKernel(r);
}

export function detSin(x: f64): f64 {
  return sinCos(x, 0);
}

export function detCos(x: f64): f64 {
  return sinCos(x, 1);
}

export function detExprel(x: f64): f64 {
  if (x != x) return x;
  if (Math.abs(x) < 0.5) {
    let p: f64 = 1.0 / 6402373705728000.0;
    for (let k = 17; k >= 1; k--) p = p * x + 1.0 / factorial(k);
    return p;
  }
  return (detExp(x) - 1.0) / x;
}

function factorial(k: i32): f64 {
  let f: f64 = 1;
  for (let j = 1; j <= k; j++) f *= <f64>j;
  return f;
}

export function detTanh(x: f64): f64 {
  if (x != x) return x;
  if (x > 20) return 1;
  if (x < -20) return -1;
  const m = 2.0 * x * detExprel(2.0 * x);
  return m / (m + 2.0);
}

/** rand(): a uniform number in [0, 1) with 24 bits, for neuron `i` at `step` on stream word `stream`. */
export function equationUniform(i: u32, step: u32, stream: u32, k0: u32, k1: u32): f32 {
  philox(i, step, stream, 0, k0, k1);
  return <f32>(rngOut0 >>> 8) * (5.9604644775390625e-8 as f32);
}

/** randn(): a standard normal number (f64, rounded to f32) for neuron `i` at `step`. */
export function equationNormal(i: u32, step: u32, stream: u32, k0: u32, k1: u32): f32 {
  return <f32>gaussianAt(i, step, stream, k0, k1);
}
