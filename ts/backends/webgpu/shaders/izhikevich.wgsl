// izhikevich without input noise (support.ts refuses noise > 0: its Gaussian needs f64, which
// WGSL lacks): one thread per neuron, the f32 operation order of
// ts/backends/reference/neurons.ts `izhikevich`, both schemes (forward Euler, 2003 half steps).

fn dvdt(v: f32, u: f32, input: f32) -> f32 {
  let quadratic = 0.04 * v * v + 5.0 * v;
  return quadratic + 140.0 - u + input;
}

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  if (stopped()) { return; }
  let rec = pop_record(params.index);
  let i = thread_index(gid, groups, 64u);
  let nPad = img[rec + P_NPAD];
  if (i >= nPad) { return; }
  let coef = region(rec, P_COEF);
  let vAt = region(rec, P_STATE) + i;
  let uAt = vAt + u32(S_U) * nPad;
  let recv = region(rec, P_RECV) + i;
  let ring = ring_cell(rec, i);
  let param = region(rec, P_PARAMS) + i;

  let v = fw(vAt);
  let u = fw(uAt);
  var input = fw(region(rec, P_BIAS) + i) + fw(region(rec, P_ISTEP) + i);
  for (var r = 0u; r < img[rec + P_NREC]; r++) {
    let current = fw(recv + r * nPad);
    input = input + current;
    set_fw(recv + r * nPad, current * fw(coef + C_REC0 + r * C_REC_STRIDE + CR_DECAY) + take_ring(ring + r * nPad, r));
  }
  let a = fw(param + u32(IZ_A) * nPad);
  let b = fw(param + u32(IZ_B) * nPad);
  let h = fw(coef + CI_H);
  var vNew: f32;
  var uNew: f32;
  if (img[coef + CI_SCHEME] != 0u) {
    let halfH = fw(coef + CI_HALF_H);
    vNew = v + halfH * dvdt(v, u, input);
    vNew = vNew + halfH * dvdt(vNew, u, input);
    uNew = u + h * (a * (b * vNew - u));
  } else {
    vNew = v + h * dvdt(v, u, input);
    uNew = u + h * (a * (b * v - u));
  }
  if (vNew >= fw(coef + CI_VPEAK)) {
    vNew = fw(param + u32(IZ_C) * nPad);
    uNew = uNew + fw(param + u32(IZ_D) * nPad);
    if (i < img[rec + P_N]) { mark_spike(i); }
  }
  set_fw(vAt, vNew);
  set_fw(uAt, uNew);
}
