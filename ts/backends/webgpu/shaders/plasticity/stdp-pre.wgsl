// STDP, presynaptic phase (stdp.wgsl): one thread per presynaptic spike arriving at the next
// step delivers its weights (fixed point, as propagate.wgsl; scaled by short-term plasticity
// when the projection has it), is depressed through the post traces (A2- + A3- r2 for triplets),
// then bumps its pre traces.

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
  let since = step + 1u - img[p.lastPre + row];
  let stp = img[p.proj + J_STP];
  var efficacy = 1.0;
  if (stp != 0u) { efficacy = stp_efficacy(stp / 4u, row, step + 1u - axonal); }
  var r2 = 0.0;
  if (p.triplet) { r2 = load_f64(p.r2 + 2u * row) * fade(p, K_FADE_X, K_LIMIT_X, since); }
  let rowPtr = region(p.proj, J_ROWPTR);
  let col = region(p.proj, J_COL);
  let first = img[rowPtr + row];
  let last = img[rowPtr + row + 1u];
  let nPad = img[p.post + P_NPAD];
  let slots = img[p.post + P_RING_LEN];
  let cells = params.acc + img[p.proj + J_RECEPTOR] * nPad + ((step % slots + 1u + p.den) % slots) * img[p.post + P_NREC] * nPad;
  let factor = fw(p.k + K_AMINUS) + fw(p.k + K_A3MINUS) * r2;
  let sign = select(-1.0, 1.0, (p.flags & u32(KF_SYMMETRIC)) != 0u);
  let offset = fw(p.k + K_PRE_OFFSET);
  for (var e = first; e < last; e++) {
    let j = img[col + e];
    let w = fw(p.weights + e);
    atomicAdd(&acc[cells + j], i32(round(select(w, w * efficacy, stp != 0u) * params.scale)));
    if (p.pairs) { change(p, e, (offset + sign * (post_trace(p, j, step + 1u) * factor)) * p.scale); }
  }
  store_f64(p.r1 + 2u * row, bumped(p, pre_trace(p, row, step + 1u)));
  if (p.triplet) { store_f64(p.r2 + 2u * row, r2 + 1.0); }
  img[p.lastPre + row] = step + 1u;
  atomicAdd(&aux[AUX_EVENTS], last - first);
}
