// The functions of equation models in f32 for the generated updates (ts/equations/wgsl/): exp
// and exprel as the wasm kernel computes them (expF32 and exprelF32 of ts/model/random/detmath.ts
// and ts/equations/detmath.ts, operation for operation; their constants and polynomials are
// prepended from there by ts/equations/wgsl/generate.ts),
// and sin, cos, tanh and x**y built on them. WGSL's own sin, cos and tanh are only loosely
// bounded (sin and cos to 2^-11 absolute, and only within [-pi, pi]), so they are not used.
// Non-finite values are told apart by their bits: WGSL lets a compiler assume that x != x is false.

fn is_finite_f32(x: f32) -> bool {
  return (bitcast<u32>(x) & 0x7f800000u) != 0x7f800000u;
}

fn is_nan_f32(x: f32) -> bool {
  return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u;
}

// Infinity and NaN made at run time: as literals or constant expressions they are shader-creation errors.
fn infinity_f32(sign: f32) -> f32 {
  let bits = 0x7f800000u;
  return sign * bitcast<f32>(bits);
}

fn nan_f32() -> f32 {
  let bits = 0x7fc00000u;
  return bitcast<f32>(bits);
}

fn exp_f32(x: f32) -> f32 {
  if (is_nan_f32(x)) { return x; }
  if (x > EXP_F32_MAX) { return infinity_f32(1.0); }
  if (x < EXP_F32_MIN) { return 0.0; }
  let k = floor(x * LOG2E_F32 + 0.5);
  let r = (x - k * LN2_HI_F32) - k * LN2_LO_F32;
  let y = ((exp_f32_series(r) * r) * r + r) + 1.0;
  return y * bitcast<f32>(u32(i32(k) + 127) << 23u);
}

fn exprel_f32(x: f32) -> f32 {
  if (is_nan_f32(x)) { return x; }
  if (abs(x) < 0.5) {
    return exprel_f32_series(x);
  }
  return (exp_f32(x) - 1.0) / x;
}

/** tanh through exprel, as detTanh: 2x exprel(2x) / (2x exprel(2x) + 2) keeps small arguments exact. */
fn tanh_f32(x: f32) -> f32 {
  if (is_nan_f32(x)) { return x; }
  if (x > 20.0) { return 1.0; }
  if (x < -20.0) { return -1.0; }
  let m = 2.0 * x * exprel_f32(2.0 * x);
  return m / (m + 2.0);
}

// pi/2 in three parts (Cody and Waite): k * PIO2_1 and k * PIO2_2 are exact for |k| < 2^16, so
// arguments up to about 1e5 are reduced to within an f32 rounding.
const PIO2_1 = 1.5703125;
const PIO2_2 = 4.837512969970703125e-4;
const PIO2_3 = 7.549789954891882e-8;

/** sin (shift 0) or cos (shift 1) of x: reduced by multiples of pi/2, then Taylor kernels on [-pi/4, pi/4]. */
fn sin_cos_f32(x: f32, shift: i32) -> f32 {
  if (!is_finite_f32(x)) { return nan_f32(); }
  let k = floor(x * 0.636619772 + 0.5);
  let r = ((x - k * PIO2_1) - k * PIO2_2) - k * PIO2_3;
  let r2 = r * r;
  let q = (i32(k) + shift) & 3;
  var y: f32;
  if ((q & 1) == 0) {
    y = r + r * r2 * (-1.6666667e-1 + r2 * (8.3333333e-3 + r2 * (-1.9841270e-4 + r2 * 2.7557319e-6)));
  } else {
    y = 1.0 - r2 * (0.5 - r2 * (4.1666667e-2 - r2 * (1.3888889e-3 - r2 * (2.4801587e-5 - r2 * 2.7557319e-7))));
  }
  return select(y, -y, q >= 2);
}

fn sin_f32(x: f32) -> f32 {
  return sin_cos_f32(x, 0);
}

fn cos_f32(x: f32) -> f32 {
  return sin_cos_f32(x, 1);
}

/** x**y as the wasm kernel computes it, exp(y log x): NaN for x < 0, as there. */
fn power_f32(x: f32, y: f32) -> f32 {
  return exp_f32(y * log(x));
}
