// Couplings (one thread), before the populations update, as in assembly/synapses/couplings.ts:
// every target cleared, then each coupling in table order, rows ascending, synapses in CSR
// order, the same f32 operations, so the sums are deterministic. Electrical synapses add to
// both of their neurons, so threads over rows would race; one thread keeps wasm's order (the
// graded activation is exp_f32 of equations/math.wgsl, wasm's expF32).

fn coupling(c: u32) -> u32 {
  return region(0u, H_CPL) + c * u32(CP_WORDS);
}

/** Word index of the per-neuron array `slot` of block `k` (P_STATE, P_PARAMS) of a population record. */
fn neuron_array(rec: u32, k: u32, slot: u32) -> u32 {
  return region(rec, k) + slot * img[rec + P_NPAD];
}

@compute @workgroup_size(1)
fn main() {
  if (stopped()) { return; }
  let n = img[H_NCPL];
  for (var c = 0u; c < n; c++) {
    let cp = coupling(c);
    let post = pop_record(img[proj_record(img[cp + CP_PROJ]) + J_POST]);
    let into = neuron_array(post, P_PARAMS, img[cp + CP_CURRENT]);
    for (var i = 0u; i < img[post + P_NPAD]; i++) { img[into + i] = 0u; }
  }
  for (var c = 0u; c < n; c++) {
    let cp = coupling(c);
    let proj = proj_record(img[cp + CP_PROJ]);
    let pre = pop_record(img[proj + J_PRE]);
    let post = pop_record(img[proj + J_POST]);
    let preStart = img[proj + J_PRE_START];
    let rows = img[proj + J_PRE_END] - preStart;
    let rowPtr = region(proj, J_ROWPTR);
    let col = region(proj, J_COL);
    let weights = img[proj + J_W] / 4u;
    let vPre = neuron_array(pre, P_STATE, img[cp + CP_V_PRE]);
    let vPost = neuron_array(post, P_STATE, img[cp + CP_V_POST]);
    let into = neuron_array(post, P_PARAMS, img[cp + CP_CURRENT]);
    let electrical = img[cp + CP_KIND] == u32(COUPLING_ELECTRICAL);
    for (var r = 0u; r < rows; r++) {
      let i = preStart + r;
      let vi = fw(vPre + i);
      var s = 0.0;
      if (!electrical) { s = 1.0 / (1.0 + exp_f32((fw(cp + CP_VTH) - vi) * fw(cp + CP_INV_SLOPE))); }
      var intoI = 0.0;
      for (var k = img[rowPtr + r]; k < img[rowPtr + r + 1u]; k++) {
        let j = img[col + k];
        let g = select(fw(proj + J_W_SHARED), fw(weights + k), weights != 0u);
        if (electrical) {
          let flow = g * (fw(vPost + j) - vi);
          intoI = intoI + flow;
          set_fw(into + j, fw(into + j) - flow);
        } else {
          set_fw(into + j, fw(into + j) + g * s * (fw(cp + CP_EREV) - fw(vPost + j)));
        }
      }
      if (electrical) { set_fw(into + i, fw(into + i) + intoI); }
    }
  }
}
