// What neuron programs share: taking this step's delivery from the fixed-point delay ring
// (and clearing it), and marking a spike in the population's bitmap (compact.wgsl turns the
// bitmap into the ordered spike list).
//
// Deterministic accumulation: propagate.wgsl adds every weight into acc as a fixed-point
// integer, round(w * 2^k), with atomicAdd; integer sums do not depend on the order the GPU
// runs them in. k is chosen per (population, receptor) on the host (fixed-point.ts) so that
// the largest possible sum in one ring cell (the sum of |w| over a neuron's incoming synapses)
// stays below 2^30. A delivered weight is off by at most 2^-(k+1), that is at most
// 2^-31 of that bound; sums of weights with few significant bits (most models) are exact.

@group(0) @binding(1) var<storage, read_write> acc: array<i32>;

/** The ring cell's value in model units, then zero (the slot is reused `slots` steps later). */
fn take_ring(cell: u32, r: u32) -> f32 {
  let x = acc[cell];
  acc[cell] = 0;
  return f32(x) * bitcast<f32>(atomicLoad(&aux[params.scales + r]));
}

/** The neuron's input current: its bias, plus its step current when steps are scheduled. */
fn input_current(n: Neuron) -> f32 {
  let bias = fw(region(n.rec, P_BIAS) + n.i);
  if (img[n.coef + C_CURRENT] == u32(CURRENT_BIAS_STEPS)) { return bias + fw(region(n.rec, P_ISTEP) + n.i); }
  return bias;
}

/** acc index of receptor 0 of neuron i in this step's ring slot. */
fn ring_cell(rec: u32, i: u32) -> u32 {
  let slots = img[rec + P_RING_LEN];
  let nPad = img[rec + P_NPAD];
  return params.acc + (img[H_STEP] % slots) * img[rec + P_NREC] * nPad + i;
}

/** Where this thread's neuron lives (word indices into img; ring into acc). */
struct Neuron {
  rec: u32,
  i: u32,
  nPad: u32,
  coef: u32,
  state: u32, // state variable 0 of this neuron; variable k at state + k * nPad
  recv: u32,  // receptor 0's state; receptor r at recv + r * nPad
  ring: u32,  // receptor 0's cell of this step's ring slot; receptor r at ring + r * nPad
}

/** This thread's neuron of the population in params; i >= nPad past the (padded) population. */
fn open_neuron(gid: vec3u, groups: vec3u) -> Neuron {
  let rec = pop_record(params.index);
  let i = thread_index(gid, groups, 64u);
  return Neuron(rec, i, img[rec + P_NPAD], region(rec, P_COEF), region(rec, P_STATE) + i, region(rec, P_RECV) + i, ring_cell(rec, i));
}

fn mark_spike(i: u32) {
  atomicOr(&aux[params.bitmap + i / 32u], 1u << (i % 32u));
}
