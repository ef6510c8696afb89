// Bindings and helpers every program shares. The abi constants (H_*, P_*, J_*, C_*, ...) are
// prepended from assembly/abi.ts when the program is assembled (ts/backends/webgpu/programs.ts).
//
// img: the layout image (ts/layout/plan.ts) as u32 words, uploaded once; f32 fields are bitcast.
// aux: GPU-private words: the stop flag, the synaptic-event counters, receptor scales and the
//      per-population spike bitmaps (AUX_* below; the rest is laid out in webgpu-backend.ts load).
// params: which population or projection this dispatch works on, and its fixed-point scales.

struct Params {
  index: u32,   // population or projection index
  acc: u32,     // word offset of the (post) population's fixed-point delay ring in acc
  bitmap: u32,  // word offset of the population's spike bitmap in aux
  scales: u32,  // word offset of the population's per-receptor inverse scales (f32) in aux
  scale: f32,   // propagate, stdp-pre: 2^k of the target receptor (weight -> fixed point)
}

@group(0) @binding(0) var<storage, read_write> img: array<u32>;
@group(0) @binding(2) var<storage, read_write> aux: array<atomic<u32>>;
@group(0) @binding(3) var<uniform> params: Params;

const AUX_STOP: u32 = 0u;      // 1 once a step found a record buffer full: later work is skipped
const AUX_EVENTS: u32 = 1u;    // synaptic events of the current step
const AUX_EVENTS_LO: u32 = 2u; // events of this run, 64 bits (lo, hi)
const AUX_EVENTS_HI: u32 = 3u;

fn stopped() -> bool {
  return atomicLoad(&aux[AUX_STOP]) != 0u;
}

fn fw(k: u32) -> f32 {
  return bitcast<f32>(img[k]);
}

fn set_fw(k: u32, x: f32) {
  img[k] = bitcast<u32>(x);
}

/** Word index of a population record / projection record. */
fn pop_record(p: u32) -> u32 {
  return img[H_POPS] / 4u + p * u32(P_WORDS);
}

fn proj_record(j: u32) -> u32 {
  return img[H_PROJS] / 4u + j * u32(J_WORDS);
}

/** Word index of the region whose byte offset is stored in word k of record rec. */
fn region(rec: u32, k: u32) -> u32 {
  return img[rec + k] / 4u;
}

/** One thread index over a grid that may be split in y (at most 65535 workgroups per dimension). */
fn thread_index(gid: vec3u, groups: vec3u, size: u32) -> u32 {
  return gid.x + gid.y * groups.x * size;
}
