// izhikevich: one thread per neuron, the f32 operation order of
// ts/backends/reference/neurons/izhikevich.ts, both schemes (forward Euler, 2003 half steps),
// with the optional Gaussian input from wasm's Philox counters (gaussian.wgsl, in f32).
//
// threads: one per neuron
// kernels: KERNEL_IZHIKEVICH
// needs: philox gaussian

fn dvdt(v: f32, u: f32, input: f32) -> f32 {
  let quadratic = 0.04 * v * v + 5.0 * v;
  return quadratic + 140.0 - u + input;
}

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  if (stopped()) { return; }
  let n = open_neuron(gid, groups);
  if (n.i >= n.nPad) { return; }
  let vAt = n.state;
  let uAt = vAt + u32(S_U) * n.nPad;
  let param = region(n.rec, P_PARAMS) + n.i;

  let v = fw(vAt);
  let u = fw(uAt);
  var input = fw(region(n.rec, P_BIAS) + n.i) + fw(region(n.rec, P_ISTEP) + n.i);
  for (var r = 0u; r < img[n.rec + P_NREC]; r++) {
    let current = fw(n.recv + r * n.nPad);
    input = input + current;
    set_fw(n.recv + r * n.nPad, current * fw(n.coef + C_REC0 + r * C_REC_STRIDE + CR_DECAY) + take_ring(n.ring + r * n.nPad, r));
  }
  let noise = fw(n.coef + CI_NOISE);
  if (noise > 0.0) {
    let stream = stream_word(u32(RNG_NOISE), img[n.rec + P_INDEX]);
    input = input + noise * gaussian_at(n.i, img[H_STEP], stream, vec2u(img[H_SEED_LO], img[H_SEED_HI]));
  }
  let a = fw(param + u32(IZ_A) * n.nPad);
  let b = fw(param + u32(IZ_B) * n.nPad);
  let h = fw(n.coef + CI_H);
  var vNew: f32;
  var uNew: f32;
  if (img[n.coef + CI_SCHEME] != 0u) {
    let halfH = fw(n.coef + CI_HALF_H);
    vNew = v + halfH * dvdt(v, u, input);
    vNew = vNew + halfH * dvdt(vNew, u, input);
    uNew = u + h * (a * (b * vNew - u));
  } else {
    vNew = v + h * dvdt(v, u, input);
    uNew = u + h * (a * (b * v - u));
  }
  if (vNew >= fw(n.coef + CI_VPEAK)) {
    vNew = fw(param + u32(IZ_C) * n.nPad);
    uNew = uNew + fw(param + u32(IZ_D) * n.nPad);
    if (n.i < img[n.rec + P_N]) { mark_spike(n.i); }
  }
  set_fw(vAt, vNew);
  set_fw(uAt, uNew);
}
