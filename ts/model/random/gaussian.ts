import { detLog } from './detmath.js';
import { philox } from './philox.js';

const out = new Uint32Array(4);

/** One polar-method try (Marsaglia): the normal number, or NaN when the pair is rejected. */
function polar(a: number, b: number): number {
  const x = (a + 0.5) * 4.656612873077393e-10 - 1; // 2^-31
  const y = (b + 0.5) * 4.656612873077393e-10 - 1;
  const s = x * x + y * y;
  if (s >= 1) return NaN;
  return x * Math.sqrt((-2 * detLog(s)) / s);
}

/**
 * A standard normal number for Philox counter (c0, c1, c2): the twin of
 * assembly/rng.ts `gaussianAt`, used by the reference backend for per-step noise.
 */
export function gaussianAt(c0: number, c1: number, c2: number, k0: number, k1: number): number {
  for (let c3 = 0; ; c3++) {
    philox(c0, c1, c2, c3, k0, k1, out);
    let z = polar(out[0]!, out[1]!);
    if (z === z) return z;
    z = polar(out[2]!, out[3]!);
    if (z === z) return z;
  }
}
