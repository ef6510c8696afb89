// STDP on one plastic projection, the order of events of assembly/plasticity/stdp.ts (read its
// header), one program per phase: plastic-drive.wgsl (a modulator moves the weights through the
// eligibility traces, which then decay), stdp-post.wgsl (postsynaptic spikes reaching the
// synapses potentiate, then bump the post traces), scaling-decay.wgsl and scaling-apply.wgsl
// (rate estimates, synaptic scaling), stdp-pre.wgsl (presynaptic arrivals of the next step
// deliver their weight, are depressed, bump the pre traces). Traces decay lazily, as there: a
// trace holds its value at its last bump (K_LAST_PRE, K_LAST_POST) and is faded by the K_FADE_*
// tables when read. Pair and triplet rules, additive or multiplicative, all-to-all or nearest,
// symmetric, the Vogels-Sprekeler offset, eligibility traces.
// Traces are f64 in the image and f32 here (f64.wgsl), so a change is within a few f32 roundings
// (about 1e-6 relative) of wasm's, not equal to it. Threads never share a synapse: a post spike
// owns its incoming synapses, a pre spike its row.

struct Plastic {
  proj: u32,
  k: u32,          // plasticity block (word index)
  pre: u32,        // population records
  post: u32,
  flags: u32,
  weights: u32,
  scale: f32,      // the learning rate, or 1 when changes go to eligibility traces
  pairs: bool,
  triplet: bool,
  elig: u32,       // f32 eligibility traces (word index), 0 when changes go straight to the weights
  r1: u32,         // f64 presynaptic traces (word index of trace 0; trace i at r1 + 2 i)
  r2: u32,         // f64 triplet presynaptic traces (tauX)
  o1: u32,         // f64 postsynaptic traces
  o2: u32,         // f64 triplet postsynaptic traces (tauY)
  estimates: u32,  // f64 rate estimates of the post neurons (synaptic scaling)
  lastPre: u32,    // u32 step of each trace's last bump
  lastPost: u32,
  den: u32,        // dendritic delay (steps)
}

fn open_plastic() -> Plastic {
  let proj = proj_record(params.index);
  let k = region(proj, J_PLAST);
  let rate = fw(k + K_RATE);
  let flags = img[k + K_FLAGS];
  let post = pop_record(img[proj + J_POST]);
  let elig = select(0u, region(k, K_ELIG), img[k + K_ELIG] != 0u);
  let r1 = region(k, K_PRE_TRACES);
  let o1 = region(k, K_POST_TRACES);
  let postPad = img[post + P_NPAD];
  return Plastic(proj, k, pop_record(img[proj + J_PRE]), post, flags, region(proj, J_W),
    select(rate, 1.0, elig != 0u), (flags & u32(KF_NO_PAIRS)) == 0u && rate != 0.0, (flags & u32(KF_TRIPLET)) != 0u,
    elig, r1, r1 + 2u * img[k + K_ROWS_PAD], o1, o1 + 2u * postPad, o1 + 4u * postPad,
    region(k, K_LAST_PRE), region(k, K_LAST_POST), img[k + K_DEN_STEPS]);
}

/** exp(-steps dt / tau) from the fade table in block word `table` (0 at and beyond `limit` steps). */
fn fade(p: Plastic, table: u32, limit: u32, steps: u32) -> f32 {
  if (steps >= img[p.k + limit]) { return 0.0; }
  let at = region(p.k, table);
  return load_f64(at + 2u * (steps & u32(FADE_LO - 1))) * load_f64(at + 2u * (u32(FADE_LO) + (steps >> u32(FADE_SHIFT))));
}

/** The pre trace of a row at synapse step `now`. */
fn pre_trace(p: Plastic, row: u32, now: u32) -> f32 {
  return load_f64(p.r1 + 2u * row) * fade(p, K_FADE_PLUS, K_LIMIT_PLUS, now - img[p.lastPre + row]);
}

/** The post trace of a neuron at synapse step `now`. */
fn post_trace(p: Plastic, j: u32, now: u32) -> f32 {
  return load_f64(p.o1 + 2u * j) * fade(p, K_FADE_MINUS, K_LIMIT_MINUS, now - img[p.lastPost + j]);
}

/** Word index and spike count of a population's history slot for step n. */
fn history(rec: u32, n: u32) -> vec2u {
  let slot = n % img[rec + P_HIST_LEN];
  return vec2u(region(rec, P_HIST) + slot * img[rec + P_NPAD], img[region(rec, P_HIST_CNT) + slot]);
}

/** Applies a change to synapse s: soft-bounded if asked, into its eligibility trace or its clipped weight. */
fn change(p: Plastic, s: u32, amount: f32) {
  let w = fw(p.weights + s);
  let wMin = fw(p.k + K_WMIN);
  let wMax = fw(p.k + K_WMAX);
  var d = amount;
  if ((p.flags & u32(KF_MULTIPLICATIVE)) != 0u) {
    d = select(d * (w - wMin), d * (wMax - w), d > 0.0);
  }
  if (p.elig != 0u) {
    set_fw(p.elig + s, fw(p.elig + s) + d);
    return;
  }
  set_fw(p.weights + s, clip(p, w + d));
}

/** w clipped to [wMin, wMax] with wasm's compare-and-select (clamp may differ on signed zeros). */
fn clip(p: Plastic, w: f32) -> f32 {
  let wMin = fw(p.k + K_WMIN);
  let wMax = fw(p.k + K_WMAX);
  return select(select(w, wMax, w > wMax), wMin, w < wMin);
}

/** A trace after a spike: 1 (nearest pairing) or one more than its value now. */
fn bumped(p: Plastic, now: f32) -> f32 {
  return select(now + 1.0, 1.0, (p.flags & u32(KF_NEAREST)) != 0u);
}
