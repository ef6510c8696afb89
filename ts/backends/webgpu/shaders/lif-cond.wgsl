// lif_cond: one thread per neuron, the f32 operation order of ts/backends/reference/neurons.ts
// `lifCond` (exactly decaying conductances, forward Euler for v, refractory hold).

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  if (stopped()) { return; }
  let rec = pop_record(params.index);
  let i = thread_index(gid, groups, 64u);
  let nPad = img[rec + P_NPAD];
  if (i >= nPad) { return; }
  let coef = region(rec, P_COEF);
  let vAt = region(rec, P_STATE) + i;
  let refAt = vAt + u32(S_REF) * nPad;
  let recv = region(rec, P_RECV) + i;
  let ring = ring_cell(rec, i);

  let v = fw(vAt);
  var countdown = bitcast<i32>(img[refAt]);
  var drive = fw(coef + CC_GL) * (fw(coef + CC_EL) - v);
  for (var r = 0u; r < img[rec + P_NREC]; r++) {
    let c = coef + C_REC0 + r * C_REC_STRIDE;
    let g = fw(recv + r * nPad);
    drive = drive + g * (fw(c + CR_EREV) - v);
    set_fw(recv + r * nPad, g * fw(c + CR_DECAY) + take_ring(ring + r * nPad, r));
  }
  if (img[coef + C_HAS_CURRENT] != 0u) {
    drive = drive + (fw(region(rec, P_BIAS) + i) + fw(region(rec, P_ISTEP) + i));
  }
  var vNew = v + drive * fw(coef + CC_DT_OVER_C);
  let held = countdown > 0;
  if (held) {
    vNew = fw(coef + CC_VRESET);
    countdown -= 1;
  }
  let spike = vNew > fw(coef + CC_VTHRESH) && !held;
  if (spike) {
    vNew = fw(coef + CC_VRESET);
    countdown = bitcast<i32>(img[coef + CC_REF_STEPS]);
  }
  set_fw(vAt, vNew);
  img[refAt] = bitcast<u32>(countdown);
  if (spike && i < img[rec + P_N]) { mark_spike(i); }
}
