// The spike bitmap of one population -> its spike list in ascending index (P_SPIKES,
// P_NSPIKES), as the wasm kernel writes it, and the spike record's steps and global indices
// (two arrays, docs/abi.md) when the population is recorded. One workgroup: each thread
// counts the set bits of a run of bitmap words, an exclusive scan gives each run its place,
// then each writes its indices and clears its words for the next step.

const THREADS: u32 = 256u;
var<workgroup> counts: array<u32, 256>;
// stop flag, bitmap words, spike-record fill level at the start
var<workgroup> shared_in: array<u32, 3>;

@compute @workgroup_size(256)
fn main(@builtin(local_invocation_index) t: u32) {
  let rec = pop_record(params.index);
  if (t == 0u) {
    shared_in[0] = atomicLoad(&aux[AUX_STOP]);
    shared_in[1] = (img[rec + P_NPAD] + 31u) / 32u;
    shared_in[2] = img[H_SPK_LEN];
  }
  let input = workgroupUniformLoad(&shared_in);
  if (input[0] != 0u) { return; }
  let words = input[1];
  let per = (words + THREADS - 1u) / THREADS;
  let first = min(t * per, words);
  let last = min(first + per, words);
  var count = 0u;
  for (var w = first; w < last; w++) {
    count += countOneBits(atomicLoad(&aux[params.bitmap + w]));
  }
  counts[t] = count;
  workgroupBarrier();
  var at = 0u;
  for (var k = 0u; k < t; k++) { at += counts[k]; }
  let spikes = region(rec, P_SPIKES);
  let recorded = img[rec + P_RECORD] != 0u;
  let outSteps = region(0u, H_SPK_REC);
  let outNeurons = outSteps + img[H_SPK_CAP];
  let step = img[H_STEP];
  let gStart = img[rec + P_GSTART];
  let len = input[2];
  for (var w = first; w < last; w++) {
    var bits = atomicLoad(&aux[params.bitmap + w]);
    atomicStore(&aux[params.bitmap + w], 0u);
    while (bits != 0u) {
      let i = w * 32u + countTrailingZeros(bits);
      bits &= bits - 1u;
      img[spikes + at] = i;
      if (recorded) {
        img[outSteps + len + at] = step;
        img[outNeurons + len + at] = gStart + i;
      }
      at++;
    }
  }
  if (t == THREADS - 1u) {
    img[rec + P_NSPIKES] = at;
    let slots = img[rec + P_HIST_LEN];
    if (slots != 0u) { img[region(rec, P_HIST_CNT) + step % slots] = at; }
    if (recorded) { img[H_SPK_LEN] = len + at; }
  }
}
