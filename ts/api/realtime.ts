/**
 * A real-time-factor meter: model seconds simulated per wall-clock second, over the recent
 * past (a sliding window of wall time), so a closed loop or a progress bar sees the current
 * speed rather than an average since the start. Above 1, the network runs faster than real time.
 */
export class RealTimeMeter {
  private readonly samples: { model: number; wall: number }[] = [];
  private modelSum = 0;
  private wallSum = 0;

  /** @param window wall-clock seconds of history the factor averages over */
  constructor(private readonly window = 2) {}

  /** Records that `modelSeconds` of model time took `wallSeconds` of wall time. */
  add(modelSeconds: number, wallSeconds: number): void {
    this.samples.push({ model: modelSeconds, wall: wallSeconds });
    this.modelSum += modelSeconds;
    this.wallSum += wallSeconds;
    // Keep at least the newest sample, however long it took.
    while (this.samples.length > 1 && this.wallSum - this.samples[0]!.wall >= this.window) {
      const old = this.samples.shift()!;
      this.modelSum -= old.model;
      this.wallSum -= old.wall;
    }
  }

  /** Model seconds per wall second over the window (NaN before the first sample, Infinity for no wall time). */
  get factor(): number {
    if (this.samples.length === 0) return NaN;
    return this.wallSum > 0 ? this.modelSum / this.wallSum : Infinity;
  }
}
