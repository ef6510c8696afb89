// The handles a network gives out: populations (and slices of them), projections and monitors.
// They reach their network through NetworkAccess, the few operations they need, so this file
// does not depend on network.ts.
import { fail, shown } from '../errors.js';
import type { Selection } from '../model/description.js';

/** What a handle asks of its network (implemented by Network; not part of the public API). */
export interface NetworkAccess {
  readVariable(population: number, variable: string): Promise<Float32Array | Int32Array>;
  setRates(population: number, rates: number | ArrayLike<number>): Promise<void>;
  readSynapses(projection: number): Promise<SynapseTable>;
  readSynapseVariable(projection: number, variable: string): Promise<Float32Array>;
  setWeights(projection: number, weights: number | ArrayLike<number>): Promise<void>;
  setLearningRate(projection: number, rate: number): Promise<void>;
  monitorData(index: number): unknown;
  clearMonitor(index: number): void;
}

/** A population, or a slice of one; `slice` narrows it further. */
export class PopulationRef {
  constructor(
    protected readonly net: NetworkAccess,
    readonly index: number,
    readonly start: number,
    readonly stop: number,
  ) {}

  get size(): number {
    return this.stop - this.start;
  }

  /** @internal Whether this handle belongs to `net`. */
  of(net: NetworkAccess): boolean {
    return this.net === net;
  }

  /** Neurons [start, stop) of this selection (indices relative to it). */
  slice(start: number, stop = this.size): PopulationRef {
    if (!Number.isInteger(start) || !Number.isInteger(stop) || start < 0 || stop > this.size || start >= stop) {
      fail('E_INDEX', `populations[${this.index}].slice`, `[${shown(start)}, ${shown(stop)}) is not a non-empty range within [0, ${this.size})`);
    }
    return new PopulationRef(this.net, this.index, this.start + start, this.start + stop);
  }

  selection(): Selection {
    return { population: this.index, start: this.start, stop: this.stop };
  }
}

export class Population extends PopulationRef {
  constructor(net: NetworkAccess, index: number, size: number, readonly name: string) {
    super(net, index, 0, size);
  }

  /** A copy of a state variable (or receptor state) of every neuron, as it is now. */
  async get(variable: string): Promise<Float32Array | Int32Array> {
    return this.net.readVariable(this.index, variable);
  }

  /** Poisson populations: new rates (Hz; one number or one per neuron) from the next step on. */
  async setRates(rates: number | ArrayLike<number>): Promise<void> {
    return this.net.setRates(this.index, rates);
  }
}

export interface SynapseTable {
  /** Presynaptic indices within the pre population. */
  pre: Int32Array;
  /** Postsynaptic indices within the post population. */
  post: Int32Array;
  weight: Float32Array;
  /** Delays in seconds (whole steps). */
  delay: Float64Array;
}

export class Projection {
  constructor(private readonly net: NetworkAccess, readonly index: number, readonly name: string) {}

  /** @internal Whether this handle belongs to `net`. */
  of(net: NetworkAccess): boolean {
    return this.net === net;
  }

  /** A copy of every synapse: pre, post, weight and delay, in CSR order (ascending pre, then post). */
  async weights(): Promise<SynapseTable> {
    return this.net.readSynapses(this.index);
  }

  /**
   * A variable of the projection's synapse model (written as equations), one value per synapse
   * in CSR order: event-driven ones as of each synapse's last event.
   */
  async get(variable: string): Promise<Float32Array> {
    return this.net.readSynapseVariable(this.index, variable);
  }

  /** New weights (one number, or one per synapse in CSR order) from the next step on; projections with per-synapse weights. */
  async setWeights(weights: number | ArrayLike<number>): Promise<void> {
    return this.net.setWeights(this.index, weights);
  }

  /** Plastic projections: a new learning rate from the next step on (0 freezes the weights, 1 is as described). */
  async setLearningRate(rate: number): Promise<void> {
    return this.net.setLearningRate(this.index, rate);
  }
}

/** A monitor's handle; read() returns copies of what has been recorded so far. */
export class Monitor<T> {
  constructor(private readonly net: NetworkAccess, readonly index: number, readonly name: string) {}

  read(): T {
    return this.net.monitorData(this.index) as T;
  }

  /**
   * Forgets what has been recorded so far (a long closed loop keeps its memory bounded); recording
   * goes on. Like read(), it acts at once, not after operations still pending: await a run or
   * step before clearing what it records.
   */
  clear(): void {
    this.net.clearMonitor(this.index);
  }
}
