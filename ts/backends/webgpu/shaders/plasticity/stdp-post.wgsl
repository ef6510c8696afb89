// STDP, postsynaptic phase (stdp.wgsl): one thread per postsynaptic spike reaching the synapses
// now potentiates its incoming synapses through the pre traces (A2+ + A3+ o2 for triplets), then
// bumps its post traces and, with synaptic scaling, its rate estimate.

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  if (stopped()) { return; }
  let p = open_plastic();
  let step = img[H_STEP];
  if (step < p.den) { return; }
  let h = history(p.post, step - p.den);
  let s = thread_index(gid, groups, 64u);
  if (s >= h.y) { return; }
  let j = img[h.x + s];
  let since = step - img[p.lastPost + j];
  var o2 = 0.0;
  if (p.triplet) { o2 = load_f64(p.o2 + 2u * j) * fade(p, K_FADE_Y, K_LIMIT_Y, since); }
  if (p.pairs) {
    let revPtr = region(p.k, K_REV_PTR);
    let revSyn = region(p.k, K_REV_SYN);
    let revPre = region(p.k, K_REV_PRE);
    let factor = fw(p.k + K_APLUS) + fw(p.k + K_A3PLUS) * o2;
    for (var e = img[revPtr + j]; e < img[revPtr + j + 1u]; e++) {
      change(p, img[revSyn + e], factor * pre_trace(p, img[revPre + e], step) * p.scale);
    }
  }
  store_f64(p.o1 + 2u * j, bumped(p, post_trace(p, j, step)));
  if (p.triplet) { store_f64(p.o2 + 2u * j, o2 + 1.0); }
  img[p.lastPost + j] = step;
  if (img[p.k + K_SCALE_EVERY] != 0u) {
    store_f64(p.estimates + 2u * j, load_f64(p.estimates + 2u * j) + load_f64(p.k + K_RATE_GAIN));
  }
}
