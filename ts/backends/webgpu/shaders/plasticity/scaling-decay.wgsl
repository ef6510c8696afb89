// Synaptic scaling, part 1 (stdp.wgsl): one thread per post neuron decays its rate estimate by
// exp(-dt/tau) every step (after stdp-post.wgsl bumped it for this step's spikes). The estimate
// is f64 in the image and f32 here: each step rounds it once more (about 6e-8 relative), and
// the rounding errors fade with the estimate's own decay, so it stays within ~1e-6 of wasm's.

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  if (stopped()) { return; }
  let p = open_plastic();
  let j = thread_index(gid, groups, 64u);
  if (j >= img[p.post + P_NPAD]) { return; }
  store_f64(p.estimates + 2u * j, load_f64(p.estimates + 2u * j) * load_f64(p.k + K_DEC_RATE));
}
