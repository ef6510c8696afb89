// spike_source: one thread walks the (step, index) events due by this step (sorted, at most one
// per neuron and step), like assembly/neurons/sources.ts, marking them in the bitmap.
//
// threads: one
// kernels: KERNEL_SPIKE_SOURCE

@compute @workgroup_size(1)
fn main() {
  if (stopped()) { return; }
  let rec = pop_record(params.index);
  let events = region(rec, P_SRC_EVT);
  let total = img[rec + P_SRC_N];
  let step = img[H_STEP];
  var pos = img[rec + P_SRC_POS];
  while (pos < total && img[events + 2u * pos] <= step) {
    mark_spike(img[events + 2u * pos + 1u]);
    pos++;
  }
  img[rec + P_SRC_POS] = pos;
}
