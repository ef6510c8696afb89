import { detLog, logUniform32 } from './detmath.js';
import { philox, streamWord } from './philox.js';

/**
 * A sequential stream of random numbers for building a network (connectivity, weights,
 * delays, initial values). It walks the Philox counter (block, 0, stream, 0), so the same
 * seed and stream give the same numbers in every host and however the network is built.
 */
export class RandomStream {
  readonly key0: number;
  readonly key1: number;
  /** The counter's third word (purpose and object index). */
  readonly stream: number;
  private block = 0;
  private readonly words = new Uint32Array(4);
  private used = 4;

  constructor(key: readonly [number, number], purpose: number, index: number) {
    this.key0 = key[0];
    this.key1 = key[1];
    this.stream = streamWord(purpose, index);
  }

  nextU32(): number {
    if (this.used === 4) {
      philox(this.block >>> 0, Math.floor(this.block / 4294967296), this.stream, 0, this.key0, this.key1, this.words);
      this.block++;
      this.used = 0;
    }
    return this.words[this.used++]!;
  }

  /** Nothing drawn yet: the stream is at its first block. */
  get untouched(): boolean {
    return this.block === 0 && this.used === 4;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.nextU32() >>> 5; // 27 bits
    const lo = this.nextU32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform integer in [0, n), n <= 2^32, without modulo bias. */
  below(n: number): number {
    const limit = 4294967296 - (4294967296 % n);
    for (;;) {
      const x = this.nextU32();
      if (x < limit) return x % n;
    }
  }

  /** Standard normal (Marsaglia polar method). */
  normal(): number {
    for (;;) {
      const x = 2 * this.uniform() - 1;
      const y = 2 * this.uniform() - 1;
      const s = x * x + y * y;
      if (s < 1 && s > 0) return x * Math.sqrt((-2 * detLog(s)) / s);
    }
  }

  /**
   * Number of failures before the first success of a Bernoulli(p) sequence (0 < p < 1), by
   * inversion of one 32-bit uniform (enough for connectivity; it is drawn once per synapse).
   */
  geometric(logOneMinusP: number): number {
    return Math.floor(logUniform32(this.nextU32()) / logOneMinusP);
  }
}
