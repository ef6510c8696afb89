// A standard normal number for Philox counter (c0, c1, c2): Marsaglia's polar method on the
// same 32-bit uniforms as assembly/rng.ts `gaussianAt` (rejected pairs move on to the next
// pair, then to the next c3), computed in f32 where wasm uses f64: a uniform keeps 24 of its 32
// bits and log/sqrt are WGSL's, so a draw is within ~1e-6 of wasm's (up to ~1e-4 absolute for
// the rare pairs with s within 1e-6 of 1, whose draws are near 0), and a pair whose s lies
// within an f32 rounding of 1 may be kept on one backend and rejected on the other (about one
// pair in 10^7).

fn polar(a: u32, b: u32) -> vec2f {
  let x = (f32(a) + 0.5) * 4.656612873077393e-10 - 1.0; // 2^-31
  let y = (f32(b) + 0.5) * 4.656612873077393e-10 - 1.0;
  let s = x * x + y * y;
  // (z, 1) when accepted, (0, 0) when rejected; s is 0 only where f32 rounds both uniforms to
  // the centre (never in f64), and log(0) would give NaN.
  if (s >= 1.0 || s == 0.0) { return vec2f(0.0, 0.0); }
  return vec2f(x * sqrt((-2.0 * log(s)) / s), 1.0);
}

fn gaussian_at(c0: u32, c1: u32, c2: u32, key: vec2u) -> f32 {
  var z = vec2f(0.0, 0.0);
  for (var c3 = 0u; z.y == 0.0; c3++) {
    let r = philox(vec4u(c0, c1, c2, c3), key);
    z = polar(r.x, r.y);
    if (z.y == 0.0) { z = polar(r.z, r.w); }
  }
  return z.x;
}
