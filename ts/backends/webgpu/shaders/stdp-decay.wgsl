// Pair STDP, part 2 (stdp.wgsl): every pre and post trace decays by one step.

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  if (stopped()) { return; }
  let p = open_plastic();
  let i = thread_index(gid, groups, 64u);
  if (i < img[p.k + K_ROWS_PAD]) {
    store_f64(p.r1 + 2u * i, load_f64(p.r1 + 2u * i) * load_f64(p.k + K_DEC_PLUS));
  }
  if (i < img[p.post + P_NPAD]) {
    store_f64(p.o1 + 2u * i, load_f64(p.o1 + 2u * i) * load_f64(p.k + K_DEC_MINUS));
  }
}
