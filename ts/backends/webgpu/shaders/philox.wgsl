// Philox4x32-10, the twin of assembly/rng.ts and ts/model/random/philox.ts (same counters, same
// bits). WGSL has no 64-bit integers, so the 32x32 -> 64 products are built from 16-bit halves.

fn mul_hi(a: u32, b: u32) -> u32 {
  let a0 = a & 0xffffu;
  let a1 = a >> 16u;
  let b0 = b & 0xffffu;
  let b1 = b >> 16u;
  let p01 = a0 * b1;
  let p10 = a1 * b0;
  let mid = ((a0 * b0) >> 16u) + (p01 & 0xffffu) + (p10 & 0xffffu);
  return a1 * b1 + (p01 >> 16u) + (p10 >> 16u) + (mid >> 16u);
}

fn philox(counter: vec4u, key: vec2u) -> vec4u {
  var c = counter;
  var k = key;
  for (var r = 0u; r < 10u; r++) {
    if (r > 0u) {
      k += vec2u(0x9e3779b9u, 0xbb67ae85u);
    }
    let m0 = 0xd2511f53u;
    let m1 = 0xcd9e8d57u;
    c = vec4u(mul_hi(m1, c.z) ^ c.y ^ k.x, m1 * c.z, mul_hi(m0, c.x) ^ c.w ^ k.y, m0 * c.x);
  }
  return c;
}

/** Third counter word: purpose in the high byte, object index below (streamWord in rng.ts). */
fn stream_word(purpose: u32, index: u32) -> u32 {
  return (purpose << 24u) | (index & 0xffffffu);
}
