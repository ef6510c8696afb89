// What monitors hold after a run: copies in plain typed arrays, grown as chunks are drained.

/** An appendable typed array. */
export class Growable<T extends Float64Array | Int32Array | Uint32Array | Float32Array> {
  private data: T;
  length = 0;

  constructor(private readonly make: (n: number) => T) {
    this.data = make(1024);
  }

  push(x: number): void {
    this.reserve(1);
    this.data[this.length++] = x;
  }

  /** Appends every value of `values` (one copy, for the drained chunks of a run). */
  append(values: ArrayLike<number>): void {
    this.reserve(values.length);
    this.data.set(values, this.length);
    this.length += values.length;
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.data.length) return;
    let size = this.data.length * 2;
    while (size < this.length + extra) size *= 2;
    const bigger = this.make(size);
    bigger.set(this.data.subarray(0, this.length));
    this.data = bigger;
  }

  /** Forgets the values so far (keeps the storage). */
  clear(): void {
    this.length = 0;
  }

  /** A copy of the values so far. */
  copy(): T {
    return this.data.slice(0, this.length) as T;
  }
}

/**
 * Times in seconds of steps (step * dt). A plain loop: `Float64Array.from` with a mapping
 * function took about 9 ms for 94k spikes in a fresh process, the loop under 3.
 */
export function stepTimes(steps: ArrayLike<number>, dt: number): Float64Array {
  const times = new Float64Array(steps.length);
  for (let k = 0; k < steps.length; k++) times[k] = steps[k]! * dt;
  return times;
}

export interface SpikeData {
  /** Spike times in seconds (step * dt). */
  times: Float64Array;
  /** Neuron indices within the population. */
  neurons: Int32Array;
  /** Steps at which the spikes happened. */
  steps: Uint32Array;
}

export class SpikeMonitor {
  readonly steps = new Growable((n) => new Uint32Array(n));
  readonly neurons = new Growable((n) => new Int32Array(n));

  constructor(readonly name: string, readonly population: number, private readonly dt: number) {}

  read(): SpikeData {
    const steps = this.steps.copy();
    return { steps, neurons: this.neurons.copy(), times: stepTimes(steps, this.dt) };
  }

  get count(): number {
    return this.steps.length;
  }

  clear(): void {
    this.steps.clear();
    this.neurons.clear();
  }
}

export interface StateData {
  /** Sample times in seconds (values at the start of each sampled step). */
  times: Float64Array;
  /** The sampled neurons (indices within the population). */
  neurons: number[];
  /** values[variable][sample * neurons.length + k] for neuron neurons[k]. */
  values: Record<string, Float32Array | Int32Array>;
}

export class StateMonitor {
  readonly sampleSteps = new Growable((n) => new Uint32Array(n));
  readonly bits: Growable<Uint32Array>[];

  constructor(
    readonly name: string,
    readonly population: number,
    readonly variables: { name: string; isInt: boolean }[],
    readonly neurons: number[],
    readonly every: number,
    private readonly dt: number,
  ) {
    this.bits = variables.map(() => new Growable((n) => new Uint32Array(n)));
  }

  clear(): void {
    this.sampleSteps.clear();
    for (const b of this.bits) b.clear();
  }

  read(): StateData {
    const values: Record<string, Float32Array | Int32Array> = {};
    this.variables.forEach((v, k) => {
      const raw = this.bits[k]!.copy();
      values[v.name] = v.isInt ? new Int32Array(raw.buffer) : new Float32Array(raw.buffer);
    });
    return { times: stepTimes(this.sampleSteps.copy(), this.dt), neurons: [...this.neurons], values };
  }
}

export interface RateData {
  /** Start of each bin in seconds. */
  times: Float64Array;
  /** Population rate in each bin, in Hz (spikes per neuron per second). */
  rates: Float64Array;
  /** Spikes in each bin. */
  counts: Int32Array;
}

export class RateMonitor {
  /** Spikes per step of the population since step `firstStep`. */
  readonly perStep = new Growable((n) => new Int32Array(n));
  /**
   * @param firstStep the step the kept counts start at: where the network was when the monitor
   *   started (a restored snapshot's step), moved forward by clear()
   */
  constructor(
    readonly name: string, readonly population: number, readonly size: number, readonly binSteps: number, private readonly dt: number,
    private firstStep = 0,
  ) {}

  read(): RateData {
    const perStep = this.perStep.copy();
    // Bins stay aligned to step 0: a cleared or restored monitor's first bin may be partial.
    const offset = this.firstStep % this.binSteps;
    const bins = Math.ceil((perStep.length + offset) / this.binSteps);
    const counts = new Int32Array(bins);
    perStep.forEach((c, s) => (counts[Math.floor((s + offset) / this.binSteps)]! += c));
    const start = this.firstStep - offset;
    const rates = Float64Array.from(counts, (c, b) => {
      const from = Math.max(start + b * this.binSteps, this.firstStep);
      const to = Math.min(start + (b + 1) * this.binSteps, this.firstStep + perStep.length);
      return c / (this.size * (to - from) * this.dt);
    });
    return { times: Float64Array.from({ length: bins }, (_, b) => Math.max(start + b * this.binSteps, this.firstStep) * this.dt), rates, counts };
  }

  clear(): void {
    this.firstStep += this.perStep.length;
    this.perStep.clear();
  }
}

export interface WeightData {
  /** Sample times in seconds (weights at the start of each sampled step). */
  times: Float64Array;
  /** The sampled synapses (CSR indices of the projection). */
  synapses: number[];
  /** weights[sample * synapses.length + k] for synapse synapses[k]. */
  weights: Float32Array;
  /** When the projection's delays learn: its delays in seconds, unrounded, laid out as `weights`. */
  delays?: Float64Array;
}

/** Weights (and delays that learn) of chosen synapses every k steps: sampled by the kernel like state variables. */
export class WeightMonitor extends StateMonitor {
  constructor(name: string, readonly projection: number, synapses: number[], every: number, private readonly stepSeconds: number, delays: boolean) {
    super(name, -1, [{ name: 'weight', isInt: false }, ...(delays ? [{ name: 'delay', isInt: false }] : [])], synapses, every, stepSeconds);
  }

  readWeights(): WeightData {
    const { times, neurons, values } = super.read();
    const data: WeightData = { times, synapses: neurons, weights: values.weight as Float32Array };
    // The kernel keeps learned delays in steps.
    if (values.delay) data.delays = Float64Array.from(values.delay, (steps) => steps * this.stepSeconds);
    return data;
  }
}
