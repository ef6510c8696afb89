// STDP, modulated phase (stdp.wgsl), first in a modulated projection's step: one thread per
// synapse moves its weight by rate dt m c (m: the modulator now), clipped, then decays its
// eligibility trace c. f32, in the order of assembly/plasticity/stdp.ts `driveByModulator`.

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  if (stopped()) { return; }
  let p = open_plastic();
  let s = thread_index(gid, groups, 64u);
  if (s >= img[p.proj + J_NSYN]) { return; }
  let m = fw(region(0u, H_MODS) + img[p.k + K_MOD] * u32(MO_WORDS) + MO_VALUE);
  let g = fw(p.k + K_RATE) * fw(p.k + K_DT) * m;
  let c = fw(p.elig + s);
  if (g != 0.0) { set_fw(p.weights + s, clip(p, fw(p.weights + s) + c * g)); }
  set_fw(p.elig + s, c * fw(p.k + K_ELIG_DECAY));
}
