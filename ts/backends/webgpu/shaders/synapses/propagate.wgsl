// Spikes -> delay rings: one thread per spike of the presynaptic population walks its CSR row
// and adds each weight, in fixed point, into the target's ring cell at slot
// (step + delay) mod slots (per-synapse u8/u16 delays or one shared delay; i32 or u16 columns), scaled by the
// spike's short-term plasticity efficacy (stp.wgsl) when the projection has it. atomicAdd on
// i32 makes the sum independent of thread order (see neurons/common.wgsl for the precision).

@group(0) @binding(1) var<storage, read_write> acc: array<atomic<i32>>;

/** Byte-addressed u8 or u16 from the image (delays and narrow columns are packed). */
fn load_packed(byteAt: u32, bytes: u32) -> u32 {
  let word = img[byteAt / 4u] >> (8u * (byteAt % 4u));
  return select(word & 0xffu, word & 0xffffu, bytes == 2u);
}

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  if (stopped()) { return; }
  let proj = proj_record(params.index);
  let pre = pop_record(img[proj + J_PRE]);
  let post = pop_record(img[proj + J_POST]);
  let s = thread_index(gid, groups, 64u);
  if (s >= img[pre + P_NSPIKES]) { return; }
  let i = img[region(pre, P_SPIKES) + s];
  let preStart = img[proj + J_PRE_START];
  if (i < preStart || i >= img[proj + J_PRE_END]) { return; }
  let row = region(proj, J_ROWPTR) + i - preStart;
  let first = img[row];
  let last = img[row + 1u];
  let col = img[proj + J_COL];
  let narrow = (img[proj + J_WIDTHS] & J_NARROW_COLUMNS) != 0u;
  let weights = img[proj + J_W];
  let delays = img[proj + J_D];
  let delayBytes = img[proj + J_WIDTHS] & J_DELAY_BYTES;
  let shared_w = fw(proj + J_W_SHARED);
  let slots = img[post + P_RING_LEN];
  let nPad = img[post + P_NPAD];
  let slotWords = img[post + P_NREC] * nPad;
  let ring = params.acc + img[proj + J_RECEPTOR] * nPad;
  let now = img[H_STEP] % slots;
  let stp = img[proj + J_STP];
  var efficacy = 1.0;
  if (stp != 0u) { efficacy = stp_efficacy(stp / 4u, i - preStart, img[H_STEP]); }
  for (var k = first; k < last; k++) {
    var slot = now + select(load_packed(delays + k * delayBytes, delayBytes), img[proj + J_D_SHARED], delays == 0u);
    if (slot >= slots) { slot -= slots; }
    var w = select(fw(weights / 4u + k), shared_w, weights == 0u);
    if (stp != 0u) { w = w * efficacy; }
    // (Not select: it would read both, and an i32 read of u16 columns runs past their region.)
    var post_index: u32;
    if (narrow) { post_index = load_packed(col + k * 2u, 2u); } else { post_index = img[col / 4u + k]; }
    atomicAdd(&acc[ring + slot * slotWords + post_index], i32(round(w * params.scale)));
  }
  atomicAdd(&aux[AUX_EVENTS], last - first);
}
