/**
 * SHA-256 (hex) of a spike raster: the (step, neuron) pairs sorted by step then neuron,
 * written as little-endian u32 pairs. Equal rasters give equal hashes on every host.
 */
export async function rasterHash(steps: ArrayLike<number>, neurons: ArrayLike<number>): Promise<string> {
  const n = steps.length;
  const order = Array.from({ length: n }, (_, i) => i);
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) {
    sorted = steps[i - 1]! < steps[i]! || (steps[i - 1] === steps[i] && neurons[i - 1]! <= neurons[i]!);
  }
  if (!sorted) order.sort((a, b) => steps[a]! - steps[b]! || neurons[a]! - neurons[b]!);
  const bytes = new DataView(new ArrayBuffer(n * 8));
  order.forEach((src, k) => {
    bytes.setUint32(8 * k, steps[src]!, true);
    bytes.setUint32(8 * k + 4, neurons[src]!, true);
  });
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
