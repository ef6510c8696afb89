// adex: one thread per neuron, forward Euler in the f32 operation order of
// assembly/neurons/adex.ts. The exponential upswing is WGSL's f32 exp where wasm evaluates
// detmath's f64 series and rounds it to f32: a few ulp apart, so v can differ in its last bits
// and a spike can move by a step (docs/webgpu.md).
//
// threads: one per neuron
// kernels: KERNEL_ADEX

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  if (stopped()) { return; }
  let n = open_neuron(gid, groups);
  if (n.i >= n.nPad) { return; }
  let vAt = n.state;
  let refAt = vAt + u32(S_REF) * n.nPad;
  let wAt = vAt + u32(S_W) * n.nPad;
  let receptors = img[n.rec + P_NREC];
  let decaying = img[n.coef + C_DECAYING];
  let gL = fw(n.coef + CA_GL);
  let eL = fw(n.coef + CA_EL);

  let v = fw(vAt);
  var countdown = bitcast<i32>(img[refAt]);
  let w = fw(wAt);
  var synaptic = 0.0;
  for (var r = 0u; r < decaying; r++) {
    let current = fw(n.recv + r * n.nPad);
    synaptic = synaptic + current;
    set_fw(n.recv + r * n.nPad, current * fw(n.coef + C_REC0 + r * C_REC_STRIDE + CR_DECAY) + take_ring(n.ring + r * n.nPad, r));
  }
  let x = min((v - fw(n.coef + CA_VT)) * fw(n.coef + CA_INV_DELTA_T), fw(n.coef + CA_EXP_CAP));
  var dv = gL * (eL - v) + gL * fw(n.coef + CA_DELTA_T) * exp(x);
  dv = dv - w + synaptic + (fw(region(n.rec, P_BIAS) + n.i) + fw(region(n.rec, P_ISTEP) + n.i));
  var vNew = v + dv * fw(n.coef + CA_DT_OVER_C);
  var wNew = w + (fw(n.coef + CA_A) * (v - eL) - w) * fw(n.coef + CA_DT_OVER_TAUW);
  if (countdown > 0) {
    vNew = fw(n.coef + CA_VRESET);
    countdown -= 1;
  } else if (vNew > fw(n.coef + CA_VPEAK)) {
    vNew = fw(n.coef + CA_VRESET);
    wNew = wNew + fw(n.coef + CA_B);
    countdown = bitcast<i32>(img[n.coef + CA_REF_STEPS]);
    if (n.i < img[n.rec + P_N]) { mark_spike(n.i); }
  }
  // Delta receptors jump v, except while the neuron is held.
  for (var r = decaying; r < receptors; r++) {
    let x = take_ring(n.ring + r * n.nPad, r);
    vNew = vNew + select(x, 0.0, countdown > 0);
  }
  set_fw(vAt, vNew);
  img[refAt] = bitcast<u32>(countdown);
  set_fw(wAt, wNew);
}
