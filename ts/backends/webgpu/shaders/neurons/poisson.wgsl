// poisson: one thread per four neurons, which share one Philox block (counter: block, step,
// stream, 0), exactly as assembly/neurons/sources.ts draws them, so the spikes are identical.
//
// threads: one per four neurons
// kernels: KERNEL_POISSON
// needs: philox

fn uniform24(x: u32) -> f32 {
  return f32(x >> 8u) * 5.9604644775390625e-8; // 2^-24
}

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  if (stopped()) { return; }
  let rec = pop_record(params.index);
  let block = thread_index(gid, groups, 64u);
  let n = img[rec + P_N];
  if (block * 4u >= n) { return; }
  let stream = stream_word(u32(RNG_POISSON), img[rec + P_INDEX]);
  let draws = philox(vec4u(block, img[H_STEP], stream, 0u), vec2u(img[H_SEED_LO], img[H_SEED_HI]));
  let prob = region(rec, P_PARAMS) + u32(PO_PROB) * img[rec + P_NPAD] + block * 4u;
  for (var lane = 0u; lane < 4u; lane++) {
    // Padding lanes have probability 0.
    if (uniform24(draws[lane]) < fw(prob + lane)) { mark_spike(block * 4u + lane); }
  }
}
