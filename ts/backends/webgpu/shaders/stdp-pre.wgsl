// Pair STDP, part 3 (stdp.wgsl): one thread per presynaptic spike arriving at the next step
// delivers its weights (fixed point, as propagate.wgsl), is depressed through the post traces,
// then bumps its pre trace.

@group(0) @binding(1) var<storage, read_write> acc: array<atomic<i32>>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  if (stopped()) { return; }
  let p = open_plastic();
  let step = img[H_STEP];
  let axonal = img[p.proj + J_D_SHARED] - p.den;
  if (step + 1u < axonal) { return; }
  let h = history(p.pre, step + 1u - axonal);
  let s = thread_index(gid, groups, 64u);
  if (s >= h.y) { return; }
  let i = img[h.x + s];
  let preStart = img[p.proj + J_PRE_START];
  if (i < preStart || i >= img[p.proj + J_PRE_END]) { return; }
  let row = i - preStart;
  let rowPtr = region(p.proj, J_ROWPTR);
  let col = region(p.proj, J_COL);
  let first = img[rowPtr + row];
  let last = img[rowPtr + row + 1u];
  let nPad = img[p.post + P_NPAD];
  let slots = img[p.post + P_RING_LEN];
  let cells = params.acc + img[p.proj + J_RECEPTOR] * nPad + ((step % slots + 1u + p.den) % slots) * img[p.post + P_NREC] * nPad;
  let factor = fw(p.k + K_AMINUS);
  let sign = select(-1.0, 1.0, (p.flags & u32(KF_SYMMETRIC)) != 0u);
  let offset = fw(p.k + K_PRE_OFFSET);
  for (var e = first; e < last; e++) {
    let j = img[col + e];
    atomicAdd(&acc[cells + j], i32(round(fw(p.weights + e) * params.scale)));
    if (p.pairs) { change(p, e, (offset + sign * (post_trace(p, j, step + 1u) * factor)) * p.scale); }
  }
  store_f64(p.r1 + 2u * row, bumped(p, pre_trace(p, row, step + 1u)));
  img[p.lastPre + row] = step + 1u;
  atomicAdd(&aux[AUX_EVENTS], last - first);
}
