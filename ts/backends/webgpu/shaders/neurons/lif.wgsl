// lif and alif: one thread per neuron, operation for operation the f32 sequence of
// ts/backends/reference/neurons/lif.ts (exact integration, decaying receptors first, then
// delta receptors, refractory hold, adaptive threshold for alif).
//
// threads: one per neuron
// kernels: KERNEL_LIF KERNEL_ALIF

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  if (stopped()) { return; }
  let n = open_neuron(gid, groups);
  if (n.i >= n.nPad) { return; }
  let adaptive = img[n.rec + P_KERNEL] == u32(KERNEL_ALIF);
  let vAt = n.state;
  let refAt = vAt + u32(S_REF) * n.nPad;
  let thetaAt = vAt + u32(S_THETA) * n.nPad;
  let receptors = img[n.rec + P_NREC];
  let decaying = img[n.coef + C_DECAYING];

  let vRest = fw(n.coef + CL_VREST);
  let vReset = fw(n.coef + CL_VRESET);
  var countdown = bitcast<i32>(img[refAt]);
  var vNew = (fw(vAt) - vRest) * fw(n.coef + CL_P22) + vRest;
  if (img[n.coef + C_CURRENT] != u32(CURRENT_NONE)) {
    vNew = vNew + input_current(n) * fw(n.coef + CL_P20);
  }
  for (var r = 0u; r < decaying; r++) {
    let c = n.coef + C_REC0 + r * C_REC_STRIDE;
    let current = fw(n.recv + r * n.nPad);
    vNew = vNew + current * fw(c + CR_GAIN);
    set_fw(n.recv + r * n.nPad, current * fw(c + CR_DECAY) + take_ring(n.ring + r * n.nPad, r));
  }
  let held = countdown > 0;
  if (held) {
    vNew = vReset;
    countdown -= 1;
  }
  var threshold = fw(n.coef + CL_VTHRESH);
  var theta = 0.0;
  if (adaptive) {
    theta = fw(thetaAt);
    threshold = threshold + theta;
  }
  let spike = vNew > threshold && !held;
  if (spike) {
    vNew = vReset;
    countdown = bitcast<i32>(img[n.coef + CL_REF_STEPS]);
  }
  if (adaptive) {
    set_fw(thetaAt, (theta * fw(n.coef + CL_ADAPT_DECAY) + select(0.0, fw(n.coef + CL_ADAPT_JUMP), spike)) - fw(n.coef + CL_ADAPT_DRIFT));
  }
  // Delta receptors jump v; inputs reaching a neuron held at reset are lost (NEST's iaf_psc_delta).
  for (var r = decaying; r < receptors; r++) {
    let x = take_ring(n.ring + r * n.nPad, r);
    vNew = vNew + select(x, 0.0, countdown > 0);
  }
  set_fw(vAt, vNew);
  img[refAt] = bitcast<u32>(countdown);
  if (spike && n.i < img[n.rec + P_N]) { mark_spike(n.i); }
}
