// Modulators (one thread), after every population's update as in assembly/plasticity/modulators.ts:
// each relaxes to its baseline and adds its gain per spike of its source populations this step.
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
  // Further sources (the drive table), in order.
  let drives = region(0u, H_DRV);
  for (var d = 0u; d < img[H_NDRV]; d++) {
    let drive = drives + d * u32(MD_WORDS);
    let cell = table + img[drive + MD_MODULATOR] * u32(MO_WORDS) + MO_VALUE;
    set_fw(cell, fw(cell) + fw(drive + MD_GAIN) * f32(img[pop_record(img[drive + MD_SOURCE]) + P_NSPIKES]));
  }
}
