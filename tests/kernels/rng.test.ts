// The counter-based generator and the deterministic math it relies on, against published
// known answers and the host's own functions.
import { describe, expect, it } from 'vitest';
import { detExp, detLog } from '../../ts/model/random/detmath.js';
import { philox } from '../../ts/model/random/philox.js';
import { RandomStream } from '../../ts/model/random/stream.js';
import { mean } from '../support/helpers.js';

describe('Philox4x32-10', () => {
  // Random123's kat_vectors: counter (4 words), key (2 words) -> output (4 words).
  const kat: [number[], number[], number[]][] = [
    [[0, 0, 0, 0], [0, 0], [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8]],
    [[0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff], [0xffffffff, 0xffffffff], [0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd]],
    [[0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], [0xa4093822, 0x299f31d0], [0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1]],
  ];
  it.each(kat)('matches Random123 for counter %j key %j', (ctr, key, expected) => {
    const out = new Uint32Array(4);
    philox(ctr[0]!, ctr[1]!, ctr[2]!, ctr[3]!, key[0]!, key[1]!, out);
    expect(Array.from(out)).toEqual(expected);
  });
});

describe('deterministic exp and log', () => {
  it('agree with Math.exp and Math.log to within 2 ulp over their range', () => {
    const ulp = (x: number) => Math.abs(x) * 2.3e-16;
    for (let k = 0; k < 20000; k++) {
      const x = -700 + (1400 * k) / 20000 + 1e-3 * Math.sin(k);
      expect(Math.abs(detExp(x) - Math.exp(x))).toBeLessThanOrEqual(2 * ulp(Math.exp(x)));
      const y = Math.exp(x);
      expect(Math.abs(detLog(y) - Math.log(y))).toBeLessThanOrEqual(2 * Math.max(ulp(Math.log(y)), 2.3e-16));
    }
    expect(detLog(5e-324)).toBeCloseTo(Math.log(5e-324), 10);
    expect(detExp(0)).toBe(1);
    expect(detLog(1)).toBe(0);
    expect(detLog(0)).toBeNaN();
  });
});

describe('RandomStream', () => {
  const stream = () => new RandomStream([1234, 0], 1, 0);
  it('draws uniforms in [0, 1) with mean 1/2 and variance 1/12', () => {
    const rng = stream();
    const xs = Array.from({ length: 100000 }, () => rng.uniform());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(mean(xs)).toBeCloseTo(0.5, 2);
    expect(mean(xs.map((x) => (x - 0.5) ** 2))).toBeCloseTo(1 / 12, 3);
  });
  it('draws standard normals (mean 0, std 1, 4th moment 3)', () => {
    const rng = stream();
    const xs = Array.from({ length: 100000 }, () => rng.normal());
    expect(mean(xs)).toBeCloseTo(0, 1);
    expect(mean(xs.map((x) => x * x))).toBeCloseTo(1, 1);
    expect(mean(xs.map((x) => x ** 4))).toBeGreaterThan(2.85);
    expect(mean(xs.map((x) => x ** 4))).toBeLessThan(3.15);
  });
  it('draws unbiased integers below n', () => {
    const rng = stream();
    const counts = new Array(7).fill(0);
    for (let k = 0; k < 70000; k++) counts[rng.below(7)]++;
    for (const c of counts) expect(Math.abs(c - 10000)).toBeLessThan(500);
  });
  it('gives a different sequence for another seed or stream, the same for the same', () => {
    const a = Array.from({ length: 8 }, ((r) => () => r.nextU32())(stream()));
    const b = Array.from({ length: 8 }, ((r) => () => r.nextU32())(stream()));
    const c = Array.from({ length: 8 }, ((r) => () => r.nextU32())(new RandomStream([1235, 0], 1, 0)));
    const d = Array.from({ length: 8 }, ((r) => () => r.nextU32())(new RandomStream([1234, 0], 1, 1)));
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    expect(d).not.toEqual(a);
  });
});
