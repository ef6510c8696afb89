// The start of a step (one thread), as in assembly/engine.ts: stop when a record buffer lacks
// room for one more step (every later dispatch then returns at once and the host reads how many
// steps ran), apply the current events due, sample the state monitors' cells, point spike lists
// at this step's history slot.

@compute @workgroup_size(1)
fn main() {
  if (stopped()) { return; }
  let spikeCap = img[H_SPK_CAP];
  let cells = img[H_ST_N];
  let countCap = img[H_CNT_CAP];
  if ((spikeCap > 0u && spikeCap - img[H_SPK_LEN] < img[H_SPK_NEED])
      || (cells > 0u && img[H_ST_CAP] - img[H_ST_LEN] < cells)
      || (countCap > 0u && countCap - img[H_CNT_LEN] < img[H_NPOPS])) {
    atomicStore(&aux[AUX_STOP], 1u);
    return;
  }
  let step = img[H_STEP];
  let events = region(0u, H_EVT);
  var pos = img[H_EVT_POS];
  while (pos < img[H_EVT_N]) {
    let e = events + pos * u32(EVENT_WORDS);
    if (img[e] > step) { break; }
    img[img[e + 1u] / 4u] = img[e + 2u];
    pos++;
  }
  img[H_EVT_POS] = pos;
  let gather = region(0u, H_ST_GATHER);
  let out = region(0u, H_ST_REC);
  var len = img[H_ST_LEN];
  for (var k = 0u; k < cells; k++) {
    if (step % img[gather + 2u * k + 1u] != 0u) { continue; }
    img[out + len] = img[img[gather + 2u * k] / 4u];
    len++;
  }
  img[H_ST_LEN] = len;
  // Populations with a spike history (plasticity reads it) list this step's spikes in its slot.
  for (var p = 0u; p < img[H_NPOPS]; p++) {
    let rec = pop_record(p);
    let slots = img[rec + P_HIST_LEN];
    if (slots != 0u) { img[rec + P_SPIKES] = img[rec + P_HIST] + (step % slots) * img[rec + P_NPAD] * 4u; }
  }
}
