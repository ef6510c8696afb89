// A small seeded generator for the examples' own randomness (templates, jitter, trial order):
// mulberry32, uniform in [0, 1). The simulator's own random numbers come from its Philox streams;
// this only makes an example's inputs follow its seed, the same in every JavaScript host.

/** Uniform numbers in [0, 1) from a 32-bit seed (mulberry32). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
