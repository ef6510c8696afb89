// lif and alif: one thread per neuron, operation for operation the f32 sequence of
// ts/backends/reference/neurons.ts `lif` (exact integration, decaying receptors first, then
// delta receptors, refractory hold, adaptive threshold for alif).

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  if (stopped()) { return; }
  let rec = pop_record(params.index);
  let i = thread_index(gid, groups, 64u);
  let nPad = img[rec + P_NPAD];
  if (i >= nPad) { return; }
  let adaptive = img[rec + P_MODEL] == u32(M_ALIF);
  let coef = region(rec, P_COEF);
  let vAt = region(rec, P_STATE) + i;
  let refAt = vAt + u32(S_REF) * nPad;
  let thetaAt = vAt + u32(S_THETA) * nPad;
  let recv = region(rec, P_RECV) + i;
  let receptors = img[rec + P_NREC];
  let decaying = img[coef + C_DECAYING];
  let ring = ring_cell(rec, i);

  let vRest = fw(coef + CL_VREST);
  let vReset = fw(coef + CL_VRESET);
  var countdown = bitcast<i32>(img[refAt]);
  var vNew = (fw(vAt) - vRest) * fw(coef + CL_P22) + vRest;
  if (img[coef + C_HAS_CURRENT] != 0u) {
    vNew = vNew + (fw(region(rec, P_BIAS) + i) + fw(region(rec, P_ISTEP) + i)) * fw(coef + CL_P20);
  }
  for (var r = 0u; r < decaying; r++) {
    let c = coef + C_REC0 + r * C_REC_STRIDE;
    let current = fw(recv + r * nPad);
    vNew = vNew + current * fw(c + CR_GAIN);
    set_fw(recv + r * nPad, current * fw(c + CR_DECAY) + take_ring(ring + r * nPad, r));
  }
  let held = countdown > 0;
  if (held) {
    vNew = vReset;
    countdown -= 1;
  }
  var threshold = fw(coef + CL_VTHRESH);
  var theta = 0.0;
  if (adaptive) {
    theta = fw(thetaAt);
    threshold = threshold + theta;
  }
  let spike = vNew > threshold && !held;
  if (spike) {
    vNew = vReset;
    countdown = bitcast<i32>(img[coef + CL_REF_STEPS]);
  }
  if (adaptive) {
    set_fw(thetaAt, (theta * fw(coef + CL_ADAPT_DECAY) + select(0.0, fw(coef + CL_ADAPT_JUMP), spike)) - fw(coef + CL_ADAPT_DRIFT));
  }
  // Delta receptors jump v; inputs reaching a neuron held at reset are lost (NEST's iaf_psc_delta).
  for (var r = decaying; r < receptors; r++) {
    let x = take_ring(ring + r * nPad, r);
    vNew = vNew + select(x, 0.0, countdown > 0);
  }
  set_fw(vAt, vNew);
  img[refAt] = bitcast<u32>(countdown);
  if (spike && i < img[rec + P_N]) { mark_spike(i); }
}
