// Tsodyks-Markram short-term plasticity, the twin of assembly/plasticity/stp.ts: u and x per
// presynaptic row, exact between spikes. The state is f64 in the image and f32 here (f64.wgsl),
// and the exponentials are WGSL's f32 exp (detmath's f64 series on wasm), so an efficacy is
// within a few f32 roundings (~1e-6 relative) of wasm's. Only the thread of a row's spike
// touches that row's state.

/** The fraction of its weight row `row` transmits for its spike emitted at `step` (stp: block word index). */
fn stp_efficacy(stp: u32, row: u32, step: u32) -> f32 {
  let U = load_f64(stp + T_U);
  let uAt = region(stp, T_STATE_U) + 2u * row;
  let xAt = region(stp, T_STATE_X) + 2u * row;
  let lastAt = region(stp, T_LAST) + row;
  let last = img[lastAt];
  var u = U;
  var x = 1.0;
  if (last != 0u) {
    let gap = f32(step - (last - 1u));
    x = 1.0 - (1.0 - load_f64(xAt)) * exp(-gap * load_f64(stp + T_RATE_REC));
    if (img[stp + T_FACIL] != 0u) {
      u = U + load_f64(uAt) * (1.0 - U) * exp(-gap * load_f64(stp + T_RATE_FACIL));
    }
  }
  store_f64(uAt, u);
  store_f64(xAt, x * (1.0 - u));
  img[lastAt] = step + 1u;
  return u * x;
}
