import * as abi from '../../assembly/abi.js';
import type { Backend } from '../backends/backend.js';
import { buildNetwork, stateProbe, type BuiltNetwork } from '../model/build.js';
import type {
  ConnectRule, ModelName, ModulatorDescription, MonitorDescription, NetworkDescription, PlasticityDescription, PopulationDescription,
  Selection, StpDescription, ValueSpec,
} from '../model/description.js';
import { checkF32, checkNumber } from '../model/params.js';
import { writeSnapshot } from '../io/snapshot.js';
import { probeCell } from '../layout/image.js';
import { fail, shown } from './errors.js';
import { modulatorValue, modulatorWrite } from './modulators.js';
import { stepTimes, WeightMonitor, type RateData, type SpikeData, type StateData, type WeightData } from './monitors.js';
import { Runner } from './runner.js';
import { stepRunner, type StepInput, type StepResult } from './stream.js';

export interface ConnectOptions {
  receptor: string;
  rule: ConnectRule | { p: number; autapses?: boolean };
  weight?: ValueSpec;
  delay?: ValueSpec;
  name?: string;
  plasticity?: PlasticityDescription;
  stp?: StpDescription;
}

/** A population, or a slice of one; `slice` narrows it further. */
export class PopulationRef {
  constructor(
    protected readonly net: Network,
    readonly index: number,
    readonly start: number,
    readonly stop: number,
  ) {}

  get size(): number {
    return this.stop - this.start;
  }

  /** @internal Whether this handle belongs to `net`. */
  of(net: Network): boolean {
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
  constructor(net: Network, index: number, size: number, readonly name: string) {
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
  constructor(private readonly net: Network, readonly index: number, readonly name: string) {}

  /** @internal Whether this handle belongs to `net`. */
  of(net: Network): boolean {
    return this.net === net;
  }

  /** A copy of every synapse: pre, post, weight and delay, in CSR order (ascending pre, then post). */
  async weights(): Promise<SynapseTable> {
    return this.net.readSynapses(this.index);
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

/** Spike and rate monitors watch whole populations (filter the indices for a part of one). */
function wholePopulation(what: string, ref: PopulationRef): void {
  if (ref.start !== 0 || !(ref instanceof Population)) {
    fail('E_PARAM', what, `watches a whole population, not a slice (got [${ref.start}, ${ref.stop}) of population ${ref.index})`);
  }
}

/** A monitor's handle; read() returns copies of what has been recorded so far. */
export class Monitor<T> {
  constructor(private readonly net: Network, readonly index: number, readonly name: string) {}

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

/**
 * A network under construction, then running. Populations, projections, inputs and
 * monitors can be added until the first run; then it is built (connectivity drawn,
 * memory laid out and loaded) and structural changes are refused.
 */
export class Network {
  private readonly desc: NetworkDescription;
  private runner: Runner | null = null;
  private building: Promise<Runner> | null = null;
  /** Operations on the running network, one at a time (a forgotten await must not interleave runs). */
  private queue: Promise<unknown> = Promise.resolve();
  /** Model time asked for so far; each run rounds the end time, not its own duration. */
  private targetTime: number;

  constructor(
    private readonly backend: () => Promise<Backend>,
    description: NetworkDescription,
    private readonly options: { keepRaster?: boolean; resume?: { image: Uint8Array; targetTime: number } } = {},
  ) {
    this.targetTime = options.resume?.targetTime ?? 0;
    this.desc = structuredClone(description);
    this.desc.projections ??= [];
    this.desc.inputs ??= [];
    this.desc.monitors ??= [];
    this.desc.populations ??= [];
  }

  get dt(): number {
    return this.desc.dt;
  }

  /** Model time simulated so far, in seconds. */
  get time(): number {
    return (this.runner?.steps ?? 0) * this.desc.dt;
  }

  get steps(): number {
    return this.runner?.steps ?? 0;
  }

  population(size: number, model: ModelName, params: Record<string, unknown> = {}, init: Record<string, ValueSpec> = {}, name?: string): Population {
    this.mutable('population');
    const index = this.desc.populations.length;
    const desc: PopulationDescription = structuredClone({ size, model, params, init, ...(name === undefined ? {} : { name }) });
    this.desc.populations.push(desc);
    return new Population(this, index, size, name ?? `population${index}`);
  }

  connect(pre: PopulationRef, post: PopulationRef, options: ConnectOptions): Projection {
    this.mutable('projection');
    const projections = this.desc.projections!;
    const index = projections.length;
    const { receptor, rule, weight, delay, name, plasticity, stp } = options;
    projections.push(structuredClone({
      pre: pre.selection(),
      post: post.selection(),
      receptor,
      rule: rule as ConnectRule,
      ...(weight === undefined ? {} : { weight }),
      ...(delay === undefined ? {} : { delay }),
      ...(name === undefined ? {} : { name }),
      ...(plasticity === undefined ? {} : { plasticity }),
      ...(stp === undefined ? {} : { stp }),
    }));
    return new Projection(this, index, name ?? `projection${index}`);
  }

  /** Declares a modulator (dopamine, reward, error, ...) that modulated plasticity can read. */
  modulator(name: string, options: Omit<ModulatorDescription, 'name'>): void {
    this.mutable('modulator');
    (this.desc.modulators ??= []).push(structuredClone({ name, ...options }));
  }

  /** Adds `amount` to a modulator's value now (a reward, a dopamine burst, an error signal). */
  async modulate(name: string, amount: number): Promise<void> {
    checkNumber('modulate.amount', amount, 'any');
    return this.exclusive((runner) => modulatorWrite(runner, name, amount, 'modulate.name')());
  }

  /** A modulator's value now. */
  async modulatorValue(name: string): Promise<number> {
    return this.exclusive((runner) => modulatorValue(runner, name, 'modulatorValue.name'));
  }

  /** A piecewise-constant input current: amplitudes[k] from times[k] on (0 before times[0]). */
  currentStep(target: PopulationRef, times: number[], amplitudes: number[]): void {
    this.mutable('input');
    this.desc.inputs!.push(structuredClone({ type: 'current_step', target: target.selection(), times, amplitudes }));
  }

  monitorSpikes(population: Population, name?: string): Monitor<SpikeData> {
    wholePopulation('monitorSpikes', population);
    return this.monitor({ type: 'spikes', population: population.index, ...(name ? { name } : {}) });
  }

  /** Samples variables of chosen neurons (default: all) every `every` steps. */
  monitorState(population: PopulationRef, variables: string[], options: { neurons?: number[]; every?: number; name?: string } = {}): Monitor<StateData> {
    // On a slice, neurons are relative to the slice; the monitor stores population indices.
    const neurons = (options.neurons ?? Array.from({ length: population.size }, (_, i) => i)).map((i) => {
      if (!Number.isInteger(i) || i < 0 || i >= population.size) fail('E_INDEX', 'monitorState.neurons', `neuron index ${shown(i)} out of range [0, ${population.size})`);
      return population.start + i;
    });
    return this.monitor({ type: 'state', population: population.index, variables, ...options, neurons });
  }

  /** Population rate in bins of `bin` seconds (default 1 ms). */
  monitorRate(population: Population, options: { bin?: number; name?: string } = {}): Monitor<RateData> {
    wholePopulation('monitorRate', population);
    return this.monitor({ type: 'rate', population: population.index, ...options });
  }

  /** A population of this network by name or index (e.g. one declared in a model file). */
  getPopulation(ref: string | number): Population {
    const k = this.indexOf('population', this.desc.populations.map((p, i) => p.name ?? `population${i}`), ref);
    return new Population(this, k, this.desc.populations[k]!.size, this.desc.populations[k]!.name ?? `population${k}`);
  }

  getProjection(ref: string | number): Projection {
    const names = this.desc.projections!.map((j, i) => j.name ?? `projection${i}`);
    const k = this.indexOf('projection', names, ref);
    return new Projection(this, k, names[k]!);
  }

  /** Samples the weights of a projection (all synapses, or chosen ones by CSR index) every `every` steps. */
  monitorWeights(projection: Projection, options: { synapses?: number[]; every: number; name?: string }): Monitor<WeightData> {
    if (!(projection instanceof Projection) || !projection.of(this)) fail('E_PARAM', 'monitorWeights.projection', `must be a projection of this network (got ${shown(projection)})`);
    return this.monitor({ type: 'weights', projection: projection.index, ...options });
  }

  /**
   * A monitor by name or index. A weights monitor without `every` keeps no samples: read its
   * projection's final table with getProjection(name).weights().
   */
  getMonitor<T = SpikeData | StateData | RateData | WeightData>(ref: string | number): Monitor<T> {
    const names = this.desc.monitors!.map((m, i) => m.name ?? `monitor${i}`);
    const k = this.indexOf('monitor', names, ref);
    const m = this.desc.monitors![k]!;
    if (m.type === 'weights' && m.every === undefined) fail('E_PARAM', `monitor ${shown(ref)}`, 'is a weights monitor without every: read the table with getProjection(name).weights()');
    return new Monitor<T>(this, k, names[k]!);
  }

  /** Runs for `duration` seconds of model time (rounded to whole steps). */
  async run(duration: number): Promise<void> {
    checkNumber('run.duration', duration, 'nonnegative');
    return this.exclusive(async (runner) => {
      const target = Math.round((this.targetTime + duration) / this.desc.dt);
      if (target > 0xffffffff) fail('E_PARAM', 'run.duration', `the network would pass step 2^32 (${target} steps of ${this.desc.dt} s)`);
      this.targetTime += duration;
      await runner.run(target - runner.steps);
    });
  }

  /**
   * Runs `steps` steps after applying `input` (currents, Poisson rates, arriving spikes) and
   * returns the spikes of just those steps; see ts/api/stream.ts. Bit for bit the same as run().
   */
  async step(steps: number, input: StepInput = {}): Promise<StepResult> {
    return this.exclusive(async (runner) => {
      const result = await stepRunner(this, runner, steps, input, (p, rates, path) => this.checkedRates(runner, p, rates, path));
      this.targetTime += result.steps * this.desc.dt; // keeps run()'s rounding carry
      return result;
    });
  }

  /**
   * The whole simulation state as one portable blob (docs/snapshot-format.md): description,
   * layout image (state, delay rings with spikes in flight, synapses) and step count.
   * `sim.restore(blob)` continues it, on any host, with the same bits. Monitors' recorded
   * data is not included.
   */
  async snapshot(): Promise<Uint8Array> {
    return this.exclusive(async (runner) => writeSnapshot({
      description: this.toJSON(),
      keepRaster: this.options.keepRaster ?? false,
      step: runner.steps,
      targetTime: this.targetTime,
      image: await runner.image(),
    }));
  }

  /** The description, as a JSON model file holds it. */
  toJSON(): NetworkDescription {
    return structuredClone({ format: 'spikewasm-model', version: 1, ...this.desc });
  }

  /** The built network (after the first run, or after build()). */
  async build(): Promise<BuiltNetwork> {
    return (await this.start()).net;
  }

  /** Synaptic events delivered so far. */
  async synapticEvents(): Promise<number> {
    return this.exclusive((runner) => runner.synapticEvents());
  }

  /** Every recorded spike as (step, global neuron index), when the network keeps a raster. */
  raster(): { steps: Uint32Array; neurons: Int32Array } {
    const r = this.runner?.raster;
    return r ? { steps: r.steps.copy(), neurons: r.neurons.copy() } : { steps: new Uint32Array(0), neurons: new Int32Array(0) };
  }

  /** @internal */
  clearMonitor(index: number): void {
    this.runner?.monitors[index]?.clear();
  }

  /** @internal */
  monitorData(index: number): unknown {
    const m = this.runner?.monitors[index];
    if (m instanceof WeightMonitor) return m.readWeights();
    if (m) return m.read();
    const desc = this.desc.monitors![index]!;
    if (desc.type === 'spikes') return { times: new Float64Array(0), indices: new Int32Array(0), steps: new Uint32Array(0) };
    if (desc.type === 'rate') return { times: new Float64Array(0), rates: new Float64Array(0), counts: new Int32Array(0) };
    if (desc.type === 'state') return { times: new Float64Array(0), neurons: desc.neurons ?? [], values: {} };
    if (desc.type === 'weights') return { times: new Float64Array(0), synapses: desc.synapses ?? [], weights: new Float32Array(0) };
    return null;
  }

  /** @internal */
  async readVariable(population: number, variable: string): Promise<Float32Array | Int32Array> {
    return this.exclusive((runner) => this.readVariableOf(runner, population, variable));
  }

  private async readVariableOf(runner: Runner, population: number, variable: string): Promise<Float32Array | Int32Array> {
    const pop = runner.net.populations[population]!;
    const probe = stateProbe(`populations[${population}].get`, variable, pop);
    const bytes = await runner.backend.read(probeCell(runner.net, population, probe.kind, probe.index, 0), pop.size * 4);
    return probe.isInt ? new Int32Array(bytes) : new Float32Array(bytes);
  }

  /** @internal */
  async setRates(population: number, rates: number | ArrayLike<number>): Promise<void> {
    return this.exclusive((runner) => this.setRatesOf(runner, population, rates));
  }

  private async setRatesOf(runner: Runner, population: number, rates: number | ArrayLike<number>): Promise<void> {
    await this.checkedRates(runner, population, rates, `populations[${population}].setRates`)();
  }

  /** Checks new Poisson rates (Hz) of a whole population; returns the write that applies them. */
  private checkedRates(runner: Runner, population: number, rates: unknown, path: string): () => Promise<void> {
    const pop = runner.net.populations[population]!;
    if (pop.model.name !== 'poisson') fail('E_MODEL', path, `only poisson populations have rates (this one is ${pop.model.name})`);
    if (typeof rates !== 'number' && (rates === null || typeof rates !== 'object' || typeof (rates as ArrayLike<number>).length !== 'number')) {
      fail('E_PARAM', path, `must be a number or an array of numbers (got ${shown(rates)})`);
    }
    const values = typeof rates === 'number' ? new Array<number>(pop.size).fill(rates) : Array.from(rates as ArrayLike<number>);
    if (values.length !== pop.size) fail('E_PARAM', path, `has ${values.length} rates, expected ${pop.size}`);
    const prob = Float32Array.from(values, (r, i) => {
      checkNumber(`${path}[${i}]`, r, 'nonnegative');
      if (r * this.desc.dt > 1) fail('E_PARAM', `${path}[${i}]`, `rate ${r} Hz exceeds 1/dt`);
      return Math.fround(r * this.desc.dt);
    });
    const layout = runner.net.layout.populations[population]!;
    return () => runner.backend.write(layout.params + abi.PO_PROB * layout.nPad * 4, prob);
  }

  /** @internal */
  async readSynapses(projection: number): Promise<SynapseTable> {
    return this.exclusive((runner) => this.readSynapsesOf(runner, projection));
  }

  private async readSynapsesOf(runner: Runner, projection: number): Promise<SynapseTable> {
    const proj = runner.net.projections[projection]!;
    const j = runner.net.layout.projections[projection]!;
    const n = proj.csr.col.length;
    const rowPtr = new Int32Array(await runner.backend.read(j.rowPtr, (proj.pre.stop - proj.pre.start + 1) * 4));
    const col = new Int32Array(await runner.backend.read(j.col, n * 4));
    const weight = j.weights ? new Float32Array(await runner.backend.read(j.weights, n * 4)) : new Float32Array(n).fill(proj.sharedWeight);
    const stored = j.delays ? await runner.backend.read(j.delays, n * j.delayBytes) : null;
    const delaySteps = !stored ? new Uint16Array(n).fill(proj.sharedDelay) : j.delayBytes === 1 ? new Uint8Array(stored) : new Uint16Array(stored);
    const pre = new Int32Array(n);
    for (let r = 0; r + 1 < rowPtr.length; r++) pre.fill(proj.pre.start + r, rowPtr[r]!, rowPtr[r + 1]!);
    return { pre, post: col, weight, delay: stepTimes(delaySteps, this.desc.dt) };
  }

  /** @internal */
  async setWeights(projection: number, weights: number | ArrayLike<number>): Promise<void> {
    return this.exclusive(async (runner) => {
      const proj = runner.net.projections[projection]!;
      const layout = runner.net.layout.projections[projection]!;
      const path = `projections[${projection}].setWeights`;
      if (!layout.weights) fail('E_MODEL', path, `projection '${proj.name}' has one shared weight; give it per-synapse weights or plasticity to change them one by one`);
      const n = proj.csr.col.length;
      if (typeof weights !== 'number' && (weights === null || typeof weights !== 'object' || typeof weights.length !== 'number')) {
        fail('E_PARAM', path, `must be a number or an array of numbers (got ${shown(weights)})`);
      }
      const values = typeof weights === 'number' ? new Array<number>(n).fill(weights) : Array.from(weights);
      if (values.length !== n) fail('E_PARAM', path, `has ${values.length} weights, expected ${n} (one per synapse)`);
      const conductance = runner.net.populations[proj.post.population]!.model.receptorRules?.needsReversal ?? false;
      const [lo, hi] = proj.plasticity ? [proj.plasticity.wMin, proj.plasticity.wMax] : [conductance ? 0 : -Infinity, Infinity];
      values.forEach((w, i) => {
        checkF32(`${path}[${i}]`, w, 'any');
        if (w < lo || w > hi) fail('E_PARAM', `${path}[${i}]`, `must lie within [${lo}, ${hi}] (got ${w})`);
      });
      await runner.backend.write(layout.weights, Float32Array.from(values));
    });
  }

  /** @internal */
  async setLearningRate(projection: number, rate: number): Promise<void> {
    return this.exclusive(async (runner) => {
      const proj = runner.net.projections[projection]!;
      const layout = runner.net.layout.projections[projection]!;
      const path = `projections[${projection}].setLearningRate`;
      if (!proj.plasticity || !layout.plastic) fail('E_MODEL', path, `projection '${proj.name}' is not plastic`);
      checkF32(path, rate, 'nonnegative');
      await runner.backend.write(layout.plastic.block + abi.K_RATE * 4, new Float32Array([rate]));
      // The description follows, so toJSON() and snapshots restart with the rate in force.
      this.desc.projections![projection]!.plasticity!.learningRate = rate;
    });
  }

  private indexOf(kind: string, names: string[], ref: string | number): number {
    const k = typeof ref === 'number' ? ref : names.indexOf(ref);
    if (!Number.isInteger(k) || k < 0 || k >= names.length) fail('E_INDEX', kind, `no ${kind} ${shown(ref)} (have: ${names.join(', ') || 'none'})`);
    return k;
  }

  private monitor<T>(desc: MonitorDescription): Monitor<T> {
    this.mutable('monitor');
    const index = this.desc.monitors!.length;
    this.desc.monitors!.push(structuredClone(desc));
    return new Monitor<T>(this, index, desc.name ?? `monitor${index}`);
  }

  private mutable(what: string): void {
    if (this.building) fail('E_STATE', what, 'cannot be added once the network has been built (by its first run or a first read of its state)');
  }

  /** Runs an operation on the built network after every operation asked for before it. */
  private exclusive<T>(operation: (runner: Runner) => Promise<T>): Promise<T> {
    const result = this.queue.then(() => this.start()).then(operation);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private start(): Promise<Runner> {
    this.building ??= (async () => {
      const backend = await this.backend();
      try {
        const built = buildNetwork(this.desc, { recordAllSpikes: this.options.keepRaster ?? false, connectivity: backend.connectivity });
        this.runner = await Runner.start(built, backend, this.options.keepRaster ?? false, this.options.resume?.image);
      } catch (e) {
        backend.dispose(); // a failed build or load leaves nothing behind
        throw e;
      }
      this.options.resume = undefined; // the backend holds the image now; keep no second copy
      return this.runner;
    })().catch((e: unknown) => {
      this.building = null; // a description that failed to build can still be extended and retried
      throw e;
    });
    return this.building;
  }
}
