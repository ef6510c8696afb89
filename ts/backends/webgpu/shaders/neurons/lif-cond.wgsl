// lif_cond: one thread per neuron, the f32 operation order of ts/backends/reference/neurons/lif-cond.ts
// (exactly decaying conductances, forward Euler for v, refractory hold).
//
// threads: one per neuron
// kernels: KERNEL_LIF_COND

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  if (stopped()) { return; }
  let n = open_neuron(gid, groups);
  if (n.i >= n.nPad) { return; }
  let vAt = n.state;
  let refAt = vAt + u32(S_REF) * n.nPad;

  let v = fw(vAt);
  var countdown = bitcast<i32>(img[refAt]);
  var drive = fw(n.coef + CC_GL) * (fw(n.coef + CC_EL) - v);
  for (var r = 0u; r < img[n.rec + P_NREC]; r++) {
    let c = n.coef + C_REC0 + r * C_REC_STRIDE;
    let g = fw(n.recv + r * n.nPad);
    drive = drive + g * (fw(c + CR_EREV) - v);
    set_fw(n.recv + r * n.nPad, g * fw(c + CR_DECAY) + take_ring(n.ring + r * n.nPad, r));
  }
  if (img[n.coef + C_CURRENT] != u32(CURRENT_NONE)) {
    drive = drive + input_current(n);
  }
  var vNew = v + drive * fw(n.coef + CC_DT_OVER_C);
  let held = countdown > 0;
  if (held) {
    vNew = fw(n.coef + CC_VRESET);
    countdown -= 1;
  }
  let spike = vNew > fw(n.coef + CC_VTHRESH) && !held;
  if (spike) {
    vNew = fw(n.coef + CC_VRESET);
    countdown = bitcast<i32>(img[n.coef + CC_REF_STEPS]);
  }
  set_fw(vAt, vNew);
  img[refAt] = bitcast<u32>(countdown);
  if (spike && n.i < img[n.rec + P_N]) { mark_spike(n.i); }
}
