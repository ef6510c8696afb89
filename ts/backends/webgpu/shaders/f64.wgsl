// WGSL has no f64. The image keeps some values as f64 (STDP traces and their decay factors);
// these read them into f32 (rounded to nearest even; results below f32's normal range become 0)
// and write f32 values back as f64 (exactly), so readers of the image still find f64 there.

fn f64_to_f32(lo: u32, hi: u32) -> f32 {
  let sign = hi & 0x80000000u;
  let e = i32((hi >> 20u) & 0x7ffu) - 1023 + 127;
  if (e <= 0) { return bitcast<f32>(sign); }
  if (e >= 255) { return bitcast<f32>(sign | 0x7f800000u); }
  let mantissa = ((hi & 0xfffffu) << 3u) | (lo >> 29u);
  let rest = lo & 0x1fffffffu;
  var bits = sign | (u32(e) << 23u) | mantissa;
  if (rest > 0x10000000u || (rest == 0x10000000u && (mantissa & 1u) == 1u)) { bits += 1u; }
  return bitcast<f32>(bits);
}

fn load_f64(at: u32) -> f32 {
  return f64_to_f32(img[at], img[at + 1u]);
}

fn store_f64(at: u32, x: f32) {
  let bits = bitcast<u32>(x);
  let e = (bits >> 23u) & 0xffu;
  if (e == 0u) {
    img[at] = 0u;
    img[at + 1u] = bits & 0x80000000u;
    return;
  }
  img[at] = (bits & 7u) << 29u;
  img[at + 1u] = (bits & 0x80000000u) | ((e - 127u + 1023u) << 20u) | ((bits & 0x7fffffu) >> 3u);
}
