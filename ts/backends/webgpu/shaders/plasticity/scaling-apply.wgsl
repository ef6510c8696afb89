// Synaptic scaling, part 2 (stdp.wgsl): every K_SCALE_EVERY steps (and while the learning rate
// is not 0) one thread per synapse multiplies its weight by 1 + rate eta (target - estimate) of
// its post neuron, clipped. The factor is computed in f32 (f64 on wasm, then rounded to f32), so
// it is within a few ulp of wasm's.

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  if (stopped()) { return; }
  let p = open_plastic();
  let s = thread_index(gid, groups, 64u);
  let rate = fw(p.k + K_RATE);
  if (s >= img[p.proj + J_NSYN] || rate == 0.0 || (img[H_STEP] + 1u) % img[p.k + K_SCALE_EVERY] != 0u) { return; }
  let estimate = load_f64(p.estimates + 2u * img[region(p.proj, J_COL) + s]);
  let factor = 1.0 + load_f64(p.k + K_SCALE_ETA) * rate * (load_f64(p.k + K_SCALE_TARGET) - estimate);
  set_fw(p.weights + s, clip(p, fw(p.weights + s) * factor));
}
