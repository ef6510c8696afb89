// Pair STDP, part 1 (stdp.wgsl): one thread per postsynaptic spike reaching the synapses now.

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
  if (p.pairs) {
    let revPtr = region(p.k, K_REV_PTR);
    let revSyn = region(p.k, K_REV_SYN);
    let revPre = region(p.k, K_REV_PRE);
    let factor = fw(p.k + K_APLUS);
    for (var e = img[revPtr + j]; e < img[revPtr + j + 1u]; e++) {
      change(p, img[revSyn + e], factor * pre_trace(p, img[revPre + e], step) * p.scale);
    }
  }
  store_f64(p.o1 + 2u * j, bumped(p, post_trace(p, j, step)));
  img[p.lastPost + j] = step;
}
