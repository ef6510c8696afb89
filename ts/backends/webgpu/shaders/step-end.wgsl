// The end of a step (one thread): per-population spike counts for rate monitors, the
// synaptic-event counter carried into 64 bits, then the step number.

@compute @workgroup_size(1)
fn main() {
  if (stopped()) { return; }
  if (img[H_CNT_CAP] != 0u) {
    let out = region(0u, H_CNT_REC);
    var len = img[H_CNT_LEN];
    for (var p = 0u; p < img[H_NPOPS]; p++) {
      img[out + len] = img[pop_record(p) + P_NSPIKES];
      len++;
    }
    img[H_CNT_LEN] = len;
  }
  let events = atomicExchange(&aux[AUX_EVENTS], 0u);
  let lo = atomicLoad(&aux[AUX_EVENTS_LO]);
  atomicStore(&aux[AUX_EVENTS_LO], lo + events);
  if (lo + events < lo) { atomicAdd(&aux[AUX_EVENTS_HI], 1u); }
  img[H_STEP] = img[H_STEP] + 1u;
}
