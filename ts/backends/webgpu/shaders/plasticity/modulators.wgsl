// Modulators (one thread), after every population's update as in assembly/plasticity/modulators.ts:
// each relaxes to its baseline and adds its gain per spike of its source population this step.
// All f32, as on wasm.

@compute @workgroup_size(1)
fn main() {
  if (stopped()) { return; }
  let table = region(0u, H_MODS);
  for (var m = 0u; m < img[H_NMODS]; m++) {
    let rec = table + m * u32(MO_WORDS);
    let baseline = fw(rec + MO_BASELINE);
    var value = (fw(rec + MO_VALUE) - baseline) * fw(rec + MO_DECAY) + baseline;
    let source = bitcast<i32>(img[rec + MO_SOURCE]);
    if (source >= 0) { value = value + fw(rec + MO_GAIN) * f32(img[pop_record(u32(source)) + P_NSPIKES]); }
    set_fw(rec + MO_VALUE, value);
  }
}
